//! End-to-end tests of `qlik_events::axum`: the receiver router served on a
//! loopback port and driven by a real HTTP client.
#![cfg(feature = "axum")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use axum::http::StatusCode;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Channel, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use qlik_events::axum::{WebhookConfig, router};
use qlik_events::webhook::{SIGNATURE_HEADER, sign};
use qlik_events::{EventType, QlikEvent};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

const SECRET: &str = "axum-test-secret";
/// Bound on every request (connect, send, read the whole response).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

type Body = BoxBody<Bytes, Infallible>;

/// A receiver served on `127.0.0.1:<ephemeral>`; aborted when dropped.
struct Server {
    addr: SocketAddr,
    events: mpsc::UnboundedReceiver<QlikEvent>,
    task: JoinHandle<()>,
    client: Client<HttpConnector, Body>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

struct Reply {
    status: StatusCode,
    content_type: Option<String>,
    body: String,
}

impl Server {
    /// Serves `qlik_events::axum::router(config, ..)`, the router the
    /// `webhook_server` example serves, with a handler that forwards each
    /// event to `self.events` and answers 204.
    async fn start(config: WebhookConfig) -> Self {
        let (tx, events) = mpsc::unbounded_channel();
        let app = router(config, move |event: QlikEvent| {
            let tx = tx.clone();
            async move {
                tx.send(event).unwrap();
                StatusCode::NO_CONTENT
            }
        });
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        let client = Client::builder(TokioExecutor::new()).build_http();
        Server {
            addr,
            events,
            task,
            client,
        }
    }

    /// POSTs `body` to `/`, with a `Qlik-Signature` header when given.
    async fn post_body(&self, body: Body, signature: Option<&str>) -> Reply {
        let mut request = hyper::Request::post(format!("http://{}/", self.addr))
            .header("content-type", "application/json");
        if let Some(signature) = signature {
            request = request.header("Qlik-Signature", signature);
        }
        let request = request.body(body).unwrap();
        tokio::time::timeout(REQUEST_TIMEOUT, async {
            let response = self.client.request(request).await.unwrap();
            let status = response.status();
            let content_type = response
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_owned());
            let body = response.into_body().collect().await.unwrap().to_bytes();
            Reply {
                status,
                content_type,
                body: String::from_utf8(body.to_vec()).unwrap(),
            }
        })
        .await
        .expect("request timed out")
    }

    async fn post(&self, body: &[u8], signature: Option<&str>) -> Reply {
        self.post_body(Full::new(Bytes::copy_from_slice(body)).boxed(), signature)
            .await
    }

    /// The event the handler received for the last accepted request.
    async fn received(&mut self) -> QlikEvent {
        tokio::time::timeout(REQUEST_TIMEOUT, self.events.recv())
            .await
            .expect("handler not called in time")
            .expect("channel closed")
    }

    /// Asserts the handler was not called (for requests already answered).
    fn assert_nothing_received(&mut self) {
        assert!(
            self.events.try_recv().is_err(),
            "handler was called for a rejected request"
        );
    }
}

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let event_type = path.file_stem().unwrap().to_str().unwrap().to_owned();
            (event_type, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    assert_eq!(files.len(), 10);
    files
}

fn lease_created() -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/com.qlik.v1.license.lease.created.json"),
    )
    .unwrap()
}

#[tokio::test]
async fn signed_fixtures_reach_the_handler_typed() {
    let mut server = Server::start(WebhookConfig::from_secret(SECRET)).await;
    for (event_type, body) in fixtures() {
        let reply = server.post(&body, Some(&sign(&body, SECRET))).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{event_type}");
        assert_eq!(reply.body, "");
        let event = server.received().await;
        assert_eq!(event.event_type().as_str(), event_type);
        assert!(event.is_known(), "{event_type}");
        assert_eq!(event, qlik_events::from_slice(&body).unwrap());
    }
    let body = lease_created();
    server.post(&body, Some(&sign(&body, SECRET))).await;
    match server.received().await {
        QlikEvent::LeaseCreated(e) => {
            assert_eq!(e.data.license, "1234123412341234");
            assert_eq!(e.data.leased_quantity, 42);
            assert_eq!(e.envelope.tenant_id(), Some("string"));
        }
        other => panic!("expected LeaseCreated, got {other:?}"),
    }
    server.assert_nothing_received();
}

#[tokio::test]
async fn upper_case_signature_is_accepted() {
    let mut server = Server::start(WebhookConfig::from_secret(SECRET)).await;
    let body = lease_created();
    let reply = server
        .post(&body, Some(&sign(&body, SECRET).to_uppercase()))
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(
        server.received().await.event_type(),
        EventType::LeaseCreated
    );
}

