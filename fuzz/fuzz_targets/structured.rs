//! Structure-aware fuzzing: one mutation of one published example.
//!
//! The input (decoded with `arbitrary`) picks one of the ten fixtures, a
//! JSON path in it (a top-level attribute, or a field of `data` at any
//! depth, or a known optional field the fixture leaves out) and one
//! [`Mutation`]; the mutated event is written (with the top-level keys in
//! one of several orders, so that `data` may come before `type`) and given to
//! `qlik_events::from_slice`.
//!
//! A small model of the spec (which fields exist, their types, which are
//! required) says what must happen:
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

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use qlik_events::{ErrorKind, EventType, QlikEvent};
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

const KEY_NAMES: &[&str] = &[
    "type",
    "data",
    "id",
    "time",
    "specversion",
    "tenantid",
    "name",
    "size",
    "excess",
    "license",
    "resource",
    "createdAt",
    "updatedAt",
    "excessQuantity",
    "leasedQuantity",
    "licenseQuantity",
    "licenseUnlimited",
    "_updates",
    "path",
    "newValue",
    "oldValue",
    "origin",
    "subject",
    "message",
    "unit",
    "quota",
    "usage",
    "spaceUsages",
    "spaceId",
    "dataVolume",
    "volume",
    "localVolume",
    "externalVolume",
    "consumptionType",
    "totalLocalConsumption",
    "parentLicense",
    "valid",
    "Start",
    "Stop",
    "latestValidTime",
];

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

/// Closed-set values, near misses, and event types.
const CLOSED: &[&str] = &[
    "1.0",
    "1.0 ",
    "0.3",
    "1",
    "internal",
    "external",
    "Internal",
    "EXTERNAL",
    "byte",
    "bytes",
    "Byte",
    "appSizeTotalDefault",
    "appsizetotaldefault",
    "",
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
    "com.example.v1.unknown.type",
    "com.qlik.license.lease.created",
];

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
// A model of the spec.

#[derive(Clone, Copy, Debug, PartialEq)]
enum Ty {
    Str,
    I64,
    Bool,
    Date,
    NullableDate,
    License,
    Closed(&'static [&'static str]),
    /// Any JSON value (extensions, `newValue`, `Start`).
    Any,
    Object,
    Array,
    Type,
}

#[derive(Clone, Copy, Debug)]
struct Field {
    ty: Ty,
    required: bool,
    /// Absent reads (and is written) as `null`.
    null_default: bool,
}

const fn req(ty: Ty) -> Field {
    Field {
        ty,
        required: true,
        null_default: false,
    }
}
const fn opt(ty: Ty) -> Field {
    Field {
        ty,
        required: false,
        null_default: false,
    }
}

const ORIGIN: &[&str] = &["internal", "external"];
const UNIT: &[&str] = &["byte"];
const QUOTA: &[&str] = &["appSizeTotalDefault"];
const SPECVERSION: &[&str] = &["1.0"];

const ENVELOPE_STRINGS: &[&str] = &[
    "id",
    "source",
    "datacontenttype",
    "subject",
    "dataschema",
    "authtype",
    "authclaims",
    "tracestate",
    "traceparent",
    "userid",
    "tenantid",
    "sessionid",
    "host",
    "ownerid",
    "originip",
    "reason",
    "spaceid",
    "clientid",
    "toplevelresourceid",
];

/// An unknown extension attribute the fixtures do not have.
const EXTENSION: &str = "fuzzext";

fn envelope_field(ty: &str, key: &str) -> Option<Field> {
    Some(match key {
        "type" => req(Ty::Type),
        "time" => opt(Ty::Date),
        "specversion" => opt(Ty::Closed(SPECVERSION)),
        "data" => Field {
            required: ty != "com.qlik.v1.app-usage.quota.consumed",
            ..req(Ty::Object)
        },
        "tenantid" => Field {
            required: matches!(
                ty,
                "com.qlik.license.definition.updated"
                    | "com.qlik.v1.license.tenant.associated"
                    | "com.qlik.v1.app-usage.quota.consumed"
            ),
            ..req(Ty::Str)
        },
        k if ENVELOPE_STRINGS.contains(&k) => opt(Ty::Str),
        EXTENSION => opt(Ty::Any),
        _ => return None,
    })
}

