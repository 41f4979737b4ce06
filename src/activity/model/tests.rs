use super::*;
use ActivityStatus::*;

fn from_yaml(yaml: &str) -> Vec<ActivityInput> {
    serde_yaml_ng::from_str(yaml).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn yaml_forms() {
    let inputs = from_yaml(
        r#"
- n: 12
  period: "по отдельному графику (Приложение 1)"
  title: "Участие в совещаниях ЦНППМ"
  responsible: "Кондратова Л.Г., директор МБУ «ЦРО Усольского района»"
- n: 1.3
  title: "Экспертиза"
  responsible: [Андреева Н.Б., Мякишева Е.Ю.]
  status: not_done
  schools: sosh-7
- n: "26."
  period: 2025
  title: "Журнал"
"#,
    );
    assert_eq!(inputs[0].n.as_deref(), Some("12"));
    assert_eq!(inputs[0].responsible.len(), 1);
    assert_eq!(inputs[1].n.as_deref(), Some("1.3"));
    assert_eq!(inputs[1].responsible, ["Андреева Н.Б.", "Мякишева Е.Ю."]);
    assert_eq!(inputs[1].status, Some(NotDone));
    assert_eq!(inputs[1].schools, ["sosh-7"]);
    assert_eq!(inputs[2].period.as_deref(), Some("2025"));
    let list = activities_from_inputs(inputs, None, Some(2025)).unwrap();
    let p = list[0].period.as_ref().unwrap();
    assert_eq!(
        p.recurrence,
        crate::activity::period::Recurrence::BySchedule
    );
    assert_eq!(list[2].period.as_ref().unwrap().years, [2025]);
}

#[test]
fn strict_fields_and_statuses() {
    let err = serde_yaml_ng::from_str::<Vec<ActivityInput>>("- {title: x, fact: y}").unwrap_err();
    assert!(err.to_string().contains("fact"), "{err}");
    let err = serde_yaml_ng::from_str::<Vec<ActivityInput>>("- {title: x, status: выполнено}")
        .unwrap_err();
    assert!(err.to_string().contains("выполнено"), "{err}");
    for (yaml, want) in [
        ("done", Done),
        ("not_done", NotDone),
        ("postponed", Postponed),
        ("no_data", NoData),
    ] {
        let got: Vec<ActivityInput> = from_yaml(&format!("- {{title: x, status: {yaml}}}"));
        assert_eq!(got[0].status, Some(want));
    }
    let labels: Vec<&str> = ActivityStatus::ALL.iter().map(|s| s.label()).collect();
    assert_eq!(
        labels,
        ["выполнено", "не выполнено", "перенесено", "нет данных"]
    );
    let slugs: Vec<&str> = ActivityStatus::ALL.iter().map(|s| s.slug()).collect();
    assert_eq!(slugs, ["done", "not-done", "postponed", "no-data"]);
    let schema = serde_json::to_value(schemars::schema_for!(ActivityInput)).unwrap();
    assert_eq!(schema["additionalProperties"], false);
}

/// The «Фактический результат» cells of seed 000, table 2, that report nothing done,
/// plus typical positive ones.
#[test]
fn status_read_from_the_result() {
    let cases = [
        (None, NoData),
        (Some(""), NoData),
        (Some(" – "), NoData),
        (Some("Не принимали участие"), NotDone),
        (Some("Не участвуем"), NotDone),
        (Some("не участвовали"), NotDone),
        (Some("не участвовали в мероприятиях"), NotDone),
        (Some("Нет публикаций"), NotDone),
        (Some("нет"), NotDone),
        (Some("Не осуществлялось по заявке МО"), NotDone),
        (Some("Мероприятие перенесено на февраль 2026г."), Postponed),
        (Some("информация не сведена (подготовка)"), NoData),
        (
            Some("Приказ Комитета по образованию №167 от 08.04.2025г."),
            Done,
        ),
        (
            Some("100% проведение мероприятий (5 заседаний совета проведены)"),
            Done,
        ),
        (Some("Письмо направлено в марте 2025г. ЦНППМ"), Done),
        (Some("Не менее 80% педагогов приняли участие"), Done),
        (Some("Нетрадиционные формы работы освоены"), Done),
    ];
    for (result, want) in cases {
        assert_eq!(status_from_result(result), want, "{result:?}");
    }
}

#[test]
fn typed_status_wins() {
    let input = ActivityInput {
        title: "x".into(),
        result: Some("Проведено".into()),
        status: Some(Postponed),
        ..ActivityInput::default()
    };
    let a = Activity::from_input(input, None).unwrap();
    assert_eq!(
        (a.status, a.status_derived, a.status_label),
        (Postponed, false, "перенесено")
    );
}

fn plan() -> Vec<Activity> {
    let inputs = from_yaml(
        r#"
- n: "12."
  direction: "1. Содействие функционированию РС НМС"
  period: "по отдельному графику (Приложение 1)"
  title: "Участие в региональных совещаниях ЦНППМ"
  responsible: [Кондратова Л.Г.]
  expected: "Протоколы совещаний"
- n: 13
  period: "март-апрель"
  title: "Семинар для ШНОР"
"#,
    );
    activities_from_inputs(inputs, None, Some(2025)).unwrap()
}

#[test]
fn report_refers_to_plan() {
    let plan = plan();
    let report = from_yaml(
        r#"
- plan_ref: 12
  result: "участие приняли 7 методистов"
- plan_ref: "13"
  title: "Семинар для ШНОР и школ «зоны риска»"
  result: "Мероприятие перенесено на февраль 2026г."
"#,
    );
    let got = activities_from_inputs(report, Some(&plan), Some(2025)).unwrap();
    assert_eq!(got[0].n.as_deref(), Some("12."));
    assert_eq!(got[0].title, "Участие в региональных совещаниях ЦНППМ");
    assert_eq!(
        got[0].direction.as_deref(),
        Some("1. Содействие функционированию РС НМС")
    );
    assert_eq!(got[0].responsible, ["Кондратова Л.Г."]);
    assert_eq!(got[0].expected.as_deref(), Some("Протоколы совещаний"));
    assert_eq!(got[0].status, Done);
    assert_eq!(got[1].title, "Семинар для ШНОР и школ «зоны риска»");
    assert_eq!(got[1].period.as_ref().unwrap().months, [3, 4]);
    assert_eq!(got[1].status, Postponed);
}

#[test]
fn all_errors_are_collected() {
    let plan = plan();
    let report = from_yaml(
        r#"
- plan_ref: 99
- plan_ref: 12
- plan_ref: "12."
- n: 5
  result: "Проведено"
"#,
    );
    let errors = activities_from_inputs(report.clone(), Some(&plan), None).unwrap_err();
    let got: Vec<(usize, &str, &str)> = errors
        .iter()
        .map(|e| (e.index, e.field.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (0, "plan_ref", "в плане нет мероприятия № 99"),
            (2, "plan_ref", "мероприятие № 12. плана указано дважды"),
            (3, "title", "у мероприятия нет наименования"),
        ]
    );
    assert_eq!(errors[2].n.as_deref(), Some("5"));
    let errors = activities_from_inputs(report[..1].to_vec(), None, None).unwrap_err();
    assert_eq!(
        errors[0].message,
        "ссылка на мероприятие № 99 плана, но план не указан"
    );
}
