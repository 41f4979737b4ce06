//! A deterministic synthetic corpus of Russian "best practice" pages, for
//! tests and benchmarks: real education vocabulary in several grammatical
//! cases (so stemming matters), facets with realistic skew, and a Zipfian
//! tail of rare generated words (names, titles, jargon) so the vocabulary
//! grows with the corpus as real text does.

use crate::doc::SearchDoc;

/// SplitMix64: tiny, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// Index in `0..n` with probability ∝ 1/(i+1) (Zipf, s = 1).
    fn zipf(&mut self, n: usize) -> usize {
        // Inverse of the harmonic CDF, approximated by exp(u · ln n).
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (((n as f64).ln() * u).exp() as usize)
            .saturating_sub(1)
            .min(n - 1)
    }
}

const DISTRICTS: &[(&str, &str)] = &[
    ("usolsky", "Усольский район"),
    ("zhigalovsky", "Жигаловский район"),
    ("kavkazsky", "Кавказский район"),
    ("angarsky", "Ангарский городской округ"),
    ("shelekhovsky", "Шелеховский район"),
    ("irkutsky", "Иркутский район"),
    ("bratsky", "Братский район"),
    ("tulunsky", "Тулунский район"),
    ("kuytunsky", "Куйтунский район"),
    ("nizhneudinsky", "Нижнеудинский район"),
    ("tayshetsky", "Тайшетский район"),
    ("cheremkhovsky", "Черемховский район"),
];
const LEVELS: &[&str] = &["ДО", "НОО", "ООО", "СОО", "ДОД"];
/// Subject, and its genitive for «на уроках …».
const SUBJECTS: &[(&str, &str)] = &[
    ("математика", "математики"),
    ("русский язык", "русского языка"),
    ("литература", "литературы"),
    ("физика", "физики"),
    ("химия", "химии"),
    ("биология", "биологии"),
    ("история", "истории"),
    ("обществознание", "обществознания"),
    ("география", "географии"),
    ("информатика", "информатики"),
    ("английский язык", "английского языка"),
    ("начальные классы", "в начальных классах"),
    ("физическая культура", "физической культуры"),
    ("музыка", "музыки"),
    ("технология", "технологии"),
];
const FORMS: &[&str] = &[
    "мастер-класс",
    "проект",
    "семинар",
    "открытый урок",
    "методическая разработка",
    "программа",
    "педагогическая мастерская",
    "вебинар",
    "круглый стол",
    "квест",
    "клуб",
    "практикум",
];
const TAGS: &[&str] = &[
    "наставничество",
    "функциональная грамотность",
    "читательская грамотность",
    "математическая грамотность",
    "естественнонаучная грамотность",
    "финансовая грамотность",
    "цифровая образовательная среда",
    "ШНОР",
    "инклюзивное образование",
    "одарённые дети",
    "проектная деятельность",
    "формирующее оценивание",
    "ФГОС",
    "воспитание",
    "профориентация",
    "молодые педагоги",
    "ВПР",
    "ОГЭ",
    "смысловое чтение",
    "STEM",
];
const KINDS: &[(&str, &str, &str)] = &[
    ("practice", "practices", "Практика"),
    ("event", "events", "Семинар"),
    ("news", "news", "Новость"),
    ("competition", "competitions", "Конкурс"),
    ("rmo", "rmo", "РМО"),
    ("report", "reports", "Отчёт"),
    ("plan", "plans", "План"),
];
const SURNAMES: &[&str] = &[
    "Иванова",
    "Петрова",
    "Смирнова",
    "Кузнецова",
    "Попова",
    "Васильева",
    "Соколова",
    "Михайлова",
    "Новикова",
    "Фёдорова",
    "Морозова",
    "Волкова",
    "Алексеева",
    "Лебедева",
    "Семёнова",
    "Егорова",
    "Павлова",
    "Козлова",
    "Степанова",
    "Николаева",
    "Орлова",
    "Андреева",
    "Макарова",
    "Никитина",
    "Захарова",
    "Зайцева",
    "Соловьёва",
    "Борисова",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
];
const ACTORS: &[&str] = &[
    "Педагог",
    "Учитель",
    "Наставник",
    "Методист",
    "Классный руководитель",
    "Руководитель РМО",
    "Молодой специалист",
    "Коллектив школы",
    "Воспитатель",
];
const ACTORS_PL: &[&str] = &[
    "педагоги",
    "учителя",
    "наставники",
    "обучающиеся",
    "школьники",
    "родители",
    "участники семинара",
    "молодые специалисты",
    "воспитатели",
];
const VERBS: &[(&str, &str)] = &[
    ("организует", "организуют"),
    ("проводит", "проводят"),
    ("использует", "используют"),
    ("применяет", "применяют"),
    ("разрабатывает", "разрабатывают"),
    ("представляет", "представляют"),
    ("внедряет", "внедряют"),
    ("анализирует", "анализируют"),
    ("сопровождает", "сопровождают"),
];
const OBJECTS: &[&str] = &[
    "проектную деятельность",
    "формирующее оценивание",
    "читательскую грамотность",
    "наставничество",
    "уроки",
    "мастер-классы",
    "диагностику",
    "рабочую программу",
    "кейс-метод",
    "игровые технологии",
    "цифровые ресурсы",
    "смысловое чтение",
    "исследовательскую работу",
    "учебные задания",
    "образовательные события",
];
const GOALS_GEN: &[&str] = &[
    "развития функциональной грамотности",
    "формирования читательской грамотности",
    "повышения качества образования",
    "профессионального роста педагогов",
    "поддержки молодых специалистов",
    "развития критического мышления",
    "сопровождения одарённых детей",
    "адаптации молодых педагогов",
    "формирования математической грамотности",
    "развития наставничества",
    "повышения мотивации к обучению",
    "профилактики неуспеваемости",
];
const GOALS_ACC: &[&str] = &[
    "развитие функциональной грамотности",
    "формирование читательской грамотности",
    "повышение качества образования",
    "поддержку молодых педагогов",
    "развитие естественнонаучной грамотности",
    "организацию наставничества",
    "совершенствование методики преподавания",
    "сопровождение наставляемых",
];
const TOPICS_DAT: &[&str] = &[
    "наставничеству",
    "функциональной грамотности",
    "проектной деятельности",
    "смысловому чтению",
    "оцениванию образовательных результатов",
    "работе с родителями",
    "подготовке к ВПР",
    "цифровой грамотности",
    "профориентации школьников",
];
const TOPICS_GEN: &[&str] = &[
    "наставничества",
    "работы с наставляемыми",
    "наставников",
    "функциональной грамотности",
    "проектного обучения",
    "формирующего оценивания",
    "сетевого взаимодействия",
    "методического сопровождения",
    "педагогических мастерских",
];
const AUDIENCES_GEN: &[&str] = &[
    "обучающихся",
    "учащихся 5–9 классов",
    "младших школьников",
    "старшеклассников",
    "дошкольников",
    "педагогов района",
    "молодых учителей",
    "детей с ОВЗ",
];
const PLACES: &[&str] = &[
    "в школе",
    "во внеурочной деятельности",
    "в дошкольной организации",
    "в рамках РМО",
    "на муниципальном уровне",
    "в сетевом взаимодействии",
    "в летнем лагере",
    "на базе центра «Точка роста»",
];
const RESULTS: &[&str] = &[
    "повысилась учебная мотивация",
    "выросли результаты ВПР",
    "улучшились показатели читательской грамотности",
    "молодые педагоги закрепились в профессии",
    "снизилась доля неуспевающих",
    "увеличилось число участников олимпиад",
    "наставляемые подготовили открытые уроки",
    "родители стали активнее участвовать в жизни класса",
];
const PERIODS: &[&str] = &[
    "в течение учебного года",
    "в 2023–2024 учебном году",
    "ежемесячно",
    "по итогам полугодия",
    "на протяжении трёх лет",
    "в каникулярное время",
];
const SYLLABLES: &[&str] = &[
    "ба", "ва", "го", "да", "зе", "ка", "ло", "ми", "но", "пра", "ро", "со", "ти", "ху", "це",
    "че", "ша", "ско", "ств", "про", "пре", "ни", "ли", "ри", "вер", "мат", "тор", "кон",
];
const ENDINGS: &[&str] = &[
    "", "а", "у", "ом", "е", "ы", "ов", "ами", "ой", "ая", "ие", "ия",
];

