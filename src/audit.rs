//! The Audits API: `GET /api/v1/audits` (list pages), `GET
//! /api/v1/audits/{id}` (one item) and `GET /api/v1/audits/archive`.
//!
//! The Audits API lists the same events as the webhooks, in the vendor's
//! older camelCase shape (`eventId`, `eventType`, `eventTime`, `extensions`,
//! ...) with the same `data` payloads. This module reads that shape into
//! [`AuditEvent`], with `data` parsed into the same typed [`Payload`]s and
//! checked by the same rules as [`QlikEvent`], in one pass, and converts
//! items to [`QlikEvent`]s.
//!
//! | Response | Type | Shape |
//! | --- | --- | --- |
//! | `GET /api/v1/audits` | [`AuditPage`] | `{"data": [item, ...], "links": {"self", "next", "prev"}}` |
//! | `GET /api/v1/audits/{id}` | [`AuditEvent`] | one item |
//! | `GET /api/v1/audits/archive` | [`AuditArchive`] | `{"data": [item, ...]}` (items without `id` and `links`) |
//!
//! Every field of the vendor's schema is optional, and is an `Option` here.
//! Keys the schema does not list are kept (`extra`), duplicate keys are
//! errors, and `null` is not accepted where the schema has an object or a
//! string, as everywhere in the crate.
//!
//! ```
//! use qlik_events::audit::AuditPage;
//! use qlik_events::{EventType, Payload};
//!
//! let body = include_str!("../tests/fixtures/audit/page.json");
//! let page = AuditPage::from_str(body)?;
//! assert_eq!(page.data.len(), 11);
//!
//! let item = &page.data[5];
//! assert_eq!(item.event_type, Some(EventType::LeaseCreated));
//! assert_eq!(item.tenant_id.as_deref(), Some("string"));
//! let Some(Payload::LeaseCreated(lease)) = &item.data else { panic!() };
//! assert_eq!(lease.leased_quantity, 42);
//!
//! // The next page: `GET /api/v1/audits?next=<cursor>`.
//! assert_eq!(
//!     page.next_cursor().as_deref(),
//!     Some("eyJpZCI6IjY1NzFiMmE0YzllNzdmMDAwMWEwYjEwYSIsImRpciI6MX0="),
//! );
//! # Ok::<(), qlik_events::Error>(())
//! ```
//!
//! # `data`
//!
//! `data` is read for the item's `eventType` exactly as [`QlikEvent`] reads
//! it: straight into the payload when `eventType` comes first, else held as
//! raw text and read as soon as the item ends (so key order does not
//! matter). An unknown event type keeps `data` as sent
//! ([`Payload::Unknown`]), and so does an item without `eventType` (there is
//! no type to read it as). Errors name the path from the top of the input
//! and the line and column in it:
//!
//! ```
//! use qlik_events::ErrorKind;
//! use qlik_events::audit::AuditPage;
//!
//! let body = r#"{"data": [
//!   {"eventType": "com.example.v1.unknown.type", "data": {"any": "thing"}},
//!   {"data": {"leasedQuantity": "x"}, "eventType": "com.qlik.v1.license.lease.created"}
//! ]}"#;
//! let err = AuditPage::from_str(body).unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::InvalidType);
//! assert_eq!(err.path(), "data[1].data.leasedQuantity");
//! assert_eq!(err.event_type(), Some("com.qlik.v1.license.lease.created"));
//! assert_eq!((err.line(), err.column()), (Some(3), Some(33)));
//! ```
//!
//! [`AuditPage::from_str`] stops at the first bad item; [`items`] reads a
//! page or an archive one item at a time, so that one bad item does not hide
//! the others.
//!
//! # Conversion to [`QlikEvent`]
//!
//! [`AuditEvent::to_event`] (and `TryFrom<&AuditEvent>` /
//! `TryFrom<AuditEvent>` for [`QlikEvent`]) reads the item as an event in
//! the vendor's older envelope, with the crate's one table of older names
//! and its rule for names that disagree ([`crate::legacy`], shared with the
//! webhooks' reader):
//!
//! | Audits API | [`QlikEvent`] |
//! | --- | --- |
//! | `id` (the audit item's id) | extension `auditId` |
//! | `eventId` | `id` |
//! | `eventType` | `type` (required: without it, an error of kind [`MissingField`](ErrorKind::MissingField) at `eventType`) |
//! | `eventTypeVersion` | extension `eventTypeVersion` |
//! | `eventTime` | `time` |
//! | `source` | `source` |
//! | `userId` | `userid` |
//! | `tenantId` | `tenantid` (required for the types that require `tenantid`: else [`MissingField`](ErrorKind::MissingField) at `tenantId`) |
//! | `contentType` | `datacontenttype` |
//! | `extensions.ownerId` | `ownerid` |
//! | `extensions.spaceId` | `spaceid` |
//! | `extensions.topLevelResourceId` | `toplevelresourceid` |
//! | `extensions.<attribute>` (`tenantId`, `userid`, `sessionId`, `host`, ...: every spelling of the table) | that attribute (a string) |
//! | `extensions.actor` | extension `actor`: `{"sub": .., "subType": .., ...}` |
//! | `extensions.updates` | extension `updates`, as sent |
//! | `extensions.<other>` | extension `<other>`, as sent |
//! | other top-level keys (`cloudEventsVersion`, ...) | by the same table: extension of the same name, as sent, unless it names an attribute |
//! | `data` | `data`, the same typed payload (required where the type requires it: else [`MissingField`](ErrorKind::MissingField) at `data`) |
//! | `links` | not carried: navigation in the Audits API, not part of the event |
//! | (none) | `specversion` stays absent |
//!
//! A name that reaches the envelope twice with different values (`tenantId`
//! and `extensions.tenantId`, an extension given at the top level and in
//! `extensions`) is not an error: the first in the table's order governs
//! (top-level fields before `extensions`; a top-level key with a
//! CloudEvents 1.0 name, such as `tenantid`, governs over them all), and
//! the other value is kept under the name it was sent with (a key of
//! `extensions` inside the extension `extensions`). The one name the crate
//! gives itself, `auditId`, is an error of kind
//! [`InvalidValue`](ErrorKind::InvalidValue) when the item also has a
//! top-level `auditId` with another value.
//!
//! ```
//! use qlik_events::QlikEvent;
//! use qlik_events::audit::AuditEvent;
//!
//! let item = AuditEvent::from_str(include_str!("../tests/fixtures/audit/item.json"))?;
//! let event = item.to_event()?;
//! assert_eq!(event.id(), Some("string"));
//! assert_eq!(event.session_id(), Some("string"));
//! let extensions = event.envelope().extensions();
//! assert_eq!(extensions.get("auditId").unwrap().get(), r#""6571b2a4c9e77f0001a0b105""#);
//! assert_eq!(extensions.get("eventTypeVersion").unwrap().get(), r#""1.0.0""#);
//! let QlikEvent::LeaseCreated(lease) = event else { panic!() };
//! assert_eq!(lease.data.license, "1234123412341234");
//! # Ok::<(), qlik_events::Error>(())
//! ```

