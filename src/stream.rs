//! Reading several events from one input: in memory, or streamed from any
//! [`std::io::BufRead`].
//!
//! Files of Qlik events come in three shapes ([`Shape`]): one event (a saved
//! webhook body, possibly pretty-printed), a JSON array of events (the
//! CloudEvents batch format, `application/cloudevents-batch+json`), or
//! newline-delimited JSON (NDJSON, one event per line). [`detect`] tells them
//! apart and [`events`] reads any of them from memory, one [`Record`] per
//! event, so that one bad event does not hide the others:
//!
//! ```
//! use qlik_events::stream;
//!
//! let input = br#"{"type":"com.example.v1.unknown.type","id":"e1"}
//! {"type":"com.qlik.v1.license.lease.deleted","id":"e2"}
//! {"type":"com.example.v1.unknown.type","id":"e3"}
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
//! # Streams
//!
//! An NDJSON stream that does not fit in memory, or never ends (a pipe, a
//! socket, a log being written), is read with [`read_ndjson`]: the same
//! [`Record`]s, read one line at a time from any [`std::io::BufRead`], with
//! memory bounded by the longest line rather than by the stream, and
//! optionally a limit on the length of a line
//! ([`NdjsonReader::with_max_record_len`]):
//!
//! ```
//! use std::io::BufReader;
//! use qlik_events::stream;
//!
//! # fn main() -> std::io::Result<()> {
//! # let dir = std::env::temp_dir().join(format!("qlik-events-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir)?;
//! # let path = dir.join("events.ndjson");
//! # std::fs::write(&path, "{\"type\":\"com.example.v1.unknown.type\",\"id\":\"e1\"}\n")?;
//! let file = std::fs::File::open(&path)?;
//! for record in stream::read_ndjson(BufReader::new(file)).with_max_record_len(1 << 20) {
//!     match record.result {
//!         Ok(event) => println!("{} {:?}", event.event_type(), event.id()),
//!         Err(err) => eprintln!("line {}: {err}", record.line),
//!     }
//! }
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(())
//! # }
//! ```
//!
//! # Batches
//!
//! The CloudEvents JSON batch format (`application/cloudevents-batch+json`,
//! CloudEvents 1.0 JSON format §4) is a JSON array of events: [`detect`] calls
//! it [`Shape::Array`] and [`events`] yields one record per element, with
//! positions in the whole batch. An empty array is a batch of no events.
//!
//! ```
//! use qlik_events::stream::{self, Shape};
//!
//! let batch = br#"[{"type": "com.example.v1.unknown.type", "id": "a"},
//!                  {"type": "com.example.v1.unknown.type", "id": "b"}]"#;
//! let events = stream::events(batch);
//! assert_eq!(events.shape(), Shape::Array);
//! let ids: Vec<_> = events.map(|r| r.result.unwrap().id().map(str::to_owned)).collect();
//! assert_eq!(ids, [Some("a".to_owned()), Some("b".to_owned())]);
//! ```
//!
//! Events in the vendor's older envelope (`eventId`, `eventType`, ...) read
//! like any other, since every record goes through [`crate::from_slice`].
//! Audits API list pages and archives (`{"data": [item, ...]}`) are read
//! item by item by `audit::items` (feature `audit`).

use std::fmt;
use std::io::{self, BufRead};
use std::iter::FusedIterator;

use crate::QlikEvent;
use crate::error::{Error, ErrorKind};
use crate::read::Reader;

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
    /// A JSON array whose elements are events: the CloudEvents JSON batch
    /// format (`application/cloudevents-batch+json`).
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
    if first_non_whitespace(bytes).is_none() {
        return Shape::Ndjson;
    }
    match Reader::from_slice(bytes).more_than_one_value() {
        Some(true) => Shape::Ndjson,
        None | Some(false) => Shape::Single,
    }
}

