//! Plan vs fact: a report's rows set against its plan, grouped by direction with anchors
//! so that pages can be navigated and filtered without JavaScript.
//!
//! A report that refers to its plan by number (`plan_ref`) is read against the whole
//! plan: its rows follow the plan's order, and a planned activity the report does not
//! mention is listed as «нет данных» (marked `unreported`) instead of silently dropped.

use serde::Serialize;

use super::counts::{count, StatusCounts};
use super::model::{number_key, Activity, ActivityInput, ActivityStatus};

/// A plan's activities as report rows can refer to them: every row that parses (the
/// plan's own page reports the rows that do not).
pub fn plan_items(inputs: &[ActivityInput], year: Option<i32>) -> Vec<Activity> {
    inputs
        .iter()
        .filter_map(|i| Activity::from_input(i.clone(), year).ok())
        .collect()
}

/// The report's rows in the plan's order, each planned activity the report leaves out
/// added with status «нет данных»; rows without `plan_ref` follow at the end, as written.
/// A report with no `plan_ref` at all is returned as is: it does not itemise the plan.
pub fn with_unreported(report: Vec<Activity>, plan: &[Activity]) -> Vec<Activity> {
    if report.iter().all(|a| a.plan_ref.is_none()) {
        return report;
    }
    let key = |a: &Activity| a.plan_ref.as_deref().map(number_key);
    let mut rows: Vec<Option<Activity>> = report.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(plan.len().max(rows.len()));
    for planned in plan {
        let n = planned.n.as_deref().map(number_key);
        let found = rows
            .iter()
            .position(|r| r.as_ref().is_some_and(|r| n.is_some() && key(r) == n));
        match found.and_then(|i| rows[i].take()) {
            Some(row) => out.push(row),
            None => out.push(unreported(planned)),
        }
    }
    out.extend(rows.into_iter().flatten());
    out
}

fn unreported(planned: &Activity) -> Activity {
    Activity {
        result: None,
        status: ActivityStatus::NoData,
        status_label: ActivityStatus::NoData.label(),
        status_derived: true,
        plan_ref: planned.n.clone(),
        unreported: true,
        ..planned.clone()
    }
}

/// The activities of one direction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DirectionGroup {
    /// The direction as written; `None` for activities without one.
    pub direction: Option<String>,
    /// The heading's `id`: `direction-1`, `direction-metodicheskaya-rabota`.
    pub anchor: String,
    /// Its activities by status.
    pub counts: StatusCounts,
    /// The counts as a sentence.
    pub line: String,
    /// Its activities, indexes into the list, in list order.
    pub rows: Vec<usize>,
}

/// Groups activities by direction, in the order directions first appear.
pub fn group_by_direction(activities: &[Activity]) -> Vec<DirectionGroup> {
    let counts = count(activities);
    let mut used: Vec<String> = Vec::new();
    counts
        .by_direction
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let rows = activities
                .iter()
                .enumerate()
                .filter(|(_, a)| normalised(a.direction.as_deref()) == d.direction.as_deref())
                .map(|(k, _)| k)
                .collect();
            let anchor = unique(direction_anchor(d.direction.as_deref(), i), &mut used);
            DirectionGroup {
                line: d.counts.line(),
                direction: d.direction,
                anchor,
                counts: d.counts,
                rows,
            }
        })
        .collect()
}

fn normalised(d: Option<&str>) -> Option<&str> {
    d.map(str::trim).filter(|d| !d.is_empty())
}

/// The anchor of a direction: its number when it starts with one («1.2. Обучение» →
/// `direction-1-2`), otherwise the first words transliterated; `direction-other` for
/// activities without a direction.
pub fn direction_anchor(direction: Option<&str>, index: usize) -> String {
    let Some(d) = normalised(direction) else {
        return "direction-other".to_string();
    };
    let number: String = d
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ')')
        .collect();
    let number = number.trim_end_matches(['.', ')']);
    if !number.is_empty() && number.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return format!("direction-{}", number.replace(['.', ')'], "-"));
    }
    let slug = crate::ru::slugify(d);
    let mut short = String::new();
    for word in slug.split('-').filter(|w| !w.is_empty()) {
        if !short.is_empty() && short.len() + word.len() > 40 {
            break;
        }
        if !short.is_empty() {
            short.push('-');
        }
        short.push_str(word);
    }
    if short.is_empty() {
        format!("direction-{}", index + 1)
    } else {
        format!("direction-{short}")
    }
}

/// The `id` of each activity's row: `activity-12`, `activity-1-3`; rows without a
/// number get their position (`activity-row-5`).
pub fn row_anchors(activities: &[Activity]) -> Vec<String> {
    let mut used = Vec::new();
    activities
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let n =
                a.n.as_deref()
                    .map(number_key)
                    .map(|n| crate::ru::slugify(&n.replace(['.', '/', ' '], "-")))
                    .filter(|n| !n.is_empty());
            let base = match n {
                Some(n) => format!("activity-{n}"),
                None => format!("activity-row-{}", i + 1),
            };
            unique(base, &mut used)
        })
        .collect()
}