use std::borrow::Cow;
use std::fmt;
use std::iter::FusedIterator;

use chrono::{DateTime, Utc};
use serde::ser::{Error as _, SerializeMap, Serializer};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::envelope::json_string;
use crate::error::{Error, ErrorKind};
use crate::event::read_type;
use crate::extra::{Extra, ExtraReader, to_raw};
use crate::model::payload;
use crate::read::{Fail, Reader, Res, Scalar, Segment};
use crate::stream::Position;
use crate::{Attribute, Envelope, EventType, Payload, QlikEvent};

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

payload! {
    /// A link: `{"href": "..."}`.
    ///
    /// ```
    /// use qlik_events::audit::Href;
    ///
    /// let link: Href = serde_json::from_str(r#"{"href": "https://t.us.qlikcloud.com/api/v1/audits/a1"}"#).unwrap();
    /// assert_eq!(link.href.as_deref(), Some("https://t.us.qlikcloud.com/api/v1/audits/a1"));
    /// ```
    pub struct Href,
    ///
    /// ```
    /// use qlik_events::audit::Href;
    ///
    /// let link = Href::builder().href("https://t.us.qlikcloud.com/api/v1/audits/a1").build()?;
    /// assert_eq!(serde_json::to_string(&link).unwrap(), r#"{"href":"https://t.us.qlikcloud.com/api/v1/audits/a1"}"#);
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder HrefBuilder {
        /// `href`: the URL.
        href: opt String = "href",
    }
}

payload! {
    /// `links` of an [`AuditEvent`] in a list page or a single-item
    /// response.
    ///
    /// ```
    /// use qlik_events::audit::ItemLinks;
    ///
    /// let links: ItemLinks = serde_json::from_str(r#"{"self": {"href": "https://t.us.qlikcloud.com/api/v1/audits/a1"}}"#).unwrap();
    /// let href = links.self_link.and_then(|link| link.href);
    /// assert_eq!(href.as_deref(), Some("https://t.us.qlikcloud.com/api/v1/audits/a1"));
    /// ```
    pub struct ItemLinks,
    ///
    /// ```
    /// use qlik_events::audit::{Href, ItemLinks};
    ///
    /// let link = Href::builder().href("https://t.us.qlikcloud.com/api/v1/audits/a1").build()?;
    /// let links = ItemLinks::builder().self_link(link).build()?;
    /// assert!(links.self_link.is_some());
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder ItemLinksBuilder {
        /// `self`: the item's own URL (`GET /api/v1/audits/{id}`).
        self_link: opt Href = "self",
    }
}

