//! A value as its reader sees it, and numbers that cannot be read as one number.
//!
//! Word and web pages leave invisible characters in copied text: a soft hyphen, a
//! zero-width space, a word joiner, a byte-order mark. Inside «1​200» such a character
//! split the number in two and the target became «не менее 1». Values are read with
//! them removed (the page still shows the raw text); positions of errors are given back
//! in the raw text. A number a methodist grouped in a way that cannot be meant («1 20»
//! with a no-break space, «1'20») or wrote ambiguously («1,200 чел.») is an error, never
//! a shorter number.

use std::sync::LazyLock;

use regex::Regex;

use super::value::ValueError;

/// Decimal digits of other scripts (Arabic-Indic, full-width…), which look like digits
/// but are no number to a program.
static OTHER_DIGIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{Nd}--[0-9]]").expect("the digit pattern is a valid regex"));

/// True for characters that take no room on the page (Unicode «format» characters
/// Word, browsers and PDF copies leave in text).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
    )
}

/// Characters a person puts between the digit groups of a large number, besides the
/// plain space: no-break, narrow, thin and other fixed-width spaces, apostrophes, an
/// underscore. The lexer's number pattern lists the same (a test holds them together).
pub fn is_group_mark(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    ) || matches!(c, '\'' | '’' | 'ʼ' | '_')
}

/// A mark that may stand between thousands: the plain space or a group mark.
fn is_thousands_mark(c: char) -> bool {
    c == ' ' || is_group_mark(c)
}

/// `raw` without invisible characters, with the way back to offsets in `raw`.
pub(crate) struct Visible {
    text: String,
    /// Raw byte offset of every byte of `text`, and of its end.
    raw_at: Vec<usize>,
}

impl Visible {
    /// Removes the invisible characters of `raw`.
    pub(crate) fn of(raw: &str) -> Visible {
        let mut text = String::with_capacity(raw.len());
        let mut raw_at = Vec::with_capacity(raw.len() + 1);
        for (i, c) in raw.char_indices().filter(|(_, c)| !is_invisible(*c)) {
            text.push(c);
            raw_at.extend(i..i + c.len_utf8());
        }
        raw_at.push(raw.len());
        Visible { text, raw_at }
    }

    /// The visible text.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// An error about the visible text, pointed at the same characters of the raw text.
    pub(crate) fn to_raw(&self, mut e: ValueError) -> ValueError {
        let raw_len = self.raw_at.last().copied().unwrap_or(0);
        let at = |i: usize| self.raw_at.get(i).copied().unwrap_or(raw_len);
        let start = at(e.offset);
        // The last byte of the span is the last byte of a character in both texts.
        let end = match e.len {
            0 => start,
            n => at(e.offset + n - 1) + 1,
        };
        e.offset = start;
        e.len = end.saturating_sub(start);
        e
    }
}

