//! Builders for events that look real (feature `builder`), for testing the
//! code that receives them.
//!
//! [`Event::builder`] takes a payload (made with its own builder, such as
//! [`LeaseCreated::builder`](crate::licenses::LeaseCreated::builder)) and
//! fills what a real event carries, unless you set it yourself:
//!
//! | Attribute | Default |
//! | --- | --- |
//! | `id` | a fresh UUID v4, such as `5f0c6e0e-8c4b-4e5f-9a55-2f3b1d8c7a10` |
//! | `time` | the current time in UTC, truncated to whole milliseconds (so that it survives a round trip through its RFC 3339 text exactly) |
//! | `specversion` | `1.0` |
//! | `datacontenttype` | `application/json` ([`DATA_CONTENT_TYPE`]) |
//! | `source` | [`default_source`]: `com.qlik/licenses` for license events, `com.qlik/qix-sessions` for the app-usage event |
//!
//! Every other attribute is absent unless set. `tenantid` has no default:
//! where the spec requires it (`definition.updated`, `tenant.associated`
//! and the app-usage event), [`build`](EventBuilder::build) fails without
//! it.
//!
//! `build` checks the event the way [`from_slice`](crate::from_slice)
//! checks one that was received: it writes the event and reads it back, so
//! a built event is always one a receiver accepts.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use qlik_events::licenses::{LeaseCreated, LeaseCreatedEvent};
//! use qlik_events::QlikEvent;
//!
//! let data = LeaseCreated::builder()
//!     .name("analyzer-lease").size(4).excess(false).license("1234")
//!     .resource("automl").created_at(None)
//!     .updated_at(Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap())
//!     .excess_quantity(0).leased_quantity(1).license_quantity(10)
//!     .license_unlimited(false)
//!     .build()?;
//! let event = LeaseCreatedEvent::builder(data)
//!     .tenant_id("t1")
//!     .user_id("u1")
//!     .build()?;
//! assert_eq!(event.source(), Some("com.qlik/licenses"));
//! assert_eq!(event.id().map(str::len), Some(36));
//!
//! // What a webhook receives, and what it reads from it.
//! let body = serde_json::to_vec(&event).unwrap();
//! assert_eq!(qlik_events::from_slice(&body)?, QlikEvent::from(event));
//! # Ok::<(), qlik_events::Error>(())
//! ```
//!
//! Events of types the crate does not model are built with
//! [`UnknownEvent::builder`].

use chrono::{DateTime, SubsecRound, Utc};
use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::envelope::{Attribute, Envelope, SpecVersion};
use crate::error::{Error, ErrorKind};
use crate::event::{Event, EventData};
use crate::event_type::{Channel, EventType};
use crate::qlik_event::UnknownEvent;

/// The default `source` of license events.
///
/// The published license examples only show the placeholder `"string"`;
/// this is the `com.qlik/<service>` form Qlik Cloud uses elsewhere.
///
/// ```
/// use qlik_events::builder::LICENSES_SOURCE;
///
/// let event = qlik_events::samples::lease_created();
/// let built = qlik_events::Event::builder(event.data).tenant_id("t1").build()?;
/// assert_eq!(built.source(), Some(LICENSES_SOURCE));
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub const LICENSES_SOURCE: &str = "com.qlik/licenses";

/// The default `source` of the app-usage event, as in its published
/// example.
///
/// ```
/// use qlik_events::app_usage::QuotaConsumedEvent;
/// use qlik_events::builder::APP_USAGE_SOURCE;
///
/// let built = QuotaConsumedEvent::builder(None).tenant_id("t1").build()?;
/// assert_eq!(built.source(), Some(APP_USAGE_SOURCE));
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub const APP_USAGE_SOURCE: &str = "com.qlik/qix-sessions";

/// The default `datacontenttype`.
///
/// ```
/// use qlik_events::app_usage::QuotaConsumedEvent;
/// use qlik_events::builder::DATA_CONTENT_TYPE;
///
/// let built = QuotaConsumedEvent::builder(None).tenant_id("t1").build()?;
/// assert_eq!(built.data_content_type(), Some(DATA_CONTENT_TYPE));
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub const DATA_CONTENT_TYPE: &str = "application/json";

/// The `source` a builder fills in for events of type `ty`: by channel,
/// [`LICENSES_SOURCE`] or [`APP_USAGE_SOURCE`]; `None` for unknown types.
///
/// ```
/// use qlik_events::builder::default_source;
/// use qlik_events::EventType;
///
/// assert_eq!(default_source(&EventType::LeaseDeleted), Some("com.qlik/licenses"));
/// assert_eq!(default_source(&EventType::QuotaConsumed), Some("com.qlik/qix-sessions"));
/// assert_eq!(default_source(&EventType::Unknown("x".into())), None);
/// ```
pub fn default_source(ty: &EventType) -> Option<&'static str> {
    match ty.channel() {
        Some(Channel::Licenses) => Some(LICENSES_SOURCE),
        Some(Channel::AppUsage) => Some(APP_USAGE_SOURCE),
        None => None,
    }
}

