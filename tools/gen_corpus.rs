//! A deterministic synthetic corpus for benchmarks: `N` pages of Russian text as a
//! metodist site and, with the same pages, as a Hugo site.
//!
//! ```text
//! cargo run --release --example gen_corpus -- 10000 /tmp/corpus
//! # → /tmp/corpus/metodist (metodist build /tmp/corpus/metodist)
//! #   /tmp/corpus/hugo     (hugo --source /tmp/corpus/hugo)
//! ```
//!
//! Page mix (of every 20): 11 practices, 4 events, 4 news, 1 annual report with
//! indicators (mapped onto a regional framework) and activities. Practices name a school
//! of their district (sometimes by an alias), an event they were presented at (a
//! reference, so backlinks exist) and link to it from the body; news link to practices.
//! Bodies are 5–9 paragraphs of 4–7 sentences (≈ 500 words, like the corpus behind the
//! peer figures in the design), mixing real words with Zipf-distributed synthetic ones
//! so the search index has a realistic vocabulary; headings, lists and a table appear.
//! The same seed always gives the same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const REAL: &str = "практика практики практикой методика методики методическое методического \
объединение объединения учитель учителя учителей учителям урок урока уроков уроке ученик \
ученики учеников обучающихся класс класса классе школа школы школе школ район района районе \
районного конкурс конкурса конкурсе победитель победители отчёт отчёта план плана \
математика математики русского языка литературы физики химии истории биологии информатики \
проект проекта проектов проектной исследование исследования исследовательской деятельность \
деятельности оценивание оценивания результаты результатов развитие развития функциональной \
грамотности читательской цифровой цифровые образовательные образовательной программа \
программы педагог педагога педагогов педагогический педагогического наставничество \
наставника молодых семинар семинара мастер-класс открытый открытого использование \
применение формирование организация подготовка мотивации самостоятельности навыков умений \
компетенций родителей семьи воспитания воспитательной внеурочной дополнительного \
дошкольного детского сада группы занятия занятий игровой технологии технологий приёмы \
приёмов диагностики дефицитов маршрута маршрутов сопровождения поддержки качества \
мониторинга опыт опыта коллег коллегами сетевого взаимодействия партнёрства \
инклюзивного одарённых детей профориентации экологического краеведения музея \
театральной студии лаборатории оборудования центра «Точка роста» кванториума";

const CONNECTIVES: &[&str] = &[
    "в рамках",
    "с целью",
    "на основе",
    "при поддержке",
    "в течение года",
    "по итогам",
    "для повышения",
    "в ходе",
    "совместно с",
    "на базе",
];

const SYLLABLES: &str =
    "ба ва га да жа за ка ла ма на па ра са та фа ха ца ча ша бо во го до ло мо \
но по ро со то ку лу му ну ру су ту ни ми ли ки ри ти ви зи ско ств про пре при ние ная ного ому \
ать ить ять ет ют ал ил ов ев ий ой ая ое";

