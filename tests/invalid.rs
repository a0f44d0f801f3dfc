//! Invalid inputs: each is rejected with the right kind, path, event type and
//! position.
//!
//! Most inputs are fixtures with one mutation, made on an order-preserving
//! JSON tree (so `type` still comes before `data`, as in the examples);
//! the rest are written by hand. The per-field rows (required fields
//! removed, `null`, other JSON types, values outside closed sets, bad
//! date-times) are derived from `qlik_events::schema`, which `tests/spec.rs`
//! pins to the vendor's pages.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fmt;

use common::fixture_text;
use qlik_events::app_usage::QuotaConsumedEvent;
use qlik_events::licenses::{LeaseCreatedEvent, TenantAssociatedEvent};
use qlik_events::schema::{Field, Presence, Shape};
use qlik_events::{Error, ErrorKind, EventType, QlikEvent};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

const AD: &str = "com.qlik.license.assignment.deleted";
const AR: &str = "com.qlik.license.assignment.rejected";
const AU: &str = "com.qlik.license.assignment.updated";
const DV: &str = "com.qlik.license.data.volume.consumption.aggregated";
const DU: &str = "com.qlik.license.definition.updated";
const LC: &str = "com.qlik.v1.license.lease.created";
const LD: &str = "com.qlik.v1.license.lease.deleted";
const LU: &str = "com.qlik.v1.license.lease.updated";
const TA: &str = "com.qlik.v1.license.tenant.associated";
const QC: &str = "com.qlik.v1.app-usage.quota.consumed";

// ---------------------------------------------------------------------------
// An order-preserving JSON tree for mutating fixtures.

/// JSON with object keys in input order; scalars (and inserted values) are
/// kept as their text, written verbatim.
#[derive(Clone, Debug)]
enum J {
    Obj(Vec<(String, J)>),
    Arr(Vec<J>),
    Raw(String),
}

impl<'de> Deserialize<'de> for J {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<J, D::Error> {
        d.deserialize_any(JVisitor)
    }
}

struct JVisitor;

