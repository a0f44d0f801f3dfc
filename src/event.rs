//! One event of one known type: an [`Envelope`] and its typed `data`.

use std::borrow::Cow;
use std::fmt;

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Deserializer, Serialize};

use crate::envelope::{
    Attribute, Envelope, EnvelopeField, EnvelopeReader, attribute_getters, member,
};
use crate::error::{Error, ErrorKind};
use crate::event_type::EventType;
use crate::object::{Member, Rules, Seen, read_object};
use crate::qlik_event::QlikEvent;
use crate::read::{Fail, FromJson, Reader, Res, Segment};

/// An event of the type that `T` belongs to.
///
/// `T` is a payload struct such as [`LeaseCreated`](crate::licenses::LeaseCreated),
/// or `Option<QuotaConsumed>` for the app-usage event, whose `data` is
/// optional in the spec. Each per-type event parses on its own and checks
/// that `type`, when present, is its own:
///
/// ```
/// use qlik_events::licenses::LeaseCreatedEvent;
///
/// let json = include_str!("../tests/fixtures/com.qlik.v1.license.lease.created.json");
/// let event = LeaseCreatedEvent::from_str(json).unwrap();
/// assert_eq!(event.data.leased_quantity, 42);
/// assert_eq!(event.tenant_id(), Some("string"));
///
/// let json = include_str!("../tests/fixtures/com.qlik.v1.license.lease.deleted.json");
/// let err = LeaseCreatedEvent::from_str(json).unwrap_err();
/// assert_eq!(err.kind(), qlik_events::ErrorKind::EventTypeMismatch);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Event<T> {
    /// Every attribute but `type` (implied by `T`) and `data`.
    pub envelope: Envelope,
    /// The payload.
    pub data: T,
}

/// A payload type of a known event type. Implemented by the crate for each
/// payload; sealed.
///
/// Generic code over `T: EventData` can do with an [`Event<T>`] what it can
/// with a concrete one: parse it ([`Event::from_slice`]), write it
/// (`Serialize`, [`crate::to_vec`]), build it (`Event::builder`, feature
/// `builder`), and convert it to and from [`QlikEvent`](crate::QlikEvent)
/// (`Into<QlikEvent>`, `TryFrom<QlikEvent>`); see
/// [`EventVisitor`](crate::EventVisitor) to reach that code from a
/// [`QlikEvent`](crate::QlikEvent).
///
/// ```
/// use qlik_events::app_usage::QuotaConsumed;
/// use qlik_events::licenses::LeaseCreated;
/// use qlik_events::{EventData, EventType};
///
/// assert_eq!(LeaseCreated::EVENT_TYPE, EventType::LeaseCreated);
/// assert_eq!(<Option<QuotaConsumed>>::EVENT_TYPE.as_str(), "com.qlik.v1.app-usage.quota.consumed");
///
/// // Generic code over every per-type event:
/// fn type_of<T: EventData>(_: &qlik_events::Event<T>) -> EventType {
///     T::EVENT_TYPE
/// }
///
/// // Back to the enum, and out of it again:
/// fn round_trip<T: EventData>(event: qlik_events::Event<T>) -> qlik_events::Event<T> {
///     let any: qlik_events::QlikEvent = event.into();
///     qlik_events::Event::<T>::try_from(any).unwrap()
/// }
/// let body = include_bytes!("../tests/fixtures/com.qlik.v1.license.lease.created.json");
/// let lease = qlik_events::licenses::LeaseCreatedEvent::from_slice(body)?;
/// assert_eq!(round_trip(lease.clone()), lease);
/// assert_eq!(type_of(&lease), EventType::LeaseCreated);
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub trait EventData:
    sealed::Sealed + Clone + fmt::Debug + PartialEq + Serialize + Send + Sync + 'static
{
    /// The event type this payload belongs to.
    const EVENT_TYPE: EventType;
}

pub(crate) mod sealed {
    use serde::ser::SerializeMap;

    use crate::read::{Reader, Res};