const ASSIGNMENT: &[(&str, Field)] = &[
    ("type", req(Ty::Str)),
    ("origin", req(Ty::Closed(ORIGIN))),
    ("license", req(Ty::License)),
    ("subject", req(Ty::Str)),
];
const ASSIGNMENT_REJECTED: &[(&str, Field)] = &[
    ("type", req(Ty::Str)),
    ("origin", req(Ty::Closed(ORIGIN))),
    ("license", req(Ty::License)),
    ("message", opt(Ty::Str)),
    ("subject", req(Ty::Str)),
];
const DATA_VOLUME_CONSUMPTION: &[(&str, Field)] = &[
    ("total", opt(Ty::I64)),
    ("dataVolume", req(Ty::Object)),
    ("globalConsumption", opt(Ty::I64)),
    ("globalConsumptionUnit", opt(Ty::Str)),
    ("totalLocalConsumption", req(Ty::I64)),
    ("licenseHighWatermarkWithinMonth", opt(Ty::I64)),
    ("licenseHighWatermarkWithinMonthUnit", opt(Ty::Str)),
];
const DEFINITION: &[(&str, Field)] = &[
    ("license", req(Ty::License)),
    ("parentLicense", opt(Ty::Str)),
    ("capabilityBankId", opt(Ty::Str)),
    ("valid", opt(Ty::Object)),
    ("changeTime", opt(Ty::Date)),
    ("updateTime", opt(Ty::Date)),
    ("licenseType", opt(Ty::Str)),
    ("latestValidTime", opt(Ty::NullableDate)),
];
const TENANT: &[(&str, Field)] = &[
    ("license", req(Ty::License)),
    ("parentLicense", req(Ty::Str)),
    ("previousLicense", opt(Ty::Str)),
    ("capabilityBankId", opt(Ty::Str)),
    ("previousParentLicense", opt(Ty::Str)),
    ("updateTime", opt(Ty::Date)),
];
const QUOTA_CONSUMED: &[(&str, Field)] = &[
    ("unit", req(Ty::Closed(UNIT))),
    ("quota", req(Ty::Closed(QUOTA))),
    ("usage", req(Ty::I64)),
    ("spaceUsages", opt(Ty::Array)),
];

/// The fields of the payload of `ty`, in the model.
fn data_fields(ty: &str) -> &'static [(&'static str, Field)] {
    match ty {
        "com.qlik.license.assignment.deleted" | "com.qlik.license.assignment.updated" => ASSIGNMENT,
        "com.qlik.license.assignment.rejected" => ASSIGNMENT_REJECTED,
        "com.qlik.license.data.volume.consumption.aggregated" => DATA_VOLUME_CONSUMPTION,
        "com.qlik.license.definition.updated" => DEFINITION,
        "com.qlik.v1.license.lease.created" | "com.qlik.v1.license.lease.deleted" => LEASE,
        "com.qlik.v1.license.lease.updated" => LEASE_UPDATED,
        "com.qlik.v1.license.tenant.associated" => TENANT,
        "com.qlik.v1.app-usage.quota.consumed" => QUOTA_CONSUMED,
        // Only the fixtures' types get here: a type of the registry with no
        // model here fails loudly instead of going unmutated.
        other => panic!("no model of the payload of `{other}`: add it to `data_fields`"),
    }
}

