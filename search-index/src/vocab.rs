//! The vocabulary: every surface form seen in the corpus, its stem, and each
//! stem's document frequency; and the word-resolution rules built on it.
//!
//! tantivy's index holds stems only, so the forms are kept in a sidecar file
//! inside the index directory (written by [`crate::build_index`], read by
//! [`crate::open_index`] users). The static export ships the same map,
//! sharded, so the browser resolves a typed word exactly as [`Vocabulary::resolve`]
//! does here: that shared rule is what makes both rank alike.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::directory::Directory;
use tantivy::Index;

use crate::error::SearchError;
use crate::schema::QueryConfig;

/// File name of the vocabulary inside the index directory. The leading dot
/// keeps tantivy's garbage collector away from it.
const VOCAB_FILE: &str = ".metodist-vocab.json";

/// How a query word was matched to stems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Resolution {
    /// The word occurs in the corpus as typed.
    Exact,
    /// The last word, completed as a prefix of corpus words.
    Prefix,
    /// An unseen inflection: the longest indexed stem it starts with.
    Ending,
    /// A typo: corpus words at edit distance 1.
    Typo,
    /// Only derived words matched (their stems share a long prefix).
    Related,
    /// Nothing matched.
    Unknown,
}

/// One query word and the stems it stands for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedWord {
    /// The normalized word (lowercase, ё folded).
    pub word: String,
    /// Stems searched for it; a document's score for the word is the best
    /// of its stems' scores (related stems' scores divided first).
    pub stems: Vec<String>,
    /// Derived words' stems, scored at 1/[`QueryConfig::related_divisor`].
    pub related: Vec<String>,
    /// How the stems were found.
    pub how: Resolution,
}

/// Surface forms → stems, and stem document frequencies.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    /// Stems in byte order, with their document frequency.
    stems: BTreeMap<String, u32>,
    /// Surface form → stem.
    forms: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize)]
struct VocabFile {
    format: u32,
    stems: Vec<(String, u32)>,
    forms: Vec<(String, String)>,
}

impl Vocabulary {
    /// A vocabulary from the forms the indexing analyzer reported and the
    /// stems' document frequencies read back from the index.
    pub(crate) fn from_parts(
        forms: HashMap<String, String>,
        stems: BTreeMap<String, u32>,
    ) -> Vocabulary {
        Vocabulary {
            stems,
            forms: forms.into_iter().collect(),
        }
    }

