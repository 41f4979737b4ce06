//! Querying: what `metodist search` and the dev server's `/api/search` run.
//!
//! The rule, shared word for word with the browser client:
//! 1. the query is cut into surface forms by the analyzer (stages 1–5);
//! 2. each form is resolved to stems ([`Vocabulary::resolve`]); the last
//!    one completes as a prefix unless the query ends with a space;
//! 3. a document's score for a word is the best score of the word's stems
//!    (see `scoring.rs`), its total the sum over words;
//! 4. a document must match every word (AND); if none does and there are
//!    several words, any word will do (OR);
//! 5. filters and disjunctive facet counts (`facets.rs`) apply;
//! 6. hits are ranked by score, then by id.
//!
//! A blank query lists every document (filtered), ordered by id.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::analyzer::surface_forms;
use crate::error::SearchError;
use crate::facets::{FacetCounts, FacetTable};
use crate::schema::{QueryConfig, SearchSchema};
use crate::scoring::{stem_postings, DocTable, StemPostings};
use crate::vocab::{ResolvedWord, Vocabulary};

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;

/// The answer to one query.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The best `limit` hits, best first.
    pub hits: Vec<Hit>,
    /// How many documents match (after filters), not just those returned.
    pub total: usize,
    /// Facet counts over the matches.
    pub facets: Vec<FacetCounts>,
    /// How each query word was understood (for "did you mean" and debugging).
    pub words: Vec<ResolvedWord>,
    /// False when no document had every word and any word was accepted.
    pub matched_all_words: bool,
}

/// One ranked document.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Stable document id.
    pub id: String,
    /// Site-relative URL.
    pub url: String,
    /// Title.
    pub title: String,
    /// Integer score, exactly what the browser client computes; divide by
    /// [`QueryConfig::score_scale`] for BM25 units.
    pub score: u32,
    /// A passage of the body (or summary) with the matched words marked.
    pub snippet: Snippet,
}

/// A passage with highlighted byte ranges.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Snippet {
    /// Plain text of the passage.
    pub text: String,
    /// Byte ranges of `text` to highlight.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// HTML with highlights in `<mark>`, everything else escaped.
    pub fn to_html(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 32);
        let mut at = 0;
        for range in &self.highlights {
            out.push_str(&escape(&self.text[at..range.start]));
            out.push_str("<mark>");
            out.push_str(&escape(&self.text[range.clone()]));
            out.push_str("</mark>");
            at = range.end;
        }
        out.push_str(&escape(&self.text[at..]));
        out
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Runs one query (see the module docs). For many queries against one index
/// keep a [`SearchEngine`] instead: this builds one per call.
pub fn search(
    index: &Index,
    query: &str,
    filters: &[(String, String)],
    limit: usize,
) -> Result<SearchResults, SearchError> {
    SearchEngine::new(index)?.search(query, filters, limit)
}

/// An index opened for querying, with its vocabulary, document ordinals and
/// facets loaded once.
pub struct SearchEngine {
    reader: IndexReader,
    schema: SearchSchema,
    config: QueryConfig,
    vocab: Vocabulary,
    table: DocTable,
    facets: FacetTable,
}

impl std::fmt::Debug for SearchEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchEngine")
            .field("docs", &self.table.len())
            .field("forms", &self.vocab.num_forms())
            .finish()
    }
}

