//! `qlik_events::stream`: shape detection and reading several events.

mod common;

use qlik_events::stream::{self, Record, Shape};
use qlik_events::{ErrorKind, EventType, QlikEvent};

const LEASE_CREATED: &str = include_str!("fixtures/com.qlik.v1.license.lease.created.json");
const QUOTA_CONSUMED: &str = include_str!("fixtures/com.qlik.v1.app-usage.quota.consumed.json");
const TENANT_ASSOCIATED: &str = include_str!("fixtures/com.qlik.v1.license.tenant.associated.json");

/// A fixture on one line.
fn compact(fixture: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(fixture).unwrap();
    serde_json::to_string(&value).unwrap()
}

/// The 1-based line and column (in bytes) of the last byte of the first
/// occurrence of `needle` in `input`: where `serde_json` reports an error
/// found on reading that text.
fn end_of(input: &str, needle: &str) -> (usize, usize) {
    let start = input
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in input"));
    let last = start + needle.len() - 1;
    let before = &input[..last];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, last - line_start + 1)
}

fn ok(record: &Record) -> &QlikEvent {
    match &record.result {
        Ok(event) => event,
        Err(err) => panic!("record {} failed: {err}", record.index),
    }
}

fn err(record: &Record) -> &qlik_events::Error {
    match &record.result {
        Ok(event) => panic!("record {} parsed: {event:?}", record.index),
        Err(err) => err,
    }
}

fn position(err: &qlik_events::Error) -> (usize, usize) {
    (err.line().unwrap(), err.column().unwrap())
}

/// (index, line) of every record.
fn places(records: &[Record]) -> Vec<(usize, usize)> {
    records.iter().map(|r| (r.index, r.line)).collect()
}

#[test]
fn detects_every_shape() {
    let lease = compact(LEASE_CREATED);
    let quota = compact(QUOTA_CONSUMED);

    assert_eq!(stream::detect(lease.as_bytes()), Shape::Single);
    // Pretty-printed over many lines, with a trailing newline.
    assert_eq!(stream::detect(LEASE_CREATED.as_bytes()), Shape::Single);
    assert_eq!(stream::detect(QUOTA_CONSUMED.as_bytes()), Shape::Single);
    assert_eq!(
        stream::detect(format!("\n\n  {LEASE_CREATED}\n\n").as_bytes()),
        Shape::Single
    );

    assert_eq!(
        stream::detect(format!("[{lease},{quota}]").as_bytes()),
        Shape::Array
    );
    assert_eq!(
        stream::detect(format!(" \r\n\t[\n{LEASE_CREATED}]").as_bytes()),
        Shape::Array
    );
    assert_eq!(stream::detect(b"[]"), Shape::Array);
    // Even when malformed: the array's error is reported.
    assert_eq!(stream::detect(b"[{"), Shape::Array);

    assert_eq!(
        stream::detect(format!("{lease}\n{quota}\n").as_bytes()),
        Shape::Ndjson
    );
    assert_eq!(
        stream::detect(format!("{lease}\r\n\r\n{quota}").as_bytes()),
        Shape::Ndjson
    );
    // A good first value followed by a bad line is NDJSON too.
    assert_eq!(
        stream::detect(format!("{lease}\nnot json\n").as_bytes()),
        Shape::Ndjson
    );

    // A first value that is not JSON: one value with an error.
    assert_eq!(stream::detect(b"not json\n{}\n"), Shape::Single);
    assert_eq!(stream::detect(b"\xff\xfe\x00\x01"), Shape::Single);
    assert_eq!(stream::detect(b"{\"type\": \"x\""), Shape::Single);

    // Nothing: NDJSON with no lines.
    assert_eq!(stream::detect(b""), Shape::Ndjson);
    assert_eq!(stream::detect(b" \n\r\n\t"), Shape::Ndjson);
}

#[test]
fn shape_names() {
    assert_eq!(Shape::Single.to_string(), "single");
    assert_eq!(Shape::Array.as_str(), "array");
    assert_eq!(Shape::Ndjson.as_str(), "ndjson");
}

#[test]
fn single_pretty_printed_event() {
    let input = format!("\n\n{LEASE_CREATED}");
    let events = stream::events(input.as_bytes());
    assert_eq!(events.shape(), Shape::Single);
    assert_eq!(events.size_hint(), (1, Some(1)));
    let records: Vec<_> = events.collect();
    assert_eq!(places(&records), [(1, 3)]);
    let event = ok(&records[0]);
    assert_eq!(event, &qlik_events::from_str(LEASE_CREATED).unwrap());
    assert_eq!(event.event_type(), EventType::LeaseCreated);
    assert_eq!(event.id(), Some("string"));
}

