//! Event builders: defaults, overrides, required fields, round trips.
#![cfg(feature = "builder")]

mod common;

use chrono::{DateTime, SubsecRound, TimeZone, Utc};
use serde_json::{Value, json};

use common::registry::requires_tenant_id;
use common::xval;
use qlik_events::app_usage::{Quota, QuotaConsumed, QuotaConsumedEvent, SpaceUsage, Unit};
use qlik_events::builder::{APP_USAGE_SOURCE, EventBuilder, LICENSES_SOURCE, default_source};
use qlik_events::licenses::{
    AssignmentDeleted, AssignmentRejected, AssignmentUpdated, DataVolume,
    DataVolumeConsumptionAggregated, DefinitionUpdated, LeaseCreated, LeaseCreatedEvent,
    LeaseDeleted, LeaseUpdate, LeaseUpdated, Origin, TenantAssociated,
};
use qlik_events::{
    Attribute, AuthClaims, Channel, Error, ErrorKind, Event, EventData, EventType, EventVisitor,
    QlikEvent, SpecVersion, UnknownEvent, samples,
};

/// One valid payload per event type, made with the public payload builders.
mod payloads {
    use super::*;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 5, 1, h, 0, 0).unwrap()
    }

    pub fn assignment_deleted() -> AssignmentDeleted {
        AssignmentDeleted::builder()
            .assignment_type("professional")
            .origin(Origin::Internal)
            .license("L1")
            .subject("alice")
            .build()
            .unwrap()
    }

    pub fn assignment_rejected() -> AssignmentRejected {
        AssignmentRejected::builder()
            .assignment_type("analyzer")
            .origin(Origin::External)
            .license(1234_u64)
            .message("no seats left")
            .subject("bob")
            .build()
            .unwrap()
    }

    pub fn assignment_updated() -> AssignmentUpdated {
        AssignmentUpdated::builder()
            .assignment_type("")
            .origin(Origin::Internal)
            .license("L1")
            .subject("carol")
            .build()
            .unwrap()
    }

    pub fn data_volume() -> DataVolumeConsumptionAggregated {
        DataVolumeConsumptionAggregated::builder()
            .data_volume(
                DataVolume::builder()
                    .unit("byte")
                    .local_volume(10)
                    .external_volume(20)
                    .consumption_type("monthly")
                    .build()
                    .unwrap(),
            )
            .total_local_consumption(30)
            .total(i64::MAX)
            .build()
            .unwrap()
    }

    pub fn definition_updated() -> DefinitionUpdated {
        DefinitionUpdated::builder()
            .license("L1")
            .latest_valid_time(None)
            .change_time(at(1))
            .build()
            .unwrap()
    }

    pub fn lease_created() -> LeaseCreated {
        LeaseCreated::builder()
            .name("n")
            .size(4)
            .excess(false)
            .license("L")
            .resource("r")
            .created_at(None)
            .updated_at(at(2))
            .excess_quantity(0)
            .leased_quantity(1)
            .license_quantity(10)
            .license_unlimited(false)
            .build()
            .unwrap()
    }

    pub fn lease_deleted() -> LeaseDeleted {
        LeaseDeleted::builder()
            .name("n")
            .size(4)
            .excess(true)
            .license("L")
            .resource("r")
            .created_at(at(1))
            .updated_at(at(2))
            .excess_quantity(1)
            .leased_quantity(11)
            .license_quantity(10)
            .license_unlimited(false)
            .build()
            .unwrap()
    }

    pub fn lease_updated() -> LeaseUpdated {
        LeaseUpdated::builder()
            .name("n")
            .size(4)
            .excess(false)
            .license("L")
            .updates(vec![
                LeaseUpdate::builder()
                    .path("leasedQuantity")
                    .old_value(1)
                    .new_value(2)
                    .build()
                    .unwrap(),
                LeaseUpdate::builder().path("excess").build().unwrap(),
            ])
            .resource("r")
            .created_at(at(1))
            .updated_at(at(3))
            .excess_quantity(0)
            .leased_quantity(2)
            .license_quantity(10)
            .license_unlimited(true)
            .build()
            .unwrap()
    }

    pub fn tenant_associated() -> TenantAssociated {
        TenantAssociated::builder()
            .license("L2")
            .parent_license("P1")
            .previous_license("L1")
            .update_time(at(4))
            .build()
            .unwrap()
    }

    pub fn quota_consumed() -> Option<QuotaConsumed> {
        Some(
            QuotaConsumed::builder()
                .unit(Unit::Byte)
                .quota(Quota::AppSizeTotalDefault)
                .usage(2048)
                .space_usages(vec![
                    SpaceUsage::builder()
                        .unit(Unit::Byte)
                        .usage(1024)
                        .space_id("s1")
                        .build()
                        .unwrap(),
                ])
                .build()
                .unwrap(),
        )
    }
}

