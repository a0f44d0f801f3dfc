//! One audit item: [`AuditEvent`], its `extensions`, and its reader.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::links::ItemLinks;
use super::list::serialize_extra;
use crate::error::Error;
use crate::extra::{Extra, ExtraReader, to_raw};
use crate::model::payload;
use crate::object::{DataSlot, Member, Rules, Seen, read_held, read_object};
use crate::read::{Reader, Res, Segment};
use crate::{Attribute, Envelope, EventType, Payload};

payload! {
    /// `extensions.actor`: the entity performing the action on behalf of
    /// the one that triggered it.
    ///
    /// ```
    /// use qlik_events::audit::Actor;
    /// let actor: Actor = serde_json::from_str(r#"{"sub": "s1", "subType": "user", "x": 1}"#).unwrap();
    /// assert_eq!(actor.sub.as_deref(), Some("s1"));
    /// assert_eq!(actor.sub_type.as_deref(), Some("user"));
    /// assert_eq!(actor.extra.get("x").unwrap().get(), "1");
    /// ```
    pub struct Actor,
    ///
    /// ```
    /// use qlik_events::audit::Actor;
    ///
    /// let actor = Actor::builder().sub("s1").sub_type("user").build()?; // both optional
    /// assert_eq!(serde_json::to_string(&actor).unwrap(), r#"{"sub":"s1","subType":"user"}"#);
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder ActorBuilder {
        /// `sub`: opaque value identifying the impersonating entity.
        sub: opt String = "sub",
        /// `subType`: the type of the impersonating entity.
        sub_type: opt String = "subType",
    }
}

payload! {
    /// `extensions` of an [`AuditEvent`]: which properties are present
    /// depends on the event and its context.
    ///
    /// ```
    /// use qlik_events::audit::AuditExtensions;
    /// let ext: AuditExtensions = serde_json::from_str(
    ///     r#"{"ownerId": "o1", "updates": [1, 2], "sessionId": "s1"}"#,
    /// ).unwrap();
    /// assert_eq!(ext.owner_id.as_deref(), Some("o1"));
    /// assert_eq!(ext.updates, Some(serde_json::json!([1, 2])));
    /// assert_eq!(ext.extra.get("sessionId").unwrap().get(), r#""s1""#);
    /// ```
    pub struct AuditExtensions,
    ///
    /// ```
    /// use qlik_events::audit::{Actor, AuditExtensions};
    ///
    /// let extensions = AuditExtensions::builder()
    ///     .actor(Actor::builder().sub("s1").build()?)
    ///     .owner_id("o1")
    ///     .updates(serde_json::json!([{"path": "name"}]))
    ///     .extra("sessionId", serde_json::json!("s1")) // a property the crate does not model
    ///     .build()?;
    /// assert_eq!(extensions.owner_id.as_deref(), Some("o1"));
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder AuditExtensionsBuilder {
        /// `actor`: who acted on behalf of the principal.
        actor: opt Actor = "actor",
        /// `ownerId`: the owner of the affected resource.
        owner_id: opt String = "ownerId",
        /// `spaceId`: the space of the affected resource.
        space_id: opt String = "spaceId",
        /// `topLevelResourceId`: the top-level resource of an event about a
        /// sub-resource.
        top_level_resource_id: opt String = "topLevelResourceId",
        /// `updates`: the changes made, on "updated" events; any JSON value
        /// (`null` included).
        updates: opt Value = "updates",
    }
}

/// One audit item: an event as the Audits API lists it.
///
/// Read a single-item response (`GET /api/v1/audits/{id}`) with
/// [`AuditEvent::from_slice`] / [`AuditEvent::from_str`]; items of a list
/// or an archive come in [`AuditPage`](super::AuditPage),
/// [`AuditArchive`](super::AuditArchive) or from [`items`](super::items()).
/// To build one, start from `AuditEvent::default()` and set the fields.
///
/// ```
/// use qlik_events::audit::AuditEvent;
/// use qlik_events::{EventType, Payload};
///
/// let item = AuditEvent::from_str(r#"{
///     "id": "a1", "eventId": "e1", "eventType": "com.example.v1.unknown.type",
///     "eventTime": "2024-01-02T03:04:05+01:00", "data": {"license": "L1"},
///     "extensions": {"actor": {"sub": "s1", "subType": "user"}}, "region": "eu"
/// }"#)?;
/// assert_eq!(item.id.as_deref(), Some("a1"));
/// assert_eq!(item.event_type, Some(EventType::Unknown("com.example.v1.unknown.type".into())));
/// assert_eq!(item.event_time.unwrap().to_rfc3339(), "2024-01-02T02:04:05+00:00");
/// let Some(Payload::Unknown(raw)) = &item.data else { panic!() };
/// assert_eq!(raw.get(), r#"{"license": "L1"}"#);
/// let actor = item.extensions.as_ref().unwrap().actor.as_ref().unwrap();
/// assert_eq!(actor.sub_type.as_deref(), Some("user"));
/// assert_eq!(item.extra.get("region").unwrap().get(), r#""eu""#);
/// # Ok::<(), qlik_events::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct AuditEvent {
    /// `id`: the audit item's own id (not the event's: that is
    /// [`event_id`](Self::event_id)).
    pub id: Option<String>,
    /// `eventId`: the event's id.
    pub event_id: Option<String>,
    /// `eventType`: the event's type.
    pub event_type: Option<EventType>,
    /// `eventTypeVersion`: the version of the event type.
    pub event_type_version: Option<String>,
    /// `eventTime`: when the event happened (RFC 3339, held in UTC).
    pub event_time: Option<DateTime<Utc>>,
    /// `source`: the service that produced the event.
    pub source: Option<String>,
    /// `userId`: the user who triggered the event.
    pub user_id: Option<String>,
    /// `tenantId`: the tenant.
    pub tenant_id: Option<String>,
    /// `contentType`: the content type of `data`.
    pub content_type: Option<String>,
    /// `extensions`: properties that depend on the event and its context.
    pub extensions: Option<AuditExtensions>,
    /// `data`, typed by `eventType`; [`Payload::Unknown`] (as sent) for
    /// unknown types and for items without `eventType`.
    pub data: Option<Payload>,
    /// `links`: the item's own URL.
    pub links: Option<ItemLinks>,
    /// Top-level keys the schema does not list, kept as sent.
    pub extra: Extra,
}