#[test]
fn single_invalid_event() {
    let input = "{\n  \"id\": \"e1\",\n  \"type\": 7\n}\n";
    let records: Vec<_> = stream::events(input.as_bytes()).collect();
    assert_eq!(places(&records), [(1, 1)]);
    let err = err(&records[0]);
    assert_eq!(err.kind(), ErrorKind::InvalidType);
    assert_eq!(err.path(), "type");
    assert_eq!(position(err), end_of(input, "7"));
}

#[test]
fn array_with_an_invalid_element_in_the_middle() {
    let quota = compact(QUOTA_CONSUMED);
    // The bad element shares its line with a good one, so that its column
    // must be shifted too; the last one has `data` before `type`, so that its
    // error is found after `type` is read.
    let lease = LEASE_CREATED.trim_end();
    let input = format!(
        "[\n{lease},\n  {{\"id\": \"u1\", \"type\": \"com.example.v1.unknown.type\"}}, \
         {{\"id\": \"bad-1\", \"type\": \"com.qlik.v1.license.lease.deleted\",\n    \
         \"data\": {{\"name\": \"n\", \"size\": \"four\"}}}},\n  {quota},\n  \
         {{\"data\": {{\"unit\": \"bit\"}}, \"type\": \"com.qlik.v1.app-usage.quota.consumed\", \
         \"tenantid\": \"t\"}}\n]\n"
    );
    let events = stream::events(input.as_bytes());
    assert_eq!(events.shape(), Shape::Array);
    assert_eq!(events.size_hint(), (5, Some(5)));
    let records: Vec<_> = events.collect();
    let lease_lines = LEASE_CREATED.lines().count();
    let bad_line = 2 + lease_lines;
    assert_eq!(
        places(&records),
        [
            (1, 2),
            (2, bad_line),
            (3, bad_line),
            (4, bad_line + 2),
            (5, bad_line + 3),
        ]
    );

    assert_eq!(
        ok(&records[0]),
        &qlik_events::from_str(LEASE_CREATED).unwrap()
    );
    let unknown = ok(&records[1]);
    assert!(!unknown.is_known());
    assert_eq!(unknown.id(), Some("u1"));

    let bad = err(&records[2]);
    assert_eq!(bad.kind(), ErrorKind::InvalidType);
    assert_eq!(bad.event_type(), Some("com.qlik.v1.license.lease.deleted"));
    assert_eq!(bad.path(), "data.size");
    assert_eq!(position(bad), end_of(&input, "\"four\""));
    assert_eq!((bad.line(), bad.column()), (Some(bad_line + 1), Some(40)));

    assert_eq!(ok(&records[3]).event_type(), EventType::QuotaConsumed);
    assert_eq!(ok(&records[3]).id(), Some("id123"));

    let late = err(&records[4]);
    assert_eq!(late.kind(), ErrorKind::InvalidValue);
    assert_eq!(late.path(), "data.unit");
    assert_eq!(position(late), end_of(&input, "\"bit\""));
}

#[test]
fn array_elements_that_are_not_objects() {
    let input = b"[1, {\"type\": \"x\"}, null]";
    let records: Vec<_> = stream::events(input).collect();
    assert_eq!(places(&records), [(1, 1), (2, 1), (3, 1)]);
    assert_eq!(err(&records[0]).kind(), ErrorKind::InvalidType);
    assert_eq!(position(err(&records[0])), (1, 2));
    assert_eq!(ok(&records[1]).event_type(), EventType::from("x"));
    assert_eq!(err(&records[2]).kind(), ErrorKind::InvalidType);
    assert_eq!(position(err(&records[2])), (1, 23));
}

#[test]
fn malformed_array_is_one_error() {
    let input = "\n[{\"type\": \"x\"},\n {\"type\": ";
    let records: Vec<_> = stream::events(input.as_bytes()).collect();
    assert_eq!(places(&records), [(1, 2)]);
    let e = err(&records[0]);
    assert_eq!(e.kind(), ErrorKind::Eof);
    assert_eq!(e.line(), Some(3));

    let records: Vec<_> = stream::events(b"[{\"type\": \"x\"}] [").collect();
    assert_eq!(places(&records), [(1, 1)]);
    assert_eq!(err(&records[0]).kind(), ErrorKind::Syntax);
    assert_eq!(position(err(&records[0])), (1, 17));

    assert_eq!(stream::events(b" [ ] ").count(), 0);
}

