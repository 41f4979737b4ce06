//! Open data: every indicator table is also published as CSV and JSON.
//!
//! The CSV is made for Excel in the Russian locale, which is what methodists open it
//! with: UTF-8 with a BOM (without it Excel guesses Windows-1251), `;` between cells,
//! CRLF line ends, numbers with a decimal comma and no grouping.

use serde_json::{json, Value};

use super::achieve::Summary;
use super::number::format_csv_number;
use super::record::Indicator;

/// Column headers of the indicator CSV.
const HEADERS: [&str; 15] = [
    "Код",
    "Группа",
    "№",
    "Показатель",
    "Входит в",
    "Ед. изм.",
    "Цель",
    "Вид цели",
    "Целевое значение",
    "Факт",
    "Фактическое значение",
    "Числитель",
    "Знаменатель",
    "Достижение",
    "Примечание",
];

/// The indicators as a CSV for Excel: one row per indicator, then one row per part
/// (id «A3.1», «Входит в» = «A3»).
pub fn indicators_csv(indicators: &[Indicator]) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let num = |v: Option<f64>| v.map(format_csv_number).unwrap_or_default();
    for ind in indicators {
        let target_value = ind.target.kind.quantity().map(|q| q.value);
        let actual_value = ind.actual.as_ref().and_then(|a| a.value).map(|q| q.value);
        rows.push(vec![
            ind.id.clone(),
            ind.group.clone().unwrap_or_default(),
            ind.number.clone().unwrap_or_default(),
            ind.name.clone(),
            String::new(),
            ind.unit.clone().unwrap_or_default(),
            ind.target.raw.clone(),
            ind.target.kind.label().to_string(),
            num(target_value),
            ind.actual
                .as_ref()
                .map(|a| a.raw.clone())
                .unwrap_or_default(),
            num(actual_value),
            num(ind.numerator),
            num(ind.denominator),
            ind.achievement.label().to_string(),
            ind.note.clone().unwrap_or_default(),
        ]);
        for (i, p) in ind.parts.iter().enumerate() {
            let text = |raw: &Option<String>, q: Option<super::value::Quantity>| {
                raw.clone()
                    .or_else(|| q.map(|q| q.to_string()))
                    .unwrap_or_default()
            };
            rows.push(vec![
                format!("{}.{}", ind.id, i + 1),
                ind.group.clone().unwrap_or_default(),
                String::new(),
                p.label.clone().unwrap_or_default(),
                ind.id.clone(),
                ind.unit.clone().unwrap_or_default(),
                text(&p.target_raw, p.target),
                ind.target.kind.label().to_string(),
                num(p.target.map(|q| q.value)),
                text(&p.actual_raw, p.actual),
                num(p.actual.map(|q| q.value)),
                String::new(),
                String::new(),
                p.achievement.label().to_string(),
                String::new(),
            ]);
        }
    }
    excel_csv(&HEADERS, &rows)
}

/// The indicators as JSON: `{"summary": {…, "line": "…"}, "indicators": […]}`, each
/// indicator with its raw and parsed target and actual and its achievement.
pub fn indicators_json(indicators: &[Indicator]) -> Value {
    let summary = Summary::of(indicators.iter().map(|i| i.achievement));
    let mut summary_json = serde_json::to_value(summary).unwrap_or_else(|_| json!({}));
    if let Value::Object(map) = &mut summary_json {
        map.insert("line".into(), Value::String(summary.line()));
    }
    json!({
        "summary": summary_json,
        "indicators": serde_json::to_value(indicators).unwrap_or_else(|_| json!([])),
    })
}

/// Writes rows as a CSV for Russian Excel (BOM, `;`, CRLF). Text that Excel would
/// take for a formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe.
pub(crate) fn excel_csv(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail; a failed row would only be missing.
    let _ = writer.write_record(headers);
    for row in rows {
        let _ = writer.write_record(row.iter().map(|c| defuse_formula(c)));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

fn defuse_formula(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@']) && cell.chars().count() > 1;
    if risky && !looks_numeric(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn looks_numeric(cell: &str) -> bool {
    super::number::parse_decimal(cell).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicator::record::{IndicatorInput, PartInput};

    fn indicators() -> Vec<Indicator> {
        let a13 = IndicatorInput {
            id: "A13".into(),
            group: Some("A".into()),
            number: Some("13".into()),
            name: "Доля сотрудников ММС; «в т. ч. ИРО»".into(),
            unit: Some("%".into()),
            target: "5% (в т. ч. 1,5%)".into(),
            actual: Some("11,11% (2 чел.)".into()),
            ..IndicatorInput::default()
        };
        let a3 = IndicatorInput {
            id: "A3".into(),
            name: "- в ГУП и ИРО".into(),
            target: "не менее 10 %".into(),
            numerator: Some(1500.5),
            denominator: Some(20000.0),
            parts: vec![PartInput {
                label: Some("ГУП".into()),
                target: Some("2%".into()),
                actual: Some("10,63%".into()),
            }],
            ..IndicatorInput::default()
        };
        [a13, a3]
            .into_iter()
            .map(|i| Indicator::from_input(i).unwrap())
            .collect()
    }

    #[test]
    fn csv_for_russian_excel() {
        let csv = indicators_csv(&indicators());
        assert!(csv.starts_with("\u{feff}Код;Группа;№;Показатель;"));
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines.len(), 6, "{csv:?}");
        assert_eq!(lines[5], "");
        assert_eq!(
            lines[1],
            "A13;A;13;\"Доля сотрудников ММС; «в т. ч. ИРО»\";;%;5% (в т. ч. 1,5%);не менее;5;11,11% (2 чел.);11,11;;;достигнут;"
        );
        assert_eq!(
            lines[2],
            "A13.1;A;;в т. ч.;A13;%;1,5\u{a0}%;не менее;1,5;;;;;нет данных;"
        );
        assert_eq!(
            lines[3],
            "A3;;;'- в ГУП и ИРО;;;не менее 10 %;не менее;10;1\u{a0}500,5 из 20\u{a0}000;7,5025;1500,5;20000;не достигнут;"
        );
        assert_eq!(
            lines[4],
            "A3.1;;;ГУП;A3;;2%;не менее;2;10,63%;10,63;;;достигнут;"
        );
    }

    #[test]
    fn json_with_summary() {
        let v = indicators_json(&indicators());
        assert_eq!(v["summary"]["total"], 2);
        assert_eq!(v["summary"]["line"], "1 из 2 достигнут, 1 не достигнут");
        assert_eq!(v["indicators"][0]["id"], "A13");
        assert_eq!(v["indicators"][0]["target"]["raw"], "5% (в т. ч. 1,5%)");
        assert_eq!(v["indicators"][0]["actual"]["count"], 2);
        assert_eq!(v["indicators"][1]["parts"][0]["achievement"], "achieved");
        assert_eq!(indicators_json(&[])["indicators"], json!([]));
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse_formula("-5"), "-5");
        assert_eq!(defuse_formula("-"), "-");
        assert_eq!(defuse_formula("– тире"), "– тире");
        assert_eq!(defuse_formula("@admin"), "'@admin");
    }
}