fn unique(base: String, used: &mut Vec<String>) -> String {
    let mut name = base.clone();
    let mut k = 2;
    while used.contains(&name) {
        name = format!("{base}-{k}");
        k += 1;
    }
    used.push(name.clone());
    name
}

/// The activities of one status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusGroup {
    /// The status.
    pub status: ActivityStatus,
    /// Its Russian label.
    pub label: &'static str,
    /// Its activities, indexes into the list.
    pub rows: Vec<usize>,
}

/// Activities by status, statuses with none left out, in the order of
/// [`ActivityStatus::ALL`].
pub fn group_by_status(activities: &[Activity]) -> Vec<StatusGroup> {
    ActivityStatus::ALL
        .iter()
        .map(|s| StatusGroup {
            status: *s,
            label: s.label(),
            rows: (0..activities.len())
                .filter(|i| activities[*i].status == *s)
                .collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::model::activities_from_inputs;

    fn input(n: &str, direction: &str, title: &str) -> ActivityInput {
        ActivityInput {
            n: Some(n.into()),
            direction: Some(direction.into()),
            period: Some("март-апрель".into()),
            title: title.into(),
            responsible: vec!["Андреева Н.Б.".into()],
            expected: Some("Справка".into()),
            ..ActivityInput::default()
        }
    }

    fn plan() -> Vec<Activity> {
        plan_items(
            &[
                input("1", "1. Содействие", "Совет"),
                input("2", "1. Содействие", "Совещание"),
                input("3", "2. Обучение", "Курсы"),
                ActivityInput::default(), // no title: reported on the plan's page
            ],
            Some(2025),
        )
    }

    fn row(plan_ref: &str, result: Option<&str>) -> ActivityInput {
        ActivityInput {
            plan_ref: Some(plan_ref.into()),
            result: result.map(str::to_string),
            ..ActivityInput::default()
        }
    }

    #[test]
    fn report_rows_follow_the_plan_and_gaps_are_no_data() {
        let plan = plan();
        assert_eq!(plan.len(), 3);
        let extra = ActivityInput {
            title: "Вне плана".into(),
            result: Some("Проведено".into()),
            ..ActivityInput::default()
        };
        let rows = vec![
            row("3.", Some("Не проводились")),
            row("1", Some("Проведён")),
            extra,
        ];
        let list = activities_from_inputs(rows, Some(&plan), Some(2025)).unwrap();
        let list = with_unreported(list, &plan);
        let got: Vec<(&str, &str, bool)> = list
            .iter()
            .map(|a| (a.title.as_str(), a.status.label(), a.unreported))
            .collect();
        assert_eq!(
            got,
            [
                ("Совет", "выполнено", false),
                ("Совещание", "нет данных", true),
                ("Курсы", "не выполнено", false),
                ("Вне плана", "выполнено", false),
            ]
        );
        // The plan's columns came over with the number.
        assert_eq!(list[0].expected.as_deref(), Some("Справка"));
        assert_eq!(list[0].period.as_ref().unwrap().months, [3, 4]);
        assert_eq!(list[1].plan_ref.as_deref(), Some("2"));
    }

    #[test]
    fn a_report_without_plan_refs_is_left_alone() {
        let plan = plan();
        let own = plan_items(&[input("7", "Своё", "Своё")], None);
        assert_eq!(with_unreported(own.clone(), &plan), own);
    }

    #[test]
    fn groups_and_anchors() {
        let mut list = plan();
        list.push(Activity::from_input(input("3", "  ", "Без направления"), None).unwrap());
        list.push(
            Activity::from_input(
                input(
                    "3",
                    "Методическая работа с молодыми педагогами района и школ",
                    "x",
                ),
                None,
            )
            .unwrap(),
        );
        let groups = group_by_direction(&list);
        let anchors: Vec<&str> = groups.iter().map(|g| g.anchor.as_str()).collect();
        assert_eq!(
            anchors,
            [
                "direction-1",
                "direction-2",
                "direction-other",
                "direction-metodicheskaya-rabota-s-molodymi"
            ]
        );
        assert_eq!(groups[0].rows, [0, 1]);
        assert_eq!(groups[0].line, "2 мероприятия: нет данных — 2");
        assert_eq!(direction_anchor(Some("1.2. Обучение"), 0), "direction-1-2");
        assert_eq!(direction_anchor(Some("«»"), 4), "direction-5");
        assert_eq!(
            row_anchors(&list),
            [
                "activity-1",
                "activity-2",
                "activity-3",
                "activity-3-2",
                "activity-3-3"
            ]
        );
        let by_status = group_by_status(&list);
        assert_eq!(by_status.len(), 1);
        assert_eq!(by_status[0].rows.len(), 5);
    }
}
