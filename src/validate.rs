//! Validate: references between pages and to registries, duplicate URLs.
//!
//! Input: parsed pages and registries. Output: [`Refs`] for every page (what each
//! reference resolved to); every dangling reference is a diagnostic with its location.

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Meta, Registries, Resolved};
use crate::parse::{Page, Section, UrlPath};
use std::collections::HashMap;

mod contacts;
mod dates;
mod mentions;
mod report_dates;
mod slugs;
mod urls;
pub use contacts::{check_personal_data, mobile_numbers, phone_key};
pub use mentions::{TextRole, TextSchool};
pub use slugs::MAX_SLUG;

/// What the references of one page resolved to.
#[derive(Debug, Clone, Default)]
pub struct Refs {
    /// District id.
    pub district: Option<String>,
    /// Region id (from the page or its district).
    pub region: Option<String>,
    /// Schools named by the page: (as written, id).
    pub schools: Vec<(String, String)>,
    /// Schools named in the text of the page's activities and body, found through the
    /// registry's spellings.
    pub text_schools: Vec<TextSchool>,
    /// The organisation of a practice, if it is a known school.
    pub organisation: Option<String>,
    /// Pages named in front matter: (field, index into pages).
    pub pages: Vec<(&'static str, usize)>,
    /// Pages the body links to.
    pub links: Vec<usize>,
    /// Fields naming a page whose front matter could not be read (so it is not in
    /// `pages`): what it holds is unknown, not absent.
    pub unreadable: Vec<&'static str>,
}

/// An index of pages by the keys Markdown and front matter use to name them.
pub struct PageIndex {
    by_key: HashMap<String, usize>,
    /// Pages whose front matter has errors: they exist, so links to them are not
    /// errors of their own (the page's errors are reported where they are).
    unbuilt: HashMap<String, usize>,
}

impl PageIndex {
    /// Indexes pages by key (`practices/shag`) and by URL (`practices/shag/`).
    pub fn new(pages: &[Page]) -> PageIndex {
        let mut by_key = HashMap::new();
        for (i, p) in pages.iter().enumerate() {
            by_key.insert(p.key.clone(), i);
            by_key.insert(p.url.as_str().trim_end_matches('/').to_string(), i);
        }
        PageIndex {
            by_key,
            unbuilt: HashMap::new(),
        }
    }

    /// Adds the pages that exist but could not be read (see [`crate::parse::page::Unbuilt`]).
    pub fn with_unbuilt(mut self, unbuilt: &[crate::parse::page::Unbuilt]) -> PageIndex {
        for (i, u) in unbuilt.iter().enumerate() {
            self.unbuilt.insert(u.key.clone(), i);
            let url = u.url.as_str().trim_end_matches('/').to_string();
            self.unbuilt.insert(url, i);
        }
        self
    }

    /// True if `name` (as [`PageIndex::find`] takes it) is a page that could not be read.
    pub fn is_unbuilt(&self, base: &str, name: &str) -> bool {
        lookup(&self.unbuilt, base, name).is_some()
    }

