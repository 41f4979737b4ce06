//! Tokens of a target or actual: numbers with units, comparison words, part markers.
//!
//! Only what the parser needs is a token; everything between tokens is free text that
//! the parser keeps as a base or a label. Dates are matched first and dropped so that
//! «к 31.12.2024 года» never reads as the number 31,12.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::number::parse_decimal;
use super::value::{Quantity, Unit, ValueError};

/// A comparison word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Min,
    Max,
    Exact,
}

impl Op {
    /// True for a lower bound met by an upper one: the two cannot both hold of one value
    /// in the way a target means them.
    pub(crate) fn opposes(self, other: Op) -> bool {
        matches!((self, other), (Op::Min, Op::Max) | (Op::Max, Op::Min))
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum TokKind {
    Num(Quantity),
    Op(Op),
    /// `в т. ч.`, `из них`, `включая`: the next number is a part.
    Marker,
    /// `охват…`: the next percentage is a coverage.
    Coverage,
    /// `всего`, `итого`.
    Total,
    /// A `%` with no number before it.
    StrayPercent,
}

/// A token with its byte span in the raw text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tok {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?P<date>[-−–]?\b\d{1,2}\.\d{1,2}\.\s?\d{2,4})
        |(?P<frac>\$?\\frac\{(?P<fa>\d+)\}\{(?P<fb>\d+)\}\$?)
        |(?P<op>\bне\s+(?:менее|ниже|меньше|более|выше|больше)\b
            |\bминимум\b|\bмаксимум\b|\bровно\b|>=|<=|≥|≤|=)
        |(?P<marker>\bв\s*т\.\s*ч\b\.?|\bв\s+том\s+числе\b|\bиз\s+них\b|\bвключая\b|\bвкл\.)
        |(?P<cov>\bохват\w*)
        |(?P<total>\bвсего\b|\bитого\b)
        |(?P<num>(?P<sign>[-−–]|\bминус\s*)?
            (?:\d{1,3}(?:[\x20\x{a0}\x{2000}-\x{200a}\x{202f}\x{205f}\x{3000}'’ʼ_]\d{3})+(?:[.,]\d+)?
            |\d+(?:[.,]\d+)?)
            |\b(?:один|одн(?:а|ой|ого|у|им|ом)|два|две|двух|три|тр[её]х|четыре|четыр[её]х
                |пять|пяти|шесть|шести|семь|семи|восемь|восьми|девять|девяти|десять|десяти)\b)
         (?P<mult>\s*(?:тыс(?:яч\w*|\.|\b)|млн(?:\.|\b)|миллион\w*|млрд(?:\.|\b)|миллиард\w*))?
         (?P<unit>\s*(?:%|процент\w*|чел(?:овек\w*|\.|\b)|ед(?:иниц\w*|\.|\b)|шт(?:\.|\b)
            |мероприяти\w*|руб(?:л\w*|\.|\b)|₽|час(?:а|ов)?\b|ч\.|балл\w*))?
        |(?P<pct>%)",
    )
    .expect("the token pattern is a valid regex")
});

/// Splits `raw` into tokens, in order. A minus written right before a number (at the
/// start, after a space or a bracket: «-7 %», «(−2,5)», «минус 7 %») makes it negative;
/// one between two numbers («10-20») or after a word is no sign.
pub(crate) fn lex(raw: &str) -> Vec<Tok> {
    TOKEN
        .captures_iter(raw)
        .filter_map(|c| {
            let m = c.get(0)?;
            let mut kind = kind_of(&c)?;
            let mut start = m.start();
            if let (Some(sign), TokKind::Num(q)) = (c.name("sign"), &mut kind) {
                if is_sign_place(raw, sign.start()) {
                    q.value = -q.value;
                } else {
                    start = sign.end();
                }
            }
            Some(Tok {
                kind,
                start,
                end: m.end(),
            })
        })
        .collect()
}

/// True when a dash at byte `i` of `raw` can be a minus: nothing, a space, a bracket,
/// a quote or a comparison sign before it.
fn is_sign_place(raw: &str, i: usize) -> bool {
    raw[..i]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || "([{«\"'„“:;=≈~<>≥≤".contains(c))
}

