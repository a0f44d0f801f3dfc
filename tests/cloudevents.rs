//! Integration tests for `qlik_events::cloudevents` (conversions to and from
//! `cloudevents::Event`, cloudevents-sdk 0.9).
#![cfg(feature = "cloudevents")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use cloudevents::event::{ExtensionValue, SpecVersion as CeSpecVersion};
use cloudevents::{
    AttributesReader, AttributesWriter, Data, EventBuilder, EventBuilderV03, EventBuilderV10,
};
use qlik_events::{Attribute, ErrorKind, EventType, QlikEvent, SpecVersion};
use serde_json::{Value, json};

/// The published examples, sorted by file name, parsed (one per known
/// type, checked against the registry).
fn fixtures() -> Vec<(String, QlikEvent)> {
    common::fixture_events()
}

fn fixture(name: &str) -> QlikEvent {
    fixtures()
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, e)| e)
        .unwrap()
}

fn to_ce(event: &QlikEvent) -> cloudevents::Event {
    cloudevents::Event::try_from(event).unwrap()
}

/// A CloudEvent with the attributes Qlik requires for `lease.created`.
fn lease_created_ce(data: Value) -> cloudevents::Event {
    EventBuilderV10::new()
        .id("e1")
        .source("com.qlik/licenses")
        .ty("com.qlik.v1.license.lease.created")
        .data("application/json", data)
        .build()
        .unwrap()
}

fn lease_data() -> Value {
    json!({
        "name": "n", "size": 4, "excess": false, "license": "1234",
        "resource": "r", "createdAt": null, "updatedAt": "2018-10-30T07:06:22Z",
        "excessQuantity": 0, "leasedQuantity": 1, "licenseQuantity": 10,
        "licenseUnlimited": false
    })
}

#[test]
fn every_fixture_maps_attribute_by_attribute() {
    for (name, event) in fixtures() {
        // Every fixture has specversion, so no normalisation applies.
        assert_eq!(
            event.envelope().specversion(),
            Some(SpecVersion::V1_0),
            "{name}"
        );
        let ce = to_ce(&event);
        assert_eq!(ce.specversion(), CeSpecVersion::V10, "{name}");
        assert_eq!(Some(ce.id()), event.id(), "{name}");
        assert_eq!(Some(ce.source().as_str()), event.source(), "{name}");
        assert_eq!(ce.ty(), name, "{name}");
        assert_eq!(ce.time().copied(), event.time(), "{name}");
        assert_eq!(ce.datacontenttype(), Some("application/json"), "{name}");
        assert_eq!(ce.subject(), None, "{name}");
        assert_eq!(ce.dataschema(), None, "{name}");

        // The data is the payload as the crate writes it.
        let written = serde_json::to_value(&event).unwrap();
        assert_eq!(
            ce.data(),
            Some(&Data::Json(written["data"].clone())),
            "{name}"
        );

        // Every Qlik attribute but the CloudEvents ones is a string extension.
        let mut expected = 0;
        for (attr, value) in event.envelope().attributes() {
            match attr {
                Attribute::Id | Attribute::Source | Attribute::DataContentType => {
                    assert_eq!(ce.extension(attr.name()), None, "{name}");
                }
                _ => {
                    expected += 1;
                    assert_eq!(
                        ce.extension(attr.name()),
                        Some(&ExtensionValue::String(value.to_owned())),
                        "{name}: {attr:?}"
                    );
                }
            }
        }
        assert!(expected >= 5, "{name}");
        assert_eq!(ce.iter_extensions().count(), expected, "{name}");
    }
}

#[test]
fn every_fixture_round_trips_in_memory() {
    for (name, event) in fixtures() {
        // By reference and by value, both ways.
        let ce = to_ce(&event);
        assert_eq!(QlikEvent::try_from(&ce).unwrap(), event, "{name}");
        let by_value = cloudevents::Event::try_from(event.clone()).unwrap();
        assert_eq!(by_value, ce, "{name}");
        assert_eq!(QlikEvent::try_from(by_value).unwrap(), event, "{name}");
    }
}

