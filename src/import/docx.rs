//! Word documents (`.docx`): OOXML read directly, zip + XML → [`Source`].
//!
//! Input: the bytes of a `.docx`. Output: the body's paragraphs as lines (runs joined,
//! `w:tab` as TAB, so a tab-laid-out table reads like a text export), empty paragraphs
//! as blank lines, page breaks, and real tables with merged cells expanded: a
//! `gridSpan` cell is followed by empty cells for the columns it covers, and a
//! `vMerge` continuation repeats the text of the cell that started the merge (the value
//! belongs to every row it spans). Bold and italic runs become `**…**` and `*…*`;
//! heading styles become `#` prefixes. Sizes are capped: a zip bomb is an error.

use super::model::{Row, Source, SourceItem, Table};
use roxmltree::{Document as Xml, Node};
use std::io::Read;

/// Largest `word/document.xml` read, uncompressed.
const MAX_XML: u64 = 64 * 1024 * 1024;

/// Why a `.docx` could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// Not a zip archive or a broken one.
    #[error("файл не является документом Word (.docx): {0}")]
    Zip(#[from] zip::result::ZipError),
    /// The archive has no `word/document.xml`.
    #[error("в архиве нет word/document.xml: это не документ Word")]
    NoBody,
    /// The body is larger than [`MAX_XML`].
    #[error("текст документа больше 64 МБ после распаковки")]
    TooLarge,
    /// Reading failed.
    #[error("не удалось прочитать документ: {0}")]
    Io(#[from] std::io::Error),
    /// The XML is broken.
    #[error("повреждён XML документа: {0}")]
    Xml(#[from] roxmltree::Error),
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Reads the body of a `.docx`.
pub fn read(bytes: &[u8]) -> Result<Source, DocxError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    let file = match zip.by_name("word/document.xml") {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Err(DocxError::NoBody),
        Err(e) => return Err(e.into()),
    };
    let mut xml = String::new();
    file.take(MAX_XML + 1).read_to_string(&mut xml)?;
    if xml.len() as u64 > MAX_XML {
        return Err(DocxError::TooLarge);
    }
    let doc = Xml::parse(&xml)?;
    let mut reader = Reader::default();
    if let Some(body) = doc.root_element().children().find(|n| is(n, "body")) {
        reader.container(body);
    }
    Ok(Source {
        items: reader.items,
    })
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
}

impl Reader {
    fn next_line(&mut self) -> usize {
        self.line += 1;
        self.line
    }

    /// The body, a content control or a cell: paragraphs and tables in order.
    fn container(&mut self, node: Node) {
        for c in node.children() {
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
