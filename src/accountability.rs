//! Accountability: indicators and activities of reports, plans, roadmaps, programmes and
//! regulations, parsed and with achievement computed, as one JSON value per page.
//!
//! Input: parsed pages and what their references resolved to (a report's `plan`, the
//! page's region). Output: per page a [`Derived`]: the view templates show, the open-data
//! files published beside the page, and the parsed indicators that trends and dashboards
//! compare across pages. A report that refers to its plan's activities by number is read
//! against the plan page's own activities.

use crate::activity::{
    activities_csv, activities_json, group_by_direction, group_by_status, plan_items, row_anchors,
    with_unreported, Activity,
};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::indicator::{
    bar_chart, indicators_csv, indicators_json, ChartRow, Indicator, IndicatorInput, Summary,
    TableRow, ValueError,
};
use crate::model::{Kind, Registries};
use crate::parse::Page;
use crate::validate::Refs;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::HashMap;

mod file;
mod names;
use file::file_inputs;
pub use names::framework_match;

/// What a page with indicators and activities publishes.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// Everything templates show, as one value.
    pub view: Value,
    /// Open-data files published beside the page: (file name, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    /// The parsed indicators, for trends and dashboards across pages.
    pub indicators: Vec<Indicator>,
    /// Where each of `indicators` was written, for diagnostics.
    pub sources: Vec<Source>,
    /// Each activity with the anchor of its row, for pages that link to it.
    pub activity_links: Vec<ActivityLink>,
}

/// An activity as another page links to it: `…/index.html#activity-31`.
#[derive(Debug, Clone, Default)]
pub struct ActivityLink {
    /// Number as in the document.
    pub n: Option<String>,
    /// What is done.
    pub title: String,
    /// Schools concerned, as written.
    pub schools: Vec<String>,
    /// The `id` of its row on the page.
    pub anchor: String,
}

/// Where an indicator was written: an item of the page's `indicators:` list, or a row
/// of its `indicators_file`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `indicators[n]` of the front matter.
    Item(usize),
    /// A row of the table (as the spreadsheet numbers it).
    Row(usize),
}

/// Derives every page, in parallel; a report with `plan:` gets its plan's activities.
/// Problems of every page go to `diags`, in page order.
pub fn derive_all(
    pages: &[Page],
    refs: &[Refs],
    reg: &Registries,
    diags: &mut Diagnostics,
) -> Vec<Option<Derived>> {
    let plan_of: Vec<Option<usize>> = refs
        .iter()
        .map(|r| r.pages.iter().find(|(f, _)| *f == "plan").map(|(_, i)| *i))
        .collect();
    let mut is_plan = vec![false; pages.len()];
    for j in plan_of.iter().flatten() {
        is_plan[*j] = true;
    }
    let planned: Vec<Option<Vec<Activity>>> = (0..pages.len())
        .into_par_iter()
        .map(|i| {
            let acc = pages[i].meta.accountability().filter(|_| is_plan[i])?;
            Some(plan_items(acc.activities, pages[i].common.year))
        })
        .collect();
    let results: Vec<(Option<Derived>, Diagnostics)> = pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let mut d = Diagnostics::new();
            let j = plan_of.get(i).copied().flatten();
            let plan = j.and_then(|j| planned[j].as_deref());
            // The plan named by a field that could not be read, or a plan whose
            // activities could not all be read: a row's plan item may be among what is
            // unknown, so that is no error of the row's.
            let plan_known = !p.lost("plan")
                && !refs.get(i).is_some_and(|r| r.unreadable.contains(&"plan"))
                && j.is_none_or(|j| !pages[j].lost("activities"));
            let derived = derive(p, plan, plan_known, &mut d);
            if let (Some(derived), Some(r)) = (&derived, refs.get(i)) {
                check_framework_ids(p, derived, r, reg, &mut d);
                names::check_name_matches(p, derived, r, reg, &mut d);
            }
            (derived, d)
        })
        .collect();
    results
        .into_iter()
        .map(|(v, d)| {
            diags.extend(d);
            v
        })
        .collect()
}