/// Checks the digits of a visible value: only the digits 0–9, and every space or group
/// mark between digits is a thousands separator («1 200», «1'200»): «12 00» is no
/// number, and reading it as 12 would be a silent mistake.
pub(crate) fn check_digits(text: &str) -> Result<(), ValueError> {
    if let Some(m) = OTHER_DIGIT.find(text) {
        return Err(ValueError::new(
            format!("цифра «{}» набрана особым шрифтом", m.as_str()),
            "наберите число обычными цифрами 0–9",
            m.start(),
            m.len(),
        ));
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let digit = |k: usize| chars.get(k).is_some_and(|(_, d)| d.is_ascii_digit());
    for (k, &(_, c)) in chars.iter().enumerate() {
        let between_digits = k > 0 && digit(k - 1) && digit(k + 1);
        if !(between_digits && (c.is_whitespace() || is_group_mark(c) || is_odd(c))) {
            continue;
        }
        let left = (0..k).rev().take_while(|&j| digit(j)).count();
        let right = (k + 1..chars.len()).take_while(|&j| digit(j)).count();
        // «1,5 000»: the group before the mark is a fraction, not thousands.
        let after_fraction =
            k > left + 1 && matches!(chars[k - left - 1].1, '.' | ',') && digit(k - left - 2);
        let grouped = is_thousands_mark(c) && left <= 3 && right == 3 && !after_fraction;
        if !grouped {
            let from = chars[run_start(&chars, k)].0;
            let to = chars.get(k + 1 + right).map_or(text.len(), |(j, _)| *j);
            return Err(ValueError::new(
                format!(
                    "число разорвано знаком {}: «{}»",
                    mark_name(c),
                    &text[from..to]
                ),
                "между группами разрядов ставится пробел, по три цифры в группе: «1 200»; \
                 если это два числа, разделите их словом или запятой",
                from,
                to - from,
            ));
        }
    }
    Ok(())
}

/// Start of the number that ends just before index `k`: digits, thousands marks between
/// them and a decimal mark after a digit.
fn run_start(chars: &[(usize, char)], k: usize) -> usize {
    let digit = |j: usize| chars.get(j).is_some_and(|(_, d)| d.is_ascii_digit());
    let mut s = k;
    while s > 0 {
        let c = chars[s - 1].1;
        let joins = is_thousands_mark(c) || matches!(c, '.' | ',');
        if !(c.is_ascii_digit() || joins && s >= 2 && digit(s - 2)) {
            break;
        }
        s -= 1;
    }
    while s < k && !chars[s].1.is_ascii_digit() {
        s += 1;
    }
    s
}

/// A sign no number and no pair of numbers has between two digits («1`200», «1·200»);
/// signs that do («1,5», «10-20», «3/4», «12:00», «2×3») are not odd.
fn is_odd(c: char) -> bool {
    !(c.is_alphanumeric()
        || c.is_whitespace()
        || is_group_mark(c)
        || ".,-–—/:;%()+=<>≤≥№×".contains(c))
}

/// The mark as the message names it.
fn mark_name(c: char) -> String {
    let name = match c {
        '\t' => "табуляция",
        '_' => "подчёркивание",
        '\n' | '\r' => "перевод строки",
        '\'' | '’' | 'ʼ' => "апостроф",
        '\u{a0}' => "неразрывный пробел",
        ' ' => "пробел",
        c if c.is_whitespace() || is_group_mark(c) => "особый пробел",
        c => return format!("«{c}»"),
    };
    format!("«{name}»")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_removed_and_offsets_come_back() {
        let raw = "не\u{ad}менее 1\u{200b}200 чел.";
        let v = Visible::of(raw);
        assert_eq!(v.as_str(), "неменее 1200 чел.");
        // «1200» in the visible text: bytes 15..19; in the raw text «1\u{200b}200»: 17..24.
        let e = v.to_raw(ValueError::new(String::new(), "", 15, 4));
        assert_eq!(&raw[e.offset..e.offset + e.len], "1\u{200b}200");
        for c in [
            '\u{ad}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}',
        ] {
            assert!(is_invisible(c), "{c:?}");
        }
        assert!(!is_invisible(' ') && !is_invisible('\u{a0}') && !is_invisible('a'));
    }

    #[test]
    fn group_marks_between_thousands_pass() {
        for ok in [
            "1\u{a0}200",
            "1\u{202f}200",
            "1\u{2009}200",
            "1'200",
            "1’200",
            "12'345'678",
            "1\u{a0}200,5 чел.",
            "10\u{a0}%",
            "2\u{a0}чел.",
            "в 2'х",
            "1 200 чел.",
            "12 345 678",
            "к 31.12. 2024 года",
            "1_200",
            "района _2% _8%",
        ] {
            assert_eq!(check_digits(ok), Ok(()), "{ok:?}");
        }
    }

    #[test]
    fn numbers_split_where_no_thousands_end_are_refused() {
        let cases = [
            ("1\u{a0}20 чел.", "1\u{a0}20"),
            ("не менее 1'20", "1'20"),
            ("12\u{2009}00", "12\u{2009}00"),
            ("1\u{a0}2000", "1\u{a0}2000"),
            ("1234\u{a0}567", "1234\u{a0}567"),
            ("1\u{a0}200\u{a0}00", "1\u{a0}200\u{a0}00"),
            ("не менее 12 00 чел.", "12 00"),
            ("в 2024 2025 году", "2024 2025"),
            ("1 200 00", "1 200 00"),
            ("1\t200", "1\t200"),
            ("1,5 000", "1,5 000"),
            ("1_20", "1_20"),
            ("1`200", "1`200"),
            ("1·200", "1·200"),
        ];
        for (text, snippet) in cases {
            let e = check_digits(text).expect_err(text);
            assert_eq!(&text[e.offset..e.offset + e.len], snippet, "{text:?}");
        }
    }

    #[test]
    fn digits_of_other_scripts_are_refused() {
        for (text, digit) in [("１２００ чел.", "１"), ("1٢00", "٢"), ("۵ %", "۵")] {
            let e = check_digits(text).expect_err(text);
            assert_eq!(&text[e.offset..e.offset + e.len], digit);
        }
    }
}