#[test]
fn every_fixture_round_trips_in_structured_mode() {
    for (name, event) in fixtures() {
        let text = serde_json::to_vec(&to_ce(&event)).unwrap();
        let ce: cloudevents::Event = serde_json::from_slice(&text).unwrap();
        assert_eq!(ce, to_ce(&event), "{name}");
        assert_eq!(QlikEvent::try_from(ce).unwrap(), event, "{name}");

        // The structured JSON is itself a Qlik event, equal to the original.
        assert_eq!(qlik_events::from_slice(&text).unwrap(), event, "{name}");
    }
}

#[test]
fn missing_id_is_an_error_naming_it() {
    let mut event = fixture("com.qlik.v1.license.lease.created");
    event.envelope_mut().remove(Attribute::Id);
    for err in [
        cloudevents::Event::try_from(&event).unwrap_err(),
        cloudevents::Event::try_from(event).unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::MissingField);
        assert_eq!(err.path(), "id");
        assert_eq!(err.event_type(), Some("com.qlik.v1.license.lease.created"));
        assert_eq!(err.line(), None);
        assert_eq!(
            err.to_string(),
            "com.qlik.v1.license.lease.created: id: \
             missing field `id`, which CloudEvents requires"
        );
    }
}

#[test]
fn missing_source_is_an_error_naming_it() {
    let mut event = fixture("com.qlik.v1.app-usage.quota.consumed");
    event.envelope_mut().remove(Attribute::Source);
    let err = cloudevents::Event::try_from(&event).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingField);
    assert_eq!(err.path(), "source");
    assert_eq!(
        err.event_type(),
        Some("com.qlik.v1.app-usage.quota.consumed")
    );

    // Both missing: `id` is reported first.
    event.envelope_mut().remove(Attribute::Id);
    assert_eq!(
        cloudevents::Event::try_from(&event).unwrap_err().path(),
        "id"
    );
}

#[test]
fn sources_the_sdk_accepts_and_refuses() {
    // Qlik's examples: a path-like reference and a plain word.
    for source in ["com.qlik/qix-sessions", "string", "/relative", "urn:x"] {
        let mut event = fixture("com.qlik.v1.license.lease.created");
        event.envelope_mut().set(Attribute::Source, source);
        assert_eq!(to_ce(&event).source(), source);
    }
    let mut event = fixture("com.qlik.v1.license.lease.created");
    event.envelope_mut().set(Attribute::Source, "");
    let err = cloudevents::Event::try_from(&event).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.path(), "source");
    assert_eq!(err.event_type(), Some("com.qlik.v1.license.lease.created"));
}

#[test]
fn absent_specversion_is_normalised_to_1_0() {
    let mut event = fixture("com.qlik.license.definition.updated");
    event.envelope_mut().set_specversion(None);
    let ce = to_ce(&event);
    assert_eq!(ce.specversion(), CeSpecVersion::V10);
    let back = QlikEvent::try_from(ce).unwrap();
    assert_eq!(back.envelope().specversion(), Some(SpecVersion::V1_0));
    // That is the only difference.
    let mut expected = event;
    expected
        .envelope_mut()
        .set_specversion(Some(SpecVersion::V1_0));
    assert_eq!(back, expected);
}

#[test]
fn subject_dataschema_and_time_map_to_the_core_attributes() {
    let mut event = fixture("com.qlik.v1.license.tenant.associated");
    event
        .envelope_mut()
        .set(Attribute::Subject, "tenant/t1")
        .set(Attribute::DataSchema, "https://example.com/schemas/tenant");
    let ce = to_ce(&event);
    assert_eq!(ce.subject(), Some("tenant/t1"));
    assert_eq!(
        ce.dataschema().map(|u| u.as_str()),
        Some("https://example.com/schemas/tenant")
    );
    assert_eq!(ce.time().unwrap().to_rfc3339(), "2018-10-30T07:06:22+00:00");
    assert_eq!(ce.extension("subject"), None);
    assert_eq!(ce.extension("dataschema"), None);
    assert_eq!(QlikEvent::try_from(ce).unwrap(), event);

    // The URL is held parsed: its normal form comes back.
    event
        .envelope_mut()
        .set(Attribute::DataSchema, "HTTPS://Example.com");
    let back = QlikEvent::try_from(to_ce(&event)).unwrap();
    assert_eq!(back.data_schema(), Some("https://example.com/"));
}