#[tokio::test]
async fn bad_signatures_are_401() {
    let mut server = Server::start(WebhookConfig::from_secret(SECRET)).await;
    let body = lease_created();
    let good = sign(&body, SECRET);

    let unsigned = server.post(&body, None).await;
    assert_eq!(unsigned.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        unsigned.content_type.as_deref(),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(unsigned.body, "webhook signature is missing or empty");

    let wrong_secret = server
        .post(&body, Some(&sign(&body, "another-secret")))
        .await;
    assert_eq!(wrong_secret.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong_secret.body,
        "webhook signature does not match the request body"
    );

    let mut tampered = body.clone();
    let at = tampered.iter().position(|&b| b == b'4').unwrap();
    tampered[at] = b'5';
    let reply = server.post(&tampered, Some(&good)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        reply.body,
        "webhook signature does not match the request body"
    );

    let malformed = server.post(&body, Some("sha256=abc")).await;
    assert_eq!(malformed.status, StatusCode::UNAUTHORIZED);
    assert!(malformed.body.contains("not hex"), "{}", malformed.body);

    let short = server.post(&body, Some(&good[..63])).await;
    assert_eq!(short.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        short.body,
        "webhook signature has wrong length: expected 64 hex characters, found 63"
    );

    server.assert_nothing_received();
}

#[tokio::test]
async fn signed_invalid_event_is_400_with_the_error_text() {
    let mut server = Server::start(WebhookConfig::from_secret(SECRET)).await;
    let body = String::from_utf8(lease_created())
        .unwrap()
        .replace(r#""leasedQuantity": 42"#, r#""leasedQuantity": "x""#);
    let expected = qlik_events::from_str(&body).unwrap_err();
    assert_eq!(expected.path(), "data.leasedQuantity");

    let reply = server
        .post(body.as_bytes(), Some(&sign(body.as_bytes(), SECRET)))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.content_type.as_deref(),
        Some("text/plain; charset=utf-8")
    );
    assert!(reply.body.contains("data.leasedQuantity"), "{}", reply.body);
    assert_eq!(reply.body, format!("invalid Qlik event: {expected}"));
    assert!(
        reply.body.starts_with(
            "invalid Qlik event: com.qlik.v1.license.lease.created: data.leasedQuantity: \
             invalid type: string \"x\", expected i64 at line "
        ),
        "{}",
        reply.body
    );

    let not_json = b"not json";
    let reply = server.post(not_json, Some(&sign(not_json, SECRET))).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(
        reply.body.starts_with("invalid Qlik event: "),
        "{}",
        reply.body
    );

    server.assert_nothing_received();
}

#[tokio::test]
async fn signed_unknown_event_type_is_accepted() {
    let mut server = Server::start(WebhookConfig::from_secret(SECRET)).await;
    let body = br#"{"id":"u1","type":"com.example.brand.new","tenantid":"t9","data":{"a":[1,2]}}"#;
    let reply = server.post(body, Some(&sign(body, SECRET))).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    match server.received().await {
        QlikEvent::Unknown(e) => {
            assert_eq!(e.event_type, "com.example.brand.new");
            assert_eq!(e.envelope.id(), Some("u1"));
            assert_eq!(e.envelope.tenant_id(), Some("t9"));
            assert_eq!(e.data.unwrap().get(), r#"{"a":[1,2]}"#);
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let limit = 1024;
    let mut server = Server::start(WebhookConfig::from_secret(SECRET).with_body_limit(limit)).await;

    // A valid event padded with whitespace: rejected for its size only.
    let mut body = lease_created();
    body.resize(limit + 1, b' ');
    assert!(qlik_events::from_slice(&body).is_ok());
    let reply = server.post(&body, Some(&sign(&body, SECRET))).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        reply.body,
        "request body is larger than the limit of 1024 bytes"
    );

    // Exactly at the limit is fine.
    body.truncate(limit);
    let reply = server.post(&body, Some(&sign(&body, SECRET))).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(
        server.received().await.event_type(),
        EventType::LeaseCreated
    );

    // Chunked (no Content-Length): caught while reading.
    let big = vec![b' '; 4 * limit];
    let (mut sender, channel) = Channel::<Bytes, Infallible>::new(4);
    let feed = tokio::spawn(async move {
        for chunk in big.chunks(512) {
            if sender
                .send_data(Bytes::copy_from_slice(chunk))
                .await
                .is_err()
            {
                break;
            }
        }
    });
    let reply = server
        .post_body(channel.boxed(), Some(&sign(b"", SECRET)))
        .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        reply.body,
        "request body is larger than the limit of 1024 bytes"
    );
    feed.abort();

    server.assert_nothing_received();
}

#[tokio::test]
async fn unverified_config_accepts_unsigned_bodies() {
    let mut server = Server::start(WebhookConfig::unverified()).await;
    let body = lease_created();

    let reply = server.post(&body, None).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(
        server.received().await.event_type(),
        EventType::LeaseCreated
    );

    // Any signature header is ignored.
    let reply = server.post(&body, Some("garbage")).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(
        server.received().await.event_type(),
        EventType::LeaseCreated
    );

    // Bodies are still parsed and checked.
    let reply = server.post(b"{}", None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.body,
        "invalid Qlik event: type: missing field `type` at line 1 column 2"
    );
    server.assert_nothing_received();
}

#[tokio::test]
async fn only_post_on_root_is_routed() {
    let server = Server::start(WebhookConfig::from_secret(SECRET)).await;
    let request = hyper::Request::get(format!("http://{}/", server.addr))
        .body(Full::new(Bytes::new()).boxed())
        .unwrap();
    let response = tokio::time::timeout(REQUEST_TIMEOUT, server.client.request(request))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(SIGNATURE_HEADER, "qlik-signature");
}
