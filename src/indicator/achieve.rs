//! Achievement of an indicator, computed from its target and actual, never typed.
//!
//! The rules, in the words a methodist would use:
//! - a number target compares the main actual number (`не менее` ≥, `не более` ≤,
//!   `ровно` =); a bare target number is a minimum;
//! - a «с охватом не менее N %» condition must hold too: the count met and the coverage
//!   missed is «не достигнут»; one of them met and the other unreported is «достигнут»
//!   (the page shows what was not reported);
//! - each part (`в т. ч.`, `из них`) is compared one by one, in the order written;
//! - main met and every reported part met: «достигнут» (an unreported part is shown as
//!   «нет данных» but does not count against); main met but a part missed: «частично»;
//!   main missed: «не достигнут», whatever the parts;
//! - main not reported: «нет данных» if no part is reported either, «частично» if some
//!   part is met, «не достигнут» if every reported part is missed;
//! - a done target wants «выполнено»/«да», a trend target a matching direction (a
//!   word «рост», «снижение», or the numbers of a change «с 14 до 19»), a text target is «нет данных» unless the actual says
//!   «выполнено» (or «не выполнено»);
//! - when the actual gives the value against several bases («8,56 % от общего числа
//!   педагогов, 84 % от общего числа педагогов ШНОР»), the one whose base shares most
//!   words with the target's base is compared.

use serde::Serialize;

use super::plural::plural;
use super::value::{Actual, Part, Quantity, Target, TargetKind, Unit};

/// Whether an indicator reached its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Achievement {
    /// The target and all its parts are met.
    Achieved,
    /// Some of it is met, some missed or unreported.
    Partial,
    /// The main target is missed.
    NotAchieved,
    /// Nothing to compare: no actual, or an actual that cannot be compared.
    NoData,
}

impl Achievement {
    /// The Russian label shown on the page.
    pub fn label(self) -> &'static str {
        match self {
            Achievement::Achieved => "достигнут",
            Achievement::Partial => "частично",
            Achievement::NotAchieved => "не достигнут",
            Achievement::NoData => "нет данных",
        }
    }

    /// A CSS-friendly name: `achieved`, `partial`, `not-achieved`, `no-data`.
    pub fn slug(self) -> &'static str {
        match self {
            Achievement::Achieved => "achieved",
            Achievement::Partial => "partial",
            Achievement::NotAchieved => "not-achieved",
            Achievement::NoData => "no-data",
        }
    }
}

/// Computes the achievement of a target from its actual (see the module doc for the
/// rules). Parts are paired by position: the first part of the target with the first
/// part of the actual.
pub fn achievement(target: &Target, actual: Option<&Actual>) -> Achievement {
    let main = main_achievement(target, actual);
    let parts: Vec<Achievement> = target
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let got = actual.and_then(|a| a.parts.get(i)).map(|p| &p.value);
            part_achievement(&target.kind, &p.value, got)
        })
        .collect();
    combine(main, &parts)
}

/// Achievement of the main target alone, parts left aside.
pub fn main_achievement(target: &Target, actual: Option<&Actual>) -> Achievement {
    let Some(actual) = actual else {
        return Achievement::NoData;
    };
    match &target.kind {
        TargetKind::Minimum(want) | TargetKind::Maximum(want) | TargetKind::Exact(want) => {
            numeric(target, want, actual)
        }
        TargetKind::Done | TargetKind::Text => from_done(actual.done),
        TargetKind::Trend(want) => match actual.trend {
            Some(got) if got == *want => Achievement::Achieved,
            Some(_) => Achievement::NotAchieved,
            None => Achievement::NoData,
        },
    }
}

/// Achievement of one part: the part's number compared the way the main target
/// compares (a part of a text, done or trend target is read as a minimum).
pub fn part_achievement(main: &TargetKind, want: &Quantity, got: Option<&Quantity>) -> Achievement {
    compare(&with_quantity(main, *want), got)
}

/// The comparison of `kind` applied to another number; a text, done or trend kind
/// compares as a minimum.
pub(crate) fn with_quantity(kind: &TargetKind, q: Quantity) -> TargetKind {
    match kind {
        TargetKind::Maximum(_) => TargetKind::Maximum(q),
        TargetKind::Exact(_) => TargetKind::Exact(q),
        _ => TargetKind::Minimum(q),
    }
}

