//! Registries from `data/`: regions, districts, schools with aliases, indicator frameworks.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A region (субъект РФ).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Идентификатор латиницей.
    pub id: String,
    /// Название: «Иркутская область».
    pub name: String,
}

/// A municipal district.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct District {
    /// Идентификатор латиницей: `usolsky`.
    pub id: String,
    /// Полное название.
    pub name: String,
    /// Короткое название: «Усольский район».
    #[serde(default)]
    pub short_name: Option<String>,
    /// Регион (идентификатор).
    pub region: String,
    /// Другие написания.
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl District {
    /// The name for lists and headings.
    pub fn display_name(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

/// The type of an educational organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SchoolType {
    /// Общеобразовательная школа.
    School,
    /// Детский сад.
    Kindergarten,
    /// Организация дополнительного образования.
    Additional,
    /// Методическая служба, колледж, иное.
    Other,
}

/// A school, kindergarten or other organisation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct School {
    /// Идентификатор латиницей.
    pub id: String,
    /// Полное название.
    pub name: String,
    /// Короткое название для списков.
    #[serde(default)]
    pub short_name: Option<String>,
    /// Район (идентификатор).
    pub district: String,
    /// Тип организации.
    #[serde(rename = "type", default = "default_school_type")]
    pub kind: SchoolType,
    /// Другие написания, встреченные в документах.
    #[serde(default)]
    pub aliases: Vec<String>,
}

fn default_school_type() -> SchoolType {
    SchoolType::School
}

impl School {
    /// The name for lists.
    pub fn display_name(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

/// An indicator defined by a regional framework.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkIndicator {
    /// Идентификатор в системе показателей.
    pub id: String,
    /// Название.
    pub name: String,
    /// Единица: %, чел., ед.
    #[serde(default)]
    pub unit: Option<String>,
    /// Целевое значение, как в документе.
    #[serde(default)]
    pub target: Option<String>,
    /// Срок.
    #[serde(default)]
    pub deadline: Option<String>,
    /// Группа.
    #[serde(default)]
    pub group: Option<String>,
}

/// A regional set of indicator definitions.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Идентификатор (совпадает с именем файла).
    pub id: String,
    /// Название.
    pub title: String,
    /// Регион.
    pub region: String,
    /// Документ, который вводит систему показателей (страница).
    #[serde(default)]
    pub source: Option<String>,
    /// Показатели.
    #[serde(default)]
    pub indicators: Vec<FrameworkIndicator>,
}

/// Reduces a school or district name to a key that ignores spacing, case, quotes and
/// `ё`, so that `СОШ №20`, `СОШ № 20` and `сош 20` meet; Latin letters mixed into a
/// Russian name are read as their Cyrillic twins (`COШ № 2O` is `СОШ № 20`).
pub fn name_key(s: &str) -> String {
    fold_lookalikes(s)
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The Cyrillic letter a Latin one looks like: a keyboard left in the Latin layout types
/// «COШ» for «СОШ», and nobody sees it.
fn cyrillic_twin(c: char) -> Option<char> {
    let twin = match c {
        'A' => 'А',
        'a' => 'а',
        'B' => 'В',
        'C' => 'С',
        'c' => 'с',
        'E' => 'Е',
        'e' => 'е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'o' => 'о',
        'P' => 'Р',
        'p' => 'р',
        'T' => 'Т',
        'X' => 'Х',
        'x' => 'х',
        'y' => 'у',
        _ => return None,
    };
    Some(twin)
}

/// `s` with the look-alike Latin letters of a Russian name made Cyrillic (only when it
/// has a Cyrillic letter: «sosh-20» stays Latin), and a letter О standing for a zero
/// beside digits («№ 2O», «№ 1О0») made the digit.
pub fn fold_lookalikes(s: &str) -> String {
    let russian = s
        .chars()
        .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'));
    let chars: Vec<char> = s
        .chars()
        .map(|c| match russian {
            true => cyrillic_twin(c).unwrap_or(c),
            false => c,
        })
        .collect();
    let mut out: Vec<char> = chars.clone();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].is_alphabetic() {
            k += 1;
            continue;
        }
        let end = (k..chars.len())
            .find(|&j| !chars[j].is_alphabetic())
            .unwrap_or(chars.len());
        let by_digit = (k > 0 && chars[k - 1].is_ascii_digit())
            || chars.get(end).is_some_and(char::is_ascii_digit);
        if by_digit
            && chars[k..end]
                .iter()
                .all(|c| matches!(c, 'О' | 'о' | 'O' | 'o'))
        {
            out[k..end].fill('0');
        }
        k = end;
    }
    out.into_iter().collect()
}

/// Words that name an educational organisation of the kind `data/schools.yaml` lists:
/// school, gymnasium, lyceum, kindergarten, additional education, and their abbreviations.
static SCHOOL_WORDS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:сош|оош|нош|сш|[мг]б?а?к?оу|м[бак]?доу|доу|доо|м[ба]у?до|ддт|цдт|цдо|дши|дюсш|д/с)\b|школ|гимнази|лице[йяюе]|детск\w*\s+сад|\bсад\b|дом\w*\s+детского|дополнительного\s+образования",
    )
    .expect("the school words are a valid regex")
});

