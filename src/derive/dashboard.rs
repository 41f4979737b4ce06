//! Indicators compared across pages: trends of one district over the years, and regional
//! dashboards comparing the districts of a region on one indicator framework.
//!
//! Input: parsed pages, their resolved references, their derived indicators, the
//! registries. Output: [`Dashboards`], plain serializable views.
//!
//! - A **trend** is one indicator id of one district in two or more years (reports and
//!   plans with `year`); for a year with several pages the report wins.
//! - A **dashboard** exists for every framework of `data/frameworks/`. Its districts are
//!   the districts of the framework's region only, so frameworks of different regions
//!   never mix. A page indicator reports on a framework indicator when its
//!   `framework_id` names it («P1», or «irkutsk-rs-nms/P1»), or, without
//!   `framework_id`, when its own id is the framework indicator's id. Only indicators
//!   with an actual or counts are compared. The region's total is Σnumerator /
//!   Σdenominator over the districts that give both counts, never a mean of shares.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::accountability::Derived;
use crate::indicator::value::{Quantity, Unit};
use crate::indicator::{trend_chart, Achievement, Indicator, TrendPoint};
use crate::model::{Framework, FrameworkIndicator, Kind, Meta, Registries};
use crate::parse::{Page, UrlPath};
use crate::validate::Refs;

mod year;
use year::dashboard_year;
pub use year::{DashboardCell, DashboardRow, DashboardYear, TotalView};

/// Trends and dashboards of the site.
#[derive(Debug, Clone, Default)]
pub struct Dashboards {
    /// Trends by district id.
    pub trends: BTreeMap<String, Vec<TrendView>>,
    /// One dashboard per framework, in registry order.
    pub frameworks: Vec<DashboardView>,
    /// The same dashboards as links, for the footer and lists of every page.
    pub links: Vec<DashboardLink>,
}

/// A dashboard as lists name it.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardLink {
    /// Framework id.
    pub id: String,
    /// Framework title.
    pub title: String,
    /// Region name.
    pub region: String,
    /// Site-relative URL.
    pub url: String,
    /// Years with data, newest first.
    pub years: Vec<i32>,
    /// The districts of each of those years, by name.
    pub year_districts: Vec<YearDistricts>,
}

/// The districts that reported in one year, for the list of dashboards.
#[derive(Debug, Clone, Serialize)]
pub struct YearDistricts {
    /// Year.
    pub year: i32,
    /// District names.
    pub districts: Vec<String>,
}

/// A link to a page with its title.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// Title for lists.
    pub title: String,
    /// Site-relative URL.
    pub url: String,
}

/// One indicator of one district over the years.
#[derive(Debug, Clone, Serialize)]
pub struct TrendView {
    /// Indicator id.
    pub id: String,
    /// Name, as in the latest year.
    pub name: String,
    /// The SVG chart.
    pub chart: String,
    /// The years, oldest first.
    pub years: Vec<TrendYear>,
}

/// One year of a trend, for the table under the chart.
#[derive(Debug, Clone, Serialize)]
pub struct TrendYear {
    /// Year.
    pub year: i32,
    /// Target as written.
    pub target: String,
    /// Actual as written.
    pub actual: Option<String>,
    /// Achievement slug.
    pub achievement: Achievement,
    /// Its Russian label.
    pub achievement_label: &'static str,
    /// The page the year comes from.
    pub page: PageLink,
}

/// The dashboard of one framework.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardView {
    /// Framework id.
    pub id: String,
    /// Framework title.
    pub title: String,
    /// Region name.
    pub region: String,
    /// Site-relative URL: `dashboard/<id>/`.
    pub url: String,
    /// The regulation that introduces the framework.
    pub source: Option<PageLink>,
    /// The framework's indicators, each with its group heading where a group begins.
    pub indicators: Vec<FrameworkRow>,
    /// Whether any indicator of the framework has a target.
    pub targets_given: bool,
    /// Years with data, newest first.
    pub years: Vec<DashboardYear>,
    /// Where it is published.
    #[serde(skip)]
    pub url_path: UrlPath,
}

/// A framework indicator in the dashboard's list of indicators.
#[derive(Debug, Clone, Serialize)]
pub struct FrameworkRow {
    /// The group, before the first indicator of each group.
    pub heading: Option<String>,
    /// The indicator.
    #[serde(flatten)]
    pub indicator: FrameworkIndicator,
}