macro_rules! lease_fields {
    ($($extra:tt)*) => {
        &[
            ("name", req(Ty::Str)),
            ("size", req(Ty::I64)),
            ("excess", req(Ty::Bool)),
            ("license", req(Ty::License)),
            $($extra)*
            ("resource", req(Ty::Str)),
            ("createdAt", req(Ty::NullableDate)),
            ("updatedAt", req(Ty::Date)),
            ("excessQuantity", req(Ty::I64)),
            ("leasedQuantity", req(Ty::I64)),
            ("licenseQuantity", req(Ty::I64)),
            ("licenseUnlimited", req(Ty::Bool)),
        ]
    };
}
const LEASE: &[(&str, Field)] = lease_fields!();
const LEASE_UPDATED: &[(&str, Field)] = lease_fields!(("_updates", opt(Ty::Array)),);

const DATA_VOLUME: &[(&str, Field)] = &[
    ("unit", req(Ty::Str)),
    ("volume", opt(Ty::I64)),
    ("localVolume", req(Ty::I64)),
    ("externalVolume", req(Ty::I64)),
    ("consumptionType", req(Ty::Str)),
];
const LEASE_UPDATE: &[(&str, Field)] = &[
    ("path", req(Ty::Str)),
    (
        "newValue",
        Field {
            ty: Ty::Any,
            required: false,
            null_default: true,
        },
    ),
    (
        "oldValue",
        Field {
            ty: Ty::Any,
            required: false,
            null_default: true,
        },
    ),
];
const SPACE_USAGE: &[(&str, Field)] = &[
    ("unit", opt(Ty::Closed(UNIT))),
    ("usage", opt(Ty::I64)),
    ("spaceId", opt(Ty::Str)),
];
const VALIDITY: &[(&str, Field)] = &[("Start", opt(Ty::Any)), ("Stop", opt(Ty::Any))];

/// The fields of the object at `path` (which must be a container).
fn object_fields(ty: &str, path: &[Seg]) -> &'static [(&'static str, Field)] {
    let keys: Vec<&str> = path
        .iter()
        .filter_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
        .collect();
    match keys.as_slice() {
        ["data"] => data_fields(ty),
        ["data", "dataVolume"] => DATA_VOLUME,
        ["data", "_updates"] => LEASE_UPDATE,
        ["data", "spaceUsages"] => SPACE_USAGE,
        ["data", "valid"] => VALIDITY,
        _ => &[],
    }
}

/// The model's field at `path`.
fn field_at(ty: &str, path: &[Seg]) -> Option<Field> {
    let (last, parent) = path.split_last()?;
    match last {
        Seg::Key(k) if parent.is_empty() => envelope_field(ty, k),
        Seg::Key(k) => object_fields(ty, parent)
            .iter()
            .find(|(name, _)| name == k)
            .map(|(_, f)| *f),
        // An element of `_updates` or `spaceUsages`: an object, and removing
        // it leaves a shorter array, which is fine.
        Seg::Index(_) => Some(opt(Ty::Object)),
    }
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
                            KEY_NAMES[usize::from(*i) % KEY_NAMES.len()].to_owned()
                        }
                        KeyName::Other(s) => s.clone(),
                    };
                    (key, v.value())
                })
                .collect(),
        )),
        Mutation::Array(items) => New::Value(Value::Array(items.iter().map(Leaf::value).collect())),
        Mutation::Bool(b) => New::Value(Value::Bool(*b)),
        Mutation::ClosedSet(i) => New::Value(Value::String(
            CLOSED[usize::from(*i) % CLOSED.len()].to_owned(),
        )),
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
    // Absent ones.
    let present = |path: &[Seg]| out.iter().any(|p| p.as_slice() == path);
    let mut absent = Vec::new();
    for key in ENVELOPE_STRINGS
        .iter()
        .chain(&["time", "specversion", EXTENSION])
    {
        let path = vec![Seg::Key((*key).to_owned())];
        if !present(&path) {
            absent.push(path);
        }
    }
    for (key, _) in data_fields(ty) {
        let path = vec![Seg::Key("data".into()), Seg::Key((*key).to_owned())];
        if !present(&path) {
            absent.push(path);
        }
    }
    if ty == "com.qlik.v1.license.lease.updated" {
        for key in ["newValue", "oldValue"] {
            let path = vec![
                Seg::Key("data".into()),
                Seg::Key("_updates".into()),
                Seg::Index(0),
                Seg::Key(key.into()),
            ];
            if !present(&path) {
                absent.push(path);
            }
        }
    }
    out.extend(absent);
    out
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