impl SearchEngine {
    /// Loads everything a query needs from `index` (built by this crate).
    pub fn new(index: &Index) -> Result<SearchEngine, SearchError> {
        crate::analyzer::register_analyzers(index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let schema = SearchSchema::new();
        let table = DocTable::new(&searcher, &schema)?;
        let facets = FacetTable::new(&searcher, &schema, &table)?;
        Ok(SearchEngine {
            reader,
            schema,
            config: QueryConfig::DEFAULT,
            vocab: Vocabulary::load(index)?,
            table,
            facets,
        })
    }

    /// Number of indexed documents.
    pub fn num_docs(&self) -> usize {
        self.table.len()
    }

    /// Runs one query: `filters` are `(facet, value)` pairs, `limit` caps
    /// the hits returned (not `total`).
    pub fn search(
        &self,
        query: &str,
        filters: &[(String, String)],
        limit: usize,
    ) -> Result<SearchResults, SearchError> {
        let selection = self.facets.select(filters)?;
        let Matched {
            words,
            scored,
            matched_all_words,
        } = self.match_words(query)?;
        let ords: Vec<u32> = scored.iter().map(|(ord, _)| *ord).collect();
        let facets = self.facets.counts(&selection, &ords);
        let mut kept: Vec<(u32, u32)> = scored
            .into_iter()
            .filter(|(ord, _)| self.facets.passes(&selection, *ord, usize::MAX))
            .collect();
        let total = kept.len();
        kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        kept.truncate(limit);
        let hits = self.hits(&kept, &words)?;
        Ok(SearchResults {
            hits,
            total,
            facets,
            words,
            matched_all_words,
        })
    }

    /// Steps 1–4: resolved words and every matching `(ordinal, score)`.
    fn match_words(&self, query: &str) -> Result<Matched, SearchError> {
        let forms = surface_forms(query);
        if forms.is_empty() {
            let all = if query.trim().is_empty() {
                (0..self.table.len() as u32).map(|ord| (ord, 0)).collect()
            } else {
                Vec::new()
            };
            return Ok(Matched::new(Vec::new(), all, true));
        }
        let prefix_last = !query.ends_with(char::is_whitespace);
        let words: Vec<ResolvedWord> = forms
            .iter()
            .enumerate()
            .map(|(i, form)| {
                self.vocab
                    .resolve(form, prefix_last && i + 1 == forms.len(), &self.config)
            })
            .collect();
        let searcher = self.reader.searcher();
        let mut by_stem: HashMap<&str, StemPostings> = HashMap::new();
        let mut per_word: Vec<HashMap<u32, u32>> = Vec::with_capacity(words.len());
        for word in &words {
            let mut best: HashMap<u32, u32> = HashMap::new();
            let weighted = word.stems.iter().map(|s| (s, 1)).chain(
                word.related
                    .iter()
                    .map(|s| (s, self.config.related_divisor)),
            );
            for (stem, divisor) in weighted {
                if !by_stem.contains_key(stem.as_str()) {
                    let postings =
                        stem_postings(&searcher, &self.schema, &self.table, &self.config, stem)?;
                    by_stem.insert(stem, postings);
                }
                for &(ord, score) in &by_stem[stem.as_str()] {
                    let slot = best.entry(ord).or_insert(0);
                    *slot = (*slot).max(score / divisor);
                }
            }
            per_word.push(best);
        }
        let all = combine(&per_word, true);
        if !all.is_empty() || per_word.len() < 2 {
            return Ok(Matched::new(words, all, true));
        }
        let any = combine(&per_word, false);
        Ok(Matched::new(words, any, false))
    }

    fn hits(&self, ranked: &[(u32, u32)], words: &[ResolvedWord]) -> Result<Vec<Hit>, SearchError> {
        let searcher = self.reader.searcher();
        let stems: Vec<&str> = words
            .iter()
            .flat_map(|w| w.stems.iter().chain(&w.related).map(String::as_str))
            .collect();
        let generators = if stems.is_empty() {
            None
        } else {
            let make = |field| -> Result<SnippetGenerator, SearchError> {
                let query = any_term(field, &stems);
                let mut generator = SnippetGenerator::create(&searcher, &*query, field)?;
                generator.set_max_num_chars(SNIPPET_CHARS);
                Ok(generator)
            };
            Some((make(self.schema.body)?, make(self.schema.summary)?))
        };
        let mut hits = Vec::with_capacity(ranked.len());
        for &(ord, score) in ranked {
            let doc: TantivyDocument = searcher.doc(self.table.addresses[ord as usize])?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let mut snippet = Snippet::default();
            if let Some((body, summary)) = &generators {
                for generator in [summary, body] {
                    let found = generator.snippet_from_doc(&doc);
                    if !found.highlighted().is_empty() {
                        snippet = Snippet {
                            text: found.fragment().to_string(),
                            highlights: found.highlighted().to_vec(),
                        };
                        break;
                    }
                }
            }
            if snippet.text.is_empty() {
                snippet.text = crate::doc::SearchDoc {
                    summary: text(self.schema.summary),
                    body: text(self.schema.body),
                    ..Default::default()
                }
                .excerpt(SNIPPET_CHARS);
            }
            hits.push(Hit {
                id: self.table.ids[ord as usize].clone(),
                url: text(self.schema.url),
                title: text(self.schema.title),
                score,
                snippet,
            });
        }
        Ok(hits)
    }
}

/// What steps 1–4 found.
struct Matched {
    words: Vec<ResolvedWord>,
    /// Every matching `(ordinal, score)`, by ordinal.
    scored: Vec<(u32, u32)>,
    matched_all_words: bool,
}

impl Matched {
    fn new(words: Vec<ResolvedWord>, scored: Vec<(u32, u32)>, matched_all_words: bool) -> Self {
        Matched {
            words,
            scored,
            matched_all_words,
        }
    }
}

/// A query matching any of `stems` in `field` (only to find snippet terms).
fn any_term(field: tantivy::schema::Field, stems: &[&str]) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        stems
            .iter()
            .map(|stem| {
                let term = Term::from_field_text(field, stem);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                (Occur::Should, query)
            })
            .collect(),
    ))
}

/// Sums word scores per document, keeping documents with every word
/// (`require_all`) or with any word.
fn combine(per_word: &[HashMap<u32, u32>], require_all: bool) -> Vec<(u32, u32)> {
    let mut totals: HashMap<u32, (u32, usize)> = HashMap::new();
    for word in per_word {
        for (&ord, &score) in word {
            let slot = totals.entry(ord).or_insert((0, 0));
            slot.0 += score;
            slot.1 += 1;
        }
    }
    let mut out: Vec<(u32, u32)> = totals
        .into_iter()
        .filter(|(_, (_, n))| !require_all || *n == per_word.len())
        .map(|(ord, (score, _))| (ord, score))
        .collect();
    out.sort_unstable();
    out
}
