//! Properties shared by the fuzz targets.
//!
//! Every check panics (which libFuzzer reports as a crash) when a property
//! of the public API does not hold.

use std::path::Path;
use std::sync::OnceLock;

use qlik_events::{Error, ErrorKind, Event, EventData, EventType, EventVisitor, QlikEvent};

/// The published examples (`tests/fixtures/<type>.json`), byte for byte,
/// with their event type: one per type of the crate's registry
/// ([`EventType::KNOWN`]), sorted by type name, read once.
pub fn fixtures() -> &'static [(&'static str, Vec<u8>)] {
    static FIXTURES: OnceLock<Vec<(&'static str, Vec<u8>)>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
        let mut all: Vec<(&'static str, Vec<u8>)> = EventType::KNOWN
            .iter()
            .map(|ty| {
                let path = dir.join(format!("{ty}.json"));
                let bytes =
                    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                (ty.as_str(), bytes)
            })
            .collect();
        all.sort();
        all
    })
}

/// Writes `event`, reads it back and checks that nothing changed: the
/// crate's round-trip promise, `from_slice(to_vec(e)) == e`. Writing the
/// re-read event must also give the same bytes (writing is deterministic
/// and idempotent).
pub fn check_round_trip(event: &QlikEvent) {
    let written = match serde_json::to_vec(event) {
        Ok(bytes) => bytes,
        Err(err) => panic!("a parsed event does not serialize: {err}; event: {event:?}"),
    };
    let again = match qlik_events::from_slice(&written) {
        Ok(again) => again,
        Err(err) => panic!(
            "the crate's own output does not parse: {err}\nwritten: {}\nevent: {event:?}",
            String::from_utf8_lossy(&written)
        ),
    };
    assert_eq!(
        &again,
        event,
        "round trip changed the event; written: {}",
        String::from_utf8_lossy(&written)
    );
    let rewritten = serde_json::to_vec(&again).unwrap_or_default();
    assert_eq!(
        String::from_utf8_lossy(&rewritten),
        String::from_utf8_lossy(&written),
        "writing the re-read event gives other bytes"
    );
}

/// The number of lines of `input` (1 + the number of `\n`).
pub fn line_count(input: &[u8]) -> usize {
    1 + input.iter().filter(|&&b| b == b'\n').count()
}

/// The length in bytes of 1-based line `line` of `input` (without its `\n`).
pub fn line_len(input: &[u8], line: usize) -> Option<usize> {
    input
        .split(|&b| b == b'\n')
        .nth(line.checked_sub(1)?)
        .map(<[u8]>::len)
}

/// An error found in `input` must point into it: line within the input's
/// lines, column within that line (one past its end for "end of input").
pub fn check_position(input: &[u8], err: &Error) {
    assert_eq!(
        err.line().is_some(),
        err.column().is_some(),
        "line and column must be both present or both absent: {err:?}"
    );
    if let (Some(line), Some(column)) = (err.line(), err.column()) {
        let lines = line_count(input);
        assert!(
            (1..=lines).contains(&line),
            "error line {line} outside the input's {lines} lines: {err:?}"
        );
        let len = line_len(input, line).unwrap_or(0);
        assert!(
            column <= len + 1,
            "error column {column} past the end of line {line} ({len} bytes): {err:?}"
        );
    }
}

/// Exercises the accessors and formatting of an error (must not panic) and
/// checks that the rendered message holds its parts.
pub fn check_error_display(err: &Error) {
    let text = err.to_string();
    let _ = format!("{err:?}");
    let _ = err.kind().as_str();
    if let Some(ty) = err.event_type() {
        assert!(
            text.starts_with(ty),
            "display {text:?} does not start with the type {ty:?}"
        );
    }
    if !err.path().is_empty() {
        assert!(
            text.contains(err.path()),
            "display {text:?} lacks the path {:?}",
            err.path()
        );
    }
    assert!(
        text.contains(err.message()),
        "display {text:?} lacks the message"
    );
}

