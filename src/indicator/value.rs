//! Parsed indicator values: what a target asks for and what an actual reports.
//!
//! Every parsed value keeps the text it came from (`raw`): the site always shows the
//! methodist's own wording and uses the numbers only to compute achievement and charts.

use std::fmt;

use serde::{Serialize, Serializer};

use super::change::Change;
use super::number::format_number;
use super::plural::plural;

/// What a number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A share, `%`.
    Percent,
    /// People, `чел.`.
    People,
    /// Countable units, `ед.`.
    Units,
    /// Events, `мероприятий`.
    Events,
    /// Money, `руб.`.
    Rubles,
    /// Hours, `ч.`.
    Hours,
    /// Points of a score, `баллов`.
    Points,
    /// A bare number with no unit written.
    Number,
}

impl Unit {
    /// Reads the unit column of an indicator (`%`, `чел.`, `ед.`, `мероприятия`…);
    /// `None` for anything else, which then stays free text.
    pub fn from_text(text: &str) -> Option<Unit> {
        let t = text.trim().to_lowercase();
        let t = t.trim_end_matches('.');
        match t {
            "%" | "процент" | "проценты" | "процентов" | "percent" => {
                Some(Unit::Percent)
            }
            "чел" | "человек" | "человека" | "people" => Some(Unit::People),
            "ед" | "единиц" | "единица" | "единицы" | "шт" | "units" => {
                Some(Unit::Units)
            }
            "мероприятие" | "мероприятия" | "мероприятий" | "events" => {
                Some(Unit::Events)
            }
            "руб" | "рубль" | "рубля" | "рублей" | "₽" => Some(Unit::Rubles),
            "ч" | "час" | "часа" | "часов" => Some(Unit::Hours),
            "балл" | "балла" | "баллов" | "баллы" => Some(Unit::Points),
            "" | "число" | "number" => Some(Unit::Number),
            _ => None,
        }
    }

    /// Whether values in `self` and `other` can be compared: equal units, or one of
    /// them bare (a bare «250» is read in whatever unit the other side uses).
    pub fn compatible(self, other: Unit) -> bool {
        self == other || self == Unit::Number || other == Unit::Number
    }

    /// The unit written after a number, agreeing with it («1 мероприятие»,
    /// «5 мероприятий»); empty for a bare number.
    pub fn suffix(self, value: f64) -> String {
        match self {
            Unit::Percent => "%".to_string(),
            Unit::People => "чел.".to_string(),
            Unit::Units => "ед.".to_string(),
            Unit::Rubles => "руб.".to_string(),
            Unit::Hours => "ч.".to_string(),
            Unit::Number => String::new(),
            Unit::Points if value.fract() != 0.0 => "балла".to_string(),
            Unit::Points => plural(value.abs() as u64, "балл", "балла", "баллов").to_string(),
            Unit::Events if value.fract() != 0.0 => "мероприятия".to_string(),
            Unit::Events => plural(
                value.abs() as u64,
                "мероприятие",
                "мероприятия",
                "мероприятий",
            )
            .to_string(),
        }
    }
}

/// A number with its unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    /// The number, already read from its decimal comma.
    pub value: f64,
    /// What it counts.
    pub unit: Unit,
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let suffix = self.unit.suffix(self.value);
        if suffix.is_empty() {
            write!(f, "{}", format_number(self.value))
        } else {
            // A no-break space keeps «10 %» on one line.
            write!(f, "{}\u{a0}{}", format_number(self.value), suffix)
        }
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Quantity", 3)?;
        st.serialize_field("value", &self.value)?;
        st.serialize_field("unit", &self.unit)?;
        st.serialize_field("text", &self.to_string())?;
        st.end()
    }
}

/// Which way a trend target wants the value to move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrendDirection {
    /// Growth: «положительная динамика», «рост».
    Up,
    /// Decline: «снижение», «уменьшение».
    Down,
    /// No change: «сохранение», «стабильно».
    Stable,
}

impl TrendDirection {
    /// The Russian name of the direction.
    pub fn label(self) -> &'static str {
        match self {
            TrendDirection::Up => "положительная динамика",
            TrendDirection::Down => "снижение",
            TrendDirection::Stable => "сохранение уровня",
        }
    }
}

/// What a target asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetKind {
    /// At least this much: `не менее`, `не ниже`, `≥`, and a bare number.
    Minimum(Quantity),
    /// At most this much: `не более`, `не выше`, `≤`.
    Maximum(Quantity),
    /// Exactly this much: `ровно`, `=`.
    Exact(Quantity),
    /// Something is to be done: `выполнено`, `разработан`, `реализуется`.
    Done,
    /// A direction of change: `положительная динамика`, `снижение`.
    Trend(TrendDirection),
    /// Anything else; only the text is shown and achievement needs a «выполнено».
    Text,
}

