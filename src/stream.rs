//! Reading several events from one input held in memory.
//!
//! Files of Qlik events come in three shapes ([`Shape`]): one event (a saved
//! webhook body, possibly pretty-printed), a JSON array of events, or
//! newline-delimited JSON (NDJSON, one event per line). [`detect`] tells them
//! apart and [`events`] reads any of them, one [`Record`] per event, so that
//! one bad event does not hide the others:
//!
//! ```
//! use qlik_events::stream;
//!
//! let input = br#"{"type":"com.qlik.v1.licenses.purged","id":"e1"}
//! {"type":"com.qlik.v1.license.lease.deleted","id":"e2"}
//! {"type":"com.qlik.v1.licenses.purged","id":"e3"}
//! "#;
//! assert_eq!(stream::detect(input), stream::Shape::Ndjson);
//! let records: Vec<_> = stream::events(input).collect();
//! assert_eq!(records.len(), 3);
//! assert_eq!(records[0].result.as_ref().unwrap().id(), Some("e1"));
//! // The lease event has no `data`: an error, with a position in the whole input.
//! let err = records[1].result.as_ref().unwrap_err();
//! assert_eq!((records[1].index, records[1].line), (2, 2));
//! assert_eq!(err.path(), "data");
//! assert_eq!(err.line(), Some(2));
//! // Reading goes on after an error.
//! assert_eq!(records[2].result.as_ref().unwrap().id(), Some("e3"));
//! ```
//!
//! Errors inside an event carry a line and column counted in the whole input
//! (not in the event), so they point straight into the file.
//!
//! Still to come (issue 6), as additions to this module: a reader over
//! [`std::io::Read`] that does not hold the whole input in memory, Audits API
//! pages (`{"data": [...], "links": ...}`) and legacy envelopes. They will be
//! new functions and new [`Shape`] variants (the enum is `#[non_exhaustive]`);
//! [`Record`] is `#[non_exhaustive]` too, so that fields can be added.

use std::fmt;
use std::iter::FusedIterator;

use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use crate::QlikEvent;
use crate::de::Track;
use crate::error::Error;

/// How the events of an input are laid out; see [`detect`].
///
/// ```
/// use qlik_events::stream::{Shape, detect};
///
/// assert_eq!(detect(b"{\"type\": \"x\"}"), Shape::Single);
/// assert_eq!(detect(b"[{\"type\": \"x\"}, {\"type\": \"y\"}]"), Shape::Array);
/// assert_eq!(detect(b"{\"type\": \"x\"}\n{\"type\": \"y\"}\n"), Shape::Ndjson);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// One JSON value: a single event, possibly spread over several lines.
    Single,
    /// A JSON array whose elements are events.
    Array,
    /// Newline-delimited JSON: one event per line; blank lines are ignored.
    Ndjson,
}

impl Shape {
    /// A short lowercase name: `single`, `array` or `ndjson`.
    ///
    /// ```
    /// assert_eq!(qlik_events::stream::Shape::Ndjson.as_str(), "ndjson");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Shape::Single => "single",
            Shape::Array => "array",
            Shape::Ndjson => "ndjson",
        }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Guesses the [`Shape`] of an input, looking at as little of it as it can.
///
/// - The first byte that is not JSON whitespace is `[`: [`Shape::Array`].
/// - The input holds exactly one JSON value, on one line or many:
///   [`Shape::Single`].
/// - The first value is followed by anything but whitespace (a second value,
///   or garbage): [`Shape::Ndjson`], so that the following lines are read on
///   their own.
/// - The first value is not well-formed JSON: [`Shape::Single`], so that
///   [`events`] reports the error at its place.
/// - The input is empty or only whitespace: [`Shape::Ndjson`], an NDJSON
///   input with no events (so [`events`] yields nothing).
///
/// Only the first two values are parsed (the first one completely), and
/// nothing is checked against the event model.
///
/// ```
/// use qlik_events::stream::{Shape, detect};
///
/// // Pretty-printed single event.
/// assert_eq!(detect(b"{\n  \"type\": \"x\",\n  \"id\": \"1\"\n}\n"), Shape::Single);
/// // Not JSON at all: one value with an error.
/// assert_eq!(detect(b"\xff\xfe garbage"), Shape::Single);
/// // Nothing at all.
/// assert_eq!(detect(b" \n\r\n"), Shape::Ndjson);
/// ```
pub fn detect(bytes: &[u8]) -> Shape {
    if first_non_whitespace(bytes).is_some_and(|i| bytes.get(i) == Some(&b'[')) {
        return Shape::Array;
    }
    let mut values = serde_json::Deserializer::from_slice(bytes).into_iter::<IgnoredAny>();
    match values.next() {
        None => Shape::Ndjson,
        Some(Err(_)) => Shape::Single,
        Some(Ok(_)) => match values.next() {
            None => Shape::Single,
            Some(_) => Shape::Ndjson,
        },
    }
}

