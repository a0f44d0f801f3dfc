//! Retained memory per parsed event on the mixed stream: the size of the
//! value plus the heap bytes its parse allocated and kept, counted by dhat's
//! allocator, side by side with `serde_json::Value` and `cloudevents::Event`.
//!
//! Usage: `cargo bench -p qlik-events-benchmarks --bench memory [-- EVENTS]` (default 20000).

mod common;

use std::mem::size_of;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Parses every event into a vector reserved beforehand, and returns the
/// heap bytes the parsed values hold, per event.
fn retained<T>(events: &[Vec<u8>], parse: impl Fn(&[u8]) -> T) -> (usize, Vec<T>) {
    let mut out = Vec::with_capacity(events.len());
    let before = dhat::HeapStats::get().curr_bytes;
    for e in events {
        out.push(parse(e));
    }
    let after = dhat::HeapStats::get().curr_bytes;
    ((after - before) / events.len(), out)
}

fn main() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20_000);
    let events = common::mixed(n);

    let (value_heap, values) = retained(&events, |e| {
        serde_json::from_slice::<serde_json::Value>(e).expect("json")
    });
    drop(values);
    let (ce_heap, ces) = retained(&events, |e| {
        serde_json::from_slice::<cloudevents::Event>(e).expect("event")
    });
    drop(ces);
    let (qlik_heap, qliks) = retained(&events, |e| qlik_events::from_slice(e).expect("event"));
    drop(qliks);

    let rows = [
        (
            "serde_json::Value",
            size_of::<serde_json::Value>(),
            value_heap,
        ),
        (
            "cloudevents::Event",
            size_of::<cloudevents::Event>(),
            ce_heap,
        ),
        (
            "qlik_events::QlikEvent",
            size_of::<qlik_events::QlikEvent>(),
            qlik_heap,
        ),
    ];
    let value_total = (rows[0].1 + rows[0].2) as f64;
    println!("events: {n} (mixed stream, benchmarks/benches/common)");
    println!("| type | size_of | heap/event | total/event | vs Value |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (name, size, heap) in rows {
        let total = size + heap;
        println!(
            "| {name} | {size} | {heap} | {total} | {:.2}x smaller |",
            value_total / total as f64
        );
    }
}
