//! Attachments beside pages (files under `content/` that are not pages) that a browser
//! would run as part of the site when a teacher opens them: HTML, scripts, XSLT, XML
//! rendered as XHTML or SVG, compressed SVG and web archives are refused with an error
//! at the file; SVG drawings are published sanitised (the drawing kept, what could run
//! script or reach outside removed) with a warning at the first thing removed.
//! `static/` is the site author's own code and is published as it is.

mod svg;

use crate::diag::{display_path, Diagnostic, Diagnostics, Pos};
use crate::load::Asset;
use crate::render::OutFile;
use std::path::{Path, PathBuf};

/// Largest SVG or XML attachment read to be checked.
const MAX_CHECKED_BYTES: u64 = crate::load::MAX_FILE_BYTES;

/// Namespaces whose elements a browser gives behaviour to in an XML document.
const ACTIVE_NAMESPACES: &[&str] = &[
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1998/Math/MathML",
    "http://www.w3.org/1999/XSL/Transform",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/2001/XInclude",
];

/// The attachments of `content/` split into those copied as they are and the sanitised
/// drawings published in place of their sources; refused files are in neither.
pub struct Vetted {
    /// Published as they are.
    pub copies: Vec<Asset>,
    /// Sanitised SVG drawings, at their published paths.
    pub files: Vec<OutFile>,
}

/// An attachment published at the URL of a file the build writes beside its page (the
/// open data `indicators.csv`, `indicators.json`, `activities.csv`, `activities.json`)
/// was replaced by it without a word: an error at the attachment. `generated` gives each
/// page with the names of its files. The page's own `indicators_file` is no clash: the
/// open data published in its place is read from it.
pub fn check_generated<'a>(
    root: &Path,
    assets: &[Asset],
    generated: impl IntoIterator<Item = (&'a crate::parse::Page, Vec<&'a str>)>,
    diags: &mut Diagnostics,
) {
    let by_output: std::collections::HashMap<String, &Asset> = assets
        .iter()
        .map(|a| (crate::body::asset_output(&a.rel), a))
        .collect();
    for (page, names) in generated {
        let own = page
            .meta
            .accountability()
            .and_then(|a| a.indicators_file)
            .and_then(|f| Some(page.abs.parent()?.join(f)));
        for name in names {
            let url = format!("{}{name}", page.url.as_str());
            let Some(asset) = by_output.get(&url) else {
                continue;
            };
            if own.as_deref() == Some(asset.abs.as_path()) {
                continue;
            }
            let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
            diags.push(
                Diagnostic::error(
                    display_path(root, &asset.abs),
                    format!(
                        "файл {name} получает тот же адрес {url}, что и открытые данные страницы {}: один из двух файлов пропал бы",
                        page.src.display()
                    ),
                )
                .hint(format!(
                    "по адресу {name} metodist публикует {} страницы; переименуйте свой файл, например в «{stem}-istochnik.{ext}», и ссылки на него",
                    match stem {
                        "indicators" => "показатели",
                        _ => "мероприятия",
                    }
                )),
            );
        }
    }
}

/// What the extension (or, without a known one, the first bytes) says a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Runs when opened: HTML, script, XSLT, web archive.
    Runs,
    /// A compressed SVG: cannot be checked without unpacking.
    Svgz,
    /// An SVG drawing: sanitised.
    Svg,
    /// XML: refused if it holds elements a browser gives behaviour to.
    Xml,
    /// A document, image, table, archive or text: copied.
    Plain,
    /// Unknown extension: copied unless its first bytes are HTML.
    Unknown,
}

