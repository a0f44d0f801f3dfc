//! Every published example (`tests/fixtures/<event type>.json`) parses into
//! its own variant with the values it holds, round-trips, and writes back the
//! same JSON up to the documented normalisations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use common::{fixture_bytes, fixture_events, fixture_files, fixtures_dir};
use qlik_events::app_usage::{Quota, Unit};
use qlik_events::licenses::{LeaseCreatedEvent, LeaseDeletedEvent, Origin};
use qlik_events::{
    Attribute, Channel, Envelope, ErrorKind, Event, EventData, EventType, EventVisitor, QlikEvent,
    SpecVersion,
};
use serde_json::{Map, Value, json};

const LICENSE_NUMBER: &str = "1234123412341234";

fn parse(event_type: &str) -> QlikEvent {
    qlik_events::from_slice(&fixture_bytes(event_type)).unwrap()
}

/// `2018-10-30T07:06:22Z`, the time of every example.
fn example_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2018, 10, 30, 7, 6, 22).unwrap()
}

/// The envelope of the license examples: every CloudEvents attribute set to
/// `"string"`, and some of `userid`, `tenantid`, `sessionid`.
fn assert_license_envelope(env: &Envelope, userid: bool, tenantid: bool, sessionid: bool) {
    assert_eq!(env.id(), Some("string"));
    assert_eq!(env.time(), Some(example_time()));
    assert_eq!(env.source(), Some("string"));
    assert_eq!(env.specversion(), Some(SpecVersion::V1_0));
    assert_eq!(env.data_content_type(), Some("application/json"));
    assert_eq!(env.auth_type(), Some("string"));
    assert_eq!(env.auth_claims(), Some("string"));
    assert_eq!(env.trace_state(), Some("string"));
    assert_eq!(env.trace_parent(), Some("string"));
    assert_eq!(env.user_id(), userid.then_some("string"));
    assert_eq!(env.tenant_id(), tenantid.then_some("string"));
    assert_eq!(env.session_id(), sessionid.then_some("string"));
    assert_eq!(env.subject(), None);
    assert_eq!(env.data_schema(), None);
    assert_eq!(env.host(), None);
    assert_eq!(env.owner_id(), None);
    assert_eq!(env.origin_ip(), None);
    assert_eq!(env.reason(), None);
    assert_eq!(env.space_id(), None);
    assert_eq!(env.client_id(), None);
    assert_eq!(env.top_level_resource_id(), None);
    assert!(env.extensions().is_empty(), "{:?}", env.extensions());

    // The same through the generic API, exactly and in `Attribute::ALL` order.
    let mut expected = vec![
        (Attribute::Id, "string"),
        (Attribute::Source, "string"),
        (Attribute::DataContentType, "application/json"),
        (Attribute::AuthType, "string"),
        (Attribute::AuthClaims, "string"),
        (Attribute::TraceState, "string"),
        (Attribute::TraceParent, "string"),
    ];
    if userid {
        expected.push((Attribute::UserId, "string"));
    }
    if tenantid {
        expected.push((Attribute::TenantId, "string"));
    }
    if sessionid {
        expected.push((Attribute::SessionId, "string"));
    }
    assert_eq!(env.attributes().collect::<Vec<_>>(), expected);

    // `authclaims` is "string" in the license examples: not a JSON document.
    let err = env.claims().unwrap().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
    assert_eq!(err.path(), "authclaims");
}

#[test]
fn assignment_deleted() {
    let event = parse("com.qlik.license.assignment.deleted");
    assert_eq!(event.event_type(), EventType::AssignmentDeleted);
    let QlikEvent::AssignmentDeleted(e) = &event else {
        panic!("wrong variant: {event:?}")
    };
    assert_license_envelope(&e.envelope, false, true, true);
    assert_eq!(e.data.assignment_type.as_deref(), Some("professional"));
    assert_eq!(e.data.origin, Origin::Internal);
    assert_eq!(e.data.license, LICENSE_NUMBER);
    assert_eq!(e.data.subject, r"qtsel\lhr");
    assert!(e.data.extra.is_empty());
}

