//! Strongly typed, validated models of Qlik Cloud system events.
//!
//! Qlik Cloud publishes events as CloudEvents 1.0 JSON: to webhooks, and
//! through the Audits API. This crate reads them into Rust types you can
//! `match` on, checking them against the vendor's published spec while it
//! reads, in a single pass:
//!
//! - the envelope ([`Envelope`]): the CloudEvents context attributes and
//!   Qlik's extension attributes, with unknown extensions kept;
//! - one payload struct per event type of the `system-events.licenses`
//!   channel ([`licenses`]) and of `system-events.app-usage` ([`app_usage`]);
//! - [`QlikEvent`], one enum keyed on `type`, with a variant that keeps
//!   events of types the crate does not know.
//!
//! ```
//! use qlik_events::QlikEvent;
//!
//! let body = br#"{
//!     "id": "e1", "type": "com.qlik.v1.license.lease.created", "tenantid": "t1",
//!     "data": {"name": "n", "size": 4, "excess": false, "license": 1234,
//!              "resource": "r", "createdAt": null, "updatedAt": "2018-10-30T07:06:22Z",
//!              "excessQuantity": 0, "leasedQuantity": 1, "licenseQuantity": 10,
//!              "licenseUnlimited": false}
//! }"#;
//! let event = qlik_events::from_slice(body)?;
//! assert_eq!(event.tenant_id(), Some("t1"));
//! match event {
//!     QlikEvent::LeaseCreated(e) => assert_eq!(e.data.license, "1234"),
//!     QlikEvent::Unknown(e) => println!("new event type {}", e.event_type),
//!     other => println!("{}", other.event_type()),
//! }
//! # Ok::<(), qlik_events::Error>(())
//! ```
//!
//! # What is checked
//!
//! Exactly what the spec says, in the union of the vendor's two published
//! versions of its pages (the copies the crate was built from and the newer
//! ones of 2026, `licenses.md` and `app-usages.md`): a field optional in
//! either is optional, and every published example of both parses. Required
//! fields per event type (`tenantid` only on `definition.updated`,
//! `tenant.associated` and the app-usage event; `data` on every license
//! event; the assignment `type` is optional since the newer pages), closed
//! value sets (`specversion`, `origin`, `unit`, `quota`), RFC 3339
//! date-times, `i64` ranges. Open sets (the assignment `type`) stay strings.
//! Duplicate keys in any object the crate reads are an error; values kept as
//! raw JSON text (unknown fields and extensions, [`Extra`]) are checked for
//! syntax only and kept as sent, and in values read into a
//! `serde_json::Value` (`newValue`) serde_json's rule applies (the last one
//! wins).
//!
//! Those rules are for the types the crate models. An event of any other
//! type gets only what every CloudEvent needs: a JSON object, a non-empty
//! string `type`, attribute values of the JSON types the crate stores them
//! as (strings; `time` an RFC 3339 date-time). Its `specversion` may be any
//! string (see [`SpecVersion`] for why a modelled type takes only `1.0`).
//!
//! # Round trips
//!
//! `from_slice(to_vec(e)) == e` for every event. Writing an event that was
//! read gives the same JSON (as a value, not as text) except for these
//! normalisations:
//!
//! - `license` numbers are written as strings;
//! - date-times are written in UTC with `Z`, with 0, 3, 6 or 9 fractional
//!   digits;
//! - `type` is always written (the app-usage event may omit it when parsed
//!   as [`app_usage::QuotaConsumedEvent`]);
//! - an absent `newValue` / `oldValue` in `_updates` is written as `null`;
//! - the older envelope's names (`eventId`, ...) are written as their
//!   CloudEvents 1.0 names.
//!
//! # Errors
//!
//! [`Error`] names the event type (once read), the JSON path and the line
//! and column, and keeps the envelope attributes read before the failure
//! ([`Error::id`], [`Error::tenant_id`], [`Error::envelope`]), so that a
//! receiver can log which delivery failed. [`from_slice`] and [`from_str`] give all of them; the plain
//! `serde::Deserialize` impls (for use inside other types) give serde's
//! error.
//!
//! # `Deserialize`
//!
//! The serde impls work in any self-describing format, not only JSON: keep
//! an event inside your own `#[derive(Serialize, Deserialize)]` type in
//! CBOR, MessagePack, BSON, YAML or a `serde_json::Value`, and it reads back
//! equal. `Deserialize` applies exactly the checks of [`from_slice`] (the
//! value is handed to the same reader as JSON text: as sent by serde_json,
//! written out from any other format), and its error names the event type
//! and the path (`data.leasedQuantity`), without a line and column in that
//! text. `Serialize` writes what is kept as JSON text ([`Extra`], unknown
//! `data`) as that exact text for serde_json, and as ordinary values (maps
//! in member order, arrays, numbers, strings, `null`) for other formats.
//! Numbers JSON and another format cannot share: integers past `u64` are
//! written as the nearest `f64` (equal as values), numbers past `f64`
//! (`1e400`) only in JSON; NaN, infinities, map keys other than strings and
//! non-UTF-8 byte strings are refused on reading. Formats that are not
//! self-describing (bincode, postcard) cannot read the crate's types.
//!
//! Inside your own types, with serde_json:
//!
//! ```
//! use serde::Deserialize;
//!
//! #[derive(Debug, Deserialize)]
//! struct Delivery {
//!     attempt: u32,
//!     event: qlik_events::QlikEvent,
//! }
//!
//! let json = r#"{"attempt": 2, "event": {"type": "com.example.v1.unknown.type", "id": "e1"}}"#;
//! let delivery: Delivery = serde_json::from_str(json)?;
//! assert_eq!((delivery.attempt, delivery.event.id()), (2, Some("e1")));
//!
//! let json = r#"{"attempt": 1, "event": {"type": "com.qlik.v1.license.lease.created", "data": {}}}"#;
//! let err = serde_json::from_str::<Delivery>(json).unwrap_err().to_string();
//! assert!(err.starts_with("com.qlik.v1.license.lease.created: data.name: missing field `name`"), "{err}");
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # Other shapes and integrations
//!
//! - The vendor's older webhook envelope (CloudEvents 0.1 style: `eventID`,
//!   `eventType`, `extensions`, ...) and hybrids parse through the same
//!   entry points, by one table of spellings; names that disagree are not
//!   an error: the CloudEvents 1.0 name governs and the other values are
//!   kept ([`legacy`]).
//! - [`stream`]: a JSON array batch or NDJSON in memory, NDJSON from any
//!   `BufRead`.
//! - `samples`: the vendor's published example of every event type
//!   (feature `builder`).
//!
//! Behind Cargo features (the first four on by default):
//!
//! | feature | module |
//! | --- | --- |
//! | `webhook` | `webhook`: `Qlik-Signature` verification and signing |
//! | `cloudevents` | `cloudevents`: `TryFrom` with `cloudevents::Event` |
//! | `builder` | `builder`: event builders with realistic defaults; payload builders (`LeaseCreated::builder()`) and `samples` |
//! | `audit` | `audit`: Audits API pages, archives and items |
//! | `http` | verification from an `http::HeaderMap` |
//! | `axum` | `axum`: an extractor for typed, verified events |
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Library code never panics on input: no unwrap, expect, panic or unchecked
// indexing (unit tests may).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod claims;
mod envelope;
mod error;
mod event;
mod event_type;
mod extra;
mod model;
mod object;
mod qlik_event;
mod read;
mod registry;
mod serde_any;
mod time;
mod write;

