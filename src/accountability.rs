//! Accountability: indicators and activities of reports, plans, roadmaps, programmes and
//! regulations, parsed and with achievement computed, as one JSON value per page.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::indicator::{
    bar_chart, indicators_csv, indicators_json, ChartRow, Indicator, IndicatorInput, Summary,
    ValueError,
};
use crate::parse::Page;
use serde_json::{json, Value};

/// What a page with indicators and activities publishes.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// Everything templates show, as one value.
    pub view: Value,
    /// Open-data files published beside the page: (file name, bytes).
    pub files: Vec<(String, Vec<u8>)>,
}

/// Reads `indicators_file` beside the page (CSV or XLSX); problems point at sheet, row
/// and column.
fn file_inputs(page: &Page, file: &str, diags: &mut Diagnostics) -> Vec<IndicatorInput> {
    let dir = page.abs.parent().unwrap_or(std::path::Path::new("."));
    let rel = page
        .src
        .parent()
        .unwrap_or(std::path::Path::new(""))
        .join(file);
    match crate::indicator::read_indicator_file(dir.join(file)) {
        Ok(list) => list,
        Err(errors) => {
            for e in errors {
                let place = match &e.sheet {
                    Some(sheet) => {
                        format!("лист «{sheet}», строка {}, столбец {}", e.row, e.column)
                    }
                    None => format!("строка {}, столбец {}", e.row, e.column),
                };
                diags.push(
                    Diagnostic::error(&rel, format!("{place}: {}", e.message))
                        .at(Pos::new(e.row.max(1), 1))
                        .hint(e.hint.clone()),
                );
            }
            Vec::new()
        }
    }
}

/// Parses and derives the indicators and activities of `page`; problems go to `diags`.
pub fn derive(page: &Page, diags: &mut Diagnostics) -> Option<Derived> {
    let acc = page.meta.accountability()?;
    let mut inputs: Vec<IndicatorInput> = acc.indicators.to_vec();
    if let Some(file) = acc.indicators_file {
        inputs.extend(file_inputs(page, file, diags));
    }
    let mut indicators = Vec::with_capacity(inputs.len());
    for input in &inputs {
        let raw_target = input.target.clone();
        let raw_actual = input.actual.clone();
        match Indicator::from_input(input.clone()) {
            Ok(ind) => indicators.push(ind),
            Err(errors) => {
                for e in errors {
                    let raw = match e.field.as_deref() {
                        Some("actual") => raw_actual.as_deref().unwrap_or_default(),
                        _ => raw_target.as_str(),
                    };
                    diags.push(value_error(page, &input.id, raw, &e));
                }
            }
        }
    }
    let summary = Summary::of(indicators.iter().map(|i| i.achievement));
    let chart = (!indicators.is_empty()).then(|| {
        let rows: Vec<ChartRow> = indicators.iter().map(ChartRow::from_indicator).collect();
        bar_chart(&rows)
    });
    // A group heading row goes before the first indicator of each group.
    let mut last_group: Option<&str> = None;
    let rows: Vec<Value> = indicators
        .iter()
        .map(|ind| {
            let group = ind.group.as_deref();
            let heading = (group.is_some() && group != last_group)
                .then(|| {
                    acc.indicator_groups
                        .iter()
                        .find(|g| Some(g.id.as_str()) == group)
                })
                .flatten();
            last_group = group;
            json!({ "heading": heading, "indicator": ind })
        })
        .collect();
    let activities = match crate::activity::activities_from_inputs(
        acc.activities.to_vec(),
        None,
        page.common.year,
    ) {
        Ok(list) => list,
        Err(errors) => {
            for e in errors {
                let n = e.n.clone().unwrap_or_else(|| (e.index + 1).to_string());
                diags.push(
                    Diagnostic::error(
                        &page.src,
                        format!("мероприятие {n}, поле {}: {}", e.field, e.message),
                    )
                    .at_opt(
                        page.locate(&format!("n: \"{n}\""))
                            .or_else(|| page.locate("activities:")),
                    )
                    .hint(e.hint.clone()),
                );
            }
            Vec::new()
        }
    };
    let counts = crate::activity::count(&activities);
    let mut files = Vec::new();
    let open_data = (!indicators.is_empty()).then(|| {
        files.push((
            "indicators.csv".to_string(),
            indicators_csv(&indicators).into_bytes(),
        ));
        let json = serde_json::to_vec_pretty(&indicators_json(&indicators)).unwrap_or_default();
        files.push(("indicators.json".to_string(), json));
        json!({ "indicators_csv": "indicators.csv", "indicators_json": "indicators.json" })
    });
    let view = json!({
        "open_data": open_data,
        "rows": rows,
        "approved": acc.approved,
        "publisher": acc.publisher,
        "groups": acc.indicator_groups,
        "indicators": indicators,
        "summary": summary,
        "summary_line": (!indicators.is_empty()).then(|| summary.line()),
        "chart": chart,
        "activity_summary": (!activities.is_empty()).then(|| counts.by_status.line()),
        "activity_counts": counts,
        "activities": activities,
    });
    Some(Derived { view, files })
}

/// A value that does not parse, pointed at inside the front matter.
fn value_error(page: &Page, id: &str, raw: &str, e: &ValueError) -> Diagnostic {
    let pos = page.locate(raw).map(|p| {
        let off = raw.get(..e.offset).map_or(0, |s| s.chars().count());
        Pos::new(p.line, p.col + off)
    });
    let line = pos
        .and_then(|p| page.text.lines().nth(p.line - 1))
        .unwrap_or(raw);
    let field = e.field.as_deref().unwrap_or("target");
    Diagnostic::error(
        &page.src,
        format!("показатель {id}, поле {field}: {}", e.message),
    )
    .at_opt(pos)
    .snippet(line)
    .hint(e.hint.clone())
}
