//! A complete Qlik Cloud webhook receiver.
//!
//! ```text
//! QLIK_WEBHOOK_SECRET=my-webhook-secret cargo run --release --example webhook_server --features axum -- 8080
//! ```
//!
//! Listens on `127.0.0.1:<port>` (first argument, default 8080; `0` picks a
//! free port) and accepts `POST /`, served by `qlik_events::axum::serve`
//! with its production defaults (timeouts, connection and concurrency caps,
//! 64 KiB body limit; see `ServeConfig`). SIGTERM or Ctrl-C stops it
//! gracefully: requests in flight are answered, then it exits with status 0.
//!
//! - `QLIK_WEBHOOK_SECRET`: the webhook's secret; every `Qlik-Signature` is
//!   verified with it. When unset, verification is off (with a warning).
//! - `QLIK_WEBHOOK_DEAD_LETTER=<file>`: a signed delivery whose body does not
//!   parse is appended to `<file>` as one JSON line (`received_at`, `error`,
//!   `body`, ...; see `InvalidDelivery::dead_letter_json`: a body that is not
//!   UTF-8 is kept as hex with `"body_encoding": "hex"`), synced to disk, and
//!   answered `202 Accepted`, so Qlik does not retry it and nothing is lost.
//!   Without the variable such deliveries get `400`. Unsigned deliveries are
//!   never kept (anyone can send them).
//!
//! Logs go to stdout through a non-blocking writer (a reader that stalls
//! cannot freeze the server; lines are dropped instead): one record per
//! delivery, accepted or rejected, with `outcome`, `status`, `event_type`,
//! `id`, `tenant_id` and `reason`, values quoted and escaped. Never the body
//! or the secret. Accepted events are answered `204 No Content`; rejected
//! requests get 401, 400, 408 or 413 with a plain-text reason that names the
//! field at fault, not the value sent.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use qlik_events::axum::{
    DeliveryAttributes, InvalidDelivery, Outcome, QlikWebhook, ServeConfig, WebhookConfig,
    WebhookRejection, record_delivery, serve,
};

#[derive(Clone)]
struct AppState {
    webhook: WebhookConfig,
    dead_letters: Option<DeadLetters>,
}

impl FromRef<AppState> for WebhookConfig {
    fn from_ref(state: &AppState) -> Self {
        state.webhook.clone()
    }
}

/// The dead-letter file, opened for appending; one writer at a time so
/// lines never interleave.
#[derive(Clone)]
struct DeadLetters(Arc<Mutex<File>>);

impl DeadLetters {
    /// Appends one line and syncs it to disk before the delivery is
    /// acknowledged. Blocking I/O, so off the async workers.
    async fn keep(&self, invalid: &InvalidDelivery) -> std::io::Result<()> {
        let line = invalid.dead_letter_json(chrono::Utc::now());
        let file = Arc::clone(&self.0);
        tokio::task::spawn_blocking(move || {
            let mut file = file.lock().unwrap_or_else(PoisonError::into_inner);
            file.write_all(line.as_bytes())?;
            file.sync_data()
        })
        .await
        .map_err(std::io::Error::other)?
    }
}

async fn receive(
    State(state): State<AppState>,
    delivery: Result<QlikWebhook, WebhookRejection>,
) -> Response {
    let rejection = match delivery {
        Ok(QlikWebhook(event)) => {
            // Handle the event here (store it, queue it); answer quickly.
            let status = StatusCode::NO_CONTENT;
            record_delivery(
                Outcome::Accepted,
                status,
                DeliveryAttributes::of(&event),
                "",
            );
            return status.into_response();
        }
        Err(rejection) => rejection,
    };
    let kept = rejection
        .invalid_delivery()
        .filter(|invalid| invalid.signature_verified());
    if let (Some(invalid), Some(dead_letters)) = (kept, &state.dead_letters) {
        let reason = rejection.reason();
        return match dead_letters.keep(invalid).await {
            Ok(()) => {
                let status = StatusCode::ACCEPTED;
                record_delivery(Outcome::DeadLettered, status, invalid.attributes(), &reason);
                status.into_response()
            }
            Err(error) => {
                // Not kept: answer 500 so that Qlik retries it later.
                tracing::error!(
                    error = error.to_string().as_str(),
                    "dead letter not written"
                );
                let status = StatusCode::INTERNAL_SERVER_ERROR;
                record_delivery(Outcome::Rejected, status, invalid.attributes(), &reason);
                status.into_response()
            }
        };
    }
    rejection.record_and_respond()
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Logs on a background thread: `info!` only queues the line.
    let (writer, _flush_on_exit) = tracing_appender::non_blocking(std::io::stdout());
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .init();

    let port: u16 = match std::env::args().nth(1) {
        Some(arg) => arg
            .parse()
            .map_err(|e| format!("invalid port {arg:?}: {e}"))?,
        None => 8080,
    };

    let webhook = match std::env::var("QLIK_WEBHOOK_SECRET") {
        Ok(secret) if !secret.is_empty() => WebhookConfig::from_secret(secret),
        _ => {
            tracing::warn!(
                "QLIK_WEBHOOK_SECRET is not set; signatures are NOT verified \
                 and anyone who can reach this port can post events"
            );
            WebhookConfig::unverified()
        }
    };
    let dead_letters = match std::env::var_os("QLIK_WEBHOOK_DEAD_LETTER") {
        Some(path) if !path.is_empty() => {
            let file = OpenOptions::new().create(true).append(true).open(&path)?;
            tracing::info!(
                file = path.to_string_lossy().as_ref(),
                "keeping signed deliveries that do not parse"
            );
            Some(DeadLetters(Arc::new(Mutex::new(file))))
        }
        _ => None,
    };

    let app = Router::new()
        .route("/", post(receive))
        .with_state(AppState {
            webhook,
            dead_letters,
        });
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?.to_string();
    tracing::info!(addr = local.as_str(), "listening (POST /)");
    serve(listener, app, ServeConfig::default()).await?;
    tracing::info!("stopped");
    Ok(())
}
