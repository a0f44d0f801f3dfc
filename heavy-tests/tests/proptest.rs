//! Property tests.
//!
//! Every event type comes from the crate's registry ([`EventType::KNOWN`])
//! and every payload field from its schema ([`EventType::data_fields`],
//! which the crate's `tests/spec.rs` pins to the vendor's pages): nothing
//! here describes a type by hand, so a new type is generated, corrupted and
//! checked as soon as it has its registry row, and a shape this file cannot
//! generate fails every property by name.
//!
//! 1. Round trips: events of every type, whose `data` is an arbitrary valid
//!    value of the type's schema (strings with any `char`, quotes,
//!    backslashes, control characters; `i64`s over the full range; times
//!    from year 0 to 9999 with nanoseconds; any value of a closed set;
//!    license numbers as JSON numbers and strings; nested objects and
//!    arrays; nullable fields `null` or a value; JSON of small depth where
//!    any value goes; optional fields present or absent; unknown keys kept
//!    as `extra`), read as the typed payload through
//!    [`qlik_events::from_slice`] and built with [`Event::builder`] around
//!    an arbitrary envelope (with arbitrary extensions), are written and
//!    read back as themselves, by [`qlik_events::from_slice`],
//!    [`qlik_events::from_str`] and `Event::<T>::from_slice`. When the
//!    envelope fits the CloudEvents type system (`id`, `source` and
//!    `specversion` present, extension values strings, booleans or integers,
//!    a JSON `datacontenttype`, a URL `dataschema`), the JSON also reads as a
//!    `cloudevents::Event` with the same attributes, extensions and data.
//! 2. Corruption: one field of a valid event is changed (a value of the wrong
//!    JSON type, `null` on a non-nullable field, a string outside a closed
//!    set, an integer outside the `i64` range, a bad date-time, a number
//!    too large for any JSON number type, a required field removed, a key
//!    written twice). Reading it is always an error, of the kind that matches
//!    the change, whose `path()` names exactly the changed field, whose
//!    position points into the changed text, and `Event::<T>::from_slice`
//!    agrees. Each corrupted event is written both with `type` first and
//!    with `type` last (so that `data` is held raw until `type` is known).
//!    The fields, their shapes and which are required come from the schema
//!    and the registry.
//! 3. No panics: arbitrary bytes, arbitrary JSON-ish token soups and randomly
//!    edited fixtures never panic `from_slice`, `from_str` or
//!    `stream::events`; an error always has a position inside the input;
//!    `from_str` agrees with `from_slice`; whatever is accepted round-trips.
//!
//! Each property runs 256 cases (`PROPTEST_CASES` overrides).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../tests/common/mod.rs"]
mod common;

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, SecondsFormat, Utc};
use cloudevents::AttributesReader;
use cloudevents::event::ExtensionValue;
use common::schema_paths::{field_paths, value_paths};
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::strategy::{Union, ValueTree};
use proptest::test_runner::TestRunner;
use qlik_events::builder::EventBuilder;
use qlik_events::schema::{Field, Presence, Shape};
use qlik_events::{
    Attribute, Error, ErrorKind, Event, EventData, EventType, EventVisitor, QlikEvent,
    UnknownEvent, samples, stream,
};
use serde_json::{Map, Value};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        // No regression files in the source tree; a failure prints its
        // minimal input.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Values.

/// Any string: every `char` is possible, with JSON's special characters and
/// a few awkward code points made likely.
fn text() -> BoxedStrategy<String> {
    let special = select(vec![
        '"',
        '\\',
        '/',
        '\0',
        '\u{8}',
        '\u{c}',
        '\n',
        '\r',
        '\t',
        '\u{1f}',
        '\u{7f}',
        '\u{80}',
        '\u{2028}',
        '\u{2029}',
        '\u{feff}',
        '\u{fffd}',
        '\u{ffff}',
        '\u{10ffff}',
        '😀',
        'é',
    ]);
    let ch = prop_oneof![
        3 => any::<char>(),
        3 => proptest::char::range(' ', '~'),
        2 => special,
    ];
    vec(ch, 0..12)
        .prop_map(|chars| chars.into_iter().collect())
        .boxed()
}

fn i64s() -> BoxedStrategy<i64> {
    prop_oneof![
        4 => any::<i64>(),
        1 => Just(i64::MIN),
        1 => Just(i64::MAX),
        1 => -2i64..=2,
    ]
    .boxed()
}

/// 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z, the range RFC
/// 3339 can write, with any nanoseconds.
fn times() -> BoxedStrategy<DateTime<Utc>> {
    (-62_167_219_200i64..=253_402_300_799, 0u32..1_000_000_000)
        .prop_map(|(s, ns)| DateTime::from_timestamp(s, ns).unwrap())
        .boxed()
}

/// Numbers: integers over the full `i64` and `u64` ranges, short decimals
/// and any finite `f64`.
fn json_number() -> BoxedStrategy<Value> {
    prop_oneof![
        i64s().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (any::<i32>(), 0u32..6).prop_map(|(m, e)| Value::from(f64::from(m) / 10f64.powi(e as i32))),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
    ]
    .boxed()
}

