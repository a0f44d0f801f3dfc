//! Structure-aware fuzzing: one mutation of one published example.
//!
//! The input (decoded with `arbitrary`) picks one of the fixtures (one per
//! type of the registry), a JSON path in it (a top-level attribute, or a
//! field of `data` at any depth, or a known field of an object the fixture
//! leaves out) and one
//! [`Mutation`]; the mutated event is written (with the top-level keys in
//! one of several orders, so that `data` may come before `type`) and given to
//! `qlik_events::from_slice`.
//!
//! A model of the spec says what must happen: which fields exist, their
//! shapes and which are required, from the crate's schema and registry
//! (`EventType::data_fields`, `requires_data`, `requires_tenant_id`, which
//! the crate's `tests/spec.rs` pins to the vendor's pages), so that a type
//! or field added to the crate is mutated and checked without an edit here:
//!
//! - **accept**: the event parses, survives a round trip, and holds the
//!   mutated value at the mutated path (after the crate's documented
//!   normalisations);
//! - **reject**: the error's path is exactly the mutated path (for a removed
//!   required field, the path of that field: the crate reports `data.name`
//!   for a missing `name`), with the expected error kind;
//! - **either** (a container replaced by another object or array, a change of
//!   `type` to another known type): no panic; an error's path is the mutated
//!   path or inside it (any path for a change of `type`); an event that
//!   parses survives a round trip.
#![no_main]

use std::collections::BTreeSet;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use qlik_events::schema::{Field, Presence, Shape};
use qlik_events::{Attribute, ErrorKind, EventType, QlikEvent};
use qlik_events_fuzz::{check_from_slice, fixtures};
use serde_json::{Number, Value};

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// Renders a path the way the crate does: `data._updates[0].path`.
fn render(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) if out.is_empty() => out.push_str(k),
            Seg::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// `inner` is `outer` or a path inside it.
fn is_within(inner: &str, outer: &str) -> bool {
    inner == outer
        || inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

// ---------------------------------------------------------------------------
// The mutation, as decoded by `arbitrary`.

#[derive(Arbitrary, Debug)]
struct Input {
    fixture: u8,
    target: u16,
    mutation: Mutation,
    order: Order,
}

/// The order in which the top-level keys are written.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Order {
    AsPublished,
    Reversed,
    Rotated(u8),
}

#[derive(Arbitrary, Debug)]
enum Mutation {
    Remove,
    Null,
    Str(String),
    BigInt(BigInt),
    Int(i64),
    Float(f64),
    Object(Vec<(KeyName, Leaf)>),
    Array(Vec<Leaf>),
    Bool(bool),
    /// A value of a closed set (or a near miss, or an event type).
    ClosedSet(u8),
    Date(DateMangle),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum BigInt {
    /// 2^63: fits `u64`, not `i64`.
    I64MaxPlusOne,
    U64Max,
    /// 2^64: fits neither.
    U64MaxPlusOne,
    /// -2^63 - 1.
    I64MinMinusOne,
    /// 20 to 530 nines (past `f64` range from 309 on).
    Nines(u8),
}

impl BigInt {
    fn text(self) -> String {
        match self {
            BigInt::I64MaxPlusOne => "9223372036854775808".into(),
            BigInt::U64Max => "18446744073709551615".into(),
            BigInt::U64MaxPlusOne => "18446744073709551616".into(),
            BigInt::I64MinMinusOne => "-9223372036854775809".into(),
            BigInt::Nines(n) => "9".repeat(20 + 2 * usize::from(n)),
        }
    }
}

/// A key for an object made up by the fuzzer: a field name the crate knows
/// (somewhere), or anything.
#[derive(Arbitrary, Debug)]
enum KeyName {
    Known(u8),
    Other(String),
}

/// Every name the crate knows: the envelope's, and every field of every
/// type's schema (nested ones included), once each.
fn key_names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        fn walk(fields: &'static [Field], out: &mut BTreeSet<&'static str>) {
            for field in fields {
                out.insert(field.name);
                if let Some(nested) = field.shape.fields() {
                    walk(nested, out);
                }
            }
        }
        let mut names: BTreeSet<&'static str> = ["type", "data", "time", "specversion"].into();
        names.extend(Attribute::ALL.iter().map(|a| a.name()));
        for ty in EventType::KNOWN {
            walk(ty.data_fields().unwrap_or_default(), &mut names);
        }
        names.into_iter().collect()
    })
}

