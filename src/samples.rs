//! The vendor's published example of every event type, ready to use.
//!
//! Each function returns the event that [`from_str`](crate::from_str) reads
//! from the published example of its type, as a typed [`Event`]; [`json`]
//! gives the published text itself (byte for byte), [`all`] every sample as
//! a [`QlikEvent`], in the order of [`EventType::KNOWN`].
//!
//! The samples are built in code, so the functions cannot fail; the crate's
//! tests check that each one equals the parse of its published text.
//!
//! ```
//! use qlik_events::{samples, EventType, QlikEvent};
//!
//! let mut event = samples::lease_created();
//! assert_eq!(event.data.resource, "amlDepModel");
//! event.data.leased_quantity = 7; // Adjust a sample for a test.
//!
//! let text = samples::json(&EventType::LeaseCreated).unwrap();
//! assert_eq!(qlik_events::from_str(text)?, QlikEvent::from(samples::lease_created()));
//! assert_eq!(samples::all().len(), EventType::KNOWN.len());
//! # Ok::<(), qlik_events::Error>(())
//! ```
//!
//! The license examples use placeholders (`"string"`) for most attributes;
//! for events with fresh ids and times, use the builders of the `builder`
//! module (feature `builder`).

use chrono::{DateTime, Utc};

use crate::envelope::{Attribute, Envelope, SpecVersion};
use crate::event::Event;
use crate::event_type::EventType;
use crate::qlik_event::QlikEvent;

/// `2018-10-30T07:06:22Z`, the time of every published example.
pub(crate) const PUBLISHED_TIME: DateTime<Utc> =
    DateTime::from_timestamp_nanos(1_540_883_182_000_000_000);

/// The license number of the license examples (a JSON number there).
pub(crate) const LICENSE_NUMBER: &str = "1234123412341234";

/// The placeholder the license examples use for strings.
pub(crate) const PLACEHOLDER: &str = "string";

macro_rules! samples {
    ($([$(#[$doc:meta])*] $variant:ident $wire:literal $channel:ident [$payload:ty]
        $type_req:ident $data_req:ident $tenant_req:ident $deprecated:literal $sample:path;)+) => {
        // Each type's sample function, written next to its payload (the
        // registry's `sample` column), under its own name here.
        $(pub use $sample;)+

        /// The published text of the example of `ty` (the fixture
        /// `tests/fixtures/<type>.json`); `None` for unknown types.
        ///
        /// ```
        /// use qlik_events::{samples, EventType};
        ///
        /// let text = samples::json(&EventType::QuotaConsumed).unwrap();
        /// assert!(text.contains(r#""source": "com.qlik/qix-sessions""#));
        /// assert_eq!(samples::json(&EventType::Unknown("x".into())), None);
        /// ```
        pub fn json(ty: &EventType) -> Option<&'static str> {
            Some(match ty {
                $(EventType::$variant => include_str!(concat!("../tests/fixtures/", $wire, ".json")),)+
                EventType::Unknown(_) => return None,
            })
        }

        /// The sample of `ty` as a [`QlikEvent`]; `None` for unknown types.
        ///
        /// ```
        /// use qlik_events::{samples, EventType};
        ///
        /// let event = samples::get(&EventType::TenantAssociated).unwrap();
        /// assert_eq!(event.event_type(), EventType::TenantAssociated);
        /// assert!(samples::get(&EventType::Unknown("x".into())).is_none());
        /// ```
        pub fn get(ty: &EventType) -> Option<QlikEvent> {
            Some(match ty {
                $(EventType::$variant => $sample().into(),)+
                EventType::Unknown(_) => return None,
            })
        }
    };
}

crate::registry::registry!(samples);

/// Every sample, one per known event type, in the order of
/// [`EventType::KNOWN`].
///
/// ```
/// use qlik_events::{samples, EventType};
///
/// let types: Vec<EventType> = samples::all().iter().map(|e| e.event_type()).collect();
/// assert_eq!(types, EventType::KNOWN);
/// ```
pub fn all() -> Vec<QlikEvent> {
    EventType::KNOWN.iter().filter_map(get).collect()
}

/// The envelope of the license examples: placeholders, plus `others`.
pub(crate) fn license_envelope(others: &[Attribute]) -> Envelope {
    let mut envelope = Envelope::new();
    envelope
        .set(Attribute::Id, PLACEHOLDER)
        .set_time(Some(PUBLISHED_TIME))
        .set(Attribute::Source, PLACEHOLDER)
        .set_specversion(Some(SpecVersion::V1_0))
        .set(Attribute::DataContentType, "application/json");
    for attr in [
        Attribute::AuthType,
        Attribute::AuthClaims,
        Attribute::TraceState,
        Attribute::TraceParent,
    ]
    .iter()
    .chain(others)
    {
        envelope.set(*attr, PLACEHOLDER);
    }
    envelope
}

/// An event of `envelope` and `data`.
pub(crate) fn event<T>(envelope: Envelope, data: T) -> Event<T> {
    Event { envelope, data }
}