    pub trait Sealed: Sized {
        /// Whether `type` must be present when parsing this type on its own.
        const TYPE_REQUIRED: bool = true;
        fn read_data(r: &mut Reader<'_>) -> Res<Self>;
        /// The value when `data` is absent, or the failure if it is required.
        fn missing_data() -> Res<Self>;
        fn serialize_data<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error>;
        /// Writes `"data":...` (or nothing for absent optional data).
        fn write_data(&self, o: &mut crate::write::Object<'_>) -> Result<(), crate::Error>;
        /// The payload type of [`crate::Payload`]'s variant for this type.
        type Payload;
        fn from_payload(p: Self::Payload) -> Self;
        fn into_payload(self) -> Option<Self::Payload>;
        /// The [`crate::QlikEvent`] variant of this type.
        fn into_qlik_event(event: crate::Event<Self>) -> crate::QlikEvent;
        /// The event if `event` is of this type, else `event` unchanged.
        #[allow(clippy::result_large_err)] // As `TryFrom<QlikEvent>`: the event comes back.
        fn from_qlik_event(event: crate::QlikEvent)
        -> Result<crate::Event<Self>, crate::QlikEvent>;
    }
}

/// Implements `EventData` for every payload of the registry: `Event<P>`
/// where `data` is required, `Event<Option<P>>` where it is optional.
macro_rules! event_data {
    ($([$(#[$doc:meta])*] $variant:ident $wire:literal $channel:ident [$payload:ty]
        $type_req:ident $data_req:ident $tenant_req:ident $deprecated:literal $sample:path;)+) => {$(
        event_data!(@impl $data_req, $variant, $payload, $type_req);
    )+};
    (@convert $variant:ident) => {
        fn into_qlik_event(event: Event<Self>) -> QlikEvent {
            QlikEvent::$variant(event)
        }
        fn from_qlik_event(event: QlikEvent) -> Result<Event<Self>, QlikEvent> {
            match event {
                QlikEvent::$variant(event) => Ok(event),
                other => Err(other),
            }
        }
    };
    (@impl required, $variant:ident, $payload:ty, $type_req:ident) => {
        impl sealed::Sealed for $payload {
            const TYPE_REQUIRED: bool = crate::registry::required!($type_req);
            fn read_data(r: &mut Reader<'_>) -> Res<Self> {
                <$payload as FromJson>::read(r)
            }
            fn missing_data() -> Res<Self> {
                Err(Fail::missing("data"))
            }
            fn serialize_data<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
                m.serialize_entry("data", self)
            }
            fn write_data(&self, o: &mut crate::write::Object<'_>) -> Result<(), Error> {
                o.field(",\"data\":", self)
            }
            type Payload = $payload;
            fn from_payload(p: $payload) -> Self {
                p
            }
            fn into_payload(self) -> Option<$payload> {
                Some(self)
            }
            event_data!(@convert $variant);
        }
        impl EventData for $payload {
            const EVENT_TYPE: EventType = EventType::$variant;
        }
    };
    (@impl optional, $variant:ident, $payload:ty, $type_req:ident) => {
        impl sealed::Sealed for Option<$payload> {
            const TYPE_REQUIRED: bool = crate::registry::required!($type_req);
            fn read_data(r: &mut Reader<'_>) -> Res<Self> {
                // `data` is an object when present; `null` is not one.
                <$payload as FromJson>::read(r).map(Some)
            }
            fn missing_data() -> Res<Self> {
                Ok(None)
            }
            fn serialize_data<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
                match self {
                    Some(data) => m.serialize_entry("data", data),
                    None => Ok(()),
                }
            }
            fn write_data(&self, o: &mut crate::write::Object<'_>) -> Result<(), Error> {
                match self {
                    Some(data) => o.field(",\"data\":", data),
                    None => Ok(()),
                }
            }
            type Payload = $payload;
            fn from_payload(p: $payload) -> Self {
                Some(p)
            }
            fn into_payload(self) -> Option<$payload> {
                self
            }
            event_data!(@convert $variant);
        }
        impl EventData for Option<$payload> {
            const EVENT_TYPE: EventType = EventType::$variant;
        }
    };
}

crate::registry::registry!(event_data);

impl<T: EventData> Event<T> {
    /// An event with an empty envelope.
    pub fn new(data: T) -> Self {
        Event {
            envelope: Envelope::new(),
            data,
        }
    }

    /// The event's type, [`T::EVENT_TYPE`](EventData::EVENT_TYPE).
    pub fn event_type(&self) -> EventType {
        T::EVENT_TYPE
    }

    /// The envelope (also a public field).
    pub fn envelope(&self) -> &Envelope {
        &self.envelope
    }

    /// `time`, if present.
    pub fn time(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.envelope.time()
    }

    attribute_getters!(envelope);

    /// Parses one event of this type from JSON bytes, with the same checks
    /// and error reporting as [`crate::from_slice`].
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        Self::parse(Reader::from_slice(bytes))
    }

    /// Parses one event of this type from a JSON string.
    #[allow(clippy::should_implement_trait)] // Mirrors `serde_json::from_str`.
    pub fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(Reader::from_str(s))
    }

