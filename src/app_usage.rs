//! The `system-events.app-usage` channel: `com.qlik.v1.app-usage.quota.consumed`.
//!
//! Unlike the license events, `data` is optional here, and so is `type` when
//! the event is parsed as [`QuotaConsumedEvent`] directly. `tenantid` is
//! required. The vendor's reference:
//! <https://qlik.dev/apis/event/app-usages/>.
//!
//! ```
//! use qlik_events::QlikEvent;
//!
//! let body = include_bytes!("../tests/fixtures/com.qlik.v1.app-usage.quota.consumed.json");
//! if let QlikEvent::QuotaConsumed(e) = qlik_events::from_slice(body)? {
//!     assert!(e.tenant_id().is_some()); // required on this type
//!     let used: i64 = e.data.map_or(0, |data| data.usage);
//!     assert_eq!(used, 2048);
//! }
//! # Ok::<(), qlik_events::Error>(())
//! ```

use std::fmt;

use serde::ser::{Error as _, SerializeMap};

use crate::event::Event;
use crate::extra::{Extra, ExtraReader};
use crate::model::{closed_set, payload};
use crate::read::{FromJson, Reader, Res};
use crate::schema::{Described, Field, Presence, Shape};

closed_set! {
    /// A unit of measurement: the spec allows only `byte`.
    ///
    /// ```
    /// use qlik_events::app_usage::Unit;
    ///
    /// assert_eq!("byte".parse::<Unit>().unwrap(), Unit::Byte);
    /// assert_eq!(Unit::Byte.to_string(), "byte");
    /// assert!("kb".parse::<Unit>().is_err()); // in an event: an `InvalidValue` error
    /// ```
    pub enum Unit ("`byte`") {
        /// `byte`
        Byte = "byte",
    }
}

