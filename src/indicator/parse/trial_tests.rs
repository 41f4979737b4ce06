//! Values a hostile trial found read as another value (issue 13, second trial): two
//! numbers run together, letters and superscripts for digits, «тыс.», a lost minus, a
//! unit of another kind and a condition in an actual. Each is read right or refused.

use super::*;
use crate::indicator::{achievement, Achievement, Indicator, IndicatorInput};

fn q(value: f64, unit: Unit) -> Quantity {
    Quantity { value, unit }
}

fn status(target: &str, actual: &str) -> Achievement {
    let t = parse_target(target).unwrap_or_else(|e| panic!("{target:?}: {e}"));
    let a = parse_actual(actual).unwrap_or_else(|e| panic!("{actual:?}: {e}"));
    achievement(&t, Some(&a))
}

/// «1  200» with two spaces (of any kind) was two numbers, 1 and 200, and the target
/// «не менее 1» was met by 950.
#[test]
fn two_spaces_between_digits_are_refused() {
    for gap in [
        "  ",
        "\u{a0}\u{a0}",
        "\u{2009}\u{2009}",
        " \u{a0}",
        "\u{a0} ",
        " \t",
    ] {
        let n = format!("1{gap}200");
        let target = format!("не менее {n} чел.");
        let e = parse_target(&target).expect_err(&target);
        assert_eq!(e.snippet(&target), n, "target {target:?}");
        assert!(
            e.message.starts_with("число разорвано знаками"),
            "{}",
            e.message
        );
        let actual = format!("{n} чел.");
        let e = parse_actual(&actual).expect_err(&actual);
        assert_eq!(e.snippet(&actual), n, "actual {actual:?}");
    }
    let e = parse_target("не менее 1  200 чел.").unwrap_err();
    assert_eq!(
        e.message,
        "число разорвано знаками «пробел» и «пробел»: «1  200»"
    );
    // Two numbers parted by a word or a comma stay two numbers.
    assert!(parse_actual("1 200 чел., 300 чел.").is_ok());
    assert!(parse_target("не менее 10 %, в т. ч. 2 %").is_ok());
}

/// The Hangul fillers are letters by category and draw nothing: inside «1200» they split
/// it and the target became «не менее 1». They are invisible characters now.
#[test]
fn hangul_fillers_are_invisible() {
    for c in ['\u{3164}', '\u{115f}', '\u{1160}', '\u{ffa0}'] {
        let target = format!("не менее 1{c}200 чел.");
        let t = parse_target(&target).unwrap_or_else(|e| panic!("{target:?}: {e}"));
        assert_eq!(
            t.kind,
            TargetKind::Minimum(q(1200.0, Unit::People)),
            "{c:?}"
        );
        assert_eq!(t.raw, target);
        let actual = format!("9{c}50 чел.");
        let a = parse_actual(&actual).unwrap();
        assert_eq!(a.value, Some(q(950.0, Unit::People)), "{c:?}");
        assert_eq!(status(&target, "950 чел."), Achievement::NotAchieved);
    }
}

/// «12OO» (Latin or Cyrillic О) and «12⁰⁰» (superscripts) were 12.
#[test]
fn letters_and_superscripts_for_digits_are_refused() {
    let cases = [
        ("12OO", "12OO", "латинская буква «O» вместо цифры 0"),
        ("12ОО", "12ОО", "русская буква «О» вместо цифры 0"),
        ("1О0", "1О0", "русская буква «О» вместо цифры 0"),
        ("12oo", "12oo", "латинская буква «o» вместо цифры 0"),
        ("12⁰⁰", "⁰", "цифра «⁰» набрана особым шрифтом"),
        ("1²00", "²", "цифра «²» набрана особым шрифтом"),
        ("12½", "½", "цифра «½» набрана особым шрифтом"),
    ];
    for (n, snippet, message) in cases {
        for raw in [format!("не менее {n} чел."), format!("{n} чел.")] {
            let e = match raw.starts_with("не") {
                true => parse_target(&raw).expect_err(&raw),
                false => parse_actual(&raw).expect_err(&raw),
            };
            assert_eq!(e.snippet(&raw), snippet, "{raw:?}");
            assert!(e.message.ends_with(message), "{raw:?}: {}", e.message);
        }
    }
    // Letters after a number that are no digits stay words: «2-х», «5G», «в 3D».
    for ok in ["в 2х группах", "сеть 5G", "2024г.", "1С: Предприятие 8"] {
        assert!(parse_actual(ok).is_ok(), "{ok:?}");
    }
}

