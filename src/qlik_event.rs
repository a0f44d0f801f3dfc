//! [`QlikEvent`]: every event type under one enum, keyed on `type`.

use std::borrow::Cow;
use std::fmt;

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::envelope::{Envelope, EnvelopeField, EnvelopeReader, attribute_getters, member};
use crate::error::{Error, ErrorKind};
use crate::event::sealed::Sealed;
use crate::event::{Event, EventData, check_tenant_id};
use crate::event_type::EventType;
use crate::extra::to_raw;
use crate::object::{DataSlot, Member, Rules, Seen, read_held, read_object, type_ahead};
use crate::read::{Fail, FromJson, Reader, Res, Segment, Unexp};

/// An event whose `type` the crate does not know, kept whole: its envelope,
/// its type string and its `data` as the raw JSON text that was sent.
///
/// ```
/// let event = qlik_events::from_str(
///     r#"{"type":"com.example.v1.unknown.type","id":"e1","data":{"license":"L1"}}"#,
/// ).unwrap();
/// let qlik_events::QlikEvent::Unknown(unknown) = &event else { panic!() };
/// assert_eq!(unknown.event_type, "com.example.v1.unknown.type");
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

/// Equal when envelopes and types are equal and `data` holds the same JSON
/// value, compared as [`Extra`](crate::Extra) compares its members (the
/// same text, or equal as `serde_json::Value`s: a value stored in another
/// format and read back equals the one written).
impl PartialEq for UnknownEvent {
    fn eq(&self, other: &Self) -> bool {
        self.envelope == other.envelope
            && self.event_type == other.event_type
            && match (&self.data, &other.data) {
                (Some(a), Some(b)) => crate::extra::same_json(a.get(), b.get()),
                (a, b) => a.is_none() && b.is_none(),
            }
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
            m.serialize_entry("data", &crate::serde_any::AnyJson(data, "data"))?;
        }
        m.end()
    }
}

