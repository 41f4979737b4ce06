//! Target-vs-actual bar chart as HTML drawn at build time (no script, no SVG).
//!
//! HTML, not SVG: its text is the page's text, so it keeps the body's size on a phone,
//! follows the size of the version for the visually impaired, wraps instead of being
//! cut, and prints. Each row is a list item: the indicator's id and name, a bar on a
//! track with a mark at the target, and a line with the numbers and the status in words
//! and a sign (✓ ◐ ✗ ○), so the status never rests on colour alone. Every status is the
//! indicator's own computed [`Achievement`], the one the table shows.
//!
//! Bars share one axis: 0–100 % when any row is a share (percent rows up to 100),
//! otherwise the rows' common unit. A row in another unit (B4's «2 ед.» among shares)
//! gets no bar: its numbers are written out.

use std::fmt::Write as _;

use serde::Serialize;
use tera::escape_html;

use super::achieve::Achievement;
use super::record::Indicator;
use super::value::{Actual, Quantity, TargetKind, Unit};

/// Russian number formatting, re-exported here for chart labels in templates.
pub use super::number::format_number;

/// One row of the chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartRow {
    /// The indicator's id, shown before the label («A1»).
    pub id: Option<String>,
    /// Anchor of the indicator's table row on the same page («ind-A1»), linked from the id.
    pub anchor: Option<String>,
    /// Heading of the group the row belongs to («A. Повышение квалификации»).
    pub group: Option<String>,
    /// The indicator's name.
    pub label: String,
    /// Target number, drawn as a mark.
    pub target: Option<f64>,
    /// Actual number, drawn as the bar.
    pub actual: Option<f64>,
    /// Unit of both numbers.
    pub unit: Unit,
    /// The target in words («не менее 10 %», «положительная динамика»).
    pub target_text: Option<String>,
    /// The actual in words, when it is no single number («охват 86 %»).
    pub fact_text: Option<String>,
    /// Parts checked one by one («в т. ч.», «из них»).
    pub parts: Vec<ChartPart>,
    /// Achievement: the status shown in words, by a sign and by colour.
    pub achievement: Achievement,
}

impl Default for ChartRow {
    fn default() -> Self {
        ChartRow {
            id: None,
            anchor: None,
            group: None,
            label: String::new(),
            target: None,
            actual: None,
            unit: Unit::Number,
            target_text: None,
            fact_text: None,
            parts: Vec::new(),
            achievement: Achievement::NoData,
        }
    }
}

/// One part of an indicator, with its own bar and status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartPart {
    /// What the part is.
    pub label: String,
    /// The part's target.
    pub target: Option<Quantity>,
    /// The part's actual.
    pub actual: Option<Quantity>,
    /// The part's achievement.
    pub achievement: Achievement,
}

impl ChartRow {
    /// The row of an indicator: its main target number and the actual number compared
    /// with it; an actual in other units than the target (a coverage answering a count)
    /// is written out instead, since it cannot share the target's scale.
    pub fn from_indicator(ind: &Indicator) -> ChartRow {
        let want = ind.target.kind.quantity();
        let got = ind
            .actual
            .as_ref()
            .and_then(|a| a.value)
            .filter(|g| want.is_none_or(|w| w.unit.compatible(g.unit)));
        let unit = match (want, got) {
            (Some(w), _) if w.unit != Unit::Number => w.unit,
            (_, Some(g)) => g.unit,
            _ => Unit::Number,
        };
        let mut target_text = ind.target.describe();
        if let Some(c) = ind.target.coverage_min {
            let c = quantity(c, Unit::Percent);
            target_text.push_str(&format!(", охват не менее {c}"));
        }
        if ind.target.kind == TargetKind::Text {
            target_text = "задана текстом".to_string();
        }
        ChartRow {
            id: Some(ind.id.clone()),
            anchor: Some(format!("ind-{}", ind.id)),
            group: ind.group.clone(),
            label: ind.name.clone(),
            target: want.map(|q| q.value),
            actual: got.map(|q| q.value),
            unit,
            target_text: Some(target_text),
            fact_text: got.is_none().then(|| fact_in_words(ind.actual.as_ref())),
            parts: ind
                .parts
                .iter()
                .map(|p| ChartPart {
                    label: p.label.clone().unwrap_or_else(|| "в т. ч.".to_string()),
                    target: p.target,
                    actual: p.actual,
                    achievement: p.achievement,
                })
                .collect(),
            achievement: ind.achievement,
        }
    }
}