payload! {
    /// `links` of an [`AuditPage`]: this page and its neighbours.
    ///
    /// ```
    /// use qlik_events::audit::PageLinks;
    /// let links: PageLinks = serde_json::from_str(
    ///     r#"{"next": {"href": "https://t.us.qlikcloud.com/api/v1/audits?limit=10&next=a%2Bb%3D"}}"#,
    /// ).unwrap();
    /// assert_eq!(links.next_cursor().as_deref(), Some("a+b="));
    /// assert_eq!(links.prev_cursor(), None);
    /// ```
    pub struct PageLinks,
    ///
    /// ```
    /// use qlik_events::audit::{Href, PageLinks};
    ///
    /// let next = Href::builder().href("https://t.us.qlikcloud.com/api/v1/audits?next=abc").build()?;
    /// let links = PageLinks::builder().next(next).build()?;
    /// assert_eq!(links.next_cursor().as_deref(), Some("abc"));
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder PageLinksBuilder {
        /// `self`: this page.
        self_link: opt Href = "self",
        /// `next`: the next page, if there is one.
        next: opt Href = "next",
        /// `prev`: the previous page, if there is one.
        prev: opt Href = "prev",
    }
}

impl PageLinks {
    /// `next.href`, if present.
    pub fn next_href(&self) -> Option<&str> {
        self.next.as_ref()?.href.as_deref()
    }

    /// `prev.href`, if present.
    pub fn prev_href(&self) -> Option<&str> {
        self.prev.as_ref()?.href.as_deref()
    }

    /// The `next` query parameter of `next.href`: the cursor to pass as
    /// `?next=` for the next page. See [`AuditPage::next_cursor`].
    pub fn next_cursor(&self) -> Option<Cow<'_, str>> {
        query_param(self.next_href()?, "next")
    }

    /// The `prev` query parameter of `prev.href`: the cursor to pass as
    /// `?prev=` for the previous page.
    pub fn prev_cursor(&self) -> Option<Cow<'_, str>> {
        query_param(self.prev_href()?, "prev")
    }
}

/// One audit item: an event as the Audits API lists it.
///
/// Read a single-item response (`GET /api/v1/audits/{id}`) with
/// [`AuditEvent::from_slice`] / [`AuditEvent::from_str`]; items of a list
/// or an archive come in [`AuditPage`], [`AuditArchive`] or from [`items`].
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

/// A list page: the body of `GET /api/v1/audits`.
///
/// ```
/// use qlik_events::audit::AuditPage;
///
/// let page = AuditPage::from_str(r#"{"data": [], "links": {"self": {"href": "/api/v1/audits"}}}"#)?;
/// assert!(page.data.is_empty());
/// assert_eq!(page.next_href(), None);
/// assert_eq!(page.next_cursor(), None);
/// # Ok::<(), qlik_events::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct AuditPage {
    /// `data`: the items, in the order sent (empty when `data` is absent).
    pub data: Vec<AuditEvent>,
    /// `links`: this page and its neighbours.
    pub links: Option<PageLinks>,
    /// Top-level keys the schema does not list, kept as sent.
    pub extra: Extra,
}