impl<'de> Visitor<'de> for JVisitor {
    type Value = J;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<J, E> {
        Ok(J::Raw(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<J, E> {
        Ok(J::Raw(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<J, E> {
        Ok(J::Raw(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<J, E> {
        Ok(J::Raw(serde_json::Value::from(v).to_string()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<J, E> {
        Ok(J::Raw(serde_json::Value::from(v).to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<J, E> {
        Ok(J::Raw("null".to_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(J::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, J>()? {
            entries.push(entry);
        }
        Ok(J::Obj(entries))
    }
}

impl J {
    /// Pretty text, two-space indentation, `"key": value`.
    fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        let pad = |out: &mut String, d: usize| {
            out.push('\n');
            out.push_str(&"  ".repeat(d));
        };
        match self {
            J::Raw(text) => out.push_str(text),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    pad(out, depth + 1);
                    item.write(out, depth + 1);
                }
                if !items.is_empty() {
                    pad(out, depth);
                }
                out.push(']');
            }
            J::Obj(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    pad(out, depth + 1);
                    out.push_str(&serde_json::Value::from(key.as_str()).to_string());
                    out.push_str(": ");
                    value.write(out, depth + 1);
                }
                if !entries.is_empty() {
                    pad(out, depth);
                }
                out.push('}');
            }
        }
    }

    /// The value at JSON pointer `ptr`, if there is one.
    fn get(&self, ptr: &str) -> Option<&J> {
        let mut node = self;
        for segment in ptr.split('/').skip(1) {
            node = match node {
                J::Obj(entries) => &entries.iter().find(|(k, _)| k == segment)?.1,
                J::Arr(items) => items.get(segment.parse::<usize>().ok()?)?,
                J::Raw(_) => return None,
            };
        }
        Some(node)
    }

    fn child(&mut self, segment: &str) -> &mut J {
        match self {
            J::Obj(entries) => {
                &mut entries
                    .iter_mut()
                    .find(|(k, _)| k == segment)
                    .unwrap_or_else(|| panic!("no key {segment}"))
                    .1
            }
            J::Arr(items) => &mut items[segment.parse::<usize>().unwrap()],
            J::Raw(_) => panic!("no child {segment} in a scalar"),
        }
    }

    /// The parent of the value at JSON pointer `ptr`, and its last segment.
    fn parent<'a>(&mut self, ptr: &'a str) -> (&mut J, &'a str) {
        let (parent, last) = ptr.rsplit_once('/').expect("JSON pointer");
        let mut node = self;
        for segment in parent.split('/').skip(1) {
            node = node.child(segment);
        }
        (node, last)
    }

    /// Replaces the value at `ptr` with the JSON text `value`, appending the
    /// key when the object does not have it.
    fn set(&mut self, ptr: &str, value: &str) {
        let value = J::Raw(value.to_owned());
        match self.parent(ptr) {
            (J::Obj(entries), key) => match entries.iter_mut().find(|(k, _)| k == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key.to_owned(), value)),
            },
            (J::Arr(items), index) => items[index.parse::<usize>().unwrap()] = value,
            (J::Raw(_), _) => panic!("cannot set inside a scalar"),
        }
    }

    fn remove(&mut self, ptr: &str) {
        match self.parent(ptr) {
            (J::Obj(entries), key) => {
                let before = entries.len();
                entries.retain(|(k, _)| k != key);
                assert_eq!(entries.len(), before - 1, "no key {key} to remove");
            }
            (J::Arr(items), index) => {
                items.remove(index.parse::<usize>().unwrap());
            }
            (J::Raw(_), _) => panic!("cannot remove inside a scalar"),
        }
    }
}

fn fixture(event_type: &str) -> J {
    serde_json::from_str(&fixture_text(event_type)).unwrap()
}

/// The fixture with the value at `ptr` replaced by (or set to) `value`.
fn with(event_type: &str, ptr: &str, value: &str) -> String {
    let mut j = fixture(event_type);
    j.set(ptr, value);
    j.text()
}

/// The fixture without the value at `ptr`.
fn without(event_type: &str, ptr: &str) -> String {
    let mut j = fixture(event_type);
    j.remove(ptr);
    j.text()
}

/// The fixture with one more top-level entry at the end, even if the key
/// is already there.
fn with_appended(event_type: &str, key: &str, value: &str) -> String {
    let mut j = fixture(event_type);
    let J::Obj(entries) = &mut j else {
        panic!("not an object")
    };
    entries.push((key.to_owned(), J::Raw(value.to_owned())));
    j.text()
}

#[test]
fn the_tree_writes_fixtures_back_unchanged() {
    for ty in EventType::KNOWN.iter().map(EventType::as_str) {
        let text = fixture(ty).text();
        let a: serde_json::Value = serde_json::from_str(&text).unwrap();
        let b: serde_json::Value = serde_json::from_str(&fixture_text(ty)).unwrap();
        assert_eq!(a, b);
        // Key order kept: `type` before `data`.
        assert!(text.find("\"type\"").unwrap() < text.find("\"data\"").unwrap());
        assert!(qlik_events::from_str(&text).is_ok());
    }
}

// ---------------------------------------------------------------------------
// The table.

struct Row {
    desc: String,
    input: String,
    kind: ErrorKind,
    path: String,
    event_type: Option<String>,
    /// Also parse with `Event::<T>::from_str` for this type and expect the
    /// same kind, path and position (and this event type).
    typed: Option<&'static str>,
    /// The error position is just after the (unique) end of this text.
    at: Option<String>,
}

fn row(
    desc: impl Into<String>,
    input: impl Into<String>,
    kind: ErrorKind,
    path: &str,
    event_type: Option<&str>,
) -> Row {
    Row {
        desc: desc.into(),
        input: input.into(),
        kind,
        path: path.to_owned(),
        event_type: event_type.map(str::to_owned),
        typed: None,
        at: None,
    }
}

impl Row {
    fn typed(mut self, ty: &'static str) -> Self {
        self.typed = Some(ty);
        self
    }
    fn at(mut self, needle: &str) -> Self {
        self.at = Some(needle.to_owned());
        self
    }
}

/// Line and column (1-based line; column = bytes of the line up to and
/// including the last byte of `needle`) just after the one occurrence of
/// `needle` in `input`.
fn position_after(input: &str, needle: &str) -> (usize, usize) {
    let start = input
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in input"));
    assert_eq!(
        input.rfind(needle),
        Some(start),
        "{needle:?} is not unique in the input"
    );
    let end = start + needle.len();
    let before = &input[..end];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, end - line_start)
}

/// The per-type parse of the known type `ty` (`Event::<T>::from_str`).
fn parse_typed(ty: &str, input: &str) -> Result<(), Error> {
    common::registry::parse_typed(&EventType::from(ty), input)
}

/// Checks one row; returns the mismatches found.
fn check(r: &Row) -> Vec<String> {
    let mut bad = Vec::new();
    let mut expect = |ok: bool, what: String| {
        if !ok {
            bad.push(format!("[{}] {what}", r.desc));
        }
    };
    let err = match qlik_events::from_str(&r.input) {
        Ok(event) => {
            expect(false, format!("parsed: {event:?}"));
            return bad;
        }
        Err(err) => err,
    };
    expect(
        err.kind() == r.kind,
        format!("kind {:?} != {:?} ({err})", err.kind(), r.kind),
    );
    expect(
        err.path() == r.path,
        format!("path {:?} != {:?} ({err})", err.path(), r.path),
    );
    expect(
        err.event_type() == r.event_type.as_deref(),
        format!(
            "event type {:?} != {:?} ({err})",
            err.event_type(),
            r.event_type
        ),
    );
    expect(
        err.line().is_some() && err.column().is_some(),
        format!("no position ({err})"),
    );
    if let Some(needle) = &r.at {
        let (line, column) = position_after(&r.input, needle);
        expect(
            (err.line(), err.column()) == (Some(line), Some(column)),
            format!(
                "position {:?}:{:?} != {line}:{column} ({err})",
                err.line(),
                err.column()
            ),
        );
    }
    // `from_slice` reads the same text the same way.
    match qlik_events::from_slice(r.input.as_bytes()) {
        Ok(_) => expect(false, "from_slice parsed it".to_owned()),
        Err(e) => expect(e == err, format!("from_slice gave {e:?}, from_str {err:?}")),
    }
    if let Some(ty) = r.typed {
        match parse_typed(ty, &r.input) {
            Ok(()) => expect(false, format!("parsed as {ty}")),
            Err(e) => {
                expect(
                    (e.kind(), e.path()) == (err.kind(), err.path()),
                    format!("typed parse: {e:?} vs {err:?}"),
                );
                expect(
                    (e.line(), e.column()) == (err.line(), err.column()),
                    format!("typed parse position: {e:?} vs {err:?}"),
                );
                expect(
                    e.event_type() == Some(ty),
                    format!("typed parse event type: {e:?}"),
                );
            }
        }
    }
    bad
}

fn run(rows: &[Row]) {
    let bad: Vec<String> = rows.iter().flat_map(check).collect();
    assert!(
        bad.is_empty(),
        "{} of {} rows failed:\n{}",
        bad.len(),
        rows.len(),
        bad.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Rows derived from `qlik_events::schema` and the registry's Required flags.
//
// Not circular: `tests/spec.rs` checks `schema` and `EventType::requires_*`
// against the vendor's own pages (copied into `tests/spec/`), so these rows
// follow the spec, and a new event type or field gets its rows without an
// edit here.

/// A step into a JSON value: an object's key or an array's index.
fn pointer(segments: &[String]) -> String {
    segments.iter().map(|s| format!("/{s}")).collect()
}

/// `dataVolume/unit` → `data.dataVolume.unit`; `_updates/0/path` →
/// `data._updates[0].path`.
fn data_path(ptr: &str) -> String {
    let mut out = "data".to_owned();
    for segment in ptr.split('/') {
        if segment.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{segment}]"));
        } else {
            out.push('.');
            out.push_str(segment);
        }
    }
    out
}

/// A valid value of `shape`, as small as the spec allows.
fn minimal(shape: &Shape) -> String {
    match shape {
        Shape::String => r#""s""#.into(),
        Shape::DateTime => r#""2018-10-30T07:06:22Z""#.into(),
        Shape::Integer => "1".into(),
        Shape::Boolean => "true".into(),
        Shape::OneOf(values) => serde_json::Value::from(values[0]).to_string(),
        Shape::LicenseNumber => r#""1""#.into(),
        Shape::Object(fields) => object_with(fields, None),
        Shape::Array(inner) => format!("[{}]", minimal(inner)),
        Shape::Nullable(inner) => minimal(inner),
        Shape::Any => "null".into(),
        other => panic!("a shape tests/invalid.rs does not know yet: {other:?}"),
    }
}

/// What a row does to one field.
#[derive(Clone, Copy)]
enum Edit<'a> {
    Remove,
    Set(&'a str),
}

/// An object of `fields`' required members, minimal, with `edit` made at
/// `rest` (a path inside it) if given.
fn object_with(fields: &[Field], edit: Option<(&[String], Edit<'_>)>) -> String {
    let target = edit.and_then(|(rest, _)| rest.first());
    let mut members: Vec<String> = Vec::new();
    for field in fields {
        let key = serde_json::Value::from(field.name).to_string();
        if target.is_some_and(|t| t == field.name) {
            let (rest, edit) = edit.unwrap();
            match (edit, rest.len()) {
                (Edit::Remove, 1) => {}
                (Edit::Set(value), 1) => members.push(format!("{key}: {value}")),
                _ => members.push(format!(
                    "{key}: {}",
                    value_with(&field.shape, &rest[1..], edit)
                )),
            }
        } else if field.presence == Presence::Required {
            members.push(format!("{key}: {}", minimal(&field.shape)));
        }
    }
    format!("{{{}}}", members.join(", "))
}

/// A minimal value of `shape` with `edit` made at `rest` inside it.
fn value_with(shape: &Shape, rest: &[String], edit: Edit<'_>) -> String {
    match shape {
        Shape::Object(fields) => object_with(fields, Some((rest, edit))),
        Shape::Array(inner) => {
            assert_eq!(rest[0], "0");
            match (edit, rest.len()) {
                (Edit::Set(value), 1) => format!("[{value}]"),
                _ => format!("[{}]", value_with(inner, &rest[1..], edit)),
            }
        }
        Shape::Nullable(inner) => value_with(inner, rest, edit),
        other => panic!("no fields inside {other:?}"),
    }
}

/// `ty`'s fixture with `edit` made at `data/<segments>`: in place where the
/// fixture has the field's object, else by adding the outermost missing
/// object, minimal, with the edit inside.
fn edited(ty: &EventType, segments: &[String], edit: Edit<'_>) -> String {
    let mut j = fixture(ty.as_str());
    let mut shape = Shape::Object(ty.data_fields().unwrap());
    let mut at = vec!["data".to_owned()];
    for (i, segment) in segments.iter().enumerate() {
        at.push(segment.clone());
        let ptr = pointer(&at);
        let last = i + 1 == segments.len();
        if j.get(&ptr).is_none() {
            let value = match (edit, last) {
                (Edit::Remove, true) => panic!("{ty}: no {ptr} to remove"),
                (Edit::Set(value), true) => value.to_owned(),
                _ => value_with(&child_shape(&shape, segment), &segments[i + 1..], edit),
            };
            j.set(&ptr, &value);
            return j.text();
        }
        if last {
            match edit {
                Edit::Remove => j.remove(&ptr),
                Edit::Set(value) => j.set(&ptr, value),
            }
            return j.text();
        }
        shape = child_shape(&shape, segment);
    }
    unreachable!("an empty path")
}

/// The shape of member `segment` of a value of `shape`.
fn child_shape(shape: &Shape, segment: &str) -> Shape {
    match shape {
        Shape::Object(fields) => fields.iter().find(|f| f.name == segment).unwrap().shape,
        Shape::Array(inner) => **inner,
        Shape::Nullable(inner) => child_shape(inner, segment),
        other => panic!("no member {segment} in {other:?}"),
    }
}

/// Every field of `ty`'s `data`, nested ones too (array items as item 0),
/// as path segments, with its facts.
fn data_fields(ty: &EventType) -> Vec<(Vec<String>, Field)> {
    fn walk(fields: &[Field], prefix: &[String], out: &mut Vec<(Vec<String>, Field)>) {
        for field in fields {
            let mut path = prefix.to_vec();
            path.push(field.name.to_owned());
            out.push((path.clone(), *field));
            let mut shape = field.shape;
            loop {
                match shape {
                    Shape::Nullable(inner) => shape = *inner,
                    Shape::Array(inner) => {
                        path.push("0".to_owned());
                        shape = *inner;
                    }
                    Shape::Object(nested) => {
                        walk(nested, &path, out);
                        break;
                    }
                    _ => break,
                }
            }
        }
    }
    let mut out = Vec::new();
    let fields = ty
        .data_fields()
        .unwrap_or_else(|| panic!("{ty}: no schema"));
    walk(fields, &[], &mut out);
    out
}

fn missing_field_rows() -> Vec<Row> {
    let mut rows = Vec::new();
    for ty in EventType::KNOWN {
        let wire = ty.as_str();
        // Every required payload field, nested ones too.
        for (segments, field) in data_fields(ty) {
            if field.presence != Presence::Required {
                continue;
            }
            let ptr = segments.join("/");
            rows.push(
                row(
                    format!("{ty}: no data/{ptr}"),
                    edited(ty, &segments, Edit::Remove),
                    ErrorKind::MissingField,
                    &data_path(&ptr),
                    Some(wire),
                )
                .typed(wire),
            );
        }
        // The envelope members the registry marks required.
        if ty.requires_type() {
            rows.push(
                row(
                    format!("{ty}: no type"),
                    without(wire, "/type"),
                    ErrorKind::MissingField,
                    "type",
                    None,
                )
                .typed(wire),
            );
        }
        if ty.requires_data() {
            rows.push(
                row(
                    format!("{ty}: no data"),
                    without(wire, "/data"),
                    ErrorKind::MissingField,
                    "data",
                    Some(wire),
                )
                .typed(wire),
            );
        }
        if ty.requires_tenant_id() {
            rows.push(
                row(
                    format!("{ty}: no tenantid"),
                    without(wire, "/tenantid"),
                    ErrorKind::MissingField,
                    "tenantid",
                    Some(wire),
                )
                .typed(wire),
            );
        }
    }
    rows
}

#[test]
fn every_known_type_has_a_schema() {
    for ty in EventType::KNOWN {
        let fields = ty
            .data_fields()
            .unwrap_or_else(|| panic!("{ty}: no data_fields"));
        assert!(!fields.is_empty(), "{ty}");
    }
}

#[test]
fn every_required_field_removed() {
    let rows = missing_field_rows();
    // One row per required payload field, and per required `type`, `data`
    // and `tenantid`.
    let payload_fields: usize = EventType::KNOWN
        .iter()
        .map(|ty| {
            data_fields(ty)
                .iter()
                .filter(|(_, f)| f.presence == Presence::Required)
                .count()
        })
        .sum();
    let envelope: usize = EventType::KNOWN
        .iter()
        .map(|ty| {
            usize::from(ty.requires_type())
                + usize::from(ty.requires_data())
                + usize::from(ty.requires_tenant_id())
        })
        .sum();
    assert_eq!(rows.len(), payload_fields + envelope);
    run(&rows);
}

/// A JSON value of another JSON type than `shape` takes (`None` for any
/// JSON value).
fn wrong_json_type(shape: &Shape) -> Option<&'static str> {
    Some(match shape {
        Shape::String | Shape::DateTime | Shape::OneOf(_) | Shape::LicenseNumber => "true",
        Shape::Integer => r#""1""#,
        Shape::Boolean => "1",
        Shape::Object(_) => "[]",
        Shape::Array(_) => "{}",
        Shape::Nullable(inner) => return wrong_json_type(inner),
        Shape::Any => return None,
        other => panic!("a shape tests/invalid.rs does not know yet: {other:?}"),
    })
}

/// Per field of every payload: `null` where the shape is not nullable, a
/// value of another JSON type, a string outside a closed set, a string that
/// is not an RFC 3339 date-time.
fn schema_rows() -> Vec<Row> {
    let mut rows = Vec::new();
    for ty in EventType::KNOWN {
        let wire = ty.as_str();
        for (segments, field) in data_fields(ty) {
            let ptr = segments.join("/");
            let path = data_path(&ptr);
            let mut add = |what: &str, value: &str, kind: ErrorKind| {
                rows.push(
                    row(
                        format!("{ty}: {what} for data/{ptr}"),
                        edited(ty, &segments, Edit::Set(value)),
                        kind,
                        &path,
                        Some(wire),
                    )
                    .typed(wire),
                );
            };
            if !matches!(field.shape, Shape::Nullable(_) | Shape::Any) {
                add("null", "null", InvalidType);
            }
            if let Some(value) = wrong_json_type(&field.shape) {
                add("another JSON type", value, InvalidType);
            }
            let plain = match field.shape {
                Shape::Nullable(inner) => *inner,
                shape => shape,
            };
            match plain {
                Shape::OneOf(values) => {
                    let outside = "notInTheSet";
                    assert!(!values.contains(&outside));
                    add("a value outside the set", r#""notInTheSet""#, InvalidValue);
                }
                Shape::DateTime => {
                    add("a date without a time", r#""2018-10-30""#, InvalidValue);
                    add(
                        "a time without an offset",
                        r#""2018-10-30T07:06:22""#,
                        InvalidValue,
                    );
                }
                _ => {}
            }
        }
    }
    rows
}

/// The other side of the rows above: what `schema` allows parses, so that
/// a field the parser wrongly refuses fails here.
#[test]
fn what_the_schema_allows_is_accepted() {
    for ty in EventType::KNOWN {
        let wire = ty.as_str();
        for (segments, field) in data_fields(ty) {
            let ptr = segments.join("/");
            let mut inputs = Vec::new();
            if matches!(field.shape, Shape::Nullable(_) | Shape::Any) {
                inputs.push(("null", edited(ty, &segments, Edit::Set("null"))));
            }
            let in_fixture = fixture(wire).get(&format!("/data/{ptr}")).is_some();
            if field.presence != Presence::Required && in_fixture {
                inputs.push(("absent", edited(ty, &segments, Edit::Remove)));
            }
            for (what, input) in inputs {
                let parsed = qlik_events::from_str(&input).map(drop);
                assert_eq!(parsed, Ok(()), "{ty}: {what} data/{ptr}");
                assert_eq!(parse_typed(wire, &input), Ok(()), "{ty}: {what} data/{ptr}");
            }
        }
    }
}

#[test]
fn every_field_given_a_bad_value() {
    let rows = schema_rows();
    // Every field gets at least one row.
    for ty in EventType::KNOWN {
        for (segments, field) in data_fields(ty) {
            if field.shape == Shape::Any {
                continue;
            }
            let desc = format!("for data/{}", segments.join("/"));
            assert!(
                rows.iter()
                    .any(|r| r.desc.starts_with(&format!("{ty}: ")) && r.desc.ends_with(&desc)),
                "{ty}: no row {desc}"
            );
        }
    }
    run(&rows);
}

use ErrorKind::{
    DuplicateField, Eof, EventTypeMismatch, InvalidType, InvalidValue, MissingField, Syntax,
};

fn mutation_rows() -> Vec<Row> {
    let s = Some;
    vec![
        // --- Wrong JSON types.
        row(
            "string for int",
            with(LC, "/data/leasedQuantity", r#""x""#),
            InvalidType,
            "data.leasedQuantity",
            s(LC),
        )
        .typed(LC)
        .at(r#""leasedQuantity": "x""#),
        row(
            "number for string",
            with(LC, "/data/name", "5"),
            InvalidType,
            "data.name",
            s(LC),
        )
        .typed(LC)
        .at(r#""name": 5"#),
        row(
            "array for object (dataVolume)",
            with(DV, "/data/dataVolume", "[]"),
            InvalidType,
            "data.dataVolume",
            s(DV),
        )
        .typed(DV),
        row(
            "array for object (data)",
            with(LC, "/data", "[]"),
            InvalidType,
            "data",
            s(LC),
        )
        .typed(LC),
        row(
            "object for string (data.subject)",
            with(AD, "/data/subject", "{}"),
            InvalidType,
            "data.subject",
            s(AD),
        )
        .typed(AD),
        // `id` comes before `type` in the examples: the type is not known yet.
        row(
            "object for string (id, before type)",
            with(LC, "/id", "{}"),
            InvalidType,
            "id",
            None,
        )
        .typed(LC),
        row(
            "object for string (source)",
            with(LC, "/source", r#"{"a": 1}"#),
            InvalidType,
            "source",
            s(LC),
        )
        .typed(LC),
        row(
            "bool for int (usage)",
            with(QC, "/data/usage", "true"),
            InvalidType,
            "data.usage",
            s(QC),
        )
        .typed(QC)
        .at(r#""usage": true"#),
        row(
            "bool for int (size)",
            with(LC, "/data/size", "false"),
            InvalidType,
            "data.size",
            s(LC),
        )
        .typed(LC),
        row(
            "string for bool",
            with(LC, "/data/excess", r#""true""#),
            InvalidType,
            "data.excess",
            s(LC),
        )
        .typed(LC),
        row(
            "number for bool",
            with(LC, "/data/licenseUnlimited", "1"),
            InvalidType,
            "data.licenseUnlimited",
            s(LC),
        )
        .typed(LC),
        row(
            "number for type",
            with(LC, "/type", "5"),
            InvalidType,
            "type",
            None,
        )
        .typed(LC),
        row(
            "number for tenantid",
            with(DU, "/tenantid", "5"),
            InvalidType,
            "tenantid",
            s(DU),
        )
        .typed(DU),
        row(
            "array for userid",
            with(LC, "/userid", "[]"),
            InvalidType,
            "userid",
            s(LC),
        )
        .typed(LC),
        row(
            "object for authclaims",
            with(QC, "/authclaims", "{}"),
            InvalidType,
            "authclaims",
            s(QC),
        )
        .typed(QC),
        row(
            "number for time",
            with(LC, "/time", "1540883182"),
            InvalidType,
            "time",
            None,
        )
        .typed(LC),
        row(
            "object for spaceUsages",
            with(QC, "/data/spaceUsages", "{}"),
            InvalidType,
            "data.spaceUsages",
            s(QC),
        )
        .typed(QC),
        row(
            "string item in spaceUsages",
            with(QC, "/data/spaceUsages", r#"["x"]"#),
            InvalidType,
            "data.spaceUsages[0]",
            s(QC),
        )
        .typed(QC),
        row(
            "string usage in spaceUsages",
            with(QC, "/data/spaceUsages", r#"[{}, {"usage": "1"}]"#),
            InvalidType,
            "data.spaceUsages[1].usage",
            s(QC),
        )
        .typed(QC),
        row(
            "string for valid",
            with(DU, "/data/valid", r#""x""#),
            InvalidType,
            "data.valid",
            s(DU),
        )
        .typed(DU),
        row(
            "_updates not an array",
            with(LU, "/data/_updates", r#"{"path": "x"}"#),
            InvalidType,
            "data._updates",
            s(LU),
        )
        .typed(LU),
        row(
            "number for _updates[0].path",
            with(LU, "/data/_updates/0/path", "5"),
            InvalidType,
            "data._updates[0].path",
            s(LU),
        )
        .typed(LU),
        row(
            "_updates item not an object",
            with(LU, "/data/_updates", r#"[{"path": "a"}, 1]"#),
            InvalidType,
            "data._updates[1]",
            s(LU),
        )
        .typed(LU),
        row(
            "_updates[1].path missing",
            with(LU, "/data/_updates", r#"[{"path": "a"}, {"newValue": 1}]"#),
            MissingField,
            "data._updates[1].path",
            s(LU),
        )
        .typed(LU),
        // --- Closed sets.
        row(
            "specversion 0.3",
            with(LC, "/specversion", r#""0.3""#),
            InvalidValue,
            "specversion",
            s(LC),
        )
        .typed(LC)
        .at(r#""specversion": "0.3""#),
        row(
            "specversion 1",
            with(LC, "/specversion", r#""1""#),
            InvalidValue,
            "specversion",
            s(LC),
        )
        .typed(LC),
        row(
            "specversion number",
            with(QC, "/specversion", "1.0"),
            InvalidType,
            "specversion",
            s(QC),
        )
        .typed(QC),
        row(
            "origin INTERNAL",
            with(AD, "/data/origin", r#""INTERNAL""#),
            InvalidValue,
            "data.origin",
            s(AD),
        )
        .typed(AD)
        .at(r#""origin": "INTERNAL""#),
        row(
            "origin empty",
            with(AR, "/data/origin", r#""""#),
            InvalidValue,
            "data.origin",
            s(AR),
        )
        .typed(AR),
        row(
            "origin External",
            with(AU, "/data/origin", r#""External""#),
            InvalidValue,
            "data.origin",
            s(AU),
        )
        .typed(AU),
        row(
            "unit kb",
            with(QC, "/data/unit", r#""kb""#),
            InvalidValue,
            "data.unit",
            s(QC),
        )
        .typed(QC)
        .at(r#""unit": "kb""#),
        row(
            "unit kb in spaceUsages[1]",
            with(
                QC,
                "/data/spaceUsages",
                r#"[{"unit": "byte"}, {"unit": "kb"}]"#,
            ),
            InvalidValue,
            "data.spaceUsages[1].unit",
            s(QC),
        )
        .typed(QC)
        .at(r#"{"unit": "kb""#),
        row(
            "quota other",
            with(QC, "/data/quota", r#""other""#),
            InvalidValue,
            "data.quota",
            s(QC),
        )
        .typed(QC),
        row(
            "quota capitalised",
            with(QC, "/data/quota", r#""AppSizeTotalDefault""#),
            InvalidValue,
            "data.quota",
            s(QC),
        )
        .typed(QC),
        // --- int64.
        row(
            "int64 max + 1",
            with(LC, "/data/leasedQuantity", "9223372036854775808"),
            InvalidValue,
            "data.leasedQuantity",
            s(LC),
        )
        .typed(LC)
        .at("9223372036854775808"),
        // Integers outside i64 and u64 reach the reader as floats; still
        // out of range, not a wrong type. `-9223372036854775809` rounds to
        // exactly -2^63 as a float.
        row(
            "int64 min - 1",
            with(LC, "/data/excessQuantity", "-9223372036854775809"),
            InvalidValue,
            "data.excessQuantity",
            s(LC),
        )
        .typed(LC)
        .at("-9223372036854775809"),
        row(
            "u64 max + 1",
            with(DV, "/data/dataVolume/volume", "18446744073709551616"),
            InvalidValue,
            "data.dataVolume.volume",
            s(DV),
        )
        .typed(DV),
        row(
            "-1e19 integer",
            with(QC, "/data/usage", "-10000000000000000000"),
            InvalidValue,
            "data.usage",
            s(QC),
        )
        .typed(QC),
        row(
            "int64 max + 1 (usage)",
            with(QC, "/data/usage", "9223372036854775808"),
            InvalidValue,
            "data.usage",
            s(QC),
        )
        .typed(QC),
        row(
            "fractional 1.5",
            with(LC, "/data/size", "1.5"),
            InvalidType,
            "data.size",
            s(LC),
        )
        .typed(LC)
        .at(r#""size": 1.5"#),
        row(
            "fractional 1.0",
            with(LC, "/data/size", "1.0"),
            InvalidType,
            "data.size",
            s(LC),
        )
        .typed(LC),
        row(
            "fractional optional total",
            with(DV, "/data/total", "1.5"),
            InvalidType,
            "data.total",
            s(DV),
        )
        .typed(DV),
        row(
            "fractional nested volume",
            with(DV, "/data/dataVolume/volume", "2.5"),
            InvalidType,
            "data.dataVolume.volume",
            s(DV),
        )
        .typed(DV),
        row(
            "1e400",
            with(LC, "/data/size", "1e400"),
            Syntax,
            "data.size",
            s(LC),
        )
        .typed(LC),
        row(
            "1e400 in spaceUsages",
            with(QC, "/data/spaceUsages", r#"[{"usage": 1e400}]"#),
            Syntax,
            "data.spaceUsages[0].usage",
            s(QC),
        )
        .typed(QC),
        // --- Date-times.
        row(
            "date only",
            with(LC, "/time", r#""2018-10-30""#),
            InvalidValue,
            "time",
            None,
        )
        .typed(LC)
        .at(r#""time": "2018-10-30""#),
        row(
            "no offset",
            with(LC, "/data/createdAt", r#""2018-10-30T07:06:22""#),
            InvalidValue,
            "data.createdAt",
            s(LC),
        )
        .typed(LC)
        .at(r#""createdAt": "2018-10-30T07:06:22""#),
        row(
            "yesterday",
            with(LC, "/data/updatedAt", r#""yesterday""#),
            InvalidValue,
            "data.updatedAt",
            s(LC),
        )
        .typed(LC),
        row(
            "month 13",
            with(LC, "/time", r#""2018-13-30T07:06:22Z""#),
            InvalidValue,
            "time",
            None,
        )
        .typed(LC),
        row(
            "hour 25",
            with(TA, "/data/updateTime", r#""2018-10-30T25:06:22Z""#),
            InvalidValue,
            "data.updateTime",
            s(TA),
        )
        .typed(TA),
        row(
            "bad changeTime",
            with(DU, "/data/changeTime", r#""2018-10-30""#),
            InvalidValue,
            "data.changeTime",
            s(DU),
        )
        .typed(DU),
        row(
            "bad latestValidTime",
            with(DU, "/data/latestValidTime", r#""x""#),
            InvalidValue,
            "data.latestValidTime",
            s(DU),
        )
        .typed(DU),
        // --- null for required fields.
        row(
            "null name",
            with(LC, "/data/name", "null"),
            InvalidType,
            "data.name",
            s(LC),
        )
        .typed(LC),
        row(
            "null updatedAt",
            with(LD, "/data/updatedAt", "null"),
            InvalidType,
            "data.updatedAt",
            s(LD),
        )
        .typed(LD),
        row(
            "null license",
            with(AD, "/data/license", "null"),
            InvalidType,
            "data.license",
            s(AD),
        )
        .typed(AD),
        row(
            "null usage",
            with(QC, "/data/usage", "null"),
            InvalidType,
            "data.usage",
            s(QC),
        )
        .typed(QC),
        row(
            "null dataVolume",
            with(DV, "/data/dataVolume", "null"),
            InvalidType,
            "data.dataVolume",
            s(DV),
        )
        .typed(DV),
        row(
            "null type",
            with(LC, "/type", "null"),
            InvalidType,
            "type",
            None,
        )
        .typed(LC),
        row(
            "null tenantid (required)",
            with(DU, "/tenantid", "null"),
            InvalidType,
            "tenantid",
            s(DU),
        )
        .typed(DU),
        row(
            "null data (license)",
            with(LC, "/data", "null"),
            InvalidType,
            "data",
            s(LC),
        )
        .typed(LC),
        row(
            "null data (app-usage)",
            with(QC, "/data", "null"),
            InvalidType,
            "data",
            s(QC),
        )
        .typed(QC),
        // --- null for optional, non-nullable fields.
        row(
            "null message",
            with(AR, "/data/message", "null"),
            InvalidType,
            "data.message",
            s(AR),
        )
        .typed(AR)
        .at(r#""message": null"#),
        row(
            "null parentLicense (optional)",
            with(DU, "/data/parentLicense", "null"),
            InvalidType,
            "data.parentLicense",
            s(DU),
        )
        .typed(DU),
        row(
            "null total",
            with(DV, "/data/total", "null"),
            InvalidType,
            "data.total",
            s(DV),
        )
        .typed(DV),
        row(
            "null spaceUsages",
            with(QC, "/data/spaceUsages", "null"),
            InvalidType,
            "data.spaceUsages",
            s(QC),
        )
        .typed(QC),
        row(
            "null spaceId in spaceUsages",
            with(QC, "/data/spaceUsages", r#"[{"spaceId": null}]"#),
            InvalidType,
            "data.spaceUsages[0].spaceId",
            s(QC),
        )
        .typed(QC),
        row(
            "null _updates",
            with(LU, "/data/_updates", "null"),
            InvalidType,
            "data._updates",
            s(LU),
        )
        .typed(LU),
        row(
            "null previousLicense",
            with(TA, "/data/previousLicense", "null"),
            InvalidType,
            "data.previousLicense",
            s(TA),
        )
        .typed(TA),
        row(
            "null valid",
            with(DU, "/data/valid", "null"),
            InvalidType,
            "data.valid",
            s(DU),
        )
        .typed(DU),
        row(
            "null time",
            with(LC, "/time", "null"),
            InvalidType,
            "time",
            None,
        )
        .typed(LC),
        row(
            "null specversion",
            with(LC, "/specversion", "null"),
            InvalidType,
            "specversion",
            s(LC),
        )
        .typed(LC),
        row("null id", with(LC, "/id", "null"), InvalidType, "id", None).typed(LC),
        row(
            "null sessionid",
            with(AD, "/sessionid", "null"),
            InvalidType,
            "sessionid",
            s(AD),
        )
        .typed(AD),
        // --- license.
        row(
            "license float",
            with(AD, "/data/license", "12.5"),
            InvalidType,
            "data.license",
            s(AD),
        )
        .typed(AD)
        .at(r#""license": 12.5"#),
        row(
            "license 1.0",
            with(AR, "/data/license", "1.0"),
            InvalidType,
            "data.license",
            s(AR),
        )
        .typed(AR),
        row(
            "license bool",
            with(LC, "/data/license", "true"),
            InvalidType,
            "data.license",
            s(LC),
        )
        .typed(LC),
        row(
            "license object",
            with(TA, "/data/license", "{}"),
            InvalidType,
            "data.license",
            s(TA),
        )
        .typed(TA),
        row(
            "license array",
            with(DU, "/data/license", "[]"),
            InvalidType,
            "data.license",
            s(DU),
        )
        .typed(DU),
        // --- Syntax inside an extension value.
        row(
            "trailing comma in extension",
            with(LC, "/region", r#"{"a": 1,}"#),
            Syntax,
            "region",
            s(LC),
        )
        .typed(LC),
        // --- Trailing characters after a complete event.
        row(
            "trailing characters",
            format!("{}x", fixture_text(LC)),
            Syntax,
            "",
            s(LC),
        )
        .typed(LC),
        row(
            "second document",
            format!("{} {{}}", fixture_text(QC)),
            Syntax,
            "",
            s(QC),
        )
        .typed(QC),
        // --- Truncated.
        row(
            "truncated in a data string",
            {
                let text = fixture_text(LC);
                text[..text.find("amlDep").unwrap() + 3].to_owned()
            },
            Eof,
            "data.name",
            s(LC),
        )
        .typed(LC),
        row(
            "truncated before the last brace",
            {
                let text = fixture_text(LD);
                text[..text.rfind('}').unwrap()].to_owned()
            },
            Eof,
            "",
            s(LD),
        )
        .typed(LD),
        row(
            "truncated in _updates",
            {
                let text = fixture_text(LU);
                text[..text.find(r#""path""#).unwrap()].to_owned()
            },
            Eof,
            "data._updates[0]",
            s(LU),
        )
        .typed(LU),
    ]
}

#[test]
fn mutated_fixtures() {
    let rows = mutation_rows();
    assert!(rows.len() >= 45, "{}", rows.len());
    run(&rows);
}

fn hand_written_rows() -> Vec<Row> {
    let s = Some;
    let lc = LC;
    vec![
        // --- Duplicate keys.
        row("duplicate type", format!(r#"{{"type":"{lc}","type":"{lc}","data":{{}}}}"#), DuplicateField, "type", s(LC))
            .typed(LC),
        row("duplicate data", format!(r#"{{"type":"{lc}","tenantid":"t","data":{{}},"data":{{}}}}"#), MissingField, "data.name", s(LC)),
        row("duplicate data (unknown type)", r#"{"type":"com.example.v1.unknown.type","data":{},"data":{}}"#, DuplicateField, "data", s("com.example.v1.unknown.type"))
            .at(r#"{},"data""#),
        row("duplicate attribute", format!(r#"{{"type":"{lc}","id":"a","id":"b","data":{{}}}}"#), DuplicateField, "id", s(LC))
            .typed(LC).at(r#""id":"a","id""#),
        row("duplicate time", format!(r#"{{"time":"2018-10-30T07:06:22Z","type":"{lc}","time":"2018-10-30T07:06:22Z"}}"#), DuplicateField, "time", s(LC))
            .typed(LC),
        row("duplicate data field", format!(r#"{{"type":"{lc}","data":{{"size":4,"size":5}}}}"#), DuplicateField, "data.size", s(LC))
            .typed(LC),
        row("duplicate nested field", r#"{"type":"com.qlik.license.data.volume.consumption.aggregated","data":{"dataVolume":{"unit":"a","unit":"b"}}}"#, DuplicateField, "data.dataVolume.unit", s(DV))
            .typed(DV),
        row("duplicate _updates path", r#"{"type":"com.qlik.v1.license.lease.updated","data":{"_updates":[{"path":"a","path":"b"}]}}"#, DuplicateField, "data._updates[0].path", s(LU))
            .typed(LU),
        row("duplicate _updates newValue", r#"{"type":"com.qlik.v1.license.lease.updated","data":{"_updates":[{"newValue":1,"newValue":null}]}}"#, DuplicateField, "data._updates[0].newValue", s(LU))
            .typed(LU),
        row("duplicate unknown top-level key", format!(r#"{{"x":1,"type":"{lc}","x":2}}"#), DuplicateField, "x", s(LC)).typed(LC),
        row("duplicate unknown top-level key before type", r#"{"x":1,"x":2,"type":"t"}"#, DuplicateField, "x", None),
        row("duplicate unknown data key", format!(r#"{{"type":"{lc}","data":{{"extra":1,"extra":2}}}}"#), DuplicateField, "data.extra", s(LC))
            .typed(LC),
        row("duplicate unusual data key", format!(r#"{{"type":"{lc}","data":{{"a b":1,"a b":2}}}}"#), DuplicateField, r#"data["a b"]"#, s(LC))
            .typed(LC),
        row("duplicate data after a complete one", with_appended(LC, "data", "{}"), DuplicateField, "data", s(LC))
            .typed(LC).at("\"sessionid\": \"string\",\n  \"data\""),
        row("duplicate type at the end", with_appended(QC, "type", &format!("\"{QC}\"")), DuplicateField, "type", s(QC))
            .typed(QC),
        row("duplicate tenantid", with_appended(TA, "tenantid", "\"other\""), DuplicateField, "tenantid", s(TA))
            .typed(TA),
        // Keys are compared after unescaping.
        row("duplicate type, escaped", format!(r#"{{"type":"{lc}","ty\u0070e":"{lc}"}}"#), DuplicateField, "type", s(LC))
            .typed(LC).at(r#""ty\u0070e""#),
        row("duplicate data field, escaped", format!(r#"{{"type":"{lc}","data":{{"size":1,"si\u007ae":2}}}}"#), DuplicateField, "data.size", s(LC))
            .typed(LC).at(r#""si\u007ae""#),
        row("duplicate unknown key with a dot", format!(r#"{{"type":"{lc}","a.b":1,"a.b":2}}"#), DuplicateField, r#"["a.b"]"#, s(LC))
            .typed(LC),
        // Values the crate builds (`valid.Start` is a `serde_json::Value`)
        // have serde_json's depth limit; extensions, kept as text, do not.
        row("recursion limit in valid.Start", format!(r#"{{"type":"{DU}","tenantid":"t","data":{{"license":"L","valid":{{"Start":{}{}}}}}}}"#, "[".repeat(200), "]".repeat(200)), Syntax, "data.valid.Start", s(DU))
            .typed(DU),
        row("byte order mark", format!("\u{feff}{{\"type\":\"{lc}\"}}"), Syntax, "", None),
        // --- Not an event object.
        row("empty input", "", Eof, "", None),
        row("whitespace only", " \n\t ", Eof, "", None),
        row("top-level array", "[]", InvalidType, "", None),
        row("top-level string", r#""com.qlik.v1.license.lease.created""#, InvalidType, "", None),
        row("top-level null", "null", InvalidType, "", None),
        row("top-level number", "42", InvalidType, "", None),
        row("empty object", "{}", MissingField, "type", None).at("{}"),
        row("object without type", r#"{"id":"e1","data":{}}"#, MissingField, "type", None),
        row("truncated after type", format!(r#"{{"type":"{lc}""#), Eof, "", s(LC)),
        row("truncated after comma", format!(r#"{{"type":"{lc}","#), Eof, "", s(LC)),
        row("no value for type", r#"{"type":}"#, Syntax, "type", None),
        row("bare word", "qlik", Syntax, "", None),
        // --- `data` before `type`: read once the type is known, with the
        // path and the position in the whole input.
        row("data before type: string for int", format!(r#"{{"data":{{"size":"x"}},"type":"{lc}"}}"#), InvalidType, "data.size", s(LC))
            .typed(LC).at(r#""size":"x""#),
        row("data before type, multi-line", format!("{{\n  \"id\": \"e1\",\n  \"data\": {{\n    \"name\": \"n\",\n    \"size\":\n      \"x\"\n  }},\n  \"type\": \"{lc}\"\n}}"), InvalidType, "data.size", s(LC))
            .typed(LC).at("      \"x\""),
        row("data before type: missing field", format!(r#"{{"id":"e","data":{{"size":4}},"type":"{lc}"}}"#), MissingField, "data.name", s(LC))
            .typed(LC).at(r#"{"size":4}"#),
        row("data before type: closed set", r#"{"data":{"unit":"kb","quota":"appSizeTotalDefault","usage":1},"tenantid":"t","type":"com.qlik.v1.app-usage.quota.consumed"}"#, InvalidValue, "data.unit", s(QC))
            .typed(QC).at(r#""unit":"kb""#),
        // serde_json reports a container of the wrong type just before its
        // opening bracket, without reading it (the same when `data` comes after
        // `type`).
        row("data before type: array", format!(r#"{{"data":[1],"type":"{lc}"}}"#), InvalidType, "data", s(LC))
            .typed(LC).at(r#"{"data":"#),
        row("data after type: array", format!(r#"{{"type":"{lc}","data":[1]}}"#), InvalidType, "data", s(LC))
            .typed(LC).at(r#""data":"#),
        row("data before type: duplicate data field", format!(r#"{{"data":{{"name":"a","name":"b"}},"type":"{lc}"}}"#), DuplicateField, "data.name", s(LC))
            .typed(LC).at(r#""name":"a","name""#),
        row("data before type: nested", r#"{"data":{"_updates":[{"path":"a"},{"path":true}]},"type":"com.qlik.v1.license.lease.updated"}"#, InvalidType, "data._updates[1].path", s(LU))
            .typed(LU).at(r#""path":true"#),
        row("data before type: null", format!(r#"{{"data":null,"type":"{lc}"}}"#), InvalidType, "data", s(LC))
            .typed(LC).at("null"),
        row("data before type: 1e400", format!(r#"{{"data":{{"size":1e400}},"type":"{lc}"}}"#), Syntax, "data.size", s(LC))
            .typed(LC),
        row("data before type, missing tenantid", r#"{"data":{"license":"1"},"type":"com.qlik.license.definition.updated"}"#, MissingField, "tenantid", s(DU))
            .typed(DU),
        // A malformed string inside `data` before `type` is found while the
        // first pass skips over `data`: the type is not known yet, and the
        // path stops at `data` (after `type` it is `data.name`). serde_json
        // reports the control character just before it when skipping, just
        // after it when parsing.
        row("control character in data before type", format!("{{\"data\":{{\"name\":\"\u{1}\"}},\"type\":\"{lc}\"}}"), Syntax, "data", None)
            .at(r#"{"data":{"name":""#),
        row("control character in data after type", format!("{{\"type\":\"{lc}\",\"data\":{{\"name\":\"\u{1}\"}}}}"), Syntax, "data.name", s(LC))
            .typed(LC).at("{\"name\":\"\u{1}"),
        row("data before type on line 3", format!("{{\"a\": 1,\n\"b\": 2,\n  \"data\": {{\"leasedQuantity\": \"x\"}}, \"type\": \"{lc}\"}}"), InvalidType, "data.leasedQuantity", s(LC))
            .typed(LC).at(r#""leasedQuantity": "x""#),
    ]
}

#[test]
fn hand_written() {
    let rows = hand_written_rows();
    run(&rows);
}

#[test]
fn table_size() {
    let total = missing_field_rows().len() + mutation_rows().len() + hand_written_rows().len();
    assert!(total >= 45, "{total}");
}

/// Invalid UTF-8 can only reach `from_slice`.
#[test]
fn invalid_utf8() {
    let with_ff = |text: String| {
        let mut bytes = text.into_bytes();
        let i = bytes.iter().position(|&b| b == b'X').unwrap();
        bytes[i] = 0xff;
        // Reported just after the bad byte.
        (bytes, i + 1)
    };
    let cases = [
        (
            with_ff(format!(r#"{{"type":"{LC}","data":{{"name":"X"}}}}"#)),
            "data.name",
            Some(LC),
        ),
        (
            with_ff(format!(r#"{{"data":{{"name":"X"}},"type":"{LC}"}}"#)),
            "data",
            None,
        ),
        (
            with_ff(r#"{"type":"t","data":{"name":"X"}}"#.to_owned()),
            "data",
            Some("t"),
        ),
        (
            with_ff(r#"{"type":"t","id":"X"}"#.to_owned()),
            "id",
            Some("t"),
        ),
    ];
    for ((bytes, column), path, event_type) in cases {
        let err = qlik_events::from_slice(&bytes).unwrap_err();
        assert_eq!(err.kind(), Syntax, "{err}");
        assert_eq!(err.path(), path, "{err}");
        assert_eq!(err.event_type(), event_type, "{err}");
        assert_eq!(err.message(), "invalid unicode code point");
        assert_eq!((err.line(), err.column()), (Some(1), Some(column)), "{err}");
    }
}

// ---------------------------------------------------------------------------
// Type mismatches.

#[test]
fn per_type_parse_rejects_other_spellings_of_the_type() {
    for spelling in [
        "COM.QLIK.V1.LICENSE.LEASE.CREATED",
        "com.qlik.v1.license.lease.Created",
        "com.qlik.v1.license.lease.created ",
        " com.qlik.v1.license.lease.created",
        "com.qlik.v1.license.lease.deleted",
    ] {
        let input = with(LC, "/type", &serde_json::Value::from(spelling).to_string());
        let err = LeaseCreatedEvent::from_str(&input).unwrap_err();
        assert_eq!(err.kind(), EventTypeMismatch, "{spelling:?}: {err}");
        assert_eq!(err.path(), "type");
        assert_eq!(err.event_type(), Some(LC));
        assert_eq!(
            err.message(),
            format!("expected event type `{LC}`, found `{spelling}`")
        );
        let needle = format!("\"type\": {}", serde_json::Value::from(spelling));
        let (line, column) = position_after(&input, &needle);
        assert_eq!((err.line(), err.column()), (Some(line), Some(column)));

        // `from_str` reads the same input as an event of another type.
        let event = qlik_events::from_str(&input).unwrap();
        if spelling == "com.qlik.v1.license.lease.deleted" {
            assert!(matches!(event, QlikEvent::LeaseDeleted(_)));
            continue;
        }
        let QlikEvent::Unknown(unknown) = &event else {
            panic!("{spelling:?} parsed as {event:?}")
        };
        assert_eq!(unknown.event_type, spelling);
        assert!(!event.is_known());
        assert_eq!(event.event_type().as_str(), spelling);
        // Its data is kept as sent, unchecked.
        let data: serde_json::Value =
            serde_json::from_str(unknown.data.as_ref().unwrap().get()).unwrap();
        assert_eq!(data["license"], 1234123412341234_u64);
    }
}

#[test]
fn per_type_parse_of_another_fixture() {
    let err = QuotaConsumedEvent::from_str(&fixture_text(LC)).unwrap_err();
    assert_eq!(err.kind(), EventTypeMismatch);
    assert_eq!(err.event_type(), Some(QC));
    assert_eq!(err.path(), "type");
    let err = TenantAssociatedEvent::from_str(&fixture_text(QC)).unwrap_err();
    assert_eq!(err.kind(), EventTypeMismatch);
    assert_eq!(err.event_type(), Some(TA));
    assert_eq!(err.path(), "type");
}

#[test]
fn require_known_rejects_unknown_types() {
    let event =
        qlik_events::from_str(r#"{"type":"com.example.v1.unknown.type","id":"e1"}"#).unwrap();
    let err = event.require_known().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownEventType);
    assert_eq!(err.path(), "type");
    assert_eq!(err.event_type(), Some("com.example.v1.unknown.type"));
    assert_eq!(err.line(), None);
    assert_eq!(err.column(), None);
    assert_eq!(
        err.to_string(),
        "com.example.v1.unknown.type: type: unknown event type `com.example.v1.unknown.type`"
    );
}

// ---------------------------------------------------------------------------
// Display.

#[test]
fn display_of_errors() {
    let input = format!(r#"{{"type":"{LC}","data":{{"leasedQuantity":"x"}}}}"#);
    let (_, column) = position_after(&input, r#""leasedQuantity":"x""#);
    let err = qlik_events::from_str(&input).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "com.qlik.v1.license.lease.created: data.leasedQuantity: \
             invalid type: string \"x\", expected i64 at line 1 column {column}"
        )
    );
    assert_eq!(column, 72);
    assert_eq!(err.message(), "invalid type: string \"x\", expected i64");

    let err = qlik_events::from_str("{}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "type: missing field `type` at line 1 column 2"
    );

    let err = qlik_events::from_str("").unwrap_err();
    assert_eq!(
        err.to_string(),
        "EOF while parsing a value at line 1 column 0"
    );

    let input = r#"{"type":"com.qlik.v1.app-usage.quota.consumed","tenantid":"t","data":{"unit":"byte","quota":"appSizeTotalDefault","usage":1,"spaceUsages":[{},{"unit":"kb"}]}}"#;
    let (_, column) = position_after(input, r#""unit":"kb""#);
    let err = qlik_events::from_str(input).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "com.qlik.v1.app-usage.quota.consumed: data.spaceUsages[1].unit: \
             invalid value: string \"kb\", expected `byte` at line 1 column {column}"
        )
    );

    let input = with(DU, "/tenantid", "5");
    let (line, column) = position_after(&input, r#""tenantid": 5"#);
    let err = qlik_events::from_str(&input).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "com.qlik.license.definition.updated: tenantid: \
             invalid type: integer `5`, expected a string at line {line} column {column}"
        )
    );

    let err = qlik_events::from_str(r#"{"type":"t","x":1,"x":2}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "t: x: duplicate field `x` at line 1 column 21"
    );
}

/// Past 16 members, repeated keys are found through a hash index that grows
/// as members come: a repeat of the first, of one indexed before a growth
/// and of the last is caught, at that key and position, wherever it stands.
#[test]
fn duplicate_keys_among_many_members() {
    let members = |n: usize| -> Vec<String> { (0..n).map(|i| format!(r#""k{i}":{i}"#)).collect() };
    for n in [17, 40, 100, 1000] {
        let mut all = members(n);
        let text = format!(r#"{{"type":"t",{}}}"#, all.join(","));
        let event = qlik_events::from_str(&text).unwrap();
        assert_eq!(event.envelope().extensions().len(), n);
        let keys: Vec<&str> = event.envelope().extensions().keys().collect();
        assert_eq!(keys.first(), Some(&"k0"));
        assert_eq!(keys.last().copied(), Some(format!("k{}", n - 1).as_str()));

        for again in [0, 15, 16, n / 2, n - 1] {
            all.push(format!(r#""k{again}":"again""#));
            let text = format!(r#"{{"type":"t",{}}}"#, all.join(","));
            let err = qlik_events::from_str(&text).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::DuplicateField, "{n} {again}: {err}");
            assert_eq!(err.path(), format!("k{again}"));
            let (line, column) = position_after(&text, &format!(r#""k{again}":"again""#));
            // Reported where the repeated key ends, before its value.
            assert_eq!(err.line(), Some(line));
            assert_eq!(err.column(), Some(column - r#":"again""#.len()));
            all.pop();
        }
    }
}