fn kind_of(c: &Captures<'_>) -> Option<TokKind> {
    if c.name("date").is_some() {
        return None;
    }
    if c.name("frac").is_some() {
        let a = c.name("fa").and_then(|m| parse_decimal(m.as_str()))?;
        let b = c.name("fb").and_then(|m| parse_decimal(m.as_str()))?;
        if b == 0.0 {
            return None;
        }
        return Some(TokKind::Num(Quantity {
            value: a / b * 100.0,
            unit: Unit::Percent,
        }));
    }
    if let Some(m) = c.name("op") {
        let text = m.as_str().to_lowercase();
        let op = if text.contains("менее")
            || text.contains("ниже")
            || text.contains("меньше")
            || text.contains("минимум")
            || text.contains('≥')
            || text.contains(">=")
        {
            Op::Min
        } else if text.contains("ровно") || text == "=" {
            Op::Exact
        } else {
            Op::Max
        };
        return Some(TokKind::Op(op));
    }
    if c.name("marker").is_some() {
        return Some(TokKind::Marker);
    }
    if c.name("cov").is_some() {
        return Some(TokKind::Coverage);
    }
    if c.name("total").is_some() {
        return Some(TokKind::Total);
    }
    if let Some(m) = c.name("num") {
        let sign = c.name("sign").map_or(0, |s| s.len());
        let times = c.name("mult").map_or(1.0, |m| multiplier(m.as_str()));
        let value = number_value(&m.as_str()[sign..])? * times;
        let unit = c.name("unit").map_or(Unit::Number, |u| unit_of(u.as_str()));
        return Some(TokKind::Num(Quantity { value, unit }));
    }
    c.name("pct").map(|_| TokKind::StrayPercent)
}

/// «тыс.», «млн», «млрд» after a number: «1,2 тыс. чел.» is 1 200 people.
fn multiplier(text: &str) -> f64 {
    let t = text.trim().to_lowercase();
    if t.starts_with("тыс") {
        1e3
    } else if t.starts_with("млн") || t.starts_with("миллион") {
        1e6
    } else {
        1e9
    }
}

fn number_value(text: &str) -> Option<f64> {
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        return parse_decimal(text);
    }
    let word = text.to_lowercase().replace('ё', "е");
    let value = match word.as_str() {
        w if w == "один" || w.starts_with("одн") => 1.0,
        "два" | "две" | "двух" => 2.0,
        "три" | "трех" => 3.0,
        "четыре" | "четырех" => 4.0,
        "пять" | "пяти" => 5.0,
        "шесть" | "шести" => 6.0,
        "семь" | "семи" => 7.0,
        "восемь" | "восьми" => 8.0,
        "девять" | "девяти" => 9.0,
        "десять" | "десяти" => 10.0,
        _ => return None,
    };
    Some(value)
}

fn unit_of(text: &str) -> Unit {
    let t = text.trim().to_lowercase();
    if t.starts_with('%') || t.starts_with("процент") {
        Unit::Percent
    } else if t.starts_with("чел") {
        Unit::People
    } else if t.starts_with("ед") || t.starts_with("шт") {
        Unit::Units
    } else if t.starts_with("руб") || t.starts_with('₽') {
        Unit::Rubles
    } else if t.starts_with("час") || t.starts_with("ч.") {
        Unit::Hours
    } else if t.starts_with("балл") {
        Unit::Points
    } else {
        Unit::Events
    }
}

/// A count of people, units or events written with three decimals («1,200 чел.»,
/// «2.500 мероприятий») is an error: in Russian it reads 1,2 and in English 1200.
pub(crate) fn check_counts(raw: &str, toks: &[Tok]) -> Result<(), ValueError> {
    for t in toks {
        let TokKind::Num(q) = t.kind else { continue };
        if !matches!(
            q.unit,
            Unit::People | Unit::Units | Unit::Events | Unit::Rubles
        ) {
            continue;
        }
        let text = &raw[t.start..t.end];
        let unsigned = text.trim_start_matches(['-', '−', '–']);
        let at = t.start + (text.len() - unsigned.len());
        let number = unsigned
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .next()
            .unwrap_or("");
        let ambiguous = number
            .split_once(['.', ','])
            .is_some_and(|(int, frac)| (1..=3).contains(&int.len()) && frac.len() == 3);
        if ambiguous {
            return Err(ValueError::new(
                format!(
                    "неясно, сколько: «{}» — это дробь или тысячи?",
                    unsigned.trim()
                ),
                "тысячи отделяйте пробелом («1 200 чел.»), дробную часть — запятой («1,2»)",
                at,
                number.len(),
            ));
        }
    }
    Ok(())
}

