//! Stray HTML of Word exports (`<i>`, `<p>`, `<u>`, `<ul style=…>` without `<li>`)
//! turned into Markdown for the body, or into plain text for table cells that become
//! front-matter fields. Tags we do not know are dropped and reported; their text stays.

use std::sync::LazyLock;

use regex::Regex;

static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</?([a-z][a-z0-9]*)(?:\s[^<>]*)?/?>").expect("valid regex"));
static SPACES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[ \t]{2,}").expect("valid regex"));
static EMPTY_EMPH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*\s*\*\*|(?:^|\s)\*\s*\*(?:\s|$)").expect("valid regex"));

/// The result of a conversion: the text and the names of unknown tags dropped.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Converted {
    /// Converted text.
    pub text: String,
    /// Tags that were removed without a Markdown equivalent.
    pub dropped: Vec<String>,
    /// True when any tag was converted or removed.
    pub changed: bool,
}

/// Where the text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The Markdown body: emphasis kept as `*`/`**`, `<ul>` items as list lines.
    Markdown,
    /// A plain front-matter string: tags removed, `<p>` and list items become spaces.
    Plain,
}

/// Converts the HTML tags in `text`; entities `&amp;`, `&lt;`, `&gt;`, `&quot;`,
/// `&nbsp;` are decoded.
pub fn convert(text: &str, target: Target) -> Converted {
    let mut out = Converted::default();
    if !text.contains('<') && !text.contains('&') {
        out.text = text.to_string();
        return out;
    }
    let mut s = String::with_capacity(text.len());
    let mut last = 0;
    for m in TAG.captures_iter(text) {
        let whole = m.get(0).expect("match");
        s.push_str(&text[last..whole.start()]);
        last = whole.end();
        out.changed = true;
        let closing = whole.as_str().starts_with("</");
        let name = m[1].to_lowercase();
        let md = target == Target::Markdown;
        match name.as_str() {
            "i" | "em" if md => s.push('*'),
            "b" | "strong" if md => s.push_str("**"),
            "i" | "em" | "b" | "strong" | "u" | "span" | "font" | "sup" | "sub" | "a" => {}
            "p" | "div" | "br" if md => s.push_str(if closing { "" } else { "\n" }),
            "p" | "div" | "br" => s.push(' '),
            "ul" | "ol" => s.push(' '),
            "li" if md && !closing => s.push_str("\n- "),
            "li" => s.push(' '),
            other => {
                if !out.dropped.iter().any(|d| d == other) {
                    out.dropped.push(other.to_string());
                }
                s.push(' ');
            }
        }
    }
    s.push_str(&text[last..]);
    let s = s
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let s = EMPTY_EMPH.replace_all(&s, " ");
    out.text = tidy(&s, target);
    out
}

/// Collapses runs of spaces; in Markdown, trims each line and drops empty ones.
fn tidy(s: &str, target: Target) -> String {
    match target {
        Target::Plain => SPACES.replace_all(s, " ").trim().to_string(),
        Target::Markdown => s
            .lines()
            .map(|l| SPACES.replace_all(l, " ").trim().to_string())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Splits the text after a `<ul …>` that has no `<li>` (items separated by « - »
/// or « – ») into list items; `None` when there is no such list.
pub fn split_bare_list(text: &str) -> Option<(String, Vec<String>)> {
    static UL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)<ul\b[^>]*>").expect("valid regex"));
    static LI: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<li\b").expect("valid regex"));
    let m = UL.find(text)?;
    if LI.is_match(text) {
        return None;
    }
    let (start, end) = (m.start(), m.end());
    let head = text[..start].to_string();
    let rest = text[end..].replace("</ul>", "").replace("</UL>", "");
    static SEP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|\s)[–-]\s").expect("valid regex"));
    let items: Vec<String> = SEP
        .split(&rest)
        .map(|i| i.trim().trim_end_matches(';').trim().to_string())
        .filter(|i| !i.is_empty())
        .collect();
    Some((head, items))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_markdown_or_plain_text() {
        let c = convert(
            "<i>Курсив</i> и <u>подчёркнутое</u><p>абзац</p>",
            Target::Markdown,
        );
        assert_eq!(c.text, "*Курсив* и подчёркнутое\nабзац");
        let c = convert("<p>МБУ «ЦРО»</p> <p>Комитет</p>", Target::Plain);
        assert_eq!(c.text, "МБУ «ЦРО» Комитет");
        let c = convert("a <blink>b</blink> &amp; c", Target::Plain);
        assert_eq!(c.text, "a b & c");
        assert_eq!(c.dropped, ["blink"]);
    }

    #[test]
    fn bare_ul_is_split_on_dashes() {
        let (head, items) =
            split_bare_list("Функции: <ul style=\"list-style-type: none\"> - первое; - второе")
                .unwrap();
        assert_eq!(head, "Функции: ");
        assert_eq!(items, ["первое", "второе"]);
    }
}
