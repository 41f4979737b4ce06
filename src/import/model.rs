//! The neutral document model every reader produces and every later stage consumes.
//!
//! A [`Source`] is what a reader saw, in order: text lines (a `.txt` line, a Word
//! paragraph), blank lines, page breaks and tables that were real tables in the source
//! (Word). [`crate::import::text::group`] turns it into a [`Document`] of blocks: runs of
//! lines, tables (TAB-separated lines become tables too) and page breaks. Line numbers
//! are 1-based and point into the source file (or the paragraph number of a `.docx`).

/// Most paragraphs, lines and table rows a document may have: the seed documents have
/// at most 1 086; fifty thousand is a document of thousands of pages.
pub const MAX_LINES: usize = 50_000;

/// Most table cells (TAB-separated pieces of lines included): the seed documents have
/// at most 2 317.
pub const MAX_CELLS: usize = 500_000;

/// Most text a document may expand to: a merged cell's text is repeated in every row
/// it spans, so a `.docx` could otherwise multiply its 32 MB many times.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// A document past [`MAX_LINES`], [`MAX_CELLS`] or [`MAX_TEXT_BYTES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TooLong {
    /// Too many lines.
    #[error("в документе больше {} абзацев и строк таблиц: это не один документ, разделите его на части", spaced(MAX_LINES))]
    Lines,
    /// Too many cells.
    #[error(
        "в таблицах документа больше {} ячеек: это не один документ, разделите его на части",
        spaced(MAX_CELLS)
    )]
    Cells,
    /// Too much text.
    #[error("текст документа больше {} МБ: это не один документ, разделите его на части", MAX_TEXT_BYTES / (1024 * 1024))]
    Text,
}

/// Lines and cells counted as a reader makes them, so that it stops at the limit
/// instead of after allocating them.
#[derive(Debug, Default)]
pub struct Budget {
    lines: usize,
    cells: usize,
    bytes: usize,
}

impl Budget {
    /// One more line, paragraph or row.
    pub fn line(&mut self) -> Result<(), TooLong> {
        self.lines += 1;
        if self.lines > MAX_LINES {
            return Err(TooLong::Lines);
        }
        Ok(())
    }

    /// `n` more bytes of text.
    pub fn text(&mut self, n: usize) -> Result<(), TooLong> {
        self.bytes = self.bytes.saturating_add(n);
        if self.bytes > MAX_TEXT_BYTES {
            return Err(TooLong::Text);
        }
        Ok(())
    }

    /// `n` more cells.
    pub fn cells(&mut self, n: usize) -> Result<(), TooLong> {
        self.cells = self.cells.saturating_add(n);
        if self.cells > MAX_CELLS {
            return Err(TooLong::Cells);
        }
        Ok(())
    }
}

/// 50000 → «50 000» (grouped with a no-break space).
pub fn spaced(n: usize) -> String {
    crate::indicator::number::format_number(n as f64)
}

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
