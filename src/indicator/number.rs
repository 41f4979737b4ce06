//! Russian number formatting and reading: decimal comma, grouped thousands.

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

/// Reads a number written by a person: decimal comma or point, spaces (also no-break
/// and thin) between digit groups; `None` unless the whole text is one finite number.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() || cleaned.chars().any(|c| c.is_alphabetic()) {
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
