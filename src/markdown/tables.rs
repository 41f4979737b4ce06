//! Tables of a page body, after sanitizing: each goes in a named region that scrolls
//! sideways if it must, and a table with one header row becomes a `stack` table (rows
//! turn into labelled cards on a phone, see `style.css`): every body cell gets
//! `data-label` with its column header, and `role="table"` keeps it a table for screen
//! readers when the stylesheet changes its `display` (roles on rows and cells of a table
//! are invalid HTML; browsers derive them from the table's role).
//!
//! Runs on the sanitizer's output, so the markup added here is ours and the sanitizer
//! need not allow `role` or `tabindex`. There a `<` outside a tag is escaped, attribute
//! values are double-quoted, and a `>` ends a tag only outside quotes.

/// One tag of sanitized HTML: where it starts and ends (after `>`), its lowercase name,
/// and whether it closes an element.
struct TagAt<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    close: bool,
}

/// Every tag of `html`, in order.
fn tags(html: &str) -> Vec<TagAt<'_>> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|p| i + p) {
        let mut end = lt + 1;
        let mut quoted = false;
        while end < bytes.len() && (quoted || bytes[end] != b'>') {
            quoted ^= bytes[end] == b'"';
            end += 1;
        }
        let end = (end + 1).min(html.len());
        let close = html[lt + 1..].starts_with('/');
        let from = lt + 1 + usize::from(close);
        let name = html[from..end].split([' ', '/', '>']).next().unwrap_or("");
        out.push(TagAt {
            start: lt,
            end,
            name,
            close,
        });
        i = end;
    }
    out
}

/// Wraps every table of `html` in a region and stacks those that can be stacked.
pub(super) fn wrap_tables(html: &str) -> String {
    let all = tags(html);
    // Outermost tables: (index of the opening tag, index of the closing tag).
    let mut ranges = Vec::new();
    let mut depth = 0usize;
    let mut open_at = 0;
    for (k, t) in all.iter().enumerate() {
        if t.name != "table" {
            continue;
        }
        if !t.close {
            if depth == 0 {
                open_at = k;
            }
            depth += 1;
        } else if depth > 0 {
            depth -= 1;
            if depth == 0 {
                ranges.push((open_at, k));
            }
        }
    }
    if ranges.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() * 5 / 4 + ranges.len() * 96);
    let mut last = 0;
    for (n, &(a, b)) in ranges.iter().enumerate() {
        let label = if ranges.len() == 1 {
            "Таблица".to_string()
        } else {
            format!("Таблица {}", n + 1)
        };
        out.push_str(&html[last..all[a].start]);
        out.push_str(&format!(
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\">"
        ));
        out.push_str(&stack(html, &all[a..=b]));
        out.push_str("</div>");
        last = all[b].end;
    }
    // An unclosed table (cut by the nesting cap) is left as it is.
    out.push_str(&html[last..]);
    out
}

/// The table `tags` spans, with `stack`, `role="table"` and cell labels if it has exactly one header
/// row, no merged rows and no table inside; otherwise unchanged.
fn stack(html: &str, tags: &[TagAt<'_>]) -> String {
    let whole = &html[tags[0].start..tags[tags.len() - 1].end];
    let inner = &tags[1..tags.len() - 1];
    let count = |name: &str| inner.iter().filter(|t| !t.close && t.name == name).count();
    let head_rows = {
        let (mut rows, mut in_head) = (0, false);
        for t in inner {
            match (t.name, t.close) {
                ("thead", c) => in_head = !c,
                ("tr", false) if in_head => rows += 1,
                _ => {}
            }
        }
        rows
    };
    if head_rows != 1 || count("table") > 0 || whole.contains("rowspan=") {
        return whole.to_string();
    }
    let labels = header_labels(html, inner);
    let mut out = String::with_capacity(whole.len() * 3 / 2);
    let mut copied = tags[0].start;
    let (mut in_head, mut column) = (false, 0usize);
    for t in tags {
        if t.close {
            if t.name == "thead" {
                in_head = false;
            }
            continue;
        }
        let mut add = match t.name {
            "table" => " role=\"table\"".to_string(),
            "thead" => {
                in_head = true;
                continue;
            }
            "tr" => {
                column = 0;
                continue;
            }
            "th" if in_head => continue,
            "th" | "td" => {
                let tag = &html[t.start..t.end];
                let label = labels.get(column).map(String::as_str).unwrap_or("");
                column += colspan(tag);
                if tag.contains(" data-label=\"") || label.is_empty() {
                    continue;
                }
                format!(" data-label=\"{label}\"")
            }
            _ => continue,
        };
        if t.name == "table" {
            add = with_class(&html[t.start..t.end], &add);
        }
        let name_end = t.start + 1 + t.name.len();
        out.push_str(&html[copied..name_end]);
        out.push_str(&add);
        copied = name_end;
        if t.name == "table" {
            // `with_class` rewrote the whole opening tag.
            copied = t.end;
        }
    }
    out.push_str(&html[copied..tags[tags.len() - 1].end]);
    out
}

/// The attributes to put after `<table` so that it has the class `stack`: its own
/// attributes with `stack` added to (or as) its class, then `add`, up to `>`.
fn with_class(tag: &str, add: &str) -> String {
    let attrs = &tag["<table".len()..tag.len() - 1];
    let attrs = match attrs.find(" class=\"") {
        Some(at) => {
            let from = at + " class=\"".len();
            format!("{}stack {}", &attrs[..from], &attrs[from..])
        }
        None => format!(" class=\"stack\"{attrs}"),
    };
    format!("{attrs}{add}>")
}

/// The text of each header cell (tags removed, ready for a quoted attribute), one entry
/// per column it spans.
fn header_labels(html: &str, inner: &[TagAt<'_>]) -> Vec<String> {
    let mut labels = Vec::new();
    let mut cell: Option<(usize, usize, String)> = None; // (text from, span, text)
    let mut in_head = false;
    for t in inner {
        match (t.name, t.close) {
            ("thead", c) => in_head = !c,
            ("th" | "td", false) if in_head => {
                cell = Some((t.end, colspan(&html[t.start..t.end]), String::new()));
            }
            ("th" | "td", true) if in_head => {
                if let Some((from, span, mut text)) = cell.take() {
                    text.push_str(&html[from..t.start]);
                    let label = label_text(&text);
                    labels.extend(std::iter::repeat_n(label, span));
                }
            }
            _ if in_head => {
                // Text between tags inside a cell: keep it, drop the tag.
                if let Some((from, span, mut text)) = cell.take() {
                    text.push_str(&html[from..t.start]);
                    cell = Some((t.end, span, text));
                }
            }
            _ => {}
        }
    }
    labels
}

/// Header text for an attribute: whitespace collapsed; the sanitizer left `&`, `<` and
/// `>` escaped in text, and a `"` is escaped here.
fn label_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('"', "&quot;")
}

/// The `colspan` of a cell's opening tag (1 if absent or not a sane number).
fn colspan(tag: &str) -> usize {
    tag.split_once("colspan=\"")
        .and_then(|(_, rest)| rest.split('"').next())
        .and_then(|n| n.trim().parse::<usize>().ok())
        .filter(|n| (1..=1000).contains(n))
        .unwrap_or(1)
}