#[derive(Arbitrary, Debug, Clone)]
enum Leaf {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

impl Leaf {
    fn value(&self) -> Value {
        match self {
            Leaf::Null => Value::Null,
            Leaf::Bool(b) => Value::Bool(*b),
            Leaf::Int(i) => Value::from(*i),
            Leaf::Float(f) => float(*f),
            Leaf::Str(s) => Value::String(s.clone()),
        }
    }
}

fn float(f: f64) -> Value {
    Number::from_f64(f).map_or(Value::from(0.5), Value::Number)
}

/// Closed-set values (`specversion` and every closed set of the schema),
/// near misses of each (another case, a trailing space or `s`), every event
/// type of the registry, a near miss of one, and an unknown type.
fn closed_values() -> &'static [String] {
    static VALUES: OnceLock<Vec<String>> = OnceLock::new();
    VALUES.get_or_init(|| {
        fn walk(fields: &'static [Field], out: &mut BTreeSet<&'static str>) {
            for field in fields {
                let mut shape = field.shape;
                while let Shape::Array(inner) | Shape::Nullable(inner) = shape {
                    shape = *inner;
                }
                match shape {
                    Shape::OneOf(values) => out.extend(values.iter().copied()),
                    Shape::Object(nested) => walk(nested, out),
                    _ => {}
                }
            }
        }
        let mut sets: BTreeSet<&'static str> = ["1.0"].into();
        for ty in EventType::KNOWN {
            walk(ty.data_fields().unwrap_or_default(), &mut sets);
        }
        let mut values = vec!["".to_owned(), "1".to_owned(), "0.3".to_owned()];
        for value in sets {
            let mut upper = value.to_uppercase();
            if upper == value {
                upper = value.to_lowercase();
            }
            values.extend([
                value.to_owned(),
                upper,
                format!("{value} "),
                format!("{value}s"),
            ]);
        }
        values.extend(EventType::KNOWN.iter().map(|ty| ty.as_str().to_owned()));
        values.push("com.qlik.license.lease.created".to_owned());
        values.push("com.example.v1.unknown.type".to_owned());
        values
    })
}

/// A date-time string: one of a few bases, changed once.
#[derive(Arbitrary, Debug)]
struct DateMangle {
    base: u8,
    op: DateOp,
}

#[derive(Arbitrary, Debug)]
enum DateOp {
    Keep,
    Truncate(u8),
    Replace(u8, char),
    Insert(u8, char),
    Remove(u8),
    Lowercase,
    SpaceSeparator,
    /// Replaces the offset: sign, hours, minutes.
    Offset(bool, u8, u8),
    /// Replaces the fraction with this many digits of the number.
    Fraction(u8, u64),
    Raw(String),
}

const DATE_BASES: &[&str] = &[
    "2018-10-30T07:06:22Z",
    "2018-10-30T07:06:22.123456789+05:30",
    "2018-10-30T07:06:22.5-00:00",
    "0000-01-01T00:00:00Z",
    "0000-01-01T00:30:00+01:00",
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59-01:00",
    "2016-12-31T23:59:60Z",
    "2020-02-29T12:00:00Z",
    "2019-02-29T12:00:00Z",
    "1970-01-01T00:00:00.000000000001Z",
];

