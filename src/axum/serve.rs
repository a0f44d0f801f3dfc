//! Serving a receiver with production defaults: hyper's HTTP/1 server with
//! a timer, tower / tower-http layers, a connection cap and graceful
//! shutdown.

use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use ::axum::Router;
use ::axum::http::StatusCode;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceBuilder;
use tower::limit::ConcurrencyLimitLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

/// The smallest read buffer hyper accepts.
const MIN_HEADER_BYTES: usize = 8192;

/// How long the accept loop waits after a failed `accept` (out of file
/// descriptors, say) before trying again, so it does not spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// Settings of [`serve`]: timeouts, connection and concurrency caps, the
/// header buffer and the shutdown grace period.
///
/// A Qlik Cloud delivery is one small request sent at once, so the defaults
/// are tight:
///
/// | Setting | Default | What happens |
/// | --- | --- | --- |
/// | [`header_read_timeout`](Self::header_read_timeout) | 10 s | a connection that has not sent a whole request head within 10 s of connecting, or of its previous response (idle keep-alive), is closed |
/// | [`body_read_timeout`](Self::body_read_timeout) | 10 s | a body that stalls for 10 s between two reads is answered `408` and the connection closed |
/// | [`request_timeout`](Self::request_timeout) | 20 s | a request whose body and handler take longer than 20 s in all is answered `408` and the connection closed |
/// | [`max_connections`](Self::max_connections) | 1024 | further connections wait in the listen backlog |
/// | [`concurrency_limit`](Self::concurrency_limit) | 128 | requests in handlers (reading their body included) at once; more wait for a slot |
/// | [`max_header_bytes`](Self::max_header_bytes) | 16 KiB | the connection's read buffer; a larger request head is answered `431` |
/// | [`shutdown_timeout`](Self::shutdown_timeout) | 30 s | after SIGTERM / Ctrl-C, how long in-flight requests may still take |
///
/// With the body limit of [`WebhookConfig`](super::WebhookConfig)
/// ([`DEFAULT_BODY_LIMIT`](super::DEFAULT_BODY_LIMIT), 64 KiB), the memory
/// unauthenticated clients can pin (the signature can only be checked once
/// the body is in) is at most, with the defaults:
///
/// - per connection, the read buffer (16 KiB), hyper's write buffer (8 KiB)
///   and the connection's state (about 4 KiB): 1024 × 28 KiB = **28 MiB**;
/// - per request in a handler, the body being collected, twice the body
///   limit at the peak (parts, then one copy): 128 × 128 KiB = **16 MiB**;
///
/// **44 MiB in all**, besides the kernel's socket buffers, and for at most
/// 10 s (head) plus 20 s (request) per connection before it is closed.
/// Scale it with the settings:
/// `max_connections × (max_header_bytes + 12 KiB) + concurrency_limit × 2 × body_limit`.
///
/// Measured on loopback with the
/// `webhook_server` example: 896 connections stalled in a 15 KiB request head
/// plus 128 stalled one byte short of a 64 KiB body raised its resident
/// memory by 31 MiB; 1024 stalled bodies, by 24 MiB.
///
/// ```
/// use std::time::Duration;
/// use qlik_events::axum::ServeConfig;
///
/// let config = ServeConfig::default()
///     .with_header_read_timeout(Duration::from_secs(5))
///     .with_max_connections(256);
/// assert_eq!(config.header_read_timeout(), Duration::from_secs(5));
/// assert_eq!(config.body_read_timeout(), Duration::from_secs(10));
/// assert_eq!(config.max_connections(), 256);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeConfig {
    header_read_timeout: Duration,
    body_read_timeout: Duration,
    request_timeout: Duration,
    max_connections: usize,
    concurrency_limit: usize,
    max_header_bytes: usize,
    shutdown_timeout: Duration,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(20),
            max_connections: 1024,
            concurrency_limit: 128,
            max_header_bytes: 16 * 1024,
            shutdown_timeout: Duration::from_secs(30),
        }
    }
}

