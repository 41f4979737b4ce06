//! Per-stem document scores, the numbers both `search()` and the browser add.
//!
//! The score of stem `s` in document `d` is
//! `Σ over boosted fields f of round(bm25_f(s, d) × boost_f × scale)`,
//! where `bm25_f × boost_f` is exactly the score tantivy gives
//! `BoostQuery(TermQuery(f, s), boost_f)`. Quantizing per field and adding
//! integers makes the sum independent of the order of additions, so Rust and
//! JavaScript cannot drift apart by a rounding bit and flip a ranking.
//!
//! Two paths compute these numbers:
//! - [`stem_postings`] runs the tantivy queries (what `search()` uses);
//! - [`for_each_stem`] walks every term dictionary once and asks tantivy's
//!   [`Bm25Weight`] for each posting (what the export uses: one pass over the
//!   index instead of one query per stem).
//!
//! A test asserts the two agree bit for bit on every stem of a corpus.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::postings::Postings;
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight, BoostQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::TermStreamer;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, Term};
use tantivy::{InvertedIndexReader, TERMINATED};

use crate::error::SearchError;
use crate::schema::{QueryConfig, SearchSchema};

/// Documents of a stem: `(ordinal, score)` sorted by ordinal.
pub(crate) type StemPostings = Vec<(u32, u32)>;

/// Turns one field's float score into the integer both sides add.
pub(crate) fn quantize(score: Score, config: &QueryConfig) -> u32 {
    (score * config.score_scale).round() as u32
}

/// Document ordinals: documents numbered by ascending id. Ordinals are what
/// the export writes and the tie-break of every ranking (lower id first).
#[derive(Debug, Clone)]
pub(crate) struct DocTable {
    /// Ids by ordinal.
    pub ids: Vec<String>,
    /// Addresses by ordinal.
    pub addresses: Vec<DocAddress>,
    /// `[segment][doc]` → ordinal.
    ords: Vec<Vec<u32>>,
}

impl DocTable {
    /// Reads every id from the `id` field's term dictionary.
    pub fn new(searcher: &Searcher, schema: &SearchSchema) -> Result<DocTable, SearchError> {
        let mut pairs: Vec<(String, DocAddress)> = Vec::new();
        for (seg, reader) in searcher.segment_readers().iter().enumerate() {
            let inverted = reader.inverted_index(schema.id)?;
            let mut stream = inverted.terms().stream().map_err(tantivy_io)?;
            while stream.advance() {
                let id = String::from_utf8_lossy(stream.key()).into_owned();
                let mut postings = inverted
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)
                    .map_err(tantivy_io)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if is_alive(reader, doc) {
                        pairs.push((id.clone(), DocAddress::new(seg as SegmentOrdinal, doc)));
                    }
                    doc = postings.advance();
                }
            }
        }
        pairs.sort();
        let mut ords: Vec<Vec<u32>> = searcher
            .segment_readers()
            .iter()
            .map(|r| vec![u32::MAX; r.max_doc() as usize])
            .collect();
        for (ord, (_, addr)) in pairs.iter().enumerate() {
            ords[addr.segment_ord as usize][addr.doc_id as usize] = ord as u32;
        }
        let (ids, addresses) = pairs.into_iter().unzip();
        Ok(DocTable {
            ids,
            addresses,
            ords,
        })
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Ordinal of a document, `None` for a deleted one.
    pub fn ord(&self, segment: u32, doc: DocId) -> Option<u32> {
        let ord = self.ords[segment as usize][doc as usize];
        (ord != u32::MAX).then_some(ord)
    }
}

fn is_alive(reader: &SegmentReader, doc: DocId) -> bool {
    reader.alive_bitset().is_none_or(|bits| bits.is_alive(doc))
}

fn tantivy_io(e: std::io::Error) -> SearchError {
    SearchError::Tantivy(e.into())
}

/// Sorts `(ord, score)` pairs by ordinal and adds the scores of equal ones.
fn merge_sum(mut pairs: Vec<(u32, u32)>) -> StemPostings {
    pairs.sort_unstable_by_key(|(ord, _)| *ord);
    let mut out: StemPostings = Vec::with_capacity(pairs.len());
    for (ord, score) in pairs {
        match out.last_mut() {
            Some((last, sum)) if *last == ord => *sum += score,
            _ => out.push((ord, score)),
        }
    }
    out
}

