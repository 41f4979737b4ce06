//! The «Период реализации» / «Сроки» of an activity: raw text plus what can be read
//! from it (months, years, days, a deadline, how often).
//!
//! Reading never fails: text it does not understand keeps only `raw` and
//! [`Recurrence::Unspecified`]. Links glued into the cell (the documents have them)
//! and HTML tags are ignored, so «…План_2024-2025.pdf» never reads as years.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;

/// How often, or on what basis, an activity takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    /// Once: a day, a month, a range of months or a year.
    Once,
    /// All through the (school) year or a span of years: «в течение года», «постоянно».
    Throughout,
    /// «еженедельно».
    Weekly,
    /// «ежемесячно», «1 раз в месяц».
    Monthly,
    /// «ежеквартально».
    Quarterly,
    /// «ежегодно».
    Yearly,
    /// «по запросу», «по заявкам».
    OnRequest,
    /// By a schedule or plan kept elsewhere: «по отдельному графику (Приложение 1)».
    BySchedule,
    /// Nothing recognised.
    Unspecified,
}

impl Recurrence {
    /// The Russian name.
    pub fn label(self) -> &'static str {
        match self {
            Recurrence::Once => "однократно",
            Recurrence::Throughout => "в течение периода",
            Recurrence::Weekly => "еженедельно",
            Recurrence::Monthly => "ежемесячно",
            Recurrence::Quarterly => "ежеквартально",
            Recurrence::Yearly => "ежегодно",
            Recurrence::OnRequest => "по запросу",
            Recurrence::BySchedule => "по отдельному графику",
            Recurrence::Unspecified => "не указано",
        }
    }
}

/// A parsed period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    /// The text as written.
    pub raw: String,
    /// Months (1–12) in which the activity takes place, ascending; empty if unknown.
    pub months: Vec<u32>,
    /// Years named, ascending.
    pub years: Vec<i32>,
    /// Days named (a year is needed: from the text or the page).
    pub dates: Vec<NaiveDate>,
    /// «до 01.09.2023»: the date by which it is due.
    pub deadline: Option<NaiveDate>,
    /// How often.
    pub recurrence: Recurrence,
}

/// Reads a period with no year known beyond the text.
pub fn parse_period(raw: &str) -> Period {
    parse_period_in(raw, None)
}

/// Reads a period; days written without a year («с 17.10 по 20.10») take the year
/// named later in the text, else earlier, else `default_year` (the plan's year).
pub fn parse_period_in(raw: &str, default_year: Option<i32>) -> Period {
    let text = NOISE.replace_all(raw, " ").to_lowercase();
    let toks = tokens(&text);
    let mut p = Period {
        raw: raw.to_string(),
        months: Vec::new(),
        years: Vec::new(),
        dates: Vec::new(),
        deadline: None,
        recurrence: Recurrence::Unspecified,
    };
    read_tokens(&text, &toks, default_year, &mut p);
    p.recurrence = recurrence_of(&text);
    if p.months.is_empty() {
        let all_year = matches!(
            p.recurrence,
            Recurrence::Throughout | Recurrence::Monthly | Recurrence::Weekly
        );
        if all_year && SCHOOL_YEAR.is_match(&text) {
            p.months = vec![1, 2, 3, 4, 5, 9, 10, 11, 12];
        } else if all_year {
            p.months = (1..=12).collect();
        }
    }
    if p.recurrence == Recurrence::Unspecified {
        if p.years.len() > 1 && p.months.is_empty() && p.dates.is_empty() {
            // «2025–2027»: a programme's activity that runs through its years.
            p.recurrence = Recurrence::Throughout;
        } else if !(p.months.is_empty() && p.years.is_empty() && p.deadline.is_none()) {
            p.recurrence = Recurrence::Once;
        }
    }
    p.months.sort_unstable();
    p.months.dedup();
    p.years.sort_unstable();
    p.years.dedup();
    p
}