    /// Finds a page named `name` from a page in folder `base` (under `content/`): relative
    /// paths first, then from the content root; `.md`, `/index` and `@/` are optional.
    pub fn find(&self, base: &str, name: &str) -> Option<usize> {
        lookup(&self.by_key, base, name)
    }
}

fn lookup(keys: &HashMap<String, usize>, base: &str, name: &str) -> Option<usize> {
    // `План%20работы.md` names the file `План работы.md`.
    let decoded = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
    let name = decoded.trim().trim_start_matches("@/");
    let name = name.strip_suffix(".md").unwrap_or(name);
    let name = name.strip_suffix("/index").unwrap_or(name);
    let name = name.trim_end_matches('/');
    if let Some(abs) = name.strip_prefix('/') {
        return keys.get(abs).copied();
    }
    let joined = normalize(&format!("{base}/{name}"));
    keys.get(&joined).or_else(|| keys.get(name)).copied()
}

/// Resolves `.` and `..` in a `/`-separated path.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Checks every page's references; returns what they resolved to, one entry per page.
pub fn validate(
    pages: &[Page],
    sections: &[Section],
    reg: &Registries,
    diags: &mut Diagnostics,
) -> Vec<Refs> {
    validate_with(pages, sections, &PageIndex::new(pages), reg, diags)
}

/// [`validate`] with an index that also knows the pages that could not be read.
pub fn validate_with(
    pages: &[Page],
    sections: &[Section],
    index: &PageIndex,
    reg: &Registries,
    diags: &mut Diagnostics,
) -> Vec<Refs> {
    check_duplicate_urls(pages, sections, diags);
    pages.iter().for_each(|p| urls::check_page_urls(p, diags));
    pages.iter().for_each(|p| dates::check_page_dates(p, diags));
    let today = chrono::Local::now().date_naive();
    pages
        .iter()
        .for_each(|p| report_dates::check_report_dates(p, today, diags));
    slugs::check_url_lengths(pages, sections, diags);
    slugs::check_terms(pages, diags);
    pages
        .iter()
        .map(|p| page_refs(p, pages, index, reg, diags))
        .collect()
}

fn page_refs(
    p: &Page,
    pages: &[Page],
    index: &PageIndex,
    reg: &Registries,
    diags: &mut Diagnostics,
) -> Refs {
    let mut refs = Refs::default();
    place_refs(p, reg, &mut refs, diags);
    let unknown_ok = |r: &Resolved<'_>, incomplete: bool| incomplete && *r == Resolved::Unknown;
    let district = refs.district.clone();
    // A district that could not be read may be the one that tells schools apart.
    let district_lost = p.lost("district");
    let school = |path: &str, name: &str, diags: &mut Diagnostics| match reg
        .resolve_school(name, district.as_deref())
    {
        Resolved::One(id) => Some(id.to_string()),
        Resolved::Ambiguous(_) if district_lost => None,
        other if unknown_ok(&other, reg.incomplete.schools) => None,
        other => {
            diags.push(unresolved(
                p,
                path,
                "школа",
                name,
                &other,
                "data/schools.yaml",
            ));
            None
        }
    };
    for (path, name) in school_names(&p.meta) {
        if let Some(id) = school(&path, &name, diags) {
            // An activity's school counts once, as it did when names were listed.
            let repeated =
                path.starts_with("activities") && refs.schools.iter().any(|(n, _)| *n == name);
            if !repeated {
                refs.schools.push((name, id));
            }
        }
    }
    if !district_lost {
        refs.text_schools = mentions::text_schools(p, reg, district.as_deref(), diags);
    }
    if let Meta::Practice(pr) = &p.meta {
        refs.organisation = pr
            .organisation
            .as_deref()
            .and_then(|o| organisation(p, o, reg, district.as_deref(), diags));
    }
    for (field, path, name) in page_names(&p.meta) {
        match index.find(&p.dir(), &name) {
            Some(i) if pages[i].key != p.key => refs.pages.push((field, i)),
            // A page whose front matter has errors still exists: only its own errors count.
            None if index.is_unbuilt(&p.dir(), &name) => refs.unreadable.push(field),
            _ => {
                let pos = p.locate_in(&path, &name);
                diags.push(
                    Diagnostic::error(&p.src, format!("ссылка на несуществующую страницу «{name}»"))
                        .at_opt(pos)
                        .snippet(pos.map_or_else(|| format!("{field}: {name}"), |pos| p.line_at(pos)))
                        .hint("укажите путь к файлу страницы внутри content/, например «plans/zhigalovsky-2023»"),
                )
            }
        }
    }
    if let Meta::Regulation(r) = &p.meta {
        if let Some(fw) = &r.framework {
            if reg.framework(fw).is_none() && !reg.incomplete.frameworks {
                diags.push(unresolved(
                    p,
                    "framework",
                    "система показателей",
                    fw,
                    &Resolved::Unknown,
                    "data/frameworks/",
                ));
            }
        }
    }
    refs
}

/// The page's district and region: resolved into `refs`, an unknown one reported.
fn place_refs(p: &Page, reg: &Registries, refs: &mut Refs, diags: &mut Diagnostics) {
    // A registry that could not all be read may hold a name it does not know now: only
    // its own errors are reported (see `Incomplete`).
    let unknown_ok = |r: &Resolved<'_>, incomplete: bool| incomplete && *r == Resolved::Unknown;
    if let Some(d) = &p.common.district {
        match reg.resolve_district(d) {
            Resolved::One(id) => refs.district = Some(id.to_string()),
            other if unknown_ok(&other, reg.incomplete.districts) => {}
            other => diags.push(unresolved(
                p,
                "district",
                "район",
                d,
                &other,
                "data/districts.yaml",
            )),
        }
    }
    refs.region = p.common.region.clone().or_else(|| {
        refs.district
            .as_deref()
            .and_then(|d| reg.district(d))
            .map(|d| d.region.clone())
    });
    if let Some(r) = &p.common.region {
        if reg.region(r).is_none() && !reg.incomplete.regions {
            diags.push(unresolved(
                p,
                "region",
                "регион",
                r,
                &Resolved::Unknown,
                "data/regions.yaml",
            ));
        }
    }
}

/// The organisation of a practice is «школа из реестра или название»: a name that reads
/// as a school must be in the registry (a typo would silently lose the link to the
/// school's page), as the schools of other fields must; any other body stays text.
fn organisation(
    p: &Page,
    name: &str,
    reg: &Registries,
    district: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<String> {
    match reg.resolve_school(name, district) {
        Resolved::One(id) => Some(id.to_string()),
        Resolved::Unknown if !crate::model::looks_like_school(name) => None,
        Resolved::Ambiguous(_) if p.lost("district") => None,
        Resolved::Unknown if reg.incomplete.schools => None,
        other => {
            let mut d = unresolved(
                p,
                "organisation",
                "школа",
                name,
                &other,
                "data/schools.yaml",
            );
            if other == Resolved::Unknown {
                d = d.hint(organisation_hint(name, reg, district));
            }
            diags.push(d);
            None
        }
    }
}

/// «может быть, …?» with the nearest name of a school of the district, then how to add one.
fn organisation_hint(name: &str, reg: &Registries, district: Option<&str>) -> String {
    // «СОШ № 77» is not a typo of «СОШ № 20»: only names with the same numbers are near.
    let digits = |s: &str| -> String { s.chars().filter(char::is_ascii_digit).collect() };
    let names: Vec<&str> = reg
        .schools
        .iter()
        .filter(|s| district.is_none_or(|d| s.district == d))
        .flat_map(|s| std::iter::once(s.display_name()).chain(s.aliases.iter().map(String::as_str)))
        .filter(|n| digits(n) == digits(name))
        .collect();
    let add = "добавьте её в data/schools.yaml (запись или написание в aliases); название, не похожее на школу или детский сад, остаётся просто текстом";
    match crate::parse::frontmatter::closest(name, &names) {
        Some(best) => format!("может быть, «{best}»? Если это другая организация, {add}"),
        None => format!("если это организация района, {add}"),
    }
}

/// Every school a page names, with the path of the field that names it.
fn school_names(meta: &Meta) -> Vec<(String, String)> {
    let mut names = kind_school_names(meta);
    // Activities of plans and reports may name the schools they concern.
    if let Some(acc) = meta.accountability() {
        for (i, a) in acc.activities.iter().enumerate() {
            for (j, s) in a.schools.iter().enumerate() {
                names.push((format!("activities[{i}].schools[{j}]"), s.clone()));
            }
        }
    }
    names
}

fn kind_school_names(meta: &Meta) -> Vec<(String, String)> {
    let list = |field: &str, names: &[String]| -> Vec<(String, String)> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (format!("{field}[{i}]"), n.clone()))
            .collect()
    };
    match meta {
        Meta::Rmo(r) => list("schools", &r.schools),
        Meta::Roadmap(r) => r
            .schools
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("schools[{i}].school"), s.school.clone()))
            .collect(),
        Meta::Competition(c) => {
            let mut names = list("schools", &c.schools);
            for (i, w) in c.winners.iter().enumerate() {
                if let Some(s) = &w.school {
                    names.push((format!("winners[{i}].school"), s.clone()));
                }
            }
            names
        }
        Meta::Event(e) => list("schools", &e.schools),
        _ => Vec::new(),
    }
}

