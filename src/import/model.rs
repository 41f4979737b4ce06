//! The neutral document model every reader produces and every later stage consumes.
//!
//! A [`Source`] is what a reader saw, in order: text lines (a `.txt` line, a Word
//! paragraph), blank lines, page breaks and tables that were real tables in the source
//! (Word). [`crate::import::text::group`] turns it into a [`Document`] of blocks: runs of
//! lines, tables (TAB-separated lines become tables too) and page breaks. Line numbers
//! are 1-based and point into the source file (or the paragraph number of a `.docx`).

/// One item a reader saw.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceItem {
    /// A line of text (or a Word paragraph), without its newline.
    Line {
        /// Line (paragraph) number.
        line: usize,
        /// The text; TAB characters separate cells of a table row.
        text: String,
    },
    /// An empty line: in a text export, also where a page ended.
    Blank {
        /// Line number.
        line: usize,
    },
    /// An explicit page break (Word).
    PageBreak {
        /// Paragraph number.
        line: usize,
    },
    /// A table that was a table in the source (Word), merged cells already expanded.
    Table(Table),
}

/// What a reader produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Source {
    /// The items in document order.
    pub items: Vec<SourceItem>,
}

/// A table: rows of cells, as in the source (no cleaning yet).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Line of the first row.
    pub line: usize,
    /// The rows.
    pub rows: Vec<Row>,
}

/// One row of a table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// Line of the row in the source.
    pub line: usize,
    /// Cell texts (may hold stray HTML).
    pub cells: Vec<String>,
    /// True when a page ended just before this row (a blank line or a page break).
    pub after_break: bool,
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Consecutive non-empty lines (one paragraph, or a title spread over lines).
    Lines {
        /// Line of the first one.
        line: usize,
        /// The lines.
        lines: Vec<String>,
    },
    /// A table.
    Table(Table),
    /// A page break.
    PageBreak {
        /// Where.
        line: usize,
    },
}

impl Block {
    /// The source line the block starts on.
    pub fn line(&self) -> usize {
        match self {
            Block::Lines { line, .. } | Block::PageBreak { line } => *line,
            Block::Table(t) => t.line,
        }
    }
}

/// A document as blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The blocks in order.
    pub blocks: Vec<Block>,
}
