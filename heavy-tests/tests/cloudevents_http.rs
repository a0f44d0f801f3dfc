//! The cloudevents-sdk HTTP binding (its `http-binding` feature): binary
//! mode writes attributes and extensions as `ce-` headers and `data` as the
//! body; structured mode sends the event as JSON. Here rather than in the
//! crate's own tests because the binding's dependencies (futures, bytes,
//! async-trait, ...) would otherwise be built by the quick start's first
//! command.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../tests/common/mod.rs"]
mod common;

use cloudevents::Data;
use cloudevents::binding::http::to_event;
use cloudevents::event::ExtensionValue;
use common::xval;
use qlik_events::QlikEvent;
use serde_json::{Value, json};

/// The vendor's published examples (the crate's `tests/fixtures`), sorted by
/// file name, parsed; one per known type.
fn fixtures() -> Vec<(String, QlikEvent)> {
    common::fixture_events()
}

fn to_ce(event: &QlikEvent) -> cloudevents::Event {
    cloudevents::Event::try_from(event).unwrap()
}

fn binary_request(ce: cloudevents::Event) -> http::Request<Option<Vec<u8>>> {
    http::Request::<Option<Vec<u8>>>::try_from(ce).unwrap()
}

#[test]
fn every_fixture_round_trips_in_binary_mode() {
    for (name, event) in fixtures() {
        let request = binary_request(to_ce(&event));
        let headers = request.headers();
        assert_eq!(headers["ce-specversion"], "1.0", "{name}");
        assert_eq!(headers["ce-type"], name.as_str(), "{name}");
        assert_eq!(headers["ce-id"], event.id().unwrap(), "{name}");
        assert_eq!(headers["ce-source"], event.source().unwrap(), "{name}");
        assert_eq!(headers["content-type"], "application/json", "{name}");
        assert_eq!(headers["ce-authtype"], event.auth_type().unwrap(), "{name}");
        assert_eq!(
            headers["ce-traceparent"],
            event.trace_parent().unwrap(),
            "{name}"
        );
        if let Some(tenant) = event.tenant_id() {
            assert_eq!(headers["ce-tenantid"], tenant, "{name}");
        }
        let body = request.body().clone().unwrap();
        let written = serde_json::to_value(&event).unwrap();
        assert_eq!(
            serde_json::from_slice::<Value>(&body).unwrap(),
            written["data"],
            "{name}"
        );

        // Read back: the SDK gives `Data::Binary` holding the JSON text.
        let ce = to_event(headers, body.clone()).unwrap();
        assert_eq!(ce.data(), Some(&Data::Binary(body)), "{name}");
        assert_eq!(QlikEvent::try_from(&ce).unwrap(), event, "{name}");
    }
}

#[test]
fn every_fixture_round_trips_through_structured_http() {
    for (name, event) in fixtures() {
        let body = serde_json::to_vec(&to_ce(&event)).unwrap();
        let mut headers = http::HeaderMap::new();
        headers.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/cloudevents+json"),
        );
        let ce = to_event(&headers, body).unwrap();
        assert_eq!(QlikEvent::try_from(ce).unwrap(), event, "{name}");
    }
}

#[test]
fn unknown_event_keeps_its_data_text_through_binary_mode() {
    let event = qlik_events::from_str(
        r#"{"specversion":"1.0","id":"e1","source":"com.qlik/licenses","type":"com.example.v1.unknown.type",
            "data":{"license":"L1","big":123456789012345678901234567890}}"#,
    )
    .unwrap();
    // Towards `Data::Json`, the number beyond u64 becomes an f64
    // (documented).
    let ce = to_ce(&event);
    let Some(Data::Json(data)) = ce.data() else {
        panic!("expected JSON data")
    };
    assert_eq!(data["big"], json!(1.2345678901234568e29));
    assert!(data["big"].is_f64());

    // Through binary mode with a body written by hand: the text is kept.
    let mut request = binary_request(ce);
    let body = br#"{"license":"L1","big":123456789012345678901234567890}"#.to_vec();
    *request.body_mut() = Some(body.clone());
    let ce = to_event(request.headers(), body).unwrap();
    let back = QlikEvent::try_from(&ce).unwrap();
    assert_eq!(back, event);
    let QlikEvent::Unknown(unknown) = back else {
        panic!("expected an unknown event")
    };
    assert_eq!(
        unknown.data.unwrap().get(),
        r#"{"license":"L1","big":123456789012345678901234567890}"#
    );
}

#[test]
fn extensions_arrive_as_strings_through_binary_mode() {
    let event = qlik_events::from_str(
        r#"{"specversion":"1.0","id":"e1","source":"s","type":"com.example.v1.unknown.type",
            "retries":3,"enabled":true,"region":{"name":"eu"}}"#,
    )
    .unwrap();
    let request = binary_request(to_ce(&event));
    assert_eq!(request.headers()["ce-region"], r#"{"name":"eu"}"#);
    let ce = to_event(request.headers(), Vec::new()).unwrap();
    assert_eq!(ce.extension("retries"), Some(&ExtensionValue::from("3")));
    assert_eq!(ce.extension("enabled"), Some(&ExtensionValue::from("true")));
    let back = QlikEvent::try_from(ce).unwrap();
    let extensions = back.envelope().extensions();
    assert_eq!(xval(extensions, "retries"), json!("3"));
    assert_eq!(xval(extensions, "enabled"), json!("true"));
    assert_eq!(xval(extensions, "region"), json!(r#"{"name":"eu"}"#));
}
