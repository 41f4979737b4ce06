//! Reading targets and actuals from the wording of real documents.
//!
//! A target is numeric only when it *starts* with a number or a comparison word
//! (after «всего», «_» and the like); anything else is done / trend / text by its first
//! words. So prose that merely contains numbers («Ежегодно, начиная с 2023 года»)
//! stays text instead of becoming a wrong minimum. Errors are kept for text that
//! cannot be meant: a comparison word with no number, a `%` with no number, and two
//! opposite comparisons on one value.

use std::sync::LazyLock;

use regex::Regex;

use super::by_year::{by_year, ByYear};
use super::change::{find_change, Change};
use super::lex::{check_counts, clean, lex, Op, Tok, TokKind};
use super::value::{Actual, Part, Quantity, Target, TargetKind, TrendDirection, Unit, ValueError};
use super::visible::{check_digits, Visible};

static TREND_UP: LazyLock<Regex> =
    LazyLock::new(|| word_start(r"(?:позитивн|положительн)\w*\s+динамик|рост\b|увеличени|прирост"));
static TREND_DOWN: LazyLock<Regex> =
    LazyLock::new(|| word_start(r"отрицательн\w*\s+динамик|снижени|уменьшени|сокращени"));
static TREND_STABLE: LazyLock<Regex> =
    LazyLock::new(|| word_start(r"сохранени|стабильн|на\s+уровне|без\s+изменени"));
static NOT_DONE: LazyLock<Regex> = LazyLock::new(|| {
    word_start(
        r"не\s+(?:выполн|реализ|разработ|создан|сформирован|утвержд|внедр|принят|обеспечен|провед|провод|достигнут|организ|осуществл)|нет\b",
    )
});
static DONE: LazyLock<Regex> = LazyLock::new(|| {
    word_start(
        r"выполн|исполн|да\b|разработ|реализ|создан|сформирован|утвержд|внедр|принят|обеспечен|провед|достигнут|организован|осуществл",
    )
});

/// A comparison right before a number of an actual: «менее 1200», «более чем 50 %», «≥ 3»
/// (not «больше, чем в 2024 году», which compares with something else).
static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?:\bне\s+)?\b(?:менее|более|меньше|больше|свыше|минимум|максимум)\b|\bне\s+(?:ниже|выше)\b|>=|<=|≥|≤|>|<)\s*(?:чем\s+)?$",
    )
    .expect("the condition pattern is a valid regex")
});

/// A dash parted from the number that starts a value («- 7 %»): a minus or a list dash?
static DETACHED_MINUS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([-−–])\s+\d").expect("the minus pattern is a valid regex"));

/// A case-insensitive pattern that must match at the first word of the text.
fn word_start(alternatives: &str) -> Regex {
    Regex::new(&format!(r"(?i)^[\W_]*(?:{alternatives})"))
        .expect("the keyword pattern is a valid regex")
}

/// Reads a target. Never fails on wording it does not know (that becomes
/// [`TargetKind::Text`]); fails only on text that cannot be meant, pointing at it.
/// Invisible characters are not read; the raw text is kept as written.
pub fn parse_target(raw: &str) -> Result<Target, ValueError> {
    parse_target_in(raw, None)
}

/// Reads a target of a page of `year`: of a year list («2025 — 14 чел., 2026 — 19 чел.»)
/// only the year's number counts, and without it the target is text.
pub fn parse_target_in(raw: &str, year: Option<i32>) -> Result<Target, ValueError> {
    let visible = Visible::of(raw);
    let text = visible.as_str();
    let mut target = match by_year(text, year) {
        ByYear::Whole => read_target(text),
        ByYear::Segment(seg, at) => read_target(seg).map_err(|e| e.shifted(at)),
        ByYear::Text => Ok(text_only_target(text)),
    }
    .map_err(|e| visible.to_raw(e))?;
    target.raw = raw.to_string();
    Ok(target)
}

fn text_only_target(raw: &str) -> Target {
    Target {
        raw: raw.to_string(),
        kind: TargetKind::Text,
        base: None,
        parts: Vec::new(),
        count: None,
        coverage_min: None,
    }
}