/// Pages a page names in its front matter: (field, path, name).
fn page_names(meta: &Meta) -> Vec<(&'static str, String, String)> {
    match meta {
        Meta::Report(r) => r
            .plan
            .iter()
            .map(|p| ("plan", "plan".to_string(), p.clone()))
            .collect(),
        Meta::Practice(p) => p
            .source_event
            .iter()
            .map(|e| ("source_event", "source_event".to_string(), e.clone()))
            .collect(),
        Meta::Rmo(r) => r
            .meetings
            .iter()
            .enumerate()
            .filter_map(|(i, m)| Some(("event", format!("meetings[{i}].event"), m.event.clone()?)))
            .collect(),
        _ => Vec::new(),
    }
}

/// A name the registry does not know (or knows twice), at the field `path` that holds it.
fn unresolved(
    p: &Page,
    path: &str,
    what: &str,
    name: &str,
    r: &Resolved<'_>,
    registry: &str,
) -> Diagnostic {
    let pos = p.locate_in(path, name);
    let d = Diagnostic::error(
        &p.src,
        match r {
            Resolved::Ambiguous(ids) => {
                format!(
                    "неоднозначное значение: {what} «{name}» — подходят {}",
                    ids.join(", ")
                )
            }
            _ => format!("неизвестное значение: {what} «{name}»"),
        },
    )
    .at_opt(pos)
    .snippet(
        pos.and_then(|pos| p.text.lines().nth(pos.line - 1))
            .unwrap_or(name),
    );
    d.hint(match r {
        Resolved::Ambiguous(_) => format!("укажите идентификатор из {registry}"),
        _ => format!("добавьте запись или написание (aliases) в {registry}"),
    })
}

