use super::*;
use crate::indicator::achieve::achievement;
use crate::indicator::seed_forms::SEED_000;

fn from_yaml(yaml: &str) -> Vec<IndicatorInput> {
    serde_yaml_ng::from_str(yaml).unwrap_or_else(|e| panic!("{e}"))
}

fn input(target: &str, actual: Option<&str>) -> IndicatorInput {
    IndicatorInput {
        id: "X1".into(),
        name: "Показатель".into(),
        target: target.into(),
        actual: actual.map(str::to_string),
        ..IndicatorInput::default()
    }
}

#[test]
fn front_matter_example_from_the_design() {
    let inputs = from_yaml(
        r#"
- id: A13
  number: 13
  name: "Доля сотрудников ММС, прошедших обучение по ДПП, в т. ч. на базе ГАУ ДПО ИРО, вкл. ЦНППМ"
  unit: "%"
  target: "5% (в т. ч. 1,5%)"
  actual: "11,11% (2 чел.)"
"#,
    );
    assert_eq!(inputs[0].number.as_deref(), Some("13"));
    let ind = Indicator::from_input(inputs[0].clone()).unwrap();
    assert_eq!(ind.target.raw, "5% (в т. ч. 1,5%)");
    assert_eq!(ind.actual.as_ref().unwrap().count, Some(2));
    assert_eq!(ind.parts.len(), 1);
    assert_eq!(ind.parts[0].target.map(|q| q.value), Some(1.5));
    assert_eq!(ind.parts[0].actual, None);
    assert_eq!(ind.parts[0].achievement, Achievement::NoData);
    assert_eq!(ind.achievement, Achievement::Achieved);
    let json = serde_json::to_value(&ind).unwrap();
    assert_eq!(json["achievement"], "achieved");
    assert_eq!(json["achievement_label"], "достигнут");
    assert_eq!(json["target"]["kind"], "minimum");
    assert_eq!(json["target"]["raw"], "5% (в т. ч. 1,5%)");
}

#[test]
fn unknown_fields_are_rejected() {
    let err = serde_yaml_ng::from_str::<Vec<IndicatorInput>>(
        "- {id: A1, name: x, target: '10 %', achieved: true}",
    )
    .expect_err("unknown field");
    assert!(err.to_string().contains("achieved"), "{err}");
    let err = serde_yaml_ng::from_str::<Vec<IndicatorInput>>(
        "- {id: A1, name: x, target: '10 %', parts: [{label: a, value: 1}]}",
    )
    .expect_err("unknown part field");
    assert!(err.to_string().contains("value"), "{err}");
}

#[test]
fn explicit_parts_replace_the_text() {
    let inputs = from_yaml(
        r#"
- id: A3
  name: "Доля педагогических работников, освоивших программы ДПО из Федерального реестра"
  unit: "%"
  target: "не менее 10 % от общей численности педагогических работников"
  actual: "–"
  parts:
    - {label: "в ГУП", target: "2%", actual: "10,63%"}
    - {label: "в ГАУ ДПО ИРО", target: "8%", actual: "0,8%"}
    - {label: "в т. ч. ЦНППМ", target: 2}
"#,
    );
    let ind = Indicator::from_input(inputs[0].clone()).unwrap();
    let statuses: Vec<Achievement> = ind.parts.iter().map(|p| p.achievement).collect();
    use Achievement::*;
    assert_eq!(statuses, [Achieved, NotAchieved, NoData]);
    assert_eq!(ind.parts[2].target.map(|q| q.unit), Some(Unit::Percent));
    assert_eq!(ind.achievement, Partial);
}

#[test]
fn part_with_its_own_comparison() {
    let mut i = input("не менее 10 %", Some("12 %"));
    i.parts = vec![PartInput {
        label: Some("ШНОР".into()),
        target: Some("не более 3 %".into()),
        actual: Some("4 %".into()),
    }];
    let ind = Indicator::from_input(i).unwrap();
    assert_eq!(ind.parts[0].achievement, Achievement::NotAchieved);
    assert_eq!(ind.achievement, Achievement::Partial);
}

