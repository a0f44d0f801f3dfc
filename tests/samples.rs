//! The samples are the vendor's published examples, exactly.
#![cfg(feature = "builder")]

mod common;

use std::collections::HashSet;

use qlik_events::{Event, EventData, EventType, EventVisitor, QlikEvent, samples};

/// Each fixture, by type (read from disk, not through `samples::json`).
fn fixture(ty: &EventType) -> String {
    common::fixture_text(ty.as_str())
}

/// The named sample functions, by the type they build. Not a list to keep
/// up to date: the checks over every type go through the registry
/// (`samples::get`, `samples::all`); this shows the named functions are
/// what `get` returns.
fn typed_samples() -> Vec<(EventType, QlikEvent)> {
    vec![
        (
            EventType::AssignmentDeleted,
            samples::assignment_deleted().into(),
        ),
        (
            EventType::AssignmentRejected,
            samples::assignment_rejected().into(),
        ),
        (
            EventType::AssignmentUpdated,
            samples::assignment_updated().into(),
        ),
        (
            EventType::DataVolumeConsumptionAggregated,
            samples::data_volume_consumption_aggregated().into(),
        ),
        (
            EventType::DefinitionUpdated,
            samples::definition_updated().into(),
        ),
        (EventType::LeaseCreated, samples::lease_created().into()),
        (EventType::LeaseDeleted, samples::lease_deleted().into()),
        (EventType::LeaseUpdated, samples::lease_updated().into()),
        (
            EventType::TenantAssociated,
            samples::tenant_associated().into(),
        ),
        (EventType::QuotaConsumed, samples::quota_consumed().into()),
    ]
}

#[test]
fn every_sample_equals_the_parse_of_its_published_text() {
    for ty in EventType::KNOWN {
        let sample = samples::get(ty).unwrap_or_else(|| panic!("no sample for `{ty}`"));
        assert_eq!(&sample.event_type(), ty);
        let parsed = qlik_events::from_str(&fixture(ty)).unwrap();
        assert_eq!(parsed, sample, "{ty}");
    }
}

#[test]
fn the_named_functions_are_the_samples() {
    for (ty, sample) in typed_samples() {
        assert_eq!(sample.event_type(), ty);
        assert_eq!(samples::get(&ty).as_ref(), Some(&sample), "{ty}");
    }
}

#[test]
fn json_is_the_fixture_byte_for_byte() {
    for ty in EventType::KNOWN {
        assert_eq!(samples::json(ty), Some(fixture(ty).as_str()), "{ty}");
    }
    let unknown = EventType::Unknown("com.example.v1.unknown.type".into());
    assert_eq!(samples::json(&unknown), None);
    assert_eq!(samples::get(&unknown), None);
}

#[test]
fn all_has_one_distinct_sample_per_known_type_in_spec_order() {
    let all = samples::all();
    let types: Vec<EventType> = all.iter().map(QlikEvent::event_type).collect();
    assert_eq!(types, EventType::KNOWN);
    assert_eq!(
        types.iter().collect::<HashSet<_>>().len(),
        EventType::KNOWN.len()
    );
    let each: Vec<QlikEvent> = EventType::KNOWN.iter().filter_map(samples::get).collect();
    assert_eq!(all, each);
    for (ty, sample) in typed_samples() {
        assert!(all.contains(&sample), "{ty}");
    }
}

#[test]
fn samples_round_trip_and_carry_the_published_values() {
    for sample in samples::all() {
        let bytes = serde_json::to_vec(&sample).unwrap();
        assert_eq!(qlik_events::from_slice(&bytes).unwrap(), sample);
        assert_eq!(
            sample.time().unwrap().to_rfc3339(),
            "2018-10-30T07:06:22+00:00"
        );
    }

    let lease = samples::lease_created();
    assert_eq!(lease.data.license, "1234123412341234");
    assert_eq!(lease.data.name, "amlDepModel1");
    assert_eq!(lease.tenant_id(), Some("string"));
    assert_eq!(lease.session_id(), Some("string"));

    let quota = samples::quota_consumed();
    assert_eq!(quota.id(), Some("id123"));
    assert_eq!(quota.source(), Some("com.qlik/qix-sessions"));
    assert_eq!(quota.host(), Some("qlik.example.com"));
    let claims = quota.envelope.claims().unwrap().unwrap();
    assert_eq!(
        claims.iss.as_deref(),
        Some("qlik.api.internal/qix-sessions")
    );
    assert_eq!(claims.sub_type.as_deref(), Some("service"));

    let tenant = samples::tenant_associated();
    assert_eq!(tenant.session_id(), None);
    assert_eq!(tenant.user_id(), Some("string"));
}

#[test]
fn a_sample_can_be_adjusted() {
    let mut event = samples::lease_deleted();
    event.data.leased_quantity = 0;
    event.envelope.set(qlik_events::Attribute::TenantId, "t1");
    let parsed = qlik_events::from_slice(&serde_json::to_vec(&event).unwrap()).unwrap();
    let QlikEvent::LeaseDeleted(parsed) = parsed else {
        panic!("wrong type: {parsed:?}")
    };
    assert_eq!(parsed.data.leased_quantity, 0);
    assert_eq!(parsed.tenant_id(), Some("t1"));
}

/// The payload type `visit` is called with, and what a generic handler can
/// do with it.
struct TypeOf<'a>(&'a QlikEvent);

impl EventVisitor for TypeOf<'_> {
    type Output = EventType;

    fn visit<T: EventData>(self, event: &Event<T>) -> EventType {
        // The variant's event, out of the enum and back.
        let typed = Event::<T>::try_from(self.0.clone()).unwrap();
        assert_eq!(&typed, event);
        assert_eq!(&QlikEvent::from(typed), self.0);
        // Written and parsed as its own type.
        let bytes = qlik_events::to_vec(event).unwrap();
        assert_eq!(&Event::<T>::from_slice(&bytes).unwrap(), event);
        T::EVENT_TYPE
    }
}

#[test]
fn every_sample_visits_as_its_own_type() {
    for sample in samples::all() {
        assert_eq!(sample.visit(TypeOf(&sample)), Some(sample.event_type()));
    }
    let unknown = qlik_events::from_str(r#"{"type": "com.example.v1.unknown.type"}"#).unwrap();
    assert_eq!(unknown.visit(TypeOf(&unknown)), None);
}