/// Compares one actual number with a number target; incompatible units give no data.
pub fn compare(kind: &TargetKind, got: Option<&Quantity>) -> Achievement {
    let (Some(want), Some(got)) = (kind.quantity(), got) else {
        return Achievement::NoData;
    };
    if !want.unit.compatible(got.unit) || !got.value.is_finite() {
        return Achievement::NoData;
    }
    let eps = 1e-9 * want.value.abs().max(1.0);
    let met = match kind {
        TargetKind::Minimum(_) => got.value >= want.value - eps,
        TargetKind::Maximum(_) => got.value <= want.value + eps,
        _ => (got.value - want.value).abs() <= eps,
    };
    if met {
        Achievement::Achieved
    } else {
        Achievement::NotAchieved
    }
}

/// Combines the main achievement with the parts' (see the module doc).
pub fn combine(main: Achievement, parts: &[Achievement]) -> Achievement {
    use Achievement::*;
    if parts.is_empty() {
        return main;
    }
    match main {
        Achieved if parts.iter().all(|p| matches!(p, Achieved | NoData)) => Achieved,
        Achieved | Partial => Partial,
        NotAchieved => NotAchieved,
        NoData => {
            if parts.iter().all(|p| *p == NoData) {
                NoData
            } else if parts.iter().any(|p| matches!(p, Achieved | Partial)) {
                Partial
            } else {
                NotAchieved
            }
        }
    }
}

/// The actual number compared with the target: the main value, or the alternative
/// whose base best matches the target's base.
pub fn effective_value(target: &Target, actual: &Actual) -> Option<Quantity> {
    let main = actual.value?;
    let Some(want_base) = target.base.as_deref() else {
        return Some(main);
    };
    if actual.alternatives.is_empty() {
        return Some(main);
    }
    let want_words = stems(want_base);
    let score = |base: Option<&str>| -> usize {
        base.map_or(0, |b| {
            stems(b).iter().filter(|s| want_words.contains(*s)).count()
        })
    };
    let mut best = (score(actual.base.as_deref()), main);
    for alt in &actual.alternatives {
        let s = score(alt.label.as_deref());
        if s > best.0 {
            best = (s, alt.value);
        }
    }
    Some(best.1)
}

/// Puts the number the target is compared with where every output reads the actual:
/// `value` (with its `base`). An alternative whose base is the target's («84 % от
/// общего числа педагогов ШНОР» against a target of ШНОР teachers) changes places with
/// the main number, which stays an alternative labelled with its base; a share that
/// answers a coverage target («Охват 86 %» for «2 ед. с охватом 80 %») moves to
/// `coverage`. After it [`effective_value`] is `value`, so the table, chart, CSV and JSON
/// show the very number the status was computed from.
pub fn settle_compared(target: &Target, actual: &mut Actual) {
    let Some(main) = actual.value else {
        return;
    };
    if let Some(chosen) = effective_value(target, actual) {
        let at = actual
            .alternatives
            .iter()
            .position(|alt| alt.value == chosen && chosen != main);
        if let Some(i) = at {
            let alt = actual.alternatives.remove(i);
            let old = Part {
                label: actual.base.take(),
                value: main,
            };
            actual.alternatives.insert(0, old);
            actual.value = Some(alt.value);
            actual.base = alt.label;
        }
    }
    let coverage_answer = target.coverage_min.is_some()
        && target
            .kind
            .quantity()
            .is_some_and(|want| want.unit != Unit::Percent);
    if let Some(v) = actual.value.filter(|_| coverage_answer) {
        if v.unit == Unit::Percent && actual.coverage.is_none() {
            actual.coverage = Some(v.value);
            actual.value = None;
        }
    }
}