#[test]
fn invalid_dataschema_is_an_error() {
    let mut event = fixture("com.qlik.v1.license.tenant.associated");
    event.envelope_mut().set(Attribute::DataSchema, "not a url");
    let err = cloudevents::Event::try_from(&event).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.path(), "dataschema");
    assert_eq!(
        err.event_type(),
        Some("com.qlik.v1.license.tenant.associated")
    );
}

#[test]
fn extension_values_the_sdk_can_and_cannot_hold() {
    let event = qlik_events::from_str(
        r#"{
            "id": "e1", "source": "com.qlik/licenses", "type": "com.example.v1.unknown.type",
            "xstring": "eu", "xtrue": true, "xfalse": false,
            "xint": -42, "xmax": 9223372036854775807,
            "xbeyond": 9223372036854775808, "xfloat": 1.5, "xnull": null,
            "xobject": {"b": [1, 2], "a": "x"}, "xarray": [1, "two", null],
            "xempty": ""
        }"#,
    )
    .unwrap();
    let ce = to_ce(&event);
    let ext = |name: &str| ce.extension(name).cloned().unwrap();
    assert_eq!(ext("xstring"), ExtensionValue::String("eu".into()));
    assert_eq!(ext("xtrue"), ExtensionValue::Boolean(true));
    assert_eq!(ext("xfalse"), ExtensionValue::Boolean(false));
    assert_eq!(ext("xint"), ExtensionValue::Integer(-42));
    assert_eq!(ext("xmax"), ExtensionValue::Integer(i64::MAX));
    assert_eq!(ext("xempty"), ExtensionValue::String(String::new()));
    // What the SDK cannot hold: a string holding the JSON text, as sent.
    assert_eq!(
        ext("xbeyond"),
        ExtensionValue::String("9223372036854775808".into())
    );
    assert_eq!(ext("xfloat"), ExtensionValue::String("1.5".into()));
    assert_eq!(ext("xnull"), ExtensionValue::String("null".into()));
    assert_eq!(
        ext("xobject"),
        ExtensionValue::String(r#"{"b": [1, 2], "a": "x"}"#.into())
    );
    assert_eq!(
        ext("xarray"),
        ExtensionValue::String(r#"[1, "two", null]"#.into())
    );
    assert_eq!(ce.iter_extensions().count(), 11);

    // Back: the held types come back as they were; the others as string
    // extensions (never dropped, never decoded).
    let back = QlikEvent::try_from(&ce).unwrap();
    let expected = json!({
        "xstring": "eu", "xtrue": true, "xfalse": false,
        "xint": -42, "xmax": 9223372036854775807_i64,
        "xbeyond": "9223372036854775808", "xfloat": "1.5", "xnull": "null",
        "xobject": r#"{"b": [1, 2], "a": "x"}"#, "xarray": r#"[1, "two", null]"#,
        "xempty": ""
    });
    assert_eq!(
        Value::Object(back.envelope().extensions().to_map().unwrap()),
        expected
    );
    // Everything else is unchanged.
    assert_eq!(back.id(), Some("e1"));
    assert_eq!(back.source(), Some("com.qlik/licenses"));
    assert_eq!(
        back.event_type(),
        EventType::Unknown("com.example.v1.unknown.type".into())
    );

    // The same through structured mode.
    let text = serde_json::to_vec(&ce).unwrap();
    let ce2: cloudevents::Event = serde_json::from_slice(&text).unwrap();
    assert_eq!(ce2, ce);
    assert_eq!(QlikEvent::try_from(ce2).unwrap(), back);
}

#[test]
fn qlik_attribute_with_a_non_string_value_is_an_error() {
    let base = to_ce(&fixture("com.qlik.v1.app-usage.quota.consumed"));
    for (name, value, shown) in [
        ("tenantid", ExtensionValue::Integer(7), "integer `7`"),
        ("userid", ExtensionValue::Boolean(true), "boolean `true`"),
        ("authclaims", ExtensionValue::Integer(-1), "integer `-1`"),
    ] {
        let mut ce = base.clone();
        ce.set_extension(name, value);
        let err = QlikEvent::try_from(&ce).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidType, "{name}");
        assert_eq!(err.path(), name);
        assert_eq!(
            err.event_type(),
            Some("com.qlik.v1.app-usage.quota.consumed")
        );
        assert!(err.message().contains(shown), "{err}");
        assert_eq!(err.line(), None, "no position into internal text");
    }
}

