//! The body's outline: blocks of lines → [`Node`]s (headings, paragraphs, list items,
//! tables). Headings are found from the table of contents, from section numbering
//! («1.2. …», never a bare «2. …», which is a list item), from capitals («1. ОБЩИЕ
//! ПОЛОЖЕНИЯ») and from a bold line; paragraphs split by a page end are joined when the
//! first does not end a sentence. Stray HTML becomes Markdown here.

use std::sync::LazyLock;

use regex::Regex;

use super::html::{convert, split_bare_list, Target};
use super::model::Block;
use super::review::{short, Review, Topic};
use super::tables::{clean, Class, CleanTable, TRow};
use super::urls::join_cells;
use crate::model::name_key;

/// One element of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A heading; level 2 is a top section (level 1 is the page title).
    Heading {
        /// Source line.
        line: usize,
        /// 2…4.
        level: u8,
        /// Text (Markdown).
        text: String,
    },
    /// A paragraph (Markdown).
    Paragraph {
        /// Source line.
        line: usize,
        /// Text.
        text: String,
    },
    /// A list item.
    ListItem {
        /// Source line.
        line: usize,
        /// Nesting depth (0 = top).
        depth: u8,
        /// Marker as written when it carries a number («1)»), else none.
        marker: Option<String>,
        /// Text (Markdown).
        text: String,
    },
    /// A numbered paragraph («3. …»): the number is kept as written.
    Numbered {
        /// Source line.
        line: usize,
        /// «3.»
        number: String,
        /// Text.
        text: String,
    },
    /// A table.
    Table(CleanTable),
}

impl Node {
    /// Source line.
    pub fn line(&self) -> usize {
        match self {
            Node::Heading { line, .. }
            | Node::Paragraph { line, .. }
            | Node::ListItem { line, .. }
            | Node::Numbered { line, .. } => *line,
            Node::Table(t) => t.line,
        }
    }
}

