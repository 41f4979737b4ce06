//! The tantivy schema, built once, and the query configuration that both
//! `search()` and the static export read, so the two can never disagree on
//! which fields count and by how much.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, INDEXED, STORED, STRING,
};

use crate::analyzer::ANALYZER;
use crate::doc::SearchDoc;
use crate::error::SearchError;

/// Every facet a filter may name, in the order the UI shows them.
pub const FACETS: &[&str] = &[
    "kind", "district", "level", "subject", "form", "year", "tags",
];

/// How queries are scored and expanded. One value, [`QueryConfig::DEFAULT`],
/// serves `metodist search`, the dev server and the static export: the export
/// bakes the boosts into its scores and writes the rest into the manifest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueryConfig {
    /// Text fields searched and their boosts:
    /// title > tags/subject/authors > summary/organisation/district/form > body.
    pub boosts: &'static [(&'static str, f32)],
    /// Scores are `round(bm25 × boost × scale)` per field, summed as integers,
    /// so Rust and JavaScript add exactly the same numbers.
    pub score_scale: f32,
    /// The last word is completed as a prefix only from this many characters.
    pub min_prefix_chars: usize,
    /// A prefix or a typo expands to at most this many stems (most frequent).
    pub max_expansions: usize,
    /// Typo tolerance (edit distance 1) applies to words this long or longer.
    pub typo_min_chars: usize,
    /// Typo tolerance assumes the first characters are right, so the browser
    /// loads only the form shards sharing them.
    pub typo_fixed_prefix: usize,
    /// An unseen word falls back to the longest indexed stem that is its
    /// prefix, dropping at most this many final characters (the ending).
    pub max_ending_chars: usize,
    /// … and never to a stem shorter than this.
    pub min_stem_chars: usize,
    /// Stems this long or longer have a family: the stems sharing their
    /// first `max(family_min_chars, len − family_slack_chars)` characters.
    pub family_min_chars: usize,
    /// See `family_min_chars`.
    pub family_slack_chars: usize,
    /// A family member's score is divided by this (integer division).
    pub related_divisor: u32,
}

impl QueryConfig {
    /// The configuration metodist uses everywhere.
    pub const DEFAULT: QueryConfig = QueryConfig {
        boosts: &[
            ("title", 4.0),
            ("tags", 2.0),
            ("subject", 2.0),
            ("authors", 2.0),
            ("summary", 1.5),
            ("organisation", 1.5),
            ("district", 1.5),
            ("form", 1.5),
            ("body", 1.0),
        ],
        score_scale: 100.0,
        min_prefix_chars: 3,
        max_expansions: 10,
        typo_min_chars: 5,
        typo_fixed_prefix: 2,
        max_ending_chars: 4,
        min_stem_chars: 3,
        family_min_chars: 7,
        family_slack_chars: 5,
        related_divisor: 2,
    };
}

impl Default for QueryConfig {
    fn default() -> Self {
        QueryConfig::DEFAULT
    }
}

/// The schema and every field handle, looked up once.
#[derive(Debug, Clone)]
pub struct SearchSchema {
    /// The tantivy schema itself.
    pub schema: Schema,
    /// Stable document id: raw (one term per document) and stored.
    pub id: Field,
    /// Site-relative URL, stored only.
    pub url: Field,
    /// Title, analyzed and stored.
    pub title: Field,
    /// Summary, analyzed and stored.
    pub summary: Field,
    /// Body text, analyzed and stored (for snippets).
    pub body: Field,
    /// Authors, analyzed and stored.
    pub authors: Field,
    /// Organisation, analyzed and stored.
    pub organisation: Field,
    /// District display name, analyzed and stored.
    pub district: Field,
    /// Subjects as text, analyzed.
    pub subject: Field,
    /// Form as text, analyzed.
    pub form: Field,
    /// Tags as text, analyzed.
    pub tags: Field,
    /// Facet: kind.
    pub f_kind: Field,
    /// Facet: district id.
    pub f_district: Field,
    /// Facet: education level.
    pub f_level: Field,
    /// Facet: subject.
    pub f_subject: Field,
    /// Facet: form.
    pub f_form: Field,
    /// Facet: year, as text (`"2024"`).
    pub f_year: Field,
    /// Facet: tags.
    pub f_tags: Field,
    /// Year as a number, indexed and stored, for range queries by callers.
    pub year: Field,
}