fn kind(path: &Path) -> Kind {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "xht" | "shtml" | "shtm" | "stm" | "mht" | "mhtml" | "js"
        | "mjs" | "cjs" | "xsl" | "xslt" | "hta" => Kind::Runs,
        "svgz" => Kind::Svgz,
        "svg" => Kind::Svg,
        "xml" | "rss" | "atom" | "rdf" | "fb2" | "kml" | "gpx" => Kind::Xml,
        "pdf" | "doc" | "docx" | "dot" | "dotx" | "rtf" | "odt" | "xls" | "xlsx" | "xlsm"
        | "xlsb" | "ods" | "csv" | "tsv" | "ppt" | "pptx" | "pps" | "ppsx" | "odp" | "txt"
        | "json" | "zip" | "rar" | "7z" | "gz" | "tgz" | "bz2" | "xz" | "tar" | "png" | "jpg"
        | "jpeg" | "gif" | "webp" | "avif" | "bmp" | "tif" | "tiff" | "ico" | "heic" | "mp3"
        | "m4a" | "ogg" | "oga" | "wav" | "flac" | "mp4" | "m4v" | "webm" | "ogv" | "avi"
        | "mov" | "mkv" | "wmv" | "epub" | "djvu" | "djv" | "css" | "woff" | "woff2" | "ttf"
        | "otf" => Kind::Plain,
        _ => Kind::Unknown,
    }
}

/// Checks every attachment of `content/`; problems go to `diags`.
pub fn vet(root: &Path, assets: Vec<Asset>, diags: &mut Diagnostics) -> Vetted {
    let mut vetted = Vetted {
        copies: Vec::with_capacity(assets.len()),
        files: Vec::new(),
    };
    for asset in assets {
        let shown = display_path(root, &asset.abs);
        let kind = match kind(&asset.abs) {
            Kind::Unknown => sniff(&asset.real),
            k => k,
        };
        match kind {
            Kind::Plain | Kind::Unknown => vetted.copies.push(asset),
            Kind::Runs => diags.push(runs(shown)),
            Kind::Svgz => diags.push(
                Diagnostic::error(shown, "сжатый рисунок SVG (.svgz) не проверить на скрипты")
                    .hint("сохраните рисунок как обычный .svg или как .png"),
            ),
            Kind::Xml => match read(&asset, &shown) {
                Ok(text) => match xml_runs(&text) {
                    None => vetted.copies.push(asset),
                    Some(d) => diags.push(d.at_file(shown)),
                },
                Err(d) => diags.push(d),
            },
            Kind::Svg => match read(&asset, &shown) {
                Ok(text) => match svg::sanitise(&text) {
                    Ok((bytes, removed)) => {
                        if let Some(d) = removed {
                            diags.push(d.at_file(shown));
                        }
                        vetted.files.push(OutFile {
                            path: PathBuf::from(crate::body::asset_output(&asset.rel)),
                            bytes,
                        });
                    }
                    Err(d) => diags.push(d.at_file(shown)),
                },
                Err(d) => diags.push(d),
            },
        }
    }
    vetted
}

/// A diagnostic made before the file's path is known to the checker.
trait AtFile {
    fn at_file(self, path: PathBuf) -> Diagnostic;
}

impl AtFile for Diagnostic {
    fn at_file(mut self, path: PathBuf) -> Diagnostic {
        self.path = path;
        self
    }
}

/// The error for an attachment that runs when opened.
fn runs(shown: PathBuf) -> Diagnostic {
    let name = shown
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Diagnostic::error(
        shown,
        format!(
            "вложение «{name}» выполнит код в браузере посетителя, если его открыть; \
             рядом со страницами такие файлы не публикуются"
        ),
    )
    .hint(
        "материал приложите как PDF или DOCX (в Word: «Сохранить как» → PDF); \
         если это ваш собственный код для сайта, положите его в папку static/",
    )
}

/// The text of an SVG or XML attachment (UTF-8, within the size limit), or an error.
fn read(asset: &Asset, shown: &Path) -> Result<String, Diagnostic> {
    let refuse = |why: String| {
        Diagnostic::error(shown, why)
            .hint("сохраните рисунок как .png или приложите файл в архиве .zip")
    };
    let bytes = crate::confine::read(&asset.real, MAX_CHECKED_BYTES + 1).map_err(|e| {
        refuse(format!(
            "не удалось прочитать файл: {}",
            crate::confine::io_ru(&e)
        ))
    })?;
    if bytes.len() as u64 > MAX_CHECKED_BYTES {
        return Err(refuse(format!(
            "файл больше {} МБ: не проверить на скрипты",
            MAX_CHECKED_BYTES / (1024 * 1024)
        )));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| refuse("файл не в кодировке UTF-8: не проверить на скрипты".into()))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// Parses XML with the limits used for attachments, or an error at the fault.
fn parse_xml(text: &str) -> Result<roxmltree::Document<'_>, Diagnostic> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: 1_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let p = e.pos();
        Diagnostic::error(
            PathBuf::new(),
            "не удалось разобрать XML, поэтому не проверить, выполнит ли браузер код из файла",
        )
        .at(Pos::new(p.row as usize, p.col as usize))
        .hint("сохраните рисунок как .png или приложите файл в архиве .zip")
    })
}