/// One event read by [`Events`]: where it is, and the event or the error
/// that stopped it.
///
/// ```
/// let records: Vec<_> = qlik_events::stream::events(b"\n\n{\"type\":\"x\"}").collect();
/// assert_eq!(records.len(), 1);
/// let record = &records[0];
/// assert_eq!(record.index, 1);
/// assert_eq!(record.line, 3);
/// assert_eq!(record.result.as_ref().unwrap().event_type().as_str(), "x");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Record {
    /// The event's number in the input, from 1.
    pub index: usize,
    /// The 1-based line of the input where the event starts.
    pub line: usize,
    /// The event, or the error reading it. Errors have line and column
    /// counted in the whole input.
    pub result: Result<QlikEvent, Error>,
}

/// Reads every event of an input, whatever its [`Shape`] (as told by
/// [`detect`]).
///
/// - [`Shape::Single`]: one record, whatever the input holds (an input that
///   is not JSON gives one record with a syntax error).
/// - [`Shape::Array`]: one record per element. If the array itself is not
///   well-formed JSON (or is followed by anything but whitespace), one record
///   with that error, and none for its elements.
/// - [`Shape::Ndjson`]: one record per line that is not blank; `\r\n` line
///   ends are accepted. An empty input gives no records.
///
/// An event that fails to parse gives a record with the error and reading
/// goes on with the next one. Nothing panics, whatever the bytes (invalid
/// UTF-8 is a syntax error of the event that holds it).
///
/// ```
/// use qlik_events::{ErrorKind, stream};
///
/// let input = br#"[
///   {"type": "com.qlik.v1.licenses.purged", "id": "a"},
///   {"type": "com.qlik.v1.license.lease.deleted", "id": "b", "data": {}}
/// ]"#;
/// let records: Vec<_> = stream::events(input).collect();
/// assert_eq!(records.len(), 2);
/// assert_eq!(records[0].result.as_ref().unwrap().id(), Some("a"));
/// let err = records[1].result.as_ref().unwrap_err();
/// assert_eq!(records[1].line, 3);
/// assert_eq!(err.kind(), ErrorKind::MissingField);
/// assert_eq!(err.path(), "data.name");
/// assert_eq!(err.line(), Some(3));
/// ```
pub fn events(bytes: &[u8]) -> Events<'_> {
    let shape = detect(bytes);
    let state = match shape {
        Shape::Single => State::Single,
        Shape::Array => match serde_json::from_slice::<Vec<&RawValue>>(bytes) {
            Ok(elements) => State::Array(elements.into_iter()),
            Err(err) => State::Failed(Error::from_json(err, &Track::new())),
        },
        Shape::Ndjson => State::Ndjson,
    };
    Events {
        input: bytes,
        shape,
        state,
        index: 0,
        pos: Position::default(),
    }
}

/// The iterator returned by [`events`]: one [`Record`] per event, in input
/// order.
///
/// ```
/// let mut events = qlik_events::stream::events(b"[]");
/// assert_eq!(events.shape(), qlik_events::stream::Shape::Array);
/// assert!(events.next().is_none());
/// ```
pub struct Events<'a> {
    input: &'a [u8],
    shape: Shape,
    state: State<'a>,
    /// Records yielded so far.
    index: usize,
    /// How far lines have been counted.
    pos: Position,
}

/// Leaves out the input and the buffers.
impl fmt::Debug for Events<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Events")
            .field("shape", &self.shape)
            .field("index", &self.index)
            .field("line", &self.pos.line)
            .finish_non_exhaustive()
    }
}

