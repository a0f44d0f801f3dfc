//! Event types and the channels they are published on.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

/// The value of an event's `type` attribute.
///
/// One variant per event type the crate models, plus [`EventType::Unknown`]
/// for any other string, so that every event has one.
///
/// ```
/// use qlik_events::{Channel, EventType};
///
/// let ty: EventType = "com.qlik.v1.license.lease.created".parse().unwrap();
/// assert_eq!(ty, EventType::LeaseCreated);
/// assert_eq!(ty.channel(), Some(Channel::Licenses));
/// assert_eq!(ty.to_string(), "com.qlik.v1.license.lease.created");
///
/// let other: EventType = "com.example.v1.unknown.type".parse().unwrap();
/// assert_eq!(other, EventType::Unknown("com.example.v1.unknown.type".into()));
/// assert!(!other.is_known());
/// assert_eq!(EventType::KNOWN.len(), 10);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum EventType {
    /// `com.qlik.license.assignment.deleted`: a license assignment was deleted.
    AssignmentDeleted,
    /// `com.qlik.license.assignment.rejected`: a license assignment was rejected.
    AssignmentRejected,
    /// `com.qlik.license.assignment.updated`: a license assignment was updated.
    AssignmentUpdated,
    /// `com.qlik.license.data.volume.consumption.aggregated` (deprecated by
    /// the vendor): data volume consumption was reported.
    DataVolumeConsumptionAggregated,
    /// `com.qlik.license.definition.updated`: a license definition was updated.
    DefinitionUpdated,
    /// `com.qlik.v1.license.lease.created`: a lease was created.
    LeaseCreated,
    /// `com.qlik.v1.license.lease.deleted`: a lease was deleted.
    LeaseDeleted,
    /// `com.qlik.v1.license.lease.updated`: a lease was updated.
    LeaseUpdated,
    /// `com.qlik.v1.license.tenant.associated`: a tenant was associated to a license.
    TenantAssociated,
    /// `com.qlik.v1.app-usage.quota.consumed`: app quota usage was recorded.
    QuotaConsumed,
    /// Any other type, kept as sent: other channels' types, and types the
    /// vendor has announced without publishing a payload (such as
    /// `com.qlik.v1.licenses.purged`), which the crate cannot check yet.
    Unknown(String),
}

