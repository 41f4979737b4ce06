//! Stage 1 (and 2) of the «ru» analyzer: words as maximal runs of
//! alphanumeric characters, lowercased in the same pass. See `mod.rs`.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// `char::is_alphanumeric`, with a fast path for ASCII and the Russian
/// alphabet (the general check is a slow table lookup for Cyrillic).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{0410}'..='\u{044F}').contains(&c)
        || c == 'ё'
        || c == 'Ё'
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// Stage 2, done while tokenizing: per-character lowercase, exactly
/// `char::to_lowercase` (as tantivy's `LowerCaser`), without its per-token
/// buffer copy; Russian and ASCII letters take a shortcut.
fn push_lowercase(out: &mut String, c: char) {
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        // А..Я map to а..я by a fixed offset.
        '\u{0410}'..='\u{042F}' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        'Ё' => out.push('ё'),
        '\u{0430}'..='\u{044F}' | 'ё' => out.push(c),
        _ if c.is_ascii() => out.push(c),
        _ => out.extend(c.to_lowercase()),
    }
}

/// Characters removed inside a word instead of splitting it: the soft hyphen
/// and the combining grave/acute accents used to mark stress.
pub fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{0300}' | '\u{0301}')
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
        let Some(start_rel) = rest.find(is_word_char) else {
            self.offset = self.text.len();
            return false;
        };
        let start = self.offset + start_rel;
        let mut end = self.text.len();
        for (i, c) in self.text[start..].char_indices() {
            if is_word_char(c) {
                push_lowercase(&mut self.token.text, c);
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