/// `n` documents of realistic Russian practice-bank text; the same `seed`
/// gives the same corpus everywhere.
pub fn synthetic_corpus(n: usize, seed: u64) -> Vec<SearchDoc> {
    let mut rng = Rng(seed ^ 0x6d65_746f_6469_7374);
    let rare: Vec<String> = (0..20_000).map(|i| rare_stem(seed, i)).collect();
    (0..n).map(|i| document(&mut rng, &rare, i)).collect()
}

/// A generated word stem, the same for the same `(seed, i)`.
fn rare_stem(seed: u64, i: usize) -> String {
    let mut rng = Rng(seed.wrapping_mul(31).wrapping_add(i as u64));
    (0..rng.range(2, 4)).map(|_| rng.pick(SYLLABLES)).collect()
}

fn document(rng: &mut Rng, rare: &[String], i: usize) -> SearchDoc {
    let (kind, section, label) = if rng.chance(70) {
        KINDS[0]
    } else {
        KINDS[rng.range(1, KINDS.len() - 1)]
    };
    let (district_id, district) = DISTRICTS[rng.zipf(DISTRICTS.len())];
    let (subject, subject_gen) = SUBJECTS[rng.zipf(SUBJECTS.len())];
    let form = FORMS[rng.below(FORMS.len())];
    let mut tags: Vec<String> = (0..rng.range(1, 4))
        .map(|_| TAGS[rng.zipf(TAGS.len())].to_string())
        .collect();
    tags.sort();
    tags.dedup();
    let mut level: Vec<String> = (0..rng.range(1, 2))
        .map(|_| LEVELS[rng.below(LEVELS.len())].to_string())
        .collect();
    level.sort();
    level.dedup();
    let title = title(rng, rare, label, subject_gen);
    let summary = (0..rng.range(1, 2))
        .map(|_| sentence(rng, rare, subject_gen))
        .collect::<Vec<_>>()
        .join(" ");
    let body = (0..rng.range(4, 8))
        .map(|_| {
            (0..rng.range(3, 6))
                .map(|_| sentence(rng, rare, subject_gen))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let authors = (0..rng.range(1, 3))
        .map(|_| {
            let initials = ["А.", "Е.", "И.", "Н.", "О.", "С.", "Т."];
            format!(
                "{} {} {}",
                rng.pick(SURNAMES),
                rng.pick(&initials),
                rng.pick(&initials)
            )
        })
        .collect();
    let organisation = match rng.below(4) {
        0 => format!("МБОУ СОШ № {}", rng.range(1, 40)),
        1 => format!("МБОУ «Гимназия № {}»", rng.range(1, 9)),
        2 => format!("МБДОУ детский сад № {}", rng.range(1, 60)),
        _ => "МБУ ДО «Дом детского творчества»".to_string(),
    };
    SearchDoc {
        id: format!("{kind}-{i:05}"),
        url: format!("{section}/p{i:05}/"),
        title,
        summary,
        body,
        authors,
        organisation: format!("{organisation}, {district}"),
        district: district.to_string(),
        district_id: district_id.to_string(),
        level,
        subject: vec![subject.to_string()],
        form: form.to_string(),
        year: Some(2019 + rng.below(7) as i32),
        kind: kind.to_string(),
        tags,
    }
}

fn title(rng: &mut Rng, rare: &[String], label: &str, subject_gen: &str) -> String {
    let name = capitalize(&rare_word(rng, rare));
    match rng.below(5) {
        0 => format!(
            "{} как средство {}",
            capitalize(rng.pick(OBJECTS)),
            rng.pick(GOALS_GEN)
        ),
        1 => format!("{label} «{name}»: опыт {}", rng.pick(TOPICS_GEN)),
        2 => format!("Использование кейс-метода на уроках {subject_gen}"),
        3 => format!("«{name}»: {} {}", rng.pick(GOALS_ACC), rng.pick(PLACES)),
        _ => format!(
            "Модель {} {}",
            rng.pick(TOPICS_GEN),
            rng.pick(AUDIENCES_GEN)
        ),
    }
}

fn sentence(rng: &mut Rng, rare: &[String], subject_gen: &str) -> String {
    let (verb, verb_pl) = VERBS[rng.below(VERBS.len())];
    let mut s = match rng.below(10) {
        0 => format!(
            "{} {verb} {} для {} {}.",
            rng.pick(ACTORS),
            rng.pick(OBJECTS),
            rng.pick(GOALS_GEN),
            rng.pick(AUDIENCES_GEN)
        ),
        1 => format!(
            "В рамках практики {} {verb_pl} {} {}.",
            rng.pick(ACTORS_PL),
            rng.pick(OBJECTS),
            rng.pick(PLACES)
        ),
        2 => format!("По итогам работы {}.", rng.pick(RESULTS)),
        3 => format!(
            "Практика направлена на {} {}.",
            rng.pick(GOALS_ACC),
            rng.pick(AUDIENCES_GEN)
        ),
        4 => format!(
            "Особое внимание уделяется {} {}.",
            rng.pick(TOPICS_DAT),
            rng.pick(PERIODS)
        ),
        5 => format!(
            "Опыт {} обобщён на заседании РМО и представлен на уроках {subject_gen}.",
            rng.pick(TOPICS_GEN)
        ),
        6 => format!(
            "{} {verb} {} {}, а {} {verb_pl} результаты.",
            rng.pick(ACTORS),
            rng.pick(OBJECTS),
            rng.pick(PERIODS),
            rng.pick(ACTORS_PL)
        ),
        7 => format!(
            "Материалы по {} размещены на сайте и доступны педагогам района.",
            rng.pick(TOPICS_DAT)
        ),
        8 => format!(
            "Для {} используются задания на {}.",
            rng.pick(GOALS_GEN),
            rng.pick(GOALS_ACC)
        ),
        _ => format!(
            "{} {} {}.",
            capitalize(rng.pick(PERIODS)),
            rng.pick(ACTORS_PL),
            rng.pick(RESULTS)
        ),
    };
    // The long tail: names of projects, local jargon, surnames.
    for _ in 0..rng.below(3) {
        let word = rare_word(rng, rare);
        let at = s.len() - 1;
        s.insert_str(at, &format!(", включая {word}"));
    }
    s
}

fn rare_word(rng: &mut Rng, rare: &[String]) -> String {
    format!("{}{}", rare[rng.zipf(rare.len())], rng.pick(ENDINGS))
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_varied() {
        let a = synthetic_corpus(50, 7);
        assert_eq!(a, synthetic_corpus(50, 7));
        assert_ne!(a, synthetic_corpus(50, 8));
        assert!(a.iter().all(|d| d.body.len() > 500 && !d.title.is_empty()));
        let practices = a.iter().filter(|d| d.kind == "practice").count();
        assert!((25..50).contains(&practices), "{practices}");
    }
}
