//! The `inspect` example, run as a program.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

const FIXTURES: [&str; 10] = [
    "com.qlik.license.assignment.deleted",
    "com.qlik.license.assignment.rejected",
    "com.qlik.license.assignment.updated",
    "com.qlik.license.data.volume.consumption.aggregated",
    "com.qlik.license.definition.updated",
    "com.qlik.v1.app-usage.quota.consumed",
    "com.qlik.v1.license.lease.created",
    "com.qlik.v1.license.lease.deleted",
    "com.qlik.v1.license.lease.updated",
    "com.qlik.v1.license.tenant.associated",
];

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
    FIXTURES
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
         unknown com.qlik.v1.licenses.purged u-1\n\
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
    assert_eq!(lines.len(), 10);
    for (line, ty) in lines.iter().zip(FIXTURES) {
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
         invalid tests/data/array.json:2: com.qlik.license.assignment.updated: data.type: \
         missing field `type` at line 27 column 5\n\
         ok com.qlik.license.definition.updated string\n"
    );
}

#[test]
fn unknown_type_is_not_invalid() {
    let output = inspect(&["tests/data/unknown.json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "unknown com.qlik.v1.licenses.purged u-2\n");
    // Unknown events are never printed as JSON.
    let output = inspect(&["--json", "tests/data/unknown.json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "unknown com.qlik.v1.licenses.purged u-2\n");
}

#[test]
fn json_output_reparses_to_the_same_events() {
    let paths = fixture_paths();
    let mut args: Vec<&str> = vec!["--json"];
    args.extend(paths.iter().map(String::as_str));
    let output = inspect(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines: Vec<&str> = stdout(&output).lines().collect();
    assert_eq!(lines.len(), 10);
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
            "unknown com.qlik.v1.licenses.purged u-2\n{}",
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
    assert_eq!(stdout(&output), "unknown com.qlik.v1.licenses.purged u-2\n");
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
    stdin.write_all(input.as_bytes()).unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "");
}