/// An archive: the body of `GET /api/v1/audits/archive`.
///
/// Archived items have no `id` nor `links`; any other key of the page
/// object (`links` included) is kept in `extra`.
///
/// ```
/// use qlik_events::audit::AuditArchive;
///
/// let archive = AuditArchive::from_str(include_str!("../tests/fixtures/audit/archive.json"))?;
/// assert_eq!(archive.data.len(), 11);
/// assert!(archive.data.iter().all(|item| item.id.is_none() && item.data.is_some()));
/// # Ok::<(), qlik_events::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct AuditArchive {
    /// `data`: the archived items, in the order sent (empty when `data` is
    /// absent).
    pub data: Vec<AuditEvent>,
    /// Top-level keys other than `data`, kept as sent.
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

    /// The item as a [`QlikEvent`], by the table in the [module
    /// docs](self). `data` is cloned; `QlikEvent::try_from(item)` moves it.
    ///
    /// ```
    /// use qlik_events::audit::AuditEvent;
    /// use qlik_events::ErrorKind;
    ///
    /// let item = AuditEvent::from_str(r#"{"eventId": "e1", "tenantId": "t1",
    ///     "eventType": "com.example.v1.unknown.type", "extensions": {"ownerId": "o1"}}"#)?;
    /// let event = item.to_event()?;
    /// assert_eq!(event.event_type().as_str(), "com.example.v1.unknown.type");
    /// assert_eq!((event.id(), event.tenant_id(), event.owner_id()), (Some("e1"), Some("t1"), Some("o1")));
    ///
    /// let err = AuditEvent::from_str(r#"{"eventId": "e1"}"#)?.to_event().unwrap_err();
    /// assert_eq!((err.kind(), err.path()), (ErrorKind::MissingField, "eventType"));
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    pub fn to_event(&self) -> Result<QlikEvent, Error> {
        self.convert(self.data.clone())
    }

    fn convert(&self, data: Option<Payload>) -> Result<QlikEvent, Error> {
        let Some(declared) = &self.event_type else {
            return Err(Error::new(
                ErrorKind::MissingField,
                "eventType",
                "missing field `eventType`",
            )
            .with_envelope(self.partial_envelope()));
        };
        let text = self
            .older_envelope()
            .map_err(|e| e.with_event_type(declared.as_str()))?;
        let (ty, envelope) = crate::qlik_event::read_envelope(&text).map_err(|e| {
            let e = e.with_envelope(self.partial_envelope());
            match e.event_type() {
                Some(_) => e,
                None => e.with_event_type(declared.as_str()),
            }
        })?;
        if ty.requires_tenant_id() && envelope.tenant_id().is_none() {
            return Err(Error::new(
                ErrorKind::MissingField,
                "tenantId",
                "missing field `tenantId`",
            )
            .with_event_type(ty.as_str())
            .with_envelope(envelope));
        }
        let fallback = envelope.clone();
        QlikEvent::from_parts(envelope, ty, data).map_err(|e| e.with_envelope(fallback))
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

    /// The item as an event object in the vendor's older envelope, without
    /// `data` and `links`, with `id` as the extension `auditId`: read by the
    /// crate's one table of older names (see [`crate::legacy`]), so that
    /// the rule for names that disagree is the webhooks' exactly.
    fn older_envelope(&self) -> Result<String, Error> {
        let mut out = ObjectText::default();
        match (&self.id, self.extra.get("auditId")) {
            // The item has its own `auditId`: the same value is one value.
            (Some(id), Some(sent)) if !crate::extra::same_json(sent.get(), &json_string(id)) => {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    "auditId",
                    format!(
                        "the item's `id` {id:?} becomes the extension `auditId`, \
                         but the item also has `auditId` {}",
                        sent.get()
                    ),
                ));
            }
            (_, Some(_)) => {}
            (id, None) => out.string("auditId", id.as_deref()),
        }
        out.string("eventId", self.event_id.as_deref());
        out.string("eventType", self.event_type.as_ref().map(EventType::as_str));
        out.string("eventTypeVersion", self.event_type_version.as_deref());
        if let Some(time) = &self.event_time {
            out.string("eventTime", Some(crate::time::format(time).as_str()));
        }
        out.string("source", self.source.as_deref());
        out.string("userId", self.user_id.as_deref());
        out.string("tenantId", self.tenant_id.as_deref());
        out.string("contentType", self.content_type.as_deref());
        if let Some(ext) = &self.extensions {
            let mut inner = ObjectText::default();
            if let Some(actor) = &ext.actor {
                let actor = serde_json::to_string(actor).map_err(|e| {
                    Error::new(ErrorKind::Serialize, "extensions.actor", e.to_string())
                })?;
                inner.member("actor", &actor);
            }
            inner.string("ownerId", ext.owner_id.as_deref());
            inner.string("spaceId", ext.space_id.as_deref());
            inner.string("topLevelResourceId", ext.top_level_resource_id.as_deref());
            if let Some(updates) = &ext.updates {
                inner.member("updates", &updates.to_string());
            }
            for (key, value) in &ext.extra {
                inner.member(key, value.get());
            }
            out.member("extensions", &inner.finish());
        }
        for (key, value) in &self.extra {
            out.member(key, value.get());
        }
        Ok(out.finish())
    }
}

/// A JSON object written member by member.
#[derive(Default)]
struct ObjectText(String);

impl ObjectText {
    fn member(&mut self, key: &str, json: &str) {
        self.0.push(if self.0.is_empty() { '{' } else { ',' });
        self.0.push_str(&json_string(key));
        self.0.push(':');
        self.0.push_str(json);
    }

    fn string(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.member(key, &json_string(value));
        }
    }

    fn finish(mut self) -> String {
        if self.0.is_empty() {
            self.0.push('{');
        }
        self.0.push('}');
        self.0
    }
}

/// Converts by the table in the [module docs](self); see
/// [`AuditEvent::to_event`].
impl TryFrom<&AuditEvent> for QlikEvent {
    type Error = Error;
    fn try_from(item: &AuditEvent) -> Result<Self, Error> {
        item.to_event()
    }
}

/// Converts by the table in the [module docs](self), moving `data`.
impl TryFrom<AuditEvent> for QlikEvent {
    type Error = Error;
    fn try_from(mut item: AuditEvent) -> Result<Self, Error> {
        let data = item.data.take();
        item.convert(data)
    }
}

