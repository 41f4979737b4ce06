//! Facets: for each filterable field, its values, which documents carry
//! them, and the counting rule shared with the browser client.
//!
//! Filters combine as people expect from checkboxes: values of one field
//! are alternatives (OR), different fields narrow each other (AND). Counts
//! are *disjunctive*: the count shown next to a value of field F is over the
//! matches filtered by every field except F, so ticking a second district
//! does not make the other districts' counts collapse to zero.

use serde::Serialize;
use tantivy::schema::Value;
use tantivy::{Searcher, TantivyDocument};

use crate::error::SearchError;
use crate::schema::{SearchSchema, FACETS};
use crate::scoring::{facet_postings, DocTable};
use crate::vocab::cmp_utf16;

/// One facet field read from the index.
#[derive(Debug, Clone)]
pub(crate) struct FacetField {
    /// Filter name, one of [`FACETS`].
    pub name: &'static str,
    /// Values in byte order.
    pub values: Vec<String>,
    /// Display label per value (the district's name for district ids).
    pub labels: Vec<String>,
    /// Value indexes per document ordinal.
    pub doc_values: Vec<Vec<u32>>,
}

/// All facet fields, in [`FACETS`] order.
#[derive(Debug, Clone)]
pub(crate) struct FacetTable {
    pub fields: Vec<FacetField>,
}

/// Count of one facet value among the matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value a filter uses (`usolsky`, `НОО`, `2024`).
    pub value: String,
    /// What to show (`Усольский район`).
    pub label: String,
    /// Matching documents carrying the value.
    pub count: usize,
}

/// Counts of one facet field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCounts {
    /// Filter name, one of `kind`, `district`, `level`, `subject`, `form`,
    /// `year`, `tags`.
    pub field: String,
    /// Values with a non-zero count, plus every selected value; most
    /// frequent first, ties by value.
    pub values: Vec<FacetCount>,
}

/// Filters parsed against a [`FacetTable`]: per field, the selected value
/// indexes (`None` when the field is unconstrained).
pub(crate) struct Selection {
    selected: Vec<Option<Vec<u32>>>,
}

impl FacetTable {
    /// Reads every facet field's postings from the index.
    pub fn new(
        searcher: &Searcher,
        schema: &SearchSchema,
        table: &DocTable,
    ) -> Result<FacetTable, SearchError> {
        let mut fields = Vec::with_capacity(FACETS.len());
        for name in FACETS {
            let postings = facet_postings(searcher, table, schema.facet_field(name)?)?;
            let mut doc_values = vec![Vec::new(); table.len()];
            for (vi, ords) in postings.values().enumerate() {
                for &ord in ords {
                    doc_values[ord as usize].push(vi as u32);
                }
            }
            let mut labels = Vec::with_capacity(postings.len());
            for (value, ords) in &postings {
                labels.push(if *name == "district" {
                    district_label(searcher, schema, table, ords[0])?.unwrap_or(value.clone())
                } else {
                    value.clone()
                });
            }
            fields.push(FacetField {
                name,
                values: postings.into_keys().collect(),
                labels,
                doc_values,
            });
        }
        Ok(FacetTable { fields })
    }

    /// Parses `(field, value)` filters. A value the index never saw selects
    /// nothing, so the result is empty rather than silently unfiltered.
    pub fn select(&self, filters: &[(String, String)]) -> Result<Selection, SearchError> {
        let mut selected: Vec<Option<Vec<u32>>> = vec![None; self.fields.len()];
        for (name, value) in filters {
            let fi = self
                .fields
                .iter()
                .position(|f| f.name == name)
                .ok_or_else(|| SearchError::UnknownFilter(name.clone()))?;
            let field = &self.fields[fi];
            let chosen = selected[fi].get_or_insert_with(Vec::new);
            if let Ok(vi) = field.values.binary_search(value) {
                chosen.push(vi as u32);
            }
        }
        Ok(Selection { selected })
    }

    /// Whether document `ord` passes every filter except the one on field
    /// `except` (pass `usize::MAX` to apply them all).
    pub fn passes(&self, selection: &Selection, ord: u32, except: usize) -> bool {
        selection.selected.iter().enumerate().all(|(fi, sel)| {
            fi == except
                || sel.as_ref().is_none_or(|values| {
                    self.fields[fi].doc_values[ord as usize]
                        .iter()
                        .any(|v| values.contains(v))
                })
        })
    }

    /// Disjunctive counts over `matches` (ordinals before filtering).
    pub fn counts(&self, selection: &Selection, matches: &[u32]) -> Vec<FacetCounts> {
        let mut out = Vec::with_capacity(self.fields.len());
        for (fi, field) in self.fields.iter().enumerate() {
            let mut counts = vec![0usize; field.values.len()];
            for &ord in matches {
                if self.passes(selection, ord, fi) {
                    for &v in &field.doc_values[ord as usize] {
                        counts[v as usize] += 1;
                    }
                }
            }
            let chosen = selection.selected[fi].as_deref().unwrap_or(&[]);
            let mut values: Vec<FacetCount> = counts
                .iter()
                .enumerate()
                .filter(|(vi, n)| **n > 0 || chosen.contains(&(*vi as u32)))
                .map(|(vi, n)| FacetCount {
                    value: field.values[vi].clone(),
                    label: field.labels[vi].clone(),
                    count: *n,
                })
                .collect();
            values.sort_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then_with(|| cmp_utf16(&a.value, &b.value))
            });
            out.push(FacetCounts {
                field: field.name.to_string(),
                values,
            });
        }
        out
    }
}

/// The stored district name of document `ord`.
fn district_label(
    searcher: &Searcher,
    schema: &SearchSchema,
    table: &DocTable,
    ord: u32,
) -> Result<Option<String>, SearchError> {
    let doc: TantivyDocument = searcher.doc(table.addresses[ord as usize])?;
    Ok(doc
        .get_first(schema.district)
        .and_then(|v| v.as_str())
        .map(str::to_string))
}
