//! [`QlikEvent`]: every event type under one enum, keyed on `type`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::app_usage::QuotaConsumed;
use crate::de::{Key, KeySeed, Parse, Segment, Track};
use crate::envelope::{Envelope, EnvelopeKey, EnvelopeReader, attribute_getters, conflict};
use crate::error::{Error, ErrorKind, json_message};
use crate::event::sealed::Sealed;
use crate::event::{Event, TypeSeed, check_tenant_id};
use crate::event_type::EventType;
use crate::licenses::{
    AssignmentDeleted, AssignmentRejected, AssignmentUpdated, DataVolumeConsumptionAggregated,
    DefinitionUpdated, LeaseCreated, LeaseDeleted, LeaseUpdated, TenantAssociated,
};

/// An event whose `type` the crate does not know, kept whole: its envelope,
/// its type string and its `data` as the raw JSON text that was sent.
///
/// ```
/// let event = qlik_events::from_str(
///     r#"{"type":"com.qlik.v1.licenses.purged","id":"e1","data":{"license":"L1"}}"#,
/// ).unwrap();
/// let qlik_events::QlikEvent::Unknown(unknown) = &event else { panic!() };
/// assert_eq!(unknown.event_type, "com.qlik.v1.licenses.purged");
/// assert_eq!(unknown.data.as_ref().unwrap().get(), r#"{"license":"L1"}"#);
/// assert_eq!(event.id(), Some("e1"));
/// ```
#[derive(Clone, Debug)]
pub struct UnknownEvent {
    /// Every attribute but `type` and `data`.
    pub envelope: Envelope,
    /// The `type` string, as sent.
    pub event_type: String,
    /// `data` exactly as sent, if present.
    pub data: Option<Box<RawValue>>,
}

impl UnknownEvent {
    /// An event of the given type with an empty envelope and no data.
    pub fn new(event_type: impl Into<String>) -> Self {
        UnknownEvent {
            envelope: Envelope::new(),
            event_type: event_type.into(),
            data: None,
        }
    }
}

/// Equal when envelopes and types are equal and `data` is the same text.
impl PartialEq for UnknownEvent {
    fn eq(&self, other: &Self) -> bool {
        self.envelope == other.envelope
            && self.event_type == other.event_type
            && self.data.as_deref().map(RawValue::get) == other.data.as_deref().map(RawValue::get)
    }
}

crate::write::write_json!(UnknownEvent, |this, out| {
    let mut o = crate::write::Object::begin(out);
    this.envelope.write_attributes(&mut o, &this.event_type)?;
    if let Some(data) = &this.data {
        o.field(",\"data\":", data)?;
    }
    o.end();
    Ok(())
});

impl Serialize for UnknownEvent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        self.envelope
            .serialize_attributes(&mut m, &self.event_type)?;
        if let Some(data) = &self.data {
            m.serialize_entry("data", data)?;
        }
        m.end()
    }
}

