//! `qlik_events::stream::events` (single event, JSON array or NDJSON) on
//! arbitrary bytes.
//!
//! Checked on every input: no panic; records are numbered 1, 2, 3, ...;
//! record lines are non-decreasing and inside the input; error positions are
//! inside the input, on or after the line where their record starts (on it,
//! for NDJSON); the iterator is fused and its `size_hint` holds; a single
//! event reads exactly as `from_slice` reads it, and an NDJSON line as
//! `from_slice` reads that line; every event read survives a round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qlik_events::stream::{self, Shape};
use qlik_events_fuzz::{check_position, check_round_trip, line_count};

fuzz_target!(|data: &[u8]| {
    let shape = stream::detect(data);
    let mut events = stream::events(data);
    assert_eq!(events.shape(), shape);
    let lines = line_count(data);
    let ndjson_lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();

    let mut expected_index = 0;
    let mut last_line = 0;
    loop {
        let (low, high) = events.size_hint();
        let Some(record) = events.next() else {
            assert_eq!(low, 0, "size_hint promised more records");
            break;
        };
        if let Some(high) = high {
            assert!(high >= 1, "size_hint said no more records");
        }
        expected_index += 1;
        assert_eq!(
            record.index, expected_index,
            "record indices must be 1, 2, 3, ..."
        );
        assert!(
            (1..=lines).contains(&record.line),
            "record line {} outside the input's {lines} lines",
            record.line
        );
        assert!(record.line >= last_line, "record lines go backwards");
        last_line = record.line;

        match &record.result {
            Ok(event) => check_round_trip(event),
            Err(err) => {
                check_position(data, err);
                let _ = err.to_string();
                if let Some(line) = err.line() {
                    assert!(
                        line >= record.line,
                        "error at line {line} before its record's line {}",
                        record.line
                    );
                    if shape == Shape::Ndjson {
                        assert_eq!(line, record.line, "an NDJSON error leaves its line");
                    }
                }
            }
        }

        match shape {
            Shape::Single => {
                assert_eq!(record.index, 1, "a single event gives one record");
                assert_eq!(record.result, qlik_events::from_slice(data));
            }
            Shape::Ndjson => {
                // The same line read alone: same event, or same error but for
                // its position.
                let raw = ndjson_lines
                    .get(record.line - 1)
                    .copied()
                    .unwrap_or_default();
                let content = raw.strip_suffix(b"\r").unwrap_or(raw);
                match (&record.result, qlik_events::from_slice(content)) {
                    (Ok(a), Ok(b)) => assert_eq!(a, &b),
                    (Err(a), Err(b)) => {
                        assert_eq!(a.kind(), b.kind());
                        assert_eq!(a.path(), b.path());
                        assert_eq!(a.message(), b.message());
                        assert_eq!(
                            a.column(),
                            b.column(),
                            "NDJSON column differs from the line's own"
                        );
                    }
                    (a, b) => panic!("NDJSON record {a:?} but the line alone gives {b:?}"),
                }
            }
            _ => {}
        }
    }
    // Fused.
    assert!(events.next().is_none());
    assert!(events.next().is_none());
    if shape == Shape::Single {
        assert_eq!(expected_index, 1);
    }
});
