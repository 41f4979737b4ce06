//! Dates that contradict the document around them: a report dated far in the future, an
//! activity done after the date its report was made, a fact dated outside the activity's
//! own period, an event whose date is not of its year. Each is a warning at the date:
//! the text may be a typo («25.08.2026» for 2025), or the source document's own error,
//! which the page keeps as written and marks as known by quoting it in the row's `note`.

use std::sync::LazyLock;

use chrono::{Datelike, Months, NaiveDate};
use regex::Regex;

use crate::activity::{parse_period_in, ActivityInput};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Date, Meta};
use crate::parse::Page;

/// «25.08.2026», «25.08.2026.г.» — a day written with its four-digit year.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.])((\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2}))(?:[^\d]|$)")
        .expect("valid built-in regex")
});

/// «25 августа 2025» — a day with the month's name.
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b((\d{1,2})\s+(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\s+((?:19|20)\d{2}))\b")
        .expect("valid built-in regex")
});

/// Links: their digits are no dates.
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:https?://|www\.)\S*").expect("valid built-in regex"));

/// A date written in a text: the day and the text as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Written<'a> {
    /// The day.
    pub day: NaiveDate,
    /// The text as written («25.08.2026»).
    pub text: &'a str,
}

/// The days written in `text`, in order; impossible days («31.02.2025») and digits inside
/// links are left out.
pub(crate) fn dates_in(text: &str) -> Vec<Written<'_>> {
    let links: Vec<(usize, usize)> = LINK.find_iter(text).map(|m| (m.start(), m.end())).collect();
    let mut out: Vec<(usize, Written)> = Vec::new();
    for c in NUMERIC.captures_iter(text).chain(WORDS.captures_iter(text)) {
        let (Some(all), Some(d), Some(m), Some(y)) = (c.get(1), c.get(2), c.get(3), c.get(4))
        else {
            continue;
        };
        if links.iter().any(|(s, e)| (*s..*e).contains(&all.start())) {
            continue;
        }
        let month = m.as_str().parse::<u32>().ok().or_else(|| {
            let lower = m.as_str().to_lowercase();
            crate::ru::MONTHS_GENITIVE
                .iter()
                .position(|n| *n == lower)
                .map(|i| i as u32 + 1)
        });
        let day = month.and_then(|month| {
            NaiveDate::from_ymd_opt(y.as_str().parse().ok()?, month, d.as_str().parse().ok()?)
        });
        if let Some(day) = day {
            out.push((
                all.start(),
                Written {
                    day,
                    text: all.as_str(),
                },
            ));
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, w)| w).collect()
}

/// Checks the dates of a page against each other and against `today`, the build date.
pub fn check_report_dates(p: &Page, today: NaiveDate, diags: &mut Diagnostics) {
    let as_of = match &p.meta {
        Meta::Report(r) => r.as_of.map(|Date(d)| d),
        _ => None,
    };
    if let Some(as_of) = as_of {
        let limit = today.checked_add_months(Months::new(12)).unwrap_or(today);
        if as_of > limit {
            diags.push(
                warning(
                    p,
                    "as_of",
                    None,
                    format!(
                        "дата отчёта as_of {} позже даты сборки ({}) больше чем на год",
                        short(as_of),
                        short(today)
                    ),
                )
                .hint("as_of — дата, по состоянию на которую даны значения; проверьте год"),
            );
        }
    }
    check_event_year(p, diags);
    let Some(acc) = p.meta.accountability() else {
        return;
    };
    for (i, a) in acc.activities.iter().enumerate() {
        check_activity(p, i, a, as_of, diags);
    }
}

