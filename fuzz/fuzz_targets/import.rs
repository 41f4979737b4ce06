//! `metodist import` on arbitrary bytes (text exports and .docx archives): a page or an
//! error, never a panic. Run: `cd fuzz && cargo +nightly fuzz run import -- -max_total_time=300`
//! (seed the corpus with `../tests/fixtures/import/*` for .docx coverage).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let reg = metodist::model::Registries::default();
    let opts = metodist::import::ImportOptions::default();
    let _ = metodist::import::import(data, "fuzz.txt", &opts, &reg);
});
