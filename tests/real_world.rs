//! Issue 11: the shapes real deliveries take, written from the vendor's
//! public pages (`../shared/spec/NOTES.md` lists them) and the CloudEvents
//! 0.1 spec: each row is a body and what a receiver must get from it.
//! Every accepted body also reads back as itself once written.

use chrono::{TimeZone, Utc};
use qlik_events::licenses::{AssignmentUpdatedEvent, LeaseCreatedEvent};
use qlik_events::{ErrorKind, EventType, QlikEvent, SpecVersion};
use serde_json::{Value, json};

/// The member `key` of the event's extensions as a JSON value.
fn ext(event: &QlikEvent, key: &str) -> Value {
    event
        .envelope()
        .extensions()
        .get_as(key)
        .unwrap_or_else(|| panic!("no extension `{key}`: {event:?}"))
        .unwrap()
}

const LEASE_DATA: &str = r#"{"name": "n", "size": 4, "excess": false,
    "license": "1234123412341234", "resource": "r", "createdAt": null,
    "updatedAt": "2026-03-01T10:00:00Z", "excessQuantity": 0,
    "leasedQuantity": 1, "licenseQuantity": 10, "licenseUnlimited": false}"#;

/// A body in the CloudEvents 0.1 envelope: `eventType` and the members
/// given, `data` a lease payload.
fn v01(members: &str) -> String {
    format!(
        r#"{{"cloudEventsVersion": "0.1", "eventType": "com.qlik.v1.license.lease.created",
            "eventTypeVersion": "1.0.0", "source": "com.qlik/licenses", {members},
            "data": {LEASE_DATA}}}"#
    )
}

