//! Receiving Qlik Cloud webhooks with [axum] 0.8 (feature `axum`).
//!
//! [`QlikWebhook`] is an extractor that turns a webhook delivery into a typed
//! [`QlikEvent`]. For each request it, in this order:
//!
//! 1. rejects a `Content-Length` above the configured body limit
//!    ([`DEFAULT_BODY_LIMIT`], 64 KiB), then reads the raw body up to that
//!    limit ([`WebhookRejection::PayloadTooLarge`], `413 Payload Too Large`;
//!    a body that stalls is [`WebhookRejection::BodyTimeout`], `408`);
//! 2. when a [`Verifier`] is configured, checks the `Qlik-Signature` header
//!    over the exact bytes received ([`WebhookRejection::Signature`],
//!    `401 Unauthorized` for a missing, malformed or wrong signature);
//! 3. parses the body with [`crate::from_slice`]
//!    ([`WebhookRejection::Invalid`], `400 Bad Request`; the response names
//!    the JSON path and the kind of error, never a value sent). The
//!    rejection holds an [`InvalidDelivery`]: the raw body, the error and
//!    whether the signature was verified, so a handler taking
//!    `Result<QlikWebhook, WebhookRejection>` can keep a signed delivery
//!    that does not parse (a dead letter) instead of losing it.
//!
//! Events of types this crate does not know are accepted: the handler sees
//! [`QlikEvent::Unknown`]. The `Content-Type` header is not checked.
//!
//! The extractor takes its settings, a [`WebhookConfig`], from the router's
//! state through [`FromRef`], so it works both with
//! `.with_state(config)` and with an application state that holds one.
//!
//! [`serve`] serves a [`Router`] the way a receiver facing the internet
//! needs: hyper's HTTP/1 server with a header-read timeout (also the idle
//! keep-alive timeout), tower-http's body-read and request timeouts, tower's
//! concurrency limit, a connection cap and graceful shutdown on SIGTERM or
//! Ctrl-C that answers the requests in flight. [`ServeConfig`] documents each
//! default and the memory unauthenticated clients can pin with them
//! (44 MiB). `axum::serve` has no header-read timeout at all: prefer
//! [`serve`].
//!
//! [`router`] builds a whole receiver from a config and an `async` function
//! of the event, and logs one `tracing` record per delivery
//! ([`record_delivery`]).
//!
//! ```no_run
//! use axum::{Router, http::StatusCode, routing::post};
//! use qlik_events::QlikEvent;
//! use qlik_events::axum::{QlikWebhook, ServeConfig, WebhookConfig, serve};
//! use qlik_events::webhook::Verifier;
//!
//! async fn receive(QlikWebhook(event): QlikWebhook) -> StatusCode {
//!     if let QlikEvent::LeaseCreated(e) = &event {
//!         tracing::info!(resource = e.data.resource.as_str(), "lease created");
//!     }
//!     StatusCode::NO_CONTENT
//! }
//!
//! # async fn run() -> std::io::Result<()> {
//! let config = WebhookConfig::new(Verifier::new("my-webhook-secret"));
//! let app = Router::new().route("/qlik", post(receive)).with_state(config);
//! let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
//! serve(listener, app, ServeConfig::default()).await
//! # }
//! ```

mod record;
mod rejection;
mod serve;

pub use record::{DeliveryAttributes, Outcome, RECORD_TARGET, record_delivery};
pub use rejection::{InvalidDelivery, WebhookRejection};
pub use serve::{ServeConfig, serve, serve_with_shutdown, shutdown_signal};

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use ::axum::Router;
use ::axum::body::{Body, to_bytes};
use ::axum::extract::{FromRef, FromRequest, Request};
use ::axum::http::{HeaderMap, header};
use ::axum::response::IntoResponse;
use ::axum::routing::post;

use crate::QlikEvent;
use crate::webhook::Verifier;

