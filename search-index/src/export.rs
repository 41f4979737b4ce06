//! The static export: what the browser client downloads instead of asking a
//! server. Everything is derived from the tantivy index (term dictionaries,
//! postings, BM25 weights) plus the vocabulary sidecar; `docs` only supplies
//! the display text of each result.
//!
//! Layout under `out_dir` (each file twice: `X.json` for `fetch`, and `X.js`
//! calling `window.__metodistSearch.register("X", …)` for `file://`):
//! - `manifest`: format, version, query settings, stop words, a fence key
//!   per shard (so the client knows which shard holds a word);
//! - `f/N`: surface forms → stem (as a prefix length when the stem is a
//!   prefix of the form) and the stem's document frequency, sorted;
//! - `p/N`: stem → ordinal gaps and scores packed in a string (see
//!   [`push_number`]), sorted by stem;
//! - `d/N`: result fragments of ordinals `N×size … N×size+size−1`;
//! - `facets`: per facet field, values, labels and each document's values.
//!
//! Keys are sorted in UTF-16 order, as the client's binary search compares.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;
use serde::Serialize;
use serde_json::{json, Value as Json};
use tantivy::schema::Value;
use tantivy::{Index, ReloadPolicy, TantivyDocument};

use crate::analyzer::{MAX_WORD_CHARS, STOP_WORDS};
use crate::doc::SearchDoc;
use crate::error::SearchError;
use crate::facets::FacetTable;
use crate::schema::{QueryConfig, SearchSchema};
use crate::scoring::{for_each_stem, DocTable, StemPostings};
use crate::vocab::{cmp_utf16, Vocabulary};

/// Raw bytes after which a form shard is closed (≈1.5 KB gzipped).
const FORM_SHARD_BYTES: usize = 7_000;
/// Raw bytes after which a postings shard is closed (≈3 KB gzipped; a
/// frequent stem alone may make a shard bigger).
const POSTINGS_SHARD_BYTES: usize = 4_000;
/// Documents per fragment shard. A top-10 page touches up to 10 shards, so
/// shards stay small (four documents ≈ 1.5 KB gzipped); fewer documents per
/// shard would mean thousands more files to write and to copy to a flash
/// drive.
const DOC_SHARD_SIZE: usize = 4;
/// Characters of excerpt text per result.
const EXCERPT_CHARS: usize = 300;

/// Sizes of what [`export_static`] wrote.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExportStats {
    /// Documents exported.
    pub docs: usize,
    /// Distinct stems (postings keys).
    pub stems: usize,
    /// Distinct surface forms.
    pub forms: usize,
    /// Shards of forms, postings and fragments.
    pub shards: [usize; 3],
    /// Bytes of all `.json` files.
    pub json_bytes: u64,
    /// Bytes of all `.js` files.
    pub js_bytes: u64,
    /// Bytes of all `.json` files once gzipped (what a server sends); 0 until
    /// [`ExportStats::measure_gzip`] is called.
    pub gzip_bytes: u64,
    /// Every file written (by logical name, without extension).
    pub files: Vec<ExportedFile>,
}

/// One exported file.
#[derive(Debug, Clone, Serialize)]
pub struct ExportedFile {
    /// Logical name, e.g. `p/12`; written as `p/12.json` and `p/12.js`.
    pub name: String,
    /// Bytes of the `.json` file.
    pub json_bytes: u64,
    /// Bytes of the `.json` file gzipped (see [`ExportStats::measure_gzip`]).
    pub gzip_bytes: u64,
}

impl ExportStats {
    /// Fills in the gzipped sizes from the files in `dir`. Benchmarks want them; a
    /// build does not, and gzipping every file would cost it a second at 10,000 pages.
    pub fn measure_gzip(&mut self, dir: &Path) -> Result<(), SearchError> {
        self.gzip_bytes = 0;
        for f in &mut self.files {
            let path = dir.join(format!("{}.json", f.name));
            let bytes = std::fs::read(&path).map_err(|e| SearchError::io(&path, e))?;
            f.gzip_bytes = gzip_len(&bytes);
            self.gzip_bytes += f.gzip_bytes;
        }
        Ok(())
    }

    /// Gzipped size of the file `name` (0 if it was not written).
    pub fn gzip_of(&self, name: &str) -> u64 {
        self.files
            .iter()
            .find(|f| f.name == name)
            .map_or(0, |f| f.gzip_bytes)
    }
}

/// One result fragment, keys kept short because every hit downloads one.
#[derive(Serialize)]
struct Fragment<'a> {
    id: &'a str,
    u: &'a str,
    t: &'a str,
    k: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    n: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    y: Option<i32>,
    x: String,
}

