//! Why the extractor refused a delivery, and the dead letter it keeps when
//! a signed body does not parse.

use std::fmt;

use ::axum::body::Bytes;
use ::axum::http::{StatusCode, header};
use ::axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};

use crate::EventType;
use crate::webhook::SignatureError;

use super::record::DeliveryAttributes;

/// Why [`QlikWebhook`](super::QlikWebhook) refused a request.
///
/// As a response ([`IntoResponse`]) it is its status ([`Self::status`])
/// with [`Self::reason`] as a `text/plain` body. The reason names the
/// field at fault, never a value the sender wrote, so nothing of the body is
/// echoed back. `Display` is the full text, for your own logs.
///
/// ```
/// use axum::http::StatusCode;
/// use qlik_events::axum::WebhookRejection;
/// use qlik_events::webhook::SignatureError;
///
/// let rejection = WebhookRejection::Signature(SignatureError::Mismatch);
/// assert_eq!(rejection.status(), StatusCode::UNAUTHORIZED);
/// assert_eq!(rejection.reason(), "webhook signature does not match the request body");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// The body is (or announces, in `Content-Length`) more than the
    /// configured limit: `413 Payload Too Large`.
    #[error("request body is larger than the limit of {limit} bytes")]
    PayloadTooLarge {
        /// The configured limit, in bytes.
        limit: usize,
    },
    /// The `Qlik-Signature` header is missing, malformed or does not match
    /// the body: `401 Unauthorized`. [`SignatureError::NoSecret`] (a verifier
    /// built with no secret) is a server misconfiguration:
    /// `500 Internal Server Error`.
    #[error("{0}")]
    Signature(SignatureError),
    /// The body is not a valid Qlik event: `400 Bad Request`. The
    /// [`InvalidDelivery`] holds the raw body and the error, so a handler
    /// taking `Result<QlikWebhook, WebhookRejection>` can keep it as a dead
    /// letter when [`InvalidDelivery::signature_verified`].
    #[error("invalid Qlik event: {}", .0.error())]
    Invalid(InvalidDelivery),
    /// The sender paused longer than the body-read timeout between two
    /// parts of the body (see
    /// [`ServeConfig::body_read_timeout`](super::ServeConfig::body_read_timeout)):
    /// `408 Request Timeout`.
    #[error("request body timed out")]
    BodyTimeout,
    /// The body could not be read (the connection failed, say):
    /// `400 Bad Request`.
    #[error("failed to read the request body: {0}")]
    Body(::axum::Error),
}

