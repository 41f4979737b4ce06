//! Where each field of a YAML or TOML text stands, by its path (`indicators[17].target`),
//! so that a diagnostic about a field points at that field, not at the first place the
//! same text happens to occur.
//!
//! Paths are written as serde_yaml_ng writes them in its errors: keys joined by `.`,
//! list items as `[n]` (`meetings[1].date`; a list at the top: `[3].aliases`). Positions
//! come from the parsers: saphyr-parser's events for YAML (serde_yaml_ng keeps none in
//! its values), toml's `DeTable` for TOML. Both walks use an explicit stack: the input
//! never decides the depth of a recursion.

use crate::diag::Pos;
use saphyr_parser::{Event, Parser};
use std::ops::Range;

/// The place of one field, as byte ranges of the text the spans were made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpan {
    /// The key as written (none for list items and the root).
    pub key: Option<Range<usize>>,
    /// The value: a scalar as written (quotes included), or a whole list or mapping.
    pub value: Range<usize>,
}

/// Every field path of a text and its place, in document order.
#[derive(Debug, Clone, Default)]
pub struct Spans {
    fields: Vec<(String, FieldSpan)>,
    /// Indices of `fields` sorted by path (kept with every page: no second copy of paths).
    index: Vec<u32>,
}

impl Spans {
    /// The fields of a YAML text; empty if it does not parse.
    pub fn yaml(text: &str) -> Spans {
        let mut walk = YamlWalk::new(text);
        for event in Parser::new_from_str(text) {
            match event {
                Ok((ev, span)) => {
                    let range = walk.bytes.range(span.start.index(), span.end.index());
                    walk.event(ev, range);
                }
                Err(_) => return Spans::default(),
            }
        }
        walk.spans.sort();
        walk.spans
    }

    /// The fields of a TOML text; empty if it does not parse.
    pub fn toml(text: &str) -> Spans {
        use toml::de::{DeTable, DeValue};
        let Ok(root) = DeTable::parse(text) else {
            return Spans::default();
        };
        type Item<'t, 'i> = (String, Option<Range<usize>>, &'t toml::Spanned<DeValue<'i>>);
        fn push_table<'t, 'i>(stack: &mut Vec<Item<'t, 'i>>, path: &str, table: &'t DeTable<'i>) {
            for (k, v) in table.iter() {
                stack.push((child_key(path, k.get_ref()), Some(k.span()), v));
            }
        }
        let mut spans = Spans::default();
        let mut stack: Vec<Item<'_, '_>> = Vec::new();
        push_table(&mut stack, "", root.get_ref());
        spans.push(String::new(), None, root.span());
        while let Some((path, key, value)) = stack.pop() {
            spans.push(path.clone(), key, value.span());
            match value.get_ref() {
                DeValue::Table(t) => push_table(&mut stack, &path, t),
                DeValue::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        stack.push((format!("{path}[{i}]"), None, item));
                    }
                }
                _ => {}
            }
        }
        spans.sort();
        spans
    }

    fn push(&mut self, path: String, key: Option<Range<usize>>, value: Range<usize>) -> usize {
        self.fields.push((path, FieldSpan { key, value }));
        self.fields.len() - 1
    }

    /// Puts the fields in document order and indexes them by path.
    fn sort(&mut self) {
        self.fields.sort_by_key(|(_, s)| {
            let start = s.key.as_ref().map_or(s.value.start, |k| k.start);
            (start, s.value.start)
        });
        let mut index: Vec<u32> = (0..self.fields.len() as u32).collect();
        index.sort_by(|&a, &b| self.fields[a as usize].0.cmp(&self.fields[b as usize].0));
        self.index = index;
    }

    fn find(&self, path: &str) -> Option<usize> {
        self.index
            .binary_search_by(|&i| self.fields[i as usize].0.as_str().cmp(path))
            .ok()
            .map(|k| self.index[k] as usize)
    }

    /// The place of the field at `path`, if the text has it.
    pub fn get(&self, path: &str) -> Option<&FieldSpan> {
        self.find(normalize(path)).map(|i| &self.fields[i].1)
    }

    /// The field at `path` or, if the text does not have it (a field left out, an item of
    /// an alias), its nearest parent that it has; with the path found.
    pub fn nearest(&self, path: &str) -> Option<(&str, &FieldSpan)> {
        let mut path = normalize(path);
        loop {
            if let Some(i) = self.find(path) {
                let (p, s) = &self.fields[i];
                return Some((p.as_str(), s));
            }
            if path.is_empty() {
                return None;
            }
            path = parent(path);
        }
    }

    /// The fields at `path` and under it, in document order.
    pub fn under<'a>(&'a self, path: &'a str) -> impl Iterator<Item = (&'a str, &'a FieldSpan)> {
        let path = normalize(path);
        self.fields
            .iter()
            .filter(move |(p, _)| is_within(p, path))
            .map(|(p, s)| (p.as_str(), s))
    }

    /// The first field at or under `path` for which `pred` holds while it holds for none
    /// of its own fields: the list item holding a name, not the whole list.
    pub fn innermost<'a>(
        &'a self,
        path: &'a str,
        pred: impl Fn(&FieldSpan) -> bool,
    ) -> Option<&'a str> {
        let mut found: Option<&str> = None;
        for (p, _) in self.under(path).filter(|(_, s)| pred(s)) {
            match found {
                Some(f) if !is_within(p, f) => break,
                _ => found = Some(p),
            }
        }
        found
    }

    /// The deepest field whose key or value holds byte `offset`.
    pub fn at_offset(&self, offset: usize) -> Option<&str> {
        self.fields
            .iter()
            .filter(|(_, s)| {
                s.value.contains(&offset) || s.key.as_ref().is_some_and(|k| k.contains(&offset))
            })
            .max_by_key(|(p, s)| (depth(p), s.value.start))
            .map(|(p, _)| p.as_str())
    }

    /// Every range moved by `by` bytes: spans of a front matter made relative to its file.
    pub fn shifted(mut self, by: usize) -> Spans {
        for (_, s) in &mut self.fields {
            s.value = s.value.start + by..s.value.end + by;
            s.key = s.key.take().map(|k| k.start + by..k.end + by);
        }
        self
    }
}