/// Writes the static search export of `index` into `out_dir`.
pub fn export_static(
    index: &Index,
    docs: &[SearchDoc],
    out_dir: &Path,
) -> Result<ExportStats, SearchError> {
    crate::analyzer::register_analyzers(index);
    let config = QueryConfig::DEFAULT;
    let schema = SearchSchema::new();
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let table = DocTable::new(&searcher, &schema)?;
    let vocab = Vocabulary::load(index)?;
    let mut out = Writer::new(out_dir)?;

    let mut postings: Vec<(String, String)> = Vec::new();
    for_each_stem(&searcher, &schema, &table, &config, |stem, list| {
        postings.push((stem.to_string(), encode_postings(&list)));
        Ok(())
    })?;
    if let Some((stem, _)) = vocab.stems().find(|(s, _)| {
        postings
            .binary_search_by(|(p, _)| p.as_str().cmp(s))
            .is_err()
    }) {
        return Err(SearchError::Vocabulary(format!(
            "основа «{stem}» не найдена в индексе"
        )));
    }
    postings.sort_by(|a, b| cmp_utf16(&a.0, &b.0));
    let postings_keys = write_sharded(&mut out, "p", &postings, POSTINGS_SHARD_BYTES, "s")?;

    let mut forms: Vec<(String, String)> = vocab
        .forms()
        .map(|(form, stem)| {
            let reference = match form.strip_prefix(stem) {
                Some(_) => stem.encode_utf16().count().to_string(),
                None => serde_json::to_string(stem).unwrap_or_default(),
            };
            let entry = format!(
                "{},{},{}",
                serde_json::to_string(form).unwrap_or_default(),
                reference,
                vocab.df(stem)
            );
            (form.to_string(), entry)
        })
        .collect();
    forms.sort_by(|a, b| cmp_utf16(&a.0, &b.0));
    let form_keys = write_sharded(&mut out, "f", &forms, FORM_SHARD_BYTES, "w")?;

    let doc_shards = write_fragments(&mut out, &searcher, &schema, &table, docs)?;
    let facets = FacetTable::new(&searcher, &schema, &table)?;
    write_facets(&mut out, &facets)?;

    let manifest = json!({
        "format": 1,
        "version": format!("{:016x}", out.hash),
        "docs": table.len(),
        "scale": config.score_scale,
        "config": {
            "minPrefix": config.min_prefix_chars,
            "maxExpansions": config.max_expansions,
            "typoMinChars": config.typo_min_chars,
            "typoFixedPrefix": config.typo_fixed_prefix,
            "maxEnding": config.max_ending_chars,
            "minStem": config.min_stem_chars,
            "familyMinChars": config.family_min_chars,
            "familySlackChars": config.family_slack_chars,
            "relatedDivisor": config.related_divisor,
            "maxWordChars": MAX_WORD_CHARS,
        },
        "stop": STOP_WORDS,
        "forms": form_keys,
        "postings": postings_keys,
        "docShard": DOC_SHARD_SIZE,
        "docShards": doc_shards,
        "facets": facets.fields.iter().map(|f| f.name).collect::<Vec<_>>(),
    });
    out.write("manifest", &manifest.to_string())?;
    out.flush()?;

    let mut stats = out.stats;
    stats.docs = table.len();
    stats.stems = postings.len();
    stats.forms = forms.len();
    stats.shards = [form_keys.len(), postings_keys.len(), doc_shards];
    Ok(stats)
}

/// JSON-safe characters (printable ASCII minus `"` and `\\`) for the
/// postings' number encoding: the first [`HALF`] end a number, the others
/// carry its higher digits.
const NUMBER_DIGITS: &[u8] =
    b"!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|";
const HALF: u32 = 45;

/// Appends `v` in base 45, most significant digit first: every digit but
/// the last from the upper half of [`NUMBER_DIGITS`], the last from the
/// lower half. Ordinal gaps and small scores take one character.
fn push_number(out: &mut String, v: u32) {
    let mut digits = [0u8; 8];
    let mut n = 0;
    let mut rest = v;
    loop {
        digits[n] = (rest % HALF) as u8;
        n += 1;
        rest /= HALF;
        if rest == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        let offset = if i == 0 { 0 } else { HALF as usize };
        out.push(char::from(NUMBER_DIGITS[offset + usize::from(digits[i])]));
    }
}

/// A stem's postings as one JSON string: ordinal gap, score, gap, score, …
/// (the browser's `decodeNumbers` reads it).
fn encode_postings(list: &StemPostings) -> String {
    let mut s = String::with_capacity(list.len() * 3 + 2);
    s.push('"');
    let mut previous = 0;
    for (ord, score) in list {
        push_number(&mut s, ord - previous);
        push_number(&mut s, *score);
        previous = *ord;
    }
    s.push('"');
    s
}

