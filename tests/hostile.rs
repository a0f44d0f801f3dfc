//! A catalogue of hostile input, run by one data-driven test.
//!
//! # The table
//!
//! `tests/hostile/cases.tsv` has one row per case, tab-separated:
//! `name`, `input`, `expected`, `checks`, `note` (the last two may be
//! empty). Lines starting with `#` are comments.
//!
//! `input` is one of:
//!
//! - `file:NAME`: the bytes of `tests/hostile/NAME`, as sent (the `.bin`
//!   files hold what a JSON string in the table cannot: invalid UTF-8, raw
//!   control characters);
//! - `fixture:TYPE`: `tests/fixtures/TYPE.json`;
//! - `text:"..."`: the UTF-8 of a JSON string literal;
//! - `gen:RECIPE [args]`, args a JSON array, for edits of small files and for
//!   the big inputs, which are generated here rather than committed. A
//!   `base` is `fixture:TYPE`, `NAME` (under `tests/hostile/`) or `-` (the
//!   bare template `@@`); templates (`tpl_*.json`) hold one `@@`.
//!   - `edit [base, from, to, ...]`: each `from` (which must occur exactly
//!     once) replaced by `to`;
//!   - `wrap [base, before, after]`;
//!   - `prefixes [base]`: one input per prefix, from the empty one to the one
//!     that stops just before the final `}` (so every one is cut short);
//!   - `fill [base, before, unit, count, after]`: `@@` becomes `before`,
//!     `unit` repeated `count` times, `after` (the 10 MB strings, 1 MB keys,
//!     100,000-digit numbers);
//!   - `join [base, before, item, sep, count, after]`: `count` copies of
//!     `item` with `#` replaced by the copy's index (100,000-element arrays,
//!     100,000 unknown fields);
//!   - `nest [base, before, open, inner, close, count, after]`: `open` and
//!     `close` `count` times around `inner` (10,000 levels of nesting).
//!
//! `expected` is `accepted`, `accepted TYPE` (a known event of that type),
//! `accepted unknown "TYPE"` (an unknown event; the type as a JSON string)
//! or `error KIND PATH`: the error's [`ErrorKind`](qlik_events::ErrorKind)
//! (`Eof|Syntax` allows either), and its exact `path()`: nothing for the
//! document itself, `*` for any path (the prefix rows).
//!
//! `checks`, space-separated, on an accepted event written back as JSON:
//! `/json/pointer=JSON`, `/json/pointer#len=N` (array or object length,
//! string length in bytes; `#len=N` alone is the top-level object) and
//! `raw_data#len=N` (the raw `data` text of an unknown event).
//!
//! For every input the test also checks that an error has a position inside
//! the input (serde_json's column 0 is "before the first byte of the
//! line"), that an accepted event written back reads as itself, and (inputs
//! up to 1 MiB) that `stream::events` does not panic and, for a single
//! value, gives what `from_slice` gives.
//!
//! # Budgets
//!
//! Nothing here is held to a clock, so a loaded machine cannot fail this
//! test. This binary's global allocator counts (its one test runs on one
//! thread), and every input is parsed once under it:
//!
//! - Memory: the peak live heap during the parse (the result included) must
//!   not exceed 16 times the input length plus 4 KiB (the fixed cost of a
//!   boxed error or an envelope). The bytes and blocks allocated in all
//!   (reallocations counted in full) are reported.
//! - Growth: each row that repeats something at least 10,000 times (`fill`,
//!   `join`, `nest`: the 10 MB strings, 100,000-element arrays, 10,000-deep
//!   nesting) is also parsed with a sixteenth of its count, and the work is
//!   compared between the two sizes, `r` being the ratio of their lengths
//!   (about 16). Allocations, counted exactly, may grow at most `2 r` times
//!   (blocks and bytes, plus a small constant). The parse's CPU time (this
//!   thread's, `CLOCK_THREAD_CPUTIME_ID`, so that other processes do not
//!   count; not checked off Unix) may grow at most
//!   `4 r` times, plus 2 ms: linear work grows `r` times, quadratic work
//!   `r^2` (about 256). A ratio over its limit is measured again, the
//!   fastest of three runs of each size taken in turns, before it counts.
//!   Both sizes run in the same process moments apart, so a load that slows
//!   one slows the other.
//!   Before the catalogue, the test checks this check: a linear scan over a
//!   16 times larger input passes it, a quadratic one fails it.
//! - Absolute time is not asserted here. The `hostile` benchmark
//!   (`cargo bench -p qlik-events-benchmarks --bench hostile`, run by CI,
//!   which prints it without failing on it) times every input of this table
//!   in an optimised build and flags those over 100 ms.
//!
//! # The duplicate-key rule
//!
//! A key written twice in an object the crate reads (the event, `data`, any
//! payload object, `_updates` and `spaceUsages` items, `valid`) is a
//! `DuplicateField` error at that key's path, whether it is a known field or
//! an unknown one (kept in `extensions` / `extra`), and whether the two
//! spellings are the same or one uses escapes (`"type"` and `"t\u0079pe"`).
//! The first value is read before the second key is seen, so an invalid
//! first value is reported instead. Inside values kept as raw JSON (unknown
//! fields and extensions, `newValue` / `oldValue`, `valid.Start`, the `data`
//! of an unknown event type) serde_json's rule applies: accepted, the last
//! one wins when read. Keys are case-sensitive (`Type` is not `type`).
//!
//! # Results
//!
//! 297 cases (6,353 inputs with the 10 prefix rows); every outcome is as the
//! table says. Decisions worth knowing:
//!
//! - A UTF-8 BOM is a syntax error (RFC 8259: a parser MAY ignore it; serde
//!   does not). Trailing bytes other than whitespace are a syntax error at
//!   the root. Invalid UTF-8 or a raw control character is a syntax error
//!   at the string holding it; in a key, at the object holding the key.
//! - `-0` and `-0.0` in an integer field are `InvalidType` (serde_json hands
//!   `-0` over as the float `-0.0`); integers past the `i64` range
//!   (`9223372036854775808`, `-9223372036854775809`, 25 digits) are
//!   `InvalidValue`; `1e400` is `Syntax` (no JSON number type holds it); a
//!   license number may be any `u64` or `i64`.
//! - Members the crate does not model (unknown fields, extensions, the
//!   older envelope's `extensions.<other>`) and the `data` of an unknown
//!   event type are kept as their JSON text, as serde_json's `RawValue`
//!   keeps text: checked for syntax only, so a 10,000-deep value, a lone
//!   surrogate escape or `1e400` there is accepted and kept as sent. A
//!   10,000-deep value in a field the crate reads into a
//!   `serde_json::Value` (`newValue`, `oldValue`, `valid.Start`) is a
//!   `Syntax` error (serde_json's recursion limit, 128) at that field's
//!   path.
//! - Messages quote at most the first 64 bytes of an offending string,
//!   invalid type or invalid value alike (a 10 MB string where an integer
//!   belongs gives a short message).
//!
//! Every case is within 16 times its input in memory (plus 4 KiB); among
//! inputs over 64 KiB the worst takes 10.5x (100,000 tiny `_updates` or
//! `spaceUsages` items: `{"path":""}`, `{}`). From a sixteenth of the count
//! to the full one, allocated bytes grow at most 18.7 times (for 18.7 times
//! the input), and CPU time, in single runs on a loaded machine, 9 to 27
//! times (for 11.5 to 19 times the input; the limit is about 64). In release (the `hostile` benchmark) the slowest
//! input takes about 25 ms.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "hostile/table.rs"]
mod table;

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use qlik_events::stream::{self, Shape};
use qlik_events::{Error, QlikEvent};
use serde_json::Value;
use table::{Case, Check, Expected, TypeExp};

