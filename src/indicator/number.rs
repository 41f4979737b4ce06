//! Russian number formatting and reading: decimal comma, grouped thousands.

use super::visible::{is_group_mark, is_invisible};

/// The group separator of Russian number formatting (CLDR `ru`): a no-break space,
/// so «1 500» never wraps between its digits.
pub const GROUP_SEPARATOR: char = '\u{a0}';

/// Formats a number the Russian way for people: decimal comma, at most two decimals,
/// no trailing zeros, thousands grouped with a no-break space (10.3 → «10,3»,
/// 5.0 → «5», 1500 → «1 500»); a non-finite value gives «—».
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let rounded = (v * 100.0).round() / 100.0;
    let (int, frac) = split_fixed(rounded, 2);
    let mut out = String::new();
    if rounded < 0.0 {
        out.push('-');
    }
    out.push_str(&group_digits(&int));
    if !frac.is_empty() {
        out.push(',');
        out.push_str(&frac);
    }
    out
}

/// Formats a number for open-data CSV: decimal comma, no grouping (Excel in the Russian
/// locale reads «1500,25» as a number but «1 500,25» as text), up to six decimals.
pub fn format_csv_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let (int, frac) = split_fixed(v, 6);
    let sign = if v < 0.0 && (int != "0" || !frac.is_empty()) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int},{frac}")
    }
}

/// Reads a number written by a person: decimal comma or point, digit groups of three
/// parted by a space (also no-break and thin) or an apostrophe; invisible characters
/// (a soft hyphen, a zero-width space) are not read. `None` unless the whole text is one
/// finite number: «1 20» is no number rather than 120.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let visible: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    let t = visible.trim();
    let (int, frac) = match t.find([',', '.']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let digits = int.strip_prefix(['-', '+']).unwrap_or(int);
    let groups: Vec<&str> = digits
        .split(|c: char| c == ' ' || is_group_mark(c))
        .collect();
    let grouped = groups.len() == 1
        || groups.iter().enumerate().all(|(i, g)| {
            g.bytes().all(|b| b.is_ascii_digit())
                && if i == 0 {
                    (1..=3).contains(&g.len())
                } else {
                    g.len() == 3
                }
        });
    if !grouped {
        return None;
    }
    let cleaned = format!(
        "{}{}{}",
        &int[..int.len() - digits.len()],
        groups.concat(),
        frac.map(|f| format!(".{f}")).unwrap_or_default()
    );
    if !cleaned.bytes().any(|b| b.is_ascii_digit())
        || !cleaned
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+'))
    {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Integer and fractional digits of `|v|` at `decimals` places, trailing zeros dropped.
fn split_fixed(v: f64, decimals: usize) -> (String, String) {
    let fixed = format!("{:.*}", decimals, v.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((fixed.as_str(), ""));
    (int.to_string(), frac.trim_end_matches('0').to_string())
}

fn group_digits(int: &str) -> String {
    if int.len() <= 3 {
        return int.to_string();
    }
    let mut out = String::with_capacity(int.len() + int.len() / 3 * 2);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(GROUP_SEPARATOR);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_for_people() {
        let cases = [
            (10.3, "10,3"),
            (5.0, "5"),
            (1500.0, "1\u{a0}500"),
            (1234567.891, "1\u{a0}234\u{a0}567,89"),
            (11.11, "11,11"),
            (0.8, "0,8"),
            (100.0 / 3.0, "33,33"),
            (-2.5, "-2,5"),
            (-0.001, "0"),
            (999.999, "1\u{a0}000"),
            (0.0, "0"),
            (f64::NAN, "—"),
        ];
        for (v, want) in cases {
            assert_eq!(format_number(v), want, "{v}");
        }
    }

    #[test]
    fn formats_for_csv() {
        let cases = [
            (10.3, "10,3"),
            (1500.25, "1500,25"),
            (57.64, "57,64"),
            (1.0 / 3.0, "0,333333"),
            (-4.0, "-4"),
        ];
        for (v, want) in cases {
            assert_eq!(format_csv_number(v), want, "{v}");
        }
        assert_eq!(format_csv_number(f64::INFINITY), "");
    }

    #[test]
    fn reads_numbers() {
        let cases = [
            ("10,3", Some(10.3)),
            (" 10.3 ", Some(10.3)),
            ("1\u{a0}500", Some(1500.0)),
            ("1 500,5", Some(1500.5)),
            ("-2,5", Some(-2.5)),
            ("1\u{200b}200", Some(1200.0)),
            ("1\u{ad}2\u{2060}00\u{feff}", Some(1200.0)),
            ("1'200", Some(1200.0)),
            ("1’200,5", Some(1200.5)),
            ("12\u{202f}345\u{2009}678", Some(12345678.0)),
            ("1 20", None),
            ("1\u{a0}20", None),
            ("1'20", None),
            ("1234 567", None),
            ("１２", None),
            ("1,2,3", None),
            ("abc", None),
            ("", None),
            ("1e5", None),
            ("inf", None),
            ("NaN", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_decimal(text), want, "{text}");
        }
    }
}