#[test]
fn unknown_event_type_round_trips() {
    let event = qlik_events::from_str(
        r#"{"specversion":"1.0","id":"e1","source":"com.qlik/licenses","type":"com.example.v1.unknown.type",
            "tenantid":"t1","region":"eu","data":{"license":"L1","n":[1,2.5,null]}}"#,
    )
    .unwrap();
    assert!(!event.is_known());
    let ce = to_ce(&event);
    assert_eq!(ce.ty(), "com.example.v1.unknown.type");
    assert_eq!(
        ce.data(),
        Some(&Data::Json(json!({"license": "L1", "n": [1, 2.5, null]})))
    );
    assert_eq!(ce.extension("tenantid"), Some(&ExtensionValue::from("t1")));
    assert_eq!(ce.extension("region"), Some(&ExtensionValue::from("eu")));
    // The data text here is compact with sorted keys, as `Data::Json` is
    // written, so the events are equal as a whole.
    assert_eq!(QlikEvent::try_from(&ce).unwrap(), event);

    // In general the data comes back as equal JSON, not the same text.
    let spaced = qlik_events::from_str(
        r#"{"specversion":"1.0","id":"e1","source":"s","type":"com.example.v1.unknown.type",
            "data": { "z": 1, "a": true }}"#,
    )
    .unwrap();
    let back = QlikEvent::try_from(to_ce(&spaced)).unwrap();
    let (QlikEvent::Unknown(a), QlikEvent::Unknown(b)) = (&spaced, &back) else {
        panic!("expected unknown events")
    };
    assert_eq!(a.envelope, b.envelope);
    assert_eq!(b.data.as_ref().unwrap().get(), r#"{"a":true,"z":1}"#);
    let value = |raw: &Option<Box<serde_json::value::RawValue>>| {
        serde_json::from_str::<Value>(raw.as_ref().unwrap().get()).unwrap()
    };
    assert_eq!(value(&a.data), value(&b.data));

    // Without data.
    let bare =
        qlik_events::from_str(r#"{"specversion":"1.0","id":"e1","source":"s","type":"x.y"}"#)
            .unwrap();
    let ce = to_ce(&bare);
    assert_eq!(ce.data(), None);
    assert_eq!(QlikEvent::try_from(ce).unwrap(), bare);
}

#[test]
fn quota_consumed_without_data_round_trips() {
    let mut event = fixture("com.qlik.v1.app-usage.quota.consumed");
    let QlikEvent::QuotaConsumed(e) = &mut event else {
        panic!()
    };
    e.data = None;
    let ce = to_ce(&event);
    assert_eq!(ce.data(), None);
    assert_eq!(QlikEvent::try_from(ce).unwrap(), event);
}

#[test]
fn invalid_data_from_cloudevents_is_an_error_with_its_path() {
    let mut data = lease_data();
    data["leasedQuantity"] = json!("x");
    let ce = lease_created_ce(data);
    let err = QlikEvent::try_from(&ce).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidType);
    assert_eq!(err.path(), "data.leasedQuantity");
    assert_eq!(err.event_type(), Some("com.qlik.v1.license.lease.created"));
    assert_eq!(err.line(), None);
    assert_eq!(
        err.to_string(),
        "com.qlik.v1.license.lease.created: data.leasedQuantity: \
         invalid type: string \"x\", expected i64"
    );

    // The valid payload converts.
    let event = QlikEvent::try_from(lease_created_ce(lease_data())).unwrap();
    let QlikEvent::LeaseCreated(e) = event else {
        panic!()
    };
    assert_eq!(e.data.leased_quantity, 1);
    assert_eq!(e.data.license, "1234");
}

