//! A complete Qlik Cloud webhook receiver.
//!
//! ```text
//! QLIK_WEBHOOK_SECRET=my-webhook-secret cargo run --example webhook_server --features axum -- 8080
//! ```
//!
//! Listens on `127.0.0.1:<port>` (first argument, default 8080) and accepts
//! `POST /`. The `Qlik-Signature` header is verified with the secret from the
//! `QLIK_WEBHOOK_SECRET` environment variable; when it is unset, verification
//! is off (with a warning on stderr). Each accepted event is logged as one line
//! on stdout, `<type> id=<id> tenant=<tenant>`, and answered with
//! `204 No Content`; rejected requests get 401, 400 or 413 with a plain-text
//! reason.

use std::net::{Ipv4Addr, SocketAddr};

use axum::http::StatusCode;
use qlik_events::QlikEvent;
use qlik_events::axum::{WebhookConfig, router};

/// The one-line summary logged for each event.
fn summary(event: &QlikEvent) -> String {
    format!(
        "{} id={} tenant={}",
        event.event_type(),
        event.id().unwrap_or("-"),
        event.tenant_id().unwrap_or("-"),
    )
}

async fn handle(event: QlikEvent) -> StatusCode {
    println!("{}", summary(&event));
    StatusCode::NO_CONTENT
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = match std::env::args().nth(1) {
        Some(arg) => arg
            .parse()
            .map_err(|e| format!("invalid port {arg:?}: {e}"))?,
        None => 8080,
    };

    let config = match std::env::var("QLIK_WEBHOOK_SECRET") {
        Ok(secret) if !secret.is_empty() => WebhookConfig::from_secret(secret),
        _ => {
            eprintln!(
                "warning: QLIK_WEBHOOK_SECRET is not set; signatures are NOT verified \
                 and anyone who can reach this port can post events"
            );
            WebhookConfig::unverified()
        }
    };

    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = tokio::net::TcpListener::bind(addr).await?;
    eprintln!("listening on http://{} (POST /)", listener.local_addr()?);
    axum::serve(listener, router(config, handle)).await?;
    Ok(())
}
