//! Front matter of each kind. Fields common to all kinds live in [`Common`]; the rest in
//! one struct per kind. Unknown top-level fields are found by `parse` from the schema.

use super::path_text::opt_path;
use super::{Kind, Level, OneOrMany};
use crate::activity::ActivityInput;
use crate::indicator::IndicatorInput;
use crate::parse::messages::HINT;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date, written `2025-11-21` or `21.11.2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.format("%Y-%m-%d").to_string())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}

struct DateVisitor;

impl<'de> serde::de::Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("дата вида 2025-11-21 или 21.11.2025")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
        use crate::ru::{DateError, YEARS};
        use chrono::Datelike;
        let date = crate::ru::read_date(v).map_err(|e| match e {
            DateError::ShortYear { year, .. } => {
                let full = e
                    .suggestion()
                    .map(|s| format!(": {s}"))
                    .unwrap_or_default();
                E::custom(format!(
                    "год в дате «{v}» записан двумя цифрами{HINT}{year}? Год пишется полностью{full}"
                ))
            }
            DateError::Invalid => E::custom(format!(
                "несуществующая или неверно записанная дата «{v}»: ожидается 2025-11-21 или 21.11.2025"
            )),
        })?;
        if !YEARS.contains(&date.year()) {
            return Err(E::custom(format!(
                "дата «{v}» вне допустимого диапазона{HINT}год даты — от {} до {}: проверьте, нет ли в нём лишней, пропущенной или переставленной цифры",
                YEARS.start(),
                YEARS.end()
            )));
        }
        Ok(Date(date))
    }

    // TOML hands its native dates over as a one-entry map.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
        let mut found = None;
        while let Some((_, v)) = map.next_entry::<String, String>()? {
            found = Some(v);
        }
        let v = found.ok_or_else(|| serde::de::Error::custom("пустая дата"))?;
        self.visit_str(&v)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Дата: 2025-11-21 или 21.11.2025",
            "pattern": "^(\\d{4}-\\d{2}-\\d{2}|\\d{2}\\.\\d{2}\\.\\d{4})$"
        })
    }
}

/// A year as typed; two digits (`26`) are an error with the hint «2026?».
struct Year(i32);

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Year, D::Error> {
        // The check runs inside the visitor, so the parser points the error at the value.
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Year;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("i32")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Year, E> {
                let y = i32::try_from(v)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &self))?;
                if (0..100).contains(&y) {
                    let full = crate::ru::full_year(y);
                    return Err(E::custom(format!(
                        "год «{y}» записан двумя цифрами{HINT}{full}? Год пишется полностью"
                    )));
                }
                if !crate::ru::YEARS.contains(&y) {
                    return Err(E::custom(format!(
                        "год «{y}» вне допустимого диапазона{HINT}год пишется четырьмя цифрами, от {} до {}",
                        crate::ru::YEARS.start(),
                        crate::ru::YEARS.end()
                    )));
                }
                Ok(Year(y))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Year, E> {
                let v = i64::try_from(v)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))?;
                self.visit_i64(v)
            }
        }
        d.deserialize_i32(V)
    }
}

fn opt_year<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
    Ok(Option::<Year>::deserialize(d)?.map(|Year(y)| y))
}

fn years<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<i32>, D::Error> {
    Ok(Vec::<Year>::deserialize(d)?
        .into_iter()
        .map(|Year(y)| y)
        .collect())
}

/// Fields every page may have.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Common {
    /// Вид страницы.
    pub kind: Kind,
    /// Заголовок.
    pub title: String,
    /// Короткий заголовок для списков и меню.
    #[serde(default)]
    pub short_title: Option<String>,
    /// Адрес страницы (латиницей); по умолчанию из имени файла.
    #[serde(default, deserialize_with = "opt_path")]
    pub slug: Option<String>,
    /// Дата документа или события.
    #[serde(default)]
    pub date: Option<Date>,
    /// Дата последнего изменения; если нет — из истории git или времени файла.
    #[serde(default)]
    pub updated: Option<Date>,
    /// Краткое описание для списков и поиска.
    #[serde(default)]
    pub summary: Option<String>,
    /// Метки.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Район (идентификатор или название из data/districts.yaml).
    #[serde(default)]
    pub district: Option<String>,
    /// Регион (идентификатор из data/regions.yaml).
    #[serde(default)]
    pub region: Option<String>,
    /// Год (для отчётов, планов, практик).
    #[serde(default, deserialize_with = "opt_year")]
    pub year: Option<i32>,
    /// Предмет или предметная область.
    #[serde(default, deserialize_with = "super::one_or_many")]
    #[schemars(with = "OneOrMany<String>")]
    pub subject: Vec<String>,
    /// Уровень образования: ДО, НОО, ООО, СОО, ДОД.
    #[serde(default, deserialize_with = "super::one_or_many")]
    #[schemars(with = "OneOrMany<Level>")]
    pub level: Vec<Level>,
    /// Черновик: не публикуется.
    #[serde(default)]
    pub draft: bool,
    /// Шаблон вместо шаблона по виду страницы.
    #[serde(default, deserialize_with = "opt_path")]
    pub template: Option<String>,
    /// Порядок в списках (меньше — выше).
    #[serde(default)]
    pub weight: Option<i64>,
    /// Редакционные примечания: расхождения в источнике и т. п.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Источник: файл или документ, из которого взята страница.
    #[serde(default)]
    pub source: Option<String>,
}

/// A legal act that approves a document: order, decree.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Act {
    /// Вид документа: приказ, распоряжение, постановление.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// Номер.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Дата.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Кто подписал.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<String>,
    /// Должность подписавшего.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Название документа.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A named group of indicators or activities.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Идентификатор группы (A, B…).
    pub id: String,
    /// Название.
    pub title: String,
}

/// Borrowed view of the fields shared by documents with indicators and activities.
#[derive(Debug, Clone, Copy)]
pub struct Accountability<'a> {
    /// Утверждающий документ.
    pub approved: Option<&'a Act>,
    /// Кто издал документ.
    pub publisher: Option<&'a str>,
    /// Группы показателей.
    pub indicator_groups: &'a [Group],
    /// Показатели.
    pub indicators: &'a [IndicatorInput],
    /// Файл с показателями.
    pub indicators_file: Option<&'a str>,
    /// Мероприятия.
    pub activities: &'a [ActivityInput],
}

// Written out per kind rather than `#[serde(flatten)]`: flattening buffers the input and
// loses the line and column of errors inside indicators and activities.
macro_rules! accountable {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$fmeta:meta])* pub $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
            /// Утверждающий документ.
            #[serde(default)]
            pub approved: Option<Act>,
            /// Кто издал документ.
            #[serde(default)]
            pub publisher: Option<String>,
            /// Группы показателей.
            #[serde(default)]
            pub indicator_groups: Vec<Group>,
            /// Показатели.
            #[serde(default)]
            pub indicators: Vec<IndicatorInput>,
            /// Файл с показателями рядом со страницей (CSV или XLSX).
            #[serde(default, deserialize_with = "opt_path")]
            pub indicators_file: Option<String>,
            /// Мероприятия.
            #[serde(default)]
            pub activities: Vec<ActivityInput>,
        }

        impl $name {
            /// The shared accountability fields.
            pub fn acc(&self) -> Accountability<'_> {
                Accountability {
                    approved: self.approved.as_ref(),
                    publisher: self.publisher.as_deref(),
                    indicator_groups: &self.indicator_groups,
                    indicators: &self.indicators,
                    indicators_file: self.indicators_file.as_deref(),
                    activities: &self.activities,
                }
            }
        }
    };
}

