//! Tests only (`tests/`): `qlik-events` values stored in serde formats
//! other than JSON (CBOR, MessagePack named and compact, BSON, YAML) and in
//! `serde_json::Value`, read back equal and checked as JSON input is.
//!
//! A package of its own so that these formats are not dev-dependencies of
//! the root crate.