/// JSON of depth at most 3.
fn json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        json_number(),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map(text(), inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// A date-time as RFC 3339 text in UTC, with as many fraction digits as it
/// needs (none, 3, 6 or 9).
fn rfc3339(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

// ---------------------------------------------------------------------------
// Payloads, from the schema.

/// Any valid value of a field of this shape.
fn value_of(shape: Shape) -> BoxedStrategy<Value> {
    match shape {
        Shape::String => text().prop_map(Value::from).boxed(),
        Shape::DateTime => times().prop_map(|t| Value::from(rfc3339(t))).boxed(),
        Shape::Integer => i64s().prop_map(Value::from).boxed(),
        Shape::Boolean => any::<bool>().prop_map(Value::from).boxed(),
        Shape::OneOf(values) => select(values.to_vec()).prop_map(Value::from).boxed(),
        // A JSON integer in the range of `u64` or `i64`, or any string.
        Shape::LicenseNumber => prop_oneof![
            text().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
        ]
        .boxed(),
        Shape::Object(fields) => object_of(fields).prop_map(Value::Object).boxed(),
        Shape::Array(item) => vec(value_of(*item), 0..4).prop_map(Value::Array).boxed(),
        Shape::Nullable(inner) => option::of(value_of(*inner))
            .prop_map(|v| v.unwrap_or(Value::Null))
            .boxed(),
        Shape::Any => json(),
        // `Shape` is `#[non_exhaustive]`: a shape added to the crate fails
        // every property that draws known events until it has its arm.
        other => panic!("no strategy for the shape `{other}` ({other:?}): add it to `value_of`"),
    }
}

/// Keys other than the object's own fields: kept as `extra`.
fn extras(fields: &'static [Field]) -> BoxedStrategy<Vec<(String, Value)>> {
    vec((text(), json()), 0..3)
        .prop_map(move |kv| {
            kv.into_iter()
                .filter(|(k, _)| fields.iter().all(|f| f.name != k))
                .collect()
        })
        .boxed()
}

/// Whether a field of this presence may be left out of its object.
fn may_be_absent(presence: Presence) -> bool {
    match presence {
        Presence::Required => false,
        Presence::Optional | Presence::Defaulted => true,
        other => panic!("no rule for the presence {other:?}: add it to `may_be_absent`"),
    }
}

/// Any valid object with these fields: every required one, each optional
/// one present or absent, and unknown keys.
fn object_of(fields: &'static [Field]) -> BoxedStrategy<Map<String, Value>> {
    let members: Vec<BoxedStrategy<Option<(&'static str, Value)>>> = fields
        .iter()
        .map(|field| {
            let name = field.name;
            let value = value_of(field.shape).prop_map(move |v| (name, v));
            if may_be_absent(field.presence) {
                option::of(value).boxed()
            } else {
                value.prop_map(Some).boxed()
            }
        })
        .collect();
    (members, extras(fields))
        .prop_map(|(members, extra)| {
            let mut object: Map<String, Value> = extra.into_iter().collect();
            for (name, value) in members.into_iter().flatten() {
                object.insert(name.to_owned(), value);
            }
            object
        })
        .boxed()
}

/// The fields of the known type `ty`'s `data`.
fn data_fields(ty: &EventType) -> &'static [Field] {
    ty.data_fields()
        .unwrap_or_else(|| panic!("`{ty}` has no schema"))
}

/// The `data` of an event of the known type `ty`: absent only where the
/// registry says it is optional.
fn data_of(ty: &EventType) -> BoxedStrategy<Option<Value>> {
    let data = object_of(data_fields(ty)).prop_map(Value::Object);
    if ty.requires_data() {
        data.prop_map(Some).boxed()
    } else {
        option::of(data).boxed()
    }
}

/// An event's type and `data`, before the envelope is chosen.
#[derive(Clone, Debug)]
struct Payload {
    ty: String,
    data: Option<Value>,
}

/// Payloads of every type of the registry, equally likely.
fn known_payloads() -> BoxedStrategy<Payload> {
    Union::new(EventType::KNOWN.iter().map(|ty| {
        let wire = ty.as_str().to_owned();
        data_of(ty)
            .prop_map(move |data| Payload {
                ty: wire.clone(),
                data,
            })
            .boxed()
    }))
    .boxed()
}

fn payloads() -> BoxedStrategy<Payload> {
    let unknown = (
        // Every CloudEvent has a non-empty `type`.
        text().prop_filter("a known or empty type", |t| {
            !t.is_empty() && EventType::known(t).is_none()
        }),
        option::of(json()),
    )
        .prop_map(|(ty, data)| Payload { ty, data });
    prop_oneof![10 => known_payloads(), 1 => unknown].boxed()
}

/// The known payload read as its typed event, through the crate's reader:
/// `{"type": ..., "data": ...}`, with the `tenantid` the type requires.
/// Generated from the schema, it must be accepted.
fn read_payload(payload: &Payload) -> QlikEvent {
    let ty = EventType::from(payload.ty.as_str());
    let mut body = Map::new();
    body.insert("type".into(), Value::from(ty.as_str()));
    if ty.requires_tenant_id() {
        body.insert("tenantid".into(), Value::from("t"));
    }
    if let Some(data) = &payload.data {
        body.insert("data".into(), data.clone());
    }
    let bytes = serde_json::to_vec(&body).unwrap();
    qlik_events::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "a payload generated from the schema is refused: {e}\n{}",
            String::from_utf8_lossy(&bytes)
        )
    })
}

// ---------------------------------------------------------------------------
// Envelopes.

/// The envelope to build, and whether it fits CloudEvents.
#[derive(Clone, Debug)]
struct Env {
    cloudevents: bool,
    id: Option<String>,
    source: Option<String>,
    time: Option<DateTime<Utc>>,
    specversion: bool,
    data_content_type: Option<String>,
    /// Every other string attribute but `tenantid`.
    attributes: Vec<(Attribute, String)>,
    tenant_id: Option<String>,
    extensions: Vec<(String, Value)>,
}

/// Names the envelope models, which cannot be extensions.
fn is_reserved(name: &str) -> bool {
    ["type", "data", "time", "specversion"].contains(&name) || Attribute::from_name(name).is_some()
}

fn other_attributes() -> Vec<Attribute> {
    Attribute::ALL
        .iter()
        .copied()
        .filter(|a| {
            !matches!(
                a,
                Attribute::Id
                    | Attribute::Source
                    | Attribute::DataContentType
                    | Attribute::TenantId
            )
        })
        .collect()
}