accountable! {
    /// Годовой отчёт.
    pub struct Report {
    /// Дата, по состоянию на которую даны значения.
    #[serde(default)]
    pub as_of: Option<Date>,
    /// План, исполнение которого описывает отчёт (ссылка на страницу).
    #[serde(default, deserialize_with = "opt_path")]
    pub plan: Option<String>,
}
}

accountable! {
    /// План работы.
    pub struct Plan {
}
}

/// A school in a roadmap, with its status and curator.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoadmapSchool {
    /// Школа (идентификатор или любое написание из data/schools.yaml).
    pub school: String,
    /// Статус: ШНОР или школа «зоны риска».
    #[serde(default)]
    pub status: Option<SchoolStatus>,
    /// Куратор.
    #[serde(default)]
    pub curator: Option<String>,
}

/// Why a school is supported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SchoolStatus {
    /// Школа с низкими образовательными результатами.
    LowResults,
    /// Школа «зоны риска».
    RiskZone,
}

accountable! {
    /// Дорожная карта.
    pub struct Roadmap {
    /// Школы, которые сопровождает дорожная карта.
    #[serde(default)]
    pub schools: Vec<RoadmapSchool>,
}
}

/// A stage of a programme.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Годы этапа, например «2025» или «2026–2027».
    pub years: String,
    /// Название этапа.
    pub title: String,
    /// Содержание этапа.
    #[serde(default)]
    pub description: Option<String>,
}

/// A monitoring criterion of a programme.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Название критерия.
    pub title: String,
    /// Показатели критерия.
    #[serde(default)]
    pub items: Vec<String>,
}

accountable! {
    /// Программа.
    pub struct Programme {
    /// Годы программы: первый и последний.
    #[serde(default, deserialize_with = "years")]
    pub years: Vec<i32>,
    /// Этапы.
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// Критерии мониторинга.
    #[serde(default)]
    pub criteria: Vec<Criterion>,
}
}

accountable! {
    /// Положение или распоряжение.
    pub struct Regulation {
    /// Система показателей, которую вводит документ (data/frameworks/<id>.yaml).
    #[serde(default)]
    pub framework: Option<String>,
}
}

