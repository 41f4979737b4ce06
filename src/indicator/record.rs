//! An indicator as a page or a table gives it ([`IndicatorInput`]) and as the site
//! uses it ([`Indicator`]): parsed values and the computed achievement.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use super::achieve::{
    combine, compare, effective_value, main_achievement, settle_compared, with_quantity,
    Achievement,
};
use super::lex::{lex, TokKind};
use super::number::format_number;
use super::parse::{parse_actual, parse_actual_in, parse_target, parse_target_in};
use super::value::{Actual, Quantity, Target, TargetKind, Unit, ValueError};

/// One indicator as written in a page's `indicators:` list or a table row.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorInput {
    /// Stable id, unique on the page («A13», «usolsky-2025-B4»).
    #[serde(deserialize_with = "text")]
    #[schemars(with = "Scalar")]
    pub id: String,
    /// Group of the indicator in the source table («A», «Б»).
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<Scalar>")]
    pub group: Option<String>,
    /// Number as printed in the source («13.»; kept even when duplicated).
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<Scalar>")]
    pub number: Option<String>,
    /// Name of the indicator.
    pub name: String,
    /// Unit: «%», «чел.», «ед.»; bare numbers of the target and actual take it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Target as written: «не менее 10 %», «5% (в т. ч. 1,5%)», «Позитивная динамика».
    #[serde(default, deserialize_with = "text")]
    #[schemars(with = "Scalar")]
    pub target: String,
    /// Actual as written: «11,11% (2 чел.)»; absent or «–» means no data.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<Scalar>")]
    pub actual: Option<String>,
    /// Numerator of a share (how many), for sums across districts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    /// Denominator of a share (of how many).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
    /// Free note shown next to the indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The indicator of a regional framework (`data/frameworks/*.yaml`) this one reports
    /// on: its id («P1»), or `framework/id` («irkutsk-rs-nms/P1») when the region has
    /// several frameworks. Without it the page's own id is matched.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<Scalar>")]
    pub framework_id: Option<String>,
    /// Parts given one by one; when present they replace the parts read from the
    /// target and actual text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartInput>,
}

/// One part of an indicator given explicitly (`в т. ч. ГАУ ДПО ИРО: 8 % → 0,8 %`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartInput {
    /// What the part is («ГУП», «в т. ч. ЦНППМ»).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Target of the part; a comparison word in it overrides the main one.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<Scalar>")]
    pub target: Option<String>,
    /// Actual of the part.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<Scalar>")]
    pub actual: Option<String>,
}

/// A scalar a methodist may type for a text field (YAML reads `13` as a number).
#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
pub(crate) enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
}

impl Scalar {
    fn into_text(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
        }
    }
}

/// Reads a text field that YAML may have typed as a number.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Scalar::deserialize(d).map(Scalar::into_text)
}

/// Reads an optional text field that YAML may have typed as a number.
pub(crate) fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Scalar>::deserialize(d).map(|s| s.map(Scalar::into_text))
}

/// One part of a parsed indicator with its own achievement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorPart {
    /// What the part is.
    pub label: Option<String>,
    /// The part's target number.
    pub target: Option<Quantity>,
    /// The part's actual number.
    pub actual: Option<Quantity>,
    /// The part's target as written, when given explicitly.
    pub target_raw: Option<String>,
    /// The part's actual as written, when given explicitly.
    pub actual_raw: Option<String>,
    /// Whether the part is met.
    pub achievement: Achievement,
}

/// A parsed indicator: the input fields, the parsed values and the achievement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// Stable id.
    pub id: String,
    /// Group in the source table.
    pub group: Option<String>,
    /// Number as printed.
    pub number: Option<String>,
    /// Name.
    pub name: String,
    /// Unit as written.
    pub unit: Option<String>,
    /// Numerator of a share.
    pub numerator: Option<f64>,
    /// Denominator of a share.
    pub denominator: Option<f64>,
    /// Free note.
    pub note: Option<String>,
    /// The framework indicator this one reports on, as written.
    pub framework_id: Option<String>,
    /// Parsed target (keeps the raw text).
    pub target: Target,
    /// Parsed actual (keeps the raw text); derived from numerator and denominator
    /// when only they are given.
    pub actual: Option<Actual>,
    /// Parts compared one by one: the explicit ones, or those read from the text.
    pub parts: Vec<IndicatorPart>,
    /// Computed achievement.
    pub achievement: Achievement,
    /// Its Russian label, for templates.
    pub achievement_label: &'static str,
}