fn attributes(
    values: impl Strategy<Value = String> + Clone + 'static,
) -> BoxedStrategy<Vec<(Attribute, String)>> {
    let attrs = other_attributes();
    let n = attrs.len();
    vec(option::of(values), n)
        .prop_map(move |values| {
            attrs
                .iter()
                .zip(values)
                .filter_map(|(&a, v)| Some((a, v?)))
                .collect()
        })
        .boxed()
}

/// Any envelope the builders accept.
fn any_env() -> BoxedStrategy<Env> {
    let names = text().prop_filter("reserved", |n| !is_reserved(n));
    (
        (
            option::of(text()),
            option::of(text()),
            option::of(times()),
            any::<bool>(),
            option::of(text()),
        ),
        attributes(text()),
        option::of(text()),
        vec((names, json()), 0..4),
    )
        .prop_map(
            |((id, source, time, specversion, dct), attributes, tenant_id, extensions)| Env {
                cloudevents: false,
                id,
                source,
                time,
                specversion,
                data_content_type: dct,
                attributes,
                tenant_id,
                extensions,
            },
        )
        .boxed()
}

/// An envelope that fits the CloudEvents type system.
fn cloudevents_env() -> BoxedStrategy<Env> {
    let names = "[a-z0-9]{1,20}".prop_filter("reserved", |n| !is_reserved(n));
    let values = prop_oneof![
        text().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        i64s().prop_map(Value::from),
    ];
    let dct = select(vec![
        "application/json",
        "application/json; charset=utf-8",
        "text/json",
        "application/cloudevents+json",
    ]);
    (
        (text(), text(), option::of(times()), option::of(dct)),
        attributes(text()),
        option::of("[a-z0-9]{1,12}"),
        option::of(text()),
        vec((names, values), 0..4),
    )
        .prop_map(
            |((id, source, time, dct), mut attributes, schema, tenant_id, extensions)| {
                // `dataschema` is a URL for the SDK; this one is unchanged by
                // URL normalisation.
                attributes.retain(|(a, _)| *a != Attribute::DataSchema);
                if let Some(s) = schema {
                    attributes.push((Attribute::DataSchema, format!("https://example.com/s/{s}")));
                }
                Env {
                    cloudevents: true,
                    id: Some(id),
                    source: Some(source),
                    time,
                    specversion: true,
                    data_content_type: dct.map(str::to_owned),
                    attributes,
                    tenant_id,
                    extensions,
                }
            },
        )
        .boxed()
}

fn envs() -> BoxedStrategy<Env> {
    prop_oneof![any_env(), cloudevents_env()].boxed()
}

/// Sets the envelope on either builder (they share their setters); a
/// `tenantid` where the type requires one and the envelope has none.
macro_rules! apply_env {
    ($builder:expr, $env:expr, $ty:expr) => {{
        let env: &Env = $env;
        let mut b = $builder;
        b = match &env.id {
            Some(id) => b.id(id.clone()),
            None => b.no_id(),
        };
        b = match &env.source {
            Some(source) => b.source(source.clone()),
            None => b.no_source(),
        };
        b = match env.time {
            Some(time) => b.time(time),
            None => b.no_time(),
        };
        if !env.specversion {
            b = b.no_specversion();
        }
        b = match &env.data_content_type {
            Some(dct) => b.data_content_type(dct.clone()),
            None => b.no_data_content_type(),
        };
        for (attr, value) in &env.attributes {
            b = b.attribute(*attr, value.clone());
        }
        match &env.tenant_id {
            Some(t) => b = b.tenant_id(t.clone()),
            None if $ty.requires_tenant_id() => b = b.tenant_id("t"),
            None => {}
        }
        for (name, value) in &env.extensions {
            b = b.extension(name.clone(), value.clone());
        }
        b.build().unwrap()
    }};
}

fn build<T: EventData>(data: T, env: &Env) -> Event<T> {
    let b: EventBuilder<T> = Event::builder(data);
    apply_env!(b, env, &T::EVENT_TYPE)
}

/// Builds the visited event's payload with [`Event::builder`] around the
/// envelope, as its own type `T`; checks the typed round trips on request.
struct Rebuild<'a> {
    env: &'a Env,
    check_typed: bool,
}

impl EventVisitor for Rebuild<'_> {
    type Output = QlikEvent;
    fn visit<T: EventData>(self, event: &Event<T>) -> QlikEvent {
        let built = build(event.data.clone(), self.env);
        if self.check_typed {
            round_trip_typed(&built);
        }
        built.into()
    }
}

/// The event of `payload` around `env`: a known type's payload typed (its
/// typed round trips checked when `check_typed`), an unknown one as
/// [`UnknownEvent`].
fn build_event(payload: &Payload, env: &Env, check_typed: bool) -> QlikEvent {
    let ty = EventType::from(payload.ty.as_str());
    if ty.is_known() {
        let typed = read_payload(payload);
        assert_eq!(typed.event_type(), ty);
        return typed.visit(Rebuild { env, check_typed }).unwrap();
    }
    let b = UnknownEvent::builder(payload.ty.clone());
    let b = match &payload.data {
        Some(d) => b.data(d),
        None => b,
    };
    let unknown: UnknownEvent = apply_env!(b, env, &ty);
    unknown.into()
}

