//! The «ru» analyzer: the only text pipeline of metodist's search.
//!
//! Input: any text. Output: tokens in this order of stages:
//! 1. [`WordTokenizer`]: a token is a maximal run of alphanumeric characters
//!    (Rust's `char::is_alphanumeric`, i.e. Unicode Alphabetic or Numeric).
//!    Hyphens split (`научно-методический` → `научно`, `методический`):
//!    the halves are the words people search for. The soft hyphen and the
//!    combining stress marks that Word pastes into Russian text are dropped
//!    inside a word instead of splitting it.
//! 2. per-character lowercase (tantivy's [`LowerCaser`]);
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

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{
    LowerCaser, StopWordFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

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

/// Characters removed inside a word instead of splitting it: the soft hyphen
/// and the combining grave/acute accents used to mark stress.
pub fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{0300}' | '\u{0301}')
}

/// Registers the «ru» analyzer on `index`. Call it after every create *and*
/// every open: tantivy does not persist custom analyzers, and an index
/// reopened without it silently analyzes text differently (tantivy#2078).
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(ANALYZER, analyzer());
}

/// The full «ru» analyzer (stages 1–6).
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(LowerCaser)
        .filter(YoFolder)
        .filter(WordLengthLimit)
        .filter(stop_word_filter())
        .filter(ScriptStemmer)
        .build()
}

/// Stages 1–5 only: yields surface forms, the keys of the export's form map.
pub fn forms_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(LowerCaser)
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
    let mut analyzer = forms_analyzer();
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

/// Stage 1: splits text into alphanumeric runs (see the module docs).
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// Token stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    offset: usize,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            offset: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        let rest = &self.text[self.offset..];
        // Find the first alphanumeric char; ignorables alone never start a word.
        let Some(start_rel) = rest.find(|c: char| c.is_alphanumeric()) else {
            self.offset = self.text.len();
            return false;
        };
        let start = self.offset + start_rel;
        let mut end = self.text.len();
        for (i, c) in self.text[start..].char_indices() {
            if c.is_alphanumeric() {
                self.token.text.push(c);
            } else if !is_ignorable(c) {
                end = start + i;
                break;
            }
        }
        self.offset = end;
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
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
    |token| token.text.chars().count() <= MAX_WORD_CHARS
);

token_filter!(
    /// Stage 6: stems by script (Russian for Cyrillic, English for Latin).
    ScriptStemmer,
    ScriptStemmerFilter,
    ScriptStemmerStream,
    |token| {
        if let Cow::Owned(stemmed) = stem(&token.text) {
            token.text = stemmed;
        }
        true
    }
);

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
    fn long_junk_is_dropped() {
        let junk = "а".repeat(MAX_WORD_CHARS + 1);
        assert!(surface_forms(&format!("урок {junk}")) == vec!["урок"]);
    }
}