macro_rules! qlik_event {
    ($([$(#[$doc:meta])*] $variant:ident $wire:literal $channel:ident [$payload:ty]
        $type_req:ident $data_req:ident $tenant_req:ident $deprecated:literal $sample:path;)+) => {
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
            $( #[doc = concat!("`", $wire, "`:")] $(#[$doc])* $variant(Event<crate::registry::data_type!($data_req, $payload)>), )+
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
        /// let body = include_str!("../tests/fixtures/com.qlik.v1.license.lease.created.json");
        /// let (envelope, ty, payload) = qlik_events::from_str(body)?.into_parts();
        /// assert!(matches!(payload, Some(Payload::LeaseCreated(_))));
        /// let again = QlikEvent::from_parts(envelope, ty, payload)?;
        /// assert_eq!(again.event_type(), EventType::LeaseCreated);
        /// # Ok::<(), qlik_events::Error>(())
        /// ```
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum Payload {
            $( #[doc = concat!("`", $wire, "`:")] $(#[$doc])* $variant($payload), )+
            /// `data` of a type the crate does not know, as sent.
            Unknown(Box<RawValue>),
        }

        impl Payload {
            /// Reads `data` for the given type in the same single pass; the
            /// `data` of an unknown type is kept as sent.
            pub(crate) fn read(ty: &EventType, r: &mut Reader<'_>) -> Res<Self> {
                match ty {
                    $(EventType::$variant => <$payload as FromJson>::read(r).map(Payload::$variant),)+
                    _ => r.raw().and_then(to_raw).map(Payload::Unknown),
                }
            }

            /// [`read`](Self::read) straight into the slot of `data`: one
            /// move of the payload (up to 152 bytes) fewer.
            #[cfg_attr(not(debug_assertions), inline(always))]
            pub(crate) fn read_into<'de>(
                ty: &EventType,
                r: &mut Reader<'de>,
                slot: &mut Option<DataSlot<'de>>,
            ) -> Res<()> {
                match ty {
                    $(EventType::$variant => {
                        let data = <$payload as FromJson>::read(r)?;
                        *slot = Some(DataSlot::Parsed(Payload::$variant(data)));
                    })+
                    _ => *slot = Some(DataSlot::Parsed(Payload::Unknown(r.raw().and_then(to_raw)?))),
                }
                Ok(())
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

        /// Unknown payloads are equal when they hold the same JSON value (as
        /// [`UnknownEvent`]'s `data`).
        impl PartialEq for Payload {
            fn eq(&self, other: &Self) -> bool {
                match (self, other) {
                    $((Payload::$variant(a), Payload::$variant(b)) => a == b,)+
                    (Payload::Unknown(a), Payload::Unknown(b)) => crate::extra::same_json(a.get(), b.get()),
                    _ => false,
                }
            }
        }

        impl Serialize for Payload {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Payload::$variant(p) => p.serialize(s),)+
                    Payload::Unknown(raw) => crate::serde_any::AnyJson(raw, "data").serialize(s),
                }
            }
        }

        impl QlikEvent {
            /// Joins `data` to the envelope, applying the event type's rules.
            /// Inlined, so that the event is built where it is returned.
            #[cfg_attr(not(debug_assertions), inline(always))]
            pub(crate) fn assemble(
                envelope: Envelope,
                ty: EventType,
                data: Option<Payload>,
            ) -> Res<QlikEvent> {
                Ok(match (ty, data) {
                    $((EventType::$variant, Some(Payload::$variant(data))) => QlikEvent::$variant(Event {
                        envelope,
                        data: <crate::registry::data_type!($data_req, $payload) as Sealed>::from_payload(data),
                    }),)+
                    $((EventType::$variant, None) => QlikEvent::$variant(Event {
                        envelope,
                        data: <crate::registry::data_type!($data_req, $payload) as Sealed>::missing_data()?,
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
                        return Err(Fail::data(
                            ErrorKind::EventTypeMismatch,
                            format!(
                                "`data` is a {} payload, the event's type is `{ty}`",
                                data.event_type().map_or_else(|| "raw".to_owned(), |d| format!("`{d}`")),
                            ),
                        )
                        .at(Segment::Field("data")));
                    }
                })
            }

            /// Splits the event into its envelope, type and payload.
            pub fn into_parts(self) -> (Envelope, EventType, Option<Payload>) {
                match self {
                    $(QlikEvent::$variant(e) => (
                        e.envelope,
                        EventType::$variant,
                        <crate::registry::data_type!($data_req, $payload) as Sealed>::into_payload(e.data).map(Payload::$variant),
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

            /// Calls the visitor's [`visit`](EventVisitor::visit) with the
            /// typed event inside, whatever its type; `None` for
            /// [`QlikEvent::Unknown`] (there is no payload type to call it
            /// with).
            ///
            /// ```
            /// use qlik_events::{Event, EventData, EventType, EventVisitor};
            ///
            /// /// Parses `body` as the type of the visited event.
            /// struct Reparse<'a>(&'a [u8]);
            ///
            /// impl EventVisitor for Reparse<'_> {
            ///     type Output = Result<EventType, qlik_events::Error>;
            ///     fn visit<T: EventData>(self, _: &Event<T>) -> Self::Output {
            ///         Event::<T>::from_slice(self.0).map(|e| e.event_type())
            ///     }
            /// }
            ///
            /// let body = include_bytes!("../tests/fixtures/com.qlik.v1.license.lease.created.json");
            /// let lease = qlik_events::from_slice(body)?;
            /// assert_eq!(lease.visit(Reparse(body)).unwrap()?, EventType::LeaseCreated);
            ///
            /// let other = include_bytes!("../tests/fixtures/com.qlik.v1.license.lease.deleted.json");
            /// let err = lease.visit(Reparse(other)).unwrap().unwrap_err();
            /// assert_eq!(err.kind(), qlik_events::ErrorKind::EventTypeMismatch);
            /// # Ok::<(), qlik_events::Error>(())
            /// ```
            pub fn visit<V: EventVisitor>(&self, visitor: V) -> Option<V::Output> {
                match self {
                    $(QlikEvent::$variant(e) => Some(visitor.visit(e)),)+
                    QlikEvent::Unknown(_) => None,
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

    };
}

crate::registry::registry!(qlik_event);

/// Code that handles an event of any known type through its typed
/// [`Event<T>`], generic over the payload `T`: what
/// [`QlikEvent::visit`] calls with the event inside, so that one generic
/// function serves every event type, present and future, without a `match`
/// on the variants.
///
/// Like serde's `Visitor`, it is consumed by the call; implement it for a
/// reference (`&mut Stats`) to keep state across calls. Inside `visit`,
/// `T` is a full [`EventData`]: the event parses as
/// [`Event::<T>::from_slice`](Event::from_slice), builds with
/// `Event::builder` (feature `builder`), and converts with
/// `Into<QlikEvent>` and `TryFrom<QlikEvent>`.
///
/// ```
/// use qlik_events::{Event, EventData, EventVisitor};
///
/// /// A generic handler: one line of log for any known event.
/// struct LogLine;
///
/// impl EventVisitor for LogLine {
///     type Output = String;
///     fn visit<T: EventData>(self, event: &Event<T>) -> String {
///         let data = serde_json::to_string(&event.data).unwrap_or_default();
///         format!("{} from {:?}: {data}", T::EVENT_TYPE, event.tenant_id())
///     }
/// }
///
/// let body = include_bytes!("../tests/fixtures/com.qlik.v1.app-usage.quota.consumed.json");
/// let event = qlik_events::from_slice(body)?;
/// let line = event.visit(LogLine).unwrap();
/// assert!(line.starts_with(r#"com.qlik.v1.app-usage.quota.consumed from Some("id123"): {"unit":"byte""#));
///
/// // No payload type for a type the crate does not know:
/// let unknown = qlik_events::from_str(r#"{"type": "com.example.v1.unknown.type"}"#)?;
/// assert_eq!(unknown.visit(LogLine), None);
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub trait EventVisitor {
    /// What a visit returns.
    type Output;

    /// Handles `event`, of the payload type `T`.
    fn visit<T: EventData>(self, event: &Event<T>) -> Self::Output;
}

/// Every typed event converts into its [`QlikEvent`] variant.
impl<T: EventData> From<Event<T>> for QlikEvent {
    fn from(event: Event<T>) -> Self {
        T::into_qlik_event(event)
    }
}

/// Fails with the event itself when it is of another type.
///
/// ```
/// use qlik_events::licenses::{LeaseCreatedEvent, LeaseDeletedEvent};
///
/// let body = include_bytes!("../tests/fixtures/com.qlik.v1.license.lease.deleted.json");
/// let event = qlik_events::from_slice(body)?;
/// let event = LeaseCreatedEvent::try_from(event).unwrap_err(); // given back
/// assert!(LeaseDeletedEvent::try_from(event).is_ok());
/// # Ok::<(), qlik_events::Error>(())
/// ```
impl<T: EventData> TryFrom<QlikEvent> for Event<T> {
    type Error = QlikEvent;
    fn try_from(event: QlikEvent) -> Result<Self, QlikEvent> {
        T::from_qlik_event(event)
    }
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
        let name = ty.as_str().to_owned();
        let fail = |f: Box<Fail>| f.into_error(&[], Some(&name));
        if name.is_empty() {
            // Every CloudEvent has a non-empty `type`, as parsing requires.
            return Err(fail(
                Fail::invalid_value(Unexp::Str(""), &"a non-empty event type string")
                    .at(Segment::Field("type")),
            ));
        }
        if ty.requires_tenant_id() && envelope.tenant_id().is_none() {
            return Err(fail(Fail::missing("tenantid")));
        }
        let data = match (&ty, data) {
            (EventType::Unknown(_), Some(p)) if p.event_type().is_some() => {
                let text = crate::to_string(&p).map_err(|e| e.with_event_type(&name))?;
                Some(Payload::Unknown(to_raw(&text).map_err(fail)?))
            }
            (_, data) => data,
        };
        Self::assemble(envelope, ty, data).map_err(fail)
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
    /// let event = qlik_events::from_str(r#"{"type":"com.example.v1.unknown.type"}"#).unwrap();
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

/// The parts of a webhook event object as read: the type (as soon as it
/// is read, for the errors of later failures, with the name it was read
/// under), the envelope and `data`. Every rule that needs the whole object
/// is checked by [`read_object`] (`checks: false` leaves out the per-type
/// requirements, for an envelope read on its own), so that joining the
/// parts afterwards cannot fail.
struct EventObject<'de> {
    ty: Option<(EventType, &'static str)>,
    envelope: EnvelopeReader<'de>,
    data: Option<DataSlot<'de>>,
    checks: bool,
    /// Whether `data` sent before the type may be read at once for the
    /// type it most likely has ([`type_ahead`]), rather than skipped (with
    /// every check) and read again once the type is known.
    scan: bool,
    /// The type `data` was so read for: a failure is then not final, and
    /// the type read must be the same (see [`parse`]).
    guessed: Option<EventType>,
}

impl EventObject<'_> {
    fn new(checks: bool, scan: bool) -> Self {
        EventObject {
            ty: None,
            envelope: EnvelopeReader::new(),
            data: None,
            checks,
            scan,
            guessed: None,
        }
    }
}

impl<'de> Rules<'de> for EventObject<'de> {
    type Out = ();
    type Field = EnvelopeField;
    const NON_EMPTY_TYPE: bool = true;

    fn expected(f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Qlik event object")
    }

    #[inline]
    fn member(key: Cow<'de, [u8]>) -> Member<'de, EnvelopeField> {
        member(key)
    }

    /// `type` governs; an `eventType` that disagrees is kept.
    #[inline]
    fn event_type(&mut self, _: &Reader<'de>, name: &'static str, value: EventType) -> Res<()> {
        let governs = name == "type";
        match &mut self.ty {
            None => self.ty = Some((value, name)),
            Some((before, prev)) if *before == value => {
                if governs {
                    *prev = name;
                }
            }
            Some((before, prev)) if governs => {
                self.envelope.keep_type(prev, before.as_str())?;
                self.ty = Some((value, name));
            }
            Some(_) => self.envelope.keep_type(name, value.as_str())?,
        }
        if governs {
            self.envelope.strict = self.ty.as_ref().is_some_and(|(t, _)| t.is_known());
        }
        Ok(())
    }

    /// Single pass: straight into the payload when the type is known for
    /// good (read as `type`), else the text until it is.
    #[inline]
    fn data(&mut self, r: &mut Reader<'de>) -> Res<()> {
        let ty = match &self.ty {
            Some((ty, "type")) => Some(ty),
            _ => None,
        };
        if ty.is_none()
            && self.scan
            && let Some(guess) = r.rest().and_then(type_ahead)
        {
            // Set first: a failure of this read is not final either.
            let guess = self.guessed.insert(guess);
            return Payload::read_into(guess, r, &mut self.data);
        }
        match ty {
            Some(ty) => Payload::read_into(ty, r, &mut self.data),
            None => {
                self.data = Some(DataSlot::Held(r.raw()?));
                Ok(())
            }
        }
    }

    #[inline]
    fn field(&mut self, field: EnvelopeField, r: &mut Reader<'de>) -> Res<()> {
        self.envelope.read_field(field, r)
    }

    #[inline]
    fn other(&mut self, key: Cow<'de, [u8]>, r: &mut Reader<'de>) -> Res<()> {
        self.envelope.read_extension(key, r)
    }

    fn end(&mut self, seen: Seen) -> Res<()> {
        let Some((event_type, _)) = self.ty.as_ref() else {
            return Err(Fail::missing("type"));
        };
        self.envelope.check_specversion(event_type.is_known())?;
        if self.checks {
            check_tenant_id(event_type, &self.envelope)?;
            if !seen.data && event_type.requires_data() {
                return Err(Fail::missing("data"));
            }
        }
        Ok(())
    }
}

/// Parses one event that is the whole input of `r`. `data` sent before
/// the type is read at once for the type looked up ahead of it (with every
/// check of that type); when anything fails after that, or the type read is
/// another, the event is read again with `data` skipped (checked) and read
/// once the type is known, so that the failure reported, its position and
/// the envelope read before it are always those of that one way.
pub(crate) fn parse(r: Reader<'_>) -> Result<QlikEvent, Error> {
    let checked = r.clone();
    match read_event(r, true) {
        Ok(event) => Ok(event),
        Err(Some(err)) => Err(err),
        Err(None) => read_event(checked, false).map_err(|err| {
            // Without a guess every failure is final.
            err.unwrap_or_else(|| Fail::missing("type").into_error(&[], None))
        }),
    }
}

/// [`parse`] with (`scan`) or without the guess of the type of `data` sent
/// first: `Err(None)` when a guess was used and something failed or the
/// guess was wrong. Always inlined: the event is then built where `parse`
/// returns it, not moved out of a second frame.
#[cfg_attr(not(debug_assertions), inline(always))]
fn read_event(mut r: Reader<'_>, scan: bool) -> Result<QlikEvent, Option<Error>> {
    let mut event = EventObject::new(true, scan);
    let input = r.input();
    if let Err(f) = read_object(&mut r, &mut event).and_then(|()| r.end()) {
        if event.guessed.is_some() {
            return Err(None);
        }
        return Err(Some(
            f.with_envelope(event.envelope.finish())
                .into_error(input, event.ty.as_ref().map(|(t, _)| t.as_str())),
        ));
    }
    // `data` read for a guess stands when the guess was the type read.
    let ty = match (event.ty, event.guessed) {
        (Some((ty, _)), None) => ty,
        (Some((ty, _)), Some(guess)) if ty == guess => ty,
        (_, Some(_)) => return Err(None),
        (None, None) => return Err(Some(Fail::missing("type").into_error(input, None))),
    };
    let envelope = event.envelope.finish();
    let data = match event.data {
        None => None,
        Some(DataSlot::Parsed(data)) => Some(data),
        // `data` came before `type`: read it now; errors are positioned in
        // the whole input.
        Some(DataSlot::Held(raw)) => Some(if ty.is_known() {
            read_held(input, raw, &ty).map_err(|f| {
                f.with_envelope(envelope.clone())
                    .into_error(input, Some(ty.as_str()))
            })?
        } else {
            to_raw(raw)
                .map(Payload::Unknown)
                .map_err(|f| f.into_error(input, Some(ty.as_str())))?
        }),
    };
    // Cannot fail: `data` was read for `ty`, and missing `data` was checked.
    QlikEvent::assemble(envelope, ty, data).map_err(|f| Some(f.into_error(input, None)))
}

/// Reads the envelope and type of an event object given as text (`data`
/// absent or kept as sent), by the same rules as [`parse`] but without the
/// per-type requirements: for the Audits API, whose items are converted by
/// reading them in the older envelope. Errors have a path, no position.
#[cfg(feature = "audit")]
pub(crate) fn read_envelope(text: &str) -> Result<(EventType, Envelope), Error> {
    let mut r = Reader::from_str(text);
    let mut event = EventObject::new(false, false);
    let unplaced = |mut f: Box<Fail>, ty: Option<&str>| {
        f.pos = crate::read::Pos::Unset;
        f.into_error(&[], ty)
    };
    if let Err(f) = read_object(&mut r, &mut event).and_then(|()| r.end()) {
        return Err(unplaced(f, event.ty.as_ref().map(|(t, _)| t.as_str())));
    }
    match event.ty {
        Some((ty, _)) => Ok((ty, event.envelope.finish())),
        None => Err(unplaced(Fail::missing("type"), None)),
    }
}

/// serde's entry point, for use inside other types: see [`Deserialize`](crate#deserialize)
/// in the crate docs. [`from_slice`](crate::from_slice) gives the position of
/// an error inside the event too.
impl<'de> Deserialize<'de> for QlikEvent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::model::deserialize_with(d, crate::from_str)
    }
}

#[cfg(test)]
mod tests {
    use super::read_event;
    use crate::read::Reader;
    use crate::{Error, QlikEvent};

    /// The one-pass read: `data` sent first skipped (checked), then read
    /// once the type is known.
    fn checked(text: &[u8]) -> Result<QlikEvent, Error> {
        read_event(Reader::from_slice(text), false).map_err(|e| e.expect("a final failure"))
    }

    /// `from_slice` (with the guess of the type of `data` sent first) gives
    /// what the one-pass read gives: the event, or the same failure with
    /// the same path, position, type and envelope.
    fn same(text: &[u8]) {
        assert_eq!(
            crate::from_slice(text),
            checked(text),
            "{}",
            String::from_utf8_lossy(text)
        );
    }

    /// Each published example with `data` moved first.
    fn data_first() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut events = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let serde_json::Value::Object(mut object) = serde_json::from_str(&text).unwrap() else {
                panic!("{path:?}");
            };
            let data = object.remove("data").unwrap();
            let rest = serde_json::Value::Object(object).to_string();
            events.push(format!(r#"{{"data":{data},{}"#, &rest[1..]));
        }
        assert!(events.len() >= crate::EventType::KNOWN.len());
        events
    }

    #[test]
    fn attributes_with_escapes_read_as_serde_json_reads_them() {
        // Short and ASCII (the envelope's buffer), long, above ASCII; two
        // of them in one event (the second in a string of its own).
        let long = format!(r#"{{\"a\": \"{}\"}}"#, "x".repeat(300));
        let values = [
            r#"{\"iss\": \"qlik.api.internal/licenses\", \"sub\": \"u\"}"#.to_owned(),
            r#"\u0041\t\/\\"#.to_owned(),
            long,
            r#"caf\u00e9 \ud83d\ude00 \""#.to_owned(),
        ];
        for value in &values {
            let expected: String = serde_json::from_str(&format!(r#""{value}""#)).unwrap();
            for body in [
                format!(
                    r#"{{"type":"com.example.v1.unknown.type","authclaims":"{value}","subject":"{value}"}}"#
                ),
                format!(
                    r#"{{"type":"com.example.v1.unknown.type","subject":"{value}","authclaims":"{value}"}}"#
                ),
            ] {
                let event = crate::from_str(&body).unwrap();
                assert_eq!(
                    event.envelope().auth_claims(),
                    Some(expected.as_str()),
                    "{body}"
                );
                assert_eq!(
                    event.envelope().subject(),
                    Some(expected.as_str()),
                    "{body}"
                );
                let written = crate::to_vec(&event).unwrap();
                assert_eq!(written, serde_json::to_vec(&event).unwrap(), "{body}");
            }
        }
    }

    #[test]
    fn data_sent_first_is_read_for_the_type_ahead() {
        for event in data_first() {
            // Taken by the guess, not read again.
            let guessed = read_event(Reader::from_slice(event.as_bytes()), true);
            assert!(guessed.is_ok(), "{event}");
            assert_eq!(guessed.ok(), checked(event.as_bytes()).ok());
        }
    }

    #[test]
    fn every_truncation_and_byte_change_fails_as_the_one_pass_read() {
        for event in data_first() {
            let bytes = event.as_bytes();
            for end in 0..bytes.len() {
                same(&bytes[..end]);
            }
            for at in 0..bytes.len() {
                for b in [
                    b'}', b']', b'"', b'\\', b'{', b'x', b'1', b' ', b',', b':', 0x01,
                ] {
                    let mut changed = bytes.to_vec();
                    changed[at] = b;
                    same(&changed);
                }
            }
        }
    }

    #[test]
    fn guesses_that_miss_or_mislead_give_the_one_pass_answer() {
        const LEASE: &str = "com.qlik.v1.license.lease.created";
        const DELETED: &str = "com.qlik.v1.license.lease.deleted";
        const UNKNOWN: &str = "com.example.v1.unknown.type";
        let lease = r#"{"name":"n","size":1,"excess":0,"license":"1","created":null}"#;
        let cases = [
            // Strings with brackets, quotes and escapes; nested arrays;
            // a `"type"` key inside `data` naming another known type.
            format!(
                r#"{{"data":{{"a":"}}]\"{{\\","b":[[1,[{{}}]],"x\u0041"],"type":"{DELETED}"}},"type":"{LEASE}","tenantid":"t"}}"#
            ),
            format!(r#"{{"data":{lease},"type":"{LEASE}","tenantid":"t"}}"#),
            format!(r#"{{"data":{lease}, "type" : "{LEASE}" ,"tenantid":"t"}}"#),
            // The guess is wrong: `data` is read for the type read.
            format!(
                r#"{{"data":{lease},"x":{{"type":"{DELETED}"}},"type":"{LEASE}","tenantid":"t"}}"#
            ),
            format!(
                r#"{{"data":{lease},"x":{{"type":"{LEASE}"}},"type":"{DELETED}","tenantid":"t"}}"#
            ),
            format!(r#"{{"data":{{"type":"{LEASE}"}},"type":"{UNKNOWN}"}}"#),
            format!(
                r#"{{"data":{lease},"eventType":"{DELETED}","type":"{LEASE}","tenantid":"t"}}"#
            ),
            format!(
                r#"{{"data":{lease},"type":"{LEASE}","eventType":"{DELETED}","tenantid":"t"}}"#
            ),
            format!(r#"{{"data":{lease},"eventType":"{LEASE}","tenantid":"t"}}"#),
            format!(
                r#"{{"data":{lease},"type":"com.qlik.v1.license.lease\u002ecreated","tenantid":"t"}}"#
            ),
            // Deep nesting: within serde_json's limit, and past it.
            format!(
                r#"{{"data":{{"x":{}1{}}},"type":"{UNKNOWN}"}}"#,
                "[".repeat(200),
                "]".repeat(200)
            ),
            format!(
                r#"{{"data":{{"x":{}1{}}},"type":"{LEASE}","tenantid":"t"}}"#,
                "[".repeat(126),
                "]".repeat(126)
            ),
            format!(
                r#"{{"data":{{"x":{}1{}}},"type":"{LEASE}","tenantid":"t"}}"#,
                "[".repeat(200),
                "]".repeat(200)
            ),
            // A syntax error in `data`, then an error of the envelope: the
            // first comes first.
            format!(r#"{{"data":{{"name":"n",}},"type":"{LEASE}","tenantid":5}}"#),
            format!(r#"{{"data":{{"name":"n" "size":1}},"type":"{LEASE}","id":1}}"#),
            format!(r#"{{"data":{{"name":"n\q"}},"type":"{LEASE}","id":1}}"#),
            // A type error in `data`, then an error of the envelope: the
            // envelope's comes first (`data` is checked once the type is
            // known).
            format!(r#"{{"data":{{"name":1}},"type":"{LEASE}","id":1}}"#),
            format!(r#"{{"data":{{"name":1}},"type":"{LEASE}","tenantid":"t"}}"#),
            format!(r#"{{"data":{lease},"data":{lease},"type":"{LEASE}","tenantid":"t"}}"#),
            format!(r#"{{"data":{lease},"type":"{LEASE}"}}"#),
            format!(r#"{{"data":{lease},"type":"{LEASE}","tenantid":"t"}} x"#),
            format!(r#"{{"data":{lease},"type":"{LEASE}","specversion":"0.3","tenantid":"t"}}"#),
        ];
        for case in &cases {
            same(case.as_bytes());
        }
        // Invalid UTF-8 inside `data`: no guess, the one-pass answer.
        let mut bytes = cases[1].clone().into_bytes();
        let at = cases[1].find("\"n\"").unwrap() + 1;
        bytes[at] = 0xff;
        same(&bytes);
    }
}