impl ServeConfig {
    /// The defaults (see the table above).
    ///
    /// ```
    /// use qlik_events::axum::ServeConfig;
    /// assert_eq!(ServeConfig::new(), ServeConfig::default());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets how long a connection may take to send a request head, counted
    /// from the connection or from its previous response: it is also the
    /// idle keep-alive timeout (hyper starts this timer as soon as a
    /// connection waits for its next request).
    ///
    /// ```
    /// # use std::time::Duration; use qlik_events::axum::ServeConfig;
    /// let config = ServeConfig::new().with_header_read_timeout(Duration::from_secs(3));
    /// assert_eq!(config.header_read_timeout(), Duration::from_secs(3));
    /// ```
    #[must_use]
    pub fn with_header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// Sets the longest pause allowed between two reads of a request body
    /// (tower-http's `RequestBodyTimeoutLayer`).
    ///
    /// ```
    /// # use std::time::Duration; use qlik_events::axum::ServeConfig;
    /// let config = ServeConfig::new().with_body_read_timeout(Duration::from_secs(3));
    /// assert_eq!(config.body_read_timeout(), Duration::from_secs(3));
    /// ```
    #[must_use]
    pub fn with_body_read_timeout(mut self, timeout: Duration) -> Self {
        self.body_read_timeout = timeout;
        self
    }

    /// Sets the longest a request may take from its head to its response,
    /// body reading and handler included (tower-http's `TimeoutLayer`,
    /// answering `408 Request Timeout`).
    ///
    /// ```
    /// # use std::time::Duration; use qlik_events::axum::ServeConfig;
    /// let config = ServeConfig::new().with_request_timeout(Duration::from_secs(15));
    /// assert_eq!(config.request_timeout(), Duration::from_secs(15));
    /// ```
    #[must_use]
    pub fn with_request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// Sets how many connections are served at once; at the cap, new
    /// connections wait in the listen backlog until one closes. `0` counts
    /// as `1`.
    ///
    /// ```
    /// # use qlik_events::axum::ServeConfig;
    /// assert_eq!(ServeConfig::new().with_max_connections(0).max_connections(), 1);
    /// ```
    #[must_use]
    pub fn with_max_connections(mut self, max: usize) -> Self {
        self.max_connections = max.max(1);
        self
    }

    /// Sets how many requests are in handlers (reading their body included)
    /// at once (tower's `ConcurrencyLimitLayer`); more wait for a slot.
    /// `0` counts as `1`.
    ///
    /// ```
    /// # use qlik_events::axum::ServeConfig;
    /// assert_eq!(ServeConfig::new().with_concurrency_limit(8).concurrency_limit(), 8);
    /// ```
    #[must_use]
    pub fn with_concurrency_limit(mut self, limit: usize) -> Self {
        self.concurrency_limit = limit.max(1);
        self
    }

    /// Sets the size of a connection's read buffer, which bounds the request
    /// head (hyper answers `431` beyond it). hyper needs at least 8 KiB:
    /// smaller values count as 8 KiB.
    ///
    /// ```
    /// # use qlik_events::axum::ServeConfig;
    /// assert_eq!(ServeConfig::new().with_max_header_bytes(100).max_header_bytes(), 8192);
    /// ```
    #[must_use]
    pub fn with_max_header_bytes(mut self, bytes: usize) -> Self {
        self.max_header_bytes = bytes.max(MIN_HEADER_BYTES);
        self
    }

    /// Sets how long, after the shutdown signal, in-flight requests may
    /// still take before [`serve`] returns anyway.
    ///
    /// ```
    /// # use std::time::Duration; use qlik_events::axum::ServeConfig;
    /// let config = ServeConfig::new().with_shutdown_timeout(Duration::from_secs(5));
    /// assert_eq!(config.shutdown_timeout(), Duration::from_secs(5));
    /// ```
    #[must_use]
    pub fn with_shutdown_timeout(mut self, timeout: Duration) -> Self {
        self.shutdown_timeout = timeout;
        self
    }

    /// The header-read (and idle keep-alive) timeout.
    #[must_use]
    pub fn header_read_timeout(&self) -> Duration {
        self.header_read_timeout
    }

    /// The longest pause between two reads of a body.
    #[must_use]
    pub fn body_read_timeout(&self) -> Duration {
        self.body_read_timeout
    }

    /// The longest a request may take from its head to its response.
    #[must_use]
    pub fn request_timeout(&self) -> Duration {
        self.request_timeout
    }

    /// The connection cap.
    #[must_use]
    pub fn max_connections(&self) -> usize {
        self.max_connections
    }

