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

/// `n` with its thousands grouped by no-break spaces: «30 000».
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
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

/// A system error in Russian: what the user can do something about is named, the rest
/// keeps the system's own words after a Russian opening.
pub fn io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let text = match e.kind() {
        K::NotFound => "нет такого файла или папки",
        K::PermissionDenied => "нет прав доступа",
        K::AlreadyExists => "такой файл или папка уже есть",
        K::NotADirectory => "на пути стоит файл, а не папка",
        K::IsADirectory => "это папка, а не файл",
        K::DirectoryNotEmpty => "папка не пуста",
        K::ReadOnlyFilesystem => "диск доступен только для чтения",
        K::StorageFull | K::QuotaExceeded => "на диске нет места",
        K::ResourceBusy => {
            "папка или файл заняты (точка монтирования или открыты другой программой)"
        }
        K::InvalidFilename => "имя файла слишком длинное или недопустимое",
        K::CrossesDevices => "нельзя переместить на другой диск",
        K::FileTooLarge => "файл слишком большой",
        K::Interrupted => "операция прервана",
        K::OutOfMemory => "не хватило памяти",
        _ => return format!("системная ошибка: {e}"),
    };
    text.to_string()
}

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
    read_date(s).ok()
}

/// Why a written date is no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// The year has two digits («14.4.26»): the century is a guess, so it is not read.
    ShortYear {
        /// The year meant, by the POSIX rule: 69–99 → 1969–1999, 00–68 → 2000–2068.
        year: i32,
        /// The date with that year, if such a day exists.
        date: Option<NaiveDate>,
        /// Whether the date was written with dots (`14.04.2026`), not as `2026-04-14`.
        dotted: bool,
    },
    /// Neither form, a year that is not four digits (or below 1000), or a day that does
    /// not exist.
    Invalid,
}

impl DateError {
    /// The date meant, written the way the methodist wrote it: «14.04.2026».
    pub fn suggestion(&self) -> Option<String> {
        match self {
            DateError::ShortYear {
                date: Some(d),
                dotted,
                ..
            } => Some(if *dotted {
                short_date(*d)
            } else {
                d.format("%Y-%m-%d").to_string()
            }),
            _ => None,
        }
    }
}

/// The years a date or year field of a page may have: the documents of methodical
/// services begin in the 1990s, and a year past 2100 is a typo («20255», «9999»).
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// The full year a two-digit one stands for: 69–99 → 1969–1999, 00–68 → 2000–2068
/// (the POSIX `%y` rule).
pub fn full_year(two_digits: i32) -> i32 {
    if two_digits >= 69 {
        1900 + two_digits
    } else {
        2000 + two_digits
    }
}

static DATE_FORMS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^(?:(?P<iy>[0-9]+)-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2})|(?P<dd>[0-9]{1,2})\.(?P<dm>[0-9]{1,2})\.(?P<dy>[0-9]+))$",
    )
    .expect("the date pattern is a valid regex")
});

/// Reads `2025-11-21` or `21.11.2025` (day and month may have one digit); a year of
/// two digits is [`DateError::ShortYear`], anything else that is no date
/// [`DateError::Invalid`].
pub fn read_date(s: &str) -> Result<NaiveDate, DateError> {
    let c = DATE_FORMS.captures(s.trim()).ok_or(DateError::Invalid)?;
    let num = |name: &str| c.name(name).map(|m| m.as_str());
    let (y, m, d, dotted) = match (num("iy"), num("dy")) {
        (Some(y), _) => (y, num("im"), num("id"), false),
        (None, Some(y)) => (y, num("dm"), num("dd"), true),
        (None, None) => return Err(DateError::Invalid),
    };
    let int = |t: Option<&str>| t.and_then(|t| t.parse::<u32>().ok());
    let (m, d) = (int(Some(m.unwrap_or_default())), int(d));
    let (Some(m), Some(d), Ok(year)) = (m, d, y.parse::<i32>()) else {
        return Err(DateError::Invalid);
    };
    match y.len() {
        4 if year >= 1000 => NaiveDate::from_ymd_opt(year, m, d).ok_or(DateError::Invalid),
        2 => {
            let year = full_year(year);
            Err(DateError::ShortYear {
                year,
                date: NaiveDate::from_ymd_opt(year, m, d),
                dotted,
            })
        }
        _ => Err(DateError::Invalid),
    }
}