/// One event read by [`Events`] or [`NdjsonReader`]: where it is, and the
/// event or the error that stopped it.
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
    /// The event, or the error reading it. Errors found in the event's text
    /// have line and column counted in the whole input.
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
///   {"type": "com.example.v1.unknown.type", "id": "a"},
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
        Shape::Array => {
            let mut r = Reader::from_slice(bytes);
            match r.raw_elements().and_then(|e| r.end().map(|()| e)) {
                Ok(elements) => State::Array(elements.into_iter()),
                Err(f) => State::Failed(f.into_error(bytes, None)),
            }
        }
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
    Array(std::vec::IntoIter<&'a str>),
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
pub(crate) struct Position {
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

impl Position {
    /// Moves forward to `offset` of `input`, counting the lines passed.
    pub(crate) fn advance(&mut self, input: &[u8], offset: usize) {
        let from = self.offset;
        if let Some(passed) = input.get(from..offset) {
            let mut at = from;
            for &b in passed {
                at += 1;
                if b == b'\n' {
                    self.line += 1;
                    self.line_start = at;
                }
            }
            self.offset = offset;
        }
    }

    /// Moves an error's position from the text that starts here to the whole
    /// input: the line and the line's start are known, so this costs O(1).
    pub(crate) fn relocate(&self, err: Error) -> Error {
        err.shift_by(
            self.line.saturating_sub(1),
            self.offset.saturating_sub(self.line_start),
        )
    }
}

impl Events<'_> {
    /// The shape the input was read as.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// Moves `self.pos` forward to `offset`, counting the lines passed.
    fn advance_to(&mut self, offset: usize) {
        self.pos.advance(self.input, offset);
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

    fn next_element(&mut self, text: &str) -> Record {
        // `text` borrows from the input; where it starts is where it starts
        // in memory.
        let offset = (text.as_ptr() as usize).saturating_sub(self.input.as_ptr() as usize);
        self.advance_to(offset);
        let at = self.pos;
        let result = crate::from_str(text).map_err(|e| at.relocate(e));
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
            let result = crate::from_slice(content).map_err(|e| at.relocate(e));
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

/// Reads NDJSON events from `reader`, one line at a time; see
/// [`NdjsonReader`].
///
/// `reader` is a [`BufRead`]: wrap a [`File`](std::fs::File) or a socket in a
/// [`BufReader`](std::io::BufReader); [`std::io::StdinLock`], `&[u8]` and
/// [`std::io::Cursor`] can be used as they are.
///
/// ```
/// use qlik_events::{ErrorKind, stream};
///
/// let input = "{\"type\":\"com.example.v1.unknown.type\",\"id\":\"e1\"}\r\n\
///              \r\n\
///              {\"type\":\"com.example.v1.unknown.type\",\"id\":7}\n";
/// let records: Vec<_> = stream::read_ndjson(input.as_bytes()).collect();
/// assert_eq!(records.len(), 2);
/// assert_eq!(records[0].result.as_ref().unwrap().id(), Some("e1"));
/// // The blank line is skipped but counted.
/// assert_eq!((records[1].index, records[1].line), (2, 3));
/// let err = records[1].result.as_ref().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidType);
/// assert_eq!((err.line(), err.column()), (Some(3), Some(44)));
/// ```
pub fn read_ndjson<R: BufRead>(reader: R) -> NdjsonReader<R> {
    NdjsonReader::new(reader)
}

/// An iterator over the events of an NDJSON stream, read one line at a time
/// from a [`BufRead`]: one [`Record`] per line that is not blank.
///
/// - Lines end with `\n` or `\r\n`; the last line needs no line end. Lines
///   holding only whitespace are skipped (but counted).
/// - Each line is parsed with [`crate::from_slice`]; a line that does not
///   parse gives a record with the error, and reading goes on with the next
///   line. Error positions are counted in the whole stream: `line()` is the
///   line of the stream, `column()` the byte in that line.
/// - Memory: one line buffer, reused; a line that the reader's own buffer
///   holds whole is parsed there, without a copy. The buffer grows to the
///   longest line read (less than twice its length), never to the stream.
/// - [`with_max_record_len`](Self::with_max_record_len) sets a limit on the
///   length of a line (in bytes, line end excluded): a longer line gives a
///   record with an [`ErrorKind::InvalidValue`] error, without being held in
///   memory (it is read through and dropped), and reading goes on. Without a
///   limit, one endless line takes endless memory.
/// - A read error (other than [`io::ErrorKind::Interrupted`], which is
///   retried) gives a last record with an [`ErrorKind::Io`] error, on the
///   line being read; the part of that line read before the error is
///   dropped, and the iterator ends there.
///
/// Errors made by the reader itself (I/O, over-long line) have no position
/// ([`Error::line`] is `None`); [`Record::line`] says where they are.
///
/// ```
/// use qlik_events::{ErrorKind, stream};
///
/// let long = format!("{{\"type\":\"x\",\"id\":\"{}\"}}", "a".repeat(100));
/// let input = format!("{{\"type\":\"x\",\"id\":\"1\"}}\n{long}\n{{\"type\":\"x\",\"id\":\"3\"}}\n");
/// let mut reader = stream::read_ndjson(input.as_bytes()).with_max_record_len(64);
///
/// assert_eq!(reader.next().unwrap().result.unwrap().id(), Some("1"));
/// let too_long = reader.next().unwrap();
/// assert_eq!(too_long.line, 2);
/// assert_eq!(too_long.result.unwrap_err().kind(), ErrorKind::InvalidValue);
/// assert_eq!(reader.next().unwrap().result.unwrap().id(), Some("3"));
/// assert!(reader.next().is_none());
/// assert_eq!(reader.lines_read(), 3);
/// ```
pub struct NdjsonReader<R> {
    reader: R,
    /// The line being read, when the reader's buffer does not hold it whole.
    buf: Vec<u8>,
    /// Lines read so far (the last one may have had no line end).
    lines: usize,
    /// Records yielded so far.
    index: usize,
    max_record_len: Option<usize>,
    /// End of input or a read error: nothing more to yield.
    done: bool,
}

/// Leaves out the reader and the buffer.
impl<R> fmt::Debug for NdjsonReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NdjsonReader")
            .field("lines", &self.lines)
            .field("index", &self.index)
            .field("max_record_len", &self.max_record_len)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

/// What one line of the stream gave.
// Returned once per line and moved straight into a `Record`: boxing the
// event would cost an allocation per event for nothing.
#[allow(clippy::large_enum_variant)]
enum Line {
    /// There was no line left.
    Eof,
    /// A line of whitespace.
    Blank,
    /// A line with an event or an error.
    Record(Result<QlikEvent, Error>),
}

impl<R: BufRead> NdjsonReader<R> {
    /// A reader of the NDJSON events of `reader`, with no limit on the
    /// length of a line. Same as [`read_ndjson`].
    pub fn new(reader: R) -> Self {
        NdjsonReader {
            reader,
            buf: Vec::new(),
            lines: 0,
            index: 0,
            max_record_len: None,
            done: false,
        }
    }

    /// Sets the longest line accepted, in bytes, its line end (`\n` or
    /// `\r\n`) not counted. A longer line is not buffered: it gives a record
    /// with an [`ErrorKind::InvalidValue`] error and reading goes on after
    /// it. The line buffer then never exceeds `max + 1` bytes.
    ///
    /// ```
    /// use qlik_events::stream;
    ///
    /// let line = "{\"type\":\"x\"}"; // 12 bytes
    /// let input = format!("{line}\r\n{line}\n");
    /// let ok = stream::read_ndjson(input.as_bytes()).with_max_record_len(12);
    /// assert!(ok.map(|r| r.result).all(|r| r.is_ok()));
    /// let mut short = stream::read_ndjson(input.as_bytes()).with_max_record_len(11);
    /// let err = short.next().unwrap().result.unwrap_err();
    /// assert_eq!(err.message(), "line longer than the limit of 11 bytes");
    /// assert!(short.next().unwrap().result.is_err());
    /// ```
    pub fn with_max_record_len(mut self, max: usize) -> Self {
        self.max_record_len = Some(max);
        self
    }

    /// Reads the next line and what it gives.
    fn read_line(&mut self) -> io::Result<Line> {
        self.buf.clear();
        let max = self.max_record_len;
        // The buffer holds at most this much: the longest line accepted and
        // a `\r`.
        let room = max.map_or(usize::MAX, |m| m.saturating_add(1));
        let line = self.lines.saturating_add(1);
        // Bytes of this line read so far, the `\n` not counted.
        let mut len: usize = 0;
        let mut started = false;
        let mut too_long = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            if available.is_empty() {
                if !started {
                    return Ok(Line::Eof);
                }
                break;
            }
            started = true;
            let newline = available.iter().position(|&b| b == b'\n');
            let chunk = match newline {
                Some(i) => available.get(..i).unwrap_or(available),
                None => available,
            };
            let used = chunk.len().saturating_add(usize::from(newline.is_some()));
            if newline.is_some() && len == 0 {
                // The whole line is in the reader's buffer: parse it there.
                let outcome = finish(chunk, line, max);
                self.reader.consume(used);
                self.lines = line;
                return Ok(outcome);
            }
            len = len.saturating_add(chunk.len());
            if !too_long && len <= room {
                self.buf.extend_from_slice(chunk);
            } else if !too_long {
                too_long = true;
                self.buf.clear();
            }
            self.reader.consume(used);
            if newline.is_some() {
                break;
            }
        }
        self.lines = line;
        if too_long {
            return Ok(Line::Record(Err(too_long_error(max))));
        }
        Ok(finish(&self.buf, line, max))
    }
}

impl<R> NdjsonReader<R> {
    /// The longest line accepted, if a limit was set with
    /// [`with_max_record_len`](Self::with_max_record_len).
    pub fn max_record_len(&self) -> Option<usize> {
        self.max_record_len
    }

    /// The number of lines read so far, blank ones included: the line of
    /// the last record yielded, or later when blank lines followed it.
    pub fn lines_read(&self) -> usize {
        self.lines
    }

    /// The underlying reader.
    pub fn get_ref(&self) -> &R {
        &self.reader
    }

    /// The underlying reader. Reading from it directly skips those bytes
    /// (and miscounts lines if they hold line ends).
    pub fn get_mut(&mut self) -> &mut R {
        &mut self.reader
    }

    /// The underlying reader, positioned after the last line read.
    pub fn into_inner(self) -> R {
        self.reader
    }

    /// The capacity of the line buffer, for tests of the memory bound.
    #[doc(hidden)]
    pub fn buffer_capacity(&self) -> usize {
        self.buf.capacity()
    }
}

impl<R: BufRead> Iterator for NdjsonReader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while !self.done {
            let (line, result) = match self.read_line() {
                Ok(Line::Eof) => {
                    self.done = true;
                    return None;
                }
                Ok(Line::Blank) => continue,
                Ok(Line::Record(result)) => (self.lines, result),
                Err(err) => {
                    self.done = true;
                    let error = Error::new(ErrorKind::Io, "", err.to_string());
                    (self.lines.saturating_add(1), Err(error))
                }
            };
            self.index = self.index.saturating_add(1);
            return Some(Record {
                index: self.index,
                line,
                result,
            });
        }
        None
    }
}

impl<R: BufRead> FusedIterator for NdjsonReader<R> {}

/// What a whole line (line end removed, `\r` kept) gives: nothing when it
/// is blank, else its event or error, placed on line `line` of the stream.
fn finish(content: &[u8], line: usize, max: Option<usize>) -> Line {
    let content = content.strip_suffix(b"\r").unwrap_or(content);
    if max.is_some_and(|max| content.len() > max) {
        return Line::Record(Err(too_long_error(max)));
    }
    if first_non_whitespace(content).is_none() {
        return Line::Blank;
    }
    Line::Record(crate::from_slice(content).map_err(|e| e.shift_by(line.saturating_sub(1), 0)))
}

fn too_long_error(max: Option<usize>) -> Error {
    let max = max.unwrap_or(usize::MAX);
    Error::new(
        ErrorKind::InvalidValue,
        "",
        format!("line longer than the limit of {max} bytes"),
    )
}