/// Scores of one stem, computed by running `BoostQuery(TermQuery)` for
/// every boosted field through tantivy.
pub(crate) fn stem_postings(
    searcher: &Searcher,
    schema: &SearchSchema,
    table: &DocTable,
    config: &QueryConfig,
    stem: &str,
) -> Result<StemPostings, SearchError> {
    let mut pairs = Vec::new();
    for (field, boost) in schema.boosted_fields(config) {
        let term = Term::from_field_text(field, stem);
        let query = BoostQuery::new(
            Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
            boost,
        );
        for (addr, score) in searcher.search(&query, &AllScores)? {
            if let Some(ord) = table.ord(addr.segment_ord, addr.doc_id) {
                pairs.push((ord, quantize(score, config)));
            }
        }
    }
    Ok(merge_sum(pairs))
}

/// Collects every matching document with its score (no top-k cut-off: the
/// AND/OR logic and the facet counts need them all).
struct AllScores;

struct AllScoresSegment {
    segment: SegmentOrdinal,
    hits: Vec<(DocAddress, Score)>,
}

impl Collector for AllScores {
    type Fruit = Vec<(DocAddress, Score)>;
    type Child = AllScoresSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<AllScoresSegment> {
        Ok(AllScoresSegment {
            segment,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for AllScoresSegment {
    type Fruit = Vec<(DocAddress, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.hits.push((DocAddress::new(self.segment, doc), score));
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
    }
}

/// BM25 statistics of one term in one field, summed over segments exactly
/// as tantivy's `Searcher` sums them.
struct TermStats {
    total_num_docs: u64,
    total_num_tokens: u64,
    doc_freq: u64,
}

impl Bm25StatisticsProvider for TermStats {
    fn total_num_tokens(&self, _field: Field) -> tantivy::Result<u64> {
        Ok(self.total_num_tokens)
    }
    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.total_num_docs)
    }
    fn doc_freq(&self, _term: &Term) -> tantivy::Result<u64> {
        Ok(self.doc_freq)
    }
}

/// One (field, segment) term dictionary being walked.
struct Cursor<'a> {
    field: usize,
    segment: usize,
    stream: TermStreamer<'a>,
    live: bool,
}

/// Calls `visit(stem, postings)` for every stem of every boosted field, in
/// byte order, with the same scores [`stem_postings`] would return.
pub(crate) fn for_each_stem(
    searcher: &Searcher,
    schema: &SearchSchema,
    table: &DocTable,
    config: &QueryConfig,
    mut visit: impl FnMut(&str, StemPostings) -> Result<(), SearchError>,
) -> Result<(), SearchError> {
    let fields = schema.boosted_fields(config);
    let readers = searcher.segment_readers();
    let total_num_docs: u64 = readers.iter().map(|r| u64::from(r.max_doc())).sum();
    let mut inverted: Vec<(usize, usize, std::sync::Arc<InvertedIndexReader>)> = Vec::new();
    let mut tokens = vec![0u64; fields.len()];
    let mut norms = Vec::new();
    for (fi, (field, _)) in fields.iter().enumerate() {
        for (si, reader) in readers.iter().enumerate() {
            let inv = reader.inverted_index(*field)?;
            tokens[fi] += inv.total_num_tokens();
            inverted.push((fi, si, inv));
            norms.push(((fi, si), reader.get_fieldnorms_reader(*field)?));
        }
    }
    let norms: HashMap<(usize, usize), _> = norms.into_iter().collect();
    let mut cursors = Vec::with_capacity(inverted.len());
    for (fi, si, inv) in &inverted {
        let mut stream = inv.terms().stream().map_err(tantivy_io)?;
        let live = stream.advance();
        cursors.push(Cursor {
            field: *fi,
            segment: *si,
            stream,
            live,
        });
    }
    let mut key: Vec<u8> = Vec::new();
    loop {
        let Some(min) = cursors
            .iter()
            .filter(|c| c.live)
            .map(|c| c.stream.key())
            .min()
        else {
            return Ok(());
        };
        key.clear();
        key.extend_from_slice(min);
        // Per field: document frequency across segments, then the postings.
        let mut hits: BTreeMap<usize, Vec<(usize, tantivy::postings::TermInfo)>> = BTreeMap::new();
        for cursor in cursors
            .iter_mut()
            .filter(|c| c.live && c.stream.key() == key)
        {
            let info = cursor.stream.value().clone();
            hits.entry(cursor.field)
                .or_default()
                .push((cursor.segment, info));
            cursor.live = cursor.stream.advance();
        }
        let stem = String::from_utf8_lossy(&key).into_owned();
        let mut pairs = Vec::new();
        for (fi, infos) in hits {
            let (field, boost) = fields[fi];
            let stats = TermStats {
                total_num_docs,
                total_num_tokens: tokens[fi],
                doc_freq: infos.iter().map(|(_, i)| u64::from(i.doc_freq)).sum(),
            };
            let weight = Bm25Weight::for_terms(&stats, &[Term::from_field_text(field, &stem)])?
                .boost_by(boost);
            for (si, info) in infos {
                let inv = &inverted[fi * readers.len() + si].2;
                let norm = &norms[&(fi, si)];
                let mut postings = inv
                    .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)
                    .map_err(tantivy_io)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if let Some(ord) = table.ord(si as u32, doc) {
                        let score = weight.score(norm.fieldnorm_id(doc), postings.term_freq());
                        pairs.push((ord, quantize(score, config)));
                    }
                    doc = postings.advance();
                }
            }
        }
        visit(&stem, merge_sum(pairs))?;
    }
}