/// An actual that is no single comparable number, in words.
fn fact_in_words(actual: Option<&Actual>) -> String {
    let Some(a) = actual.filter(|a| !a.is_empty()) else {
        return "не указан".to_string();
    };
    if let Some(c) = a.coverage {
        return format!("охват {}", quantity(c, Unit::Percent));
    }
    if let Some(v) = a.value {
        return v.to_string();
    }
    match (a.done, a.trend) {
        (Some(true), _) => "выполнено".to_string(),
        (Some(false), _) => "не выполнено".to_string(),
        (None, Some(t)) => t.label().to_string(),
        _ if !a.parts.is_empty() => "общий не указан, по частям — ниже".to_string(),
        _ => "указан текстом (в таблице)".to_string(),
    }
}

/// The shared axis: its unit and the value at the track's right end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Axis {
    pub unit: Unit,
    pub max: f64,
}

/// How the axis is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    /// Shares up to 100 % on 0–100 %, so bars of different indicators compare.
    Shares,
    /// A round number above the largest value: a change from 8 % to 10 % stays visible.
    Tight,
}

/// Draws the rows as an accessible HTML bar chart: a caption, a legend, the axis and a
/// list of rows per group. No rows give an empty string.
pub fn bar_chart(rows: &[ChartRow]) -> String {
    let count = rows.len() as u64;
    let caption = format!(
        "Целевые и фактические значения: {} {}",
        count,
        super::plural::plural(count, "показатель", "показателя", "показателей")
    );
    render(&caption, rows, Fit::Shares)
}