impl DateMangle {
    fn text(&self) -> String {
        let base = DATE_BASES[usize::from(self.base) % DATE_BASES.len()];
        let mut s: Vec<char> = base.chars().collect();
        let at = |i: u8, len: usize| usize::from(i) % (len + 1);
        match &self.op {
            DateOp::Keep => {}
            DateOp::Truncate(i) => s.truncate(at(*i, s.len())),
            DateOp::Replace(i, c) => {
                let i = at(*i, s.len());
                if i < s.len() {
                    s[i] = *c;
                }
            }
            DateOp::Insert(i, c) => {
                let i = at(*i, s.len());
                s.insert(i, *c);
            }
            DateOp::Remove(i) => {
                let i = at(*i, s.len());
                if i < s.len() {
                    s.remove(i);
                }
            }
            DateOp::Lowercase => return base.to_lowercase(),
            DateOp::SpaceSeparator => return base.replacen('T', " ", 1),
            DateOp::Offset(neg, h, m) => {
                let stem = &base[..19];
                let frac = base[19..].strip_prefix('.').map(|f| {
                    f.chars()
                        .take_while(char::is_ascii_digit)
                        .collect::<String>()
                });
                let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
                return format!(
                    "{stem}{frac}{}{:02}:{:02}",
                    if *neg { '-' } else { '+' },
                    h,
                    m
                );
            }
            DateOp::Fraction(n, digits) => {
                let stem = &base[..19];
                let digits = format!("{digits:020}");
                let n = usize::from(*n) % 21;
                return format!("{stem}.{}Z", &digits[..n]);
            }
            DateOp::Raw(raw) => return raw.clone(),
        }
        s.into_iter().collect()
    }
}

// ---------------------------------------------------------------------------
// A model of the spec: the crate's schema and registry (which the crate's
// `tests/spec.rs` pins to the vendor's pages).

#[derive(Clone, Copy, Debug)]
enum Ty {
    /// A field of the envelope or of a payload, of this shape.
    Of(Shape),
    /// The event's `type`.
    Type,
}

#[derive(Clone, Copy, Debug)]
struct Model {
    ty: Ty,
    required: bool,
    /// Absent reads as its type's default, and is written.
    defaulted: bool,
}

const fn opt(ty: Ty) -> Model {
    Model {
        ty,
        required: false,
        defaulted: false,
    }
}

/// An unknown extension attribute the fixtures do not have.
const EXTENSION: &str = "fuzzext";

/// The fields of the payload of the known type `ty`.
fn data_fields(ty: &str) -> &'static [Field] {
    EventType::from(ty)
        .data_fields()
        .unwrap_or_else(|| panic!("`{ty}` has no schema"))
}

fn envelope_field(ty: &str, key: &str) -> Option<Model> {
    let event_type = EventType::from(ty);
    Some(match key {
        "type" => Model {
            required: true,
            ..opt(Ty::Type)
        },
        "time" => opt(Ty::Of(Shape::DateTime)),
        "specversion" => opt(Ty::Of(Shape::OneOf(&["1.0"]))),
        "data" => Model {
            required: event_type.requires_data(),
            ..opt(Ty::Of(Shape::Object(data_fields(ty))))
        },
        EXTENSION => opt(Ty::Of(Shape::Any)),
        _ => {
            let attr = Attribute::from_name(key)?;
            Model {
                required: attr == Attribute::TenantId && event_type.requires_tenant_id(),
                ..opt(Ty::Of(Shape::String))
            }
        }
    })
}

/// The field of an object of `shape` named `key`.
fn member(shape: Shape, key: &str) -> Option<Model> {
    let field = shape.fields()?.iter().find(|f| f.name == key)?;
    Some(Model {
        ty: Ty::Of(field.shape),
        required: field.presence == Presence::Required,
        defaulted: field.presence == Presence::Defaulted,
    })
}

/// The shape of `shape`'s value itself, once `null` is ruled out.
fn non_null(shape: Shape) -> Shape {
    match shape {
        Shape::Nullable(inner) => non_null(*inner),
        other => other,
    }
}

/// The model's field at `path`.
fn field_at(ty: &str, path: &[Seg]) -> Option<Model> {
    let (first, rest) = path.split_first()?;
    let Seg::Key(key) = first else { return None };
    let mut field = envelope_field(ty, key)?;
    for seg in rest {
        let Ty::Of(shape) = field.ty else { return None };
        field = match (seg, non_null(shape)) {
            (Seg::Key(k), shape @ Shape::Object(_)) => member(shape, k)?,
            // An array element: removing it leaves a shorter array, which
            // is fine.
            (Seg::Index(_), Shape::Array(item)) => opt(Ty::Of(*item)),
            _ => return None,
        };
    }
    Some(field)
}