impl AuditEvent {
    /// Parses one audit item (the body of `GET /api/v1/audits/{id}`) from
    /// JSON bytes.
    ///
    /// ```
    /// use qlik_events::audit::AuditEvent;
    /// let err = AuditEvent::from_slice(br#"{"eventId": "e1", "eventId": "e2"}"#).unwrap_err();
    /// assert_eq!(err.kind(), qlik_events::ErrorKind::DuplicateField);
    /// assert_eq!(err.path(), "eventId");
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        parse_item(Reader::from_slice(bytes), None)
    }

    /// Parses one audit item from a JSON string.
    #[allow(clippy::should_implement_trait)] // Mirrors `serde_json::from_str`.
    pub fn from_str(s: &str) -> Result<Self, Error> {
        parse_item(Reader::from_str(s), None)
    }

    /// The item's envelope fields as attributes, for errors: what a
    /// receiver logs about an item that failed.
    pub(crate) fn partial_envelope(&self) -> Envelope {
        let mut envelope = Envelope::new();
        for (attr, value) in [
            (Attribute::Id, &self.event_id),
            (Attribute::Source, &self.source),
            (Attribute::TenantId, &self.tenant_id),
            (Attribute::UserId, &self.user_id),
        ] {
            if let Some(value) = value {
                envelope.set(attr, value);
            }
        }
        envelope.set_time(self.event_time);
        envelope
    }
}

/// A key of an item that is a field of [`AuditEvent`], other than
/// `eventType` and `data`.
#[derive(Clone, Copy)]
pub(super) enum ItemField {
    Id,
    EventId,
    EventTypeVersion,
    EventTime,
    Source,
    UserId,
    TenantId,
    ContentType,
    Extensions,
    Links,
}

/// The member a key of an item names: the item's schema, not the envelope's
/// table (the item's names are converted by [`AuditEvent::to_event`]).
fn item_member(key: Cow<'_, [u8]>) -> Member<'_, ItemField> {
    use ItemField as F;
    Member::Field(match &*key {
        b"id" => F::Id,
        b"eventId" => F::EventId,
        b"eventType" => return Member::Type("eventType"),
        b"eventTypeVersion" => F::EventTypeVersion,
        b"eventTime" => F::EventTime,
        b"source" => F::Source,
        b"userId" => F::UserId,
        b"tenantId" => F::TenantId,
        b"contentType" => F::ContentType,
        b"extensions" => F::Extensions,
        b"data" => return Member::Data,
        b"links" => F::Links,
        _ => return Member::Other(key),
    })
}

/// Whether a key is one of the item's fields (not kept in `extra`).
pub(super) fn is_item_key(key: &str) -> bool {
    !matches!(item_member(Cow::Borrowed(key.as_bytes())), Member::Other(_))
}

/// An item as read: the item (the caller's, so that a failure can name its
/// event type) and the text of `data` when it came before a known
/// `eventType`, to be read when the item ends.
#[derive(Default)]
pub(super) struct ItemObject<'de> {
    pub(super) event: AuditEvent,
    held: Option<&'de str>,
    extra: ExtraReader,
}

impl<'de> ItemObject<'de> {
    /// Reads the item's object.
    pub(super) fn read(&mut self, r: &mut Reader<'de>) -> Res<()> {
        read_object(r, self)
    }

    /// Reads `data` held as text now that the item's type is known;
    /// failures are positioned in `input`, which the text is a slice of.
    pub(super) fn read_held(&mut self, input: &[u8]) -> Res<()> {
        if let (Some(raw), Some(ty)) = (self.held.take(), &self.event.event_type) {
            self.event.data = Some(read_held(input, raw, ty)?);
        }
        Ok(())
    }
}