/// URL prefixes of pages the build generates itself.
pub const RESERVED: [&str; 10] = [
    "district/",
    "subject/",
    "level/",
    "year/",
    "kind/",
    "tags/",
    "search/",
    "css/",
    "dashboard/",
    "schools/",
];

/// Two sources publishing at one URL would overwrite each other.
fn check_duplicate_urls(pages: &[Page], sections: &[Section], diags: &mut Diagnostics) {
    for p in pages {
        if let Some(prefix) = RESERVED.iter().find(|r| p.url.as_str().starts_with(*r)) {
            diags.push(
                Diagnostic::error(&p.src, format!("адрес {} занят служебными страницами сайта", p.url))
                    .hint(format!("адреса, начинающиеся с «{prefix}», metodist создаёт сам; перенесите файл в другую папку")),
            );
        }
    }
    type Source<'a> = (&'a std::path::Path, Option<&'a Page>);
    let mut seen: HashMap<&UrlPath, Source<'_>> = HashMap::new();
    let sources = pages
        .iter()
        .map(|p| (&p.url, (p.src.as_path(), Some(p))))
        .chain(
            sections
                .iter()
                .filter_map(|s| s.src.as_deref().map(|src| (&s.url, (src, None)))),
        );
    for (url, this) in sources {
        let Some(first) = seen.insert(url, this) else {
            continue;
        };
        // A `slug` that could not be read left the page at its file's address.
        if [this, first]
            .iter()
            .any(|s| s.1.is_some_and(|p| p.lost("slug")))
        {
            continue;
        }
        // A `slug` that leads to another page's address is the thing to change: the
        // error stands at it (this page's, else the first one's).
        fn with_slug<'a>(s: Source<'a>) -> Option<&'a Page> {
            s.1.filter(|p| p.common.slug.is_some())
        }
        let (at, other) = match (with_slug(this), with_slug(first)) {
            (Some(p), _) => (this.0, Some((p, first.0))),
            (None, Some(p)) => (first.0, Some((p, this.0))),
            (None, None) => (this.0, None),
        };
        let named = other.map_or(first.0, |(_, o)| o);
        let mut d = Diagnostic::error(
            at,
            format!("адрес {url} уже занят страницей {}", named.display()),
        )
        .hint("переименуйте файл или задайте другое поле slug");
        if let Some((p, _)) = other {
            let pos = p.locate_path("slug");
            d = d
                .at_opt(pos)
                .snippet(pos.map(|pos| p.line_at(pos)).unwrap_or_default());
        }
        diags.push(d);
    }
}

/// Anchors the theme adds to every page of a kind, so links to them are valid.
pub const TEMPLATE_ANCHORS: [&str; 6] = [
    "content",
    "indicators",
    "activities",
    "toc",
    "notes",
    "backlinks",
];