closed_set! {
    /// The name of a quota: the spec allows only `appSizeTotalDefault`.
    ///
    /// ```
    /// use qlik_events::app_usage::Quota;
    ///
    /// let quota: Quota = "appSizeTotalDefault".parse().unwrap();
    /// match quota {
    ///     Quota::AppSizeTotalDefault => assert_eq!(quota.to_string(), "appSizeTotalDefault"),
    ///     _ => unreachable!("non-exhaustive: a later spec may add quotas"),
    /// }
    /// assert!("AppSizeTotalDefault".parse::<Quota>().is_err()); // case matters
    /// ```
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
    pub struct QuotaConsumed,
    ///
    /// ```
    /// use qlik_events::app_usage::{Quota, QuotaConsumed, SpaceUsage, Unit};
    ///
    /// let space = SpaceUsage::builder().unit(Unit::Byte).usage(1024).space_id("s1").build()?;
    /// let data = QuotaConsumed::builder()
    ///     .unit(Unit::Byte)
    ///     .quota(Quota::AppSizeTotalDefault)
    ///     .usage(2048)
    ///     .space_usages(vec![space]) // optional
    ///     .build()?;
    /// assert_eq!(data.usage, 2048);
    ///
    /// // Every required field left unset is named:
    /// let err = QuotaConsumed::builder().usage(1).build().unwrap_err();
    /// assert_eq!(err.kind(), qlik_events::ErrorKind::MissingField);
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder QuotaConsumedBuilder {
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

/// One item of `spaceUsages` in [`QuotaConsumed`]: the usage of one space.
/// Every field is optional in the spec.
///
/// Read with the getters, change with the setters: the fields are private
/// so that an item takes 24 bytes (an array of 100,000 `{}` must not take
/// 24 times its size in memory).
///
/// ```
/// use qlik_events::app_usage::{SpaceUsage, Unit};
///
/// let item: SpaceUsage = serde_json::from_str(r#"{"unit":"byte","usage":9,"spaceId":"s1"}"#)?;
/// assert_eq!((item.unit(), item.usage(), item.space_id()), (Some(Unit::Byte), Some(9), Some("s1")));
///
/// let mut built = SpaceUsage::new();
/// built.set_unit(Some(Unit::Byte)).set_usage(Some(9)).set_space_id(Some("s1".into()));
/// assert_eq!(built, item);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Default, PartialEq)]
pub struct SpaceUsage {
    /// `usage`, or 0 when absent (`has_usage` tells).
    usage: i64,
    /// What most items do not have, out of line.
    rest: Option<Box<SpaceUsageRest>>,
    unit: Option<Unit>,
    has_usage: bool,
}

#[derive(Clone, Default, PartialEq)]
struct SpaceUsageRest {
    space_id: Option<Box<str>>,
    extra: Extra,
}

impl SpaceUsage {
    /// An item with no fields.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder, as for the other payloads.
    #[cfg(feature = "builder")]
    pub fn builder() -> SpaceUsageBuilder {
        SpaceUsageBuilder(Self::default())
    }

    /// `unit`: the unit of `usage`.
    pub fn unit(&self) -> Option<Unit> {
        self.unit
    }

    /// `usage`: the usage of this space, in `unit`.
    pub fn usage(&self) -> Option<i64> {
        self.has_usage.then_some(self.usage)
    }

    /// `spaceId`: the space.
    pub fn space_id(&self) -> Option<&str> {
        self.rest.as_ref()?.space_id.as_deref()
    }

    /// Fields the spec does not list, kept as sent and written back.
    pub fn extra(&self) -> &Extra {
        const EMPTY: &Extra = &Extra::new();
        self.rest.as_ref().map_or(EMPTY, |rest| &rest.extra)
    }

    /// Sets or clears `unit`.
    pub fn set_unit(&mut self, unit: Option<Unit>) -> &mut Self {
        self.unit = unit;
        self
    }

    /// Sets or clears `usage`.
    pub fn set_usage(&mut self, usage: Option<i64>) -> &mut Self {
        self.has_usage = usage.is_some();
        self.usage = usage.unwrap_or(0);
        self
    }

    /// Sets or clears `spaceId`.
    pub fn set_space_id(&mut self, space_id: Option<String>) -> &mut Self {
        self.rest_mut().space_id = space_id.map(String::into_boxed_str);
        self.tidy();
        self
    }

    /// The fields the spec does not list, to change them.
    pub fn extra_mut(&mut self) -> &mut Extra {
        &mut self.rest_mut().extra
    }

    fn rest_mut(&mut self) -> &mut SpaceUsageRest {
        self.rest.get_or_insert_with(Box::default)
    }

    /// Drops an empty `rest`, so that equal items compare equal.
    fn tidy(&mut self) {
        if self
            .rest
            .as_ref()
            .is_some_and(|rest| rest.space_id.is_none() && rest.extra.is_empty())
        {
            self.rest = None;
        }
    }

    fn from_parts(
        unit: Option<Unit>,
        usage: Option<i64>,
        space_id: Option<Box<str>>,
        extra: Extra,
    ) -> Self {
        let mut item = SpaceUsage {
            usage: usage.unwrap_or(0),
            rest: Some(Box::new(SpaceUsageRest { space_id, extra })),
            unit,
            has_usage: usage.is_some(),
        };
        item.tidy();
        item
    }

    /// Whether `key` is the wire name of one of the fields.
    fn is_field(key: &str) -> bool {
        matches!(key, "unit" | "usage" | "spaceId")
    }

    /// The fields of a [`SpaceUsage`] (all optional); see
    /// [`schema`](crate::schema).
    pub const FIELDS: &'static [Field] = &[
        Field {
            name: "unit",
            presence: Presence::Optional,
            shape: Unit::SHAPE,
        },
        Field {
            name: "usage",
            presence: Presence::Optional,
            shape: i64::SHAPE,
        },
        Field {
            name: "spaceId",
            presence: Presence::Optional,
            shape: String::SHAPE,
        },
    ];
}

/// An object of [`FIELDS`](SpaceUsage::FIELDS).
impl Described for SpaceUsage {
    const SHAPE: Shape = Shape::Object(SpaceUsage::FIELDS);
}

impl fmt::Debug for SpaceUsage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SpaceUsage")
            .field("unit", &self.unit())
            .field("usage", &self.usage())
            .field("space_id", &self.space_id())
            .field("extra", self.extra())
            .finish()
    }
}

/// Builds a [`SpaceUsage`]; every field is optional.
///
/// ```
/// use qlik_events::app_usage::{SpaceUsage, Unit};
///
/// let item = SpaceUsage::builder().unit(Unit::Byte).usage(1024).space_id("s1").build()?;
/// assert_eq!(item.usage(), Some(1024));
/// assert_eq!(SpaceUsage::builder().build()?, SpaceUsage::new()); // `{}`
/// # Ok::<(), qlik_events::Error>(())
/// ```
#[cfg(feature = "builder")]
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct SpaceUsageBuilder(SpaceUsage);

#[cfg(feature = "builder")]
impl SpaceUsageBuilder {
    /// Sets `unit`.
    pub fn unit(mut self, unit: impl Into<Unit>) -> Self {
        self.0.set_unit(Some(unit.into()));
        self
    }

    /// Sets `usage`.
    pub fn usage(mut self, usage: impl Into<i64>) -> Self {
        self.0.set_usage(Some(usage.into()));
        self
    }

