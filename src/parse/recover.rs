//! Typed reads that find every bad field, not only the first.
//!
//! serde stops at the first field it cannot read, so a page with three bad dates used
//! to show one, and the next only after that was fixed. Here the field at fault is taken
//! out of the parsed value and the rest is read again (from its text, so that the
//! format's own rules apply as before), until the read succeeds or nothing more can be
//! taken out. Every error keeps the path of its field in the *original* text: items
//! removed from a list are counted back in.

use super::spans::{child_key, parent, Spans};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet};

/// At most this many errors are collected from one text.
const MAX_ERRORS: usize = 100;

/// One field that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// Path of the field in the original text (`meetings[1].date`); empty for the whole.
    pub path: String,
    /// True when the error is about the key (an unknown field), not the value.
    pub at_key: bool,
    /// The parser's message without path and location (English; see `messages`).
    pub message: String,
    /// Byte offset the parser gave, for the first error only (later reads are of a
    /// rewritten text).
    pub offset: Option<usize>,
}

/// The syntax being read.
#[derive(Clone, Copy)]
pub enum Syntax<'a> {
    /// YAML, already parsed once.
    Yaml(&'a serde_yaml_ng::Value),
    /// TOML, already parsed once.
    Toml(&'a toml::Table),
}

/// Reads `text` into `T`; on failure, every field that could not be read.
pub fn read_all<T: DeserializeOwned>(text: &str, syntax: Syntax<'_>) -> Result<T, Vec<FieldError>> {
    let partial = read_partial::<T>(text, syntax);
    match (partial.value, partial.errors.is_empty()) {
        (Some(v), true) => Ok(v),
        _ => Err(partial.errors),
    }
}

/// What a read that had errors could still make of the text.
pub struct Partial<T> {
    /// The value read without the fields at fault; `None` if even that failed (a
    /// required field missing, a value of the wrong kind at the top).
    pub value: Option<T>,
    /// Every field that could not be read; empty if the text was read whole.
    pub errors: Vec<FieldError>,
    /// What was taken out to read the rest.
    pub removed: Removed,
}

/// Reads `text` into `T` as far as it can: every field that could not be read, and the
/// value without them.
pub fn read_partial<T: DeserializeOwned>(text: &str, syntax: Syntax<'_>) -> Partial<T> {
    let mut doc = match syntax {
        Syntax::Yaml(v) => {
            if let Ok(t) = serde_yaml_ng::from_value(v.clone()) {
                return Partial {
                    value: Some(t),
                    errors: Vec::new(),
                    removed: Removed::default(),
                };
            }
            Doc::Yaml(v.clone())
        }
        Syntax::Toml(t) => Doc::Toml(t.clone()),
    };
    let mut text = text.to_string();
    let mut removed = Removed::default();
    let mut errors: Vec<FieldError> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut value = None;
    for round in 0..MAX_ERRORS {
        let (path, message, offset) = match doc.read::<T>(&text) {
            Ok(v) => {
                value = Some(v);
                break;
            }
            Err(e) => e,
        };
        let path = removed.original(&path);
        let (target, at_key) = match field_in(&message, "unknown field") {
            Some(name) => (child_key(&path, name), true),
            None => (path.clone(), false),
        };
        // Taking out a required field makes its struct miss it: not the user's error.
        let artifact = field_in(&message, "missing field")
            .is_some_and(|name| removed.paths.contains(&child_key(&path, name)));
        if !artifact {
            errors.push(FieldError {
                path: target.clone(),
                at_key,
                message: message.clone(),
                offset: offset.filter(|_| round == 0),
            });
        }
        // A missing field cannot be taken out: its struct goes instead.
        let cut = if field_in(&message, "missing field").is_some() {
            path
        } else {
            target
        };
        if cut.is_empty() || !seen.insert(cut.clone()) || !doc.remove(&cut, &mut removed) {
            break;
        }
        match doc.text() {
            Some(t) => text = t,
            None => break,
        }
    }
    if value.is_none() && errors.is_empty() {
        // Nothing to show would hide a failure: read once more for its message.
        if let Err((path, message, offset)) = doc.read::<T>(&text) {
            errors.push(FieldError {
                path: removed.original(&path),
                at_key: false,
                message,
                offset,
            });
        }
    }
    Partial {
        value,
        errors,
        removed,
    }
}

/// The name in «unknown field `x`» or «missing field `x`».
fn field_in<'a>(message: &'a str, what: &str) -> Option<&'a str> {
    message
        .strip_prefix(what)?
        .trim_start()
        .strip_prefix('`')?
        .split('`')
        .next()
}

