//! The benchmarks' streams (`benchmarks/benches/common`): every type of the
//! registry in turn, every event readable as its type, and every field of
//! each type's schema generated somewhere in the stream.

#[path = "../../benchmarks/benches/common/mod.rs"]
mod common;

use std::collections::{BTreeMap, BTreeSet};

use qlik_events::EventType;
use qlik_events::schema::{Field, Shape};
use serde_json::Value;

/// The names of every field of `fields`, nested ones as `a.b` (array items
/// as `a[].b`).
fn field_paths(prefix: &str, fields: &[Field], out: &mut BTreeSet<String>) {
    for field in fields {
        let mut path = format!("{prefix}{}", field.name);
        out.insert(path.clone());
        let mut shape = field.shape;
        loop {
            match shape {
                Shape::Array(item) => {
                    path.push_str("[]");
                    shape = *item;
                }
                Shape::Nullable(inner) => shape = *inner,
                _ => break,
            }
        }
        if let Shape::Object(nested) = shape {
            field_paths(&format!("{path}."), nested, out);
        }
    }
}

/// The same names, as present in a value.
fn value_paths(prefix: &str, value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(object) => {
            for (key, v) in object {
                let path = format!("{prefix}{key}");
                out.insert(path.clone());
                value_paths(&format!("{path}."), v, out);
            }
        }
        Value::Array(items) => {
            let prefix = format!("{}[].", prefix.trim_end_matches('.'));
            for item in items {
                value_paths(&prefix, item, out);
            }
        }
        _ => {}
    }
}

/// Checks a stream; returns its average event size.
fn check(name: &str, events: &[Vec<u8>]) -> f64 {
    let mut seen: BTreeMap<EventType, BTreeSet<String>> = BTreeMap::new();
    for (i, bytes) in events.iter().enumerate() {
        let event = qlik_events::from_slice(bytes)
            .unwrap_or_else(|e| panic!("{name}[{i}]: {e}\n{}", String::from_utf8_lossy(bytes)));
        let ty = event.event_type();
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