const SUBJECTS: &[&str] = &[
    "математика",
    "русский язык",
    "литература",
    "физика",
    "химия",
    "биология",
    "история",
    "обществознание",
    "география",
    "информатика",
    "английский язык",
    "начальные классы",
    "физическая культура",
    "музыка",
    "изобразительное искусство",
    "технология",
];
const LEVELS: &[&str] = &["ДО", "НОО", "ООО", "СОО", "ДОД"];
const TAGS: &[&str] = &[
    "наставничество",
    "функциональная грамотность",
    "ШНОР",
    "ИОМ",
    "цифровая образовательная среда",
    "Точка роста",
    "проектная деятельность",
    "профориентация",
    "инклюзивное образование",
    "воспитательная работа",
    "молодые педагоги",
    "одарённые дети",
    "ФГОС",
    "читательская грамотность",
    "естественно-научная грамотность",
    "финансовая грамотность",
    "сетевое взаимодействие",
    "семейное воспитание",
    "краеведение",
    "оценивание",
];
const FORMS: &[&str] = &[
    "мастер-класс",
    "открытый урок",
    "выступление",
    "методическая разработка",
    "проект",
    "стажировочная площадка",
    "педагогическая мастерская",
];
const FORMATS: &[&str] = &[
    "семинар",
    "конференция",
    "совещание",
    "вебинар",
    "коворкинг-сессия",
    "круглый стол",
    "методический день",
];
const FIRST: &[&str] = &[
    "Анна",
    "Мария",
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Светлана",
    "Юлия",
    "Екатерина",
    "Алексей",
    "Сергей",
    "Андрей",
    "Дмитрий",
    "Игорь",
];
const PATRONYMIC_F: &[&str] = &[
    "Александровна",
    "Сергеевна",
    "Викторовна",
    "Николаевна",
    "Ивановна",
    "Петровна",
    "Владимировна",
];
const PATRONYMIC_M: &[&str] = &[
    "Александрович",
    "Сергеевич",
    "Викторович",
    "Николаевич",
    "Иванович",
];
const SURNAMES: &[&str] = &[
    "Иванов",
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Соколов",
    "Лебедев",
    "Козлов",
    "Новиков",
    "Морозов",
    "Волков",
    "Соловьёв",
    "Васильев",
    "Зайцев",
    "Павлов",
    "Семёнов",
    "Голубев",
    "Виноградов",
    "Богданов",
    "Воробьёв",
];
/// Roots of place names: «Берёзов» → «Берёзовский район», «Берёзовская СОШ».
const PLACES: &[&str] = &[
    "Берёзов",
    "Сосновск",
    "Кедров",
    "Ключев",
    "Озёрн",
    "Заречн",
    "Луговск",
    "Светлов",
    "Тальск",
    "Каменск",
    "Ольхов",
    "Рябинов",
    "Дубров",
    "Полянск",
    "Листвянск",
    "Черёмухов",
    "Малинов",
    "Горн",
    "Лесн",
    "Степн",
    "Бобров",
    "Лебяжь",
    "Журавл",
    "Медвед",
    "Соболь",
    "Ясенев",
    "Вишнёв",
    "Клюквен",
    "Смородин",
    "Брусничн",
    "Гранитн",
    "Песчан",
    "Родников",
    "Ручьёв",
    "Туманн",
    "Солнечн",
    "Радужн",
    "Звёздн",
    "Майск",
    "Октябрьск",
];
const REGIONS: &[(&str, &str)] = &[
    ("severnaya", "Северная область"),
    ("yuzhny", "Южный край"),
    ("vostochnaya", "Восточная область"),
];
const DISTRICTS: usize = 30;
const SCHOOLS_PER_DISTRICT: usize = 14;
/// Indicators of each region's framework: (id, name, unit, target).
const FRAMEWORK: &[(&str, &str, &str, &str)] = &[
    ("M1", "Доля педагогических работников, прошедших диагностику профессиональных дефицитов", "%", "не менее 10%"),
    ("M2", "Доля педагогических работников, для которых разработаны индивидуальные образовательные маршруты", "%", "не менее 10%"),
    ("M3", "Доля педагогов, освоивших программы повышения квалификации из федерального реестра", "%", "не менее 15%"),
    ("M4", "Доля молодых педагогов, охваченных наставничеством", "%", "не менее 70%"),
    ("M5", "Количество районных методических объединений", "ед.", "не менее 10"),
    ("M6", "Доля педагогов, участвующих в конкурсах профессионального мастерства", "%", "не менее 5%"),
    ("M7", "Количество проведённых районных семинаров", "ед.", "не менее 6"),
    ("M8", "Доля школ с низкими образовательными результатами, вышедших из зоны риска", "%", "не менее 30%"),
];

/// Words of the synthetic vocabulary: 30,000 pseudo-words, Zipf-weighted.
struct Vocab {
    real: Vec<&'static str>,
    synth: Vec<String>,
    cum: Vec<f64>,
}

impl Vocab {
    fn new() -> Vocab {
        let syll: Vec<&str> = SYLLABLES.split_whitespace().collect();
        let n = 30_000;
        let synth = (0..n)
            .map(|i| {
                let mut r = Rng::new(0xC0FFEE ^ (i as u64).wrapping_mul(0x1234_5678_9abc_def1));
                let k = r.range(2, 4);
                (0..k).map(|_| r.pick(&syll)).collect::<String>()
            })
            .collect();
        let mut cum = Vec::with_capacity(n);
        let mut s = 0.0;
        for k in 0..n {
            s += 1.0 / (k as f64 + 1.0);
            cum.push(s);
        }
        Vocab {
            real: REAL.split_whitespace().collect(),
            synth,
            cum,
        }
    }

