//! One event of one known type: an [`Envelope`] and its typed `data`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::de::{Key, KeySeed, Segment, Track};
use crate::envelope::Attribute;
use crate::envelope::{Envelope, EnvelopeKey, EnvelopeReader, attribute_getters};
use crate::error::{Error, ErrorKind};
use crate::event_type::{EventType, EventTypeVisitor};
use crate::parse;

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
pub trait EventData: sealed::Sealed + Clone + fmt::Debug + PartialEq {
    /// The event type this payload belongs to.
    const EVENT_TYPE: EventType;
}

pub(crate) mod sealed {
    use serde::Deserializer;
    use serde::ser::SerializeMap;

    use crate::de::Track;

    pub trait Sealed: Sized {
        /// Whether `type` must be present when parsing this type on its own.
        const TYPE_REQUIRED: bool = true;
        fn parse_data<'de, D: Deserializer<'de>>(d: D, t: &Track) -> Result<Self, D::Error>;
        /// The value when `data` is absent, or the error if it is required.
        fn missing_data<E: serde::de::Error>(t: &Track) -> Result<Self, E>;
        fn serialize_data<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error>;
        /// Writes `"data":...` (or nothing for absent optional data).
        fn write_data(&self, o: &mut crate::write::Object<'_>) -> Result<(), crate::Error>;
        /// The payload type of [`crate::Payload`]'s variant for this type.
        type Payload;
        fn from_payload(p: Self::Payload) -> Self;
        fn into_payload(self) -> Option<Self::Payload>;
    }
}

/// Implements `EventData` for a payload whose `data` is required.
macro_rules! required_data {
    ($($ty:ident),+ $(,)?) => {$(
        impl $crate::event::sealed::Sealed for $ty {
            fn parse_data<'de, D: ::serde::Deserializer<'de>>(
                d: D,
                t: &$crate::de::Track,
            ) -> Result<Self, D::Error> {
                <$ty as $crate::de::Parse>::parse(d, t)
            }
            fn missing_data<E: ::serde::de::Error>(t: &$crate::de::Track) -> Result<Self, E> {
                Err($crate::de::missing(t, "data"))
            }
            fn serialize_data<M: ::serde::ser::SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
                m.serialize_entry("data", self)
            }
            fn write_data(&self, o: &mut $crate::write::Object<'_>) -> Result<(), $crate::Error> {
                o.field(",\"data\":", self)
            }
            type Payload = $ty;
            fn from_payload(p: $ty) -> Self {
                p
            }
            fn into_payload(self) -> Option<$ty> {
                Some(self)
            }
        }
        impl $crate::event::EventData for $ty {
            const EVENT_TYPE: $crate::EventType = $crate::EventType::$ty;
        }
    )+};
}
pub(crate) use required_data;

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
        // As `crate::from_slice`: validate UTF-8 once when it is valid.
        if let Ok(s) = std::str::from_utf8(bytes) {
            return Self::from_str(s);
        }
        parse::with_deserializer(
            serde_json::de::SliceRead::new(bytes),
            &Track::new(),
            |de, t| de.deserialize_map(EventVisitor::<T>(t, PhantomData)),
        )
    }

    /// Parses one event of this type from a JSON string.
    #[allow(clippy::should_implement_trait)] // Mirrors `serde_json::from_str`.
    pub fn from_str(s: &str) -> Result<Self, Error> {
        parse::with_deserializer(serde_json::de::StrRead::new(s), &Track::new(), |de, t| {
            de.deserialize_map(EventVisitor::<T>(t, PhantomData))
        })
    }
}

/// Reads `type` and checks it against the expected one.
pub(crate) struct TypeSeed;

impl<'de> DeserializeSeed<'de> for TypeSeed {
    type Value = EventType;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<EventType, D::Error> {
        d.deserialize_str(EventTypeVisitor)
    }
}

/// Fails with `MissingField` at `tenantid` where the spec requires it.
pub(crate) fn check_tenant_id<E: de::Error>(
    ty: &EventType,
    envelope: &EnvelopeReader,
    t: &Track,
) -> Result<(), E> {
    if ty.requires_tenant_id() && !envelope.has(Attribute::TenantId) {
        return Err(crate::de::missing(t, "tenantid"));
    }
    Ok(())
}

struct DataSeed<'t, T>(&'t Track, PhantomData<fn() -> T>);

impl<'de, T: EventData> DeserializeSeed<'de> for DataSeed<'_, T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::parse_data(d, self.0)
    }
}

struct EventVisitor<'t, T>(&'t Track, PhantomData<fn() -> T>);

impl<'de, T: EventData> Visitor<'de> for EventVisitor<'_, T> {
    type Value = Event<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} event object", T::EVENT_TYPE)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Event<T>, A::Error> {
        let t = self.0;
        t.set_event_type(&T::EVENT_TYPE);
        let mut envelope = EnvelopeReader::new();
        let mut data: Option<T> = None;
        let mut type_seen: Option<&'static str> = None;
        while let Some(key) = map.next_key_seed(KeySeed::<EnvelopeKey>::new())? {
            match key {
                Key::Known(EnvelopeKey::Type(name)) => {
                    if type_seen == Some(name) {
                        return Err(crate::de::duplicate(t, name));
                    }
                    type_seen = Some(name);
                    let ty = map
                        .next_value_seed(TypeSeed)
                        .inspect_err(|_| t.push(Segment::Field(name)))?;
                    // `type` and `eventType` both equal to `T`'s agree.
                    if ty != T::EVENT_TYPE {
                        t.set_kind(ErrorKind::EventTypeMismatch);
                        t.push(Segment::Field(name));
                        return Err(de::Error::custom(format_args!(
                            "expected event type `{}`, found `{ty}`",
                            T::EVENT_TYPE
                        )));
                    }
                }
                Key::Known(EnvelopeKey::Data) => {
                    if data.is_some() {
                        return Err(crate::de::duplicate(t, "data"));
                    }
                    let value = map.next_value_seed(DataSeed::<T>(t, PhantomData));
                    data = Some(value.inspect_err(|_| t.push(Segment::Field("data")))?);
                }
                Key::Known(EnvelopeKey::Field(field)) => envelope.read_field(field, &mut map, t)?,
                Key::Other(key) => envelope.read_extension(key, &mut map, t)?,
            }
        }
        if type_seen.is_none() && T::TYPE_REQUIRED {
            return Err(crate::de::missing(t, "type"));
        }
        check_tenant_id(&T::EVENT_TYPE, &envelope, t)?;
        let data = match data {
            Some(data) => data,
            None => T::missing_data(t)?,
        };
        Ok(Event {
            envelope: envelope.finish(),
            data,
        })
    }
}

/// Serde's entry point; [`Event::from_slice`] adds path and position to
/// errors.
impl<'de, T: EventData> Deserialize<'de> for Event<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(EventVisitor::<T>(&Track::new(), PhantomData))
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
