//! Counts of activities by status and by direction, for the plan-vs-fact summary.

use serde::Serialize;

use super::model::{Activity, ActivityStatus};
use crate::indicator::plural::plural;

/// Activities counted by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    /// All activities counted.
    pub total: usize,
    /// «выполнено».
    pub done: usize,
    /// «не выполнено».
    pub not_done: usize,
    /// «перенесено».
    pub postponed: usize,
    /// «нет данных».
    pub no_data: usize,
}

impl StatusCounts {
    /// Counts one more activity.
    pub fn add(&mut self, s: ActivityStatus) {
        self.total += 1;
        match s {
            ActivityStatus::Done => self.done += 1,
            ActivityStatus::NotDone => self.not_done += 1,
            ActivityStatus::Postponed => self.postponed += 1,
            ActivityStatus::NoData => self.no_data += 1,
        }
    }

    /// How many have status `s`.
    pub fn get(&self, s: ActivityStatus) -> usize {
        match s {
            ActivityStatus::Done => self.done,
            ActivityStatus::NotDone => self.not_done,
            ActivityStatus::Postponed => self.postponed,
            ActivityStatus::NoData => self.no_data,
        }
    }

    /// One Russian sentence: «110 мероприятий: выполнено — 87, не выполнено — 17,
    /// перенесено — 1, нет данных — 5»; statuses with none are left out.
    pub fn line(&self) -> String {
        let total = self.total as u64;
        let head = format!(
            "{} {}",
            self.total,
            plural(total, "мероприятие", "мероприятия", "мероприятий")
        );
        let parts: Vec<String> = ActivityStatus::ALL
            .iter()
            .filter(|s| self.get(**s) > 0)
            .map(|s| format!("{} — {}", s.label(), self.get(*s)))
            .collect();
        if parts.is_empty() {
            head
        } else {
            format!("{head}: {}", parts.join(", "))
        }
    }
}

/// Counts of one direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DirectionCounts {
    /// The direction as written; `None` for activities without one.
    pub direction: Option<String>,
    /// Its activities by status.
    pub counts: StatusCounts,
}

/// Activities counted by status, overall and per direction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ActivityCounts {
    /// All activities by status.
    pub by_status: StatusCounts,
    /// Per direction, in the order directions first appear.
    pub by_direction: Vec<DirectionCounts>,
}

/// Counts activities by status and by direction.
pub fn count(activities: &[Activity]) -> ActivityCounts {
    let mut counts = ActivityCounts::default();
    for a in activities {
        counts.by_status.add(a.status);
        let direction = a
            .direction
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string);
        match counts
            .by_direction
            .iter_mut()
            .find(|d| d.direction == direction)
        {
            Some(d) => d.counts.add(a.status),
            None => {
                let mut c = StatusCounts::default();
                c.add(a.status);
                counts.by_direction.push(DirectionCounts {
                    direction,
                    counts: c,
                });
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::model::{Activity, ActivityInput};

    fn activity(direction: Option<&str>, result: Option<&str>) -> Activity {
        let input = ActivityInput {
            title: "Мероприятие".into(),
            direction: direction.map(str::to_string),
            result: result.map(str::to_string),
            ..ActivityInput::default()
        };
        Activity::from_input(input, None).unwrap()
    }

    #[test]
    fn by_status_and_direction() {
        let list = [
            activity(Some("1. Содействие"), Some("Проведено")),
            activity(Some("2. Обучение"), Some("Не принимали участие")),
            activity(
                Some("1. Содействие"),
                Some("Мероприятие перенесено на февраль 2026г."),
            ),
            activity(Some(" 1. Содействие "), None),
            activity(None, Some("Приказ №167")),
        ];
        let c = count(&list);
        assert_eq!(
            c.by_status,
            StatusCounts {
                total: 5,
                done: 2,
                not_done: 1,
                postponed: 1,
                no_data: 1
            }
        );
        let dirs: Vec<(Option<&str>, usize, usize)> = c
            .by_direction
            .iter()
            .map(|d| (d.direction.as_deref(), d.counts.total, d.counts.done))
            .collect();
        assert_eq!(
            dirs,
            [
                (Some("1. Содействие"), 3, 1),
                (Some("2. Обучение"), 1, 0),
                (None, 1, 1)
            ]
        );
        assert_eq!(
            c.by_status.line(),
            "5 мероприятий: выполнено — 2, не выполнено — 1, перенесено — 1, нет данных — 1"
        );
    }

    #[test]
    fn lines() {
        let mut c = StatusCounts::default();
        assert_eq!(c.line(), "0 мероприятий");
        c.add(ActivityStatus::Done);
        assert_eq!(c.line(), "1 мероприятие: выполнено — 1");
        c.add(ActivityStatus::Done);
        assert_eq!(c.line(), "2 мероприятия: выполнено — 2");
        assert_eq!(count(&[]), ActivityCounts::default());
    }
}
