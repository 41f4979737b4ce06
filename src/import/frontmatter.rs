//! The title block → front matter: who issued the document, the approving act (kind,
//! number, date, signatory and position), the title, the kind of page, the year, the
//! district or region. Input: the first blocks of the document. Output: a [`Title`]
//! and the blocks it used (they are not repeated in the body). Every value found is a
//! guess and goes to the review.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::model::Block;
use super::review::{short, Review, Topic};
use crate::model::{Act, Date, Kind, Registries};

/// What the title block gave.
#[derive(Debug, Clone, Default)]
pub struct Title {
    /// Page title.
    pub title: Option<String>,
    /// Issuing body.
    pub publisher: Option<String>,
    /// The approving act.
    pub approved: Option<Act>,
    /// Kind read from the title.
    pub kind: Option<Kind>,
    /// Year of the document.
    pub year: Option<i32>,
    /// First and last year of a multi-year document.
    pub years: Vec<i32>,
    /// District id.
    pub district: Option<String>,
    /// Region id.
    pub region: Option<String>,
    /// Indexes of blocks used (left out of the body).
    pub used: Vec<usize>,
}

static DOC_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:отч[её]т|план|программа|положение|дорожная карта|комплекс мер|порядок|регламент)\b").expect("valid regex")
});
static PUBLISHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:комитет|управление|министерство|департамент|муниципальное|мку|мбу|администрац|отдел образования)").expect("valid regex")
});
static ACT_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(приказ|распоряжени|постановлени)").expect("valid regex"));
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"№\s*(\d[\dA-Za-zА-Яа-я/\-]*(?:\s*-\s*[а-я]{1,4}\b)?)").expect("valid regex")
});
static DATE_NUM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,2})\.(\d{1,2})\.(\d{4})").expect("valid regex"));
static DATE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)«?(\d{1,2})»?\s+(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\s+(\d{4})").expect("valid regex")
});
static PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s/])([А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)")
        .expect("valid regex")
});
static POSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(председатель|начальник|министр|руководитель|директор|глава|заведующ)")
        .expect("valid regex")
});
static ACT_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\W*(?:Об?\s|О внесении)").expect("valid regex"));
static YEAR_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(20\d\d)\s*[-–—]\s*(20\d\d)").expect("valid regex"));
static YEAR_IN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:в|на)\s+(20\d\d)\s+год").expect("valid regex"));

