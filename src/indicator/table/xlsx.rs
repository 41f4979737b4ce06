//! `.xlsx` indicator files, read within limits: the archive's XML parts are unpacked
//! under [`LIMITS`] (a zip bomb is an error), the styles are reduced to the number
//! formats before calamine sees them (calamine copies a font or format into every cell
//! format, which multiplies a hostile `styles.xml`), and the first sheet is streamed
//! cell by cell into [`Rows`] (calamine's dense ranges would allocate rows × columns for
//! one value in column XFD of row 1 048 576).

use super::rows::{NumberedRows, Rows};
use super::{column_letter, Cell, TableError};
use crate::archive::{Archive, ArchiveError, Limits};
use calamine::{Data, Reader, Xlsx, XlsxError};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Cursor;

/// How much of an `.xlsx` is unpacked: its XML parts only (pictures stay packed). A
/// workbook of one indicator sheet has 20–100 KB of them.
pub const LIMITS: Limits = Limits {
    entries: 1_000,
    entry: 16 * 1024 * 1024,
    total: 32 * 1024 * 1024,
};

/// Most cell formats kept: Excel itself allows 64 000.
const MAX_XFS: usize = 65_536;

/// Longest number format kept: Excel itself allows 255 characters.
const MAX_FORMAT: usize = 255;

/// Most nodes of `styles.xml` parsed.
const MAX_STYLE_NODES: u32 = 1_000_000;

/// A sheet's rows and the column its cells start at.
pub(super) struct Sheet {
    /// The sheet's name.
    pub name: String,
    /// Index of the first column with a value.
    pub first: usize,
    /// Rows as the spreadsheet numbers them, cells from `first`.
    pub rows: NumberedRows,
}

/// Reads the first sheet of an `.xlsx` (or `.xlsm`) given as bytes.
pub(super) fn read(bytes: &[u8]) -> Result<Sheet, TableError> {
    let mut percent = Vec::new();
    let packed = Archive::open(bytes, LIMITS)
        .and_then(|zip| {
            zip.repack(is_xml, |name, xml| {
                Ok::<_, ArchiveError>(if name.to_ascii_lowercase().ends_with("styles.xml") {
                    reduce_styles(&xml, &mut percent)
                } else {
                    xml
                })
            })
        })
        .map_err(|e| {
            TableError::new(
                0,
                "",
                e.to_string(),
                "откройте файл в Excel и сохраните заново как .xlsx",
            )
        })?;
    let mut book = Xlsx::new(Cursor::new(packed)).map_err(book_error)?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(TableError::new(
            0,
            "",
            "в книге нет листов".into(),
            "добавьте лист с показателями",
        ));
    };
    let in_sheet = |mut e: TableError| {
        e.sheet = Some(name.clone());
        e
    };
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|e| in_sheet(book_error(e)))?;
    let mut rows = Rows::default();
    while let Some((cell, style)) = cells
        .next_cell_with_style_id()
        .map_err(|e| in_sheet(book_error(e)))?
    {
        let (r, c) = cell.get_position();
        let data = Data::from(cell.get_value().clone());
        let cell = Cell::from_data(&data, percent.get(style).copied().unwrap_or(false));
        rows.cell(r as usize + 1, c as usize, cell, &column_letter)
            .map_err(in_sheet)?;
    }
    let (first, rows) = rows.finish(true).map_err(in_sheet)?;
    Ok(Sheet { name, first, rows })
}

/// The parts calamine reads: XML and relationships.
fn is_xml(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".xml") || lower.ends_with(".rels")
}

fn book_error(e: XlsxError) -> TableError {
    let (message, hint) = match e {
        XlsxError::Password => (
            "книга защищена паролем".to_string(),
            "снимите пароль в Excel (Файл → Сведения → Защита книги) и сохраните файл",
        ),
        XlsxError::NotAWorksheet(_) => (
            "первый лист книги — не таблица (диаграмма или макрос)".to_string(),
            "поставьте лист с показателями первым",
        ),
        _ => (
            "файл повреждён: книгу Excel не удаётся прочитать".to_string(),
            "откройте файл в Excel и сохраните заново как .xlsx",
        ),
    };
    TableError::new(0, "", message, hint)
}

/// `styles.xml` reduced to what is read from it: the number format of every cell
/// format (dates and percents). `percent` gets, by cell format, whether it shows a
/// percent («0,103» shown «10,3%»). A broken part gives an empty style sheet.
fn reduce_styles(xml: &[u8], percent: &mut Vec<bool>) -> Vec<u8> {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    );
    let opts = roxmltree::ParsingOptions {
        nodes_limit: MAX_STYLE_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = std::str::from_utf8(xml)
        .ok()
        .and_then(|text| roxmltree::Document::parse_with_options(text, opts).ok());
    if let Some(doc) = &doc {
        let in_list = |list: &'static str, item: &'static str| {
            doc.root_element()
                .children()
                .filter(move |n| n.has_tag_name(list))
                .flat_map(|n| n.children())
                .filter(move |n| n.has_tag_name(item))
        };
        let formats: BTreeMap<&str, &str> = in_list("numFmts", "numFmt")
            .filter_map(|f| Some((f.attribute("numFmtId")?, f.attribute("formatCode")?)))
            .filter(|(_, code)| code.chars().count() <= MAX_FORMAT)
            .collect();
        let xfs: Vec<&str> = in_list("cellXfs", "xf")
            .take(MAX_XFS)
            .map(|x| x.attribute("numFmtId").unwrap_or("0"))
            .collect();
        // Built-in formats 9 and 10 are «0%» and «0.00%».
        *percent = xfs
            .iter()
            .map(|id| matches!(*id, "9" | "10") || formats.get(id).is_some_and(|c| c.contains('%')))
            .collect();
        out.push_str("<numFmts>");
        for (id, code) in &formats {
            let _ = write!(
                out,
                "<numFmt numFmtId=\"{}\" formatCode=\"{}\"/>",
                escape(id),
                escape(code)
            );
        }
        out.push_str("</numFmts><cellXfs>");
        for id in &xfs {
            let _ = write!(out, "<xf numFmtId=\"{}\"/>", escape(id));
        }
        out.push_str("</cellXfs>");
    }
    out.push_str("</styleSheet>");
    out.into_bytes()
}

/// Text for an XML attribute value.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_keep_number_formats_only() {
        let xml = r#"<?xml version="1.0"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="dd&quot;.&quot;mm"/></numFmts>
<fonts count="1"><font><name val="Calibri"/></font></fonts>
<cellStyleXfs count="1"><xf numFmtId="9"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0"/><xf numFmtId="164"/><xf numFmtId="10"/><xf numFmtId="165"/></cellXfs>
</styleSheet>"#;
        let mut percent = Vec::new();
        let reduced = String::from_utf8(reduce_styles(xml.as_bytes(), &mut percent)).unwrap();
        assert_eq!(percent, [false, true, true, false]);
        assert!(!reduced.contains("font"), "{reduced}");
        assert!(
            reduced.contains(r#"formatCode="dd&quot;.&quot;mm""#),
            "{reduced}"
        );
        assert!(reduced.contains(
            r#"<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/><xf numFmtId="165"/></cellXfs>"#
        ));
        let mut none = Vec::new();
        assert!(String::from_utf8(reduce_styles(b"<broken", &mut none))
            .unwrap()
            .ends_with("<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"></styleSheet>"));
        assert!(none.is_empty(), "a broken part has no percent formats");
    }
}