pub mod app_usage;
#[cfg(feature = "audit")]
pub mod audit;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "builder")]
pub mod builder;
#[cfg(feature = "cloudevents")]
pub mod cloudevents;
pub mod legacy;
pub mod licenses;
#[cfg(feature = "builder")]
pub mod samples;
pub mod schema;
pub mod stream;
#[cfg(feature = "webhook")]
pub mod webhook;

pub use claims::AuthClaims;
pub use envelope::{Attribute, Envelope, SpecVersion};
pub use error::{Error, ErrorKind};
pub use event::{Event, EventData};
pub use event_type::{Channel, EventType};
pub use extra::Extra;
pub use qlik_event::{EventVisitor, Payload, QlikEvent, UnknownEvent};
pub use write::{WriteJson, to_string, to_vec, to_writer};

/// Parses one event from JSON bytes (a webhook body, say).
///
/// ```
/// let body = include_bytes!("../tests/fixtures/com.qlik.v1.app-usage.quota.consumed.json");
/// let event = qlik_events::from_slice(body)?;
/// assert_eq!(event.event_type(), qlik_events::EventType::QuotaConsumed);
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub fn from_slice(bytes: &[u8]) -> Result<QlikEvent, Error> {
    qlik_event::parse(read::Reader::from_slice(bytes))
}

/// Parses one event from a JSON string.
///
/// ```
/// let err = qlik_events::from_str("{}").unwrap_err();
/// assert_eq!(err.to_string(), "type: missing field `type` at line 1 column 2");
/// ```
pub fn from_str(s: &str) -> Result<QlikEvent, Error> {
    qlik_event::parse(read::Reader::from_str(s))
}

// Compiles the README's Rust examples as doctests (they use the default
// features).
#[doc = include_str!("../README.md")]
#[cfg(all(
    doctest,
    feature = "webhook",
    feature = "cloudevents",
    feature = "builder",
    feature = "audit"
))]
pub struct ReadmeDoctests;
