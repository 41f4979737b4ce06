//! Bodies: Markdown of every page and section rendered to HTML once all URLs are known,
//! with links between pages rewritten to relative `index.html` paths.

use crate::load::Asset;
use crate::markdown::{self, Rendered, Resolved};
use crate::parse::{Page, Section, UrlPath};
use crate::validate::{normalize, PageIndex};
use rayon::prelude::*;
use std::collections::HashSet;

/// Where a content asset is published, relative to the output root.
pub fn asset_output(rel: &std::path::Path) -> String {
    let rel = rel.to_string_lossy().replace('\\', "/");
    match rel.rsplit_once('/') {
        Some((dir, file)) => format!("{}{file}", UrlPath::from_segments(dir.split('/')).as_str()),
        None => rel,
    }
}

/// The assets under `content/`, as published paths.
pub fn asset_set(assets: &[Asset]) -> HashSet<String> {
    assets.iter().map(|a| asset_output(&a.rel)).collect()
}

/// A link destination split into its parts.
pub enum Dest<'a> {
    /// `https://…`, `mailto:…` and the like.
    External,
    /// `#anchor` on the same page.
    SamePage(&'a str),
    /// Another page, with an optional anchor.
    Page(usize, Option<&'a str>),
    /// A file beside the content.
    Asset(String),
    /// A page whose front matter has errors: it exists, its errors are its own.
    Unbuilt,
    /// Nothing of that name.
    Missing,
}

/// Classifies `dest` as written on a page in folder `base` (under `content/`).
pub fn classify<'a>(
    dest: &'a str,
    base: &str,
    index: &PageIndex,
    assets: &HashSet<String>,
) -> Dest<'a> {
    let dest = dest.trim();
    if dest.is_empty() {
        return Dest::Missing;
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Dest::SamePage(anchor);
    }
    if dest.contains("://") || dest.starts_with("//") || has_scheme(dest) {
        return Dest::External;
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (dest, None),
    };
    if let Some(i) = index.find(base, path) {
        return Dest::Page(i, anchor);
    }
    if index.is_unbuilt(base, path) {
        return Dest::Unbuilt;
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let asset = if let Some(abs) = decoded.strip_prefix('/') {
        normalize(abs)
    } else {
        normalize(&format!("{base}/{decoded}"))
    };
    let asset = asset_output(std::path::Path::new(&asset));
    if assets.contains(&asset) {
        Dest::Asset(asset)
    } else {
        Dest::Missing
    }
}

fn has_scheme(dest: &str) -> bool {
    dest.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '.' || c == '-')
    })
}

/// How a link from the page at `from` (folder `base` under `content/`) is rewritten.
pub fn resolver<'a>(
    from: &'a UrlPath,
    base: String,
    pages: &'a [Page],
    index: &'a PageIndex,
    assets: &'a HashSet<String>,
) -> impl Fn(&str) -> Resolved + 'a {
    move |dest: &str| match classify(dest, &base, index, assets) {
        Dest::Page(i, anchor) => {
            let mut href = from.href_to(&pages[i].url);
            if let Some(a) = anchor {
                href.push('#');
                href.push_str(a);
            }
            Resolved::Href(href)
        }
        Dest::Asset(a) => Resolved::Href(format!("{}{a}", from.root_prefix())),
        _ => Resolved::Keep,
    }
}

/// Renders the bodies of all pages, in page order.
pub fn render_pages(pages: &[Page], index: &PageIndex, assets: &HashSet<String>) -> Vec<Rendered> {
    pages
        .par_iter()
        .map(|p| markdown::render(p.body(), &resolver(&p.url, p.dir(), pages, index, assets)))
        .collect()
}

/// Renders the bodies of all sections, in section order.
pub fn render_sections(
    sections: &[Section],
    pages: &[Page],
    index: &PageIndex,
    assets: &HashSet<String>,
) -> Vec<Rendered> {
    sections
        .par_iter()
        .map(|s| {
            markdown::render(
                s.body(),
                &resolver(&s.url, s.dir.clone(), pages, index, assets),
            )
        })
        .collect()
}
