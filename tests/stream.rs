//! `qlik_events::stream`: shape detection and reading several events.

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
        "[\n{lease},\n  {{\"id\": \"u1\", \"type\": \"com.qlik.v1.licenses.purged\"}}, \
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
        "\n{lease}\n\n{bad}\n{quota}\n   \t\nnot json\n{{\"id\":\"u1\",\"type\":\"com.qlik.v1.licenses.purged\"}}\n{tenant}"
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
