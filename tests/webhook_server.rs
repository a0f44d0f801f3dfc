//! Tests of `examples/webhook_server.rs` as users run it: the example's own
//! binary, started as a child process on `127.0.0.1:<ephemeral>`, driven
//! over raw sockets, stopped with `kill -TERM`.
//!
//! The binary is the one `cargo test --all-features` builds next to this
//! test (`target/<profile>/examples/webhook_server`). `cargo test --test
//! webhook_server` alone does not build examples: build it first with
//! `cargo build --example webhook_server --features axum`.
#![cfg(feature = "axum")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "common/http.rs"]
mod http;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http::{Connection::Close, expecting_continue, read_continue, read_reply, request_head};
use qlik_events::webhook::sign;

const SECRET: &str = "example-test-secret-do-not-log";
/// Bound on every wait. Generous: the machine may be loaded.
const PATIENCE: Duration = Duration::from_secs(30);

fn example_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/<profile>/deps/<test> -> target/<profile>/examples/webhook_server
    let path = exe
        .parent()
        .and_then(|deps| deps.parent())
        .unwrap()
        .join("examples")
        .join(format!("webhook_server{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: run `cargo test --all-features` (it builds the examples) or \
         `cargo build --example webhook_server --features axum` first",
        path.display()
    );
    path
}

/// The example, running; killed if a test fails before it exits.
struct Example {
    child: Child,
    addr: SocketAddr,
    /// Its stdout (the log), line by line, as read so far.
    log: Arc<Mutex<Vec<String>>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Example {
    fn start(dead_letter: Option<&PathBuf>) -> Self {
        let mut command = Command::new(example_binary());
        command
            .arg("0")
            .env("QLIK_WEBHOOK_SECRET", SECRET)
            .env_remove("QLIK_WEBHOOK_DEAD_LETTER")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some(path) = dead_letter {
            command.env("QLIK_WEBHOOK_DEAD_LETTER", path);
        }
        let mut child = command.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let reader = {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).split(b'\n') {
                    let Ok(line) = line else { break };
                    let line = String::from_utf8_lossy(&line).into_owned();
                    if let Some(at) = line.find("addr=\"") {
                        let rest = &line[at + 6..];
                        let addr: SocketAddr = rest[..rest.find('"').unwrap()].parse().unwrap();
                        let _ = addr_tx.send(addr);
                    }
                    log.lock().unwrap().push(line);
                }
            })
        };
        let addr = addr_rx
            .recv_timeout(PATIENCE)
            .expect("the example did not log its address");
        Example {
            child,
            addr,
            log,
            reader: Some(reader),
        }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect_timeout(&self.addr, PATIENCE).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream.set_write_timeout(Some(PATIENCE)).unwrap();
        stream
    }

    fn post(&self, body: &[u8], signature: Option<&str>) -> (u16, String) {
        let mut stream = self.connect();
        stream
            .write_all(&request_head(body.len(), signature, Close))
            .unwrap();
        stream.write_all(body).unwrap();
        let reply = read_reply(&mut stream);
        (reply.status, reply.body)
    }

    /// `kill -TERM <pid>`.
    fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -TERM failed");
    }

    /// Waits for the process to exit, then for its log to be read to the end.
    fn wait(&mut self) -> (ExitStatus, Vec<String>) {
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "the example did not exit");
            std::thread::sleep(Duration::from_millis(20));
        };
        self.reader.take().unwrap().join().unwrap();
        (status, self.log.lock().unwrap().clone())
    }
}