/// «1,2 тыс. чел.» was 1,2 people, so 950 «достигнут».
#[test]
fn thousands_and_millions_multiply() {
    let t = parse_target("не менее 1,2 тыс. чел.").unwrap();
    assert_eq!(t.kind, TargetKind::Minimum(q(1200.0, Unit::People)));
    assert_eq!(t.describe(), "не менее 1\u{a0}200\u{a0}чел.");
    assert_eq!(
        status("не менее 1,2 тыс. чел.", "950 чел."),
        Achievement::NotAchieved
    );
    assert_eq!(
        status("не менее 1,2 тыс. чел.", "1 250 чел."),
        Achievement::Achieved
    );
    let a = parse_actual("2 тысячи человек").unwrap();
    assert_eq!(a.value, Some(q(2000.0, Unit::People)));
    let a = parse_actual("1,5 млн руб.").unwrap();
    assert_eq!(a.value, Some(q(1_500_000.0, Unit::Rubles)));
    let a = parse_actual("3 млрд").unwrap();
    assert_eq!(a.value, Some(q(3e9, Unit::Number)));
    // Still ambiguous: 1,200 thousand.
    assert!(parse_target("не менее 1,200 тыс. чел.").is_err());
}

/// «-7 %» and «−7 %» were 7 and met «не менее 5 %».
#[test]
fn a_minus_is_kept() {
    for minus in ['-', '−', '–'] {
        let actual = format!("{minus}7 %");
        let a = parse_actual(&actual).unwrap();
        assert_eq!(a.value, Some(q(-7.0, Unit::Percent)), "{actual:?}");
        assert_eq!(status("не менее 5 %", &actual), Achievement::NotAchieved);
        assert_eq!(status("не более 0 %", &actual), Achievement::Achieved);
        let a = parse_actual(&format!("снижение на ({minus}2,5 %)")).unwrap();
        assert_eq!(a.value, Some(q(-2.5, Unit::Percent)));
    }
    let a = parse_actual("минус 7 %").unwrap();
    assert_eq!(a.value, Some(q(-7.0, Unit::Percent)));
    assert_eq!(
        status("не менее 5 %", "Минус 7 %"),
        Achievement::NotAchieved
    );
    let t = parse_target("не более -5 %").unwrap();
    assert_eq!(t.kind, TargetKind::Maximum(q(-5.0, Unit::Percent)));
    // A dash between numbers or after a word is no minus.
    let t = parse_target("10-20 %").unwrap();
    assert_eq!(t.kind, TargetKind::Minimum(q(10.0, Unit::Number)));
    let a = parse_actual("ГУП-5 %").unwrap();
    assert_eq!(a.value, Some(q(5.0, Unit::Percent)));
    // A date after a dash is still a date, not −31,05.
    let a = parse_actual("01.09.2024-31.05.2025: 12 %").unwrap();
    assert_eq!(a.value, Some(q(12.0, Unit::Percent)));
    // A negative count of people keeps its sign and is checked like any count.
    assert!(parse_actual("-1,200 чел.").is_err());
    // A dash parted from the number is no sure minus: «- 7 %» would have been 7.
    for raw in ["- 7 %", " − 7 %", "–\u{a0}7 %"] {
        let e = parse_actual(raw).expect_err(raw);
        assert!(
            e.message.ends_with("отделён от числа пробелом: это минус?"),
            "{raw:?}"
        );
        let t = format!("{raw} педагогов");
        assert!(parse_target(&t).is_err(), "{t:?}");
    }
    let e = parse_actual("- 7 %").unwrap_err();
    assert_eq!(e.snippet("- 7 %"), "- 7");
}