struct Row {
    name: &'static str,
    body: String,
    check: fn(&QlikEvent),
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            name: "CloudEvents 0.1: eventID (the spec's spelling)",
            body: v01(r#""eventID": "e-01", "eventTime": "2026-03-01T10:00:00Z""#),
            check: |e| {
                assert_eq!(e.event_type(), EventType::LeaseCreated);
                assert_eq!(e.id(), Some("e-01"));
                assert_eq!(
                    e.time(),
                    Some(Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap())
                );
                assert_eq!(e.source(), Some("com.qlik/licenses"));
                // 0.1's version is no 1.0 `specversion`: kept, none invented.
                assert_eq!(e.envelope().specversion(), None);
                assert_eq!(ext(e, "cloudEventsVersion"), "0.1");
                assert_eq!(ext(e, "eventTypeVersion"), "1.0.0");
                assert!(e.envelope().extensions().get("eventID").is_none());
            },
        },
        Row {
            name: "eventId (some vendor documents)",
            body: v01(r#""eventId": "e-02""#),
            check: |e| assert_eq!(e.id(), Some("e-02")),
        },
        Row {
            name: "eventID and eventId disagreeing: the first governs",
            body: v01(r#""eventID": "e-03", "eventId": "e-03b""#),
            check: |e| {
                assert_eq!(e.id(), Some("e-03"));
                assert_eq!(ext(e, "eventId"), "e-03b");
            },
        },
        Row {
            name: "contentType (the 0.1 spec's spelling)",
            body: v01(r#""eventID": "e-04", "contentType": "application/json""#),
            check: |e| assert_eq!(e.data_content_type(), Some("application/json")),
        },
        Row {
            name: "contenttype in lower case",
            body: v01(r#""eventID": "e-05", "contenttype": "application/json""#),
            check: |e| assert_eq!(e.data_content_type(), Some("application/json")),
        },
        Row {
            name: "schemaURL becomes dataschema",
            body: v01(r#""eventID": "e-06", "schemaURL": "https://qlik.dev/schemas/lease""#),
            check: |e| assert_eq!(e.data_schema(), Some("https://qlik.dev/schemas/lease")),
        },
        Row {
            name: "camelCase keys in extensions",
            body: v01(
                r#""eventID": "e-07", "extensions": {"tenantId": "t7", "userId": "u7",
                    "ownerId": "o7", "spaceId": "s7", "topLevelResourceId": "r7",
                    "sessionId": "x7"}"#,
            ),
            check: |e| {
                assert_eq!(
                    (e.tenant_id(), e.user_id(), e.owner_id()),
                    (Some("t7"), Some("u7"), Some("o7"))
                );
                assert_eq!(
                    (e.space_id(), e.top_level_resource_id(), e.session_id()),
                    (Some("s7"), Some("r7"), Some("x7"))
                );
                assert!(e.envelope().extensions().get("extensions").is_none());
            },
        },
        Row {
            name: "lower-case keys in extensions",
            body: v01(
                r#""eventID": "e-08", "extensions": {"userid": "u8", "tenantid": "t8",
                    "toplevelresourceid": "r8"}"#,
            ),
            check: |e| {
                assert_eq!(
                    (e.tenant_id(), e.user_id(), e.top_level_resource_id()),
                    (Some("t8"), Some("u8"), Some("r8"))
                );
            },
        },
        Row {
            name: "tenant in both places, disagreeing: the 1.0 name governs",
            body: v01(
                r#""eventID": "e-09", "tenantid": "t9", "extensions": {"tenantId": "t9-old"}"#,
            ),
            check: |e| {
                assert_eq!(e.tenant_id(), Some("t9"));
                assert_eq!(ext(e, "extensions"), json!({"tenantId": "t9-old"}));
            },
        },
        Row {
            name: "messageTopic and extensions.header / meta (no spec lists them)",
            body: v01(
                r#""eventID": "e-10", "messageTopic": "system-events.licenses",
                    "extensions": {"tenantId": "t10", "header": {"traceId": "abc"},
                    "meta": {"retries": 0}}"#,
            ),
            check: |e| {
                assert_eq!(e.tenant_id(), Some("t10"));
                assert_eq!(ext(e, "messageTopic"), "system-events.licenses");
                assert_eq!(ext(e, "header"), json!({"traceId": "abc"}));
                assert_eq!(ext(e, "meta"), json!({"retries": 0}));
            },
        },
        Row {
            name: "hybrid whose type and eventType disagree (scheduling tasks)",
            body: r#"{"specversion": "1.0", "id": "e-11",
                "type": "com.qlik.scheduling.tasks.created",
                "eventType": "com.qlik.scheduling.task.updated",
                "source": "com.qlik/scheduling", "data": {"taskId": "k1"}}"#
                .to_owned(),
            check: |e| {
                assert!(!e.is_known());
                assert_eq!(e.event_type().as_str(), "com.qlik.scheduling.tasks.created");
                assert_eq!(ext(e, "eventType"), "com.qlik.scheduling.task.updated");
            },
        },
        Row {
            name: "hybrid, eventType first, naming a modelled type that `type` overrides",
            body: format!(
                r#"{{"eventType": "com.qlik.v1.license.lease.deleted", "id": "e-12",
                    "data": {LEASE_DATA}, "type": "com.qlik.v1.license.lease.created"}}"#
            ),
            check: |e| {
                assert_eq!(e.event_type(), EventType::LeaseCreated);
                assert_eq!(ext(e, "eventType"), "com.qlik.v1.license.lease.deleted");
            },
        },
        Row {
            name: "specversion 1.0.2 on a type the crate does not model (apps events)",
            body: r#"{"specversion": "1.0.2", "type": "com.qlik.v1.app.reload.finished",
                "id": "e-13", "source": "com.qlik/apps", "data": {"status": "ok"}}"#
                .to_owned(),
            check: |e| {
                assert!(!e.is_known());
                assert_eq!(e.envelope().specversion(), None);
                assert_eq!(ext(e, "specversion"), "1.0.2");
            },
        },
        Row {
            name: "assignment without data.type (2026 pages)",
            body: r#"{"type": "com.qlik.license.assignment.updated", "id": "e-14",
                "data": {"origin": "external", "license": "L", "subject": "s"}}"#
                .to_owned(),
            check: |e| {
                let QlikEvent::AssignmentUpdated(a) = e else {
                    panic!("{e:?}")
                };
                assert_eq!(a.data.assignment_type, None);
            },
        },
        Row {
            name: "assignment with data.type empty (no allotment name)",
            body: r#"{"type": "com.qlik.license.assignment.updated", "id": "e-15",
                "data": {"type": "", "origin": "internal", "license": "L", "subject": "s"}}"#
                .to_owned(),
            check: |e| {
                let QlikEvent::AssignmentUpdated(a) = e else {
                    panic!("{e:?}")
                };
                assert_eq!(a.data.assignment_type.as_deref(), Some(""));
            },
        },
        Row {
            name: "license as a number (older pages) and as a string (newer)",
            body: r#"{"type": "com.qlik.license.assignment.deleted", "id": "e-16",
                "data": {"origin": "internal", "license": 1234123412341234, "subject": "s"}}"#
                .to_owned(),
            check: |e| {
                let QlikEvent::AssignmentDeleted(a) = e else {
                    panic!("{e:?}")
                };
                assert_eq!(a.data.license, "1234123412341234");
            },
        },
    ]
}