#[test]
fn ndjson_with_invalid_and_blank_lines() {
    let lease = compact(LEASE_CREATED);
    let quota = compact(QUOTA_CONSUMED);
    let tenant = compact(TENANT_ASSOCIATED);
    let bad = r#"{"id":"bad-1","type":"com.qlik.v1.license.lease.deleted","data":{"name":"n","size":"4"}}"#;
    let input = format!(
        "\n{lease}\n\n{bad}\n{quota}\n   \t\nnot json\n{{\"id\":\"u1\",\"type\":\"com.example.v1.unknown.type\"}}\n{tenant}"
    );
    let events = stream::events(input.as_bytes());
    assert_eq!(events.shape(), Shape::Ndjson);
    let records: Vec<_> = events.collect();
    assert_eq!(
        places(&records),
        [(1, 2), (2, 4), (3, 5), (4, 7), (5, 8), (6, 9)]
    );

    assert_eq!(
        ok(&records[0]),
        &qlik_events::from_str(LEASE_CREATED).unwrap()
    );

    let e = err(&records[1]);
    assert_eq!(e.kind(), ErrorKind::InvalidType);
    assert_eq!(e.path(), "data.size");
    assert_eq!(position(e), (4, 86));
    assert_eq!(position(e), end_of(&input, "\"4\""));

    assert_eq!(
        ok(&records[2]),
        &qlik_events::from_str(QUOTA_CONSUMED).unwrap()
    );

    let e = err(&records[3]);
    assert_eq!(e.kind(), ErrorKind::Syntax);
    assert_eq!(e.path(), "");
    assert_eq!(position(e), (7, 2));

    assert_eq!(ok(&records[4]).id(), Some("u1"));
    assert!(!ok(&records[4]).is_known());
    assert_eq!(
        ok(&records[5]),
        &qlik_events::from_str(TENANT_ASSOCIATED).unwrap()
    );
}

#[test]
fn ndjson_with_crlf_line_ends() {
    let lease = compact(LEASE_CREATED);
    let input = format!(
        "{lease}\r\n\r\n{{\"type\": \"com.qlik.v1.license.lease.created\", \"id\": 5}}\r\n{lease}\r\n"
    );
    let records: Vec<_> = stream::events(input.as_bytes()).collect();
    assert_eq!(places(&records), [(1, 1), (2, 3), (3, 4)]);
    assert_eq!(ok(&records[0]).event_type(), EventType::LeaseCreated);
    let e = err(&records[1]);
    assert_eq!(e.kind(), ErrorKind::InvalidType);
    assert_eq!(e.path(), "id");
    assert_eq!(position(e), (3, 53));
    assert_eq!(position(e), end_of(&input, "\"id\": 5"));
    assert_eq!(ok(&records[2]), ok(&records[0]));
}

#[test]
fn empty_input_has_no_events() {
    for input in [&b""[..], b"\n", b"  \r\n\t\n"] {
        let mut events = stream::events(input);
        assert_eq!(events.shape(), Shape::Ndjson);
        assert!(events.next().is_none());
        assert!(events.next().is_none());
    }
}

#[test]
fn garbage_is_one_error() {
    let records: Vec<_> = stream::events(b"\xff\xfe\x00garbage\n\x80\x81").collect();
    assert_eq!(places(&records), [(1, 1)]);
    let e = err(&records[0]);
    assert_eq!(e.kind(), ErrorKind::Syntax);
    assert_eq!(position(e), (1, 1));
}

#[test]
fn invalid_utf8_in_one_line() {
    let lease = compact(LEASE_CREATED);
    let mut input = format!("{lease}\n").into_bytes();
    input.extend_from_slice(b"{\"type\": \"x\", \"id\": \"\xff\"}\n");
    input.extend_from_slice(format!("{lease}\n").as_bytes());
    let records: Vec<_> = stream::events(&input).collect();
    assert_eq!(places(&records), [(1, 1), (2, 2), (3, 3)]);
    assert_eq!(err(&records[1]).kind(), ErrorKind::Syntax);
    assert_eq!(err(&records[1]).line(), Some(2));
    assert_eq!(ok(&records[2]).event_type(), EventType::LeaseCreated);
}

#[test]
fn every_prefix_of_an_array_reads() {
    let input = format!("[{LEASE_CREATED},{QUOTA_CONSUMED}]");
    let end = input.rfind(']').unwrap();
    for len in 1..end {
        let records: Vec<_> = stream::events(&input.as_bytes()[..len]).collect();
        assert_eq!(records.len(), 1, "prefix of {len} bytes");
        assert_eq!(err(&records[0]).kind(), ErrorKind::Eof, "prefix of {len}");
    }
    assert_eq!(stream::events(input.as_bytes()).count(), 2);
}