/// A parsed document being cut down.
enum Doc {
    Yaml(serde_yaml_ng::Value),
    Toml(toml::Table),
}

impl Doc {
    /// Reads `text`; an error as (path in `text`, message, byte offset).
    fn read<T: DeserializeOwned>(&self, text: &str) -> Result<T, (String, String, Option<usize>)> {
        match self {
            Doc::Yaml(_) => serde_yaml_ng::from_str(text).map_err(|e| {
                let (path, message) = split_yaml_message(&e.to_string());
                (path, message, e.location().map(|l| l.index()))
            }),
            Doc::Toml(_) => toml::from_str(text).map_err(|e| {
                let start = e.span().map(|s| s.start);
                // A field missing from the whole document: toml gives the empty span
                // at its start, where its first key is no place of it.
                let whole = e.span().is_some_and(|s| s.is_empty() && s.start == 0);
                let path = start
                    .filter(|_| !whole)
                    .and_then(|s| Spans::toml(text).at_offset(s).map(str::to_string))
                    .unwrap_or_default();
                (path, e.message().trim().to_string(), start)
            }),
        }
    }

    fn text(&self) -> Option<String> {
        match self {
            Doc::Yaml(v) => serde_yaml_ng::to_string(v).ok(),
            Doc::Toml(t) => toml::to_string(t).ok(),
        }
    }

    /// Removes the node at `path` (original coordinates); false if there is none.
    fn remove(&mut self, path: &str, removed: &mut Removed) -> bool {
        let Some(current) = removed.current(path) else {
            return false;
        };
        let (parent_path, last) = split_last(&current);
        let done = match self {
            Doc::Yaml(v) => yaml_at(v, parent_path).is_some_and(|p| yaml_remove(p, &last)),
            Doc::Toml(t) => toml_at(t, parent_path).is_some_and(|p| toml_remove(p, &last)),
        };
        if done {
            removed.record(path);
        }
        done
    }
}

/// The last segment of a path.
#[derive(Debug, PartialEq)]
enum Segment {
    Key(String),
    Index(usize),
}

fn split_last(path: &str) -> (&str, Segment) {
    let parent = parent(path);
    let rest = path[parent.len()..].trim_start_matches('.');
    let seg = match rest.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        Some(n) => n
            .parse()
            .map(Segment::Index)
            .unwrap_or(Segment::Key(rest.into())),
        None => Segment::Key(rest.to_string()),
    };
    (parent, seg)
}

fn segments(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut p = path;
    while !p.is_empty() {
        let (parent, last) = split_last(p);
        out.push(last);
        p = parent;
    }
    out.reverse();
    out
}

fn yaml_at<'v>(
    mut v: &'v mut serde_yaml_ng::Value,
    path: &str,
) -> Option<&'v mut serde_yaml_ng::Value> {
    for seg in segments(path) {
        v = match seg {
            Segment::Key(k) => v.as_mapping_mut()?.get_mut(k.as_str())?,
            Segment::Index(i) => v.as_sequence_mut()?.get_mut(i)?,
        };
    }
    Some(v)
}