/// The position of the value at `path` in `text` (the text the spans are relative to).
pub fn value_pos(spans: &Spans, text: &str, path: &str) -> Option<Pos> {
    spans
        .nearest(path)
        .map(|(_, s)| Pos::of_offset(text, s.value.start))
}

/// The position of `needle` inside the value at `path` (after an opening quote, at a
/// name in a list); the value's start if `needle` is not there as written.
pub fn text_pos(spans: &Spans, text: &str, path: &str, needle: &str) -> Option<Pos> {
    let (_, s) = spans.nearest(path)?;
    let value = text.get(s.value.clone()).unwrap_or_default();
    let at = match value.find(needle).filter(|_| !needle.is_empty()) {
        Some(i) => s.value.start + i,
        None => s.value.start,
    };
    Some(Pos::of_offset(text, at))
}

/// `a.b` under `a`; `a[1]` under `a`; `ab` is not under `a`.
fn is_within(p: &str, path: &str) -> bool {
    if path.is_empty() {
        return true;
    }
    p.strip_prefix(path)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// serde_yaml_ng writes a path under a top-level list with a leading `.`.
fn normalize(path: &str) -> &str {
    let path = path.strip_prefix('.').unwrap_or(path);
    if path == "." {
        ""
    } else {
        path
    }
}

/// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → ``.
pub fn parent(path: &str) -> &str {
    match path.rfind(['.', '[']) {
        Some(i) => &path[..i],
        None => "",
    }
}

fn depth(path: &str) -> usize {
    path.matches(['.', '[']).count() + usize::from(!path.is_empty())
}

/// The path of key `key` of the mapping at `path`.
pub fn child_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Character index → byte offset, for saphyr's markers (counted in characters).
struct CharBytes<'a> {
    text: &'a str,
    chars: usize,
    bytes: usize,
}

impl CharBytes<'_> {
    fn byte(&mut self, char_index: usize) -> usize {
        if char_index < self.chars {
            self.chars = 0;
            self.bytes = 0;
        }
        let mut it = self.text[self.bytes..].char_indices();
        while self.chars < char_index {
            match it.next() {
                Some((_, c)) => {
                    self.bytes += c.len_utf8();
                    self.chars += 1;
                }
                None => break,
            }
        }
        self.bytes
    }

    fn range(&mut self, start: usize, end: usize) -> Range<usize> {
        let s = self.byte(start);
        let e = self.byte(end.max(start));
        s..e
    }
}

