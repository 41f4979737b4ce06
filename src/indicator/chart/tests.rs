use super::*;
use crate::indicator::record::{Indicator, IndicatorInput};

fn row(
    label: &str,
    target: Option<f64>,
    actual: Option<f64>,
    unit: Unit,
    a: Achievement,
) -> ChartRow {
    ChartRow {
        label: label.into(),
        target,
        actual,
        unit,
        achievement: a,
    }
}

fn attr(node: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no numeric {name} on {node:?}"))
}

fn has_class(node: roxmltree::Node<'_, '_>, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split(' ').any(|x| x == class))
}

/// Bars of the chart: (row class, bar width, target mark x), in row order.
fn bars(svg: &str) -> Vec<(String, Option<f64>, Option<f64>)> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    doc.descendants()
        .filter(|n| has_class(*n, "chart-row"))
        .map(|g| {
            let bar = g.children().find(|n| has_class(*n, "chart-bar"));
            let mark = g.children().find(|n| has_class(*n, "chart-target"));
            (
                g.attribute("class").unwrap_or("").to_string(),
                bar.map(|b| attr(b, "width")),
                mark.map(|m| attr(m, "x1")),
            )
        })
        .collect()
}

fn close(got: Option<f64>, want: f64) -> bool {
    got.is_some_and(|g| (g - want).abs() < 0.011)
}

#[test]
fn widths_are_proportional_to_values() {
    use Achievement::*;
    let rows = [
        row("A1", Some(10.0), Some(10.3), Unit::Percent, Achieved),
        row("B7", Some(30.0), Some(25.58), Unit::Percent, NotAchieved),
        row("B10", Some(20.0), None, Unit::Percent, NoData),
        row("B11", Some(35.0), Some(57.64), Unit::Percent, Achieved),
    ];
    let got = bars(&bar_chart(&rows));
    // Percentages up to 100 use the 0–100 scale over the 540-unit plot.
    assert!(close(got[0].1, 10.3 * 5.4), "{got:?}");
    assert!(close(got[1].1, 25.58 * 5.4), "{got:?}");
    assert_eq!(got[2].1, None);
    assert!(close(got[3].1, 57.64 * 5.4), "{got:?}");
    assert!(close(got[0].2, 4.0 + 10.0 * 5.4));
    assert!(close(got[1].2, 4.0 + 30.0 * 5.4));
    assert!(close(got[2].2, 4.0 + 20.0 * 5.4));
    assert_eq!(got[1].0, "chart-row chart-row--not-achieved");
}

#[test]
fn values_above_one_hundred_rescale() {
    use Achievement::*;
    let rows = [
        row("C3", Some(200.0), Some(250.0), Unit::People, NotAchieved),
        row("X", Some(50.0), Some(120.0), Unit::Percent, Achieved),
    ];
    let got = bars(&bar_chart(&rows));
    // The largest value is 250, itself a round ceiling: 250 fills the plot.
    assert!(close(got[0].1, 540.0), "{got:?}");
    assert!(close(got[0].2, 4.0 + 200.0 / 250.0 * 540.0), "{got:?}");
    assert!(close(got[1].1, 120.0 / 250.0 * 540.0), "{got:?}");
    assert_eq!(nice_ceiling(130.0), 200.0);
    assert_eq!(nice_ceiling(0.7), 1.0);
    assert_eq!(nice_ceiling(3.1), 5.0);
    assert_eq!(nice_ceiling(0.0), 1.0);
}

#[test]
fn accessible_and_russian() {
    let rows = [row(
        "A1 Доля <педагогов> & «кадров»",
        Some(10.0),
        Some(10.3),
        Unit::Percent,
        Achievement::Achieved,
    )];
    let svg = bar_chart(&rows);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    assert!(root
        .attribute("aria-label")
        .is_some_and(|l| l.contains("1 показатель")));
    assert_eq!(
        root.first_element_child().map(|n| n.tag_name().name()),
        Some("title")
    );
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        titles[1],
        "A1 Доля <педагогов> & «кадров»: цель 10\u{a0}%, факт 10,3\u{a0}% — достигнут"
    );
    let value = doc
        .descendants()
        .find(|n| has_class(*n, "chart-value"))
        .and_then(|n| n.text());
    assert_eq!(value, Some("10,3\u{a0}%"));
    assert!(!svg.contains("<script"));
    assert!(svg.contains("chart-bar--achieved"));
}