/// The envelope being built, shared by both builders.
#[derive(Clone, Debug, Default)]
struct Common {
    envelope: Envelope,
    no_id: bool,
    no_time: bool,
    no_source: bool,
    no_specversion: bool,
    no_data_content_type: bool,
    /// The first error of a setter, reported by `build`.
    error: Option<Error>,
}

impl Common {
    fn set(&mut self, attr: Attribute, value: String) {
        match attr {
            Attribute::Id => self.no_id = false,
            Attribute::Source => self.no_source = false,
            Attribute::DataContentType => self.no_data_content_type = false,
            _ => {}
        }
        self.envelope.set(attr, value);
    }

    fn omit(&mut self, attr: Attribute) {
        self.envelope.remove(attr);
    }

    fn fail(&mut self, error: Error) {
        self.error.get_or_insert(error);
    }

    fn extension(&mut self, name: String, value: Value) {
        if let Err(e) = self.envelope.set_extension(name, value) {
            self.fail(e);
        }
    }

    fn auth_claims_json<C: Serialize + ?Sized>(&mut self, claims: &C) {
        match serde_json::to_value(claims) {
            Ok(value @ Value::Object(_)) => self.set(Attribute::AuthClaims, value.to_string()),
            Ok(other) => self.fail(Error::new(
                ErrorKind::InvalidType,
                Attribute::AuthClaims.name(),
                format!(
                    "invalid type: {}, expected a JSON object of claims",
                    json_kind(&other)
                ),
            )),
            Err(e) => self.fail(Error::new(
                ErrorKind::Serialize,
                Attribute::AuthClaims.name(),
                e.to_string(),
            )),
        }
    }

    /// The envelope with its defaults, or the first error.
    fn finish(self, ty: &EventType) -> Result<Envelope, Error> {
        if let Some(error) = self.error {
            return Err(error.with_event_type(ty.as_str()));
        }
        let mut envelope = self.envelope;
        if !self.no_id && envelope.id().is_none() {
            envelope.set(Attribute::Id, uuid::Uuid::new_v4().to_string());
        }
        if !self.no_time && envelope.time().is_none() {
            envelope.set_time(Some(now()));
        }
        if !self.no_source
            && envelope.source().is_none()
            && let Some(source) = default_source(ty)
        {
            envelope.set(Attribute::Source, source);
        }
        if !self.no_specversion && envelope.specversion().is_none() {
            envelope.set_specversion(Some(SpecVersion::V1_0));
        }
        if !self.no_data_content_type && envelope.data_content_type().is_none() {
            envelope.set(Attribute::DataContentType, DATA_CONTENT_TYPE);
        }
        if ty.requires_tenant_id() && envelope.tenant_id().is_none() {
            let name = Attribute::TenantId.name();
            return Err(Error::missing_fields(name, &[name]).with_event_type(ty.as_str()));
        }
        Ok(envelope)
    }
}

/// The current time, truncated to whole milliseconds.
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(3)
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Writes `event` and reads it back with `parse`: a built event must be one
/// a receiver accepts.
fn check_round_trip<E: Serialize, R>(
    event: &E,
    ty: &EventType,
    parse: impl FnOnce(&[u8]) -> Result<R, Error>,
) -> Result<(), Error> {
    let bytes = serde_json::to_vec(event).map_err(|e| {
        Error::new(ErrorKind::Serialize, "", e.to_string()).with_event_type(ty.as_str())
    })?;
    parse(&bytes).map(drop)
}

