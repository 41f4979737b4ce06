//! The document the search knows: a flat, already-rendered view of one page.
//! The main crate builds one [`SearchDoc`] per page after `derive`; this crate
//! never reads Markdown or front matter itself.

use serde::{Deserialize, Serialize};

/// Every `kind` a page may declare (see design.md, "Content kinds").
pub const KINDS: &[&str] = &[
    "report",
    "plan",
    "roadmap",
    "programme",
    "regulation",
    "rmo",
    "competition",
    "practice",
    "event",
    "page",
    "news",
];

/// One searchable page, flattened to plain text and facet values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchDoc {
    /// Stable document id (unique; ties in ranking are broken by it).
    pub id: String,
    /// Site-relative URL, e.g. `practices/shag-vperyod/`.
    pub url: String,
    /// Page title.
    pub title: String,
    /// Short summary (lead paragraph or front-matter `summary`).
    pub summary: String,
    /// Plain text of the page body (no markup).
    pub body: String,
    /// Authors' names as written on the page.
    pub authors: Vec<String>,
    /// Organisation (school, kindergarten, centre) as displayed.
    pub organisation: String,
    /// District display name, e.g. «Усольский район».
    pub district: String,
    /// District registry id, the facet value, e.g. `usolsky`.
    pub district_id: String,
    /// Education levels: ДО, НОО, ООО, СОО, ДОД.
    pub level: Vec<String>,
    /// Subjects or subject areas.
    pub subject: Vec<String>,
    /// Form of the practice or event (мастер-класс, проект, …).
    pub form: String,
    /// Year the page refers to.
    pub year: Option<i32>,
    /// One of [`KINDS`].
    pub kind: String,
    /// Free tags.
    pub tags: Vec<String>,
}

impl SearchDoc {
    /// The short text a result shows under its title: the summary, then
    /// the start of the body, cut at a word boundary to about `max_chars`
    /// (the body gives the browser more words to highlight).
    pub fn excerpt(&self, max_chars: usize) -> String {
        let source = format!("{} {}", self.summary.trim(), self.body.trim());
        cut_at_word(source.trim(), max_chars)
    }
}

/// Cuts `text` to at most `max_chars` characters, backing off to the last
/// space so a word is never split, and marks the cut with an ellipsis.
fn cut_at_word(text: &str, max_chars: usize) -> String {
    // Only the start matters: no need to collapse a whole long body.
    let head = match text.char_indices().nth(max_chars * 2) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    let collapsed: String = head.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        return if head.len() < text.len() {
            format!("{collapsed}…")
        } else {
            collapsed
        };
    }
    let cut: String = collapsed.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(pos) if pos > cut.len() / 2 => &cut[..pos],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '—', '-', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_starts_with_summary_and_cuts_at_word() {
        let mut doc = SearchDoc {
            body: "Тело страницы".into(),
            ..SearchDoc::default()
        };
        assert_eq!(doc.excerpt(100), "Тело страницы");
        doc.summary = "Наставничество в школе: опыт, результаты и планы".into();
        assert_eq!(doc.excerpt(100), format!("{} Тело страницы", doc.summary));
        assert_eq!(doc.excerpt(30), "Наставничество в школе: опыт…");
    }
}
