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

/// True for characters that take no room on the page: Unicode's default-ignorable code
/// points (format characters Word, browsers and PDF copies leave in text, variation
/// selectors, and the Hangul fillers, which are letters by category but draw nothing).
/// A test holds the list to the Unicode property.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fff8}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
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

/// Checks the digits of a visible value: only the digits 0–9, no digit-like sign or
/// letter glued to them («12⁰⁰», «12OO»), and every space or group mark between digits
/// is one thousands separator («1 200», «1'200»): «12 00» or «1  200» is no number, and
/// reading it as 12 or 1 would be a silent mistake.
pub(crate) fn check_digits(text: &str) -> Result<(), ValueError> {
    if let Some(m) = OTHER_DIGIT.find(text) {
        return Err(other_digit(m.start(), m.as_str()));
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let digit = |k: usize| chars.get(k).is_some_and(|(_, d)| d.is_ascii_digit());
    for (k, &(i, c)) in chars.iter().enumerate() {
        // A superscript or fraction beside a digit: «12⁰⁰» read as 12.
        let by_digit = (k > 0 && digit(k - 1)) || digit(k + 1);
        if c.is_numeric() && !c.is_ascii_digit() && by_digit {
            return Err(other_digit(i, &text[i..i + c.len_utf8()]));
        }
    }
    check_lookalikes(text, &chars)?;
    let is_mark = |c: char| c.is_whitespace() || is_group_mark(c) || is_odd(c);
    let mut k = 1;
    while k < chars.len() {
        let end = (k..chars.len())
            .find(|&j| !is_mark(chars[j].1))
            .unwrap_or(chars.len());
        if !(digit(k - 1) && end > k && digit(end)) {
            k = end.max(k + 1);
            continue;
        }
        let c = chars[k].1;
        let left = (0..k).rev().take_while(|&j| digit(j)).count();
        let right = (end..chars.len()).take_while(|&j| digit(j)).count();
        // «1,5 000»: the group before the mark is a fraction, not thousands.
        let after_fraction =
            k > left + 1 && matches!(chars[k - left - 1].1, '.' | ',') && digit(k - left - 2);
        let grouped =
            end == k + 1 && is_thousands_mark(c) && left <= 3 && right == 3 && !after_fraction;
        // Signs in a row that are not all spaces are markup («\frac{3}{4}»), not a number.
        let spaces = chars[k..end]
            .iter()
            .all(|(_, m)| m.is_whitespace() || is_group_mark(*m));
        if !grouped && (end == k + 1 || spaces) {
            let from = chars[run_start(&chars, k)].0;
            let to = chars.get(end + right).map_or(text.len(), |(j, _)| *j);
            let marks: Vec<char> = chars[k..end].iter().map(|(_, m)| *m).collect();
            return Err(ValueError::new(
                format!(
                    "число разорвано {}: «{}»",
                    marks_named(&marks),
                    &text[from..to]
                ),
                "между группами разрядов ставится пробел, по три цифры в группе: «1 200»; \
                 если это два числа, разделите их словом или запятой",
                from,
                to - from,
            ));
        }
        k = end;
    }
    Ok(())
}

fn other_digit(at: usize, digit: &str) -> ValueError {
    ValueError::new(
        format!("цифра «{digit}» набрана особым шрифтом"),
        "наберите число обычными цифрами 0–9",
        at,
        digit.len(),
    )
}

/// Letters that look like digits: О (Latin or Cyrillic) for 0.
fn is_digit_lookalike(c: char) -> bool {
    matches!(c, 'O' | 'o' | 'О' | 'о')
}

/// A word made of digits and letters that look like digits («12OO», «2О24») is a number
/// typed with a letter: reading only its digits would give another number.
fn check_lookalikes(text: &str, chars: &[(usize, char)]) -> Result<(), ValueError> {
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].1.is_alphanumeric() {
            k += 1;
            continue;
        }
        let end = (k..chars.len())
            .find(|&j| !chars[j].1.is_alphanumeric())
            .unwrap_or(chars.len());
        let word = &chars[k..end];
        let has_digit = word.iter().any(|(_, c)| c.is_ascii_digit());
        let letter = word
            .iter()
            .find(|(_, c)| !c.is_ascii_digit())
            .map(|(_, c)| *c);
        let all_lookalike = word
            .iter()
            .all(|(_, c)| c.is_ascii_digit() || is_digit_lookalike(*c));
        if let (true, true, Some(letter)) = (has_digit, all_lookalike, letter) {
            let from = chars[k].0;
            let to = chars.get(end).map_or(text.len(), |(j, _)| *j);
            let script = if letter.is_ascii() {
                "латинская"
            } else {
                "русская"
            };
            return Err(ValueError::new(
                format!(
                    "в числе «{}» {script} буква «{letter}» вместо цифры 0",
                    &text[from..to]
                ),
                "наберите число цифрами: ноль — это цифра 0, а не буква О",
                from,
                to - from,
            ));
        }
        k = end;
    }
    Ok(())
}

/// The marks as the message names them: «знаком «пробел»», «знаками «пробел» и «пробел»».
fn marks_named(marks: &[char]) -> String {
    let names: Vec<String> = marks.iter().map(|c| mark_name(*c)).collect();
    match names.as_slice() {
        [one] => format!("знаком {one}"),
        [init @ .., last] => format!("знаками {} и {last}", init.join(", ")),
        [] => String::new(),
    }
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
    fn invisible_is_unicodes_default_ignorable() {
        let di = Regex::new(r"^\p{Default_Ignorable_Code_Point}$").unwrap();
        let mut buf = [0u8; 4];
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let want = di.is_match(c.encode_utf8(&mut buf));
            assert_eq!(is_invisible(c), want, "U+{:04X}", c as u32);
        }
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