/// Every type of the registry gets payloads from its schema that the
/// crate's reader accepts, and in a few hundred draws every field of its
/// schema, nested ones included, is generated at least once; its per-type
/// reader reads its published example. A schema this file cannot generate
/// fails here by name.
#[test]
fn every_known_type_is_generated() {
    let mut runner = TestRunner::deterministic();
    for ty in EventType::KNOWN {
        let mut expected = BTreeSet::new();
        field_paths("", data_fields(ty), &mut expected);
        let strategy = data_of(ty);
        let mut seen = BTreeSet::new();
        for _ in 0..300 {
            let data = strategy.new_tree(&mut runner).unwrap().current();
            let payload = Payload {
                ty: ty.as_str().to_owned(),
                data: data.clone(),
            };
            assert_eq!(read_payload(&payload).event_type(), *ty);
            if let Some(data) = &data {
                value_paths("", data, &mut seen);
            }
        }
        let missing: Vec<_> = expected.difference(&seen).collect();
        assert!(missing.is_empty(), "{ty}: never generated: {missing:?}");
        let published = samples::json(ty).unwrap();
        parse_typed(ty, published.as_bytes()).unwrap_or_else(|e| panic!("{ty}: {e}"));
    }
}

// ---------------------------------------------------------------------------
// 1. Round trips.

fn round_trip_typed<T: EventData>(event: &Event<T>) {
    let bytes = serde_json::to_vec(event).unwrap();
    let typed = Event::<T>::from_slice(&bytes).unwrap();
    assert_eq!(&typed, event, "Event::<T>::from_slice");
    let text = std::str::from_utf8(&bytes).unwrap();
    assert_eq!(
        &Event::<T>::from_str(text).unwrap(),
        event,
        "Event::<T>::from_str"
    );
}

fn round_trip_any(event: &QlikEvent) -> Vec<u8> {
    let bytes = serde_json::to_vec(event).unwrap();
    let back = qlik_events::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(&bytes)));
    assert_eq!(&back, event, "from_slice");
    let text = std::str::from_utf8(&bytes).unwrap();
    assert_eq!(&qlik_events::from_str(text).unwrap(), event, "from_str");
    // Writing is stable.
    assert_eq!(serde_json::to_vec(&back).unwrap(), bytes);
    bytes
}

/// The JSON reads as a `cloudevents::Event` with the same content.
fn check_cloudevent(bytes: &[u8], event: &QlikEvent) {
    let ce: cloudevents::Event = serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("cloudevents: {e}\n{}", String::from_utf8_lossy(bytes)));
    assert_eq!(Some(ce.id()), event.id());
    assert_eq!(Some(ce.source().as_str()), event.source());
    assert_eq!(ce.ty(), event.event_type().as_str());
    assert_eq!(ce.time().copied(), event.time());
    assert_eq!(ce.subject(), event.subject());
    assert_eq!(ce.datacontenttype(), event.data_content_type());
    assert_eq!(ce.dataschema().map(|u| u.as_str()), event.data_schema());
    let mut expected: HashMap<String, ExtensionValue> = HashMap::new();
    for (attr, value) in event.envelope().attributes() {
        if !matches!(
            attr,
            Attribute::Id
                | Attribute::Source
                | Attribute::DataContentType
                | Attribute::Subject
                | Attribute::DataSchema
        ) {
            expected.insert(attr.name().to_owned(), ExtensionValue::String(value.into()));
        }
    }
    for (name, value) in event.envelope().extensions() {
        let v = match serde_json::from_str::<Value>(value.get()).unwrap() {
            Value::String(s) => ExtensionValue::String(s),
            Value::Bool(b) => ExtensionValue::Boolean(b),
            Value::Number(n) => ExtensionValue::Integer(n.as_i64().unwrap()),
            other => panic!("not a CloudEvents extension value: {other}"),
        };
        expected.insert(name.to_owned(), v);
    }
    let got: HashMap<String, ExtensionValue> = ce
        .iter_extensions()
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect();
    assert_eq!(got, expected, "extensions");
    let value = serde_json::to_value(event).unwrap();
    let data = value.get("data").cloned();
    assert_eq!(
        ce.data(),
        data.map(cloudevents::Data::Json).as_ref(),
        "data"
    );
}

