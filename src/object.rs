//! The one reader of event objects: webhook events
//! ([`QlikEvent`](crate::QlikEvent)), events of one type
//! ([`Event<T>`](crate::Event)) and Audits API items
//! ([`AuditEvent`](crate::audit::AuditEvent)).
//!
//! [`read_object`] keeps the protocol they share: the members in order
//! (the first-member flag), each of the type's names and `data` at most
//! once (else `DuplicateField`, before the value), the type read as a
//! string and `data`'s failures under their key on the path, and the checks
//! that need the whole object made before it closes (so that they are
//! positioned at its end). [`read_held`] is the second pass over `data`
//! held as text until the type was known. What differs is stated once per
//! object, in its [`Rules`]:
//!
//! | rule | webhook event | event of one type | audit item |
//! | --- | --- | --- | --- |
//! | keys ([`Rules::member`]) | 1.0 names and [`legacy`](crate::legacy)'s older ones; others are extensions | the same | the item's schema (`id`, `eventId`, ...); others kept in `extra` |
//! | type ([`Rules::event_type`]) | `type` governs over `eventType`, which is kept when it disagrees | must name the type (an `eventType` that does not is kept when a `type` that does governs) | `eventType`, as sent |
//! | empty type ([`Rules::NON_EMPTY_TYPE`]) | refused | refused | kept |
//! | `data` ([`Rules::data`]) | typed when `type` came before (an `eventType` can still be overruled), else held | typed | typed when `eventType` came before, else held |
//! | end ([`Rules::end`]) | `type`, `specversion`, then `tenantid` and `data` where the type requires them | `eventType` kept or refused, `type`, `tenantid`, `specversion`, `data` | held `data` of an unknown type (or none) kept as sent |

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use crate::Payload;
use crate::event_type::EventType;
use crate::read::{self, Fail, Reader, Res, Segment, Unexp};