    /// Collects the vocabulary of `docs`, each given as its analyzed texts
    /// (the slow way, tokenizing again; tests check the two agree).
    #[cfg(test)]
    pub(crate) fn collect<'a, I, T>(docs: I) -> Vocabulary
    where
        I: IntoIterator<Item = T>,
        T: IntoIterator<Item = &'a str>,
    {
        let mut stem_of: HashMap<String, String> = HashMap::new();
        let mut stems: BTreeMap<String, u32> = BTreeMap::new();
        let mut seen: Vec<String> = Vec::new();
        let mut forms_analyzer = crate::analyzer::forms_analyzer();
        for texts in docs {
            seen.clear();
            for text in texts {
                for form in crate::analyzer::surface_forms_with(&mut forms_analyzer, text) {
                    let stem = stem_of
                        .entry(form)
                        .or_insert_with_key(|f| crate::analyzer::stem(f).into_owned());
                    seen.push(stem.clone());
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for stem in &seen {
                *stems.entry(stem.clone()).or_insert(0) += 1;
            }
        }
        Vocabulary {
            stems,
            forms: stem_of.into_iter().collect(),
        }
    }

    /// Writes the vocabulary into the index directory.
    pub(crate) fn save(&self, index: &Index) -> Result<(), SearchError> {
        let file = VocabFile {
            format: 1,
            stems: self.stems.iter().map(|(s, df)| (s.clone(), *df)).collect(),
            forms: self
                .forms
                .iter()
                .map(|(f, s)| (f.clone(), s.clone()))
                .collect(),
        };
        let bytes = serde_json::to_vec(&file)?;
        index
            .directory()
            .atomic_write(Path::new(VOCAB_FILE), &bytes)
            .map_err(|e| SearchError::io(VOCAB_FILE, e))
    }

    /// Reads the vocabulary written by [`Vocabulary::save`].
    pub fn load(index: &Index) -> Result<Vocabulary, SearchError> {
        let bytes = index
            .directory()
            .atomic_read(Path::new(VOCAB_FILE))
            .map_err(|e| SearchError::Vocabulary(e.to_string()))?;
        let file: VocabFile =
            serde_json::from_slice(&bytes).map_err(|e| SearchError::Vocabulary(e.to_string()))?;
        if file.format != 1 {
            return Err(SearchError::Vocabulary(format!("формат {}", file.format)));
        }
        Ok(Vocabulary {
            stems: file.stems.into_iter().collect(),
            forms: file.forms.into_iter().collect(),
        })
    }

    /// Number of distinct surface forms.
    pub fn num_forms(&self) -> usize {
        self.forms.len()
    }

    /// Number of distinct stems.
    pub fn num_stems(&self) -> usize {
        self.stems.len()
    }

    /// Surface forms with their stems, in byte order.
    pub fn forms(&self) -> impl Iterator<Item = (&str, &str)> {
        self.forms.iter().map(|(f, s)| (f.as_str(), s.as_str()))
    }

    /// Document frequency of `stem` (0 if unknown).
    pub fn df(&self, stem: &str) -> u32 {
        self.stems.get(stem).copied().unwrap_or(0)
    }

    /// Stems in byte order with their document frequency.
    pub fn stems(&self) -> impl Iterator<Item = (&str, u32)> {
        self.stems.iter().map(|(s, df)| (s.as_str(), *df))
    }

    /// Resolves one normalized query word to stems. The rules, in order
    /// (search.js `resolveWord` repeats them step by step):
    /// 1. a corpus form → its stem, plus its family as related stems;
    /// 2. the last word, if `as_prefix` and long enough → stems of the
    ///    forms it begins;
    /// 3. the longest indexed stem the word starts with, dropping at most
    ///    `max_ending_chars` (an inflection the corpus never used), plus
    ///    that stem's family;
    /// 4. words of `typo_min_chars`+ → stems of forms at edit distance 1
    ///    sharing the first `typo_fixed_prefix` characters;
    /// 5. the word's own family, as related stems only;
    /// 6. otherwise nothing.
    ///
    /// A *family* is the indexed stems sharing the first
    /// `max(family_min_chars, len − family_slack_chars)` characters of a
    /// stem of `family_min_chars`+ characters: derived words Snowball keeps
    /// apart (наставничеств- / наставник-). Related stems score at
    /// 1/`related_divisor`. Expansions keep the `max_expansions` stems of
    /// highest document frequency, ties by stem in UTF-16 order (as
    /// JavaScript compares).
    pub fn resolve(&self, word: &str, as_prefix: bool, config: &QueryConfig) -> ResolvedWord {
        let resolved = |stems: Vec<String>, related: Vec<String>, how| ResolvedWord {
            word: word.to_string(),
            stems,
            related,
            how,
        };
        if let Some(stem) = self.forms.get(word) {
            let related = self.family(stem, stem, config);
            return resolved(vec![stem.clone()], related, Resolution::Exact);
        }
        let chars: Vec<char> = word.chars().collect();
        if as_prefix && chars.len() >= config.min_prefix_chars {
            let stems = self.top_stems(self.forms_with_prefix(word).map(|(_, s)| s), config);
            if !stems.is_empty() {
                return resolved(stems, Vec::new(), Resolution::Prefix);
            }
        }
        if chars.len() >= config.min_stem_chars {
            let shortest = config
                .min_stem_chars
                .max(chars.len().saturating_sub(config.max_ending_chars));
            for k in (shortest..=chars.len()).rev() {
                let candidate: String = chars[..k].iter().collect();
                if self.stems.contains_key(&candidate) {
                    let related = self.family(&candidate, &candidate, config);
                    return resolved(vec![candidate], related, Resolution::Ending);
                }
            }
        }
        if chars.len() >= config.typo_min_chars {
            let fixed: String = chars[..config.typo_fixed_prefix.min(chars.len())]
                .iter()
                .collect();
            let near = self
                .forms_with_prefix(&fixed)
                .filter(|(form, _)| within_one_edit(&chars, form))
                .map(|(_, s)| s);
            let stems = self.top_stems(near, config);
            if !stems.is_empty() {
                return resolved(stems, Vec::new(), Resolution::Typo);
            }
        }
        let related = self.family(word, "", config);
        if !related.is_empty() {
            return resolved(Vec::new(), related, Resolution::Related);
        }
        resolved(Vec::new(), Vec::new(), Resolution::Unknown)
    }

    /// The family of `base` (see [`Vocabulary::resolve`]), without `exclude`.
    fn family(&self, base: &str, exclude: &str, config: &QueryConfig) -> Vec<String> {
        let chars: Vec<char> = base.chars().collect();
        if chars.len() < config.family_min_chars {
            return Vec::new();
        }
        let keep = config
            .family_min_chars
            .max(chars.len() - config.family_slack_chars);
        let prefix: String = chars[..keep].iter().collect();
        let members = self
            .stems
            .range::<str, _>((
                std::ops::Bound::Included(prefix.as_str()),
                std::ops::Bound::Unbounded,
            ))
            .map(|(s, _)| s.as_str())
            .take_while(|s| s.starts_with(prefix.as_str()))
            .filter(|s| *s != exclude);
        self.top_stems(members, config)
    }

    fn forms_with_prefix<'s>(
        &'s self,
        prefix: &'s str,
    ) -> impl Iterator<Item = (&'s str, &'s str)> + 's {
        self.forms
            .range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))
            .take_while(move |(form, _)| form.starts_with(prefix))
            .map(|(f, s)| (f.as_str(), s.as_str()))
    }

    /// The `max_expansions` most frequent distinct stems among `stems`.
    fn top_stems<'s>(
        &self,
        stems: impl Iterator<Item = &'s str>,
        config: &QueryConfig,
    ) -> Vec<String> {
        let mut unique: Vec<&str> = stems.collect();
        unique.sort_unstable();
        unique.dedup();
        unique.sort_by(|a, b| self.df(b).cmp(&self.df(a)).then_with(|| cmp_utf16(a, b)));
        unique.truncate(config.max_expansions);
        unique.into_iter().map(str::to_string).collect()
    }
}