static SECTION_NO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Раздел\s+\d+\.?|\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.)\s*").expect("valid regex")
});
static MULTI_NO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$").expect("valid regex"));
static ONE_NO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3}\.)\s*(\S.*)$").expect("valid regex"));
static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\s*)(?:[-–—•]\s*(?:[-–—]\s*)?)(?:(\d{1,2}\))\s*)?(\S.*)$").expect("valid regex")
});
static PAREN_NO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\s*)(\d{1,2}\))\s*(\S.*)$").expect("valid regex"));
static KNOWN_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:пояснительная записка|содержание|введение|заключение|приложение(?:\s*№?\s*\d+)?|лист согласования|источники|список литературы)\.?$")
        .expect("valid regex")
});
static MD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(#{1,6})\s+(\S.*)$").expect("valid regex"));

/// Titles of the table of contents, numbering removed, as name keys.
#[derive(Debug, Default)]
pub struct Toc {
    keys: Vec<String>,
}

impl Toc {
    fn from_table(t: &CleanTable) -> Toc {
        let mut keys = Vec::new();
        let rows = t.rows.iter().map(|r| match r {
            TRow::Data { cells, .. } => cells.clone(),
            TRow::Section { text, .. } => vec![text.clone()],
        });
        let header = std::iter::once(t.header.clone());
        for cells in header.chain(rows) {
            let text: Vec<&str> = cells
                .iter()
                .map(|c| c.trim())
                .filter(|c| {
                    !c.is_empty()
                        && !c
                            .chars()
                            .all(|ch| ch.is_ascii_digit() || "-–. ".contains(ch))
                })
                .collect();
            let key = toc_key(&text.join(" "));
            if key.chars().count() >= 4 {
                keys.push(key);
            }
        }
        Toc { keys }
    }

    fn matches(&self, line: &str) -> bool {
        let key = toc_key(line);
        let prefix: String = key.chars().take(40).collect();
        key.chars().count() >= 4
            && self
                .keys
                .iter()
                .any(|k| *k == key || (key.chars().count() > 40 && k.starts_with(&prefix)))
    }
}

fn toc_key(s: &str) -> String {
    let plain = convert(s, Target::Plain).text;
    let plain = plain.trim_end_matches(|c: char| c == '.' || c == '…' || c.is_whitespace());
    let plain = plain.trim_end_matches('.');
    name_key(&SECTION_NO.replace(plain.trim(), ""))
}

fn strip_emphasis(s: &str) -> String {
    s.replace("**", "").replace('*', "")
}

fn is_caps(s: &str) -> bool {
    let plain = strip_emphasis(s);
    let letters: Vec<char> = plain.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    letters.len() >= 6 && upper * 10 >= letters.len() * 9 && plain.split_whitespace().count() >= 2
}

/// The outline of a document's blocks (title-block blocks already removed).
pub fn outline(blocks: &[Block], review: &mut Review) -> Vec<Node> {
    let mut toc = Toc::default();
    let mut nodes: Vec<Node> = Vec::new();
    let mut html_fixes = 0usize;
    for block in blocks {
        match block {
            Block::Table(t) => {
                let c = clean(t, review);
                if c.class == Class::Toc {
                    toc = Toc::from_table(&c);
                    review.add(c.line, Topic::Text, "оглавление убрано из текста (номера страниц не нужны на сайте); по нему найдены заголовки");
                    if let Some(Node::Heading { text, .. }) = nodes.last() {
                        if name_key(text) == "содержание" {
                            nodes.pop();
                        }
                    }
                    continue;
                }
                nodes.push(Node::Table(c));
            }
            Block::PageBreak { .. } => {}
            Block::Lines { line, lines } => {
                for (i, l) in merge_bold(lines).into_iter().enumerate() {
                    let no = line + i;
                    let conv = convert(&l, Target::Markdown);
                    if conv.changed {
                        html_fixes += 1;
                    }
                    for tag in &conv.dropped {
                        review.add(
                            no,
                            Topic::Html,
                            format!("неизвестный тег <{tag}> убран, текст оставлен"),
                        );
                    }
                    if let Some((head, items)) = split_bare_list(&l) {
                        review.add(
                            no,
                            Topic::Html,
                            format!(
                                "список <ul> без <li> разбит на {} пунктов по тире",
                                items.len()
                            ),
                        );
                        let head = convert(&head, Target::Markdown).text;
                        if !head.trim().is_empty() {
                            nodes.push(Node::Paragraph {
                                line: no,
                                text: head,
                            });
                        }
                        for it in items {
                            let text = convert(&it, Target::Markdown).text;
                            nodes.push(Node::ListItem {
                                line: no,
                                depth: 0,
                                marker: None,
                                text,
                            });
                        }
                        continue;
                    }
                    for piece in conv.text.split('\n') {
                        classify_line(piece, no, &toc, &mut nodes, review);
                    }
                }
            }
        }
    }
    if html_fixes > 0 {
        review.add(
            0,
            Topic::Html,
            format!("HTML-разметка из Word заменена разметкой Markdown в {html_fixes} абзацах"),
        );
    }
    join_split_paragraphs(nodes, review)
}

/// A title spread over lines between `**` and `**` is one line.
fn merge_bold(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open: Option<String> = None;
    for l in lines {
        let t = l.trim();
        match open.take() {
            Some(mut acc) => {
                acc.push(' ');
                acc.push_str(t);
                if t.ends_with("**") {
                    out.push(acc);
                } else {
                    open = Some(acc);
                }
            }
            None if t.starts_with("**") && !t[2..].contains("**") => open = Some(t.to_string()),
            None => out.push(l.clone()),
        }
    }
    out.extend(open);
    out
}

fn classify_line(raw: &str, line: usize, toc: &Toc, nodes: &mut Vec<Node>, review: &mut Review) {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return;
    }
    // A stray «*» left at the end of a line by the export.
    let text = if trimmed.ends_with('*') && trimmed.matches('*').count() % 2 == 1 {
        trimmed.trim_end_matches('*').trim_end()
    } else {
        trimmed
    };
    let heading = |level: u8, text: &str, why: &str, nodes: &mut Vec<Node>, review: &mut Review| {
        review.add(
            line,
            Topic::Text,
            format!("заголовок уровня {level} ({why}): «{}»", short(text, 70)),
        );
        nodes.push(Node::Heading {
            line,
            level,
            text: strip_emphasis(text).trim().to_string(),
        });
    };
    if let Some(c) = MD_HEADING.captures(text) {
        let level = (c[1].len() as u8).clamp(2, 4);
        nodes.push(Node::Heading {
            line,
            level,
            text: c[2].to_string(),
        });
        return;
    }
    let plain = strip_emphasis(text);
    let plain = plain.trim();
    let long = plain.chars().count() > 250;
    if !long && toc.matches(plain) {
        let level = match MULTI_NO.captures(plain) {
            Some(c) => (c[1].matches('.').count() as u8 + 2).min(4),
            None => 2,
        };
        return heading(level, text, "есть в оглавлении", nodes, review);
    }
    if !long && KNOWN_HEADING.is_match(plain) {
        return heading(2, text, "название раздела", nodes, review);
    }
    if let Some(c) = MULTI_NO.captures(plain) {
        if !long
            && !plain.ends_with(['.', ';', ':', ','])
            && !c[2].starts_with(|ch: char| ch.is_lowercase())
        {
            let level = (c[1].matches('.').count() as u8 + 2).min(4);
            return heading(level, text, "номер раздела вида 1.2.", nodes, review);
        }
    }
    if !long && is_caps(plain) && !plain.ends_with([':', ',', ';']) {
        return heading(2, text, "прописные буквы", nodes, review);
    }
    if !long
        && text.starts_with("**")
        && text.ends_with("**")
        && text.len() > 4
        && !text[2..text.len() - 2].contains("**")
        && plain.chars().count() <= 200
    {
        return heading(2, text, "жирная строка", nodes, review);
    }
    if let Some(c) = PAREN_NO.captures(raw) {
        let depth = u8::from(!c[1].is_empty());
        nodes.push(Node::ListItem {
            line,
            depth,
            marker: Some(c[2].to_string()),
            text: c[3].to_string(),
        });
        return;
    }
    if let Some(c) = BULLET.captures(raw.trim_end()) {
        let depth = u8::from(!c[1].is_empty());
        nodes.push(Node::ListItem {
            line,
            depth,
            marker: c.get(2).map(|m| m.as_str().to_string()),
            text: c[3].to_string(),
        });
        return;
    }
    if let Some(c) = ONE_NO.captures(text) {
        nodes.push(Node::Numbered {
            line,
            number: c[1].to_string(),
            text: c[2].to_string(),
        });
        return;
    }
    nodes.push(Node::Paragraph {
        line,
        text: text.to_string(),
    });
}

/// Joins a paragraph cut by a page end with the next one: the first does not end a
/// sentence (`.;:!?»)…`) and is long enough not to be a caption.
fn join_split_paragraphs(nodes: Vec<Node>, review: &mut Review) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::with_capacity(nodes.len());
    for node in nodes {
        if let (
            Some(Node::Paragraph {
                line: pl,
                text: prev,
            }),
            Node::Paragraph { line, text },
        ) = (out.last_mut(), &node)
        {
            let end = prev.trim_end().trim_end_matches('*');
            let open = !end.ends_with(['.', ';', ':', '!', '?', '»', ')', '…', '"']);
            if open && end.chars().count() >= 50 && *line > *pl {
                review.add(*line, Topic::Text, format!("абзац, разрезанный переносом страницы, склеен с абзацем строки {pl}: «…{}» + «{}…»", tail(end, 30), short(text, 30)));
                *prev = join_cells(prev, text, *line, review);
                continue;
            }
        }
        out.push(node);
    }
    out
}

fn tail(s: &str, n: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars[chars.len().saturating_sub(n)..].iter().collect()
}