/// Each payload builder, with values of its own (a numeric license,
/// `i64::MAX`, an empty assignment type, `_updates` with and without
/// values, ...), makes the payload of an event that reads back as itself.
/// The builders' own tests, type by type; `build_each!` covers every type.
#[test]
fn payloads_from_the_payload_builders_make_events() {
    fn event<T: EventData>(data: T) -> QlikEvent {
        let event = Event::builder(data.clone())
            .tenant_id("t1")
            .build()
            .unwrap();
        assert_eq!(event.data, data);
        event.into()
    }
    for event in [
        event(payloads::assignment_deleted()),
        event(payloads::assignment_rejected()),
        event(payloads::assignment_updated()),
        event(payloads::data_volume()),
        event(payloads::definition_updated()),
        event(payloads::lease_created()),
        event(payloads::lease_deleted()),
        event(payloads::lease_updated()),
        event(payloads::tenant_associated()),
        event(payloads::quota_consumed()),
    ] {
        assert_round_trip(&event);
    }
}

/// Applies the same builder calls to a builder of every event type, in the
/// order of `EventType::KNOWN`, and builds: each with its sample's payload,
/// through `QlikEvent::visit`. The calls cannot capture locals (they run in
/// a generic function).
macro_rules! build_each {
    (|$b:ident| $body:expr) => {{
        struct Build;
        impl EventVisitor for Build {
            type Output = Result<QlikEvent, Error>;
            fn visit<T: EventData>(self, sample: &Event<T>) -> Self::Output {
                let $b = Event::builder(sample.data.clone());
                $body.build().map(QlikEvent::from)
            }
        }
        samples::all()
            .iter()
            .map(|sample| {
                sample
                    .visit(Build)
                    .unwrap_or_else(|| panic!("no payload type: {sample:?}"))
            })
            .collect::<Vec<_>>()
    }};
}

/// The `source` a builder fills in, by channel.
fn channel_source(ty: &EventType) -> &'static str {
    match ty.channel() {
        Some(Channel::Licenses) => "com.qlik/licenses",
        Some(Channel::AppUsage) => "com.qlik/qix-sessions",
        other => panic!("{ty}: no default source known for channel {other:?}"),
    }
}

/// Writes the event, reads it back, and checks it is the same event.
fn assert_round_trip(event: &QlikEvent) {
    let bytes = serde_json::to_vec(event).unwrap();
    assert_eq!(&qlik_events::from_slice(&bytes).unwrap(), event);
    let pretty = serde_json::to_string_pretty(event).unwrap();
    assert_eq!(&qlik_events::from_str(&pretty).unwrap(), event);
}

fn assert_uuid_v4(id: &str) {
    let uuid = uuid::Uuid::parse_str(id).unwrap();
    assert_eq!(uuid.get_version(), Some(uuid::Version::Random), "{id}");
    assert_eq!(uuid.hyphenated().to_string(), id, "canonical form");
}

#[test]
fn every_type_gets_the_defaults_of_a_real_event() {
    let before = Utc::now().trunc_subsecs(3);
    let events = build_each!(|b| b.tenant_id("t1"));
    let after = Utc::now();
    assert_eq!(events.len(), EventType::KNOWN.len());
    for (ty, event) in EventType::KNOWN.iter().zip(events) {
        let event = event.unwrap();
        assert_eq!(&event.event_type(), ty);
        assert_uuid_v4(event.id().unwrap());
        let time = event.time().unwrap();
        assert!(
            before <= time && time <= after,
            "{time} not in {before}..{after}"
        );
        assert_eq!(time.timestamp_subsec_nanos() % 1_000_000, 0, "whole ms");
        let envelope = event.envelope();
        assert_eq!(envelope.specversion(), Some(SpecVersion::V1_0));
        assert_eq!(event.data_content_type(), Some("application/json"));
        assert_eq!(event.source(), Some(channel_source(ty)));
        assert_eq!(event.tenant_id(), Some("t1"));
        // Nothing else is invented.
        let attrs: Vec<Attribute> = envelope.attributes().map(|(a, _)| a).collect();
        assert_eq!(
            attrs,
            [
                Attribute::Id,
                Attribute::Source,
                Attribute::DataContentType,
                Attribute::TenantId
            ]
        );
        assert!(envelope.extensions().is_empty());
        assert_round_trip(&event);
    }
}