proptest! {
    #![proptest_config(config())]

    /// Built events of every type are written and read back as themselves,
    /// and read as CloudEvents when their envelope fits.
    #[test]
    fn built_events_round_trip(payload in payloads(), env in envs()) {
        let any = build_event(&payload, &env, true);
        let bytes = round_trip_any(&any);
        if env.cloudevents {
            check_cloudevent(&bytes, &any);
        }
    }

    /// Times with any offset read as the same instant, and are written back
    /// in UTC.
    #[test]
    fn times_with_offsets(time in times(), offset_min in -(23 * 60 + 59)..=(23 * 60 + 59i32)) {
        let offset = chrono::FixedOffset::east_opt(offset_min * 60).unwrap();
        let text = time
            .with_timezone(&offset)
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
        let body = format!(r#"{{"type":"x","time":"{text}"}}"#);
        let event = qlik_events::from_str(&body).unwrap();
        prop_assert_eq!(event.time(), Some(time));
        let written = serde_json::to_value(&event).unwrap();
        let written = written["time"].as_str().unwrap();
        prop_assert!(written.ends_with('Z'), "{}", written);
        prop_assert_eq!(DateTime::parse_from_rfc3339(written).unwrap(), time);
        round_trip_any(&event);
    }
}

// ---------------------------------------------------------------------------
// 2. Corruption.

/// What a member holds, for corrupting it.
#[derive(Clone, Copy, Debug)]
enum K {
    /// A field of the envelope or of a payload, of this shape.
    Of(Shape),
    /// A member the crate does not model (`extra` / extensions): any JSON,
    /// kept as its text.
    Raw,
    /// The event's `type`.
    Type,
}

/// One member of an object: wire name, required, kind.
#[derive(Clone, Copy, Debug)]
struct F {
    key: &'static str,
    req: bool,
    kind: K,
}

/// A payload object's members, from the schema: only `Required` fields
/// fail when absent (`Defaulted` ones read as their default).
fn members(fields: &'static [Field]) -> Vec<F> {
    fields
        .iter()
        .map(|field| F {
            key: field.name,
            req: !may_be_absent(field.presence),
            kind: K::Of(field.shape),
        })
        .collect()
}

/// The top-level members of an event of the known type `ty`: `type`,
/// `specversion`, `time`, `data` (the type's schema) and every string
/// attribute, required as the registry says.
fn envelope_schema(ty: &EventType) -> Vec<F> {
    let mut fields = vec![
        F {
            key: "type",
            req: true,
            kind: K::Type,
        },
        F {
            key: "specversion",
            req: false,
            kind: K::Of(Shape::OneOf(&["1.0"])),
        },
        F {
            key: "time",
            req: false,
            kind: K::Of(Shape::DateTime),
        },
        F {
            key: "data",
            req: ty.requires_data(),
            kind: K::Of(Shape::Object(data_fields(ty))),
        },
    ];
    for attr in Attribute::ALL {
        fields.push(F {
            key: attr.name(),
            req: *attr == Attribute::TenantId && ty.requires_tenant_id(),
            kind: K::Of(Shape::String),
        });
    }
    fields
}

#[derive(Clone, Debug, PartialEq)]
enum Seg {
    Key(String),
    Idx(usize),
}

/// A place in the event that can be corrupted.
#[derive(Clone, Debug)]
struct Site {
    path: Vec<Seg>,
    kind: K,
    required: bool,
}

fn sites_of_object(
    obj: &Map<String, Value>,
    fields: &[F],
    path: &mut Vec<Seg>,
    out: &mut Vec<Site>,
) {
    for (key, value) in obj {
        path.push(Seg::Key(key.clone()));
        let (kind, required) = match fields.iter().find(|f| f.key == key) {
            Some(field) => (field.kind, field.req),
            // `extra` / extensions.
            None => (K::Raw, false),
        };
        out.push(Site {
            path: path.clone(),
            kind,
            required,
        });
        sites_of_value(value, kind, path, out);
        path.pop();
    }
}

/// The sites inside a value of this kind: the members of an object, the
/// items of an array, through `null`-or-value.
fn sites_of_value(value: &Value, kind: K, path: &mut Vec<Seg>, out: &mut Vec<Site>) {
    match (kind, value) {
        (K::Of(Shape::Object(fields)), Value::Object(obj)) => {
            sites_of_object(obj, &members(fields), path, out);
        }
        (K::Of(Shape::Array(item)), Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Seg::Idx(i));
                out.push(Site {
                    path: path.clone(),
                    kind: K::Of(*item),
                    required: false,
                });
                sites_of_value(v, K::Of(*item), path, out);
                path.pop();
            }
        }
        (K::Of(Shape::Nullable(inner)), v) if !v.is_null() => {
            sites_of_value(v, K::Of(*inner), path, out);
        }
        _ => {}
    }
}

