//! The `system-events.app-usage` channel: `com.qlik.v1.app-usage.quota.consumed`.
//!
//! Unlike the license events, `data` is optional here, and so is `type` when
//! the event is parsed as [`QuotaConsumedEvent`] directly. `tenantid` is
//! required.

use serde::Deserializer;
use serde::ser::SerializeMap;

use crate::de::{Parse, Track, closed_set, payload};
use crate::event::{Event, EventData, sealed::Sealed};
use crate::event_type::EventType;

closed_set! {
    /// A unit of measurement: the spec allows only `byte`.
    pub enum Unit ("`byte`") {
        /// `byte`
        Byte = "byte",
    }
}

closed_set! {
    /// The name of a quota: the spec allows only `appSizeTotalDefault`.
    pub enum Quota ("`appSizeTotalDefault`") {
        /// `appSizeTotalDefault`
        AppSizeTotalDefault = "appSizeTotalDefault",
    }
}

payload! {
    /// `data` of `com.qlik.v1.app-usage.quota.consumed` ("App usage quota
    /// consumed"): a snapshot of a tenant's app quota usage.
    ///
    /// ```
    /// use qlik_events::app_usage::{Quota, QuotaConsumedEvent, Unit};
    /// let json = include_str!("../tests/fixtures/com.qlik.v1.app-usage.quota.consumed.json");
    /// let event = QuotaConsumedEvent::from_str(json).unwrap();
    /// let data = event.data.unwrap();
    /// assert_eq!((data.unit, data.quota, data.usage), (Unit::Byte, Quota::AppSizeTotalDefault, 2048));
    /// assert_eq!(data.space_usages, None);
    /// ```
    pub struct QuotaConsumed, builder QuotaConsumedBuilder {
        /// `unit`: the unit of `usage`.
        unit: req Unit = "unit",
        /// `quota`: the quota reported.
        quota: req Quota = "quota",
        /// `usage`: the total usage, in `unit`.
        usage: req i64 = "usage",
        /// `spaceUsages`: the usage per space.
        space_usages: opt Vec<SpaceUsage> = "spaceUsages",
    }
}

payload! {
    /// One item of `spaceUsages` in [`QuotaConsumed`]; every field is
    /// optional in the spec.
    pub struct SpaceUsage, builder SpaceUsageBuilder {
        /// `unit`: the unit of `usage`.
        unit: opt Unit = "unit",
        /// `usage`: the usage of this space, in `unit`.
        usage: opt i64 = "usage",
        /// `spaceId`: the space.
        space_id: opt String = "spaceId",
    }
}

/// An App usage quota consumed event; `data` is optional.
pub type QuotaConsumedEvent = Event<Option<QuotaConsumed>>;

impl Sealed for Option<QuotaConsumed> {
    const TYPE_REQUIRED: bool = false;

    fn parse_data<'de, D: Deserializer<'de>>(d: D, t: &Track) -> Result<Self, D::Error> {
        // `data` is an object when present; `null` is not one.
        QuotaConsumed::parse(d, t).map(Some)
    }

    fn missing_data<E: serde::de::Error>(_: &Track) -> Result<Self, E> {
        Ok(None)
    }

    fn serialize_data<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        match self {
            Some(data) => m.serialize_entry("data", data),
            None => Ok(()),
        }
    }

    fn write_data(&self, o: &mut crate::write::Object<'_>) -> Result<(), crate::Error> {
        match self {
            Some(data) => o.field(",\"data\":", data),
            None => Ok(()),
        }
    }

    type Payload = QuotaConsumed;

    fn from_payload(p: QuotaConsumed) -> Self {
        Some(p)
    }

    fn into_payload(self) -> Option<QuotaConsumed> {
        self
    }
}

impl EventData for Option<QuotaConsumed> {
    const EVENT_TYPE: EventType = EventType::QuotaConsumed;
}