#[test]
fn assignment_rejected() {
    let event = parse("com.qlik.license.assignment.rejected");
    assert_eq!(event.event_type(), EventType::AssignmentRejected);
    let QlikEvent::AssignmentRejected(e) = &event else {
        panic!("wrong variant: {event:?}")
    };
    assert_license_envelope(&e.envelope, false, true, true);
    assert_eq!(e.data.assignment_type.as_deref(), Some("professional"));
    assert_eq!(e.data.origin, Origin::Internal);
    assert_eq!(e.data.license, LICENSE_NUMBER);
    assert_eq!(e.data.message.as_deref(), Some("string"));
    assert_eq!(e.data.subject, r"qtsel\lhr");
    assert!(e.data.extra.is_empty());
}

#[test]
fn assignment_updated() {
    let event = parse("com.qlik.license.assignment.updated");
    assert_eq!(event.event_type(), EventType::AssignmentUpdated);
    let QlikEvent::AssignmentUpdated(e) = &event else {
        panic!("wrong variant: {event:?}")
    };
    assert_license_envelope(&e.envelope, false, true, true);
    assert_eq!(e.data.assignment_type.as_deref(), Some("professional"));
    assert_eq!(e.data.origin, Origin::Internal);
    assert_eq!(e.data.license, LICENSE_NUMBER);
    assert_eq!(e.data.subject, r"qtsel\lhr");
    assert!(e.data.extra.is_empty());
}

#[test]
fn data_volume_consumption_aggregated() {
    let event = parse("com.qlik.license.data.volume.consumption.aggregated");
    assert_eq!(
        event.event_type(),
        EventType::DataVolumeConsumptionAggregated
    );
    let QlikEvent::DataVolumeConsumptionAggregated(e) = &event else {
        panic!("wrong variant: {event:?}")
    };
    assert_license_envelope(&e.envelope, false, true, false);
    let d = &e.data;
    assert_eq!(d.total, Some(42));
    assert_eq!(d.data_volume.unit, "string");
    assert_eq!(d.data_volume.volume, Some(42));
    assert_eq!(d.data_volume.local_volume, 42);
    assert_eq!(d.data_volume.external_volume, 42);
    assert_eq!(d.data_volume.consumption_type, "string");
    assert!(d.data_volume.extra.is_empty());
    assert_eq!(d.global_consumption, Some(42));
    assert_eq!(d.global_consumption_unit.as_deref(), Some("byte"));
    assert_eq!(d.total_local_consumption, 42);
    assert_eq!(d.license_high_watermark_within_month, Some(42));
    assert_eq!(
        d.license_high_watermark_within_month_unit.as_deref(),
        Some("byte")
    );
    assert!(d.extra.is_empty());
}

#[test]
fn definition_updated() {
    let event = parse("com.qlik.license.definition.updated");
    assert_eq!(event.event_type(), EventType::DefinitionUpdated);
    let QlikEvent::DefinitionUpdated(e) = &event else {
        panic!("wrong variant: {event:?}")
    };
    assert_license_envelope(&e.envelope, true, true, false);
    let d = &e.data;
    // A string license in this example (the schema's type).
    assert_eq!(d.license, "string");
    assert_eq!(d.parent_license.as_deref(), Some("string"));
    assert_eq!(d.capability_bank_id.as_deref(), Some("string"));
    // The newer schema's fields are absent from the example.
    assert_eq!(d.valid, None);
    assert_eq!(d.change_time, None);
    assert_eq!(d.update_time, None);
    assert_eq!(d.license_type, None);
    assert_eq!(d.latest_valid_time, None);
    assert!(d.extra.is_empty());
}

/// The fields the three lease examples share (`resource` differs).
macro_rules! check_lease {
    ($d:expr, $resource:literal) => {{
        let d = $d;
        assert_eq!(d.name, "amlDepModel1");
        assert_eq!(d.size, 4);
        assert!(d.excess);
        assert_eq!(d.license, LICENSE_NUMBER);
        assert_eq!(d.resource, $resource);
        assert_eq!(d.created_at, Some(example_time()));
        assert_eq!(d.updated_at, example_time());
        assert_eq!(d.excess_quantity, 42);
        assert_eq!(d.leased_quantity, 42);
        assert_eq!(d.license_quantity, 42);
        assert!(d.license_unlimited);
        assert!(d.extra.is_empty());
    }};
}

