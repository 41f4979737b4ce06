//! Schools named in free text (an activity's result, a report's paragraphs): every
//! name, short name and alias of `data/schools.yaml`, read with the registry's own
//! normalisation ([`name_key`]), found in one pass by one automaton built per build.

use aho_corasick::AhoCorasick;

use super::registry::{fold_lookalikes, name_key, School};

/// A name shorter than this (after normalisation) is not looked for in text: «сош» or
/// «лицей» alone names no school in particular.
const MIN_KEY: usize = 4;

/// One automaton over every spelling of every school.
#[derive(Debug, Clone, Default)]
pub struct SchoolMatcher {
    automaton: Option<AhoCorasick>,
    /// Pattern → the schools (indexes into the registry) that spelling names.
    schools: Vec<Vec<usize>>,
}

/// A spelling of a registry school found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range in the text, as written.
    pub range: std::ops::Range<usize>,
    /// The schools that spelling names (more than one: ambiguous).
    pub schools: Vec<usize>,
}

/// A text reduced as [`name_key`] reduces a name, remembering for every kept character
/// where it stood and whether a word ended just before it.
struct Folded {
    text: String,
    /// For each byte of `text`: the byte in the original where its character starts.
    origin: Vec<usize>,
    /// For each byte of `text`: true when it starts a character that follows a
    /// separator (or the start) in the original.
    word_start: Vec<bool>,
}

fn fold(text: &str) -> Folded {
    let folded = fold_lookalikes(text);
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
        word_start: Vec::with_capacity(text.len()),
    };
    let mut after_gap = true;
    // `fold_lookalikes` maps character to character, so the two walks stay in step.
    for ((at, _), c) in text.char_indices().zip(folded.chars()) {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let lower = if lower == 'ё' { 'е' } else { lower };
        if !lower.is_alphanumeric() {
            after_gap = true;
            continue;
        }
        for k in 0..lower.len_utf8() {
            out.origin.push(at);
            out.word_start.push(after_gap && k == 0);
        }
        out.text.push(lower);
        after_gap = false;
    }
    out
}

impl SchoolMatcher {
    /// Builds the automaton over the names, short names and aliases of `schools`.
    pub fn new(schools: &[School]) -> SchoolMatcher {
        let mut keys: Vec<String> = Vec::new();
        let mut named: Vec<Vec<usize>> = Vec::new();
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        for (i, s) in schools.iter().enumerate() {
            let names = std::iter::once(&s.name)
                .chain(s.short_name.iter())
                .chain(s.aliases.iter());
            for key in names.map(|n| name_key(n)) {
                if key.chars().count() < MIN_KEY {
                    continue;
                }
                match seen.get(&key) {
                    Some(&p) if !named[p].contains(&i) => named[p].push(i),
                    Some(_) => {}
                    None => {
                        seen.insert(key.clone(), keys.len());
                        keys.push(key);
                        named.push(vec![i]);
                    }
                }
            }
        }
        let automaton = match keys.is_empty() {
            true => None,
            false => AhoCorasick::new(&keys).ok(),
        };
        SchoolMatcher {
            automaton,
            schools: named,
        }
    }

    /// Every whole name of a school in `text`, in order. A name must start and end at a
    /// word's edge («СОШ №6» is not in «СОШ №61» nor in «МБОУ СОШ №16»), and a name
    /// inside a longer one found at the same place gives way to it («Мишелевская СОШ»
    /// inside «Мишелевская СОШ №19»).
    pub fn find(&self, text: &str) -> Vec<Found> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let f = fold(text);
        let ends_word = |end: usize| end == f.text.len() || f.word_start[end];
        let mut hits: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(&f.text)
            .filter(|m| f.word_start[m.start()] && ends_word(m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        // Longest first at each start, so a contained name meets its container first.
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut kept: Vec<(usize, usize, usize)> = Vec::new();
        for h in hits {
            if kept.last().is_some_and(|k| h.0 < k.1) {
                continue;
            }
            kept.push(h);
        }
        kept.into_iter()
            .map(|(s, e, p)| {
                let start = f.origin[s];
                let last = f.origin[e - 1];
                let end = last + text[last..].chars().next().map_or(0, char::len_utf8);
                Found {
                    range: start..end,
                    schools: self.schools[p].clone(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SchoolType;

    fn school(short: &str, aliases: &[&str]) -> School {
        School {
            id: short.into(),
            name: format!("МБОУ «{short}»"),
            short_name: Some(short.into()),
            district: "usolsky".into(),
            kind: SchoolType::School,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn names(m: &SchoolMatcher, text: &str) -> Vec<String> {
        m.find(text)
            .into_iter()
            .map(|f| text[f.range].to_string())
            .collect()
    }

    /// The edges of a name: a number is whole, a word is whole, a longer name wins.
    #[test]
    fn names_are_found_whole_at_word_edges() {
        let m = SchoolMatcher::new(&[
            school("СОШ №6", &[]),
            school("СОШ №16", &[]),
            school("Мишелевская СОШ №19", &["Мишелевская СОШ"]),
        ]);
        assert_eq!(
            names(&m, "в МБОУ «СОШ №6», МБОУ «СОШ № 16»"),
            // The full name at the same place wins over the short one inside it; the
            // closing quote is not part of a name.
            ["МБОУ «СОШ №6", "МБОУ «СОШ № 16"]
        );
        // A longer number, a range, a number glued to letters: no school №6.
        assert!(names(&m, "СОШ №61 и СОШ №60").is_empty());
        assert_eq!(names(&m, "СОШ №6-7"), ["СОШ №6"]);
        assert!(names(&m, "ПСОШ №6").is_empty());
        assert!(names(&m, "сош 6а").is_empty());
        // The full name, not its alias inside it.
        assert_eq!(
            names(
                &m,
                "выход МБОУ «Мишелевская СОШ №19» из ШНОР; Мишелевская СОШ"
            ),
            ["МБОУ «Мишелевская СОШ №19", "Мишелевская СОШ"]
        );
        // Spelling, case, ё and Latin look-alikes as the registry reads them.
        assert_eq!(names(&m, "сош 6."), ["сош 6"]);
        assert_eq!(names(&m, "COШ №6"), ["COШ №6"]);
        assert!(names(&m, "").is_empty());
    }

    #[test]
    fn a_spelling_of_two_schools_names_both() {
        let m = SchoolMatcher::new(&[
            school("СОШ №1", &["Первая школа"]),
            school("Гимназия №1", &["Первая школа"]),
        ]);
        let found = m.find("на базе «Первая школа».");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].schools, [0, 1]);
    }
}