impl AuditPage {
    /// Parses a list page (the body of `GET /api/v1/audits`) from JSON
    /// bytes, in one pass. The first bad item stops it; see [`items`] to
    /// read past bad items.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        parse_list(Reader::from_slice(bytes), true).map(List::into_page)
    }

    /// Parses a list page from a JSON string.
    #[allow(clippy::should_implement_trait)] // Mirrors `serde_json::from_str`.
    pub fn from_str(s: &str) -> Result<Self, Error> {
        parse_list(Reader::from_str(s), true).map(List::into_page)
    }

    /// `links.next.href`, if present.
    pub fn next_href(&self) -> Option<&str> {
        self.links.as_ref()?.next_href()
    }

    /// `links.prev.href`, if present.
    pub fn prev_href(&self) -> Option<&str> {
        self.links.as_ref()?.prev_href()
    }

    /// The cursor of the next page: the `next` query parameter of
    /// `links.next.href` (`https://tenant.region.qlikcloud.com/api/v1/audits?limit=10&next=<cursor>`),
    /// to send back as `?next=<cursor>`.
    ///
    /// Percent-escapes (`%3D`) are decoded; `+` is left as it is (it is
    /// not a space in a cursor). A value that does not decode to UTF-8 is
    /// returned as it stands in the URL. `None` when there is no link, no
    /// `next` parameter, or an empty one: the last page.
    ///
    /// ```
    /// use qlik_events::audit::AuditPage;
    /// let page = AuditPage::from_str(r#"{"links": {
    ///     "next": {"href": "https://t.eu.qlikcloud.com/api/v1/audits?limit=5&next=YWJj%3D%3D#x"},
    ///     "prev": {"href": "https://t.eu.qlikcloud.com/api/v1/audits?limit=5"}}}"#)?;
    /// assert_eq!(page.next_cursor().as_deref(), Some("YWJj=="));
    /// assert_eq!(page.prev_cursor(), None);
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    pub fn next_cursor(&self) -> Option<Cow<'_, str>> {
        self.links.as_ref()?.next_cursor()
    }

    /// The cursor of the previous page: the `prev` query parameter of
    /// `links.prev.href`, decoded as [`next_cursor`](Self::next_cursor)
    /// does.
    pub fn prev_cursor(&self) -> Option<Cow<'_, str>> {
        self.links.as_ref()?.prev_cursor()
    }
}

impl AuditArchive {
    /// Parses an archive (the body of `GET /api/v1/audits/archive`) from
    /// JSON bytes, in one pass.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        parse_list(Reader::from_slice(bytes), false).map(List::into_archive)
    }

    /// Parses an archive from a JSON string.
    #[allow(clippy::should_implement_trait)] // Mirrors `serde_json::from_str`.
    pub fn from_str(s: &str) -> Result<Self, Error> {
        parse_list(Reader::from_str(s), false).map(List::into_archive)
    }
}

/// The value of query parameter `name` in `href`, minimally decoded.
fn query_param<'a>(href: &'a str, name: &str) -> Option<Cow<'a, str>> {
    let (_, query) = href.split_once('?')?;
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    let value = query
        .split('&')
        .find_map(|pair| match pair.split_once('=') {
            Some((key, value)) if key == name => Some(value),
            _ => None,
        })?;
    if value.is_empty() {
        return None;
    }
    Some(percent_decode(value))
}

/// Decodes `%XX` escapes; anything else (a stray `%`, `+`) stays as it is.
/// Returns the input when the result is not UTF-8.
fn percent_decode(value: &str) -> Cow<'_, str> {
    if !value.contains('%') {
        return Cow::Borrowed(value);
    }
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = |at: usize| bytes.get(at).and_then(|&h| char::from(h).to_digit(16));
            if let (Some(hi), Some(lo)) = (hex(i + 1), hex(i + 2)) {
                if let Ok(decoded) = u8::try_from(hi * 16 + lo) {
                    out.push(decoded);
                    i += 3;
                    continue;
                }
            }
        }
        out.push(b);
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => Cow::Owned(s),
        Err(_) => Cow::Borrowed(value),
    }
}

// ---------------------------------------------------------------------------
// Reading items.

/// The keys of an item that are fields of [`AuditEvent`].
const ITEM_KEYS: [&str; 12] = [
    "id",
    "eventId",
    "eventType",
    "eventTypeVersion",
    "eventTime",
    "source",
    "userId",
    "tenantId",
    "contentType",
    "extensions",
    "data",
    "links",
];