/// Exercises the accessors of an event that parsed.
pub fn check_accessors(event: &QlikEvent) {
    let ty = event.event_type();
    assert_eq!(
        EventType::from(ty.as_str()),
        ty,
        "event type does not survive its string"
    );
    assert_eq!(ty.is_known(), event.is_known());
    if let QlikEvent::Unknown(unknown) = event {
        assert_eq!(ty.as_str(), unknown.event_type);
        // A known type string never lands in `Unknown`.
        assert!(
            EventType::known(&unknown.event_type).is_none(),
            "known type {:?} parsed as Unknown",
            unknown.event_type
        );
    }
    let _ = ty.channel();
    let envelope = event.envelope();
    for (attr, value) in envelope.attributes() {
        assert_eq!(envelope.get(attr), Some(value));
    }
    let _ = envelope.claims().map(|c| c.map_err(|e| e.to_string()));
    let _ = format!("{event:?}");
    match event.clone().require_known() {
        Ok(known) => assert_eq!(&known, event),
        Err(err) => {
            assert!(!event.is_known());
            assert_eq!(err.path(), "type");
            assert_eq!(err.event_type(), Some(ty.as_str()));
        }
    }
}

/// The typed entry point read what [`qlik_events::from_slice`] read.
struct TypedMatches<'a>(&'a [u8]);

impl EventVisitor for TypedMatches<'_> {
    type Output = ();
    fn visit<T: EventData>(self, expected: &Event<T>) {
        match Event::<T>::from_slice(self.0) {
            Ok(typed) => assert_eq!(
                &typed, expected,
                "Event::<T>::from_slice and qlik_events::from_slice disagree"
            ),
            Err(err) => panic!(
                "qlik_events::from_slice read a {} but Event::<T>::from_slice fails: {err:?}",
                T::EVENT_TYPE
            ),
        }
    }
}

/// The typed entry point of the visited event's type rejects the input.
struct TypedFails<'a>(&'a [u8]);

impl EventVisitor for TypedFails<'_> {
    type Output = ();
    fn visit<T: EventData>(self, _: &Event<T>) {
        if let Ok(typed) = Event::<T>::from_slice(self.0) {
            panic!(
                "qlik_events::from_slice rejects this {} event but Event::<T>::from_slice reads it: {typed:?}",
                T::EVENT_TYPE
            );
        }
    }
}

/// The typed entry point (`Event::<T>::from_slice`) must read what
/// [`qlik_events::from_slice`] read, when it read an event of a known type
/// (every type of the registry, through [`QlikEvent::visit`]).
pub fn check_typed_agrees(input: &[u8], event: &QlikEvent) {
    // `None` for an unknown type: no typed entry point to compare.
    let _ = event.visit(TypedMatches(input));
}

/// The published example of the known type `ty`, read once: what tells
/// [`check_typed_rejects`] the payload type `T` of `ty`.
fn published(ty: &EventType) -> &'static QlikEvent {
    static PUBLISHED: OnceLock<Vec<QlikEvent>> = OnceLock::new();
    let all = PUBLISHED.get_or_init(|| {
        EventType::KNOWN
            .iter()
            .map(|ty| {
                let (_, bytes) = fixtures()
                    .iter()
                    .find(|(name, _)| *name == ty.as_str())
                    .unwrap_or_else(|| panic!("no fixture for {ty}"));
                qlik_events::from_slice(bytes)
                    .unwrap_or_else(|e| panic!("the published example of {ty}: {e}"))
            })
            .collect()
    });
    let at = EventType::KNOWN.iter().position(|known| known == ty);
    match at.and_then(|at| all.get(at)) {
        Some(event) => event,
        None => panic!("not a known type: {ty}"),
    }
}

/// When [`qlik_events::from_slice`] rejects an event after reading a known
/// `type`, the typed entry point for that type must reject it too.
pub fn check_typed_rejects(input: &[u8], err: &Error) {
    let Some(ty) = err.event_type().and_then(EventType::known) else {
        return;
    };
    let checked = published(&ty).visit(TypedFails(input));
    assert!(checked.is_some(), "the example of {ty} read as unknown");
}