#[test]
fn lease_created() {
    let event = parse("com.qlik.v1.license.lease.created");
    assert_eq!(event.event_type(), EventType::LeaseCreated);
    let QlikEvent::LeaseCreated(e) = &event else {
        panic!("wrong variant: {event:?}")
    };
    assert_license_envelope(&e.envelope, true, true, true);
    check_lease!(&e.data, "amlDepModel");
}

#[test]
fn lease_deleted() {
    let event = parse("com.qlik.v1.license.lease.deleted");
    assert_eq!(event.event_type(), EventType::LeaseDeleted);
    let QlikEvent::LeaseDeleted(e) = &event else {
        panic!("wrong variant: {event:?}")
    };
    assert_license_envelope(&e.envelope, true, true, true);
    check_lease!(&e.data, "amlDepModel");
}

#[test]
fn lease_updated() {
    let event = parse("com.qlik.v1.license.lease.updated");
    assert_eq!(event.event_type(), EventType::LeaseUpdated);
    let QlikEvent::LeaseUpdated(e) = &event else {
        panic!("wrong variant: {event:?}")
    };
    assert_license_envelope(&e.envelope, true, true, true);
    let d = &e.data;
    // `resource` differs from the other lease examples.
    check_lease!(d, "amlDepModel1");
    let updates = d.updates.as_ref().expect("_updates");
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].path, "string");
    // Absent in the example: read as JSON null.
    assert_eq!(updates[0].new_value, Value::Null);
    assert_eq!(updates[0].old_value, Value::Null);
    assert!(updates[0].extra.is_empty());
}

#[test]
fn tenant_associated() {
    let event = parse("com.qlik.v1.license.tenant.associated");
    assert_eq!(event.event_type(), EventType::TenantAssociated);
    let QlikEvent::TenantAssociated(e) = &event else {
        panic!("wrong variant: {event:?}")
    };
    assert_license_envelope(&e.envelope, true, true, false);
    let d = &e.data;
    assert_eq!(d.license, "string");
    assert_eq!(d.parent_license, "string");
    assert_eq!(d.previous_license.as_deref(), Some("string"));
    assert_eq!(d.capability_bank_id.as_deref(), Some("string"));
    assert_eq!(d.previous_parent_license.as_deref(), Some("string"));
    assert_eq!(d.update_time, None);
    assert!(d.extra.is_empty());
}

#[test]
fn app_usage_quota_consumed() {
    let event = parse("com.qlik.v1.app-usage.quota.consumed");
    assert_eq!(event.event_type(), EventType::QuotaConsumed);
    let QlikEvent::QuotaConsumed(e) = &event else {
        panic!("wrong variant: {event:?}")
    };
    let env = &e.envelope;
    assert_eq!(env.id(), Some("id123"));
    assert_eq!(env.host(), Some("qlik.example.com"));
    assert_eq!(env.time(), Some(example_time()));
    assert_eq!(env.source(), Some("com.qlik/qix-sessions"));
    assert_eq!(env.owner_id(), Some("id123"));
    assert_eq!(env.origin_ip(), Some("192.168.1.1"));
    assert_eq!(env.specversion(), Some(SpecVersion::V1_0));
    assert_eq!(env.data_content_type(), Some("application/json"));
    assert_eq!(env.reason(), Some("some reason"));
    assert_eq!(env.user_id(), Some("id123"));
    assert_eq!(env.space_id(), Some("id123"));
    assert_eq!(env.auth_type(), Some("qix-sessions"));
    assert_eq!(env.client_id(), Some("id123"));
    assert_eq!(env.tenant_id(), Some("id123"));
    assert_eq!(env.session_id(), Some("id123"));
    assert_eq!(
        env.auth_claims(),
        Some(
            r#"{"iss": "qlik.api.internal/qix-sessions", "sub": "qix-sessions", "subType": "service"}"#
        )
    );
    assert_eq!(
        env.trace_state(),
        Some("b3=f0cc846cd24db3f68e384e9ccdfbf225-226ac0c507065555-1")
    );
    assert_eq!(
        env.trace_parent(),
        Some("00-f0cc846cd24db3f68e384e9ccdfbf225-226ac0c507065555-01")
    );
    assert_eq!(env.top_level_resource_id(), Some("id123"));
    assert_eq!(env.subject(), None);
    assert_eq!(env.data_schema(), None);
    assert!(env.extensions().is_empty());
    // 18 string attributes present (all but subject and dataschema).
    assert_eq!(env.attributes().count(), Attribute::ALL.len() - 2);

    let claims = event.envelope().claims().unwrap().unwrap();
    assert_eq!(
        claims.iss.as_deref(),
        Some("qlik.api.internal/qix-sessions")
    );
    assert_eq!(claims.sub.as_deref(), Some("qix-sessions"));
    assert_eq!(claims.sub_type.as_deref(), Some("service"));
    assert!(claims.other.is_empty());

    let d = e.data.as_ref().expect("data");
    assert_eq!(d.unit, Unit::Byte);
    assert_eq!(d.quota, Quota::AppSizeTotalDefault);
    assert_eq!(d.usage, 2048);
    assert_eq!(d.space_usages, None);
    assert!(d.extra.is_empty());
}

