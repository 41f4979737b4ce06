//! Sanitizing HTML that methodists paste from Word: formatting stays, scripts never pass.

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
    b.add_tag_attributes("td", ["colspan", "rowspan", "align"]);
    b.add_tag_attributes("th", ["colspan", "rowspan", "align", "scope"]);
    b.add_tag_attributes("ol", ["start", "type"]);
    b.add_tag_attributes("a", ["aria-hidden", "tabindex"]);
    b.add_tag_attributes("input", ["type", "checked", "disabled"]);
    b.add_tags(["input"]);
    b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
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
