//! Schools named in the text of a page — its activities (title, expected, result, note)
//! and its body — found through the registry's spellings; a spelling that names two
//! schools the page's district does not tell apart is a warning, never a guess.

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::model::{Registries, Resolved};
use crate::parse::Page;

/// What the text around a school's name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum TextRole {
    /// In a list of schools with low results (ШНОР).
    LowResults,
    /// In a list of schools of the «зона риска».
    RiskZone,
}

impl TextRole {
    /// As a school page and a report's «Школы» show it.
    pub fn label(self) -> &'static str {
        match self {
            TextRole::LowResults => "ШНОР",
            TextRole::RiskZone => "зона риска",
        }
    }
}

/// A school named in a page's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSchool {
    /// Registry id.
    pub id: String,
    /// The activity (index in the page's list) whose text names it; `None` for the body.
    pub activity: Option<usize>,
    /// What the sentence says about it, if it says one of the known things.
    pub role: Option<TextRole>,
}

/// The schools the text of `p` names, in the order of the page; ambiguous names are
/// warnings at their place.
pub fn text_schools(
    p: &Page,
    reg: &Registries,
    district: Option<&str>,
    diags: &mut Diagnostics,
) -> Vec<TextSchool> {
    let mut out = Vec::new();
    if let Some(acc) = p.meta.accountability() {
        for (i, a) in acc.activities.iter().enumerate() {
            let fields = [
                ("title", Some(&a.title)),
                ("expected", a.expected.as_ref()),
                ("result", a.result.as_ref()),
                ("note", a.note.as_ref()),
            ];
            for (field, text) in fields {
                let Some(text) = text else { continue };
                let path = format!("activities[{i}].{field}");
                let at = |written: &str, _: usize| p.locate_in(&path, written);
                scan(p, reg, district, text, Some(i), &at, diags, &mut out);
            }
        }
    }
    let body = p.body();
    let at = |_: &str, offset: usize| Some(Pos::of_offset(&p.text, p.body_offset + offset));
    scan(p, reg, district, body, None, &at, diags, &mut out);
    out
}

#[allow(clippy::too_many_arguments)]
fn scan(
    p: &Page,
    reg: &Registries,
    district: Option<&str>,
    text: &str,
    activity: Option<usize>,
    at: &dyn Fn(&str, usize) -> Option<Pos>,
    diags: &mut Diagnostics,
    out: &mut Vec<TextSchool>,
) {
    let mut warned: Vec<&str> = Vec::new();
    for (range, found) in reg.schools_in(text, district) {
        let written = &text[range.clone()];
        match found {
            Resolved::One(id) => {
                let school = TextSchool {
                    id: id.to_string(),
                    activity,
                    role: role_around(text, range),
                };
                if !out.contains(&school) {
                    out.push(school);
                }
            }
            Resolved::Ambiguous(ids) if !warned.contains(&written) => {
                // Once per text, at its first place: a paragraph repeating it says nothing new.
                warned.push(written);
                let pos = at(written, range.start);
                diags.push(
                    Diagnostic::warning(
                        &p.src,
                        format!(
                            "школа «{written}» в тексте не определена: подходят {} — на страницах школ это упоминание не появится",
                            ids.join(", ")
                        ),
                    )
                    .at_opt(pos)
                    .snippet(pos.map_or_else(|| written.to_string(), |pos| p.line_at(pos)))
                    .hint("напишите название, которое есть только у одной школы (как в data/schools.yaml), или назовите школу в schools: мероприятия"),
                );
            }
            _ => {}
        }
    }
}

/// The role the sentence holding `range` gives a school, else the paragraph's; none if
/// the place names both (a sentence about ШНОР and the «зона риска» names neither list).
fn role_around(text: &str, range: std::ops::Range<usize>) -> Option<TextRole> {
    let paragraph = around(text, range.clone(), &["\n\n", "\n- ", "\n"]);
    let sentence = around(
        paragraph.0,
        range.start - paragraph.1..range.end - paragraph.1,
        &[". ", "; "],
    );
    role_in(sentence.0).or_else(|| role_in(paragraph.0))
}

fn role_in(place: &str) -> Option<TextRole> {
    let lower = place.to_lowercase();
    let low = lower.contains("шнор") || lower.contains("низкими образовательными результатами");
    let risk = lower.contains("зоны риска")
        || lower.contains("зоне риска")
        || lower.contains("зона риска");
    match (low, risk) {
        (true, false) => Some(TextRole::LowResults),
        (false, true) => Some(TextRole::RiskZone),
        _ => None,
    }
}

/// The stretch of `text` around `range` between the nearest separators, and where it
/// starts.
fn around<'a>(text: &'a str, range: std::ops::Range<usize>, seps: &[&str]) -> (&'a str, usize) {
    let start = seps
        .iter()
        .filter_map(|s| text[..range.start].rfind(s).map(|i| i + s.len()))
        .max()
        .unwrap_or(0);
    let end = seps
        .iter()
        .filter_map(|s| text[range.end..].find(s).map(|i| i + range.end))
        .min()
        .unwrap_or(text.len());
    (&text[start..end], start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(text: &str, name: &str) -> Option<TextRole> {
        let s = text.find(name).expect("the name is in the text");
        role_around(text, s..s + name.len())
    }

    /// The sentences of the 2025 Usolsky report (section 1.2) that list the schools.
    #[test]
    fn the_sentence_tells_the_role() {
        let t = "В список школ в 2025 году вошли 6 организаций (МБОУ «СОШ №6», МБОУ «СОШ №7»), из них 2 школы не вышли из списка ШНОР в 2024 году. А также 9 школ района (МБОУ «Белая СОШ») определены как школы, находящиеся в «зоне риска» по низким результатам.";
        assert_eq!(role(t, "СОШ №6"), Some(TextRole::LowResults));
        assert_eq!(role(t, "Белая СОШ"), Some(TextRole::RiskZone));
        let t = "С целью поддержки ШНОР и школ «зоны риска» приглашены МБОУ «СОШ №6».";
        assert_eq!(role(t, "СОШ №6"), None);
        assert_eq!(role("Семинар на базе МБОУ «СОШ №7».", "СОШ №7"), None);
    }
}