/// Difference in percentage points tolerated between a typed share and
/// numerator/denominator: shares are often rounded to whole percent.
const SHARE_TOLERANCE: f64 = 0.51;

impl Indicator {
    /// Parses and checks an input; every problem is collected, each marked with its
    /// field (`target`, `actual`, `numerator`, `parts[1].target`…).
    pub fn from_input(input: IndicatorInput) -> Result<Indicator, Vec<ValueError>> {
        Indicator::from_input_in(input, None)
    }

    /// As [`Indicator::from_input`], for a page of `year`: a value given per year
    /// («2025 — 14 чел., 2026 — 19 чел.») is read for that year.
    pub fn from_input_in(
        input: IndicatorInput,
        year: Option<i32>,
    ) -> Result<Indicator, Vec<ValueError>> {
        let mut errors = Vec::new();
        let field_error = |field: &str, message: &str, hint: &str| {
            ValueError::new(message.to_string(), hint, 0, 0).in_field(field)
        };
        if input.id.trim().is_empty() {
            let hint = "укажите id, например «A1»";
            errors.push(field_error("id", "у показателя нет идентификатора", hint));
        }
        if input.name.trim().is_empty() {
            let hint = "укажите name — наименование показателя";
            errors.push(field_error("name", "у показателя нет наименования", hint));
        }
        let unit = input.unit.as_deref().and_then(Unit::from_text);
        // A value that cannot be read still lets the other fields be checked.
        let mut target = parse_target_in(&input.target, year).unwrap_or_else(|e| {
            errors.push(e.in_field("target"));
            text_target(&input.target)
        });
        let mut actual = input.actual.as_deref().and_then(|a| {
            parse_actual_in(a, year)
                .map_err(|e| errors.push(e.in_field("actual")))
                .ok()
        });
        if let Some(unit) = unit {
            target.assume_unit(unit);
            if let Some(a) = &mut actual {
                a.assume_unit(unit);
            }
        }
        let share = share(&input, &mut errors);
        match (&mut actual, share) {
            (Some(a), Some(s)) if !a.is_empty() => check_share(a, s, &mut errors),
            (_, Some(s)) if unit.is_none_or(|u| u == Unit::Percent) => {
                actual = Some(derived_actual(&input, s));
            }
            _ => {}
        }
        check_units(&target, actual.as_ref(), &mut errors);
        if let Some(a) = &mut actual {
            settle_compared(&target, a);
        }
        let parts = if input.parts.is_empty() {
            inline_parts(&target, actual.as_ref())
        } else {
            explicit_parts(&input, &target.kind, unit, &mut errors)
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let part_status: Vec<Achievement> = parts.iter().map(|p| p.achievement).collect();
        let achievement = combine(main_achievement(&target, actual.as_ref()), &part_status);
        Ok(Indicator {
            id: input.id,
            group: input.group,
            number: input.number,
            name: input.name,
            unit: input.unit,
            numerator: input.numerator,
            denominator: input.denominator,
            note: input.note,
            framework_id: input.framework_id,
            target,
            actual,
            parts,
            achievement,
            achievement_label: achievement.label(),
        })
    }
}

fn text_target(raw: &str) -> Target {
    Target {
        raw: raw.to_string(),
        kind: TargetKind::Text,
        base: None,
        parts: Vec::new(),
        count: None,
        coverage_min: None,
    }
}

/// The share numerator/denominator in percent, if both are given and sane.
fn share(input: &IndicatorInput, errors: &mut Vec<ValueError>) -> Option<f64> {
    let err = |field: &str, message: &str, hint: &str| {
        ValueError::new(message.to_string(), hint, 0, 0).in_field(field)
    };
    match (input.numerator, input.denominator) {
        (None, None) => None,
        (Some(_), None) => {
            errors.push(err(
                "denominator",
                "указан числитель, но нет знаменателя",
                "укажите denominator — из скольких считается доля",
            ));
            None
        }
        (None, Some(_)) => {
            errors.push(err(
                "numerator",
                "указан знаменатель, но нет числителя",
                "укажите numerator — сколько из знаменателя",
            ));
            None
        }
        (Some(n), Some(d)) => {
            if !(d.is_finite() && d > 0.0) {
                errors.push(err(
                    "denominator",
                    "знаменатель должен быть больше нуля",
                    "знаменатель — это общее число, из которого считается доля",
                ));
                None
            } else if !(n.is_finite() && n >= 0.0) {
                errors.push(err(
                    "numerator",
                    "числитель не может быть отрицательным",
                    "числитель — это число тех, кто учтён в доле",
                ));
                None
            } else {
                Some(n / d * 100.0)
            }
        }
    }
}

fn check_share(actual: &Actual, share: f64, errors: &mut Vec<ValueError>) {
    let Some(v) = actual.value.filter(|v| v.unit == Unit::Percent) else {
        return;
    };
    if (v.value - share).abs() > SHARE_TOLERANCE {
        errors.push(
            ValueError::new(
                format!(
                    "факт {} не сходится с числителем и знаменателем ({} %)",
                    v,
                    format_number(share)
                ),
                "исправьте факт или числитель и знаменатель",
                0,
                actual.raw.len(),
            )
            .in_field("actual"),
        );
    }
}

fn derived_actual(input: &IndicatorInput, share: f64) -> Actual {
    let n = input.numerator.unwrap_or_default();
    let d = input.denominator.unwrap_or_default();
    Actual {
        raw: format!("{} из {}", format_number(n), format_number(d)),
        value: Some(Quantity {
            value: share,
            unit: Unit::Percent,
        }),
        ..Actual::default()
    }
}

fn check_units(target: &Target, actual: Option<&Actual>, errors: &mut Vec<ValueError>) {
    let (Some(want), Some(actual)) = (target.kind.quantity(), actual) else {
        return;
    };
    let Some(got) = effective_value(target, actual) else {
        return;
    };
    let coverage_answer = target.coverage_min.is_some() && got.unit == Unit::Percent;
    if !want.unit.compatible(got.unit) && !coverage_answer {
        errors.push(
            ValueError::new(
                format!(
                    "единица факта («{}») не совпадает с единицей цели («{}»)",
                    got.unit.suffix(got.value),
                    want.unit.suffix(want.value)
                ),
                "укажите факт в тех же единицах, что и цель",
                0,
                actual.raw.len(),
            )
            .in_field("actual"),
        );
    }
}

fn inline_parts(target: &Target, actual: Option<&Actual>) -> Vec<IndicatorPart> {
    target
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let got = actual.and_then(|a| a.parts.get(i));
            let kind = with_quantity(&target.kind, p.value);
            IndicatorPart {
                label: p
                    .label
                    .clone()
                    .or_else(|| got.and_then(|g| g.label.clone())),
                target: Some(p.value),
                actual: got.map(|g| g.value),
                target_raw: None,
                actual_raw: None,
                achievement: compare(&kind, got.map(|g| &g.value)),
            }
        })
        .collect()
}

