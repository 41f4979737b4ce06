//! What a file really is, from its bytes, not its name: a renamed Word 97 document, a
//! PDF or a photo must be told from the `.docx`, `.xlsx` and text metodist reads, and
//! bytes that are not text must not be read as a garbled page.
//!
//! Used by `import` (documents) and `indicator::table` (indicator files); each says in
//! its own words what to do with a format it does not read.

/// The format of a file as its first bytes show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A zip archive: `.docx`, `.xlsx`, `.odt`…; which one is in its directory.
    Zip,
    /// An OLE2 compound file holding a Word 97–2003 document (`.doc`).
    Word97,
    /// An OLE2 compound file holding an Excel 97–2003 workbook (`.xls`).
    Excel97,
    /// Another OLE2 compound file (PowerPoint 97, an encrypted Office file…).
    Ole,
    /// A PDF document.
    Pdf,
    /// A Rich Text Format document (Word's «Текст в формате RTF»).
    Rtf,
    /// A web page (Word's «Веб-страница», `.htm`, `.mht`).
    Html,
    /// An XML file (Word 2003 XML, a flat OPC document).
    Xml,
    /// A picture; the name of its format.
    Image(&'static str),
    /// Anything else: text or unknown binary, see [`decode`] and [`not_text`].
    Other,
}

const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Picture signatures: prefix, offset, name.
const IMAGES: &[(&[u8], usize, &str)] = &[
    (b"\x89PNG\r\n\x1a\n", 0, "PNG"),
    (b"\xFF\xD8\xFF", 0, "JPEG"),
    (b"GIF87a", 0, "GIF"),
    (b"GIF89a", 0, "GIF"),
    (b"II*\0", 0, "TIFF"),
    (b"MM\0*", 0, "TIFF"),
    (b"WEBP", 8, "WebP"),
    (b"ftypheic", 4, "HEIC"),
    (b"ftypheix", 4, "HEIC"),
    (b"ftypmif1", 4, "HEIC"),
    (b"ftypavif", 4, "AVIF"),
];

/// Recognises the format from the bytes.
pub fn sniff(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Format::Zip;
    }
    if bytes.starts_with(OLE) {
        return ole_kind(bytes);
    }
    // A PDF may have junk before its header; readers look in the first kilobyte.
    if find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
        return Format::Pdf;
    }
    for (magic, at, name) in IMAGES {
        if bytes.get(*at..at + magic.len()) == Some(magic) {
            return Format::Image(name);
        }
    }
    // BMP: «BM», the file size, then four reserved zero bytes.
    if bytes.starts_with(b"BM") && bytes.get(6..10) == Some(&[0, 0, 0, 0]) {
        return Format::Image("BMP");
    }
    markup(bytes)
}

/// RTF, HTML, MHT and XML are text, but importing their markup gives a garbled page.
fn markup(bytes: &[u8]) -> Format {
    let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..head.len().min(start + 512)];
    let lower = head.to_ascii_lowercase();
    if lower.starts_with(b"{\\rtf") {
        Format::Rtf
    } else if lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || lower.starts_with(b"mime-version:")
    {
        Format::Html
    } else if lower.starts_with(b"<?xml") {
        if find(&lower, b"<html").is_some() {
            Format::Html
        } else {
            Format::Xml
        }
    } else {
        Format::Other
    }
}

/// Word and Excel name their main stream in the compound file's directory (UTF-16).
fn ole_kind(bytes: &[u8]) -> Format {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    if find(bytes, &utf16("WordDocument")).is_some() {
        Format::Word97
    } else if find(bytes, &utf16("Workbook")).is_some() || find(bytes, &utf16("Book\0")).is_some() {
        Format::Excel97
    } else {
        Format::Ole
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// The encoding a text was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a BOM.
    Utf8,
    /// UTF-16 with a BOM (Notepad's and Excel's «Юникод»).
    Utf16,
    /// Windows-1251, what Russian Word and Excel write as «Обычный текст»/CSV.
    Windows1251,
}

/// Decodes text: UTF-16 by its BOM, UTF-8 (a BOM dropped), else Windows-1251.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let utf16 = match bytes {
        [0xFF, 0xFE, body @ ..] => Some((encoding_rs::UTF_16LE, body)),
        [0xFE, 0xFF, body @ ..] => Some((encoding_rs::UTF_16BE, body)),
        _ => None,
    };
    if let Some((enc, body)) = utf16 {
        let (text, _) = enc.decode_without_bom_handling(body);
        return (text.into_owned(), Encoding::Utf16);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), Encoding::Utf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
            (text.into_owned(), Encoding::Windows1251)
        }
    }
}

