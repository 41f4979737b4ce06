//! Sections (folders of `content/`) and taxonomies (district, subject, level, year, kind,
//! tags), each built in one pass over the pages.

use super::{PageView, SectionView};
use crate::config::Config;
use crate::markdown::Rendered;
use crate::model::{Kind, Level, Registries};
use crate::parse::page::SortBy;
use crate::parse::{Page, Section, UrlPath};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A value of a taxonomy with its list page.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Term {
    /// Display name.
    pub name: String,
    /// Site-relative URL of the term's page.
    pub url: String,
}

impl Term {
    /// A term with a given URL.
    pub fn new(name: &str, url: &str) -> Term {
        Term {
            name: name.to_string(),
            url: url.to_string(),
        }
    }

    /// A term under `taxonomy/` whose URL is the transliterated name; spellings that
    /// differ in case or `ё`/`е` only share it ([`crate::ru::term_slug`]).
    pub fn slugged(taxonomy: &str, name: &str) -> Term {
        let slug = crate::ru::term_slug(name);
        let slug = if slug.is_empty() {
            "-".to_string()
        } else {
            slug
        };
        Term::new(name, &format!("{taxonomy}/{slug}/"))
    }
}

/// A taxonomy term with its pages.
#[derive(Debug, Clone, Serialize)]
pub struct TermPages {
    /// The term.
    pub term: Term,
    /// Pages, indexes into `Site::pages`, newest first.
    #[serde(skip)]
    pub pages: Vec<usize>,
    /// Number of pages.
    pub count: usize,
}

/// One classification of pages.
#[derive(Debug, Clone, Serialize)]
pub struct Taxonomy {
    /// URL segment: `district`.
    pub key: &'static str,
    /// Russian title: «Районы».
    pub title: &'static str,
    /// Site-relative URL of the list of terms.
    pub url: String,
    /// Terms in display order.
    pub terms: Vec<TermPages>,
}

fn newest_first(views: &[PageView], list: &mut [usize]) {
    list.sort_by(|a, b| {
        let (pa, pb) = (&views[*a], &views[*b]);
        pb.sort_date
            .cmp(&pa.sort_date)
            .then_with(|| pa.title.cmp(&pb.title))
    });
}

/// The spellings of one term (with how many pages use each, in the order met) and its
/// pages.
#[derive(Default)]
struct TermGroup {
    names: Vec<(String, usize)>,
    pages: Vec<usize>,
}

impl TermGroup {
    fn add(&mut self, name: &str, page: usize) {
        match self.names.iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => *count += 1,
            None => self.names.push((name.to_string(), 1)),
        }
        // A page naming one term twice («ФГОС», «фгос») is listed once.
        if self.pages.last() != Some(&page) {
            self.pages.push(page);
        }
    }

    /// The spelling most pages use; of equals, the first met.
    fn name(&self) -> String {
        let mut best: Option<&(String, usize)> = None;
        for n in &self.names {
            if best.is_none_or(|b| n.1 > b.1) {
                best = Some(n);
            }
        }
        best.map(|b| b.0.clone()).unwrap_or_default()
    }
}

/// Terms of one taxonomy by URL: one page per URL, whatever the spelling.
type TermMap = BTreeMap<String, TermGroup>;

/// Builds every taxonomy.
pub fn taxonomies(views: &[PageView], reg: &Registries) -> Vec<Taxonomy> {
    let mut by: [(&'static str, &'static str, TermMap); 6] = [
        ("district", "Районы", BTreeMap::new()),
        ("subject", "Предметы", BTreeMap::new()),
        ("level", "Уровни образования", BTreeMap::new()),
        ("year", "Годы", BTreeMap::new()),
        ("kind", "Виды материалов", BTreeMap::new()),
        ("tags", "Метки", BTreeMap::new()),
    ];
    for (i, v) in views.iter().enumerate() {
        let mut add =
            |slot: usize, t: &Term| by[slot].2.entry(t.url.clone()).or_default().add(&t.name, i);
        if let Some(d) = &v.district {
            add(0, d);
        }
        v.subjects.iter().for_each(|t| add(1, t));
        v.levels.iter().for_each(|t| add(2, t));
        if let Some(y) = v.year {
            add(3, &Term::new(&y.to_string(), &format!("year/{y}/")));
        }
        add(
            4,
            &Term::new(v.kind.label_plural(), &format!("kind/{}/", v.kind.as_str())),
        );
        v.tags.iter().for_each(|t| add(5, t));
    }
    by.into_iter()
        .map(|(key, title, terms)| {
            let mut terms: Vec<TermPages> = terms
                .into_iter()
                .map(|(url, group)| {
                    let term = Term {
                        name: group.name(),
                        url,
                    };
                    let mut pages = group.pages;
                    newest_first(views, &mut pages);
                    TermPages {
                        count: pages.len(),
                        term,
                        pages,
                    }
                })
                .collect();
            order_terms(key, &mut terms, reg);
            Taxonomy {
                key,
                title,
                url: format!("{key}/"),
                terms,
            }
        })
        .collect()
}

