//! Events stored in CBOR, MessagePack (named and compact), BSON, YAML and
//! `serde_json::Value`, inside a user's own struct, read back equal; invalid
//! events stored in each are refused on the way in, naming the field.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::fmt::Debug;
use std::path::{Path, PathBuf};

use qlik_events::app_usage::{QuotaConsumed, QuotaConsumedEvent, SpaceUsage};
use qlik_events::audit::{AuditArchive, AuditEvent, AuditPage};
use qlik_events::licenses::{LeaseCreated, LeaseCreatedEvent};
use qlik_events::{
    Envelope, Event, EventData, EventType, EventVisitor, Extra, QlikEvent, UnknownEvent,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// What a user stores: the event and when it came.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Stored {
    received_at: String,
    event: QlikEvent,
}

/// The same for any of the crate's types.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Kept<T> {
    received_at: String,
    event: T,
}

const RECEIVED_AT: &str = "2026-12-07T00:00:00Z";

/// A storage format: how a value is written and read.
#[derive(Clone, Copy, Debug)]
enum Format {
    Cbor,
    /// `rmp_serde::to_vec_named`: structs as maps.
    MessagePackNamed,
    /// `rmp_serde::to_vec`: structs as arrays. The crate's types write maps
    /// themselves, so only the user's struct becomes an array.
    MessagePackCompact,
    Bson,
    Yaml,
    JsonValue,
}

const FORMATS: [Format; 6] = [
    Format::Cbor,
    Format::MessagePackNamed,
    Format::MessagePackCompact,
    Format::Bson,
    Format::Yaml,
    Format::JsonValue,
];

/// A value as stored.
enum Blob {
    Bytes(Vec<u8>),
    Value(serde_json::Value),
}

impl Format {
    fn write<T: Serialize>(self, v: &T) -> Result<Blob, String> {
        let e = |e: &dyn std::fmt::Display| format!("{self:?} write: {e}");
        Ok(match self {
            Format::Cbor => {
                let mut out = Vec::new();
                ciborium::into_writer(v, &mut out).map_err(|x| e(&x))?;
                Blob::Bytes(out)
            }
            Format::MessagePackNamed => Blob::Bytes(rmp_serde::to_vec_named(v).map_err(|x| e(&x))?),
            Format::MessagePackCompact => Blob::Bytes(rmp_serde::to_vec(v).map_err(|x| e(&x))?),
            Format::Bson => Blob::Bytes(bson::serialize_to_vec(v).map_err(|x| e(&x))?),
            Format::Yaml => Blob::Bytes(serde_norway::to_string(v).map_err(|x| e(&x))?.into()),
            Format::JsonValue => Blob::Value(serde_json::to_value(v).map_err(|x| e(&x))?),
        })
    }

    fn read<T: DeserializeOwned>(self, stored: &Blob) -> Result<T, String> {
        let e = |e: &dyn std::fmt::Display| e.to_string();
        match (self, stored) {
            (Format::Cbor, Blob::Bytes(b)) => ciborium::from_reader(&b[..]).map_err(cbor_message),
            (Format::MessagePackNamed | Format::MessagePackCompact, Blob::Bytes(b)) => {
                rmp_serde::from_slice(b).map_err(|x| e(&x))
            }
            (Format::Bson, Blob::Bytes(b)) => bson::deserialize_from_slice(b).map_err(|x| e(&x)),
            (Format::Yaml, Blob::Bytes(b)) => serde_norway::from_slice(b).map_err(|x| e(&x)),
            (Format::JsonValue, Blob::Value(v)) => T::deserialize(v).map_err(|x| e(&x)),
            _ => unreachable!(),
        }
    }

    /// The bytes stored (a `Value` as its JSON text).
    fn bytes(stored: &Blob) -> Vec<u8> {
        match stored {
            Blob::Bytes(b) => b.clone(),
            Blob::Value(v) => serde_json::to_vec(v).unwrap(),
        }
    }
}

/// ciborium's `Display` is its `Debug`: the message itself, unescaped.
fn cbor_message(e: ciborium::de::Error<std::io::Error>) -> String {
    match e {
        ciborium::de::Error::Semantic(_, message) => message,
        other => format!("{other:?}"),
    }
}