/// Reads the members of an item into `event` (the caller's, so that a
/// failure can name the item's event type). Returns the text of `data` when
/// it came before a known `eventType`, to be read when the item ends.
fn read_item<'de>(r: &mut Reader<'de>, event: &mut AuditEvent) -> Res<Option<&'de str>> {
    r.map(&"an audit item object", |r| {
        let mut pending: Option<&'de str> = None;
        let mut data_seen = false;
        let mut extra = ExtraReader::default();
        let mut first = true;
        while let Some(key) = r.key(&mut first)? {
            match &*key {
                b"id" => r.field(&mut event.id, "id")?,
                b"eventId" => r.field(&mut event.event_id, "eventId")?,
                b"eventType" => {
                    if event.event_type.is_some() {
                        return Err(Fail::duplicate("eventType"));
                    }
                    let ty = r
                        .colon()
                        .and_then(|()| read_type(r))
                        .map_err(|f| f.at(Segment::Field("eventType")))?;
                    event.event_type = Some(ty);
                }
                b"eventTypeVersion" => {
                    r.field(&mut event.event_type_version, "eventTypeVersion")?;
                }
                b"eventTime" => r.field(&mut event.event_time, "eventTime")?,
                b"source" => r.field(&mut event.source, "source")?,
                b"userId" => r.field(&mut event.user_id, "userId")?,
                b"tenantId" => r.field(&mut event.tenant_id, "tenantId")?,
                b"contentType" => r.field(&mut event.content_type, "contentType")?,
                b"extensions" => r.field(&mut event.extensions, "extensions")?,
                b"links" => r.field(&mut event.links, "links")?,
                b"data" => {
                    if data_seen {
                        return Err(Fail::duplicate("data"));
                    }
                    data_seen = true;
                    // Single pass: straight into the payload when the type
                    // is known, else the text until it is.
                    r.colon()
                        .and_then(|()| match &event.event_type {
                            Some(ty) => Payload::read(ty, r).map(|p| event.data = Some(p)),
                            None => r.raw().map(|raw| pending = Some(raw)),
                        })
                        .map_err(|f| f.at(Segment::Field("data")))?;
                }
                _ => extra.read(r, key)?,
            }
        }
        event.extra = extra.finish();
        // Held `data` waits only for a known type: with an unknown type, or
        // none, it stays as sent.
        if !event.event_type.as_ref().is_some_and(EventType::is_known) {
            if let Some(raw) = pending.take() {
                event.data = Some(Payload::Unknown(to_raw(raw)?));
            }
        }
        Ok(pending)
    })
}

/// Reads `data` held as text now that the item's type is known; failures
/// are positioned in `input`, which `raw` is a slice of.
fn finish_item(input: &[u8], event: &mut AuditEvent, pending: Option<&str>) -> Res<()> {
    if let (Some(raw), Some(ty)) = (pending, &event.event_type) {
        let data = Payload::read(ty, &mut Reader::from_str(raw)).map_err(|f| {
            let offset = (raw.as_ptr() as usize).saturating_sub(input.as_ptr() as usize);
            f.at(Segment::Field("data")).shift(input, offset)
        })?;
        event.data = Some(data);
    }
    Ok(())
}

/// Parses one item that is the whole input of `r`; `place` (index, and
/// whether the item is under a page's `data`) prefixes the path of an
/// error.
fn parse_item(mut r: Reader<'_>, place: Option<(usize, bool)>) -> Result<AuditEvent, Error> {
    let input = r.input();
    let mut event = AuditEvent::default();
    let result = read_item(&mut r, &mut event)
        .and_then(|pending| r.end().map(|()| pending))
        .and_then(|pending| finish_item(input, &mut event, pending));
    match result {
        Ok(()) => Ok(event),
        Err(mut f) => {
            if let Some((index, in_page)) = place {
                f = f.at(Segment::Index(index));
                if in_page {
                    f = f.at(Segment::Field("data"));
                }
            }
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
        serialize_extra(&mut m, &self.extra, &ITEM_KEYS, "AuditEvent")?;
        m.end()
    }
}

// ---------------------------------------------------------------------------
// Reading pages and archives in one pass.

/// A page or an archive.
struct List {
    data: Vec<AuditEvent>,
    links: Option<PageLinks>,
    extra: Extra,
}

impl List {
    fn into_page(self) -> AuditPage {
        AuditPage {
            data: self.data,
            links: self.links,
            extra: self.extra,
        }
    }

    fn into_archive(self) -> AuditArchive {
        AuditArchive {
            data: self.data,
            extra: self.extra,
        }
    }
}

/// Reads a page (`with_links`: `links` is a field) or an archive (`links`
/// is kept in `extra`).
fn read_list(r: &mut Reader<'_>, with_links: bool) -> Res<List> {
    let expected = if with_links {
        "an audit page object"
    } else {
        "an audit archive object"
    };
    let (data, links, extra) = read_page(r, expected, with_links, read_items)?;
    Ok(List { data, links, extra })
}

/// The members of a page or an archive object: `data` read by `items`,
/// `links` (a field when `with_links`, else kept), every other key kept.
fn read_page<'de, T>(
    r: &mut Reader<'de>,
    expected: &str,
    with_links: bool,
    items: impl Fn(&mut Reader<'de>) -> Res<Vec<T>>,
) -> Res<(Vec<T>, Option<PageLinks>, Extra)> {
    r.map(&expected, |r| {
        let mut data: Option<Vec<T>> = None;
        let mut links: Option<PageLinks> = None;
        let mut extra = ExtraReader::default();
        let mut first = true;
        while let Some(key) = r.key(&mut first)? {
            match &*key {
                b"data" => {
                    if data.is_some() {
                        return Err(Fail::duplicate("data"));
                    }
                    let value = r
                        .colon()
                        .and_then(|()| items(r))
                        .map_err(|f| f.at(Segment::Field("data")))?;
                    data = Some(value);
                }
                b"links" if with_links => r.field(&mut links, "links")?,
                _ => extra.read(r, key)?,
            }
        }
        Ok((data.unwrap_or_default(), links, extra.finish()))
    })
}

/// Reads `data`: each item finished as soon as it ends; a failure names
/// the item's index and event type.
fn read_items(r: &mut Reader<'_>) -> Res<Vec<AuditEvent>> {
    r.seq(&"an array of audit items", |r| {
        let input = r.input();
        let mut out = Vec::new();
        let mut first = true;
        loop {
            let index = out.len();
            if !r
                .element(&mut first)
                .map_err(|f| f.at(Segment::Index(index)))?
            {
                return Ok(out);
            }
            let mut event = AuditEvent::default();
            match read_item(r, &mut event)
                .and_then(|pending| finish_item(input, &mut event, pending))
            {
                Ok(()) => out.push(event),
                Err(f) => {
                    let ty = event.event_type.as_ref().map(EventType::as_str);
                    return Err(f
                        .in_event(ty)
                        .with_envelope(event.partial_envelope())
                        .at(Segment::Index(index)));
                }
            }
        }
    })
}

/// Parses a page (`with_links`) or an archive that is the whole input.
fn parse_list(mut r: Reader<'_>, with_links: bool) -> Result<List, Error> {
    read_list(&mut r, with_links)
        .and_then(|list| r.end().map(|()| list))
        .map_err(|f| f.into_error(r.input(), None))
}

/// Reads one JSON object with every check; see [`Deserialize`](crate#deserialize)
/// in the crate docs. [`AuditPage::from_slice`] gives the position of an error
/// too.
impl<'de> Deserialize<'de> for AuditPage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::model::deserialize_with(d, AuditPage::from_str)
    }
}