#[test]
fn parsing_rules_apply_to_cloudevents() {
    // data is required on license events.
    let mut ce = lease_created_ce(lease_data());
    ce.take_data();
    let err = QlikEvent::try_from(&ce).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingField);
    assert_eq!(err.path(), "data");

    // tenantid is required on definition.updated.
    let mut ce = to_ce(&fixture("com.qlik.license.definition.updated"));
    ce.remove_extension("tenantid");
    let err = QlikEvent::try_from(&ce).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingField);
    assert_eq!(err.path(), "tenantid");

    // Closed sets inside data.
    let mut ce = to_ce(&fixture("com.qlik.v1.app-usage.quota.consumed"));
    ce.set_data("application/json", json!({"unit": "kB"}));
    let err = QlikEvent::try_from(&ce).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.path(), "data.unit");

    // A CloudEvents 0.3 event of a modelled type: specversion outside the
    // closed set.
    let v03 = EventBuilderV03::new()
        .id("e1")
        .source("s")
        .ty("com.qlik.v1.license.lease.created")
        .data("application/json", lease_data())
        .build()
        .unwrap();
    let err = QlikEvent::try_from(v03).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.path(), "specversion");
    // Of a type the crate does not model: only what every CloudEvent needs
    // applies; the version is kept as the extension `specversion`.
    let v03 = EventBuilderV03::new()
        .id("e1")
        .source("s")
        .ty("com.example.v1.unknown.type")
        .build()
        .unwrap();
    let event = QlikEvent::try_from(v03).unwrap();
    assert_eq!(event.envelope().specversion(), None);
    let kept = event.envelope().extensions().get("specversion").unwrap();
    assert_eq!(kept.get(), r#""0.3""#);
}

#[test]
fn string_and_binary_data_holding_json() {
    let text = serde_json::to_string(&lease_data()).unwrap();
    let expected = QlikEvent::try_from(lease_created_ce(lease_data())).unwrap();
    for data in [Data::String(text.clone()), Data::Binary(text.into_bytes())] {
        for ct in [
            Some("application/json"),
            Some("application/json; charset=utf-8"),
            Some("application/cloudevents+json"),
            Some("Text/JSON"),
            None,
        ] {
            let mut ce = lease_created_ce(Value::Null);
            ce.set_datacontenttype(ct);
            ce.set_data_unchecked(data.clone());
            let mut want = expected.clone();
            match ct {
                Some(ct) => {
                    want.envelope_mut().set(Attribute::DataContentType, ct);
                }
                None => {
                    want.envelope_mut().remove(Attribute::DataContentType);
                }
            }
            assert_eq!(QlikEvent::try_from(&ce).unwrap(), want, "{ct:?}");
        }
    }
}

