//! A trend chart: one indicator of one district over the years, as inline SVG drawn at
//! build time (no script).
//!
//! Each year is a vertical bar for the actual with a horizontal mark at the year's target.
//! The chart carries a text summary (`aria-label`, `<title>`), each bar its own
//! `<title>`; templates add the same numbers as a table for screen readers and print.

use std::fmt::Write as _;

use serde::Serialize;
use tera::escape_html;

use super::achieve::Achievement;
use super::chart::{fallback_fill, nice_ceiling, px, quantity};
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
    /// Achievement of that year, which picks the bar's CSS class.
    pub achievement: Achievement,
}

/// Layout, in SVG user units.
const AXIS_W: f64 = 56.0;
const SLOT_W: f64 = 88.0;
const BAR_W: f64 = 44.0;
const TOP: f64 = 22.0;
/// Height of the plot: a bar of the full scale is this tall.
pub const PLOT_H: f64 = 160.0;
const BOTTOM: f64 = 26.0;
const RIGHT: f64 = 8.0;

/// Draws the years of one indicator as an accessible SVG bar chart; `title` names the
/// indicator. No points give an empty string.
pub fn trend_chart(title: &str, unit: Unit, points: &[TrendPoint]) -> String {
    if points.is_empty() {
        return String::new();
    }
    let scale = scale_of(points);
    let width = AXIS_W + points.len() as f64 * SLOT_W + RIGHT;
    let height = TOP + PLOT_H + BOTTOM;
    let summary = summary(title, unit, points);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" role="img" aria-label="{label}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-size="13">"#,
        label = escape_html(&summary),
        w = px(width),
        h = px(height),
    );
    let _ = write!(svg, "<title>{}</title>", escape_html(&summary));
    draw_axis(&mut svg, unit, scale, width);
    for (i, p) in points.iter().enumerate() {
        draw_year(&mut svg, p, unit, scale, AXIS_W + i as f64 * SLOT_W);
    }
    svg.push_str("</svg>");
    svg
}

/// «A1 Доля…: 2023 — 8 %, 2024 — 10,3 %, 2025 — нет данных».
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

fn y_of(v: f64, scale: f64) -> f64 {
    TOP + PLOT_H - bar_height(v, scale)
}

/// The height of a bar of value `v` on a chart of `scale`.
pub fn bar_height(v: f64, scale: f64) -> f64 {
    if scale <= 0.0 {
        return 0.0;
    }
    v.clamp(0.0, scale) / scale * PLOT_H
}

fn draw_axis(svg: &mut String, unit: Unit, scale: f64, width: f64) {
    svg.push_str(r#"<g class="chart-axis" aria-hidden="true">"#);
    for step in 0..=4 {
        let v = scale * f64::from(step) / 4.0;
        let y = y_of(v, scale);
        let _ = write!(
            svg,
            "<line x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#dddddd\"/>",
            px(AXIS_W - 4.0),
            px(width - RIGHT),
            y = px(y)
        );
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            px(AXIS_W - 6.0),
            px(y + 4.0),
            escape_html(&quantity(v, unit))
        );
    }
    svg.push_str("</g>");
}

