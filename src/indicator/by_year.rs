//! Values given per year: «2025 — 14 чел., 2026 — 19 чел.».
//!
//! Such a text starts with a year, so a plain reading takes the year for the value
//! («не менее 2025») and one bar squashes every other on the chart. The year list is
//! recognised first: a page of a known year reads the number written for that year;
//! otherwise the value stays text.

use std::sync::LazyLock;

use regex::Regex;

/// A year that keys a value: at the start or after a comma or semicolon, «г.» / «год»
/// allowed, then a dash or colon — but not a range of years («2025 – 2027 гг.»).
static YEAR_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[,;]\s*)\s*((?:19|20)\d{2})\s*(?:г\.|гг\.|году?|г\b)?\s*[—–:-]\s*")
        .expect("the year key pattern is a valid regex")
});

/// A year right after a key's dash: the text is a range of years, not a year list.
static YEAR_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:19|20)\d{2}\b").expect("the year pattern is a valid regex"));

/// How a value reads against years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ByYear<'a> {
    /// Not a year list: read the whole text.
    Whole,
    /// A year list with the year asked for: its segment and where it starts in the text.
    Segment(&'a str, usize),
    /// A year list without the year asked for (or no year known): the value is text.
    Text,
}

/// Splits `raw` as a year list and picks the segment of `year`.
pub(crate) fn by_year(raw: &str, year: Option<i32>) -> ByYear<'_> {
    let keys: Vec<(i32, usize, usize)> = YEAR_KEY
        .captures_iter(raw)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let y = c.get(1)?.as_str().parse().ok()?;
            Some((y, whole.start(), whole.end()))
        })
        .collect();
    let starts_with_key = keys
        .first()
        .is_some_and(|(_, s, _)| raw[..*s].trim().is_empty());
    if !starts_with_key || keys.iter().any(|(_, _, e)| YEAR_AFTER.is_match(&raw[*e..])) {
        return ByYear::Whole;
    }
    let Some(year) = year else {
        return ByYear::Text;
    };
    keys.iter()
        .enumerate()
        .find(|(_, (y, _, _))| *y == year)
        .map_or(ByYear::Text, |(i, (_, _, from))| {
            let to = keys.get(i + 1).map_or(raw.len(), |(_, s, _)| *s);
            ByYear::Segment(&raw[*from..to], *from)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_list_gives_the_segment_of_the_year() {
        let raw = "2025 — 14 чел., 2026 — 19 чел.";
        let at = |s: &str| raw.find(s).unwrap();
        assert_eq!(
            by_year(raw, Some(2026)),
            ByYear::Segment("19 чел.", at("19 "))
        );
        assert_eq!(
            by_year(raw, Some(2025)),
            ByYear::Segment("14 чел.", at("14 "))
        );
        assert_eq!(by_year(raw, Some(2027)), ByYear::Text);
        assert_eq!(by_year(raw, None), ByYear::Text);
        let raw = "2025 г.: 5 %; 2026 г.: 7 %";
        assert_eq!(
            by_year(raw, Some(2026)),
            ByYear::Segment("7 %", raw.find("7 %").unwrap())
        );
    }

    #[test]
    fn ranges_and_plain_values_are_no_year_lists() {
        for raw in [
            "2025 – 2027 гг.",
            "10 %",
            "не менее 10 %",
            "ГУП 10,63%",
            "5% (в т. ч. 1,5%)",
        ] {
            assert_eq!(by_year(raw, Some(2025)), ByYear::Whole, "{raw}");
        }
    }
}