// ---------------------------------------------------------------------------
// Applying the mutation.

/// A placeholder for an integer literal `serde_json::Value` cannot hold;
/// replaced in the written text.
const BIG_MARKER: &str = "\u{1}fuzz-big-integer\u{1}";

/// The mutated value, classified for the model.
#[derive(Debug)]
enum New {
    Removed,
    Value(Value),
    /// An integer literal outside `i64` and `u64` (text).
    Huge(String),
}

fn new_value(m: &Mutation) -> New {
    match m {
        Mutation::Remove => New::Removed,
        Mutation::Null => New::Value(Value::Null),
        Mutation::Str(s) => New::Value(Value::String(s.clone())),
        Mutation::BigInt(b @ (BigInt::I64MaxPlusOne | BigInt::U64Max)) => {
            New::Value(Value::Number(
                b.text()
                    .parse::<u64>()
                    .map_or(Number::from(0), Number::from),
            ))
        }
        Mutation::BigInt(b) => New::Huge(b.text()),
        Mutation::Int(i) => New::Value(Value::from(*i)),
        Mutation::Float(f) => New::Value(float(*f)),
        Mutation::Object(entries) => New::Value(Value::Object(
            entries
                .iter()
                .map(|(k, v)| {
                    let key = match k {
                        KeyName::Known(i) => {
                            let names = key_names();
                            names[usize::from(*i) % names.len()].to_owned()
                        }
                        KeyName::Other(s) => s.clone(),
                    };
                    (key, v.value())
                })
                .collect(),
        )),
        Mutation::Array(items) => New::Value(Value::Array(items.iter().map(Leaf::value).collect())),
        Mutation::Bool(b) => New::Value(Value::Bool(*b)),
        Mutation::ClosedSet(i) => {
            let values = closed_values();
            New::Value(Value::String(
                values[usize::from(*i) % values.len()].clone(),
            ))
        }
        Mutation::Date(d) => New::Value(Value::String(d.text())),
    }
}

/// Every path the mutation may target: what the fixture holds (top level,
/// and everything under `data`), and known optional fields it leaves out.
fn targets(ty: &str, top: &[(String, Value)]) -> Vec<Vec<Seg>> {
    fn walk(v: &Value, path: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    path.push(Seg::Key(k.clone()));
                    out.push(path.clone());
                    walk(v, path, out);
                    path.pop();
                }
            }
            Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    path.push(Seg::Index(i));
                    out.push(path.clone());
                    walk(v, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (k, v) in top {
        let mut path = vec![Seg::Key(k.clone())];
        out.push(path.clone());
        if k == "data" {
            walk(v, &mut path, &mut out);
        }
    }
    // Absent ones: envelope attributes, and the fields of every object
    // under `data` that the fixture leaves out.
    let present = |path: &[Seg]| out.iter().any(|p| p.as_slice() == path);
    let mut absent = Vec::new();
    let names = Attribute::ALL
        .iter()
        .map(|a| a.name())
        .chain(["time", "specversion", EXTENSION]);
    for key in names {
        let path = vec![Seg::Key(key.to_owned())];
        if !present(&path) {
            absent.push(path);
        }
    }
    for path in &out {
        let Some(Model {
            ty: Ty::Of(shape), ..
        }) = field_at(ty, path)
        else {
            continue;
        };
        let Shape::Object(fields) = non_null(shape) else {
            continue;
        };
        if !matches!(value_at(top, path), Some(Value::Object(_))) {
            continue;
        }
        for field in fields {
            let mut field_path = path.clone();
            field_path.push(Seg::Key(field.name.to_owned()));
            if !present(&field_path) {
                absent.push(field_path);
            }
        }
    }
    out.extend(absent);
    out
}

/// The value at `path` in the top-level members.
fn value_at<'a>(top: &'a [(String, Value)], path: &[Seg]) -> Option<&'a Value> {
    let (Seg::Key(first), rest) = path.split_first()? else {
        return None;
    };
    let (_, value) = top.iter().find(|(k, _)| k == first)?;
    get(value, rest)
}

