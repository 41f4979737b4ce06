//! Derive: everything computed from valid content before rendering: dates, resolved
//! references as links, backlinks, indicator achievement, sections, taxonomies.
//!
//! Input: parsed pages, rendered bodies, resolved [`Refs`]. Output: a frozen [`Site`] of
//! plain serializable views that templates read; nothing after this stage mutates it.

pub mod dashboard;
pub mod schools;
mod taxonomy;
pub mod updated;

pub use taxonomy::{sections, taxonomies, Taxonomy, Term};

use crate::config::Config;
use crate::markdown::{Heading, Rendered};
use crate::model::{Kind, Meta, Registries};
use crate::parse::{Page, Section, UrlPath};
use crate::validate::Refs;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// A link to another page, as templates show it.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Title.
    pub title: String,
    /// Site-relative URL.
    pub url: String,
    /// Kind of the page.
    pub kind: Kind,
    /// Russian name of the kind.
    pub kind_label: &'static str,
    /// Date, Russian long form.
    pub date_ru: Option<String>,
}

/// A school named on a page.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolView {
    /// Registry id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Full name.
    pub full_name: String,
    /// Site-relative URL of the school's page.
    pub url: String,
    /// As written on the page.
    pub written: String,
    /// Its part on the page (as its school page shows it).
    pub role: String,
    /// The page's activities that name it.
    pub activities: Vec<schools::ActivityMention>,
}

/// Everything a template knows about one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// Title.
    pub title: String,
    /// Title for lists.
    pub short_title: String,
    /// Kind.
    pub kind: Kind,
    /// Russian name of the kind.
    pub kind_label: &'static str,
    /// Site-relative URL.
    pub url: String,
    /// Source file, relative to the site.
    pub src: String,
    /// ISO date.
    pub date: Option<String>,
    /// Date in Russian: «21 ноября 2025 г.».
    pub date_ru: Option<String>,
    /// ISO date of last change.
    pub updated: Option<String>,
    /// Last change in Russian.
    pub updated_ru: Option<String>,
    /// Summary for lists.
    pub summary: String,
    /// Sanitized HTML body.
    pub content: String,
    /// Headings for the table of contents.
    pub toc: Vec<Heading>,
    /// Plain text of the body, for search.
    #[serde(skip)]
    pub text: String,
    /// Year.
    pub year: Option<i32>,
    /// District as a taxonomy term.
    pub district: Option<Term>,
    /// Region name.
    pub region: Option<String>,
    /// Subjects.
    pub subjects: Vec<Term>,
    /// Education levels.
    pub levels: Vec<Term>,
    /// Tags.
    pub tags: Vec<Term>,
    /// Editorial notes.
    pub notes: Vec<String>,
    /// Source document.
    pub source: Option<String>,
    /// Kind-specific fields as written.
    pub meta: serde_json::Value,
    /// Pages this page names in front matter, by field.
    pub refs: BTreeMap<&'static str, LinkView>,
    /// Schools named on this page.
    pub schools: Vec<SchoolView>,
    /// The organisation of a practice, when it is a known school.
    pub organisation: Option<SchoolView>,
    /// Pages that name or link to this one, by kind.
    pub backlinks: Vec<LinkView>,
    /// Indicators, activities and their summaries, for accountable kinds.
    pub accountability: Option<serde_json::Value>,
    /// Open-data files published beside the page.
    #[serde(skip)]
    pub files: Vec<(String, Vec<u8>)>,
    /// Sort key: date or year.
    #[serde(skip)]
    pub sort_date: Option<NaiveDate>,
    /// Sort weight.
    #[serde(skip)]
    pub weight: Option<i64>,
    /// Template override.
    #[serde(skip)]
    pub template: Option<String>,
    /// Where it is published.
    #[serde(skip)]
    pub url_path: UrlPath,
}

/// A section with its pages.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// Title.
    pub title: String,
    /// Site-relative URL.
    pub url: String,
    /// Intro HTML.
    pub content: String,
    /// Summary.
    pub summary: Option<String>,
    /// Pages, indexes into [`Site::pages`], in display order.
    #[serde(skip)]
    pub pages: Vec<usize>,
    /// Child sections, indexes into [`Site::sections`].
    #[serde(skip)]
    pub children: Vec<usize>,
    /// Items per list page.
    #[serde(skip)]
    pub paginate: usize,
    /// Menu order.
    #[serde(skip)]
    pub weight: i64,
    /// Where it is published.
    #[serde(skip)]
    pub url_path: UrlPath,
    /// Folder under content/.
    #[serde(skip)]
    pub dir: String,
}

