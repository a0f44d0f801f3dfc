//! A failed read on its way out: kind, message, position and JSON path.
//!
//! A `Fail` is built where the problem is found and collects the path while
//! it propagates (innermost segment first); the entry points turn it into the
//! public [`Error`] once, with line and column. Nothing here runs on the
//! success path.

use std::fmt::{self, Write as _};

use crate::error::{Error, ErrorKind};

/// serde_json's syntax error codes that the reader can produce, with
/// serde_json's messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Code {
    EofWhileParsingList,
    EofWhileParsingObject,
    EofWhileParsingString,
    EofWhileParsingValue,
    ExpectedColon,
    ExpectedListCommaOrEnd,
    ExpectedObjectCommaOrEnd,
    ExpectedSomeIdent,
    ExpectedSomeValue,
    InvalidEscape,
    InvalidNumber,
    NumberOutOfRange,
    InvalidUnicodeCodePoint,
    ControlCharacterWhileParsingString,
    KeyMustBeAString,
    LoneLeadingSurrogateInHexEscape,
    TrailingComma,
    TrailingCharacters,
    UnexpectedEndOfHexEscape,
    RecursionLimitExceeded,
}

impl Code {
    fn message(self) -> &'static str {
        match self {
            Code::EofWhileParsingList => "EOF while parsing a list",
            Code::EofWhileParsingObject => "EOF while parsing an object",
            Code::EofWhileParsingString => "EOF while parsing a string",
            Code::EofWhileParsingValue => "EOF while parsing a value",
            Code::ExpectedColon => "expected `:`",
            Code::ExpectedListCommaOrEnd => "expected `,` or `]`",
            Code::ExpectedObjectCommaOrEnd => "expected `,` or `}`",
            Code::ExpectedSomeIdent => "expected ident",
            Code::ExpectedSomeValue => "expected value",
            Code::InvalidEscape => "invalid escape",
            Code::InvalidNumber => "invalid number",
            Code::NumberOutOfRange => "number out of range",
            Code::InvalidUnicodeCodePoint => "invalid unicode code point",
            Code::ControlCharacterWhileParsingString => {
                "control character (\\u0000-\\u001F) found while parsing a string"
            }
            Code::KeyMustBeAString => "key must be a string",
            Code::LoneLeadingSurrogateInHexEscape => "lone leading surrogate in hex escape",
            Code::TrailingComma => "trailing comma",
            Code::TrailingCharacters => "trailing characters",
            Code::UnexpectedEndOfHexEscape => "unexpected end of hex escape",
            Code::RecursionLimitExceeded => "recursion limit exceeded",
        }
    }

    fn kind(self) -> ErrorKind {
        match self {
            Code::EofWhileParsingList
            | Code::EofWhileParsingObject
            | Code::EofWhileParsingString
            | Code::EofWhileParsingValue => ErrorKind::Eof,
            _ => ErrorKind::Syntax,
        }
    }
}

/// Where a failure was found.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Pos {
    /// Not yet known: the enclosing value fixes it when the failure passes
    /// through (serde_json's `fix_position`).
    Unset,
    /// serde_json's position of a byte index: the line, and the bytes of the
    /// line before the index.
    Index(usize),
    /// Already line and column.
    At(usize, usize),
}

/// One step of a JSON path.
#[derive(Debug, Clone)]
pub(crate) enum Segment {
    /// A field the crate knows, by its wire name.
    Field(&'static str),
    /// A key the crate does not know.
    Key(Box<str>),
    /// An array index.
    Index(usize),
}

/// A failed read: see the module docs.
#[derive(Debug)]
pub struct Fail {
    pub(crate) kind: ErrorKind,
    pub(crate) message: String,
    pub(crate) pos: Pos,
    /// Innermost first.
    pub(crate) path: Vec<Segment>,
    /// The `type` of the event the failure is in, when a reader of many
    /// events (an audit list) knows it better than the caller.
    pub(crate) event_type: Option<String>,
    /// The envelope attributes read before the failure, for the error.
    pub(crate) envelope: Option<Box<crate::Envelope>>,
}

/// The result of every read.
pub type Res<T> = Result<T, Box<Fail>>;

impl Fail {
    #[cold]
    pub(crate) fn syntax(code: Code, index: usize) -> Box<Fail> {
        Box::new(Fail {
            kind: code.kind(),
            message: code.message().to_owned(),
            pos: Pos::Index(index),
            path: Vec::new(),
            event_type: None,
            envelope: None,
        })
    }

