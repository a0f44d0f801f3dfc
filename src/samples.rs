//! The vendor's published example of every event type, ready to use.
//!
//! Each function returns the event that [`from_str`](crate::from_str) reads
//! from the published example of its type, as a typed [`Event`]; [`json`]
//! gives the published text itself (byte for byte), [`all`] every sample as
//! a [`QlikEvent`], in the order of [`EventType::KNOWN`].
//!
//! The samples are built in code, so the functions cannot fail; the crate's
//! tests check that each one equals the parse of its published text.
//!
//! ```
//! use qlik_events::{samples, EventType, QlikEvent};
//!
//! let mut event = samples::lease_created();
//! assert_eq!(event.data.resource, "amlDepModel");
//! event.data.leased_quantity = 7; // Adjust a sample for a test.
//!
//! let text = samples::json(&EventType::LeaseCreated).unwrap();
//! assert_eq!(qlik_events::from_str(text)?, QlikEvent::from(samples::lease_created()));
//! assert_eq!(samples::all().len(), EventType::KNOWN.len());
//! # Ok::<(), qlik_events::Error>(())
//! ```
//!
//! The license examples use placeholders (`"string"`) for most attributes;
//! for events with fresh ids and times, use the builders of the `builder`
//! module (feature `builder`).

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::app_usage::{Quota, QuotaConsumed, QuotaConsumedEvent, Unit};
use crate::envelope::{Attribute, Envelope, SpecVersion};
use crate::event::Event;
use crate::event_type::EventType;
use crate::extra::Extra;
use crate::licenses::{
    AssignmentDeleted, AssignmentDeletedEvent, AssignmentRejected, AssignmentRejectedEvent,
    AssignmentUpdated, AssignmentUpdatedEvent, DataVolume, DataVolumeConsumptionAggregated,
    DataVolumeConsumptionAggregatedEvent, DefinitionUpdated, DefinitionUpdatedEvent, LeaseCreated,
    LeaseCreatedEvent, LeaseDeleted, LeaseDeletedEvent, LeaseUpdate, LeaseUpdated,
    LeaseUpdatedEvent, License, Origin, TenantAssociated, TenantAssociatedEvent,
};
use crate::qlik_event::QlikEvent;

/// `2018-10-30T07:06:22Z`, the time of every published example.
const PUBLISHED_TIME: DateTime<Utc> = DateTime::from_timestamp_nanos(1_540_883_182_000_000_000);

/// The license number of the license examples (a JSON number there).
const LICENSE_NUMBER: &str = "1234123412341234";

/// The placeholder the license examples use for strings.
const PLACEHOLDER: &str = "string";