#[test]
fn the_default_time_survives_its_rfc3339_text_exactly() {
    let event = Event::builder(payloads::lease_created()).build().unwrap();
    let time = event.time().unwrap();
    let value = serde_json::to_value(&event).unwrap();
    let text = value["time"].as_str().unwrap();
    assert!(text.ends_with('Z'), "{text}");
    assert_eq!(DateTime::parse_from_rfc3339(text).unwrap(), time);
}

#[test]
fn ids_are_fresh() {
    let a = Event::builder(payloads::lease_created()).build().unwrap();
    let b = Event::builder(payloads::lease_created()).build().unwrap();
    assert_ne!(a.id(), b.id());
}

#[test]
fn default_sources() {
    assert_eq!(LICENSES_SOURCE, "com.qlik/licenses");
    assert_eq!(APP_USAGE_SOURCE, "com.qlik/qix-sessions");
    for ty in EventType::KNOWN {
        assert_eq!(default_source(ty), Some(channel_source(ty)));
    }
    let unknown = EventType::Unknown("com.example.v1.unknown.type".into());
    assert_eq!(default_source(&unknown), None);
}

/// A time with nanoseconds, for `explicit_values_override_the_defaults`.
fn explicit_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2023, 1, 2, 3, 4, 5)
        .unwrap()
        .with_timezone(&Utc)
        + chrono::Duration::nanoseconds(123_456_789)
}