/// Reads one JSON object with every check; see [`Deserialize`](crate#deserialize)
/// in the crate docs. [`AuditArchive::from_slice`] gives the position of an
/// error too.
impl<'de> Deserialize<'de> for AuditArchive {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::model::deserialize_with(d, AuditArchive::from_str)
    }
}

/// Writes `data`, then `links` when present, then `extra`.
impl Serialize for AuditPage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("data", &self.data)?;
        if let Some(links) = &self.links {
            m.serialize_entry("links", links)?;
        }
        serialize_extra(&mut m, &self.extra, &["data", "links"], "AuditPage")?;
        m.end()
    }
}

/// Writes `data`, then `extra`.
impl Serialize for AuditArchive {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("data", &self.data)?;
        serialize_extra(&mut m, &self.extra, &["data"], "AuditArchive")?;
        m.end()
    }
}

fn serialize_extra<M: SerializeMap>(
    m: &mut M,
    extra: &Extra,
    fields: &[&str],
    owner: &str,
) -> Result<(), M::Error> {
    for (k, v) in extra {
        if fields.contains(&k) {
            return Err(M::Error::custom(crate::model::shadowed(owner, k)));
        }
        m.serialize_entry(k, &crate::serde_any::AnyJson(v, k))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Reading item by item.

/// Reads a list page, an archive or a bare JSON array of items, one item at
/// a time: the items are split first, then each is read on its own, so that
/// one bad item does not hide the others.
///
/// The page object itself (`data` an array, `links` well-formed, no
/// duplicate keys) must be well-formed, else the error is returned here.
/// Each item gives `Ok(AuditEvent)` or the error that stopped it, with its
/// path from the top of the input (`data[3].data.leasedQuantity`, or
/// `[3]...` for a bare array) and its line and column in the whole input.
///
/// ```
/// use qlik_events::ErrorKind;
/// use qlik_events::audit;
///
/// let body = br#"{"data": [
///   {"eventId": "a", "eventType": "com.example.v1.unknown.type"},
///   {"eventId": "b", "eventType": "com.qlik.v1.license.lease.deleted", "data": {}},
///   {"eventId": "c", "eventTime": "yesterday"},
///   {"eventId": "d"}
/// ], "links": {"next": {"href": "/api/v1/audits?next=n2"}}}"#;
/// let items = audit::items(body)?;
/// assert_eq!(items.next_cursor().as_deref(), Some("n2"));
/// let results: Vec<_> = items.collect();
/// assert_eq!(results.len(), 4);
/// assert_eq!(results[0].as_ref().unwrap().event_id.as_deref(), Some("a"));
/// let err = results[1].as_ref().unwrap_err();
/// assert_eq!((err.kind(), err.path()), (ErrorKind::MissingField, "data[1].data.name"));
/// assert_eq!(err.line(), Some(3));
/// let err = results[2].as_ref().unwrap_err();
/// assert_eq!((err.kind(), err.path()), (ErrorKind::InvalidValue, "data[2].eventTime"));
/// assert_eq!(err.event_type(), None);
/// assert_eq!(results[3].as_ref().unwrap().event_id.as_deref(), Some("d"));
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub fn items(bytes: &[u8]) -> Result<Items<'_>, Error> {
    let mut r = Reader::from_slice(bytes);
    let split = read_split(&mut r)
        .and_then(|split| r.end().map(|()| split))
        .map_err(|f| f.into_error(bytes, None))?;
    Ok(Items {
        input: bytes,
        elements: split.elements.into_iter(),
        in_page: split.in_page,
        index: 0,
        links: split.links,
        extra: split.extra,
        pos: Position::default(),
    })
}

/// The iterator returned by [`items`]: one `Result<AuditEvent, Error>` per
/// item, in input order.
///
/// ```
/// use qlik_events::audit;
///
/// let body = include_bytes!("../tests/fixtures/audit/page.json"); // GET /api/v1/audits
/// let mut items: audit::Items<'_> = audit::items(body)?;
/// let first = items.next().unwrap()?;
/// assert!(first.event_type.is_some());
/// let (ok, bad) = items.fold((1, 0), |(ok, bad), item| match item {
///     Ok(_) => (ok + 1, bad),
///     Err(_) => (ok, bad + 1), // one bad item does not hide the others
/// });
/// assert!(ok >= 1 && ok + bad > 1);
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub struct Items<'a> {
    input: &'a [u8],
    elements: std::vec::IntoIter<&'a str>,
    /// Items are under `data` (a page or an archive), not a bare array.
    in_page: bool,
    /// Items read so far.
    index: usize,
    links: Option<PageLinks>,
    extra: Extra,
    /// How far lines have been counted.
    pos: Position,
}

