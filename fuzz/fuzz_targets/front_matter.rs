//! Front matter: splitting a file into YAML/TOML front matter and body, then reading the
//! front matter into typed structs. Any text must give a value or diagnostics, never a
//! panic, and diagnostics must point inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use metodist::parse::frontmatter::{parse_front_matter, split};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Parsing receives text as loading leaves it.
    let text = &metodist::load::normalize_newlines(text.to_string());
    let lines = text.split('\n').count();
    if let Ok(Some(s)) = split(text) {
        if let Err(errors) = parse_front_matter(Path::new("content/fuzz.md"), &s) {
            assert!(!errors.is_empty());
            for d in errors {
                if let Some(p) = d.pos {
                    assert!(p.line >= 1 && p.line <= lines + 1, "{d}");
                }
            }
        }
    }
});