/// Dates in an activity's period and fact after the report's `as_of`, and dates of the
/// fact outside the years the period names.
fn check_activity(
    p: &Page,
    i: usize,
    a: &ActivityInput,
    as_of: Option<NaiveDate>,
    diags: &mut Diagnostics,
) {
    let n = a.n.clone().unwrap_or_else(|| (i + 1).to_string());
    let years = a
        .period
        .as_deref()
        .map(|t| parse_period_in(t, p.common.year).years)
        .unwrap_or_default();
    for (field, text) in [("period", &a.period), ("result", &a.result)] {
        let Some(text) = text.as_deref() else {
            continue;
        };
        let path = format!("activities[{i}].{field}");
        for w in dates_in(text) {
            let (message, hint) = if as_of.is_some_and(|d| w.day > d) {
                (
                    format!("мероприятие {n}: дата «{}» позже даты отчёта (as_of: {})", w.text, short(as_of.unwrap_or(w.day))),
                    "отчёт не может описывать то, что было после даты, на которую он составлен; проверьте год",
                )
            } else if field == "result" && outside(&years, w.day.year()) {
                (
                    format!(
                        "мероприятие {n}: дата «{}» в факте вне срока мероприятия «{}»",
                        w.text,
                        a.period.as_deref().unwrap_or_default().trim()
                    ),
                    "проверьте год в дате и в графе «Период реализации»",
                )
            } else {
                continue;
            };
            // The note names the same day, in any spelling: the row's error is known.
            let known = a
                .note
                .as_deref()
                .is_some_and(|note| dates_in(note).iter().any(|n| n.day == w.day));
            let mut d = warning(p, &path, Some(w.text), message).hint(if known {
                format!("{hint}; так в документе — отмечено в note мероприятия")
            } else {
                format!("{hint}; если так в самом документе, оставьте как есть и процитируйте дату в note мероприятия")
            });
            if known {
                d = d.acknowledged();
            }
            diags.push(d);
        }
    }
}

/// True when the period names years and `year` is not within them.
fn outside(years: &[i32], year: i32) -> bool {
    match (years.first(), years.last()) {
        (Some(first), Some(last)) => year < *first || year > *last,
        _ => false,
    }
}

/// An event whose `date` is of another year than its `year` (a competition's `year` is
/// its season: «Шаг вперед» 2025 opened on 28.11.2024).
fn check_event_year(p: &Page, diags: &mut Diagnostics) {
    if !matches!(p.meta, Meta::Event(_)) {
        return;
    }
    let (Some(Date(date)), Some(year)) = (p.common.date, p.common.year) else {
        return;
    };
    if date.year() != year {
        diags.push(
            warning(
                p,
                "year",
                None,
                format!("год {year} не совпадает с годом даты {}", short(date)),
            )
            .hint("year события — год его даты; проверьте, где опечатка"),
        );
    }
}

fn warning(p: &Page, path: &str, needle: Option<&str>, message: String) -> Diagnostic {
    let pos = match needle {
        Some(n) => p.locate_in(path, n),
        None => p.locate_path(path),
    };
    Diagnostic::warning(&p.src, message)
        .at_opt(pos)
        .snippet(pos.map(|a| p.line_at(a)).unwrap_or_default())
}

fn short(d: NaiveDate) -> String {
    crate::ru::short_date(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The fact of activity 31 of the 2025 Usolsky report (seed 000, table 2, row 31),
    /// shortened: three dates in three spellings, one link.
    #[test]
    fn dates_in_the_reports_own_spellings() {
        let text = "10 апреля 2025 года МБОУ «Мальтинская СОШ» проведен семинар, 25.08.2026.г. МБОУ «Белая СОШ» проведено совещание 12.11.2025г. зд.Администрации http://uou.ra.ru/images/01.02.2024/plan.pdf";
        let found: Vec<(NaiveDate, &str)> =
            dates_in(text).iter().map(|w| (w.day, w.text)).collect();
        assert_eq!(
            found,
            [
                (day(2025, 4, 10), "10 апреля 2025"),
                (day(2026, 8, 25), "25.08.2026"),
                (day(2025, 11, 12), "12.11.2025"),
            ]
        );
        assert!(dates_in("31.02.2025, 2025-2026, 10.5 %, 1.12.20").is_empty());
    }

    #[test]
    fn a_fact_outside_the_named_years() {
        assert!(outside(&[2023, 2024], 2025));
        assert!(!outside(&[2023, 2024], 2024));
        assert!(!outside(&[], 2026));
    }
}
