//! `metodist search`: queries the tantivy index of a built site.

use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::ExitCode;

/// Prints the top results from the site built in `out`, as text or JSON.
pub fn run(
    out: &Path,
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
    let dir = metodist::search::index_dir(out);
    if !dir.is_dir() {
        bail!(
            "поисковый индекс не найден в {}: сначала выполните «metodist build»",
            dir.display()
        );
    }
    let index = search_index::open_index(&dir).context("не удалось открыть поисковый индекс")?;
    let results = search_index::search(&index, query, &pairs, limit).context("ошибка поиска")?;
    let mut out = String::new();
    if json {
        out = serde_json::to_string_pretty(&results)?;
    } else {
        out.push_str(&format!(
            "найдено: {}\n",
            metodist::ru::plural_n(results.total, "материал", "материала", "материалов")
        ));
        for (i, h) in results.hits.iter().enumerate() {
            out.push_str(&format!("{:>2}. {} — {}\n", i + 1, h.title, h.url));
            if !h.snippet.text.is_empty() {
                out.push_str(&format!("    {}\n", h.snippet.text));
            }
        }
    }
    // Titles and excerpts are the pages' text: their control characters are shown.
    metodist::outln!("{}", out.trim_end());
    Ok(ExitCode::SUCCESS)
}
