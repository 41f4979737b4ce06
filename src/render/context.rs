//! Render jobs (one per output page) and the tera context each one sees.

use crate::derive::{PageView, SectionView, Site};
use crate::parse::UrlPath;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};

/// One HTML file to render.
#[derive(Debug, Clone)]
pub enum Job {
    /// A content page.
    Page(usize),
    /// Page `n` (1-based) of a section's list.
    Section(usize, usize),
    /// The list of terms of a taxonomy.
    Taxonomy(usize),
    /// Page `n` of a term's list.
    Term(usize, usize, usize),
    /// The regional dashboard of a framework; `None`: the list of dashboards.
    Dashboard(Option<usize>),
    /// A school's page; `None`: the list of schools by district.
    School(Option<usize>),
    /// The search page.
    Search,
    /// The «not found» page.
    NotFound,
}

/// Every page of the site, lists paginated.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
    for (i, s) in site.sections.iter().enumerate() {
        let n = pages_count(s.pages.len(), s.paginate);
        jobs.extend((1..=n).map(|p| Job::Section(i, p)));
    }
    for (t, tax) in site.taxonomies.iter().enumerate() {
        if tax.terms.is_empty() {
            continue;
        }
        jobs.push(Job::Taxonomy(t));
        for (k, term) in tax.terms.iter().enumerate() {
            let n = pages_count(term.pages.len(), site.config.paginate.max(1));
            jobs.extend((1..=n).map(|p| Job::Term(t, k, p)));
        }
    }
    let dashboards = &site.dashboards.frameworks;
    if !dashboards.is_empty() {
        jobs.push(Job::Dashboard(None));
        jobs.extend((0..dashboards.len()).map(|i| Job::Dashboard(Some(i))));
    }
    if !site.schools.list.is_empty() {
        jobs.push(Job::School(None));
        jobs.extend((0..site.schools.list.len()).map(|i| Job::School(Some(i))));
    }
    jobs.push(Job::Search);
    jobs.push(Job::NotFound);
    jobs
}

/// How many list pages `items` entries fill, `per` to a page (at least one).
pub fn pages_count(items: usize, per: usize) -> usize {
    items.div_ceil(per.max(1)).max(1)
}

/// The URL of page `n` of a list at `base`: `base/`, `base/page/2/`.
fn paged(base: &UrlPath, n: usize) -> UrlPath {
    if n <= 1 {
        base.clone()
    } else {
        base.join("page").join(&n.to_string())
    }
}

impl Job {
    /// The template that renders this job.
    pub fn template(&self, site: &Site, tera: &Tera) -> String {
        let has = |n: &str| tera.get_template_names().any(|t| t == n);
        match self {
            Job::Page(i) => {
                let p = &site.pages[*i];
                if let Some(t) = &p.template {
                    return t.clone();
                }
                let by_kind = format!("{}.html", p.kind.as_str());
                if has(&by_kind) {
                    by_kind
                } else {
                    "page.html".into()
                }
            }
            Job::Section(i, _) if site.sections[*i].dir.is_empty() => "index.html".into(),
            Job::Section(..) => "section.html".into(),
            Job::Taxonomy(_) => "taxonomy.html".into(),
            Job::Term(..) => "term.html".into(),
            Job::Dashboard(Some(_)) => "dashboard.html".into(),
            Job::Dashboard(None) => "dashboards.html".into(),
            Job::School(Some(_)) => "school.html".into(),
            Job::School(None) => "schools.html".into(),
            Job::Search => "search.html".into(),
            Job::NotFound => "404.html".into(),
        }
    }

    /// The source file behind this job, for error messages.
    pub fn source(&self, site: &Site) -> Option<PathBuf> {
        match self {
            Job::Page(i) => Some(PathBuf::from(&site.pages[*i].src)),
            _ => None,
        }
    }
}

/// A page in a list: every field of the page but its body, table of contents and
/// indicators (a list of 20 pages would otherwise carry 20 whole documents into every
/// list page; lists show titles and summaries, the rest is on the page itself).
#[derive(Serialize)]
struct Item<'a> {
    title: &'a str,
    short_title: &'a str,
    kind: crate::model::Kind,
    kind_label: &'static str,
    url: &'a str,
    src: &'a str,
    date: &'a Option<String>,
    date_ru: &'a Option<String>,
    updated: &'a Option<String>,
    updated_ru: &'a Option<String>,
    summary: &'a str,
    year: Option<i32>,
    district: &'a Option<crate::derive::Term>,
    region: &'a Option<String>,
    subjects: &'a [crate::derive::Term],
    levels: &'a [crate::derive::Term],
    tags: &'a [crate::derive::Term],
    notes: &'a [String],
    source: &'a Option<String>,
    meta: &'a serde_json::Value,
    refs: &'a std::collections::BTreeMap<&'static str, crate::derive::LinkView>,
    schools: &'a [crate::derive::SchoolView],
    organisation: &'a Option<crate::derive::SchoolView>,
    backlinks: &'a [crate::derive::LinkView],
}

