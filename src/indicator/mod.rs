//! Indicators: parsing of targets and actuals, achievement, charts.
//!
//! Input: the raw Russian wording of a target and an actual (from front matter or a
//! CSV/XLSX table). Output: parsed values that always keep the raw text, an
//! [`Achievement`] computed from the numbers (never typed by hand), SVG charts and
//! open-data tables; trends over years and Σnumerator/Σdenominator aggregates across
//! districts.

pub mod achieve;
pub mod aggregate;
mod by_year;
pub mod change;
pub mod chart;
mod lex;
pub mod number;
pub mod open_data;
mod parse;
pub mod plural;
pub mod record;
pub mod table;
pub mod trend;
pub mod unread;
pub mod value;
pub(crate) mod visible;

#[cfg(test)]
pub(crate) mod seed_forms;

pub use achieve::{achievement, Achievement, Summary};
pub use aggregate::{aggregate, Aggregate};
pub use change::Change;
pub use chart::{bar_chart, ChartRow};
pub use number::format_number;
pub use open_data::{indicators_csv, indicators_json};
pub use parse::{parse_actual, parse_actual_in, parse_target, parse_target_in};
pub use plural::plural;
pub use record::{Indicator, IndicatorInput, IndicatorPart, PartInput};
pub use table::{
    parse_indicator_csv, read_indicator_file, read_indicator_rows, read_indicator_rows_partial,
    TableError, TableRow,
};
pub use trend::{trend_chart, TrendPoint};
pub use unread::why_no_data;
pub use value::{Actual, Part, Quantity, Target, TargetKind, TrendDirection, Unit, ValueError};
