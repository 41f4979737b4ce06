//! Personal data: e-mail addresses and phone numbers are removed from the whole source
//! before anything else reads it, and listed (masked) in the review so a methodist can
//! check what went. Organisations' addresses are removed too: telling a school's
//! address from a teacher's is not something to guess.

use std::sync::LazyLock;

use regex::Regex;

use super::model::{Source, SourceItem};
use super::review::{Review, Topic};

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:mailto:)?[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
        .expect("valid regex")
});
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+7|\b8)[\s\-]?\(?\d{3,5}\)?[\s\-]?\d{1,3}[\s\-]?\d{2}[\s\-]?\d{2}\b|\(\d{3,5}\)\s?\d{1,3}-\d{2}-\d{2}\b")
        .expect("valid regex")
});

/// Masks an address for the review: `ab…@mail.ru`.
fn mask_email(e: &str) -> String {
    let e = e.trim_start_matches("mailto:");
    let (local, domain) = e.split_once('@').unwrap_or((e, ""));
    let head: String = local.chars().take(2).collect();
    format!("{head}…@{domain}")
}

fn mask_phone(p: &str) -> String {
    let digits: String = p.chars().filter(char::is_ascii_digit).collect();
    let tail: String = digits
        .chars()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("…{tail}")
}

/// Removes e-mails and phones from one text; each removal goes to the review.
pub fn scrub(text: &str, line: usize, review: &mut Review) -> String {
    if !text.contains('@') && !text.chars().any(|c| c.is_ascii_digit()) {
        return text.to_string();
    }
    let mut out = text.to_string();
    for m in EMAIL.find_iter(text) {
        review.add(
            line,
            Topic::Privacy,
            format!("удалён адрес электронной почты {}", mask_email(m.as_str())),
        );
    }
    out = EMAIL.replace_all(&out, "").into_owned();
    let phones: Vec<String> = PHONE
        .find_iter(&out)
        .map(|m| m.as_str().to_string())
        .collect();
    for p in &phones {
        review.add(
            line,
            Topic::Privacy,
            format!("удалён номер телефона {}", mask_phone(p)),
        );
    }
    if !phones.is_empty() {
        out = PHONE.replace_all(&out, "").into_owned();
    }
    out
}

/// Scrubs every line and table cell of a source.
pub fn scrub_source(mut source: Source, review: &mut Review) -> Source {
    for item in &mut source.items {
        match item {
            SourceItem::Line { line, text } => *text = scrub(text, *line, review),
            SourceItem::Table(t) => {
                for row in &mut t.rows {
                    for cell in &mut row.cells {
                        *cell = scrub(cell, row.line, review);
                    }
                }
            }
            SourceItem::Blank { .. } | SourceItem::PageBreak { .. } => {}
        }
    }
    source
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_emails_and_phones() {
        let mut r = Review::default();
        let s = scrub("Иванов\tivan.ov@mail.ru, тел. 8 (395) 123-45-67", 3, &mut r);
        assert!(!s.contains('@') && !s.contains("45-67"), "{s}");
        assert_eq!(r.len(), 2);
        assert!(r.items[0].message.contains("iv…@mail.ru"));
        let s = scrub("приказ №167 от 08.04.2025, 100 % педагогов", 1, &mut r);
        assert_eq!(s, "приказ №167 от 08.04.2025, 100 % педагогов");
    }
}