/// One indicator of one page of a district and year.
#[derive(Clone, Copy)]
struct Entry<'a> {
    page: usize,
    /// Position of the indicator on its page.
    index: usize,
    district: &'a str,
    year: i32,
    ind: &'a Indicator,
}

impl Entry<'_> {
    /// Lower is preferred when a district gives one indicator twice in a year: a report,
    /// then a page with an actual, then the first page.
    fn rank(&self, pages: &[Page]) -> (bool, bool, usize) {
        (
            pages[self.page].common.kind != Kind::Report,
            self.ind.actual.is_none(),
            self.page,
        )
    }
}

/// Builds the trends and dashboards of the site.
pub fn build(
    pages: &[Page],
    refs: &[Refs],
    derived: &[Option<&Derived>],
    reg: &Registries,
) -> Dashboards {
    let mut entries = Vec::new();
    for (i, (p, d)) in pages.iter().zip(derived).enumerate() {
        let (Some(d), Some(district)) = (d, refs.get(i).and_then(|r| r.district.as_deref())) else {
            continue;
        };
        let year = p
            .common
            .year
            .or(p.common.date.map(|d| chrono::Datelike::year(&d.0)));
        let Some(year) = year else { continue };
        entries.extend(d.indicators.iter().enumerate().map(|(index, ind)| Entry {
            page: i,
            index,
            district,
            year,
            ind,
        }));
    }
    let frameworks: Vec<DashboardView> = reg
        .frameworks
        .iter()
        .map(|f| dashboard(f, pages, &entries, reg))
        .collect();
    let links = frameworks
        .iter()
        .map(|d| DashboardLink {
            id: d.id.clone(),
            title: d.title.clone(),
            region: d.region.clone(),
            url: d.url.clone(),
            years: d.years.iter().map(|y| y.year).collect(),
            year_districts: d
                .years
                .iter()
                .map(|y| YearDistricts {
                    year: y.year,
                    districts: y.districts.iter().map(|p| p.title.clone()).collect(),
                })
                .collect(),
        })
        .collect();
    Dashboards {
        trends: trends(pages, &entries),
        frameworks,
        links,
    }
}

fn link(pages: &[Page], i: usize) -> PageLink {
    let c = &pages[i].common;
    PageLink {
        title: c.short_title.clone().unwrap_or_else(|| c.title.clone()),
        url: pages[i].url.as_str().to_string(),
    }
}

/// Keeps one entry per key, the preferred one.
fn best<'a, K: Ord>(
    pages: &[Page],
    items: impl Iterator<Item = (K, Entry<'a>)>,
) -> BTreeMap<K, Entry<'a>> {
    let mut out: BTreeMap<K, Entry<'a>> = BTreeMap::new();
    for (k, e) in items {
        match out.get(&k) {
            Some(old) if old.rank(pages) <= e.rank(pages) => {}
            _ => {
                out.insert(k, e);
            }
        }
    }
    out
}