impl WebhookRejection {
    /// The HTTP status of the response.
    ///
    /// ```
    /// use axum::http::StatusCode;
    /// use qlik_events::axum::WebhookRejection;
    /// use qlik_events::webhook::SignatureError;
    ///
    /// assert_eq!(
    ///     WebhookRejection::PayloadTooLarge { limit: 10 }.status(),
    ///     StatusCode::PAYLOAD_TOO_LARGE
    /// );
    /// assert_eq!(
    ///     WebhookRejection::Signature(SignatureError::Missing).status(),
    ///     StatusCode::UNAUTHORIZED
    /// );
    /// assert_eq!(
    ///     WebhookRejection::Signature(SignatureError::NoSecret).status(),
    ///     StatusCode::INTERNAL_SERVER_ERROR
    /// );
    /// assert_eq!(WebhookRejection::BodyTimeout.status(), StatusCode::REQUEST_TIMEOUT);
    /// ```
    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self {
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Signature(SignatureError::NoSecret) => StatusCode::INTERNAL_SERVER_ERROR,
            Self::Signature(_) => StatusCode::UNAUTHORIZED,
            Self::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            Self::Invalid(_) | Self::Body(_) => StatusCode::BAD_REQUEST,
        }
    }

    /// The text of the response: what is wrong, naming the field (the JSON
    /// path, the header) but never repeating a value from the request.
    ///
    /// For an invalid event it is `invalid Qlik event: ` then the event type
    /// (only when it is one this crate knows), the JSON path (control
    /// characters and quotes escaped), the [`ErrorKind`](crate::ErrorKind)
    /// and the position:
    ///
    /// ```
    /// use qlik_events::axum::{InvalidDelivery, WebhookRejection};
    ///
    /// let body = r#"{"type":"com.qlik.v1.license.lease.created","data":{"leasedQuantity":"x"}}"#;
    /// let error = qlik_events::from_str(body).unwrap_err();
    /// let rejection = WebhookRejection::Invalid(InvalidDelivery::new(body.into(), error, true));
    /// assert_eq!(
    ///     rejection.reason(),
    ///     "invalid Qlik event: com.qlik.v1.license.lease.created: data.leasedQuantity: \
    ///      invalid type at line 1 column 72"
    /// );
    /// // The full error, with the value sent, stays in `Display`.
    /// assert!(rejection.to_string().contains(r#"string "x""#));
    /// ```
    #[must_use]
    pub fn reason(&self) -> String {
        match self {
            Self::Signature(SignatureError::NotHex { offset, .. }) => {
                format!("webhook signature is not hex at byte offset {offset}")
            }
            Self::Invalid(invalid) => invalid_reason(invalid.error()),
            Self::Body(_) => "failed to read the request body".to_owned(),
            other => other.to_string(),
        }
    }

    /// The delivery a signed body that does not parse was, if this is one
    /// (see [`InvalidDelivery`]).
    ///
    /// ```
    /// use qlik_events::axum::WebhookRejection;
    ///
    /// assert!(WebhookRejection::BodyTimeout.invalid_delivery().is_none());
    /// ```
    #[must_use]
    pub fn invalid_delivery(&self) -> Option<&InvalidDelivery> {
        match self {
            Self::Invalid(invalid) => Some(invalid),
            _ => None,
        }
    }

    /// Logs the rejection as one delivery record ([`record_delivery`] with
    /// [`Outcome::Rejected`], its status, what was read of the envelope and
    /// [`reason`](Self::reason)) and turns it into its response: what a
    /// handler taking `Result<QlikWebhook, WebhookRejection>` does with the
    /// rejections it does not keep.
    ///
    /// ```
    /// use axum::http::StatusCode;
    /// use qlik_events::axum::WebhookRejection;
    ///
    /// let response = WebhookRejection::BodyTimeout.record_and_respond();
    /// assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT);
    /// ```
    ///
    /// [`record_delivery`]: super::record_delivery
    /// [`Outcome::Rejected`]: super::Outcome::Rejected
    pub fn record_and_respond(self) -> Response {
        let attributes = self
            .invalid_delivery()
            .map(InvalidDelivery::attributes)
            .unwrap_or_default();
        super::record_delivery(
            super::Outcome::Rejected,
            self.status(),
            attributes,
            &self.reason(),
        );
        self.into_response()
    }
}

/// The response text of an invalid event: known vocabulary and positions
/// only, so that a sender cannot make the receiver echo its input.
fn invalid_reason(error: &crate::Error) -> String {
    let mut text = String::from("invalid Qlik event: ");
    if let Some(ty) = error.event_type()
        && EventType::from(ty).is_known()
    {
        text.push_str(ty);
        text.push_str(": ");
    }
    if !error.path().is_empty() {
        // Member names of unknown objects come from the input.
        text.extend(error.path().escape_debug());
        text.push_str(": ");
    }
    text.push_str(error.kind().as_str());
    if let (Some(line), Some(column)) = (error.line(), error.column()) {
        text.push_str(&format!(" at line {line} column {column}"));
    }
    text
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        (
            self.status(),
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            self.reason(),
        )
            .into_response()
    }
}