/// Links (also broken ones) and HTML tags.
static NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:https?:/*|www\.)\S*|<[^>]*>").expect("the noise pattern is a valid regex")
});

static SCHOOL_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"учебн\w*\s+год").expect("valid regex"));

/// Keyword patterns, in priority order: the first that matches sets the recurrence.
static RECURRENCE: LazyLock<Vec<(Recurrence, Regex)>> = LazyLock::new(|| {
    [
        (Recurrence::OnRequest, r"по\s+запрос|по\s+заявк"),
        (
            Recurrence::BySchedule,
            r"график|\bплан(?:у|ам|ами)?\b|по\s+отдельн",
        ),
        (Recurrence::Weekly, r"еженедельн|раз\s+в\s+неделю"),
        (Recurrence::Monthly, r"ежемесячн|в\s+месяц\b"),
        (Recurrence::Quarterly, r"ежеквартальн|раз\s+в\s+квартал"),
        (Recurrence::Yearly, r"ежегодн|раз\s+в\s+год\b"),
        (
            Recurrence::Throughout,
            r"в\s+течение|постоянно|весь\s+период",
        ),
    ]
    .into_iter()
    .map(|(r, p)| (r, Regex::new(p).expect("valid regex")))
    .collect()
});

fn recurrence_of(text: &str) -> Recurrence {
    RECURRENCE
        .iter()
        .find(|(_, re)| re.is_match(text))
        .map_or(Recurrence::Unspecified, |(r, _)| *r)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Month(u32),
    Year(i32),
    /// Day, month and year if written.
    Date(u32, u32, Option<i32>),
    Months(u32, u32),
    Dash,
    /// «до»: the next day is a deadline.
    Until,
    /// «от»: the next day dates a document («приказ от 30.01.2025»), not the activity.
    Of,
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<dayrange>\b(?P<r_d1>\d{1,2})\s*[-–]\s*(?P<r_d2>\d{1,2})\.(?P<r_m>\d{1,2})
            (?:\.\s?(?P<r_y>\d{4}|\d{2}))?)
        |(?P<date>\b(?P<d_d>\d{1,2})\.(?P<d_m>\d{1,2})(?:\.\s?(?P<d_y>\d{4}|\d{2}))?)
        |(?P<daymonth>\b(?P<w_d>\d{1,2})\s+(?P<w_m>(?:январ|феврал|март|апрел|июн|июл|август
            |сентябр|октябр|ноябр|декабр)\w*|ма[йяе]\b)(?:\s+(?P<w_y>\d{4}))?)
        |(?P<quarter>\b(?P<q>iv|iii|ii|i|[1-4])\s*(?:-?[а-я]{1,2}\s+)?квартал)
        |(?P<half>\b(?P<h>ii|i|[12])\s*(?:-?[а-я]{1,2}\s+)?полугоди)
        |(?P<year>\d{4})
        |(?P<month>\b(?:(?:январ|феврал|март|апрел|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*
            |ма[йяе]\b))
        |(?P<dash>[-–—]|\bпо\b)
        |(?P<until>\bдо\b)
        |(?P<of>\bот\b)",
    )
    .expect("the period pattern is a valid regex")
});

const MONTH_STEMS: [&str; 12] = [
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
];

fn month_of(word: &str) -> Option<u32> {
    MONTH_STEMS
        .iter()
        .position(|s| word.starts_with(s))
        .map(|i| i as u32 + 1)
}

fn tokens(text: &str) -> Vec<(Tok, usize, usize)> {
    let mut out = Vec::new();
    for c in TOKEN.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let num = |name: &str| c.name(name).and_then(|g| g.as_str().parse::<u32>().ok());
        let year = |name: &str| c.name(name).and_then(|g| full_year(g.as_str()));
        let word = |name: &str| c.name(name).map_or("", |g| g.as_str());
        let tok = if c.name("dayrange").is_some() {
            match (num("r_d1"), num("r_d2"), num("r_m")) {
                (Some(d1), Some(d2), Some(mo)) => {
                    let y = year("r_y");
                    out.push((Tok::Date(d1, mo, y), m.start(), m.start()));
                    Some(Tok::Date(d2, mo, y))
                }
                _ => None,
            }
        } else if c.name("date").is_some() {
            num("d_d")
                .zip(num("d_m"))
                .map(|(d, mo)| Tok::Date(d, mo, year("d_y")))
        } else if c.name("daymonth").is_some() {
            num("w_d")
                .zip(month_of(word("w_m")))
                .map(|(d, mo)| Tok::Date(d, mo, year("w_y")))
        } else if c.name("quarter").is_some() {
            roman_or_digit(word("q")).map(|q| Tok::Months(q * 3 - 2, q * 3))
        } else if c.name("half").is_some() {
            roman_or_digit(word("h")).map(|h| Tok::Months(h * 6 - 5, h * 6))
        } else if let Some(y) = c.name("year") {
            let digit_around = text[..y.start()].ends_with(|ch: char| ch.is_ascii_digit())
                || text[y.end()..].starts_with(|ch: char| ch.is_ascii_digit());
            y.as_str()
                .parse::<i32>()
                .ok()
                .filter(|v| (1990..=2100).contains(v) && !digit_around)
                .map(Tok::Year)
        } else if let Some(mo) = c.name("month") {
            month_of(mo.as_str()).map(Tok::Month)
        } else if c.name("dash").is_some() {
            Some(Tok::Dash)
        } else if c.name("until").is_some() {
            Some(Tok::Until)
        } else {
            c.name("of").map(|_| Tok::Of)
        };
        if let Some(t) = tok {
            out.push((t, m.start(), m.end()));
        }
    }
    out
}

/// A year of the text; two digits are read as `ru::read_date` suggests them («до
/// 01.09.23» is 2023): a period is free text shown as written, read only for its months.
fn full_year(s: &str) -> Option<i32> {
    let v: i32 = s.parse().ok()?;
    Some(if s.len() == 2 {
        crate::ru::full_year(v)
    } else {
        v
    })
}

fn roman_or_digit(s: &str) -> Option<u32> {
    match s {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

/// True when only spaces, dots and «г.»/«года» stand between two tokens.
fn adjacent(text: &str, from: usize, to: usize) -> bool {
    let gap = text.get(from..to).unwrap_or("x");
    gap.split(|c: char| c.is_whitespace() || c == '.')
        .all(|w| matches!(w, "" | "г" | "гг" | "год" | "года"))
}

fn read_tokens(
    text: &str,
    toks: &[(Tok, usize, usize)],
    default_year: Option<i32>,
    p: &mut Period,
) {
    // Where a range starts: a month, and the year written before the dash.
    let mut range_from: Option<u32> = None;
    let mut year_from: Option<i32> = None;
    let mut prev: Option<(Tok, usize)> = None;
    // Whether the last day read was a deadline or a document date, not a period day.
    let mut last_day_aside = false;
    for (i, &(tok, start, end)) in toks.iter().enumerate() {
        let joined = prev.is_some_and(|(_, e)| adjacent(text, e, start));
        let after_dash = joined && matches!(prev, Some((Tok::Dash, _)));
        let after = |t: Tok| joined && prev.is_some_and(|(p, _)| p == t);
        match tok {
            Tok::Month(m) => {
                let from = range_from.take().filter(|_| after_dash);
                add_months(p, from.unwrap_or(m), m);
            }
            Tok::Months(a, b) => add_months(p, a, b),
            Tok::Date(d, m, y) => {
                let y = y.or_else(|| year_near(toks, i)).or(default_year);
                let date = y.and_then(|y| NaiveDate::from_ymd_opt(y, m, d));
                last_day_aside = after(Tok::Until) || after(Tok::Of);
                if after(Tok::Until) {
                    p.deadline = date;
                } else if !last_day_aside && (1..=12).contains(&m) {
                    let from = range_from.take().filter(|_| after_dash);
                    add_months(p, from.unwrap_or(m), m);
                    p.dates.extend(date);
                    if let Some(y) = y.filter(|_| date.is_some()) {
                        p.years.push(y);
                    }
                }
            }
            Tok::Year(y) => {
                match year_from.take().filter(|_| after_dash) {
                    Some(a) if a < y && y - a <= 10 => p.years.extend(a..=y),
                    _ => p.years.push(y),
                }
                if after_dash {
                    // «январь-2025»: the dash joined a month to its year, not a range.
                    range_from = None;
                }
            }
            Tok::Dash => {
                let before = toks.get(i.wrapping_sub(2)).filter(|_| i >= 2);
                (range_from, year_from) = match prev.filter(|_| joined) {
                    Some((Tok::Month(m), _)) => (Some(m), None),
                    Some((Tok::Date(_, m, _), _)) if !last_day_aside => (Some(m), None),
                    Some((Tok::Year(y), _)) => match before {
                        Some((Tok::Month(m), ..)) => (Some(*m), None),
                        _ => (None, Some(y)),
                    },
                    _ => (None, None),
                };
            }
            Tok::Until | Tok::Of => {}
        }
        prev = Some((tok, end));
    }
}

/// The year of an undated day: the next year written, else the last one.
fn year_near(toks: &[(Tok, usize, usize)], i: usize) -> Option<i32> {
    let year_of = |t: &(Tok, usize, usize)| match t.0 {
        Tok::Year(y) | Tok::Date(_, _, Some(y)) => Some(y),
        _ => None,
    };
    toks[i + 1..]
        .iter()
        .find_map(year_of)
        .or_else(|| toks[..i].iter().rev().find_map(year_of))
}

/// Adds the months from `a` to `b`, through the new year if `b < a` («ноябрь – январь»).
fn add_months(p: &mut Period, a: u32, b: u32) {
    if !(1..=12).contains(&a) || !(1..=12).contains(&b) {
        return;
    }
    let mut m = a;
    loop {
        p.months.push(m);
        if m == b {
            break;
        }
        m = m % 12 + 1;
    }
}

#[cfg(test)]
mod tests;