/// Transliterates a title into a URL slug: `Шаг вперёд` → `shag-vperyod`,
/// `Café Ўзбек тілі` → `cafe-uzbek-tili`.
///
/// Russian letters follow the passport (ICAO-like) scheme most Russian sites use for
/// URLs, except `ё` → `yo`, which keeps «вперёд» readable as `vperyod`; letters of
/// other scripts take the romanization of `any_ascii` ([`other_letter`]); signs, emoji
/// and punctuation separate words.
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
            c => {
                other_letter(c, &mut out);
                continue;
            }
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

/// Appends a character outside the Russian table and ASCII: a letter of another script
/// as its Latin spelling (`é` → `e`, `ў` → `u`, `ә` → `a`, `北` → `bei`), a combining
/// accent (a name typed on a Mac: `e` + `◌́`) as nothing, anything else as a separator.
/// Only letters are spelled out: `№` → `No` or `½` → `1/2` would put words into
/// addresses that the name does not have.
fn other_letter(c: char, out: &mut String) {
    if c.is_alphabetic() {
        let latin = any_ascii::any_ascii_char(c);
        if latin.bytes().any(|b| b.is_ascii_alphanumeric()) {
            out.extend(
                latin
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .map(|l| l.to_ascii_lowercase()),
            );
            return;
        }
    }
    if !('\u{300}'..='\u{36f}').contains(&c) {
        out.push('-');
    }
}

/// True for an id that can be a folder of the site as it is: lowercase Latin letters,
/// digits and hyphens, starting with a letter or digit, at most 100 bytes, and not a
/// name Windows reserves ([`windows_reserved`]).
pub fn is_slug(id: &str) -> bool {
    id.len() <= 100
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !windows_reserved(id)
}

/// True for a file or folder name Windows cannot create (`CON`, `nul`, `COM1`…, in any
/// case, with or without an extension): a site copied to a Windows drive would lose it.
pub fn windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ["com", "lpt"].iter().any(|p| {
            stem.strip_prefix(p).is_some_and(|n| {
                matches!(
                    n,
                    "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
                )
            })
        })
}