#[test]
fn explicit_values_override_the_defaults() {
    let time = explicit_time();
    let events = build_each!(|b| b
        .id("e1")
        .time(explicit_time())
        .source("com.example/tests")
        .specversion(SpecVersion::V1_0)
        .data_content_type("application/json; charset=utf-8")
        .tenant_id("t1")
        .user_id("u1")
        .session_id("s1")
        .auth_type("user")
        .auth_claims(r#"{"sub":"u1"}"#)
        .trace_parent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        .trace_state("congo=t61rcWkgMzE")
        .attribute(Attribute::Host, "tenant.example.com")
        .attribute(Attribute::OriginIp, "10.0.0.1"));
    for (ty, event) in EventType::KNOWN.iter().zip(events) {
        let event = event.unwrap();
        assert_eq!(&event.event_type(), ty);
        assert_eq!(event.id(), Some("e1"));
        assert_eq!(event.time(), Some(time), "kept to the nanosecond");
        assert_eq!(event.source(), Some("com.example/tests"));
        assert_eq!(
            event.data_content_type(),
            Some("application/json; charset=utf-8")
        );
        assert_eq!(event.tenant_id(), Some("t1"));
        assert_eq!(event.user_id(), Some("u1"));
        assert_eq!(event.session_id(), Some("s1"));
        assert_eq!(event.auth_type(), Some("user"));
        assert_eq!(event.auth_claims(), Some(r#"{"sub":"u1"}"#));
        assert_eq!(
            event.trace_parent(),
            Some("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        );
        assert_eq!(event.trace_state(), Some("congo=t61rcWkgMzE"));
        assert_eq!(event.host(), Some("tenant.example.com"));
        assert_eq!(event.origin_ip(), Some("10.0.0.1"));
        assert_round_trip(&event);
    }
}

#[test]
fn defaults_can_be_left_out() {
    let events = build_each!(|b| b
        .tenant_id("t1")
        .no_id()
        .no_time()
        .no_source()
        .no_specversion()
        .no_data_content_type());
    for (ty, event) in EventType::KNOWN.iter().zip(events) {
        let event = event.unwrap();
        assert_eq!(event.id(), None);
        assert_eq!(event.time(), None);
        assert_eq!(event.source(), None);
        assert_eq!(event.envelope().specversion(), None);
        assert_eq!(event.data_content_type(), None);
        let value = serde_json::to_value(&event).unwrap();
        let mut keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["data", "tenantid", "type"], "{ty}");
        assert_round_trip(&event);
    }
}

#[test]
fn the_last_call_wins_between_a_value_and_its_opt_out() {
    let t = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
    let event = Event::builder(payloads::lease_created())
        .no_id()
        .id("e1")
        .no_time()
        .time(t)
        .no_source()
        .source("src")
        .no_specversion()
        .specversion(SpecVersion::V1_0)
        .no_data_content_type()
        .data_content_type("text/json")
        .build()
        .unwrap();
    assert_eq!(event.id(), Some("e1"));
    assert_eq!(event.time(), Some(t));
    assert_eq!(event.source(), Some("src"));
    assert_eq!(event.envelope.specversion(), Some(SpecVersion::V1_0));
    assert_eq!(event.data_content_type(), Some("text/json"));

    let event = Event::builder(payloads::lease_created())
        .id("e1")
        .no_id()
        .time(t)
        .no_time()
        .source("src")
        .no_source()
        .data_content_type("text/json")
        .no_data_content_type()
        .build()
        .unwrap();
    assert_eq!(event.id(), None);
    assert_eq!(event.time(), None);
    assert_eq!(event.source(), None);
    assert_eq!(event.data_content_type(), None);
    // Setting the attribute generically counts as setting it.
    let event = Event::builder(payloads::lease_created())
        .no_source()
        .attribute(Attribute::Source, "generic")
        .build()
        .unwrap();
    assert_eq!(event.source(), Some("generic"));
}

#[test]
fn tenantid_is_required_where_parsing_requires_it() {
    let events = build_each!(|b| b);
    let mut required = Vec::new();
    for (ty, event) in EventType::KNOWN.iter().zip(events) {
        if requires_tenant_id(ty) {
            required.push(ty.clone());
            let err = event.unwrap_err();
            assert_eq!(err.kind(), ErrorKind::MissingField, "{ty}");
            assert_eq!(err.path(), "tenantid");
            assert_eq!(err.event_type(), Some(ty.as_str()));
            assert_eq!(err.message(), "missing field `tenantid`");
            assert_eq!(err.line(), None);
            assert_eq!(
                err.to_string(),
                format!("{ty}: tenantid: missing field `tenantid`")
            );
        } else {
            let event = event.unwrap();
            assert_eq!(event.tenant_id(), None, "{ty}");
            assert_round_trip(&event);
        }
    }
    // Both kinds exist (the spec's Required column: see tests/spec.rs).
    assert!(required.contains(&EventType::QuotaConsumed));
    assert!(!required.contains(&EventType::LeaseCreated));
    // The same rule as when parsing.
    let err = qlik_events::from_str(
        r#"{"type":"com.qlik.v1.app-usage.quota.consumed","data":{"unit":"byte","quota":"appSizeTotalDefault","usage":1}}"#,
    )
    .unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (ErrorKind::MissingField, "tenantid")
    );
}

#[test]
fn payload_builders_name_every_missing_field() {
    fn check(result: Result<impl std::fmt::Debug, Error>, fields: &[&str]) {
        let err = result.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingField);
        assert_eq!(err.path(), fields[0]);
        let list: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
        let noun = if fields.len() == 1 { "field" } else { "fields" };
        assert_eq!(err.message(), format!("missing {noun} {}", list.join(", ")));
    }
    let lease = [
        "name",
        "size",
        "excess",
        "license",
        "resource",
        "createdAt",
        "updatedAt",
        "excessQuantity",
        "leasedQuantity",
        "licenseQuantity",
        "licenseUnlimited",
    ];
    check(LeaseCreated::builder().build(), &lease);
    check(LeaseDeleted::builder().build(), &lease);
    check(LeaseUpdated::builder().build(), &lease);
    check(
        LeaseCreated::builder()
            .name("n")
            .size(1)
            .created_at(None)
            .license_unlimited(true)
            .build(),
        &[
            "excess",
            "license",
            "resource",
            "updatedAt",
            "excessQuantity",
            "leasedQuantity",
            "licenseQuantity",
        ],
    );
    // `type` is optional since the vendor's 2026 pages.
    let assignment = ["origin", "license", "subject"];
    check(AssignmentDeleted::builder().build(), &assignment);
    check(AssignmentRejected::builder().build(), &assignment);
    check(AssignmentUpdated::builder().build(), &assignment);
    check(
        DataVolumeConsumptionAggregated::builder().total(1).build(),
        &["dataVolume", "totalLocalConsumption"],
    );
    check(
        DataVolume::builder().build(),
        &["unit", "localVolume", "externalVolume", "consumptionType"],
    );
    check(DefinitionUpdated::builder().build(), &["license"]);
    check(
        TenantAssociated::builder().build(),
        &["license", "parentLicense"],
    );
    check(
        QuotaConsumed::builder().build(),
        &["unit", "quota", "usage"],
    );
    check(LeaseUpdate::builder().build(), &["path"]);
    assert_eq!(
        LeaseCreated::builder().build().unwrap_err().to_string(),
        "name: missing fields `name`, `size`, `excess`, `license`, `resource`, `createdAt`, \
         `updatedAt`, `excessQuantity`, `leasedQuantity`, `licenseQuantity`, `licenseUnlimited`"
    );
}

#[test]
fn every_built_type_round_trips_through_its_wire_form() {
    let events = build_each!(|b| b.tenant_id("t1").user_id("u1").extension("region", "eu"));
    for (ty, event) in EventType::KNOWN.iter().zip(events) {
        let event = event.unwrap();
        let bytes = serde_json::to_vec(&event).unwrap();
        let parsed = qlik_events::from_slice(&bytes).unwrap();
        assert_eq!(parsed, event, "{ty}");
        assert_eq!(parsed.event_type(), *ty);
        let value: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value["type"], ty.as_str());
        assert_eq!(value["region"], "eu");
    }
}

#[test]
fn typed_payload_values_reach_the_wire() {
    let event = Event::builder(payloads::lease_updated())
        .tenant_id("t1")
        .build()
        .unwrap();
    let value = serde_json::to_value(&event).unwrap();
    assert_eq!(value["data"]["license"], "L");
    assert_eq!(value["data"]["createdAt"], "2024-05-01T01:00:00Z");
    assert_eq!(
        value["data"]["_updates"],
        json!([
            {"path": "leasedQuantity", "newValue": 2, "oldValue": 1},
            {"path": "excess", "newValue": null, "oldValue": null}
        ])
    );
    let typed =
        qlik_events::licenses::LeaseUpdatedEvent::from_slice(&serde_json::to_vec(&event).unwrap())
            .unwrap();
    assert_eq!(typed, event);
}

#[test]
fn extensions_are_kept_and_reserved_names_refused() {
    let event = Event::builder(payloads::lease_created())
        .extension("region", "eu")
        .extension("retries", 3)
        .extension("meta", json!({"a": [1, 2]}))
        .build()
        .unwrap();
    let ext = event.envelope.extensions();
    assert_eq!(ext.len(), 3);
    assert_eq!(xval(ext, "region"), "eu");
    assert_eq!(xval(ext, "retries"), 3);
    assert_eq!(xval(ext, "meta"), json!({"a": [1, 2]}));
    assert_round_trip(&event.into());

    for name in [
        "tenantid",
        "id",
        "type",
        "data",
        "time",
        "specversion",
        "originip",
    ] {
        let err = Event::builder(payloads::lease_created())
            .extension(name, "x")
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidValue, "{name}");
        assert_eq!(err.path(), name);
        assert_eq!(err.event_type(), Some("com.qlik.v1.license.lease.created"));
        assert_eq!(
            err.message(),
            format!("`{name}` is an attribute of the envelope, not an extension")
        );
    }
    // The first error is the one reported.
    let err = Event::builder(payloads::lease_created())
        .extension("data", 1)
        .extension("type", 2)
        .build()
        .unwrap_err();
    assert_eq!(err.path(), "data");
}