impl<'a> Item<'a> {
    fn of(p: &'a PageView) -> Item<'a> {
        Item {
            title: &p.title,
            short_title: &p.short_title,
            kind: p.kind,
            kind_label: p.kind_label,
            url: &p.url,
            src: &p.src,
            date: &p.date,
            date_ru: &p.date_ru,
            updated: &p.updated,
            updated_ru: &p.updated_ru,
            summary: &p.summary,
            year: p.year,
            district: &p.district,
            region: &p.region,
            subjects: &p.subjects,
            levels: &p.levels,
            tags: &p.tags,
            notes: &p.notes,
            source: &p.source,
            meta: &p.meta,
            refs: &p.refs,
            schools: &p.schools,
            organisation: &p.organisation,
            backlinks: &p.backlinks,
        }
    }
}

/// Pagination links, relative to the current page.
#[derive(Serialize)]
struct Paginator {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    items_total: usize,
}

/// A menu entry.
#[derive(Serialize)]
struct NavItem {
    title: String,
    url: String,
    current: bool,
}

fn nav(site: &Site, here: &UrlPath) -> Vec<NavItem> {
    let root = &site.sections[0];
    let mut items: Vec<&SectionView> = root.children.iter().map(|i| &site.sections[*i]).collect();
    items.sort_by(|a, b| (a.weight, &a.title).cmp(&(b.weight, &b.title)));
    items
        .into_iter()
        .map(|s| NavItem {
            title: s.title.clone(),
            url: s.url.clone(),
            current: here.as_str().starts_with(s.url.as_str()),
        })
        .collect()
}

fn page_slice<'a>(site: &'a Site, list: &[usize], per: usize, n: usize) -> Vec<Item<'a>> {
    list.iter()
        .skip((n - 1) * per)
        .take(per)
        .map(|i| Item::of(&site.pages[*i]))
        .collect()
}

fn paginator(base: &UrlPath, here: &UrlPath, items: usize, per: usize, n: usize) -> Paginator {
    let total = pages_count(items, per);
    Paginator {
        current: n,
        total,
        prev: (n > 1).then(|| here.href_to(&paged(base, n - 1))),
        next: (n < total).then(|| here.href_to(&paged(base, n + 1))),
        items_total: items,
    }
}

/// A taxonomy as a term's page sees it: what it is and where its list is.
#[derive(Serialize)]
struct TaxonomyHead<'a> {
    key: &'a str,
    title: &'a str,
    url: &'a str,
    terms_count: usize,
}

/// Site-wide values every template sees.
#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: &'a str,
    organisation: Option<&'a str>,
    search: bool,
    /// Whether pages show their editorial notes (`editorial_notes` of metodist.toml).
    editorial_notes: bool,
}

/// Builds the context of one job.
pub fn context(site: &Site, job: &Job) -> Context {
    let url = job_url(site, job);
    let mut ctx = Context::new();
    ctx.insert("root", &url.root_prefix());
    ctx.insert("current_url", url.as_str());
    ctx.insert(
        "site",
        &SiteCtx {
            title: &site.config.title,
            description: &site.config.description,
            organisation: site.config.organisation.as_deref(),
            search: site.config.search,
            editorial_notes: site.config.editorial_notes,
        },
    );
    ctx.insert("nav", &nav(site, &url));
    ctx.insert("dashboards", &site.dashboards.links);
    ctx.insert("has_schools", &!site.schools.list.is_empty());
    ctx.insert(
        "taxonomies",
        &site
            .taxonomies
            .iter()
            .filter(|t| !t.terms.is_empty())
            .map(|t| (t.title, &t.url))
            .collect::<Vec<_>>(),
    );
    match job {
        Job::Page(i) => {
            ctx.insert("page", &site.pages[*i]);
        }
        Job::Section(i, n) => {
            let s = &site.sections[*i];
            ctx.insert("section", s);
            ctx.insert("pages", &page_slice(site, &s.pages, s.paginate, *n));
            ctx.insert(
                "paginator",
                &paginator(&s.url_path, &url, s.pages.len(), s.paginate, *n),
            );
            let subsections: Vec<&SectionView> =
                s.children.iter().map(|c| &site.sections[*c]).collect();
            ctx.insert("subsections", &subsections);
            if s.dir.is_empty() {
                ctx.insert("kinds", &kind_counts(site));
                ctx.insert("latest", &latest(site, 8));
            }
        }
        Job::Taxonomy(t) => {
            ctx.insert("taxonomy", &site.taxonomies[*t]);
        }
        Job::Term(t, k, n) => {
            let tax = &site.taxonomies[*t];
            let term = &tax.terms[*k];
            let per = site.config.paginate.max(1);
            // Without its terms: a term's page serialising every term made a
            // taxonomy of n terms cost n² (20,000 tags: minutes).
            ctx.insert(
                "taxonomy",
                &TaxonomyHead {
                    key: tax.key,
                    title: tax.title,
                    url: &tax.url,
                    terms_count: tax.terms.len(),
                },
            );
            ctx.insert("term", term);
            ctx.insert("pages", &page_slice(site, &term.pages, per, *n));
            let base = UrlPath::from_segments(term.term.url.split('/'));
            ctx.insert(
                "paginator",
                &paginator(&base, &url, term.pages.len(), per, *n),
            );
            // The first page of a district's list also shows its trends and schools.
            let district = (tax.key == "district" && *n == 1)
                .then(|| term.term.url.strip_prefix("district/"))
                .flatten()
                .map(|d| d.trim_end_matches('/'));
            let trends = district.and_then(|d| site.dashboards.trends.get(d));
            ctx.insert("trends", &trends.map_or(&[][..], Vec::as_slice));
            let schools = district.map(|d| site.schools.of_district(d));
            ctx.insert("schools", &schools.unwrap_or_default());
        }
        Job::School(Some(i)) => {
            ctx.insert("school", &site.schools.list[*i]);
        }
        Job::School(None) => {
            ctx.insert("districts", &schools_by_district(site));
        }
        Job::Dashboard(Some(i)) => {
            ctx.insert("dashboard", &site.dashboards.frameworks[*i]);
        }
        Job::Search | Job::NotFound | Job::Dashboard(None) => {}
    }
    ctx
}

