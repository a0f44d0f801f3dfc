//! Checks files of Qlik Cloud system events and lists what they hold.
//!
//! ```text
//! cargo run --example inspect -- [--json] [FILE|-]...
//! ```
//!
//! Run with `--help` for the details.

use std::borrow::Cow;
use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, BufWriter, Read, StdinLock, Write};
use std::process::ExitCode;

use qlik_events::{Error, ErrorKind, QlikEvent, stream};

const USAGE: &str = "\
Usage: inspect [--json] [FILE|-]...

Reads Qlik Cloud system events from each FILE (standard input for `-`, or
when no FILE is given) and prints one line per event. The layout of each
input is detected; it may hold:
  - one event, pretty-printed or not: a CloudEvents 1.0 body, or the
    vendor's older webhook envelope (`eventId`, `eventType`, ...);
  - a JSON array of events (a CloudEvents batch,
    application/cloudevents-batch+json);
  - newline-delimited JSON (NDJSON): one event per line, `\\n` or `\\r\\n`
    line ends, blank lines ignored;
  - events one after another, each over several lines (what
    `cat tests/fixtures/*.json` gives);
  - an Audits API list page or archive (an object whose `data` is an array
    of audit items), or one audit item: each item is converted to an event.
NDJSON on standard input (a first line holding one whole JSON value,
followed by another line) is read as a stream: each event is printed as soon
as its line is read, with memory bounded by the longest line, so an endless
pipe works. Other inputs are read whole.

Lines printed:
  ok <type> <id>                 an event of a type this crate models
  unknown <type> <id>            a well-formed event of a type it does not
                                 know (printed in both modes; never as JSON)
  invalid <file>:<n>: <error>    the n-th event (or audit item) of <file>
                                 (1-based) is not a valid event; standard
                                 input is named `-`
<id> is `-` when the event has no `id`. A <type> or <id> that is empty or
holds whitespace or control characters is printed as a JSON string.

Options:
  --json      print each valid event of a known type as compact JSON, one per
              line, as this crate writes it, instead of its `ok` line
  -h, --help  print this help
  --          treat the remaining arguments as files

Exit status: 0 when every event is valid, 1 when any event is invalid,
2 on a usage error or when a file cannot be read (the other files are still
read; the message goes to standard error).
";

/// What went wrong writing to standard output.
enum Stop {
    /// The reader went away (`inspect ... | head`): stop quietly.
    Quiet,
    /// Any other write error: report it.
    Failed(io::Error),
}

impl From<io::Error> for Stop {
    fn from(err: io::Error) -> Self {
        if err.kind() == io::ErrorKind::BrokenPipe {
            Stop::Quiet
        } else {
            Stop::Failed(err)
        }
    }
}

#[derive(Default)]
struct Status {
    invalid: bool,
    io_error: bool,
}

impl Status {
    fn code(&self) -> u8 {
        if self.io_error {
            2
        } else if self.invalid {
            1
        } else {
            0
        }
    }
}

/// Writes to standard error, ignoring failures (there is nowhere left to
/// report them).
fn complain(message: std::fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "{message}");
}

fn main() -> ExitCode {
    let mut json = false;
    let mut files: Vec<OsString> = Vec::new();
    let mut options_done = false;
    for arg in std::env::args_os().skip(1) {
        if options_done || arg == "-" || !arg.to_string_lossy().starts_with('-') {
            files.push(arg);
        } else if arg == "--" {
            options_done = true;
        } else if arg == "--json" {
            json = true;
        } else if arg == "-h" || arg == "--help" {
            let _ = io::stdout().lock().write_all(USAGE.as_bytes());
            return ExitCode::SUCCESS;
        } else {
            complain(format_args!(
                "error: unknown option `{}`\nTry `inspect --help`.",
                arg.to_string_lossy()
            ));
            return ExitCode::from(2);
        }
    }
    if files.is_empty() {
        files.push(OsString::from("-"));
    }

    let mut status = Status::default();
    let mut out = BufWriter::new(io::stdout().lock());
    let result = files
        .iter()
        .try_for_each(|file| inspect_file(file, json, &mut out, &mut status))
        .and_then(|()| out.flush().map_err(Stop::from));
    match result {
        Ok(()) | Err(Stop::Quiet) => {}
        Err(Stop::Failed(err)) => {
            complain(format_args!("error: standard output: {err}"));
            status.io_error = true;
        }
    }
    ExitCode::from(status.code())
}

/// Reads one file (or standard input for `-`) and prints its events.
fn inspect_file(
    file: &OsString,
    json: bool,
    out: &mut impl Write,
    status: &mut Status,
) -> Result<(), Stop> {
    let name = one_line(file.to_string_lossy().into_owned());
    if file == "-" {
        let mut input = BufReader::with_capacity(64 * 1024, io::stdin().lock());
        return match inspect_stdin(&mut input, &name, json, out, status) {
            Ok(()) => Ok(()),
            Err(Failure::Output(stop)) => Err(stop),
            Err(Failure::Input(err)) => io_error(&name, &err, out, status),
        };
    }
    match std::fs::read(file) {
        Ok(bytes) => inspect_bytes(&bytes, &name, json, out, status),
        Err(err) => io_error(&name, &err, out, status),
    }
}