enum State<'a> {
    /// The whole input is one event, not read yet.
    Single,
    /// The elements of the array not read yet.
    Array(std::vec::IntoIter<&'a RawValue>),
    /// The array did not parse; its error is the only record.
    Failed(Error),
    /// Lines are read from `Position::offset` on.
    Ndjson,
    /// Nothing left.
    Done,
}

/// A byte offset in the input, with the line it is on and where that line
/// starts. Only moves forward, so lines are counted once in all.
#[derive(Clone, Copy, Debug)]
struct Position {
    offset: usize,
    line: usize,
    line_start: usize,
}

impl Default for Position {
    fn default() -> Self {
        Position {
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }
}

impl Events<'_> {
    /// The shape the input was read as.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// Moves `self.pos` forward to `offset`, counting the lines passed.
    fn advance_to(&mut self, offset: usize) {
        let from = self.pos.offset;
        if let Some(passed) = self.input.get(from..offset) {
            for (i, &b) in passed.iter().enumerate() {
                if b == b'\n' {
                    self.pos.line += 1;
                    self.pos.line_start = from + i + 1;
                }
            }
            self.pos.offset = offset;
        }
    }

    /// Moves an error's position from the event's text to the whole input:
    /// the line and the line's start are known here, so this costs O(1).
    fn relocate(&mut self, err: Error, at: Position) -> Error {
        err.shift_by(
            at.line.saturating_sub(1),
            at.offset.saturating_sub(at.line_start),
        )
    }

    fn record(&mut self, line: usize, result: Result<QlikEvent, Error>) -> Record {
        self.index += 1;
        Record {
            index: self.index,
            line,
            result,
        }
    }

    fn next_single(&mut self) -> Record {
        let start = first_non_whitespace(self.input).unwrap_or(0);
        self.advance_to(start);
        let line = self.pos.line;
        self.record(line, crate::from_slice(self.input))
    }

    fn next_element(&mut self, raw: &RawValue) -> Record {
        let text = raw.get();
        // `raw` borrows from the input; where it starts is where its text
        // starts in memory.
        let offset = (text.as_ptr() as usize).saturating_sub(self.input.as_ptr() as usize);
        self.advance_to(offset);
        let at = self.pos;
        let result = crate::from_str(text).map_err(|e| self.relocate(e, at));
        self.record(at.line, result)
    }

    fn next_line(&mut self) -> Option<Record> {
        loop {
            let start = self.pos.offset;
            let rest = self.input.get(start..).filter(|rest| !rest.is_empty())?;
            let (content, next) = match rest.iter().position(|&b| b == b'\n') {
                Some(i) => (rest.get(..i).unwrap_or(rest), start + i + 1),
                None => (rest, self.input.len()),
            };
            let content = content.strip_suffix(b"\r").unwrap_or(content);
            let at = self.pos;
            self.advance_to(next);
            if first_non_whitespace(content).is_none() {
                continue;
            }
            let result = crate::from_slice(content).map_err(|e| self.relocate(e, at));
            return Some(self.record(at.line, result));
        }
    }
}

impl Iterator for Events<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Single => Some(self.next_single()),
            State::Failed(err) => {
                let start = first_non_whitespace(self.input).unwrap_or(0);
                self.advance_to(start);
                let line = self.pos.line;
                Some(self.record(line, Err(err)))
            }
            State::Array(mut elements) => {
                let raw = elements.next()?;
                let record = self.next_element(raw);
                self.state = State::Array(elements);
                Some(record)
            }
            State::Ndjson => {
                let record = self.next_line()?;
                self.state = State::Ndjson;
                Some(record)
            }
            State::Done => None,
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match &self.state {
            State::Single | State::Failed(_) => (1, Some(1)),
            State::Array(elements) => elements.size_hint(),
            State::Ndjson => (0, None),
            State::Done => (0, Some(0)),
        }
    }
}

impl FusedIterator for Events<'_> {}

/// The index of the first byte that is not JSON whitespace.
fn first_non_whitespace(bytes: &[u8]) -> Option<usize> {
    bytes
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}