    fn word<'a>(&'a self, r: &mut Rng) -> &'a str {
        if r.chance(40) {
            r.pick(&self.real)
        } else {
            let total = *self.cum.last().unwrap_or(&1.0);
            let x = r.unit() * total;
            let i = self
                .cum
                .partition_point(|c| *c < x)
                .min(self.synth.len() - 1);
            &self.synth[i]
        }
    }

    fn sentence(&self, r: &mut Rng, out: &mut String) {
        let n = r.range(6, 16);
        for k in 0..n {
            if k > 0 {
                out.push(' ');
            }
            if k == n / 2 && r.chance(30) {
                out.push_str(r.pick(CONNECTIVES));
                out.push(' ');
            }
            let w = self.word(r);
            if k == 0 {
                let mut cs = w.chars();
                if let Some(c) = cs.next() {
                    out.extend(c.to_uppercase());
                    out.push_str(cs.as_str());
                }
            } else {
                out.push_str(w);
            }
            if k + 1 < n && r.chance(8) {
                out.push(',');
            }
        }
        out.push('.');
    }

    fn paragraph(&self, r: &mut Rng, out: &mut String) {
        for k in 0..r.range(4, 7) {
            if k > 0 {
                out.push(' ');
            }
            self.sentence(r, out);
        }
        out.push_str("\n\n");
    }

    fn phrase(&self, r: &mut Rng, words: usize) -> String {
        let mut s = String::new();
        for k in 0..words {
            if k > 0 {
                s.push(' ');
            }
            s.push_str(r.pick(&self.real));
        }
        s
    }
}

struct District {
    id: String,
    name: String,
    short: String,
    region: &'static str,
}

struct School {
    id: String,
    name: String,
    alias: String,
}

fn districts() -> Vec<District> {
    (0..DISTRICTS)
        .map(|i| {
            let root = PLACES[i % PLACES.len()];
            District {
                id: format!("d{:02}", i + 1),
                name: format!("{root}ский муниципальный район"),
                short: format!("{root}ский район"),
                region: REGIONS[i % REGIONS.len()].0,
            }
        })
        .collect()
}

fn schools(districts: &[District]) -> Vec<Vec<School>> {
    districts
        .iter()
        .enumerate()
        .map(|(d, dist)| {
            (0..SCHOOLS_PER_DISTRICT)
                .map(|k| {
                    let root = PLACES[(d * 7 + k * 3 + 1) % PLACES.len()];
                    let (name, alias) = match k % 3 {
                        0 => (
                            format!("МБОУ «{root}ская СОШ № {}»", k + 1),
                            format!("{root}ская средняя школа № {}", k + 1),
                        ),
                        1 => (
                            format!("МБДОУ «{root}ский детский сад № {}»", k + 1),
                            format!("детский сад № {} ({})", k + 1, dist.short),
                        ),
                        _ => (
                            format!("МБОУ «{root}ская ООШ № {}»", k + 1),
                            format!("{root}ская основная школа № {}", k + 1),
                        ),
                    };
                    School {
                        id: format!("{}-s{:02}", dist.id, k + 1),
                        name,
                        alias,
                    }
                })
                .collect()
        })
        .collect()
}

fn person(r: &mut Rng) -> String {
    let surname = r.pick(SURNAMES);
    let first = r.pick(FIRST);
    let male = matches!(first, "Алексей" | "Сергей" | "Андрей" | "Дмитрий" | "Игорь");
    if male {
        format!("{surname} {first} {}", r.pick(PATRONYMIC_M))
    } else {
        format!("{surname}а {first} {}", r.pick(PATRONYMIC_F))
    }
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn list(items: &[&str]) -> String {
    let q: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", q.join(", "))
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Practice,
    Event,
    News,
    Report,
}

impl Kind {
    fn of(i: usize) -> Kind {
        match i % 20 {
            0..=10 => Kind::Practice,
            11..=14 => Kind::Event,
            15..=18 => Kind::News,
            _ => Kind::Report,
        }
    }
    fn dir(self) -> &'static str {
        match self {
            Kind::Practice => "practices",
            Kind::Event => "events",
            Kind::News => "news",
            Kind::Report => "reports",
        }
    }
    fn name(self) -> &'static str {
        match self {
            Kind::Practice => "practice",
            Kind::Event => "event",
            Kind::News => "news",
            Kind::Report => "report",
        }
    }
    fn file(self, i: usize) -> String {
        let prefix = match self {
            Kind::Practice => "p",
            Kind::Event => "e",
            Kind::News => "n",
            Kind::Report => "r",
        };
        format!("{prefix}{i:06}")
    }
}

