//! Sanitizing HTML that methodists paste from Word: formatting stays, scripts never pass.
//!
//! ammonia (html5ever underneath) keeps an allow-list of tags and attributes: the
//! formatting Word produces (bold, italics, underline, sub/superscript, lists, tables with
//! merged cells, headings, links, images) stays; scripts, styles, event handlers, frames,
//! objects, forms, SVG, `<meta>`/`<base>`/`<link>` and every URL scheme but those of
//! [`crate::url::SCHEMES`] (http(s), mailto, tel) are removed. Relative URLs stay (links
//! between pages and files beside them).

use std::collections::HashSet;
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // Our own Markdown output carries ids (anchors) and classes (highlighting, footnotes).
    b.add_generic_attributes(["id", "class", "title", "lang", "dir"]);
    b.add_tags([
        "figure",
        "figcaption",
        "mark",
        "section",
        "details",
        "summary",
        "caption",
    ]);
    // `data-label`: a cell's column header, shown beside it when a table stacks on a
    // phone; a methodist may write it on a pasted table the build cannot label itself.
    b.add_tag_attributes("td", ["colspan", "rowspan", "align", "data-label"]);
    b.add_tag_attributes("th", ["colspan", "rowspan", "align", "scope", "data-label"]);
    b.add_tag_attributes("ol", ["start", "type"]);
    b.add_tag_attributes("a", ["aria-hidden", "tabindex"]);
    b.add_tag_attributes("input", ["type", "checked", "disabled"]);
    b.add_tags(["input"]);
    b.url_schemes(HashSet::from(crate::url::SCHEMES));
    b.link_rel(Some("noopener"));
    b
});

/// Removes scripts, event handlers, `javascript:` URLs, frames and styles from `html`.
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// Sanitizes a short front-matter string that may contain inline HTML.
pub fn clean_inline(text: &str) -> String {
    clean(text)
}

/// Elements without content.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements an HTML parser closes by itself when the next one starts: they never nest
/// deeper than their container, so they are not counted.
const SELF_CLOSING: [&str; 12] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rp", "rt", "colgroup",
];

/// The nesting of raw HTML elements across the chunks of one document, to flatten
/// elements nested past a cap before they reach the HTML parser.
///
/// The scan is approximate (it does not know every parsing rule of HTML); it only ever
/// removes tags, and the result still goes through [`clean`].
#[derive(Debug, Default)]
pub struct RawNesting {
    /// Open elements: name and whether the tag was kept.
    stack: Vec<(String, bool)>,
    /// How many of them were kept.
    kept: usize,
}

impl RawNesting {
    /// How deep the kept raw elements nest now.
    pub fn depth(&self) -> usize {
        self.kept
    }

    /// Scans `html`, removing the tags of elements that would nest deeper than `budget`
    /// (and their end tags); `None` if nothing was removed.
    pub fn cap(&mut self, html: &str, budget: usize) -> Option<String> {
        let mut out = String::new();
        let mut copied = 0;
        let mut cut = false;
        let mut i = 0;
        while let Some(lt) = html[i..].find('<').map(|j| i + j) {
            let (end, tag) = scan_tag(html, lt);
            i = end.max(lt + 1);
            let keep = match tag {
                Tag::Open(_) if html[..end].ends_with("/>") => true,
                Tag::Open(name) if VOID.contains(&name.as_str()) => true,
                Tag::Open(name) if SELF_CLOSING.contains(&name.as_str()) => true,
                Tag::Open(name) => {
                    let keep = self.kept < budget;
                    self.kept += usize::from(keep);
                    self.stack.push((name, keep));
                    keep
                }
                Tag::Close(name) => match self.stack.iter().rposition(|(n, _)| *n == name) {
                    Some(at) => {
                        let mut keep = true;
                        for (_, kept) in self.stack.drain(at..).rev() {
                            self.kept -= usize::from(kept);
                            keep = kept;
                        }
                        keep
                    }
                    None => true,
                },
                Tag::Other => true,
            };
            if !keep {
                out.push_str(&html[copied..lt]);
                copied = end;
                cut = true;
            }
        }
        if !cut {
            return None;
        }
        out.push_str(&html[copied..]);
        Some(out)
    }
}