fn expect(field: Option<Field>, original_type: &str, new: &New) -> Expect {
    use ErrorKind::{InvalidType, InvalidValue, MissingField};
    let Some(field) = field else {
        return Expect::Within;
    };
    let value = match new {
        New::Removed if field.required => return Expect::Reject(Some(MissingField)),
        New::Removed => return Expect::Accept,
        New::Huge(_) if field.ty == Ty::Any => return Expect::Within,
        New::Huge(_) => return Expect::Reject(None),
        New::Value(v) => v,
    };
    // `serde_json` hands integers past the `u64` range over as floats, so
    // the crate calls an integral float of 2^63 or more (in magnitude) out
    // of range rather than of the wrong type.
    let wrong_type = match value.as_f64() {
        Some(f) if value.is_f64() && f.fract() == 0.0 && f.abs() >= 9_223_372_036_854_775_808.0 => {
            if matches!(field.ty, Ty::I64 | Ty::License) {
                Expect::Reject(Some(InvalidValue))
            } else {
                Expect::Reject(None)
            }
        }
        _ => Expect::Reject(Some(InvalidType)),
    };
    match (field.ty, value) {
        (Ty::Any, _) => Expect::Accept,
        (Ty::Str, Value::String(_)) => Expect::Accept,
        (Ty::I64, v) if is_i64(v) => Expect::Accept,
        (Ty::I64, v) if is_integer(v) => Expect::Reject(Some(InvalidValue)),
        (Ty::Bool, Value::Bool(_)) => Expect::Accept,
        (Ty::License, Value::String(_)) => Expect::Accept,
        (Ty::License, v) if is_integer(v) => Expect::Accept,
        (Ty::NullableDate, Value::Null) => Expect::Accept,
        (Ty::Date | Ty::NullableDate, Value::String(s)) => {
            if is_valid_date(s) {
                Expect::Accept
            } else {
                Expect::Reject(Some(InvalidValue))
            }
        }
        (Ty::Closed(set), Value::String(s)) => {
            if set.contains(&s.as_str()) {
                Expect::Accept
            } else {
                Expect::Reject(Some(InvalidValue))
            }
        }
        (Ty::Object, Value::Object(_)) | (Ty::Array, Value::Array(_)) => Expect::Within,
        (Ty::Type, Value::String(s)) if s == original_type => Expect::Accept,
        (Ty::Type, Value::String(s)) if EventType::known(s).is_none() => Expect::Accept,
        (Ty::Type, Value::String(_)) => Expect::Anything,
        _ => wrong_type,
    }
}

/// After an accepted mutation: the event as written holds the new value
/// (after the documented normalisations).
fn check_value(written: &Value, path: &[Seg], field: Option<Field>, new: &New) {
    let got = get(written, path);
    let field = field.unwrap_or(opt(Ty::Any));
    match new {
        New::Removed if field.null_default => {
            assert_eq!(
                got,
                Some(&Value::Null),
                "absent {} not written as null",
                render(path)
            )
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
        New::Value(v) => match (field.ty, v) {
            (Ty::License, Value::Number(n)) => {
                assert_eq!(
                    got,
                    Some(&Value::String(n.to_string())),
                    "license number changed"
                )
            }
            (Ty::Date | Ty::NullableDate, Value::String(s)) => {
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
            (Ty::Type, _) => assert_eq!(got, Some(v), "type changed"),
            (Ty::Object | Ty::Array, _) => {}
            _ => assert_eq!(got, Some(v), "{} changed", render(path)),
        },
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