/// Leaves out the input.
impl fmt::Debug for Items<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("index", &self.index)
            .field("remaining", &self.elements.len())
            .field("links", &self.links)
            .finish_non_exhaustive()
    }
}

impl Items<'_> {
    /// The page's `links`, if any (never for a bare array).
    pub fn links(&self) -> Option<&PageLinks> {
        self.links.as_ref()
    }

    /// The page's keys other than `data` and `links`, as sent.
    pub fn extra(&self) -> &Extra {
        &self.extra
    }

    /// `links.next.href`, if present.
    pub fn next_href(&self) -> Option<&str> {
        self.links.as_ref()?.next_href()
    }

    /// `links.prev.href`, if present.
    pub fn prev_href(&self) -> Option<&str> {
        self.links.as_ref()?.prev_href()
    }

    /// The next page's cursor; see [`AuditPage::next_cursor`].
    pub fn next_cursor(&self) -> Option<Cow<'_, str>> {
        self.links.as_ref()?.next_cursor()
    }

    /// The previous page's cursor; see [`AuditPage::prev_cursor`].
    pub fn prev_cursor(&self) -> Option<Cow<'_, str>> {
        self.links.as_ref()?.prev_cursor()
    }
}

impl Iterator for Items<'_> {
    type Item = Result<AuditEvent, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.elements.next()?;
        let index = self.index;
        self.index += 1;
        // `text` borrows from the input: where it starts in memory is where
        // it starts in the input.
        let offset = (text.as_ptr() as usize).saturating_sub(self.input.as_ptr() as usize);
        self.pos.advance(self.input, offset);
        let at = self.pos;
        let result = parse_item(Reader::from_str(text), Some((index, self.in_page)));
        Some(result.map_err(|e| at.relocate(e)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.elements.size_hint()
    }
}

impl ExactSizeIterator for Items<'_> {}

impl FusedIterator for Items<'_> {}

/// The items of a page, an archive or a bare array, not read yet.
struct Split<'de> {
    elements: Vec<&'de str>,
    in_page: bool,
    links: Option<PageLinks>,
    extra: Extra,
}

fn read_split<'de>(r: &mut Reader<'de>) -> Res<Split<'de>> {
    const EXPECTED: &str = "an audit page, an audit archive or an array of audit items";
    match r.ws() {
        Some(b'[') => Ok(Split {
            elements: r.raw_elements()?,
            in_page: false,
            links: None,
            extra: Extra::new(),
        }),
        Some(b'{') => {
            let (elements, links, extra) = read_page(r, EXPECTED, true, Reader::raw_elements)?;
            Ok(Split {
                elements,
                in_page: true,
                links,
                extra,
            })
        }
        _ => Err(match r.scalar(&EXPECTED) {
            Ok(Scalar::Str(s)) => r.fix(Fail::invalid_type(crate::read::Unexp::Str(&s), &EXPECTED)),
            Ok(Scalar::Num(n, _)) => r.fix(n.invalid_type(&EXPECTED)),
            Err(f) => f,
        }),
    }
}
