//! Aggregates of one indicator across districts: Σnumerator / Σdenominator, never a mean
//! of percentages.
//!
//! Two districts with 1 of 10 (10 %) and 30 of 100 (30 %) make 31 of 110 = 28,18 %, not
//! 20 %: a share of the region is the share of its people, and a small district must not
//! weigh as much as a large one. A district that gives a share without its counts cannot
//! be summed; it is left out of the total and the total says how many were counted.

use serde::Serialize;

use super::record::Indicator;

/// The sum of one indicator over several districts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Aggregate {
    /// Σ numerators of the districts counted.
    pub numerator: f64,
    /// Σ denominators of the districts counted.
    pub denominator: f64,
    /// Districts whose numerator and denominator are summed.
    pub counted: usize,
    /// Districts that reported the indicator at all.
    pub reported: usize,
}

impl Aggregate {
    /// The share Σnumerator / Σdenominator, in percent.
    pub fn share(&self) -> f64 {
        if self.denominator > 0.0 {
            self.numerator / self.denominator * 100.0
        } else {
            0.0
        }
    }

    /// True when every district that reported the indicator is in the sum.
    pub fn complete(&self) -> bool {
        self.counted == self.reported
    }
}

/// Sums the numerators and denominators of `indicators` (one per district); `None` when
/// no district gives both counts. Indicators without an actual are not «reported».
pub fn aggregate<'a>(indicators: impl IntoIterator<Item = &'a Indicator>) -> Option<Aggregate> {
    let mut sum = Aggregate {
        numerator: 0.0,
        denominator: 0.0,
        counted: 0,
        reported: 0,
    };
    for ind in indicators {
        let counts = match (ind.numerator, ind.denominator) {
            (Some(n), Some(d)) if n.is_finite() && d.is_finite() && d > 0.0 && n >= 0.0 => {
                Some((n, d))
            }
            _ => None,
        };
        if ind.actual.is_none() && counts.is_none() {
            continue;
        }
        sum.reported += 1;
        if let Some((n, d)) = counts {
            sum.numerator += n;
            sum.denominator += d;
            sum.counted += 1;
        }
    }
    (sum.counted > 0).then_some(sum)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicator::record::IndicatorInput;

    fn ind(actual: Option<&str>, counts: Option<(f64, f64)>) -> Indicator {
        Indicator::from_input(IndicatorInput {
            id: "P1".into(),
            name: "Доля".into(),
            unit: Some("%".into()),
            target: "10 %".into(),
            actual: actual.map(str::to_string),
            numerator: counts.map(|c| c.0),
            denominator: counts.map(|c| c.1),
            ..IndicatorInput::default()
        })
        .unwrap()
    }

    #[test]
    fn sums_counts_never_averages_shares() {
        let a = ind(None, Some((1.0, 10.0))); // 10 %
        let b = ind(Some("30 %"), Some((30.0, 100.0))); // 30 %
        let sum = aggregate([&a, &b]).unwrap();
        assert_eq!((sum.numerator, sum.denominator), (31.0, 110.0));
        assert!((sum.share() - 28.181_818).abs() < 1e-4, "{}", sum.share());
        assert!(sum.complete());
    }

    #[test]
    fn shares_without_counts_are_left_out_and_said_so() {
        let a = ind(None, Some((12.0, 120.0)));
        let b = ind(Some("50 %"), None);
        let none = ind(None, None);
        let sum = aggregate([&a, &b, &none]).unwrap();
        assert_eq!((sum.counted, sum.reported), (1, 2));
        assert!(!sum.complete());
        assert_eq!(sum.share(), 10.0);
        assert_eq!(aggregate([&b, &none]), None);
    }
}
