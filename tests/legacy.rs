//! The vendor's older webhook envelope (CloudEvents 0.1 style) and hybrid
//! bodies that carry both sets of names parse into `QlikEvent`.

mod common;

use chrono::{TimeZone, Utc};
use common::xval;
use qlik_events::licenses::LeaseCreatedEvent;
use qlik_events::{Attribute, ErrorKind, EventType, QlikEvent};
use serde_json::{Value, json};

const LEGACY: &str = include_str!("fixtures/legacy/lease-created.legacy.json");
const HYBRID: &str = include_str!("fixtures/legacy/lease-created.hybrid.json");
const PUBLISHED: &str = include_str!("fixtures/com.qlik.v1.license.lease.created.json");

fn lease(event: &QlikEvent) -> &LeaseCreatedEvent {
    match event {
        QlikEvent::LeaseCreated(e) => e,
        other => panic!("not a lease.created event: {other:?}"),
    }
}

#[test]
fn legacy_body_maps_every_name() {
    let event = qlik_events::from_str(LEGACY).unwrap();
    let e = lease(&event);
    assert_eq!(e.id(), Some("e-1"));
    assert_eq!(
        e.time(),
        Some(Utc.with_ymd_and_hms(2018, 10, 30, 7, 6, 22).unwrap())
    );
    assert_eq!(e.source(), Some("com.qlik/licenses"));
    assert_eq!(e.data_content_type(), Some("application/json"));
    assert_eq!(e.tenant_id(), Some("t1"));
    assert_eq!(e.user_id(), Some("u1"));
    assert_eq!(e.owner_id(), Some("o1"));
    // No CloudEvents 1.0 `specversion` was sent: none is invented.
    assert_eq!(e.envelope.specversion(), None);
    let ext = e.envelope.extensions();
    assert_eq!(xval(ext, "actor"), json!({"sub": "u1", "subType": "user"}));
    assert_eq!(xval(ext, "updates"), json!([1]));
    assert_eq!(xval(ext, "cloudEventsVersion"), "0.1");
    assert_eq!(xval(ext, "eventTypeVersion"), "1.0.0");
    assert_eq!(ext.len(), 4);
    // The payload is the published example's.
    let published = lease(&qlik_events::from_str(PUBLISHED).unwrap())
        .data
        .clone();
    assert_eq!(e.data, published);
}

#[test]
fn hybrid_body_with_agreeing_names_equals_legacy() {
    let legacy = qlik_events::from_str(LEGACY).unwrap();
    let mut hybrid = qlik_events::from_str(HYBRID).unwrap();
    // The hybrid adds `specversion`; everything else agrees.
    assert_eq!(
        hybrid.envelope().specversion(),
        Some(qlik_events::SpecVersion::V1_0)
    );
    hybrid.envelope_mut().set_specversion(None);
    assert_eq!(hybrid, legacy);
}

#[test]
fn legacy_round_trips_as_cloudevents_1_0() {
    let event = qlik_events::from_str(LEGACY).unwrap();
    let text = serde_json::to_string(&event).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["id"], "e-1");
    assert_eq!(value["type"], "com.qlik.v1.license.lease.created");
    assert_eq!(value["tenantid"], "t1");
    assert!(value.get("eventId").is_none());
    assert!(value.get("extensions").is_none());
    assert_eq!(qlik_events::from_str(&text).unwrap(), event);
}

#[test]
fn per_type_parse_reads_event_type() {
    let event = LeaseCreatedEvent::from_str(LEGACY).unwrap();
    assert_eq!(event.data.name, "amlDepModel1");
    let mut body: Value = serde_json::from_str(LEGACY).unwrap();
    body["eventType"] = json!("com.qlik.v1.license.lease.deleted");
    let err = LeaseCreatedEvent::from_str(&body.to_string()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::EventTypeMismatch);
    assert_eq!(err.path(), "eventType");
}

/// Every published example, rewritten in the older envelope, parses to the
/// same event once the names are mapped back.
#[test]
fn every_published_example_in_the_older_envelope() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let published = qlik_events::from_str(&text).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        let mut legacy = serde_json::Map::new();
        let mut extensions = serde_json::Map::new();
        for (k, val) in v.as_object().unwrap() {
            let (top, name) = match k.as_str() {
                "id" => (true, "eventId"),
                "time" => (true, "eventTime"),
                "type" => (true, "eventType"),
                "datacontenttype" => (true, "contentType"),
                "tenantid" => (false, "tenantId"),
                "userid" => (false, "userId"),
                "ownerid" => (false, "ownerId"),
                "spaceid" => (false, "spaceId"),
                "sessionid" => (false, "sessionId"),
                "toplevelresourceid" => (false, "topLevelResourceId"),
                other => (true, other),
            };
            if top {
                legacy.insert(name.to_owned(), val.clone());
            } else {
                extensions.insert(name.to_owned(), val.clone());
            }
        }
        legacy.insert("extensions".into(), Value::Object(extensions));
        let parsed = qlik_events::from_str(&Value::Object(legacy).to_string())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(parsed, published, "{}", path.display());
        seen += 1;
    }
    assert_eq!(seen, qlik_events::EventType::KNOWN.len());
}

/// Parses `body`, checks that the event reads back as itself once written,
/// and returns it.
fn parse_and_round_trip(body: &Value) -> QlikEvent {
    let event = qlik_events::from_str(&body.to_string()).unwrap_or_else(|e| panic!("{body}: {e}"));
    let text = serde_json::to_string(&event).unwrap();
    assert_eq!(qlik_events::from_str(&text).unwrap(), event, "{text}");
    event
}