/// Everything both sites say about one page.
struct PageData {
    kind: Kind,
    file: String,
    title: String,
    date: String,
    year: i32,
    district: usize,
    subjects: Vec<&'static str>,
    levels: Vec<&'static str>,
    tags: Vec<&'static str>,
    summary: String,
    /// Metodist-only front matter lines (YAML).
    extra: String,
    body: String,
}

fn distinct<T: Copy + PartialEq>(r: &mut Rng, items: &[T], n: usize) -> Vec<T> {
    let mut out = Vec::new();
    while out.len() < n.min(items.len()) {
        let x = r.pick(items);
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// An event index `< n` near `i`, if there is one.
fn event_near(r: &mut Rng, i: usize, n: usize) -> Option<usize> {
    let blocks = n.saturating_sub(11).div_ceil(20);
    if blocks == 0 {
        return None;
    }
    // Mostly nearby events (a district's seminar presents several practices).
    let b = if r.chance(80) {
        (i / 20).min(blocks - 1)
    } else {
        r.below(blocks)
    };
    Some(b * 20 + 11 + r.below(4)).filter(|e| *e < n)
}

fn practice_near(r: &mut Rng, i: usize) -> Option<usize> {
    if i < 20 {
        return None;
    }
    Some((i / 20 - r.below(i / 20).min(10)) * 20 + r.below(11))
}

fn page(
    i: usize,
    n: usize,
    vocab: &Vocab,
    districts: &[District],
    schools: &[Vec<School>],
) -> PageData {
    let mut r = Rng::new(0x5eed_0000 + i as u64);
    let kind = Kind::of(i);
    let d = r.below(districts.len());
    let dist = &districts[d];
    let year = 2019 + r.below(7) as i32;
    let date = format!("{year}-{:02}-{:02}", r.range(1, 12), r.range(1, 28));
    let k = r.range(1, 2);
    let subjects = distinct(&mut r, SUBJECTS, k);
    let k = r.range(1, 2);
    let levels = distinct(&mut r, LEVELS, k);
    let k = r.range(1, 4);
    let tags = distinct(&mut r, TAGS, k);
    let topic = vocab.phrase(&mut r, 3);
    let mut body = String::new();
    let mut extra = String::new();
    let title;
    let school = &schools[d][r.below(SCHOOLS_PER_DISTRICT)];
    match kind {
        Kind::Practice => {
            title = format!(
                "{} {}: {topic} ({i})",
                r.pick(&["Практика", "Опыт", "Система работы", "Модель", "Технология"]),
                r.pick(&["формирования", "развития", "сопровождения", "организации"]),
            );
            let authors: Vec<String> = (0..r.range(1, 3)).map(|_| person(&mut r)).collect();
            let authors: Vec<&str> = authors.iter().map(String::as_str).collect();
            let org = if r.chance(30) {
                &school.alias
            } else {
                &school.name
            };
            let _ = writeln!(extra, "authors: {}", list(&authors));
            let _ = writeln!(extra, "organisation: {}", quote(org));
            let _ = writeln!(extra, "form: {}", quote(r.pick(FORMS)));
            if let Some(e) = event_near(&mut r, i, n) {
                let _ = writeln!(extra, "source_event: \"events/{}\"", Kind::Event.file(e));
                let _ = writeln!(
                    body,
                    "Практика представлена на [районном мероприятии](../events/{}.md) педагогами {}.\n",
                    Kind::Event.file(e),
                    school.name
                );
            }
        }
        Kind::Event => {
            let format = r.pick(FORMATS);
            title = format!("Районный {format}: {topic} ({i})");
            let _ = writeln!(extra, "scope: \"municipal\"");
            let _ = writeln!(extra, "format: {}", quote(format));
            let _ = writeln!(extra, "place: {}", quote(&school.name));
            let _ = writeln!(
                extra,
                "audience: {}",
                quote(&format!(
                    "педагоги образовательных организаций: {}",
                    dist.short
                ))
            );
            let _ = writeln!(extra, "participants: {}", r.range(12, 240));
        }
        Kind::News => {
            title = format!("{}: {topic} ({i})", dist.short);
            if let Some(p) = practice_near(&mut r, i) {
                let _ = writeln!(
                    body,
                    "Подробнее — в [описании практики](../practices/{}.md).\n",
                    Kind::Practice.file(p)
                );
            }
        }
        Kind::Report => {
            title = format!(
                "Отчёт о работе методической службы: {} за {year} год ({i})",
                dist.short
            );
            let _ = writeln!(extra, "as_of: \"{year}-12-01\"");
            let _ = writeln!(
                extra,
                "approved:\n  doc: \"приказ\"\n  number: \"{}\"\n  date: \"{year}-12-{:02}\"",
                r.range(10, 600),
                r.range(2, 28)
            );
            extra.push_str("indicators:\n");
            for (k, (id, name, unit, target)) in FRAMEWORK.iter().enumerate() {
                if r.chance(15) {
                    continue;
                }
                let actual = if *unit == "%" {
                    let den = r.range(80, 900);
                    let num = r.range(1, den / 3);
                    let pct = num as f64 * 100.0 / den as f64;
                    format!(
                        "{}% ({num} чел. из {den})",
                        format!("{pct:.1}").replace('.', ",")
                    )
                } else {
                    format!("{}", r.range(2, 20))
                };
                let _ = write!(
                    extra,
                    "  - id: \"I{}\"\n    framework_id: \"{id}\"\n    name: {}\n    unit: \"{unit}\"\n    target: {}\n    actual: {}\n",
                    k + 1,
                    quote(name),
                    quote(target),
                    quote(&actual)
                );
            }
            extra.push_str("activities:\n");
            for k in 0..r.range(4, 10) {
                let status = r.pick(&["done", "done", "done", "not_done", "postponed"]);
                let _ = write!(
                    extra,
                    "  - n: \"{}\"\n    direction: {}\n    period: {}\n    title: {}\n    responsible: {}\n    expected: {}\n    result: {}\n    status: \"{status}\"\n",
                    k + 1,
                    quote(r.pick(&["1. Методическое сопровождение", "2. Повышение квалификации", "3. Конкурсы профессионального мастерства"])),
                    quote(r.pick(&["в течение года", "март-апрель", "сентябрь", "до 01.12"])),
                    quote(&format!("{} {}", r.pick(FORMATS), vocab.phrase(&mut r, 3))),
                    quote(&person(&mut r)),
                    quote(&vocab.phrase(&mut r, 4)),
                    quote(&vocab.phrase(&mut r, 5)),
                );
            }
        }
    }
    let paragraphs = r.range(5, 9);
    for p in 0..paragraphs {
        if p % 3 == 0 {
            let _ = writeln!(body, "## {}\n", {
                let h = vocab.phrase(&mut r, 2);
                let mut cs = h.chars();
                cs.next()
                    .map(|c| c.to_uppercase().collect::<String>() + cs.as_str())
                    .unwrap_or_default()
            });
        }
        vocab.paragraph(&mut r, &mut body);
        if p == 1 && r.chance(50) {
            for _ in 0..r.range(3, 5) {
                let _ = writeln!(body, "- {};", vocab.phrase(&mut r, 4));
            }
            body.push('\n');
        }
        if p == 2 && r.chance(20) {
            body.push_str("| Показатель | 2023 | 2024 |\n|---|---|---|\n");
            for _ in 0..3 {
                let _ = writeln!(
                    body,
                    "| {} | {} | {} |",
                    vocab.phrase(&mut r, 2),
                    r.range(1, 99),
                    r.range(1, 99)
                );
            }
            body.push('\n');
        }
    }
    let mut summary = String::new();
    vocab.sentence(&mut r, &mut summary);
    PageData {
        kind,
        file: kind.file(i),
        title,
        date,
        year,
        district: d,
        subjects,
        levels,
        tags,
        summary,
        extra,
        body,
    }
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .unwrap_or_else(|e| panic!("create {}: {e}", parent.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

fn metodist_page(p: &PageData, districts: &[District]) -> String {
    let mut s = String::from("---\n");
    let _ = writeln!(s, "kind: \"{}\"", p.kind.name());
    let _ = writeln!(s, "title: {}", quote(&p.title));
    let _ = writeln!(s, "date: \"{}\"", p.date);
    let _ = writeln!(s, "year: {}", p.year);
    let _ = writeln!(s, "district: \"{}\"", districts[p.district].id);
    if p.kind == Kind::Practice {
        let _ = writeln!(s, "subject: {}", list(&p.subjects));
        let _ = writeln!(s, "level: {}", list(&p.levels));
    }
    let _ = writeln!(s, "tags: {}", list(&p.tags));
    let _ = writeln!(s, "summary: {}", quote(&p.summary));
    s.push_str(&p.extra);
    s.push_str("---\n");
    s.push_str(&p.body);
    s
}

fn hugo_page(p: &PageData, districts: &[District]) -> String {
    let mut s = String::from("---\n");
    let _ = writeln!(s, "title: {}", quote(&p.title));
    let _ = writeln!(s, "date: {}", p.date);
    let _ = writeln!(s, "summary: {}", quote(&p.summary));
    let _ = writeln!(s, "districts: [{}]", quote(&districts[p.district].short));
    let _ = writeln!(s, "years: [\"{}\"]", p.year);
    let _ = writeln!(s, "kinds: [\"{}\"]", p.kind.name());
    if p.kind == Kind::Practice {
        let _ = writeln!(s, "subjects: {}", list(&p.subjects));
        let _ = writeln!(s, "levels: {}", list(&p.levels));
    }
    let _ = writeln!(s, "tags: {}", list(&p.tags));
    s.push_str("---\n");
    s.push_str(&p.body);
    s
}

fn metodist_site(root: &Path, districts: &[District], schools: &[Vec<School>]) {
    write(
        &root.join("metodist.toml"),
        "title = \"Методическая служба (синтетический корпус)\"\nbase_url = \"https://example.org/\"\npaginate = 20\n",
    );
    let mut regions = String::new();
    for (id, name) in REGIONS {
        let _ = writeln!(regions, "- id: {id}\n  name: {name}");
    }
    write(&root.join("data/regions.yaml"), &regions);
    let mut ds = String::new();
    for d in districts {
        let _ = writeln!(
            ds,
            "- id: {}\n  name: {}\n  short_name: {}\n  region: {}",
            d.id,
            quote(&d.name),
            quote(&d.short),
            d.region
        );
    }
    write(&root.join("data/districts.yaml"), &ds);
    let mut ss = String::new();
    for s in schools
        .iter()
        .zip(districts)
        .flat_map(|(list, d)| list.iter().map(move |s| (s, d)))
    {
        let (s, d) = s;
        let _ = writeln!(
            ss,
            "- id: {}\n  name: {}\n  district: {}\n  aliases: [{}]",
            s.id,
            quote(&s.name),
            d.id,
            quote(&s.alias)
        );
    }
    write(&root.join("data/schools.yaml"), &ss);
    for (id, name) in REGIONS {
        let mut f = format!(
            "id: \"{id}-monitoring\"\ntitle: \"Показатели методической работы: {name}\"\nregion: \"{id}\"\nindicators:\n"
        );
        for (fid, fname, unit, target) in FRAMEWORK {
            let _ = writeln!(
                f,
                "  - id: \"{fid}\"\n    name: {}\n    unit: \"{unit}\"\n    target: {}",
                quote(fname),
                quote(target)
            );
        }
        write(
            &root.join(format!("data/frameworks/{id}-monitoring.yaml")),
            &f,
        );
    }
    write(
        &root.join("content/_index.md"),
        "---\ntitle: Методическая служба\nsummary: Синтетический корпус для замеров скорости.\n---\nПрактики, мероприятия, новости и отчёты районов.\n",
    );
    for (dir, title, weight) in [
        ("practices", "Банк лучших практик", 1),
        ("events", "Мероприятия", 2),
        ("news", "Новости", 3),
        ("reports", "Отчёты", 4),
    ] {
        write(
            &root.join(format!("content/{dir}/_index.md")),
            &format!("---\ntitle: {title}\nweight: {weight}\n---\n"),
        );
    }
}

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>{{ .Title }} — {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a> {{ end }}
{{ range $name, $t := .Site.Taxonomies }}<a href="{{ printf "/%s/" $name | relURL }}">{{ $name }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>{{ .Site.Title }}</footer></body></html>
"#;
const HUGO_SINGLE: &str = r#"{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Date.Format "02.01.2006" }}{{ with .Params.districts }} · {{ delimit . ", " }}{{ end }}</p>
{{ range $tax, $_ := .Site.Taxonomies }}{{ with $.GetTerms $tax }}<p>{{ $tax }}: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}{{ end }}
<nav class="toc">{{ .TableOfContents }}</nav>
{{ .Content }}</article>{{ end }}
"#;
const HUGO_LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
{{ $p := .Paginate .Pages.ByDate.Reverse }}<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "02.01.2006" }}<br>{{ .Summary }}</li>{{ end }}</ul>
{{ if $p.HasPrev }}<a href="{{ $p.Prev.URL }}">назад</a>{{ end }} {{ if $p.HasNext }}<a href="{{ $p.Next.URL }}">далее</a>{{ end }}{{ end }}
"#;
const HUGO_TERMS: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
"#;

fn hugo_site(root: &Path) {
    write(
        &root.join("hugo.toml"),
        r#"baseURL = "https://example.org/"
languageCode = "ru"
defaultContentLanguage = "ru"
title = "Методическая служба (синтетический корпус)"
disableKinds = ["RSS"]
enableGitInfo = false

[pagination]
pagerSize = 20

[taxonomies]
district = "districts"
subject = "subjects"
level = "levels"
year = "years"
kind = "kinds"
tag = "tags"

[[menus.main]]
name = "Практики"
pageRef = "/practices"
weight = 1
[[menus.main]]
name = "Мероприятия"
pageRef = "/events"
weight = 2
[[menus.main]]
name = "Новости"
pageRef = "/news"
weight = 3
[[menus.main]]
name = "Отчёты"
pageRef = "/reports"
weight = 4
"#,
    );
    write(&root.join("layouts/_default/baseof.html"), HUGO_BASEOF);
    write(&root.join("layouts/_default/single.html"), HUGO_SINGLE);
    write(&root.join("layouts/_default/list.html"), HUGO_LIST);
    write(&root.join("layouts/_default/terms.html"), HUGO_TERMS);
    write(
        &root.join("static/css/site.css"),
        "body{font:16px/1.5 sans-serif;max-width:50em;margin:auto}\n",
    );
    write(
        &root.join("content/_index.md"),
        "---\ntitle: Методическая служба\n---\nПрактики, мероприятия, новости и отчёты районов.\n",
    );
    for (dir, title) in [
        ("practices", "Банк лучших практик"),
        ("events", "Мероприятия"),
        ("news", "Новости"),
        ("reports", "Отчёты"),
    ] {
        write(
            &root.join(format!("content/{dir}/_index.md")),
            &format!("---\ntitle: {title}\n---\n"),
        );
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "использование: gen_corpus N ПАПКА [--only metodist|hugo]";
    let n: usize = args
        .next()
        .and_then(|a| a.replace('_', "").parse().ok())
        .unwrap_or_else(|| {
            eprintln!("{usage}");
            std::process::exit(2)
        });
    let out = PathBuf::from(args.next().unwrap_or_else(|| {
        eprintln!("{usage}");
        std::process::exit(2)
    }));
    let only = match (args.next().as_deref(), args.next()) {
        (None, _) => None,
        (Some("--only"), Some(which)) if which == "metodist" || which == "hugo" => Some(which),
        _ => {
            eprintln!("{usage}");
            std::process::exit(2)
        }
    };
    let want = |which: &str| only.as_deref().is_none_or(|o| o == which);
    let vocab = Vocab::new();
    let districts = districts();
    let schools = schools(&districts);
    let (m, h) = (out.join("metodist"), out.join("hugo"));
    for dir in [&m, &h] {
        if dir.exists() {
            std::fs::remove_dir_all(dir)
                .unwrap_or_else(|e| panic!("remove {}: {e}", dir.display()));
        }
    }
    if want("metodist") {
        metodist_site(&m, &districts, &schools);
    }
    if want("hugo") {
        hugo_site(&h);
    }
    let mut bytes = 0usize;
    for i in 0..n {
        let p = page(i, n, &vocab, &districts, &schools);
        let rel = format!("content/{}/{}.md", p.kind.dir(), p.file);
        if want("metodist") {
            let text = metodist_page(&p, &districts);
            bytes += text.len();
            write(&m.join(&rel), &text);
        }
        if want("hugo") {
            write(&h.join(&rel), &hugo_page(&p, &districts));
        }
    }
    eprintln!(
        "создано {n} страниц ({:.1} МБ Markdown) в {}",
        bytes as f64 / 1_048_576.0,
        out.display()
    );
}