/// Compares as JavaScript's `<` does on strings (UTF-16 code units), so
/// sorted lists and tie-breaks agree with the browser client.
pub fn cmp_utf16(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Whether `b` is within one edit of `a`: one substitution, insertion,
/// deletion, or swap of two neighbours (optimal string alignment).
fn within_one_edit(a: &[char], b: &str) -> bool {
    let b: Vec<char> = b.chars().collect();
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if la == lb {
        if prefix == la {
            return true;
        }
        let tail_equal = |from: usize| a[from..] == b[from..];
        // One substitution, or a swap of positions `prefix` and `prefix + 1`.
        return tail_equal(prefix + 1)
            || (prefix + 1 < la
                && a[prefix] == b[prefix + 1]
                && a[prefix + 1] == b[prefix]
                && tail_equal(prefix + 2));
    }
    // One insertion/deletion: skip a char of the longer word at `prefix`.
    let (long, short) = if la > lb { (a, &b[..]) } else { (&b[..], a) };
    long[prefix + 1..] == short[prefix..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::collect([
            vec!["Наставничество в школе: наставники и наставляемые"],
            vec![
                "Наставничеству посвящён семинар",
                "функциональная грамотность",
            ],
            vec!["Урок читательской грамотности"],
        ])
    }

    #[test]
    fn collects_forms_and_document_frequency() {
        let v = vocab();
        assert_eq!(v.df("наставничеств"), 2);
        assert_eq!(v.df("грамотн"), 2);
        assert_eq!(
            v.forms.get("наставники").map(String::as_str),
            Some("наставник")
        );
        assert!(!v.forms.contains_key("в"), "stop words are not forms");
    }

    #[test]
    fn index_build_records_the_same_vocabulary() {
        let docs = crate::synthetic_corpus(120, 5);
        let index = crate::build_index_in_ram(&docs).unwrap();
        let schema = crate::SearchSchema::new();
        let slow = Vocabulary::collect(docs.iter().map(|doc| {
            let texts: Vec<&str> = schema
                .text_values(doc)
                .into_iter()
                .map(|(_, t)| t)
                .collect();
            texts
        }));
        assert_eq!(Vocabulary::load(&index).unwrap(), slow);
    }

    #[test]
    fn resolution_rules_apply_in_order() {
        let v = vocab();
        let c = QueryConfig::DEFAULT;
        let r = v.resolve("наставники", true, &c);
        assert_eq!(
            (r.how, r.stems),
            (Resolution::Exact, vec!["наставник".to_string()])
        );
        assert_eq!(r.related, vec!["наставничеств".to_string()]);
        let r = v.resolve("настав", true, &c);
        assert_eq!(r.how, Resolution::Prefix);
        assert_eq!(r.stems[0], "наставничеств", "most frequent stem first");
        let r = v.resolve("наставникам", false, &c);
        assert_eq!(
            (r.how, r.stems),
            (Resolution::Ending, vec!["наставник".to_string()])
        );
        assert_eq!(r.related, vec!["наставничеств".to_string()]);
        let r = v.resolve("наставничиство", false, &c);
        assert_eq!(
            (r.how, r.stems),
            (Resolution::Typo, vec!["наставничеств".to_string()])
        );
        assert_eq!(v.resolve("настав", false, &c).how, Resolution::Unknown);
        let r = v.resolve("наставничество", false, &c);
        assert_eq!(r.related, vec!["наставник".to_string()], "a derived word");
        let r = v.resolve("наставниками", false, &c);
        assert_eq!((r.how, r.stems.len()), (Resolution::Ending, 1));
        let r = v.resolve("наставническая", false, &c);
        assert_eq!(r.how, Resolution::Related);
        assert_eq!(r.related, vec!["наставничеств"]);
        assert_eq!(v.resolve("физика", false, &c).how, Resolution::Unknown);
    }

    #[test]
    fn one_edit_covers_substitution_insertion_deletion_swap() {
        let a: Vec<char> = "грамота".chars().collect();
        for b in [
            "грамоты",
            "грамота",
            "грамот",
            "грамотаа",
            "гармота",
            "грамтоа",
            "рамота",
        ] {
            assert!(within_one_edit(&a, b), "{b}");
        }
        for b in ["гармото", "грам", "амота", "грамотами"] {
            assert!(!within_one_edit(&a, b), "{b}");
        }
    }

    #[test]
    fn utf16_order_matches_javascript() {
        // U+FF01 sorts before U+1F600 in bytes but after it in UTF-16.
        assert_eq!(cmp_utf16("\u{FF01}", "\u{1F600}"), Ordering::Greater);
        assert_eq!(cmp_utf16("а", "б"), Ordering::Less);
    }
}