/// A `framework_id` must name an indicator of a framework of the page's region.
fn check_framework_ids(
    page: &Page,
    derived: &Derived,
    refs: &Refs,
    reg: &Registries,
    diags: &mut Diagnostics,
) {
    for (ind, source) in derived.indicators.iter().zip(&derived.sources) {
        let Some(fid) = ind.framework_id.as_deref() else {
            continue;
        };
        let error = |message: String, hint: &str| {
            let d = Diagnostic::error(&page.src, format!("показатель {}: {message}", ind.id))
                .snippet(format!("framework_id: {fid}"))
                .hint(hint.to_string());
            match source {
                Source::Item(i) => {
                    d.at_opt(page.locate_path(&format!("indicators[{i}].framework_id")))
                }
                Source::Row(row) => in_table(page, d, *row),
            }
        };
        let incomplete = reg.incomplete;
        let Some(region) = refs.region.as_deref() else {
            if page.lost("district") || page.lost("region") || incomplete.districts {
                // The page names them, in a way that could not be read.
                continue;
            }
            diags.push(error(
                format!("указан показатель системы «{fid}», но у страницы нет района или региона"),
                "укажите district или region страницы",
            ));
            continue;
        };
        let (framework, id) = match fid.split_once('/') {
            Some((f, id)) => (Some(f.trim()), id.trim()),
            None => (None, fid.trim()),
        };
        let of_region: Vec<&crate::model::Framework> = reg
            .frameworks
            .iter()
            .filter(|f| f.region == region && framework.is_none_or(|name| f.id == name))
            .collect();
        if of_region
            .iter()
            .any(|f| f.indicators.iter().any(|i| i.id == id))
            || incomplete.frameworks
            || incomplete.regions
        {
            continue;
        }
        let known: Vec<&str> = reg
            .frameworks
            .iter()
            .filter(|f| f.region == region)
            .map(|f| f.id.as_str())
            .collect();
        let hint = if known.is_empty() {
            "для региона страницы нет системы показателей в data/frameworks/".to_string()
        } else {
            format!(
                "системы показателей региона: {}; укажите id показателя из них",
                known.join(", ")
            )
        };
        diags.push(error(
            format!("в системе показателей региона нет показателя «{fid}»"),
            &hint,
        ));
    }
}

/// One id, one indicator of a page: trends, dashboards and links to `#ind-…` find an
/// indicator by its id and would take the first. A repeated id in front matter is an
/// error at it naming the first one's line; an id of `indicators_file` that front
/// matter has too, at `indicators_file`. (Repeats inside the file are the file's rows.)
fn check_duplicate_ids(
    page: &Page,
    own: &[(Source, IndicatorInput)],
    file: Option<(&str, &[TableRow])>,
    diags: &mut Diagnostics,
) {
    let id_pos = |i: usize| page.locate_path(&format!("indicators[{i}].id"));
    let hint = |id: &str| {
        format!("у каждого показателя страницы свой id: по нему показатель находят тренды, сводные таблицы и ссылки #ind-{id}; дайте другому показателю другой id, например «{id}-2»")
    };
    let line_of = |i: usize| id_pos(i).map_or(String::new(), |p| format!(" (строка {})", p.line));
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, (_, input)) in own.iter().enumerate() {
        let id = input.id.trim();
        if id.is_empty() {
            continue;
        }
        match first.get(id) {
            Some(&j) => {
                let at = id_pos(i);
                diags.push(
                    Diagnostic::error(
                        &page.src,
                        format!(
                            "показатель с id «{id}» уже есть на этой странице{}",
                            line_of(j)
                        ),
                    )
                    .at_opt(at)
                    .snippet(at.map(|a| page.line_at(a)).unwrap_or_default())
                    .hint(hint(id)),
                );
            }
            None => {
                first.insert(id, i);
            }
        }
    }
    let Some((name, from_file)) = file else {
        return;
    };
    let at = page.locate_path("indicators_file");
    for (_, input) in from_file {
        let id = input.id.trim();
        if let Some(&j) = first.get(id) {
            diags.push(
                Diagnostic::error(
                    &page.src,
                    format!(
                        "показатель с id «{id}» есть и в файле {name}, и в заголовке страницы{}",
                        line_of(j)
                    ),
                )
                .at_opt(at)
                .snippet(at.map(|a| page.line_at(a)).unwrap_or_default())
                .hint(hint(id)),
            );
        }
    }
}