/// Packs sorted `(key, entry)` pairs into shards `{prefix}/N` of about
/// `target` bytes; returns each shard's fence: a key ≤ its first key and
/// greater than the previous shard's last one (the first fence is "").
/// Postings entries are `"key":value` members of an object under `field`;
/// form entries are flattened triples of an array under `field`.
fn write_sharded(
    out: &mut Writer,
    prefix: &str,
    entries: &[(String, String)],
    target: usize,
    field: &str,
) -> Result<Vec<String>, SearchError> {
    let as_object = prefix == "p";
    let mut keys = Vec::new();
    let mut body = String::new();
    let flush = |out: &mut Writer, body: &mut String, n: usize| -> Result<(), SearchError> {
        let (open, close) = if as_object { ('{', '}') } else { ('[', ']') };
        out.write(
            &format!("{prefix}/{n}"),
            &format!("{{\"{field}\":{open}{body}{close}}}"),
        )?;
        body.clear();
        Ok(())
    };
    let mut last: &str = "";
    for (key, entry) in entries {
        if body.is_empty() {
            keys.push(fence(last, key));
        } else {
            body.push(',');
        }
        if as_object {
            body.push_str(&serde_json::to_string(key)?);
            body.push(':');
        }
        body.push_str(entry);
        last = key;
        if body.len() >= target {
            flush(out, &mut body, keys.len() - 1)?;
        }
    }
    if !body.is_empty() {
        flush(out, &mut body, keys.len() - 1)?;
    }
    Ok(keys)
}

/// The shortest prefix of `first` that still sorts after `previous` (the
/// last key of the shard before): enough for the client's binary search,
/// and shorter manifests.
fn fence(previous: &str, first: &str) -> String {
    if previous.is_empty() {
        return String::new();
    }
    let units: Vec<u16> = first.encode_utf16().collect();
    (1..=units.len())
        .map(|n| String::from_utf16_lossy(&units[..n]))
        .find(|p| cmp_utf16(p, previous).is_gt() && !p.ends_with('\u{FFFD}'))
        .unwrap_or_else(|| first.to_string())
}

fn write_fragments(
    out: &mut Writer,
    searcher: &tantivy::Searcher,
    schema: &SearchSchema,
    table: &DocTable,
    docs: &[SearchDoc],
) -> Result<usize, SearchError> {
    let by_id: HashMap<&str, &SearchDoc> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut shards = 0;
    for (shard, ords) in (0..table.len())
        .collect::<Vec<_>>()
        .chunks(DOC_SHARD_SIZE)
        .enumerate()
    {
        let mut fragments = Vec::with_capacity(ords.len());
        for &ord in ords {
            let doc = match by_id.get(table.ids[ord].as_str()) {
                Some(doc) => (*doc).clone(),
                None => stored_doc(searcher, schema, table, ord)?,
            };
            let fragment = Fragment {
                id: &doc.id,
                u: &doc.url,
                t: &doc.title,
                k: &doc.kind,
                n: &doc.district,
                y: doc.year,
                x: doc.excerpt(EXCERPT_CHARS),
            };
            fragments.push(serde_json::to_value(fragment)?);
        }
        out.write(
            &format!("d/{shard}"),
            &json!({ "d": fragments }).to_string(),
        )?;
        shards += 1;
    }
    Ok(shards)
}

