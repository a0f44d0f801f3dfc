//! End-to-end tests of `qlik_events::axum`: the receiver router served by
//! `serve_with_shutdown` on a loopback port, driven over raw sockets with
//! hand-written HTTP/1.1 (raw, so that headers and bodies can stall).
//!
//! Timeouts are set short (a few hundred milliseconds) so the tests are
//! quick; every wait is bounded by a generous `PATIENCE`, and nothing asserts
//! how fast anything happened.
#![cfg(feature = "axum")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
#[path = "common/http.rs"]
mod http;

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use http::{
    Connection::KeepAlive, Reply, expecting_continue, read_continue, read_reply, request_head,
};
use qlik_events::axum::{ServeConfig, WebhookConfig, router, serve_with_shutdown};
use qlik_events::webhook::{SIGNATURE_HEADER, sign};
use qlik_events::{EventType, QlikEvent};

const SECRET: &str = "axum-test-secret";
/// Bound on every wait: a response, a close, a shutdown. Generous: the
/// machine running the tests may be loaded.
const PATIENCE: Duration = Duration::from_secs(20);

/// A receiver served on `127.0.0.1:<ephemeral>` by its own runtime on its own
/// thread (so tests can use blocking sockets); stopped when dropped.
struct Server {
    addr: SocketAddr,
    events: mpsc::Receiver<QlikEvent>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<std::io::Result<()>>>,
}

impl Server {
    fn start(config: WebhookConfig) -> Self {
        Self::start_with(config, ServeConfig::default())
    }

    /// Serves `qlik_events::axum::router(config, ..)` with `serve`, the way
    /// the `webhook_server` example does, with a handler that forwards each
    /// event to `self.events` and answers 204.
    fn start_with(config: WebhookConfig, serve: ServeConfig) -> Self {
        let (tx, events) = mpsc::channel();
        let app = router(config, move |event: QlikEvent| {
            let tx = tx.clone();
            async move {
                tx.send(event).unwrap();
                axum::http::StatusCode::NO_CONTENT
            }
        });
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready_tx, ready) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                    .await
                    .unwrap();
                ready_tx.send(listener.local_addr().unwrap()).unwrap();
                serve_with_shutdown(listener, app, serve, async {
                    let _ = stopped.await;
                })
                .await
            })
        });
        let addr = ready.recv_timeout(PATIENCE).unwrap();
        Server {
            addr,
            events,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect_timeout(&self.addr, PATIENCE).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream.set_write_timeout(Some(PATIENCE)).unwrap();
        stream
    }

    /// POSTs `body` to `/` on a new connection, with a `Qlik-Signature`
    /// header when given, and reads the response.
    fn post(&self, body: &[u8], signature: Option<&str>) -> Reply {
        let mut stream = self.connect();
        stream
            .write_all(&request_head(body.len(), signature, KeepAlive))
            .unwrap();
        stream.write_all(body).unwrap();
        read_reply(&mut stream)
    }

    /// The event the handler received for the last accepted request.
    fn received(&self) -> QlikEvent {
        self.events
            .recv_timeout(PATIENCE)
            .expect("handler not called in time")
    }

    /// Asserts the handler was not called (for requests already answered).
    fn assert_nothing_received(&self) {
        assert!(
            self.events.try_recv().is_err(),
            "handler was called for a rejected request"
        );
    }

    /// Sends the shutdown signal and waits for `serve` to return.
    fn shut_down(&mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let thread = self.thread.take().unwrap();
        let deadline = Instant::now() + PATIENCE;
        while !thread.is_finished() {
            assert!(Instant::now() < deadline, "serve did not return in time");
            std::thread::sleep(Duration::from_millis(20));
        }
        thread.join().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        // The thread ends once in-flight connections are done or the
        // shutdown timeout passes; not joined, so a failing test fails fast.
    }
}

/// Waits until the server closes `stream` (end of stream or reset), reading
/// and discarding anything it still sends. Panics if it stays open for
/// `PATIENCE`.
fn assert_closed(stream: &mut TcpStream, what: &str) {
    let deadline = Instant::now() + PATIENCE;
    let mut sink = [0u8; 1024];
    loop {
        match stream.read(&mut sink) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::ConnectionReset | ErrorKind::BrokenPipe) => {
                return;
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) => panic!("{what}: unexpected error {e}"),
        }
        assert!(Instant::now() < deadline, "{what}: still open");
    }
}