impl SearchSchema {
    /// Builds the schema. Text fields keep frequencies but not positions:
    /// scoring needs tf, nothing here runs phrase queries.
    pub fn new() -> SearchSchema {
        let mut b = Schema::builder();
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs);
        let text = TextOptions::default().set_indexing_options(indexing);
        let stored_text = text.clone().set_stored();
        let id = b.add_text_field("id", STRING | STORED);
        let url = b.add_text_field("url", STORED);
        let title = b.add_text_field("title", stored_text.clone());
        let summary = b.add_text_field("summary", stored_text.clone());
        let body = b.add_text_field("body", stored_text.clone());
        let authors = b.add_text_field("authors", stored_text.clone());
        let organisation = b.add_text_field("organisation", stored_text.clone());
        let district = b.add_text_field("district", stored_text);
        let subject = b.add_text_field("subject", text.clone());
        let form = b.add_text_field("form", text.clone());
        let tags = b.add_text_field("tags", text);
        let f_kind = b.add_text_field("f_kind", STRING | STORED);
        let f_district = b.add_text_field("f_district", STRING | STORED);
        let f_level = b.add_text_field("f_level", STRING | STORED);
        let f_subject = b.add_text_field("f_subject", STRING | STORED);
        let f_form = b.add_text_field("f_form", STRING | STORED);
        let f_year = b.add_text_field("f_year", STRING);
        let f_tags = b.add_text_field("f_tags", STRING | STORED);
        let year = b.add_i64_field("year", INDEXED | STORED);
        SearchSchema {
            schema: b.build(),
            id,
            url,
            title,
            summary,
            body,
            authors,
            organisation,
            district,
            subject,
            form,
            tags,
            f_kind,
            f_district,
            f_level,
            f_subject,
            f_form,
            f_year,
            f_tags,
            year,
        }
    }

    /// Looks a text field up by its name in [`QueryConfig::boosts`].
    pub fn text_field(&self, name: &str) -> Option<Field> {
        Some(match name {
            "title" => self.title,
            "summary" => self.summary,
            "body" => self.body,
            "authors" => self.authors,
            "organisation" => self.organisation,
            "district" => self.district,
            "subject" => self.subject,
            "form" => self.form,
            "tags" => self.tags,
            _ => return None,
        })
    }

    /// The boosted text fields of `config`, as handles.
    pub fn boosted_fields(&self, config: &QueryConfig) -> Vec<(Field, f32)> {
        config
            .boosts
            .iter()
            .filter_map(|(name, boost)| self.text_field(name).map(|f| (f, *boost)))
            .collect()
    }

    /// The facet field a filter name (one of [`FACETS`]) refers to.
    pub fn facet_field(&self, name: &str) -> Result<Field, SearchError> {
        Ok(match name {
            "kind" => self.f_kind,
            "district" => self.f_district,
            "level" => self.f_level,
            "subject" => self.f_subject,
            "form" => self.f_form,
            "year" => self.f_year,
            "tags" => self.f_tags,
            other => return Err(SearchError::UnknownFilter(other.to_string())),
        })
    }

    /// The text each analyzed field gets from `doc`: one entry per value.
    /// Indexing and the vocabulary both go through here, so the forms the
    /// export maps are exactly the tokens tantivy indexed.
    pub fn text_values<'d>(&self, doc: &'d SearchDoc) -> Vec<(Field, &'d str)> {
        let mut out = vec![
            (self.title, doc.title.as_str()),
            (self.summary, doc.summary.as_str()),
            (self.body, doc.body.as_str()),
            (self.organisation, doc.organisation.as_str()),
            (self.district, doc.district.as_str()),
            (self.form, doc.form.as_str()),
        ];
        out.extend(doc.authors.iter().map(|a| (self.authors, a.as_str())));
        out.extend(doc.subject.iter().map(|s| (self.subject, s.as_str())));
        out.extend(doc.tags.iter().map(|t| (self.tags, t.as_str())));
        out.retain(|(_, text)| !text.trim().is_empty());
        out
    }

    /// The facet values of `doc`, as (facet field, value) pairs.
    pub fn facet_values(&self, doc: &SearchDoc) -> Vec<(Field, String)> {
        let mut out = vec![(self.f_kind, doc.kind.clone())];
        if !doc.district_id.is_empty() {
            out.push((self.f_district, doc.district_id.clone()));
        }
        if !doc.form.trim().is_empty() {
            out.push((self.f_form, doc.form.trim().to_string()));
        }
        if let Some(year) = doc.year {
            out.push((self.f_year, year.to_string()));
        }
        out.extend(
            doc.level
                .iter()
                .map(|v| (self.f_level, v.trim().to_string())),
        );
        out.extend(
            doc.subject
                .iter()
                .map(|v| (self.f_subject, v.trim().to_string())),
        );
        out.extend(doc.tags.iter().map(|v| (self.f_tags, v.trim().to_string())));
        out.retain(|(_, v)| !v.is_empty());
        out
    }
}

impl Default for SearchSchema {
    fn default() -> Self {
        SearchSchema::new()
    }
}