fn numeric(target: &Target, want: &Quantity, actual: &Actual) -> Achievement {
    let mut value = effective_value(target, actual);
    let mut coverage = actual.coverage;
    if let (Some(_), Some(v)) = (target.coverage_min, value) {
        // «Охват 86 %» answering «2 ед. с охватом 80 %» is the coverage, not the count.
        if v.unit == Unit::Percent && want.unit != Unit::Percent && coverage.is_none() {
            coverage = Some(v.value);
            value = None;
        }
    }
    let main = compare(&with_quantity(&target.kind, *want), value.as_ref());
    let Some(min) = target.coverage_min else {
        return main;
    };
    let cov = compare(
        &TargetKind::Minimum(Quantity {
            value: min,
            unit: Unit::Percent,
        }),
        coverage
            .map(|value| Quantity {
                value,
                unit: Unit::Percent,
            })
            .as_ref(),
    );
    use Achievement::*;
    match (main, cov) {
        (NotAchieved, _) | (_, NotAchieved) => NotAchieved,
        (Achieved, Achieved | NoData) | (NoData, Achieved) => Achieved,
        (NoData, NoData) => NoData,
        _ => Partial,
    }
}

fn from_done(done: Option<bool>) -> Achievement {
    match done {
        Some(true) => Achievement::Achieved,
        Some(false) => Achievement::NotAchieved,
        None => Achievement::NoData,
    }
}

/// Abbreviations that name a base in actuals but are spelled out in targets.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("шнор", "школ с низкими образовательными результатами"),
    ("доо", "дошкольных образовательных организаций"),
    ("оо", "общеобразовательных организаций"),
    ("удо", "учреждений дополнительного образования"),
    ("пр", "педагогических работников"),
    ("ук", "управленческих кадров"),
];

/// Crude Russian stems (first five letters) of the meaningful words of a base:
/// enough to tell «педагогов ШНОР» from «педагогов» without a stemmer.
fn stems(text: &str) -> Vec<String> {
    let lower = text.to_lowercase().replace('ё', "е");
    let mut out: Vec<String> = Vec::new();
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        let expanded = ABBREVIATIONS
            .iter()
            .find(|(short, _)| *short == word)
            .map_or(word, |(_, long)| long);
        for w in expanded.split(' ') {
            if w.chars().count() < 3 {
                continue;
            }
            let stem: String = w.chars().take(5).collect();
            if !out.contains(&stem) {
                out.push(stem);
            }
        }
    }
    out
}

/// Counts of indicators by achievement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// All indicators counted.
    pub total: usize,
    /// «достигнут».
    pub achieved: usize,
    /// «частично».
    pub partial: usize,
    /// «не достигнут».
    pub not_achieved: usize,
    /// «нет данных».
    pub no_data: usize,
}

impl Summary {
    /// Counts a list of achievements.
    pub fn of(items: impl IntoIterator<Item = Achievement>) -> Summary {
        let mut s = Summary::default();
        for a in items {
            s.add(a);
        }
        s
    }

    /// Counts one more indicator.
    pub fn add(&mut self, a: Achievement) {
        self.total += 1;
        match a {
            Achievement::Achieved => self.achieved += 1,
            Achievement::Partial => self.partial += 1,
            Achievement::NotAchieved => self.not_achieved += 1,
            Achievement::NoData => self.no_data += 1,
        }
    }

    /// One Russian sentence: «20 из 24 достигнуты, 1 частично, 3 не достигнуты»;
    /// empty categories other than the first are left out.
    pub fn line(&self) -> String {
        if self.total == 0 {
            return "Показателей нет".to_string();
        }
        if self.no_data == self.total {
            // A plan or a programme: targets only, nothing to count as met yet.
            let word = plural(self.total as u64, "показатель", "показателя", "показателей");
            return format!("{} {word}, фактические значения не указаны", self.total);
        }
        let n = |v: usize| v as u64;
        let mut out = vec![format!(
            "{} из {} {}",
            self.achieved,
            self.total,
            plural(n(self.achieved), "достигнут", "достигнуты", "достигнуты")
        )];
        if self.partial > 0 {
            out.push(format!("{} частично", self.partial));
        }
        if self.not_achieved > 0 {
            let word = plural(
                n(self.not_achieved),
                "не достигнут",
                "не достигнуты",
                "не достигнуты",
            );
            out.push(format!("{} {word}", self.not_achieved));
        }
        if self.no_data > 0 {
            out.push(format!("{} без данных", self.no_data));
        }
        out.join(", ")
    }
}

#[cfg(test)]
mod tests;