fn get_mut<'a>(v: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.as_object_mut()?.get_mut(k),
        Seg::Index(i) => v.as_array_mut()?.get_mut(*i),
    })
}

fn get<'a>(v: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.as_object()?.get(k),
        Seg::Index(i) => v.as_array()?.get(*i),
    })
}

/// Applies the mutation below the top level (`path` has at least two steps).
fn apply_nested(root: &mut Value, path: &[Seg], new: &Value, remove: bool) {
    let Some((last, parent_path)) = path.split_last() else {
        return;
    };
    let Some(parent) = get_mut(root, parent_path) else {
        return;
    };
    match (last, parent) {
        (Seg::Key(k), Value::Object(m)) => {
            if remove {
                m.remove(k);
            } else {
                m.insert(k.clone(), new.clone());
            }
        }
        (Seg::Index(i), Value::Array(a)) if *i < a.len() => {
            if remove {
                a.remove(*i);
            } else {
                a[*i] = new.clone();
            }
        }
        _ => {}
    }
}

/// Writes the top-level object by hand, in the chosen key order.
fn write(top: &[(String, Value)], order: Order) -> String {
    let mut keys: Vec<&(String, Value)> = top.iter().collect();
    match order {
        Order::AsPublished => {}
        Order::Reversed => keys.reverse(),
        Order::Rotated(n) if !keys.is_empty() => {
            let n = usize::from(n) % keys.len();
            keys.rotate_left(n);
        }
        Order::Rotated(_) => {}
    }
    let mut out = String::from("{");
    for (i, (k, v)) in keys.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(k).unwrap_or_default());
        out.push(':');
        out.push_str(&serde_json::to_string(v).unwrap_or_default());
    }
    out.push('}');
    out
}

/// Reads the top-level object keeping the published key order.
fn top_level(bytes: &[u8]) -> Vec<(String, Value)> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Vec<(String, Value)>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut m: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(entry) = m.next_entry()? {
                out.push(entry);
            }
            Ok(out)
        }
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde::Deserializer::deserialize_map(&mut de, V).expect("fixtures are JSON objects")
}

// ---------------------------------------------------------------------------
// The expected outcome.

#[derive(Debug)]
enum Expect {
    Accept,
    /// Rejected at the mutated path, with this kind (when the model knows).
    Reject(Option<ErrorKind>),
    /// Either; an error must be at the mutated path or inside it.
    Within,
    /// Either, with an error anywhere (a change of `type`).
    Anything,
}

/// RFC 3339 (as chrono reads it), and in the years 0000..=9999 once in UTC
/// (anything else cannot be written back in UTC as RFC 3339).
fn is_valid_date(s: &str) -> bool {
    use chrono::Datelike;
    chrono::DateTime::parse_from_rfc3339(s)
        .is_ok_and(|dt| (0..=9999).contains(&dt.with_timezone(&chrono::Utc).year()))
}

fn is_i64(v: &Value) -> bool {
    v.as_i64().is_some()
}

fn is_integer(v: &Value) -> bool {
    v.as_i64().is_some() || v.as_u64().is_some()
}

fn expect(field: Option<Model>, original_type: &str, new: &New) -> Expect {
    use ErrorKind::MissingField;
    let Some(field) = field else {
        return Expect::Within;
    };
    let value = match new {
        New::Removed if field.required => return Expect::Reject(Some(MissingField)),
        New::Removed => return Expect::Accept,
        New::Huge(_) if matches!(field.ty, Ty::Of(Shape::Any)) => return Expect::Within,
        New::Huge(_) => return Expect::Reject(None),
        New::Value(v) => v,
    };
    match field.ty {
        Ty::Type => match value {
            // Every event has a non-empty `type`.
            Value::String(s) if s.is_empty() => Expect::Reject(Some(ErrorKind::InvalidValue)),
            Value::String(s) if s == original_type => Expect::Accept,
            Value::String(s) if EventType::known(s).is_none() => Expect::Accept,
            Value::String(_) => Expect::Anything,
            other => wrong_type(Shape::String, other),
        },
        Ty::Of(shape) => expect_value(shape, value),
    }
}

