//! The readings of a typed URL a consumer might make: as typed, with HTML character
//! references decoded (as if pasted into an attribute unescaped), with percent escapes
//! decoded, and combinations of these, a bounded number of times.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// At most this many readings: enough for an entity inside a percent escape inside an
/// entity, and a bound on the work whatever the input.
const MAX_READINGS: usize = 12;

/// `raw` and its decoded forms, without repeats, `raw` first.
pub fn readings(raw: &str) -> Vec<String> {
    let mut out = vec![raw.to_string()];
    let mut i = 0;
    while i < out.len() && out.len() < MAX_READINGS {
        let from = out[i].clone();
        for next in [html_attribute(&from), percent(&from)] {
            if out.len() < MAX_READINGS && !out.contains(&next) {
                out.push(next);
            }
        }
        i += 1;
    }
    out
}

fn percent(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// What an HTML parser makes of `s` as the value of a quoted attribute: character
/// references decoded by html5ever's tokenizer, the rules a browser follows.
fn html_attribute(s: &str) -> String {
    // A quote would end the attribute; it cannot be part of a scheme anyway.
    let html = format!("<a href=\"{}\">", s.replace('"', "&quot;"));
    let sink = AttrSink::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(&html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let value = tokenizer.sink.value.borrow_mut().take();
    value.unwrap_or_else(|| s.to_string())
}

/// Keeps the value of the first attribute of the first start tag.
#[derive(Default)]
struct AttrSink {
    value: RefCell<Option<String>>,
}

impl TokenSink for AttrSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let TagToken(Tag { attrs, .. }) = token {
            let mut value = self.value.borrow_mut();
            if value.is_none() {
                *value = attrs.first().map(|a| a.value.to_string());
            }
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_decoded_as_a_browser_does() {
        assert_eq!(html_attribute("&#106;avascript:"), "javascript:");
        assert_eq!(html_attribute("&#x6A&#x61va"), "java");
        assert_eq!(html_attribute("javascript&colon;x"), "javascript:x");
        assert_eq!(html_attribute("a&Tab;b"), "a\tb");
        assert_eq!(html_attribute("say \"hi\""), "say \"hi\"");
        assert_eq!(html_attribute("plan.pdf?a=1&b=2"), "plan.pdf?a=1&b=2");
    }

    #[test]
    fn readings_nest_and_stay_bounded() {
        let r = readings("&amp;#106;avascript%253A");
        assert!(r.iter().any(|s| s == "javascript%3A"), "{r:?}");
        assert!(readings(&"%25".repeat(50)).len() <= MAX_READINGS);
        assert_eq!(readings("https://example.org/"), ["https://example.org/"]);
    }
}