macro_rules! qlik_event {
    ($( $(#[$doc:meta])* $variant:ident($data:ty, $payload:ty) ),+ $(,)?) => {
        /// A Qlik Cloud system event of any type.
        ///
        /// Parse with [`from_slice`](crate::from_slice) or
        /// [`from_str`](crate::from_str), read the envelope without a
        /// `match`, and `match` for the payload:
        ///
        /// ```
        /// use qlik_events::QlikEvent;
        ///
        /// let body = include_bytes!("../tests/fixtures/com.qlik.license.assignment.rejected.json");
        /// let event = qlik_events::from_slice(body)?;
        /// assert_eq!(event.id(), Some("string"));
        /// match &event {
        ///     QlikEvent::AssignmentRejected(e) => assert_eq!(e.data.message.as_deref(), Some("string")),
        ///     QlikEvent::Unknown(e) => println!("not modelled: {}", e.event_type),
        ///     _ => {}
        /// }
        /// # Ok::<(), qlik_events::Error>(())
        /// ```
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum QlikEvent {
            $( $(#[$doc])* $variant(Event<$data>), )+
            /// An event type the crate does not know; see
            /// [`require_known`](QlikEvent::require_known) to reject these.
            Unknown(UnknownEvent),
        }

        /// The `data` of an event, typed by its event type: what
        /// [`QlikEvent`] holds without the envelope. Other shapes that carry
        /// the same payloads (the Audits API) use it too.
        ///
        /// ```
        /// use qlik_events::{EventType, Payload, QlikEvent};
        ///
        /// let event = qlik_events::samples::lease_created();
        /// let (envelope, ty, payload) = QlikEvent::from(event).into_parts();
        /// assert!(matches!(payload, Some(Payload::LeaseCreated(_))));
        /// let again = QlikEvent::from_parts(envelope, ty, payload).unwrap();
        /// assert_eq!(again.event_type(), EventType::LeaseCreated);
        /// ```
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum Payload {
            $( $(#[$doc])* $variant($payload), )+
            /// `data` of a type the crate does not know, as sent.
            Unknown(Box<RawValue>),
        }

        impl Payload {
            /// Reads `data` for the given type in the same single pass.
            pub(crate) fn parse<'de, D: Deserializer<'de>>(
                ty: &EventType,
                d: D,
                t: &Track,
            ) -> Result<Self, D::Error> {
                match ty {
                    $(EventType::$variant => <$payload as Parse>::parse(d, t).map(Payload::$variant),)+
                    _ => Box::<RawValue>::deserialize(d).map(Payload::Unknown),
                }
            }

            /// The event type this payload belongs to; `None` for
            /// [`Payload::Unknown`].
            pub fn event_type(&self) -> Option<EventType> {
                match self {
                    $(Payload::$variant(_) => Some(EventType::$variant),)+
                    Payload::Unknown(_) => None,
                }
            }
        }

        /// Unknown payloads are equal when their text is.
        impl PartialEq for Payload {
            fn eq(&self, other: &Self) -> bool {
                match (self, other) {
                    $((Payload::$variant(a), Payload::$variant(b)) => a == b,)+
                    (Payload::Unknown(a), Payload::Unknown(b)) => a.get() == b.get(),
                    _ => false,
                }
            }
        }

        impl Serialize for Payload {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Payload::$variant(p) => p.serialize(s),)+
                    Payload::Unknown(raw) => raw.serialize(s),
                }
            }
        }

        impl QlikEvent {
            /// Joins `data` to the envelope, applying the event type's rules.
            pub(crate) fn assemble<E: de::Error>(
                envelope: Envelope,
                ty: EventType,
                data: Option<Payload>,
                t: &Track,
            ) -> Result<QlikEvent, E> {
                Ok(match (ty, data) {
                    $((EventType::$variant, Some(Payload::$variant(data))) => QlikEvent::$variant(Event {
                        envelope,
                        data: <$data as Sealed>::from_payload(data),
                    }),)+
                    $((EventType::$variant, None) => QlikEvent::$variant(Event {
                        envelope,
                        data: <$data as Sealed>::missing_data(t)?,
                    }),)+
                    (EventType::Unknown(event_type), data) => QlikEvent::Unknown(UnknownEvent {
                        envelope,
                        event_type,
                        data: match data {
                            Some(Payload::Unknown(raw)) => Some(raw),
                            _ => None,
                        },
                    }),
                    (ty, Some(data)) => {
                        t.set_kind(ErrorKind::EventTypeMismatch);
                        t.push(Segment::Field("data"));
                        return Err(E::custom(format_args!(
                            "`data` is a {} payload, the event's type is `{ty}`",
                            data.event_type().map_or_else(|| "raw".to_owned(), |d| format!("`{d}`")),
                        )));
                    }
                })
            }

            /// Splits the event into its envelope, type and payload.
            pub fn into_parts(self) -> (Envelope, EventType, Option<Payload>) {
                match self {
                    $(QlikEvent::$variant(e) => (
                        e.envelope,
                        EventType::$variant,
                        <$data as Sealed>::into_payload(e.data).map(Payload::$variant),
                    ),)+
                    QlikEvent::Unknown(e) => (
                        e.envelope,
                        EventType::from(e.event_type),
                        e.data.map(Payload::Unknown),
                    ),
                }
            }

            /// The event's type, for every event (unknown ones included).
            pub fn event_type(&self) -> EventType {
                match self {
                    $(QlikEvent::$variant(_) => EventType::$variant,)+
                    QlikEvent::Unknown(e) => EventType::from(e.event_type.as_str()),
                }
            }

            /// The envelope: every attribute but `type` and `data`.
            pub fn envelope(&self) -> &Envelope {
                match self {
                    $(QlikEvent::$variant(e) => &e.envelope,)+
                    QlikEvent::Unknown(e) => &e.envelope,
                }
            }

            /// The envelope, mutably.
            pub fn envelope_mut(&mut self) -> &mut Envelope {
                match self {
                    $(QlikEvent::$variant(e) => &mut e.envelope,)+
                    QlikEvent::Unknown(e) => &mut e.envelope,
                }
            }
        }

        $crate::write::write_json!(QlikEvent, |this, out| match this {
            $(QlikEvent::$variant(e) => e.write_json(out),)+
            QlikEvent::Unknown(e) => e.write_json(out),
        });

        $crate::write::write_json!(Payload, |this, out| match this {
            $(Payload::$variant(p) => p.write_json(out),)+
            Payload::Unknown(raw) => raw.write_json(out),
        });

        impl Serialize for QlikEvent {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(QlikEvent::$variant(e) => e.serialize(s),)+
                    QlikEvent::Unknown(e) => e.serialize(s),
                }
            }
        }

        $(
            impl From<Event<$data>> for QlikEvent {
                fn from(e: Event<$data>) -> Self {
                    QlikEvent::$variant(e)
                }
            }

            /// Fails with the event itself when it is of another type.
            impl TryFrom<QlikEvent> for Event<$data> {
                type Error = QlikEvent;
                fn try_from(e: QlikEvent) -> Result<Self, QlikEvent> {
                    match e {
                        QlikEvent::$variant(e) => Ok(e),
                        other => Err(other),
                    }
                }
            }
        )+
    };
}

qlik_event! {
    /// `com.qlik.license.assignment.deleted`
    AssignmentDeleted(AssignmentDeleted, AssignmentDeleted),
    /// `com.qlik.license.assignment.rejected`
    AssignmentRejected(AssignmentRejected, AssignmentRejected),
    /// `com.qlik.license.assignment.updated`
    AssignmentUpdated(AssignmentUpdated, AssignmentUpdated),
    /// `com.qlik.license.data.volume.consumption.aggregated` (deprecated)
    DataVolumeConsumptionAggregated(DataVolumeConsumptionAggregated, DataVolumeConsumptionAggregated),
    /// `com.qlik.license.definition.updated`
    DefinitionUpdated(DefinitionUpdated, DefinitionUpdated),
    /// `com.qlik.v1.license.lease.created`
    LeaseCreated(LeaseCreated, LeaseCreated),
    /// `com.qlik.v1.license.lease.deleted`
    LeaseDeleted(LeaseDeleted, LeaseDeleted),
    /// `com.qlik.v1.license.lease.updated`
    LeaseUpdated(LeaseUpdated, LeaseUpdated),
    /// `com.qlik.v1.license.tenant.associated`
    TenantAssociated(TenantAssociated, TenantAssociated),
    /// `com.qlik.v1.app-usage.quota.consumed` (`data` is optional)
    QuotaConsumed(Option<QuotaConsumed>, QuotaConsumed),
}

impl From<UnknownEvent> for QlikEvent {
    fn from(e: UnknownEvent) -> Self {
        QlikEvent::Unknown(e)
    }
}

impl QlikEvent {
    /// Builds an event from its parts, with the checks parsing applies:
    /// `data` must be present where the type requires it and of the type's
    /// payload, `tenantid` must be present where the type requires it. A
    /// typed payload given with an unknown type is kept as its JSON.
    ///
    /// ```
    /// use qlik_events::{Envelope, EventType, QlikEvent};
    /// let err = QlikEvent::from_parts(Envelope::new(), EventType::QuotaConsumed, None).unwrap_err();
    /// assert_eq!(err.path(), "tenantid");
    /// ```
    pub fn from_parts(
        envelope: Envelope,
        ty: EventType,
        data: Option<Payload>,
    ) -> Result<QlikEvent, Error> {
        let t = Track::new();
        t.set_event_type(&ty);
        let fail = |e: serde_json::Error| Error::from_json(e, &t);
        if ty.requires_tenant_id() && envelope.tenant_id().is_none() {
            return Err(fail(crate::de::missing(&t, "tenantid")));
        }
        let data = match (&ty, data) {
            (EventType::Unknown(_), Some(p)) if p.event_type().is_some() => Some(Payload::Unknown(
                serde_json::value::to_raw_value(&p).map_err(fail)?,
            )),
            (_, data) => data,
        };
        Self::assemble(envelope, ty, data, &t).map_err(fail)
    }

    /// Whether the event's type is one the crate models.
    pub fn is_known(&self) -> bool {
        !matches!(self, QlikEvent::Unknown(_))
    }

    /// Returns the event if its type is known, or an error of kind
    /// [`UnknownEventType`](ErrorKind::UnknownEventType) at path `type`.
    ///
    /// A webhook receiver should usually accept unknown types (the vendor
    /// adds them); this is for callers that must not.
    ///
    /// ```
    /// let event = qlik_events::from_str(r#"{"type":"com.qlik.v1.licenses.purged"}"#).unwrap();
    /// let err = event.require_known().unwrap_err();
    /// assert_eq!(err.kind(), qlik_events::ErrorKind::UnknownEventType);
    /// assert_eq!(err.path(), "type");
    /// ```
    pub fn require_known(self) -> Result<QlikEvent, Error> {
        match self {
            QlikEvent::Unknown(e) => Err(Error::new(
                ErrorKind::UnknownEventType,
                "type",
                format!("unknown event type `{}`", e.event_type),
            )
            .with_event_type(e.event_type)),
            known => Ok(known),
        }
    }

    /// `time`, if present.
    pub fn time(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.envelope().time()
    }

    attribute_getters!(envelope);
}

/// How `data` is held when it comes before `type`: borrowed from the input
/// when parsing a slice, owned otherwise.
pub(crate) trait RawData<'de>: Deserialize<'de> {
    fn text(&self) -> &str;
    fn into_owned(self) -> Box<RawValue>;
}

impl<'de> RawData<'de> for &'de RawValue {
    fn text(&self) -> &str {
        self.get()
    }
    fn into_owned(self) -> Box<RawValue> {
        self.to_owned()
    }
}