/// A delivery whose body did not parse as a Qlik event: the raw body
/// exactly as received, the [`crate::Error`], what was read of the envelope
/// before the error ([`Self::attributes`]) and whether the signature was
/// verified.
///
/// A signed delivery that fails to parse is answered `400` by
/// [`QlikWebhook`](super::QlikWebhook); Qlik Cloud then retries it and
/// eventually disables the webhook, and the event is lost either way. A
/// handler that takes `Result<QlikWebhook, WebhookRejection>` can instead
/// keep it (a *dead letter*, [`Self::dead_letter_json`]) and answer
/// `202 Accepted`. Keep only deliveries whose signature was verified:
/// anyone can post an unsigned body.
///
/// ```
/// use axum::body::Body;
/// use axum::extract::{FromRequest, Request};
/// use qlik_events::axum::{QlikWebhook, WebhookConfig, WebhookRejection};
/// use qlik_events::webhook::{SIGNATURE_HEADER, sign};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let body = r#"{"type":"com.qlik.v1.license.lease.created","id":"e1","data":{}}"#;
/// let config = WebhookConfig::from_secret("s3cret");
/// let request = Request::post("/")
///     .header(SIGNATURE_HEADER, sign(body.as_bytes(), "s3cret"))
///     .body(Body::from(body))
///     .unwrap();
/// let Err(WebhookRejection::Invalid(invalid)) = QlikWebhook::from_request(request, &config).await
/// else { panic!("expected an invalid delivery") };
/// assert!(invalid.signature_verified());
/// assert_eq!(invalid.body(), body.as_bytes());
/// assert_eq!(invalid.error().path(), "data.name");
/// assert_eq!(invalid.attributes().event_type, Some("com.qlik.v1.license.lease.created"));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidDelivery {
    body: Bytes,
    error: crate::Error,
    signature_verified: bool,
}

impl InvalidDelivery {
    /// The delivery of `body`, which failed to parse with `error`;
    /// `signature_verified` says whether its `Qlik-Signature` was checked and
    /// matched.
    ///
    /// ```
    /// use qlik_events::axum::InvalidDelivery;
    ///
    /// let error = qlik_events::from_str("{}").unwrap_err();
    /// let invalid = InvalidDelivery::new("{}".into(), error, false);
    /// assert!(!invalid.signature_verified());
    /// ```
    #[must_use]
    pub fn new(body: Bytes, error: crate::Error, signature_verified: bool) -> Self {
        Self {
            body,
            error,
            signature_verified,
        }
    }

    /// The raw body, byte for byte as received.
    ///
    /// ```
    /// # use qlik_events::axum::InvalidDelivery;
    /// let invalid = InvalidDelivery::new("nope".into(), qlik_events::from_str("nope").unwrap_err(), true);
    /// assert_eq!(invalid.body(), b"nope".as_slice());
    /// ```
    #[must_use]
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The parse error: kind, JSON path, position and what was read of the
    /// envelope ([`crate::Error::event_type`]).
    ///
    /// ```
    /// # use qlik_events::axum::InvalidDelivery;
    /// let invalid = InvalidDelivery::new("{}".into(), qlik_events::from_str("{}").unwrap_err(), true);
    /// assert_eq!(invalid.error().path(), "type");
    /// ```
    #[must_use]
    pub fn error(&self) -> &crate::Error {
        &self.error
    }

    /// Whether the body's `Qlik-Signature` was verified (`false` when the
    /// [`WebhookConfig`](super::WebhookConfig) has no verifier).
    ///
    /// ```
    /// # use qlik_events::axum::InvalidDelivery;
    /// let invalid = InvalidDelivery::new("{}".into(), qlik_events::from_str("{}").unwrap_err(), true);
    /// assert!(invalid.signature_verified());
    /// ```
    #[must_use]
    pub fn signature_verified(&self) -> bool {
        self.signature_verified
    }