/// The envelope setters, the same on both builders.
macro_rules! envelope_setters {
    () => {
        /// Sets `id` (default: a fresh UUID v4).
        pub fn id(mut self, id: impl Into<String>) -> Self {
            self.common.set(Attribute::Id, id.into());
            self
        }

        /// Leaves `id` out (it is optional in the spec).
        pub fn no_id(mut self) -> Self {
            self.common.omit(Attribute::Id);
            self.common.no_id = true;
            self
        }

        /// Sets `source` (default: [`default_source`]).
        pub fn source(mut self, source: impl Into<String>) -> Self {
            self.common.set(Attribute::Source, source.into());
            self
        }

        /// Leaves `source` out.
        pub fn no_source(mut self) -> Self {
            self.common.omit(Attribute::Source);
            self.common.no_source = true;
            self
        }

        /// Sets `time`, kept exactly (default: now, in whole milliseconds).
        pub fn time(mut self, time: DateTime<Utc>) -> Self {
            self.common.envelope.set_time(Some(time));
            self.common.no_time = false;
            self
        }

        /// Leaves `time` out.
        pub fn no_time(mut self) -> Self {
            self.common.envelope.set_time(None);
            self.common.no_time = true;
            self
        }

        /// Sets `specversion` (default: `1.0`, the only value allowed).
        pub fn specversion(mut self, specversion: SpecVersion) -> Self {
            self.common.envelope.set_specversion(Some(specversion));
            self.common.no_specversion = false;
            self
        }

        /// Leaves `specversion` out.
        pub fn no_specversion(mut self) -> Self {
            self.common.envelope.set_specversion(None);
            self.common.no_specversion = true;
            self
        }

        /// Sets `datacontenttype` (default: `application/json`).
        pub fn data_content_type(mut self, content_type: impl Into<String>) -> Self {
            self.common
                .set(Attribute::DataContentType, content_type.into());
            self
        }

        /// Leaves `datacontenttype` out.
        pub fn no_data_content_type(mut self) -> Self {
            self.common.omit(Attribute::DataContentType);
            self.common.no_data_content_type = true;
            self
        }

        /// Sets `tenantid` (required on `definition.updated`,
        /// `tenant.associated` and the app-usage event).
        pub fn tenant_id(mut self, tenant_id: impl Into<String>) -> Self {
            self.common.set(Attribute::TenantId, tenant_id.into());
            self
        }

        /// Sets `userid`.
        pub fn user_id(mut self, user_id: impl Into<String>) -> Self {
            self.common.set(Attribute::UserId, user_id.into());
            self
        }

        /// Sets `sessionid`.
        pub fn session_id(mut self, session_id: impl Into<String>) -> Self {
            self.common.set(Attribute::SessionId, session_id.into());
            self
        }

        /// Sets `authtype`.
        pub fn auth_type(mut self, auth_type: impl Into<String>) -> Self {
            self.common.set(Attribute::AuthType, auth_type.into());
            self
        }

        /// Sets `authclaims` to this text, as is.
        pub fn auth_claims(mut self, auth_claims: impl Into<String>) -> Self {
            self.common.set(Attribute::AuthClaims, auth_claims.into());
            self
        }

        /// Sets `authclaims` to the JSON text of `claims` (an
        /// [`AuthClaims`](crate::AuthClaims), a `serde_json::Value`, ...),
        /// which must be a JSON object; otherwise `build` fails with an
        /// error at path `authclaims`.
        pub fn auth_claims_json<C: Serialize + ?Sized>(mut self, claims: &C) -> Self {
            self.common.auth_claims_json(claims);
            self
        }

        /// Sets `traceparent`.
        pub fn trace_parent(mut self, trace_parent: impl Into<String>) -> Self {
            self.common.set(Attribute::TraceParent, trace_parent.into());
            self
        }

        /// Sets `tracestate`.
        pub fn trace_state(mut self, trace_state: impl Into<String>) -> Self {
            self.common.set(Attribute::TraceState, trace_state.into());
            self
        }

        /// Sets any string attribute (`host`, `originip`, `spaceid`, ...).
        pub fn attribute(mut self, attr: Attribute, value: impl Into<String>) -> Self {
            self.common.set(attr, value.into());
            self
        }

        /// Adds an extension attribute. A name the envelope models (`id`,
        /// `tenantid`, `type`, `data`, `time`, ...) makes `build` fail with
        /// an error of kind [`InvalidValue`](ErrorKind::InvalidValue) at
        /// that name.
        pub fn extension(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
            self.common.extension(name.into(), value.into());
            self
        }
    };
}

/// Builds an [`Event<T>`] with the defaults of a real event; made by
/// [`Event::builder`]. See the [module docs](self) for the defaults.
///
/// ```
/// use qlik_events::app_usage::{Quota, QuotaConsumed, QuotaConsumedEvent, Unit};
/// use qlik_events::{Attribute, ErrorKind};
///
/// let data = QuotaConsumed::builder()
///     .unit(Unit::Byte).quota(Quota::AppSizeTotalDefault).usage(2048)
///     .build()?;
/// let event = QuotaConsumedEvent::builder(Some(data.clone()))
///     .tenant_id("t1")
///     .attribute(Attribute::SpaceId, "s1")
///     .extension("region", "eu")
///     .build()?;
/// assert_eq!(event.space_id(), Some("s1"));
/// assert_eq!(event.envelope.extensions().get("region").unwrap().get(), r#""eu""#);
///
/// // `tenantid` is required on this type.
/// let err = QuotaConsumedEvent::builder(Some(data)).build().unwrap_err();
/// assert_eq!((err.kind(), err.path()), (ErrorKind::MissingField, "tenantid"));
/// # Ok::<(), qlik_events::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct EventBuilder<T> {
    data: T,
    common: Common,
}

