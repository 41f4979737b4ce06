//! Hostile files made at test time (zip archives with chosen parts: a `.docx`, an
//! `.xlsx`), and runs of the binary under a memory limit, so that a file that makes it
//! reserve gigabytes fails the test instead of the machine.

use crate::util::{Output, SiteTest, BIN};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// The WordprocessingML namespace.
pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The SpreadsheetML namespace.
pub const S: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// Virtual memory a run may use: the debug binary checks a small site in under 200 MB.
pub const MEMORY_LIMIT_KB: u64 = 1024 * 1024;

/// A zip archive of `(name, bytes)` parts, deflated at the fastest level.
pub fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_level(Some(1));
    for (name, bytes) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A `.docx` whose body is `body` (WordprocessingML, prefix `w:`).
pub fn docx(body: &str) -> Vec<u8> {
    let xml = format!("<w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>");
    zip_of(&[("word/document.xml", xml.as_bytes())])
}

/// An `.xlsx` of one sheet «Лист1» whose `<sheetData>` is `rows`, with optional shared
/// strings and styles parts (their whole XML).
pub fn xlsx(rows: &str, shared: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    let root = format!(
        "<Relationships xmlns=\"{PKG}\"><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
    );
    let book = format!(
        "<workbook xmlns=\"{S}\" xmlns:r=\"{REL}\"><sheets><sheet name=\"Лист1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
    );
    let book_rels = format!(
        "<Relationships xmlns=\"{PKG}\"><Relationship Id=\"rId1\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"
    );
    let sheet = format!("<worksheet xmlns=\"{S}\"><sheetData>{rows}</sheetData></worksheet>");
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("_rels/.rels", root.as_bytes()),
        ("xl/workbook.xml", book.as_bytes()),
        ("xl/_rels/workbook.xml.rels", book_rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ];
    if let Some(s) = shared {
        parts.push(("xl/sharedStrings.xml", s.as_bytes()));
    }
    if let Some(s) = styles {
        parts.push(("xl/styles.xml", s.as_bytes()));
    }
    zip_of(&parts)
}

/// A row of inline-string cells from column A.
pub fn text_row(row: u32, cells: &[&str]) -> String {
    let mut out = format!("<row r=\"{row}\">");
    for (i, c) in cells.iter().enumerate() {
        let col = (b'A' + i as u8) as char;
        out.push_str(&format!(
            "<c r=\"{col}{row}\" t=\"inlineStr\"><is><t>{c}</t></is></c>"
        ));
    }
    out.push_str("</row>");
    out
}

/// Runs `metodist` like [`SiteTest::run`], under `ulimit -v` [`MEMORY_LIMIT_KB`] (on
/// Linux) and with two worker threads (each reserves address space of its own).
pub fn run_limited(site: &SiteTest, args: &[&str]) -> Output {
    let root = site.root().to_string_lossy();
    let args: Vec<String> = args.iter().map(|a| a.replace("{site}", &root)).collect();
    let mut cmd = if cfg!(target_os = "linux") {
        let mut c = std::process::Command::new("sh");
        c.arg("-c")
            .arg(format!("ulimit -v {MEMORY_LIMIT_KB} && exec \"$0\" \"$@\""))
            .arg(BIN);
        c
    } else {
        std::process::Command::new(BIN)
    };
    let out = cmd
        .args(&args)
        .env("RAYON_NUM_THREADS", "2")
        .current_dir(site.root())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    Output {
        args,
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        listing: site.listing(),
    }
}

/// Sets the uncompressed size that every header of a zip declares (a lying directory).
pub fn declare_size(zip: &mut [u8], size: u32) {
    for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let starts: Vec<usize> = (0..zip.len() - 4)
            .filter(|&i| &zip[i..i + 4] == sig)
            .collect();
        for s in starts {
            zip[s + at..s + at + 4].copy_from_slice(&size.to_le_bytes());
        }
    }
}