fn draw_year(svg: &mut String, p: &TrendPoint, unit: Unit, scale: f64, left: f64) {
    let slug = p.achievement.slug();
    let bar_x = left + (SLOT_W - BAR_W) / 2.0;
    let _ = write!(svg, r#"<g class="trend-year trend-year--{slug}">"#);
    let _ = write!(svg, "<title>{}</title>", escape_html(&year_title(p, unit)));
    let actual = p.actual.filter(|v| v.is_finite());
    let label_y = match actual {
        Some(v) => {
            let h = bar_height(v, scale);
            let _ = write!(
                svg,
                r#"<rect class="trend-bar trend-bar--{slug}" x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
                px(bar_x),
                px(TOP + PLOT_H - h),
                px(BAR_W),
                px(h),
                fallback_fill(p.achievement)
            );
            TOP + PLOT_H - h - 5.0
        }
        None => TOP + PLOT_H - 5.0,
    };
    let target_y = p.target.filter(|t| t.is_finite()).map(|t| y_of(t, scale));
    if let Some(y) = target_y {
        let _ = write!(
            svg,
            "<line class=\"chart-target\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#000000\" stroke-width=\"2\"/>",
            px(bar_x - 6.0),
            px(bar_x + BAR_W + 6.0),
            y = px(y)
        );
    }
    let value = actual.map_or_else(|| "нет данных".to_string(), |v| quantity(v, unit));
    let _ = write!(
        svg,
        r#"<text class="chart-value" x="{}" y="{}" text-anchor="middle">{}</text>"#,
        px(left + SLOT_W / 2.0),
        px(value_baseline(label_y, target_y).max(12.0)),
        escape_html(&value)
    );
    let _ = write!(
        svg,
        r#"<text class="chart-year" x="{}" y="{}" text-anchor="middle">{}</text></g>"#,
        px(left + SLOT_W / 2.0),
        px(TOP + PLOT_H + 18.0),
        p.year
    );
}

/// The value label's baseline: just above the bar, unless the target mark (as wide as
/// the label, 2 units high) would cross its text; then just above the mark.
fn value_baseline(above_bar: f64, target_y: Option<f64>) -> f64 {
    // The 13-unit font reaches 10 above the baseline and 3 below it.
    match target_y {
        Some(t) if t + 1.0 >= above_bar - 10.0 && t - 1.0 <= above_bar + 3.0 => t - 1.0 - 4.0,
        _ => above_bar,
    }
}

/// «2024: цель 10 %, факт 10,3 % — достигнут».
fn year_title(p: &TrendPoint, unit: Unit) -> String {
    let target = p.target.filter(|v| v.is_finite()).map_or_else(
        || "цель не задана числом".to_string(),
        |v| format!("цель {}", quantity(v, unit)),
    );
    let actual = p.actual.filter(|v| v.is_finite()).map_or_else(
        || "факт не указан".to_string(),
        |v| format!("факт {}", quantity(v, unit)),
    );
    format!("{}: {target}, {actual} — {}", p.year, p.achievement.label())
}

/// A round number at or above the largest value (1, 2, 2,5 or 5 × 10ⁿ): a change from
/// 8 % to 10 % stays visible, which a 0–100 % axis would flatten. Bars start at zero, so
/// their heights stay proportional to the values.
pub fn scale_of(points: &[TrendPoint]) -> f64 {
    let max = points
        .iter()
        .flat_map(|p| [p.target, p.actual])
        .flatten()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    nice_ceiling(max)
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

    #[test]
    fn bars_per_year_on_one_scale() {
        let points = [
            point(2023, 10.0, Some(8.0), Achievement::NotAchieved),
            point(2024, 10.0, Some(12.5), Achievement::Achieved),
            point(2025, 10.0, None, Achievement::NoData),
        ];
        let svg = trend_chart("A1 Доля", Unit::Percent, &points);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let bars: Vec<f64> = doc
            .descendants()
            .filter(|n| {
                n.attribute("class")
                    .is_some_and(|c| c.starts_with("trend-bar "))
            })
            .map(|n| n.attribute("height").unwrap().parse().unwrap())
            .collect();
        // 12,5 % at most: the axis runs to 20 %.
        assert_eq!(scale_of(&points), 20.0);
        assert_eq!(bars, [8.0 / 20.0 * PLOT_H, 12.5 / 20.0 * PLOT_H]);
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        assert_eq!(
            root.attribute("aria-label"),
            Some("Динамика по годам: A1 Доля: 2023 — 8\u{a0}%, 2024 — 12,5\u{a0}%, 2025 — нет данных")
        );
        assert!(svg.contains("trend-bar--not-achieved"));
        assert!(svg.contains("<title>2025: цель 10\u{a0}%, факт не указан — нет данных</title>"));
        assert_eq!(trend_chart("x", Unit::Percent, &[]), "");
    }

    /// The value label stays clear of a target mark just above the bar.
    #[test]
    fn value_label_clears_the_target_mark() {
        let points = [
            point(2023, 10.5, Some(10.0), Achievement::Partial),
            point(2024, 10.0, Some(10.0), Achievement::Achieved),
            point(2025, 5.0, Some(10.0), Achievement::Achieved),
        ];
        let svg = trend_chart("A1", Unit::Percent, &points);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let class = |n: &roxmltree::Node<'_, '_>, c: &str| n.attribute("class") == Some(c);
        let num = |n: roxmltree::Node<'_, '_>, a: &str| -> f64 {
            n.attribute(a).unwrap().parse().unwrap()
        };
        let years: Vec<_> = doc
            .descendants()
            .filter(|n| {
                n.attribute("class")
                    .is_some_and(|c| c.starts_with("trend-year "))
            })
            .collect();
        assert_eq!(years.len(), 3);
        let bar_top = y_of(10.0, scale_of(&points));
        for (g, p) in years.iter().zip(&points) {
            let mark = num(
                g.children().find(|n| class(n, "chart-target")).unwrap(),
                "y1",
            );
            let base = num(g.children().find(|n| class(n, "chart-value")).unwrap(), "y");
            assert!(
                mark + 1.0 < base - 10.0 || mark - 1.0 > base + 3.0,
                "{}: label at {base} crosses the mark at {mark}",
                p.year
            );
            // Away from the mark, the label sits just above the bar.
            if p.year != 2023 {
                assert_eq!(base, bar_top - 5.0, "{}", p.year);
            }
        }
    }

    #[test]
    fn counts_get_a_round_scale() {
        let points = [
            point(2024, 2.0, Some(5.0), Achievement::Achieved),
            point(2025, 2.0, Some(7.0), Achievement::Achieved),
        ];
        assert_eq!(scale_of(&points), 10.0);
        assert_eq!(bar_height(5.0, 10.0), PLOT_H / 2.0);
    }
}