/// True when `name` reads as the name of a school, kindergarten or centre of additional
/// education («СОШ № 7», «Детский сад № 12», «МБОУ «Лицей»»), not of another body
/// («ГАУ ДПО ИРО», «Иркутский государственный университет»).
pub fn looks_like_school(name: &str) -> bool {
    SCHOOL_WORDS.is_match(&fold_lookalikes(name))
}

/// What a name resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved<'a> {
    /// Exactly one entry.
    One(&'a str),
    /// Nothing matches.
    Unknown,
    /// Several entries match; their ids.
    Ambiguous(Vec<&'a str>),
}

/// Registries that could not all be read (their errors are reported where they are): a
/// name missing from one may be among what could not be read, so a reference to it is
/// not an error of its own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Incomplete {
    /// `data/regions.yaml`.
    pub regions: bool,
    /// `data/districts.yaml`.
    pub districts: bool,
    /// `data/schools.yaml`.
    pub schools: bool,
    /// A file of `data/frameworks/`.
    pub frameworks: bool,
}

/// Every registry of the site, with alias indexes.
#[derive(Debug, Clone, Default)]
pub struct Registries {
    /// Registries with entries that could not be read.
    pub incomplete: Incomplete,
    /// Regions by id.
    pub regions: Vec<Region>,
    /// Districts.
    pub districts: Vec<District>,
    /// Schools.
    pub schools: Vec<School>,
    /// Indicator frameworks.
    pub frameworks: Vec<Framework>,
    district_keys: HashMap<String, Vec<usize>>,
    school_keys: HashMap<String, Vec<usize>>,
    // Lookups by id run for every reference of every page: a map, not a scan.
    district_ids: HashMap<String, usize>,
    school_ids: HashMap<String, usize>,
    // Built once per build: every page's text is read against every spelling at once.
    school_text: super::SchoolMatcher,
}

impl Registries {
    /// Builds the alias indexes.
    pub fn new(
        regions: Vec<Region>,
        districts: Vec<District>,
        schools: Vec<School>,
        frameworks: Vec<Framework>,
    ) -> Registries {
        let mut district_keys: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in districts.iter().enumerate() {
            let names = [&d.id, &d.name]
                .into_iter()
                .chain(d.short_name.iter())
                .chain(d.aliases.iter());
            for n in names {
                add_key(&mut district_keys, name_key(n), i);
            }
        }
        let mut school_keys: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, s) in schools.iter().enumerate() {
            let names = [&s.id, &s.name]
                .into_iter()
                .chain(s.short_name.iter())
                .chain(s.aliases.iter());
            for n in names {
                add_key(&mut school_keys, name_key(n), i);
            }
        }
        let district_ids = ids(districts.iter().map(|d| d.id.as_str()));
        let school_ids = ids(schools.iter().map(|s| s.id.as_str()));
        let school_text = super::SchoolMatcher::new(&schools);
        Registries {
            incomplete: Incomplete::default(),
            regions,
            districts,
            schools,
            frameworks,
            district_keys,
            school_keys,
            district_ids,
            school_ids,
            school_text,
        }
    }

    /// The schools named in a free text, in order, each with what it resolves to on a
    /// page of `district` (which narrows a spelling shared by schools of two districts).
    pub fn schools_in<'a>(
        &'a self,
        text: &str,
        district: Option<&str>,
    ) -> Vec<(std::ops::Range<usize>, Resolved<'a>)> {
        self.school_text
            .find(text)
            .into_iter()
            .map(|f| (f.range, self.narrow(&f.schools, district)))
            .collect()
    }

    /// The schools of `found` (indexes) that a page of `district` means.
    fn narrow(&self, found: &[usize], district: Option<&str>) -> Resolved<'_> {
        let local: Vec<usize> = match district {
            Some(d) if found.len() > 1 => found
                .iter()
                .copied()
                .filter(|i| self.schools[*i].district == d)
                .collect(),
            _ => found.to_vec(),
        };
        let pick = if local.is_empty() { found } else { &local };
        match pick {
            [] => Resolved::Unknown,
            [i] => Resolved::One(&self.schools[*i].id),
            many => {
                Resolved::Ambiguous(many.iter().map(|i| self.schools[*i].id.as_str()).collect())
            }
        }
    }

    /// Finds a district by id, name or alias; an exact id is never ambiguous (a repeated
    /// id is an error of the registry, reported there once, not on every page).
    pub fn resolve_district(&self, name: &str) -> Resolved<'_> {
        if let Some(d) = self.district(name) {
            return Resolved::One(&d.id);
        }
        match self.district_keys.get(&name_key(name)).map(Vec::as_slice) {
            None | Some([]) => Resolved::Unknown,
            Some([i]) => Resolved::One(&self.districts[*i].id),
            Some(many) => Resolved::Ambiguous(
                many.iter()
                    .map(|i| self.districts[*i].id.as_str())
                    .collect(),
            ),
        }
    }

    /// Finds a school by id, name or alias; `district` narrows an ambiguous name. An
    /// exact id is never ambiguous.
    pub fn resolve_school(&self, name: &str, district: Option<&str>) -> Resolved<'_> {
        if let Some(s) = self.school(name) {
            return Resolved::One(&s.id);
        }
        match self.school_keys.get(&name_key(name)) {
            Some(found) => self.narrow(found, district),
            None => Resolved::Unknown,
        }
    }

    /// A district by id.
    pub fn district(&self, id: &str) -> Option<&District> {
        self.district_ids.get(id).map(|i| &self.districts[*i])
    }

    /// A region by id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// A school by id.
    pub fn school(&self, id: &str) -> Option<&School> {
        self.school_index(id).map(|i| &self.schools[i])
    }

    /// The position of a school in [`Registries::schools`], by id.
    pub fn school_index(&self, id: &str) -> Option<usize> {
        self.school_ids.get(id).copied()
    }

    /// A framework by id.
    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.id == id)
    }
}

