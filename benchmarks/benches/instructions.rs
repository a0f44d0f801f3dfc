//! Instruction counts: one parser over the mixed stream, run under
//! `valgrind --tool=callgrind` by `benchmarks/benches/instructions.sh`, which
//! subtracts the `baseline` mode (generating the stream) and divides by the
//! number of events. Instruction counts do not depend on machine load.
//!
//! Usage: `instructions MODE [EVENTS] [INPUT]`, MODE one of `baseline`,
//! `ignored`, `value`, `cloudevents`, `qlik`, `qlik-serde`
//! (`serde_json::from_slice::<QlikEvent>`), `sonic-value` (`sonic_rs::Value`),
//! `derive-json` and `derive-sonic` (the plain serde-derive model of
//! `derive/mod.rs` through serde_json and sonic-rs), `ser-baseline`,
//! `ser-value`, `ser-qlik` (serde), `ser-fast` (`qlik_events::to_vec`).
//! INPUT is `vendor` (the vendor-like stream, the default), `mixed` (the
//! older mixed stream) or a file name under `tests/fixtures` without
//! `.json` (that published example EVENTS times).

mod common;
mod derive;

use std::hint::black_box;

use serde::de::IgnoredAny;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map_or("qlik", String::as_str);
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let events = match args.get(3).map(String::as_str) {
        None | Some("vendor") => common::vendor(n),
        Some("mixed") => common::mixed(n),
        Some(name) => {
            let Some((_, bytes)) = common::fixtures().into_iter().find(|(f, _)| f == name) else {
                eprintln!("no fixture {name}");
                std::process::exit(2);
            };
            vec![bytes; n]
        }
    };
    black_box(measured(mode, &events));
}

/// The measured part alone, a function of its own so that a profile can
/// count only it: `valgrind --tool=callgrind --collect-atstart=no
/// --toggle-collect='instructions::measured'`.
#[inline(never)]
fn measured(mode: &str, events: &[Vec<u8>]) -> usize {
    let mut sink = 0usize;
    match mode {
        "baseline" => {
            for e in events {
                sink += black_box(e).len();
            }
        }
        "ignored" => {
            for e in events {
                let v: IgnoredAny = serde_json::from_slice(black_box(e)).expect("json");
                black_box(v);
            }
        }
        "value" => {
            for e in events {
                let v: serde_json::Value = serde_json::from_slice(black_box(e)).expect("json");
                black_box(&v);
            }
        }
        "sonic-value" => {
            for e in events {
                let v: sonic_rs::Value = sonic_rs::from_slice(black_box(e)).expect("json");
                black_box(&v);
            }
        }
        "derive-json" => {
            for e in events {
                let v: derive::Event = serde_json::from_slice(black_box(e)).expect("event");
                black_box(&v);
            }
        }
        "derive-sonic" => {
            for e in events {
                let v: derive::Event = sonic_rs::from_slice(black_box(e)).expect("event");
                black_box(&v);
            }
        }
        "cloudevents" => {
            for e in events {
                let v: cloudevents::Event = serde_json::from_slice(black_box(e)).expect("event");
                black_box(&v);
            }
        }
        "qlik" => {
            for e in events {
                let v = qlik_events::from_slice(black_box(e)).expect("event");
                black_box(&v);
            }
        }
        "qlik-serde" => {
            for e in events {
                let v: qlik_events::QlikEvent =
                    serde_json::from_slice(black_box(e)).expect("event");
                black_box(&v);
            }
        }
        // Serialization: every mode parses first; `ser-baseline` only parses.
        "ser-baseline" | "ser-value" | "ser-qlik" | "ser-fast" => {
            let (values, typed) = common::parsed(events);
            let mut buf = Vec::with_capacity(4096);
            match mode {
                "ser-value" => {
                    for v in &values {
                        buf.clear();
                        serde_json::to_writer(&mut buf, black_box(v)).expect("write");
                        sink += buf.len();
                    }
                }
                "ser-fast" => {
                    for v in &typed {
                        buf.clear();
                        qlik_events::WriteJson::write_json(black_box(v), &mut buf).expect("write");
                        sink += buf.len();
                    }
                }
                "ser-qlik" => {
                    for v in &typed {
                        buf.clear();
                        serde_json::to_writer(&mut buf, black_box(v)).expect("write");
                        sink += buf.len();
                    }
                }
                _ => sink += values.len() + typed.len(),
            }
        }
        other => {
            eprintln!("unknown mode {other}");
            std::process::exit(2);
        }
    }
    sink
}
