//! School pages: every organisation of `data/schools.yaml` with the pages that name it,
//! so a school links to its practices, roadmaps, associations and prizes, and back.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{LinkView, Term};
use crate::accountability::{ActivityLink, Derived};
use crate::model::{Meta, Registries, SchoolStatus, SchoolType};
use crate::parse::{Page, UrlPath};
use crate::validate::Refs;

/// What a page says about a school.
#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    /// The page.
    pub page: LinkView,
    /// The school's part in it: «участник», «ШНОР», «победитель, номинация …».
    pub role: String,
    /// The page's activities that name the school, each linking to its row.
    pub activities: Vec<ActivityMention>,
    /// The page's year, shown where it has no date.
    pub year: Option<i32>,
    /// The page's date (or 1 January of its year), for the order of the list.
    #[serde(skip)]
    pub date: Option<NaiveDate>,
}

/// An activity that names a school: «мероприятие 31» linking to `#activity-31`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityMention {
    /// Number as in the document.
    pub n: Option<String>,
    /// What is done.
    pub title: String,
    /// The `id` of its row on the page.
    pub anchor: String,
    /// Its place in the page's list, to keep the document's order.
    #[serde(skip)]
    pub row: usize,
}

/// One school's page.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolPage {
    /// Registry id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Name for lists.
    pub short_name: String,
    /// «Школа», «Детский сад», …
    pub type_label: &'static str,
    /// Its district.
    pub district: Option<Term>,
    /// Other spellings met in the documents.
    pub aliases: Vec<String>,
    /// Site-relative URL.
    pub url: String,
    /// Pages naming the school, newest first (undated last), then by title.
    pub mentions: Vec<Mention>,
    #[serde(skip)]
    /// Typed URL.
    pub url_path: UrlPath,
}

/// All school pages, and which belong to each district.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Schools {
    /// In registry order.
    pub list: Vec<SchoolPage>,
    /// District id → indexes into `list`, by short name.
    pub by_district: BTreeMap<String, Vec<usize>>,
}

impl Schools {
    /// The schools of a district, by short name.
    pub fn of_district(&self, district: &str) -> Vec<&SchoolPage> {
        self.by_district
            .get(district)
            .map(|ix| ix.iter().map(|i| &self.list[*i]).collect())
            .unwrap_or_default()
    }
}

/// The URL of a school's page.
pub fn school_url(id: &str) -> String {
    format!("schools/{id}/")
}

fn type_label(t: SchoolType) -> &'static str {
    match t {
        SchoolType::School => "Общеобразовательная организация",
        SchoolType::Kindergarten => "Дошкольная образовательная организация",
        SchoolType::Additional => "Организация дополнительного образования",
        SchoolType::Other => "Организация",
    }
}

/// One school as one page names it: every naming of it there, merged.
#[derive(Debug, Clone)]
pub struct OnPage {
    /// Registry id.
    pub id: String,
    /// As first written (empty for a name found only in the text).
    pub written: String,
    /// Its part on the page: «ШНОР», «участник», «победитель, номинация …».
    pub role: String,
    /// The page's activities that name it.
    pub activities: Vec<ActivityMention>,
}