/// What a value of the wrong JSON type for `shape` gives.
fn wrong_type(shape: Shape, value: &Value) -> Expect {
    // `serde_json` hands integers past the `u64` range over as floats, so
    // the crate calls an integral float of 2^63 or more (in magnitude) out
    // of range rather than of the wrong type.
    match value.as_f64() {
        Some(f) if value.is_f64() && f.fract() == 0.0 && f.abs() >= 9_223_372_036_854_775_808.0 => {
            if matches!(shape, Shape::Integer | Shape::LicenseNumber) {
                Expect::Reject(Some(ErrorKind::InvalidValue))
            } else {
                Expect::Reject(None)
            }
        }
        _ => Expect::Reject(Some(ErrorKind::InvalidType)),
    }
}

/// What a value of `shape` given `value` gives.
fn expect_value(shape: Shape, value: &Value) -> Expect {
    use ErrorKind::InvalidValue;
    match (shape, value) {
        (Shape::Any, _) => Expect::Accept,
        (Shape::Nullable(_), Value::Null) => Expect::Accept,
        (Shape::Nullable(inner), v) => expect_value(*inner, v),
        (Shape::String, Value::String(_)) => Expect::Accept,
        (Shape::Integer, v) if is_i64(v) => Expect::Accept,
        (Shape::Integer, v) if is_integer(v) => Expect::Reject(Some(InvalidValue)),
        (Shape::Boolean, Value::Bool(_)) => Expect::Accept,
        (Shape::LicenseNumber, Value::String(_)) => Expect::Accept,
        (Shape::LicenseNumber, v) if is_integer(v) => Expect::Accept,
        (Shape::DateTime, Value::String(s)) => {
            if is_valid_date(s) {
                Expect::Accept
            } else {
                Expect::Reject(Some(InvalidValue))
            }
        }
        (Shape::OneOf(set), Value::String(s)) => {
            if set.contains(&s.as_str()) {
                Expect::Accept
            } else {
                Expect::Reject(Some(InvalidValue))
            }
        }
        (Shape::Object(_), Value::Object(_)) | (Shape::Array(_), Value::Array(_)) => Expect::Within,
        (
            Shape::String
            | Shape::Integer
            | Shape::Boolean
            | Shape::LicenseNumber
            | Shape::DateTime
            | Shape::OneOf(_)
            | Shape::Object(_)
            | Shape::Array(_),
            v,
        ) => wrong_type(shape, v),
        // `Shape` is `#[non_exhaustive]`: a shape added to the crate stops
        // the fuzzer on its first mutation of it, naming it.
        (other, _) => panic!("no model of the shape `{other}`: add it to `expect_value`"),
    }
}

/// After an accepted mutation: the event as written holds the new value
/// (after the documented normalisations).
fn check_value(written: &Value, path: &[Seg], field: Option<Model>, new: &New) {
    let got = get(written, path);
    let field = field.unwrap_or(opt(Ty::Of(Shape::Any)));
    match new {
        New::Removed if field.defaulted => {
            // Written as its default: `null` for any JSON value.
            let expected = match field.ty {
                Ty::Of(Shape::Any | Shape::Nullable(_)) => Some(&Value::Null),
                _ => got,
            };
            assert!(got.is_some(), "absent {} not written", render(path));
            assert_eq!(got, expected, "absent {} not written as null", render(path));
        }
        New::Removed => {
            // Removing an array element shifts the others; nothing to compare.
            if !matches!(path.last(), Some(Seg::Index(_))) {
                assert_eq!(got, None, "removed {} written back", render(path));
            }
        }
        New::Huge(text) => {
            // Only `Any` accepts these: held as a float.
            let expected: Option<f64> = text.parse().ok();
            assert_eq!(
                got.and_then(Value::as_f64),
                expected,
                "{} changed",
                render(path)
            );
        }
        New::Value(v) => {
            let shape = match field.ty {
                Ty::Type => {
                    assert_eq!(got, Some(v), "type changed");
                    return;
                }
                Ty::Of(shape) if v.is_null() => shape,
                Ty::Of(shape) => non_null(shape),
            };
            match (shape, v) {
                (Shape::LicenseNumber, Value::Number(n)) => {
                    assert_eq!(
                        got,
                        Some(&Value::String(n.to_string())),
                        "license number changed"
                    )
                }
                (Shape::DateTime, Value::String(s)) => {
                    let sent = chrono::DateTime::parse_from_rfc3339(s).ok();
                    let got_time = got
                        .and_then(Value::as_str)
                        .and_then(|g| chrono::DateTime::parse_from_rfc3339(g).ok());
                    assert_eq!(
                        got_time,
                        sent,
                        "{} changed: sent {s:?}, written {got:?}",
                        render(path)
                    );
                    let written = got.and_then(Value::as_str).unwrap_or_default();
                    assert!(
                        written.ends_with('Z'),
                        "{} not written in UTC: {written:?}",
                        render(path)
                    );
                }
                (Shape::Object(_) | Shape::Array(_), _) => {}
                _ => assert_eq!(got, Some(v), "{} changed", render(path)),
            }
        }
    }
}

