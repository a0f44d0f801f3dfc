//! Time per event of every parser on the same stream, in one process: each
//! round runs every parser once over the whole stream (interleaved, so that
//! the machine's load falls on all of them alike), and the best round of
//! each is kept. Prints ns/event and ratios against `qlik_events::from_slice`
//! and against `sonic_rs::Value` (the untyped SIMD floor).
//!
//! Usage: `cargo bench -p qlik-events-benchmarks --bench speed -- [ROUNDS]
//! [EVENTS] [INPUT] [ONLY]` (15 rounds of 20,000 events of the vendor-like
//! stream by default; INPUT `vendor` or `mixed`; ONLY, parts of parsers'
//! names separated by commas, runs those parsers and no other: `sonic,qlik_`
//! for a quick comparison, one name for `perf record`).

mod common;
mod derive;

use std::hint::black_box;
use std::time::Instant;

use serde::de::IgnoredAny;

type Parser = (&'static str, fn(&[u8]));

const PARSERS: [Parser; 8] = [
    ("serde_json IgnoredAny", |e| {
        black_box(serde_json::from_slice::<IgnoredAny>(e).expect("json"));
    }),
    ("sonic_rs::Value", |e| {
        black_box(sonic_rs::from_slice::<sonic_rs::Value>(e).expect("json"));
    }),
    ("qlik_events::from_slice", |e| {
        black_box(qlik_events::from_slice(e).expect("event"));
    }),
    ("serde derive via sonic-rs", |e| {
        black_box(sonic_rs::from_slice::<derive::Event>(e).expect("event"));
    }),
    ("serde derive via serde_json", |e| {
        black_box(serde_json::from_slice::<derive::Event>(e).expect("event"));
    }),
    ("serde_json::Value", |e| {
        black_box(serde_json::from_slice::<serde_json::Value>(e).expect("json"));
    }),
    ("qlik serde (from_slice::<QlikEvent>)", |e| {
        black_box(serde_json::from_slice::<qlik_events::QlikEvent>(e).expect("event"));
    }),
    ("cloudevents::Event", |e| {
        black_box(serde_json::from_slice::<cloudevents::Event>(e).expect("event"));
    }),
];

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let rounds: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(15);
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let input = args.get(2).map_or("vendor", String::as_str);
    let events = match input {
        "mixed" => common::mixed(n),
        _ => common::vendor(n),
    };
    let only: Vec<&str> = args.get(3).map_or("", String::as_str).split(',').collect();
    let bytes: usize = events.iter().map(Vec::len).sum();
    // `NAN` for the parsers left out: their rows and ratios are left out.
    let mut best = [f64::NAN; PARSERS.len()];
    for _ in 0..rounds {
        for (slot, (name, parse)) in best.iter_mut().zip(PARSERS) {
            if !only.iter().any(|part| name.contains(part)) {
                continue;
            }
            let start = Instant::now();
            for e in &events {
                parse(black_box(e));
            }
            let ns = start.elapsed().as_nanos() as f64 / n as f64;
            // `min` keeps the number when the other is `NAN`.
            *slot = slot.min(ns);
        }
    }
    let of = |name: &str| {
        PARSERS
            .iter()
            .position(|(p, _)| *p == name)
            .map_or(f64::NAN, |i| best[i])
    };
    let qlik = of("qlik_events::from_slice");
    let sonic = of("sonic_rs::Value");
    let ignored = of("serde_json IgnoredAny");
    println!(
        "{input} stream: {n} events, {} bytes/event on average; best of {rounds} rounds",
        bytes / n.max(1)
    );
    println!(
        "| {:<38} | {:>9} | {:>9} | {:>9} |",
        "parser", "ns/event", "vs qlik", "vs sonic"
    );
    for ((name, _), ns) in PARSERS.iter().zip(best).filter(|(_, ns)| !ns.is_nan()) {
        println!(
            "| {name:<38} | {ns:>9.0} | {:>8.2}x | {:>8.2}x |",
            ns / qlik,
            ns / sonic
        );
    }
    if !qlik.is_nan() && !sonic.is_nan() {
        println!(
            "qlik_events::from_slice: {:.2}x sonic_rs::Value (time)",
            qlik / sonic
        );
    }
    if !qlik.is_nan() && !ignored.is_nan() {
        println!(
            "qlik_events::from_slice: {:.2}x IgnoredAny (time)",
            qlik / ignored
        );
    }
}