#[test]
fn auth_claims_from_json() {
    let claims = AuthClaims::parse(
        r#"{"iss":"qlik.api.internal/qix-sessions","sub":"u1","subType":"user"}"#,
    )
    .unwrap();
    let event = Event::builder(payloads::lease_created())
        .auth_claims_json(&claims)
        .build()
        .unwrap();
    assert_eq!(event.envelope.claims().unwrap().unwrap(), claims);

    let event = Event::builder(payloads::lease_created())
        .auth_claims_json(&json!({"sub": "svc", "subType": "service", "tenantId": "t1"}))
        .build()
        .unwrap();
    let text: Value = serde_json::from_str(event.auth_claims().unwrap()).unwrap();
    assert_eq!(
        text,
        json!({"sub": "svc", "subType": "service", "tenantId": "t1"})
    );
    let parsed = event.envelope.claims().unwrap().unwrap();
    assert_eq!(parsed.sub_type.as_deref(), Some("service"));
    assert_eq!(parsed.other["tenantId"], "t1");

    let err = Event::builder(payloads::lease_created())
        .auth_claims_json(&json!(["not", "an", "object"]))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidType);
    assert_eq!(err.path(), "authclaims");
    assert_eq!(
        err.message(),
        "invalid type: array, expected a JSON object of claims"
    );
}