    /// What was read of the envelope before the error (see
    /// [`DeliveryAttributes::from_error`]).
    ///
    /// ```
    /// # use qlik_events::axum::InvalidDelivery;
    /// let body = r#"{"type":"com.example.v1.unknown.type","id":7}"#;
    /// let invalid = InvalidDelivery::new(body.into(), qlik_events::from_str(body).unwrap_err(), true);
    /// assert_eq!(invalid.attributes().event_type, Some("com.example.v1.unknown.type"));
    /// ```
    #[must_use]
    pub fn attributes(&self) -> DeliveryAttributes<'_> {
        DeliveryAttributes::from_error(&self.error)
    }

    /// The body and the error.
    ///
    /// ```
    /// # use qlik_events::axum::InvalidDelivery;
    /// let invalid = InvalidDelivery::new("{}".into(), qlik_events::from_str("{}").unwrap_err(), true);
    /// let (body, error) = invalid.into_parts();
    /// assert_eq!((&body[..], error.path()), (&b"{}"[..], "type"));
    /// ```
    #[must_use]
    pub fn into_parts(self) -> (Bytes, crate::Error) {
        (self.body, self.error)
    }

    /// One line of JSON (ending in `\n`) recording this delivery, for a
    /// dead-letter file:
    ///
    /// - `received_at`: `received_at` in RFC 3339, UTC;
    /// - `error`: the error's full text; `error_kind`, `path`;
    /// - `event_type`, `id`, `tenant_id`: what was read of the envelope
    ///   ([`Self::attributes`]), `null` when not read;
    /// - `signature_verified`;
    /// - `body`: the raw body as a JSON string when it is UTF-8
    ///   (`"body_encoding": "utf-8"`); a body that is not UTF-8 is kept as
    ///   lowercase hex (`"body_encoding": "hex"`), so every byte survives.
    ///
    /// ```
    /// use qlik_events::axum::InvalidDelivery;
    ///
    /// let body = "{\"type\":\"com.example.v1.unknown.type\",\"id\":7}";
    /// let invalid = InvalidDelivery::new(body.into(), qlik_events::from_str(body).unwrap_err(), true);
    /// let line = invalid.dead_letter_json("2026-12-07T00:00:00Z".parse().unwrap());
    /// assert!(line.ends_with('\n') && !line.trim_end().contains('\n'));
    /// let value: serde_json::Value = serde_json::from_str(&line).unwrap();
    /// assert_eq!(value["received_at"], "2026-12-07T00:00:00Z");
    /// assert_eq!(value["body"], body);
    /// assert_eq!(value["body_encoding"], "utf-8");
    /// assert_eq!(value["path"], "id");
    ///
    /// let bytes = InvalidDelivery::new(vec![0xff, b'{'].into(), invalid.error().clone(), true);
    /// let value: serde_json::Value =
    ///     serde_json::from_str(&bytes.dead_letter_json(chrono::Utc::now())).unwrap();
    /// assert_eq!((&value["body"], &value["body_encoding"]), (&"ff7b".into(), &"hex".into()));
    /// ```
    #[must_use]
    pub fn dead_letter_json(&self, received_at: DateTime<Utc>) -> String {
        let (body, encoding) = match std::str::from_utf8(&self.body) {
            Ok(text) => (text.to_owned(), "utf-8"),
            Err(_) => (hex::encode(&self.body), "hex"),
        };
        let attributes = self.attributes();
        let line = serde_json::json!({
            "received_at": received_at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            "error": self.error.to_string(),
            "error_kind": self.error.kind().as_str(),
            "path": self.error.path(),
            "event_type": attributes.event_type,
            "id": attributes.id,
            "tenant_id": attributes.tenant_id,
            "signature_verified": self.signature_verified,
            "body_encoding": encoding,
            "body": body,
        });
        // `Value`'s `Display` is compact JSON: control characters in any
        // string are escaped, so the record stays one line.
        format!("{line}\n")
    }
}

impl fmt::Display for InvalidDelivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid Qlik event ({} bytes): {}",
            self.body.len(),
            self.error
        )
    }
}