/// A member of an event object, by its key.
pub(crate) enum Member<'de, F> {
    /// The event's type, under the name it was sent with (`type`, or the
    /// older `eventType`).
    Type(&'static str),
    /// `data`.
    Data,
    /// A key the object's rules read themselves.
    Field(F),
    /// Any other key.
    Other(Cow<'de, [u8]>),
}

/// Which of the keys read once were read: for the checks at the object's
/// end.
#[derive(Clone, Copy, Default)]
pub(crate) struct Seen {
    /// `type`.
    pub(crate) type_key: bool,
    /// The older `eventType`.
    pub(crate) event_type_key: bool,
    /// `data`.
    pub(crate) data: bool,
}

/// What one kind of event object does where the kinds differ; see the
/// table in the [module docs](self).
pub(crate) trait Rules<'de> {
    /// What the object reads into (besides `self`).
    type Out;
    /// The keys [`field`](Self::field) reads.
    type Field;
    /// Whether an empty type string is refused, as every CloudEvent needs a
    /// non-empty one.
    const NON_EMPTY_TYPE: bool;

    /// What the value must be, for the failure when it is not an object.
    fn expected(f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// The member a key names.
    fn member(key: Cow<'de, [u8]>) -> Member<'de, Self::Field>;

    /// Takes the type read under `name` (each name once; `r` is after the
    /// value, for the position of a failure).
    fn event_type(&mut self, r: &Reader<'de>, name: &'static str, ty: EventType) -> Res<()>;

    /// Reads `data`'s value (once; after its colon; a failure gets `data`
    /// on its path): into its payload when the type is known for good, else
    /// its text, held.
    fn data(&mut self, r: &mut Reader<'de>) -> Res<()>;

    /// Reads the member of a key [`member`](Self::member) gave as a field
    /// (the colon comes next).
    fn field(&mut self, field: Self::Field, r: &mut Reader<'de>) -> Res<()>;

    /// Reads the member of any other key (the colon comes next).
    fn other(&mut self, key: Cow<'de, [u8]>, r: &mut Reader<'de>) -> Res<()>;

    /// The checks that need the whole object, before it closes.
    fn end(&mut self, seen: Seen) -> Res<Self::Out>;
}

/// [`Rules::expected`] as a value.
struct Expected<O>(PhantomData<O>);

impl<'de, O: Rules<'de>> fmt::Display for Expected<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        O::expected(f)
    }
}

/// Reads an event object by `rules`, which hold what was read (the
/// caller's, so that a failure can show it).
pub(crate) fn read_object<'de, O: Rules<'de>>(r: &mut Reader<'de>, rules: &mut O) -> Res<O::Out> {
    r.map(&Expected::<O>(PhantomData), |r| {
        let mut seen = Seen::default();
        let mut first = true;
        while let Some(key) = r.key(&mut first)? {
            match O::member(key) {
                Member::Type(name) => {
                    let once = if name == "type" {
                        &mut seen.type_key
                    } else {
                        &mut seen.event_type_key
                    };
                    if *once {
                        return Err(Fail::duplicate(name));
                    }
                    *once = true;
                    let ty = r
                        .colon()
                        .and_then(|()| read_type(r))
                        .map_err(|f| f.at(Segment::Field(name)))?;
                    if O::NON_EMPTY_TYPE && ty.as_str().is_empty() {
                        return Err(empty_type(r, name));
                    }
                    rules.event_type(r, name, ty)?;
                }
                Member::Data => {
                    if seen.data {
                        return Err(Fail::duplicate("data"));
                    }
                    seen.data = true;
                    if let Err(f) = r.colon().and_then(|()| rules.data(r)) {
                        return Err(f.at(Segment::Field("data")));
                    }
                }
                Member::Field(field) => rules.field(field, r)?,
                Member::Other(key) => rules.other(key, r)?,
            }
        }
        rules.end(seen)
    })
}

/// Reads a type string without allocating for known types.
fn read_type(r: &mut Reader<'_>) -> Res<EventType> {
    r.str(&"an event type string").map(|s| match s {
        Cow::Borrowed(s) => EventType::from(s),
        Cow::Owned(s) => EventType::from(s),
    })
}

/// The failure for an empty type: every CloudEvent needs a non-empty one.
#[cold]
fn empty_type(r: &Reader<'_>, name: &'static str) -> Box<Fail> {
    r.fix(Fail::invalid_value(
        Unexp::Str(""),
        &"a non-empty event type string",
    ))
    .at(Segment::Field(name))
}

/// `data` as read: typed, or its text until the type is known.
#[allow(clippy::large_enum_variant)] // Short-lived.
pub(crate) enum DataSlot<'de> {
    Parsed(Payload),
    Held(&'de str),
}

impl<'de> DataSlot<'de> {
    /// Reads `data` into the payload of `ty` (the type known for good), or
    /// holds its text when there is none yet (for audit items; webhook
    /// events read it straight into their slot).
    #[cfg(feature = "audit")]
    #[inline]
    pub(crate) fn read(ty: Option<&EventType>, r: &mut Reader<'de>) -> Res<Self> {
        match ty {
            Some(ty) => Payload::read(ty, r).map(DataSlot::Parsed),
            None => r.raw().map(DataSlot::Held),
        }
    }
}

/// Reads `data` held as text now that the type is known: a second pass
/// over its text only, `raw`, a slice of `input`; a failure gets `data` on
/// its path and its position in `input`.
pub(crate) fn read_held(input: &[u8], raw: &str, ty: &EventType) -> Res<Payload> {
    Payload::read(ty, &mut Reader::from_str(raw)).map_err(|f| {
        // `raw` borrows from the input: where it starts in memory is where
        // it starts in the input.
        let offset = (raw.as_ptr() as usize).saturating_sub(input.as_ptr() as usize);
        f.at(Segment::Field("data")).shift(input, offset)
    })
}

/// The event type `text` (the rest of an event object, from `data` sent
/// before the type) most likely has: the string value of the next `"type"`
/// key ahead that is a known type, found by its `y` eight bytes at a time.
/// Only a guess (the key may stand inside `data`, or be overruled by
/// another), which the caller checks against the type read.
pub(crate) fn type_ahead(text: &str) -> Option<EventType> {
    const KEY: &[u8] = b"\"type\"";
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(key) = find_type_key(bytes, from) {
        from = key + KEY.len();
        if let Some(ty) = string_after_key(text, from).and_then(EventType::known) {
            return Some(ty);
        }
        // Another type (in `data`, or of another channel): look further.
    }
    None
}

/// Where the next `"type"` stands in `bytes` from `from` on, with SIMD.
#[cfg(feature = "simd-scan")]
fn find_type_key(bytes: &[u8], from: usize) -> Option<usize> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let finder = FINDER.get_or_init(|| memchr::memmem::Finder::new(b"\"type\""));
    Some(from + finder.find(bytes.get(from..)?)?)
}

/// Where the next `"type"` stands in `bytes` from `from` on, found by its
/// `y` eight bytes at a time.
#[cfg(not(feature = "simd-scan"))]
fn find_type_key(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let y = read::find_byte(bytes, from, b'y')?;
        from = y + 1;
        // The `y` is the third byte of `"type"`.
        if let Some(key) = y.checked_sub(2)
            && bytes.get(key..key + 6) == Some(b"\"type\"".as_slice())
        {
            return Some(key);
        }
    }
}