/// Names that disagree were a `Conflict` error; since issue 11 the
/// CloudEvents 1.0 name at the top level governs and every other value is
/// kept as an extension under the name it was sent with (the vendor's own
/// documents carry such bodies).
#[test]
fn hybrid_names_that_disagree_keep_every_value() {
    let base: Value = serde_json::from_str(HYBRID).unwrap();

    let mut body = base.clone();
    body["id"] = json!("other");
    let event = parse_and_round_trip(&body);
    assert_eq!(event.id(), Some("other"));
    assert_eq!(xval(event.envelope().extensions(), "eventId"), "e-1");

    // `extensions.tenantId` loses to `tenantid`: kept inside `extensions`.
    let mut body = base.clone();
    body["extensions"]["tenantId"] = json!("t2");
    let event = parse_and_round_trip(&body);
    assert_eq!(event.tenant_id(), Some("t1"));
    assert_eq!(
        xval(event.envelope().extensions(), "extensions"),
        json!({"tenantId": "t2"})
    );
    // Also when `tenantid` comes after `extensions`.
    let text = HYBRID.replacen("\"tenantId\": \"t1\"", "\"tenantId\": \"t2\"", 1);
    let text = text.replacen("\"tenantid\": \"t1\",", "", 1);
    let text = text.replacen("\"data\": {", "\"tenantid\": \"t1\", \"data\": {", 1);
    let event = qlik_events::from_str(&text).unwrap();
    assert_eq!(event.tenant_id(), Some("t1"));
    assert_eq!(
        xval(event.envelope().extensions(), "extensions"),
        json!({"tenantId": "t2"})
    );

    // `type` governs over `eventType`; `data` is read for `type`.
    let mut body = base.clone();
    body["eventType"] = json!("com.qlik.v1.license.lease.deleted");
    let event = parse_and_round_trip(&body);
    assert_eq!(event.event_type(), EventType::LeaseCreated);
    assert_eq!(
        xval(event.envelope().extensions(), "eventType"),
        "com.qlik.v1.license.lease.deleted"
    );

    let mut body = base.clone();
    body["eventTime"] = json!("2018-10-30T07:06:23Z");
    let event = parse_and_round_trip(&body);
    assert_eq!(
        event.time(),
        Some(Utc.with_ymd_and_hms(2018, 10, 30, 7, 6, 22).unwrap())
    );
    assert_eq!(
        xval(event.envelope().extensions(), "eventTime"),
        "2018-10-30T07:06:23Z"
    );

    // The same instant written with another offset agrees.
    let mut body = base.clone();
    body["eventTime"] = json!("2018-10-30T08:06:22+01:00");
    let event = parse_and_round_trip(&body);
    assert!(event.envelope().extensions().get("eventTime").is_none());
}

#[test]
fn legacy_names_keep_the_usual_rules() {
    let base: Value = serde_json::from_str(LEGACY).unwrap();

    // `tenantId` inside `extensions` satisfies the required `tenantid`.
    let mut body = base.clone();
    body["eventType"] = json!("com.qlik.v1.license.tenant.associated");
    body["data"] = json!({"license": "L", "parentLicense": "P"});
    let event = qlik_events::from_str(&body.to_string()).unwrap();
    assert_eq!(event.event_type(), EventType::TenantAssociated);
    body["extensions"]
        .as_object_mut()
        .unwrap()
        .remove("tenantId");
    let err = qlik_events::from_str(&body.to_string()).unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (ErrorKind::MissingField, "tenantid")
    );

    // Wrong types and duplicates inside `extensions` have their path.
    let mut body = base.clone();
    body["extensions"]["ownerId"] = json!(5);
    let err = qlik_events::from_str(&body.to_string()).unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (ErrorKind::InvalidType, "extensions.ownerId")
    );

    let mut body = base.clone();
    body["extensions"] = json!([]);
    let err = qlik_events::from_str(&body.to_string()).unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (ErrorKind::InvalidType, "extensions")
    );

    let dup = LEGACY.replacen(
        "\"eventId\": \"e-1\",",
        "\"eventId\": \"e-1\", \"eventId\": \"e-1\",",
        1,
    );
    let err = qlik_events::from_str(&dup).unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (ErrorKind::DuplicateField, "eventId")
    );

    // An extension sent both inside `extensions` and at the top level: the
    // top-level one governs, the other is kept inside `extensions`.
    let mut body = base.clone();
    body["actor"] = json!({"sub": "someone else"});
    let event = parse_and_round_trip(&body);
    let ext = event.envelope().extensions();
    assert_eq!(xval(ext, "actor"), json!({"sub": "someone else"}));
    assert_eq!(
        xval(ext, "extensions"),
        json!({"actor": {"sub": "u1", "subType": "user"}})
    );
    let mut body = base;
    body["actor"] = json!({"sub": "u1", "subType": "user"});
    let event = qlik_events::from_str(&body.to_string()).unwrap();
    assert_eq!(event.envelope().get(Attribute::OwnerId), Some("o1"));
}

/// A key of `extensions` with an attribute's name (lower-case, as some
/// vendor documents write them) is that attribute; `type` and the other
/// names read only at the top level are kept inside `extensions`.
#[test]
fn extensions_keys_with_attribute_names() {
    let mut body: Value = serde_json::from_str(LEGACY).unwrap();
    body["extensions"]["host"] = json!("h");
    body["extensions"]["toplevelresourceid"] = json!("r1");
    body["extensions"]["type"] = json!("x");
    let event = parse_and_round_trip(&body);
    assert_eq!(event.event_type(), EventType::LeaseCreated);
    assert_eq!(event.host(), Some("h"));
    assert_eq!(event.top_level_resource_id(), Some("r1"));
    assert_eq!(
        xval(event.envelope().extensions(), "extensions"),
        json!({"type": "x"})
    );
}