/// What makes two spellings of a taxonomy term one term: letter case, `ё`/`е` and runs
/// of spaces do not count («ФГОС» = «фгос», «ёлка» = «елка»).
pub fn term_key(name: &str) -> String {
    name.split_whitespace()
        .map(|w| w.to_lowercase().replace('ё', "е"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The URL slug of a taxonomy term, the same for every spelling of one term
/// ([`term_key`]); `+` and `#` are spelled out so that «C++», «C#» and «C» get pages
/// of their own (`c-plus-plus`, `c-sharp`, `c`).
pub fn term_slug(name: &str) -> String {
    let spelled = term_key(name)
        .replace('+', " plus ")
        .replace('#', " sharp ");
    slugify(&spelled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_folder_names_everywhere() {
        for ok in [
            "sosh-20",
            "usolsky",
            "irkutsk-rs-nms",
            "2025",
            "a",
            "sosh-20-",
        ] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in [
            "",
            "SOSH-20",
            "sosh 20",
            "sosh_20",
            "-sosh",
            "сош-20",
            "sosh/20",
            "con",
            "NUL",
            "com1",
            "lpt9",
            "sosh.20",
        ] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert!(!is_slug(&"a".repeat(101)));
        for reserved in ["CON", "con", "Nul", "aux.txt", "COM1", "lpt³", "prn"] {
            assert!(windows_reserved(reserved), "{reserved}");
        }
        for fine in ["cons", "com", "com10", "null", "console"] {
            assert!(!windows_reserved(fine), "{fine}");
        }
    }

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
        assert_eq!(
            parse_date(" 1.9.2025 "),
            NaiveDate::from_ymd_opt(2025, 9, 1)
        );
        assert_eq!(parse_date("2025-9-1"), NaiveDate::from_ymd_opt(2025, 9, 1));
        for bad in [
            "",
            "21.11",
            "21.11.025",
            "21.11.20255",
            "0026-04-14",
            "2025/11/21",
            "21.11.２０２５",
        ] {
            assert_eq!(read_date(bad), Err(DateError::Invalid), "{bad}");
        }
    }

    #[test]
    fn two_digit_years_are_not_read_but_guessed_for_the_hint() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        // (written, year meant, date suggested)
        let cases = [
            ("14.4.26", 2026, Some("14.04.2026")),
            ("14.04.26", 2026, Some("14.04.2026")),
            ("1.9.99", 1999, Some("01.09.1999")),
            ("31.12.68", 2068, Some("31.12.2068")),
            ("1.1.69", 1969, Some("01.01.1969")),
            ("26-04-14", 2026, Some("2026-04-14")),
            ("30.02.26", 2026, None),
        ];
        for (written, year, suggestion) in cases {
            let e = read_date(written).expect_err(written);
            assert!(
                matches!(e, DateError::ShortYear { year: y, .. } if y == year),
                "{written}: {e:?}"
            );
            assert_eq!(e.suggestion().as_deref(), suggestion, "{written}");
        }
        assert_eq!(
            read_date("14.4.26"),
            Err(DateError::ShortYear {
                year: 2026,
                date: d(2026, 4, 14),
                dotted: true
            })
        );
        // Before, chrono read «14.4.26» as the year 26.
        assert_eq!(parse_date("14.4.26"), None);
    }

    /// Spellings of 14 April 2026 a methodist may type: each is that day or no date,
    /// never another year.
    #[test]
    fn no_spelling_of_a_date_gives_another_day() {
        let day = NaiveDate::from_ymd_opt(2026, 4, 14);
        let read = [
            "14.04.2026",
            "14.4.2026",
            " 14.04.2026 ",
            "2026-04-14",
            "2026-4-14",
        ];
        let refused = [
            "14.4.26",
            "14.04.26",
            "26-04-14",
            "26-4-14",
            "14.4.026",
            "14.4.0026",
            "0026-04-14",
            "14.4.20266",
            "20266-04-14",
            "14.04.2026 г.",
            "14.04.2026г",
            "14/04/2026",
            "2026/04/14",
            "2026.04.14",
            "14-04-2026",
            "14 .04.2026",
            "14. 04. 2026",
            "14.04 2026",
            "14,04,2026",
            "１４.０４.２０２６",
            "14.04.2026\u{200b}",
            "14.04.\u{a0}2026",
            "+2026-04-14",
            "-2026-04-14",
            "14 апреля 2026",
            "2026-04-14T00:00",
            "14.13.2026",
            "32.04.2026",
            "",
        ];
        for s in read {
            assert_eq!(parse_date(s), day, "{s:?}");
        }
        for s in refused {
            assert!(read_date(s).is_err(), "{s:?} gave {:?}", read_date(s));
        }
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

    #[test]
    fn letters_of_other_scripts_are_spelled_in_latin() {
        // é → e; Uzbek ў → u; Kazakh і → i (any_ascii), the rest by the Russian table.
        assert_eq!(slugify("Café Ўзбек тілі"), "cafe-uzbek-tili");
        // Kazakh қ → q (the Latin alphabet of 2021); Tatar ә → a beside Russian я → ya.
        assert_eq!(slugify("Қазақ тілі"), "qazaq-tili");
        assert_eq!(slugify("Татар әдәбияты"), "tatar-adabiyaty");
        assert_eq!(slugify("Straße"), "strasse");
        // Modern Greek: β is v.
        assert_eq!(slugify("αβγ"), "avg");
        // An accent typed as a separate mark (macOS file names) joins its letter.
        assert_eq!(slugify("Cafe\u{301} école"), "cafe-ecole");
        // So does a stress mark in a Russian word.
        assert_eq!(slugify("за\u{301}мок"), "zamok");
        // Signs are not spelled out (`№` → `No`, `½` → `1/2` would be words the name
        // lacks); emoji separate words as before.
        assert_eq!(slugify("Школа №5 ½ 🎉 ставки"), "shkola-5-stavki");
        assert_eq!(slugify("🎉"), "");
        // Russian letters keep the table, never the crate's spelling (ё → yo, not e).
        assert_eq!(slugify("Ёлка, щука, хор"), "yolka-shchuka-khor");
        // Every maker of addresses takes the same rule.
        assert_eq!(term_slug("Café"), "cafe");
        assert_eq!(crate::import::slug_of("Café Ўзбек тілі"), "cafe-uzbek-tili");
        assert_eq!(crate::markdown::heading_id("Ўзбек тілі"), "uzbek-tili");
        assert_eq!(crate::parse::page::url_segment("Café"), "cafe");
    }

    #[test]
    fn terms_differing_in_case_or_yo_share_a_slug_and_signs_are_spelled_out() {
        let cases = [
            ("C++", "c-plus-plus"),
            ("C#", "c-sharp"),
            ("c", "c"),
            ("ФГОС", "fgos"),
            ("фгос", "fgos"),
            ("Ёлка", "elka"),
            ("ёлка", "elka"),
            ("елка", "elka"),
            ("yolka", "yolka"),
            ("РС  НМС", "rs-nms"),
        ];
        for (name, slug) in cases {
            assert_eq!(term_slug(name), slug, "{name}");
        }
        assert_eq!(term_key(" Ёлка  Новогодняя "), "елка новогодняя");
        assert_ne!(term_key("C++"), term_key("c"));
    }
}