fn plain(s: &str) -> String {
    s.replace("**", "")
        .replace('*', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn block_text(b: &Block) -> Option<String> {
    match b {
        Block::Lines { lines, .. } => Some(plain(&lines.join(" "))),
        _ => None,
    }
}

fn is_bold(b: &Block) -> bool {
    matches!(b, Block::Lines { lines, .. }
        if lines.first().is_some_and(|l| l.trim_start().starts_with("**"))
            && lines.last().is_some_and(|l| l.trim_end().ends_with("**")))
}

/// First date in `text`: `21.11.2025` or `«09» января 2025`.
pub fn first_date(text: &str) -> Option<(usize, NaiveDate)> {
    let num = DATE_NUM.captures(text).and_then(|c| {
        let d =
            NaiveDate::from_ymd_opt(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?)?;
        Some((c.get(0)?.start(), d))
    });
    let words = DATE_WORDS.captures(text).and_then(|c| {
        let m = crate::ru::MONTHS_GENITIVE
            .iter()
            .position(|m| c[2].eq_ignore_ascii_case(m) || c[2].to_lowercase() == *m)?
            as u32
            + 1;
        let d = NaiveDate::from_ymd_opt(c[3].parse().ok()?, m, c[1].parse().ok()?)?;
        Some((c.get(0)?.start(), d))
    });
    match (num, words) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Reads the title block from the first blocks of a document.
pub fn read_title(blocks: &[Block], reg: &Registries, review: &mut Review) -> Title {
    let mut t = Title::default();
    let limit = blocks
        .iter()
        .position(|b| matches!(b, Block::Table(tb) if tb.rows.len() >= 10))
        .unwrap_or(blocks.len())
        .min(80);
    let texts: Vec<Option<String>> = blocks[..limit].iter().map(block_text).collect();
    find_title(blocks, &texts, &mut t, review);
    find_publisher(blocks, &texts, &mut t, review);
    find_act(blocks, &texts, &mut t, review);
    if let Some(title) = &t.title {
        t.kind = guess_kind(title);
        if let Some(c) = YEAR_RANGE.captures(title) {
            let (a, b) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
            if a > 0 && b >= a {
                t.years = vec![a, b];
                t.year = Some(a);
            }
        }
        if t.year.is_none() {
            t.year = YEAR_IN.captures(title).and_then(|c| c[1].parse().ok());
        }
    }
    if t.year.is_none() {
        t.year = t
            .approved
            .as_ref()
            .and_then(|a| a.date)
            .map(|d| chrono::Datelike::year(&d.0));
    }
    if let Some(y) = t.year {
        review.add(0, Topic::FrontMatter, format!("год документа: {y}"));
    }
    let haystack = [t.title.clone(), t.publisher.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    place(&haystack, reg, &mut t, review);
    t
}

fn find_title(blocks: &[Block], texts: &[Option<String>], t: &mut Title, review: &mut Review) {
    let pick = |bold: bool| {
        texts.iter().enumerate().position(|(i, x)| {
            x.as_ref().is_some_and(|x| {
                DOC_WORD.is_match(x) && x.chars().count() >= 15 && x.chars().count() <= 400
            }) && (!bold || is_bold(&blocks[i]))
        })
    };
    let Some(start) = pick(true).or_else(|| pick(false)) else {
        review.add(
            0,
            Topic::FrontMatter,
            "название документа не найдено: заголовок страницы взят из имени файла",
        );
        return;
    };
    let mut title = texts[start].clone().unwrap_or_default();
    t.used.push(start);
    // The title often goes on in short lines: «Жигаловского района», «**в рамках …**».
    for (i, x) in texts.iter().enumerate().skip(start + 1).take(3) {
        let Some(x) = x else { break };
        let short_line = x.chars().count() <= 80
            && !x.ends_with(['.', ':'])
            && !x.starts_with(|c: char| c.is_ascii_digit());
        let stop = ["содержание", "пояснительная записка", "составители"]
            .iter()
            .any(|w| x.to_lowercase().starts_with(w));
        if stop || !(is_bold(&blocks[i]) || short_line) {
            break;
        }
        title.push(' ');
        title.push_str(x);
        t.used.push(i);
    }
    review.add(
        blocks[start].line(),
        Topic::FrontMatter,
        format!("заголовок: «{}»", short(&title, 120)),
    );
    if title
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase())
    {
        review.add(
            blocks[start].line(),
            Topic::FrontMatter,
            "заголовок набран прописными буквами: поправьте регистр",
        );
    }
    t.title = Some(title);
}

fn find_publisher(blocks: &[Block], texts: &[Option<String>], t: &mut Title, review: &mut Review) {
    let end = t.used.first().copied().unwrap_or(texts.len()).min(12);
    let found = (0..end).find(|i| {
        texts[*i]
            .as_ref()
            .is_some_and(|x| PUBLISHER.is_match(x) && x.chars().count() <= 250)
    });
    if let Some(i) = found {
        let p = texts[i].clone().unwrap_or_default();
        let mut used = vec![i];
        // A second bold line of the issuer («Муниципальное казённое учреждение …») is
        // its subdivision; the first one names the body.
        if i + 1 < end && is_bold(&blocks[i]) && is_bold(&blocks[i + 1]) {
            used.push(i + 1);
        }
        review.add(
            blocks[i].line(),
            Topic::FrontMatter,
            format!("издатель (publisher): «{}»", short(&p, 100)),
        );
        t.publisher = Some(p);
        t.used.extend(used);
    }
}

fn find_act(blocks: &[Block], texts: &[Option<String>], t: &mut Title, review: &mut Review) {
    for i in 0..texts.len().min(20) {
        let Some(x) = &texts[i] else { continue };
        let Some(m) = ACT_WORD.find(x) else { continue };
        // The act's own number and date follow its name within a few short blocks.
        let mut window = x[m.start()..].to_string();
        for x2 in texts.iter().skip(i + 1).take(4).flatten() {
            window.push(' ');
            window.push_str(x2);
        }
        let Some(num) = NUMBER.captures(&window) else {
            continue;
        };
        let Some((_, date)) = first_date(&window) else {
            continue;
        };
        let doc = match m.as_str().to_lowercase().as_str() {
            "приказ" => "приказ",
            "распоряжени" => "распоряжение",
            _ => "постановление",
        };
        let number: String = num[1].split_whitespace().collect();
        let title = texts
            .iter()
            .skip(i)
            .take(6)
            .flatten()
            .find(|s| ACT_TITLE.is_match(s))
            .map(|s| s.trim_matches(['«', '»', ' ']).to_string());
        let (signed_by, position) = signatory(texts);
        review.add(
            blocks[i].line(),
            Topic::FrontMatter,
            format!(
                "утверждён: {doc} № {number} от {}{}",
                date.format("%d.%m.%Y"),
                signed_by
                    .as_ref()
                    .map(|s| format!(", подписал {s}"))
                    .unwrap_or_default()
            ),
        );
        if let Some(p) = &position {
            review.add(
                blocks[i].line(),
                Topic::FrontMatter,
                format!("должность подписавшего: «{}»", short(p, 80)),
            );
        }
        t.approved = Some(Act {
            doc: Some(doc.into()),
            number: Some(number),
            date: Some(Date(date)),
            signed_by,
            position,
            title,
        });
        if matches!(&blocks[i], Block::Lines { lines, .. } if lines.len() > 1) {
            t.used.push(i);
        }
        return;
    }
    review.add(
        0,
        Topic::FrontMatter,
        "утверждающий документ (приказ, распоряжение) с номером и датой не найден",
    );
}

/// The signatory: «И.О. Фамилия» in a short block, and the position written before it
/// (in the block, or in the block before or after).
fn signatory(texts: &[Option<String>]) -> (Option<String>, Option<String>) {
    for (i, x) in texts.iter().enumerate().take(40) {
        let Some(x) = x else { continue };
        if x.chars().count() > 150 {
            continue;
        }
        // The signature ends its block; a name inside a numbered point of the order
        // («возложить на … Н.К. Краснову.») is not one.
        let Some(c) = PERSON.captures_iter(x).last() else {
            continue;
        };
        let end = c.get(0).map_or(0, |m| m.end());
        if !x[end..].trim_matches(['/', ' ']).is_empty()
            || x.starts_with(|ch: char| ch.is_ascii_digit())
        {
            continue;
        }
        let name = c[1].to_string();
        let before = x[..c.get(1).map_or(0, |m| m.start())]
            .trim()
            .trim_matches('/')
            .trim();
        let position = if POSITION.is_match(before) {
            Some(before.to_string())
        } else {
            let near = |j: Option<usize>| {
                j.and_then(|j| texts.get(j))
                    .and_then(|s| s.clone())
                    .filter(|s| POSITION.is_match(s) && s.chars().count() <= 120)
            };
            near(i.checked_sub(1)).or_else(|| near(Some(i + 1)))
        };
        return (
            Some(name.split_whitespace().collect::<Vec<_>>().join(" ")),
            position,
        );
    }
    (None, None)
}

fn guess_kind(title: &str) -> Option<Kind> {
    let l = title.to_lowercase();
    let l = l.trim_start_matches(|c: char| !c.is_alphabetic());
    if l.starts_with("отч") {
        Some(Kind::Report)
    } else if l.contains("дорожная карта")
        || l.contains("дорожной карты")
        || l.starts_with("дорожн")
    {
        Some(Kind::Roadmap)
    } else if l.starts_with("план") {
        Some(Kind::Plan)
    } else if l.starts_with("программ") {
        Some(Kind::Programme)
    } else if ["положение", "порядок", "регламент", "комплекс мер"]
        .iter()
        .any(|w| l.starts_with(w))
    {
        Some(Kind::Regulation)
    } else {
        None
    }
}

static DISTRICT_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\p{L}+)»?\s+(?:муниципальн\p{L}*\s+)?район").expect("valid regex")
});
static REGION_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\p{L}+)\s+(?:област|кра[йяю]|республик)").expect("valid regex")
});

