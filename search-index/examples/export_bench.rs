//! Builds and exports a synthetic corpus, printing times and sizes.
//!
//! `cargo run --release -p search-index --example export_bench -- 2000 /tmp/export`
//! then measure what queries download with
//! `node tests/js/parity.mjs /tmp/export queries.json`.

use std::time::Instant;

use search_index::{build_index_in_ram, export_static, synthetic_corpus, SearchEngine};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(2000), |s| s.parse())?;
    let out =
        std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/search-export".into()));
    let t = Instant::now();
    let docs = synthetic_corpus(n, 42);
    let generated = t.elapsed();
    let t = Instant::now();
    let index = build_index_in_ram(&docs)?;
    let indexed = t.elapsed();
    let t = Instant::now();
    let stats = export_static(&index, &docs, &out)?;
    let exported = t.elapsed();
    let t = Instant::now();
    let engine = SearchEngine::new(&index)?;
    let opened = t.elapsed();
    let t = Instant::now();
    let results = engine.search("функциональная грамотность", &[], 10)?;
    let queried = t.elapsed();
    let largest = stats.files.iter().map(|f| f.gzip_bytes).max().unwrap_or(0);
    println!("docs {n}: generate {generated:?}, index {indexed:?}, export {exported:?}, engine {opened:?}, query {queried:?} ({} hits)", results.total);
    println!(
        "stems {}, forms {}, shards f/p/d {:?}, files {}",
        stats.stems,
        stats.forms,
        stats.shards,
        stats.files.len() * 2
    );
    println!(
        "json {} B, js {} B, json gzipped {} B, largest shard gzipped {} B, manifest gzipped {} B, facets gzipped {} B",
        stats.json_bytes, stats.js_bytes, stats.gzip_bytes, largest,
        stats.gzip_of("manifest"), stats.gzip_of("facets")
    );
    Ok(())
}