/// The path as the crate renders it: `data.spaceUsages[1].unit`, with keys
/// that are not plain written as `["a b"]`.
fn render(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k)
                if !k.is_empty()
                    && k.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"_-$".contains(&b)) =>
            {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Key(k) => {
                out.push('[');
                out.push_str(&serde_json::to_string(k).unwrap());
                out.push(']');
            }
            Seg::Idx(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// A change to one site, and the error kind it must give.
#[derive(Clone, Debug)]
enum Change {
    /// The value replaced by this JSON text.
    Replace(String),
    Remove,
    Duplicate,
}

/// Random material for making a change.
#[derive(Clone, Debug)]
struct Material {
    word: String,
    /// An integer beyond `i64` (and `u64`), as text.
    big: String,
    bad_date: String,
}

fn big_integers() -> BoxedStrategy<String> {
    // Beyond i64::MAX / below i64::MIN, near the edges and far out.
    let above = prop_oneof![
        0u128..1024,
        any::<u64>().prop_map(u128::from),
        any::<u128>(),
    ];
    (any::<bool>(), above)
        .prop_map(|(negative, extra)| {
            if negative {
                // i64::MIN - 1 - extra
                let magnitude = (i64::MAX as u128) + 2 + (extra >> 1);
                format!("-{magnitude}")
            } else {
                let value = (u64::MAX as u128)
                    .saturating_add(1)
                    .saturating_add(extra >> 1);
                // Half of them between i64::MAX and u64::MAX.
                if extra % 2 == 0 {
                    ((i64::MAX as u128) + 1 + (extra >> 1) % (1u128 << 63)).to_string()
                } else {
                    value.to_string()
                }
            }
        })
        .boxed()
}

fn materials() -> BoxedStrategy<Material> {
    let bad_dates = prop_oneof![
        select(vec![
            "",
            "2018-10-30",
            "2018-10-30T07:06:22",
            "2018-13-01T00:00:00Z",
            "2018-02-30T00:00:00Z",
            "2018-10-30T25:00:00Z",
            "2018-10-30T07:06:22+24:00",
            "2018-10-30T07:06:22+0530",
            "+10000-01-01T00:00:00Z",
            "yesterday",
        ])
        .prop_map(str::to_owned),
        text(),
    ]
    .prop_filter("a valid date", |s| DateTime::parse_from_rfc3339(s).is_err());
    (text(), big_integers(), bad_dates)
        .prop_map(|(word, big, bad_date)| Material {
            word,
            big,
            bad_date,
        })
        .boxed()
}

fn json_text(v: &str) -> String {
    serde_json::to_string(v).unwrap()
}

/// Every change that makes `site` invalid, by category (wrong JSON type,
/// `null`, outside a closed set, out of range, bad date-time, a number too
/// large for JSON, removed, duplicated), with the error kind it gives.
fn changes(site: &Site, m: &Material) -> [Vec<(Change, ErrorKind)>; 8] {
    use ErrorKind::*;
    let replace = |texts: &[&str], kind| -> Vec<(Change, ErrorKind)> {
        texts
            .iter()
            .map(|t| (Change::Replace((*t).to_owned()), kind))
            .collect()
    };
    // A nullable field takes what its inner shape takes, and `null`.
    let (kind, nullable) = match site.kind {
        K::Of(Shape::Nullable(inner)) => (K::Of(*inner), true),
        kind => (kind, false),
    };
    let wrong_type: &[&str] = match kind {
        K::Of(Shape::String) => &["1", "true", "[]", "{}", "1.5", "-7"],
        K::Of(Shape::Integer) => &[
            "\"1\"", "\"x\"", "true", "[]", "{}", "1.5", "1.0", "1e2", "-0", "-0.0",
        ],
        K::Of(Shape::Boolean) => &["0", "1", "\"true\"", "[]", "{}"],
        K::Of(Shape::DateTime | Shape::OneOf(_)) | K::Type => &["1", "true", "[]", "{}"],
        K::Of(Shape::LicenseNumber) => &["true", "[]", "{}", "1.5", "-0.5"],
        K::Of(Shape::Object(_)) => &["\"x\"", "1", "true", "[]"],
        K::Of(Shape::Array(_)) => &["\"x\"", "1", "true", "{}"],
        K::Of(Shape::Any) | K::Raw => &[],
        K::Of(other) => panic!("no corruption for the shape `{other}`: add it to `changes`"),
    };
    let null: &[&str] = match kind {
        _ if nullable => &[],
        K::Of(Shape::Any) | K::Raw => &[],
        _ => &["null"],
    };
    let mut out_of_set = Vec::new();
    if let K::Of(Shape::OneOf(set)) = kind {
        let upper = set[0].to_uppercase();
        for word in [m.word.as_str(), upper.as_str(), &format!("{} ", set[0])] {
            if !set.contains(&word) {
                out_of_set.push((Change::Replace(json_text(word)), InvalidValue));
            }
        }
    }
    let out_of_range = match kind {
        K::Of(Shape::Integer) => replace(&[&m.big], InvalidValue),
        // A license may be any u64 or i64: only what is beyond both.
        K::Of(Shape::LicenseNumber)
            if m.big.starts_with('-')
                || m.big
                    .parse::<u128>()
                    .is_ok_and(|n| n > u128::from(u64::MAX)) =>
        {
            replace(&[&m.big], InvalidValue)
        }
        _ => Vec::new(),
    };
    let bad_date = match kind {
        K::Of(Shape::DateTime) => replace(&[&json_text(&m.bad_date)], InvalidValue),
        _ => Vec::new(),
    };
    let mut removed = Vec::new();
    if site.required {
        removed.push((Change::Remove, MissingField));
    }
    let mut duplicated = Vec::new();
    if matches!(site.path.last(), Some(Seg::Key(_))) {
        duplicated.push((Change::Duplicate, DuplicateField));
    }
    [
        replace(wrong_type, InvalidType),
        replace(null, InvalidType),
        out_of_set,
        out_of_range,
        bad_date,
        // Too large for any JSON number type: a syntax error wherever the
        // crate reads a number (text kept as sent holds it as it is).
        if matches!(kind, K::Raw) {
            Vec::new()
        } else {
            replace(&["1e400", "-1E+999"], Syntax)
        },
        removed,
        duplicated,
    ]
}

const SENTINEL: &str = "\u{0}CORRUPT\u{0}";
const DUP_KEY: &str = "\u{0}DUP\u{0}";

fn parent_mut<'a>(root: &'a mut Value, path: &[Seg]) -> &'a mut Value {
    let mut v = root;
    for seg in path {
        v = match seg {
            Seg::Key(k) => v.get_mut(k.as_str()).unwrap(),
            Seg::Idx(i) => v.get_mut(*i).unwrap(),
        };
    }
    v
}

/// Writes the top-level object with `type` first or last.
fn write_event(value: &Value, type_first: bool) -> String {
    let obj = value.as_object().unwrap();
    let mut members: Vec<String> = obj
        .iter()
        .filter(|(k, _)| k.as_str() != "type")
        .map(|(k, v)| format!("{}:{}", json_text(k), serde_json::to_string(v).unwrap()))
        .collect();
    if let Some(ty) = obj.get("type") {
        let member = format!("\"type\":{}", serde_json::to_string(ty).unwrap());
        if type_first {
            members.insert(0, member);
        } else {
            members.push(member);
        }
    }
    format!("{{{}}}", members.join(","))
}

/// Applies `change` at `site`; returns the text and, for a replacement, the
/// byte range of the new value in it.
fn corrupt(
    value: &Value,
    site: &Site,
    change: &Change,
    type_first: bool,
) -> (String, Option<(usize, usize)>) {
    let mut v = value.clone();
    let (last, parent_path) = site.path.split_last().unwrap();
    let parent = parent_mut(&mut v, parent_path);
    match (change, last) {
        (Change::Replace(_), Seg::Key(k)) => parent[k.as_str()] = Value::from(SENTINEL),
        (Change::Replace(_), Seg::Idx(i)) => parent[*i] = Value::from(SENTINEL),
        (Change::Remove, Seg::Key(k)) => {
            parent.as_object_mut().unwrap().remove(k.as_str());
        }
        (Change::Duplicate, Seg::Key(k)) => {
            let copy = parent[k.as_str()].clone();
            parent
                .as_object_mut()
                .unwrap()
                .insert(DUP_KEY.to_owned(), copy);
        }
        other => panic!("cannot apply {other:?}"),
    }
    let text = write_event(&v, type_first);
    match (change, last) {
        (Change::Replace(new), _) => {
            let marker = json_text(SENTINEL);
            assert_eq!(text.matches(&marker).count(), 1);
            let at = text.find(&marker).unwrap();
            let out = text.replacen(&marker, new, 1);
            (out, Some((at, at + new.len())))
        }
        (Change::Duplicate, Seg::Key(k)) => {
            let marker = json_text(DUP_KEY);
            assert_eq!(text.matches(&marker).count(), 1);
            (text.replacen(&marker, &json_text(k), 1), None)
        }
        _ => (text, None),
    }
}