/// The body limit a [`WebhookConfig`] starts with: 64 KiB (65,536 bytes).
///
/// The vendor's published events are under 1 KiB each, so this leaves room
/// for events 80 times larger while bounding what an unauthenticated client
/// can make the receiver hold (the signature can only be checked once the
/// whole body is in; see [`ServeConfig`]).
///
/// ```
/// use qlik_events::axum::{DEFAULT_BODY_LIMIT, WebhookConfig};
///
/// assert_eq!(DEFAULT_BODY_LIMIT, 64 * 1024);
/// assert_eq!(WebhookConfig::unverified().body_limit(), DEFAULT_BODY_LIMIT);
/// ```
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;

/// Settings of the [`QlikWebhook`] extractor: the signature [`Verifier`]
/// (or none) and the body size limit.
///
/// Cloning is cheap (the verifier is shared), which matters because the
/// extractor gets its copy through [`FromRef`] on every request.
///
/// Use it as the router state, or hold it in your own state and implement
/// [`FromRef`]:
///
/// ```
/// use axum::extract::FromRef;
/// use axum::{Router, routing::post};
/// use qlik_events::axum::{QlikWebhook, WebhookConfig};
///
/// #[derive(Clone)]
/// struct AppState {
///     webhook: WebhookConfig,
///     greeting: &'static str,
/// }
///
/// impl FromRef<AppState> for WebhookConfig {
///     fn from_ref(state: &AppState) -> Self {
///         state.webhook.clone()
///     }
/// }
///
/// async fn receive(QlikWebhook(event): QlikWebhook) -> String {
///     event.event_type().to_string()
/// }
///
/// let state = AppState {
///     webhook: WebhookConfig::from_secret("my-webhook-secret").with_body_limit(64 * 1024),
///     greeting: "hello",
/// };
/// let app: Router = Router::new().route("/qlik", post(receive)).with_state(state);
/// # let _ = app;
/// ```
#[derive(Clone)]
pub struct WebhookConfig {
    verifier: Option<Arc<Verifier>>,
    body_limit: usize,
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("verifier", &self.verifier.as_deref())
            .field("body_limit", &self.body_limit)
            .finish()
    }
}