fn yaml_remove(v: &mut serde_yaml_ng::Value, last: &Segment) -> bool {
    match (v, last) {
        (serde_yaml_ng::Value::Mapping(m), Segment::Key(k)) => m.shift_remove(k.as_str()).is_some(),
        (serde_yaml_ng::Value::Sequence(s), Segment::Index(i)) if *i < s.len() => {
            s.remove(*i);
            true
        }
        _ => false,
    }
}

/// A table or an array, as a place to remove from.
enum TomlNode<'t> {
    Table(&'t mut toml::Table),
    Array(&'t mut Vec<toml::Value>),
}

fn toml_at<'t>(t: &'t mut toml::Table, path: &str) -> Option<TomlNode<'t>> {
    let mut node = TomlNode::Table(t);
    for seg in segments(path) {
        let next: &mut toml::Value = match (node, seg) {
            (TomlNode::Table(t), Segment::Key(k)) => t.get_mut(&k)?,
            (TomlNode::Array(a), Segment::Index(i)) => a.get_mut(i)?,
            _ => return None,
        };
        node = match next {
            toml::Value::Table(t) => TomlNode::Table(t),
            toml::Value::Array(a) => TomlNode::Array(a),
            _ => return None,
        };
    }
    Some(node)
}

fn toml_remove(node: TomlNode<'_>, last: &Segment) -> bool {
    match (node, last) {
        (TomlNode::Table(t), Segment::Key(k)) => t.remove(k).is_some(),
        (TomlNode::Array(a), Segment::Index(i)) if *i < a.len() => {
            a.remove(*i);
            true
        }
        _ => false,
    }
}

/// What has been taken out of a text to read the rest, to map paths of the value read
/// (`indicators[2]`, counted without the items taken out) back to the text's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Removed {
    /// Every removed path, in original coordinates.
    paths: BTreeSet<String>,
    /// For each list (original path), the original indices of items taken out.
    items: BTreeMap<String, BTreeSet<usize>>,
}

impl Removed {
    /// Records the field at `original` (a path of the text) as taken out.
    pub fn record(&mut self, original: &str) {
        self.paths.insert(original.to_string());
        if let (list, Segment::Index(i)) = split_last(original) {
            self.items.entry(list.to_string()).or_default().insert(i);
        }
    }

    /// True if nothing was taken out.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Adds what another read of the same text took out.
    pub fn merge(&mut self, other: Removed) {
        self.paths.extend(other.paths);
        for (list, items) in other.items {
            self.items.entry(list).or_default().extend(items);
        }
    }

    /// True if the field at `original` (a path of the text), anything inside it or a
    /// field holding it was taken out: what the page says there is unknown.
    pub fn touches(&self, original: &str) -> bool {
        let inside = |outer: &str, inner: &str| {
            inner.len() > outer.len()
                && inner.starts_with(outer)
                && (outer.is_empty() || matches!(inner.as_bytes()[outer.len()], b'.' | b'['))
        };
        self.paths
            .iter()
            .any(|p| p == original || inside(original, p) || inside(p, original))
    }

    /// The original path of a path in the rewritten text.
    pub fn original(&self, current: &str) -> String {
        let mut original = String::new();
        for seg in segments(current) {
            match seg {
                Segment::Key(k) => original = child_key(&original, &k),
                Segment::Index(i) => {
                    let o = match self.items.get(&original) {
                        // The i-th item of those still there.
                        Some(gone) => (0..).filter(|o| !gone.contains(o)).nth(i).unwrap_or(i),
                        None => i,
                    };
                    original = format!("{original}[{o}]");
                }
            }
        }
        original
    }

    /// The path in the rewritten text of an original path; `None` if it was removed.
    fn current(&self, original: &str) -> Option<String> {
        let mut orig = String::new();
        let mut out = String::new();
        for seg in segments(original) {
            match seg {
                Segment::Key(k) => {
                    orig = child_key(&orig, &k);
                    out = child_key(&out, &k);
                }
                Segment::Index(o) => {
                    let c = match self.items.get(&orig) {
                        Some(gone) if gone.contains(&o) => return None,
                        Some(gone) => o - gone.range(..o).count(),
                        None => o,
                    };
                    orig = format!("{orig}[{o}]");
                    out = format!("{out}[{c}]");
                }
            }
        }
        Some(out)
    }
}