/// A Russian adjective without its case ending: «Усольского», «Усольский» → «усольск».
fn stem(word: &str) -> String {
    const ENDINGS: [&str; 16] = [
        "ого", "его", "ому", "ему", "ими", "ыми", "ий", "ый", "ой", "ая", "яя", "ое", "ее", "ую",
        "ом", "ей",
    ];
    let l = word.to_lowercase();
    for e in ENDINGS {
        if let Some(s) = l.strip_suffix(e) {
            if s.chars().count() >= 4 {
                return s.to_string();
            }
        }
    }
    l
}

fn stems(names: &[&str]) -> Vec<String> {
    const GENERIC: [&str; 6] = [
        "муниципаль",
        "образовани",
        "район",
        "городск",
        "округ",
        "администр",
    ];
    names
        .iter()
        .flat_map(|n| n.split(|c: char| !c.is_alphabetic()))
        .filter(|w| {
            w.chars().count() >= 5 && !GENERIC.iter().any(|g| w.to_lowercase().starts_with(g))
        })
        .map(stem)
        .collect()
}

/// District (or, failing that, region) named in the title or the publisher.
fn place(text: &str, reg: &Registries, t: &mut Title, review: &mut Review) {
    let named: Vec<String> = DISTRICT_IN_TEXT
        .captures_iter(text)
        .map(|c| stem(&c[1]))
        .collect();
    let mut districts: Vec<&str> = Vec::new();
    for d in &reg.districts {
        let mut names: Vec<&str> = vec![&d.name];
        names.extend(d.short_name.as_deref());
        names.extend(d.aliases.iter().map(String::as_str));
        if stems(&names).iter().any(|s| named.contains(s)) && !districts.contains(&d.id.as_str()) {
            districts.push(&d.id);
        }
    }
    if let [one] = districts.as_slice() {
        review.add(0, Topic::FrontMatter, format!("район: {one}"));
        t.district = Some(one.to_string());
        return;
    }
    let regions: Vec<String> = REGION_IN_TEXT
        .captures_iter(text)
        .map(|c| stem(&c[1]))
        .collect();
    for r in &reg.regions {
        if stems(&[r.name.as_str()])
            .iter()
            .any(|s| regions.contains(s))
        {
            review.add(0, Topic::FrontMatter, format!("регион: {}", r.id));
            t.region = Some(r.id.clone());
            return;
        }
    }
    review.add(
        0,
        Topic::FrontMatter,
        "район и регион по заголовку не определены: укажите district или region",
    );
}