/// The getters on `QlikEvent` read the envelope.
#[test]
fn qlik_event_getters_read_the_envelope() {
    for (_, bytes) in fixture_files() {
        let event = qlik_events::from_slice(&bytes).unwrap();
        let env = event.envelope();
        assert_eq!(event.id(), env.id());
        assert_eq!(event.time(), env.time());
        assert_eq!(event.time(), Some(example_time()));
        assert_eq!(event.tenant_id(), env.tenant_id());
        assert_eq!(event.source(), env.source());
        assert_eq!(event.user_id(), env.user_id());
        assert_eq!(event.session_id(), env.session_id());
        assert_eq!(event.auth_claims(), env.auth_claims());
        assert_eq!(event.host(), env.host());
        assert!(event.is_known());
    }
}

// ---------------------------------------------------------------------------
// Uniform checks over every file of the directory.

#[test]
fn directory_holds_one_example_per_known_type() {
    let stems: Vec<String> = fixture_files().into_iter().map(|(s, _)| s).collect();
    let mut known: Vec<String> = EventType::KNOWN
        .iter()
        .map(|t| t.as_str().to_owned())
        .collect();
    known.sort();
    assert_eq!(stems, known);
}

#[test]
fn every_fixture_is_its_own_known_type() {
    for (stem, bytes) in fixture_files() {
        let event = qlik_events::from_slice(&bytes).unwrap();
        let ty = event.event_type();
        assert!(ty.is_known(), "{stem}");
        assert_eq!(ty.as_str(), stem);
        assert_eq!(ty.to_string(), stem);
        assert_eq!(EventType::from(stem.as_str()), ty);
        assert_eq!(EventType::known(&stem), Some(ty.clone()));
        let channel = if stem.starts_with("com.qlik.v1.app-usage.") {
            Channel::AppUsage
        } else {
            Channel::Licenses
        };
        assert_eq!(ty.channel(), Some(channel), "{stem}");
        assert!(channel.event_types().contains(&ty));
        assert_eq!(
            ty.is_deprecated(),
            stem == "com.qlik.license.data.volume.consumption.aggregated",
            "{stem}"
        );
        // `from_str` agrees with `from_slice`.
        let text = std::str::from_utf8(&bytes).unwrap();
        assert_eq!(qlik_events::from_str(text).unwrap(), event);
        assert_eq!(event.clone().require_known().unwrap(), event);
    }
}

#[test]
fn every_fixture_round_trips_through_to_vec() {
    for (stem, bytes) in fixture_files() {
        let event = qlik_events::from_slice(&bytes).unwrap();
        let written = serde_json::to_vec(&event).unwrap();
        let again = qlik_events::from_slice(&written).unwrap();
        assert_eq!(again, event, "{stem}");
        // And writing is stable.
        assert_eq!(serde_json::to_vec(&again).unwrap(), written, "{stem}");
    }
}