impl TargetKind {
    /// The number asked for, if the kind has one.
    pub fn quantity(&self) -> Option<Quantity> {
        match self {
            TargetKind::Minimum(q) | TargetKind::Maximum(q) | TargetKind::Exact(q) => Some(*q),
            _ => None,
        }
    }

    /// A stable ASCII name for CSS, JSON and templates.
    pub fn slug(&self) -> &'static str {
        match self {
            TargetKind::Minimum(_) => "minimum",
            TargetKind::Maximum(_) => "maximum",
            TargetKind::Exact(_) => "exact",
            TargetKind::Done => "done",
            TargetKind::Trend(_) => "trend",
            TargetKind::Text => "text",
        }
    }

    /// The Russian name of the kind, as a column of the open-data table.
    pub fn label(&self) -> &'static str {
        match self {
            TargetKind::Minimum(_) => "не менее",
            TargetKind::Maximum(_) => "не более",
            TargetKind::Exact(_) => "ровно",
            TargetKind::Done => "выполнение",
            TargetKind::Trend(_) => "динамика",
            TargetKind::Text => "текст",
        }
    }
}

/// One component of a value: a `в т. ч.` / `из них` sub-target or sub-result, or a
/// value reported against another base.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// The words that introduce the part in the source («в т. ч.», «ГУП»), if any.
    pub label: Option<String>,
    /// The number of the part.
    pub value: Quantity,
}

/// A parsed target («показатель результативности»).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(into = "TargetView")]
pub struct Target {
    /// The text as written.
    pub raw: String,
    /// What is asked for.
    pub kind: TargetKind,
    /// What the number is counted from and other qualifying text
    /// («от общей численности педагогических работников…», a deadline, a list of events).
    pub base: Option<String>,
    /// Sub-targets, in the order written.
    pub parts: Vec<Part>,
    /// A head count given next to a share («11,11 % (2 чел.)»).
    pub count: Option<u32>,
    /// Minimal coverage in percent («с общим охватом не менее 80 %»).
    pub coverage_min: Option<f64>,
}

impl Target {
    /// A short Russian rendering: «не менее 10 %», «не более 250», «выполнение»;
    /// the raw text for a text target.
    pub fn describe(&self) -> String {
        match &self.kind {
            TargetKind::Minimum(q) => format!("не менее {q}"),
            TargetKind::Maximum(q) => format!("не более {q}"),
            TargetKind::Exact(q) => format!("ровно {q}"),
            TargetKind::Done => "выполнение".to_string(),
            TargetKind::Trend(d) => d.label().to_string(),
            TargetKind::Text => self.raw.trim().to_string(),
        }
    }

    /// Gives bare numbers the indicator's unit (a `%` column with `10` in the cell).
    pub fn assume_unit(&mut self, unit: Unit) {
        match &mut self.kind {
            TargetKind::Minimum(q) | TargetKind::Maximum(q) | TargetKind::Exact(q) => {
                assume(q, unit)
            }
            _ => {}
        }
        for p in &mut self.parts {
            assume(&mut p.value, unit);
        }
    }
}

/// A parsed actual value («фактическое значение»).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Actual {
    /// The text as written.
    pub raw: String,
    /// The main number, if the text gives one.
    pub value: Option<Quantity>,
    /// The text that follows the main number («от общего числа педагогов»).
    pub base: Option<String>,
    /// The same measure reported against other bases («84 % от общего числа педагогов
    /// ШНОР»); the label holds that base.
    pub alternatives: Vec<Part>,
    /// A head count given next to a share («(2 чел.)»).
    pub count: Option<u32>,
    /// Reached coverage in percent («Охват составил 86 %»).
    pub coverage: Option<f64>,
    /// Sub-results, in the order written.
    pub parts: Vec<Part>,
    /// `Some(true)` for «выполнено», «да»; `Some(false)` for «не выполнено», «нет».
    pub done: Option<bool>,
    /// A reported direction of change («положительная динамика», «снижение»); set from
    /// the numbers when a change is given.
    pub trend: Option<TrendDirection>,
    /// A change from → to («рост: с 14 до 19 чел.», or the previous year's value of a
    /// year list); `value` is its end.
    pub change: Option<Change>,
}

