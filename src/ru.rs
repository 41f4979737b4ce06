//! Russian language: plurals, dates, transliteration of slugs.

use chrono::{Datelike, NaiveDate};

/// Picks the Russian plural form for `n`: `one` (1, 21), `few` (2–4, 22–24), `many` (5–20, 0).
pub fn plural<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let (n10, n100) = (n % 10, n % 100);
    if n10 == 1 && n100 != 11 {
        one
    } else if (2..=4).contains(&n10) && !(12..=14).contains(&n100) {
        few
    } else {
        many
    }
}

/// `n` followed by the right plural form: `5 практик`.
pub fn plural_n(n: usize, one: &str, few: &str, many: &str) -> String {
    format!("{n} {}", plural(n as u64, one, few, many))
}

/// Month names in the genitive, as in «21 ноября 2025 г.».
pub const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

const MONTHS_NOMINATIVE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// A date as Russians write it in documents: `21 ноября 2025 г.`
pub fn long_date(d: NaiveDate) -> String {
    format!(
        "{} {} {} г.",
        d.day(),
        MONTHS_GENITIVE[d.month0() as usize],
        d.year()
    )
}

/// A short numeric date: `21.11.2025`.
pub fn short_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The month name in the nominative case, 1-based: `ноябрь`.
pub fn month_name(month: u32) -> &'static str {
    MONTHS_NOMINATIVE
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

/// Parses `2025-11-21` or `21.11.2025`; `None` if neither or the date does not exist.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .ok()
}

/// Transliterates a Russian title into a URL slug: `Шаг вперёд` → `shag-vperyod`.
///
/// The table follows the passport (ICAO-like) scheme most Russian sites use for URLs,
/// except `ё` → `yo`, which keeps «вперёд» readable as `vperyod`.
pub fn slugify(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for ch in title.chars().flat_map(char::to_lowercase) {
        let piece: &str = match ch {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' => "e",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ы' => "y",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(piece);
    }
    let mut slug = String::with_capacity(out.len());
    for part in out.split('-').filter(|p| !p.is_empty()) {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(part);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_follow_russian_rules() {
        let f = |n| plural_n(n, "практика", "практики", "практик");
        assert_eq!(f(1), "1 практика");
        assert_eq!(f(2), "2 практики");
        assert_eq!(f(5), "5 практик");
        assert_eq!(f(11), "11 практик");
        assert_eq!(f(12), "12 практик");
        assert_eq!(f(21), "21 практика");
        assert_eq!(f(24), "24 практики");
        assert_eq!(f(0), "0 практик");
        assert_eq!(f(111), "111 практик");
    }

    #[test]
    fn long_date_is_genitive() {
        let d = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();
        assert_eq!(long_date(d), "21 ноября 2025 г.");
        assert_eq!(short_date(d), "21.11.2025");
    }

    #[test]
    fn dates_parse_both_forms_and_reject_impossible() {
        assert_eq!(
            parse_date("2025-11-21"),
            NaiveDate::from_ymd_opt(2025, 11, 21)
        );
        assert_eq!(
            parse_date("21.11.2025"),
            NaiveDate::from_ymd_opt(2025, 11, 21)
        );
        assert_eq!(parse_date("31.02.2025"), None);
        assert_eq!(parse_date("2025-02-31"), None);
    }

    #[test]
    fn slugs_transliterate() {
        assert_eq!(slugify("Шаг вперёд"), "shag-vperyod");
        assert_eq!(
            slugify("РМО учителей математики"),
            "rmo-uchiteley-matematiki"
        );
        assert_eq!(slugify("  «Щедрый» — ЦНППМ №5 "), "shchedryy-tsnppm-5");
        assert_eq!(slugify("Объединение"), "obedinenie");
    }
}
