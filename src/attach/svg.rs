//! SVG drawings beside pages: published through svg-hush (Cloudflare's allowlist
//! sanitizer: only drawing elements and attributes pass, URLs only within the site,
//! raster images embedded as `data:` kept), and what it removed that could run script
//! or reach outside is reported at its line and column.

use super::parse_xml;
use crate::diag::{Diagnostic, Pos};
use std::path::PathBuf;

/// The sanitised drawing and, if something that runs script or reaches outside was
/// removed, a warning at the first such thing; an error if the drawing cannot be read.
pub(super) fn sanitise(text: &str) -> Result<(Vec<u8>, Option<Diagnostic>), Diagnostic> {
    // roxmltree first: it guards against entity expansion bombs and gives positions.
    let doc = parse_xml(text)?;
    let removed = dangers(&doc);
    let mut filter = svg_hush::Filter::new();
    filter.set_data_url_filter(svg_hush::data_url_filter::allow_standard_images);
    let mut bytes = Vec::with_capacity(text.len());
    if filter.filter(text.as_bytes(), &mut bytes).is_err() {
        return Err(Diagnostic::error(
            PathBuf::new(),
            "рисунок SVG не удалось проверить на скрипты: в нём нет элементов рисунка SVG \
             или он не по правилам XML",
        )
        .hint("сохраните рисунок как .png"));
    }
    recheck(&bytes)?;
    let warning = removed.first().map(|(offset, what)| {
        let more = removed.len() - 1;
        let tail = if more > 0 {
            format!(
                " (и ещё {})",
                crate::ru::plural_n(more, "место", "места", "мест")
            )
        } else {
            String::new()
        };
        Diagnostic::warning(
            PathBuf::new(),
            format!(
                "из рисунка удалено то, что может выполнить код или загрузить чужие данные: \
                 {what}{tail}"
            ),
        )
        .at(Pos::of_offset(text, *offset))
        .snippet(line_at(text, *offset))
        .hint(
            "рисунок опубликован без этого; если он выглядит не так, как задумано, \
             сохраните его как .png",
        )
    });
    Ok((bytes, warning))
}

/// Refuses a sanitised drawing that still has a DOCTYPE or anything [`dangers`] finds.
///
/// svg-hush drops the DOCTYPE, so `<!ATTLIST>` defaults a browser would apply (an
/// `xmlns`, an `href`) and entities cannot come back; this check of what is published
/// keeps it so whatever the sanitizer's next version does.
fn recheck(bytes: &[u8]) -> Result<(), Diagnostic> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 1_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    let clean = std::str::from_utf8(bytes).ok().is_some_and(|text| {
        roxmltree::Document::parse_with_options(text, options)
            .is_ok_and(|doc| dangers(&doc).is_empty())
    });
    if clean {
        Ok(())
    } else {
        Err(Diagnostic::error(
            PathBuf::new(),
            "рисунок SVG не удалось очистить от того, что может выполнить код",
        )
        .hint("сохраните рисунок как .png"))
    }
}

/// The line of `text` holding `offset`, for the snippet.
fn line_at(text: &str, offset: usize) -> String {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    text[start..end].trim_end().to_string()
}

/// Byte offsets and descriptions of everything in the drawing that runs script or
/// reaches outside the site, in document order.
fn dangers(doc: &roxmltree::Document<'_>) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        let ns = n.tag_name().namespace();
        if matches!(
            name,
            "script" | "foreignObject" | "iframe" | "embed" | "object" | "handler" | "listener"
        ) || ns == Some("http://www.w3.org/1999/xhtml")
        {
            out.push((n.range().start, format!("<{name}>")));
            continue;
        }
        if matches!(name, "set" | "animate")
            && n.attribute("attributeName").is_some_and(|a| {
                let a = a.trim().to_ascii_lowercase();
                a.starts_with("on") || a.ends_with("href")
            })
        {
            out.push((
                n.range().start,
                format!("<{name}>, меняющий ссылку или обработчик"),
            ));
        }
        for a in n.attributes() {
            let attr = a.name();
            if attr.len() > 2 && attr[..2].eq_ignore_ascii_case("on") {
                out.push((a.range().start, format!("обработчик событий {attr}")));
            } else if attr == "href" {
                if let Some(what) = risky_url(a.value()) {
                    out.push((a.range().start, format!("{what} в атрибуте href")));
                }
            } else if a.value().to_ascii_lowercase().contains("url(") {
                if let Some(what) = risky_css(a.value()) {
                    out.push((a.range().start, format!("{what} в атрибуте {attr}")));
                }
            }
        }
        if name == "style" {
            let css: String = n.descendants().filter_map(|t| t.text()).collect();
            if let Some(what) = risky_css(&css) {
                out.push((n.range().start, format!("{what} в <style>")));
            }
        }
    }
    out
}