impl WebhookConfig {
    /// Verifies every request's `Qlik-Signature` with `verifier`; the body
    /// limit is [`DEFAULT_BODY_LIMIT`].
    ///
    /// ```
    /// use qlik_events::axum::WebhookConfig;
    /// use qlik_events::webhook::Verifier;
    ///
    /// let config = WebhookConfig::new(Verifier::with_secrets(["old", "new"]));
    /// assert!(config.verifier().is_some());
    /// ```
    #[must_use]
    pub fn new(verifier: Verifier) -> Self {
        Self {
            verifier: Some(Arc::new(verifier)),
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }

    /// Verifies every request's `Qlik-Signature` with one secret (the secret
    /// configured on the webhook in Qlik Cloud); the body limit is
    /// [`DEFAULT_BODY_LIMIT`].
    ///
    /// ```
    /// use qlik_events::axum::WebhookConfig;
    ///
    /// let config = WebhookConfig::from_secret("my-webhook-secret");
    /// assert_eq!(format!("{config:?}"),
    ///     "WebhookConfig { verifier: Some(Verifier { secrets: 1 }), body_limit: 65536 }");
    /// ```
    #[must_use]
    pub fn from_secret(secret: impl AsRef<[u8]>) -> Self {
        Self::new(Verifier::new(secret))
    }

    /// Accepts requests without checking any signature (for webhooks that
    /// have no secret, or a receiver behind something that already checked
    /// it); the body limit is [`DEFAULT_BODY_LIMIT`].
    ///
    /// Anyone who can reach the endpoint can then post events: prefer a
    /// secret.
    ///
    /// ```
    /// use qlik_events::axum::WebhookConfig;
    ///
    /// assert!(WebhookConfig::unverified().verifier().is_none());
    /// ```
    #[must_use]
    pub fn unverified() -> Self {
        Self {
            verifier: None,
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }

    /// Replaces the verifier (`None` turns verification off).
    ///
    /// ```
    /// use qlik_events::axum::WebhookConfig;
    /// use qlik_events::webhook::Verifier;
    ///
    /// let config = WebhookConfig::unverified().with_verifier(Some(Verifier::new("s")));
    /// assert!(config.verifier().is_some());
    /// assert!(config.with_verifier(None).verifier().is_none());
    /// ```
    #[must_use]
    pub fn with_verifier(mut self, verifier: Option<Verifier>) -> Self {
        self.verifier = verifier.map(Arc::new);
        self
    }

    /// Sets the largest body accepted, in bytes. Larger requests are
    /// rejected with `413 Payload Too Large`, before the body is read when
    /// they announce their `Content-Length`.
    ///
    /// ```
    /// use qlik_events::axum::WebhookConfig;
    ///
    /// let config = WebhookConfig::from_secret("s").with_body_limit(16 * 1024);
    /// assert_eq!(config.body_limit(), 16_384);
    /// ```
    #[must_use]
    pub fn with_body_limit(mut self, limit: usize) -> Self {
        self.body_limit = limit;
        self
    }

    /// The verifier, if signatures are checked.
    ///
    /// ```
    /// use qlik_events::axum::WebhookConfig;
    /// use qlik_events::webhook::sign;
    ///
    /// let config = WebhookConfig::from_secret("s");
    /// let verifier = config.verifier().unwrap();
    /// assert_eq!(verifier.verify(b"{}", &sign(b"{}", "s")), Ok(()));
    /// ```
    #[must_use]
    pub fn verifier(&self) -> Option<&Verifier> {
        self.verifier.as_deref()
    }

    /// The largest body accepted, in bytes.
    ///
    /// ```
    /// use qlik_events::axum::WebhookConfig;
    ///
    /// assert_eq!(WebhookConfig::from_secret("s").body_limit(), 64 * 1024);
    /// ```
    #[must_use]
    pub fn body_limit(&self) -> usize {
        self.body_limit
    }
}

/// Extractor for one Qlik Cloud webhook delivery: the body, size-limited,
/// signature-checked and parsed into a [`QlikEvent`].
///
/// It consumes the request body, so it must be the last extractor of a
/// handler. Its settings come from the state, which must give a
/// [`WebhookConfig`] through [`FromRef`]; rejections are
/// [`WebhookRejection`]s (see the [module docs](self) for the order of the
/// checks).
///
/// ```
/// use axum::body::Body;
/// use axum::extract::{FromRequest, Request};
/// use axum::http::StatusCode;
/// use axum::response::IntoResponse;
/// use qlik_events::axum::{QlikWebhook, WebhookConfig};
/// use qlik_events::webhook::{SIGNATURE_HEADER, sign};
/// use qlik_events::EventType;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let body = include_bytes!("../../tests/fixtures/com.qlik.v1.license.lease.created.json");
/// let config = WebhookConfig::from_secret("s3cret");
///
/// let request = Request::post("/")
///     .header(SIGNATURE_HEADER, sign(body, "s3cret"))
///     .body(Body::from(&body[..]))
///     .unwrap();
/// let QlikWebhook(event) = QlikWebhook::from_request(request, &config).await.unwrap();
/// assert_eq!(event.event_type(), EventType::LeaseCreated);
///
/// let unsigned = Request::post("/").body(Body::from(&body[..])).unwrap();
/// let rejection = QlikWebhook::from_request(unsigned, &config).await.unwrap_err();
/// assert_eq!(rejection.into_response().status(), StatusCode::UNAUTHORIZED);
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct QlikWebhook(pub QlikEvent);

impl QlikWebhook {
    /// The event.
    ///
    /// ```
    /// use qlik_events::axum::QlikWebhook;
    ///
    /// let event = qlik_events::from_str(r#"{"type":"com.example.new","id":"e1"}"#)?;
    /// assert_eq!(QlikWebhook(event).into_inner().id(), Some("e1"));
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    #[must_use]
    pub fn into_inner(self) -> QlikEvent {
        self.0
    }
}

impl std::ops::Deref for QlikWebhook {
    type Target = QlikEvent;

    fn deref(&self) -> &QlikEvent {
        &self.0
    }
}

impl<S> FromRequest<S> for QlikWebhook
where
    WebhookConfig: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let config = WebhookConfig::from_ref(state);
        let (parts, body) = req.into_parts();
        let bytes = read_body(&parts.headers, body, config.body_limit).await?;
        if let Some(verifier) = config.verifier() {
            verifier
                .verify_headers(&parts.headers, &bytes)
                .map_err(WebhookRejection::Signature)?;
        }
        match crate::from_slice(&bytes) {
            Ok(event) => Ok(QlikWebhook(event)),
            Err(error) => Err(WebhookRejection::Invalid(InvalidDelivery::new(
                bytes,
                error,
                config.verifier().is_some(),
            ))),
        }
    }
}

