//! The Audits API readers on arbitrary bytes: `AuditPage`, `AuditArchive`,
//! `AuditEvent` and the per-item reader `audit::items`.
//!
//! Checked on every input: no panic; error positions inside the input; every
//! item the per-item reader accepts converts to a `QlikEvent` or fails with
//! an error (never a panic), and an event it converts to survives a round
//! trip; when the whole page parses, the per-item reader accepts the same
//! items.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qlik_events::audit::{self, AuditArchive, AuditEvent, AuditPage};
use qlik_events_fuzz::{check_position, check_round_trip};

fuzz_target!(|data: &[u8]| {
    let page = AuditPage::from_slice(data);
    if let Err(err) = &page {
        check_position(data, err);
    }
    if let Err(err) = AuditArchive::from_slice(data) {
        check_position(data, &err);
    }
    match AuditEvent::from_slice(data) {
        Ok(item) => {
            if let Ok(event) = item.to_event() {
                check_round_trip(&event);
            }
        }
        Err(err) => check_position(data, &err),
    }
    if let Ok(items) = audit::items(data) {
        let mut accepted = Vec::new();
        for item in items {
            match item {
                Ok(item) => {
                    if let Ok(event) = item.to_event() {
                        check_round_trip(&event);
                    }
                    accepted.push(item);
                }
                Err(err) => check_position(data, &err),
            }
        }
        if let Ok(page) = page {
            assert_eq!(page.data, accepted, "items() disagrees with AuditPage");
        }
    }
});
