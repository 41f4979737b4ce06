//! The pipeline: load → parse → validate → derive → render → search → write.

use crate::diag::Diagnostics;
use crate::{body, config, derive, load, parse, render, validate, write};
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to do with a site.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Site root (has `content/`).
    pub root: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// Warnings are errors.
    pub strict: bool,
    /// Write the output (false for `check`).
    pub write: bool,
}

/// What a build produced.
#[derive(Debug)]
pub struct BuildReport {
    /// Problems found.
    pub diags: Diagnostics,
    /// Content pages published.
    pub pages: usize,
    /// Files written (0 for `check` or a failed build).
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Wall time.
    pub elapsed: std::time::Duration,
    /// The frozen site, if the content was valid.
    pub site: Option<derive::Site>,
}

impl BuildReport {
    /// True if the build failed.
    pub fn failed(&self) -> bool {
        self.diags.has_errors()
    }
}

/// Runs the pipeline. Content problems are in the report; `Err` is for I/O failures.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    if opts.write {
        write::recover(&opts.out);
    }
    let loaded = load::load(&opts.root, &mut diags);
    let config = config::parse_config(loaded.config.as_ref(), &mut diags);
    let registries = parse::data::parse_registries(&loaded.data, &mut diags);
    let (pages, sections) = parse::parse_pages(&loaded.pages, &mut diags);
    let index = validate::PageIndex::new(&pages);
    let assets = body::asset_set(&loaded.content_assets);
    let bodies = body::render_pages(&pages, &index, &assets);
    let section_bodies = body::render_sections(&sections, &pages, &index, &assets);
    let mut refs = validate::validate(&pages, &sections, &registries, &mut diags);
    validate::check_links(&pages, &bodies, &index, &assets, &mut refs, &mut diags);
    validate::check_nesting(&pages, &bodies, &sections, &section_bodies, &mut diags);
    validate::check_personal_data(&pages, &config.allowed_contacts, &mut diags);
    let accountability = crate::accountability::derive_all(&pages, &refs, &registries, &mut diags);
    let git = derive::updated::GitDates::read(&opts.root);
    let site = derive::derive(derive::DeriveInput {
        config,
        registries,
        pages: &pages,
        bodies,
        refs: &refs,
        sections: &sections,
        section_bodies,
        git: &git,
        accountability,
    });
    let mut tera = render::theme::load(&loaded.templates, &mut diags);
    if let Some(t) = tera.as_mut() {
        render::theme::check_page_templates(t, &pages, &mut diags);
    }
    let files = match &tera {
        Some(t) => render::render(&site, t, &mut diags),
        None => Vec::new(),
    };
    if opts.strict {
        diags.make_strict();
    }
    let mut report = BuildReport {
        pages: site.pages.len(),
        files: 0,
        bytes: 0,
        elapsed: started.elapsed(),
        site: None,
        diags,
    };
    if report.failed() || !opts.write {
        report.site = Some(site);
        report.elapsed = started.elapsed();
        return Ok(report);
    }
    let content_assets = loaded
        .content_assets
        .iter()
        .map(|a| (body::asset_output(&a.rel), a))
        .collect();
    report.files = files.len();
    report.bytes = files.iter().map(|f| f.bytes.len() as u64).sum();
    write::write(
        &opts.out,
        write::Output {
            files,
            theme_files: render::theme::static_files(),
            content_assets,
            static_files: &loaded.static_files,
        },
        |tmp| {
            if site.config.search {
                crate::search::write_search(&site, tmp)?;
            }
            Ok(())
        },
    )?;
    report.site = Some(site);
    report.elapsed = started.elapsed();
    Ok(report)
}

/// The default output folder of a site.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}