/// Control characters in a text that is not one: how many, and the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotText {
    /// Control characters (line breaks, tabs and page breaks not counted).
    pub controls: usize,
    /// Characters in all.
    pub chars: usize,
    /// The first control character.
    pub first: char,
}

/// `Some` when more than one character in a hundred is a control character: binary
/// data (programs, archives, pictures of unknown format, UTF-16 without a BOM, random
/// bytes) decodes to about one in eight; text saved by any editor to none.
pub fn not_text(text: &str) -> Option<NotText> {
    let mut controls = 0;
    let mut chars = 0;
    let mut first = None;
    for c in text.chars() {
        chars += 1;
        let control = (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0b' | '\x0c'))
            || c == char::REPLACEMENT_CHARACTER;
        if control {
            controls += 1;
            first.get_or_insert(c);
        }
    }
    let first = first?;
    (controls * 100 > chars).then_some(NotText {
        controls,
        chars,
        first,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_magic() {
        let cases: &[(&[u8], Format)] = &[
            (b"PK\x03\x04rest", Format::Zip),
            (b"%PDF-1.7\n", Format::Pdf),
            (b"\x89PNG\r\n\x1a\n\0\0", Format::Image("PNG")),
            (b"\xFF\xD8\xFF\xE0", Format::Image("JPEG")),
            (b"RIFF\0\0\0\0WEBPVP8 ", Format::Image("WebP")),
            (b"BM\x36\0\0\0\0\0\0\0\x36\0", Format::Image("BMP")),
            (b"BMW and Audi\n", Format::Other),
            (b"{\\rtf1\\ansi", Format::Rtf),
            (b"\n  <!DOCTYPE HTML>", Format::Html),
            (b"<?xml version=\"1.0\"?><w:wordDocument>", Format::Xml),
            (b"MIME-Version: 1.0\r\n", Format::Html),
            ("План работы".as_bytes(), Format::Other),
        ];
        for (bytes, want) in cases {
            assert_eq!(sniff(bytes), *want, "{bytes:?}");
        }
    }

    #[test]
    fn ole_main_stream_names_the_program() {
        let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        let mut doc = OLE.to_vec();
        doc.extend(utf16("WordDocument"));
        assert_eq!(sniff(&doc), Format::Word97);
        let mut xls = OLE.to_vec();
        xls.extend(utf16("Workbook"));
        assert_eq!(sniff(&xls), Format::Excel97);
        assert_eq!(sniff(OLE), Format::Ole);
    }

    #[test]
    fn text_in_three_encodings() {
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode("Отчёт");
        assert_eq!(decode(&cp), ("Отчёт".into(), Encoding::Windows1251));
        assert_eq!(
            decode("\u{feff}Отчёт".as_bytes()),
            ("Отчёт".into(), Encoding::Utf8)
        );
        let mut le = vec![0xFF, 0xFE];
        le.extend("Отчёт".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le), ("Отчёт".into(), Encoding::Utf16));
    }

    #[test]
    fn control_characters_tell_binary() {
        assert_eq!(not_text("Строка\tтаблицы\r\n\x0cСтраница 2\n"), None);
        // 1 in 100 is still text (a stray character); 2 in 100 is not.
        let one = format!("\u{1}{}", "а".repeat(99));
        assert_eq!(not_text(&one), None);
        let two = format!("\u{1}\u{0}{}", "а".repeat(98));
        assert_eq!(
            not_text(&two),
            Some(NotText {
                controls: 2,
                chars: 100,
                first: '\u{1}'
            })
        );
    }
}
