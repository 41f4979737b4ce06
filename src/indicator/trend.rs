//! A trend chart: one indicator of one district over the years, as HTML drawn at build
//! time (no script), with the rows of the indicator chart ([`super::chart`]): each year a
//! bar for the actual with a mark at the year's target, its numbers and its status in
//! words. Templates add the same numbers as a table.

use serde::Serialize;

use super::achieve::Achievement;
use super::chart::{axis_of, quantity, render, ChartRow, Fit};
use super::value::Unit;

/// One year of a trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    /// The year.
    pub year: i32,
    /// Target number of that year.
    pub target: Option<f64>,
    /// Actual number of that year.
    pub actual: Option<f64>,
    /// Achievement of that year.
    pub achievement: Achievement,
}

/// Draws the years of one indicator as an accessible HTML bar chart; `title` names the
/// indicator. The axis ends at a round number at or above the largest value (1, 2, 2,5
/// or 5 × 10ⁿ): a change from 8 % to 10 % stays visible, which a 0–100 % axis would
/// flatten. No points give an empty string.
pub fn trend_chart(title: &str, unit: Unit, points: &[TrendPoint]) -> String {
    render(
        &summary(title, unit, points),
        &rows(unit, points),
        Fit::Tight,
    )
}

fn rows(unit: Unit, points: &[TrendPoint]) -> Vec<ChartRow> {
    points
        .iter()
        .map(|p| ChartRow {
            label: p.year.to_string(),
            target: p.target,
            actual: p.actual,
            unit,
            achievement: p.achievement,
            ..ChartRow::default()
        })
        .collect()
}

/// «Динамика по годам: A1 Доля…: 2023 — 8 %, 2024 — 10,3 %, 2025 — нет данных».
fn summary(title: &str, unit: Unit, points: &[TrendPoint]) -> String {
    let years: Vec<String> = points
        .iter()
        .map(|p| {
            let v = p
                .actual
                .filter(|v| v.is_finite())
                .map_or_else(|| "нет данных".to_string(), |v| quantity(v, unit));
            format!("{} — {v}", p.year)
        })
        .collect();
    format!("Динамика по годам: {title}: {}", years.join(", "))
}

/// The value at the right end of the trend's axis.
pub fn scale_of(unit: Unit, points: &[TrendPoint]) -> f64 {
    axis_of(&rows(unit, points), Fit::Tight).map_or(1.0, |a| a.max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(year: i32, target: f64, actual: Option<f64>, a: Achievement) -> TrendPoint {
        TrendPoint {
            year,
            target: Some(target),
            actual,
            achievement: a,
        }
    }

    /// The `width` (bars) or `x1` (marks) of elements of `class`, in order.
    fn styles(html: &str, class: &str) -> Vec<String> {
        let mut out = Vec::new();
        let needle = format!("class=\"{class}");
        let mut rest = html;
        while let Some(i) = rest.find(&needle) {
            rest = &rest[i..];
            let tag_end = rest.find('>').unwrap();
            let tag = &rest[..tag_end];
            for name in [" width=\"", " x1=\""] {
                if let Some(s) = tag.find(name) {
                    let v = &tag[s + name.len()..];
                    out.push(v[..v.find('"').unwrap()].to_string());
                }
            }
            rest = &rest[tag_end..];
        }
        out
    }

    #[test]
    fn bars_per_year_on_one_scale() {
        let points = [
            point(2023, 10.0, Some(8.0), Achievement::NotAchieved),
            point(2024, 10.0, Some(12.5), Achievement::Achieved),
            point(2025, 10.0, None, Achievement::NoData),
        ];
        let html = trend_chart("A1 Доля", Unit::Percent, &points);
        // 12,5 % at most: the axis runs to 20 %, so 8 % is 40 % of the track.
        assert_eq!(scale_of(Unit::Percent, &points), 20.0);
        assert_eq!(styles(&html, "ichart-bar "), ["40%", "62.5%"]);
        assert_eq!(styles(&html, "ichart-target"), ["50%", "50%", "50%"]);
        assert!(html.starts_with(
            "<figcaption class=\"ichart-caption\">Динамика по годам: A1 Доля: 2023 — 8\u{a0}%, 2024 — 12,5\u{a0}%, 2025 — нет данных</figcaption>"
        ));
        assert!(html.contains("ichart-row--not-achieved"));
        assert!(html.contains(
            "<p class=\"ichart-label\">2025</p><svg class=\"ichart-track\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"ichart-bg\" x=\"0\" y=\"20%\" width=\"100%\" height=\"60%\"/><line class=\"ichart-target\" x1=\"50%\" x2=\"50%\" y1=\"0\" y2=\"100%\"/></svg><p class=\"ichart-value\">факт: не указан; цель: 10\u{a0}% — <span class=\"ichart-status ichart-status--no-data\"><span class=\"ichart-sign\" aria-hidden=\"true\">○</span> нет данных</span></p>"
        ), "{html}");
        assert_eq!(trend_chart("x", Unit::Percent, &[]), "");
    }

    #[test]
    fn counts_get_a_round_scale() {
        let points = [
            point(2024, 2.0, Some(5.0), Achievement::Achieved),
            point(2025, 2.0, Some(7.0), Achievement::Achieved),
        ];
        assert_eq!(scale_of(Unit::Units, &points), 10.0);
        let html = trend_chart("B4", Unit::Units, &points);
        assert_eq!(styles(&html, "ichart-bar "), ["50%", "70%"]);
        assert!(html.contains("шкала 0–10\u{a0}ед."), "{html}");
    }
}