impl Actual {
    /// True when the text reports nothing (empty, «–»): the indicator has no data.
    pub fn is_empty(&self) -> bool {
        self.value.is_none()
            && self.count.is_none()
            && self.coverage.is_none()
            && self.parts.is_empty()
            && self.alternatives.is_empty()
            && self.done.is_none()
            && self.trend.is_none()
    }

    /// Gives bare numbers the indicator's unit.
    pub fn assume_unit(&mut self, unit: Unit) {
        if let Some(q) = &mut self.value {
            assume(q, unit);
        }
        for p in self.parts.iter_mut().chain(self.alternatives.iter_mut()) {
            assume(&mut p.value, unit);
        }
        if let Some(c) = &mut self.change {
            assume(&mut c.from, unit);
            assume(&mut c.to, unit);
        }
    }
}

fn assume(q: &mut Quantity, unit: Unit) {
    if q.unit == Unit::Number {
        q.unit = unit;
    }
}

/// Why a value could not be read, with the place in the text to point at.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct ValueError {
    /// What is wrong, in Russian.
    pub message: String,
    /// How to fix it, in Russian.
    pub hint: String,
    /// Byte offset of the offending text inside the raw value.
    pub offset: usize,
    /// Byte length of the offending text.
    pub len: usize,
    /// Which field of the indicator the value came from («target», «parts[0].actual»).
    pub field: Option<String>,
}

impl ValueError {
    /// An error about `raw[offset..offset + len]`.
    pub fn new(message: String, hint: &str, offset: usize, len: usize) -> Self {
        ValueError {
            message,
            hint: hint.to_string(),
            offset,
            len,
            field: None,
        }
    }

    /// The same error about text that starts `by` bytes later in the raw value.
    pub fn shifted(mut self, by: usize) -> Self {
        self.offset += by;
        self
    }

    /// The same error, marked as coming from `field`.
    pub fn in_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }

    /// The offending text inside `raw`, empty if the span does not fit it.
    pub fn snippet<'a>(&self, raw: &'a str) -> &'a str {
        raw.get(self.offset..self.offset + self.len).unwrap_or("")
    }
}

/// The shape a target takes in JSON and templates: flat, with the Russian rendering.
#[derive(Serialize)]
struct TargetView {
    raw: String,
    kind: &'static str,
    text: String,
    value: Option<Quantity>,
    trend: Option<TrendDirection>,
    base: Option<String>,
    parts: Vec<Part>,
    count: Option<u32>,
    coverage_min: Option<f64>,
}

impl From<Target> for TargetView {
    fn from(t: Target) -> Self {
        let trend = match t.kind {
            TargetKind::Trend(d) => Some(d),
            _ => None,
        };
        TargetView {
            kind: t.kind.slug(),
            text: t.describe(),
            value: t.kind.quantity(),
            trend,
            raw: t.raw,
            base: t.base,
            parts: t.parts,
            count: t.count,
            coverage_min: t.coverage_min,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_read_in_russian() {
        let q = |value, unit| Quantity { value, unit };
        assert_eq!(q(10.3, Unit::Percent).to_string(), "10,3\u{a0}%");
        assert_eq!(q(2.0, Unit::People).to_string(), "2\u{a0}чел.");
        assert_eq!(q(250.0, Unit::Number).to_string(), "250");
        assert_eq!(q(1.0, Unit::Events).to_string(), "1\u{a0}мероприятие");
        assert_eq!(q(4.0, Unit::Events).to_string(), "4\u{a0}мероприятия");
        assert_eq!(q(8.0, Unit::Events).to_string(), "8\u{a0}мероприятий");
    }

    #[test]
    fn unit_column() {
        assert_eq!(Unit::from_text("%"), Some(Unit::Percent));
        assert_eq!(Unit::from_text(" чел. "), Some(Unit::People));
        assert_eq!(Unit::from_text("ед."), Some(Unit::Units));
        assert_eq!(Unit::from_text("чел. на 1 методиста"), None);
    }

    #[test]
    fn target_serializes_flat() {
        let t = Target {
            raw: "не менее 10 %".into(),
            kind: TargetKind::Minimum(Quantity {
                value: 10.0,
                unit: Unit::Percent,
            }),
            base: None,
            parts: vec![],
            count: None,
            coverage_min: None,
        };
        let v = serde_json::to_value(&t).unwrap();
        assert_eq!(v["kind"], "minimum");
        assert_eq!(v["text"], "не менее 10\u{a0}%");
        assert_eq!(v["value"]["value"], 10.0);
        assert_eq!(v["value"]["unit"], "percent");
    }
}
