//! The crate's JSON reader against serde_json's tokenizer on arbitrary
//! bytes: it accepts only well-formed JSON, fails wherever serde_json does
//! (at that place or before), and reports shared syntax errors at the same
//! line and column. See `check_against_serde_json`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    qlik_events_fuzz::check_against_serde_json(data);
});