#[test]
fn every_prefix_of_ndjson_reads() {
    let input = format!(
        "{}\n\n{}\r\n{{\"type\":\"x\"}}\n",
        compact(LEASE_CREATED),
        compact(QUOTA_CONSUMED)
    );
    for len in 0..=input.len() {
        let prefix = &input.as_bytes()[..len];
        let lines = prefix
            .split(|&b| b == b'\n')
            .filter(|line| line.iter().any(|b| !b.is_ascii_whitespace()))
            .count();
        let records: Vec<_> = stream::events(prefix).collect();
        assert_eq!(records.len(), lines, "prefix of {len} bytes");
        let indices: Vec<_> = records.iter().map(|r| r.index).collect();
        assert_eq!(indices, (1..=lines).collect::<Vec<_>>());
    }
}

#[test]
fn many_invalid_events_keep_their_positions() {
    // Errors on ever later lines (NDJSON), and in an array with several
    // elements per line.
    let bad = r#"{"type": "com.qlik.v1.license.lease.deleted", "data": {"size": "x"}}"#;
    let column = bad.find(r#""x""#).unwrap() + 3;
    let mut input = String::new();
    for i in 0..600 {
        match i % 3 {
            0 => input.push_str(bad),
            1 => input.push_str(r#"{"type": "x"}"#),
            _ => {}
        }
        input.push_str(if i % 2 == 0 { "\n" } else { "\r\n" });
    }
    let records: Vec<_> = stream::events(input.as_bytes()).collect();
    assert_eq!(records.len(), 400);
    for (i, record) in records.iter().enumerate() {
        assert_eq!(record.index, i + 1);
        // Two records in every three lines.
        assert_eq!(record.line, i / 2 * 3 + i % 2 + 1);
        if i % 2 == 0 {
            let e = err(record);
            assert_eq!(e.path(), "data.size");
            assert_eq!(position(e), (record.line, column), "record {}", i + 1);
        } else {
            assert_eq!(ok(record).event_type(), EventType::from("x"));
        }
    }

    let row = format!("{bad}, {bad}, ");
    let input = format!("[\n{}{bad}\n]", format!("{row}\n").repeat(100));
    let records: Vec<_> = stream::events(input.as_bytes()).collect();
    assert_eq!(records.len(), 201);
    for (i, record) in records.iter().enumerate() {
        let e = err(record);
        assert_eq!(record.line, i / 2 + 2);
        let expected = column + if i % 2 == 1 { bad.len() + 2 } else { 0 };
        assert_eq!(position(e), (record.line, expected), "record {}", i + 1);
    }
}

// ---------------------------------------------------------------------------
// CloudEvents JSON batches (`application/cloudevents-batch+json`).

#[test]
fn cloudevents_batch_of_every_fixture() {
    // Every published example, in file-name order, as text.
    let files = common::fixture_files();
    let fixtures: Vec<String> = files
        .iter()
        .map(|(_, body)| String::from_utf8(body.clone()).unwrap())
        .collect();
    let n = fixtures.len();
    assert_eq!(n, EventType::KNOWN.len());
    // Pretty-printed elements, as a batch body would be written by hand...
    let pretty = format!("[{}]", fixtures.join(","));
    // ... and compact, as a sender would write it.
    let compacted: Vec<String> = fixtures.iter().map(|f| compact(f)).collect();
    let compact_batch = format!("[{}]", compacted.join(","));
    for batch in [pretty, compact_batch] {
        let events = stream::events(batch.as_bytes());
        assert_eq!(events.shape(), Shape::Array);
        assert_eq!(events.size_hint(), (n, Some(n)));
        let records: Vec<_> = events.collect();
        assert_eq!(records.len(), n);
        for (i, (record, fixture)) in records.iter().zip(&fixtures).enumerate() {
            assert_eq!(record.index, i + 1);
            assert_eq!(ok(record), &qlik_events::from_str(fixture).unwrap());
        }
        let types: Vec<_> = records.iter().map(|r| ok(r).event_type()).collect();
        let expected: Vec<_> = files
            .iter()
            .map(|(name, _)| EventType::from(name.as_str()))
            .collect();
        assert_eq!(types, expected);
        assert!(types.iter().all(EventType::is_known));
    }
}

#[test]
fn cloudevents_batch_data_file() {
    let input = std::fs::read("tests/data/array.json").unwrap();
    let records: Vec<_> = stream::events(&input).collect();
    assert_eq!(places(&records), [(1, 2), (2, 22), (3, 29)]);
    assert_eq!(ok(&records[0]).event_type(), EventType::AssignmentDeleted);
    let e = err(&records[1]);
    assert_eq!(e.kind(), ErrorKind::MissingField);
    // (`data.type` is optional since the vendor's 2026 pages.)
    assert_eq!(e.path(), "data.origin");
    assert_eq!(position(e), (27, 5));
    // What was read before the failure is kept.
    assert_eq!(e.id(), Some("bad-2"));
    assert_eq!(ok(&records[2]).event_type(), EventType::DefinitionUpdated);
}

#[test]
fn empty_cloudevents_batch() {
    for input in [&b"[]"[..], b" [ \r\n ] \n"] {
        let mut events = stream::events(input);
        assert_eq!(events.shape(), Shape::Array);
        assert!(events.next().is_none());
    }
}

// ---------------------------------------------------------------------------
// `NdjsonReader`: NDJSON from any `BufRead`.

use std::io::{self, BufRead, BufReader, Read};

const CRLF: &str = "tests/data/crlf.ndjson";
const MIXED: &str = "tests/data/mixed.ndjson";

/// Hands out its input a few bytes at a time (1 to 7, in turn), so that
/// lines are split across reads.
struct Trickle<'a> {
    input: &'a [u8],
    calls: usize,
}

impl<'a> Trickle<'a> {
    fn new(input: &'a [u8]) -> Self {
        Trickle { input, calls: 0 }
    }
}

impl Read for Trickle<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        self.calls += 1;
        let n = (self.calls % 7 + 1).min(out.len()).min(self.input.len());
        out[..n].copy_from_slice(&self.input[..n]);
        self.input = &self.input[n..];
        Ok(n)
    }
}