/// The string value after the key that ends before `text[i]` (`:` and
/// whitespace in between), when it has no escapes.
fn string_after_key(text: &str, mut i: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    let ws = |i: &mut usize| {
        while matches!(bytes.get(*i), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            *i += 1;
        }
    };
    ws(&mut i);
    if bytes.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    ws(&mut i);
    if bytes.get(i) != Some(&b'"') {
        return None;
    }
    let start = i + 1;
    let end = read::plain_end(bytes, start);
    if bytes.get(end) != Some(&b'"') {
        return None;
    }
    text.get(start..end)
}

// The audit item is one of the three objects.
#[cfg(all(test, feature = "audit"))]
mod tests {
    use crate::audit::AuditEvent;
    use crate::licenses::LeaseCreatedEvent;
    use crate::{Error, ErrorKind, EventType};

    const LEASE: &str = "com.qlik.v1.license.lease.created";

    /// Each kind of event object, read from `text`: the webhook event, the
    /// event of one type (lease created), and the audit item.
    fn every_object(text: &str) -> Vec<(&'static str, Result<(), Error>)> {
        vec![
            ("webhook", crate::from_str(text).map(drop)),
            ("typed", LeaseCreatedEvent::from_str(text).map(drop)),
            ("audit", AuditEvent::from_str(text).map(drop)),
        ]
    }

    #[test]
    fn the_shared_protocol_is_the_same_for_every_object() {
        // Refused after the repeated key, before its value.
        let twice = format!(r#"{{"eventType": "{LEASE}", "eventType": "{LEASE}"}}"#);
        for (object, result) in every_object(&twice) {
            let err = result.unwrap_err();
            assert_eq!(
                (err.kind(), err.path()),
                (ErrorKind::DuplicateField, "eventType"),
                "{object}"
            );
            assert_eq!((err.line(), err.column()), (Some(1), Some(62)), "{object}");
        }
        for (object, result) in every_object(r#"{"eventType": 1}"#) {
            let err = result.unwrap_err();
            assert_eq!(
                (err.kind(), err.path()),
                (ErrorKind::InvalidType, "eventType"),
                "{object}"
            );
        }
        for (object, result) in every_object("[]") {
            let err = result.unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidType, "{object}");
            assert!(err.message().ends_with(" object"), "{object}: {err}");
        }
    }

    #[test]
    fn data_is_read_once_whether_typed_or_held() {
        // Held (no type yet), then typed (the type came first).
        let held = r#"{"data": {}, "data": {}, "type": "com.example.v1.unknown.type"}"#;
        let typed = r#"{"type": "com.example.v1.unknown.type", "data": {}, "data": {}}"#;
        for text in [held, typed] {
            let err = crate::from_str(text).unwrap_err();
            assert_eq!(
                (err.kind(), err.path()),
                (ErrorKind::DuplicateField, "data")
            );
        }
        for text in [held, typed] {
            let text = text.replace("\"type\"", "\"eventType\"");
            let err = AuditEvent::from_str(&text).unwrap_err();
            assert_eq!(
                (err.kind(), err.path()),
                (ErrorKind::DuplicateField, "data")
            );
        }
    }

    #[test]
    fn an_empty_type_is_refused_by_events_and_kept_by_audit_items() {
        for (object, result) in every_object(r#"{"eventType": ""}"#) {
            match result {
                Err(err) => {
                    assert_ne!(object, "audit");
                    assert_eq!(
                        (err.kind(), err.path()),
                        (ErrorKind::InvalidValue, "eventType")
                    );
                }
                Ok(()) => assert_eq!(object, "audit"),
            }
        }
        // An item's conversion to an event refuses it.
        let item = AuditEvent::from_str(r#"{"eventType": ""}"#).unwrap();
        assert_eq!(item.event_type, Some(EventType::from("")));
        let err = item.to_event().unwrap_err();
        assert_eq!(
            (err.kind(), err.path()),
            (ErrorKind::InvalidValue, "eventType")
        );
    }
}
