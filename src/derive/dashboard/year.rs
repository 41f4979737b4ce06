//! One year of a dashboard: the districts that reported on the framework that year, a row
//! per framework indicator with their values, and the region's total where it exists.
//!
//! With one district nothing is compared: the year shows that district's value, its own
//! target and status, and no regional total (one district's share is no region's). With
//! two or more, a total is shown only in the rows where some district gives numerator and
//! denominator; a row without them has no total rather than a cell saying so.

use serde::Serialize;

use super::{link, value_of, Entry, PageLink};
use crate::indicator::value::{Quantity, Unit};
use crate::indicator::{
    aggregate, bar_chart, format_number, parse_target, Achievement, Aggregate, ChartRow, Indicator,
    IndicatorInput,
};
use crate::model::{Framework, FrameworkIndicator, Registries};
use crate::parse::Page;

/// The districts of one year side by side.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardYear {
    /// Year.
    pub year: i32,
    /// Districts with data, as columns.
    pub districts: Vec<PageLink>,
    /// Two or more districts: a comparison; one: that district's values only.
    pub comparison: bool,
    /// Some row has a regional total (Σnumerator/Σdenominator).
    pub has_total: bool,
    /// Framework indicators with data, as rows.
    pub rows: Vec<DashboardRow>,
    /// Framework indicators without data this year.
    pub missing: usize,
    /// Their ids, in framework order, to say plainly which.
    pub missing_ids: Vec<String>,
}

/// One framework indicator across districts.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardRow {
    /// Framework indicator id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Target of the framework, as written.
    pub target: Option<String>,
    /// One cell per district column (`None`: the district gives nothing).
    pub cells: Vec<Option<DashboardCell>>,
    /// The region's Σnumerator/Σdenominator; only when districts are compared.
    pub total: Option<TotalView>,
    /// Bar chart of the districts and the total; only when districts are compared.
    pub chart: Option<String>,
}

/// What one district reports on one framework indicator.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardCell {
    /// The compared value («10,3 %»), or the actual as written; `None` when the district
    /// gives only counts.
    pub value: Option<String>,
    /// Numerator and denominator, when given: «12 из 120».
    pub counts: Option<String>,
    /// The district's own target, as written; `None` when it gives none.
    pub target: Option<String>,
    /// Achievement against the district's own target.
    pub achievement: Achievement,
    /// Its Russian label.
    pub achievement_label: &'static str,
    /// The page and the indicator's row on it.
    pub page: PageLink,
    /// The row's anchor on the page: `ind-A1`.
    pub anchor: String,
}

/// The region's total of one indicator.
#[derive(Debug, Clone, Serialize)]
pub struct TotalView {
    /// «28,18 %».
    pub share: String,
    /// Σ numerators.
    pub numerator: String,
    /// Σ denominators.
    pub denominator: String,
    /// Districts summed.
    pub counted: usize,
    /// Districts that reported the indicator.
    pub reported: usize,
    /// Achievement against the framework's target, when it can be compared.
    pub achievement: Option<Achievement>,
    /// Its Russian label.
    pub achievement_label: Option<&'static str>,
}

/// (year, framework indicator, district) → the preferred entry.
pub(super) type Cells<'a> = std::collections::BTreeMap<(i32, usize, &'a str), Entry<'a>>;

/// The year `year` of framework `fw`.
pub(super) fn dashboard_year(
    fw: &Framework,
    year: i32,
    cells: &Cells<'_>,
    pages: &[Page],
    reg: &Registries,
) -> DashboardYear {
    let mut districts: Vec<&str> = cells
        .keys()
        .filter(|(y, _, _)| *y == year)
        .map(|(_, _, d)| *d)
        .collect();
    districts.sort_by_key(|d| reg.district(d).map(|x| x.display_name().to_string()));
    districts.dedup();
    let comparison = districts.len() > 1;
    let mut rows = Vec::new();
    let mut missing_ids = Vec::new();
    for (k, fi) in fw.indicators.iter().enumerate() {
        let row: Vec<Option<&Entry<'_>>> = districts
            .iter()
            .map(|d| cells.get(&(year, k, *d)))
            .collect();
        if row.iter().all(Option::is_none) {
            missing_ids.push(fi.id.clone());
            continue;
        }
        rows.push(dashboard_row(fi, &districts, &row, comparison, pages, reg));
    }
    DashboardYear {
        year,
        comparison,
        has_total: rows.iter().any(|r| r.total.is_some()),
        missing: missing_ids.len(),
        missing_ids,
        districts: districts
            .iter()
            .map(|d| PageLink {
                title: district_name(reg, d),
                url: format!("district/{d}/"),
            })
            .collect(),
        rows,
    }
}