#[test]
fn real_world_shapes() {
    for row in rows() {
        let event = qlik_events::from_str(&row.body)
            .unwrap_or_else(|e| panic!("{}: {e}\n{}", row.name, row.body));
        (row.check)(&event);
        let written = qlik_events::to_string(&event).unwrap();
        let again = qlik_events::from_str(&written).unwrap();
        assert_eq!(again, event, "{}: written {written}", row.name);
        (row.check)(&again);
    }
}

/// The per-type parse reads the older envelope by the same table and rule.
#[test]
fn per_type_parse_of_real_world_shapes() {
    let e =
        LeaseCreatedEvent::from_str(&v01(r#""eventID": "e-1", "extensions": {"tenantid": "t"}"#))
            .unwrap();
    assert_eq!((e.id(), e.tenant_id()), (Some("e-1"), Some("t")));
    // `type` of this type governs over an `eventType` of another.
    let body = format!(
        r#"{{"eventType": "com.qlik.v1.license.lease.deleted", "type": "com.qlik.v1.license.lease.created", "data": {LEASE_DATA}}}"#
    );
    let e = LeaseCreatedEvent::from_str(&body).unwrap();
    assert_eq!(
        e.envelope.extensions().get("eventType").unwrap().get(),
        r#""com.qlik.v1.license.lease.deleted""#
    );
    // Without a `type`, an `eventType` of another type is a mismatch.
    let body =
        format!(r#"{{"eventType": "com.qlik.v1.license.lease.deleted", "data": {LEASE_DATA}}}"#);
    let err = LeaseCreatedEvent::from_str(&body).unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (ErrorKind::EventTypeMismatch, "eventType")
    );
    let e = AssignmentUpdatedEvent::from_str(
        r#"{"type": "com.qlik.license.assignment.updated", "data": {"origin": "internal", "license": "L", "subject": "s"}}"#,
    )
    .unwrap();
    assert_eq!(e.data.assignment_type, None);
}

/// What stays strict: the closed sets of the modelled types, and what every
/// CloudEvent needs.
#[test]
fn what_is_still_refused() {
    let cases = [
        // A modelled type allows only `specversion` 1.0 (both page versions).
        (
            format!(
                r#"{{"type": "com.qlik.v1.license.lease.created", "specversion": "1.0.2", "data": {LEASE_DATA}}}"#
            ),
            ErrorKind::InvalidValue,
            "specversion",
        ),
        // Also when `specversion` comes before the type.
        (
            format!(
                r#"{{"specversion": "1.0.2", "type": "com.qlik.v1.license.lease.created", "data": {LEASE_DATA}}}"#
            ),
            ErrorKind::InvalidValue,
            "specversion",
        ),
        (
            r#"{"type": "", "id": "e"}"#.to_owned(),
            ErrorKind::InvalidValue,
            "type",
        ),
        (
            r#"{"type": "com.example.v1.unknown.type", "specversion": 1}"#.to_owned(),
            ErrorKind::InvalidType,
            "specversion",
        ),
        (
            r#"{"type": "com.example.v1.unknown.type", "extensions": {"tenantid": 5}}"#.to_owned(),
            ErrorKind::InvalidType,
            "extensions.tenantid",
        ),
        (
            r#"{"type": "com.example.v1.unknown.type", "eventID": "a", "eventID": "b"}"#.to_owned(),
            ErrorKind::DuplicateField,
            "eventID",
        ),
        (
            r#"{"type": "com.example.v1.unknown.type", "time": "yesterday"}"#.to_owned(),
            ErrorKind::InvalidValue,
            "time",
        ),
    ];
    for (body, kind, path) in cases {
        let err = qlik_events::from_str(&body).unwrap_err();
        assert_eq!((err.kind(), err.path()), (kind, path), "{body}: {err}");
    }
    // Where `specversion` came first, the error points at it.
    let body = format!(
        "{{\"specversion\": \"1.0.2\",\n\"type\": \"com.qlik.v1.license.lease.created\", \"data\": {LEASE_DATA}}}"
    );
    let err = qlik_events::from_str(&body).unwrap_err();
    assert_eq!((err.line(), err.column()), (Some(1), Some(23)), "{err}");
    // Building one has the same rule as parsing.
    let err =
        QlikEvent::from_parts(qlik_events::Envelope::new(), EventType::from(""), None).unwrap_err();
    assert_eq!((err.kind(), err.path()), (ErrorKind::InvalidValue, "type"));
    // The closed set is still the crate's `SpecVersion`.
    assert_eq!(SpecVersion::ALL, [SpecVersion::V1_0]);
}

// ---------------------------------------------------------------------------
// Failures keep what was read.

const FAILING: &str = r#"{"id": "bad-1", "tenantid": "t-1", "source": "com.qlik/licenses",
    "type": "com.qlik.v1.license.lease.created", "data": {"size": "four"}}"#;

fn assert_logged(err: &qlik_events::Error) {
    assert_eq!(err.id(), Some("bad-1"), "{err:?}");
    assert_eq!(err.tenant_id(), Some("t-1"));
    assert_eq!(err.event_source(), Some("com.qlik/licenses"));
    assert_eq!(err.event_type(), Some("com.qlik.v1.license.lease.created"));
}

#[test]
fn every_entry_point_keeps_the_envelope_read() {
    assert_logged(&qlik_events::from_str(FAILING).unwrap_err());
    assert_logged(&qlik_events::from_slice(FAILING.as_bytes()).unwrap_err());
    assert_logged(&LeaseCreatedEvent::from_str(FAILING).unwrap_err());

    let ndjson = format!(
        "{}\n{}\n",
        FAILING.replace('\n', " "),
        FAILING.replace('\n', " ")
    );
    for record in qlik_events::stream::events(ndjson.as_bytes()) {
        assert_logged(record.result.as_ref().unwrap_err());
    }
    for record in qlik_events::stream::read_ndjson(ndjson.as_bytes()) {
        assert_logged(record.result.as_ref().unwrap_err());
    }
    let batch = format!("[{FAILING}]");
    for record in qlik_events::stream::events(batch.as_bytes()) {
        assert_logged(record.result.as_ref().unwrap_err());
    }

    // The older envelope's names too; only what came before the failure.
    let err = qlik_events::from_str(
        r#"{"eventID": "e-9", "extensions": {"tenantId": "t-9"}, "eventType": 5, "source": "later"}"#,
    )
    .unwrap_err();
    assert_eq!((err.id(), err.tenant_id()), (Some("e-9"), Some("t-9")));
    assert_eq!((err.event_source(), err.event_type()), (None, None));

    // Nothing read: nothing to show.
    let err = qlik_events::from_str("[]").unwrap_err();
    assert!(err.envelope().is_none());
}

#[cfg(feature = "audit")]
#[test]
fn audit_items_keep_the_envelope_read() {
    use qlik_events::audit::{AuditEvent, AuditPage};
    let item = r#"{"eventId": "bad-1", "tenantId": "t-1", "source": "com.qlik/licenses",
        "eventType": "com.qlik.v1.license.lease.created", "data": {"size": "four"}}"#;
    assert_logged(&AuditEvent::from_str(item).unwrap_err());
    assert_logged(&AuditPage::from_str(&format!(r#"{{"data": [{item}]}}"#)).unwrap_err());
}