/// A collection being read, on the walk's stack.
enum Frame {
    /// A mapping at `path`; `key` is the key read and waiting for its value.
    Map {
        path: String,
        slot: Option<usize>,
        key: Option<(String, Range<usize>)>,
    },
    /// A list at `path`; `next` is the index of its next item.
    Seq {
        path: String,
        slot: Option<usize>,
        next: usize,
    },
    /// A collection used as a mapping key, or inside one: its contents have no path.
    Skip,
}

struct YamlWalk<'a> {
    bytes: CharBytes<'a>,
    stack: Vec<Frame>,
    spans: Spans,
}

impl<'a> YamlWalk<'a> {
    fn new(text: &'a str) -> Self {
        YamlWalk {
            bytes: CharBytes {
                text,
                chars: 0,
                bytes: 0,
            },
            stack: Vec::new(),
            spans: Spans::default(),
        }
    }

    /// Where a node starting now belongs: its path and key, `None` if it is a key itself
    /// (or inside a collection used as a key).
    fn place(&mut self, is_scalar_text: Option<&str>, range: &Range<usize>) -> Place {
        match self.stack.last_mut() {
            None => Place::Value(String::new(), None),
            Some(Frame::Skip) => Place::Nowhere,
            Some(Frame::Seq { path, next, .. }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                Place::Value(p, None)
            }
            Some(Frame::Map { path, key, .. }) => match key.take() {
                Some((k, kr)) => Place::Value(child_key(path, &k), Some(kr)),
                None => {
                    match is_scalar_text {
                        Some(text) => *key = Some((text.to_string(), range.clone())),
                        // A list, a mapping or an alias as a key: no field path of ours.
                        None => *key = Some(("?".to_string(), range.clone())),
                    }
                    Place::Key
                }
            },
        }
    }

    fn event(&mut self, ev: Event<'_>, range: Range<usize>) {
        match ev {
            Event::Scalar(text, ..) => {
                if let Place::Value(path, key) = self.place(Some(&text), &range) {
                    self.spans.push(path, key, range);
                }
            }
            Event::Alias(_) => {
                if let Place::Value(path, key) = self.place(None, &range) {
                    self.spans.push(path, key, range);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                let frame = match self.place(None, &range) {
                    Place::Value(path, key) => {
                        let slot = Some(self.spans.push(path.clone(), key, range));
                        if is_map {
                            Frame::Map {
                                path,
                                slot,
                                key: None,
                            }
                        } else {
                            Frame::Seq {
                                path,
                                slot,
                                next: 0,
                            }
                        }
                    }
                    Place::Key | Place::Nowhere => Frame::Skip,
                };
                self.stack.push(frame);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let slot = match self.stack.pop() {
                    Some(Frame::Map { slot, .. } | Frame::Seq { slot, .. }) => slot,
                    _ => None,
                };
                if let Some(i) = slot {
                    let value = &mut self.spans.fields[i].1.value;
                    value.end = value.end.max(range.end);
                }
            }
            _ => {}
        }
    }
}

enum Place {
    Value(String, Option<Range<usize>>),
    Key,
    Nowhere,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(text: &str, spans: &Spans, path: &str) -> (usize, usize) {
        let p = value_pos(spans, text, path).unwrap();
        (p.line, p.col)
    }

    #[test]
    fn yaml_paths_point_at_their_own_values() {
        let text = "title: Отчёт\nindicators:\n  - id: A1\n    target: \"50 %\"\n  - id: A2\n    target: \"50 %\"\napproved: {doc: приказ, date: 30.02.2025}\n";
        let s = Spans::yaml(text);
        // Counted by hand: line 6 is «    target: "50 %"», the quote is column 13.
        assert_eq!(pos(text, &s, "indicators[1].target"), (6, 13));
        assert_eq!(pos(text, &s, "indicators[0].target"), (4, 13));
        assert_eq!(pos(text, &s, "approved.date"), (7, 31));
        assert_eq!(pos(text, &s, "title"), (1, 8));
        let key = s.get("indicators[1].id").unwrap().key.clone().unwrap();
        assert_eq!(Pos::of_offset(text, key.start), Pos::new(5, 5));
        // A field not written falls back to its item.
        assert_eq!(pos(text, &s, "indicators[1].actual"), (5, 5));
        assert_eq!(s.nearest(".[0]").map(|(p, _)| p), Some(""));
    }

