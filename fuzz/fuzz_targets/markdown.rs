//! Markdown to sanitized HTML (pulldown-cmark, syntect, the nesting cap, ammonia): never a
//! panic or a stack overflow, and never a script in the output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use metodist::markdown::{render, Resolved};

fuzz_target!(|body: &str| {
    let resolve = |dest: &str| {
        if dest.ends_with(".md") {
            Resolved::Href("../page/index.html".into())
        } else {
            Resolved::Keep
        }
    };
    let r = render(body, &resolve);
    assert!(
        !r.html.to_ascii_lowercase().contains("<script"),
        "{}",
        r.html
    );
});
