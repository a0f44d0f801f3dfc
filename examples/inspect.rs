//! Checks files of Qlik Cloud system events and lists what they hold.
//!
//! ```text
//! cargo run --example inspect -- [--json] [FILE|-]...
//! ```
//!
//! Run with `--help` for the details.

use std::borrow::Cow;
use std::ffi::OsString;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use qlik_events::stream;

const USAGE: &str = "\
Usage: inspect [--json] [FILE|-]...

Reads Qlik Cloud system events from each FILE (standard input for `-`, or
when no FILE is given) and prints one line per event. A file may hold one
event (pretty-printed or not), a JSON array of events, or newline-delimited
JSON (one event per line, blank lines ignored).

Lines printed:
  ok <type> <id>                 an event of a type this crate models
  unknown <type> <id>            a well-formed event of a type it does not
                                 know (printed in both modes; never as JSON)
  invalid <file>:<n>: <error>    the n-th event of <file> (1-based) is not a
                                 valid event; standard input is named `-`
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
    let bytes = if file == "-" {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(file)
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(err) => {
            // Output so far goes first, so that the two streams interleave
            // in order on a terminal.
            out.flush()?;
            complain(format_args!("error: {name}: {err}"));
            status.io_error = true;
            return Ok(());
        }
    };
    for record in stream::events(&bytes) {
        match record.result {
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
                            writeln!(out, "invalid {name}:{}: {err}", record.index)?;
                        }
                    }
                } else {
                    writeln!(out, "ok {ty} {id}")?;
                }
            }
            Err(err) => {
                status.invalid = true;
                let err = one_line(err.to_string());
                writeln!(out, "invalid {name}:{}: {err}", record.index)?;
            }
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
