use super::*;
use crate::indicator::parse::{parse_actual, parse_target};
use crate::indicator::seed_forms::SEED_000;
use Achievement::*;

fn status(target: &str, actual: &str) -> Achievement {
    let t = parse_target(target).unwrap_or_else(|e| panic!("{target}: {e}"));
    let a = parse_actual(actual).unwrap_or_else(|e| panic!("{actual}: {e}"));
    achievement(&t, Some(&a))
}

#[test]
fn labels_and_slugs() {
    let all = [Achieved, Partial, NotAchieved, NoData];
    let labels: Vec<_> = all.iter().map(|a| a.label()).collect();
    let slugs: Vec<_> = all.iter().map(|a| a.slug()).collect();
    assert_eq!(
        labels,
        ["достигнут", "частично", "не достигнут", "нет данных"]
    );
    assert_eq!(slugs, ["achieved", "partial", "not-achieved", "no-data"]);
    assert_eq!(serde_json::to_value(NotAchieved).unwrap(), "not-achieved");
}

#[test]
fn by_kind() {
    let from_seeds = "Не менее 2 ед. с общим охватом не менее 80%";
    let contests = "35%, из них: 10%; 5 %; 20%";
    let cases = [
        ("10 %", "10,3%", Achieved),
        ("10 %", "10 %", Achieved),
        ("10 %", "9,99 %", NotAchieved),
        ("0,5 %", "0,5%", Achieved),
        ("не более 250", "250", Achieved),
        ("не более 250", "251 чел.", NotAchieved),
        ("Не более 250 человек", "240 чел.", Achieved),
        ("ровно 5", "5", Achieved),
        ("ровно 5", "6", NotAchieved),
        ("10 %", "–", NoData),
        ("10 %", "", NoData),
        ("10 %", "Письмо направлено", NoData),
        ("10 %", "10 чел.", NoData),
        ("выполнено", "да", Achieved),
        ("Разработан", "нет", NotAchieved),
        ("выполнено", "", NoData),
        ("Позитивная динамика", "рост", Achieved),
        ("Позитивная динамика", "положительная динамика", Achieved),
        ("Позитивная динамика", "снижение", NotAchieved),
        ("Позитивная динамика", "12 %", NoData),
        ("Снижение доли ШНОР", "снижение", Achieved),
        ("Ежегодно, начиная с 2023 года", "выполнено", Achieved),
        ("Ежегодно, начиная с 2023 года", "не выполнено", NotAchieved),
        ("Ежегодно, начиная с 2023 года", "10 %", NoData),
        (contests, "57,64% 12% 6,2% 39,44%", Achieved),
        (contests, "40% 12% 4% 24%", Partial),
        (contests, "40% 12%", Achieved),
        (contests, "30% 12% 6% 24%", NotAchieved),
        (contests, "ДОО 12% УДО 6%", Partial),
        (contests, "ДОО 2% УДО 1%", NotAchieved),
        ("5% (в т. ч. 1,5%)", "11,11% (в т. ч. 5,56%)", Achieved),
        ("не более 5 %, в т. ч. 1 %", "4 % 2 %", Partial),
        (from_seeds, "5 ед., охват 86%", Achieved),
        (from_seeds, "5 ед., охват 70%", NotAchieved),
        (from_seeds, "1 ед., охват 90%", NotAchieved),
        (from_seeds, "86%", Achieved),
        (from_seeds, "3 ед.", Achieved),
        (
            "80% от числа педагогических работников школ с низким результатами обучения",
            "8,56% от общего числа педагогов, 84% от общего числа педагогов ШНОР",
            Achieved,
        ),
        (
            "10% от общего числа педагогов",
            "8,56% от общего числа педагогов, 84% от общего числа педагогов ШНОР",
            NotAchieved,
        ),
    ];
    for (target, actual, want) in cases {
        assert_eq!(status(target, actual), want, "{target} / {actual}");
    }
    let t = parse_target("10 %").unwrap();
    assert_eq!(achievement(&t, None), NoData);
}

