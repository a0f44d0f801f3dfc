//! The `inspect` example, run as a program.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

#[cfg(feature = "audit")]
use common::xval;
use qlik_events::EventType;

/// The published examples' types, in the order of their file names (the
/// order of `tests/fixtures/*.json`).
fn fixture_types() -> Vec<&'static str> {
    let mut types: Vec<&str> = EventType::KNOWN.iter().map(EventType::as_str).collect();
    types.sort_unstable();
    types
}

const MIXED: &str = "tests/data/mixed.ndjson";

/// The package's features enabled for this test, so that building the
/// example reuses the library this test was built with. Keep in step with
/// `[features]` in Cargo.toml (a feature missing here only costs a rebuild).
fn features() -> String {
    let mut features = Vec::new();
    if cfg!(feature = "builder") {
        features.push("builder");
    }
    if cfg!(feature = "cloudevents") {
        features.push("cloudevents");
    }
    if cfg!(feature = "webhook") {
        features.push("webhook");
    }
    if cfg!(feature = "http") {
        features.push("http");
    }
    if cfg!(feature = "axum") {
        features.push("axum");
    }
    if cfg!(feature = "audit") {
        features.push("audit");
    }
    features.join(",")
}

/// Builds the example with `cargo build` (a no-op when it is up to date;
/// `cargo test --test inspect` alone does not build examples, so a binary
/// found on disk may be stale) and returns its path from cargo's messages.
fn build() -> Option<PathBuf> {
    let output = Command::new(env!("CARGO"))
        .args([
            "build",
            "--example",
            "inspect",
            "--message-format=json-render-diagnostics",
            "--no-default-features",
            "--features",
            &features(),
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stderr(Stdio::inherit())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "inspect")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
}

/// `target/<profile>/examples/inspect`, next to this test's
/// `target/<profile>/deps/inspect-<hash>`.
fn locate() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let profile_dir = exe.parent()?.parent()?;
    let bin = profile_dir
        .join("examples")
        .join(format!("inspect{}", std::env::consts::EXE_SUFFIX));
    bin.is_file().then_some(bin)
}

fn inspect_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        build()
            .or_else(locate)
            .expect("cannot build or find the inspect example")
    })
}

fn inspect(args: &[&str]) -> Output {
    inspect_with_stdin(args, None)
}

fn inspect_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(inspect_bin())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        pipe.write_all(bytes).unwrap();
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).unwrap()
}

fn stderr(output: &Output) -> &str {
    std::str::from_utf8(&output.stderr).unwrap()
}

