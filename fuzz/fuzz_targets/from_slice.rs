//! `qlik_events::from_slice` on arbitrary bytes.
//!
//! Finds panics, and checks on every input: `from_str` agrees with
//! `from_slice`; an event that parses survives writing and re-reading
//! unchanged (and writes the same bytes again); the typed entry point
//! `Event::<T>::from_slice` agrees; errors point inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = qlik_events_fuzz::check_from_slice(data);
});