/// Characters that frame free text without being part of it.
fn is_frame(c: char) -> bool {
    c.is_whitespace() || ",;:_–—-…*•|/".contains(c)
}

/// Tidies a stretch of free text: trims framing punctuation and unbalanced brackets,
/// collapses runs of spaces; `None` if no letter or digit is left.
pub(crate) fn clean(text: &str) -> Option<String> {
    let mut s = text;
    loop {
        let before = s.len();
        s = s.trim_matches(is_frame);
        let opens = s.matches('(').count();
        let closes = s.matches(')').count();
        if opens > closes {
            s = s
                .strip_suffix('(')
                .or_else(|| s.strip_prefix('('))
                .unwrap_or(s);
        }
        if closes > opens {
            s = s
                .strip_prefix(')')
                .or_else(|| s.strip_suffix(')'))
                .unwrap_or(s);
        }
        if opens == closes && wrapped_in_parens(s) {
            s = &s[1..s.len() - 1];
        }
        if s.len() == before {
            break;
        }
    }
    if !s.chars().any(char::is_alphanumeric) {
        return None;
    }
    Some(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// True for «(…)» where the first bracket closes only at the very end.
fn wrapped_in_parens(s: &str) -> bool {
    if !(s.starts_with('(') && s.ends_with(')')) {
        return false;
    }
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 && i + 1 < s.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(raw: &str) -> Vec<TokKind> {
        lex(raw).into_iter().map(|t| t.kind).collect()
    }

    fn num(value: f64, unit: Unit) -> TokKind {
        TokKind::Num(Quantity { value, unit })
    }

    #[test]
    fn tokens() {
        use TokKind::*;
        let cases: Vec<(&str, Vec<TokKind>)> = vec![
            ("10 %", vec![num(10.0, Unit::Percent)]),
            ("10,3%", vec![num(10.3, Unit::Percent)]),
            ("10\u{a0}%", vec![num(10.0, Unit::Percent)]),
            ("1\u{a0}500 чел.", vec![num(1500.0, Unit::People)]),
            (
                "не  менее 2 ед.",
                vec![Op(super::Op::Min), num(2.0, Unit::Units)],
            ),
            (
                "Не более 250",
                vec![Op(super::Op::Max), num(250.0, Unit::Number)],
            ),
            ("≤ 5", vec![Op(super::Op::Max), num(5.0, Unit::Number)]),
            (
                "5% (в т. ч. 1,5%)",
                vec![num(5.0, Unit::Percent), Marker, num(1.5, Unit::Percent)],
            ),
            (
                "100 % (в т.ч.100%)",
                vec![num(100.0, Unit::Percent), Marker, num(100.0, Unit::Percent)],
            ),
            ("к 31.12. 2024 года", vec![]),
            ("до 31.12.2024", vec![]),
            ("Всего 12,6%", vec![Total, num(12.6, Unit::Percent)]),
            ("с общим охватом", vec![Coverage]),
            (
                "не менее двух встреч",
                vec![Op(super::Op::Min), num(2.0, Unit::Number)],
            ),
            ("однако", vec![]),
            ("$\\frac{3}{4}$ педагогов", vec![num(75.0, Unit::Percent)]),
            ("abc%", vec![StrayPercent]),
            ("4 мероприятий", vec![num(4.0, Unit::Events)]),
        ];
        for (raw, want) in cases {
            assert_eq!(kinds(raw), want, "{raw}");
        }
    }

    #[test]
    fn every_thousands_mark_joins_a_number() {
        let marks = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| *c == ' ' || crate::indicator::visible::is_group_mark(*c));
        for c in marks {
            let raw = format!("1{c}200 чел.");
            assert_eq!(kinds(&raw), vec![num(1200.0, Unit::People)], "{c:?}");
        }
    }

    #[test]
    fn cleaning() {
        let cases = [
            (" (в т. ч. ", Some("в т. ч.")),
            (" ... ", None),
            (" _", None),
            (", из них: ", Some("из них")),
            (
                "от общей  численности (к 2024 году)",
                Some("от общей численности (к 2024 году)"),
            ),
            (
                "(к 31.12. 2024 года, накопительным итогом)",
                Some("к 31.12. 2024 года, накопительным итогом"),
            ),
            ("района (к 2024", Some("района (к 2024")),
        ];
        for (text, want) in cases {
            assert_eq!(clean(text).as_deref(), want, "{text:?}");
        }
    }
}
