//! Markdown to HTML: pulldown-cmark with tables, footnotes, heading ids and strikethrough;
//! code highlighted by syntect with CSS classes; raw HTML sanitized by ammonia.
//!
//! Links between pages are written in Markdown as paths to `.md` files; the caller supplies
//! a resolver that turns them into relative URLs. Every link is returned for checking.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::LazyLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

mod tables;
use tables::wrap_tables;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The CSS class prefix of highlighted code, shared with the emitted stylesheet.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// A heading of a page, for the table of contents and anchor checks.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// The `id` attribute.
    pub id: String,
    /// Plain text.
    pub text: String,
}

/// A link found in the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The destination as written.
    pub dest: String,
    /// Byte offset in the body.
    pub offset: usize,
}

/// What a link destination refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    /// Leave as written (external, mail, or an anchor on this page).
    Keep,
    /// Replace by this relative href.
    Href(String),
}

/// The rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Sanitized HTML.
    pub html: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Every link, for checking.
    pub links: Vec<Link>,
    /// Plain text, for search and summaries.
    pub text: String,
    /// Byte offset in the body where nesting first went deeper than [`MAX_NESTING`]; the
    /// deeper levels were flattened into their parent.
    pub too_deep: Option<usize>,
}

/// The deepest nesting of blocks and inline elements (lists, quotes, emphasis, raw HTML
/// elements) that is rendered. Word documents nest a few levels; thousands of levels only
/// come from damaged or hostile files, and the HTML parser behind the sanitizer slows
/// down with the square of the depth.
pub const MAX_NESTING: usize = 100;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders `body`; `resolve` rewrites link destinations.
pub fn render(body: &str, resolve: &dyn Fn(&str) -> Resolved) -> Rendered {
    let mut out = Rendered::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut ids = HashSet::new();
    let mut heading: Option<(HeadingLevel, Option<String>, Vec<Event<'_>>, String)> = None;
    let mut code: Option<(Option<String>, String)> = None;
    // For every open tag: whether it is rendered (false when past the nesting cap).
    let mut open: Vec<bool> = Vec::new();
    let mut depth = 0;
    let mut raw = crate::sanitize::RawNesting::default();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let event = match event {
            Event::Start(_) if depth + raw.depth() >= MAX_NESTING => {
                open.push(false);
                out.too_deep.get_or_insert(range.start);
                continue;
            }
            Event::Start(_) => {
                open.push(true);
                depth += 1;
                event
            }
            Event::End(_) if !open.pop().unwrap_or(true) => {
                // The content of a flattened block still ends a line.
                Event::SoftBreak
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                event
            }
            Event::Html(h) => Event::Html(cap_raw(&mut raw, h, depth, &mut out, range.start)),
            Event::InlineHtml(h) => {
                Event::InlineHtml(cap_raw(&mut raw, h, depth, &mut out, range.start))
            }
            other => other,
        };
        if let Some((_, buf)) = code.as_mut() {
            match event {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, src) = code.take().unwrap_or_default();
                    out.text.push_str(&src);
                    events.push(Event::Html(highlight(&src, lang.as_deref()).into()));
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) if !l.trim().is_empty() => Some(l.trim().to_string()),
                    _ => None,
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level, id.map(|i| i.to_string()), Vec::new(), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, inner, text)) = heading.take() {
                    let id = unique_id(id.unwrap_or_else(|| heading_id(&text)), &mut ids);
                    let lvl = level as u8;
                    events.push(Event::Html(format!("<h{lvl} id=\"{id}\">").into()));
                    events.extend(inner);
                    events.push(Event::Html(
                        format!(" <a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{lvl}>\n").into(),
                    ));
                    out.text.push_str(&text);
                    out.text.push('\n');
                    out.headings.push(Heading {
                        level: lvl,
                        id,
                        text,
                    });
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = follow(&mut out, dest_url, range.start, resolve);
                let tag = Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                };
                push(&mut heading, &mut events, Event::Start(tag));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = follow(&mut out, dest_url, range.start, resolve);
                let tag = Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                };
                push(&mut heading, &mut events, Event::Start(tag));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                match heading.as_mut() {
                    Some((_, _, _, text)) => text.push_str(t),
                    None => {
                        out.text.push_str(t);
                    }
                }
                // Inline code keeps its `<code>`: `metodist build` is a command, not prose.
                push(&mut heading, &mut events, event);
            }
            Event::SoftBreak | Event::HardBreak => {
                out.text.push(' ');
                push(&mut heading, &mut events, event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                out.text.push('\n');
                push(&mut heading, &mut events, event);
            }
            other => push(&mut heading, &mut events, other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    out.html = wrap_tables(&crate::sanitize::clean(&html));
    out
}

/// Raw HTML with the elements past the nesting cap removed (their content stays).
fn cap_raw<'a>(
    raw: &mut crate::sanitize::RawNesting,
    html: CowStr<'a>,
    depth: usize,
    out: &mut Rendered,
    offset: usize,
) -> CowStr<'a> {
    match raw.cap(&html, MAX_NESTING.saturating_sub(depth)) {
        Some(capped) => {
            out.too_deep.get_or_insert(offset);
            CowStr::from(capped)
        }
        None => html,
    }
}

