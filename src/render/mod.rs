//! Render: tera templates over the frozen [`Site`], in parallel, into files in memory.
//!
//! Templates come from the embedded default theme; a site's `templates/` folder overrides
//! any file of the same name. Every page, list, taxonomy and feed becomes an [`OutFile`].

pub mod context;
mod errors;
mod feeds;
mod filters;
mod sandbox;
pub mod theme;

use crate::derive::Site;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
use rayon::prelude::*;
use std::path::PathBuf;

/// A file to write, relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// Path under the output folder.
    pub path: PathBuf,
    /// Content.
    pub bytes: Vec<u8>,
}

impl OutFile {
    /// A text file.
    pub fn text(path: impl Into<PathBuf>, text: String) -> OutFile {
        OutFile {
            path: path.into(),
            bytes: text.into_bytes(),
        }
    }
}

pub use context::{job_file, jobs, Job};

/// Renders the whole site; template problems become diagnostics (`templates`: the
/// site's own, to point at their lines).
pub fn render(
    site: &Site,
    tera: &tera::Tera,
    templates: &[SourceFile],
    diags: &mut Diagnostics,
) -> Vec<OutFile> {
    let jobs = context::jobs(site);
    let mut files = render_jobs(site, tera, templates, &jobs, diags, &|| {});
    files.extend(extra_files(site));
    files
}

/// Renders the given jobs in parallel, calling `tick` after each one. A template error
/// that many pages hit is reported once, with the number of pages.
pub fn render_jobs(
    site: &Site,
    tera: &tera::Tera,
    templates: &[SourceFile],
    jobs: &[Job],
    diags: &mut Diagnostics,
    tick: &(dyn Fn() + Sync),
) -> Vec<OutFile> {
    let results: Vec<Result<OutFile, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let ctx = context::context(site, job);
            let name = job.template(site, tera);
            let out = tera
                .render(&name, &ctx)
                .map(|html| OutFile::text(context::job_file(site, job), html))
                .map_err(|e| theme::render_error(&name, job.source(site), &e, templates));
            tick();
            out
        })
        .collect();
    let mut files = Vec::with_capacity(results.len() + 4);
    let mut errors: Vec<(Diagnostic, usize)> = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => match errors.iter_mut().find(|(e, _)| same_place(e, &d)) {
                Some((_, n)) => *n += 1,
                None => errors.push((d, 0)),
            },
        }
    }
    for (mut d, more) in errors {
        if let (Some(h), true) = (&mut d.hint, more > 0) {
            h.push_str(&format!(
                " и ещё {}",
                crate::ru::plural_n(more, "страница", "страницы", "страниц")
            ));
        }
        diags.push(d);
    }
    files
}

/// One template error met on several pages: the same file, line and wording.
fn same_place(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.pos.is_some() && (&a.path, a.pos, &a.message) == (&b.path, b.pos, &b.message)
}
/// Everything but the templated pages: open data beside pages, the sitemap, the feed
/// and the highlighting stylesheet.
pub fn extra_files(site: &Site) -> Vec<OutFile> {
    let mut files = Vec::new();
    for p in &site.pages {
        for (name, bytes) in &p.files {
            files.push(OutFile {
                path: std::path::Path::new(p.url_path.as_str()).join(name),
                bytes: bytes.clone(),
            });
        }
    }
    files.push(OutFile::text("sitemap.xml", feeds::sitemap(site)));
    files.push(OutFile::text("atom.xml", feeds::atom(site)));
    files.push(OutFile::text(
        "css/highlight.css",
        crate::markdown::highlight_css(),
    ));
    files
}