impl<T: EventData> Event<T> {
    /// A builder for an event with this payload; see [`EventBuilder`].
    ///
    /// ```
    /// use qlik_events::licenses::{DefinitionUpdated, DefinitionUpdatedEvent};
    ///
    /// let data = DefinitionUpdated::builder().license("L1").build()?;
    /// let event = DefinitionUpdatedEvent::builder(data).tenant_id("t1").build()?;
    /// assert_eq!(event.data.license, "L1");
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    pub fn builder(data: T) -> EventBuilder<T> {
        EventBuilder::new(data)
    }
}

impl<T: EventData> EventBuilder<T> {
    /// A builder for an event with this payload (same as
    /// [`Event::builder`]).
    pub fn new(data: T) -> Self {
        EventBuilder {
            data,
            common: Common::default(),
        }
    }

    /// Replaces the payload.
    pub fn data(mut self, data: T) -> Self {
        self.data = data;
        self
    }

    envelope_setters!();

    /// The event, with the defaults filled in.
    ///
    /// Fails with an error of kind [`MissingField`](ErrorKind::MissingField)
    /// at `tenantid` where the type requires it and it is unset, with the
    /// first error of a setter ([`extension`](Self::extension),
    /// [`auth_claims_json`](Self::auth_claims_json)), or when the event
    /// cannot be written (a payload's `extra` holding one of its own
    /// fields, for one); every error names the event type.
    pub fn build(self) -> Result<Event<T>, Error> {
        let envelope = self.common.finish(&T::EVENT_TYPE)?;
        let event = Event {
            envelope,
            data: self.data,
        };
        check_round_trip(&event, &T::EVENT_TYPE, Event::<T>::from_slice)?;
        Ok(event)
    }
}

/// Builds an [`UnknownEvent`]: an event of a type the crate does not model,
/// such as `com.example.v1.unknown.type`. Made by
/// [`UnknownEvent::builder`]; the defaults are those of [`EventBuilder`]
/// except `source`, which has none.
///
/// ```
/// use qlik_events::{QlikEvent, UnknownEvent};
///
/// let event = UnknownEvent::builder("com.example.v1.unknown.type")
///     .tenant_id("t1")
///     .data(serde_json::json!({"license": "L1"}))
///     .build()?;
/// assert_eq!(event.data.as_ref().unwrap().get(), r#"{"license":"L1"}"#);
///
/// let body = serde_json::to_vec(&event).unwrap();
/// assert_eq!(qlik_events::from_slice(&body)?, QlikEvent::Unknown(event));
///
/// // Known types have typed builders.
/// let err = UnknownEvent::builder("com.qlik.v1.license.lease.created").build().unwrap_err();
/// assert_eq!(err.path(), "type");
/// # Ok::<(), qlik_events::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct UnknownEventBuilder {
    event_type: String,
    data: Option<Box<RawValue>>,
    common: Common,
}

impl UnknownEvent {
    /// A builder for an event of this type; see [`UnknownEventBuilder`].
    pub fn builder(event_type: impl Into<String>) -> UnknownEventBuilder {
        UnknownEventBuilder {
            event_type: event_type.into(),
            data: None,
            common: Common::default(),
        }
    }
}

impl UnknownEventBuilder {
    /// Sets `data` to this JSON value (default: no `data`).
    pub fn data(mut self, data: impl Serialize) -> Self {
        match serde_json::value::to_raw_value(&data) {
            Ok(raw) => self.data = Some(raw),
            Err(e) => self
                .common
                .fail(Error::new(ErrorKind::Serialize, "data", e.to_string())),
        }
        self
    }

    /// Sets `data` to this JSON text, kept as is.
    pub fn raw_data(mut self, data: Box<RawValue>) -> Self {
        self.data = Some(data);
        self
    }

    /// Leaves `data` out.
    pub fn no_data(mut self) -> Self {
        self.data = None;
        self
    }

    envelope_setters!();

    /// The event, with the defaults filled in.
    ///
    /// Fails with an error of kind [`InvalidValue`](ErrorKind::InvalidValue)
    /// at `type` when the type is one the crate models (such an event would
    /// be read back as the typed event: use [`Event::builder`]) or empty
    /// (every CloudEvent has a non-empty `type`), and like
    /// [`EventBuilder::build`] otherwise.
    pub fn build(self) -> Result<UnknownEvent, Error> {
        if self.event_type.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                "type",
                "an event's `type` must not be empty",
            ));
        }
        let ty = EventType::from(self.event_type.as_str());
        if ty.is_known() {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                "type",
                format!(
                    "`{ty}` is a known event type: build it with `Event::builder` and its payload"
                ),
            )
            .with_event_type(ty.as_str()));
        }
        let envelope = self.common.finish(&ty)?;
        let event = UnknownEvent {
            envelope,
            event_type: self.event_type,
            data: self.data,
        };
        check_round_trip(&event, &ty, crate::from_slice)?;
        Ok(event)
    }
}