impl Drop for Example {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn lease_created() -> serde_json::Value {
    serde_json::from_str(qlik_events::samples::json(&qlik_events::EventType::LeaseCreated).unwrap())
        .unwrap()
}

fn temp_path(name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("qlik-events-{}-{name}", std::process::id()));
    let _ = std::fs::remove_file(&path);
    path
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The delivery records of a log.
fn records(log: &[String]) -> Vec<&String> {
    log.iter()
        .filter(|line| line.contains("qlik_events::delivery:"))
        .collect()
}

#[test]
fn sigterm_answers_the_request_in_flight_and_exits_0() {
    let mut example = Example::start(None);
    let body = serde_json::to_vec(&lease_created()).unwrap();
    let mut in_flight = example.connect();
    in_flight
        .write_all(&expecting_continue(request_head(
            body.len(),
            Some(&sign(&body, SECRET)),
            Close,
        )))
        .unwrap();
    in_flight.write_all(&body[..body.len() / 2]).unwrap();
    // `100 Continue` comes once the handler reads the body: the request is
    // in flight (a sleep here would race a loaded machine).
    read_continue(&mut in_flight);

    example.terminate();
    std::thread::sleep(Duration::from_millis(200));
    in_flight.write_all(&body[body.len() / 2..]).unwrap();
    let status = read_reply(&mut in_flight).status;
    assert_eq!(status, 204);

    let (exit, log) = example.wait();
    assert!(exit.success(), "{exit:?}\n{}", log.join("\n"));
    assert_eq!(exit.code(), Some(0));
    let records = records(&log);
    assert_eq!(records.len(), 1, "{records:#?}");
    assert!(records[0].contains(r#"outcome="accepted" status=204"#));
    assert!(log.last().unwrap().contains("stopped"), "{log:#?}");
}

#[test]
fn signed_invalid_delivery_is_kept_byte_for_byte() {
    let dead_letter = temp_path("dead-letters.jsonl");
    let mut example = Example::start(Some(&dead_letter));

    // Invalid (a string quantity), with characters JSON must escape.
    let mut event = lease_created();
    event["id"] = "dl-1\n\t\"quoted\" \u{e9}\u{1F600}".into();
    event["data"]["leasedQuantity"] = "forty-two".into();
    let invalid = format!("  {}\r\n", serde_json::to_string_pretty(&event).unwrap());
    assert!(qlik_events::from_str(&invalid).is_err());
    let (status, body) = example.post(invalid.as_bytes(), Some(&sign(invalid.as_bytes(), SECRET)));
    assert_eq!((status, body.as_str()), (202, ""));

    // Not UTF-8: kept as hex.
    let bytes = b"{\"type\":\"com.example.v1.unknown.type\",\"id\":\"\xff\xfe\"}".to_vec();
    let (status, _) = example.post(&bytes, Some(&sign(&bytes, SECRET)));
    assert_eq!(status, 202);

    // Unsigned or valid deliveries are not kept.
    let (status, _) = example.post(invalid.as_bytes(), None);
    assert_eq!(status, 401);
    let valid = serde_json::to_vec(&lease_created()).unwrap();
    let (status, _) = example.post(&valid, Some(&sign(&valid, SECRET)));
    assert_eq!(status, 204);

    example.terminate();
    let (exit, log) = example.wait();
    assert!(exit.success());
    let outcomes: Vec<_> = records(&log)
        .iter()
        .map(|line| {
            line.split("outcome=")
                .nth(1)
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            r#""dead_lettered""#,
            r#""dead_lettered""#,
            r#""rejected""#,
            r#""accepted""#
        ]
    );

    let kept = std::fs::read_to_string(&dead_letter).unwrap();
    std::fs::remove_file(&dead_letter).unwrap();
    let lines: Vec<serde_json::Value> = kept
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{kept}");
    assert_eq!(lines[0]["body"].as_str(), Some(invalid.as_str()));
    assert_eq!(lines[0]["body_encoding"], "utf-8");
    assert_eq!(lines[0]["path"], "data.leasedQuantity");
    assert_eq!(lines[0]["event_type"], "com.qlik.v1.license.lease.created");
    // What was read of the envelope before the error.
    assert_eq!(lines[0]["id"], event["id"]);
    assert_eq!(lines[0]["tenant_id"], event["tenantid"]);
    assert!(lines[0]["tenant_id"].is_string(), "{}", lines[0]);
    assert!(
        lines[0]["error"]
            .as_str()
            .unwrap()
            .contains("data.leasedQuantity"),
        "{}",
        lines[0]
    );
    assert!(lines[0]["received_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(lines[0]["signature_verified"], true);
    assert_eq!(lines[1]["body"].as_str(), Some(to_hex(&bytes).as_str()));
    assert_eq!(lines[1]["body_encoding"], "hex");
}

#[test]
fn without_a_dead_letter_file_signed_invalid_delivery_is_400() {
    let mut example = Example::start(None);
    let body = br#"{"type":"com.qlik.v1.license.lease.created","data":{}}"#;
    let (status, text) = example.post(body, Some(&sign(body, SECRET)));
    assert_eq!(status, 400);
    assert!(text.starts_with("invalid Qlik event: "), "{text}");
    example.terminate();
    let (exit, log) = example.wait();
    assert!(exit.success());
    let records = records(&log);
    assert_eq!(records.len(), 1);
    assert!(
        records[0].contains(r#"outcome="rejected" status=400"#),
        "{}",
        records[0]
    );
}

#[test]
fn control_characters_in_an_id_do_not_forge_log_records() {
    let mut example = Example::start(None);
    let forged = "2026-12-07T00:00:00.000000Z  INFO qlik_events::delivery: delivery \
                  outcome=\"accepted\" id=\"forged\"";
    let mut event = lease_created();
    event["id"] = format!("e1\n{forged}\r\u{1b}[2K").into();
    event["tenantid"] = "t1\nnext".into();
    event["data"]["resource"] = "BODY-MARKER-NOT-FOR-LOGS".into();
    let body = serde_json::to_vec(&event).unwrap();
    let (status, _) = example.post(&body, Some(&sign(&body, SECRET)));
    assert_eq!(status, 204);
    // A rejected delivery gets its record too.
    let (status, _) = example.post(&body, None);
    assert_eq!(status, 401);

    example.terminate();
    let (exit, log) = example.wait();
    assert!(exit.success());
    let text = log.join("\n");
    // Every line is a record of its own, starting with its timestamp.
    for line in &log {
        assert!(
            line.len() > 20 && line.as_bytes()[4] == b'-' && line.as_bytes()[10] == b'T',
            "a line that is not a record: {line:?}"
        );
        assert!(!line.contains(['\r', '\u{1b}']), "{line:?}");
    }
    let records = records(&log);
    assert_eq!(records.len(), 2, "{records:#?}");
    assert!(
        records[0].contains(r#"outcome="accepted""#),
        "{}",
        records[0]
    );
    assert!(
        records[0].contains(r#"id="e1\n2026-12-07T00:00:00.000000Z"#),
        "{}",
        records[0]
    );
    assert!(
        records[0].contains(r#"tenant_id="t1\nnext""#),
        "{}",
        records[0]
    );
    assert!(records[0].contains(r#"event_type="com.qlik.v1.license.lease.created""#));
    assert!(
        records[1].contains(r#"outcome="rejected" status=401"#),
        "{}",
        records[1]
    );
    // Never the body or the secret.
    assert!(!text.contains("BODY-MARKER-NOT-FOR-LOGS"), "{text}");
    assert!(!text.contains(SECRET), "{text}");
}