/// RFC 3339 text → the UTC `Z` form the crate writes.
fn utc_z(text: &str) -> String {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
        .to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn normalise_time(map: &mut Map<String, Value>, key: &str) {
    if let Some(Value::String(s)) = map.get(key) {
        let z = utc_z(s);
        map.insert(key.to_owned(), Value::String(z));
    }
}

/// Applies the documented write normalisations to an event read as a
/// `serde_json::Value`.
fn normalise(mut value: Value) -> Value {
    let top = value.as_object_mut().expect("event object");
    normalise_time(top, "time");
    if let Some(Value::Object(data)) = top.get_mut("data") {
        // License numbers are written as strings.
        if let Some(Value::Number(n)) = data.get("license") {
            let s = n.to_string();
            data.insert("license".to_owned(), Value::String(s));
        }
        // Date-times are written in UTC with `Z`.
        for key in [
            "createdAt",
            "updatedAt",
            "changeTime",
            "updateTime",
            "latestValidTime",
        ] {
            normalise_time(data, key);
        }
        // Absent `newValue` / `oldValue` are written as null.
        if let Some(Value::Array(updates)) = data.get_mut("_updates") {
            for update in updates {
                let update = update.as_object_mut().expect("_updates item");
                for key in ["newValue", "oldValue"] {
                    update.entry(key).or_insert(Value::Null);
                }
            }
        }
    }
    value
}

#[test]
fn every_fixture_writes_back_its_json_up_to_the_normalisations() {
    for (stem, bytes) in fixture_files() {
        let event = qlik_events::from_slice(&bytes).unwrap();
        let written = serde_json::to_value(&event).unwrap();
        let original: Value = serde_json::from_slice(&bytes).unwrap();
        let expected = normalise(original.clone());
        assert_eq!(written, expected, "{stem}");
        // The normalisation is not empty for the license number examples.
        if original["data"]["license"].is_number() {
            assert_ne!(written, original, "{stem}");
            assert_eq!(written["data"]["license"], LICENSE_NUMBER);
        }
    }
}

#[test]
fn lease_updated_writes_null_new_and_old_values() {
    let event = parse("com.qlik.v1.license.lease.updated");
    let written = serde_json::to_value(&event).unwrap();
    assert_eq!(
        written["data"]["_updates"],
        serde_json::json!([{"path": "string", "newValue": null, "oldValue": null}])
    );
}

/// `Event::<T>::from_slice` of `bytes` equals the variant's inner event,
/// and the conversions between the two agree; for any known type, through
/// [`QlikEvent::visit`].
struct SameAsTyped<'a> {
    event: &'a QlikEvent,
    bytes: &'a [u8],
}

impl EventVisitor for SameAsTyped<'_> {
    type Output = ();

    fn visit<T: EventData>(self, inner: &Event<T>) {
        let event = self.event;
        let typed = Event::<T>::from_slice(self.bytes).unwrap();
        assert_eq!(&typed, inner);
        assert_eq!(typed.event_type(), event.event_type());
        assert_eq!(typed.time(), event.time());
        assert_eq!(typed.id(), event.id());
        assert_eq!(typed.tenant_id(), event.tenant_id());
        assert_eq!(&Event::<T>::try_from(event.clone()).unwrap(), inner);
        let back: QlikEvent = typed.into();
        assert_eq!(&back, event);
    }
}

fn check_typed(event: &QlikEvent, bytes: &[u8]) {
    event
        .visit(SameAsTyped { event, bytes })
        .unwrap_or_else(|| panic!("fixture of unknown type {}", event.event_type()));
}

/// Parses `bytes` as an event of the visited event's type.
struct ParseAs<'a>(&'a [u8]);

impl EventVisitor for ParseAs<'_> {
    type Output = Result<QlikEvent, qlik_events::Error>;

    fn visit<T: EventData>(self, _: &Event<T>) -> Self::Output {
        Event::<T>::from_slice(self.0).map(QlikEvent::from)
    }
}

#[test]
fn per_type_parse_equals_the_variant() {
    let events = fixture_events();
    for (stem, bytes) in fixture_files() {
        let event = qlik_events::from_slice(&bytes).unwrap();
        check_typed(&event, &bytes);
        // Per-type `from_str` agrees too.
        let text = std::str::from_utf8(&bytes).unwrap();
        let reparsed = qlik_events::from_str(text).unwrap();
        check_typed(&reparsed, &bytes);
        // Every other known type rejects the file with a type mismatch.
        for (other, of_other) in &events {
            let parsed = of_other.visit(ParseAs(&bytes)).unwrap();
            if *other == stem {
                assert_eq!(parsed.unwrap(), event);
                continue;
            }
            let err = parsed.unwrap_err();
            assert_eq!(
                err.kind(),
                ErrorKind::EventTypeMismatch,
                "{stem} as {other}: {err}"
            );
            assert_eq!(err.path(), "type", "{stem} as {other}");
            assert_eq!(err.event_type(), Some(other.as_str()), "{stem}");
        }
    }
}

