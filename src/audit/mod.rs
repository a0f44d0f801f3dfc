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
//! let body = include_str!("../../tests/fixtures/audit/page.json");
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
//! | `eventType` | `type` (required: without it, an error of kind [`MissingField`](crate::ErrorKind::MissingField) at `eventType`) |
//! | `eventTypeVersion` | extension `eventTypeVersion` |
//! | `eventTime` | `time` |
//! | `source` | `source` |
//! | `userId` | `userid` |
//! | `tenantId` | `tenantid` (required for the types that require `tenantid`: else [`MissingField`](crate::ErrorKind::MissingField) at `tenantId`) |
//! | `contentType` | `datacontenttype` |
//! | `extensions.ownerId` | `ownerid` |
//! | `extensions.spaceId` | `spaceid` |
//! | `extensions.topLevelResourceId` | `toplevelresourceid` |
//! | `extensions.<attribute>` (`tenantId`, `userid`, `sessionId`, `host`, ...: every spelling of the table) | that attribute (a string) |
//! | `extensions.actor` | extension `actor`: `{"sub": .., "subType": .., ...}` |
//! | `extensions.updates` | extension `updates`, as sent |
//! | `extensions.<other>` | extension `<other>`, as sent |
//! | other top-level keys (`cloudEventsVersion`, ...) | by the same table: extension of the same name, as sent, unless it names an attribute |
//! | `data` | `data`, the same typed payload (required where the type requires it: else [`MissingField`](crate::ErrorKind::MissingField) at `data`) |
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
//! [`InvalidValue`](crate::ErrorKind::InvalidValue) when the item also has a
//! top-level `auditId` with another value.
//!
//! ```
//! use qlik_events::QlikEvent;
//! use qlik_events::audit::AuditEvent;
//!
//! let item = AuditEvent::from_str(include_str!("../../tests/fixtures/audit/item.json"))?;
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
//!
//! [`Payload`]: crate::Payload
//! [`Payload::Unknown`]: crate::Payload::Unknown
//! [`QlikEvent`]: crate::QlikEvent

mod convert;
mod item;
mod iter;
mod links;
mod list;

pub use item::{Actor, AuditEvent, AuditExtensions};
#[cfg(feature = "builder")]
pub use item::{ActorBuilder, AuditExtensionsBuilder};
pub use iter::{Items, items};
pub use links::{Href, ItemLinks, PageLinks};
#[cfg(feature = "builder")]
pub use links::{HrefBuilder, ItemLinksBuilder, PageLinksBuilder};
pub use list::{AuditArchive, AuditPage};