/// Every record of `input` read by an `NdjsonReader` through `reader`.
fn read_all(reader: impl BufRead) -> Vec<Record> {
    stream::read_ndjson(reader).collect()
}

/// The records of `input` read three ways: from the slice itself (lines
/// parsed in place), through a small `BufReader` over a `Trickle` (lines
/// copied piece by piece), and with `events`. All must agree.
fn read_three_ways(input: &[u8]) -> Vec<Record> {
    let direct = read_all(input);
    let trickled = read_all(BufReader::with_capacity(5, Trickle::new(input)));
    assert_eq!(direct, trickled);
    if stream::detect(input) == Shape::Ndjson {
        assert_eq!(direct, stream::events(input).collect::<Vec<_>>());
    }
    direct
}

#[test]
fn ndjson_reader_on_a_file_with_invalid_lines() {
    let file = std::fs::File::open(MIXED).unwrap();
    let records = read_all(BufReader::new(file));
    assert_eq!(
        places(&records),
        [(1, 1), (2, 3), (3, 4), (4, 6), (5, 7), (6, 8)]
    );
    assert_eq!(
        ok(&records[0]),
        &qlik_events::from_str(LEASE_CREATED).unwrap()
    );
    let e = err(&records[1]);
    assert_eq!(e.kind(), ErrorKind::InvalidType);
    assert_eq!(e.event_type(), Some("com.qlik.v1.license.lease.deleted"));
    assert_eq!(e.path(), "data.size");
    assert_eq!(position(e), (3, 86));
    assert_eq!(
        ok(&records[2]),
        &qlik_events::from_str(QUOTA_CONSUMED).unwrap()
    );
    let e = err(&records[3]);
    assert_eq!(e.kind(), ErrorKind::Syntax);
    assert_eq!(position(e), (6, 2));
    assert_eq!(ok(&records[4]).id(), Some("u-1"));
    assert!(!ok(&records[4]).is_known());
    assert_eq!(
        ok(&records[5]),
        &qlik_events::from_str(TENANT_ASSOCIATED).unwrap()
    );

    // The same records as reading the file into memory.
    let bytes = std::fs::read(MIXED).unwrap();
    assert_eq!(read_three_ways(&bytes), records);
}

#[test]
fn ndjson_reader_on_a_crlf_file_with_blank_lines() {
    let bytes = std::fs::read(CRLF).unwrap();
    let text = std::str::from_utf8(&bytes).unwrap();
    assert_eq!(text.matches("\r\n").count(), 8);
    let records = read_three_ways(&bytes);
    assert_eq!(
        places(&records),
        [(1, 1), (2, 3), (3, 5), (4, 6), (5, 7), (6, 8)]
    );
    assert_eq!(ok(&records[0]).event_type(), EventType::AssignmentDeleted);
    let e = err(&records[1]);
    assert_eq!(e.kind(), ErrorKind::InvalidType);
    assert_eq!(e.path(), "data.leasedQuantity");
    assert_eq!(position(e), (3, 85));
    assert_eq!(position(e), end_of(text, "\"x\""));
    assert_eq!(ok(&records[2]).id(), Some("id123"));
    assert_eq!(
        ok(&records[3]).event_type(),
        EventType::from("com.example.v1.unknown.type")
    );
    let e = err(&records[4]);
    assert_eq!(e.kind(), ErrorKind::InvalidType);
    assert_eq!(e.line(), Some(7));
    assert_eq!(ok(&records[5]).event_type(), EventType::DefinitionUpdated);
    // A `\r` is never part of an event: the last one reads like the fixture.
    assert_eq!(
        ok(&records[5]),
        &qlik_events::from_str(include_str!(
            "fixtures/com.qlik.license.definition.updated.json"
        ))
        .unwrap()
    );
}