/// The schools page `p` names, each once, in the order named: the fields that list
/// schools first, then the text of its activities and body. A school page and the
/// page's own «Школы» both read this, so they agree.
pub fn on_page(p: &Page, r: &Refs, activities: &[ActivityLink]) -> Vec<OnPage> {
    let mut out: Vec<OnPage> = Vec::new();
    let named = r.schools.iter().map(|(w, id)| (w.as_str(), id.as_str()));
    let organisation = r.organisation.as_deref().map(|id| ("", id));
    for (written, id) in named.chain(organisation) {
        let role = kind_role(&p.meta, written);
        let naming = naming_activities(activities, written);
        add(&mut out, id, written, role, naming);
    }
    let inputs = p.meta.accountability().map(|a| a.activities);
    let mut said: Vec<(&str, &'static str)> = Vec::new();
    for t in &r.text_schools {
        if let Some(role) = t.role {
            said.push((t.id.as_str(), role.label()));
        }
        let row = t
            .activity
            .and_then(|i| inputs.and_then(|list| list.get(i)))
            .and_then(|a| {
                activities
                    .iter()
                    .position(|l| l.n == a.n && l.title == a.title)
            });
        let naming = row
            .map(|i| activity_mention(activities, i))
            .into_iter()
            .collect();
        add(&mut out, &t.id, "", String::new(), naming);
    }
    for s in &mut out {
        // A role the fields give (a roadmap's status, a prize) is the page's word; what
        // a sentence says fills in only where the fields say nothing.
        if s.role.is_empty() {
            for (_, role) in said.iter().filter(|(id, _)| *id == s.id) {
                merge(&mut s.role, &mut Vec::new(), role.to_string(), Vec::new());
            }
        }
        if s.role.is_empty() && s.activities.is_empty() {
            s.role = "названа в тексте".to_string();
        }
    }
    out
}

fn add(out: &mut Vec<OnPage>, id: &str, written: &str, role: String, naming: Vec<ActivityMention>) {
    match out.iter_mut().find(|s| s.id == id) {
        Some(s) => merge(&mut s.role, &mut s.activities, role, naming),
        None => out.push(OnPage {
            id: id.to_string(),
            written: written.to_string(),
            role,
            activities: naming,
        }),
    }
}

/// Builds the school pages from the references the validate stage resolved and the
/// activities (with their row anchors) the accountability stage derived.
pub fn build(
    pages: &[Page],
    refs: &[Refs],
    derived: &[Option<&Derived>],
    reg: &Registries,
    link: &dyn Fn(usize) -> LinkView,
) -> Schools {
    let mut mentions: Vec<Vec<Mention>> = vec![Vec::new(); reg.schools.len()];
    for (i, (p, r)) in pages.iter().zip(refs).enumerate() {
        let activities = derived
            .get(i)
            .copied()
            .flatten()
            .map_or(&[][..], |d| d.activity_links.as_slice());
        for named in on_page(p, r, activities) {
            let Some(s) = reg.school_index(&named.id) else {
                continue;
            };
            mentions[s].push(Mention {
                page: link(i),
                role: named.role,
                activities: named.activities,
                year: p.common.year.or(page_date(p).map(|d| d.year())),
                date: page_date(p),
            });
        }
    }
    let mut by_district: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let list: Vec<SchoolPage> = reg
        .schools
        .iter()
        .zip(mentions)
        .enumerate()
        .map(|(i, (s, mut m))| {
            by_district.entry(s.district.clone()).or_default().push(i);
            m.sort_by(|a, b| {
                b.date
                    .cmp(&a.date)
                    .then_with(|| a.page.title.cmp(&b.page.title))
            });
            let url = school_url(&s.id);
            SchoolPage {
                id: s.id.clone(),
                name: s.name.clone(),
                short_name: s.display_name().to_string(),
                type_label: type_label(s.kind),
                district: reg
                    .district(&s.district)
                    .map(|d| Term::new(d.display_name(), &format!("district/{}/", d.id))),
                aliases: s.aliases.clone(),
                url_path: UrlPath::from_segments(["schools", s.id.as_str()]),
                url,
                mentions: m,
            }
        })
        .collect();
    for ix in by_district.values_mut() {
        ix.sort_by(|a, b| list[*a].short_name.cmp(&list[*b].short_name));
    }
    Schools { list, by_district }
}

/// The date a page is listed by: its date, else 1 January of its year (the same key
/// the site's lists sort by).
fn page_date(p: &Page) -> Option<NaiveDate> {
    let c = &p.common;
    c.date
        .map(|d| d.0)
        .or(c.year.and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)))
}

/// The activities whose `schools` name the school as `written`.
fn naming_activities(activities: &[ActivityLink], written: &str) -> Vec<ActivityMention> {
    activities
        .iter()
        .enumerate()
        .filter(|(_, a)| !written.is_empty() && a.schools.iter().any(|s| s == written))
        .map(|(row, _)| activity_mention(activities, row))
        .collect()
}

fn activity_mention(activities: &[ActivityLink], row: usize) -> ActivityMention {
    let a = &activities[row];
    ActivityMention {
        n: a.n.clone(),
        title: a.title.clone(),
        anchor: a.anchor.clone(),
        row,
    }
}

/// Adds a second naming of the school on the same page (two prizes, two spellings, a
/// field and a sentence) to its entry.
fn merge(
    role: &mut String,
    list: &mut Vec<ActivityMention>,
    more: String,
    activities: Vec<ActivityMention>,
) {
    if !more.is_empty() && !role.split("; ").any(|r| r == more) {
        if !role.is_empty() {
            role.push_str("; ");
        }
        role.push_str(&more);
    }
    for a in activities {
        if !list.contains(&a) {
            list.push(a);
        }
    }
    list.sort_by_key(|a| a.row);
}

fn kind_role(meta: &Meta, written: &str) -> String {
    match meta {
        Meta::Roadmap(r) => match r.schools.iter().find(|s| s.school == written) {
            Some(s) => match s.status {
                Some(SchoolStatus::LowResults) => "школа с низкими образовательными результатами",
                Some(SchoolStatus::RiskZone) => "школа «зоны риска»",
                None => "сопровождается по дорожной карте",
            }
            .to_string(),
            None => String::new(),
        },
        Meta::Rmo(_) => "участник объединения".to_string(),
        Meta::Event(_) => "участник".to_string(),
        Meta::Competition(c) => {
            let prizes: Vec<String> = c
                .winners
                .iter()
                .filter(|w| w.school.as_deref() == Some(written))
                .map(|w| {
                    let mut s = w.place.clone().unwrap_or_else(|| "награда".into());
                    if let Some(n) = &w.nomination {
                        s.push_str(&format!(", номинация «{n}»"));
                    }
                    s
                })
                .collect();
            if prizes.is_empty() {
                "участник".to_string()
            } else {
                prizes.join("; ")
            }
        }
        Meta::Practice(_) => "автор практики".to_string(),
        _ => String::new(),
    }
}
