//! A deterministic mixed stream of Qlik events for the benchmarks: every
//! event type, unique ids, varied numbers and optional fields, 400 to 800
//! bytes each. No randomness crate: a fixed xorshift keeps runs identical.
#![allow(dead_code)] // Each bench binary uses part of this module.

use std::fmt::Write;
use std::sync::OnceLock;

use qlik_events::schema::{Field, Presence, Shape};
use qlik_events::{Channel, EventType, samples};
use serde_json::{Map, Value};

/// xorshift64*: deterministic and dependency-free.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn uuid(rng: &mut Rng) -> String {
    let a = rng.next();
    let b = rng.next();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        (b >> 48) & 0x3fff | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

fn hex_id(rng: &mut Rng, len: usize) -> String {
    let mut s = String::with_capacity(len);
    while s.len() < len {
        let _ = write!(s, "{:016x}", rng.next());
    }
    s.truncate(len);
    s
}

fn time(rng: &mut Rng) -> String {
    let day = 1 + rng.below(28);
    let h = rng.below(24);
    let m = rng.below(60);
    let s = rng.below(60);
    match rng.below(3) {
        0 => format!("2026-11-{day:02}T{h:02}:{m:02}:{s:02}Z"),
        1 => format!(
            "2026-11-{day:02}T{h:02}:{m:02}:{s:02}.{:03}Z",
            rng.below(1000)
        ),
        _ => format!("2026-11-{day:02}T{h:02}:{m:02}:{s:02}+02:00"),
    }
}

