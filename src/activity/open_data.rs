//! Open data for activities: CSV for Russian Excel and JSON, like the indicators'.

use serde_json::{json, Value};

use super::counts::count;
use super::model::Activity;
use crate::indicator::open_data::excel_csv;

const HEADERS: [&str; 13] = [
    "№",
    "Направление",
    "Период",
    "Месяцы",
    "Периодичность",
    "Мероприятие",
    "Ответственные",
    "Прогнозируемый результат",
    "Фактический результат",
    "Статус",
    "№ в плане",
    "Школы",
    "Примечание",
];

/// The activities as a CSV for Excel (BOM, `;`, CRLF); lists are joined with «; »,
/// months are numbers («9, 10»).
pub fn activities_csv(activities: &[Activity]) -> String {
    let rows: Vec<Vec<String>> = activities
        .iter()
        .map(|a| {
            let months = a
                .period
                .as_ref()
                .map(|p| {
                    p.months
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            vec![
                a.n.clone().unwrap_or_default(),
                a.direction.clone().unwrap_or_default(),
                a.period.as_ref().map(|p| p.raw.clone()).unwrap_or_default(),
                months,
                a.period
                    .as_ref()
                    .map(|p| p.recurrence.label().to_string())
                    .unwrap_or_default(),
                a.title.clone(),
                a.responsible.join("; "),
                a.expected.clone().unwrap_or_default(),
                a.result.clone().unwrap_or_default(),
                a.status.label().to_string(),
                a.plan_ref.clone().unwrap_or_default(),
                a.schools.join("; "),
                a.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    excel_csv(&HEADERS, &rows)
}

/// The activities as JSON: `{"counts": {…, "line": "…"}, "activities": […]}`.
pub fn activities_json(activities: &[Activity]) -> Value {
    let counts = count(activities);
    let mut counts_json = serde_json::to_value(&counts).unwrap_or_else(|_| json!({}));
    if let Value::Object(map) = &mut counts_json {
        map.insert("line".into(), Value::String(counts.by_status.line()));
    }
    json!({
        "counts": counts_json,
        "activities": serde_json::to_value(activities).unwrap_or_else(|_| json!([])),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::model::{ActivityInput, ActivityStatus};

    fn list() -> Vec<Activity> {
        let a = ActivityInput {
            n: Some("19".into()),
            direction: Some("1. Содействие функционированию РС НМС".into()),
            period: Some("сентябрь - октябрь".into()),
            title: "Участие в заседаниях Районного методического совета".into(),
            responsible: vec!["Приходько В.Н.".into(), "Кондратова Л.Г.".into()],
            expected: Some("Информационно-аналитическая справка".into()),
            result: Some("100% проведение мероприятий (5 заседаний совета проведены)".into()),
            ..ActivityInput::default()
        };
        let b = ActivityInput {
            n: Some("26".into()),
            title: "Содействие участию в журнале".into(),
            result: Some("Нет публикаций".into()),
            status: Some(ActivityStatus::NotDone),
            ..ActivityInput::default()
        };
        [a, b]
            .into_iter()
            .map(|i| Activity::from_input(i, None).unwrap())
            .collect()
    }

    #[test]
    fn csv_for_excel() {
        let csv = activities_csv(&list());
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert!(csv.starts_with('\u{feff}'));
        assert_eq!(lines[0], HEADERS.join(";"));
        assert_eq!(
            lines[1],
            "19;1. Содействие функционированию РС НМС;сентябрь - октябрь;9, 10;однократно;\
Участие в заседаниях Районного методического совета;Приходько В.Н.; Кондратова Л.Г.;\
Информационно-аналитическая справка;100% проведение мероприятий (5 заседаний совета проведены);выполнено;;;"
                .replace("Приходько В.Н.; Кондратова Л.Г.", "\"Приходько В.Н.; Кондратова Л.Г.\"")
        );
        assert_eq!(
            lines[2],
            "26;;;;;Содействие участию в журнале;;;Нет публикаций;не выполнено;;;"
        );
    }

    #[test]
    fn json_with_counts() {
        let v = activities_json(&list());
        assert_eq!(
            v["counts"]["line"],
            "2 мероприятия: выполнено — 1, не выполнено — 1"
        );
        assert_eq!(v["counts"]["by_status"]["done"], 1);
        assert_eq!(v["activities"][0]["period"]["months"], json!([9, 10]));
        assert_eq!(v["activities"][1]["status"], "not_done");
        assert_eq!(v["activities"][1]["status_label"], "не выполнено");
    }
}
