//! Search for metodist: the tantivy schema and Russian analyzer, the index
//! build, queries for `metodist search` and the dev server, and the static
//! export the browser client reads.
//!
//! Pipeline: `[SearchDoc]` → [`build_index`] (tantivy index + vocabulary)
//! → [`search`] / [`SearchEngine`] (server side) and [`export_static`]
//! (sharded files for `themes/default/static/search/search.js`).
//!
//! The invariant that shapes everything: the same query gives the same
//! ranking through [`search`] and through the browser. Both resolve words
//! with the same rules against the same vocabulary ([`Vocabulary::resolve`]),
//! and both add the same integer per-stem scores, which are tantivy's BM25
//! scores of `BoostQuery(TermQuery)` per field, quantized (see `scoring.rs`).
//!
//! ```
//! use search_index::{build_index_in_ram, search, SearchDoc};
//!
//! let docs = vec![SearchDoc {
//!     id: "p1".into(),
//!     url: "practices/p1/".into(),
//!     title: "Наставничество в школе".into(),
//!     kind: "practice".into(),
//!     ..SearchDoc::default()
//! }];
//! let index = build_index_in_ram(&docs)?;
//! let results = search(&index, "наставников", &[], 10)?;
//! assert_eq!(results.hits[0].id, "p1");
//! # Ok::<(), search_index::SearchError>(())
//! ```

#![warn(missing_docs)]

mod analyzer;
mod build;
mod doc;
mod error;
mod export;
mod facets;
mod query;
mod schema;
mod scoring;
mod synth;
mod vocab;

pub use analyzer::{
    analyzer, forms_analyzer, register_analyzers, stem, surface_forms, ANALYZER, MAX_WORD_CHARS,
    STOP_WORDS,
};
pub use build::{build_index, build_index_in_ram, open_index, WRITER_MEMORY_BYTES};
pub use doc::{SearchDoc, KINDS};
pub use error::SearchError;
pub use export::{export_static, gzip_len, ExportStats, ExportedFile};
pub use facets::{FacetCount, FacetCounts};
pub use query::{search, Hit, SearchEngine, SearchResults, Snippet};
pub use schema::{QueryConfig, SearchSchema, FACETS};
pub use synth::synthetic_corpus;
pub use vocab::{Resolution, ResolvedWord, Vocabulary};