fn read_target(raw: &str) -> Result<Target, ValueError> {
    check_digits(raw)?;
    check_detached_minus(raw)?;
    let toks = lex(raw);
    check_counts(raw, &toks)?;
    check_stray_percent(raw, &toks)?;
    let mut target = Target {
        raw: raw.to_string(),
        kind: TargetKind::Text,
        base: None,
        parts: Vec::new(),
        count: None,
        coverage_min: None,
    };
    if let Some(found) = find_change(raw, &toks) {
        // «рост: с 14 до 19 чел.» asks for the end value, in the change's direction.
        let to = found.change.to;
        target.kind = match found.change.direction() {
            TrendDirection::Up => TargetKind::Minimum(to),
            TrendDirection::Down => TargetKind::Maximum(to),
            TrendDirection::Stable => TargetKind::Exact(to),
        };
        target.base = clean(&raw[found.end..]);
        return Ok(target);
    }
    let Some((op, main_idx)) = find_main(raw, &toks)? else {
        target.kind = kind_from_words(raw);
        return Ok(target);
    };
    let (main, main_q) = match toks.get(main_idx) {
        Some(
            t @ Tok {
                kind: TokKind::Num(q),
                ..
            },
        ) => (*t, *q),
        _ => return Ok(target),
    };
    target.kind = match op.map_or(Op::Min, |(o, _)| o) {
        Op::Min => TargetKind::Minimum(main_q),
        Op::Max => TargetKind::Maximum(main_q),
        Op::Exact => TargetKind::Exact(main_q),
    };
    let main_op = op.map(|(o, t)| (o, t, &raw[t.start..t.end]));
    read_target_rest(raw, &toks, main_idx, (main, main_q), main_op, &mut target)?;
    Ok(target)
}

/// The comparison word of a numeric target, if written, with its token.
type MainOp = Option<(Op, Tok)>;

/// Finds the comparison word (if any) and the main number of a numeric target;
/// `None` when the text does not start with one.
fn find_main(raw: &str, toks: &[Tok]) -> Result<Option<(MainOp, usize)>, ValueError> {
    let Some(first) = toks.first() else {
        return Ok(None);
    };
    if clean(&raw[..first.start]).is_some() {
        return Ok(None);
    }
    let mut i = 0;
    while toks.get(i).is_some_and(|t| t.kind == TokKind::Total) {
        i += 1;
    }
    let mut op: Option<(Op, Tok)> = None;
    while let Some(
        t @ Tok {
            kind: TokKind::Op(o),
            ..
        },
    ) = toks.get(i)
    {
        if let Some((prev, prev_tok)) = op {
            if prev.opposes(*o) {
                let first = &raw[prev_tok.start..prev_tok.end];
                let second = &raw[t.start..t.end];
                return Err(contradiction(prev_tok.start, t.end, first, second));
            }
        }
        op = Some((*o, *t));
        i += 1;
    }
    match toks.get(i) {
        Some(Tok {
            kind: TokKind::Num(_),
            start,
            ..
        }) if op.is_none_or(|(_, o)| is_filler(&raw[o.end..*start])) => Ok(Some((op, i))),
        _ => match op {
            Some((_, o)) => Err(ValueError::new(
                format!("после «{}» нет числа", &raw[o.start..o.end]),
                "напишите число сразу после условия, например «не менее 10 %»",
                o.start,
                o.end - o.start,
            )),
            None => Ok(None),
        },
    }
}