/// Reports an input that cannot be read.
fn io_error(
    name: &str,
    err: &dyn std::fmt::Display,
    out: &mut impl Write,
    status: &mut Status,
) -> Result<(), Stop> {
    // Output so far goes first, so that the two streams interleave in order
    // on a terminal.
    out.flush()?;
    complain(format_args!("error: {name}: {err}"));
    status.io_error = true;
    Ok(())
}

/// What stopped reading standard input.
enum Failure {
    /// Reading it failed.
    Input(io::Error),
    /// Writing the report failed.
    Output(Stop),
}

impl From<Stop> for Failure {
    fn from(stop: Stop) -> Self {
        Failure::Output(stop)
    }
}

impl From<io::Error> for Failure {
    fn from(err: io::Error) -> Self {
        Failure::Input(err)
    }
}

/// Reads standard input: NDJSON as a stream, anything else whole.
///
/// The first line that is not blank decides. When it holds one whole JSON
/// value that is not an array, and another line that is not blank follows,
/// the input is NDJSON (as `stream::detect` would say) and is read line by
/// line. Otherwise (a pretty-printed event, an array, a page, garbage, a
/// single line) the rest is read into memory and handled like a file.
fn inspect_stdin(
    input: &mut BufReader<StdinLock<'_>>,
    name: &str,
    json: bool,
    out: &mut impl Write,
    status: &mut Status,
) -> Result<(), Failure> {
    let mut head = Vec::new();
    let streamed = match read_nonblank_line(input, &mut head)? {
        None => false,
        Some(start) => {
            let first = head.get(start..).unwrap_or_default().trim_ascii();
            !first.starts_with(b"[")
                && serde_json::from_slice::<serde::de::IgnoredAny>(first).is_ok()
                && read_nonblank_line(input, &mut head)?.is_some()
        }
    };
    if !streamed {
        input.read_to_end(&mut head)?;
        inspect_bytes(&head, name, json, out, status)?;
        return Ok(());
    }
    let mut records = stream::read_ndjson(io::Cursor::new(head).chain(input));
    while let Some(record) = records.next() {
        if let Err(err) = &record.result
            && err.kind() == ErrorKind::Io
        {
            return Err(Failure::Input(io::Error::other(err.to_string())));
        }
        report(record.index, record.result, name, json, out, status)?;
        // About to wait for more input: let out what was printed so far, so
        // that events read from a pipe show up as they come.
        let (_, rest) = records.get_ref().get_ref();
        if !rest.buffer().contains(&b'\n') {
            out.flush().map_err(Stop::from)?;
        }
    }
    Ok(())
}

/// Appends lines of `input` to `head` up to and including the first one
/// that is not blank, and returns where that line starts in `head`; `None`
/// at the end of the input.
fn read_nonblank_line(input: &mut impl BufRead, head: &mut Vec<u8>) -> io::Result<Option<usize>> {
    loop {
        let start = head.len();
        if input.read_until(b'\n', head)? == 0 {
            return Ok(None);
        }
        if head
            .get(start..)
            .is_some_and(|line| !line.trim_ascii().is_empty())
        {
            return Ok(Some(start));
        }
    }
}

/// Prints the events of an input held in memory.
fn inspect_bytes(
    bytes: &[u8],
    name: &str,
    json: bool,
    out: &mut impl Write,
    status: &mut Status,
) -> Result<(), Stop> {
    #[cfg(feature = "audit")]
    match audit_kind(bytes) {
        Some(Audit::Listing) => return inspect_audit(bytes, name, json, out, status),
        Some(Audit::Item) => {
            let result =
                qlik_events::audit::AuditEvent::from_slice(bytes).and_then(|item| item.to_event());
            return report(1, result, name, json, out, status);
        }
        None => {}
    }
    if let Some(values) = concatenated(bytes) {
        for (i, (start, text)) in values.into_iter().enumerate() {
            match qlik_events::from_str(text) {
                Ok(event) => report(i + 1, Ok(event), name, json, out, status)?,
                Err(err) => {
                    status.invalid = true;
                    let err = one_line(in_whole_input(&err, bytes, start));
                    writeln!(out, "invalid {name}:{}: {err}", i + 1)?;
                }
            }
        }
        return Ok(());
    }
    for record in stream::events(bytes) {
        report(record.index, record.result, name, json, out, status)?;
    }
    Ok(())
}