fn explicit_parts(
    input: &IndicatorInput,
    main: &TargetKind,
    unit: Option<Unit>,
    errors: &mut Vec<ValueError>,
) -> Vec<IndicatorPart> {
    let mut parts = Vec::new();
    for (i, p) in input.parts.iter().enumerate() {
        let target = p
            .target
            .as_deref()
            .map(parse_target)
            .transpose()
            .map_err(|e| errors.push(e.in_field(&format!("parts[{i}].target"))))
            .ok()
            .flatten();
        let actual = p
            .actual
            .as_deref()
            .map(parse_actual)
            .transpose()
            .map_err(|e| errors.push(e.in_field(&format!("parts[{i}].actual"))))
            .ok()
            .flatten();
        let assume = |q: Quantity| match unit {
            Some(u) if q.unit == Unit::Number => Quantity { unit: u, ..q },
            _ => q,
        };
        let want = target.as_ref().and_then(|t| t.kind.quantity()).map(assume);
        let got = actual
            .as_ref()
            .and_then(|a| a.value.or_else(|| a.parts.first().map(|p| p.value)))
            .map(assume);
        let kind = match (&target, want) {
            (Some(t), Some(w)) if starts_with_operator(&t.raw) => with_quantity(&t.kind, w),
            (_, Some(w)) => with_quantity(main, w),
            (_, None) => TargetKind::Text,
        };
        parts.push(IndicatorPart {
            label: p.label.clone(),
            target: want,
            actual: got,
            target_raw: p.target.clone(),
            actual_raw: p.actual.clone(),
            achievement: compare(&kind, got.as_ref()),
        });
    }
    parts
}

fn starts_with_operator(raw: &str) -> bool {
    lex(raw)
        .into_iter()
        .find(|t| !matches!(t.kind, TokKind::Total))
        .is_some_and(|t| matches!(t.kind, TokKind::Op(_)))
}

#[cfg(test)]
mod tests;
