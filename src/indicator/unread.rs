//! Why a reported indicator still has the status «нет данных»: a target or an actual that
//! stayed text, so nothing could be compared. `check` warns about each, at the value, so
//! the methodist learns why the site shows no status where the document has a fact.

use super::achieve::Achievement;
use super::by_year::{by_year, ByYear};
use super::record::Indicator;
use super::value::{TargetKind, ValueError};

/// The reason an indicator with a reported actual is «нет данных» for a page of `year`,
/// as a problem of the field to fix (`target` or `actual`, offset 0); `None` when the
/// status is computed or nothing was reported.
pub fn why_no_data(ind: &Indicator, year: Option<i32>) -> Option<ValueError> {
    if ind.achievement != Achievement::NoData {
        return None;
    }
    let actual = ind.actual.as_ref()?;
    if by_year(&actual.raw, year) == ByYear::Text {
        return Some(year_missing("actual", year));
    }
    if actual.is_empty() {
        return None;
    }
    let target = &ind.target;
    let (field, message, hint) = match &target.kind {
        TargetKind::Text if by_year(&target.raw, year) == ByYear::Text => {
            return Some(year_missing("target", year));
        }
        TargetKind::Text => (
            "target",
            "цель записана текстом, с фактом её не сравнить: статус «нет данных»".to_string(),
            "запишите цель числом («не менее 10 %»), направлением («рост», «снижение») или «выполнено»; либо напишите в факте «выполнено» или «не выполнено»",
        ),
        TargetKind::Trend(want) if actual.trend.is_none() => (
            "actual",
            format!("цель — «{}», а факт не говорит, как изменилось значение: статус «нет данных»", want.label()),
            "укажите изменение: «рост: с 14 до 19 чел.» или значения по годам: «2025 — 14 чел., 2026 — 19 чел.»",
        ),
        TargetKind::Minimum(_) | TargetKind::Maximum(_) | TargetKind::Exact(_) => (
            "actual",
            format!("в факте нет числа, которое можно сравнить с целью «{}»: статус «нет данных»", target.describe()),
            "впишите достигнутое значение числом, например «19 чел.», или изменение: «с 14 до 19 чел.»",
        ),
        TargetKind::Done if actual.done.is_none() => (
            "actual",
            "факт не говорит, выполнена ли цель: статус «нет данных»".to_string(),
            "напишите в факте «выполнено» или «не выполнено», пояснение — после него",
        ),
        _ => return None,
    };
    Some(ValueError::new(message, hint, 0, 0).in_field(field))
}

fn year_missing(field: &str, year: Option<i32>) -> ValueError {
    let message = match year {
        Some(y) => format!("значение дано по годам, а {y} года среди них нет: статус «нет данных»"),
        None => "значение дано по годам, а год страницы не указан: статус «нет данных»".to_string(),
    };
    ValueError::new(
        message,
        "укажите year страницы и значение этого года: «2025 — 14 чел., 2026 — 19 чел.»",
        0,
        0,
    )
    .in_field(field)
}

#[cfg(test)]
mod tests {
    use super::super::record::IndicatorInput;
    use super::super::value::{Quantity, TrendDirection, Unit};
    use super::*;

    /// The regional framework's own wording of a direction target (seed 003, line 306).
    const SEED_TREND: &str =
        "Позитивная динамика количества педагогов, вовлеченных в различные виды экспертной деятельности";

    fn indicator(target: &str, actual: &str, year: Option<i32>) -> Indicator {
        let input = IndicatorInput {
            id: "T1".into(),
            name: "Эксперты".into(),
            target: target.into(),
            actual: Some(actual.into()),
            ..IndicatorInput::default()
        };
        Indicator::from_input_in(input, year).expect("the values read")
    }

    fn people(value: f64) -> Option<Quantity> {
        Some(Quantity {
            value,
            unit: Unit::People,
        })
    }