#[test]
fn ndjson_reader_blank_lines_and_line_ends() {
    let lease = compact(LEASE_CREATED);
    // Blank lines of every kind, at the start, between and at the end; the
    // last line has no line end.
    let input =
        format!("\n\r\n \t \r\n{lease}\n\n\n{lease}\r\n\t\n\r\n{{\"type\":\"x\",\"id\":\"last\"}}");
    let mut reader = stream::read_ndjson(input.as_bytes());
    let records: Vec<_> = reader.by_ref().collect();
    assert_eq!(places(&records), [(1, 4), (2, 7), (3, 10)]);
    assert_eq!(ok(&records[0]), ok(&records[1]));
    assert_eq!(ok(&records[2]).id(), Some("last"));
    assert_eq!(reader.lines_read(), 10);
    // Fused.
    assert!(reader.next().is_none());
    assert!(reader.next().is_none());
    assert_eq!(read_three_ways(input.as_bytes()), records);

    // Nothing but blank lines, or nothing at all.
    for input in [&b""[..], b"\n", b"\r\n", b" \r\n\t\n   "] {
        let mut reader = stream::read_ndjson(input);
        assert!(reader.next().is_none(), "{input:?}");
        assert!(reader.next().is_none());
        assert_eq!(read_three_ways(input), []);
    }
    let mut reader = stream::read_ndjson(&b" \r\n\t\n   "[..]);
    assert!(reader.next().is_none());
    assert_eq!(reader.lines_read(), 3);

    // A lone `\r` inside a line is not a line end.
    let records = read_three_ways(b"{\"type\":\r\"x\"}\r\n");
    assert_eq!(places(&records), [(1, 1)]);
    assert_eq!(ok(&records[0]).event_type(), EventType::from("x"));
}