/// Reads what follows the main number: parts, a head count, a coverage and the base.
fn read_target_rest(
    raw: &str,
    toks: &[Tok],
    main_idx: usize,
    (main, main_q): (Tok, Quantity),
    main_op: Option<(Op, Tok, &str)>,
    target: &mut Target,
) -> Result<(), ValueError> {
    let direction = main_op.map_or(Op::Min, |(o, _, _)| o);
    let mut bases: Vec<String> = Vec::new();
    let mut prev_end = main.end;
    let mut in_list = false;
    for (j, t) in toks.iter().enumerate().skip(main_idx + 1) {
        let TokKind::Num(q) = t.kind else { continue };
        let gap = &raw[prev_end..t.start];
        let mut gap_toks = toks[..j].iter().filter(|g| g.start >= prev_end);
        let coverage = gap_toks.clone().any(|g| g.kind == TokKind::Coverage);
        let marker_at = gap_toks
            .clone()
            .find(|g| g.kind == TokKind::Marker)
            .map(|g| g.start);
        let op_here = gap_toks.next_back().and_then(|g| match g.kind {
            TokKind::Op(o) if is_filler(&raw[g.end..t.start]) => Some((o, *g)),
            _ => None,
        });
        if coverage && q.unit == Unit::Percent && target.coverage_min.is_none() {
            // The words before a coverage are its lead-in («с общим охватом»), not a base.
            target.coverage_min = Some(q.value);
            prev_end = t.end;
            continue;
        }
        if q.unit == Unit::People
            && main_q.unit != Unit::People
            && target.count.is_none()
            && marker_at.is_none()
        {
            if let Some(count) = as_count(q.value) {
                bases.extend(clean(gap));
                target.count = Some(count);
                prev_end = t.end;
                continue;
            }
        }
        let same_unit = q.unit == main_q.unit && q.unit != Unit::Number;
        let continues_list = in_list && q.unit == main_q.unit && clean(gap).is_none();
        if !(same_unit || marker_at.is_some() || continues_list) {
            // A number of another kind («до 35 лет», «№ 7») belongs to the free text.
            continue;
        }
        if let Some((o, op_tok)) = op_here {
            if o.opposes(direction) {
                let (start, first) = main_op.map_or(
                    (main.start, "не менее (по умолчанию)"),
                    |(_, m, text)| (m.start, text),
                );
                let second = &raw[op_tok.start..op_tok.end];
                return Err(contradiction(start, t.end, first, second));
            }
        }
        let label = match marker_at {
            Some(m) => {
                bases.extend(clean(&raw[prev_end..m]));
                clean(&raw[m..t.start])
            }
            None if bases.is_empty() && target.parts.is_empty() => {
                bases.extend(clean(gap));
                None
            }
            None => clean(gap),
        };
        target.parts.push(Part { label, value: q });
        in_list = true;
        prev_end = t.end;
    }
    bases.extend(clean(&raw[prev_end..]));
    if !bases.is_empty() {
        target.base = Some(bases.join(" "));
    }
    Ok(())
}

/// Reads an actual value. Empty text and a dash mean «no data» and give an empty
/// [`Actual`]; prose without numbers is kept as raw text (with «выполнено» / «нет»
/// and trend words recognised). Invisible characters are not read.
pub fn parse_actual(raw: &str) -> Result<Actual, ValueError> {
    parse_actual_in(raw, None)
}

/// Reads an actual of a page of `year`: of a year list only the year's number counts,
/// and without it the actual is text with no value.
pub fn parse_actual_in(raw: &str, year: Option<i32>) -> Result<Actual, ValueError> {
    let visible = Visible::of(raw);
    let text = visible.as_str();
    let mut actual = match by_year(text, year) {
        ByYear::Whole => read_actual(text),
        ByYear::Segment(seg, at) => read_actual(seg)
            .map(|a| with_previous_year(a, text, year))
            .map_err(|e| e.shifted(at)),
        ByYear::Text => Ok(Actual::default()),
    }
    .map_err(|e| visible.to_raw(e))?;
    actual.raw = raw.to_string();
    Ok(actual)
}

/// A year list that also gives the year before the page's: the change between the two
/// years is the reported direction («2025 — 14 чел., 2026 — 19 чел.» on a 2026 page is a
/// rise), unless the year's own text says how it changed.
fn with_previous_year(mut actual: Actual, text: &str, year: Option<i32>) -> Actual {
    let previous = match by_year(text, year.map(|y| y - 1)) {
        ByYear::Segment(seg, _) => read_actual(seg).ok().and_then(|a| a.value),
        _ => None,
    };
    if let (None, Some(from), Some(to)) = (actual.change, previous, actual.value) {
        if from.unit == to.unit {
            let change = Change { from, to };
            actual.change = Some(change);
            actual.trend = Some(change.direction());
        }
    }
    actual
}