    /// A failure about a value, positioned later by the value around it.
    #[cold]
    pub(crate) fn data(kind: ErrorKind, message: String) -> Box<Fail> {
        Box::new(Fail {
            kind,
            message,
            pos: Pos::Unset,
            path: Vec::new(),
            event_type: None,
            envelope: None,
        })
    }

    #[cold]
    pub(crate) fn invalid_type(unexp: Unexp<'_>, exp: &dyn fmt::Display) -> Box<Fail> {
        Fail::data(
            ErrorKind::InvalidType,
            format!("invalid type: {unexp}, expected {exp}"),
        )
    }

    #[cold]
    pub(crate) fn invalid_value(unexp: Unexp<'_>, exp: &dyn fmt::Display) -> Box<Fail> {
        Fail::data(
            ErrorKind::InvalidValue,
            format!("invalid value: {unexp}, expected {exp}"),
        )
    }

    #[cold]
    pub(crate) fn missing(field: &'static str) -> Box<Fail> {
        Fail::data(ErrorKind::MissingField, format!("missing field `{field}`"))
            .at(Segment::Field(field))
    }

    #[cold]
    pub(crate) fn duplicate(field: &'static str) -> Box<Fail> {
        Fail::data(
            ErrorKind::DuplicateField,
            format!("duplicate field `{field}`"),
        )
        .at(Segment::Field(field))
    }

    /// The failure for a float where an integer belongs. Integers beyond the
    /// `u64` / `i64` range are read as floats: those are out of range
    /// (`InvalidValue`); any other float is the wrong type.
    #[cold]
    pub(crate) fn float(v: f64, exp: &dyn fmt::Display) -> Box<Fail> {
        // 2^63 is the first float past `i64::MAX`. `-2^63` is `i64::MIN`, but
        // an integer literal that small reads as `i64`: as a float it can
        // only be a rounded, smaller integer (or a float literal, an error
        // too).
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        if v.fract() == 0.0 && (v >= LIMIT || v <= -LIMIT) {
            Fail::invalid_value(Unexp::Float(v), exp)
        } else {
            Fail::invalid_type(Unexp::Float(v), exp)
        }
    }

    /// Adds the segment that encloses everything on the path so far.
    #[cold]
    pub(crate) fn at(mut self: Box<Self>, segment: Segment) -> Box<Self> {
        self.path.push(segment);
        self
    }

    /// Records the event type of the failure, unless a more precise one
    /// was recorded inside.
    #[cfg(feature = "audit")]
    #[cold]
    pub(crate) fn in_event(mut self: Box<Self>, event_type: Option<&str>) -> Box<Self> {
        if self.event_type.is_none() {
            self.event_type = event_type.map(str::to_owned);
        }
        self
    }

    /// Records the envelope attributes read before the failure, unless an
    /// inner reader recorded them.
    #[cold]
    pub(crate) fn with_envelope(mut self: Box<Self>, envelope: crate::Envelope) -> Box<Self> {
        if self.envelope.is_none() {
            self.envelope = Some(Box::new(envelope));
        }
        self
    }

