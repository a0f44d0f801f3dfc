//! Valid inputs beyond the published examples: both license forms, minimal
//! events, unknown fields and types, date-time forms, the newer schema's
//! fields, key order and whitespace, and the payload builders.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::{DateTime, TimeZone, Timelike, Utc};
use common::{fixture_text, xval};
use qlik_events::app_usage::{Quota, QuotaConsumedEvent, Unit};
use qlik_events::licenses::{AssignmentDeletedEvent, LeaseCreatedEvent, Origin};
use qlik_events::{Attribute, ErrorKind, Event, EventType, QlikEvent};
use serde_json::{Value, json};

const AD: &str = "com.qlik.license.assignment.deleted";
const AR: &str = "com.qlik.license.assignment.rejected";
const AU: &str = "com.qlik.license.assignment.updated";
const DV: &str = "com.qlik.license.data.volume.consumption.aggregated";
const DU: &str = "com.qlik.license.definition.updated";
const LC: &str = "com.qlik.v1.license.lease.created";
const LD: &str = "com.qlik.v1.license.lease.deleted";
const LU: &str = "com.qlik.v1.license.lease.updated";
const TA: &str = "com.qlik.v1.license.tenant.associated";
const QC: &str = "com.qlik.v1.app-usage.quota.consumed";
const PURGED: &str = "com.example.v1.unknown.type";

/// Parses with `from_str` and `from_slice`, checks they agree, and that the
/// event survives a write and a read.
fn parse(text: &str) -> QlikEvent {
    let event = qlik_events::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(qlik_events::from_slice(text.as_bytes()).unwrap(), event);
    let written = serde_json::to_string(&event).unwrap();
    assert_eq!(qlik_events::from_str(&written).unwrap(), event, "{written}");
    event
}

fn to_value(event: &QlikEvent) -> Value {
    serde_json::to_value(event).unwrap()
}

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn example_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2018, 10, 30, 7, 6, 22).unwrap()
}

/// Writes `value` as a JSON object with its keys in the given order.
fn object_in_order(value: &Value, keys: &[&str]) -> String {
    let map = value.as_object().unwrap();
    assert_eq!(map.len(), keys.len(), "every key, once");
    let body: Vec<String> = keys
        .iter()
        .map(|k| format!("{}:{}", Value::from(*k), map[*k]))
        .collect();
    format!("{{{}}}", body.join(","))
}

// ---------------------------------------------------------------------------
// License numbers.

fn lease_created_with_license(license: &str) -> String {
    format!(
        r#"{{"type":"{LC}","data":{{"name":"n","size":4,"excess":false,"license":{license},
        "resource":"r","createdAt":"2018-10-30T07:06:22Z","updatedAt":"2018-10-30T07:06:22Z",
        "excessQuantity":0,"leasedQuantity":1,"licenseQuantity":10,"licenseUnlimited":false}}}}"#
    )
}