#[test]
fn ndjson_reader_error_positions_are_in_the_stream() {
    let bad = r#"{"type": "com.qlik.v1.license.lease.deleted", "data": {"size": "x"}}"#;
    let column = bad.find(r#""x""#).unwrap() + 3;
    let mut input = String::new();
    for i in 0..300 {
        if i % 3 != 2 {
            input.push_str(bad);
        }
        input.push_str(if i % 2 == 0 { "\n" } else { "\r\n" });
    }
    let records = read_three_ways(input.as_bytes());
    assert_eq!(records.len(), 200);
    for (i, record) in records.iter().enumerate() {
        assert_eq!(record.index, i + 1);
        assert_eq!(record.line, i / 2 * 3 + i % 2 + 1);
        let e = err(record);
        assert_eq!(e.path(), "data.size");
        assert_eq!(position(e), (record.line, column));
    }
}

#[test]
fn ndjson_reader_invalid_utf8_line() {
    let lease = compact(LEASE_CREATED);
    let mut input = format!("{lease}\n").into_bytes();
    input.extend_from_slice(b"{\"type\": \"x\", \"id\": \"\xff\"}\r\n\xfe\xff\n");
    input.extend_from_slice(format!("{lease}\n").as_bytes());
    let records = read_three_ways(&input);
    assert_eq!(places(&records), [(1, 1), (2, 2), (3, 3), (4, 4)]);
    assert_eq!(err(&records[1]).kind(), ErrorKind::Syntax);
    assert_eq!(err(&records[1]).line(), Some(2));
    assert_eq!(err(&records[2]).kind(), ErrorKind::Syntax);
    assert_eq!(position(err(&records[2])), (3, 1));
    assert_eq!(ok(&records[3]).event_type(), EventType::LeaseCreated);
}

#[test]
fn every_prefix_reads_like_events() {
    let input = format!(
        "{}\n\n{}\r\n{{\"type\":\"x\"}}\n  \nnot json\r\n",
        compact(LEASE_CREATED),
        compact(QUOTA_CONSUMED)
    );
    for len in 0..=input.len() {
        let prefix = &input.as_bytes()[..len];
        let streamed = read_all(prefix);
        let trickled = read_all(BufReader::with_capacity(3, Trickle::new(prefix)));
        assert_eq!(streamed, trickled, "prefix of {len} bytes");
        if stream::detect(prefix) == Shape::Ndjson {
            let in_memory: Vec<_> = stream::events(prefix).collect();
            assert_eq!(streamed, in_memory, "prefix of {len} bytes");
        }
    }
}

#[test]
fn ndjson_reader_max_record_len() {
    let short = r#"{"type":"x","id":"s"}"#;
    assert_eq!(short.len(), 21);
    let long = format!(r#"{{"type":"x","id":"{}"}}"#, "l".repeat(5000));
    let spaces = " ".repeat(30);
    let input = format!("{short}\n{long}\r\n{short}\r\n{spaces}\n{long}\n{short}\n{long}");
    for trickle in [false, true] {
        let reader: Box<dyn BufRead> = if trickle {
            Box::new(BufReader::with_capacity(16, Trickle::new(input.as_bytes())))
        } else {
            Box::new(input.as_bytes())
        };
        let mut reader = stream::read_ndjson(reader).with_max_record_len(21);
        assert_eq!(reader.max_record_len(), Some(21));
        let records: Vec<_> = reader.by_ref().collect();
        assert_eq!(
            places(&records),
            [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7)],
            "trickle: {trickle}"
        );
        for i in [0, 2, 5] {
            assert_eq!(ok(&records[i]).id(), Some("s"));
        }
        // Over-long lines, whitespace too, are errors without a position.
        for i in [1, 3, 4, 6] {
            let e = err(&records[i]);
            assert_eq!(e.kind(), ErrorKind::InvalidValue);
            assert_eq!(e.path(), "");
            assert_eq!(e.message(), "line longer than the limit of 21 bytes");
            assert_eq!(e.line(), None);
            assert_eq!(e.to_string(), "line longer than the limit of 21 bytes");
        }
        // The over-long lines were never held whole: the buffer holds at
        // most the limit and a `\r`.
        assert!(
            reader.buffer_capacity() <= 2 * 22,
            "capacity {}",
            reader.buffer_capacity()
        );
        assert_eq!(reader.lines_read(), 7);
    }

    // Exactly at the limit, with either line end, or none.
    for input in [
        format!("{short}\n"),
        format!("{short}\r\n"),
        short.to_owned(),
    ] {
        let records: Vec<_> = stream::read_ndjson(input.as_bytes())
            .with_max_record_len(21)
            .collect();
        assert_eq!(places(&records), [(1, 1)]);
        assert_eq!(ok(&records[0]).id(), Some("s"));
        let records: Vec<_> =
            stream::read_ndjson(BufReader::with_capacity(4, Trickle::new(input.as_bytes())))
                .with_max_record_len(21)
                .collect();
        assert_eq!(ok(&records[0]).id(), Some("s"), "{input:?}");
        let records: Vec<_> = stream::read_ndjson(input.as_bytes())
            .with_max_record_len(20)
            .collect();
        assert_eq!(err(&records[0]).kind(), ErrorKind::InvalidValue);
    }

    // No limit by default.
    let reader = stream::read_ndjson(long.as_bytes());
    assert_eq!(reader.max_record_len(), None);
    let records: Vec<_> = reader.collect();
    assert_eq!(ok(&records[0]).id().map(str::len), Some(5000));
}

/// Reads `input` and then fails every call with `error`, or fails once
/// with `Interrupted` before every read when `interrupt` is set.
struct Failing<'a> {
    input: &'a [u8],
    error: Option<io::ErrorKind>,
    interrupt: bool,
    calls: usize,
}

impl Read for Failing<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        self.calls += 1;
        if self.interrupt && self.calls % 2 == 1 {
            return Err(io::Error::new(io::ErrorKind::Interrupted, "signal"));
        }
        if self.input.is_empty()
            && let Some(kind) = self.error
        {
            return Err(io::Error::new(kind, "disk on fire"));
        }
        let n = 10.min(out.len()).min(self.input.len());
        out[..n].copy_from_slice(&self.input[..n]);
        self.input = &self.input[n..];
        Ok(n)
    }
}

