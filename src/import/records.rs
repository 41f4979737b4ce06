//! Classified tables → front-matter records: indicators (raw target and actual kept,
//! both parsed with the site's own parser so `metodist check` agrees) and activities
//! (number, direction, period, title, responsible, expected and actual result).

use std::collections::HashMap;

use super::review::{short, Review, Topic};
use super::schools::Schools;
use super::tables::{ActivityColumns, CleanTable, IndicatorColumns, TRow};
use crate::activity::{parse_period_in, ActivityInput};
use crate::indicator::{Indicator, IndicatorInput};
use crate::model::{Group, Registries};

/// Indicators and their groups.
#[derive(Debug, Default)]
pub struct Indicators {
    /// Groups (section rows of the table), ids A, B, C…
    pub groups: Vec<Group>,
    /// The indicators.
    pub list: Vec<IndicatorInput>,
}

fn num_key(n: &str) -> String {
    n.trim().trim_end_matches('.').to_string()
}

/// Reads an indicator table; `region` is the document's region, whose frameworks name
/// the indicators its rows report on.
pub fn indicators(
    t: &CleanTable,
    cols: &IndicatorColumns,
    reg: &Registries,
    region: Option<&str>,
    review: &mut Review,
) -> Indicators {
    let mut out = Indicators::default();
    let mut group: Option<String> = None;
    let mut seq = 0usize;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &t.rows {
        match row {
            TRow::Section { line, text, .. } => {
                let id = char::from(b'A' + (out.groups.len() % 26) as u8).to_string();
                review.add(
                    *line,
                    Topic::Indicator,
                    format!(
                        "строка раздела таблицы показателей — группа {id}: «{}»",
                        short(text, 80)
                    ),
                );
                out.groups.push(Group {
                    id: id.clone(),
                    title: text.clone(),
                });
                group = Some(id);
                seq = 0;
            }
            TRow::Data {
                line,
                number,
                cells,
            } => {
                seq += 1;
                let name = cells.get(cols.name).cloned().unwrap_or_default();
                let target = cells.get(cols.target).cloned().unwrap_or_default();
                let actual = cols
                    .actual
                    .and_then(|c| cells.get(c))
                    .cloned()
                    .filter(|a| !a.trim().is_empty());
                let n = number.as_deref().map(num_key);
                let base = format!(
                    "{}{}",
                    group.as_deref().unwrap_or(""),
                    n.clone().unwrap_or_else(|| seq.to_string())
                );
                let count = seen.entry(base.clone()).or_insert(0);
                *count += 1;
                let id = if *count > 1 {
                    review.add(
                        *line,
                        Topic::Indicator,
                        format!("номер {base} повторяется: показателю дан id {base}-{count}"),
                    );
                    format!("{base}-{count}")
                } else {
                    base
                };
                let mut ind = IndicatorInput {
                    id,
                    group: group.clone(),
                    number: n,
                    name: name.clone(),
                    unit: (target.contains('%')
                        || actual.as_deref().is_some_and(|a| a.contains('%')))
                    .then(|| "%".to_string()),
                    target: target.clone(),
                    actual: actual.clone(),
                    ..IndicatorInput::default()
                };
                if name.trim().is_empty() {
                    review.add(
                        *line,
                        Topic::Indicator,
                        format!("{}: у показателя нет наименования", ind.id),
                    );
                    ind.name = "(без наименования)".into();
                }
                settle(&mut ind, *line, review);
                if let Some(region) = region {
                    link_framework(&mut ind, reg, region, *line, review);
                }
                out.list.push(ind);
            }
        }
    }
    out
}

/// Fills `framework_id` when the row's name is a framework indicator's of the region
/// (what `check` would otherwise warn about), unless its own id already names one.
/// The district's own target stays its row's: only the reference is added.
fn link_framework(
    ind: &mut IndicatorInput,
    reg: &Registries,
    region: &str,
    line: usize,
    review: &mut Review,
) {
    let found = crate::accountability::framework_match(reg, region, &ind.id, &ind.name);
    if let Some((_, fid)) = found {
        review.add(
            line,
            Topic::Indicator,
            format!(
                "{}: название совпадает с показателем {fid} регионального перечня — framework_id: {fid}",
                ind.id
            ),
        );
        ind.framework_id = Some(fid);
    }
}