/// A meeting of an association.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Дата.
    #[serde(default)]
    pub date: Option<Date>,
    /// Тема.
    pub topic: String,
    /// Ссылка на страницу мероприятия.
    #[serde(default, deserialize_with = "opt_path")]
    pub event: Option<String>,
}

/// Районное методическое объединение.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Rmo {
    /// Руководитель (только если назван в документе).
    #[serde(default)]
    pub leader: Option<String>,
    /// Школы — члены объединения.
    #[serde(default)]
    pub schools: Vec<String>,
    /// Заседания.
    #[serde(default)]
    pub meetings: Vec<Meeting>,
}

/// The scale of a competition or event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Школьный.
    School,
    /// Муниципальный.
    Municipal,
    /// Региональный.
    Regional,
    /// Межрегиональный.
    Interregional,
    /// Всероссийский.
    Federal,
    /// Международный.
    International,
}

impl Scope {
    /// The Russian adjective.
    pub fn label(self) -> &'static str {
        match self {
            Scope::School => "школьный",
            Scope::Municipal => "муниципальный",
            Scope::Regional => "региональный",
            Scope::Interregional => "межрегиональный",
            Scope::Federal => "всероссийский",
            Scope::International => "международный",
        }
    }
}

/// A prize-winner of a competition.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Winner {
    /// Имя (как в документе).
    #[serde(default)]
    pub name: Option<String>,
    /// Школа или организация.
    #[serde(default)]
    pub school: Option<String>,
    /// Место или звание: победитель, призёр, лауреат.
    #[serde(default)]
    pub place: Option<String>,
    /// Номинация.
    #[serde(default)]
    pub nomination: Option<String>,
}

/// Конкурс.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Competition {
    /// Уровень конкурса.
    #[serde(default)]
    pub scope: Option<Scope>,
    /// Организатор.
    #[serde(default)]
    pub organiser: Option<String>,
    /// Дата окончания (начало — в `date`).
    #[serde(default)]
    pub end: Option<Date>,
    /// Номинации.
    #[serde(default)]
    pub nominations: Vec<String>,
    /// Число участников.
    #[serde(default)]
    pub participants: Option<u32>,
    /// Организации-участники (из data/schools.yaml), если документ их называет.
    #[serde(default)]
    pub schools: Vec<String>,
    /// Победители и призёры.
    #[serde(default)]
    pub winners: Vec<Winner>,
}

/// A file or link attached to a practice.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Название.
    pub title: String,
    /// Файл рядом со страницей или внешний адрес (https, http, mailto, tel).
    #[serde(default)]
    pub url: Option<crate::url::UrlField<crate::url::LinkUrl>>,
}

/// Практика из банка лучших практик.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Practice {
    /// Авторы.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Организация (школа из реестра или название).
    #[serde(default)]
    pub organisation: Option<String>,
    /// Форма: мастер-класс, проект, методическая разработка…
    #[serde(default)]
    pub form: Option<String>,
    /// Откуда практика: страница конкурса или мероприятия.
    #[serde(default, deserialize_with = "opt_path")]
    pub source_event: Option<String>,
    /// Материалы.
    #[serde(default)]
    pub materials: Vec<Material>,
}

/// Мероприятие.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// Дата окончания (начало — в `date`).
    #[serde(default)]
    pub end: Option<Date>,
    /// Место проведения.
    #[serde(default)]
    pub place: Option<String>,
    /// Организатор.
    #[serde(default)]
    pub organiser: Option<String>,
    /// Уровень мероприятия.
    #[serde(default)]
    pub scope: Option<Scope>,
    /// Для кого.
    #[serde(default)]
    pub audience: Option<String>,
    /// Число участников.
    #[serde(default)]
    pub participants: Option<u32>,
    /// Организации — площадки и участники (из data/schools.yaml), если документ их называет.
    #[serde(default)]
    pub schools: Vec<String>,
    /// Форма: семинар, конференция, совещание…
    #[serde(default)]
    pub format: Option<String>,
}

/// Fields specific to each kind.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Meta {
    /// Отчёт.
    Report(Report),
    /// План.
    Plan(Plan),
    /// Дорожная карта.
    Roadmap(Roadmap),
    /// Программа.
    Programme(Programme),
    /// Положение.
    Regulation(Regulation),
    /// РМО.
    Rmo(Rmo),
    /// Конкурс.
    Competition(Competition),
    /// Практика.
    Practice(Practice),
    /// Мероприятие.
    Event(Event),
    /// Страница или новость: особых полей нет.
    Plain,
}

impl Meta {
    /// The indicators, activities and approval, for kinds that have them.
    pub fn accountability(&self) -> Option<Accountability<'_>> {
        match self {
            Meta::Report(r) => Some(r.acc()),
            Meta::Plan(p) => Some(p.acc()),
            Meta::Roadmap(r) => Some(r.acc()),
            Meta::Programme(p) => Some(p.acc()),
            Meta::Regulation(r) => Some(r.acc()),
            _ => None,
        }
    }
}

/// An empty struct for kinds without fields of their own.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct NoFields {}