fn order_terms(key: &str, terms: &mut [TermPages], _reg: &Registries) {
    match key {
        "year" => terms.sort_by(|a, b| b.term.name.cmp(&a.term.name)),
        "level" => terms.sort_by_key(|t| {
            Level::ALL
                .iter()
                .position(|l| l.code() == t.term.name)
                .unwrap_or(usize::MAX)
        }),
        "kind" => terms.sort_by_key(|t| {
            Kind::ALL
                .iter()
                .position(|k| k.label_plural() == t.term.name)
                .unwrap_or(usize::MAX)
        }),
        _ => terms.sort_by(|a, b| a.term.name.cmp(&b.term.name)),
    }
}

/// Builds sections from folders: every folder with pages gets a list, `_index.md` adds a
/// title and intro; the home page is the root section.
pub fn sections(
    pages: &[Page],
    sections: &[Section],
    bodies: Vec<Rendered>,
    views: &[PageView],
    config: &Config,
) -> Vec<SectionView> {
    let mut by_dir: BTreeMap<String, SectionView> = BTreeMap::new();
    let mut sort: HashMap<String, SortBy> = HashMap::new();
    // The kind of the pages of each folder (`None`: mixed), found in one pass.
    let mut kinds: HashMap<String, Option<Kind>> = HashMap::new();
    for p in pages {
        kinds
            .entry(section_dir(p))
            .and_modify(|k| {
                if *k != Some(p.common.kind) {
                    *k = None;
                }
            })
            .or_insert(Some(p.common.kind));
    }
    let empty = |dir: &str| SectionView {
        title: default_title(dir, &kinds),
        url: UrlPath::from_segments(dir.split('/')).as_str().to_string(),
        content: String::new(),
        summary: None,
        pages: Vec::new(),
        children: Vec::new(),
        paginate: config.paginate.max(1),
        weight: 0,
        url_path: UrlPath::from_segments(dir.split('/')),
        dir: dir.to_string(),
    };
    by_dir.insert(String::new(), empty(""));
    for (s, body) in sections.iter().zip(bodies) {
        let mut v = empty(&s.dir);
        if let Some(t) = &s.front.title {
            v.title = t.clone();
        }
        v.summary = s.front.summary.clone();
        v.content = body.html;
        v.weight = s.front.weight.unwrap_or(0);
        if let Some(n) = s.front.paginate {
            v.paginate = n.max(1);
        }
        if let Some(sb) = s.front.sort_by {
            sort.insert(s.dir.clone(), sb);
        }
        by_dir.insert(s.dir.clone(), v);
    }
    for (i, p) in pages.iter().enumerate() {
        let dir = section_dir(p);
        // Every ancestor folder exists as a section so that breadcrumbs never break.
        let mut d = dir.clone();
        loop {
            by_dir.entry(d.clone()).or_insert_with(|| empty(&d));
            match d.rsplit_once('/') {
                Some((parent, _)) => d = parent.to_string(),
                None if !d.is_empty() => d = String::new(),
                None => break,
            }
        }
        if let Some(s) = by_dir.get_mut(&dir) {
            s.pages.push(i);
        }
    }
    let mut list: Vec<SectionView> = by_dir.into_values().collect();
    for s in &mut list {
        match sort.get(&s.dir).copied().unwrap_or_default() {
            SortBy::Date => newest_first(views, &mut s.pages),
            SortBy::Title => s
                .pages
                .sort_by(|a, b| views[*a].title.cmp(&views[*b].title)),
            SortBy::Weight => s.pages.sort_by(|a, b| {
                (views[*a].weight.unwrap_or(i64::MAX), &views[*a].title)
                    .cmp(&(views[*b].weight.unwrap_or(i64::MAX), &views[*b].title))
            }),
        }
    }
    let dirs: HashMap<String, usize> = list
        .iter()
        .enumerate()
        .map(|(i, s)| (s.dir.clone(), i))
        .collect();
    for i in 0..list.len() {
        if list[i].dir.is_empty() {
            continue;
        }
        let parent = list[i].dir.rsplit_once('/').map_or("", |(p, _)| p);
        if let Some(pi) = dirs.get(parent).copied() {
            list[pi].children.push(i);
        }
    }
    list
}

/// The folder that lists a page: a bundle (`x/index.md`) belongs to its parent folder.
fn section_dir(p: &Page) -> String {
    let dir = p.dir();
    if p.src.file_name().is_some_and(|n| n == "index.md") {
        dir.rsplit_once('/')
            .map_or(String::new(), |(parent, _)| parent.to_string())
    } else {
        dir
    }
}

fn default_title(dir: &str, kinds: &HashMap<String, Option<Kind>>) -> String {
    if dir.is_empty() {
        return "Главная".into();
    }
    // A folder holding pages of one kind is named after the kind.
    match kinds.get(dir) {
        Some(Some(k)) => k.label_plural().to_string(),
        _ => dir.rsplit('/').next().unwrap_or(dir).to_string(),
    }
}