/// Reads bytes as the visited event's own type, `Event::<T>::from_slice`.
struct ParseTyped<'a>(&'a [u8]);

impl EventVisitor for ParseTyped<'_> {
    type Output = Result<(), Error>;
    fn visit<T: EventData>(self, _: &Event<T>) -> Result<(), Error> {
        Event::<T>::from_slice(self.0).map(drop)
    }
}

/// `Event::<T>::from_slice` for the known type `ty` (its sample tells `T`).
fn parse_typed(ty: &EventType, bytes: &[u8]) -> Result<(), Error> {
    samples::get(ty)
        .and_then(|sample| sample.visit(ParseTyped(bytes)))
        .unwrap_or_else(|| panic!("not a known type: {ty}"))
}

fn check_corruption(
    event: &QlikEvent,
    category_index: Index,
    change_index: Index,
    m: &Material,
    type_first: bool,
) -> Result<(), TestCaseError> {
    let ty = event.event_type();
    let value = serde_json::to_value(event).unwrap();
    let mut sites = Vec::new();
    sites_of_object(
        value.as_object().unwrap(),
        &envelope_schema(&ty),
        &mut Vec::new(),
        &mut sites,
    );
    // A category first (so that rare ones, like a removed required field,
    // come up as often as the others), then a site and a change in it.
    let mut by_category: [Vec<(&Site, Change, ErrorKind)>; 8] = Default::default();
    for site in &sites {
        for (slot, options) in by_category.iter_mut().zip(changes(site, m)) {
            slot.extend(options.into_iter().map(|(c, k)| (site, c, k)));
        }
    }
    let categories: Vec<_> = by_category.iter().filter(|c| !c.is_empty()).collect();
    let options = category_index.get(&categories);
    let (site, change, kind) = change_index.get(options);
    let (text, span) = corrupt(&value, site, change, type_first);
    let path = render(&site.path);
    let context = format!("{change:?} at {path}: {text}");

    let err = match qlik_events::from_slice(text.as_bytes()) {
        Ok(e) => {
            return Err(TestCaseError::fail(format!(
                "accepted ({e:?}) after {context}"
            )));
        }
        Err(err) => err,
    };
    prop_assert_eq!(err.kind(), *kind, "kind: {} after {}", err, context);
    prop_assert_eq!(err.path(), path.as_str(), "path: {} after {}", err, context);
    prop_assert_eq!(err.line(), Some(1), "line: {} after {}", err, context);
    if let Some((start, end)) = span {
        // Found while reading the new value: serde_json's column is where
        // it stopped, from the byte before the value (a peek at `[` where a
        // string belongs) to the byte after it.
        let column = err.column().unwrap();
        prop_assert!(
            start <= column && column <= end + 1,
            "column {} outside {}..={} ({}) after {}",
            column,
            start,
            end + 1,
            err,
            context
        );
    }
    let in_data =
        matches!(site.path.first(), Some(Seg::Key(k)) if k == "data") && site.path.len() > 1;
    let at_end = matches!(change, Change::Remove) && path != "type";
    if path != "type" && (type_first || in_data || at_end) {
        prop_assert_eq!(
            err.event_type(),
            Some(ty.as_str()),
            "event type: {} after {}",
            err,
            context
        );
    }
    // The typed reader agrees (except that a type whose `type` the
    // registry calls optional may omit it when read on its own).
    let typed = parse_typed(&ty, text.as_bytes());
    if !ty.requires_type() && matches!(change, Change::Remove) && path == "type" {
        prop_assert!(typed.is_ok(), "typed: {:?} after {}", typed, context);
    } else {
        let typed = typed.expect_err("typed reader accepted it");
        prop_assert_eq!(
            typed.kind(),
            *kind,
            "typed kind: {} after {}",
            typed,
            context
        );
        prop_assert_eq!(
            typed.path(),
            path.as_str(),
            "typed path: {} after {}",
            typed,
            context
        );
        prop_assert_eq!(typed.event_type(), Some(ty.as_str()));
    }
    Ok(())
}

fn known_events() -> BoxedStrategy<QlikEvent> {
    (known_payloads(), envs())
        .prop_map(|(p, env)| build_event(&p, &env, false))
        .boxed()
}

proptest! {
    #![proptest_config(config())]

    /// One corrupted field is always an error of the matching kind, at
    /// exactly that field's path.
    #[test]
    fn corrupted_field_is_named(
        event in known_events(),
        category in any::<Index>(),
        change in any::<Index>(),
        material in materials(),
        type_first in any::<bool>(),
    ) {
        check_corruption(&event, category, change, &material, type_first)?;
    }
}

// ---------------------------------------------------------------------------
// 3. No panics.

/// Reads `bytes` every way there is; checks positions, agreement between
/// the readers and round trips of what is accepted.
fn read_everything(bytes: &[u8]) -> Result<(), TestCaseError> {
    let result = qlik_events::from_slice(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        let from_str = qlik_events::from_str(text);
        prop_assert_eq!(&from_str, &result, "from_str and from_slice disagree");
    }
    match &result {
        Ok(event) => {
            round_trip_any(event);
        }
        Err(err) => {
            let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            let (line, column) = (err.line().unwrap(), err.column().unwrap());
            prop_assert!(
                line >= 1 && line <= lines.len(),
                "line {} of {}: {}",
                line,
                lines.len(),
                err
            );
            prop_assert!(
                column <= lines[line - 1].len() + 1,
                "column {}: {}",
                column,
                err
            );
            prop_assert!(!err.to_string().is_empty());
        }
    }
    for record in stream::events(bytes) {
        if let Err(err) = &record.result {
            let _ = err.to_string();
        }
    }
    Ok(())
}