/// Every published example with its type, from the registry.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    common::published()
        .into_iter()
        .map(|(ty, body)| (ty.as_str().to_owned(), body.into_bytes()))
        .collect()
}

fn lease_created() -> Vec<u8> {
    common::fixture_bytes("com.qlik.v1.license.lease.created")
}

/// Short timeouts for the tests of stalls.
fn short_timeouts() -> ServeConfig {
    ServeConfig::default()
        .with_header_read_timeout(Duration::from_millis(400))
        .with_body_read_timeout(Duration::from_millis(400))
        .with_request_timeout(Duration::from_millis(1500))
}

#[test]
fn signed_fixtures_reach_the_handler_typed() {
    let server = Server::start(WebhookConfig::from_secret(SECRET));
    for (event_type, body) in fixtures() {
        let reply = server.post(&body, Some(&sign(&body, SECRET)));
        assert_eq!(reply.status, 204, "{event_type}");
        assert_eq!(reply.body, "");
        let event = server.received();
        assert_eq!(event.event_type().as_str(), event_type);
        assert!(event.is_known(), "{event_type}");
        assert_eq!(event, qlik_events::from_slice(&body).unwrap());
    }
    let body = lease_created();
    server.post(&body, Some(&sign(&body, SECRET)));
    match server.received() {
        QlikEvent::LeaseCreated(e) => {
            assert_eq!(e.data.license, "1234123412341234");
            assert_eq!(e.data.leased_quantity, 42);
            assert_eq!(e.envelope.tenant_id(), Some("string"));
        }
        other => panic!("expected LeaseCreated, got {other:?}"),
    }
    server.assert_nothing_received();
}

#[test]
fn upper_case_signature_is_accepted() {
    let server = Server::start(WebhookConfig::from_secret(SECRET));
    let body = lease_created();
    let reply = server.post(&body, Some(&sign(&body, SECRET).to_uppercase()));
    assert_eq!(reply.status, 204);
    assert_eq!(server.received().event_type(), EventType::LeaseCreated);
}