/// serde_yaml_ng's message split into the field path and the message, its location cut.
pub fn split_yaml_message(full: &str) -> (String, String) {
    let message = super::frontmatter::strip_location(full);
    match message.split_once(": ") {
        Some((p, rest))
            if !p.is_empty()
                && !p.contains(' ')
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.[]-".contains(c) || !c.is_ascii()) =>
        {
            (
                p.strip_prefix('.')
                    .unwrap_or(p)
                    .trim_end_matches('.')
                    .to_string(),
                rest.to_string(),
            )
        }
        _ => (String::new(), message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Report, Rmo};

    fn yaml_errors<T: DeserializeOwned>(text: &str) -> Vec<(String, String)> {
        let v: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).unwrap();
        match read_all::<T>(text, Syntax::Yaml(&v)) {
            Ok(_) => Vec::new(),
            Err(es) => es.into_iter().map(|e| (e.path, e.message)).collect(),
        }
    }

    #[test]
    fn every_bad_date_of_a_page_is_found_at_once() {
        let text = "as_of: 31.02.2025\napproved:\n  doc: приказ\n  date: 30.02.2025\nindicators:\n  - id: A1\n    name: x\n    target: 5\n    bad: 1\n";
        let errors = yaml_errors::<Report>(text);
        let paths: Vec<&str> = errors.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["as_of", "approved.date", "indicators[0].bad"]);
        assert!(errors[0].1.contains("31.02.2025"), "{errors:?}");
    }

    #[test]
    fn items_taken_out_of_a_list_keep_the_next_items_numbers() {
        // Item 0 lacks its required topic and is taken out; the date of item 2 must
        // still be reported as item 2, and item 1 (sound) not at all.
        let text = "meetings:\n  - date: 01.02.2025\n  - topic: a\n  - topic: b\n    date: 32.01.2025\n  - topic: c\n    date: 31.04.2025\n";
        let errors = yaml_errors::<Rmo>(text);
        let paths: Vec<&str> = errors.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            ["meetings[0]", "meetings[2].date", "meetings[3].date"]
        );
        assert!(
            errors[0].1.starts_with("missing field `topic`"),
            "{errors:?}"
        );
    }

    #[test]
    fn toml_errors_are_collected_too() {
        let text = "as_of = \"31.02.2025\"\n[approved]\ndate = \"30.02.2025\"\n";
        let t: toml::Table = toml::from_str(text).unwrap();
        let errors = read_all::<Report>(text, Syntax::Toml(&t)).unwrap_err();
        // toml keeps keys sorted, so the order is not the document's.
        let mut paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        paths.sort();
        assert_eq!(paths, ["approved.date", "as_of"]);
    }

    #[test]
    fn a_toml_field_missing_from_the_whole_is_missing_from_the_whole() {
        // It was «нет обязательного поля «title» (в kind)», then `kind` was taken out
        // for it and every table after it reported «kind» missing.
        let text = "kind = \"report\"\ndate = \"2025-01-20\"\n[[indicators]]\nid = \"A1\"\nname = \"Доля\"\n";
        let t: toml::Table = toml::from_str(text).unwrap();
        let errors = read_all::<crate::model::Common>(text, Syntax::Toml(&t)).unwrap_err();
        let found: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.path.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(found, [("", "missing field `title`")]);
    }

    #[test]
    fn a_required_field_taken_out_is_not_reported_again() {
        // `title` has the wrong type; taking it out must not add «missing field title»,
        // and the date after it is still read.
        let text = "kind: page\ntitle: [a]\ndate: 31.02.2025\n";
        let errors = yaml_errors::<crate::model::Common>(text);
        let paths: Vec<&str> = errors.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["title", "date"]);
    }
}
