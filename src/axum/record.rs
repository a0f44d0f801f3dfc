//! One structured `tracing` record per delivery.

use ::axum::http::StatusCode;

use crate::{EventType, QlikEvent};

/// The `tracing` target of delivery records.
///
/// ```
/// assert_eq!(qlik_events::axum::RECORD_TARGET, "qlik_events::delivery");
/// ```
pub const RECORD_TARGET: &str = "qlik_events::delivery";

/// The envelope attributes that identify a delivery in logs and dead
/// letters: `type`, `id` and `tenantid`, each `None` when absent or not read.
///
/// ```
/// use qlik_events::axum::DeliveryAttributes;
///
/// let event = qlik_events::from_str(r#"{"type":"com.example.v1.unknown.type","id":"e1","tenantid":"t1"}"#)?;
/// let attributes = DeliveryAttributes::of(&event);
/// assert_eq!(attributes.event_type, Some("com.example.v1.unknown.type"));
/// assert_eq!((attributes.id, attributes.tenant_id), (Some("e1"), Some("t1")));
/// # Ok::<(), qlik_events::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeliveryAttributes<'a> {
    /// The wire string of `type`.
    pub event_type: Option<&'a str>,
    /// `id`.
    pub id: Option<&'a str>,
    /// `tenantid`.
    pub tenant_id: Option<&'a str>,
}

impl<'a> DeliveryAttributes<'a> {
    /// The attributes of a parsed event.
    ///
    /// ```
    /// use qlik_events::axum::DeliveryAttributes;
    ///
    /// let event = qlik_events::from_slice(include_bytes!("../../tests/fixtures/com.qlik.v1.license.lease.created.json"))?;
    /// assert_eq!(DeliveryAttributes::of(&event).event_type, Some("com.qlik.v1.license.lease.created"));
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    #[must_use]
    pub fn of(event: &'a QlikEvent) -> Self {
        let event_type = match event {
            QlikEvent::Unknown(e) => Some(e.event_type.as_str()),
            known => {
                let ty = known.event_type();
                EventType::KNOWN
                    .iter()
                    .find(|k| **k == ty)
                    .map(EventType::as_str)
            }
        };
        Self {
            event_type,
            id: event.id(),
            tenant_id: event.tenant_id(),
        }
    }

    /// What a parse error says was read of the envelope before the error.
    ///
    /// ```
    /// use qlik_events::axum::DeliveryAttributes;
    ///
    /// let error = qlik_events::from_str(
    ///     r#"{"type":"com.qlik.v1.license.lease.created","id":"e1","tenantid":"t1","data":7}"#,
    /// )
    /// .unwrap_err();
    /// let read = DeliveryAttributes::from_error(&error);
    /// assert_eq!(read.event_type, Some("com.qlik.v1.license.lease.created"));
    /// assert_eq!(read.id, Some("e1"));
    /// assert_eq!(read.tenant_id, Some("t1"));
    /// ```
    #[must_use]
    pub fn from_error(error: &'a crate::Error) -> Self {
        // Logs and dead letters take what was read from this one place.
        Self {
            event_type: error.event_type(),
            id: error.id(),
            tenant_id: error.tenant_id(),
        }
    }
}

/// What became of a delivery, as [`record_delivery`] logs it.
///
/// ```
/// use qlik_events::axum::Outcome;
///
/// assert_eq!(Outcome::DeadLettered.as_str(), "dead_lettered");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Outcome {
    /// The event was parsed and handled.
    Accepted,
    /// The body did not parse and was kept for later (a dead letter).
    DeadLettered,
    /// The request was refused.
    Rejected,
}

impl Outcome {
    /// `accepted`, `dead_lettered` or `rejected`.
    ///
    /// ```
    /// assert_eq!(qlik_events::axum::Outcome::Accepted.as_str(), "accepted");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::DeadLettered => "dead_lettered",
            Self::Rejected => "rejected",
        }
    }
}

/// Emits the one `tracing` record of a delivery, at target
/// [`RECORD_TARGET`]: level `INFO` when accepted, `WARN` otherwise, with the
/// fields `outcome`, `status`, `event_type`, `id`, `tenant_id` (`-` when
/// unknown) and `reason` (empty when accepted).
///
/// Every value is recorded as a string field, never as preformatted text,
/// so formatters escape it: `tracing-subscriber`'s text format writes
/// `id="a\nb"`, its JSON format `"id":"a\nb"`. An `id` holding a newline
/// cannot start a forged record. Neither the body nor any secret is
/// recorded; `reason` is [`WebhookRejection::reason`](super::WebhookRejection::reason),
/// which never repeats a value from the request.
///
/// [`router`](super::router) calls it for every delivery; a handler of your
/// own can too:
///
/// ```
/// use axum::http::StatusCode;
/// use qlik_events::axum::{DeliveryAttributes, Outcome, record_delivery};
///
/// let event = qlik_events::from_str(r#"{"type":"com.example.v1.unknown.type","id":"e1"}"#)?;
/// record_delivery(Outcome::Accepted, StatusCode::NO_CONTENT, DeliveryAttributes::of(&event), "");
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub fn record_delivery(
    outcome: Outcome,
    status: StatusCode,
    attributes: DeliveryAttributes<'_>,
    reason: &str,
) {
    let event_type = attributes.event_type.unwrap_or("-");
    let id = attributes.id.unwrap_or("-");
    let tenant_id = attributes.tenant_id.unwrap_or("-");
    let outcome = outcome.as_str();
    let status = status.as_u16();
    if outcome == Outcome::Accepted.as_str() {
        tracing::info!(
            target: RECORD_TARGET,
            outcome, status, event_type, id, tenant_id, reason,
            "delivery"
        );
    } else {
        tracing::warn!(
            target: RECORD_TARGET,
            outcome, status, event_type, id, tenant_id, reason,
            "delivery"
        );
    }
}