/// «1 200 руб.» against a target in «чел.» was compared as if in people.
#[test]
fn units_of_another_kind_do_not_compare() {
    let input = |actual: &str| IndicatorInput {
        id: "U1".into(),
        name: "Участники".into(),
        target: "не менее 1200 чел.".into(),
        actual: Some(actual.into()),
        ..IndicatorInput::default()
    };
    for actual in [
        "1 200 руб.",
        "1200 ₽",
        "1 200 рублей",
        "1300 часов",
        "1300 баллов",
    ] {
        let errors = Indicator::from_input(input(actual)).expect_err(actual);
        assert_eq!(errors.len(), 1, "{actual}");
        assert_eq!(errors[0].field.as_deref(), Some("actual"));
        assert!(
            errors[0].message.starts_with("единица факта («"),
            "{actual}: {}",
            errors[0].message
        );
    }
    let errors = Indicator::from_input(input("1 200 руб.")).unwrap_err();
    assert_eq!(
        errors[0].message,
        "единица факта («руб.») не совпадает с единицей цели («чел.»)"
    );
    // A bare number or a word that is no unit takes the target's unit.
    for actual in ["1 250", "1 250 педагогов"] {
        let ind = Indicator::from_input(input(actual)).unwrap();
        assert_eq!(ind.achievement, Achievement::Achieved, "{actual}");
    }
    // Money compares with money, hours with hours.
    assert_eq!(
        status("не менее 1 000 руб.", "1 200 руб."),
        Achievement::Achieved
    );
    assert_eq!(
        status("не менее 72 часов", "36 ч."),
        Achievement::NotAchieved
    );
    assert_eq!(Unit::from_text("руб."), Some(Unit::Rubles));
    assert_eq!(Unit::from_text("часов"), Some(Unit::Hours));
    assert_eq!(q(3.0, Unit::Points).to_string(), "3\u{a0}балла");
}

/// «менее 1200 чел.» as an actual was read as 1200, reached.
#[test]
fn a_condition_in_an_actual_is_refused() {
    let cases = [
        ("менее 1200 чел.", "менее 1200 чел."),
        ("не менее 1200 чел.", "не менее 1200 чел."),
        ("Более 1 200 чел.", "Более 1 200 чел."),
        ("охват более чем 50 %", "более чем 50 %"),
        ("свыше 30%", "свыше 30%"),
        ("≥ 3 ед.", "≥ 3 ед."),
        ("950 чел., в т. ч. не менее 200 учителей", "не менее 200"),
    ];
    for (raw, snippet) in cases {
        let e = parse_actual(raw).expect_err(raw);
        assert_eq!(e.snippet(raw), snippet, "{raw:?}");
        assert!(
            e.message.starts_with("в фактическом значении условие"),
            "{raw:?}: {}",
            e.message
        );
    }
    let e = parse_actual("менее 1200 чел.").unwrap_err();
    assert!(e.hint.contains("уберите «менее»"), "{}", e.hint);
    // A comparison with something else is no condition on the value.
    for ok in [
        "950 чел., на 10 % больше, чем в 2024 году",
        "в 2 раза больше, чем в 2024 году",
        "более чем в 2 раза",
    ] {
        assert!(parse_actual(ok).is_ok(), "{ok:?}");
    }
    // Targets keep their conditions.
    assert!(parse_target("не менее 1200 чел.").is_ok());
}

/// Every pair of spaces, group marks and invisible characters of the Basic Multilingual
/// Plane between «1» and «200», in a target, an actual and a table number: 1 200 or an
/// error, never 1.
#[test]
fn no_two_spaces_inside_a_number_give_another_number() {
    use crate::indicator::visible::{is_group_mark, is_invisible};
    let marks: Vec<char> = (0..0x10000u32)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace() || is_group_mark(*c) || is_invisible(*c))
        .collect();
    let (mut tried, mut read, mut wrong) = (0usize, 0usize, Vec::new());
    for a in &marks {
        for b in &marks {
            let n = format!("1{a}{b}200");
            let target = format!("не менее {n} чел.");
            if let Ok(t) = parse_target(&target) {
                match t.kind == TargetKind::Minimum(q(1200.0, Unit::People)) {
                    true => read += 1,
                    false => wrong.push(format!("target {target:?}: {:?}", t.kind)),
                }
            }
            let actual = format!("{n} чел.");
            if let Ok(a) = parse_actual(&actual) {
                match a.value == Some(q(1200.0, Unit::People)) {
                    true => read += 1,
                    false => wrong.push(format!("actual {actual:?}: {:?}", a.value)),
                }
            }
            if let Some(v) = crate::indicator::number::parse_decimal(&n) {
                match v == 1200.0 {
                    true => read += 1,
                    false => wrong.push(format!("number {n:?}: {v}")),
                }
            }
            tried += 3;
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {tried} read wrong:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(30)].join("\n")
    );
    eprintln!(
        "marks {}, values tried {tried}: read as 1200 {read}, refused {}, wrong 0",
        marks.len(),
        tried - read
    );
}
