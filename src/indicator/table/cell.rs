//! One cell of an indicator table as read: its text, or the number or date the
//! spreadsheet stored.

use crate::indicator::number::format_csv_number;
use calamine::{Data, ExcelDateTime};

/// One cell as read: its text, and its number (or date) when the spreadsheet stored one.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cell {
    pub text: String,
    pub number: Option<f64>,
    pub percent: bool,
    pub error: Option<String>,
    /// A date or time the spreadsheet stored (a date-typed cell, or a number shown in a
    /// date format), as Excel in Russian shows it: «15.03.2023».
    pub date: Option<String>,
}

impl Cell {
    /// A cell of text.
    pub fn text(s: &str) -> Cell {
        Cell {
            text: s.to_string(),
            number: None,
            percent: false,
            error: None,
            date: None,
        }
    }

    /// A cell of a workbook; `percent` when its number format shows a percent.
    pub fn from_data(d: &Data, percent: bool) -> Cell {
        let number = |v: f64| Cell {
            number: Some(v),
            percent,
            ..Cell::text("")
        };
        let date = |shown: String| Cell {
            date: Some(shown),
            ..Cell::text("")
        };
        match d {
            Data::Empty => Cell::text(""),
            Data::String(s) => Cell::text(s.trim()),
            Data::Float(f) => number(*f),
            Data::Int(i) => number(*i as f64),
            Data::Bool(b) => Cell::text(if *b { "да" } else { "нет" }),
            Data::Error(e) => Cell {
                error: Some(e.to_string()),
                ..Cell::text("")
            },
            Data::DateTime(dt) => date(serial_date(dt)),
            Data::DateTimeIso(s) | Data::DurationIso(s) => date(iso_date(s)),
        }
    }

    /// True for a cell with nothing in it.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.number.is_none() && self.error.is_none() && self.date.is_none()
    }

    /// The cell as a value text («10,3%» for a percent-formatted 0,103, the date as
    /// shown for a date).
    pub fn as_value(&self) -> String {
        match (self.number, &self.date) {
            (_, Some(d)) => d.clone(),
            (Some(v), _) if self.percent => format!("{}%", format_csv_number(v * 100.0)),
            (Some(v), _) => format_csv_number(v),
            (None, None) => self.text.clone(),
        }
    }

    /// The cell as an identifier: «1.3» stays with its point.
    pub fn as_id(&self) -> String {
        match self.number {
            Some(v) => v.to_string(),
            None => self.as_value(),
        }
    }
}

/// An Excel serial date (days since 1899-12-30, or 1904) as «15.03.2023», with the time
/// when it has one; a duration as hours and minutes.
fn serial_date(dt: &ExcelDateTime) -> String {
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    if dt.is_duration() {
        let hours = (dt.as_f64() * 24.0).floor();
        return format!("{hours}:{mi:02}");
    }
    match (h, mi, s) {
        (0, 0, 0) => format!("{d:02}.{mo:02}.{y}"),
        _ => format!("{d:02}.{mo:02}.{y} {h}:{mi:02}"),
    }
}

/// A date-typed cell's ISO text («2025-01-01T00:00:00») as «01.01.2025».
fn iso_date(s: &str) -> String {
    let s = s.trim();
    let date = s
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let time = s.get(10..).map(|t| t.trim_start_matches(['T', ' ']));
    match (date, time) {
        (Some(d), Some("" | "00:00:00" | "00:00")) | (Some(d), None) => {
            d.format("%d.%m.%Y").to_string()
        }
        (Some(d), Some(t)) => format!("{} {}", d.format("%d.%m.%Y"), t),
        (None, _) => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn dates_are_shown_as_excel_shows_them_in_russian() {
        let serial = |v| ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false);
        // 45 000 days after 30.12.1899: 44 927 is 01.01.2023, and 73 days on is 15 March.
        assert_eq!(serial_date(&serial(45000.0)), "15.03.2023");
        assert_eq!(serial_date(&serial(45000.5)), "15.03.2023 12:00");
        assert_eq!(iso_date("2025-01-01T00:00:00"), "01.01.2025");
        assert_eq!(iso_date("2025-01-01"), "01.01.2025");
        assert_eq!(iso_date("2025-01-01T08:30:00"), "01.01.2025 08:30:00");
        assert_eq!(iso_date("сегодня"), "сегодня");
        let c = Cell::from_data(&Data::DateTime(serial(45000.0)), false);
        assert_eq!(c.as_value(), "15.03.2023");
        assert!(!c.is_empty());
    }
}