#[test]
fn odd_rows_do_not_break_the_chart() {
    assert_eq!(bar_chart(&[]), "");
    let rows = [
        row(
            "nan",
            Some(f64::NAN),
            Some(f64::INFINITY),
            Unit::Number,
            Achievement::NoData,
        ),
        row(
            "neg",
            Some(-5.0),
            Some(-1.0),
            Unit::Number,
            Achievement::NoData,
        ),
        row(
            &"очень длинное название ".repeat(20),
            None,
            None,
            Unit::Events,
            Achievement::NoData,
        ),
    ];
    let svg = bar_chart(&rows);
    roxmltree::Document::parse(&svg).unwrap();
    assert!(svg.contains("нет данных"));
    assert!(svg.contains('…'));
}

#[test]
fn row_from_an_indicator() {
    let input = IndicatorInput {
        id: "A9".into(),
        name: "Доля педагогов ШНОР, повысивших квалификацию".into(),
        target: "80% от числа педагогических работников школ с низким результатами обучения".into(),
        actual: Some("8,56% от общего числа педагогов, 84% от общего числа педагогов ШНОР".into()),
        ..IndicatorInput::default()
    };
    let ind = Indicator::from_input(input).unwrap();
    let r = ChartRow::from_indicator(&ind);
    assert_eq!(
        (r.target, r.actual, r.unit),
        (Some(80.0), Some(84.0), Unit::Percent)
    );
    assert_eq!(r.achievement, Achievement::Achieved);
    assert_eq!(r.label, "A9 Доля педагогов ШНОР, повысивших квалификацию");

    let coverage = IndicatorInput {
        id: "B4".into(),
        name: "Мероприятия".into(),
        target: "Не менее 2 ед. с общим охватом не менее 80%".into(),
        actual: Some("86%".into()),
        ..IndicatorInput::default()
    };
    let r = ChartRow::from_indicator(&Indicator::from_input(coverage).unwrap());
    assert_eq!((r.target, r.actual, r.unit), (Some(2.0), None, Unit::Units));
}

/// The value label and the target mark never overlap: the label moves past a mark that
/// falls on it, and stays at the bar's end otherwise.
#[test]
fn value_label_clears_the_target_mark() {
    // (target, actual) in percent on the 0–100 scale: the mark just right of the bar's
    // end, on the label's text, at the bar's end, inside the bar, well to the right.
    let cases = [
        (52.0, 50.0),
        (57.0, 50.0),
        (50.0, 50.0),
        (30.0, 50.0),
        (95.0, 50.0),
    ];
    let rows: Vec<ChartRow> = cases
        .iter()
        .map(|&(t, a)| row("П", Some(t), Some(a), Unit::Percent, Achievement::Partial))
        .collect();
    let svg = bar_chart(&rows);
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let groups: Vec<_> = doc
        .descendants()
        .filter(|n| has_class(*n, "chart-row"))
        .collect();
    assert_eq!(groups.len(), cases.len());
    let bar_end = LEFT + bar_width(50.0, 100.0);
    for (g, (target, _)) in groups.iter().zip(cases) {
        let mark = attr(
            g.children()
                .find(|n| has_class(*n, "chart-target"))
                .unwrap(),
            "x1",
        );
        let label = g.children().find(|n| has_class(*n, "chart-value")).unwrap();
        let x = attr(label, "x");
        let end = x + label.text().unwrap().chars().count() as f64 * CHAR_W;
        let (mark_left, mark_right) = (mark - 1.0, mark + 1.0);
        assert!(
            end < mark_left || x > mark_right,
            "target {target}: label {x}..{end} on the mark at {mark}\n{svg}"
        );
        if mark_right < bar_end + VALUE_GAP / 2.0 || mark_left > end {
            assert!(close(Some(x), bar_end + VALUE_GAP), "target {target}: {x}");
        } else {
            assert!(
                close(Some(x), mark_right + VALUE_GAP),
                "target {target}: {x}"
            );
        }
    }
    // No actual: «нет данных» at the start moves past a small target too.
    let x = value_label_x(LEFT, Some(LEFT + 20.0), "нет данных");
    assert!(x > LEFT + 21.0, "{x}");
    assert_eq!(value_label_x(LEFT, None, "нет данных"), LEFT + VALUE_GAP);
}
