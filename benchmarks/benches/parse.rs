//! Wall-clock benchmarks (criterion): parse and serialize, per published
//! example, on the vendor-like stream and on the older mixed stream, side
//! by side with `serde_json::Value`, `cloudevents::Event`,
//! `serde::de::IgnoredAny` (the tokenizer floor), `sonic_rs::Value` (the
//! SIMD floor) and the plain serde-derive model via serde_json and sonic-rs,
//! on the same bytes. For one number per parser, see `--bench speed`. Ratios: compare the group's lines; for a number that does
//! not depend on machine load, see `benchmarks/benches/instructions.sh`.

mod common;
mod derive;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::de::IgnoredAny;

const STREAM: usize = 100_000;

fn parse_each<T>(events: &[Vec<u8>], parse: impl Fn(&[u8]) -> T) {
    for e in events {
        black_box(parse(black_box(e)));
    }
}

fn parsers(c: &mut Criterion, group: &str, events: &[Vec<u8>]) {
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Elements(events.len() as u64));
    g.bench_function("IgnoredAny", |b| {
        b.iter(|| {
            parse_each(events, |e| {
                serde_json::from_slice::<IgnoredAny>(e).expect("json")
            })
        })
    });
    g.bench_function("serde_json::Value", |b| {
        b.iter(|| {
            parse_each(events, |e| {
                serde_json::from_slice::<serde_json::Value>(e).expect("json")
            })
        })
    });
    g.bench_function("cloudevents::Event", |b| {
        b.iter(|| {
            parse_each(events, |e| {
                serde_json::from_slice::<cloudevents::Event>(e).expect("event")
            })
        })
    });
    g.bench_function("qlik_events::from_slice", |b| {
        b.iter(|| parse_each(events, |e| qlik_events::from_slice(e).expect("event")))
    });
    g.bench_function("sonic_rs::Value", |b| {
        b.iter(|| {
            parse_each(events, |e| {
                sonic_rs::from_slice::<sonic_rs::Value>(e).expect("json")
            })
        })
    });
    g.bench_function("serde derive via serde_json", |b| {
        b.iter(|| {
            parse_each(events, |e| {
                serde_json::from_slice::<derive::Event>(e).expect("event")
            })
        })
    });
    g.bench_function("serde derive via sonic-rs", |b| {
        b.iter(|| {
            parse_each(events, |e| {
                sonic_rs::from_slice::<derive::Event>(e).expect("event")
            })
        })
    });
    g.finish();
}

fn serializers(c: &mut Criterion, group: &str, events: &[Vec<u8>]) {
    let (values, typed) = common::parsed(events);
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Elements(events.len() as u64));
    let mut buf = Vec::with_capacity(4096);
    g.bench_function("serde_json::Value", |b| {
        b.iter(|| {
            for v in &values {
                buf.clear();
                serde_json::to_writer(&mut buf, black_box(v)).expect("write");
            }
        })
    });
    g.bench_function("qlik_events::to_vec (fast writer)", |b| {
        b.iter(|| {
            for v in &typed {
                buf.clear();
                qlik_events::WriteJson::write_json(black_box(v), &mut buf).expect("write");
            }
        })
    });
    g.bench_function("qlik_events::QlikEvent (serde)", |b| {
        b.iter(|| {
            for v in &typed {
                buf.clear();
                serde_json::to_writer(&mut buf, black_box(v)).expect("write");
            }
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    for (name, bytes) in common::fixtures() {
        let one = vec![bytes];
        parsers(c, &format!("parse/{name}"), &one);
    }
    let vendor = common::vendor(STREAM);
    parsers(c, "parse/vendor", &vendor);
    serializers(c, "serialize/vendor", &vendor);
    let stream = common::mixed(STREAM);
    parsers(c, "parse/mixed", &stream);
    serializers(c, "serialize/mixed", &stream);
}

criterion_group! {
    name = parse;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(parse);