/// Rebuilds the display part of a document from stored fields, for an
/// indexed document the caller did not pass in `docs`.
fn stored_doc(
    searcher: &tantivy::Searcher,
    schema: &SearchSchema,
    table: &DocTable,
    ord: usize,
) -> Result<SearchDoc, SearchError> {
    let stored: TantivyDocument = searcher.doc(table.addresses[ord])?;
    let text = |field| {
        stored
            .get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    Ok(SearchDoc {
        id: table.ids[ord].clone(),
        url: text(schema.url),
        title: text(schema.title),
        summary: text(schema.summary),
        body: text(schema.body),
        district: text(schema.district),
        kind: text(schema.f_kind),
        year: stored
            .get_first(schema.year)
            .and_then(|v| v.as_i64())
            .and_then(|y| i32::try_from(y).ok()),
        ..SearchDoc::default()
    })
}

/// Printable ASCII minus `"`, `\\` and `,`: JSON-safe digits for facet
/// values; the last one, a space, marks "no value".
const FACET_DIGITS: &[u8] =
    b"!#$%&'()*+-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~ ";

/// Facets as one string per field with each document's value indexes in
/// ordinal order: `width` digits of [`FACET_DIGITS`] per value; documents
/// of a single-valued field take one slot each (a space when they have no
/// value), those of a multi-valued field are separated by commas. About a
/// third smaller gzipped than per-value ordinal lists, and every query
/// needs all of it for the counts.
fn write_facets(out: &mut Writer, facets: &FacetTable) -> Result<(), SearchError> {
    let base = FACET_DIGITS.len() - 1; // the last digit, ' ', means "none"
    let fields: Vec<Json> = facets
        .fields
        .iter()
        .map(|field| {
            let mut width = 1;
            while base.pow(width as u32) < field.values.len() {
                width += 1;
            }
            let multi = field.doc_values.iter().any(|v| v.len() > 1);
            let digits = |mut v: usize, s: &mut String| {
                let mut buf = vec![0u8; width];
                for slot in buf.iter_mut().rev() {
                    *slot = FACET_DIGITS[v % base];
                    v /= base;
                }
                s.push_str(std::str::from_utf8(&buf).unwrap_or_default());
            };
            let mut docs = String::with_capacity(field.doc_values.len() * (width + 1));
            for (ord, values) in field.doc_values.iter().enumerate() {
                if multi && ord > 0 {
                    docs.push(',');
                }
                if !multi && values.is_empty() {
                    docs.push_str(&" ".repeat(width));
                }
                for &v in values {
                    digits(v as usize, &mut docs);
                }
            }
            let mut entry = json!({
                "name": field.name, "values": field.values, "width": width,
                "multi": multi, "docs": docs,
            });
            if field.labels != field.values {
                entry["labels"] = json!(field.labels);
            }
            entry
        })
        .collect();
    out.write("facets", &json!({ "digits": std::str::from_utf8(FACET_DIGITS).unwrap_or_default(), "fields": fields }).to_string())
}

/// Collects `.json` + `.js` pairs, keeps the statistics and version hash, and writes
/// the files all at once ([`Writer::flush`]).
struct Writer<'a> {
    dir: &'a Path,
    stats: ExportStats,
    hash: u64,
    pending: Vec<(std::path::PathBuf, String)>,
}

impl<'a> Writer<'a> {
    fn new(dir: &'a Path) -> Result<Writer<'a>, SearchError> {
        for sub in ["", "f", "p", "d"] {
            let path = dir.join(sub);
            std::fs::create_dir_all(&path).map_err(|e| SearchError::io(&path, e))?;
        }
        Ok(Writer {
            dir,
            stats: ExportStats::default(),
            // FNV-1a offset basis; the version changes whenever any file does.
            hash: 0xcbf2_9ce4_8422_2325,
            pending: Vec::new(),
        })
    }

    /// Writes every collected file, in parallel.
    fn flush(&mut self) -> Result<(), SearchError> {
        use rayon::prelude::*;
        std::mem::take(&mut self.pending)
            .into_par_iter()
            .try_for_each(|(path, content)| {
                std::fs::write(&path, content).map_err(|e| SearchError::io(&path, e))
            })
    }

    fn write(&mut self, name: &str, json: &str) -> Result<(), SearchError> {
        if name != "manifest" {
            for byte in name.bytes().chain(json.bytes()) {
                self.hash = (self.hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        let script = format!(
            "window.__metodistSearch.register({},{json});\n",
            serde_json::to_string(name)?
        );
        self.stats.json_bytes += json.len() as u64;
        self.stats.js_bytes += script.len() as u64;
        self.stats.files.push(ExportedFile {
            name: name.to_string(),
            json_bytes: json.len() as u64,
            gzip_bytes: 0,
        });
        self.pending
            .push((self.dir.join(format!("{name}.json")), json.to_string()));
        self.pending
            .push((self.dir.join(format!("{name}.js")), script));
        // Bounded, so a 100,000-page export never sits whole in memory.
        if self.pending.len() >= 4096 {
            self.flush()?;
        }
        Ok(())
    }
}

/// Size of `data` gzipped at the default level, as a web server would send it.
pub fn gzip_len(data: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().map_or(0, |v| v.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_are_short_but_separate_shards() {
        assert_eq!(fence("", "урок"), "");
        assert_eq!(fence("наставник", "наставничеств"), "наставнич");
        assert_eq!(fence("урок", "урока"), "урока");
        assert_eq!(fence("а", "ябл"), "я");
    }

    #[test]
    fn numbers_pack_small_values_in_one_character() {
        let mut s = String::new();
        for v in [0, 44, 45, 2024, 2025, 123_456] {
            push_number(&mut s, v);
        }
        // search.js decodes this very string in tests/js/util.test.mjs.
        assert_eq!(s, "!NP!|NPO!P_{7");
        assert_eq!(encode_postings(&vec![(3, 1), (4, 100)]), "\"%##Q,\"");
    }
}
