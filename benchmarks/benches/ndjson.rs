//! Reading a large NDJSON stream from a file with
//! `qlik_events::stream::read_ndjson`: events per second, and the peak heap
//! the read takes (which must not grow with the stream), side by side with
//! reading the whole file into memory and using `stream::events`.
//!
//! Usage: `cargo bench -p qlik-events-benchmarks --bench ndjson [-- EVENTS]` (default 1000000).
//!
//! The stream is the benches' deterministic mixed stream
//! (`common::event`, the same events as `common::mixed(n)`), written to a
//! file under the system's temporary directory (removed afterwards).
//!
//! Two passes over the file:
//!
//! 1. Timing, with dhat's allocator installed but no profiler running: it
//!    then only forwards to the system allocator (behind an uncontended
//!    lock), so allocation costs a little more than in a normal program.
//! 2. Memory, with dhat's profiler running: every allocation is recorded
//!    (slow, so not timed); the peak is `HeapStats::max_bytes` during the
//!    read, less the bytes live before it.

mod common;

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use qlik_events::stream;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// The reader's buffer over the file.
const READ_BUFFER: usize = 64 * 1024;

/// Removes the stream file when dropped, even on a panic.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// What one read of the stream found.
#[derive(Debug, Default, PartialEq)]
struct Tally {
    ok: usize,
    invalid: usize,
    /// Sum of the `id` lengths: something of every event is looked at.
    id_bytes: usize,
}

impl Tally {
    fn add(&mut self, record: stream::Record) {
        match record.result {
            Ok(event) => {
                self.ok += 1;
                self.id_bytes += event.id().map_or(0, str::len);
            }
            Err(_) => self.invalid += 1,
        }
    }
}

/// Writes `n` events, one per line, and returns the file's size and the
/// longest line.
fn write_stream(path: &PathBuf, n: usize) -> (u64, usize) {
    let file = File::create(path).expect("create the stream file");
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let mut rng = common::Rng::new(0x5EED_0F0E_7E47);
    let mut size = 0u64;
    let mut longest = 0;
    for i in 0..n {
        let line = common::event(&mut rng, i);
        longest = longest.max(line.len());
        size += line.len() as u64 + 1;
        out.write_all(line.as_bytes()).expect("write");
        out.write_all(b"\n").expect("write");
    }
    out.flush().expect("flush");
    (size, longest)
}

fn read_streaming(path: &PathBuf) -> Tally {
    let file = File::open(path).expect("open the stream file");
    let mut tally = Tally::default();
    for record in stream::read_ndjson(BufReader::with_capacity(READ_BUFFER, file)) {
        tally.add(record);
    }
    tally
}

fn read_in_memory(path: &PathBuf) -> Tally {
    let bytes = std::fs::read(path).expect("read the stream file");
    let mut tally = Tally::default();
    for record in stream::events(&bytes) {
        tally.add(record);
    }
    tally
}

/// Lines only, no parsing: the cost of the I/O and line splitting.
fn read_lines_only(path: &PathBuf) -> Tally {
    let file = File::open(path).expect("open the stream file");
    let mut reader = BufReader::with_capacity(READ_BUFFER, file);
    let mut line = Vec::new();
    let mut tally = Tally::default();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {
                tally.ok += 1;
                tally.id_bytes += line.len();
            }
            Err(err) => panic!("read: {err}"),
        }
    }
    tally
}

fn timed(f: impl FnOnce() -> Tally) -> (Tally, Duration) {
    let start = Instant::now();
    let tally = f();
    (tally, start.elapsed())
}

/// The peak heap bytes `f` takes above what was live before it.
///
/// dhat's peak is the highest since the profiler started, and it can start
/// only once per process: a measurement is right only when its peak is
/// above every earlier one, which the callers arrange (and this checks).
fn peak(f: impl FnOnce() -> Tally) -> (Tally, u64) {
    let before = dhat::HeapStats::get();
    let tally = f();
    let after = dhat::HeapStats::get();
    assert!(
        after.max_bytes > before.max_bytes,
        "the peak of this measurement is hidden by an earlier one"
    );
    (tally, (after.max_bytes - before.curr_bytes) as u64)
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn kib(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);

    let path = std::env::temp_dir().join(format!(
        "qlik-events-bench-ndjson-{}.ndjson",
        std::process::id()
    ));
    let file = TempFile(path);
    let start = Instant::now();
    let (size, longest) = write_stream(&file.0, n);
    eprintln!(
        "wrote {n} events, {:.1} MiB, to {} in {:.1?}",
        mib(size),
        file.0.display(),
        start.elapsed()
    );

    // Pass 1: timing, no profiler running. A first read warms the page
    // cache, so that every timed read finds the file in memory.
    let (lines, lines_time) = timed(|| read_lines_only(&file.0));
    assert_eq!(lines.ok, n);
    let (streamed, stream_time) = timed(|| read_streaming(&file.0));
    assert_eq!((streamed.ok, streamed.invalid), (n, 0));
    let (in_memory, memory_time) = timed(|| read_in_memory(&file.0));
    assert_eq!(in_memory, streamed);

    // Pass 2: memory, under dhat's profiler. The streaming read first, so
    // that the in-memory read (whose peak is far higher) cannot hide it.
    let _profiler = dhat::Profiler::builder().testing().build();
    let (_, stream_peak) = peak(|| read_streaming(&file.0));
    let (_, memory_peak) = peak(|| read_in_memory(&file.0));
    drop(file);

    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    let throughput = |d: Duration| mib(size) / d.as_secs_f64();
    println!(
        "events: {n} (mixed stream, benchmarks/benches/common), {:.1} MiB, longest line {longest} bytes; \
         read buffer {} KiB",
        mib(size),
        READ_BUFFER / 1024
    );
    println!();
    println!("| read | time | events/s | MiB/s | peak heap |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    println!(
        "| `read_ndjson` (`BufReader<File>`) | {:.2} s | {:.0} | {:.0} | {:.1} KiB |",
        stream_time.as_secs_f64(),
        rate(stream_time),
        throughput(stream_time),
        kib(stream_peak)
    );
    println!(
        "| `fs::read` + `stream::events` | {:.2} s | {:.0} | {:.0} | {:.1} MiB |",
        memory_time.as_secs_f64(),
        rate(memory_time),
        throughput(memory_time),
        mib(memory_peak)
    );
    println!(
        "| lines only (`read_until`, no parsing) | {:.2} s | {:.0} | {:.0} | - |",
        lines_time.as_secs_f64(),
        rate(lines_time),
        throughput(lines_time)
    );
}