/// Records a link or image destination for checking and rewrites it through `resolve`.
fn follow<'a>(
    out: &mut Rendered,
    dest: CowStr<'a>,
    offset: usize,
    resolve: &dyn Fn(&str) -> Resolved,
) -> CowStr<'a> {
    out.links.push(Link {
        dest: dest.to_string(),
        offset,
    });
    match resolve(&dest) {
        Resolved::Keep => dest,
        Resolved::Href(h) => CowStr::from(h),
    }
}

fn push<'a>(
    heading: &mut Option<(HeadingLevel, Option<String>, Vec<Event<'a>>, String)>,
    events: &mut Vec<Event<'a>>,
    e: Event<'a>,
) {
    match heading.as_mut() {
        Some((_, _, inner, _)) => inner.push(e),
        None => events.push(e),
    }
}

/// An id from heading text: Cyrillic is transliterated so anchors survive any host.
pub fn heading_id(text: &str) -> String {
    let id = crate::ru::slugify(text);
    if id.is_empty() {
        "razdel".into()
    } else {
        id
    }
}

fn unique_id(id: String, seen: &mut HashSet<String>) -> String {
    let mut candidate = id.clone();
    let mut n = 1;
    while !seen.insert(candidate.clone()) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    candidate
}

/// Highlights code with class names (the stylesheet is emitted once per site).
fn highlight(src: &str, lang: Option<&str>) -> String {
    let syntax = lang
        .and_then(|l| SYNTAXES.find_syntax_by_token(l))
        .unwrap_or_else(|| SYNTAXES.find_syntax_plain_text());
    let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
    for line in LinesWithEndings::from(src) {
        // Highlighting is decoration: on a syntax-definition failure we show plain text.
        if gen
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return plain_code(src, lang);
        }
    }
    let lang_class = lang
        .map(|l| format!(" language-{}", attr_safe(l)))
        .unwrap_or_default();
    format!(
        "<pre class=\"code{lang_class}\"><code>{}</code></pre>\n",
        gen.finalize()
    )
}

fn plain_code(src: &str, lang: Option<&str>) -> String {
    let lang_class = lang
        .map(|l| format!(" language-{}", attr_safe(l)))
        .unwrap_or_default();
    format!(
        "<pre class=\"code{lang_class}\"><code>{}</code></pre>\n",
        html_escape(src)
    )
}

fn attr_safe(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

/// Escapes text for HTML.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).ok();
    out
}