#[test]
fn license_as_string_or_integer() {
    for (wire, held) in [
        (r#""1234123412341234""#, "1234123412341234"),
        ("1234123412341234", "1234123412341234"),
        ("18446744073709551615", "18446744073709551615"),
        ("-5", "-5"),
        ("0", "0"),
        ("-9223372036854775808", "-9223372036854775808"),
        (r#""L-0042""#, "L-0042"),
        (r#""""#, ""),
    ] {
        let event = parse(&lease_created_with_license(wire));
        let QlikEvent::LeaseCreated(e) = &event else {
            panic!("{event:?}")
        };
        assert_eq!(e.data.license, held, "{wire}");
        assert_eq!(e.data.license.as_str(), held);
        // Always written as a string.
        assert_eq!(to_value(&event)["data"]["license"], Value::from(held));
    }
    // The two forms of one number give equal events.
    assert_eq!(
        parse(&lease_created_with_license("1234")),
        parse(&lease_created_with_license(r#""1234""#))
    );
}

// ---------------------------------------------------------------------------
// Minimal events: only the required fields.

/// Parses `input`, checks the envelope holds nothing but `type` (and
/// `tenantid` when given), and that it is written back as it was read.
fn minimal(input: Value, tenant: Option<&str>) -> QlikEvent {
    let event = parse(&input.to_string());
    let env = event.envelope();
    assert_eq!(env.time(), None);
    assert_eq!(env.specversion(), None);
    assert!(env.extensions().is_empty());
    assert_eq!(
        env.attributes().collect::<Vec<_>>(),
        tenant
            .map(|t| vec![(Attribute::TenantId, t)])
            .unwrap_or_default()
    );
    assert_eq!(env.claims().map(|_| ()), None);
    assert_eq!(to_value(&event), input);
    event
}

#[test]
fn minimal_assignment_events() {
    let data = json!({"type": "analyzer", "origin": "external", "license": "L1", "subject": "s"});
    for ty in [AD, AR, AU] {
        let event = minimal(json!({"type": ty, "data": data}), None);
        match &event {
            QlikEvent::AssignmentDeleted(Event { data: d, .. }) => {
                assert_eq!(
                    (
                        d.assignment_type.as_deref().unwrap_or_default(),
                        d.origin,
                        d.license.as_str(),
                        d.subject.as_str()
                    ),
                    ("analyzer", Origin::External, "L1", "s")
                );
                assert!(d.extra.is_empty());
            }
            QlikEvent::AssignmentUpdated(Event { data: d, .. }) => {
                assert_eq!(
                    (
                        d.assignment_type.as_deref().unwrap_or_default(),
                        d.origin,
                        d.license.as_str(),
                        d.subject.as_str()
                    ),
                    ("analyzer", Origin::External, "L1", "s")
                );
            }
            QlikEvent::AssignmentRejected(Event { data: d, .. }) => {
                assert_eq!(
                    (
                        d.assignment_type.as_deref().unwrap_or_default(),
                        d.origin,
                        d.license.as_str(),
                        d.subject.as_str()
                    ),
                    ("analyzer", Origin::External, "L1", "s")
                );
                assert_eq!(d.message, None);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(event.event_type().as_str(), ty);
    }
}

#[test]
fn minimal_data_volume_event() {
    let event = minimal(
        json!({"type": DV, "data": {
            "dataVolume": {"unit": "byte", "localVolume": 1, "externalVolume": 2, "consumptionType": "c"},
            "totalLocalConsumption": 3
        }}),
        None,
    );
    let QlikEvent::DataVolumeConsumptionAggregated(e) = &event else {
        panic!("{event:?}")
    };
    let d = &e.data;
    assert_eq!(d.total, None);
    assert_eq!(d.global_consumption, None);
    assert_eq!(d.global_consumption_unit, None);
    assert_eq!(d.total_local_consumption, 3);
    assert_eq!(d.license_high_watermark_within_month, None);
    assert_eq!(d.license_high_watermark_within_month_unit, None);
    assert_eq!(d.data_volume.unit, "byte");
    assert_eq!(d.data_volume.volume, None);
    assert_eq!(d.data_volume.local_volume, 1);
    assert_eq!(d.data_volume.external_volume, 2);
    assert_eq!(d.data_volume.consumption_type, "c");
}

#[test]
fn minimal_definition_updated_event() {
    let event = minimal(
        json!({"type": DU, "tenantid": "t1", "data": {"license": "L1"}}),
        Some("t1"),
    );
    let QlikEvent::DefinitionUpdated(e) = &event else {
        panic!("{event:?}")
    };
    let d = &e.data;
    assert_eq!(d.license, "L1");
    assert_eq!(d.parent_license, None);
    assert_eq!(d.capability_bank_id, None);
    assert_eq!(d.valid, None);
    assert_eq!(d.change_time, None);
    assert_eq!(d.update_time, None);
    assert_eq!(d.license_type, None);
    assert_eq!(d.latest_valid_time, None);
    assert!(d.extra.is_empty());
}

fn minimal_lease_data() -> Value {
    json!({
        "name": "n", "size": 1, "excess": false, "license": "L1", "resource": "r",
        "createdAt": "2018-10-30T07:06:22Z", "updatedAt": "2018-10-30T07:06:22Z",
        "excessQuantity": 0, "leasedQuantity": 1, "licenseQuantity": 2, "licenseUnlimited": false
    })
}

#[test]
fn minimal_lease_events() {
    for ty in [LC, LD, LU] {
        let event = minimal(json!({"type": ty, "data": minimal_lease_data()}), None);
        match &event {
            QlikEvent::LeaseCreated(e) => {
                assert_eq!((e.data.size, e.data.license_quantity), (1, 2));
                assert_eq!(e.data.created_at, Some(example_time()));
            }
            QlikEvent::LeaseDeleted(e) => {
                assert_eq!((e.data.size, e.data.license_quantity), (1, 2));
                assert_eq!(e.data.updated_at, example_time());
            }
            QlikEvent::LeaseUpdated(e) => {
                assert_eq!(e.data.updates, None);
                assert_eq!((e.data.name.as_str(), e.data.resource.as_str()), ("n", "r"));
                assert!(!e.data.excess && !e.data.license_unlimited);
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn minimal_tenant_associated_event() {
    let event = minimal(
        json!({"type": TA, "tenantid": "t1", "data": {"license": "L1", "parentLicense": "P1"}}),
        Some("t1"),
    );
    let QlikEvent::TenantAssociated(e) = &event else {
        panic!("{event:?}")
    };
    let d = &e.data;
    assert_eq!(
        (d.license.as_str(), d.parent_license.as_str()),
        ("L1", "P1")
    );
    assert_eq!(d.previous_license, None);
    assert_eq!(d.capability_bank_id, None);
    assert_eq!(d.previous_parent_license, None);
    assert_eq!(d.update_time, None);
}

#[test]
fn minimal_app_usage_events() {
    // No data at all.
    let event = minimal(json!({"type": QC, "tenantid": "t1"}), Some("t1"));
    let QlikEvent::QuotaConsumed(e) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(e.data, None);
    // Only the required data fields; a space usage item with no field.
    let event = minimal(
        json!({"type": QC, "tenantid": "t1", "data": {
            "unit": "byte", "quota": "appSizeTotalDefault", "usage": 0, "spaceUsages": [{}]
        }}),
        Some("t1"),
    );
    let QlikEvent::QuotaConsumed(e) = &event else {
        panic!("{event:?}")
    };
    let d = e.data.as_ref().unwrap();
    assert_eq!(
        (d.unit, d.quota, d.usage),
        (Unit::Byte, Quota::AppSizeTotalDefault, 0)
    );
    let item = &d.space_usages.as_ref().unwrap()[0];
    assert_eq!(
        (item.unit(), item.usage(), item.space_id()),
        (None, None, None)
    );
    assert!(item.extra().is_empty());
}

#[test]
fn int64_bounds() {
    for n in [i64::MIN, -1, 0, i64::MAX] {
        let mut data = minimal_lease_data();
        data["excessQuantity"] = json!(n);
        data["size"] = json!(n);
        let event = parse(&json!({"type": LC, "data": data}).to_string());
        let QlikEvent::LeaseCreated(e) = &event else {
            panic!("{event:?}")
        };
        assert_eq!((e.data.excess_quantity, e.data.size), (n, n));
        assert_eq!(to_value(&event)["data"]["excessQuantity"], json!(n));
    }
}

// ---------------------------------------------------------------------------
// Unknown fields and extensions.

#[test]
fn unknown_fields_in_data_and_nested_objects_are_kept() {
    // Lease updated: in `data` and in an `_updates` item.
    let mut data = minimal_lease_data();
    data["futureField"] = json!({"a": [1, "two", null]});
    data["_updates"] = json!([
        {"path": "size", "newValue": 5, "oldValue": {"x": [1]}, "op": "replace"},
        {"path": "name", "newValue": "b", "oldValue": null}
    ]);
    let input = json!({"type": LU, "data": data});
    let event = parse(&input.to_string());
    let QlikEvent::LeaseUpdated(e) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(e.data.extra.len(), 1);
    assert_eq!(
        xval(&e.data.extra, "futureField"),
        json!({"a": [1, "two", null]})
    );
    let updates = e.data.updates.as_ref().unwrap();
    assert_eq!(updates.len(), 2);
    assert_eq!(updates[0].path, "size");
    assert_eq!(updates[0].new_value, json!(5));
    assert_eq!(updates[0].old_value, json!({"x": [1]}));
    assert_eq!(
        updates[0].extra.get_as::<Value>("op").map(Result::unwrap),
        Some(json!("replace"))
    );
    assert_eq!(updates[1].new_value, json!("b"));
    assert_eq!(updates[1].old_value, Value::Null);
    assert!(updates[1].extra.is_empty());
    assert_eq!(to_value(&event), input);

    // Data volume: in `dataVolume`.
    let input = json!({"type": DV, "data": {
        "dataVolume": {"unit": "byte", "localVolume": 1, "externalVolume": 2,
                       "consumptionType": "c", "region": "eu"},
        "totalLocalConsumption": 3, "another": true
    }});
    let event = parse(&input.to_string());
    let QlikEvent::DataVolumeConsumptionAggregated(e) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(
        e.data
            .data_volume
            .extra
            .get_as::<Value>("region")
            .map(Result::unwrap),
        Some(json!("eu"))
    );
    assert_eq!(
        e.data.extra.get_as::<Value>("another").map(Result::unwrap),
        Some(json!(true))
    );
    assert_eq!(to_value(&event), input);

    // App usage: in `spaceUsages` items.
    let input = json!({"type": QC, "tenantid": "t", "data": {
        "unit": "byte", "quota": "appSizeTotalDefault", "usage": 10,
        "spaceUsages": [{"spaceId": "s1", "usage": 10, "unit": "byte", "spaceName": "Sales"}],
        "breakdown": [1, 2]
    }});
    let event = parse(&input.to_string());
    let QlikEvent::QuotaConsumed(e) = &event else {
        panic!("{event:?}")
    };
    let d = e.data.as_ref().unwrap();
    assert_eq!(
        d.extra.get_as::<Value>("breakdown").map(Result::unwrap),
        Some(json!([1, 2]))
    );
    let item = &d.space_usages.as_ref().unwrap()[0];
    assert_eq!(
        item.extra()
            .get_as::<Value>("spaceName")
            .map(Result::unwrap),
        Some(json!("Sales"))
    );
    assert_eq!(item.space_id(), Some("s1"));
    assert_eq!(item.usage(), Some(10));
    assert_eq!(item.unit(), Some(Unit::Byte));
    assert_eq!(to_value(&event), input);

    // Definition updated: in `valid`.
    let input = json!({"type": DU, "tenantid": "t", "data": {
        "license": "L", "valid": {"Start": "2024-01-01", "Stop": null, "Grace": 3}
    }});
    let event = parse(&input.to_string());
    let QlikEvent::DefinitionUpdated(e) = &event else {
        panic!("{event:?}")
    };
    let valid = e.data.valid.as_ref().unwrap();
    assert_eq!(valid.start, Some(json!("2024-01-01")));
    assert_eq!(valid.stop, Some(Value::Null));
    assert_eq!(
        valid.extra.get_as::<Value>("Grace").map(Result::unwrap),
        Some(json!(3))
    );
    assert_eq!(to_value(&event), input);
}

#[test]
fn unknown_top_level_extensions_are_kept() {
    let input = json!({
        "type": AD, "id": "e1",
        "region": "eu", "count": 5, "ratio": 0.5, "nested": {"a": {"b": [1]}},
        "list": [1, "x", null], "nothing": null, "flag": false,
        // Case matters: not `tenantid`, nor the older `tenantId`.
        "TenantId": "T",
        "data": {"type": "professional", "origin": "internal", "license": "L", "subject": "s"}
    });
    let event = parse(&input.to_string());
    let ext = event.envelope().extensions();
    assert_eq!(ext.len(), 8, "{ext:?}");
    assert_eq!(xval(ext, "region"), json!("eu"));
    assert_eq!(xval(ext, "count"), json!(5));
    assert_eq!(xval(ext, "ratio"), json!(0.5));
    assert_eq!(xval(ext, "nested"), json!({"a": {"b": [1]}}));
    assert_eq!(xval(ext, "list"), json!([1, "x", null]));
    assert_eq!(xval(ext, "nothing"), Value::Null);
    assert_eq!(xval(ext, "flag"), json!(false));
    assert_eq!(xval(ext, "TenantId"), json!("T"));
    assert_eq!(event.tenant_id(), None);
    assert_eq!(event.id(), Some("e1"));
    assert_eq!(to_value(&event), input);
    // The per-type parse keeps them too.
    let typed = AssignmentDeletedEvent::from_str(&input.to_string()).unwrap();
    assert_eq!(typed.envelope.extensions(), ext);
}

#[test]
fn unknown_members_are_kept_as_their_text() {
    // Exactly as sent: spacing, number spelling, key order, escapes, and
    // values no `serde_json::Value` could hold (nesting past its recursion
    // limit, a number past `f64`, a lone surrogate escape).
    let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
    let body = format!(
        r#"{{"type":"{AD}","a": [1, 2.50, {{"z":1,"y":2}}],"deep":{deep},"big":1e400,"s":"\ud800 \u0041",
            "data":{{"type":"t","origin":"internal","license":"L","subject":"s","x" : 1.0}}}}"#
    );
    let event = parse(&body);
    let ext = event.envelope().extensions();
    let texts: Vec<(&str, &str)> = ext.iter().map(|(k, v)| (k, v.get())).collect();
    assert_eq!(
        texts,
        [
            ("a", r#"[1, 2.50, {"z":1,"y":2}]"#),
            ("deep", deep.as_str()),
            ("big", "1e400"),
            ("s", r#""\ud800 \u0041""#),
        ]
    );
    let QlikEvent::AssignmentDeleted(e) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(e.data.extra.get("x").map(|raw| raw.get()), Some("1.0"));
    // Written back as sent, and read back as the same event.
    let text = qlik_events::to_string(&event).unwrap();
    assert!(text.contains(r#""a":[1, 2.50, {"z":1,"y":2}]"#), "{text}");
    assert!(text.contains(r#""big":1e400"#), "{text}");
    assert_eq!(parse(&text), event);
    // `to_map` reads them as values where serde_json can.
    assert!(ext.to_map().is_err());
    assert_eq!(xval(ext, "a"), json!([1, 2.5, {"y": 2, "z": 1}]));
}

// ---------------------------------------------------------------------------
// Unknown event types.

#[test]
fn unknown_type_with_data_after_type() {
    let data = r#"{ "license" : "L1",  "n": [1, 2 ], "s": "\u00e9" }"#;
    let text = format!(r#"{{"type":"{PURGED}","id":"e1","tenantid":"t","data":{data}}}"#);
    let event = parse(&text);
    let QlikEvent::Unknown(u) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(u.event_type, PURGED);
    assert_eq!(u.data.as_ref().unwrap().get(), data);
    assert_eq!(event.event_type(), EventType::Unknown(PURGED.to_owned()));
    assert_eq!(event.event_type().channel(), None);
    assert!(!event.is_known());
    assert_eq!(event.tenant_id(), Some("t"));
    // Written back with `data` byte for byte.
    assert_eq!(
        serde_json::to_string(&event).unwrap(),
        format!(r#"{{"id":"e1","type":"{PURGED}","tenantid":"t","data":{data}}}"#)
    );
}

#[test]
fn unknown_type_with_data_before_type() {
    let data = "{\n  \"license\": 1234123412341234,\n  \"nested\": {\"a\": null}\n}";
    let text = format!("{{\"data\": {data},\n \"type\": \"{PURGED}\"}}");
    let event = parse(&text);
    let QlikEvent::Unknown(u) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(u.event_type, PURGED);
    assert_eq!(u.data.as_ref().unwrap().get(), data);
    assert_eq!(
        serde_json::to_string(&event).unwrap(),
        format!(r#"{{"type":"{PURGED}","data":{data}}}"#)
    );
    // Same event whichever comes first.
    let after = parse(&format!("{{\"type\": \"{PURGED}\", \"data\": {data}}}"));
    assert_eq!(after, event);
}

#[test]
fn unknown_type_without_data_or_with_any_json_data() {
    let event = parse(&format!(
        r#"{{"type":"{PURGED}","time":"2018-10-30T07:06:22Z"}}"#
    ));
    let QlikEvent::Unknown(u) = &event else {
        panic!("{event:?}")
    };
    assert!(u.data.is_none());
    assert_eq!(event.time(), Some(example_time()));
    assert_eq!(
        serde_json::to_string(&event).unwrap(),
        format!(r#"{{"time":"2018-10-30T07:06:22Z","type":"{PURGED}"}}"#)
    );
    for data in ["null", "[1,2]", r#""text""#, "42"] {
        let event = parse(&format!(r#"{{"type":"{PURGED}","data":{data}}}"#));
        let QlikEvent::Unknown(u) = &event else {
            panic!("{event:?}")
        };
        assert_eq!(u.data.as_ref().unwrap().get(), data);
    }
    // No tenantid needed for types the crate does not know.
    assert!(
        parse(&format!(r#"{{"type":"{PURGED}"}}"#))
            .tenant_id()
            .is_none()
    );
}

// ---------------------------------------------------------------------------
// Date-times.

#[test]
fn offsets_normalise_to_the_same_instant() {
    // chrono's RFC 3339 parser also accepts lowercase `t` and `z`, and a
    // space instead of `T` (RFC 3339 section 5.6 allows both as reader
    // leniency): they read as the same instant.
    for time in [
        "2018-10-30T07:06:22Z",
        "2018-10-30T07:06:22+00:00",
        "2018-10-30T07:06:22-00:00",
        "2018-10-30T09:06:22+02:00",
        "2018-10-30T01:36:22-05:30",
        "2018-10-31T00:06:22+17:00",
        "2018-10-30t07:06:22z",
        "2018-10-30 07:06:22Z",
    ] {
        let mut data = minimal_lease_data();
        data["createdAt"] = json!(time);
        data["updatedAt"] = json!(time);
        let event = parse(&json!({"type": LC, "time": time, "data": data}).to_string());
        assert_eq!(event.time(), Some(example_time()), "{time}");
        let QlikEvent::LeaseCreated(e) = &event else {
            panic!("{event:?}")
        };
        assert_eq!(e.data.created_at, Some(example_time()), "{time}");
        assert_eq!(e.data.updated_at, example_time(), "{time}");
        let written = to_value(&event);
        assert_eq!(written["time"], "2018-10-30T07:06:22Z", "{time}");
        assert_eq!(written["data"]["createdAt"], "2018-10-30T07:06:22Z");
        assert_eq!(written["data"]["updatedAt"], "2018-10-30T07:06:22Z");
    }
}

#[test]
fn fractional_seconds() {
    for (time, nanos, written) in [
        (
            "2018-10-30T07:06:22.5Z",
            500_000_000,
            "2018-10-30T07:06:22.500Z",
        ),
        (
            "2018-10-30T07:06:22.123Z",
            123_000_000,
            "2018-10-30T07:06:22.123Z",
        ),
        (
            "2018-10-30T07:06:22.1234Z",
            123_400_000,
            "2018-10-30T07:06:22.123400Z",
        ),
        (
            "2018-10-30T07:06:22.123456+00:00",
            123_456_000,
            "2018-10-30T07:06:22.123456Z",
        ),
        (
            "2018-10-30T09:06:22.123456789+02:00",
            123_456_789,
            "2018-10-30T07:06:22.123456789Z",
        ),
        ("2018-10-30T07:06:22.000Z", 0, "2018-10-30T07:06:22Z"),
    ] {
        let event = parse(&format!(r#"{{"type":"{PURGED}","time":"{time}"}}"#));
        let got = event.time().unwrap();
        assert_eq!(got.nanosecond(), nanos, "{time}");
        assert_eq!(got.timestamp(), example_time().timestamp());
        assert_eq!(to_value(&event)["time"], written, "{time}");
    }
}

#[test]
fn lease_created_at_may_be_null() {
    let mut data = minimal_lease_data();
    data["createdAt"] = Value::Null;
    for ty in [LC, LD, LU] {
        let input = json!({"type": ty, "data": data});
        let event = parse(&input.to_string());
        let created_at = match &event {
            QlikEvent::LeaseCreated(e) => e.data.created_at,
            QlikEvent::LeaseDeleted(e) => e.data.created_at,
            QlikEvent::LeaseUpdated(e) => e.data.created_at,
            other => panic!("{other:?}"),
        };
        assert_eq!(created_at, None);
        assert_eq!(to_value(&event), input);
        assert_eq!(to_value(&event)["data"]["createdAt"], Value::Null);
    }
}

// ---------------------------------------------------------------------------
// The newer schema's fields.

#[test]
fn latest_valid_time_null_vs_absent() {
    let base = json!({"type": DU, "tenantid": "t", "data": {"license": "L"}});

    let absent = parse(&base.to_string());
    let QlikEvent::DefinitionUpdated(e) = &absent else {
        panic!()
    };
    assert_eq!(e.data.latest_valid_time, None);
    assert!(to_value(&absent)["data"].get("latestValidTime").is_none());

    let mut input = base.clone();
    input["data"]["latestValidTime"] = Value::Null;
    let null = parse(&input.to_string());
    let QlikEvent::DefinitionUpdated(e) = &null else {
        panic!()
    };
    assert_eq!(e.data.latest_valid_time, Some(None));
    assert_eq!(
        to_value(&null)["data"].get("latestValidTime"),
        Some(&Value::Null)
    );
    assert_eq!(to_value(&null), input);
    assert_ne!(absent, null);

    let mut input = base;
    input["data"]["latestValidTime"] = json!("2025-01-01T00:00:00Z");
    let set = parse(&input.to_string());
    let QlikEvent::DefinitionUpdated(e) = &set else {
        panic!()
    };
    assert_eq!(
        e.data.latest_valid_time,
        Some(Some(t("2025-01-01T00:00:00Z")))
    );
    assert_eq!(to_value(&set), input);
}

#[test]
fn definition_updated_newer_fields() {
    let input = json!({"type": DU, "tenantid": "t", "userid": "u", "data": {
        "license": "L", "parentLicense": "P", "capabilityBankId": "C",
        "valid": {"Start": "2024-01-01T00:00:00Z", "Stop": "2025-01-01T00:00:00Z"},
        "changeTime": "2024-06-01T12:00:00Z",
        "updateTime": "2024-06-02T12:00:00.250Z",
        "licenseType": "subscription",
        "latestValidTime": "2025-01-31T00:00:00Z"
    }});
    let event = parse(&input.to_string());
    let QlikEvent::DefinitionUpdated(e) = &event else {
        panic!("{event:?}")
    };
    let d = &e.data;
    let valid = d.valid.as_ref().unwrap();
    assert_eq!(valid.start, Some(json!("2024-01-01T00:00:00Z")));
    assert_eq!(valid.stop, Some(json!("2025-01-01T00:00:00Z")));
    assert!(valid.extra.is_empty());
    assert_eq!(d.change_time, Some(t("2024-06-01T12:00:00Z")));
    assert_eq!(d.update_time, Some(t("2024-06-02T12:00:00.250Z")));
    assert_eq!(d.license_type.as_deref(), Some("subscription"));
    assert_eq!(d.latest_valid_time, Some(Some(t("2025-01-31T00:00:00Z"))));
    assert!(d.extra.is_empty());
    assert_eq!(to_value(&event), input);

    // `valid` with only one bound, or none.
    for valid in [json!({"Start": 1}), json!({})] {
        let input = json!({"type": DU, "tenantid": "t", "data": {"license": "L", "valid": valid}});
        let event = parse(&input.to_string());
        assert_eq!(to_value(&event), input);
    }
}

#[test]
fn tenant_associated_update_time() {
    let input = json!({"type": TA, "tenantid": "t", "data": {
        "license": "L", "parentLicense": "P", "updateTime": "2024-02-29T23:59:59Z"
    }});
    let event = parse(&input.to_string());
    let QlikEvent::TenantAssociated(e) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(e.data.update_time, Some(t("2024-02-29T23:59:59Z")));
    assert_eq!(to_value(&event), input);
}

#[test]
fn empty_assignment_type() {
    for ty in [AD, AR, AU] {
        let input = json!({"type": ty, "data": {
            "type": "", "origin": "internal", "license": "L", "subject": ""
        }});
        let event = parse(&input.to_string());
        let assignment_type = match &event {
            QlikEvent::AssignmentDeleted(e) => e.data.assignment_type.clone(),
            QlikEvent::AssignmentRejected(e) => e.data.assignment_type.clone(),
            QlikEvent::AssignmentUpdated(e) => e.data.assignment_type.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(assignment_type.as_deref(), Some(""));
        assert_eq!(to_value(&event), input);
    }
}

/// The vendor's 2026 pages made assignment `data.type` optional: absent
/// reads as `None` and is written back absent.
#[test]
fn absent_assignment_type() {
    for ty in [AD, AR, AU] {
        let input = json!({"type": ty, "data": {
            "origin": "internal", "license": "L", "subject": "s"
        }});
        let event = parse(&input.to_string());
        let assignment_type = match &event {
            QlikEvent::AssignmentDeleted(e) => e.data.assignment_type.clone(),
            QlikEvent::AssignmentRejected(e) => e.data.assignment_type.clone(),
            QlikEvent::AssignmentUpdated(e) => e.data.assignment_type.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(assignment_type, None);
        assert_eq!(to_value(&event), input);
    }
}

// ---------------------------------------------------------------------------
// App usage.

#[test]
fn app_usage_without_data() {
    let mut input: Value = serde_json::from_str(&fixture_text(QC)).unwrap();
    input.as_object_mut().unwrap().remove("data");
    let event = parse(&input.to_string());
    let QlikEvent::QuotaConsumed(e) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(e.data, None);
    assert_eq!(e.tenant_id(), Some("id123"));
    assert_eq!(to_value(&event), input);
    assert_eq!(
        QuotaConsumedEvent::from_str(&input.to_string()).unwrap(),
        *e
    );
}

#[test]
fn app_usage_without_type_parsed_as_its_own_type() {
    let mut input: Value = serde_json::from_str(&fixture_text(QC)).unwrap();
    input.as_object_mut().unwrap().remove("type");
    let text = input.to_string();

    let event = QuotaConsumedEvent::from_str(&text).unwrap();
    assert_eq!(event.event_type(), EventType::QuotaConsumed);
    assert_eq!(event.data.as_ref().unwrap().usage, 2048);
    assert_eq!(
        QuotaConsumedEvent::from_slice(text.as_bytes()).unwrap(),
        event
    );
    // `type` is written even though it was absent.
    let written = serde_json::to_value(&event).unwrap();
    let mut expected = input.clone();
    expected["type"] = json!(QC);
    assert_eq!(written, expected);

    // Without `type`, the generic parse cannot tell the event type.
    let err = qlik_events::from_str(&text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingField);
    assert_eq!(err.path(), "type");
    assert_eq!(err.event_type(), None);
    assert!(err.line().is_some());

    // Without `type` and `data`.
    input.as_object_mut().unwrap().remove("data");
    let event = QuotaConsumedEvent::from_str(&input.to_string()).unwrap();
    assert_eq!(event.data, None);
}

#[test]
fn app_usage_with_space_usages() {
    let mut input: Value = serde_json::from_str(&fixture_text(QC)).unwrap();
    input["data"]["spaceUsages"] = json!([
        {"unit": "byte", "usage": 1024, "spaceId": "s1"},
        {"spaceId": "s2"},
        {"unit": "byte", "usage": 1024}
    ]);
    let event = parse(&input.to_string());
    let QlikEvent::QuotaConsumed(e) = &event else {
        panic!("{event:?}")
    };
    let items = e.data.as_ref().unwrap().space_usages.as_ref().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(
        (items[0].unit(), items[0].usage(), items[0].space_id()),
        (Some(Unit::Byte), Some(1024), Some("s1"))
    );
    assert_eq!(
        (items[1].unit(), items[1].usage(), items[1].space_id()),
        (None, None, Some("s2"))
    );
    assert_eq!(
        (items[2].unit(), items[2].usage(), items[2].space_id()),
        (Some(Unit::Byte), Some(1024), None)
    );
    assert_eq!(to_value(&event), input);
    // An empty list is a list.
    input["data"]["spaceUsages"] = json!([]);
    let event = parse(&input.to_string());
    let QlikEvent::QuotaConsumed(e) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(e.data.as_ref().unwrap().space_usages, Some(vec![]));
}

// ---------------------------------------------------------------------------
// Layout: whitespace and key order.

fn all_fixture_types() -> Vec<&'static str> {
    EventType::KNOWN.iter().map(EventType::as_str).collect()
}

#[test]
fn whitespace_and_pretty_printing_do_not_matter() {
    for ty in all_fixture_types() {
        let original = parse(&fixture_text(ty));
        let value: Value = serde_json::from_str(&fixture_text(ty)).unwrap();
        let compact = serde_json::to_string(&value).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        let crlf = pretty.replace('\n', "\r\n\t");
        let padded = format!(" \n\t{compact}\r\n \n");
        for text in [compact, pretty, crlf, padded] {
            assert_eq!(parse(&text), original, "{ty}:\n{text}");
        }
    }
}

#[test]
fn key_order_does_not_matter() {
    for ty in all_fixture_types() {
        let original = parse(&fixture_text(ty));
        let value: Value = serde_json::from_str(&fixture_text(ty)).unwrap();
        let mut keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        // `data` first and `type` last; then the reverse; then sorted.
        keys.retain(|k| *k != "data" && *k != "type");
        let mut data_first = vec!["data"];
        data_first.extend(&keys);
        data_first.push("type");
        let mut type_first = vec!["type"];
        type_first.extend(keys.iter().rev());
        type_first.push("data");
        for order in [data_first, type_first] {
            let text = object_in_order(&value, &order);
            assert_eq!(parse(&text), original, "{ty}:\n{text}");
        }
        // serde_json's own (sorted) order puts `data` before `type`.
        assert_eq!(parse(&value.to_string()), original);
        // Key order inside `data` does not matter either.
        let data = &value["data"];
        let mut data_keys: Vec<&str> = data
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        data_keys.reverse();
        let mut top = value.clone();
        top["data"] = json!("__DATA__");
        let text = top
            .to_string()
            .replace("\"__DATA__\"", &object_in_order(data, &data_keys));
        assert_eq!(parse(&text), original, "{ty}:\n{text}");
    }
}

// ---------------------------------------------------------------------------
// Builders.
// (The payload builders need the `builder` feature.)
#[cfg(feature = "builder")]
mod builders {
    use super::*;
    use qlik_events::SpecVersion;
    use qlik_events::app_usage::{QuotaConsumed, SpaceUsage};
    use qlik_events::licenses::{
        AssignmentDeleted, AssignmentRejected, AssignmentUpdated, DataVolume,
        DataVolumeConsumptionAggregated, DefinitionUpdated, DefinitionUpdatedEvent, LeaseCreated,
        LeaseDeleted, LeaseUpdate, LeaseUpdated, LeaseUpdatedEvent, License, TenantAssociated,
        Validity,
    };

    /// Puts `data` in an event with `tenantid` set, writes it, reads it back
    /// with `from_str`, and returns what was read.
    fn through_the_wire<T>(data: T) -> QlikEvent
    where
        T: qlik_events::EventData,
        Event<T>: Into<QlikEvent> + TryFrom<QlikEvent, Error = QlikEvent> + serde::Serialize,
    {
        let mut event = Event::new(data);
        event
            .envelope
            .set(Attribute::TenantId, "t1")
            .set(Attribute::Id, "e1");
        event.envelope.set_time(Some(example_time()));
        event.envelope.set_specversion(Some(SpecVersion::V1_0));
        let text = serde_json::to_string(&event).unwrap();
        let read = parse(&text);
        assert_eq!(read.event_type(), event.event_type());
        assert_eq!(Event::<T>::try_from(read.clone()).unwrap(), event);
        assert_eq!(read, event.into());
        read
    }

    fn missing(err: qlik_events::Error, first: &str, message: &str) {
        assert_eq!(err.kind(), ErrorKind::MissingField, "{err}");
        assert_eq!(err.path(), first);
        assert_eq!(err.message(), message);
        assert_eq!(err.line(), None);
    }

    #[test]
    fn assignment_builders() {
        let d = AssignmentDeleted::builder()
            .assignment_type("professional")
            .origin(Origin::Internal)
            .license("1234")
            .subject(r"qtsel\lhr")
            .extra("future", json!(1))
            .build()
            .unwrap();
        assert_eq!(d.license, "1234");
        assert_eq!(xval(&d.extra, "future"), json!(1));
        through_the_wire(d);

        let r = AssignmentRejected::builder()
            .assignment_type("analyzer")
            .origin(Origin::External)
            .license(License::new("L"))
            .subject("s")
            .message("no seats")
            .build()
            .unwrap();
        assert_eq!(r.message.as_deref(), Some("no seats"));
        through_the_wire(r);

        let u = AssignmentUpdated::builder()
            .assignment_type("")
            .origin(Origin::Internal)
            .license(1234123412341234_u64)
            .subject("s")
            .build()
            .unwrap();
        assert_eq!(u.license, "1234123412341234");
        through_the_wire(u);

        missing(
            AssignmentDeleted::builder()
                .origin(Origin::Internal)
                .build()
                .unwrap_err(),
            "license",
            "missing fields `license`, `subject`",
        );
        // `type` may be left out (optional since the vendor's 2026 pages).
        let d = AssignmentDeleted::builder()
            .origin(Origin::Internal)
            .license("L")
            .subject("s")
            .build()
            .unwrap();
        assert_eq!(d.assignment_type, None);
        through_the_wire(d);
        missing(
            AssignmentRejected::builder()
                .assignment_type("a")
                .origin(Origin::Internal)
                .license("L")
                .message("m")
                .build()
                .unwrap_err(),
            "subject",
            "missing field `subject`",
        );
        missing(
            AssignmentUpdated::builder()
                .assignment_type("a")
                .license("L")
                .subject("s")
                .build()
                .unwrap_err(),
            "origin",
            "missing field `origin`",
        );
    }

    #[test]
    fn data_volume_builders() {
        let volume = DataVolume::builder()
            .unit("byte")
            .local_volume(1)
            .external_volume(2)
            .consumption_type("c")
            .volume(3)
            .build()
            .unwrap();
        assert_eq!(volume.volume, Some(3));
        let d = DataVolumeConsumptionAggregated::builder()
            .data_volume(volume)
            .total_local_consumption(10)
            .total(11)
            .global_consumption_unit("byte")
            .build()
            .unwrap();
        assert_eq!(d.total, Some(11));
        assert_eq!(d.global_consumption, None);
        through_the_wire(d);

        missing(
            DataVolume::builder().unit("byte").build().unwrap_err(),
            "localVolume",
            "missing fields `localVolume`, `externalVolume`, `consumptionType`",
        );
        missing(
            DataVolumeConsumptionAggregated::builder()
                .total_local_consumption(1)
                .build()
                .unwrap_err(),
            "dataVolume",
            "missing field `dataVolume`",
        );
    }

    #[test]
    fn definition_and_tenant_builders() {
        let valid = Validity::builder()
            .start(json!("2024-01-01T00:00:00Z"))
            .build()
            .unwrap();
        let d = DefinitionUpdated::builder()
            .license("L")
            .valid(valid)
            .license_type("subscription")
            .latest_valid_time(None)
            .change_time(example_time())
            .build()
            .unwrap();
        assert_eq!(d.latest_valid_time, Some(None));
        assert_eq!(d.change_time, Some(example_time()));
        let read = through_the_wire(d);
        assert_eq!(
            serde_json::to_value(&read).unwrap()["data"]["latestValidTime"],
            Value::Null
        );
        missing(
            DefinitionUpdated::builder().build().unwrap_err(),
            "license",
            "missing field `license`",
        );

        let ta = TenantAssociated::builder()
            .license("L")
            .parent_license("P")
            .update_time(example_time())
            .build()
            .unwrap();
        assert_eq!(ta.previous_license, None);
        through_the_wire(ta);
        missing(
            TenantAssociated::builder()
                .license("L")
                .build()
                .unwrap_err(),
            "parentLicense",
            "missing field `parentLicense`",
        );
        // A builder with no required field.
        assert_eq!(Validity::builder().build().unwrap().start, None);
    }

    #[test]
    fn lease_builders() {
        let created = LeaseCreated::builder()
            .name("n")
            .size(4)
            .excess(false)
            .license("L")
            .resource("r")
            .created_at(None)
            .updated_at(example_time())
            .excess_quantity(0)
            .leased_quantity(1)
            .license_quantity(2)
            .license_unlimited(true)
            .build()
            .unwrap();
        assert_eq!(created.created_at, None);
        let read = through_the_wire(created);
        assert_eq!(
            serde_json::to_value(&read).unwrap()["data"]["createdAt"],
            Value::Null
        );

        let deleted = LeaseDeleted::builder()
            .name("n")
            .size(4)
            .excess(true)
            .license(7_u64)
            .resource("r")
            .created_at(example_time())
            .updated_at(example_time())
            .excess_quantity(i64::MAX)
            .leased_quantity(i64::MIN)
            .license_quantity(2)
            .license_unlimited(false)
            .build()
            .unwrap();
        through_the_wire(deleted);

        let update = LeaseUpdate::builder()
            .path("size")
            .new_value(json!(5))
            .build()
            .unwrap();
        assert_eq!(update.old_value, Value::Null);
        let updated = LeaseUpdated::builder()
            .name("n")
            .size(5)
            .excess(false)
            .license("L")
            .updates(vec![update])
            .resource("r")
            .created_at(example_time())
            .updated_at(example_time())
            .excess_quantity(0)
            .leased_quantity(1)
            .license_quantity(2)
            .license_unlimited(false)
            .build()
            .unwrap();
        let read = through_the_wire(updated);
        assert_eq!(
            serde_json::to_value(&read).unwrap()["data"]["_updates"],
            json!([{"path": "size", "newValue": 5, "oldValue": null}])
        );

        missing(
            LeaseUpdate::builder()
                .new_value(json!(1))
                .build()
                .unwrap_err(),
            "path",
            "missing field `path`",
        );
        missing(
            LeaseCreated::builder().name("n").build().unwrap_err(),
            "size",
            "missing fields `size`, `excess`, `license`, `resource`, `createdAt`, `updatedAt`, \
             `excessQuantity`, `leasedQuantity`, `licenseQuantity`, `licenseUnlimited`",
        );
        // `createdAt` is required even though it may be null.
        let err = LeaseDeleted::builder()
            .name("n")
            .size(4)
            .excess(true)
            .license("L")
            .resource("r")
            .updated_at(example_time())
            .excess_quantity(0)
            .leased_quantity(1)
            .license_quantity(2)
            .license_unlimited(false)
            .build()
            .unwrap_err();
        missing(err, "createdAt", "missing field `createdAt`");
    }

    #[test]
    fn app_usage_builders() {
        let item = SpaceUsage::builder()
            .space_id("s1")
            .usage(10)
            .unit(Unit::Byte)
            .build()
            .unwrap();
        let data = QuotaConsumed::builder()
            .unit(Unit::Byte)
            .quota(Quota::AppSizeTotalDefault)
            .usage(10)
            .space_usages(vec![item, SpaceUsage::builder().build().unwrap()])
            .build()
            .unwrap();
        assert_eq!(data.space_usages.as_ref().unwrap().len(), 2);
        through_the_wire(Some(data));
        through_the_wire(None::<QuotaConsumed>);
        missing(
            QuotaConsumed::builder().usage(1).build().unwrap_err(),
            "unit",
            "missing fields `unit`, `quota`",
        );
    }

    /// The per-type events of the fixtures built from builders equal the parsed
    /// ones (the builders produce the same values as the parser).
    #[test]
    fn builders_reproduce_a_fixture() {
        let parsed = LeaseCreatedEvent::from_str(&fixture_text(LC)).unwrap();
        let built = LeaseCreated::builder()
            .name("amlDepModel1")
            .size(4)
            .excess(true)
            .license(1234123412341234_u64)
            .resource("amlDepModel")
            .created_at(example_time())
            .updated_at(example_time())
            .excess_quantity(42)
            .leased_quantity(42)
            .license_quantity(42)
            .license_unlimited(true)
            .build()
            .unwrap();
        assert_eq!(built, parsed.data);

        let parsed = LeaseUpdatedEvent::from_str(&fixture_text(LU)).unwrap();
        assert_eq!(
            parsed.data.updates.unwrap(),
            vec![LeaseUpdate::builder().path("string").build().unwrap()]
        );

        let parsed = DefinitionUpdatedEvent::from_str(&fixture_text(DU)).unwrap();
        let built = DefinitionUpdated::builder()
            .license("string")
            .parent_license("string")
            .capability_bank_id("string")
            .build()
            .unwrap();
        assert_eq!(built, parsed.data);
    }
}

// ---------------------------------------------------------------------------
// Escapes and the plain serde entry points.

#[test]
fn escaped_type_and_keys_are_read_unescaped() {
    let mut data = minimal_lease_data();
    data["name"] = json!("caf\u{e9} \"n\"");
    let text = format!(
        r#"{{"t\u0079pe":"com.qlik.v1.license.lease.create\u0064","\u0069d":"e1","data":{data}}}"#
    );
    let event = parse(&text);
    let QlikEvent::LeaseCreated(e) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(e.data.name, "caf\u{e9} \"n\"");
    assert_eq!(event.id(), Some("e1"));
    assert!(event.envelope().extensions().is_empty());
}

#[test]
fn serde_entry_points_agree_with_from_slice() {
    for ty in all_fixture_types() {
        let text = fixture_text(ty);
        let event = parse(&text);
        // `Deserialize` through serde_json, on text (type before data) and on
        // a `Value` (whose sorted keys put data before type).
        assert_eq!(serde_json::from_str::<QlikEvent>(&text).unwrap(), event);
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            serde_json::from_value::<QlikEvent>(value.clone()).unwrap(),
            event
        );
        assert_eq!(
            serde_json::from_str::<QlikEvent>(&value.to_string()).unwrap(),
            event
        );
    }
    let unknown = json!({"type": PURGED, "data": {"a": [1, 2]}});
    let event = serde_json::from_value::<QlikEvent>(unknown.clone()).unwrap();
    assert_eq!(to_value(&event), unknown);
    let typed: LeaseCreatedEvent = serde_json::from_str(&fixture_text(LC)).unwrap();
    assert_eq!(
        typed,
        LeaseCreatedEvent::from_str(&fixture_text(LC)).unwrap()
    );
}

#[test]
fn auth_claims_serialize_as_one_object() {
    let text = r#"{"tenantId":"t1","subType":"user","iss":"i","roles":["a",{"b":null}]}"#;
    let claims = qlik_events::AuthClaims::parse(text).unwrap();
    // The named claims first, then the others (in the map's order).
    assert_eq!(
        serde_json::to_string(&claims).unwrap(),
        r#"{"iss":"i","subType":"user","roles":["a",{"b":null}],"tenantId":"t1"}"#
    );
    assert_eq!(
        serde_json::to_value(&claims).unwrap(),
        serde_json::from_str::<Value>(text).unwrap()
    );
    let back = qlik_events::AuthClaims::parse(&serde_json::to_string(&claims).unwrap()).unwrap();
    assert_eq!(back, claims);
    // Absent claims are not written at all.
    let empty = qlik_events::AuthClaims::parse("{}").unwrap();
    assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
}

/// `Extra` equality ignores member order, also past the sizes where members
/// are looked up by hash, and compares values as JSON.
#[test]
fn extra_equality_in_any_order() {
    use qlik_events::Extra;
    for n in [3, 17, 40, 300] {
        let forward: Extra = (0..n).map(|i| (format!("k{i}"), json!([i, i]))).collect();
        let mut backward = Extra::new();
        for i in (0..n).rev() {
            let text = format!("[{i},\n {i}]"); // Same value, other text.
            backward.insert_raw(
                format!("k{i}"),
                serde_json::value::RawValue::from_string(text).unwrap(),
            );
        }
        assert_eq!(forward, backward, "{n}");

        let mut other_value = backward.clone();
        other_value.insert(format!("k{}", n / 2), json!([0, 1]));
        assert_ne!(forward, other_value, "{n}");

        let mut other_key = backward.clone();
        other_key.remove("k0");
        other_key.insert("z", json!([0, 0]));
        assert_ne!(forward, other_key, "{n}");
        assert_ne!(other_key, forward, "{n}");
    }
}