/// The whole site, frozen, ready to render.
#[derive(Debug)]
pub struct Site {
    /// Settings.
    pub config: Config,
    /// Registries.
    pub registries: Registries,
    /// Pages.
    pub pages: Vec<PageView>,
    /// Sections; the first is the home page.
    pub sections: Vec<SectionView>,
    /// Taxonomies.
    pub taxonomies: Vec<Taxonomy>,
    /// Indicator trends of districts and regional dashboards of frameworks.
    pub dashboards: dashboard::Dashboards,
    /// A page per school, kindergarten and other organisation of the registry.
    pub schools: schools::Schools,
}

/// Input of [`derive`], borrowed from the earlier stages.
pub struct DeriveInput<'a> {
    /// Settings.
    pub config: Config,
    /// Registries.
    pub registries: Registries,
    /// Parsed pages.
    pub pages: &'a [Page],
    /// Their rendered bodies.
    pub bodies: Vec<Rendered>,
    /// Their resolved references.
    pub refs: &'a [Refs],
    /// Sections.
    pub sections: &'a [Section],
    /// Their rendered bodies.
    pub section_bodies: Vec<Rendered>,
    /// Git dates.
    pub git: &'a updated::GitDates,
    /// Derived accountability data per page (indicators, activities), computed by the
    /// indicator stage.
    pub accountability: Vec<Option<crate::accountability::Derived>>,
}

/// Builds the frozen site.
pub fn derive(input: DeriveInput<'_>) -> Site {
    let DeriveInput {
        config,
        registries,
        pages,
        bodies,
        refs,
        sections,
        section_bodies,
        git,
        accountability,
    } = input;
    let derived: Vec<Option<&crate::accountability::Derived>> =
        accountability.iter().map(Option::as_ref).collect();
    let dashboards = dashboard::build(pages, refs, &derived, &registries);
    let link = |i: usize| link_view(&pages[i]);
    let schools = schools::build(pages, refs, &derived, &registries, &link);
    let mut views: Vec<PageView> = pages
        .iter()
        .zip(bodies)
        .zip(refs)
        .zip(accountability)
        .map(|(((p, body), r), acc)| page_view(p, body, r, acc, &registries, git, &link))
        .collect();
    add_backlinks(&mut views, pages, refs);
    let sections = taxonomy::sections(pages, sections, section_bodies, &views, &config);
    let taxonomies = taxonomy::taxonomies(&views, &registries);
    Site {
        config,
        registries,
        pages: views,
        sections,
        taxonomies,
        dashboards,
        schools,
    }
}

/// How other pages link to `p`.
pub fn link_view(p: &Page) -> LinkView {
    LinkView {
        title: p
            .common
            .short_title
            .clone()
            .unwrap_or_else(|| p.common.title.clone()),
        url: p.url.as_str().to_string(),
        kind: p.common.kind,
        kind_label: p.common.kind.label(),
        date_ru: p.common.date.map(|d| crate::ru::long_date(d.0)),
    }
}

fn school_view(reg: &Registries, written: &str, id: &str) -> Option<SchoolView> {
    reg.school(id).map(|s| SchoolView {
        id: s.id.clone(),
        name: s.display_name().to_string(),
        full_name: s.name.clone(),
        url: schools::school_url(&s.id),
        written: written.to_string(),
        role: String::new(),
        activities: Vec::new(),
    })
}

/// The schools a page names, each once with its role: a document spells one school
/// several ways («СОШ №20», «СОШ № 20»), in fields and in its text, and each spelling
/// resolves to the same registry entry. The first spelling is kept.
fn named_schools(
    reg: &Registries,
    p: &Page,
    r: &Refs,
    acc: Option<&crate::accountability::Derived>,
) -> Vec<SchoolView> {
    let activities = acc.map_or(&[][..], |d| d.activity_links.as_slice());
    schools::on_page(p, r, activities)
        .into_iter()
        // A practice's organisation has its own line; it is not one of «Школы».
        // A page with a list of its schools (a roadmap's supported schools, an RMO's
        // members, a competition's participants) keeps that list as «Школы»: a centre
        // its text names as organiser is not one of them. Reports and plans have no such
        // list; the schools their text names are theirs.
        .filter(|s| {
            r.schools.iter().any(|(_, id)| *id == s.id)
                || (text_lists_schools(&p.meta) && r.text_schools.iter().any(|t| t.id == s.id))
        })
        .filter_map(|s| {
            let mut v = school_view(reg, &s.written, &s.id)?;
            v.role = s.role;
            v.activities = s.activities;
            Some(v)
        })
        .collect()
}