/// Reads the whole body, refusing more than `limit` bytes (announced or
/// actual).
async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<::axum::body::Bytes, WebhookRejection> {
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    if announced.is_some_and(|length| u64::try_from(limit).is_ok_and(|limit| length > limit)) {
        return Err(WebhookRejection::PayloadTooLarge { limit });
    }
    to_bytes(body, limit).await.map_err(|error| {
        if caused_by::<http_body_util::LengthLimitError>(&error) {
            WebhookRejection::PayloadTooLarge { limit }
        } else if caused_by::<tower_http::timeout::TimeoutError>(&error) {
            WebhookRejection::BodyTimeout
        } else {
            WebhookRejection::Body(error)
        }
    })
}

/// Whether a body error is, or wraps, an `E`.
fn caused_by<E: std::error::Error + 'static>(error: &::axum::Error) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = current {
        if error.is::<E>() {
            return true;
        }
        current = error.source();
    }
    false
}

/// A complete receiver: a [`Router`] answering `POST /` with `handler`,
/// called with the event of every accepted delivery (through
/// [`QlikWebhook`], configured by `config`). Its return value is the
/// response, `StatusCode::NO_CONTENT` for instance.
///
/// Every delivery, accepted or rejected, gets one `tracing` record
/// ([`record_delivery`]). Rejections are answered as [`WebhookRejection`]
/// responses; to keep signed deliveries that do not parse, write a handler
/// taking `Result<QlikWebhook, WebhookRejection>` instead (as
/// `examples/webhook_server.rs` does).
///
/// To serve it under a path of a larger application, use
/// [`Router::nest_service`].
///
/// ```no_run
/// use axum::http::StatusCode;
/// use qlik_events::QlikEvent;
/// use qlik_events::axum::{ServeConfig, WebhookConfig, router, serve};
///
/// # async fn run() -> std::io::Result<()> {
/// let app = router(WebhookConfig::from_secret("my-webhook-secret"), |event: QlikEvent| async move {
///     let _ = event; // store it, queue it...
///     StatusCode::NO_CONTENT
/// });
/// let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
/// serve(listener, app, ServeConfig::default()).await
/// # }
/// ```
pub fn router<F, Fut>(config: WebhookConfig, handler: F) -> Router
where
    F: Fn(QlikEvent) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future + Send + 'static,
    Fut::Output: IntoResponse,
{
    Router::new()
        .route(
            "/",
            post(
                move |delivery: Result<QlikWebhook, WebhookRejection>| async move {
                    match delivery {
                        Ok(QlikWebhook(event)) => {
                            // Read before the handler takes the event.
                            let event_type =
                                DeliveryAttributes::of(&event).event_type.map(str::to_owned);
                            let id = event.id().map(str::to_owned);
                            let tenant_id = event.tenant_id().map(str::to_owned);
                            let response = handler(event).await.into_response();
                            let attributes = DeliveryAttributes {
                                event_type: event_type.as_deref(),
                                id: id.as_deref(),
                                tenant_id: tenant_id.as_deref(),
                            };
                            record_delivery(Outcome::Accepted, response.status(), attributes, "");
                            response
                        }
                        Err(rejection) => rejection.record_and_respond(),
                    }
                },
            ),
        )
        .with_state(config)
}