impl<'de> Rules<'de> for ItemObject<'de> {
    type Out = ();
    type Field = ItemField;
    /// The Audits API's items are read as sent; [`AuditEvent::to_event`]
    /// refuses an empty type.
    const NON_EMPTY_TYPE: bool = false;

    fn expected(f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an audit item object")
    }

    fn member(key: Cow<'de, [u8]>) -> Member<'de, ItemField> {
        item_member(key)
    }

    fn event_type(&mut self, _: &Reader<'de>, _: &'static str, ty: EventType) -> Res<()> {
        self.event.event_type = Some(ty);
        Ok(())
    }

    /// Single pass: straight into the payload when the type is known, else
    /// the text until it is.
    fn data(&mut self, r: &mut Reader<'de>) -> Res<()> {
        match DataSlot::read(self.event.event_type.as_ref(), r)? {
            DataSlot::Parsed(data) => self.event.data = Some(data),
            DataSlot::Held(raw) => self.held = Some(raw),
        }
        Ok(())
    }

    fn field(&mut self, field: ItemField, r: &mut Reader<'de>) -> Res<()> {
        let e = &mut self.event;
        match field {
            ItemField::Id => r.field(&mut e.id, "id"),
            ItemField::EventId => r.field(&mut e.event_id, "eventId"),
            ItemField::EventTypeVersion => r.field(&mut e.event_type_version, "eventTypeVersion"),
            ItemField::EventTime => r.field(&mut e.event_time, "eventTime"),
            ItemField::Source => r.field(&mut e.source, "source"),
            ItemField::UserId => r.field(&mut e.user_id, "userId"),
            ItemField::TenantId => r.field(&mut e.tenant_id, "tenantId"),
            ItemField::ContentType => r.field(&mut e.content_type, "contentType"),
            ItemField::Extensions => r.field(&mut e.extensions, "extensions"),
            ItemField::Links => r.field(&mut e.links, "links"),
        }
    }

    fn other(&mut self, key: Cow<'de, [u8]>, r: &mut Reader<'de>) -> Res<()> {
        self.extra.read(r, key)
    }

    fn end(&mut self, _: Seen) -> Res<()> {
        self.event.extra = std::mem::take(&mut self.extra).finish();
        // Held `data` waits only for a known type: with an unknown type, or
        // none, it stays as sent.
        if !self
            .event
            .event_type
            .as_ref()
            .is_some_and(EventType::is_known)
            && let Some(raw) = self.held.take()
        {
            self.event.data = Some(Payload::Unknown(to_raw(raw)?));
        }
        Ok(())
    }
}

/// Parses one item that is the whole input of `r`; `place` (index, and
/// whether the item is under a page's `data`) prefixes the path of an
/// error.
pub(super) fn parse_item(
    mut r: Reader<'_>,
    place: Option<(usize, bool)>,
) -> Result<AuditEvent, Error> {
    let input = r.input();
    let mut item = ItemObject::default();
    let result = item
        .read(&mut r)
        .and_then(|()| r.end())
        .and_then(|()| item.read_held(input));
    match result {
        Ok(()) => Ok(item.event),
        Err(mut f) => {
            if let Some((index, in_page)) = place {
                f = f.at(Segment::Index(index));
                if in_page {
                    f = f.at(Segment::Field("data"));
                }
            }
            let event = &item.event;
            Err(f
                .with_envelope(event.partial_envelope())
                .into_error(input, event.event_type.as_ref().map(EventType::as_str)))
        }
    }
}

/// Reads one JSON object with every check; see [`Deserialize`](crate#deserialize)
/// in the crate docs. [`AuditEvent::from_slice`] gives the position of an error
/// too.
impl<'de> Deserialize<'de> for AuditEvent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::model::deserialize_with(d, AuditEvent::from_str)
    }
}

impl Serialize for AuditEvent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        let strings = [("id", &self.id), ("eventId", &self.event_id)];
        for (key, value) in strings {
            if let Some(v) = value {
                m.serialize_entry(key, v)?;
            }
        }
        if let Some(ty) = &self.event_type {
            m.serialize_entry("eventType", ty)?;
        }
        if let Some(v) = &self.event_type_version {
            m.serialize_entry("eventTypeVersion", v)?;
        }
        if let Some(time) = &self.event_time {
            m.serialize_entry("eventTime", &crate::time::Rfc3339(time))?;
        }
        let strings = [
            ("source", &self.source),
            ("userId", &self.user_id),
            ("tenantId", &self.tenant_id),
            ("contentType", &self.content_type),
        ];
        for (key, value) in strings {
            if let Some(v) = value {
                m.serialize_entry(key, v)?;
            }
        }
        if let Some(ext) = &self.extensions {
            m.serialize_entry("extensions", ext)?;
        }
        if let Some(data) = &self.data {
            m.serialize_entry("data", data)?;
        }
        if let Some(links) = &self.links {
            m.serialize_entry("links", links)?;
        }
        serialize_extra(&mut m, &self.extra, is_item_key, "AuditEvent")?;
        m.end()
    }
}
