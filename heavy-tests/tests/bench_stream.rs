//! The benchmarks' streams (`benchmarks/benches/common`): every type of the
//! registry in turn, every event readable as its type (by the crate and by
//! the serde-derive model they are compared with), and every field of each
//! type's schema generated somewhere in the stream.

#[path = "../../benchmarks/benches/common/mod.rs"]
mod common;
#[path = "../../benchmarks/benches/derive/mod.rs"]
mod derive;
#[path = "../../tests/common/schema_paths.rs"]
mod schema_paths;

use std::collections::{BTreeMap, BTreeSet};

use qlik_events::EventType;
use schema_paths::{field_paths, value_paths};
use serde_json::Value;

/// Checks a stream; returns its average event size.
fn check(name: &str, events: &[Vec<u8>]) -> f64 {
    let mut seen: BTreeMap<EventType, BTreeSet<String>> = BTreeMap::new();
    for (i, bytes) in events.iter().enumerate() {
        let event = qlik_events::from_slice(bytes)
            .unwrap_or_else(|e| panic!("{name}[{i}]: {e}\n{}", String::from_utf8_lossy(bytes)));
        let ty = event.event_type();
        // The serde-derive model the benches compare with reads every
        // registry type as its own variant: a type it lacks would fall into
        // `Other` and make that baseline cheaper than what it stands for.
        let derived: derive::Event = serde_json::from_slice(bytes)
            .unwrap_or_else(|e| panic!("{name}[{i}]: the serde-derive model: {e}"));
        assert_eq!(
            matches!(derived, derive::Event::Other),
            !ty.is_known(),
            "{name}[{i}]: {ty}: add it to benchmarks/benches/derive/mod.rs"
        );
        if !ty.is_known() {
            assert_eq!(ty.as_str(), common::UNKNOWN_TYPE, "{name}[{i}]");
            continue;
        }
        // Round robin over the registry.
        assert_eq!(
            ty,
            EventType::KNOWN[i % EventType::KNOWN.len()],
            "{name}[{i}]"
        );
        let value: Value = serde_json::from_slice(bytes).unwrap();
        if let Some(data) = value.get("data") {
            value_paths("", data, seen.entry(ty).or_default());
        }
    }
    for ty in EventType::KNOWN {
        let mut expected = BTreeSet::new();
        field_paths("", ty.data_fields().unwrap(), &mut expected);
        let seen = seen.remove(ty).unwrap_or_default();
        let missing: Vec<_> = expected.difference(&seen).collect();
        assert!(
            missing.is_empty(),
            "{name}: {ty}: never generated: {missing:?}"
        );
    }
    let bytes: usize = events.iter().map(Vec::len).sum();
    bytes as f64 / events.len() as f64
}

#[test]
fn streams_cover_every_type_and_field() {
    let vendor = check("vendor", &common::vendor(4_000));
    let mixed = check("mixed", &common::mixed(4_000));
    println!("average event size: vendor {vendor:.1} bytes, mixed {mixed:.1} bytes");
}