#[test]
fn bad_signatures_are_401() {
    let server = Server::start(WebhookConfig::from_secret(SECRET));
    let body = lease_created();
    let good = sign(&body, SECRET);

    let unsigned = server.post(&body, None);
    assert_eq!(unsigned.status, 401);
    assert_eq!(
        unsigned.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(unsigned.body, "webhook signature is missing or empty");

    let wrong_secret = server.post(&body, Some(&sign(&body, "another-secret")));
    assert_eq!(wrong_secret.status, 401);
    assert_eq!(
        wrong_secret.body,
        "webhook signature does not match the request body"
    );

    let mut tampered = body.clone();
    let at = tampered.iter().position(|&b| b == b'4').unwrap();
    tampered[at] = b'5';
    let reply = server.post(&tampered, Some(&good));
    assert_eq!(reply.status, 401);
    assert_eq!(
        reply.body,
        "webhook signature does not match the request body"
    );

    // The offending character is not echoed, only its position.
    let malformed = server.post(&body, Some("sha256=abc"));
    assert_eq!(malformed.status, 401);
    assert_eq!(
        malformed.body,
        "webhook signature is not hex at byte offset 0"
    );

    let short = server.post(&body, Some(&good[..63]));
    assert_eq!(short.status, 401);
    assert_eq!(
        short.body,
        "webhook signature has wrong length: expected 64 hex characters, found 63"
    );

    server.assert_nothing_received();
}

#[test]
fn signed_invalid_event_is_400_naming_the_field_not_the_value() {
    let server = Server::start(WebhookConfig::from_secret(SECRET));
    let marker = "VALUE-SENT-BY-THE-CLIENT";
    let body = String::from_utf8(lease_created()).unwrap().replace(
        r#""leasedQuantity": 42"#,
        &format!(r#""leasedQuantity": "{marker}""#),
    );
    let expected = qlik_events::from_str(&body).unwrap_err();
    assert_eq!(expected.path(), "data.leasedQuantity");
    assert!(expected.to_string().contains(marker), "{expected}");

    let reply = server.post(body.as_bytes(), Some(&sign(body.as_bytes(), SECRET)));
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert!(
        reply.body.starts_with(
            "invalid Qlik event: com.qlik.v1.license.lease.created: data.leasedQuantity: \
             invalid type at line "
        ),
        "{}",
        reply.body
    );
    assert!(!reply.body.contains(marker), "{}", reply.body);

    // An unknown type and member names come from the sender: the type is
    // left out and a path's control characters are escaped.
    let body = "{\"type\":\"com.example.v1.unknown.type\",\"id\":\"e1\",\"x\\n\":1,\"x\\n\":2}";
    let reply = server.post(body.as_bytes(), Some(&sign(body.as_bytes(), SECRET)));
    assert_eq!(reply.status, 400);
    assert!(!reply.body.contains("com.example"), "{}", reply.body);
    assert!(!reply.body.contains('\n'), "{:?}", reply.body);

    let not_json = b"not json";
    let reply = server.post(not_json, Some(&sign(not_json, SECRET)));
    assert_eq!(reply.status, 400);
    assert!(
        reply.body.starts_with("invalid Qlik event: "),
        "{}",
        reply.body
    );
    assert!(!reply.body.contains("not json"), "{}", reply.body);

    server.assert_nothing_received();
}

#[test]
fn signed_unknown_event_type_is_accepted() {
    let server = Server::start(WebhookConfig::from_secret(SECRET));
    let body =
        br#"{"id":"u1","type":"com.example.v1.unknown.type","tenantid":"t9","data":{"a":[1,2]}}"#;
    let reply = server.post(body, Some(&sign(body, SECRET)));
    assert_eq!(reply.status, 204);
    match server.received() {
        QlikEvent::Unknown(e) => {
            assert_eq!(e.event_type, "com.example.v1.unknown.type");
            assert_eq!(e.envelope.id(), Some("u1"));
            assert_eq!(e.envelope.tenant_id(), Some("t9"));
            assert_eq!(e.data.unwrap().get(), r#"{"a":[1,2]}"#);
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
}

#[test]
fn oversized_bodies_are_413() {
    let limit = 1024;
    let server = Server::start(WebhookConfig::from_secret(SECRET).with_body_limit(limit));

    // A valid event padded with whitespace: rejected for its size only,
    // from its Content-Length, before the body is read.
    let mut body = lease_created();
    body.resize(limit + 1, b' ');
    assert!(qlik_events::from_slice(&body).is_ok());
    let reply = server.post(&body, Some(&sign(&body, SECRET)));
    assert_eq!(reply.status, 413);
    assert_eq!(
        reply.body,
        "request body is larger than the limit of 1024 bytes"
    );

    // Exactly at the limit is fine.
    body.truncate(limit);
    let reply = server.post(&body, Some(&sign(&body, SECRET)));
    assert_eq!(reply.status, 204);
    assert_eq!(server.received().event_type(), EventType::LeaseCreated);

    // Chunked (no Content-Length): caught while reading.
    let mut stream = server.connect();
    stream
        .write_all(
            format!(
                "POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\
                 {SIGNATURE_HEADER}: {}\r\n\r\n",
                sign(b"", SECRET)
            )
            .as_bytes(),
        )
        .unwrap();
    let chunk = [b' '; 512];
    for _ in 0..4 {
        if stream.write_all(b"200\r\n").is_err()
            || stream.write_all(&chunk).is_err()
            || stream.write_all(b"\r\n").is_err()
        {
            break;
        }
    }
    let reply = read_reply(&mut stream);
    assert_eq!(reply.status, 413);
    assert_eq!(
        reply.body,
        "request body is larger than the limit of 1024 bytes"
    );

    server.assert_nothing_received();
}

#[test]
fn default_body_limit_is_64_kib() {
    let server = Server::start(WebhookConfig::from_secret(SECRET));
    let mut body = lease_created();
    body.resize(64 * 1024 + 1, b' ');
    let reply = server.post(&body, Some(&sign(&body, SECRET)));
    assert_eq!(reply.status, 413);
    assert_eq!(
        reply.body,
        "request body is larger than the limit of 65536 bytes"
    );
}

#[test]
fn unverified_config_accepts_unsigned_bodies() {
    let server = Server::start(WebhookConfig::unverified());
    let body = lease_created();

    let reply = server.post(&body, None);
    assert_eq!(reply.status, 204);
    assert_eq!(server.received().event_type(), EventType::LeaseCreated);

    // Any signature header is ignored.
    let reply = server.post(&body, Some("garbage"));
    assert_eq!(reply.status, 204);
    assert_eq!(server.received().event_type(), EventType::LeaseCreated);

    // Bodies are still parsed and checked.
    let reply = server.post(b"{}", None);
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.body,
        "invalid Qlik event: type: missing field at line 1 column 2"
    );
    server.assert_nothing_received();
}

#[test]
fn only_post_on_root_is_routed() {
    let server = Server::start(WebhookConfig::from_secret(SECRET));
    let mut stream = server.connect();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    assert_eq!(read_reply(&mut stream).status, 405);
    assert_eq!(SIGNATURE_HEADER, "qlik-signature");
}

#[test]
fn oversized_request_head_is_431() {
    let server = Server::start_with(
        WebhookConfig::from_secret(SECRET),
        ServeConfig::default().with_max_header_bytes(8192),
    );
    let mut stream = server.connect();
    let padding = "a".repeat(16 * 1024);
    let _ = stream.write_all(
        format!("POST / HTTP/1.1\r\nHost: localhost\r\nX-Padding: {padding}\r\n\r\n").as_bytes(),
    );
    assert_eq!(read_reply(&mut stream).status, 431);
}

/// Stalled heads, stalled bodies and a slow drip are closed by the timeouts,
/// while a valid delivery sent at the same time is served.
#[test]
fn stalled_connections_are_closed_while_valid_deliveries_are_served() {
    let server = Server::start_with(WebhookConfig::from_secret(SECRET), short_timeouts());
    let body = lease_created();
    let signature = sign(&body, SECRET);

    // Connected, nothing sent.
    let mut silent = server.connect();
    // Half a request head.
    let mut half_head = server.connect();
    half_head
        .write_all(b"POST / HTTP/1.1\r\nHost: localhost\r\n")
        .unwrap();
    // A whole head, then a third of the body (unsigned: the signature can
    // only be checked once the body is in).
    let mut half_body = server.connect();
    half_body
        .write_all(&request_head(body.len(), None, KeepAlive))
        .unwrap();
    half_body.write_all(&body[..body.len() / 3]).unwrap();

    // A valid delivery meanwhile.
    let reply = server.post(&body, Some(&signature));
    assert_eq!(reply.status, 204);
    assert_eq!(server.received().event_type(), EventType::LeaseCreated);

    assert_closed(&mut silent, "connection that sent nothing");
    assert_closed(&mut half_head, "connection that sent half a head");
    // The stalled body is answered 408, then the connection is closed.
    let reply = read_reply(&mut half_body);
    assert_eq!(reply.status, 408);
    assert_eq!(reply.body, "request body timed out");
    assert_closed(&mut half_body, "connection that sent a third of a body");

    // A body dripped one byte at a time, each within the body-read timeout,
    // is cut by the request timeout.
    let mut drip = server.connect();
    drip.write_all(&request_head(body.len(), Some(&signature), KeepAlive))
        .unwrap();
    let deadline = Instant::now() + PATIENCE;
    for byte in &body {
        if drip.write_all(std::slice::from_ref(byte)).is_err() || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        // Stop dripping once the server has answered.
        drip.set_nonblocking(true).unwrap();
        let mut peek = [0u8; 1];
        let answered = !matches!(drip.peek(&mut peek), Err(e) if e.kind() == ErrorKind::WouldBlock);
        drip.set_nonblocking(false).unwrap();
        if answered {
            break;
        }
    }
    let reply = read_reply(&mut drip);
    assert_eq!(reply.status, 408);
    assert_closed(&mut drip, "connection dripping its body");

    // And the server still serves.
    let reply = server.post(&body, Some(&signature));
    assert_eq!(reply.status, 204);
    assert_eq!(server.received().event_type(), EventType::LeaseCreated);
    server.assert_nothing_received();
}

#[test]
fn idle_keep_alive_connection_is_closed() {
    let server = Server::start_with(WebhookConfig::from_secret(SECRET), short_timeouts());
    let body = lease_created();
    let mut stream = server.connect();
    stream
        .write_all(&request_head(
            body.len(),
            Some(&sign(&body, SECRET)),
            KeepAlive,
        ))
        .unwrap();
    stream.write_all(&body).unwrap();
    let reply = read_reply(&mut stream);
    assert_eq!(reply.status, 204);
    assert_ne!(reply.header("connection"), Some("close"));
    server.received();
    // Kept alive, then idle: closed by the header-read timeout.
    assert_closed(&mut stream, "idle keep-alive connection");
}

#[test]
fn connections_beyond_the_cap_wait_for_a_free_slot() {
    let server = Server::start_with(
        WebhookConfig::from_secret(SECRET),
        ServeConfig::default()
            .with_max_connections(2)
            .with_header_read_timeout(Duration::from_secs(2)),
    );
    let mut first = server.connect();
    let mut second = server.connect();
    // Give the server the time to accept both (it may take longer on a
    // loaded machine; then the third is merely served later).
    std::thread::sleep(Duration::from_millis(200));

    let body = lease_created();
    let mut third = server.connect();
    third
        .write_all(&request_head(
            body.len(),
            Some(&sign(&body, SECRET)),
            KeepAlive,
        ))
        .unwrap();
    third.write_all(&body).unwrap();

    // Served only once a slot is free: when the answer comes, at least one
    // of the silent two has been closed (by the header-read timeout; the
    // server closes the socket before it frees the slot). The other one's
    // timer may fire a moment later on a loaded machine, so it is only
    // required to close eventually.
    let reply = read_reply(&mut third);
    assert_eq!(reply.status, 204);
    assert_eq!(server.received().event_type(), EventType::LeaseCreated);
    let closed_then = [&mut first, &mut second]
        .into_iter()
        .filter(|stream| closed_now(stream))
        .count();
    assert!(
        closed_then >= 1,
        "the third was served while both silent connections held the two slots"
    );
    assert_closed(&mut first, "first silent connection");
    assert_closed(&mut second, "second silent connection");
}

/// Whether the peer has closed `stream` already, without waiting.
fn closed_now(stream: &TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let mut peek = [0u8; 1];
    let closed = match stream.peek(&mut peek) {
        Ok(0) => true,
        Err(e) if e.kind() == ErrorKind::ConnectionReset => true,
        Ok(_) => false,
        Err(e) if e.kind() == ErrorKind::WouldBlock => false,
        Err(e) => panic!("unexpected error while peeking: {e}"),
    };
    stream.set_nonblocking(false).unwrap();
    closed
}

#[test]
fn shutdown_answers_the_request_in_flight_and_stops_accepting() {
    let mut server = Server::start(WebhookConfig::from_secret(SECRET));
    let body = lease_created();
    let mut in_flight = server.connect();
    in_flight
        .write_all(&expecting_continue(request_head(
            body.len(),
            Some(&sign(&body, SECRET)),
            KeepAlive,
        )))
        .unwrap();
    in_flight.write_all(&body[..body.len() / 2]).unwrap();
    // `100 Continue` comes once the handler reads the body: the request is
    // in flight (a sleep here would race a loaded machine).
    read_continue(&mut in_flight);

    let stop = server.stop.take().unwrap();
    stop.send(()).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    in_flight.write_all(&body[body.len() / 2..]).unwrap();
    let reply = read_reply(&mut in_flight);
    assert_eq!(reply.status, 204);
    assert_eq!(reply.header("connection"), Some("close"));
    assert_eq!(server.received().event_type(), EventType::LeaseCreated);

    server.shut_down().unwrap();
    assert!(
        TcpStream::connect_timeout(&server.addr, PATIENCE).is_err(),
        "still accepting after shutdown"
    );
}