/// Renders `rows` under `caption` (see [`bar_chart`]).
pub(super) fn render(caption: &str, rows: &[ChartRow], fit: Fit) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let axis = axis_of(rows, fit);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<figcaption class="ichart-caption">{}</figcaption><div class="ichart">"#,
        escape_html(caption)
    );
    legend(&mut out, rows, axis);
    let mut group: Option<&str> = None;
    let mut open = false;
    for row in rows {
        if !open || row.group.as_deref() != group {
            if open {
                out.push_str("</ul>");
            }
            group = row.group.as_deref();
            if let Some(g) = group {
                let _ = write!(out, r#"<p class="ichart-group">{}</p>"#, escape_html(g));
            }
            out.push_str(r#"<ul class="ichart-rows">"#);
            open = true;
        }
        write_row(&mut out, row, axis);
    }
    out.push_str("</ul></div>");
    out
}

/// The legend: what the bar and the mark are, the scale, and the statuses shown.
fn legend(out: &mut String, rows: &[ChartRow], axis: Option<Axis>) {
    out.push_str(r#"<ul class="ichart-legend" aria-label="Обозначения">"#);
    if let Some(a) = axis {
        let _ = write!(
            out,
            r#"<li><span class="ichart-key ichart-key--bar" aria-hidden="true"></span>полоса — факт, шкала 0–{}</li>"#,
            escape_html(&quantity(a.max, a.unit))
        );
        out.push_str(r#"<li><span class="ichart-key ichart-key--target" aria-hidden="true"></span>черта — цель</li>"#);
        if rows.iter().any(|r| !on_axis(r, a)) {
            out.push_str("<li>показатели в других единицах — без полосы, числами</li>");
        }
    }
    for a in [
        Achievement::Achieved,
        Achievement::Partial,
        Achievement::NotAchieved,
        Achievement::NoData,
    ] {
        if rows.iter().any(|r| r.achievement == a) {
            out.push_str("<li>");
            status(out, a);
            out.push_str("</li>");
        }
    }
    out.push_str("</ul>");
    if let Some(a) = axis {
        let _ = write!(
            out,
            r#"<div class="ichart-axis" aria-hidden="true"><span class="ichart-tick ichart-tick--start">0</span><span class="ichart-tick ichart-tick--mid">{}</span><span class="ichart-tick ichart-tick--end">{}</span></div>"#,
            escape_html(&quantity(a.max / 2.0, a.unit)),
            escape_html(&quantity(a.max, a.unit))
        );
    }
}

/// The sign and the word of a status.
fn status(out: &mut String, a: Achievement) {
    let _ = write!(
        out,
        r#"<span class="ichart-status ichart-status--{}"><span class="ichart-sign" aria-hidden="true">{}</span> {}</span>"#,
        a.slug(),
        sign(a),
        a.label()
    );
}

/// A sign per status, so that status shows without colour (print, the version for the
/// visually impaired, colour blindness).
pub(super) fn sign(a: Achievement) -> &'static str {
    match a {
        Achievement::Achieved => "✓",
        Achievement::Partial => "◐",
        Achievement::NotAchieved => "✗",
        Achievement::NoData => "○",
    }
}

fn write_row(out: &mut String, row: &ChartRow, axis: Option<Axis>) {
    let slug = row.achievement.slug();
    let _ = write!(out, r#"<li class="ichart-row ichart-row--{slug}""#);
    if let Some(id) = &row.id {
        let _ = write!(out, r#" data-indicator="{}""#, escape_html(id));
    }
    // The compared number as data (a point, no grouping), as the table's «Факт» cell
    // and the open data give it: scripts and tests read one number, not the words.
    if let Some(v) = row.actual.filter(|v| v.is_finite()) {
        let _ = write!(out, r#" data-value="{v}""#);
    }
    out.push_str(r#"><p class="ichart-label">"#);
    match (&row.id, &row.anchor) {
        (Some(id), Some(a)) => {
            let _ = write!(
                out,
                r##"<a class="ichart-id" href="#{}">{}</a> "##,
                escape_html(a),
                escape_html(id)
            );
        }
        (Some(id), None) => {
            let _ = write!(out, r#"<b class="ichart-id">{}</b> "#, escape_html(id));
        }
        _ => {}
    }
    let _ = write!(out, "{}</p>", escape_html(&row.label));
    let bar = axis.filter(|a| on_axis(row, *a));
    if let Some(a) = bar {
        track(out, row.actual, row.target, a, slug);
    }
    out.push_str(r#"<p class="ichart-value">"#);
    let fact = match (row.actual.filter(|v| v.is_finite()), &row.fact_text) {
        (Some(v), _) => quantity(v, row.unit),
        (None, Some(t)) => t.clone(),
        (None, None) => "не указан".to_string(),
    };
    let target = row.target_text.clone().or_else(|| {
        row.target
            .filter(|v| v.is_finite())
            .map(|v| quantity(v, row.unit))
    });
    let _ = write!(out, "факт: {}", escape_html(&fact));
    if let Some(t) = target {
        let _ = write!(out, "; цель: {}", escape_html(&t));
    }
    out.push_str(" — ");
    status(out, row.achievement);
    out.push_str("</p>");
    if !row.parts.is_empty() {
        out.push_str(r#"<ul class="ichart-parts">"#);
        for p in &row.parts {
            write_part(out, p, axis);
        }
        out.push_str("</ul>");
    }
    out.push_str("</li>");
}

fn write_part(out: &mut String, p: &ChartPart, axis: Option<Axis>) {
    let slug = p.achievement.slug();
    let _ = write!(
        out,
        r#"<li class="ichart-part ichart-part--{slug}"><p class="ichart-label">{}</p>"#,
        escape_html(&p.label)
    );
    let unit_ok = |q: &Option<Quantity>, a: Axis| q.is_none_or(|q| q.unit == a.unit);
    if let Some(a) = axis.filter(|a| {
        unit_ok(&p.target, *a) && unit_ok(&p.actual, *a) && (p.actual.or(p.target).is_some())
    }) {
        track(
            out,
            p.actual.map(|q| q.value),
            p.target.map(|q| q.value),
            a,
            slug,
        );
    }
    let fact = p
        .actual
        .map_or_else(|| "не указан".to_string(), |q| q.to_string());
    let _ = write!(
        out,
        r#"<p class="ichart-value">факт: {}"#,
        escape_html(&fact)
    );
    if let Some(t) = p.target {
        let _ = write!(out, "; цель: {}", escape_html(&t.to_string()));
    }
    out.push_str(" — ");
    status(out, p.achievement);
    out.push_str("</p></li>");
}

/// The track with the bar (the actual) and the mark (the target): a small SVG without
/// text, placed by percentages in attributes (pages carry no inline styles). Hidden from
/// screen readers: the value line says the same in words.
fn track(out: &mut String, actual: Option<f64>, target: Option<f64>, axis: Axis, slug: &str) {
    out.push_str(r#"<svg class="ichart-track" aria-hidden="true" focusable="false"><rect class="ichart-bg" x="0" y="20%" width="100%" height="60%"/>"#);
    if let Some(v) = actual.filter(|v| v.is_finite()) {
        let _ = write!(
            out,
            r#"<rect class="ichart-bar ichart-bar--{slug}" x="0" y="20%" width="{}%" height="60%"/>"#,
            pct(share_of(v, axis.max))
        );
    }
    if let Some(t) = target.filter(|v| v.is_finite()) {
        let x = pct(share_of(t, axis.max));
        let _ = write!(
            out,
            r#"<line class="ichart-target" x1="{x}%" x2="{x}%" y1="0" y2="100%"/>"#
        );
    }
    out.push_str("</svg>");
}

/// Whether a row's numbers are drawn on the axis.
fn on_axis(row: &ChartRow, axis: Axis) -> bool {
    row.unit == axis.unit && (row.actual.is_some() || row.target.is_some())
}

/// The axis: percent when any row is a share, else the unit of the first row with a
/// number; `None` when no row has one.
pub(super) fn axis_of(rows: &[ChartRow], fit: Fit) -> Option<Axis> {
    let has_number = |r: &&ChartRow| r.actual.or(r.target).is_some_and(f64::is_finite);
    let unit = if rows
        .iter()
        .filter(has_number)
        .any(|r| r.unit == Unit::Percent)
    {
        Unit::Percent
    } else {
        rows.iter().find(has_number)?.unit
    };
    let max = rows
        .iter()
        .filter(|r| r.unit == unit)
        .flat_map(|r| {
            let parts = r.parts.iter().flat_map(|p| [p.target, p.actual]);
            [r.target, r.actual].into_iter().chain(
                parts
                    .flatten()
                    .filter(|q| q.unit == unit)
                    .map(|q| Some(q.value)),
            )
        })
        .flatten()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let max = match fit {
        Fit::Shares if unit == Unit::Percent && max <= 100.0 => 100.0,
        _ => nice_ceiling(max),
    };
    Some(Axis { unit, max })
}

/// Where `v` falls on an axis ending at `max`, in percent of the track.
pub(super) fn share_of(v: f64, max: f64) -> f64 {
    if max <= 0.0 {
        return 0.0;
    }
    v.clamp(0.0, max) / max * 100.0
}

pub(super) fn quantity(value: f64, unit: Unit) -> String {
    Quantity { value, unit }.to_string()
}

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ not below `v`: the middle tick stays round.
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

/// A CSS percentage with at most two decimals and a decimal point.
pub(super) fn pct(v: f64) -> String {
    let s = format!("{:.2}", v);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests;