impl RawData<'_> for Box<RawValue> {
    fn text(&self) -> &str {
        self.get()
    }
    fn into_owned(self) -> Box<RawValue> {
        self
    }
}

/// The result of the single pass: done, or waiting for `data` that came
/// before `type` to be read now that the type is known.
#[allow(clippy::large_enum_variant)] // Short-lived; boxing would cost an allocation per event.
pub(crate) enum Partial<R> {
    Done(QlikEvent),
    Pending {
        envelope: Envelope,
        ty: EventType,
        raw: R,
    },
}

impl<'de, R: RawData<'de>> Partial<R> {
    /// Where the held `data` starts in `input`, if it is a slice of it.
    pub(crate) fn raw_offset(&self, input: &[u8]) -> usize {
        match self {
            Partial::Pending { raw, .. } => {
                (raw.text().as_ptr() as usize).saturating_sub(input.as_ptr() as usize)
            }
            Partial::Done(_) => 0,
        }
    }

    pub(crate) fn finish(self, t: &Track) -> Result<QlikEvent, serde_json::Error> {
        match self {
            Partial::Done(event) => Ok(event),
            Partial::Pending { envelope, ty, raw } => {
                let data = if ty.is_known() {
                    payload_from_raw(&ty, raw.text(), t)?
                } else {
                    Payload::Unknown(raw.into_owned())
                };
                QlikEvent::assemble(envelope, ty, Some(data), t)
            }
        }
    }
}