/// Writes `value` inside a user struct in every format, reads it back and
/// checks it is equal; also that serde_json's private marker is not what
/// was stored.
fn round_trip<T>(what: &str, value: &T)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let kept = Kept {
        received_at: RECEIVED_AT.to_owned(),
        event: value,
    };
    for format in FORMATS {
        let stored = format
            .write(&kept)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let bytes = Format::bytes(&stored);
        assert!(
            !bytes.windows(9).any(|w| w == b"$serde_js"),
            "{what} in {format:?}: serde_json's raw-value marker was written"
        );
        let back: Kept<T> = format
            .read(&stored)
            .unwrap_or_else(|e| panic!("{what} in {format:?}: {e}"));
        assert_eq!(back.received_at, RECEIVED_AT);
        assert_eq!(&back.event, value, "{what} in {format:?}");
    }
}

fn fixtures_dir() -> PathBuf {
    common::fixtures_dir()
}

/// The `.json` files of a directory, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

/// Every published example and every older-envelope fixture, as a
/// `QlikEvent` inside `Stored`, in every format.
#[test]
fn every_fixture_round_trips_in_every_format() {
    let dir = fixtures_dir();
    let published = json_files(&dir);
    // One per known type (the registry).
    assert_eq!(published.len(), common::fixture_files().len());
    let files: Vec<PathBuf> = published
        .into_iter()
        .chain(json_files(&dir.join("legacy")))
        .collect();
    for file in &files {
        let event = qlik_events::from_slice(&std::fs::read(file).unwrap()).unwrap();
        let what = file.display().to_string();
        for format in FORMATS {
            let stored = Stored {
                received_at: RECEIVED_AT.to_owned(),
                event: event.clone(),
            };
            let bytes = format.write(&stored).unwrap();
            let back: Stored = format
                .read(&bytes)
                .unwrap_or_else(|e| panic!("{what} in {format:?}: {e}"));
            assert_eq!(back, stored, "{what} in {format:?}");
        }
    }
}

/// Round-trips the visited event as its own type, `Event<T>`.
struct RoundTripTyped<'a>(&'a str);

impl EventVisitor for RoundTripTyped<'_> {
    type Output = ();
    fn visit<T: EventData>(self, event: &Event<T>) {
        round_trip(&format!("{} as Event<T>", self.0), event);
    }
}

/// The sample of every known type, typed (its own `Event<T>`, through
/// `QlikEvent::visit`) and whole.
#[test]
fn every_known_type_round_trips() {
    for ty in EventType::KNOWN {
        let event = qlik_events::samples::get(ty).unwrap();
        round_trip(ty.as_str(), &event);
        assert!(event.visit(RoundTripTyped(ty.as_str())).is_some(), "{ty}");
    }
}

/// An event with unknown extensions and unknown `data` fields of every JSON
/// shape.
const WITH_UNKNOWNS: &str = r#"{
    "id": "e1", "type": "com.qlik.v1.license.lease.created", "time": "2024-01-02T03:04:05.123Z",
    "region": "eu", "retry": {"count": 2, "delays": [0.5, 1.0, 1e2], "last": null},
    "flags": [true, false, null, -7, "x\u00e9\n"], "empty": {}, "none": [],
    "data": {"name": "n", "size": 4, "excess": false, "license": 1234, "resource": "r",
             "createdAt": null, "updatedAt": "2018-10-30T07:06:22Z", "excessQuantity": 0,
             "leasedQuantity": 1, "licenseQuantity": 10, "licenseUnlimited": false,
             "nested": {"a": [1, 2.50, null, {"b": "c"}], "f": -0.0, "max": 9223372036854775807},
             "ratio": 1.50, "nothing": null, "list": [[], [{}]]}
}"#;

#[test]
fn unknown_extensions_and_data_fields_round_trip() {
    let event = qlik_events::from_str(WITH_UNKNOWNS).unwrap();
    assert_eq!(event.envelope().extensions().len(), 5);
    round_trip("event with unknown members", &event);
    let QlikEvent::LeaseCreated(typed) = &event else {
        panic!()
    };
    round_trip("LeaseCreatedEvent with unknowns", typed);
    round_trip("LeaseCreated with unknowns", &typed.data);
    round_trip("Extra of data", &typed.data.extra);
    round_trip("Envelope", &typed.envelope);
    round_trip("Extra of the envelope", typed.envelope.extensions());
}

