//! Indicator targets and actuals in Russian wording («не менее 5 % (в т. ч. 1,5 %)»):
//! parsed or refused with a message, never a panic; the raw text is always kept.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &str| {
    if let Ok(t) = metodist::indicator::parse_target(raw) {
        assert_eq!(t.raw, raw);
    }
    if let Ok(a) = metodist::indicator::parse_actual(raw) {
        assert_eq!(a.raw, raw);
    }
});
