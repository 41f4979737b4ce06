//! An activity as a page gives it ([`ActivityInput`]) and as the site uses it
//! ([`Activity`]): parsed period, a status, and the plan's fields for a report row
//! that refers to its plan by number.

use std::sync::LazyLock;

use regex::Regex;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use super::period::{parse_period_in, Period};
use crate::indicator::record::{opt_text, Scalar};

/// What became of a planned activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    /// «выполнено».
    Done,
    /// «не выполнено».
    NotDone,
    /// «перенесено».
    Postponed,
    /// «нет данных».
    NoData,
}

impl ActivityStatus {
    /// All statuses, in the order pages list them.
    pub const ALL: [ActivityStatus; 4] = [
        ActivityStatus::Done,
        ActivityStatus::NotDone,
        ActivityStatus::Postponed,
        ActivityStatus::NoData,
    ];

    /// The Russian label.
    pub fn label(self) -> &'static str {
        match self {
            ActivityStatus::Done => "выполнено",
            ActivityStatus::NotDone => "не выполнено",
            ActivityStatus::Postponed => "перенесено",
            ActivityStatus::NoData => "нет данных",
        }
    }

    /// A CSS-friendly name: `done`, `not-done`, `postponed`, `no-data`.
    pub fn slug(self) -> &'static str {
        match self {
            ActivityStatus::Done => "done",
            ActivityStatus::NotDone => "not-done",
            ActivityStatus::Postponed => "postponed",
            ActivityStatus::NoData => "no-data",
        }
    }
}

/// One activity as written in a page's `activities:` list.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityInput {
    /// Number as in the document («12», «1.3»).
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<Scalar>")]
    pub n: Option<String>,
    /// Direction (section) of the plan the activity belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// «Период реализации» as written: «в течение года», «март-апрель», «до 01.09.2023».
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<Scalar>")]
    pub period: Option<String>,
    /// What is done; may be left out when `plan_ref` points at the plan's activity.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Who is responsible: one string or a list.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(with = "OneOrMany")]
    pub responsible: Vec<String>,
    /// «Прогнозируемый результат».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// «Фактический результат» (reports only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// Status; when left out it is read from the result (see [`status_from_result`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ActivityStatus>,
    /// Number of the plan's activity this report row reports on.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<Scalar>")]
    pub plan_ref: Option<String>,
    /// Schools concerned (ids or any alias).
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(with = "OneOrMany")]
    pub schools: Vec<String>,
    /// Free note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One string or a list of strings.
#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::One(s)) if s.trim().is_empty() => Vec::new(),
        Some(OneOrMany::One(s)) => vec![s],
        Some(OneOrMany::Many(v)) => v,
    })
}

/// A parsed activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activity {
    /// Number as in the document.
    pub n: Option<String>,
    /// Direction (section).
    pub direction: Option<String>,
    /// Parsed period (keeps the raw text).
    pub period: Option<Period>,
    /// What is done.
    pub title: String,
    /// Who is responsible.
    pub responsible: Vec<String>,
    /// Expected result.
    pub expected: Option<String>,
    /// Actual result.
    pub result: Option<String>,
    /// Status, typed or read from the result.
    pub status: ActivityStatus,
    /// Its Russian label, for templates.
    pub status_label: &'static str,
    /// True when the status was read from the result text, not typed.
    pub status_derived: bool,
    /// Number of the plan's activity, for a report row.
    pub plan_ref: Option<String>,
    /// Schools concerned.
    pub schools: Vec<String>,
    /// Free note.
    pub note: Option<String>,
    /// True for a plan's activity the report does not mention (see
    /// [`super::plan_fact::with_unreported`]).
    pub unreported: bool,
}

/// A problem with one activity of a list.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct ActivityError {
    /// Position of the activity in the list (0-based).
    pub index: usize,
    /// Its number, if it has one.
    pub n: Option<String>,
    /// The field at fault («title», «plan_ref»).
    pub field: String,
    /// What is wrong, in Russian.
    pub message: String,
    /// How to fix it, in Russian.
    pub hint: String,
    /// True when the error is about the plan the row refers to (no plan, no such item
    /// in it): not the row's own error when the plan could not all be read.
    pub on_plan: bool,
}

static POSTPONED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)перенес[её]н|перенос").expect("valid regex"));
static NO_INFO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\W_]*(?:информация\s+не\s+(?:сведена|представлена)|нет\s+данных|данных\s+нет|н/д\b)")
        .expect("valid regex")
});
static NOT_DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\W_]*(?:не\s+(?:менее|более|ниже|выше)\b|(?P<neg>не\s+\w|нет\b|отмен))")
        .expect("valid regex")
});

