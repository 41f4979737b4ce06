//! Word documents (`.docx`): OOXML read directly, zip + XML → [`Source`].
//!
//! Input: the bytes of a `.docx`. Output: the body's paragraphs as lines (runs joined,
//! `w:tab` as TAB, so a tab-laid-out table reads like a text export), empty paragraphs
//! as blank lines, page breaks, and real tables with merged cells expanded: a
//! `gridSpan` cell is followed by empty cells for the columns it covers, and a
//! `vMerge` continuation repeats the text of the cell that started the merge (the value
//! belongs to every row it spans). Bold and italic runs become `**…**` and `*…*`;
//! heading styles become `#` prefixes.
//!
//! Limits: the archive is read within [`LIMITS`] (a zip bomb is an error), the XML
//! tree within [`MAX_NODES`] nodes, and no element deeper than [`MAX_DEPTH`]: the walks
//! below recurse into content controls and run containers, so the depth is checked
//! first, before any of them.

use super::model::{spaced, Budget, Row, Source, SourceItem, Table, TooLong};
use crate::archive::{Archive, ArchiveError, Limits};
use roxmltree::{Document as Xml, Node, ParsingOptions};

/// How much of a `.docx` is read: only its text, `word/document.xml`, is unpacked
/// (pictures never are). The `.docx` of seed plan 001 has 265 KB of it; a
/// plan of hundreds of pages has a few megabytes.
pub const LIMITS: Limits = Limits {
    entries: 10_000,
    entry: 32 * 1024 * 1024,
    total: 32 * 1024 * 1024,
};

/// Most XML nodes read: the 265 KB of seed 001 hold 7 000 elements, so 32 MB of
/// Word's XML about a million. roxmltree takes 72 bytes a node.
pub const MAX_NODES: u32 = 2_000_000;

/// Deepest element nesting read. Word writes about 10 levels, 3 more per table nested
/// in a cell; 12 000 nested content controls are a hostile file.
pub const MAX_DEPTH: usize = 256;

/// Why a `.docx` could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The archive is broken or over a limit.
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    /// A zip without `word/document.xml`: another Office format or no document at all.
    #[error("{0}")]
    NotWord(String),
    /// The text is not UTF-8.
    #[error("текст документа (word/document.xml) не в UTF-8: файл повреждён")]
    NotUtf8,
    /// The XML is broken.
    #[error("XML документа повреждён (word/document.xml, строка {row}, столбец {col})")]
    Xml {
        /// Line in `document.xml`.
        row: u32,
        /// Column in `document.xml`.
        col: u32,
    },
    /// More than [`MAX_NODES`] XML nodes.
    #[error("в документе больше {} элементов или атрибутов XML: файл повреждён или создан не Word", spaced(MAX_NODES as usize))]
    TooManyNodes,
    /// More paragraphs, cells or text than a document has.
    #[error(transparent)]
    TooLong(#[from] TooLong),
    /// Elements nested deeper than [`MAX_DEPTH`].
    #[error(
        "элементы документа вложены глубже {MAX_DEPTH} уровней: файл повреждён или создан не Word"
    )]
    TooDeep,
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Reads the body of a `.docx`.
pub fn read(bytes: &[u8]) -> Result<Source, DocxError> {
    let mut zip = Archive::open(bytes, LIMITS)?;
    let Some(xml) = zip.read("word/document.xml")? else {
        return Err(DocxError::NotWord(not_word(&zip.names())));
    };
    let xml = String::from_utf8(xml).map_err(|_| DocxError::NotUtf8)?;
    // roxmltree reserves room for a node per `<` and an attribute per `=` before it
    // parses: counted first, so that 32 MB of `<a/>` never reserves gigabytes.
    let count = |b: u8| memchr::memchr_iter(b, xml.as_bytes()).count();
    if count(b'<') > 2 * MAX_NODES as usize || count(b'=') > MAX_NODES as usize {
        return Err(DocxError::TooManyNodes);
    }
    let opts = ParsingOptions {
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    let doc = Xml::parse_with_options(&xml, opts).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => DocxError::TooManyNodes,
        e => DocxError::Xml {
            row: e.pos().row,
            col: e.pos().col,
        },
    })?;
    check_depth(&doc)?;
    let mut reader = Reader::default();
    if let Some(body) = doc.root_element().children().find(|n| is(n, "body")) {
        reader.container(body);
    }
    if let Some(e) = reader.over {
        return Err(e.into());
    }
    Ok(Source {
        items: reader.items,
    })
}