/// An error if this XML would render with behaviour in a browser: elements or
/// attributes of XHTML, SVG, MathML, XSLT, XLink or XInclude, or a stylesheet
/// instruction. Plain data XML passes.
fn xml_runs(text: &str) -> Option<Diagnostic> {
    let doc = match parse_xml(text) {
        Ok(doc) => doc,
        Err(d) => return Some(d),
    };
    if let Some(offset) = internal_subset(text, doc.root_element().range().start) {
        return Some(declares(text, offset));
    }
    let active = |ns: Option<&str>| ns.is_some_and(|ns| ACTIVE_NAMESPACES.contains(&ns));
    let found = doc.descendants().find_map(|n| {
        if n.is_pi() && n.pi().is_some_and(|pi| pi.target == "xml-stylesheet") {
            return Some((n.range().start, "<?xml-stylesheet?>".to_string()));
        }
        if !n.is_element() {
            return None;
        }
        if active(n.tag_name().namespace()) {
            return Some((n.range().start, format!("<{}>", n.tag_name().name())));
        }
        n.attributes()
            .find(|a| active(a.namespace()))
            .map(|a| (a.range().start, format!("атрибут {}", a.name())))
    })?;
    let (offset, what) = found;
    Some(
        Diagnostic::error(
            PathBuf::new(),
            format!(
                "XML-файл содержит {what}: браузер покажет его как веб-страницу и выполнит код"
            ),
        )
        .at(Pos::of_offset(text, offset))
        .hint(
            "приложите данные как .xlsx или .csv, а документ как PDF; \
             если это ваш собственный код для сайта, положите его в папку static/",
        ),
    )
}

/// The error for XML that declares its own markup rules in `<!DOCTYPE … [ … ]>`.
fn declares(text: &str, offset: usize) -> Diagnostic {
    Diagnostic::error(
        PathBuf::new(),
        "XML-файл объявляет свои правила разметки внутри <!DOCTYPE … [ … ]>: браузер \
         применит их (например, сделает элементы веб-страницей и выполнит код), \
         а проверка их не видит",
    )
    .at(Pos::of_offset(text, offset))
    .hint(
        "удалите блок [ … ] из <!DOCTYPE> или приложите данные как .xlsx или .csv, \
         а документ как PDF",
    )
}

/// The byte offset of the first thing inside the internal subset of the document's
/// `<!DOCTYPE … [ … ]>` (a declaration, a comment), if it has a non-empty one.
///
/// Browsers apply the subset's `<!ATTLIST>` defaults (an `xmlns` that makes `<r>` an
/// XHTML element, an `href`), which roxmltree does not: a document checked without them
/// is not the document a browser shows. `prolog_end` is where the root element starts;
/// the text was parsed as well-formed XML already, so the prolog holds only the XML
/// declaration, comments, processing instructions, spaces and the DOCTYPE.
fn internal_subset(text: &str, prolog_end: usize) -> Option<usize> {
    let prolog = &text[..prolog_end.min(text.len())];
    let mut at = 0;
    loop {
        at += prolog[at..].len() - prolog[at..].trim_start().len();
        let rest = &prolog[at..];
        if rest.starts_with("<?") {
            at += rest.find("?>")? + 2;
        } else if rest.starts_with("<!--") {
            at += rest.find("-->")? + 3;
        } else if rest.starts_with("<!DOCTYPE") {
            at += "<!DOCTYPE".len();
            break;
        } else {
            return None;
        }
    }
    // The name and external id; quoted literals may hold `[` and `>`.
    let mut quote = None;
    for (i, c) in prolog[at..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return None,
            (None, '[') => {
                let inner = at + i + 1;
                let rest = &prolog[inner..];
                let first = rest.len() - rest.trim_start().len();
                return (!rest[first..].starts_with(']')).then_some(inner + first);
            }
            _ => {}
        }
    }
    None
}

