//! `metodist check`.

use anyhow::Result;
use metodist::build::{build, default_out, BuildOptions};
use metodist::diag::Diagnostics;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Validates everything, writes nothing; exit 1 on errors. Given one page (`.md` inside a
/// site's `content/`), checks the whole site it belongs to (links need it) and reports
/// that page's problems.
pub fn run(site: &Path, strict: bool) -> Result<ExitCode> {
    let md = site
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    if site.is_file() || (md && !site.exists()) {
        return run_page(site, strict);
    }
    let report = build(&options(site, strict))?;
    metodist::term::err(&report.diags.report());
    if report.failed() {
        return Ok(ExitCode::FAILURE);
    }
    metodist::errln!(
        "проверено: {}, ошибок нет",
        metodist::ru::plural_n(report.pages, "страница", "страницы", "страниц")
    );
    Ok(ExitCode::SUCCESS)
}

fn options(site: &Path, strict: bool) -> BuildOptions {
    BuildOptions {
        root: site.to_path_buf(),
        out: default_out(site),
        strict,
        write: false,
        force: false,
    }
}

/// Checks the site of the page `file` and reports the page's own problems.
fn run_page(file: &Path, strict: bool) -> Result<ExitCode> {
    if !file.exists() {
        anyhow::bail!("файла «{}» нет", file.display());
    }
    let Some((root, rel)) = page_site(file) else {
        anyhow::bail!(
            "«{}» — не страница сайта: metodist check проверяет папку сайта или файл .md из её \
             папки content/",
            file.display()
        );
    };
    if rel
        .components()
        .any(|c| metodist::load::is_ignored(&c.as_os_str().to_string_lossy()))
    {
        anyhow::bail!(
            "«{}» не публикуется (скрытые файлы, копии редактора и отчёты импорта *.review.md \
             сайт пропускает), проверять в нём нечего",
            file.display()
        );
    }
    metodist::errln!(
        "проверяется страница {} сайта «{}» (ссылки — по всему сайту)",
        rel.display(),
        root.display()
    );
    let report = build(&options(&root, strict))?;
    let mut own = Diagnostics::new();
    let mut others = 0;
    for d in report.diags.items() {
        if d.path == rel {
            own.push(d.clone());
        } else if d.severity == metodist::diag::Severity::Error {
            others += 1;
        }
    }
    metodist::term::err(&own.report());
    if others > 0 {
        metodist::errln!(
            "в других файлах сайта: {} (все покажет metodist check {})",
            metodist::ru::plural_n(others, "ошибка", "ошибки", "ошибок"),
            root.display()
        );
    }
    if own.has_errors() {
        return Ok(ExitCode::FAILURE);
    }
    metodist::errln!("страница {}: ошибок нет", rel.display());
    Ok(ExitCode::SUCCESS)
}

/// The site folder holding the Markdown page `file` in its `content/`, and the page's
/// path relative to it, as diagnostics name it.
fn page_site(file: &Path) -> Option<(PathBuf, PathBuf)> {
    let is_md = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    if !is_md {
        return None;
    }
    let abs = std::path::absolute(file).ok()?;
    let mut dir = abs.parent();
    while let Some(d) = dir {
        if d.file_name().is_some_and(|n| n == "content") {
            let root = d.parent()?;
            let rel = abs.strip_prefix(root).ok()?.to_path_buf();
            return Some((root.to_path_buf(), rel));
        }
        dir = d.parent();
    }
    None
}
