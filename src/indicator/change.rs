//! A change written as from → to: «рост: с 14 до 19 чел.», «снижение с 12 до 9 %».
//!
//! The end value is what was reached (an actual) or asked for (a target); the start
//! value is only the base of the change, so it is never taken as the value itself. The
//! direction comes from the numbers, not from the word before them: «рост: с 19 до 14»
//! is a decline, whatever it is called.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::lex::{Tok, TokKind};
use super::value::{Quantity, TrendDirection, Unit};

/// «с» / «со» as the last word before the start number.
static FROM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|[^\p{L}])(со?)\s*$").expect("valid built-in regex"));

/// A change of a value: where it started and where it ended.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(into = "ChangeView")]
pub struct Change {
    /// The start value («с 14»).
    pub from: Quantity,
    /// The end value («до 19 чел.»): the value reached or asked for.
    pub to: Quantity,
}

impl Change {
    /// Which way the value moved.
    pub fn direction(&self) -> TrendDirection {
        if self.to.value > self.from.value {
            TrendDirection::Up
        } else if self.to.value < self.from.value {
            TrendDirection::Down
        } else {
            TrendDirection::Stable
        }
    }
}

/// The change found in a value, with the byte spans of its pieces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Found {
    /// The change read.
    pub change: Change,
    /// Where «с» starts.
    pub start: usize,
    /// Where the end number (with its unit) ends.
    pub end: usize,
}

/// Finds «с A до B» among the tokens of `raw`: two numbers, the first right after the
/// word «с», only «до» between them. The unit written once («с 14 до 19 чел.») is both's.
pub(crate) fn find_change(raw: &str, toks: &[Tok]) -> Option<Found> {
    toks.windows(2).find_map(|w| {
        let (TokKind::Num(from), TokKind::Num(to)) = (w[0].kind, w[1].kind) else {
            return None;
        };
        let lead = FROM.captures(&raw[..w[0].start])?.get(1)?;
        let between = raw[w[0].end..w[1].start].trim().to_lowercase();
        if between != "до" {
            return None;
        }
        let (from, to) = shared_unit(from, to)?;
        Some(Found {
            change: Change { from, to },
            start: lead.start(),
            end: w[1].end,
        })
    })
}

/// Both ends in one unit; different written units are no change of one value.
fn shared_unit(mut from: Quantity, mut to: Quantity) -> Option<(Quantity, Quantity)> {
    if from.unit == Unit::Number {
        from.unit = to.unit;
    } else if to.unit == Unit::Number {
        to.unit = from.unit;
    }
    (from.unit == to.unit).then_some((from, to))
}

/// A change as JSON shows it: both ends and the direction.
#[derive(Serialize)]
struct ChangeView {
    from: Quantity,
    to: Quantity,
    direction: TrendDirection,
}

impl From<Change> for ChangeView {
    fn from(c: Change) -> Self {
        ChangeView {
            from: c.from,
            to: c.to,
            direction: c.direction(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lex::lex;
    use super::*;

    fn q(value: f64, unit: Unit) -> Quantity {
        Quantity { value, unit }
    }

    #[test]
    fn from_and_to_with_the_unit_written_once() {
        let raw = "рост: с 14 до 19 чел.";
        let f = find_change(raw, &lex(raw)).expect("a change");
        assert_eq!(f.change.from, q(14.0, Unit::People));
        assert_eq!(f.change.to, q(19.0, Unit::People));
        assert_eq!(f.change.direction(), TrendDirection::Up);
        assert_eq!(&raw[f.start..f.end], "с 14 до 19 чел.");
        let raw = "снижение с 12,5 % до 9 %";
        let f = find_change(raw, &lex(raw)).expect("a change");
        assert_eq!(f.change.to, q(9.0, Unit::Percent));
        assert_eq!(f.change.direction(), TrendDirection::Down);
    }

    #[test]
    fn other_numbers_are_no_change() {
        for raw in [
            "10 % от общей численности педагогических работников, начиная с 2023 года",
            "не менее 70 % педагогов в возрасте до 35 лет",
            "с 14 % до 19 чел.",
            "14 до 19",
            "2025 — 14 чел., 2026 — 19 чел.",
        ] {
            assert_eq!(find_change(raw, &lex(raw)), None, "{raw}");
        }
    }
}