impl EventType {
    /// Every event type the crate models, in the order of the spec.
    pub const KNOWN: &'static [EventType] = &[
        EventType::AssignmentDeleted,
        EventType::AssignmentRejected,
        EventType::AssignmentUpdated,
        EventType::DataVolumeConsumptionAggregated,
        EventType::DefinitionUpdated,
        EventType::LeaseCreated,
        EventType::LeaseDeleted,
        EventType::LeaseUpdated,
        EventType::TenantAssociated,
        EventType::QuotaConsumed,
    ];

    /// The wire string, for every variant.
    ///
    /// ```
    /// use qlik_events::EventType;
    /// assert_eq!(EventType::QuotaConsumed.as_str(), "com.qlik.v1.app-usage.quota.consumed");
    /// assert_eq!(EventType::Unknown("x.y".into()).as_str(), "x.y");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            EventType::AssignmentDeleted => "com.qlik.license.assignment.deleted",
            EventType::AssignmentRejected => "com.qlik.license.assignment.rejected",
            EventType::AssignmentUpdated => "com.qlik.license.assignment.updated",
            EventType::DataVolumeConsumptionAggregated => {
                "com.qlik.license.data.volume.consumption.aggregated"
            }
            EventType::DefinitionUpdated => "com.qlik.license.definition.updated",
            EventType::LeaseCreated => "com.qlik.v1.license.lease.created",
            EventType::LeaseDeleted => "com.qlik.v1.license.lease.deleted",
            EventType::LeaseUpdated => "com.qlik.v1.license.lease.updated",
            EventType::TenantAssociated => "com.qlik.v1.license.tenant.associated",
            EventType::QuotaConsumed => "com.qlik.v1.app-usage.quota.consumed",
            EventType::Unknown(s) => s,
        }
    }

    /// The known event type with this wire string, if any. Matching is exact
    /// (case and whitespace count), as in the spec.
    ///
    /// ```
    /// use qlik_events::EventType;
    /// assert_eq!(EventType::known("com.qlik.license.definition.updated"), Some(EventType::DefinitionUpdated));
    /// assert_eq!(EventType::known("COM.QLIK.LICENSE.DEFINITION.UPDATED"), None);
    /// ```
    pub fn known(s: &str) -> Option<EventType> {
        Some(match s {
            "com.qlik.license.assignment.deleted" => EventType::AssignmentDeleted,
            "com.qlik.license.assignment.rejected" => EventType::AssignmentRejected,
            "com.qlik.license.assignment.updated" => EventType::AssignmentUpdated,
            "com.qlik.license.data.volume.consumption.aggregated" => {
                EventType::DataVolumeConsumptionAggregated
            }
            "com.qlik.license.definition.updated" => EventType::DefinitionUpdated,
            "com.qlik.v1.license.lease.created" => EventType::LeaseCreated,
            "com.qlik.v1.license.lease.deleted" => EventType::LeaseDeleted,
            "com.qlik.v1.license.lease.updated" => EventType::LeaseUpdated,
            "com.qlik.v1.license.tenant.associated" => EventType::TenantAssociated,
            "com.qlik.v1.app-usage.quota.consumed" => EventType::QuotaConsumed,
            _ => return None,
        })
    }

    /// Whether this is one of [`EventType::KNOWN`].
    pub fn is_known(&self) -> bool {
        !matches!(self, EventType::Unknown(_))
    }

    /// The channel the event type is published on; `None` for unknown types.
    pub fn channel(&self) -> Option<Channel> {
        match self {
            EventType::QuotaConsumed => Some(Channel::AppUsage),
            EventType::Unknown(_) => None,
            _ => Some(Channel::Licenses),
        }
    }

    /// Whether the vendor marks the event type deprecated (true only for
    /// `com.qlik.license.data.volume.consumption.aggregated`).
    pub fn is_deprecated(&self) -> bool {
        matches!(self, EventType::DataVolumeConsumptionAggregated)
    }

    /// Whether the spec requires the `tenantid` attribute on this type.
    pub(crate) fn requires_tenant_id(&self) -> bool {
        matches!(
            self,
            EventType::DefinitionUpdated | EventType::TenantAssociated | EventType::QuotaConsumed
        )
    }

    /// Whether `data` is required: on every license event.
    pub(crate) fn requires_data(&self) -> bool {
        self.channel() == Some(Channel::Licenses)
    }
}

impl From<&str> for EventType {
    fn from(s: &str) -> Self {
        EventType::known(s).unwrap_or_else(|| EventType::Unknown(s.to_owned()))
    }
}

impl From<String> for EventType {
    fn from(s: String) -> Self {
        EventType::known(&s).unwrap_or(EventType::Unknown(s))
    }
}

/// Never fails: strings the crate does not know become [`EventType::Unknown`].
impl FromStr for EventType {
    type Err = Infallible;
    fn from_str(s: &str) -> Result<Self, Infallible> {
        Ok(EventType::from(s))
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for EventType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for EventType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <std::borrow::Cow<'de, str>>::deserialize(d).map(|s| EventType::from(s.into_owned()))
    }
}

/// A Qlik Cloud event channel.
///
/// ```
/// use qlik_events::{Channel, EventType};
/// assert_eq!(Channel::AppUsage.as_str(), "system-events.app-usage");
/// assert_eq!(Channel::AppUsage.event_types(), &[EventType::QuotaConsumed]);
/// assert_eq!(Channel::Licenses.event_types().len(), 9);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Channel {
    /// `system-events.licenses`
    Licenses,
    /// `system-events.app-usage`
    AppUsage,
}

impl Channel {
    /// The channel's name as the vendor publishes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Channel::Licenses => "system-events.licenses",
            Channel::AppUsage => "system-events.app-usage",
        }
    }

    /// The known event types published on this channel.
    pub fn event_types(self) -> &'static [EventType] {
        let (licenses, app_usage) = EventType::KNOWN.split_at(9);
        match self {
            Channel::Licenses => licenses,
            Channel::AppUsage => app_usage,
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
