//! Builds and exports a synthetic corpus, printing times and sizes.
//!
//! `cargo run --release -p search-index --example export_bench -- 2000 /tmp/export`
//! then measure what queries download with
//! `node tests/js/parity.mjs /tmp/export queries.json`.

use std::time::Instant;

use search_index::{build_index_in_ram, export_static, synthetic_corpus, SearchEngine};

/// CPU seconds (user + system) this process used so far, from /proc: wall
/// time on a shared 2-core machine says little.
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<f64> = after
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    // Fields 14 and 15 of stat (utime, stime) are 12 and 13 after the name.
    (fields.get(11).unwrap_or(&0.0) + fields.get(12).unwrap_or(&0.0)) / 100.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(2000), |s| s.parse())?;
    let out =
        std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/search-export".into()));
    let t = Instant::now();
    let docs = synthetic_corpus(n, 42);
    let generated = t.elapsed();
    let (t, c) = (Instant::now(), cpu());
    let index = build_index_in_ram(&docs)?;
    let (indexed, index_cpu) = (t.elapsed(), cpu() - c);
    let (t, c) = (Instant::now(), cpu());
    let mut stats = export_static(&index, &docs, &out)?;
    let (exported, export_cpu) = (t.elapsed(), cpu() - c);
    stats.measure_gzip(&out)?;
    let t = Instant::now();
    let engine = SearchEngine::new(&index)?;
    let opened = t.elapsed();
    let t = Instant::now();
    let results = engine.search("функциональная грамотность", &[], 10)?;
    let queried = t.elapsed();
    let largest = stats.files.iter().map(|f| f.gzip_bytes).max().unwrap_or(0);
    println!("docs {n}: generate {generated:?}, index {indexed:?} (cpu {index_cpu:.2} s), export {exported:?} (cpu {export_cpu:.2} s), engine {opened:?}, query {queried:?} ({} hits)", results.total);
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