fn read_actual(raw: &str) -> Result<Actual, ValueError> {
    let mut actual = Actual {
        raw: raw.to_string(),
        ..Actual::default()
    };
    if means_no_data(raw) {
        return Ok(actual);
    }
    check_digits(raw)?;
    check_detached_minus(raw)?;
    let toks = lex(raw);
    check_counts(raw, &toks)?;
    check_stray_percent(raw, &toks)?;
    check_no_condition(raw, &toks)?;
    actual.trend = trend_of(raw);
    actual.done = done_of(raw);
    if let Some(found) = find_change(raw, &toks) {
        // The end of a change is the value reached; its start is never the actual.
        actual.value = Some(found.change.to);
        actual.trend = Some(found.change.direction());
        actual.change = Some(found.change);
        actual.base = clean(&raw[found.end..]);
        return Ok(actual);
    }
    let nums: Vec<(Tok, Quantity)> = toks
        .iter()
        .filter_map(|t| match t.kind {
            TokKind::Num(q) => Some((*t, q)),
            _ => None,
        })
        .collect();
    let Some((first, _)) = nums.first() else {
        return Ok(actual);
    };
    let lead_is_label = clean(&raw[..first.start]).is_some()
        && !toks
            .iter()
            .take_while(|t| t.start < first.start)
            .any(|t| matches!(t.kind, TokKind::Coverage | TokKind::Total));
    if lead_is_label && nums.len() >= 2 && actual.done.is_none() && actual.trend.is_none() {
        // «ГУП 10,63% ГАУ ДПО ИРО 0,8%»: every number is named by the words before it.
        let mut prev_end = 0;
        for (t, q) in &nums {
            let label = clean(&raw[prev_end..t.start]);
            actual.parts.push(Part { label, value: *q });
            prev_end = t.end;
        }
        return Ok(actual);
    }
    read_actual_numbers(raw, &toks, &nums, &mut actual);
    Ok(actual)
}

/// Sorts the numbers of an actual into value, coverage, count, alternatives and parts.
fn read_actual_numbers(raw: &str, toks: &[Tok], nums: &[(Tok, Quantity)], actual: &mut Actual) {
    let mut prev_end = 0;
    for (k, (t, q)) in nums.iter().enumerate() {
        let next_start = nums.get(k + 1).map_or(raw.len(), |(n, _)| n.start);
        let is_last = k + 1 == nums.len();
        let after = clean(&raw[t.end..next_start]);
        let after_is_base = after
            .as_deref()
            .is_some_and(|a| is_last || a.to_lowercase().starts_with("от "));
        let coverage = toks
            .iter()
            .any(|g| g.kind == TokKind::Coverage && g.start >= prev_end && g.end <= t.start);
        let gap = clean(&raw[prev_end..t.start]);
        prev_end = t.end;
        if coverage && q.unit == Unit::Percent && actual.coverage.is_none() {
            actual.coverage = Some(q.value);
            continue;
        }
        let value_unit = actual.value.map(|v| v.unit);
        if q.unit == Unit::People
            && actual.count.is_none()
            && value_unit.is_some_and(|u| u != Unit::People)
        {
            if let Some(count) = as_count(q.value) {
                actual.count = Some(count);
                continue;
            }
        }
        if actual.value.is_none() && actual.parts.is_empty() {
            actual.value = Some(*q);
            if after_is_base {
                actual.base = after;
                prev_end = next_start;
            }
            continue;
        }
        let own_base = after
            .as_deref()
            .is_some_and(|a| a.to_lowercase().starts_with("от "));
        if own_base && actual.base.is_some() {
            actual.alternatives.push(Part {
                label: after,
                value: *q,
            });
            prev_end = next_start;
        } else {
            actual.parts.push(Part {
                label: gap,
                value: *q,
            });
        }
    }
}

