//! A deterministic mixed stream of Qlik events for the benchmarks: every
//! event type, unique ids, varied numbers and optional fields, 400 to 800
//! bytes each. No randomness crate: a fixed xorshift keeps runs identical.
#![allow(dead_code)] // Each bench binary uses part of this module.

use std::fmt::Write;

use qlik_events::{Channel, EventType};

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

/// The `data` of an event of the known type `ty`; a type of the registry
/// with no generator here panics, naming it.
fn data(rng: &mut Rng, ty: &EventType) -> String {
    let origin = if rng.chance(80) {
        "internal"
    } else {
        "external"
    };
    let kinds = ["professional", "analyzer", "analyzer_time", "basic"];
    let kind = kinds[rng.below(4) as usize];
    let subject = format!("qtsel\\\\user{}", rng.below(100_000));
    match ty {
        EventType::AssignmentDeleted | EventType::AssignmentUpdated => format!(
            r#"{{"type":"{kind}","origin":"{origin}","license":{},"subject":"{subject}"}}"#,
            license(rng)
        ),
        EventType::AssignmentRejected => format!(
            r#"{{"type":"{kind}","origin":"{origin}","license":{},"message":"No available {kind} allocations","subject":"{subject}"}}"#,
            license(rng)
        ),
        EventType::DataVolumeConsumptionAggregated => format!(
            r#"{{"total":{},"dataVolume":{{"unit":"byte","volume":{},"localVolume":{},"externalVolume":{},"consumptionType":"capacity"}},"globalConsumption":{},"globalConsumptionUnit":"byte","totalLocalConsumption":{},"licenseHighWatermarkWithinMonth":{},"licenseHighWatermarkWithinMonthUnit":"byte"}}"#,
            rng.below(1 << 40),
            rng.below(1 << 40),
            rng.below(1 << 40),
            rng.below(1 << 40),
            rng.below(1 << 40),
            rng.below(1 << 40),
            rng.below(1 << 40)
        ),
        EventType::DefinitionUpdated => {
            let mut d = format!(
                r#"{{"license":{},"parentLicense":"{}""#,
                license(rng),
                rng.below(1 << 53)
            );
            if rng.chance(50) {
                let _ = write!(d, r#","capabilityBankId":"{}""#, hex_id(rng, 24));
            }
            if rng.chance(50) {
                let _ = write!(
                    d,
                    r#","valid":{{"Start":"2026-01-01T00:00:00Z","Stop":"2027-01-01T00:00:00Z"}},"licenseType":"subscription","updateTime":"{}","latestValidTime":null"#,
                    time(rng)
                );
            }
            d.push('}');
            d
        }
        EventType::TenantAssociated => {
            let mut d = format!(
                r#"{{"license":{},"parentLicense":"{}""#,
                license(rng),
                rng.below(1 << 53)
            );
            if rng.chance(50) {
                let _ = write!(
                    d,
                    r#","previousLicense":"{}","previousParentLicense":"{}""#,
                    rng.below(1 << 53),
                    rng.below(1 << 53)
                );
            }
            if rng.chance(50) {
                let _ = write!(d, r#","capabilityBankId":"{}""#, hex_id(rng, 24));
            }
            d.push('}');
            d
        }
        EventType::QuotaConsumed => {
            let mut d = format!(
                r#"{{"unit":"byte","quota":"appSizeTotalDefault","usage":{}"#,
                rng.below(1 << 40)
            );
            let spaces = rng.below(3);
            if spaces > 0 {
                d.push_str(r#","spaceUsages":["#);
                for s in 0..spaces {
                    if s > 0 {
                        d.push(',');
                    }
                    let _ = write!(
                        d,
                        r#"{{"unit":"byte","usage":{},"spaceId":"{}"}}"#,
                        rng.below(1 << 36),
                        hex_id(rng, 24)
                    );
                }
                d.push(']');
            }
            d.push('}');
            d
        }
        EventType::LeaseCreated | EventType::LeaseDeleted | EventType::LeaseUpdated => {
            let created = if rng.chance(20) {
                "null".to_owned()
            } else {
                format!("\"{}\"", time(rng))
            };
            let mut d = format!(
                r#"{{"name":"lease-{}","size":{},"excess":{},"license":{}"#,
                rng.below(10_000),
                rng.below(64),
                rng.chance(10),
                license(rng)
            );
            if *ty == EventType::LeaseUpdated {
                let _ = write!(
                    d,
                    r#","_updates":[{{"path":"/leasedQuantity","newValue":{},"oldValue":{}}}]"#,
                    rng.below(100),
                    rng.below(100)
                );
            }
            let _ = write!(
                d,
                r#","resource":"amlDepModel","createdAt":{created},"updatedAt":"{}","excessQuantity":{},"leasedQuantity":{},"licenseQuantity":{},"licenseUnlimited":{}}}"#,
                time(rng),
                rng.below(10),
                rng.below(1000),
                rng.below(10_000),
                rng.chance(5)
            );
            d
        }
        other => panic!("no `data` generator for `{other}`: add one to benches/common"),
    }
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
