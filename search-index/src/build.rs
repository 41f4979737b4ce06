//! Building and opening the tantivy index.
//!
//! Input: `&[SearchDoc]`. Output: a committed [`Index`] with the «ru»
//! analyzer registered and the vocabulary sidecar written. Invariants: ids
//! are unique, kinds are known; every open registers the analyzer again.

use std::collections::HashSet;
use std::path::Path;

use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::analyzer::{recording_analyzer, register_analyzers, FormSink, ANALYZER};
use crate::doc::{SearchDoc, KINDS};
use crate::error::SearchError;
use crate::schema::{QueryConfig, SearchSchema};
use crate::scoring::stem_doc_freqs;
use crate::vocab::Vocabulary;

/// Memory budget of the single index writer: enough to index 10,000 pages
/// without flushing many small segments, modest on a 2-core CI machine.
pub const WRITER_MEMORY_BYTES: usize = 96 * 1024 * 1024;

/// Builds a fresh index of `docs` in `dir` (created if missing; it must not
/// already hold an index).
pub fn build_index(docs: &[SearchDoc], dir: &Path) -> Result<Index, SearchError> {
    std::fs::create_dir_all(dir).map_err(|e| SearchError::io(dir, e))?;
    let directory = MmapDirectory::open(dir).map_err(|source| SearchError::OpenDirectory {
        path: dir.to_path_buf(),
        source,
    })?;
    if Index::exists(&directory).map_err(tantivy::TantivyError::from)? {
        return Err(tantivy::TantivyError::IndexAlreadyExists.into());
    }
    let index = Index::create(
        directory,
        SearchSchema::new().schema,
        tantivy::IndexSettings::default(),
    )?;
    fill(index, docs)
}

/// Builds the index in memory (tests, and `metodist serve` if it wants one).
pub fn build_index_in_ram(docs: &[SearchDoc]) -> Result<Index, SearchError> {
    fill(Index::create_in_ram(SearchSchema::new().schema), docs)
}

/// Opens an index written by [`build_index`] and registers the analyzer.
pub fn open_index(dir: &Path) -> Result<Index, SearchError> {
    let index = Index::open_in_dir(dir)?;
    register_analyzers(&index);
    if index.schema() != SearchSchema::new().schema {
        return Err(SearchError::Vocabulary(format!(
            "{}: схема индекса не совпадает с этой версией metodist, пересоберите сайт",
            dir.display()
        )));
    }
    Ok(index)
}

fn fill(index: Index, docs: &[SearchDoc]) -> Result<Index, SearchError> {
    validate(docs)?;
    let schema = SearchSchema::new();
    // While indexing, the analyzer reports every surface form it stems, so
    // the vocabulary is exactly what tantivy indexed, tokenized once.
    let sink = FormSink::default();
    index
        .tokenizers()
        .register(ANALYZER, recording_analyzer(sink.clone()));
    let mut writer: IndexWriter = index.writer(WRITER_MEMORY_BYTES)?;
    for doc in docs {
        writer.add_document(to_tantivy(&schema, doc))?;
    }
    writer.commit()?;
    // The writer's threads hold the budget (and the sink) until it is dropped.
    writer.wait_merging_threads()?;
    register_analyzers(&index);
    let forms = std::mem::take(&mut *sink.lock().map_err(|_| {
        SearchError::Vocabulary("поток индексации завершился с ошибкой".to_string())
    })?);
    let searcher = index.reader()?.searcher();
    let stems = stem_doc_freqs(&searcher, &schema, &QueryConfig::DEFAULT)?;
    Vocabulary::from_parts(forms, stems).save(&index)?;
    Ok(index)
}

fn validate(docs: &[SearchDoc]) -> Result<(), SearchError> {
    let mut ids = HashSet::with_capacity(docs.len());
    for doc in docs {
        if !ids.insert(doc.id.as_str()) {
            return Err(SearchError::DuplicateId(doc.id.clone()));
        }
        if !KINDS.contains(&doc.kind.as_str()) {
            return Err(SearchError::UnknownKind {
                id: doc.id.clone(),
                kind: doc.kind.clone(),
            });
        }
    }
    Ok(())
}

fn to_tantivy(schema: &SearchSchema, doc: &SearchDoc) -> TantivyDocument {
    let mut out = TantivyDocument::default();
    out.add_text(schema.id, &doc.id);
    out.add_text(schema.url, &doc.url);
    for (field, text) in schema.text_values(doc) {
        out.add_text(field, text);
    }
    for (field, value) in schema.facet_values(doc) {
        out.add_text(field, value);
    }
    if let Some(year) = doc.year {
        out.add_i64(schema.year, i64::from(year));
    }
    out
}