/// Empty text, a dash or «нет данных»: nothing is reported.
fn means_no_data(raw: &str) -> bool {
    let t = raw.trim().trim_end_matches('.').to_lowercase();
    matches!(
        t.as_str(),
        "" | "-" | "–" | "—" | "--" | "н/д" | "нет данных" | "данных нет"
    )
}

fn kind_from_words(raw: &str) -> TargetKind {
    if let Some(direction) = trend_of(raw) {
        TargetKind::Trend(direction)
    } else if DONE.is_match(raw) {
        TargetKind::Done
    } else {
        TargetKind::Text
    }
}

fn trend_of(raw: &str) -> Option<TrendDirection> {
    if TREND_UP.is_match(raw) {
        Some(TrendDirection::Up)
    } else if TREND_DOWN.is_match(raw) {
        Some(TrendDirection::Down)
    } else if TREND_STABLE.is_match(raw) {
        Some(TrendDirection::Stable)
    } else {
        None
    }
}

fn done_of(raw: &str) -> Option<bool> {
    if NOT_DONE.is_match(raw) {
        Some(false)
    } else if DONE.is_match(raw) {
        Some(true)
    } else {
        None
    }
}

/// Words allowed between a comparison and its number («не менее, чем в 30 %»).
fn is_filler(gap: &str) -> bool {
    gap.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .all(|w| matches!(w.to_lowercase().as_str(), "чем" | "в" | "на"))
}

fn as_count(v: f64) -> Option<u32> {
    (v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v)).then_some(v as u32)
}

fn check_stray_percent(raw: &str, toks: &[Tok]) -> Result<(), ValueError> {
    let Some(t) = toks.iter().find(|t| t.kind == TokKind::StrayPercent) else {
        return Ok(());
    };
    let before = raw[..t.start].trim_end();
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let start = word_start.min(t.start);
    Err(ValueError::new(
        format!("знак % без числа: «{}»", raw[start..t.end].trim()),
        "перед знаком % должно стоять число, например «10 %» или «10,5 %»",
        start,
        t.end - start,
    ))
}

/// «- 7 %» would read as 7: the dash may be a minus typed apart from its number.
fn check_detached_minus(raw: &str) -> Result<(), ValueError> {
    let Some(m) = DETACHED_MINUS.captures(raw).and_then(|c| c.get(1)) else {
        return Ok(());
    };
    let end = DETACHED_MINUS.find(raw).map_or(m.end(), |w| w.end());
    Err(ValueError::new(
        format!(
            "знак «{}» отделён от числа пробелом: это минус?",
            m.as_str()
        ),
        "минус пишется вплотную к числу: «-7 %»; если это не минус, уберите знак",
        m.start(),
        end - m.start(),
    ))
}

/// An actual is what was reached, not a condition: «менее 1200 чел.» would be read as
/// 1200 and compared as if reached.
fn check_no_condition(raw: &str, toks: &[Tok]) -> Result<(), ValueError> {
    for t in toks.iter().filter(|t| matches!(t.kind, TokKind::Num(_))) {
        // The words right before the number: a bounded window, so a long text stays linear.
        let from = raw[..t.start]
            .char_indices()
            .rev()
            .nth(39)
            .map_or(0, |(i, _)| i);
        let Some(m) = CONDITION.find(&raw[from..t.start]) else {
            continue;
        };
        let start = from + m.start();
        let word = raw[start..t.start].trim_end();
        return Err(ValueError::new(
            format!(
                "в фактическом значении условие: «{}»",
                raw[start..t.end].trim()
            ),
            &format!(
                "факт — это достигнутое значение, а не условие: уберите «{word}» и впишите число, например «950 чел.»; условие пишется в цели"
            ),
            start,
            t.end - start,
        ));
    }
    Ok(())
}

fn contradiction(start: usize, end: usize, first: &str, second: &str) -> ValueError {
    ValueError::new(
        format!("в цели противоположные условия: «{first}» и «{second}»"),
        "оставьте одно условие; диапазон «от … до …» не поддерживается — разбейте показатель на два",
        start,
        end.saturating_sub(start),
    )
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod trial_tests;