    /// Sets `spaceId`.
    pub fn space_id(mut self, space_id: impl Into<String>) -> Self {
        self.0.set_space_id(Some(space_id.into()));
        self
    }

    /// Adds a field the spec does not list.
    pub fn extra(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.0.extra_mut().insert(key, value);
        self
    }

    /// The [`SpaceUsage`]; `Result` like the other builders, never an error.
    pub fn build(self) -> Result<SpaceUsage, crate::Error> {
        Ok(self.0)
    }
}

impl<'de> FromJson<'de> for SpaceUsage {
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        r.map(&"a SpaceUsage object", |r| {
            let mut unit: Option<Unit> = None;
            let mut usage: Option<i64> = None;
            let mut space_id: Option<Box<str>> = None;
            let mut extra = ExtraReader::default();
            let mut first = true;
            while let Some(key) = r.key(&mut first)? {
                match &*key {
                    b"unit" => r.field(&mut unit, "unit")?,
                    b"usage" => r.field(&mut usage, "usage")?,
                    b"spaceId" => r.field(&mut space_id, "spaceId")?,
                    _ => extra.read(r, key)?,
                }
            }
            Ok(SpaceUsage::from_parts(
                unit,
                usage,
                space_id,
                extra.finish(),
            ))
        })
    }
}

/// Reads one JSON object with every check; see [`Deserialize`](crate#deserialize)
/// in the crate docs.
impl<'de> serde::Deserialize<'de> for SpaceUsage {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::model::deserialize_with(d, |text| {
            crate::model::read_whole(&mut Reader::from_str(text))
        })
    }
}

crate::write::write_json!(SpaceUsage, |this, out| {
    let mut o = crate::write::Object::begin(out);
    if let Some(unit) = &this.unit {
        o.field(",\"unit\":", unit)?;
    }
    if let Some(usage) = &this.usage() {
        o.field(",\"usage\":", usage)?;
    }
    if let Some(space_id) = this.space_id() {
        o.field(",\"spaceId\":", space_id)?;
    }
    for (k, v) in this.extra() {
        if SpaceUsage::is_field(k) {
            return Err(crate::Error::new(
                crate::ErrorKind::Serialize,
                "",
                crate::model::shadowed("SpaceUsage", k),
            ));
        }
        o.entry(k, v)?;
    }
    o.end();
    Ok(())
});

impl serde::Serialize for SpaceUsage {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        if let Some(unit) = &self.unit {
            m.serialize_entry("unit", unit)?;
        }
        if let Some(usage) = &self.usage() {
            m.serialize_entry("usage", usage)?;
        }
        if let Some(space_id) = self.space_id() {
            m.serialize_entry("spaceId", space_id)?;
        }
        for (k, v) in self.extra() {
            if SpaceUsage::is_field(k) {
                return Err(S::Error::custom(crate::model::shadowed("SpaceUsage", k)));
            }
            m.serialize_entry(k, &crate::serde_any::AnyJson(v, k))?;
        }
        m.end()
    }
}

crate::model::wire_as_is!(SpaceUsage);

/// An App usage quota consumed event: the envelope and an optional
/// [`QuotaConsumed`] payload (`data` may be absent on this type, and so may
/// `type` when the event is parsed as this type directly).
///
/// ```
/// use qlik_events::QlikEvent;
/// use qlik_events::app_usage::{Quota, QuotaConsumed, QuotaConsumedEvent, Unit};
///
/// let body = include_bytes!("../tests/fixtures/com.qlik.v1.app-usage.quota.consumed.json");
/// let event = QuotaConsumedEvent::from_slice(body)?;
/// if let Some(QuotaConsumed { quota: Quota::AppSizeTotalDefault, unit: Unit::Byte, usage, .. }) = &event.data {
///     assert_eq!(*usage, 2048);
/// }
/// match qlik_events::from_slice(body)? {
///     QlikEvent::QuotaConsumed(e) => assert_eq!(e, event),
///     other => panic!("another type: {}", other.event_type()),
/// }
///
/// // Without `type` or `data`, as this type only:
/// let bare = QuotaConsumedEvent::from_str(r#"{"id": "e1", "tenantid": "t1"}"#)?;
/// assert_eq!(bare.data, None);
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub type QuotaConsumedEvent = Event<Option<QuotaConsumed>>;

/// The published examples of this file's event types: the public functions
/// of [`crate::samples`] (re-exported there, by the registry's `sample`
/// column).
#[cfg(feature = "builder")]
pub(crate) mod sample {
    use super::*;
    use crate::envelope::{Attribute, Envelope, SpecVersion};
    use crate::samples::{PUBLISHED_TIME, event};

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
}