/// Reads a status from the result text, for rows that do not type one: nothing →
/// «нет данных»; «перенесено…» → «перенесено»; «информация не сведена» → «нет
/// данных»; a result that opens with a negation («Не принимали участие», «не
/// участвовали», «Нет публикаций», «нет», «отменено») → «не выполнено»; any other
/// result → «выполнено».
pub fn status_from_result(result: Option<&str>) -> ActivityStatus {
    let Some(text) = result
        .map(str::trim)
        .filter(|t| !matches!(*t, "" | "-" | "–" | "—"))
    else {
        return ActivityStatus::NoData;
    };
    if POSTPONED.is_match(text) {
        return ActivityStatus::Postponed;
    }
    if NO_INFO.is_match(text) {
        return ActivityStatus::NoData;
    }
    let negated = NOT_DONE
        .captures(text)
        .is_some_and(|c| c.name("neg").is_some());
    if negated {
        ActivityStatus::NotDone
    } else {
        ActivityStatus::Done
    }
}

impl Activity {
    /// Parses an activity; `year` is the page's year, for days written without one.
    pub fn from_input(
        input: ActivityInput,
        year: Option<i32>,
    ) -> Result<Activity, Vec<ActivityError>> {
        if input.title.trim().is_empty() && input.plan_ref.is_none() {
            return Err(vec![ActivityError {
                index: 0,
                n: input.n,
                field: "title".into(),
                message: "у мероприятия нет наименования".into(),
                hint: "укажите title или plan_ref — номер мероприятия плана".into(),
                on_plan: false,
            }]);
        }
        let status_derived = input.status.is_none();
        let status = input
            .status
            .unwrap_or_else(|| status_from_result(input.result.as_deref()));
        Ok(Activity {
            period: input
                .period
                .as_deref()
                .filter(|p| !p.trim().is_empty())
                .map(|p| parse_period_in(p, year)),
            n: input.n,
            direction: input.direction,
            title: input.title,
            responsible: input.responsible,
            expected: input.expected,
            result: input.result,
            status,
            status_label: status.label(),
            status_derived,
            plan_ref: input.plan_ref,
            schools: input.schools,
            note: input.note,
            unreported: false,
        })
    }
}

/// Parses a page's activities. A row with `plan_ref` takes every field it leaves out
/// from the plan's activity of that number (`plan`); an unknown number, a plan_ref
/// without a plan, or two rows on one plan activity are errors. All errors are
/// collected.
pub fn activities_from_inputs(
    inputs: Vec<ActivityInput>,
    plan: Option<&[Activity]>,
    year: Option<i32>,
) -> Result<Vec<Activity>, Vec<ActivityError>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut seen_refs: Vec<String> = Vec::new();
    for (index, input) in inputs.into_iter().enumerate() {
        let error = |field: &str, message: String, hint: &str| ActivityError {
            index,
            n: input.n.clone(),
            field: field.into(),
            message,
            hint: hint.into(),
            on_plan: false,
        };
        let merged = match input.plan_ref.as_deref().map(number_key) {
            None => input.clone(),
            Some(key) => {
                let shown = input.plan_ref.clone().unwrap_or_default();
                if seen_refs.contains(&key) {
                    errors.push(error(
                        "plan_ref",
                        format!("мероприятие № {shown} плана указано дважды"),
                        "оставьте одну строку отчёта на каждое мероприятие плана",
                    ));
                }
                seen_refs.push(key.clone());
                let Some(plan) = plan else {
                    errors.push(ActivityError {
                        on_plan: true,
                        ..error(
                            "plan_ref",
                            format!("ссылка на мероприятие № {shown} плана, но план не указан"),
                            "укажите в странице отчёта ссылку на план (plan)",
                        )
                    });
                    continue;
                };
                match plan
                    .iter()
                    .find(|a| a.n.as_deref().map(number_key) == Some(key.clone()))
                {
                    Some(planned) => merge(input.clone(), planned),
                    None => {
                        errors.push(ActivityError {
                            on_plan: true,
                            ..error(
                                "plan_ref",
                                format!("в плане нет мероприятия № {shown}"),
                                "проверьте номер мероприятия в плане",
                            )
                        });
                        continue;
                    }
                }
            }
        };
        match Activity::from_input(merged, year) {
            Ok(a) => out.push(a),
            Err(es) => errors.extend(es.into_iter().map(|e| ActivityError { index, ..e })),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// «12.», « 12 » and «12» are one number.
pub(crate) fn number_key(n: &str) -> String {
    n.trim().trim_end_matches('.').trim().to_string()
}

/// The report row over the plan's activity: what the row gives wins.
fn merge(row: ActivityInput, planned: &Activity) -> ActivityInput {
    let or = |a: Option<String>, b: &Option<String>| a.or_else(|| b.clone());
    ActivityInput {
        n: row.n.or_else(|| planned.n.clone()),
        direction: or(row.direction, &planned.direction),
        period: row
            .period
            .or_else(|| planned.period.as_ref().map(|p| p.raw.clone())),
        title: if row.title.trim().is_empty() {
            planned.title.clone()
        } else {
            row.title
        },
        responsible: if row.responsible.is_empty() {
            planned.responsible.clone()
        } else {
            row.responsible
        },
        expected: or(row.expected, &planned.expected),
        result: row.result,
        status: row.status,
        plan_ref: row.plan_ref,
        schools: if row.schools.is_empty() {
            planned.schools.clone()
        } else {
            row.schools
        },
        note: row.note,
    }
}

#[cfg(test)]
mod tests;