/// The stylesheet for highlighted code, written once per site.
pub fn highlight_css() -> String {
    let ts = syntect::highlighting::ThemeSet::load_defaults();
    let theme = ts
        .themes
        .get("InspiredGitHub")
        .or_else(|| ts.themes.values().next());
    theme
        .and_then(|t| syntect::html::css_for_theme_with_class_style(t, CLASS_STYLE).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(_: &str) -> Resolved {
        Resolved::Keep
    }

    #[test]
    fn headings_get_transliterated_unique_ids() {
        let r = render("# Цель\n\n## Задачи\n\n## Задачи\n", &keep);
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["tsel", "zadachi", "zadachi-1"]);
        assert!(r.html.contains("<h2 id=\"zadachi-1\">"));
    }

    #[test]
    fn inline_code_keeps_its_tag_and_is_escaped() {
        let r = render(
            "Соберите сайт: `metodist build`, не `<script>alert(1)</script>`.\n\n## Команда `check`\n",
            &keep,
        );
        assert!(r.html.contains("<code>metodist build</code>"), "{}", r.html);
        assert!(
            r.html
                .contains("<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("Команда <code>check</code> <a class=\"anchor\""),
            "{}",
            r.html
        );
        // Search still gets the words.
        assert!(r.text.contains("metodist build"), "{}", r.text);
        assert_eq!(r.headings[0].text, "Команда check");
    }

    #[test]
    fn explicit_heading_id_wins() {
        let r = render("## Итоги {#itogi-2025}\n", &keep);
        assert_eq!(r.headings[0].id, "itogi-2025");
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let md = "| a | b |\n|---|---|\n| 1 | 2 |\n\nТекст[^1] ~~старое~~\n\n[^1]: Сноска.\n";
        let r = render(md, &keep);
        assert!(r.html.contains("<table class=\"stack\""), "{}", r.html);
        assert!(r.html.contains("<del>старое</del>"));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn tables_are_wrapped_in_named_scrollable_regions() {
        let one = render("| a | b |\n|---|---|\n| 1 | 2 |\n", &keep);
        assert!(
            one.html.starts_with(
                "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Таблица\"><table class=\"stack\" role=\"table\">"
            ),
            "{}",
            one.html
        );
        assert!(
            one.html.trim_end().ends_with("</table></div>"),
            "{}",
            one.html
        );
        // Pasted HTML tables too; several on a page get numbers; escaped text stays text.
        let md =
            "| a |\n|---|\n| 1 |\n\n`<table>` в тексте\n\n<table><tr><td>Word</td></tr></table>\n";
        let two = render(md, &keep);
        assert_eq!(
            two.html.matches("role=\"region\"").count(),
            2,
            "{}",
            two.html
        );
        assert!(
            two.html.contains("aria-label=\"Таблица 2\"><table>"),
            "{}",
            two.html
        );
        assert_eq!(
            two.html.matches("<div").count(),
            two.html.matches("</div>").count(),
            "{}",
            two.html
        );
        assert!(two.html.contains("&lt;table&gt;"), "{}", two.html);
        // A `>` inside a quoted attribute does not end the tag.
        assert_eq!(
            wrap_tables("<table title=\"a>b\"></table>"),
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Таблица\"><table title=\"a>b\"></table></div>"
        );
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let r = render("```rust\nfn main() {}\n```\n", &keep);
        assert!(
            r.html.contains("class=\"code language-rust\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("hl-"), "{}", r.html);
        assert!(!r.html.contains("style="));
    }

    #[test]
    fn links_are_rewritten_and_collected() {
        let resolve = |d: &str| {
            if d.ends_with(".md") {
                Resolved::Href("../plan/index.html".into())
            } else {
                Resolved::Keep
            }
        };
        let r = render(
            "См. [план](plan.md) и [сайт](https://example.org).",
            &resolve,
        );
        assert!(r.html.contains("href=\"../plan/index.html\""));
        assert_eq!(r.links.len(), 2);
    }

    #[test]
    fn scripts_are_removed() {
        let r = render(
            "<script>alert(1)</script><p onclick=\"x()\">Текст</p>",
            &keep,
        );
        assert!(!r.html.contains("<script"));
        assert!(!r.html.contains("onclick"));
        assert!(r.html.contains("Текст"));
    }

    #[test]
    fn markdown_table_cells_are_labelled_by_their_column_header() {
        let md = "| № | Мероприятие **плана** | Срок & место |\n|---|---|---|\n| 1 | Семинар | май |\n| 2 | Конкурс | |\n";
        let html = render(md, &keep).html;
        assert!(
            html.contains("<table class=\"stack\" role=\"table\">"),
            "{html}"
        );
        assert!(html.contains("<th>№</th>"), "{html}");
        for cell in [
            "<td data-label=\"№\">1</td>",
            "<td data-label=\"Мероприятие плана\">Семинар</td>",
            "<td data-label=\"Срок &amp; место\">май</td>",
            "<td data-label=\"Срок &amp; место\"></td>",
        ] {
            assert!(html.contains(cell), "{cell} not in {html}");
        }
    }

    #[test]
    fn pasted_tables_stack_only_with_one_header_row_and_no_merged_rows() {
        // A Word table with a header: colspan counts columns, a class and a hand-written
        // label are kept, a row header is a row header.
        let word =
            "<table class=\"w\"><thead><tr><th colspan=\"2\">Срок</th><th>Итог \"в <i>целом</i>\"</th></tr></thead>\
                    <tbody><tr><th>1</th><td>май</td><td data-label=\"Свой\">да</td></tr>\
                    <tr><td colspan=\"2\">весь год</td><td>нет</td></tr></tbody></table>";
        let html = render(word, &keep).html;
        assert!(
            html.contains("<table class=\"stack w\" role=\"table\">"),
            "{html}"
        );
        for cell in [
            "<th data-label=\"Срок\">1</th>",
            "<td data-label=\"Срок\">май</td>",
            "<td data-label=\"Свой\">да</td>",
            "<td data-label=\"Срок\" colspan=\"2\">весь год</td>",
            "<td data-label=\"Итог &quot;в целом&quot;\">нет</td>",
        ] {
            assert!(html.contains(cell), "{cell} not in {html}");
        }
        // No header, a merged row, a table in a table: left as they are, still wrapped.
        for md in [
            "<table><tr><td>a</td><td>b</td></tr></table>",
            "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td rowspan=\"2\">1</td></tr></tbody></table>",
            "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td><table><tr><td>x</td></tr></table></td></tr></tbody></table>",
        ] {
            let html = render(md, &keep).html;
            assert!(html.starts_with("<div class=\"table-wrap\""), "{html}");
            assert!(!html.contains("stack") && !html.contains("data-label"), "{html}");
            assert_eq!(html.matches("<div").count(), 1, "{html}");
        }
    }
}