/// The kind of a file with no known extension, from its first bytes as a browser
/// sniffs them (WHATWG MIME Sniffing: HTML and XML signatures).
fn sniff(real: &Path) -> Kind {
    let Ok(head) = crate::confine::read(real, 512) else {
        return Kind::Unknown;
    };
    let start = head
        .iter()
        .position(|b| !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' '))
        .unwrap_or(head.len());
    let head = &head[start..];
    const HTML: &[&[u8]] = &[
        b"<!DOCTYPE HTML",
        b"<HTML",
        b"<HEAD",
        b"<SCRIPT",
        b"<IFRAME",
        b"<H1",
        b"<DIV",
        b"<FONT",
        b"<TABLE",
        b"<A",
        b"<STYLE",
        b"<TITLE",
        b"<B",
        b"<BODY",
        b"<BR",
        b"<P",
        b"<!--",
    ];
    let html = HTML.iter().any(|sig| {
        head.len() > sig.len()
            && head[..sig.len()].eq_ignore_ascii_case(sig)
            && matches!(head[sig.len()], b' ' | b'>')
    });
    if html {
        Kind::Runs
    } else if head.starts_with(b"<?xml") {
        Kind::Xml
    } else {
        Kind::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        for name in [
            "a.html", "B.HTM", "c.xhtml", "d.js", "e.mjs", "f.xsl", "g.mht",
        ] {
            assert_eq!(kind(Path::new(name)), Kind::Runs, "{name}");
        }
        assert_eq!(kind(Path::new("chart.SVG")), Kind::Svg);
        assert_eq!(kind(Path::new("data.xml")), Kind::Xml);
        assert_eq!(kind(Path::new("otchet.pdf")), Kind::Plain);
        assert_eq!(kind(Path::new("evil.html.pdf")), Kind::Plain);
        assert_eq!(kind(Path::new("noext")), Kind::Unknown);
    }

    #[test]
    fn data_xml_passes_xhtml_and_stylesheets_do_not() {
        assert!(xml_runs("<?xml version=\"1.0\"?><rows><row a=\"1\">x</row></rows>").is_none());
        let d = xml_runs(
            "<?xml version=\"1.0\"?>\n<r>\n  <h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert(1)</h:script></r>",
        )
        .unwrap();
        assert_eq!(d.pos, Some(Pos::new(3, 3)));
        assert!(xml_runs("<?xml-stylesheet href=\"x.xsl\"?><r/>").is_some());
        assert!(xml_runs("<r xmlns:l=\"http://www.w3.org/1999/xlink\" l:href=\"x\"/>").is_some());
    }

    #[test]
    fn a_doctype_declaring_markup_is_refused_at_its_first_declaration() {
        // Chromium applies the ATTLIST default: <r> becomes XHTML and its script runs.
        let d = xml_runs(
            "<!DOCTYPE r [<!ATTLIST r xmlns CDATA #FIXED \"http://www.w3.org/1999/xhtml\">]>\
             <r><script>alert(1)</script></r>",
        )
        .unwrap();
        // «<!DOCTYPE r [» is 13 characters: the declaration starts at column 14.
        assert_eq!(d.pos, Some(Pos::new(1, 14)));
        assert!(d.message.contains("<!DOCTYPE"), "{}", d.message);
        let d = xml_runs(
            "<?xml version=\"1.0\"?>\n<!-- [x] -->\n<!DOCTYPE r SYSTEM \"a[b>.dtd\" [\n  \
             <!ENTITY e \"x\">\n]>\n<r>&e;</r>",
        )
        .unwrap();
        assert_eq!(d.pos, Some(Pos::new(4, 3)));
        // No subset, an empty one, an external DTD only: data XML as before.
        for text in [
            "<!DOCTYPE r><r/>",
            "<!DOCTYPE r [ ]><r/>",
            "<!DOCTYPE r PUBLIC \"-//x//y//EN\" \"r[1].dtd\"><r>[</r>",
        ] {
            assert!(xml_runs(text).is_none(), "{text}");
        }
    }
}