#[test]
fn unknown_members_are_written_as_values() {
    let event = qlik_events::from_str(WITH_UNKNOWNS).unwrap();
    let yaml = serde_norway::to_string(&event).unwrap();
    assert!(
        yaml.contains("retry:\n  count: 2\n  delays:\n  - 0.5"),
        "{yaml}"
    );
    assert!(
        yaml.contains("nested:\n    a:\n    - 1\n    - 2.5"),
        "{yaml}"
    );
    let mut cbor = Vec::new();
    ciborium::into_writer(&event, &mut cbor).unwrap();
    let value: ciborium::Value = ciborium::from_reader(&cbor[..]).unwrap();
    let retry = value
        .as_map()
        .unwrap()
        .iter()
        .find(|(k, _)| k.as_text() == Some("retry"))
        .map(|(_, v)| v)
        .unwrap();
    assert!(retry.is_map(), "{retry:?}");
    // JSON keeps the text as sent.
    let json = serde_json::to_string(&event).unwrap();
    assert!(json.contains(r#""delays": [0.5, 1.0, 1e2]"#), "{json}");
}

/// Member order of unknown objects is kept in every format that keeps
/// order; `serde_json::Value` (without serde_json's `preserve_order`)
/// sorts keys, and equality does not depend on order.
#[test]
fn member_order_is_kept() {
    let event =
        qlik_events::from_str(r#"{"type":"com.example.v1.unknown.type","z":1,"a":{"y":1,"b":2}}"#)
            .unwrap();
    for format in [
        Format::Cbor,
        Format::MessagePackNamed,
        Format::Bson,
        Format::Yaml,
    ] {
        let back: Kept<QlikEvent> = format
            .read(
                &format
                    .write(&Kept {
                        received_at: String::new(),
                        event: &event,
                    })
                    .unwrap(),
            )
            .unwrap();
        let keys: Vec<&str> = back.event.envelope().extensions().keys().collect();
        assert_eq!(keys, ["z", "a"], "{format:?}");
        let a = back.event.envelope().extensions().get("a").unwrap().get();
        assert_eq!(a, r#"{"y":1,"b":2}"#, "{format:?}");
    }
}

#[test]
fn unknown_event_type_round_trips() {
    let text = r#"{"type": "com.example.v1.unknown.type", "id": "u1", "tenantid": "t1",
        "ext": [1, {"a": null}], "data": {"license": "L1", "n": [1, {"a": null}], "f": 2.50}}"#;
    let event = qlik_events::from_str(text).unwrap();
    assert!(!event.is_known());
    round_trip("unknown type", &event);
    let QlikEvent::Unknown(unknown) = event else {
        panic!()
    };
    round_trip("UnknownEvent", &unknown);
    // Without data, and with data that is not an object.
    round_trip(
        "UnknownEvent without data",
        &UnknownEvent::new("com.example.v1.unknown.type"),
    );
    let scalar =
        qlik_events::from_str(r#"{"type":"com.example.v1.unknown.type","data":"text"}"#).unwrap();
    round_trip("unknown type, string data", &scalar);
}

#[test]
fn app_usage_event_without_data_round_trips() {
    let text = r#"{"type": "com.qlik.v1.app-usage.quota.consumed", "tenantid": "t1", "id": "q1"}"#;
    let event = qlik_events::from_str(text).unwrap();
    round_trip("app usage without data", &event);
    let typed = QuotaConsumedEvent::from_str(text).unwrap();
    assert_eq!(typed.data, None);
    round_trip("QuotaConsumedEvent without data", &typed);
}

#[test]
fn payloads_and_items_round_trip() {
    let data: QuotaConsumed = serde_json::from_str(
        r#"{"unit":"byte","quota":"appSizeTotalDefault","usage":9,
            "spaceUsages":[{"unit":"byte","usage":3,"spaceId":"s1","x":[1.5]},{}],"y":{"z":null}}"#,
    )
    .unwrap();
    round_trip("QuotaConsumed", &data);
    round_trip("SpaceUsage", &data.space_usages.as_ref().unwrap()[0]);
    let lease: LeaseCreated = qlik_events::samples::lease_created().data;
    round_trip("LeaseCreated", &lease);
    let created = LeaseCreatedEvent::from_slice(
        &std::fs::read(fixtures_dir().join("com.qlik.v1.license.lease.created.json")).unwrap(),
    )
    .unwrap();
    round_trip("LeaseCreatedEvent", &created);
    round_trip("Envelope (empty)", &Envelope::new());
    let claims =
        qlik_events::AuthClaims::parse(r#"{"iss":"i","sub":"u1","subType":"user","n":[1.5]}"#)
            .unwrap();
    round_trip("AuthClaims", &claims);
    round_trip("Extra (empty)", &Extra::new());

    let audit = fixtures_dir().join("audit");
    let item = AuditEvent::from_slice(&std::fs::read(audit.join("item.json")).unwrap()).unwrap();
    round_trip("AuditEvent", &item);
    let page = AuditPage::from_slice(&std::fs::read(audit.join("page.json")).unwrap()).unwrap();
    round_trip("AuditPage", &page);
    let archive =
        AuditArchive::from_slice(&std::fs::read(audit.join("archive.json")).unwrap()).unwrap();
    round_trip("AuditArchive", &archive);
}

/// A valid event as a `serde_json::Value`, to break one field at a time.
fn valid_json() -> serde_json::Value {
    serde_json::from_str(
        r#"{"id": "e1", "type": "com.qlik.v1.license.lease.created", "time": "2024-01-02T03:04:05Z",
            "data": {"name": "n", "size": 4, "excess": false, "license": "1234", "resource": "r",
                     "createdAt": null, "updatedAt": "2018-10-30T07:06:22Z", "excessQuantity": 0,
                     "leasedQuantity": 1, "licenseQuantity": 10, "licenseUnlimited": false}}"#,
    )
    .unwrap()
}

/// An invalid event stored in each format (as a plain value: the crate
/// cannot write one) is refused when read back as a `QlikEvent`, with the
/// field's path and the crate's message; for formats other than JSON
/// without a position in the JSON text written along the way.
#[test]
fn invalid_events_are_refused_in_every_format() {
    let mut string_quantity = valid_json();
    string_quantity["data"]["leasedQuantity"] = "42".into();
    let mut missing = valid_json();
    missing["data"].as_object_mut().unwrap().remove("name");
    let mut bad_date = valid_json();
    bad_date["time"] = "yesterday".into();
    let mut bad_nested_date = valid_json();
    bad_nested_date["data"]["updatedAt"] = "2018-13-30T07:06:22Z".into();
    // `time` is written before `type`: its error has no event type.
    const TYPE: &str = "com.qlik.v1.license.lease.created: ";
    let cases = [
        (
            string_quantity,
            "com.qlik.v1.license.lease.created: data.leasedQuantity: invalid type: string \"42\", expected i64",
        ),
        (
            missing,
            "com.qlik.v1.license.lease.created: data.name: missing field `name`",
        ),
        (bad_date, "time: invalid value: string \"yesterday\""),
        (
            bad_nested_date,
            "com.qlik.v1.license.lease.created: data.updatedAt: invalid value",
        ),
    ];
    qlik_events::from_str(&valid_json().to_string()).unwrap();
    for (value, expected) in &cases {
        for format in FORMATS {
            let stored = format
                .write(&Kept {
                    received_at: RECEIVED_AT.to_owned(),
                    event: value,
                })
                .unwrap();
            let err = format.read::<Stored>(&stored).unwrap_err();
            assert!(err.contains(expected), "{format:?}: {err}");
            assert_eq!(
                err.contains(TYPE),
                expected.contains(TYPE),
                "{format:?}: {err}"
            );
            assert!(!err.contains(" at line 1 column"), "{format:?}: {err}");
        }
    }
}

/// A map that repeats a key: every format but `serde_json::Value` can
/// store one.
struct Repeated(&'static str);

impl Serialize for Repeated {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", "com.qlik.v1.app-usage.quota.consumed")?;
        m.serialize_entry("tenantid", "t1")?;
        m.serialize_entry(self.0, "a")?;
        m.serialize_entry(self.0, "a")?;
        m.end()
    }
}

#[test]
fn duplicate_keys_are_refused_where_a_format_can_store_them() {
    for key in ["id", "region"] {
        for format in FORMATS {
            if matches!(format, Format::JsonValue) {
                continue; // A `Value` map holds each key once.
            }
            let stored = format
                .write(&Kept {
                    received_at: RECEIVED_AT.to_owned(),
                    event: Repeated(key),
                })
                .unwrap();
            let err = format.read::<Stored>(&stored).unwrap_err();
            assert!(
                err.contains(&format!("duplicate field `{key}`")) || err.contains("duplicate"),
                "{format:?}: {err}"
            );
        }
    }
}

/// Integers past `i64` and numbers JSON cannot share with other formats.
#[test]
fn big_numbers() {
    // u64 past i64: every format but BSON (whose integers are i64) keeps
    // it; BSON refuses to write it rather than store something else.
    let event = qlik_events::from_str(
        r#"{"type":"com.example.v1.unknown.type","big":18446744073709551615}"#,
    )
    .unwrap();
    for format in FORMATS {
        let kept = Kept {
            received_at: String::new(),
            event: &event,
        };
        match (format, format.write(&kept)) {
            (Format::Bson, Err(_)) => {}
            (_, Ok(stored)) => {
                let back: Kept<QlikEvent> = format.read(&stored).unwrap();
                assert_eq!(back.event, event, "{format:?}");
                let big = back.event.envelope().extensions().get("big").unwrap().get();
                assert_eq!(big, "18446744073709551615", "{format:?}");
            }
            (_, Err(e)) => panic!("{e}"),
        }
    }
    // Past u64: written as the nearest f64, as serde_json::Value holds it;
    // equal as a value, not as text.
    let event = qlik_events::from_str(
        r#"{"type":"com.example.v1.unknown.type","huge":123456789012345678901234567890}"#,
    )
    .unwrap();
    round_trip("integer past u64", &event);
    // Past f64: only JSON can hold it; writing any other format fails.
    let event =
        qlik_events::from_str(r#"{"type":"com.example.v1.unknown.type","inf":1e400}"#).unwrap();
    for format in FORMATS {
        let kept = Kept {
            received_at: String::new(),
            event: &event,
        };
        let err = format
            .write(&kept)
            .err()
            .unwrap_or_else(|| panic!("{format:?}"));
        // serde_json's `Value` serializer reads the text itself.
        let expected = match format {
            Format::JsonValue => "number out of range",
            _ => "`inf`: number out of range",
        };
        assert!(err.contains(expected), "{err}");
    }
}

/// Values a format holds that JSON has no form for are refused, naming
/// where they are.
#[test]
fn values_without_a_json_form_are_refused() {
    let nan = ciborium::Value::Map(vec![
        ("type".into(), "com.example.v1.unknown.type".into()),
        (
            "x".into(),
            ciborium::Value::Array(vec![ciborium::Value::Float(f64::NAN)]),
        ),
    ]);
    let mut cbor = Vec::new();
    ciborium::into_writer(&nan, &mut cbor).unwrap();
    let err = cbor_message(ciborium::from_reader::<QlikEvent, _>(&cbor[..]).unwrap_err());
    assert!(err.contains("x[0]: NaN has no JSON form"), "{err}");
    let int_key = ciborium::Value::Map(vec![
        ("type".into(), "com.example.v1.unknown.type".into()),
        ("x".into(), ciborium::Value::Map(vec![(1.into(), 2.into())])),
    ]);
    let mut cbor = Vec::new();
    ciborium::into_writer(&int_key, &mut cbor).unwrap();
    let err = cbor_message(ciborium::from_reader::<QlikEvent, _>(&cbor[..]).unwrap_err());
    assert!(err.contains("string map key"), "{err}");
    let bytes = ciborium::Value::Map(vec![
        ("type".into(), "com.example.v1.unknown.type".into()),
        ("b".into(), ciborium::Value::Bytes(vec![0xff, 0x00])),
    ]);
    let mut cbor = Vec::new();
    ciborium::into_writer(&bytes, &mut cbor).unwrap();
    let err = cbor_message(ciborium::from_reader::<QlikEvent, _>(&cbor[..]).unwrap_err());
    assert!(err.contains("b: a byte string"), "{err}");
    let mut deep = ciborium::Value::Null;
    for _ in 0..200 {
        deep = ciborium::Value::Array(vec![deep]);
    }
    let deep = ciborium::Value::Map(vec![
        ("type".into(), "com.example.v1.unknown.type".into()),
        ("d".into(), deep),
    ]);
    let mut cbor = Vec::new();
    ciborium::into_writer(&deep, &mut cbor).unwrap();
    let err = cbor_message(ciborium::from_reader::<QlikEvent, _>(&cbor[..]).unwrap_err());
    assert!(err.contains("nest deeper than 128 levels"), "{err}");
}

/// CBOR bignums (128-bit integers) are read as their decimal text.
#[test]
fn bignums_are_decimal_text() {
    #[derive(Serialize)]
    struct Big {
        #[serde(rename = "type")]
        ty: &'static str,
        big: u128,
        small: i128,
    }
    let mut cbor = Vec::new();
    let big = Big {
        ty: "com.example.v1.unknown.type",
        big: u128::MAX,
        small: i128::MIN,
    };
    ciborium::into_writer(&big, &mut cbor).unwrap();
    let event: QlikEvent = ciborium::from_reader(&cbor[..]).unwrap();
    let ext = event.envelope().extensions();
    assert_eq!(ext.get("big").unwrap().get(), u128::MAX.to_string());
    assert_eq!(ext.get("small").unwrap().get(), i128::MIN.to_string());
}

/// Events written by versions that wrote serde_json's marker for raw
/// values in other formats read back as the values the marker holds.
#[test]
fn the_older_raw_value_marker_reads_back() {
    let yaml = r#"
received_at: x
event:
  type: com.example.v1.unknown.type
  id: e1
  retry:
    $serde_json::private::RawValue: '{"count": 2}'
  data:
    $serde_json::private::RawValue: '[1, 2.5]'
"#;
    let stored: Stored = serde_norway::from_str(yaml).unwrap();
    let expected = qlik_events::from_str(
        r#"{"type":"com.example.v1.unknown.type","id":"e1","retry":{"count":2},"data":[1,2.5]}"#,
    )
    .unwrap();
    assert_eq!(stored.event, expected);
    let bad = yaml.replace("'[1, 2.5]'", "'[1, 2.5], 3'");
    assert!(serde_norway::from_str::<Stored>(&bad).is_err());
}

/// serde's buffered content (behind `flatten` and untagged enums), which
/// serde_json's raw values never could read.
#[test]
fn flattened_and_untagged() {
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Flat {
        received_at: String,
        #[serde(flatten)]
        event: QlikEvent,
    }
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(untagged)]
    #[allow(clippy::large_enum_variant)] // A test's shape, not a stored one.
    enum Either {
        Event(QlikEvent),
        Text(String),
    }
    let event = qlik_events::from_str(WITH_UNKNOWNS).unwrap();
    let flat = Flat {
        received_at: RECEIVED_AT.to_owned(),
        event: event.clone(),
    };
    let json = serde_json::to_string(&flat).unwrap();
    assert_eq!(serde_json::from_str::<Flat>(&json).unwrap(), flat);
    let json = serde_json::to_string(&Either::Event(event.clone())).unwrap();
    assert_eq!(
        serde_json::from_str::<Either>(&json).unwrap(),
        Either::Event(event)
    );
    for format in FORMATS {
        let stored = format.write(&flat).unwrap();
        assert_eq!(format.read::<Flat>(&stored).unwrap(), flat, "{format:?}");
    }
}

#[test]
fn serde_json_keeps_the_exact_text() {
    let event = qlik_events::from_str(WITH_UNKNOWNS).unwrap();
    let again: QlikEvent = serde_json::from_str(&serde_json::to_string(&event).unwrap()).unwrap();
    assert_eq!(again, event);
    let QlikEvent::LeaseCreated(e) = &again else {
        panic!()
    };
    assert_eq!(
        e.data.extra.get("nested").unwrap().get(),
        r#"{"a": [1, 2.50, null, {"b": "c"}], "f": -0.0, "max": 9223372036854775807}"#
    );
    // The same check and message as `from_str`, with serde_json's position.
    let mut bad = valid_json();
    bad["data"]["leasedQuantity"] = "42".into();
    let err = serde_json::from_value::<QlikEvent>(bad).unwrap_err();
    assert_eq!(
        err.to_string(),
        "com.qlik.v1.license.lease.created: data.leasedQuantity: invalid type: string \"42\", expected i64"
    );
}

#[test]
fn stored_spaces_usage_items_are_checked() {
    let item: Result<Kept<SpaceUsage>, _> =
        serde_norway::from_str("received_at: x\nevent:\n  usage: '3'\n");
    let err = item.unwrap_err().to_string();
    assert!(
        err.contains("usage: invalid type: string \"3\", expected i64"),
        "{err}"
    );
}