#[test]
fn unit_column_applies_to_bare_numbers() {
    let mut i = input("10", Some("12,5"));
    i.unit = Some("%".into());
    let ind = Indicator::from_input(i).unwrap();
    assert_eq!(
        ind.target.kind.quantity().map(|q| q.unit),
        Some(Unit::Percent)
    );
    assert_eq!(ind.achievement, Achievement::Achieved);
}

#[test]
fn share_from_numerator_and_denominator() {
    let mut i = input("10 %", None);
    i.numerator = Some(12.0);
    i.denominator = Some(117.0);
    let ind = Indicator::from_input(i).unwrap();
    let actual = ind.actual.unwrap();
    assert_eq!(actual.raw, "12 из 117");
    assert!((actual.value.unwrap().value - 10.2564).abs() < 1e-3);
    assert_eq!(ind.achievement, Achievement::Achieved);

    let mut i = input("10 %", Some("10 %"));
    i.numerator = Some(12.0);
    i.denominator = Some(117.0);
    assert!(Indicator::from_input(i).is_ok(), "10,26 % rounds to 10 %");
}

#[test]
fn all_errors_are_collected_with_their_field() {
    let mut i = input("не менее", Some("abc%"));
    i.id = " ".into();
    let errors = Indicator::from_input(i).unwrap_err();
    let fields: Vec<_> = errors
        .iter()
        .map(|e| e.field.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(fields, ["id", "target", "actual"]);

    let mut i = input("10 %", Some("20 %"));
    i.numerator = Some(12.0);
    i.denominator = Some(117.0);
    i.parts = vec![
        PartInput {
            label: None,
            target: Some("1 %".into()),
            actual: Some("x %".into()),
        },
        PartInput {
            label: None,
            target: Some("не более".into()),
            actual: None,
        },
    ];
    let errors = Indicator::from_input(i).unwrap_err();
    let fields: Vec<_> = errors
        .iter()
        .map(|e| e.field.clone().unwrap_or_default())
        .collect();
    assert_eq!(fields, ["actual", "parts[0].actual", "parts[1].target"]);
    assert!(
        errors[0].message.contains("не сходится"),
        "{}",
        errors[0].message
    );

    let cases = [
        (Some(1.0), None, "denominator"),
        (None, Some(1.0), "numerator"),
        (Some(1.0), Some(0.0), "denominator"),
        (Some(-1.0), Some(5.0), "numerator"),
    ];
    for (n, d, field) in cases {
        let mut i = input("10 %", None);
        i.numerator = n;
        i.denominator = d;
        let errors = Indicator::from_input(i).unwrap_err();
        assert_eq!(errors[0].field.as_deref(), Some(field));
    }
}

#[test]
fn units_must_agree() {
    let errors = Indicator::from_input(input("10 %", Some("5 чел."))).unwrap_err();
    assert_eq!(errors[0].field.as_deref(), Some("actual"));
    assert_eq!(
        errors[0].message,
        "единица факта («чел.») не совпадает с единицей цели («%»)"
    );
    let coverage = input("Не менее 2 ед. с общим охватом не менее 80%", Some("86%"));
    assert!(Indicator::from_input(coverage).is_ok());
}

#[test]
fn empty_target_is_allowed() {
    let ind = Indicator::from_input(input("", Some("99 %"))).unwrap();
    assert_eq!(ind.target.kind, TargetKind::Text);
    assert_eq!(ind.achievement, Achievement::NoData);
}

#[test]
fn schema_is_strict() {
    let schema = serde_json::to_value(schemars::schema_for!(IndicatorInput)).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    let required = schema["required"].as_array().unwrap();
    assert!(required.iter().any(|r| r == "id"));
    assert!(required.iter().any(|r| r == "name"));
    assert!(schema["properties"]["parts"].is_object());
}

/// The indicator path gives the same statuses as [`achievement`] on seed 000.
#[test]
fn seed_000_through_inputs() {
    for (id, target, actual) in SEED_000 {
        let ind = Indicator::from_input(IndicatorInput {
            id: id.into(),
            name: "Показатель".into(),
            target: target.into(),
            actual: Some(actual.into()),
            ..IndicatorInput::default()
        })
        .unwrap_or_else(|e| panic!("{id}: {e:?}"));
        let direct = achievement(
            &parse_target(target).unwrap(),
            Some(&parse_actual(actual).unwrap()),
        );
        assert_eq!(ind.achievement, direct, "{id}");
    }
}
