//! Target-vs-actual bar chart as inline SVG, drawn at build time (no script).
//!
//! Each row is a label line and a horizontal bar for the actual, with a vertical mark
//! at the target. Colours come from CSS classes by achievement
//! (`chart-bar--achieved` …); the `fill` attributes are only a fallback for pages
//! without the theme's stylesheet, and any CSS rule overrides them.

use std::fmt::Write as _;

use serde::Serialize;
use tera::escape_html;

use super::achieve::{effective_value, Achievement};
use super::record::Indicator;
use super::value::{Quantity, Unit};

/// Russian number formatting, re-exported here for chart labels in templates.
pub use super::number::format_number;

/// One bar of the chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartRow {
    /// Text above the bar.
    pub label: String,
    /// Target number, drawn as a mark.
    pub target: Option<f64>,
    /// Actual number, drawn as the bar.
    pub actual: Option<f64>,
    /// Unit of both numbers.
    pub unit: Unit,
    /// Achievement, which picks the bar's CSS class.
    pub achievement: Achievement,
}

impl ChartRow {
    /// The row of an indicator: its main target number and the actual number compared
    /// with it; an actual in other units than the target (a coverage answering a count)
    /// is left out, since it cannot share the target's scale.
    pub fn from_indicator(ind: &Indicator) -> ChartRow {
        let want = ind.target.kind.quantity();
        let got = ind
            .actual
            .as_ref()
            .and_then(|a| effective_value(&ind.target, a))
            .filter(|g| want.is_none_or(|w| w.unit.compatible(g.unit)));
        let unit = match (want, got) {
            (Some(w), _) if w.unit != Unit::Number => w.unit,
            (_, Some(g)) => g.unit,
            _ => Unit::Number,
        };
        let label = match &ind.number {
            Some(n) if !n.trim().is_empty() => format!("{} {}", n.trim(), ind.name),
            _ => format!("{} {}", ind.id, ind.name),
        };
        ChartRow {
            label,
            target: want.map(|q| q.value),
            actual: got.map(|q| q.value),
            unit,
            achievement: ind.achievement,
        }
    }
}

/// Layout of the chart, in SVG user units (pixels at 100 % zoom).
const WIDTH: f64 = 640.0;
const LEFT: f64 = 4.0;
/// Room right of the longest bar for its value («1 234,56 чел.»).
const VALUE_ROOM: f64 = 96.0;
const PLOT: f64 = WIDTH - LEFT - VALUE_ROOM;
const LABEL_H: f64 = 18.0;
const BAR_H: f64 = 16.0;
const ROW_GAP: f64 = 12.0;
const ROW_H: f64 = LABEL_H + BAR_H + ROW_GAP;
const AXIS_H: f64 = 24.0;
/// Visible label length; the full label is in the row's `<title>`.
const LABEL_CHARS: usize = 80;

/// Draws the rows as an accessible SVG bar chart on one shared scale: 0–100 for
/// percentages up to 100, otherwise a round number above the largest value.
/// No rows give an empty string.
pub fn bar_chart(rows: &[ChartRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let scale = scale_of(rows);
    let height = rows.len() as f64 * ROW_H + AXIS_H;
    let summary = chart_summary(rows);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="indicator-chart" role="img" aria-label="{label}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-size="13">"#,
        label = escape_html(&summary),
        w = px(WIDTH),
        h = px(height),
    );
    let _ = write!(svg, "<title>{}</title>", escape_html(&summary));
    for (i, row) in rows.iter().enumerate() {
        draw_row(&mut svg, row, i as f64 * ROW_H, scale);
    }
    draw_axis(&mut svg, rows, scale, rows.len() as f64 * ROW_H);
    svg.push_str("</svg>");
    svg
}

fn chart_summary(rows: &[ChartRow]) -> String {
    let count = rows.len() as u64;
    format!(
        "Целевые и фактические значения: {} {}",
        count,
        super::plural::plural(count, "показатель", "показателя", "показателей")
    )
}

