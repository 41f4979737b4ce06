//! Text exports (`.txt`, `.md`): bytes → [`Source`] → [`Document`].
//!
//! Input: the bytes of a Word/PDF export where every table row is one line of
//! TAB-separated cells and page ends are blank lines. Output: blocks of lines and
//! tables; a table runs on across blank lines (a page break inside a table), and the
//! row after one is marked `after_break`. Nothing here guesses what a line means.

use super::model::{Block, Document, Row, Source, SourceItem, Table};

/// Splits text into source items: lines, blank lines.
pub fn read(text: &str) -> Source {
    let mut items = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = i + 1;
        let clean = clean_line(raw);
        if clean.trim().is_empty() && !clean.contains('\t') {
            items.push(SourceItem::Blank { line });
        } else {
            items.push(SourceItem::Line { line, text: clean });
        }
    }
    Source { items }
}

/// A line without its `\r`, control characters (TAB kept) and no-break spaces.
pub fn clean_line(raw: &str) -> String {
    raw.trim_end_matches('\r')
        .chars()
        .map(|c| if c == '\u{a0}' { ' ' } else { c })
        .filter(|c| *c == '\t' || !c.is_control())
        .collect()
}

/// Groups source items into blocks: runs of non-blank lines, and tables made of
/// TAB-separated lines (and of real tables), continued across blank lines.
pub fn group(source: Source) -> Document {
    let mut g = Grouper::default();
    for item in source.items {
        match item {
            SourceItem::Line { line, text } if text.contains('\t') => g.row(line, &text),
            SourceItem::Line { line, text } => g.text(line, text),
            SourceItem::Blank { .. } => {
                g.close_lines();
                g.pending_break = true;
            }
            SourceItem::PageBreak { line } => {
                g.close_lines();
                if g.table.is_none() {
                    g.blocks.push(Block::PageBreak { line });
                }
                g.pending_break = true;
            }
            SourceItem::Table(t) => {
                g.close_lines();
                g.close_table();
                g.blocks.push(Block::Table(t));
                g.pending_break = false;
            }
        }
    }
    g.close_lines();
    g.close_table();
    Document { blocks: g.blocks }
}

#[derive(Default)]
struct Grouper {
    blocks: Vec<Block>,
    lines: Option<(usize, Vec<String>)>,
    table: Option<Table>,
    pending_break: bool,
}

impl Grouper {
    fn row(&mut self, line: usize, text: &str) {
        self.close_lines();
        let cells = text.split('\t').map(str::to_string).collect();
        let after_break = std::mem::take(&mut self.pending_break);
        let table = self.table.get_or_insert_with(|| Table {
            line,
            rows: Vec::new(),
        });
        let after_break = after_break && !table.rows.is_empty();
        table.rows.push(Row {
            line,
            cells,
            after_break,
        });
    }

    fn text(&mut self, line: usize, text: String) {
        self.close_table();
        self.pending_break = false;
        match &mut self.lines {
            Some((_, lines)) => lines.push(text),
            None => self.lines = Some((line, vec![text])),
        }
    }

    fn close_lines(&mut self) {
        if let Some((line, lines)) = self.lines.take() {
            self.blocks.push(Block::Lines { line, lines });
        }
    }

    fn close_table(&mut self) {
        if let Some(t) = self.table.take() {
            self.blocks.push(Block::Table(t));
        }
    }
}

/// Reads a text export into blocks.
pub fn parse(text: &str) -> Document {
    group(read(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_continue_across_blank_lines() {
        let doc = parse("Заголовок\n\nа\tб\n1.\tx\n\nа\tб\n\tхвост\nТекст");
        assert_eq!(doc.blocks.len(), 3);
        let Block::Table(t) = &doc.blocks[1] else {
            panic!("table expected: {doc:?}")
        };
        assert_eq!(t.rows.len(), 4);
        assert!(t.rows[2].after_break);
        assert!(!t.rows[3].after_break);
    }
}
