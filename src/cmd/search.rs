//! `metodist search`: queries the tantivy index of a built site.

use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

/// Prints the top results.
pub fn run(_site: &Path, _query: &str, _filters: &[String], _json: bool, _limit: usize) -> Result<ExitCode> {
    anyhow::bail!("поиск ещё не подключён")
}