#[global_allocator]
static ALLOC: counting::Counting = counting::Counting;

/// Peak heap during one parse, as a multiple of the input's length ...
const ALLOC_FACTOR: u64 = 16;
/// ... plus this much for the fixed cost of a result (a boxed error with its
/// message and path, or an event with its envelope).
const ALLOC_SLACK: u64 = 4096;
/// `stream::events` is run on inputs up to this size (it reads a single
/// event with `from_slice` too: on the big ones it would only add time).
const STREAM_MAX: usize = 1 << 20;
/// Rows repeating something at least this many times are also parsed with
/// their count divided by [`GROWTH_DIVISOR`].
const GROWTH_MIN_COUNT: usize = 10_000;
const GROWTH_DIVISOR: usize = 16;
/// From the small input to the large one, CPU time may grow this many times
/// the ratio of their lengths (linear work: once; quadratic: about 16) ...
const TIME_GROWTH: f64 = 4.0;
/// ... plus this much, so that parses too short to time never fail.
const TIME_GROWTH_SLACK: Duration = Duration::from_millis(2);
/// Allocated blocks and bytes may grow this many times the ratio of the
/// lengths (they are counted exactly), plus [`ALLOC_GROWTH_SLACK_BLOCKS`]
/// blocks and [`ALLOC_SLACK`] bytes.
const ALLOC_GROWTH: f64 = 2.0;
const ALLOC_GROWTH_SLACK_BLOCKS: u64 = 16;