/// True for the kinds whose «Школы» are the schools their text names: those without a
/// list of schools of their own.
fn text_lists_schools(meta: &Meta) -> bool {
    matches!(
        meta,
        Meta::Report(_) | Meta::Plan(_) | Meta::Programme(_) | Meta::Regulation(_)
    )
}

/// The view of one page, without backlinks (see [`add_backlinks`]).
pub fn page_view(
    p: &Page,
    body: Rendered,
    r: &Refs,
    accountability: Option<crate::accountability::Derived>,
    reg: &Registries,
    git: &updated::GitDates,
    link: &dyn Fn(usize) -> LinkView,
) -> PageView {
    let c = &p.common;
    let updated = updated::updated(c.updated.map(|d| d.0), git, &p.abs, p.modified);
    let summary = c
        .summary
        .clone()
        .unwrap_or_else(|| excerpt(&body.text, 220));
    let district = r
        .district
        .as_deref()
        .and_then(|id| reg.district(id))
        .map(|d| Term::new(d.display_name(), &format!("district/{}/", d.id)));
    let region = r
        .region
        .as_deref()
        .and_then(|id| reg.region(id))
        .map(|x| x.name.clone());
    PageView {
        title: c.title.clone(),
        short_title: c.short_title.clone().unwrap_or_else(|| c.title.clone()),
        kind: c.kind,
        kind_label: c.kind.label(),
        url: p.url.as_str().to_string(),
        src: p.src.to_string_lossy().replace('\\', "/"),
        date: c.date.map(|d| d.0.to_string()),
        date_ru: c.date.map(|d| crate::ru::long_date(d.0)),
        updated: updated.map(|d| d.to_string()),
        updated_ru: updated.map(crate::ru::long_date),
        summary,
        content: body.html,
        toc: body.headings.into_iter().filter(|h| h.level <= 3).collect(),
        text: body.text,
        year: c.year.or(c.date.map(|d| chrono::Datelike::year(&d.0))),
        district,
        region,
        subjects: c
            .subject
            .iter()
            .map(|s| Term::slugged("subject", s))
            .collect(),
        levels: c
            .level
            .iter()
            .map(|l| Term::new(l.code(), &format!("level/{}/", l.slug())))
            .collect(),
        tags: c.tags.iter().map(|t| Term::slugged("tags", t)).collect(),
        notes: c.notes.clone(),
        source: c.source.clone(),
        meta: meta_json(&p.meta),
        refs: r.pages.iter().map(|(f, i)| (*f, link(*i))).collect(),
        schools: named_schools(reg, p, r, accountability.as_ref()),
        organisation: match (&p.meta, &r.organisation) {
            (Meta::Practice(pr), Some(id)) => {
                school_view(reg, pr.organisation.as_deref().unwrap_or(""), id)
            }
            _ => None,
        },
        backlinks: Vec::new(),
        files: accountability
            .as_ref()
            .map(|a| a.files.clone())
            .unwrap_or_default(),
        accountability: accountability.map(|a| a.view),
        sort_date: c
            .date
            .map(|d| d.0)
            .or(c.year.and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))),
        weight: c.weight,
        template: c.template.clone(),
        url_path: p.url.clone(),
    }
}

fn meta_json(meta: &Meta) -> serde_json::Value {
    let mut v = serde_json::to_value(meta).unwrap_or(serde_json::Value::Null);
    // Indicators and activities reach templates parsed, through `accountability`.
    if let Some(o) = v.as_object_mut() {
        o.remove("indicators");
        o.remove("activities");
    }
    v
}

/// Fills every view's backlinks: the pages that name or link to it.
pub fn add_backlinks(views: &mut [PageView], pages: &[Page], refs: &[Refs]) {
    let mut back: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
    for (from, r) in refs.iter().enumerate() {
        let named = r.pages.iter().map(|(_, to)| to);
        for to in named.chain(r.links.iter()) {
            // Pages are visited in order, so a repeat can only be the last entry: a page
            // named by thousands stays linear.
            if back[*to].last() != Some(&from) {
                back[*to].push(from);
            }
        }
    }
    for (to, froms) in back.into_iter().enumerate() {
        let mut links: Vec<LinkView> = froms.into_iter().map(|f| link_view(&pages[f])).collect();
        links.sort_by(|a, b| (a.kind, &a.title).cmp(&(b.kind, &b.title)));
        views[to].backlinks = links;
    }
}

/// The first `max` characters of `text`, cut at a word.
pub fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => format!("{cut}…"),
    }
}