    fn parse(mut r: Reader<'_>) -> Result<Self, Error> {
        let mut event = TypedObject::<T>::new();
        match read_object(&mut r, &mut event).and_then(|data| r.end().map(|()| data)) {
            Ok(data) => Ok(Event {
                envelope: event.envelope.finish(),
                data,
            }),
            Err(f) => Err(f
                .with_envelope(event.envelope.finish())
                .into_error(r.input(), Some(T::EVENT_TYPE.as_str()))),
        }
    }
}

/// Fails with `MissingField` at `tenantid` where the spec requires it.
pub(crate) fn check_tenant_id(ty: &EventType, envelope: &EnvelopeReader) -> Res<()> {
    if ty.requires_tenant_id() && !envelope.has(Attribute::TenantId) {
        return Err(Fail::missing("tenantid"));
    }
    Ok(())
}

/// An event object of the type `T` belongs to, as read: the envelope (the
/// caller's, so that a failure can show what was read) and `data`. A
/// `type` that names another type is an error; so is an older `eventType`
/// that does, unless a `type` of `T` governs (it is then kept, as in
/// [`crate::legacy`]).
struct TypedObject<'de, T> {
    envelope: EnvelopeReader<'de>,
    data: Option<T>,
    /// An `eventType` of another type, with the failure it is unless a
    /// `type` comes.
    other: Option<(&'static str, EventType, Box<Fail>)>,
}

impl<T> TypedObject<'_, T> {
    fn new() -> Self {
        let mut envelope = EnvelopeReader::new();
        // The type is known before the object is read.
        envelope.strict = true;
        TypedObject {
            envelope,
            data: None,
            other: None,
        }
    }
}

impl<'de, T: EventData> Rules<'de> for TypedObject<'de, T> {
    type Out = T;
    type Field = EnvelopeField;
    const NON_EMPTY_TYPE: bool = true;

    fn expected(f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} event object", T::EVENT_TYPE)
    }

    #[inline]
    fn member(key: Cow<'de, [u8]>) -> Member<'de, EnvelopeField> {
        member(key)
    }

    fn event_type(&mut self, r: &Reader<'de>, name: &'static str, ty: EventType) -> Res<()> {
        if ty == T::EVENT_TYPE {
            return Ok(());
        }
        let fail = r
            .fix(Fail::data(
                ErrorKind::EventTypeMismatch,
                format!("expected event type `{}`, found `{ty}`", T::EVENT_TYPE),
            ))
            .at(Segment::Field(name));
        if name == "type" {
            return Err(fail);
        }
        self.other = Some((name, ty, fail));
        Ok(())
    }

    fn data(&mut self, r: &mut Reader<'de>) -> Res<()> {
        self.data = Some(T::read_data(r)?);
        Ok(())
    }

    fn field(&mut self, field: EnvelopeField, r: &mut Reader<'de>) -> Res<()> {
        self.envelope.read_field(field, r)
    }

    fn other(&mut self, key: Cow<'de, [u8]>, r: &mut Reader<'de>) -> Res<()> {
        self.envelope.read_extension(key, r)
    }

    fn end(&mut self, seen: Seen) -> Res<T> {
        if let Some((name, ty, fail)) = self.other.take() {
            if !seen.type_key {
                return Err(fail);
            }
            self.envelope.keep_type(name, ty.as_str())?;
        }
        if !seen.type_key && !seen.event_type_key && T::TYPE_REQUIRED {
            return Err(Fail::missing("type"));
        }
        check_tenant_id(&T::EVENT_TYPE, &self.envelope)?;
        self.envelope.check_specversion(true)?;
        match self.data.take() {
            Some(data) => Ok(data),
            None => T::missing_data(),
        }
    }
}

/// serde's entry point, for use inside other types: see [`Deserialize`](crate#deserialize)
/// in the crate docs. [`Event::from_slice`] gives the position of an error
/// inside the event too.
impl<'de, T: EventData> Deserialize<'de> for Event<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::model::deserialize_with(d, Self::from_str)
    }
}

impl<T: EventData> crate::write::sealed::Sealed for Event<T> {}

/// The fast writer behind [`crate::to_vec`]: the same bytes as `Serialize`.
impl<T: EventData> crate::write::WriteJson for Event<T> {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        let mut o = crate::write::Object::begin(out);
        self.envelope
            .write_attributes(&mut o, T::EVENT_TYPE.as_str())?;
        self.data.write_data(&mut o)?;
        o.end();
        Ok(())
    }
}

/// Writes the wire format: `type` is always written (even where it was
/// absent on input), absent optionals are omitted.
impl<T: EventData> Serialize for Event<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        self.envelope
            .serialize_attributes(&mut m, T::EVENT_TYPE.as_str())?;
        self.data.serialize_data(&mut m)?;
        m.end()
    }
}