/// A global allocator that forwards to the system's and counts: live bytes,
/// their high-water mark, and every block and byte allocated. No profiling
/// crate: its dependencies would be built by the quick start's first
/// command (`cargo run --example` builds every dev-dependency).
mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

    pub struct Counting;

    static LIVE: AtomicU64 = AtomicU64::new(0);
    static PEAK: AtomicU64 = AtomicU64::new(0);
    static TOTAL: AtomicU64 = AtomicU64::new(0);
    static BLOCKS: AtomicU64 = AtomicU64::new(0);

    fn allocated(size: usize) {
        let size = size as u64;
        BLOCKS.fetch_add(1, Relaxed);
        TOTAL.fetch_add(size, Relaxed);
        let live = LIVE.fetch_add(size, Relaxed) + size;
        PEAK.fetch_max(live, Relaxed);
    }

    fn freed(size: usize) {
        LIVE.fetch_sub(size as u64, Relaxed);
    }

    // SAFETY: every call is forwarded unchanged to `System`, whose contract
    // is the caller's; the counters only read sizes.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: as above.
            let ptr = unsafe { System.alloc(layout) };
            if !ptr.is_null() {
                allocated(layout.size());
            }
            ptr
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            // SAFETY: as above.
            let ptr = unsafe { System.alloc_zeroed(layout) };
            if !ptr.is_null() {
                allocated(layout.size());
            }
            ptr
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: as above.
            unsafe { System.dealloc(ptr, layout) };
            freed(layout.size());
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: as above.
            let new = unsafe { System.realloc(ptr, layout, new_size) };
            if !new.is_null() {
                freed(layout.size());
                allocated(new_size);
            }
            new
        }
    }

    /// What `f` allocated.
    #[derive(Clone, Copy, Debug, Default)]
    pub struct Stats {
        /// The high-water mark of live bytes above what was live before
        /// (what `f` returns included, as it is still live).
        pub peak: u64,
        /// Every byte allocated, reallocations counted in full.
        pub total: u64,
        /// Allocations and reallocations.
        pub blocks: u64,
    }

    pub fn count<T>(f: impl FnOnce() -> T) -> (T, Stats) {
        let base = LIVE.load(Relaxed);
        PEAK.store(base, Relaxed);
        let (total, blocks) = (TOTAL.load(Relaxed), BLOCKS.load(Relaxed));
        let out = f();
        let stats = Stats {
            peak: PEAK.load(Relaxed).saturating_sub(base),
            total: TOTAL.load(Relaxed) - total,
            blocks: BLOCKS.load(Relaxed) - blocks,
        };
        (out, stats)
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------
// Measuring one parse.

struct Measure {
    /// CPU time of this thread, where the system tells it; reported, and
    /// compared only between two sizes of the same input.
    cpu: Option<Duration>,
    alloc: counting::Stats,
}

fn alloc_limit(len: usize) -> u64 {
    ALLOC_FACTOR * len as u64 + ALLOC_SLACK
}

/// The CPU time this thread has used (`CLOCK_THREAD_CPUTIME_ID`: exact to
/// the nanosecond, where `/proc/thread-self/schedstat` moves only at
/// scheduler ticks of a few milliseconds).
#[cfg(unix)]
fn thread_cpu_time() -> Option<Duration> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable `timespec` for the call's duration.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    let secs = u64::try_from(ts.tv_sec).ok()?;
    let nanos = u32::try_from(ts.tv_nsec).ok()?;
    (rc == 0).then(|| Duration::new(secs, nanos))
}

/// Elsewhere the growth of time is not checked (allocations still are).
#[cfg(not(unix))]
fn thread_cpu_time() -> Option<Duration> {
    None
}

/// Parses `input` once, counting its allocations and its CPU time.
fn measure(input: &[u8]) -> (Result<QlikEvent, Error>, Measure) {
    measure_with(input, qlik_events::from_slice)
}

/// Runs `work` on `input` once, counting its allocations and its CPU time.
fn measure_with<T>(input: &[u8], work: impl Fn(&[u8]) -> T) -> (T, Measure) {
    let before = thread_cpu_time();
    let (result, alloc) = counting::count(|| work(std::hint::black_box(input)));
    let cpu = before
        .zip(thread_cpu_time())
        .map(|(b, a)| a.saturating_sub(b));
    (result, Measure { cpu, alloc })
}

