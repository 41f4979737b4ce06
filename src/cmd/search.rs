//! `metodist search`: queries the tantivy index of a built site.

use anyhow::{bail, Context, Result};
use metodist::build::default_out;
use std::path::Path;
use std::process::ExitCode;

/// Prints the top results, as text or JSON.
pub fn run(
    site: &Path,
    query: &str,
    filters: &[String],
    json: bool,
    limit: usize,
) -> Result<ExitCode> {
    let mut pairs = Vec::new();
    for f in filters {
        let Some((k, v)) = f.split_once('=') else {
            bail!("фильтр «{f}» записан неверно: нужно поле=значение, например district=usolsky");
        };
        pairs.push((k.trim().to_string(), v.trim().to_string()));
    }
    let dir = metodist::search::index_dir(&default_out(site));
    if !dir.is_dir() {
        bail!(
            "поисковый индекс не найден в {}: сначала выполните «metodist build»",
            dir.display()
        );
    }
    let index = search_index::open_index(&dir).context("не удалось открыть поисковый индекс")?;
    let results = search_index::search(&index, query, &pairs, limit).context("ошибка поиска")?;
    if json {
        println!("{}", serde_json::to_string_pretty(&results)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "найдено: {}",
        metodist::ru::plural_n(results.total, "материал", "материала", "материалов")
    );
    for (i, h) in results.hits.iter().enumerate() {
        println!("{:>2}. {} — {}", i + 1, h.title, h.url);
        if !h.snippet.text.is_empty() {
            println!("    {}", h.snippet.text);
        }
    }
    Ok(ExitCode::SUCCESS)
}