/// Id → index; the first entry wins, as a scan would find it.
fn ids<'a>(list: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for (i, id) in list.enumerate() {
        out.entry(id.to_string()).or_insert(i);
    }
    out
}

fn add_key(keys: &mut HashMap<String, Vec<usize>>, key: String, i: usize) {
    let entry = keys.entry(key).or_default();
    if !entry.contains(&i) {
        entry.push(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn school(id: &str, short: &str, district: &str, aliases: &[&str]) -> School {
        School {
            id: id.into(),
            name: format!("МБОУ «{short}»"),
            short_name: Some(short.into()),
            district: district.into(),
            kind: SchoolType::School,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn spellings_of_one_school_resolve_to_its_id() {
        let reg = Registries::new(
            vec![],
            vec![],
            vec![school(
                "sosh-20",
                "СОШ № 20",
                "usolsky",
                &["Средняя школа 20"],
            )],
            vec![],
        );
        for name in [
            "СОШ №20",
            "СОШ № 20",
            "сош 20",
            "Средняя школа 20",
            "sosh-20",
        ] {
            assert_eq!(
                reg.resolve_school(name, None),
                Resolved::One("sosh-20"),
                "{name}"
            );
        }
        assert_eq!(reg.resolve_school("СОШ 3", None), Resolved::Unknown);
    }

    /// «COШ № 2O» (Latin C and O typed in the Latin layout) stayed plain text instead of
    /// naming the school.
    #[test]
    fn latin_look_alikes_in_a_russian_name_are_folded() {
        let reg = Registries::new(
            vec![],
            vec![],
            vec![school("sosh-20", "СОШ № 20", "usolsky", &[])],
            vec![],
        );
        for name in ["COШ № 2O", "СOШ №20", "CОШ № 2О", "сош 2o", "COШ № 20"] {
            assert!(looks_like_school(name), "{name}");
            assert_eq!(
                reg.resolve_school(name, None),
                Resolved::One("sosh-20"),
                "{name}"
            );
        }
        assert_eq!(fold_lookalikes("COШ № 2O"), "СОШ № 20");
        assert_eq!(fold_lookalikes("№ 1О0"), "№ 100");
        // A Latin name stays Latin; a word О beside no digit stays a letter.
        assert_eq!(fold_lookalikes("sosh-20 Co"), "sosh-20 Co");
        assert_eq!(fold_lookalikes("ООО «Кот» 2"), "ООО «Кот» 2");
        assert_eq!(reg.resolve_school("СОШ № 2", None), Resolved::Unknown);
    }

    #[test]
    fn school_names_are_told_from_other_bodies() {
        for school in [
            "СОШ № 7",
            "МБОУ «Белая СОШ»",
            "Тутурская школа",
            "Детский сад №12 «Якорёк»",
            "МБДОУ д/с № 3",
            "Гимназия № 1",
            "Белореченский лицей",
            "МБУДО ДДТ",
            "Дом детского творчества",
            "Новомальтинская ООШ",
        ] {
            assert!(looks_like_school(school), "{school}");
        }
        for other in [
            "ГАУ ДПО ИРО",
            "МБУ «ЦРО Усольского района»",
            "Иркутский государственный университет",
            "Комитет по образованию",
            "Сошествие",
        ] {
            assert!(!looks_like_school(other), "{other}");
        }
    }

    #[test]
    fn district_narrows_and_ambiguity_is_reported() {
        let reg = Registries::new(
            vec![],
            vec![],
            vec![
                school("usolsky-sosh-1", "СОШ № 1", "usolsky", &[]),
                school("zhig-sosh-1", "СОШ № 1", "zhigalovsky", &[]),
            ],
            vec![],
        );
        assert_eq!(
            reg.resolve_school("СОШ 1", Some("zhigalovsky")),
            Resolved::One("zhig-sosh-1")
        );
        assert!(
            matches!(reg.resolve_school("СОШ 1", None), Resolved::Ambiguous(v) if v.len() == 2)
        );
    }
}