/// How the work grew from `small` to `large` (the same recipe with a
/// sixteenth of the count), and whether it stayed within the limits.
struct Growth {
    /// Length ratio, large / small.
    size: f64,
    /// CPU time ratio, when known.
    time: Option<f64>,
    /// Allocated bytes ratio.
    bytes: f64,
}

fn ratio(large: u64, small: u64) -> f64 {
    large as f64 / small.max(1) as f64
}

fn check_growth<T>(
    large: &[u8],
    first: &Measure,
    small: &[u8],
    work: impl Fn(&[u8]) -> T + Copy,
) -> (Growth, Vec<String>) {
    let size = large.len() as f64 / small.len().max(1) as f64;
    let (small_result, small_m) = measure_with(small, work);
    drop(small_result);
    let mut failures = Vec::new();
    let (l, s) = (first.alloc, small_m.alloc);
    let blocks_limit = ALLOC_GROWTH * size * s.blocks as f64 + ALLOC_GROWTH_SLACK_BLOCKS as f64;
    if l.blocks as f64 > blocks_limit {
        failures.push(format!(
            "allocated {} blocks where a 1/{GROWTH_DIVISOR} count allocates {} ({:.1}x for {size:.1}x the input; limit {ALLOC_GROWTH}x that)",
            l.blocks,
            s.blocks,
            ratio(l.blocks, s.blocks)
        ));
    }
    let bytes_limit = ALLOC_GROWTH * size * s.total as f64 + ALLOC_SLACK as f64;
    if l.total as f64 > bytes_limit {
        failures.push(format!(
            "allocated {} bytes where a 1/{GROWTH_DIVISOR} count allocates {} ({:.1}x for {size:.1}x the input; limit {ALLOC_GROWTH}x that)",
            l.total,
            s.total,
            ratio(l.total, s.total)
        ));
    }
    let time = match (first.cpu, small_m.cpu) {
        (Some(mut lt), Some(mut st)) => {
            let over = |lt: Duration, st: Duration| {
                lt > st.mul_f64(TIME_GROWTH * size) + TIME_GROWTH_SLACK
            };
            if over(lt, st) {
                // Once more, the fastest of three runs of each, in turns.
                for _ in 0..3 {
                    st = st.min(measure_with(small, work).1.cpu.unwrap_or(Duration::MAX));
                    lt = lt.min(measure_with(large, work).1.cpu.unwrap_or(Duration::MAX));
                }
                if over(lt, st) {
                    failures.push(format!(
                        "CPU time {:.1} ms where a 1/{GROWTH_DIVISOR} count takes {:.2} ms ({:.1}x for {size:.1}x the input; limit {TIME_GROWTH}x that + {} ms)",
                        ms(lt),
                        ms(st),
                        lt.as_secs_f64() / st.as_secs_f64().max(1e-9),
                        TIME_GROWTH_SLACK.as_millis(),
                    ));
                }
            }
            Some(lt.as_secs_f64() / st.as_secs_f64().max(1e-9))
        }
        _ => None,
    };
    let growth = Growth {
        size,
        time,
        bytes: ratio(l.total, s.total),
    };
    (growth, failures)
}

// ---------------------------------------------------------------------------
// Checking one outcome.

fn kind_name(err: &Error) -> String {
    format!("{:?}", err.kind())
}

fn describe(result: &Result<QlikEvent, Error>) -> String {
    match result {
        Ok(e) if e.is_known() => format!("accepted {}", e.event_type()),
        Ok(e) => format!("accepted unknown {:?}", e.event_type().as_str()),
        Err(err) => format!("error {} {} ({err})", kind_name(err), err.path()),
    }
}