/// Checks links in page bodies (pages, files and `#anchors` must exist) and records the
/// pages each body links to in `refs`.
pub fn check_links(
    pages: &[Page],
    bodies: &[crate::markdown::Rendered],
    index: &PageIndex,
    assets: &std::collections::HashSet<String>,
    refs: &mut [Refs],
    diags: &mut Diagnostics,
) {
    use crate::body::{classify, Dest};
    let has_anchor = |i: usize, a: &str| {
        TEMPLATE_ANCHORS.contains(&a)
            || a.starts_with("fn")
            || a.starts_with("direction-")
            || bodies[i].headings.iter().any(|h| h.id == a)
    };
    for (i, (p, body)) in pages.iter().zip(bodies).enumerate() {
        let dir = p.dir();
        let lines = std::cell::OnceCell::new();
        let mut broken = crate::diag::Capped::new(diags);
        for link in &body.links {
            let dest = classify(&link.dest, &dir, index, assets);
            if let Dest::Page(t, _) = dest {
                if t != i && !refs[i].links.contains(&t) {
                    refs[i].links.push(t);
                }
            }
            let problem = match dest {
                Dest::Missing => Some((
                    format!("ссылка ведёт на несуществующую страницу или файл «{}»", link.dest),
                    "укажите путь к файлу .md внутри content/ (относительно этой страницы) или полный адрес с https://",
                )),
                Dest::SamePage(a) if !has_anchor(i, a) => Some((
                    format!("на странице нет заголовка с якорем «#{a}»"),
                    "якорь — это транслитерация заголовка, например «## Цель» → #tsel",
                )),
                Dest::Page(t, Some(a)) if !has_anchor(t, a) => Some((
                    format!("на странице {} нет заголовка с якорем «#{a}»", pages[t].src.display()),
                    "якорь — это транслитерация заголовка, например «## Цель» → #tsel",
                )),
                _ => None,
            };
            if let Some((message, hint)) = problem {
                broken.push(|| {
                    let lines = lines.get_or_init(|| crate::diag::LineIndex::new(&p.text));
                    let pos = lines.pos(p.body_offset + link.offset);
                    Diagnostic::error(&p.src, message)
                        .at(pos)
                        .snippet(crate::diag::window(lines.line(pos.line), pos.col))
                        .hint(hint)
                });
            }
        }
        broken.finish(
            &p.src,
            crate::diag::Severity::Error,
            ["неверная ссылка", "неверные ссылки", "неверных ссылок"],
        );
    }
}

/// Warns where a body nests deeper than [`crate::markdown::MAX_NESTING`] levels: the
/// deeper levels were flattened into their parent.
pub fn check_nesting(
    pages: &[Page],
    bodies: &[crate::markdown::Rendered],
    sections: &[Section],
    section_bodies: &[crate::markdown::Rendered],
    diags: &mut Diagnostics,
) {
    let texts = pages
        .iter()
        .map(|p| (p.src.as_path(), p.text.as_str(), p.body_offset))
        .zip(bodies)
        .chain(
            sections
                .iter()
                .filter_map(|s| Some((s.src.as_deref()?, s.text.as_str(), s.body_offset)))
                .zip(section_bodies),
        );
    for ((src, text, body_offset), body) in texts {
        let Some(offset) = body.too_deep else {
            continue;
        };
        let pos = crate::diag::Pos::of_offset(text, body_offset + offset);
        let line = crate::parse::frontmatter::snippet_window(
            text.lines().nth(pos.line - 1).unwrap_or_default(),
            pos.col,
        );
        diags.push(
            Diagnostic::warning(
                src,
                format!(
                    "вложенность списков, цитат или блоков HTML глубже {} уровней: более глубокие уровни показаны без оформления",
                    crate::markdown::MAX_NESTING
                ),
            )
            .at(pos)
            .snippet(line)
            .hint("так бывает с повреждённым или сгенерированным файлом; упростите структуру документа"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_resolves_dots() {
        assert_eq!(normalize("practices/../plans/./a"), "plans/a");
        assert_eq!(normalize("/a//b/"), "a/b");
    }
}
