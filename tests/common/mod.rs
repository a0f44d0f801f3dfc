//! Helpers shared by the integration tests (`mod common;` in each; the
//! workspace's other test packages reach it with `#[path]`). Each test
//! binary uses a subset, hence `dead_code`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use qlik_events::{EventType, QlikEvent};

/// The member `key` of `extra` as a JSON value.
pub fn xval(extra: &qlik_events::Extra, key: &str) -> serde_json::Value {
    extra
        .get_as(key)
        .expect("member present")
        .expect("member is JSON")
}

/// The crate's `tests/fixtures`, from this package or a sibling of the
/// workspace (`heavy-tests/`, `interop/`).
pub fn fixtures_dir() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let own = here.join("tests/fixtures");
    if own.join("audit").is_dir() {
        own
    } else {
        here.join("../tests/fixtures")
    }
}

/// The published example of `event_type`, `tests/fixtures/<type>.json`.
pub fn fixture_bytes(event_type: &str) -> Vec<u8> {
    let path = fixtures_dir().join(format!("{event_type}.json"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// [`fixture_bytes`] as text.
pub fn fixture_text(event_type: &str) -> String {
    String::from_utf8(fixture_bytes(event_type)).unwrap()
}

/// Every `*.json` file of `tests/fixtures` (not its subfolders), sorted by
/// file name, with its file stem. Checked against the registry: one file per
/// [`EventType::KNOWN`], named after its wire type.
pub fn fixture_files() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_str().unwrap().to_owned();
            (stem, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    let mut names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let mut known: Vec<&str> = EventType::KNOWN.iter().map(EventType::as_str).collect();
    names.sort_unstable();
    known.sort_unstable();
    assert_eq!(names, known, "tests/fixtures holds one file per known type");
    files
}

/// [`fixture_files`], parsed.
pub fn fixture_events() -> Vec<(String, QlikEvent)> {
    fixture_files()
        .into_iter()
        .map(|(name, body)| {
            let event = qlik_events::from_slice(&body)
                .unwrap_or_else(|e| panic!("tests/fixtures/{name}.json: {e}"));
            (name, event)
        })
        .collect()
}

/// The published text of every known type, in the order of
/// [`EventType::KNOWN`]: the fixture named after each row of the registry.
pub fn published() -> Vec<(EventType, String)> {
    EventType::KNOWN
        .iter()
        .map(|ty| (ty.clone(), fixture_text(ty.as_str())))
        .collect()
}

pub mod audit_items;
pub mod registry;
pub mod schema_paths;
