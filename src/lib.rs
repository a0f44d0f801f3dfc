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
//! Exactly what the spec says: required fields per event type (`tenantid`
//! only on `definition.updated`, `tenant.associated` and the app-usage
//! event; `data` on every license event), closed value sets (`specversion`,
//! `origin`, `unit`, `quota`), RFC 3339 date-times, `i64` ranges. Open sets
//! (the assignment `type`) stay strings. Duplicate keys in any object the
//! crate reads are an error; values kept as raw JSON text (unknown fields
//! and extensions, [`Extra`]) are checked for syntax only and kept as sent,
//! and in values read into a `serde_json::Value` (`newValue`) serde_json's
//! rule applies (the last one wins).
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
//! and column. [`from_slice`] and [`from_str`] give all of them; the plain
//! `serde::Deserialize` impls (for use inside other types) give serde's
//! error.
//!
//! # `Deserialize`
//!
//! Every event ([`QlikEvent`], [`Event<T>`](Event)), payload (such as
//! [`licenses::LeaseCreated`]) and Audits API type implements
//! `serde::Deserialize`, for events inside your own types. Each impl takes
//! the value's JSON text whole (serde_json's `RawValue`) and reads it with
//! every check [`from_slice`] makes, so the two accept and refuse exactly the
//! same events. It works with serde_json's deserializers (`from_str`,
//! `from_slice`, `from_reader`, `from_value`); formats that cannot hand over
//! JSON text are refused. The error is serde's: its message names the event
//! type and the path, and serde_json adds the position of the value in the
//! outer document; [`from_slice`] gives the line and column inside the event.
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
//! - The vendor's older webhook envelope (`eventId`, `eventType`,
//!   `extensions`, ...) and hybrids parse through the same entry points; a
//!   name given twice must agree ([`ErrorKind::Conflict`]).
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
mod legacy;
mod model;
mod qlik_event;
mod read;
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
pub mod licenses;
#[cfg(feature = "builder")]
pub mod samples;
pub mod stream;
#[cfg(feature = "webhook")]
pub mod webhook;

pub use claims::AuthClaims;
pub use envelope::{Attribute, Envelope, SpecVersion};
pub use error::{Error, ErrorKind};
pub use event::{Event, EventData};
pub use event_type::{Channel, EventType};
pub use extra::Extra;
pub use qlik_event::{Payload, QlikEvent, UnknownEvent};
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