fn draw_row(svg: &mut String, row: &ChartRow, top: f64, scale: f64) {
    let slug = row.achievement.slug();
    let bar_y = top + LABEL_H;
    let _ = write!(svg, r#"<g class="chart-row chart-row--{slug}">"#);
    let _ = write!(svg, "<title>{}</title>", escape_html(&row_title(row)));
    let _ = write!(
        svg,
        r#"<text class="chart-label" x="{}" y="{}">{}</text>"#,
        px(LEFT),
        px(top + LABEL_H - 5.0),
        escape_html(&short_label(&row.label))
    );
    let _ = write!(
        svg,
        "<rect class=\"chart-track\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#eeeeee\"/>",
        px(LEFT),
        px(bar_y),
        px(PLOT),
        px(BAR_H)
    );
    let bar_end = match row.actual.filter(|v| v.is_finite()) {
        Some(v) => {
            let w = bar_width(v, scale);
            let _ = write!(
                svg,
                r#"<rect class="chart-bar chart-bar--{slug}" x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
                px(LEFT),
                px(bar_y),
                px(w),
                px(BAR_H),
                fallback_fill(row.achievement)
            );
            LEFT + w
        }
        None => LEFT,
    };
    let target_x = row
        .target
        .filter(|t| t.is_finite())
        .map(|t| LEFT + bar_width(t, scale));
    if let Some(x) = target_x {
        let _ = write!(
            svg,
            "<line class=\"chart-target\" x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\" stroke=\"#000000\" stroke-width=\"2\"/>",
            px(bar_y - 3.0),
            px(bar_y + BAR_H + 3.0),
            x = px(x)
        );
    }
    let value_text = row
        .actual
        .filter(|v| v.is_finite())
        .map_or_else(|| "нет данных".to_string(), |v| quantity(v, row.unit));
    let value_x = value_label_x(bar_end, target_x, &value_text);
    let _ = write!(
        svg,
        r#"<text class="chart-value" x="{}" y="{}">{}</text></g>"#,
        px(value_x),
        px(bar_y + BAR_H - 4.0),
        escape_html(&value_text)
    );
}

/// Space between a bar's end (or the target mark) and the value label.
const VALUE_GAP: f64 = 6.0;
/// A generous width of one character of the 13-unit label font (digits, Cyrillic).
const CHAR_W: f64 = 8.0;

/// Where the value label starts: just after the bar, unless the target mark would fall
/// on the label's text; then just after the mark.
pub(super) fn value_label_x(bar_end: f64, target_x: Option<f64>, text: &str) -> f64 {
    let x = bar_end + VALUE_GAP;
    let text_end = x + text.chars().count() as f64 * CHAR_W;
    match target_x {
        // The mark is 2 units wide, centred on its x.
        Some(t) if t + 1.0 >= x - VALUE_GAP / 2.0 && t - 1.0 <= text_end => t + 1.0 + VALUE_GAP,
        _ => x,
    }
}

fn draw_axis(svg: &mut String, rows: &[ChartRow], scale: f64, top: f64) {
    let unit = rows
        .first()
        .map(|r| r.unit)
        .filter(|u| rows.iter().all(|r| r.unit == *u))
        .unwrap_or(Unit::Number);
    svg.push_str(r#"<g class="chart-axis" aria-hidden="true">"#);
    for step in 0..=4 {
        let v = scale * f64::from(step) / 4.0;
        let x = LEFT + bar_width(v, scale);
        let _ = write!(
            svg,
            "<line x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\" stroke=\"#999999\"/>",
            px(top),
            px(top + 4.0),
            x = px(x)
        );
        let anchor = match step {
            0 => "start",
            4 => "end",
            _ => "middle",
        };
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="{anchor}">{}</text>"#,
            px(x),
            px(top + 18.0),
            escape_html(&quantity(v, unit))
        );
    }
    svg.push_str("</g>");
}

/// «A1 Доля…: цель 10 %, факт 10,3 % — достигнут».
fn row_title(row: &ChartRow) -> String {
    let target = row.target.filter(|v| v.is_finite()).map_or_else(
        || "цель не задана числом".to_string(),
        |v| format!("цель {}", quantity(v, row.unit)),
    );
    let actual = row.actual.filter(|v| v.is_finite()).map_or_else(
        || "факт не указан".to_string(),
        |v| format!("факт {}", quantity(v, row.unit)),
    );
    format!(
        "{}: {target}, {actual} — {}",
        row.label,
        row.achievement.label()
    )
}

pub(super) fn quantity(value: f64, unit: Unit) -> String {
    Quantity { value, unit }.to_string()
}

fn short_label(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

fn scale_of(rows: &[ChartRow]) -> f64 {
    let max = rows
        .iter()
        .flat_map(|r| [r.target, r.actual])
        .flatten()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let all_percent = rows.iter().all(|r| r.unit == Unit::Percent);
    if all_percent && max <= 100.0 {
        100.0
    } else {
        nice_ceiling(max)
    }
}

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ not below `v`: axis ticks at quarters of it
/// stay round.
pub(super) fn nice_ceiling(v: f64) -> f64 {
    if !(v.is_finite() && v > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|f| f * magnitude)
        .find(|c| *c >= v)
        .unwrap_or(10.0 * magnitude)
}

fn bar_width(v: f64, scale: f64) -> f64 {
    if scale <= 0.0 {
        return 0.0;
    }
    v.clamp(0.0, scale) / scale * PLOT
}

pub(super) fn fallback_fill(a: Achievement) -> &'static str {
    match a {
        Achievement::Achieved => "#2e7d32",
        Achievement::Partial => "#8a5a00",
        Achievement::NotAchieved => "#c62828",
        Achievement::NoData => "#757575",
    }
}

/// An SVG coordinate with at most two decimals and a decimal point (SVG, not Russian).
pub(super) fn px(v: f64) -> String {
    let s = format!("{:.2}", v);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests;