/// The URL of a job.
pub fn job_url(site: &Site, job: &Job) -> UrlPath {
    match job {
        Job::Page(i) => site.pages[*i].url_path.clone(),
        Job::Section(i, n) => paged(&site.sections[*i].url_path, *n),
        Job::Taxonomy(t) => UrlPath::from_segments([site.taxonomies[*t].key]),
        Job::Term(t, k, n) => {
            let term = &site.taxonomies[*t].terms[*k];
            paged(&UrlPath::from_segments(term.term.url.split('/')), *n)
        }
        Job::Dashboard(Some(i)) => site.dashboards.frameworks[*i].url_path.clone(),
        Job::Dashboard(None) => UrlPath::from_segments(["dashboard"]),
        Job::School(Some(i)) => site.schools.list[*i].url_path.clone(),
        Job::School(None) => UrlPath::from_segments(["schools"]),
        Job::Search => UrlPath::from_segments(["search"]),
        Job::NotFound => UrlPath::root(),
    }
}

/// The file a job writes, relative to the output folder.
pub fn job_file(site: &Site, job: &Job) -> PathBuf {
    match job {
        Job::NotFound => Path::new("404.html").to_path_buf(),
        _ => job_url(site, job).output_file(),
    }
}

/// A district with its schools, for the list of schools.
#[derive(Serialize)]
struct DistrictSchools<'a> {
    name: &'a str,
    url: String,
    schools: Vec<&'a crate::derive::schools::SchoolPage>,
}

fn schools_by_district(site: &Site) -> Vec<DistrictSchools<'_>> {
    let mut out: Vec<DistrictSchools<'_>> = site
        .schools
        .by_district
        .keys()
        .map(|id| {
            let d = site.registries.district(id);
            DistrictSchools {
                name: d.map_or(id.as_str(), |d| d.display_name()),
                url: format!("district/{id}/"),
                schools: site.schools.of_district(id),
            }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(b.name));
    out
}

#[derive(Serialize)]
pub(crate) struct KindCount {
    label: &'static str,
    url: String,
    count: usize,
}

/// Pages of each kind, for the home page.
pub(crate) fn kind_counts(site: &Site) -> Vec<KindCount> {
    site.taxonomies
        .iter()
        .find(|t| t.key == "kind")
        .map(|t| {
            t.terms
                .iter()
                .filter_map(|term| {
                    let kind = crate::model::Kind::ALL
                        .into_iter()
                        .find(|k| k.label_plural() == term.term.name)?;
                    Some(KindCount {
                        label: kind.label_plural(),
                        url: term.term.url.clone(),
                        count: term.count,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The newest news and events, for the home page.
pub fn latest(site: &Site, n: usize) -> Vec<&PageView> {
    let mut idx: Vec<usize> = (0..site.pages.len())
        .filter(|i| {
            matches!(
                site.pages[*i].kind,
                crate::model::Kind::News | crate::model::Kind::Event
            )
        })
        .collect();
    idx.sort_by(|a, b| site.pages[*b].sort_date.cmp(&site.pages[*a].sort_date));
    idx.into_iter().take(n).map(|i| &site.pages[i]).collect()
}