/// Document frequency of every stem: documents holding it in any boosted
/// field (what the vocabulary ranks expansions by).
pub(crate) fn stem_doc_freqs(
    searcher: &Searcher,
    schema: &SearchSchema,
    config: &QueryConfig,
) -> Result<BTreeMap<String, u32>, SearchError> {
    let mut docs: BTreeMap<Vec<u8>, Vec<u64>> = BTreeMap::new();
    for (si, reader) in searcher.segment_readers().iter().enumerate() {
        for (field, _) in schema.boosted_fields(config) {
            let inverted = reader.inverted_index(field)?;
            let mut stream = inverted.terms().stream().map_err(tantivy_io)?;
            while stream.advance() {
                let list = docs.entry(stream.key().to_vec()).or_default();
                let mut postings = inverted
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)
                    .map_err(tantivy_io)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if is_alive(reader, doc) {
                        list.push(((si as u64) << 32) | u64::from(doc));
                    }
                    doc = postings.advance();
                }
            }
        }
    }
    Ok(docs
        .into_iter()
        .map(|(stem, mut list)| {
            list.sort_unstable();
            list.dedup();
            (
                String::from_utf8_lossy(&stem).into_owned(),
                list.len() as u32,
            )
        })
        .collect())
}

/// Facet postings of one facet field: value → ordinals (ascending).
pub(crate) fn facet_postings(
    searcher: &Searcher,
    table: &DocTable,
    field: Field,
) -> Result<BTreeMap<String, Vec<u32>>, SearchError> {
    let mut out: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (si, reader) in searcher.segment_readers().iter().enumerate() {
        let inverted = reader.inverted_index(field)?;
        let mut stream = inverted.terms().stream().map_err(tantivy_io)?;
        while stream.advance() {
            let value = String::from_utf8_lossy(stream.key()).into_owned();
            let ords = out.entry(value).or_default();
            let mut postings = inverted
                .read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)
                .map_err(tantivy_io)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                ords.extend(table.ord(si as u32, doc));
                doc = postings.advance();
            }
        }
    }
    for ords in out.values_mut() {
        ords.sort_unstable();
    }
    out.retain(|_, ords| !ords.is_empty());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{build_index_in_ram, synthetic_corpus};

    /// The export's single pass and `search()`'s tantivy queries must give
    /// identical integers for every stem, or rankings could differ.
    #[test]
    fn term_walk_equals_tantivy_queries() {
        let index = build_index_in_ram(&synthetic_corpus(150, 3)).unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert!(
            searcher.segment_readers().len() > 1,
            "cover several segments"
        );
        let schema = SearchSchema::new();
        let config = QueryConfig::DEFAULT;
        let table = DocTable::new(&searcher, &schema).unwrap();
        assert_eq!(table.len(), 150);
        let mut stems = 0;
        for_each_stem(&searcher, &schema, &table, &config, |stem, walked| {
            let queried = stem_postings(&searcher, &schema, &table, &config, stem)?;
            assert_eq!(walked, queried, "stem {stem}");
            stems += 1;
            Ok(())
        })
        .unwrap();
        assert!(stems > 1000, "{stems}");
    }
}