    #[test]
    fn a_change_is_compared_by_its_direction_and_its_end() {
        let ind = indicator(SEED_TREND, "рост: с 14 до 19 чел.", Some(2025));
        assert_eq!(ind.achievement, Achievement::Achieved);
        let actual = ind.actual.as_ref().expect("an actual");
        // The end is the actual; 14 is only where it started.
        assert_eq!(actual.value, people(19.0));
        assert_eq!(actual.change.map(|c| c.from), people(14.0));
        // The numbers say which way it went, whatever the word before them.
        let ind = indicator(SEED_TREND, "рост: с 19 до 14 чел.", Some(2025));
        assert_eq!(ind.achievement, Achievement::NotAchieved);
        let ind = indicator("снижение", "с 12 % до 9 %", Some(2025));
        assert_eq!(ind.achievement, Achievement::Achieved);
        // A number target compares the end, never the start.
        let ind = indicator("не менее 18 чел.", "с 19 до 14 чел.", Some(2025));
        assert_eq!(ind.achievement, Achievement::NotAchieved);
        assert_eq!(ind.actual.and_then(|a| a.value), people(14.0));
        assert_eq!(
            why_no_data(&indicator("рост", "рост: с 14 до 19 чел.", None), None),
            None
        );
    }

    #[test]
    fn a_change_as_target_asks_for_its_end() {
        let ind = indicator("рост: с 14 до 19 чел.", "19 чел.", Some(2025));
        assert_eq!(ind.target.kind, TargetKind::Minimum(people(19.0).unwrap()));
        assert_eq!(ind.achievement, Achievement::Achieved);
        let ind = indicator("снижение с 20 до 15 %", "17 %", Some(2025));
        assert_eq!(ind.achievement, Achievement::NotAchieved);
    }

    #[test]
    fn a_year_list_gives_the_change_from_the_year_before() {
        let list = "2025 — 14 чел., 2026 — 19 чел.";
        let ind = indicator("рост", list, Some(2026));
        assert_eq!(ind.achievement, Achievement::Achieved);
        assert_eq!(
            ind.actual.as_ref().and_then(|a| a.trend),
            Some(TrendDirection::Up)
        );
        // 2025 has no year before it in the list: a direction cannot be told.
        let ind = indicator("рост", list, Some(2025));
        assert_eq!(ind.achievement, Achievement::NoData);
        let e = why_no_data(&ind, Some(2025)).expect("a warning");
        assert_eq!(e.field.as_deref(), Some("actual"));
        assert!(
            e.message.contains("«положительная динамика»"),
            "{}",
            e.message
        );
        // A year the list does not name.
        let ind = indicator("не менее 15 чел.", list, Some(2027));
        let e = why_no_data(&ind, Some(2027)).expect("a warning");
        assert!(
            e.message.contains("2027 года среди них нет"),
            "{}",
            e.message
        );
    }

    #[test]
    fn every_text_that_leaves_no_status_is_explained() {
        let cases = [
            (SEED_TREND, "19 чел.", "actual", "как изменилось"),
            ("не менее 10 %", "рост", "actual", "нет числа"),
            (
                "Ежегодно, начиная с 2023 года",
                "12 семинаров",
                "target",
                "цель записана текстом",
            ),
            ("разработан", "12 семинаров", "actual", "выполнена ли"),
        ];
        for (target, actual, field, words) in cases {
            let ind = indicator(target, actual, Some(2025));
            assert_eq!(ind.achievement, Achievement::NoData, "{target} / {actual}");
            let e = why_no_data(&ind, Some(2025)).expect("a warning");
            assert_eq!(e.field.as_deref(), Some(field), "{target} / {actual}");
            assert!(e.message.contains(words), "{}", e.message);
            assert!(e.message.ends_with("статус «нет данных»"), "{}", e.message);
        }
        // Nothing reported is no data without a warning.
        assert_eq!(
            why_no_data(&indicator("рост", "–", Some(2025)), Some(2025)),
            None
        );
    }
}