#[test]
fn combining_parts() {
    let cases: [(Achievement, &[Achievement], Achievement); 9] = [
        (Achieved, &[], Achieved),
        (Achieved, &[Achieved, Achieved], Achieved),
        (Achieved, &[Achieved, NotAchieved], Partial),
        (Achieved, &[NoData], Achieved),
        (NotAchieved, &[Achieved], NotAchieved),
        (NoData, &[NoData, NoData], NoData),
        (NoData, &[Achieved, NotAchieved, NoData], Partial),
        (NoData, &[NotAchieved, NoData], NotAchieved),
        (Partial, &[Achieved], Partial),
    ];
    for (main, parts, want) in cases {
        assert_eq!(combine(main, parts), want, "{main:?} {parts:?}");
    }
}

/// Seed 000, table 1, statuses worked out by hand from the document's numbers
/// (domain notes, seed-000.md §2.1), under the rules in the module doc.
#[test]
fn usolsky_2025_report() {
    let want: [(&str, Achievement); 24] = [
        ("A1", Achieved),     // 10 % → 10,3 %
        ("A2", Achieved),     // 10 % → 10,3 %
        ("A3", Partial),      // total not given; ГУП 10,63 ≥ 2, ИРО 0,8 < 8
        ("A4", Achieved),     // 10 % → 30,35 %
        ("A5", Achieved),     // ≥10 % → 10,89 %
        ("A6", Achieved),     // 7 % → 64,4 %
        ("A7", Achieved),     // 5 % → 28,61 %
        ("A8", Achieved),     // 10 % → 16,15 %
        ("A9", Achieved),     // 80 % of ШНОР staff → 84 % of ШНОР staff
        ("A10", Achieved),    // 3 % → 7 %
        ("A11", Achieved),    // 2 % → 2,72 %
        ("A12", NotAchieved), // ≥10 % → 7,59 %
        ("A13", Achieved),    // 5 % → 11,11 %; «в т. ч. 1,5 %» not reported
        ("B1", Achieved),     // 100 % → 100 %; «в т.ч. 100 %» not reported
        ("B2", Achieved),     // 100 % → 100 %
        ("B3", Achieved),     // 8/6/2 → 12,6/9,3/3,3
        ("B4", Achieved),     // coverage 86 ≥ 80; the number of events not given as a number
        ("B5", Achieved),     // 100 % → 100 %
        ("B6", Achieved),     // 10 % → 18,92 %
        ("B7", NotAchieved),  // 30 % → 25,58 %
        ("B8", Achieved),     // 5 % → 17,54 %
        ("B9", Achieved),     // 30 % → 77,37 %
        ("B10", NotAchieved), // 20 % → 18,6 %
        ("B11", Achieved),    // 35/10/5/20 → 57,64/12/6,2/39,44
    ];
    let mut got = Vec::new();
    for ((id, target, actual), (want_id, want_status)) in SEED_000.iter().zip(want) {
        assert_eq!(*id, want_id);
        let s = status(target, actual);
        assert_eq!(s, want_status, "{id}: {target} / {actual}");
        got.push(s);
    }
    let summary = Summary::of(got);
    assert_eq!(
        summary,
        Summary {
            total: 24,
            achieved: 20,
            partial: 1,
            not_achieved: 3,
            no_data: 0
        }
    );
    assert_eq!(
        summary.line(),
        "20 из 24 достигнуты, 1 частично, 3 не достигнуты"
    );
}

#[test]
fn summary_lines() {
    let line = |a, p, n, d| {
        Summary {
            total: a + p + n + d,
            achieved: a,
            partial: p,
            not_achieved: n,
            no_data: d,
        }
        .line()
    };
    assert_eq!(
        line(20, 1, 3, 0),
        "20 из 24 достигнуты, 1 частично, 3 не достигнуты"
    );
    assert_eq!(line(1, 0, 0, 0), "1 из 1 достигнут");
    assert_eq!(
        line(0, 0, 0, 17),
        "17 показателей, фактические значения не указаны"
    );
    assert_eq!(
        line(0, 0, 0, 21),
        "21 показатель, фактические значения не указаны"
    );
    assert_eq!(
        line(21, 0, 1, 2),
        "21 из 24 достигнут, 1 не достигнут, 2 без данных"
    );
    assert_eq!(line(0, 0, 5, 0), "0 из 5 достигнуты, 5 не достигнуты");
    assert_eq!(line(0, 0, 0, 0), "Показателей нет");
}