fn check_outcome(
    case: &Case,
    input: &[u8],
    result: &Result<QlikEvent, Error>,
) -> Result<(), String> {
    match (&case.expected, result) {
        (Expected::Accepted(ty), Ok(event)) => {
            match ty {
                Some(TypeExp::Known(t))
                    if !event.is_known() || event.event_type().as_str() != t =>
                {
                    return Err(format!("expected {t}, got {}", describe(result)));
                }
                Some(TypeExp::Unknown(t))
                    if event.is_known() || event.event_type().as_str() != t =>
                {
                    return Err(format!("expected unknown {t:?}, got {}", describe(result)));
                }
                _ => {}
            }
            run_checks(&case.checks, event)?;
            // Whatever was accepted is written back and read again as itself.
            let bytes = serde_json::to_vec(event).map_err(|e| format!("writing back: {e}"))?;
            let again =
                qlik_events::from_slice(&bytes).map_err(|e| format!("reading back: {e}"))?;
            if &again != event {
                return Err("written back and read again, the event differs".into());
            }
            Ok(())
        }
        (Expected::Error { kinds, path }, Err(err)) => {
            if !kinds.contains(&kind_name(err)) || path.as_ref().is_some_and(|p| p != err.path()) {
                let path = path.as_deref().unwrap_or("*");
                return Err(format!(
                    "expected error {} {path}, got {}",
                    kinds.join("|"),
                    describe(result)
                ));
            }
            // Every error found in the text has a position inside it
            // (serde_json counts columns from 1, and says 0 before the first
            // byte of a line).
            let lines: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
            match (err.line(), err.column()) {
                (Some(line), Some(column))
                    if line >= 1 && line <= lines.len() && column <= lines[line - 1].len() + 1 => {}
                other => return Err(format!("bad position {other:?} for {err}")),
            }
            if err.to_string().is_empty() {
                return Err("empty error message".into());
            }
            Ok(())
        }
        (expected, _) => Err(format!("expected {expected:?}, got {}", describe(result))),
    }
}

fn run_checks(checks: &[Check], event: &QlikEvent) -> Result<(), String> {
    if checks.is_empty() {
        return Ok(());
    }
    let needs_value = checks.iter().any(|c| !matches!(c, Check::RawDataLen(_)));
    let value = if needs_value {
        serde_json::to_value(event).map_err(|e| format!("to_value: {e}"))?
    } else {
        Value::Null
    };
    for check in checks {
        match check {
            Check::Pointer(ptr, want) => {
                let got = value.pointer(ptr);
                if got != Some(want) {
                    return Err(format!("{ptr}: expected {want}, got {got:?}"));
                }
            }
            Check::Len(ptr, want) => {
                let got = match value.pointer(ptr) {
                    Some(Value::Array(a)) => Some(a.len()),
                    Some(Value::Object(o)) => Some(o.len()),
                    Some(Value::String(s)) => Some(s.len()),
                    _ => None,
                };
                if got != Some(*want) {
                    return Err(format!("{ptr}: expected length {want}, got {got:?}"));
                }
            }
            Check::RawDataLen(want) => {
                let QlikEvent::Unknown(unknown) = event else {
                    return Err("raw_data#len on a known event".into());
                };
                let got = unknown.data.as_ref().map(|d| d.get().len());
                if got != Some(*want) {
                    return Err(format!("raw data: expected length {want}, got {got:?}"));
                }
            }
        }
    }
    Ok(())
}