/// What a zip without a Word body is, and how to make a `.docx` of it.
fn not_word(names: &[String]) -> String {
    let has = |n: &str| names.iter().any(|x| x == n);
    if has("xl/workbook.xml") {
        "это книга Excel (.xlsx), а не документ Word: импорт читает документы; таблицу показателей подключите к странице полем indicators_file".into()
    } else if has("ppt/presentation.xml") {
        "это презентация PowerPoint (.pptx), а не документ Word: сохраните её текст в Word как .docx".into()
    } else if has("content.xml") {
        "это документ OpenDocument (.odt/.ods): откройте его в LibreOffice или Word и сохраните как «Документ Word (.docx)»".into()
    } else {
        "это zip-архив без документа Word (нет word/document.xml): распакуйте его и импортируйте .docx".into()
    }
}

/// Fails on the first element nested deeper than [`MAX_DEPTH`]. Iterative: nodes come
/// in document order, so a parent's depth is known before its children's.
fn check_depth(doc: &Xml) -> Result<(), DocxError> {
    let mut depth: Vec<u16> = Vec::new();
    for n in doc.descendants() {
        let d = n
            .parent()
            .and_then(|p| depth.get(p.id().get_usize()))
            .map_or(0, |d| d + 1);
        let i = n.id().get_usize();
        if depth.len() <= i {
            depth.resize(i + 1, 0);
        }
        depth[i] = d;
        if usize::from(d) > MAX_DEPTH {
            return Err(DocxError::TooDeep);
        }
    }
    Ok(())
}

fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

fn attr<'a>(n: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

fn child<'a, 'i>(n: &Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, name))
}

#[derive(Default)]
struct Reader {
    items: Vec<SourceItem>,
    line: usize,
    budget: Budget,
    /// Set when the budget ran out: the walk stops.
    over: Option<TooLong>,
}

impl Reader {
    fn next_line(&mut self) -> usize {
        self.line += 1;
        self.line
    }

    /// Spends from the budget; false (and the walk stops) when it has run out.
    fn spend(&mut self, f: impl FnOnce(&mut Budget) -> Result<(), TooLong>) -> bool {
        if self.over.is_none() {
            self.over = f(&mut self.budget).err();
        }
        self.over.is_none()
    }

    /// The body, a content control or a cell: paragraphs and tables in order.
    fn container(&mut self, node: Node) {
        for c in node.children() {
            if self.over.is_some() {
                return;
            }
            if is(&c, "p") {
                self.paragraph(c);
            } else if is(&c, "tbl") {
                let t = self.table(c);
                self.items.push(SourceItem::Table(t));
            } else if is(&c, "sdt") {
                if let Some(content) = child(&c, "sdtContent") {
                    self.container(content);
                }
            }
        }
    }

    fn paragraph(&mut self, p: Node) {
        if !self.spend(Budget::line) {
            return;
        }
        let line = self.next_line();
        let ppr = child(&p, "pPr");
        if ppr.and_then(|n| child(&n, "pageBreakBefore")).is_some() {
            self.items.push(SourceItem::PageBreak { line });
        }
        let mut runs = Runs::default();
        runs.collect(p);
        let mut prefix = String::new();
        if let Some(level) = ppr.and_then(|n| heading_level(&n)) {
            prefix = format!("{} ", "#".repeat(level.clamp(1, 5) + 1));
        } else if ppr.and_then(|n| child(&n, "numPr")).is_some() {
            prefix = "- ".into();
        }
        for (i, piece) in runs.finish().into_iter().enumerate() {
            if let Piece::Text(t) = &piece {
                let tabs = t.matches('\t').count();
                if !self.spend(|b| b.text(t.len()).and_then(|_| b.cells(tabs))) {
                    return;
                }
            }
            match piece {
                Piece::Text(t) if t.trim().is_empty() && !t.contains('\t') => {
                    self.items.push(SourceItem::Blank { line })
                }
                Piece::Text(t) => {
                    let t = super::text::clean_line(&t);
                    let text = if i == 0 { format!("{prefix}{t}") } else { t };
                    self.items.push(SourceItem::Line { line, text });
                }
                Piece::PageBreak => self.items.push(SourceItem::PageBreak { line }),
            }
        }
    }