#[test]
fn try_from_returns_other_variants_unchanged() {
    let event = parse("com.qlik.v1.license.lease.deleted");
    let back = LeaseCreatedEvent::try_from(event.clone()).unwrap_err();
    assert_eq!(back, event);
    assert!(LeaseDeletedEvent::try_from(event).is_ok());
}

// ---------------------------------------------------------------------------
// The vendor's newer published pages (`tests/fixtures/vendor-2026/`: the
// examples of `licenses.md` of 2026-08-25 and `app-usages.md` of 2026-09-11,
// byte for byte). The crate accepts the union of both versions. A type
// published only in the older pages has no file here.

/// Every file of `tests/fixtures/vendor-2026`, by the known type it is
/// named after, sorted.
fn vendor_2026_files() -> Vec<(EventType, Vec<u8>)> {
    let mut files: Vec<(EventType, Vec<u8>)> =
        std::fs::read_dir(fixtures_dir().join("vendor-2026"))
            .unwrap()
            .map(|entry| {
                let path = entry.unwrap().path();
                assert_eq!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("json"),
                    "{}",
                    path.display()
                );
                let stem = path.file_stem().unwrap().to_str().unwrap();
                let ty = EventType::known(stem)
                    .unwrap_or_else(|| panic!("{}: not a known type", path.display()));
                (ty, std::fs::read(&path).unwrap())
            })
            .collect();
    files.sort();
    files
}