/// One event as JSON text; `i` selects the type round-robin, over every type
/// of the crate's registry.
pub fn event(rng: &mut Rng, i: usize) -> String {
    let types = EventType::KNOWN;
    let ty = &types[i % types.len()];
    let tenant = hex_id(rng, 32);
    let user = hex_id(rng, 24);
    let mut o = String::with_capacity(800);
    let _ = write!(
        o,
        r#"{{"id":"{}","time":"{}","type":"{ty}""#,
        uuid(rng),
        time(rng)
    );
    let app_usage = ty.channel() == Some(Channel::AppUsage);
    let source = if app_usage {
        "com.qlik/qix-sessions"
    } else {
        "com.qlik/licenses"
    };
    let _ = write!(
        o,
        r#","source":"{source}","specversion":"1.0","datacontenttype":"application/json""#
    );
    let auth = if rng.chance(70) { "user" } else { "service" };
    let _ = write!(o, r#","authtype":"{auth}""#);
    if rng.chance(40) {
        let _ = write!(
            o,
            r#","authclaims":"{{\"iss\":\"qlik.api.internal/licenses\",\"sub\":\"{user}\",\"subType\":\"{auth}\"}}""#
        );
    }
    let trace = hex_id(rng, 32);
    let span = hex_id(rng, 16);
    if !app_usage && rng.chance(30) {
        let _ = write!(o, r#","tracestate":"b3={trace}-{span}-1""#);
    }
    let _ = write!(o, r#","traceparent":"00-{trace}-{span}-01""#);
    let data = data(rng, ty);
    let _ = write!(o, r#","data":{data}"#);
    let _ = write!(o, r#","tenantid":"{tenant}""#);
    if rng.chance(80) {
        let _ = write!(o, r#","userid":"{user}""#);
    }
    if app_usage {
        app_usage_attributes(&mut o, rng, &user);
    } else if rng.chance(50) {
        let _ = write!(o, r#","sessionid":"{}""#, uuid(rng));
    }
    o.push('}');
    o
}

fn license(rng: &mut Rng) -> String {
    let n = 1_000_000_000_000_000 + rng.below(9_000_000_000_000_000);
    if rng.chance(70) {
        n.to_string()
    } else {
        format!("\"{n}\"")
    }
}

/// The `data` of the published example of each known type (`Null` where
/// it has none), in the order of [`EventType::KNOWN`], read once.
fn published_data() -> &'static [Value] {
    static DATA: OnceLock<Vec<Value>> = OnceLock::new();
    DATA.get_or_init(|| {
        EventType::KNOWN
            .iter()
            .map(|ty| {
                let text = samples::json(ty).expect("a known type has a sample");
                let event: Value = serde_json::from_str(text).expect("a published example");
                event.get("data").cloned().unwrap_or(Value::Null)
            })
            .collect()
    })
}

/// The `data` of an event of the known type `ty`, from the crate's schema
/// (every field the type has, nested ones included, so that a type added to
/// the registry is in the stream as soon as it has its row), seeded with
/// the values of its published example: strings as published, fresh ids,
/// license numbers, numbers and times, closed sets mostly as published,
/// optional fields present or not. Its own generator, seeded by one draw of
/// the stream's: the envelope around it does not depend on how `data` is
/// made.
fn data(rng: &mut Rng, ty: &EventType) -> String {
    let mut rng = Rng::new(rng.next());
    let at = EventType::KNOWN
        .iter()
        .position(|known| known == ty)
        .expect("a known type");
    let fields = ty.data_fields().expect("a known type has a schema");
    let mut o = String::with_capacity(400);
    write_object(&mut o, &mut rng, fields, published_data()[at].as_object());
    o
}

/// An object with `fields`, seeded by the published one: the fields it
/// shows always (required or not), the others half the time; an object the
/// example does not show, whole. (The serde-derive baseline of
/// `benches/derive` is written for events like these.)
fn write_object(
    o: &mut String,
    rng: &mut Rng,
    fields: &[Field],
    published: Option<&Map<String, Value>>,
) {
    o.push('{');
    let mut first = true;
    for field in fields {
        let sample = published.and_then(|p| p.get(field.name));
        let present = match field.presence {
            Presence::Required => true,
            _ if sample.is_some() || published.is_none() => true,
            _ => rng.chance(50),
        };
        if !present {
            continue;
        }
        if !first {
            o.push(',');
        }
        first = false;
        write_str(o, field.name);
        o.push(':');
        write_value(o, rng, field.name, &field.shape, sample);
    }
    o.push('}');
}

/// A value of `shape` for the field `name`, like the published `sample`.
fn write_value(o: &mut String, rng: &mut Rng, name: &str, shape: &Shape, sample: Option<&Value>) {
    match shape {
        // Ids fresh; other strings as published (the vendor's placeholder
        // where the example has none), a trailing number varied.
        Shape::String if name.ends_with("Id") => write_str(o, &hex_id(rng, 24)),
        Shape::String => {
            let text = sample.and_then(Value::as_str).unwrap_or(PLACEHOLDER);
            let stem = text.trim_end_matches(|c: char| c.is_ascii_digit());
            if stem.len() < text.len() {
                write_str(o, &format!("{stem}{}", rng.below(10_000)));
            } else {
                write_str(o, text);
            }
        }
        Shape::DateTime => {
            let _ = write!(o, "\"{}\"", time(rng));
        }
        // 1 to 13 digits.
        Shape::Integer => {
            let digits = 1 + rng.below(13) as u32;
            let _ = write!(o, "{}", rng.below(10u64.pow(digits)));
        }
        Shape::Boolean => o.push_str(if rng.chance(20) { "true" } else { "false" }),
        Shape::OneOf(values) => {
            let published = sample
                .and_then(Value::as_str)
                .filter(|s| values.contains(s));
            match published {
                Some(value) if rng.chance(80) => write_str(o, value),
                _ => write_str(o, values[rng.below(values.len() as u64) as usize]),
            }
        }
        Shape::LicenseNumber => o.push_str(&license(rng)),
        Shape::Object(fields) => write_object(o, rng, fields, sample.and_then(Value::as_object)),
        // One to two items like the published first one, or none to two.
        Shape::Array(item) => {
            let first = sample
                .and_then(Value::as_array)
                .and_then(|items| items.first());
            let n = if first.is_some() {
                1 + rng.below(2)
            } else {
                rng.below(3)
            };
            o.push('[');
            for i in 0..n {
                if i > 0 {
                    o.push(',');
                }
                write_value(o, rng, name, item, first);
            }
            o.push(']');
        }
        Shape::Nullable(inner) => {
            if rng.chance(20) {
                o.push_str("null");
            } else {
                write_value(o, rng, name, inner, sample.filter(|s| !s.is_null()));
            }
        }
        // As published, or a date-time (what `valid.Start` holds).
        Shape::Any => match sample {
            Some(value) => o.push_str(&serde_json::to_string(value).expect("JSON")),
            None => {
                let _ = write!(o, "\"{}\"", time(rng));
            }
        },
        // `Shape` is non-exhaustive: a shape added to the crate stops the
        // stream's generation, naming it.
        other => panic!("no `data` generator for the shape `{other}`: add it to benches/common"),
    }
}

/// The placeholder the vendor's license examples use for strings.
const PLACEHOLDER: &str = "string";

/// `text` as a JSON string.
fn write_str(o: &mut String, text: &str) {
    o.push_str(&serde_json::to_string(text).expect("a string"));
}

/// The app-usage channel's own attributes, as both streams write them.
fn app_usage_attributes(o: &mut String, rng: &mut Rng, user: &str) {
    let _ = write!(
        o,
        r#","host":"t{}.eu.qlikcloud.com","ownerid":"{user}","originip":"10.{}.{}.{}","reason":"reload","spaceid":"{}","clientid":"{}","toplevelresourceid":"{}""#,
        rng.below(1000),
        rng.below(256),
        rng.below(256),
        rng.below(256),
        hex_id(rng, 24),
        hex_id(rng, 16),
        uuid(rng)
    );
}

/// `n` events, each its own JSON document.
pub fn mixed(n: usize) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(0x5EED_0F0E_7E47);
    (0..n).map(|i| event(&mut rng, i).into_bytes()).collect()
}

/// The type the vendor-like stream sends for channels the crate does not
/// model (kept as `QlikEvent::Unknown`).
pub const UNKNOWN_TYPE: &str = "com.example.v1.unknown.type";

/// One event shaped like the vendor's bodies: `authclaims` always a JSON
/// string with escaped quotes (as the vendor sends it, with spaces), `data`
/// before `type` in about half of the events (as the vendor's app-event
/// examples do), and about one event in eight of another channel.
pub fn vendor_event(rng: &mut Rng, i: usize) -> String {
    let unknown = rng.chance(12);
    let known = &EventType::KNOWN[i % EventType::KNOWN.len()];
    let ty = if unknown {
        UNKNOWN_TYPE
    } else {
        known.as_str()
    };
    let tenant = hex_id(rng, 32);
    let user = hex_id(rng, 24);
    let app_usage = ty.contains("app-usage");
    let source = if unknown {
        "com.example/apps"
    } else if app_usage {
        "com.qlik/qix-sessions"
    } else {
        "com.qlik/licenses"
    };
    let data = if unknown {
        format!(
            r#"{{"id":"{}","name":"Sales {} \"Q{}\"","spaceId":"{}","ownerId":"{user}","reloadId":"{}","status":"ok","duration":{}}}"#,
            uuid(rng),
            rng.below(1000),
            1 + rng.below(4),
            hex_id(rng, 24),
            hex_id(rng, 24),
            rng.below(100_000)
        )
    } else {
        data(rng, known)
    };
    let data_first = rng.chance(50);
    let mut o = String::with_capacity(1024);
    o.push('{');
    if data_first {
        let _ = write!(o, r#""data":{data},"#);
    }
    let _ = write!(
        o,
        r#""id":"{}","time":"{}","type":"{ty}","source":"{source}","specversion":"1.0","datacontenttype":"application/json""#,
        uuid(rng),
        time(rng)
    );
    let auth = if rng.chance(70) { "user" } else { "service" };
    let _ = write!(o, r#","authtype":"{auth}""#);
    let iss = source
        .trim_start_matches("com.qlik/")
        .trim_start_matches("com.example/");
    let _ = write!(
        o,
        r#","authclaims":"{{\"iss\": \"qlik.api.internal/{iss}\", \"sub\": \"{user}\", \"subType\": \"{auth}\"}}""#
    );
    let trace = hex_id(rng, 32);
    let span = hex_id(rng, 16);
    if rng.chance(30) {
        let _ = write!(o, r#","tracestate":"b3={trace}-{span}-1""#);
    }
    let _ = write!(o, r#","traceparent":"00-{trace}-{span}-01""#);
    let _ = write!(o, r#","tenantid":"{tenant}""#);
    if rng.chance(80) {
        let _ = write!(o, r#","userid":"{user}""#);
    }
    if app_usage || unknown {
        app_usage_attributes(&mut o, rng, &user);
    } else if rng.chance(25) {
        let _ = write!(o, r#","sessionid":"{}""#, uuid(rng));
    }
    if !data_first {
        let _ = write!(o, r#","data":{data}"#);
    }
    o.push('}');
    o
}

/// `n` vendor-like events ([`vendor_event`]), each its own JSON document:
/// the stream the headline numbers are measured on.
pub fn vendor(n: usize) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(0x0E7E_4715_AFE5);
    (0..n)
        .map(|i| vendor_event(&mut rng, i).into_bytes())
        .collect()
}

/// `events` read both ways, for the serializer benchmarks: as
/// `serde_json::Value`s and as `QlikEvent`s.
pub fn parsed(events: &[Vec<u8>]) -> (Vec<serde_json::Value>, Vec<qlik_events::QlikEvent>) {
    let values = events
        .iter()
        .map(|e| serde_json::from_slice(e).expect("json"))
        .collect();
    let typed = events
        .iter()
        .map(|e| qlik_events::from_slice(e).expect("event"))
        .collect();
    (values, typed)
}

/// The published examples, one per event type: the crate's `tests/fixtures`,
/// seen from the benchmarks package or from the crate's own tests
/// (`tests/write.rs` uses this module too).
pub fn fixtures() -> Vec<(String, Vec<u8>)> {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = [
        manifest.join("tests/fixtures"),
        manifest.join("../tests/fixtures"),
    ]
    .into_iter()
    .find(|dir| dir.is_dir())
    .expect("fixtures directory");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("fixtures directory")
        .map(|e| e.expect("fixture entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path
                .file_stem()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).expect("fixture"))
        })
        .collect();
    out.sort();
    assert_eq!(
        out.len(),
        EventType::KNOWN.len(),
        "one fixture per known type"
    );
    out
}