/// `stream::events` over the same bytes never panics, and when it sees one
/// event it gives what `from_slice` gives.
fn check_stream(input: &[u8], result: &Result<QlikEvent, Error>) -> Result<(), String> {
    let records: Vec<_> = stream::events(input).collect();
    if stream::detect(input) == Shape::Single {
        if records.len() != 1 {
            return Err(format!(
                "stream: {} records for a single value",
                records.len()
            ));
        }
        if &records[0].result != result {
            return Err(format!(
                "stream: {} where from_slice gives {}",
                describe(&records[0].result),
                describe(result)
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The tests.

/// The growth check can fail: it passes linear work and fails quadratic
/// work, each over a 16 times larger input.
fn check_the_growth_check() {
    let linear = |input: &[u8]| input.iter().map(|&b| u64::from(b)).sum::<u64>();
    // Every byte compared with every earlier one.
    let quadratic = |input: &[u8]| {
        let mut equal = 0u64;
        for (i, a) in input.iter().enumerate() {
            equal += input[..i].iter().filter(|b| *b == a).count() as u64;
        }
        equal
    };
    let (small, large) = (vec![b'x'; 1 << 20], vec![b'x'; 16 << 20]);
    let (_, m) = measure_with(&large, linear);
    let (_, over) = check_growth(&large, &m, &small, linear);
    assert!(
        over.is_empty(),
        "linear work failed the growth check: {over:?}"
    );
    if thread_cpu_time().is_none() {
        return;
    }
    // Large enough to take well over the 2 ms slack, in any profile.
    let mut len = 1024;
    let (large, m) = loop {
        let large = vec![b'x'; len];
        let (_, m) = measure_with(&large, quadratic);
        if len >= 1 << 18 || m.cpu.is_some_and(|t| t >= Duration::from_millis(20)) {
            break (large, m);
        }
        len *= 2;
    };
    let small = vec![b'x'; len / 16];
    let (_, over) = check_growth(&large, &m, &small, quadratic);
    assert!(
        over.iter().any(|o| o.starts_with("CPU time")),
        "quadratic work over {len} bytes passed the growth check ({:?})",
        m.cpu
    );
}

fn run() {
    check_the_growth_check();
    let cases = table::parse_table(root());
    assert!(cases.len() >= 100, "only {} cases", cases.len());
    let mut failures = Vec::new();
    let mut report = String::new();
    let started = Instant::now();
    let mut inputs_run = 0usize;
    let mut growth_checked = 0usize;
    for case in &cases {
        // Per case (a prefix row has many inputs): the slowest input, and
        // the input with the highest peak-to-input ratio.
        let mut slowest: Option<Duration> = None;
        let mut worst: Option<(f64, counting::Stats)> = None;
        let mut len_max = 0usize;
        let mut growth = None;
        let case_started = Instant::now();
        let all = table::inputs(root(), &case.input);
        let small = table::scaled(&case.input, GROWTH_DIVISOR, GROWTH_MIN_COUNT)
            .map(|spec| table::inputs(root(), &spec));
        for (i, (label, input)) in all.iter().enumerate() {
            inputs_run += 1;
            let (result, m) = measure(input);
            let at = if label.is_empty() {
                format!("{} (cases.tsv:{})", case.name, case.line)
            } else {
                format!("{} [{label}] (cases.tsv:{})", case.name, case.line)
            };
            if let Err(e) = check_outcome(case, input, &result) {
                failures.push(format!("{at}: {e}"));
            }
            if input.len() <= STREAM_MAX
                && let Err(e) = check_stream(input, &result)
            {
                failures.push(format!("{at}: {e}"));
            }
            drop(result);
            if m.alloc.peak > alloc_limit(input.len()) {
                failures.push(format!(
                    "{at}: peak heap {} bytes for {} input bytes ({:.1}x), over {ALLOC_FACTOR}x + {ALLOC_SLACK}",
                    m.alloc.peak,
                    input.len(),
                    m.alloc.peak as f64 / input.len().max(1) as f64,
                ));
            }
            if let Some((_, small)) = small.as_ref().and_then(|s| s.get(i)) {
                growth_checked += 1;
                let (g, over) = check_growth(input, &m, small, qlik_events::from_slice);
                failures.extend(over.into_iter().map(|o| format!("{at}: {o}")));
                growth = Some(g);
            }
            if let Some(cpu) = m.cpu {
                slowest = Some(slowest.map_or(cpu, |s| s.max(cpu)));
            }
            let peak_ratio = m.alloc.peak as f64 / input.len().max(1) as f64;
            if worst.is_none_or(|(r, _)| peak_ratio > r) {
                worst = Some((peak_ratio, m.alloc));
            }
            len_max = len_max.max(input.len());
        }
        let (peak_ratio, alloc) = worst.unwrap_or_default();
        writeln!(
            report,
            "{:<44} {:>4} {:>9} {:>7} {:>9} {:>6.1}x {:>9} {:>7} {:>18} {:>7.2}",
            case.name,
            all.len(),
            len_max,
            slowest.map_or("-".into(), |t| format!("{:.1}", ms(t))),
            alloc.peak,
            peak_ratio,
            alloc.total,
            alloc.blocks,
            growth.map_or("-".into(), |g: Growth| format!(
                "{:.1}x {}x {:.1}x",
                g.size,
                g.time.map_or("-".into(), |t| format!("{t:.1}")),
                g.bytes
            )),
            case_started.elapsed().as_secs_f64(),
        )
        .unwrap();
    }
    println!(
        "{:<44} {:>4} {:>9} {:>7} {:>9} {:>7} {:>9} {:>7} {:>18} {:>7}",
        "case",
        "n",
        "bytes",
        "cpu ms",
        "peak",
        "ratio",
        "allocated",
        "allocs",
        "growth len/cpu/mem",
        "wall s"
    );
    print!("{report}");
    println!(
        "{inputs_run} inputs ({growth_checked} also at 1/{GROWTH_DIVISOR} of their count) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        growth_checked >= 10,
        "only {growth_checked} rows checked for growth"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Every case of tests/hostile/cases.tsv, in order, on this thread.
#[test]
fn hostile_inputs() {
    run();
}