    #[test]
    fn toml_paths_point_at_their_own_values() {
        let text = "title = \"x\"\n[[indicators]]\nid = \"A1\"\ntarget = \"50 %\"\n[[indicators]]\nid = \"A2\"\ntarget = \"50 %\"\n";
        let s = Spans::toml(text);
        assert_eq!(pos(text, &s, "indicators[1].target"), (7, 10));
        assert_eq!(pos(text, &s, "indicators[0].target"), (4, 10));
        let off = text.rfind("\"50").unwrap();
        assert_eq!(s.at_offset(off), Some("indicators[1].target"));
    }

    #[test]
    fn values_are_found_by_path_not_by_text() {
        // The same text stands earlier in another field: the position is the field's.
        let text = "title: \"javascript:x\"\nmaterials:\n  - title: a\n    url: \"javascript:x\"\n  - {title: b, url:   \"javascript:x\"}\n";
        let s = Spans::yaml(text);
        // «  - {title: b, url:   "»: the quote is the 23rd character of line 5.
        assert_eq!(pos(text, &s, "materials[1].url"), (5, 23));
        assert_eq!(pos(text, &s, "materials[0].url"), (4, 10));
        assert_eq!(pos(text, &s, "title"), (1, 8));
        // A plain scalar; a block scalar at its first line of text; an alias where the
        // field writes it, not at the anchored value.
        let text = "materials:\n- title: a\n- title: b\n  url: javascript:x\nb: |\n  javascript:x\nc: &x d\ne: *x\n";
        let s = Spans::yaml(text);
        assert_eq!(pos(text, &s, "materials[1].url"), (4, 8));
        assert_eq!(pos(text, &s, "b"), (6, 3));
        assert_eq!(pos(text, &s, "e"), (8, 4));
        // Nothing there; a text that does not parse has no fields.
        assert!(s.get("nope").is_none());
        assert!(Spans::yaml("a: [").nearest("a").is_none());
        // A whole registry: a list at the top.
        let text = "- id: r1\n  region: xx\n- id: r2\n  region: \"yy\"\n";
        assert_eq!(pos(text, &Spans::yaml(text), "[1].region"), (4, 11));
    }

    #[test]
    fn toml_values_are_found_by_path_not_by_text() {
        let text = "title = \"javascript:x\"\n[[materials]]\ntitle = \"a\"\n[[materials]]\ntitle = \"b\"\nurl   = \"javascript:x\"\n";
        let s = Spans::toml(text);
        assert_eq!(pos(text, &s, "materials[1].url"), (6, 9));
        let text = "base_url = 'x'\n";
        assert_eq!(pos(text, &Spans::toml(text), "base_url"), (1, 12));
        let text = "materials = [{title = \"a\", url = \"j:x\"}, { url = 'k' }]\n";
        // «materials = [{title = "a", url = » is 33 characters; the second quote follows 49.
        assert_eq!(pos(text, &Spans::toml(text), "materials[0].url"), (1, 34));
        assert_eq!(pos(text, &Spans::toml(text), "materials[1].url"), (1, 50));
        assert!(s.get("nope").is_none());
    }

    #[test]
    fn innermost_is_the_first_item_holding_the_text() {
        let text = "schools:\n  - СОШ 1\n  - СОШ 1\nother: СОШ 1\n";
        let s = Spans::yaml(text);
        let holds = |f: &FieldSpan| text[f.value.clone()].contains("СОШ 1");
        assert_eq!(s.innermost("schools", holds), Some("schools[0]"));
    }

    #[test]
    fn under_keeps_document_order_and_whole_segments() {
        let text = "ab: 1\na:\n  - x\n  - y\n";
        let s = Spans::yaml(text);
        let under: Vec<&str> = s.under("a").map(|(p, _)| p).collect();
        assert_eq!(under, ["a", "a[0]", "a[1]"]);
    }
}