    /// Moves a failure found in a slice of `input` that starts at byte
    /// `offset` to its place in `input`.
    #[cold]
    pub(crate) fn shift(mut self: Box<Self>, input: &[u8], offset: usize) -> Box<Self> {
        self.pos = match self.pos {
            Pos::Unset => Pos::Unset,
            Pos::Index(i) => Pos::Index(offset + i),
            Pos::At(line, column) => {
                let (first_line, first_column) = position_of_index(input, offset);
                if line == 1 {
                    Pos::At(first_line, first_column + column)
                } else {
                    Pos::At(first_line + line - 1, column)
                }
            }
        };
        self
    }

    /// Converts to the public error: `input` is the text positions are
    /// counted in, `event_type` the event's `type` if it was read.
    #[cold]
    #[allow(clippy::boxed_local)] // Failures travel boxed; this consumes the box.
    pub(crate) fn into_error(self: Box<Self>, input: &[u8], event_type: Option<&str>) -> Error {
        let (line, column) = match self.pos {
            Pos::Unset => (0, 0),
            Pos::Index(i) => position_of_index(input, i),
            Pos::At(line, column) => (line, column),
        };
        Error::parts(
            self.kind,
            self.event_type.or_else(|| event_type.map(str::to_owned)),
            render_path(&self.path),
            self.message,
            line,
            column,
        )
        .with_envelope_box(self.envelope)
    }
}

/// serde_json's `position_of_index`: the 1-based line of byte `i` and the
/// number of bytes between the line's start and `i`.
pub(crate) fn position_of_index(input: &[u8], i: usize) -> (usize, usize) {
    let before = input.get(..i).unwrap_or(input);
    let (mut lines, mut start_of_line, mut at) = (0, 0, 0);
    for &b in before {
        at += 1;
        if b == b'\n' {
            lines += 1;
            start_of_line = at;
        }
    }
    (1 + lines, before.len() - start_of_line)
}

/// Renders a path kept innermost first, as failures collect it on their
/// way out, outermost first: `data.spaceUsages[0].unit`.
pub(crate) fn render_path(innermost_first: &[Segment]) -> String {
    let mut out = String::new();
    for segment in innermost_first.iter().rev() {
        // Writing to a String cannot fail.
        let _ = match segment {
            Segment::Field(name) if out.is_empty() => write!(out, "{name}"),
            Segment::Field(name) => write!(out, ".{name}"),
            Segment::Key(key) if is_plain_key(key) && out.is_empty() => write!(out, "{key}"),
            Segment::Key(key) if is_plain_key(key) => write!(out, ".{key}"),
            Segment::Key(key) => write!(out, "[{}]", serde_json::Value::from(&**key)),
            Segment::Index(i) => write!(out, "[{i}]"),
        };
    }
    out
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'$')
}

/// What was found instead of what was expected, worded as serde_json words
/// it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Unexp<'a> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(&'a str),
    Seq,
    Map,
}

impl fmt::Display for Unexp<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A message quotes at most the start of a long string: a 10 MB value
        // must not make a 10 MB error.
        const QUOTED: usize = 64;
        match *self {
            Unexp::Null => f.write_str("null"),
            Unexp::Bool(b) => write!(f, "boolean `{b}`"),
            Unexp::Unsigned(n) => write!(f, "integer `{n}`"),
            Unexp::Signed(n) => write!(f, "integer `{n}`"),
            // serde_json's float formatting; JSON numbers are finite.
            Unexp::Float(v) => match serde_json::Number::from_f64(v) {
                Some(n) => write!(f, "floating point `{n}`"),
                None => write!(f, "floating point `{v}`"),
            },
            Unexp::Str(s) if s.len() > QUOTED => {
                let mut cut = QUOTED;
                while !s.is_char_boundary(cut) {
                    cut -= 1; // 0 is a boundary: stops there at the latest.
                }
                let start = s.get(..cut).unwrap_or_default();
                write!(f, "string {start:?}... ({} bytes)", s.len())
            }
            Unexp::Str(s) => write!(f, "string {s:?}"),
            Unexp::Seq => f.write_str("sequence"),
            Unexp::Map => f.write_str("map"),
        }
    }
}