/// Parses and derives the indicators and activities of `page`; `plan` is the activities
/// of the plan a report refers to (`plan_known`: all of them could be read). Problems go
/// to `diags`.
pub fn derive(
    page: &Page,
    plan: Option<&[Activity]>,
    plan_known: bool,
    diags: &mut Diagnostics,
) -> Option<Derived> {
    let acc = page.meta.accountability()?;
    let mut inputs: Vec<(Source, IndicatorInput)> = acc
        .indicators
        .iter()
        .enumerate()
        .map(|(i, input)| (Source::Item(i), input.clone()))
        .collect();
    if let Some(file) = acc.indicators_file {
        let rows = file_inputs(page, file, diags);
        check_duplicate_ids(page, &inputs, Some((file, &rows)), diags);
        inputs.extend(rows.into_iter().map(|(row, i)| (Source::Row(row), i)));
    } else {
        check_duplicate_ids(page, &inputs, None, diags);
    }
    let mut indicators = Vec::with_capacity(inputs.len());
    let mut sources = Vec::with_capacity(inputs.len());
    for (source, input) in &inputs {
        match Indicator::from_input_in(input.clone(), page.common.year) {
            Ok(ind) => {
                if let Some(e) = crate::indicator::why_no_data(&ind, page.common.year) {
                    let mut d = value_error(page, *source, input, &e);
                    d.severity = crate::diag::Severity::Warning;
                    diags.push(d);
                }
                indicators.push(ind);
                sources.push(*source);
            }
            Err(errors) => {
                for e in errors {
                    let field = e.field.as_deref().unwrap_or("target");
                    let lost = match source {
                        Source::Item(i) => page.lost(&format!("indicators[{i}].{field}")),
                        Source::Row(_) => false,
                    };
                    if !lost {
                        diags.push(value_error(page, *source, input, &e));
                    }
                }
            }
        }
    }
    let summary = Summary::of(indicators.iter().map(|i| i.achievement));
    let chart = (!indicators.is_empty()).then(|| {
        let rows: Vec<ChartRow> = indicators
            .iter()
            .map(|ind| {
                let mut row = ChartRow::from_indicator(ind);
                row.group = ind
                    .group
                    .as_deref()
                    .map(|g| group_heading(g, acc.indicator_groups));
                row
            })
            .collect();
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
    let activities = activities(page, acc.activities, plan, plan_known, diags);
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
    let activity_open_data = (!activities.is_empty()).then(|| {
        files.push((
            "activities.csv".to_string(),
            activities_csv(&activities).into_bytes(),
        ));
        let json = serde_json::to_vec_pretty(&activities_json(&activities)).unwrap_or_default();
        files.push(("activities.json".to_string(), json));
        json!({ "csv": "activities.csv", "json": "activities.json" })
    });
    // A report, or any list with results, is shown as plan and fact side by side.
    let has_fact = page.common.kind == Kind::Report
        || activities
            .iter()
            .any(|a| a.result.is_some() || !a.status_derived);
    let activity_summary = (!activities.is_empty()).then(|| {
        if has_fact {
            counts.by_status.line()
        } else {
            let n = activities.len() as u64;
            format!(
                "{n} {}",
                crate::indicator::plural(n, "мероприятие", "мероприятия", "мероприятий")
            )
        }
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
        "activity_summary": activity_summary,
        "activity_counts": counts,
        "activity_has_fact": has_fact,
        "activity_from_plan": plan.is_some() && activities.iter().any(|a| a.plan_ref.is_some()),
        "activity_unreported": activities.iter().filter(|a| a.unreported).count(),
        "activity_directions": direction_view(&activities),
        "activity_statuses": status_view(&activities),
        "activity_open_data": activity_open_data,
        "activities": activities,
    });
    let activity_links = activities
        .iter()
        .zip(row_anchors(&activities))
        .map(|(a, anchor)| ActivityLink {
            n: a.n.clone(),
            title: a.title.clone(),
            schools: a.schools.clone(),
            anchor,
        })
        .collect();
    Some(Derived {
        view,
        files,
        indicators,
        sources,
        activity_links,
    })
}

/// The page's activities, read against its plan's (`plan_known`: all of those could be
/// read); every problem goes to `diags`, and then the list is empty.
fn activities(
    page: &Page,
    inputs: &[crate::activity::ActivityInput],
    plan: Option<&[Activity]>,
    plan_known: bool,
    diags: &mut Diagnostics,
) -> Vec<Activity> {
    let errors =
        match crate::activity::activities_from_inputs(inputs.to_vec(), plan, page.common.year) {
            Ok(list) => {
                return match plan {
                    Some(plan) => with_unreported(list, plan),
                    None => list,
                }
            }
            Err(errors) => errors,
        };
    // A field that could not be read is no field missing; a plan that could not all be
    // read may hold the item a row names.
    let own = |e: &crate::activity::ActivityError| {
        (plan_known || !e.on_plan) && !page.lost(&format!("activities[{}].{}", e.index, e.field))
    };
    for e in errors.into_iter().filter(own) {
        let n = e.n.clone().unwrap_or_else(|| (e.index + 1).to_string());
        let pos = page.locate_path(&format!("activities[{}].{}", e.index, e.field));
        let mut d = Diagnostic::error(
            &page.src,
            format!("мероприятие {n}, поле {}: {}", e.field, e.message),
        )
        .at_opt(pos)
        .hint(e.hint.clone());
        if let Some(pos) = pos {
            d = d.snippet(page.line_at(pos));
        }
        diags.push(d);
    }
    Vec::new()
}

/// Activities grouped by direction, each row with its anchor, for the list and its
/// table of contents.
fn direction_view(activities: &[Activity]) -> Value {
    let anchors = row_anchors(activities);
    let groups: Vec<Value> = group_by_direction(activities)
        .into_iter()
        .map(|g| {
            let rows: Vec<Value> = g
                .rows
                .iter()
                .map(|i| {
                    let mut v = serde_json::to_value(&activities[*i]).unwrap_or(Value::Null);
                    if let Value::Object(o) = &mut v {
                        o.insert("anchor".into(), Value::String(anchors[*i].clone()));
                    }
                    v
                })
                .collect();
            json!({
                "direction": g.direction,
                "label": g.direction.as_deref().unwrap_or("Без направления"),
                "anchor": g.anchor,
                "counts": g.counts,
                "line": g.line,
                "rows": rows,
            })
        })
        .collect();
    Value::Array(groups)
}

/// Activities by status with links to their rows: the list filtered without a script.
fn status_view(activities: &[Activity]) -> Value {
    let anchors = row_anchors(activities);
    let groups: Vec<Value> = group_by_status(activities)
        .into_iter()
        .map(|g| {
            let items: Vec<Value> = g
                .rows
                .iter()
                .map(|i| {
                    let a = &activities[*i];
                    json!({ "anchor": anchors[*i], "n": a.n, "title": a.title })
                })
                .collect();
            json!({
                "status": g.status,
                "slug": g.status.slug(),
                "label": g.label,
                "count": items.len(),
                "items": items,
            })
        })
        .collect();
    Value::Array(groups)
}

/// A value that does not parse, pointed at inside the field that holds it.
/// The chart's heading of group `id`: «A. Title» as the table's group row, or the id.
fn group_heading(id: &str, groups: &[crate::model::Group]) -> String {
    groups.iter().find(|g| g.id == id).map_or_else(
        || format!("Группа {id}"),
        |g| format!("{}. {}", g.id, g.title),
    )
}

fn value_error(page: &Page, source: Source, input: &IndicatorInput, e: &ValueError) -> Diagnostic {
    let field = e.field.as_deref().unwrap_or("target");
    let d = Diagnostic::error(
        &page.src,
        format!("показатель {}, поле {field}: {}", input.id, e.message),
    )
    .hint(e.hint.clone());
    let i = match source {
        Source::Item(i) => i,
        Source::Row(row) => return in_table(page, d, row),
    };
    let path = format!("indicators[{i}].{field}");
    // The text the offset counts in: the raw value of that field.
    let raw = match field {
        "target" => Some(input.target.as_str()),
        "actual" => input.actual.as_deref(),
        _ => None,
    }
    .filter(|r| !r.is_empty());
    let pos = match raw {
        Some(raw) => page.locate_in(&path, raw).map(|p| {
            let off = raw.get(..e.offset).map_or(0, |s| s.chars().count());
            Pos::new(p.line, p.col + off)
        }),
        None => page.locate_path(&path),
    };
    match pos {
        Some(pos) => d.at(pos).snippet(page.line_at(pos)),
        None => d.snippet(raw.unwrap_or_default()),
    }
}

/// A problem of a table row: the table file at that row.
fn in_table(page: &Page, mut d: Diagnostic, row: usize) -> Diagnostic {
    if let Some(file) = page.meta.accountability().and_then(|a| a.indicators_file) {
        d.path = file::table_path(page, file);
    }
    d.message = format!("строка {row}: {}", d.message);
    d.at(Pos::new(row.max(1), 1))
}