/// Reads `data` held as raw text now that its type is known; errors get
/// `data` on their path.
pub(crate) fn payload_from_raw(
    ty: &EventType,
    text: &str,
    t: &Track,
) -> Result<Payload, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    DataSeed { ty, t }
        .deserialize(&mut de)
        .inspect_err(|_| t.push(Segment::Field("data")))
}

/// Reads `data` for a known type.
pub(crate) struct DataSeed<'a> {
    pub(crate) ty: &'a EventType,
    pub(crate) t: &'a Track,
}

impl<'de> DeserializeSeed<'de> for DataSeed<'_> {
    type Value = Payload;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Payload, D::Error> {
        Payload::parse(self.ty, d, self.t)
    }
}

#[allow(clippy::large_enum_variant)] // Short-lived, as `Partial`.
enum DataSlot<R> {
    Parsed(Payload),
    Raw(R),
}

pub(crate) struct EventVisitor<'t, R>(&'t Track, PhantomData<R>);

impl<'t, R> EventVisitor<'t, R> {
    pub(crate) fn new(t: &'t Track) -> Self {
        EventVisitor(t, PhantomData)
    }
}

impl<'de, R: RawData<'de>> Visitor<'de> for EventVisitor<'_, R> {
    type Value = Partial<R>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Qlik event object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Partial<R>, A::Error> {
        let t = self.0;
        let mut envelope = EnvelopeReader::new();
        let mut ty: Option<(EventType, &'static str)> = None;
        let mut data: Option<DataSlot<R>> = None;
        while let Some(key) = map.next_key_seed(KeySeed::<EnvelopeKey>::new())? {
            match key {
                Key::Known(EnvelopeKey::Type(name)) => {
                    if matches!(ty, Some((_, prev)) if prev == name) {
                        return Err(crate::de::duplicate(t, name));
                    }
                    let value = map
                        .next_value_seed(TypeSeed)
                        .inspect_err(|_| t.push(Segment::Field(name)))?;
                    match &ty {
                        // `type` and the older `eventType` must agree.
                        Some((before, prev)) if *before != value => {
                            return Err(conflict(t, name, prev, value.as_str(), before.as_str()));
                        }
                        Some(_) => {}
                        None => {
                            t.set_event_type(&value);
                            ty = Some((value, name));
                        }
                    }
                }
                Key::Known(EnvelopeKey::Data) => {
                    if data.is_some() {
                        return Err(crate::de::duplicate(t, "data"));
                    }
                    // Single pass: parse straight into the payload when the
                    // type is known, else hold the raw text until it is.
                    let slot = match &ty {
                        Some((ty, _)) => map
                            .next_value_seed(DataSeed { ty, t })
                            .map(DataSlot::Parsed),
                        None => map.next_value::<R>().map(DataSlot::Raw),
                    };
                    data = Some(slot.inspect_err(|_| t.push(Segment::Field("data")))?);
                }
                Key::Known(EnvelopeKey::Field(field)) => envelope.read_field(field, &mut map, t)?,
                Key::Other(key) => envelope.read_extension(key, &mut map, t)?,
            }
        }
        let Some((ty, _)) = ty else {
            return Err(crate::de::missing(t, "type"));
        };
        check_tenant_id(&ty, &envelope, t)?;
        let envelope = envelope.finish();
        match data {
            Some(DataSlot::Raw(raw)) => Ok(Partial::Pending { envelope, ty, raw }),
            Some(DataSlot::Parsed(data)) => {
                QlikEvent::assemble(envelope, ty, Some(data), t).map(Partial::Done)
            }
            None => QlikEvent::assemble(envelope, ty, None, t).map(Partial::Done),
        }
    }
}

/// Serde's entry point, for use inside other types;
/// [`from_slice`](crate::from_slice) adds the path and position to errors
/// and avoids copying `data` that comes before `type`.
impl<'de> Deserialize<'de> for QlikEvent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let t = Track::new();
        let partial = d.deserialize_map(EventVisitor::<Box<RawValue>>::new(&t))?;
        partial.finish(&t).map_err(|e| {
            de::Error::custom(format_args!("{}: {}", t.render_path(), json_message(&e)))
        })
    }
}

/// Parses one event from a `serde_json` reader over `input`.
pub(crate) fn parse<'de, R>(read: R, input: &'de [u8]) -> Result<QlikEvent, Error>
where
    R: serde_json::de::Read<'de>,
{
    let t = Track::new();
    let partial = crate::parse::with_deserializer(read, &t, |de, t| {
        de.deserialize_map(EventVisitor::<&'de RawValue>::new(t))
    })?;
    let offset = partial.raw_offset(input);
    partial
        .finish(&t)
        .map_err(|e| Error::from_json(e, &t).shift_position(input, offset))
}