/// The JSON values of an input that holds several, one after another, at
/// least one of them over several lines (so not NDJSON): each with where it
/// starts. `None` for any other input, and when the values do not split
/// (a syntax error between them): NDJSON's line-by-line reading then
/// reports each line.
fn concatenated(bytes: &[u8]) -> Option<Vec<(usize, &str)>> {
    use serde_json::value::RawValue;

    let mut values = Vec::new();
    let mut over_lines = false;
    let mut stream = serde_json::Deserializer::from_slice(bytes).into_iter::<&RawValue>();
    while let Some(value) = stream.next() {
        let text = value.ok()?.get();
        over_lines |= text.contains('\n');
        values.push((stream.byte_offset() - text.len(), text));
    }
    (over_lines && values.len() > 1).then_some(values)
}

/// The error of a value that starts at byte `start` of `input`, worded as
/// the crate words errors, with its line and column in the whole input.
fn in_whole_input(err: &Error, input: &[u8], start: usize) -> String {
    let before = input.get(..start).unwrap_or_default();
    let lines_before = before.iter().filter(|&&b| b == b'\n').count();
    let column_shift = before.len()
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
    let mut text = String::new();
    if let Some(ty) = err.event_type() {
        text.push_str(&format!("{ty}: "));
    }
    if !err.path().is_empty() {
        text.push_str(&format!("{}: ", err.path()));
    }
    text.push_str(err.message());
    if let (Some(line), Some(column)) = (err.line(), err.column()) {
        let column = if line == 1 {
            column + column_shift
        } else {
            column
        };
        text.push_str(&format!(" at line {} column {column}", line + lines_before));
    }
    text
}

/// What an Audits API response holds.
#[cfg(feature = "audit")]
enum Audit {
    /// A list page or an archive: an object whose `data` is an array, with
    /// neither `type` nor `eventType` (which would make it an event whose
    /// `data` happens to be an array).
    Listing,
    /// One item (`GET /api/v1/audits/{id}`): `eventType` and `links`, no
    /// `type`. (Archive items have no `links`: they read as events in the
    /// vendor's older envelope.)
    Item,
}

/// Whether `bytes` is an Audits API response, and which.
#[cfg(feature = "audit")]
fn audit_kind(bytes: &[u8]) -> Option<Audit> {
    use serde::de::IgnoredAny;
    use serde_json::value::RawValue;

    #[derive(serde::Deserialize)]
    struct Probe<'a> {
        #[serde(borrow)]
        data: Option<&'a RawValue>,
        #[serde(rename = "type")]
        ty: Option<IgnoredAny>,
        #[serde(rename = "eventType")]
        event_type: Option<IgnoredAny>,
        links: Option<IgnoredAny>,
    }

    let probe = serde_json::from_slice::<Probe<'_>>(bytes).ok()?;
    if probe.ty.is_some() {
        None
    } else if probe.event_type.is_some() {
        probe.links.is_some().then_some(Audit::Item)
    } else {
        probe
            .data
            .is_some_and(|data| data.get().starts_with('['))
            .then_some(Audit::Listing)
    }
}

/// Prints the items of an Audits API page or archive, each converted to an
/// event.
#[cfg(feature = "audit")]
fn inspect_audit(
    bytes: &[u8],
    name: &str,
    json: bool,
    out: &mut impl Write,
    status: &mut Status,
) -> Result<(), Stop> {
    match qlik_events::audit::items(bytes) {
        Ok(items) => {
            for (i, item) in items.enumerate() {
                let result = item.and_then(|item| item.to_event());
                report(i + 1, result, name, json, out, status)?;
            }
            Ok(())
        }
        Err(err) => report(1, Err(err), name, json, out, status),
    }
}

/// Prints the line for the `index`-th event of `name`.
fn report(
    index: usize,
    result: Result<QlikEvent, Error>,
    name: &str,
    json: bool,
    out: &mut impl Write,
    status: &mut Status,
) -> Result<(), Stop> {
    match result {
        Ok(event) => {
            let ty = event.event_type();
            let ty = word(ty.as_str());
            let id = event.id().map_or(Cow::Borrowed("-"), word);
            if !event.is_known() {
                writeln!(out, "unknown {ty} {id}")?;
            } else if json {
                match serde_json::to_string(&event) {
                    Ok(text) => writeln!(out, "{text}")?,
                    Err(err) => {
                        status.invalid = true;
                        let err = one_line(err.to_string());
                        writeln!(out, "invalid {name}:{index}: {err}")?;
                    }
                }
            } else {
                writeln!(out, "ok {ty} {id}")?;
            }
        }
        Err(err) => {
            status.invalid = true;
            let err = one_line(err.to_string());
            writeln!(out, "invalid {name}:{index}: {err}")?;
        }
    }
    Ok(())
}

/// `s` as one word of an output line: as is when it is one, else as a JSON
/// string.
fn word(s: &str) -> Cow<'_, str> {
    if !s.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Cow::Borrowed(s)
    } else {
        // Serializing a string cannot fail.
        Cow::Owned(serde_json::to_string(s).unwrap_or_default())
    }
}

/// `s` with control characters (line breaks included) escaped, so that it
/// stays on one line.
fn one_line(s: String) -> String {
    if s.chars().any(char::is_control) {
        s.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect()
    } else {
        s
    }
}
