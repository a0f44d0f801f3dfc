//! `qlik_events::to_vec` writes exactly what `serde_json::to_vec` writes.

// The benchmarks' stream generator: outside the published crate, which is
// why this test lives here and not in the crate's own tests/.
#[path = "../../benchmarks/benches/common/mod.rs"]
mod common;

use qlik_events::QlikEvent;
use serde_json::json;

fn same(event: &QlikEvent) {
    let fast = qlik_events::to_vec(event).unwrap();
    let serde = serde_json::to_vec(event).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&fast),
        String::from_utf8_lossy(&serde)
    );
    assert_eq!(qlik_events::from_slice(&fast).unwrap(), *event);
}

#[test]
fn published_examples() {
    for (name, bytes) in common::fixtures() {
        let event = qlik_events::from_slice(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        same(&event);
    }
}

#[test]
fn samples() {
    for event in qlik_events::samples::all() {
        same(&event);
    }
}

/// Every type, optional fields present and absent, dates with fractions and
/// offsets, escaped strings, unknown fields.
#[test]
fn mixed_stream() {
    for bytes in common::mixed(3_000) {
        same(&qlik_events::from_slice(&bytes).unwrap());
    }
}

#[test]
fn escapes_numbers_and_unknowns() {
    let text = json!({
        "type": "com.qlik.v1.license.lease.updated",
        "id": "quote \" backslash \\ tab \t newline \n bell \u{7} del \u{7f} é 😀 /",
        "time": "2018-10-30T07:06:22.123456789+05:30",
        "x-ext": {"k": [1.5, -0.0, 1e300, null, true, "s\u{1}"]},
        "authclaims": "{\"iss\":\"i\"}",
        "data": {
            "name": "\u{0}\u{1f}", "size": -9223372036854775808i64, "excess": false,
            "license": 18446744073709551615u64, "resource": "",
            "createdAt": null, "updatedAt": "0001-01-01T00:00:00Z",
            "excessQuantity": 9223372036854775807i64, "leasedQuantity": 0,
            "licenseQuantity": -1, "licenseUnlimited": true,
            "_updates": [{"path": "p"}, {"path": "q", "newValue": {"a": [1]}, "oldValue": 2.5}],
            "unknown": {"nested": "\u{8}\u{c}\r"}
        }
    })
    .to_string();
    same(&qlik_events::from_str(&text).unwrap());
    let unknown = r#"{"data" : { "raw":  [1, 2] },"type":"x.y","id":"e"}"#;
    same(&qlik_events::from_str(unknown).unwrap());
}

#[test]
fn to_string_and_to_writer() {
    let text = include_str!("../../tests/fixtures/com.qlik.v1.app-usage.quota.consumed.json");
    let event = qlik_events::from_str(text).unwrap();
    let s = qlik_events::to_string(&event).unwrap();
    let mut w = Vec::new();
    qlik_events::to_writer(&mut w, &event).unwrap();
    assert_eq!(s.as_bytes(), w.as_slice());
    assert_eq!(s, serde_json::to_string(&event).unwrap());
}

/// Attributes read without escapes are written without a second look;
/// anything set through the API, or read with escapes, is escaped again.
#[test]
fn attributes_set_after_parsing_are_escaped() {
    use qlik_events::Attribute;
    let text = r#"{"type":"x.y","id":"plain","source":"s\"q","subject":"a\\b","data":{}}"#;
    let mut event = qlik_events::from_str(text).unwrap();
    same(&event);
    let envelope = event.envelope_mut();
    envelope.set(Attribute::Subject, "quote \" tab \t nul \u{0}");
    envelope.set(Attribute::Id, "new \\ id");
    envelope.set(Attribute::TenantId, "plain tenant");
    same(&event);
    let written = qlik_events::to_string(&event).unwrap();
    assert!(
        written.contains(r#""subject":"quote \" tab \t nul \u0000""#),
        "{written}"
    );
    assert!(written.contains(r#""id":"new \\ id""#), "{written}");
    assert!(written.contains(r#""source":"s\"q""#), "{written}");
}