    fn table(&mut self, tbl: Node) -> Table {
        let mut table = Table {
            line: self.line + 1,
            rows: Vec::new(),
        };
        // Text of the cell that started a vertical merge, by grid column.
        let mut merge_start: Vec<Option<String>> = Vec::new();
        for tr in tbl.children().filter(|n| is(n, "tr")) {
            if !self.spend(Budget::line) {
                break;
            }
            let line = self.next_line();
            let mut cells = Vec::new();
            for tc in tr.children().filter(|n| is(n, "tc")) {
                let props = child(&tc, "tcPr");
                let span = props
                    .and_then(|p| child(&p, "gridSpan"))
                    .and_then(|g| attr(&g, "val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let vmerge = props.and_then(|p| child(&p, "vMerge"));
                if !self.spend(|b| b.cells(span)) {
                    break;
                }
                let col = cells.len();
                if merge_start.len() < col + span {
                    merge_start.resize(col + span, None);
                }
                let text = match vmerge.map(|v| attr(&v, "val").unwrap_or("continue")) {
                    Some("restart") => {
                        let t = cell_text(tc);
                        merge_start[col] = Some(t.clone());
                        t
                    }
                    Some(_) => merge_start[col].clone().unwrap_or_default(),
                    None => {
                        merge_start[col] = None;
                        cell_text(tc)
                    }
                };
                if !self.spend(|b| b.text(text.len())) {
                    break;
                }
                cells.push(text);
                cells.extend(std::iter::repeat_n(String::new(), span - 1));
            }
            table.rows.push(Row {
                line,
                cells,
                after_break: false,
            });
        }
        table
    }
}

fn heading_level(ppr: &Node) -> Option<usize> {
    let style = child(ppr, "pStyle").and_then(|s| attr(&s, "val"))?;
    let lower = style.to_lowercase();
    let digits = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("заголовок"))?;
    digits.trim().parse().ok()
}

/// A cell's text: its paragraphs joined by spaces (nested tables flattened).
fn cell_text(tc: Node) -> String {
    let mut parts = Vec::new();
    for d in tc.descendants().filter(|n| is(n, "p")) {
        // Paragraphs of a nested table are reached through their own `p` nodes.
        let mut runs = Runs::default();
        runs.collect_shallow(d);
        let text: Vec<String> = runs
            .finish()
            .into_iter()
            .filter_map(|p| match p {
                Piece::Text(t) => Some(t.replace('\t', " ")),
                Piece::PageBreak => None,
            })
            .collect();
        let text = text.join(" ");
        if !text.trim().is_empty() {
            parts.push(text.trim().to_string());
        }
    }
    super::text::clean_line(&parts.join(" "))
}

enum Piece {
    Text(String),
    PageBreak,
}

/// Runs of one paragraph, with bold and italic marked.
#[derive(Default)]
struct Runs {
    pieces: Vec<Piece>,
    current: Vec<(String, bool, bool)>,
}

impl Runs {
    fn collect(&mut self, node: Node) {
        for c in node.children().filter(Node::is_element) {
            if c.tag_name().namespace() != Some(W) {
                continue;
            }
            match c.tag_name().name() {
                "r" => self.run(c),
                "del" | "pPr" | "rPr" | "instrText" | "tbl" => {}
                _ => self.collect(c),
            }
        }
    }

    /// Like [`Runs::collect`] but never enters a nested paragraph.
    fn collect_shallow(&mut self, node: Node) {
        for c in node.children().filter(Node::is_element) {
            if c.tag_name().namespace() != Some(W) {
                continue;
            }
            match c.tag_name().name() {
                "r" => self.run(c),
                "del" | "pPr" | "rPr" | "instrText" | "tbl" | "p" => {}
                _ => self.collect_shallow(c),
            }
        }
    }

    fn run(&mut self, r: Node) {
        let rpr = child(&r, "rPr");
        let on = |name: &str| {
            rpr.and_then(|p| child(&p, name))
                .is_some_and(|b| !matches!(attr(&b, "val"), Some("0" | "false" | "off")))
        };
        let (bold, italic) = (on("b"), on("i"));
        for c in r.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "t" => self.push(c.text().unwrap_or(""), bold, italic),
                "tab" => self.push("\t", false, false),
                "br" | "cr" if attr(&c, "type") == Some("page") => self.break_page(),
                "br" | "cr" => self.new_line(),
                "lastRenderedPageBreak" => {}
                _ => {}
            }
        }
    }

    fn push(&mut self, text: &str, bold: bool, italic: bool) {
        match self.current.last_mut() {
            Some((t, b, i)) if *b == bold && *i == italic => t.push_str(text),
            _ => self.current.push((text.to_string(), bold, italic)),
        }
    }

    fn new_line(&mut self) {
        let line = self.flush();
        self.pieces.push(Piece::Text(line));
    }

    fn break_page(&mut self) {
        let line = self.flush();
        if !line.is_empty() {
            self.pieces.push(Piece::Text(line));
        }
        self.pieces.push(Piece::PageBreak);
    }

    fn flush(&mut self) -> String {
        let mut out = String::new();
        for (text, bold, italic) in self.current.drain(..) {
            let mark = match (bold, italic) {
                _ if text.trim().is_empty() => "",
                (true, true) => "***",
                (true, false) => "**",
                (false, true) => "*",
                (false, false) => "",
            };
            if mark.is_empty() {
                out.push_str(&text);
            } else {
                // Markers hug the words: spaces stay outside.
                let lead = &text[..text.len() - text.trim_start().len()];
                let trail = &text[text.trim_end().len()..];
                out.push_str(lead);
                out.push_str(mark);
                out.push_str(text.trim());
                out.push_str(mark);
                out.push_str(trail);
            }
        }
        out
    }

    fn finish(mut self) -> Vec<Piece> {
        let last = self.flush();
        if !last.is_empty() || self.pieces.is_empty() {
            self.pieces.push(Piece::Text(last));
        }
        self.pieces
    }
}
