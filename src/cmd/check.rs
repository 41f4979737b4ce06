//! `metodist check`.

use anyhow::Result;
use metodist::build::{build, default_out, BuildOptions};
use std::path::Path;
use std::process::ExitCode;

/// Validates everything, writes nothing; exit 1 on errors.
pub fn run(site: &Path, strict: bool) -> Result<ExitCode> {
    let opts = BuildOptions {
        root: site.to_path_buf(),
        out: default_out(site),
        strict,
        write: false,
    };
    let report = build(&opts)?;
    eprint!("{}", report.diags.report());
    if report.failed() {
        return Ok(ExitCode::FAILURE);
    }
    eprintln!(
        "проверено: {}, ошибок нет",
        metodist::ru::plural_n(report.pages, "страница", "страницы", "страниц")
    );
    Ok(ExitCode::SUCCESS)
}