/// Everything checked on one input given to [`qlik_events::from_slice`].
pub fn check_from_slice(data: &[u8]) -> Result<QlikEvent, Error> {
    let result = qlik_events::from_slice(data);
    // `from_str` is the same parser over a `&str`: same answer, same
    // positions.
    if let Ok(text) = std::str::from_utf8(data) {
        assert_eq!(
            qlik_events::from_str(text),
            result,
            "from_str and from_slice disagree"
        );
    }
    match &result {
        Ok(event) => {
            check_accessors(event);
            check_typed_agrees(data, event);
            check_round_trip(event);
        }
        Err(err) => {
            check_error_display(err);
            check_position(data, err);
            check_typed_rejects(data, err);
        }
    }
    result
}

/// A (line, column) position as a byte offset: the start of the line plus
/// the column (the same formula on both sides of a comparison).
fn offset(input: &[u8], (line, column): (usize, usize)) -> usize {
    let start = match line {
        0 | 1 => 0,
        _ => input
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .nth(line - 2)
            .map_or(input.len(), |(i, _)| i + 1),
    };
    start + column
}

/// Whether an error message is about a control character inside a string:
/// serde_json reports it one column later when it reads a string than when
/// it skips one (`parse_str` consumes the character, `ignore_str` does not).
fn is_control_character(message: &str) -> bool {
    message.starts_with("control character")
}

/// The crate's reader follows serde_json's JSON grammar, checked against
/// `serde_json::from_slice::<IgnoredAny>` (serde_json's tokenizer, keeping
/// nothing) on the same bytes:
///
/// - what the crate accepts is well-formed JSON (serde_json accepts it,
///   unless only for nesting past its recursion limit inside values the
///   crate keeps as raw text);
/// - where serde_json finds malformed JSON, the crate fails too, at the
///   same place or before it (a validation error can come first);
/// - where both report the same syntax error, they report it at the same
///   line and column, with the same kind (`Eof` or `Syntax`).
///
/// The crate may refuse more than the tokenizer: invalid UTF-8 and numbers
/// out of range inside values it reads (serde_json refuses those too when it
/// reads them rather than skipping them).
pub fn check_against_serde_json(data: &[u8]) {
    let ours = qlik_events::from_slice(data);
    let theirs = serde_json::from_slice::<serde::de::IgnoredAny>(data);
    let theirs = match &theirs {
        Err(e) if e.is_syntax() || e.is_eof() => e,
        _ => return,
    };
    // `to_string` appends " at line L column C"; the message is before it.
    let shown = theirs.to_string();
    let their_message = shown.split(" at line ").next().unwrap_or_default();
    if their_message == "recursion limit exceeded" {
        return;
    }
    let ours = match ours {
        Ok(event) => panic!("accepted JSON serde_json refuses ({shown}): {event:?}"),
        Err(err) => err,
    };
    let at = (ours.line().unwrap_or(0), ours.column().unwrap_or(0));
    // One byte later for a control character (a newline moves to the next
    // line): compared as offsets.
    let slack = usize::from(is_control_character(their_message));
    let (mine, their) = (
        offset(data, at),
        offset(data, (theirs.line(), theirs.column())),
    );
    // A container refused by type (an array where a license number
    // belongs) is reported, as serde_json's typed reader reports it, after
    // a look past its first element for `]` or `,`: possibly past the
    // tokenizer's error, by whitespace and punctuation only.
    let after_refused_container = !matches!(ours.kind(), ErrorKind::Syntax | ErrorKind::Eof)
        && data
            .get(their.saturating_sub(1)..mine)
            .is_some_and(|gap| gap.iter().all(|b| b" \t\n\r,]}".contains(b)));
    assert!(
        mine <= their + slack || after_refused_container,
        "the crate's error ({ours}) comes after serde_json's ({shown})"
    );
    let same_error = matches!(ours.kind(), ErrorKind::Syntax | ErrorKind::Eof)
        && ours.message() == their_message
        && !is_control_character(their_message);
    if same_error {
        assert_eq!(
            at,
            (theirs.line(), theirs.column()),
            "same error, other place: {ours} / {shown}"
        );
        assert_eq!(
            ours.kind() == ErrorKind::Eof,
            theirs.is_eof(),
            "same error, other kind: {ours} / {shown}"
        );
    }
}
