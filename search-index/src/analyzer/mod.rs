//! The «ru» analyzer: the only text pipeline of metodist's search.
//!
//! Input: any text. Output: tokens in this order of stages:
//! 1. [`WordTokenizer`]: a token is a maximal run of alphanumeric characters
//!    (Rust's `char::is_alphanumeric`, i.e. Unicode Alphabetic or Numeric).
//!    Hyphens split (`научно-методический` → `научно`, `методический`):
//!    the halves are the words people search for. The soft hyphen and the
//!    combining stress marks that Word pastes into Russian text are dropped
//!    inside a word instead of splitting it.
//! 2. per-character lowercase (as tantivy's `LowerCaser`, done by the
//!    tokenizer in the same pass);
//! 3. [`YoFolder`]: `ё` → `е`, since most Russian text omits the dots;
//! 4. words longer than [`MAX_WORD_CHARS`] are dropped (base64, URLs glued);
//! 5. stop words ([`STOP_WORDS`]: Russian and English function words);
//! 6. [`ScriptStemmer`]: Russian Snowball for tokens with Cyrillic letters,
//!    English Snowball for Latin-only tokens, anything else unchanged.
//!
//! Stages 1–5 produce the *surface form* the static export maps to its stem;
//! the browser client (`themes/default/static/search/search.js`) repeats
//! exactly these stages 1–5 and never stems, so keep the two in step.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{
    StopWordFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

mod tokenizer;

use tokenizer::WordTokenizer;

/// Name under which the analyzer is registered on every index.
pub const ANALYZER: &str = "ru";

/// Longer tokens are dropped: no real word is that long, junk is.
pub const MAX_WORD_CHARS: usize = 40;

/// Stop words, already ё-folded. The Snowball Russian list minus the content
/// words it has for literary text (жизнь, человек, два, три, хорошо, …), plus
/// `это` and `также`, plus Lucene's English list for Latin tokens.
pub const STOP_WORDS: &[&str] = &[
    // Russian
    "а",
    "без",
    "более",
    "больше",
    "будет",
    "будто",
    "бы",
    "был",
    "была",
    "были",
    "было",
    "быть",
    "в",
    "вам",
    "вас",
    "вдруг",
    "ведь",
    "во",
    "вот",
    "впрочем",
    "все",
    "всегда",
    "всего",
    "всех",
    "всю",
    "вы",
    "где",
    "да",
    "даже",
    "для",
    "до",
    "другой",
    "его",
    "ее",
    "ей",
    "ему",
    "если",
    "есть",
    "еще",
    "ж",
    "же",
    "за",
    "зачем",
    "здесь",
    "и",
    "из",
    "или",
    "им",
    "иногда",
    "их",
    "к",
    "как",
    "какая",
    "какой",
    "когда",
    "конечно",
    "кто",
    "куда",
    "ли",
    "между",
    "меня",
    "мне",
    "много",
    "может",
    "можно",
    "мой",
    "моя",
    "мы",
    "на",
    "над",
    "надо",
    "наконец",
    "нас",
    "не",
    "него",
    "нее",
    "ней",
    "нельзя",
    "нет",
    "ни",
    "нибудь",
    "никогда",
    "ним",
    "них",
    "ничего",
    "но",
    "ну",
    "о",
    "об",
    "он",
    "она",
    "они",
    "опять",
    "от",
    "перед",
    "по",
    "под",
    "после",
    "потом",
    "потому",
    "почти",
    "при",
    "про",
    "раз",
    "разве",
    "с",
    "сам",
    "свою",
    "себе",
    "себя",
    "сейчас",
    "со",
    "совсем",
    "так",
    "также",
    "такой",
    "там",
    "тебя",
    "тем",
    "теперь",
    "то",
    "тогда",
    "того",
    "тоже",
    "только",
    "том",
    "тот",
    "тут",
    "ты",
    "у",
    "уж",
    "уже",
    "хоть",
    "чего",
    "чем",
    "через",
    "что",
    "чтоб",
    "чтобы",
    "чуть",
    "эти",
    "это",
    "этого",
    "этой",
    "этом",
    "этот",
    "эту",
    "я",
    // English
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "but",
    "by",
    "for",
    "if",
    "in",
    "into",
    "is",
    "it",
    "no",
    "not",
    "of",
    "on",
    "or",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "to",
    "was",
    "will",
    "with",
];

/// Registers the «ru» analyzer on `index`. Call it after every create *and*
/// every open: tantivy does not persist custom analyzers, and an index
/// reopened without it silently analyzes text differently (tantivy#2078).
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(ANALYZER, analyzer());
}