fuzz_target!(|input: Input| {
    let fixtures = fixtures();
    let (fixture_type, fixture) = &fixtures[usize::from(input.fixture) % fixtures.len()];
    let mut top = top_level(fixture);
    let paths = targets(fixture_type, &top);
    let path = &paths[usize::from(input.target) % paths.len()];
    let rendered = render(path);
    let new = new_value(&input.mutation);

    // Apply.
    let (replacement, remove) = match &new {
        New::Removed => (Value::Null, true),
        New::Value(v) => (v.clone(), false),
        New::Huge(_) => (Value::String(BIG_MARKER.into()), false),
    };
    if let [Seg::Key(key)] = path.as_slice() {
        match top.iter_mut().find(|(k, _)| k == key) {
            Some(_) if remove => top.retain(|(k, _)| k != key),
            Some((_, v)) => *v = replacement,
            None if remove => {}
            None => top.push((key.clone(), replacement)),
        }
    } else if let Some((_, data)) = top.iter_mut().find(|(k, _)| k == "data") {
        apply_nested(data, &path[1..], &replacement, remove);
    }
    let mut text = write(&top, input.order);
    if let New::Huge(digits) = &new {
        let marker = serde_json::to_string(BIG_MARKER).unwrap_or_default();
        text = text.replacen(&marker, digits, 1);
    }

    let field = field_at(fixture_type, path);
    let expected = expect(field, fixture_type, &new);
    // Every generic property of `from_slice` (round trip included).
    let result = check_from_slice(text.as_bytes());

    match (&expected, &result) {
        (Expect::Accept, Ok(event)) => {
            let written = serde_json::to_value(event).expect("serializes");
            check_value(&written, path, field, &new);
            if let (Some(Ty::Type), New::Value(Value::String(s))) = (field.map(|f| f.ty), &new) {
                assert_eq!(event.event_type().as_str(), s);
                if EventType::known(s).is_none() {
                    assert!(matches!(event, QlikEvent::Unknown(_)));
                }
            }
        }
        (Expect::Accept, Err(err)) => {
            panic!("mutation of {rendered} to {new:?} must be accepted, got {err:?}\ninput: {text}")
        }
        (Expect::Reject(kind), Err(err)) => {
            assert_eq!(
                err.path(),
                rendered,
                "mutation of {rendered} to {new:?}: error at another path: {err:?}\ninput: {text}"
            );
            if let Some(kind) = kind {
                assert_eq!(
                    err.kind(),
                    *kind,
                    "mutation of {rendered} to {new:?}: wrong error kind: {err:?}\ninput: {text}"
                );
            }
        }
        (Expect::Reject(_), Ok(event)) => {
            panic!(
                "mutation of {rendered} to {new:?} must be rejected, got {event:?}\ninput: {text}"
            )
        }
        (Expect::Within, Err(err)) => assert!(
            is_within(err.path(), &rendered),
            "mutation of {rendered} to {new:?}: error outside it: {err:?}\ninput: {text}"
        ),
        (Expect::Within | Expect::Anything, _) => {}
    }
});