    /// The number of requests in handlers at once.
    #[must_use]
    pub fn concurrency_limit(&self) -> usize {
        self.concurrency_limit
    }

    /// The size of a connection's read buffer, bounding the request head.
    #[must_use]
    pub fn max_header_bytes(&self) -> usize {
        self.max_header_bytes
    }

    /// The shutdown grace period.
    #[must_use]
    pub fn shutdown_timeout(&self) -> Duration {
        self.shutdown_timeout
    }
}

/// Serves `app` on `listener` (HTTP/1.1) with the timeouts and limits of
/// `config` until SIGTERM or Ctrl-C ([`shutdown_signal`]), then shuts down
/// gracefully: stops accepting, answers the requests in flight (for up to
/// [`ServeConfig::shutdown_timeout`]), closes idle connections and returns.
///
/// # Errors
///
/// None in practice: failed `accept`s (a client that left, a process out of
/// file descriptors) are logged and retried. The `io::Result` leaves room
/// for setup errors.
///
/// ```no_run
/// use axum::http::StatusCode;
/// use qlik_events::QlikEvent;
/// use qlik_events::axum::{ServeConfig, WebhookConfig, router, serve};
///
/// #[tokio::main]
/// async fn main() -> std::io::Result<()> {
///     let app = router(WebhookConfig::from_secret("my-webhook-secret"), |event: QlikEvent| async move {
///         let _ = event; // handle it
///         StatusCode::NO_CONTENT
///     });
///     let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
///     serve(listener, app, ServeConfig::default()).await
/// }
/// ```
pub async fn serve(listener: TcpListener, app: Router, config: ServeConfig) -> io::Result<()> {
    serve_with_shutdown(listener, app, config, shutdown_signal()).await
}

/// [`serve`], shutting down gracefully when `signal` completes instead of on
/// SIGTERM / Ctrl-C.
///
/// # Errors
///
/// As [`serve`].
///
/// ```
/// use axum::{Router, routing::get};
/// use qlik_events::axum::{ServeConfig, serve_with_shutdown};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// let app = Router::new().route("/", get(|| async { "ok" }));
/// // Already told to stop: returns at once.
/// serve_with_shutdown(listener, app, ServeConfig::default(), async {}).await?;
/// # Ok(())
/// # }
/// ```
pub async fn serve_with_shutdown<F>(
    listener: TcpListener,
    app: Router,
    config: ServeConfig,
    signal: F,
) -> io::Result<()>
where
    F: Future<Output = ()> + Send,
{
    // Outermost first: the request deadline covers the body and the handler;
    // body reads time out on their own between parts.
    let service = ServiceBuilder::new()
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .layer(ConcurrencyLimitLayer::new(config.concurrency_limit))
        .layer(RequestBodyTimeoutLayer::new(config.body_read_timeout))
        .service(app);

    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout)
        .max_buf_size(config.max_header_bytes.max(MIN_HEADER_BYTES));

    let connections = Arc::new(Semaphore::new(config.max_connections));
    let graceful = GracefulShutdown::new();
    let signal = std::pin::pin!(signal);
    let mut signal = signal;

    loop {
        // The permit is taken before `accept`, so at the cap new clients
        // wait in the kernel's backlog and cost nothing here.
        let permit = tokio::select! {
            permit = Arc::clone(&connections).acquire_owned() => permit,
            () = &mut signal => break,
        };
        let Ok(permit) = permit else { break };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            () = &mut signal => break,
        };
        // Responses are one small write each; do not hold them back.
        let _ = stream.set_nodelay(true);
        let connection = http.serve_connection(
            TokioIo::new(stream),
            TowerToHyperService::new(service.clone()),
        );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                // Timeouts and clients that went away: expected, quiet.
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
            drop(permit);
        });
    }

    drop(listener);
    tracing::info!(
        connections = graceful.count(),
        "shutting down: answering requests in flight"
    );
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(config.shutdown_timeout) => {
            tracing::warn!("shutdown timeout elapsed with requests still in flight");
        }
    }
    Ok(())
}

/// Completes on SIGTERM (Unix) or Ctrl-C (SIGINT), whichever comes first:
/// the signals a service manager or a terminal sends to stop a server.
/// The handlers are installed when the future is first polled.
///
/// ```no_run
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// qlik_events::axum::shutdown_signal().await;
/// eprintln!("stopping");
/// # }
/// ```
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