/// The full «ru» analyzer (stages 1–6).
pub fn analyzer() -> TextAnalyzer {
    with_stemmer(ScriptStemmer::default())
}

/// The «ru» analyzer that also reports each new surface form and its stem
/// to `sink` (used while building the index).
pub(crate) fn recording_analyzer(sink: FormSink) -> TextAnalyzer {
    with_stemmer(ScriptStemmer { sink: Some(sink) })
}

fn with_stemmer(stemmer: ScriptStemmer) -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(YoFolder)
        .filter(WordLengthLimit)
        .filter(stop_word_filter())
        .filter(stemmer)
        .build()
}

/// Stages 1–5 only: yields surface forms, the keys of the export's form map.
pub fn forms_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(YoFolder)
        .filter(WordLengthLimit)
        .filter(stop_word_filter())
        .build()
}

fn stop_word_filter() -> StopWordFilter {
    StopWordFilter::remove(STOP_WORDS.iter().map(|w| (*w).to_string()))
}

/// Surface forms of `text`, in order, duplicates kept.
pub fn surface_forms(text: &str) -> Vec<String> {
    surface_forms_with(&mut forms_analyzer(), text)
}

/// [`surface_forms`] with an analyzer built once by the caller.
pub(crate) fn surface_forms_with(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// Stems one surface form the way stage 6 does.
pub fn stem(form: &str) -> Cow<'_, str> {
    if form.chars().any(is_cyrillic) {
        Stemmer::new(Algorithm::Russian).stem(form)
    } else if form.chars().any(|c| c.is_ascii_alphabetic()) {
        Stemmer::new(Algorithm::English).stem(form)
    } else {
        Cow::Borrowed(form)
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// Declares a token filter whose only job is to rewrite or drop each token.
/// `$keep` receives `&mut Token` and returns whether to keep it.
macro_rules! token_filter {
    ($(#[$doc:meta])* $name:ident, $wrapper:ident, $stream:ident, $keep:expr) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $name;

        /// Tokenizer produced by the filter.
        #[derive(Clone)]
        pub struct $wrapper<T> {
            inner: T,
        }

        /// Token stream produced by the filter.
        pub struct $stream<S> {
            tail: S,
        }

        impl TokenFilter for $name {
            type Tokenizer<T: Tokenizer> = $wrapper<T>;

            fn transform<T: Tokenizer>(self, inner: T) -> $wrapper<T> {
                $wrapper { inner }
            }
        }

        impl<T: Tokenizer> Tokenizer for $wrapper<T> {
            type TokenStream<'a> = $stream<T::TokenStream<'a>>;

            fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
                $stream {
                    tail: self.inner.token_stream(text),
                }
            }
        }

        impl<S: TokenStream> TokenStream for $stream<S> {
            fn advance(&mut self) -> bool {
                let keep: fn(&mut Token) -> bool = $keep;
                while self.tail.advance() {
                    if keep(self.tail.token_mut()) {
                        return true;
                    }
                }
                false
            }

            fn token(&self) -> &Token {
                self.tail.token()
            }

            fn token_mut(&mut self) -> &mut Token {
                self.tail.token_mut()
            }
        }
    };
}

token_filter!(
    /// Stage 3: folds `ё` to `е` (input is already lowercase).
    YoFolder,
    YoFolderFilter,
    YoFolderStream,
    |token| {
        if token.text.contains('ё') {
            token.text = token.text.replace('ё', "е");
        }
        true
    }
);

token_filter!(
    /// Stage 4: drops tokens longer than [`MAX_WORD_CHARS`] characters.
    WordLengthLimit,
    WordLengthLimitFilter,
    WordLengthLimitStream,
    // Byte length bounds the char count: most tokens skip the count.
    |token| token.text.len() <= MAX_WORD_CHARS || token.text.chars().count() <= MAX_WORD_CHARS
);

/// Surface form → stem pairs seen while indexing (see [`recording_analyzer`]).
pub(crate) type FormSink = Arc<Mutex<HashMap<String, String>>>;

/// A stemmer instance stops caching past this many forms (memory bound).
const STEM_CACHE_LIMIT: usize = 500_000;

/// Stage 6: stems by script (Russian for Cyrillic, English for Latin).
/// Each analyzer instance caches its stems, since a corpus repeats a few
/// thousand words millions of times; a recording instance also reports
/// every new form to a shared sink, which is how the build learns the
/// surface forms without tokenizing the corpus twice.
#[derive(Clone, Default)]
pub struct ScriptStemmer {
    sink: Option<FormSink>,
}

/// Tokenizer produced by [`ScriptStemmer`].
#[derive(Clone)]
pub struct ScriptStemmerFilter<T> {
    inner: T,
    sink: Option<FormSink>,
    cache: HashMap<String, String>,
}

/// Token stream produced by [`ScriptStemmer`].
pub struct ScriptStemmerStream<'a, S> {
    tail: S,
    sink: &'a Option<FormSink>,
    cache: &'a mut HashMap<String, String>,
}

impl TokenFilter for ScriptStemmer {
    type Tokenizer<T: Tokenizer> = ScriptStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> ScriptStemmerFilter<T> {
        ScriptStemmerFilter {
            inner,
            sink: self.sink,
            cache: HashMap::new(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for ScriptStemmerFilter<T> {
    type TokenStream<'a> = ScriptStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ScriptStemmerStream {
            tail: self.inner.token_stream(text),
            sink: &self.sink,
            cache: &mut self.cache,
        }
    }
}

impl<S: TokenStream> TokenStream for ScriptStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stemmed) = self.cache.get(&token.text) {
            token.text.clone_from(stemmed);
            return true;
        }
        let stemmed = stem(&token.text).into_owned();
        if let Some(sink) = self.sink {
            if let Ok(mut forms) = sink.lock() {
                forms.insert(token.text.clone(), stemmed.clone());
            }
        }
        if self.cache.len() >= STEM_CACHE_LIMIT {
            self.cache.clear();
        }
        self.cache
            .insert(std::mem::replace(&mut token.text, stemmed.clone()), stemmed);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyze(text: &str) -> Vec<String> {
        let mut analyzer = analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    #[test]
    fn inflections_share_a_stem() {
        let stems = analyze("Наставничество наставничеству наставничества");
        assert_eq!(stems, vec!["наставничеств"; 3]);
        assert_eq!(analyze("наставников Наставники"), vec!["наставник"; 2]);
    }

    #[test]
    fn yo_is_folded_and_stop_words_removed() {
        assert_eq!(surface_forms("Ещё всё это учёт и в"), vec!["учет"]);
        assert_eq!(analyze("учёт"), analyze("учет"));
    }

    #[test]
    fn hyphens_split_and_stress_marks_vanish() {
        assert_eq!(
            surface_forms("научно-методический мастер-класс"),
            vec!["научно", "методический", "мастер", "класс"]
        );
        assert_eq!(
            surface_forms("зна\u{301}ние пере\u{AD}нос"),
            vec!["знание", "перенос"]
        );
    }

    #[test]
    fn latin_tokens_use_the_english_stemmer() {
        assert_eq!(
            analyze("Teachers teaching STEM"),
            vec!["teacher", "teach", "stem"]
        );
        // A Cyrillic word is left to the Russian stemmer, digits untouched.
        assert_eq!(analyze("2024 уроки"), vec!["2024", "урок"]);
    }

    #[test]
    fn offsets_cover_the_original_text() {
        let text = "«Шаг вперёд»: пере\u{AD}нос";
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut spans = Vec::new();
        while let Some(token) = stream.next() {
            spans.push(&text[token.offset_from..token.offset_to]);
        }
        assert_eq!(spans, vec!["Шаг", "вперёд", "пере\u{AD}нос"]);
    }

    #[test]
    fn recording_analyzer_reports_each_form_once() {
        let sink = FormSink::default();
        let mut analyzer = recording_analyzer(sink.clone());
        for text in ["Уроки и урок", "уроки, уроков"] {
            let mut stream = analyzer.token_stream(text);
            while stream.next().is_some() {}
        }
        let forms = sink.lock().unwrap().clone();
        assert_eq!(forms.len(), 3);
        assert_eq!(forms["уроков"], "урок");
    }

    #[test]
    fn lowercase_matches_the_standard_library() {
        let text = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ ABCXYZ ÄÖÜ ΣΑΣ İ Ǆ Ⅻ";
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut ours = Vec::new();
        while let Some(token) = stream.next() {
            ours.push(token.text.clone());
        }
        let std: Vec<String> = text
            .split(' ')
            .map(|w| w.chars().flat_map(char::to_lowercase).collect())
            .collect();
        assert_eq!(ours, std);
    }

    #[test]
    fn long_junk_is_dropped() {
        let junk = "а".repeat(MAX_WORD_CHARS + 1);
        assert!(surface_forms(&format!("урок {junk}")) == vec!["урок"]);
    }
}