/// Makes the indicator acceptable to the site's checks, losing as little as possible:
/// the first of these that passes wins — as is; without the guessed unit; the actual
/// moved to `note`; the target moved to `note`; both.
fn settle(ind: &mut IndicatorInput, line: usize, review: &mut Review) {
    let Err(errors) = Indicator::from_input(ind.clone()) else {
        return;
    };
    let why = errors
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("; ");
    // (drop unit, drop actual, drop target)
    let variants = [
        (true, false, false),
        (false, true, false),
        (true, true, false),
        (false, false, true),
        (true, false, true),
        (false, true, true),
        (true, true, true),
    ];
    for (no_unit, no_actual, no_target) in variants {
        if no_actual && ind.actual.is_none()
            || no_target && ind.target.trim().is_empty()
            || no_unit && ind.unit.is_none()
        {
            continue;
        }
        let mut v = ind.clone();
        if no_unit {
            v.unit = None;
        }
        let mut notes: Vec<String> = v.note.take().into_iter().collect();
        if no_target {
            notes.push(format!("Цель в документе: {}", v.target));
            v.target = String::new();
        }
        if no_actual {
            notes.push(format!(
                "Факт в документе: {}",
                v.actual.take().unwrap_or_default()
            ));
        }
        v.note = (!notes.is_empty()).then(|| notes.join(". "));
        if Indicator::from_input(v.clone()).is_ok() {
            let mut what = Vec::new();
            if no_unit {
                what.push("единица «%» снята".to_string());
            }
            if no_actual {
                what.push(format!(
                    "факт «{}» перенесён в примечание",
                    short(ind.actual.as_deref().unwrap_or(""), 50)
                ));
            }
            if no_target {
                what.push(format!(
                    "цель «{}» перенесена в примечание — впишите её вручную",
                    short(&ind.target, 50)
                ));
            }
            review.add(
                line,
                Topic::Indicator,
                format!(
                    "{}: значение не разобрано ({why}): {}",
                    ind.id,
                    what.join(", ")
                ),
            );
            *ind = v;
            return;
        }
    }
    review.add(
        line,
        Topic::Indicator,
        format!("{}: показатель не проходит проверку сайта: {why}", ind.id),
    );
}

/// Reads an activity table; `with_result` keeps the actual-result column (reports).
#[allow(clippy::too_many_arguments)]
pub fn activities(
    t: &CleanTable,
    cols: &ActivityColumns,
    with_result: bool,
    year: Option<i32>,
    reg: &Registries,
    district: Option<&str>,
    schools: &mut Schools,
    review: &mut Review,
) -> Vec<ActivityInput> {
    let mut out = Vec::new();
    let mut direction: Option<String> = None;
    let mut numbered_top = false;
    let mut last_was_top = false;
    for row in &t.rows {
        match row {
            TRow::Section { line, number, text } => {
                let depth = number
                    .as_deref()
                    .map(|n| n.trim_end_matches('.').split('.').count());
                let named = text.starts_with("Направление") || text.starts_with("Раздел");
                let continues =
                    last_was_top && text.starts_with(|c: char| c == '«' || c.is_lowercase());
                if continues {
                    if let Some(d) = &mut direction {
                        d.push(' ');
                        d.push_str(text);
                    }
                    continue;
                }
                let top = depth == Some(1)
                    || named
                    || (depth.is_none() && !numbered_top && !text.starts_with("Наименование"));
                last_was_top = top;
                if top {
                    numbered_top |= depth.is_some() || named;
                    let d = match number {
                        Some(n) => format!("{n} {text}"),
                        None => text.clone(),
                    };
                    review.add(
                        *line,
                        Topic::Activity,
                        format!("направление: «{}»", short(&d, 80)),
                    );
                    direction = Some(d);
                }
            }
            TRow::Data {
                line,
                number,
                cells,
            } => {
                last_was_top = false;
                let get = |c: Option<usize>| {
                    c.and_then(|c| cells.get(c))
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                };
                let title = get(Some(cols.title)).unwrap_or_default();
                let period = get(cols.period);
                let responsible: Vec<String> = cols
                    .responsible
                    .iter()
                    .filter_map(|c| get(Some(*c)))
                    .collect();
                let expected = get(cols.expected);
                let result = if with_result { get(cols.result) } else { None };
                let mut a = ActivityInput {
                    n: number.as_deref().map(num_key),
                    direction: direction.clone(),
                    period: period.clone(),
                    title: title.clone(),
                    responsible,
                    expected,
                    result,
                    ..ActivityInput::default()
                };
                if a.n.is_none() {
                    review.add(*line, Topic::Activity, format!("мероприятие без номера: «{}» — отдельное мероприятие или часть соседнего?", short(&title, 60)));
                }
                if title.is_empty() {
                    review.add(
                        *line,
                        Topic::Activity,
                        format!(
                            "у мероприятия {} нет наименования: вписано содержимое строки",
                            a.n.as_deref().unwrap_or("без номера")
                        ),
                    );
                    a.title = cells
                        .iter()
                        .map(|c| c.trim())
                        .filter(|c| !c.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ");
                    if a.title.is_empty() {
                        a.title = "(без наименования)".into();
                    }
                }
                if let Some(p) = &period {
                    if parse_period_in(p, year).months.is_empty() && p.contains("http") {
                        review.add(
                            *line,
                            Topic::Activity,
                            format!("в графе срока ссылка: «{}»", short(p, 60)),
                        );
                    }
                }
                let all = cells.join(" ");
                a.schools = schools.find(&all, *line, reg, district, review);
                out.push(a);
            }
        }
    }
    out
}