fn vendor_2026(ty: &EventType) -> Vec<u8> {
    let path = fixtures_dir().join(format!("vendor-2026/{ty}.json"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each newer example parses into its own variant, reads back as itself,
/// writes back its JSON up to the normalisations, and parses on its own as
/// its per-type event.
#[test]
fn every_newer_published_example_parses() {
    let files = vendor_2026_files();
    assert!(!files.is_empty());
    for (ty, bytes) in files {
        let event = qlik_events::from_slice(&bytes).unwrap_or_else(|e| panic!("{ty}: {e}"));
        assert_eq!(event.event_type(), ty);
        assert!(event.is_known());
        check_typed(&event, &bytes);
        let written = qlik_events::to_vec(&event).unwrap();
        assert_eq!(qlik_events::from_slice(&written).unwrap(), event, "{ty}");
        assert!(event.envelope().extensions().is_empty(), "{ty}");
        let original: Value = serde_json::from_slice(&bytes).unwrap();
        let written: Value = serde_json::from_slice(&written).unwrap();
        assert_eq!(written, normalise(original), "{ty}");
    }
}

/// One difference between two JSON documents: the JSON pointer, the older
/// value and the newer one (`None` where absent).
type Change = (String, Option<Value>, Option<Value>);

/// The differences from `older` to `newer`, member by member.
fn changes(at: &str, older: Option<&Value>, newer: Option<&Value>, out: &mut Vec<Change>) {
    if let (Some(Value::Object(o)), Some(Value::Object(n))) = (older, newer) {
        let mut keys: Vec<&String> = o.keys().chain(n.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            changes(&format!("{at}/{key}"), o.get(key), n.get(key), out);
        }
    } else if older != newer {
        out.push((at.to_owned(), older.cloned(), newer.cloned()));
    }
}

/// What changed in each newer example, by type (the "Example:" lines of
/// `vendor-2026/CHANGES.md`, whose types are those of the older pages of
/// the time: a type with no change has an empty list).
fn changes_in_2026() -> Vec<(&'static str, Vec<Change>)> {
    let change = |pointer: &str, older: Option<Value>, newer: Option<Value>| {
        (pointer.to_owned(), older, newer)
    };
    // `license` is now sent as a string: the same value once read.
    let license = || {
        change(
            "/data/license",
            Some(json!(1_234_123_412_341_234_u64)),
            Some(json!("1234123412341234")),
        )
    };
    let example_time = || Some(json!("2018-10-30T07:06:22Z"));
    vec![
        ("com.qlik.license.assignment.deleted", vec![license()]),
        ("com.qlik.license.assignment.rejected", vec![license()]),
        ("com.qlik.license.assignment.updated", vec![license()]),
        (
            "com.qlik.license.data.volume.consumption.aggregated",
            vec![],
        ),
        (
            "com.qlik.license.definition.updated",
            vec![
                change("/data/changeTime", None, example_time()),
                change("/data/latestValidTime", None, example_time()),
                change("/data/licenseType", None, Some(json!("string"))),
                change("/data/updateTime", None, example_time()),
                change(
                    "/data/valid",
                    None,
                    Some(json!({"Stop": "string", "Start": "string"})),
                ),
            ],
        ),
        ("com.qlik.v1.license.lease.created", vec![license()]),
        ("com.qlik.v1.license.lease.deleted", vec![license()]),
        (
            "com.qlik.v1.license.lease.updated",
            vec![
                license(),
                change(
                    "/data/resource",
                    Some(json!("amlDepModel1")),
                    Some(json!("amlDepModel")),
                ),
            ],
        ),
        (
            "com.qlik.v1.license.tenant.associated",
            vec![change("/data/updateTime", None, example_time())],
        ),
        (
            "com.qlik.v1.app-usage.quota.consumed",
            vec![change(
                "/authtype",
                Some(json!("qix-sessions")),
                Some(json!("service_account")),
            )],
        ),
    ]
}

/// What changed between the versions (`vendor-2026/CHANGES.md`) is what
/// differs between the examples, and reads as the newer pages say: the
/// events are equal where only `license`'s spelling changed.
#[test]
fn newer_examples_hold_what_changed() {
    let table = changes_in_2026();
    // The newer pages have the types of the older ones of their time: one
    // file per type of CHANGES.md.
    let mut listed: Vec<&str> = table.iter().map(|(ty, _)| *ty).collect();
    listed.sort_unstable();
    let mut files: Vec<String> = vendor_2026_files()
        .iter()
        .map(|(ty, _)| ty.to_string())
        .collect();
    files.sort_unstable();
    assert_eq!(files, listed);
    for (ty, expected) in table {
        let older_bytes = fixture_bytes(ty);
        let newer_bytes = vendor_2026(&EventType::from(ty));
        let older_json: Value = serde_json::from_slice(&older_bytes).unwrap();
        let newer_json: Value = serde_json::from_slice(&newer_bytes).unwrap();
        let mut found = Vec::new();
        changes("", Some(&older_json), Some(&newer_json), &mut found);
        assert_eq!(found, expected, "{ty}");

        let older = qlik_events::from_slice(&older_bytes).unwrap();
        let newer = qlik_events::from_slice(&newer_bytes).unwrap();
        let only_license = expected.iter().all(|(at, ..)| at == "/data/license");
        assert_eq!(older == newer, only_license, "{ty}");
        // Each new value is read, and written back as the normalisations
        // say.
        let written = serde_json::to_value(&newer).unwrap();
        let normalised = normalise(newer_json);
        for (at, ..) in &expected {
            assert!(written.pointer(at).is_some(), "{ty}: {at}");
            assert_eq!(written.pointer(at), normalised.pointer(at), "{ty}: {at}");
        }
    }
}

/// The fields the newer `definition.updated` page adds are read into the
/// payload's own fields.
#[test]
fn newer_definition_updated_fields_are_typed() {
    let newer = qlik_events::from_slice(&vendor_2026(&EventType::DefinitionUpdated)).unwrap();
    let QlikEvent::DefinitionUpdated(n) = &newer else {
        panic!("{newer:?}")
    };
    let d = &n.data;
    let valid = d.valid.as_ref().unwrap();
    assert_eq!(valid.start, Some(Value::from("string")));
    assert_eq!(valid.stop, Some(Value::from("string")));
    assert_eq!(d.change_time, Some(example_time()));
    assert_eq!(d.update_time, Some(example_time()));
    assert_eq!(d.license_type.as_deref(), Some("string"));
    assert_eq!(d.latest_valid_time, Some(Some(example_time())));
    assert!(d.extra.is_empty());
}

/// So is the `updateTime` the newer `tenant.associated` page adds.
#[test]
fn newer_tenant_associated_update_time_is_typed() {
    let newer = qlik_events::from_slice(&vendor_2026(&EventType::TenantAssociated)).unwrap();
    let QlikEvent::TenantAssociated(n) = &newer else {
        panic!("{newer:?}")
    };
    assert_eq!(n.data.update_time, Some(example_time()));
    assert!(n.data.extra.is_empty());
}