/// Pieces of JSON, and of Qlik events: every wire type of the registry,
/// every field name of its schema, the envelope's names.
fn tokens() -> BoxedStrategy<String> {
    let mut fixed: Vec<String> = [
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        " ",
        "\n",
        "\"",
        "\\",
        "null",
        "true",
        "false",
        "0",
        "-0",
        "1e400",
        "9223372036854775808",
        "-9223372036854775809",
        "1.5",
        "\"type\"",
        "\"data\"",
        "\"time\"",
        "\"specversion\"",
        "\"1.0\"",
        "\"2018-10-30T07:06:22Z\"",
        "\"com.example.v1.unknown.type\"",
        "\"\\ud800\"",
        "\"\\u0000\"",
        "\"\\ud83d\\ude00\"",
        "\u{feff}",
        "\u{0}",
        "\"t\\u0079pe\"",
    ]
    .map(str::to_owned)
    .to_vec();
    fixed.extend(Attribute::ALL.iter().map(|a| json_text(a.name())));
    let mut names = BTreeSet::new();
    for ty in EventType::KNOWN {
        fixed.push(json_text(ty.as_str()));
        field_paths("", data_fields(ty), &mut names);
    }
    // The last step of each path: the field's own name.
    let names: BTreeSet<&str> = names
        .iter()
        .map(|path| path.rsplit(['.', ']']).next().unwrap_or(path))
        .collect();
    fixed.extend(names.into_iter().map(json_text));
    prop_oneof![4 => select(fixed), 1 => text().prop_map(|t| json_text(&t))].boxed()
}

/// The published examples (the crate's `tests/fixtures/*.json`), read once.
fn fixture_bytes() -> &'static [Vec<u8>] {
    static FIXTURES: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    FIXTURES.get_or_init(|| {
        // One per known type, checked against the registry.
        common::fixture_files()
            .into_iter()
            .map(|(_, body)| body)
            .collect()
    })
}

#[derive(Clone, Debug)]
enum Edit {
    Delete(Index, usize),
    Insert(Index, Vec<u8>),
    Replace(Index, u8),
    CopySpan(Index, Index, usize),
}

fn edits() -> BoxedStrategy<Edit> {
    prop_oneof![
        (any::<Index>(), 1usize..8).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<Index>(), vec(any::<u8>(), 1..4)).prop_map(|(i, b)| Edit::Insert(i, b)),
        (any::<Index>(), tokens()).prop_map(|(i, t)| Edit::Insert(i, t.into_bytes())),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Replace(i, b)),
        (any::<Index>(), any::<Index>(), 1usize..40).prop_map(|(a, b, n)| Edit::CopySpan(a, b, n)),
    ]
    .boxed()
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    if bytes.is_empty() {
        return;
    }
    match edit {
        Edit::Delete(i, n) => {
            let at = i.index(bytes.len());
            let end = (at + n).min(bytes.len());
            bytes.drain(at..end);
        }
        Edit::Insert(i, b) => {
            let at = i.index(bytes.len() + 1);
            bytes.splice(at..at, b.iter().copied());
        }
        Edit::Replace(i, b) => {
            let at = i.index(bytes.len());
            bytes[at] = *b;
        }
        Edit::CopySpan(from, to, n) => {
            let start = from.index(bytes.len());
            let span = bytes[start..(start + n).min(bytes.len())].to_vec();
            let at = to.index(bytes.len() + 1);
            bytes.splice(at..at, span);
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..512)) {
        read_everything(&bytes)?;
    }

    #[test]
    fn json_like_soup_never_panics(parts in vec(tokens(), 0..48)) {
        read_everything(parts.concat().as_bytes())?;
    }

    #[test]
    fn edited_fixtures_never_panic(which in any::<Index>(), edits in vec(edits(), 1..6)) {
        let mut bytes = which.get(fixture_bytes()).clone();
        for edit in &edits {
            apply(&mut bytes, edit);
        }
        read_everything(&bytes)?;
    }

    /// A valid event with whitespace anywhere between tokens reads the same.
    #[test]
    fn whitespace_between_tokens(event in known_events(), ws in vec(select(vec![" ", "\n", "\r\n", "\t", ""]), 1..64)) {
        let compact = serde_json::to_string(&event).unwrap();
        // Spread whitespace after structural characters outside strings.
        let mut out = String::new();
        let mut in_string = false;
        let mut escaped = false;
        let mut k = 0;
        for c in compact.chars() {
            out.push(c);
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
            } else if c == '"' {
                in_string = true;
            } else if matches!(c, '{' | '}' | '[' | ']' | ':' | ',') {
                out.push_str(ws[k % ws.len()]);
                k += 1;
            }
        }
        let back = qlik_events::from_str(&out).unwrap();
        prop_assert_eq!(back, event);
    }
}

/// Floats in extensions (and in `extra`, `newValue`, ...) round-trip
/// exactly: written with the shortest text that reads back as the same
/// `f64`, and read with serde_json's `float_roundtrip` parser (its default
/// parser is off by one unit in the last place for many of them:
/// -5.087532997771944e40 read as -5.087532997771945e40).
#[test]
fn float_extension_round_trip() {
    let mut runner = proptest::test_runner::TestRunner::new(config());
    runner
        .run(
            &any::<f64>().prop_filter("finite", |f| f.is_finite()),
            |x| {
                let event = UnknownEvent::builder("x")
                    .no_id()
                    .no_time()
                    .extension("f", x)
                    .build()
                    .unwrap();
                let event = QlikEvent::from(event);
                round_trip_any(&event);
                Ok(())
            },
        )
        .unwrap();
}
