//! Activities (plan vs fact): parsing periods, statuses, counts.
//!
//! Input: a page's `activities:` list ([`ActivityInput`]), and for a report the plan's
//! parsed activities it refers to by number. Output: [`Activity`] values with a
//! parsed [`Period`] and a status, counts by status and direction, open-data tables, and
//! the plan-vs-fact view of a report (plan order, unreported items, direction anchors).

pub mod counts;
pub mod model;
pub mod open_data;
pub mod period;
pub mod plan_fact;

pub use counts::{count, ActivityCounts, DirectionCounts, StatusCounts};
pub use model::{
    activities_from_inputs, status_from_result, Activity, ActivityError, ActivityInput,
    ActivityStatus,
};
pub use open_data::{activities_csv, activities_json};
pub use period::{parse_period, parse_period_in, Period, Recurrence};
pub use plan_fact::{
    group_by_direction, group_by_status, plan_items, row_anchors, with_unreported, DirectionGroup,
    StatusGroup,
};