macro_rules! samples {
    ($([$(#[$doc:meta])*] $variant:ident $wire:literal $channel:ident [$payload:ty]
        $type_req:ident $data_req:ident $tenant_req:ident $deprecated:literal $sample:ident;)+) => {
        /// The published text of the example of `ty` (the fixture
        /// `tests/fixtures/<type>.json`); `None` for unknown types.
        ///
        /// ```
        /// use qlik_events::{samples, EventType};
        ///
        /// let text = samples::json(&EventType::QuotaConsumed).unwrap();
        /// assert!(text.contains(r#""source": "com.qlik/qix-sessions""#));
        /// assert_eq!(samples::json(&EventType::Unknown("x".into())), None);
        /// ```
        pub fn json(ty: &EventType) -> Option<&'static str> {
            Some(match ty {
                $(EventType::$variant => include_str!(concat!("../tests/fixtures/", $wire, ".json")),)+
                EventType::Unknown(_) => return None,
            })
        }

        /// The sample of `ty` as a [`QlikEvent`]; `None` for unknown types.
        ///
        /// ```
        /// use qlik_events::{samples, EventType};
        ///
        /// let event = samples::get(&EventType::TenantAssociated).unwrap();
        /// assert_eq!(event.event_type(), EventType::TenantAssociated);
        /// assert!(samples::get(&EventType::Unknown("x".into())).is_none());
        /// ```
        pub fn get(ty: &EventType) -> Option<QlikEvent> {
            Some(match ty {
                $(EventType::$variant => $sample().into(),)+
                EventType::Unknown(_) => return None,
            })
        }
    };
}

crate::registry::registry!(samples);

/// Every sample, one per known event type, in the order of
/// [`EventType::KNOWN`].
///
/// ```
/// use qlik_events::{samples, EventType};
///
/// let types: Vec<EventType> = samples::all().iter().map(|e| e.event_type()).collect();
/// assert_eq!(types, EventType::KNOWN);
/// ```
pub fn all() -> Vec<QlikEvent> {
    EventType::KNOWN.iter().filter_map(get).collect()
}

/// The envelope of the license examples: placeholders, plus `others`.
fn license_envelope(others: &[Attribute]) -> Envelope {
    let mut envelope = Envelope::new();
    envelope
        .set(Attribute::Id, PLACEHOLDER)
        .set_time(Some(PUBLISHED_TIME))
        .set(Attribute::Source, PLACEHOLDER)
        .set_specversion(Some(SpecVersion::V1_0))
        .set(Attribute::DataContentType, "application/json");
    for attr in [
        Attribute::AuthType,
        Attribute::AuthClaims,
        Attribute::TraceState,
        Attribute::TraceParent,
    ]
    .iter()
    .chain(others)
    {
        envelope.set(*attr, PLACEHOLDER);
    }
    envelope
}

fn event<T>(envelope: Envelope, data: T) -> Event<T> {
    Event { envelope, data }
}

/// The published example of `com.qlik.license.assignment.deleted`.
///
/// ```
/// let event = qlik_events::samples::assignment_deleted();
/// assert_eq!(event.data.subject, r"qtsel\lhr");
/// ```
pub fn assignment_deleted() -> AssignmentDeletedEvent {
    event(
        license_envelope(&[Attribute::TenantId, Attribute::SessionId]),
        AssignmentDeleted {
            assignment_type: Some("professional".into()),
            origin: Origin::Internal,
            license: License::new(LICENSE_NUMBER),
            subject: r"qtsel\lhr".into(),
            extra: Extra::new(),
        },
    )
}

/// The published example of `com.qlik.license.assignment.rejected`.
///
/// ```
/// let event = qlik_events::samples::assignment_rejected();
/// assert_eq!(event.data.message.as_deref(), Some("string"));
/// ```
pub fn assignment_rejected() -> AssignmentRejectedEvent {
    event(
        license_envelope(&[Attribute::TenantId, Attribute::SessionId]),
        AssignmentRejected {
            assignment_type: Some("professional".into()),
            origin: Origin::Internal,
            license: License::new(LICENSE_NUMBER),
            message: Some(PLACEHOLDER.into()),
            subject: r"qtsel\lhr".into(),
            extra: Extra::new(),
        },
    )
}

/// The published example of `com.qlik.license.assignment.updated`.
///
/// ```
/// let event = qlik_events::samples::assignment_updated();
/// assert_eq!(event.data.license, "1234123412341234");
/// ```
pub fn assignment_updated() -> AssignmentUpdatedEvent {
    event(
        license_envelope(&[Attribute::TenantId, Attribute::SessionId]),
        AssignmentUpdated {
            assignment_type: Some("professional".into()),
            origin: Origin::Internal,
            license: License::new(LICENSE_NUMBER),
            subject: r"qtsel\lhr".into(),
            extra: Extra::new(),
        },
    )
}

/// The published example of
/// `com.qlik.license.data.volume.consumption.aggregated` (deprecated).
///
/// ```
/// let event = qlik_events::samples::data_volume_consumption_aggregated();
/// assert_eq!(event.data.data_volume.local_volume, 42);
/// ```
pub fn data_volume_consumption_aggregated() -> DataVolumeConsumptionAggregatedEvent {
    event(
        license_envelope(&[Attribute::TenantId]),
        DataVolumeConsumptionAggregated {
            total: Some(42),
            data_volume: Box::new(DataVolume {
                unit: PLACEHOLDER.into(),
                volume: Some(42),
                local_volume: 42,
                external_volume: 42,
                consumption_type: PLACEHOLDER.into(),
                extra: Extra::new(),
            }),
            global_consumption: Some(42),
            global_consumption_unit: Some("byte".into()),
            total_local_consumption: 42,
            license_high_watermark_within_month: Some(42),
            license_high_watermark_within_month_unit: Some("byte".into()),
            extra: Extra::new(),
        },
    )
}

/// The published example of `com.qlik.license.definition.updated`.
///
/// ```
/// let event = qlik_events::samples::definition_updated();
/// assert_eq!(event.user_id(), Some("string"));
/// ```
pub fn definition_updated() -> DefinitionUpdatedEvent {
    event(
        license_envelope(&[Attribute::UserId, Attribute::TenantId]),
        DefinitionUpdated {
            license: License::new(PLACEHOLDER),
            parent_license: Some(PLACEHOLDER.into()),
            capability_bank_id: Some(PLACEHOLDER.into()),
            valid: None,
            change_time: None,
            update_time: None,
            license_type: None,
            latest_valid_time: None,
            extra: Extra::new(),
        },
    )
}

/// The envelope of the lease examples.
fn lease_envelope() -> Envelope {
    license_envelope(&[Attribute::UserId, Attribute::TenantId, Attribute::SessionId])
}

/// The published example of `com.qlik.v1.license.lease.created`.
///
/// ```
/// let event = qlik_events::samples::lease_created();
/// assert_eq!(event.data.leased_quantity, 42);
/// ```
pub fn lease_created() -> LeaseCreatedEvent {
    event(
        lease_envelope(),
        LeaseCreated {
            name: "amlDepModel1".into(),
            size: 4,
            excess: true,
            license: License::new(LICENSE_NUMBER),
            resource: "amlDepModel".into(),
            created_at: Some(PUBLISHED_TIME),
            updated_at: PUBLISHED_TIME,
            excess_quantity: 42,
            leased_quantity: 42,
            license_quantity: 42,
            license_unlimited: true,
            extra: Extra::new(),
        },
    )
}

/// The published example of `com.qlik.v1.license.lease.deleted`.
///
/// ```
/// let event = qlik_events::samples::lease_deleted();
/// assert_eq!(event.data.size, 4);
/// ```
pub fn lease_deleted() -> LeaseDeletedEvent {
    event(
        lease_envelope(),
        LeaseDeleted {
            name: "amlDepModel1".into(),
            size: 4,
            excess: true,
            license: License::new(LICENSE_NUMBER),
            resource: "amlDepModel".into(),
            created_at: Some(PUBLISHED_TIME),
            updated_at: PUBLISHED_TIME,
            excess_quantity: 42,
            leased_quantity: 42,
            license_quantity: 42,
            license_unlimited: true,
            extra: Extra::new(),
        },
    )
}

/// The published example of `com.qlik.v1.license.lease.updated`; its one
/// `_updates` item has only `path` (`newValue` and `oldValue` read as
/// `null`).
///
/// ```
/// let event = qlik_events::samples::lease_updated();
/// let updates = event.data.updates.unwrap();
/// assert_eq!(updates[0].path, "string");
/// assert!(updates[0].new_value.is_null());
/// ```
pub fn lease_updated() -> LeaseUpdatedEvent {
    event(
        lease_envelope(),
        LeaseUpdated {
            name: "amlDepModel1".into(),
            size: 4,
            excess: true,
            license: License::new(LICENSE_NUMBER),
            updates: Some(vec![LeaseUpdate {
                path: PLACEHOLDER.into(),
                new_value: Value::Null,
                old_value: Value::Null,
                extra: Extra::new(),
            }]),
            resource: "amlDepModel1".into(),
            created_at: Some(PUBLISHED_TIME),
            updated_at: PUBLISHED_TIME,
            excess_quantity: 42,
            leased_quantity: 42,
            license_quantity: 42,
            license_unlimited: true,
            extra: Extra::new(),
        },
    )
}

/// The published example of `com.qlik.v1.license.tenant.associated`.
///
/// ```
/// let event = qlik_events::samples::tenant_associated();
/// assert_eq!(event.data.previous_license.as_deref(), Some("string"));
/// ```
pub fn tenant_associated() -> TenantAssociatedEvent {
    event(
        license_envelope(&[Attribute::UserId, Attribute::TenantId]),
        TenantAssociated {
            license: License::new(PLACEHOLDER),
            parent_license: PLACEHOLDER.into(),
            previous_license: Some(PLACEHOLDER.into()),
            capability_bank_id: Some(PLACEHOLDER.into()),
            previous_parent_license: Some(PLACEHOLDER.into()),
            update_time: None,
            extra: Extra::new(),
        },
    )
}

/// The published example of `com.qlik.v1.app-usage.quota.consumed`, with
/// every envelope attribute of the app-usage channel.
///
/// ```
/// let event = qlik_events::samples::quota_consumed();
/// assert_eq!(event.data.as_ref().unwrap().usage, 2048);
/// assert_eq!(event.origin_ip(), Some("192.168.1.1"));
/// ```
pub fn quota_consumed() -> QuotaConsumedEvent {
    const ID: &str = "id123";
    let mut envelope = Envelope::new();
    envelope
        .set(Attribute::Id, ID)
        .set(Attribute::Host, "qlik.example.com")
        .set_time(Some(PUBLISHED_TIME))
        .set(Attribute::Source, "com.qlik/qix-sessions")
        .set(Attribute::OwnerId, ID)
        .set(Attribute::OriginIp, "192.168.1.1")
        .set_specversion(Some(SpecVersion::V1_0))
        .set(Attribute::DataContentType, "application/json")
        .set(Attribute::Reason, "some reason")
        .set(Attribute::UserId, ID)
        .set(Attribute::SpaceId, ID)
        .set(Attribute::AuthType, "qix-sessions")
        .set(Attribute::ClientId, ID)
        .set(Attribute::TenantId, ID)
        .set(Attribute::SessionId, ID)
        .set(
            Attribute::AuthClaims,
            r#"{"iss": "qlik.api.internal/qix-sessions", "sub": "qix-sessions", "subType": "service"}"#,
        )
        .set(
            Attribute::TraceState,
            "b3=f0cc846cd24db3f68e384e9ccdfbf225-226ac0c507065555-1",
        )
        .set(
            Attribute::TraceParent,
            "00-f0cc846cd24db3f68e384e9ccdfbf225-226ac0c507065555-01",
        )
        .set(Attribute::TopLevelResourceId, ID);
    event(
        envelope,
        Some(QuotaConsumed {
            unit: Unit::Byte,
            quota: Quota::AppSizeTotalDefault,
            usage: 2048,
            space_usages: None,
            extra: Extra::new(),
        }),
    )
}
