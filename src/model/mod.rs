//! The content model: typed front matter for every kind of page, and registries.
//!
//! Front matter is parsed at the edge (see `parse`) into these types; later stages trust them.

mod kinds;
mod mentions;
mod path_text;
mod registry;
mod skeleton;

pub use kinds::*;
pub use mentions::{Found, SchoolMatcher};
pub use registry::*;
pub use skeleton::*;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The kind of a page; it decides the template, the schema and the section.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Годовой отчёт.
    Report,
    /// План работы.
    Plan,
    /// Дорожная карта.
    Roadmap,
    /// Программа.
    Programme,
    /// Положение, распоряжение.
    Regulation,
    /// Районное методическое объединение.
    Rmo,
    /// Конкурс.
    Competition,
    /// Практика из банка лучших практик.
    Practice,
    /// Мероприятие: семинар, конференция, совещание.
    Event,
    /// Свободная страница.
    Page,
    /// Новость.
    News,
}

impl Kind {
    /// Every kind, in the order the site shows them.
    pub const ALL: [Kind; 11] = [
        Kind::Report,
        Kind::Plan,
        Kind::Roadmap,
        Kind::Programme,
        Kind::Regulation,
        Kind::Rmo,
        Kind::Competition,
        Kind::Practice,
        Kind::Event,
        Kind::News,
        Kind::Page,
    ];

    /// The name used in front matter and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Report => "report",
            Kind::Plan => "plan",
            Kind::Roadmap => "roadmap",
            Kind::Programme => "programme",
            Kind::Regulation => "regulation",
            Kind::Rmo => "rmo",
            Kind::Competition => "competition",
            Kind::Practice => "practice",
            Kind::Event => "event",
            Kind::Page => "page",
            Kind::News => "news",
        }
    }

    /// Parses the front-matter name.
    pub fn from_name(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The Russian name of one page of this kind.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Report => "Отчёт",
            Kind::Plan => "План",
            Kind::Roadmap => "Дорожная карта",
            Kind::Programme => "Программа",
            Kind::Regulation => "Положение",
            Kind::Rmo => "РМО",
            Kind::Competition => "Конкурс",
            Kind::Practice => "Практика",
            Kind::Event => "Мероприятие",
            Kind::Page => "Страница",
            Kind::News => "Новость",
        }
    }

    /// The Russian plural, for list headings.
    pub fn label_plural(self) -> &'static str {
        match self {
            Kind::Report => "Отчёты",
            Kind::Plan => "Планы",
            Kind::Roadmap => "Дорожные карты",
            Kind::Programme => "Программы",
            Kind::Regulation => "Положения и распоряжения",
            Kind::Rmo => "Районные методические объединения",
            Kind::Competition => "Конкурсы",
            Kind::Practice => "Банк лучших практик",
            Kind::Event => "Мероприятия",
            Kind::Page => "Страницы",
            Kind::News => "Новости",
        }
    }

    /// Russian plural forms for counts: (one, few, many).
    pub fn count_forms(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Kind::Report => ("отчёт", "отчёта", "отчётов"),
            Kind::Plan => ("план", "плана", "планов"),
            Kind::Roadmap => ("дорожная карта", "дорожные карты", "дорожных карт"),
            Kind::Programme => ("программа", "программы", "программ"),
            Kind::Regulation => ("положение", "положения", "положений"),
            Kind::Rmo => ("РМО", "РМО", "РМО"),
            Kind::Competition => ("конкурс", "конкурса", "конкурсов"),
            Kind::Practice => ("практика", "практики", "практик"),
            Kind::Event => ("мероприятие", "мероприятия", "мероприятий"),
            Kind::Page => ("страница", "страницы", "страниц"),
            Kind::News => ("новость", "новости", "новостей"),
        }
    }
}

/// Уровень образования, as the bank of practices classifies them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum Level {
    /// Дошкольное образование.
    #[serde(rename = "ДО")]
    Do,
    /// Начальное общее.
    #[serde(rename = "НОО")]
    Noo,
    /// Основное общее.
    #[serde(rename = "ООО")]
    Ooo,
    /// Среднее общее.
    #[serde(rename = "СОО")]
    Soo,
    /// Дополнительное образование детей.
    #[serde(rename = "ДОД")]
    Dod,
}

impl Level {
    /// Every level in school order.
    pub const ALL: [Level; 5] = [Level::Do, Level::Noo, Level::Ooo, Level::Soo, Level::Dod];

    /// The abbreviation used in documents.
    pub fn code(self) -> &'static str {
        match self {
            Level::Do => "ДО",
            Level::Noo => "НОО",
            Level::Ooo => "ООО",
            Level::Soo => "СОО",
            Level::Dod => "ДОД",
        }
    }

    /// The full Russian name.
    pub fn name(self) -> &'static str {
        match self {
            Level::Do => "Дошкольное образование",
            Level::Noo => "Начальное общее образование",
            Level::Ooo => "Основное общее образование",
            Level::Soo => "Среднее общее образование",
            Level::Dod => "Дополнительное образование детей",
        }
    }

    /// An ASCII slug for URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Level::Do => "do",
            Level::Noo => "noo",
            Level::Ooo => "ooo",
            Level::Soo => "soo",
            Level::Dod => "dod",
        }
    }
}

/// Reads a value written either as one item or as a list, keeping serde's own error
/// for a bad element (an untagged enum would replace it with a vague one).
pub fn one_or_many<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    use serde::de::{value, IntoDeserializer, SeqAccess, Visitor};
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("значение или список значений")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(v) = seq.next_element()? {
                out.push(v);
            }
            Ok(out)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Vec<T>, E> {
            let d: value::StrDeserializer<'_, E> = v.into_deserializer();
            T::deserialize(d).map(|x| vec![x])
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Vec<T>, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Vec<T>, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
    }
    d.deserialize_any(V(std::marker::PhantomData))
}

/// A count that must be above zero; the check runs inside the visitor, so the parser
/// points the error at the value.
struct PositiveCount(usize);

impl<'de> Deserialize<'de> for PositiveCount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<PositiveCount, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = PositiveCount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("usize")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<PositiveCount, E> {
                match usize::try_from(v) {
                    Ok(0) => Err(E::custom(format!(
                        "число записей на странице списка должно быть больше нуля{}укажите, сколько записей показывать, например 20, или уберите поле",
                        crate::parse::messages::HINT
                    ))),
                    Ok(n) => Ok(PositiveCount(n)),
                    Err(_) => Err(E::invalid_value(serde::de::Unexpected::Unsigned(v), &self)),
                }
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<PositiveCount, E> {
                let v = u64::try_from(v)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &self))?;
                self.visit_u64(v)
            }
        }
        d.deserialize_u64(V)
    }
}

/// Reads an optional count that must be above zero (a section's `paginate`): 0 was read
/// as 1 without a word.
pub fn positive_count<'de, D>(d: D) -> Result<Option<usize>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    Ok(Option::<PositiveCount>::deserialize(d)?.map(|PositiveCount(n)| n))
}

/// The shape `one_or_many` accepts, for the JSON schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// A single value.
    One(T),
    /// A list of values.
    Many(Vec<T>),
}