#[test]
fn ndjson_reader_io_error_mid_stream() {
    let lease = compact(LEASE_CREATED);
    // Two good lines, a blank one, then half a line and the error.
    let input = format!("{lease}\n{lease}\r\n\n{{\"type\":\"x\",");
    let failing = Failing {
        input: input.as_bytes(),
        error: Some(io::ErrorKind::Other),
        interrupt: false,
        calls: 0,
    };
    let mut reader = stream::read_ndjson(BufReader::with_capacity(32, failing));
    let records: Vec<_> = reader.by_ref().collect();
    assert_eq!(places(&records), [(1, 1), (2, 2), (3, 4)]);
    assert_eq!(ok(&records[0]).event_type(), EventType::LeaseCreated);
    assert_eq!(ok(&records[1]), ok(&records[0]));
    let e = err(&records[2]);
    assert_eq!(e.kind(), ErrorKind::Io);
    assert_eq!(e.message(), "disk on fire");
    assert_eq!(e.path(), "");
    assert_eq!(e.line(), None);
    assert_eq!(e.to_string(), "disk on fire");
    // The iterator ends at the error, and stays ended.
    assert!(reader.next().is_none());
    assert!(reader.next().is_none());
    let calls = reader.get_ref().get_ref().calls;
    assert!(reader.next().is_none());
    // No read was tried after the error.
    assert_eq!(reader.get_ref().get_ref().calls, calls);

    // An error right at the start.
    let failing = Failing {
        input: b"",
        error: Some(io::ErrorKind::PermissionDenied),
        interrupt: false,
        calls: 0,
    };
    let records = read_all(BufReader::new(failing));
    assert_eq!(places(&records), [(1, 1)]);
    assert_eq!(err(&records[0]).kind(), ErrorKind::Io);
}

#[test]
fn ndjson_reader_retries_interrupted_reads() {
    let input = std::fs::read(MIXED).unwrap();
    let interrupted = Failing {
        input: &input,
        error: None,
        interrupt: true,
        calls: 0,
    };
    let mut reader = stream::read_ndjson(BufReader::with_capacity(8, interrupted));
    let records: Vec<_> = reader.by_ref().collect();
    assert_eq!(records, read_all(&input[..]));
    assert_eq!(records.len(), 6);
    // Every other call was interrupted and retried.
    assert!(reader.get_ref().get_ref().calls > 2 * input.len() / 10);
    let inner = reader.into_inner().into_inner();
    assert!(inner.input.is_empty());
}

/// An endless-looking NDJSON stream made on the fly: `count` events whose
/// `id` lengths cycle up to `longest_id`, handed out `chunk` bytes at a
/// time, never held whole.
struct Generated {
    next: usize,
    count: usize,
    longest_id: usize,
    line: Vec<u8>,
    pos: usize,
    chunk: usize,
}

impl Generated {
    fn line_for(i: usize, longest_id: usize) -> String {
        let id_len = (i * 37) % longest_id + 1;
        let end = if i.is_multiple_of(2) { "\n" } else { "\r\n" };
        let blank = if i.is_multiple_of(5) { "\n" } else { "" };
        format!(
            "{{\"type\":\"com.example.v1.unknown.type\",\"id\":\"{}\"}}{end}{blank}",
            "i".repeat(id_len)
        )
    }
}

impl Read for Generated {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.line.len() {
            if self.next == self.count {
                return Ok(0);
            }
            self.line = Self::line_for(self.next, self.longest_id).into_bytes();
            self.pos = 0;
            self.next += 1;
        }
        let n = self.chunk.min(out.len()).min(self.line.len() - self.pos);
        out[..n].copy_from_slice(&self.line[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[test]
fn ndjson_reader_memory_is_bounded_by_the_longest_line() {
    let count = 20_000;
    let longest_id = 3_000;
    let longest_line = (0..count)
        .map(|i| Generated::line_for(i, longest_id).trim_end().len())
        .max()
        .unwrap();
    assert_eq!(longest_line, 3_000 + 46);
    let source = Generated {
        next: 0,
        count,
        longest_id,
        line: Vec::new(),
        pos: 0,
        chunk: 1000,
    };
    // A reader buffer smaller than most lines, so that they are copied into
    // the line buffer.
    let mut reader = stream::read_ndjson(BufReader::with_capacity(512, source));
    let mut n = 0;
    let mut expected_line = 0;
    for record in reader.by_ref() {
        n += 1;
        expected_line += 1;
        assert_eq!(record.index, n);
        assert_eq!(record.line, expected_line);
        if (n - 1) % 5 == 0 {
            expected_line += 1;
        }
        let id_len = ((n - 1) * 37) % longest_id + 1;
        assert_eq!(ok(&record).id().map(str::len), Some(id_len));
    }
    assert_eq!(n, count);
    assert_eq!(reader.lines_read(), count + count / 5);
    let capacity = reader.buffer_capacity();
    assert!(capacity >= longest_line, "capacity {capacity}");
    // The buffer never shrinks, so its final capacity is its largest.
    assert!(capacity < 2 * longest_line, "capacity {capacity}");
}