enum Tag {
    Open(String),
    Close(String),
    /// A comment, doctype, processing instruction or a `<` that starts no tag.
    Other,
}

/// The tag starting at `lt` (a `<`): where it ends (after `>`) and what it is.
fn scan_tag(html: &str, lt: usize) -> (usize, Tag) {
    let rest = &html[lt..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        let end = comment.find("-->").map_or(html.len(), |j| lt + 4 + j + 3);
        return (end, Tag::Other);
    }
    let (close, name_from) = if rest.starts_with("</") {
        (true, 2)
    } else {
        (false, 1)
    };
    let name: String = rest[name_from..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        if rest.starts_with("<!") || rest.starts_with("<?") {
            let end = rest.find('>').map_or(html.len(), |j| lt + j + 1);
            return (end, Tag::Other);
        }
        return (lt + 1, Tag::Other);
    }
    // Find the closing `>`, skipping quoted attribute values.
    let mut quote = None;
    let mut end = html.len();
    for (j, c) in rest.char_indices().skip(name_from + name.len()) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => {
                end = lt + j + 1;
                break;
            }
            _ => {}
        }
    }
    let name = name.to_ascii_lowercase();
    (
        end,
        if close {
            Tag::Close(name)
        } else {
            Tag::Open(name)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_formatting_stays() {
        let html =
            "<p><b>жирный</b> <i>курсив</i> <u>подчёркнутый</u> H<sub>2</sub>O м<sup>2</sup></p>\
                    <table><tr><td colspan=\"2\" rowspan=\"3\">ячейка</td></tr></table>\
                    <ol start=\"3\"><li>пункт</li></ol><ul><li>пункт</li></ul>";
        let out = clean(html);
        for kept in [
            "<b>жирный</b>",
            "<i>курсив</i>",
            "<u>подчёркнутый</u>",
            "<sub>2</sub>",
            "<sup>2</sup>",
            "colspan=\"2\"",
            "rowspan=\"3\"",
            "<ol start=\"3\">",
            "<ul><li>пункт</li></ul>",
        ] {
            assert!(out.contains(kept), "{kept} lost: {out}");
        }
    }

    #[test]
    fn deep_raw_html_is_flattened_past_the_budget() {
        let mut n = RawNesting::default();
        let html = format!("{}x{}", "<div>".repeat(10), "</div>".repeat(10));
        let out = n.cap(&html, 3).expect("capped");
        assert_eq!(out, "<div><div><div>x</div></div></div>");
        assert_eq!(n.depth(), 0);
        // Within the budget nothing changes.
        let mut n = RawNesting::default();
        assert_eq!(n.cap("<div><p>a<p>b</div><br><img src=x />", 2), None);
    }

    #[test]
    fn nesting_is_tracked_across_chunks() {
        let mut n = RawNesting::default();
        assert_eq!(n.cap("<blockquote class='a>b'>", 5), None);
        assert_eq!(n.depth(), 1);
        assert_eq!(n.cap("<!-- <div> --></blockquote>", 5), None);
        assert_eq!(n.depth(), 0);
    }

    #[test]
    fn cell_labels_pass_as_text_other_data_attributes_do_not() {
        let out = clean(
            "<table><tr><td data-label='Срок \"x\" <b>' data-x=\"1\">май</td>\
             <th data-label=\"Итог\" onmouseover=\"x()\">да</th></tr></table>\
             <p data-label=\"нет\">текст</p>",
        );
        assert!(
            out.contains("<td data-label=\"Срок &quot;x&quot; &lt;b&gt;\">май</td>"),
            "{out}"
        );
        assert!(out.contains("<th data-label=\"Итог\">да</th>"), "{out}");
        assert!(
            !out.contains("data-x") && !out.contains("onmouseover"),
            "{out}"
        );
        assert!(out.contains("<p>текст</p>"), "{out}");
    }
}
