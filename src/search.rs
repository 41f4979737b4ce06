//! Search: the tantivy index of every page and its static export for the browser.
//!
//! Input: the frozen [`Site`]. Output: `search/tantivy/` (the real index, for
//! `metodist search` and the dev server) and the static shards beside it.

use crate::derive::{PageView, Site, Term};
use anyhow::{Context, Result};
use search_index::SearchDoc;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where the tantivy index lives inside the output folder.
pub fn index_dir(out: &Path) -> PathBuf {
    out.join("search").join("tantivy")
}

/// Flattens a page into what the index needs.
pub fn search_doc(p: &PageView) -> SearchDoc {
    let meta = &p.meta;
    let text = |k: &str| {
        meta.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let list = |k: &str| -> Vec<String> {
        meta.get(k)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let organisation = p
        .organisation
        .as_ref()
        .map(|o| o.name.clone())
        .unwrap_or_else(|| text("organisation"));
    let district_id = p
        .district
        .as_ref()
        .and_then(|t| t.url.strip_prefix("district/"))
        .map(|s| s.trim_end_matches('/').to_string())
        .unwrap_or_default();
    SearchDoc {
        id: p.url.trim_end_matches('/').to_string(),
        url: p.url.clone(),
        title: p.title.clone(),
        summary: p.summary.clone(),
        body: p.text.clone(),
        authors: list("authors"),
        organisation,
        district: p
            .district
            .as_ref()
            .map(|d| d.name.clone())
            .unwrap_or_default(),
        district_id,
        level: p.levels.iter().map(|t| t.name.clone()).collect(),
        subject: p.subjects.iter().map(|t| t.name.clone()).collect(),
        form: if text("form").is_empty() {
            text("format")
        } else {
            text("form")
        },
        year: p.year,
        kind: p.kind.as_str().to_string(),
        tags: p.tags.iter().map(|t| t.name.clone()).collect(),
    }
}

/// Every page flattened; tags and subjects under the name of their taxonomy page, so
/// that «ФГОС» and «фгос» are one facet value as they are one page.
pub fn search_docs(site: &Site) -> Vec<SearchDoc> {
    let names: HashMap<&str, &str> = site
        .taxonomies
        .iter()
        .flat_map(|t| &t.terms)
        .map(|t| (t.term.url.as_str(), t.term.name.as_str()))
        .collect();
    let named = |terms: &[Term]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in terms {
            let name = names.get(t.url.as_str()).copied().unwrap_or(&t.name);
            if !out.iter().any(|n| n == name) {
                out.push(name.to_string());
            }
        }
        out
    };
    site.pages
        .iter()
        .map(|p| SearchDoc {
            tags: named(&p.tags),
            subject: named(&p.subjects),
            ..search_doc(p)
        })
        .collect()
}

/// Builds the index and the static export into `out` (a folder being written).
pub fn write_search(site: &Site, out: &Path) -> Result<()> {
    let docs = search_docs(site);
    let dir = index_dir(out);
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("не удалось создать {}", dir.display()))?;
    let index =
        search_index::build_index(&docs, &dir).context("не удалось построить поисковый индекс")?;
    search_index::export_static(&index, &docs, &out.join("search"))
        .context("не удалось выгрузить поисковый индекс для браузера")?;
    Ok(())
}