/// What is wrong with a URL in a drawing: a script scheme, a `data:` URL that is not a
/// raster image, or an address outside the site.
fn risky_url(url: &str) -> Option<&'static str> {
    // Browsers skip whitespace and control characters inside a scheme.
    let bare: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if bare.starts_with("javascript:") || bare.starts_with("vbscript:") {
        return Some("ссылка javascript:");
    }
    if let Some(data) = bare.strip_prefix("data:") {
        let image = ["image/png", "image/jpeg", "image/gif", "image/webp"]
            .iter()
            .any(|t| data.starts_with(t));
        return (!image).then_some("ссылка data:");
    }
    if bare.starts_with("//") || bare.split_once(':').is_some_and(|(s, _)| !s.contains('/')) {
        return Some("ссылка на чужой адрес");
    }
    None
}

/// What is wrong in a style: an `@import` or a `url()` leading outside or to script.
fn risky_css(css: &str) -> Option<&'static str> {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return Some("@import");
    }
    lower.split("url(").skip(1).find_map(|rest| {
        let url = rest.split(')').next().unwrap_or_default();
        risky_url(url.trim().trim_matches(['"', '\'']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">"#;

    fn check(body: &str) -> (String, Option<Diagnostic>) {
        let text = format!("{SVG}\n{body}\n</svg>");
        let (bytes, d) = sanitise(&text).unwrap();
        (String::from_utf8(bytes).unwrap(), d)
    }

    #[test]
    fn a_doctype_with_an_external_dtd_is_fine() {
        let text = format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \
             \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n{SVG}<circle r=\"4\"/></svg>"
        );
        let (bytes, d) = sanitise(&text).unwrap();
        assert!(d.is_none());
        assert!(String::from_utf8(bytes).unwrap().contains("<circle"));
    }

    #[test]
    fn a_billion_laughs_is_refused() {
        let mut text =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY l0 \"ха\">\n");
        for i in 1..10 {
            let prev = format!("&l{};", i - 1).repeat(10);
            text.push_str(&format!("<!ENTITY l{i} \"{prev}\">\n"));
        }
        text.push_str(&format!("]>\n{SVG}<text>&l9;</text></svg>"));
        assert!(sanitise(&text).is_err());
    }

    #[test]
    fn a_clean_chart_keeps_its_drawing_and_text() {
        let (out, d) = check(
            r##"<rect x="1" y="1" width="5" height="5" fill="#4472c4"/><text x="1" y="9">Доля, %</text>"##,
        );
        assert!(d.is_none(), "{d:?}");
        assert!(out.contains("<rect") && out.contains("#4472c4") && out.contains("Доля, %"));
    }

    #[test]
    fn script_handlers_foreign_objects_and_script_urls_are_removed_and_located() {
        for (body, what, col) in [
            ("<script>alert(1)</script>", "<script>", 1),
            (r#"<g onload="alert(1)"/>"#, "обработчик событий onload", 4),
            (
                r#"<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>"#,
                "<foreignObject>",
                1,
            ),
            (
                r#"<a xmlns:x="http://www.w3.org/1999/xlink" x:href=" JaVa&#x09;Script:alert(1)"><rect width="1" height="1"/></a>"#,
                "ссылка javascript:",
                // «<a » 3, «xmlns:x="http://www.w3.org/1999/xlink"» 38, a space: 42.
                43,
            ),
            (
                r#"<image href="data:text/html,x" width="1" height="1"/>"#,
                "ссылка data:",
                8,
            ),
            (
                r#"<image href="https://evil.example/t.png"/>"#,
                "ссылка на чужой адрес",
                8,
            ),
        ] {
            let (out, d) = check(body);
            let d = d.unwrap_or_else(|| panic!("no warning for {body}"));
            assert!(d.message.contains(what), "{body}: {}", d.message);
            assert_eq!(d.pos, Some(Pos::new(2, col)), "{body}");
            let lower = out.to_ascii_lowercase();
            for bad in [
                "<script",
                "onload",
                "foreignobject",
                "javascript",
                "data:text",
                "evil",
            ] {
                assert!(!lower.contains(bad), "{body} → {out}");
            }
        }
    }

    #[test]
    fn broken_xml_is_an_error_at_its_place() {
        let d = sanitise(&format!("{SVG}\n<g>\n</svg>")).unwrap_err();
        assert_eq!(d.pos.map(|p| p.line), Some(3));
    }
}