fn district_name(reg: &Registries, id: &str) -> String {
    reg.district(id)
        .map_or_else(|| id.to_string(), |x| x.display_name().to_string())
}

fn cell(e: &Entry<'_>, pages: &[Page]) -> DashboardCell {
    let written = e.ind.actual.as_ref().map(|a| a.raw.trim().to_string());
    DashboardCell {
        value: value_of(e.ind)
            .map(|q| q.to_string())
            .or(written)
            .filter(|v| !v.is_empty()),
        counts: match (e.ind.numerator, e.ind.denominator) {
            (Some(n), Some(d)) => Some(format!("{} из {}", format_number(n), format_number(d))),
            _ => None,
        },
        target: Some(e.ind.target.raw.trim().to_string()).filter(|t| !t.is_empty()),
        achievement: e.ind.achievement,
        achievement_label: e.ind.achievement.label(),
        page: link(pages, e.page),
        anchor: format!("ind-{}", e.ind.id),
    }
}

fn dashboard_row(
    fi: &FrameworkIndicator,
    districts: &[&str],
    row: &[Option<&Entry<'_>>],
    comparison: bool,
    pages: &[Page],
    reg: &Registries,
) -> DashboardRow {
    let cells: Vec<Option<DashboardCell>> = row.iter().map(|e| e.map(|e| cell(e, pages))).collect();
    let sum = aggregate(row.iter().flatten().map(|e| e.ind)).filter(|_| comparison);
    let total = sum.map(|sum| total_view(fi, sum));
    let chart = comparison.then(|| {
        let mut chart_rows: Vec<ChartRow> = districts
            .iter()
            .zip(row)
            .filter_map(|(d, e)| {
                let mut r = ChartRow::from_indicator(e.as_ref()?.ind);
                // A district's row: its name, not the indicator's id, name and group.
                (r.id, r.anchor, r.group) = (None, None, None);
                r.label = district_name(reg, d);
                Some(r)
            })
            .collect();
        if let (Some(sum), Some(t)) = (sum, &total) {
            chart_rows.push(total_chart_row(fi, sum, t));
        }
        bar_chart(&chart_rows)
    });
    DashboardRow {
        id: fi.id.clone(),
        name: fi.name.clone(),
        target: fi.target.clone(),
        cells,
        total,
        chart,
    }
}

fn total_chart_row(fi: &FrameworkIndicator, sum: Aggregate, t: &TotalView) -> ChartRow {
    ChartRow {
        label: "Итого: Σ числителей / Σ знаменателей".into(),
        target: parse_target(fi.target.as_deref().unwrap_or(""))
            .ok()
            .and_then(|t| t.kind.quantity())
            .filter(|q| q.unit.compatible(Unit::Percent))
            .map(|q| q.value),
        actual: Some(sum.share()),
        unit: Unit::Percent,
        achievement: t.achievement.unwrap_or(Achievement::NoData),
        ..ChartRow::default()
    }
}

/// The region's total, read as an indicator of the framework: its share computed from
/// the sums and compared with the framework's target when that parses and every
/// district that reported the indicator is in the sums.
fn total_view(fi: &FrameworkIndicator, sum: Aggregate) -> TotalView {
    let as_indicator = Indicator::from_input(IndicatorInput {
        id: fi.id.clone(),
        name: fi.name.clone(),
        unit: Some("%".into()),
        target: fi.target.clone().unwrap_or_default(),
        numerator: Some(sum.numerator),
        denominator: Some(sum.denominator),
        ..IndicatorInput::default()
    })
    .ok();
    // A total over some of the districts says nothing about the region's target.
    let achievement = as_indicator
        .map(|i| i.achievement)
        .filter(|a| *a != Achievement::NoData && sum.complete());
    TotalView {
        share: Quantity {
            value: sum.share(),
            unit: Unit::Percent,
        }
        .to_string(),
        numerator: format_number(sum.numerator),
        denominator: format_number(sum.denominator),
        counted: sum.counted,
        reported: sum.reported,
        achievement,
        achievement_label: achievement.map(Achievement::label),
    }
}