fn trends(pages: &[Page], entries: &[Entry<'_>]) -> BTreeMap<String, Vec<TrendView>> {
    let by_key = best(
        pages,
        entries
            .iter()
            .map(|e| ((e.district, e.ind.id.as_str(), e.year), *e)),
    );
    let mut series: BTreeMap<(&str, &str), Vec<Entry<'_>>> = BTreeMap::new();
    for ((district, id, _), e) in by_key {
        series.entry((district, id)).or_default().push(e);
    }
    let mut out: BTreeMap<String, Vec<(usize, usize, TrendView)>> = BTreeMap::new();
    for ((district, id), years) in series {
        if years.len() < 2 {
            continue;
        }
        let latest = years[years.len() - 1];
        out.entry(district.to_string()).or_default().push((
            latest.page,
            latest.index,
            trend_view(pages, id, &years),
        ));
    }
    out.into_iter()
        .map(|(d, mut list)| {
            list.sort_by_key(|(page, pos, _)| (*page, *pos));
            (d, list.into_iter().map(|(_, _, t)| t).collect())
        })
        .collect()
}

/// The number compared for an indicator, and its unit.
fn value_of(ind: &Indicator) -> Option<Quantity> {
    ind.actual.as_ref().and_then(|a| a.value)
}

fn trend_view(pages: &[Page], id: &str, years: &[Entry<'_>]) -> TrendView {
    let latest = years[years.len() - 1].ind;
    let unit = years
        .iter()
        .rev()
        .find_map(|e| {
            value_of(e.ind)
                .map(|q| q.unit)
                .filter(|u| *u != Unit::Number)
        })
        .or_else(|| latest.target.kind.quantity().map(|q| q.unit))
        .unwrap_or(Unit::Number);
    let points: Vec<TrendPoint> = years
        .iter()
        .map(|e| TrendPoint {
            year: e.year,
            target: e
                .ind
                .target
                .kind
                .quantity()
                .filter(|q| q.unit.compatible(unit))
                .map(|q| q.value),
            actual: value_of(e.ind)
                .filter(|q| q.unit.compatible(unit))
                .map(|q| q.value),
            achievement: e.ind.achievement,
        })
        .collect();
    TrendView {
        id: id.to_string(),
        name: latest.name.clone(),
        chart: trend_chart(&format!("{id} {}", latest.name), unit, &points),
        years: years
            .iter()
            .map(|e| TrendYear {
                year: e.year,
                target: e.ind.target.raw.clone(),
                actual: e.ind.actual.as_ref().map(|a| a.raw.clone()),
                achievement: e.ind.achievement,
                achievement_label: e.ind.achievement.label(),
                page: link(pages, e.page),
            })
            .collect(),
    }
}

/// Whether a page indicator reports on framework indicator `fi` of framework `fw`.
fn reports_on(ind: &Indicator, fw: &Framework, fi: &FrameworkIndicator) -> bool {
    match ind.framework_id.as_deref().map(str::trim) {
        Some(f) => match f.split_once('/') {
            Some((framework, id)) => framework.trim() == fw.id && id.trim() == fi.id,
            None => f == fi.id,
        },
        None => ind.id == fi.id,
    }
}

fn dashboard(
    fw: &Framework,
    pages: &[Page],
    entries: &[Entry<'_>],
    reg: &Registries,
) -> DashboardView {
    let region: HashSet<&str> = reg
        .districts
        .iter()
        .filter(|d| d.region == fw.region)
        .map(|d| d.id.as_str())
        .collect();
    let matched = entries.iter().filter(|e| {
        region.contains(e.district) && (e.ind.actual.is_some() || e.ind.numerator.is_some())
    });
    // (year, framework indicator, district) → the preferred entry.
    let cells = best(
        pages,
        matched.flat_map(|e| {
            fw.indicators
                .iter()
                .enumerate()
                .filter(|(_, fi)| reports_on(e.ind, fw, fi))
                .map(|(k, _)| ((e.year, k, e.district), *e))
        }),
    );
    let mut years: Vec<i32> = cells.keys().map(|(y, _, _)| *y).collect();
    years.dedup();
    years.reverse();
    let url_path = UrlPath::from_segments(["dashboard", fw.id.as_str()]);
    DashboardView {
        id: fw.id.clone(),
        title: fw.title.clone(),
        region: reg
            .region(&fw.region)
            .map_or_else(|| fw.region.clone(), |r| r.name.clone()),
        url: url_path.as_str().to_string(),
        source: source_page(fw, pages).map(|i| link(pages, i)),
        indicators: framework_rows(fw),
        targets_given: fw
            .indicators
            .iter()
            .any(|i| i.target.as_deref().is_some_and(|t| !t.trim().is_empty())),
        years: years
            .into_iter()
            .map(|y| dashboard_year(fw, y, &cells, pages, reg))
            .collect(),
        url_path,
    }
}

/// The regulation that declares the framework, else the page its `source` names.
fn source_page(fw: &Framework, pages: &[Page]) -> Option<usize> {
    pages
        .iter()
        .position(|p| matches!(&p.meta, Meta::Regulation(r) if r.framework.as_deref() == Some(fw.id.as_str())))
        .or_else(|| {
            let key = fw.source.as_deref()?.trim().trim_matches('/');
            let key = key.strip_suffix(".md").unwrap_or(key);
            pages.iter().position(|p| p.key == key)
        })
}

/// The framework's indicators with a heading where a new group begins.
fn framework_rows(fw: &Framework) -> Vec<FrameworkRow> {
    let mut last: Option<&str> = None;
    fw.indicators
        .iter()
        .map(|i| {
            let group = i.group.as_deref();
            let heading = (group.is_some() && group != last).then(|| group.map(str::to_string));
            last = group;
            FrameworkRow {
                heading: heading.flatten(),
                indicator: i.clone(),
            }
        })
        .collect()
}