fn fixture_paths() -> Vec<String> {
    fixture_types()
        .iter()
        .map(|ty| format!("tests/fixtures/{ty}.json"))
        .collect()
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// What `inspect tests/data/mixed.ndjson` prints, for a file named `name`.
fn mixed_report(name: &str) -> String {
    format!(
        "ok com.qlik.v1.license.lease.created string\n\
         invalid {name}:2: com.qlik.v1.license.lease.deleted: data.size: invalid type: \
         string \"4\", expected i64 at line 3 column 86\n\
         ok com.qlik.v1.app-usage.quota.consumed id123\n\
         invalid {name}:4: expected ident at line 6 column 2\n\
         unknown com.example.v1.unknown.type u-1\n\
         ok com.qlik.v1.license.tenant.associated string\n"
    )
}

#[test]
fn all_fixtures_are_ok() {
    let paths = fixture_paths();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let output = inspect(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let lines: Vec<&str> = stdout(&output).lines().collect();
    assert_eq!(lines.len(), EventType::KNOWN.len());
    for (line, ty) in lines.iter().zip(fixture_types()) {
        let id = if ty.contains("app-usage") {
            "id123"
        } else {
            "string"
        };
        assert_eq!(*line, format!("ok {ty} {id}"));
    }
}

#[test]
fn invalid_events_are_listed_with_file_and_number() {
    let output = inspect(&[MIXED]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "");
    assert_eq!(stdout(&output), mixed_report(MIXED));
}

#[test]
fn array_file() {
    let output = inspect(&["tests/data/array.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "ok com.qlik.license.assignment.deleted string\n\
         invalid tests/data/array.json:2: com.qlik.license.assignment.updated: data.origin: \
         missing field `origin` at line 27 column 5\n\
         ok com.qlik.license.definition.updated string\n"
    );
}

#[test]
fn unknown_type_is_not_invalid() {
    let output = inspect(&["tests/data/unknown.json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "unknown com.example.v1.unknown.type u-2\n");
    // Unknown events are never printed as JSON.
    let output = inspect(&["--json", "tests/data/unknown.json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "unknown com.example.v1.unknown.type u-2\n");
}

#[test]
fn json_output_reparses_to_the_same_events() {
    let paths = fixture_paths();
    let mut args: Vec<&str> = vec!["--json"];
    args.extend(paths.iter().map(String::as_str));
    let output = inspect(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines: Vec<&str> = stdout(&output).lines().collect();
    assert_eq!(lines.len(), EventType::KNOWN.len());
    for (line, path) in lines.iter().zip(&paths) {
        let expected = qlik_events::from_slice(&read(path)).unwrap();
        let reparsed = qlik_events::from_str(line).unwrap();
        assert_eq!(reparsed, expected, "{path}");
        // Compact, as the crate writes it.
        assert_eq!(*line, serde_json::to_string(&expected).unwrap());
    }

    // Invalid and unknown events keep their lines.
    let output = inspect(&["--json", MIXED]);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<&str> = stdout(&output).lines().collect();
    assert_eq!(lines.len(), 6);
    let expected = mixed_report(MIXED);
    let expected: Vec<&str> = expected.lines().collect();
    for (i, (line, expected)) in lines.iter().zip(expected).enumerate() {
        if let Some(id) = expected.strip_prefix("ok ") {
            let event = qlik_events::from_str(line).unwrap();
            assert_eq!(
                format!("{} {}", event.event_type(), event.id().unwrap()),
                id
            );
        } else {
            assert_eq!(*line, expected, "line {}", i + 1);
        }
    }
}

#[test]
fn reads_standard_input() {
    let input = read(MIXED);
    for args in [&[][..], &["-"]] {
        let output = inspect_with_stdin(args, Some(&input));
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(stdout(&output), mixed_report("-"), "{args:?}");
    }
    let output = inspect_with_stdin(&["--json", "-"], Some(&read("tests/data/array.json")));
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<&str> = stdout(&output).lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with("invalid -:2: com.qlik.license.assignment.updated: "));
    let first = qlik_events::from_str(lines[0]).unwrap();
    assert_eq!(
        first,
        qlik_events::from_slice(&read(
            "tests/fixtures/com.qlik.license.assignment.deleted.json"
        ))
        .unwrap()
    );
}

#[test]
fn empty_input_prints_nothing() {
    let output = inspect_with_stdin(&[], Some(b""));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");
    assert_eq!(stderr(&output), "");
}

#[test]
fn missing_file_is_reported_and_the_others_read() {
    let output = inspect(&[
        "tests/data/no-such-file.json",
        "tests/data/unknown.json",
        MIXED,
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.starts_with("error: tests/data/no-such-file.json: "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(
        stdout(&output),
        format!(
            "unknown com.example.v1.unknown.type u-2\n{}",
            mixed_report(MIXED)
        )
    );
}

#[test]
fn bad_flag_is_a_usage_error() {
    let output = inspect(&["--bogus", MIXED]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).starts_with("error: unknown option `--bogus`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn help() {
    for flag in ["--help", "-h"] {
        let output = inspect(&[flag, "--bogus"]);
        assert_eq!(output.status.code(), Some(0));
        assert_eq!(stderr(&output), "");
        let help = stdout(&output);
        assert!(
            help.starts_with("Usage: inspect [--json] [FILE|-]...\n"),
            "{help}"
        );
        assert!(help.contains("unknown <type> <id>"), "{help}");
    }
}

#[test]
fn double_dash_ends_options() {
    let output = inspect(&["--", "tests/data/unknown.json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "unknown com.example.v1.unknown.type u-2\n");
    let output = inspect(&["--", "--json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: --json: "));
}

#[cfg(unix)]
#[test]
fn closed_standard_output_stops_quietly() {
    let line = read("tests/data/unknown.json");
    let line: serde_json::Value = serde_json::from_slice(&line).unwrap();
    let line = format!("{line}\n");
    let input = line.repeat(20_000);
    let mut child = Command::new(inspect_bin())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the program writes anything.
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    // NDJSON is read as a stream: the program may stop, and close its
    // input, before all of it is written.
    if let Err(err) = stdin.write_all(input.as_bytes()) {
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "");
}

// ---------------------------------------------------------------------------
// Every shape, detected by itself.

const CRLF: &str = "tests/data/crlf.ndjson";

/// What `inspect tests/data/crlf.ndjson` prints, for a file named `name`.
fn crlf_report(name: &str) -> String {
    format!(
        "ok com.qlik.license.assignment.deleted string\n\
         invalid {name}:2: com.qlik.v1.license.lease.created: data.leasedQuantity: invalid type: \
         string \"x\", expected i64 at line 3 column 85\n\
         ok com.qlik.v1.app-usage.quota.consumed id123\n\
         unknown com.example.v1.unknown.type u-3\n\
         invalid {name}:5: invalid type: sequence, expected a Qlik event object at line 7 column 0\n\
         ok com.qlik.license.definition.updated string\n"
    )
}

#[test]
fn crlf_ndjson_from_a_file_and_from_standard_input() {
    let output = inspect(&[CRLF]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "");
    assert_eq!(stdout(&output), crlf_report(CRLF));

    let output = inspect_with_stdin(&["-"], Some(&read(CRLF)));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "");
    assert_eq!(stdout(&output), crlf_report("-"));
}

/// Standard input reads like the same bytes in a file, whatever their shape.
#[test]
fn standard_input_reads_like_a_file() {
    let lease = read("tests/fixtures/com.qlik.v1.license.lease.created.json");
    let compact_lease = {
        let value: serde_json::Value = serde_json::from_slice(&lease).unwrap();
        serde_json::to_string(&value).unwrap()
    };
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        // One pretty-printed event.
        ("pretty", lease.clone()),
        // One event on one line, with or without blank lines around it.
        ("one line", compact_lease.clone().into_bytes()),
        (
            "one line, blank lines",
            format!("\n\r\n{compact_lease}\n\n \n").into_bytes(),
        ),
        // A batch on one line, and spread over lines.
        (
            "batch on one line",
            format!("[{compact_lease},{{\"type\":\"x\",\"id\":\"2\"}}]\n{{}}").into_bytes(),
        ),
        ("batch", read("tests/data/array.json")),
        // NDJSON whose second line is bad.
        (
            "ndjson",
            format!("{compact_lease}\nnot json\n\n{compact_lease}").into_bytes(),
        ),
        // Garbage first: one error for the whole input, as for a file.
        ("garbage", b"garbage\n{\"type\":\"x\"}\n".to_vec()),
        // A first value that is not an object.
        ("number", b"42\n{\"type\":\"x\"}\n".to_vec()),
        ("legacy", read("tests/data/legacy.json")),
        ("unknown", read("tests/data/unknown.json")),
    ];
    let dir = std::env::temp_dir().join(format!("qlik-events-inspect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (what, bytes) in &inputs {
        let path = dir.join("input");
        std::fs::write(&path, bytes).unwrap();
        let path = path.to_str().unwrap();
        let from_file = inspect(&[path]);
        let from_stdin = inspect_with_stdin(&[], Some(bytes));
        assert_eq!(from_stdin.status.code(), from_file.status.code(), "{what}");
        assert_eq!(
            stdout(&from_stdin),
            stdout(&from_file).replace(path, "-"),
            "{what}"
        );
        assert!(!stdout(&from_file).is_empty(), "{what}");
    }
    std::fs::remove_dir_all(&dir).unwrap();

    let output = inspect_with_stdin(&[], Some(b"42\n{\"type\":\"x\"}\n"));
    assert_eq!(
        stdout(&output),
        "invalid -:1: invalid type: integer `42`, expected a Qlik event object at line 1 column 2\n\
         unknown x -\n"
    );
    let output = inspect_with_stdin(&[], Some(&inputs[3].1));
    assert_eq!(
        stdout(&output),
        "invalid -:1: trailing characters at line 2 column 1\n"
    );
}

#[test]
fn compact_batch_through_standard_input() {
    let events: Vec<serde_json::Value> = fixture_paths()
        .iter()
        .map(|path| serde_json::from_slice(&read(path)).unwrap())
        .collect();
    let batch = serde_json::to_vec(&events).unwrap();
    let output = inspect_with_stdin(&[], Some(&batch));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines: Vec<&str> = stdout(&output).lines().collect();
    assert_eq!(lines.len(), EventType::KNOWN.len());
    for (line, ty) in lines.iter().zip(fixture_types()) {
        assert!(line.starts_with(&format!("ok {ty} ")), "{line}");
    }
}

/// NDJSON on standard input is printed as it comes: each event shows up
/// before the input ends.
#[test]
fn ndjson_on_standard_input_is_streamed() {
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;
    use std::time::Duration;

    let mut child = Command::new(inspect_bin())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (lines_tx, lines) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines_tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let next = |what: &str| {
        lines
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no output for {what} while the input is open"))
    };

    // The first line is printed once the second tells the input is NDJSON.
    stdin
        .write_all(b"{\"type\":\"x\",\"id\":\"1\"}\n{\"type\":\"x\",\"id\":\"2\"}\n")
        .unwrap();
    stdin.flush().unwrap();
    assert_eq!(next("line 1"), "unknown x 1");
    assert_eq!(next("line 2"), "unknown x 2");
    // Then each line as it comes, bad ones too, in pieces or with CRLF.
    stdin.write_all(b"\r\n{\"type\":\"com.qlik.v1.lic").unwrap();
    stdin.flush().unwrap();
    stdin
        .write_all(b"ense.lease.deleted\",\"id\":\"3\"}\r\n")
        .unwrap();
    stdin.flush().unwrap();
    assert_eq!(
        next("line 4"),
        "invalid -:3: com.qlik.v1.license.lease.deleted: data: missing field `data` \
         at line 4 column 53"
    );
    for i in 5..50 {
        stdin
            .write_all(format!("{{\"type\":\"y\",\"id\":\"{i}\"}}\n").as_bytes())
            .unwrap();
        stdin.flush().unwrap();
        assert_eq!(next("a later line"), format!("unknown y {i}"));
    }
    drop(stdin);
    reader.join().unwrap();
    assert!(lines.try_recv().is_err());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn legacy_envelope() {
    let output = inspect(&["tests/data/legacy.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "ok com.qlik.v1.license.lease.created legacy-1\n"
    );
    let output = inspect(&["--json", "tests/data/legacy.json"]);
    assert_eq!(output.status.code(), Some(0));
    let line = stdout(&output).trim_end();
    let event = qlik_events::from_str(line).unwrap();
    assert_eq!(
        event,
        qlik_events::from_slice(&read("tests/data/legacy.json")).unwrap()
    );
    assert_eq!(event.tenant_id(), Some("t-legacy"));
    assert_eq!(event.user_id(), Some("u-legacy"));
    assert_eq!(event.session_id(), Some("s-legacy"));
    assert_eq!(
        event.time().map(|t| t.to_rfc3339()),
        Some("2018-10-30T07:06:22+00:00".to_owned())
    );
    // Written in the CloudEvents 1.0 shape.
    let value: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(value["id"], "legacy-1");
    assert_eq!(value["type"], "com.qlik.v1.license.lease.created");
    assert_eq!(value["tenantid"], "t-legacy");
    assert_eq!(value["data"]["license"], "1234123412341234");
    assert!(value.get("eventId").is_none());

    // Hybrids and legacy lines in an NDJSON stream.
    let input = b"{\"eventId\":\"h-1\",\"type\":\"com.example.v1.unknown.type\",\"specversion\":\"1.0\"}\n\
                  {\"eventId\":\"h-2\",\"eventType\":\"com.example.v1.unknown.type\",\"extensions\":{\"tenantId\":\"t\"}}\n";
    let output = inspect_with_stdin(&[], Some(input));
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        "unknown com.example.v1.unknown.type h-1\nunknown com.example.v1.unknown.type h-2\n"
    );
}

#[test]
fn help_lists_every_shape() {
    let output = inspect(&["--help"]);
    let help = stdout(&output);
    for shape in [
        "older webhook envelope",
        "application/cloudevents-batch+json",
        "NDJSON",
        "Audits API list page or archive",
        "as a stream",
    ] {
        assert!(help.contains(shape), "{shape}: {help}");
    }
}

// ---------------------------------------------------------------------------
// Audits API responses.

#[cfg(feature = "audit")]
mod audit {
    use super::*;

    /// What `inspect` prints for an Audits API listing: one line per item,
    /// `ok` for the known types and `unknown` for the rest, with the item's
    /// `eventId` (read with serde_json, by the item's `eventType`).
    fn listing_report(path: &str) -> String {
        let listing: serde_json::Value = serde_json::from_slice(&read(path)).unwrap();
        let mut expected = String::new();
        for item in listing["data"].as_array().unwrap() {
            let ty = item["eventType"].as_str().unwrap();
            let id = item["eventId"].as_str().unwrap();
            let status = if EventType::from(ty).is_known() {
                "ok"
            } else {
                "unknown"
            };
            expected.push_str(&format!("{status} {ty} {id}\n"));
        }
        // Known types (one item each at most: a new type needs none), and
        // the unknown one.
        let lines = expected.lines();
        let mut known = 0;
        for ty in EventType::KNOWN {
            let line = format!("ok {ty} ");
            let items = lines.clone().filter(|l| l.starts_with(&line)).count();
            assert!(items <= 1, "{ty}");
            known += items;
        }
        assert_eq!(known + 1, lines.count());
        assert!(expected.contains("unknown com.example.v1.unknown.type purge-1\n"));
        expected
    }

    #[test]
    fn list_page_and_archive() {
        for path in [
            "tests/fixtures/audit/page.json",
            "tests/fixtures/audit/archive.json",
        ] {
            let output = inspect(&[path]);
            assert_eq!(output.status.code(), Some(0), "{path}: {}", stdout(&output));
            assert_eq!(stderr(&output), "");
            assert_eq!(stdout(&output), listing_report(path), "{path}");

            let output = inspect_with_stdin(&[], Some(&read(path)));
            assert_eq!(output.status.code(), Some(0));
            assert_eq!(stdout(&output), listing_report(path), "{path} on stdin");
        }
    }

    #[test]
    fn list_page_as_json() {
        let path = "tests/fixtures/audit/page.json";
        let output = inspect(&["--json", path]);
        assert_eq!(output.status.code(), Some(0));
        let lines: Vec<&str> = stdout(&output).lines().collect();
        let page = qlik_events::audit::AuditPage::from_slice(&read(path)).unwrap();
        assert_eq!(lines.len(), page.data.len());
        for (line, item) in lines.iter().zip(&page.data) {
            let ty = item.event_type.clone().unwrap();
            if !ty.is_known() {
                assert_eq!(*line, "unknown com.example.v1.unknown.type purge-1");
                continue;
            }
            let event = qlik_events::from_str(line).unwrap();
            assert_eq!(event, item.to_event().unwrap());
            assert_eq!(event.event_type(), ty);
            let audit_id = xval(event.envelope().extensions(), "auditId").clone();
            assert_eq!(audit_id, serde_json::json!(item.id.clone().unwrap()));
        }
        let unknown = page
            .data
            .iter()
            .filter(|i| !i.event_type.as_ref().unwrap().is_known());
        assert_eq!(unknown.count(), 1);
    }

    #[test]
    fn single_item() {
        let output = inspect(&["tests/fixtures/audit/item.json"]);
        assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
        assert_eq!(
            stdout(&output),
            "ok com.qlik.v1.license.lease.created string\n"
        );
    }

    #[test]
    fn invalid_items_are_listed_and_the_others_read() {
        let path = "tests/data/audit-bad.json";
        let expected = |name: &str| {
            format!(
                "unknown com.example.v1.unknown.type e-1\n\
                 invalid {name}:2: com.qlik.v1.license.lease.deleted: data[1].data.size: \
                 invalid type: string \"4\", expected i64 at line 4 column 137\n\
                 invalid {name}:3: eventType: missing field `eventType`\n\
                 invalid {name}:4: com.qlik.license.definition.updated: tenantId: \
                 missing field `tenantId`\n\
                 ok com.qlik.v1.app-usage.quota.consumed -\n"
            )
        };
        let output = inspect(&[path]);
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(stdout(&output), expected(path));
        let output = inspect_with_stdin(&["-"], Some(&read(path)));
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(stdout(&output), expected("-"));

        // A page that is itself malformed is one error.
        let output = inspect_with_stdin(
            &[],
            Some(b"{\"data\": [{\"eventType\": \"x\"}], \"links\": 7}"),
        );
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(
            stdout(&output),
            "invalid -:1: links: invalid type: integer `7`, expected a PageLinks object \
             at line 1 column 41\n"
        );
    }

    #[test]
    fn event_with_array_data_is_not_a_page() {
        let input = b"{\"type\": \"com.example.v1.unknown.type\", \"id\": \"p\", \"data\": [1]}";
        let output = inspect_with_stdin(&[], Some(input));
        assert_eq!(output.status.code(), Some(0));
        assert_eq!(stdout(&output), "unknown com.example.v1.unknown.type p\n");
    }
}

#[cfg(unix)]
#[test]
fn unreadable_standard_input_is_an_io_error() {
    // Reading a directory fails.
    let output = Command::new(inspect_bin())
        .args([MIXED, "-", "tests/data/unknown.json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::fs::File::open(env!("CARGO_MANIFEST_DIR")).unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("error: -: "),
        "{}",
        stderr(&output)
    );
    assert_eq!(stderr(&output).lines().count(), 1);
    assert_eq!(
        stdout(&output),
        format!(
            "{}unknown com.example.v1.unknown.type u-2\n",
            mixed_report(MIXED)
        )
    );
}

/// A long NDJSON stream on standard input does not pile up in memory: the
/// program's peak resident size, taken while its input is still open,
/// stays far below the size of what it read.
#[cfg(target_os = "linux")]
#[test]
fn long_ndjson_stream_uses_bounded_memory() {
    use std::io::Read;

    let padding = "p".repeat(10_000);
    let lines = 8_000; // 80 MB
    let mut child = Command::new(inspect_bin())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        stdout.read_to_string(&mut out).unwrap();
        out
    });
    let mut stdin = child.stdin.take().unwrap();
    for i in 0..lines {
        let line = format!(
            "{{\"type\":\"com.example.v1.unknown.type\",\"id\":\"{i}\",\"data\":{{\"pad\":\"{padding}\"}}}}\n"
        );
        stdin.write_all(line.as_bytes()).unwrap();
    }
    stdin.flush().unwrap();
    // Let the program catch up with its input, then read its peak.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    let peak_kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    drop(stdin);
    let out = reader.join().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    assert_eq!(out.lines().count(), lines);
    assert_eq!(
        out.lines().last(),
        Some(format!("unknown com.example.v1.unknown.type {}", lines - 1).as_str())
    );
    // 80 MB went through; the program never held more than a few lines.
    assert!(peak_kib < 40 * 1024, "peak resident size {peak_kib} KiB");
}

/// `cat tests/fixtures/*.json | inspect`: pretty-printed events one after
/// another are read as such (issue 11), not line by line.
#[test]
fn concatenated_events_on_standard_input() {
    let mut input = Vec::new();
    for ty in fixture_types() {
        input.extend(read(&format!("tests/fixtures/{ty}.json")));
    }
    let output = inspect_with_stdin(&[], Some(&input));
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let lines: Vec<&str> = stdout(&output).lines().collect();
    assert_eq!(lines.len(), EventType::KNOWN.len());
    for (line, ty) in lines.iter().zip(fixture_types()) {
        assert!(line.starts_with(&format!("ok {ty} ")), "{line}");
    }

    // A bad event among them is one line, positioned in the whole input,
    // and the others are still read.
    let bad = b"{\n  \"type\": \"com.qlik.v1.license.lease.deleted\",\n  \"id\": \"b\"\n}\n";
    let mut input = read("tests/fixtures/com.qlik.v1.license.lease.created.json");
    let lines_before = input.iter().filter(|&&b| b == b'\n').count();
    input.extend_from_slice(bad);
    input.extend(read(
        "tests/fixtures/com.qlik.v1.license.lease.created.json",
    ));
    let output = inspect_with_stdin(&[], Some(&input));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        format!(
            "ok com.qlik.v1.license.lease.created string\n\
             invalid -:2: com.qlik.v1.license.lease.deleted: data: missing field `data` \
             at line {} column 1\n\
             ok com.qlik.v1.license.lease.created string\n",
            lines_before + 4
        )
    );
}