#[test]
fn data_that_is_not_json_is_an_error() {
    let mut ce = lease_created_ce(Value::Null);

    ce.set_data_unchecked(Data::String("not json".into()));
    let err = QlikEvent::try_from(&ce).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
    assert_eq!(err.path(), "data");
    assert_eq!(err.event_type(), Some("com.qlik.v1.license.lease.created"));

    // Trailing text after one value.
    ce.set_data_unchecked(Data::String(r#"{"a":1}, "tenantid": "x""#.into()));
    let err = QlikEvent::try_from(&ce).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
    assert_eq!(err.path(), "data");

    ce.set_data_unchecked(Data::Binary(br#"{"name": "#.to_vec()));
    let err = QlikEvent::try_from(&ce).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Eof);
    assert_eq!(err.path(), "data");

    ce.set_data_unchecked(Data::Binary(vec![0xff, 0xfe]));
    let err = QlikEvent::try_from(&ce).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.path(), "data");

    // A media type that is not JSON, whatever the data.
    for data in [
        Data::Json(lease_data()),
        Data::String(lease_data().to_string()),
    ] {
        let mut ce = lease_created_ce(Value::Null);
        ce.set_data("text/plain", data);
        let err = QlikEvent::try_from(&ce).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidValue);
        assert_eq!(err.path(), "datacontenttype");
    }
}

#[test]
fn non_json_datacontenttype_is_refused_towards_cloudevents() {
    let mut event = fixture("com.qlik.v1.license.lease.created");
    event
        .envelope_mut()
        .set(Attribute::DataContentType, "application/xml");
    let err = cloudevents::Event::try_from(&event).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.path(), "datacontenttype");

    // Without data, any datacontenttype is carried.
    let mut event = fixture("com.qlik.v1.app-usage.quota.consumed");
    let QlikEvent::QuotaConsumed(e) = &mut event else {
        panic!()
    };
    e.data = None;
    event
        .envelope_mut()
        .set(Attribute::DataContentType, "application/xml");
    let ce = to_ce(&event);
    assert_eq!(ce.datacontenttype(), Some("application/xml"));
    assert_eq!(QlikEvent::try_from(ce).unwrap(), event);
}

#[test]
fn cloudevents_attribute_names_as_extensions_are_errors() {
    let base = to_ce(&fixture("com.qlik.v1.license.lease.created"));
    for name in ["id", "time", "type", "data", "specversion", "data_base64"] {
        let mut ce = base.clone();
        ce.set_extension(name, "x");
        let err = QlikEvent::try_from(&ce).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidValue, "{name}");
        assert_eq!(err.path(), name);
        assert_eq!(err.event_type(), Some("com.qlik.v1.license.lease.created"));
    }

    // The other way, only `data_base64` can be a Qlik extension.
    let mut event = fixture("com.qlik.v1.license.lease.created");
    event
        .envelope_mut()
        .set_extension("data_base64", json!("AAAA"))
        .unwrap();
    let err = cloudevents::Event::try_from(&event).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.path(), "data_base64");
}

#[test]
fn ce_built_by_hand_converts() {
    let mut ce = cloudevents::Event::default();
    ce.set_id("e9");
    ce.set_source("com.qlik/qix-sessions");
    ce.set_type("com.qlik.v1.app-usage.quota.consumed");
    ce.set_time(None::<chrono::DateTime<chrono::Utc>>);
    ce.set_extension("tenantid", "t9");
    let event = QlikEvent::try_from(ce).unwrap();
    assert_eq!(event.event_type(), EventType::QuotaConsumed);
    assert_eq!(event.tenant_id(), Some("t9"));
    assert_eq!(event.time(), None);
    let QlikEvent::QuotaConsumed(e) = event else {
        panic!()
    };
    assert_eq!(e.data, None);
}

/// Found by fuzzing: cloudevents-sdk matches JSON media types
/// case-sensitively, so `data` of an event labelled `appliCation/json` is
/// handed to it as JSON text, which it can write and read back in structured
/// mode, and which converts back to the same event.
#[test]
fn json_media_type_in_another_case_survives_the_sdk() {
    let text = include_str!("fixtures/com.qlik.v1.app-usage.quota.consumed.json")
        .replace("\"application/json\"", "\"appliCation/json\"");
    let event = qlik_events::from_str(&text).unwrap();
    let ce = cloudevents::Event::try_from(&event).unwrap();
    assert!(matches!(ce.data(), Some(cloudevents::Data::String(_))));
    let written = serde_json::to_vec(&ce).unwrap();
    let read: cloudevents::Event = serde_json::from_slice(&written).unwrap();
    assert_eq!(read, ce);
    assert_eq!(qlik_events::QlikEvent::try_from(read).unwrap(), event);
}
