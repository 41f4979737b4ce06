//! `metodist build`.

use anyhow::Result;
use metodist::build::{build_with_progress, default_out, BuildOptions, BuildReport};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Builds the site (with a progress display on a terminal) and prints problems and a
/// summary line.
pub fn run(site: &Path, out: Option<PathBuf>, strict: bool, force: bool) -> Result<ExitCode> {
    let opts = BuildOptions {
        root: site.to_path_buf(),
        out: out.unwrap_or_else(|| default_out(site)),
        strict,
        write: true,
        force,
    };
    let report = build_with_progress(&opts)?;
    metodist::term::err(&report.diags.report());
    if report.failed() {
        match opts.out.exists() {
            true => metodist::errln!(
                "сборка не выполнена; прежняя версия сайта в {} не тронута",
                opts.out.display()
            ),
            false => metodist::errln!(
                "сборка не выполнена; папка {} не создана",
                opts.out.display()
            ),
        }
        return Ok(ExitCode::FAILURE);
    }
    metodist::errln!("{}", summary(&report, &opts.out));
    Ok(ExitCode::SUCCESS)
}

/// «собрано: 124 страницы, 412 файлов, 3,2 МБ за 0,41 с → public».
pub fn summary(r: &BuildReport, out: &Path) -> String {
    use metodist::ru::plural_n;
    let mb = format!("{:.1}", r.bytes as f64 / 1_048_576.0).replace('.', ",");
    let secs = format!("{:.2}", r.elapsed.as_secs_f64()).replace('.', ",");
    format!(
        "собрано: {}, {}, {mb} МБ за {secs} с → {}",
        plural_n(r.pages, "страница", "страницы", "страниц"),
        plural_n(r.files, "файл", "файла", "файлов"),
        out.display()
    )
}