#[test]
fn build_refuses_what_cannot_be_written() {
    let data = LeaseCreated::builder()
        .name("n")
        .size(4)
        .excess(false)
        .license("L")
        .resource("r")
        .created_at(None)
        .updated_at(Utc::now())
        .excess_quantity(0)
        .leased_quantity(1)
        .license_quantity(10)
        .license_unlimited(false)
        .extra("name", json!("shadow"))
        .build()
        .unwrap();
    let err = LeaseCreatedEvent::builder(data).build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Serialize);
    assert_eq!(err.event_type(), Some("com.qlik.v1.license.lease.created"));
    assert!(err.message().contains("`name`"), "{}", err.message());

    // Unknown payload fields are fine, and kept.
    let data = TenantAssociated::builder()
        .license("L")
        .parent_license("P")
        .extra("futureField", json!(true))
        .build()
        .unwrap();
    let event: QlikEvent = Event::builder(data).tenant_id("t").build().unwrap().into();
    assert_round_trip(&event);
}

#[test]
fn app_usage_data_is_optional() {
    let event = QuotaConsumedEvent::builder(None)
        .tenant_id("t1")
        .build()
        .unwrap();
    assert_eq!(event.data, None);
    let value = serde_json::to_value(&event).unwrap();
    assert!(value.get("data").is_none());
    assert_eq!(value["source"], "com.qlik/qix-sessions");
    assert_round_trip(&event.into());
}

#[test]
fn builder_new_and_data() {
    let a = EventBuilder::new(payloads::lease_created())
        .id("e")
        .time(Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap())
        .build()
        .unwrap();
    let b = Event::builder(payloads::lease_created())
        .id("e")
        .time(Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap())
        .build()
        .unwrap();
    assert_eq!(a, b);
    let mut other = payloads::lease_created();
    other.leased_quantity = 9;
    let c = Event::builder(payloads::lease_created())
        .data(other.clone())
        .build()
        .unwrap();
    assert_eq!(c.data, other);
}

#[test]
fn unknown_events() {
    let event = UnknownEvent::builder("com.example.v1.unknown.type")
        .tenant_id("t1")
        .data(json!({"license": "L1", "count": 2}))
        .extension("region", "eu")
        .build()
        .unwrap();
    assert_eq!(event.event_type, "com.example.v1.unknown.type");
    assert_uuid_v4(event.envelope.id().unwrap());
    assert!(event.envelope.time().is_some());
    assert_eq!(event.envelope.specversion(), Some(SpecVersion::V1_0));
    assert_eq!(event.envelope.data_content_type(), Some("application/json"));
    assert_eq!(event.envelope.source(), None, "no default source");
    let data: Value = serde_json::from_str(event.data.as_ref().unwrap().get()).unwrap();
    assert_eq!(data, json!({"license": "L1", "count": 2}));
    let event = QlikEvent::from(event);
    assert!(!event.is_known());
    assert_round_trip(&event);

    let raw = serde_json::value::RawValue::from_string("[1, 2]".into()).unwrap();
    let event = UnknownEvent::builder("x.y")
        .source("s")
        .raw_data(raw)
        .build()
        .unwrap();
    assert_eq!(event.data.as_ref().unwrap().get(), "[1, 2]");
    assert_eq!(event.envelope.source(), Some("s"));
    let no_data = UnknownEvent::builder("x.y")
        .data(1)
        .no_data()
        .build()
        .unwrap();
    assert!(no_data.data.is_none());

    let err = UnknownEvent::builder("com.qlik.license.definition.updated")
        .tenant_id("t1")
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.path(), "type");
    assert_eq!(
        err.event_type(),
        Some("com.qlik.license.definition.updated")
    );

    let err = UnknownEvent::builder("x.y")
        .extension("data", 1)
        .build()
        .unwrap_err();
    assert_eq!((err.kind(), err.path()), (ErrorKind::InvalidValue, "data"));
    assert_eq!(err.event_type(), Some("x.y"));
}
