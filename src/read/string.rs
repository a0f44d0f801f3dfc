//! Strings: serde_json's `parse_str` (with `\u` escapes checked) and
//! `ignore_str`.

use std::borrow::Cow;

use std::fmt::Display;

use super::scan::{plain_end, plain_end_wide, special_mask};
use super::{Code, Fail, Pos, Reader, Res, position_of_index};

/// The longest text (unescaped) read by the quick way of strings with
/// escapes: `authclaims` as the vendor sends it fits.
pub(crate) const SMALL: usize = 256;

/// A string value as [`Reader::str_to`] reads it.
pub(crate) enum Text<'de> {
    /// Without escapes: in the input.
    Borrowed(&'de str),
    /// With escapes, unescaped into the caller's buffer: its first `n` bytes
    /// (UTF-8).
    Small(usize),
    /// With escapes, unescaped, not in the buffer.
    Owned(String),
}

/// Where a string read stands.
enum Scanned {
    /// Its text is `input[start..end]`.
    Plain(usize, usize),
    /// It had escapes: its text unescaped.
    Escaped(String),
}

/// [`UNESCAPE`] for a byte that is no one-letter escape (no escape
/// stands for NUL but `\u0000`).
const NOT_SIMPLE: u8 = 0;

/// [`simple_escape`] as a table, for the quick way of strings with escapes.
// Indexing in a constant is checked when the crate compiles: it cannot
// panic at run time.
#[allow(clippy::indexing_slicing)]
const UNESCAPE: [u8; 256] = {
    let mut table = [NOT_SIMPLE; 256];
    let mut e = 0;
    while e < 256 {
        if let Some(byte) = simple_escape(e as u8) {
            table[e] = byte;
        }
        e += 1;
    }
    table
};

/// The byte a one-letter escape stands for.
const fn simple_escape(e: u8) -> Option<u8> {
    Some(match e {
        b'"' => b'"',
        b'\\' => b'\\',
        b'/' => b'/',
        b'b' => b'\x08',
        b'f' => b'\x0c',
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        _ => return None,
    })
}

/// Appends a run of plain text: short runs byte by byte (a `memcpy` call
/// costs more than a few bytes).
#[inline]
fn extend(out: &mut Vec<u8>, run: &[u8]) {
    if run.len() <= 16 {
        for &b in run {
            out.push(b);
        }
    } else {
        out.extend_from_slice(run);
    }
}

/// UTF-8 of a code point below the surrogates.
#[inline]
fn push_bmp(out: &mut Vec<u8>, n: u16) {
    // The casts keep the low bits on purpose.
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x800 {
        out.push(0xC0 | (n >> 6) as u8);
        out.push(0x80 | (n & 0x3F) as u8);
    } else {
        out.push(0xE0 | (n >> 12) as u8);
        out.push(0x80 | ((n >> 6) & 0x3F) as u8);
        out.push(0x80 | (n & 0x3F) as u8);
    }
}

/// The value of four hex digits. Plain arithmetic, no `?`: the debug
/// build reads 10 MB of `\u` escapes within its time budget.
fn hex4(a: u8, b: u8, c: u8, d: u8) -> Option<u16> {
    let (a, b, c, d) = (hex(a), hex(b), hex(c), hex(d));
    if (a | b | c | d) > 0xF {
        return None;
    }
    Some((a << 12) | (b << 8) | (c << 4) | d)
}

/// A hex digit's value; above 0xF for anything else.
fn hex(digit: u8) -> u16 {
    match digit {
        b'0'..=b'9' => u16::from(digit - b'0'),
        b'a'..=b'f' => u16::from(digit - b'a' + 10),
        b'A'..=b'F' => u16::from(digit - b'A' + 10),
        _ => 0x100,
    }
}

/// Where one step of [`Cursor::step`] ended.
enum Step {
    /// At the end of its bytes: take another.
    More,
    /// At a `"`, `\` or control character (this byte) to be taken.
    Stop(u8),
}

/// Where [`Reader::unescape_into`] stands: in the input, and in its buffer.
#[derive(Clone, Copy)]
struct Cursor {
    i: usize,
    len: usize,
}

impl Cursor {
    /// Copies plain text eight bytes at a time (cutting back what passed
    /// the stop); `None` when the buffer is full.
    #[cfg(not(all(feature = "simd-scan", target_arch = "x86_64", target_feature = "sse2")))]
    #[inline(always)]
    fn step(&mut self, input: &[u8], buf: &mut [u8; SMALL]) -> Option<Step> {
        let Some(word) = input.get(self.i..)?.first_chunk::<8>() else {
            return self.tail(input, buf);
        };
        *buf.get_mut(self.len..)?.first_chunk_mut::<8>()? = *word;
        let word = u64::from_le_bytes(*word);
        let found = special_mask(word);
        if found == 0 {
            self.len += 8;
            self.i += 8;
            return Some(Step::More);
        }
        let plain = found.trailing_zeros() / 8;
        self.len += plain as usize;
        self.i += plain as usize;
        // The special byte itself, from the word (the cast keeps it).
        Some(Step::Stop((word >> (plain * 8)) as u8))
    }

    /// Copies sixteen bytes of plain text with SSE2, and within them every
    /// `\"` too (the escape `authclaims` is full of), each run of plain
    /// text copied by one sixteen-byte store rather than a trip round the
    /// loop; `None` when the buffer is full.
    #[cfg(all(feature = "simd-scan", target_arch = "x86_64", target_feature = "sse2"))]
    #[inline(always)]
    fn step(&mut self, input: &[u8], buf: &mut [u8; SMALL]) -> Option<Step> {
        // Thirty-two bytes, for the loads of runs that start inside the
        // first sixteen.
        let Some(chunk) = input.get(self.i..)?.first_chunk::<32>() else {
            return self.tail(input, buf);
        };
        let bytes = super::scan::Bytes16::classify(chunk.first_chunk::<16>()?);
        // Backslashes followed by a quote: `\"` escapes. Every byte before
        // the first other special one is plain text or part of such an
        // escape (no two backslashes can stand together before it).
        let escapes = bytes.backslash & (bytes.quote >> 1);
        let others = (bytes.backslash & !escapes) | bytes.ctrl | (bytes.quote & !(escapes << 1));
        let stop = (others | 1 << 16).trailing_zeros() as usize;
        let mut from = 0;
        let mut drops = escapes & ((1 << stop) - 1);
        while drops != 0 {
            let at = drops.trailing_zeros() as usize;
            drops &= drops - 1;
            *buf.get_mut(self.len..)?.first_chunk_mut::<16>()? =
                *chunk.get(from..)?.first_chunk::<16>()?;
            self.len += at - from;
            from = at + 1;
        }
        *buf.get_mut(self.len..)?.first_chunk_mut::<16>()? =
            *chunk.get(from..)?.first_chunk::<16>()?;
        self.len += stop - from;
        self.i += stop;
        Some(match chunk.get(stop) {
            Some(&special) if stop < 16 => Step::Stop(special),
            _ => Step::More,
        })
    }

    /// The last bytes of the input, too few for a step: up to the stop.
    #[cold]
    fn tail(&mut self, input: &[u8], buf: &mut [u8; SMALL]) -> Option<Step> {
        let end = plain_end(input, self.i);
        let run = input.get(self.i..end)?;
        buf.get_mut(self.len..self.len + run.len())?
            .copy_from_slice(run);
        self.len += run.len();
        self.i = end;
        Some(Step::Stop(*input.get(end)?))
    }
}

impl<'de> Reader<'de> {
    /// [`plain_end`] in the input.
    #[inline]
    fn plain_end(&self, i: usize) -> usize {
        plain_end(self.input, i)
    }

    /// `parse_str`: the string whose opening quote was just consumed:
    /// where its text stands in the input when it has no escapes, else its
    /// text unescaped. UTF-8 is checked here only when the input is not
    /// known to be UTF-8, as serde_json's `SliceRead` checks it.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn scan_string(&mut self) -> Res<Scanned> {
        let start = self.index;
        let end = self.plain_end(start);
        if self.input.get(end) == Some(&b'"') {
            self.index = end + 1;
            if self.text.is_none() {
                let bytes = self.input.get(start..end).unwrap_or_default();
                if let Err(e) = std::str::from_utf8(bytes) {
                    return Err(self.invalid_utf8(bytes.len(), e.valid_up_to()));
                }
            }
            return Ok(Scanned::Plain(start, end));
        }
        self.index = end;
        self.string_escaped(start).map(Scanned::Escaped)
    }

    /// `parse_str` as bytes (UTF-8): for keys, which are matched as bytes.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) fn string_bytes(&mut self) -> Res<Cow<'de, [u8]>> {
        Ok(match self.scan_string()? {
            Scanned::Plain(start, end) => {
                Cow::Borrowed(self.input.get(start..end).unwrap_or_default())
            }
            Scanned::Escaped(text) => Cow::Owned(text.into_bytes()),
        })
    }

    /// `parse_str` as text, borrowed from the input when it has no escapes.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) fn string(&mut self) -> Res<Cow<'de, str>> {
        match self.scan_string()? {
            Scanned::Plain(start, end) => match self.text.and_then(|t| t.get(start..end)) {
                Some(s) => Ok(Cow::Borrowed(s)),
                None => self.text(Cow::Borrowed(
                    self.input.get(start..end).unwrap_or_default(),
                )),
            },
            Scanned::Escaped(text) => Ok(Cow::Owned(text)),
        }
    }

    /// Bytes read as a string, as text: they were checked, so this look
    /// of the type system's cannot fail.
    #[cold]
    pub(crate) fn text(&self, bytes: Cow<'de, [u8]>) -> Res<Cow<'de, str>> {
        let invalid = |len: usize, e: std::str::Utf8Error| self.invalid_utf8(len, e.valid_up_to());
        match bytes {
            Cow::Borrowed(b) => std::str::from_utf8(b)
                .map(Cow::Borrowed)
                .map_err(|e| invalid(b.len(), e)),
            Cow::Owned(v) => String::from_utf8(v).map(Cow::Owned).map_err(|e| {
                let len = e.as_bytes().len();
                invalid(len, e.utf8_error())
            }),
        }
    }

    /// The rest of a string with escapes (or an error) from `self.index`;
    /// the plain text since `start` is copied first. The usual string
    /// (`authclaims`: short, only ASCII escapes) is unescaped into a buffer
    /// on the stack and then copied into an exact allocation: no capacity
    /// checks, no growing, no spare bytes kept. Anything else (longer text,
    /// `\u` escapes above ASCII, every error) is read again from the first
    /// escape by [`string_escaped_vec`](Self::string_escaped_vec).
    #[cold]
    fn string_escaped(&mut self, start: usize) -> Res<String> {
        let first = self.index;
        match self.unescape_small(start) {
            Some(text) => Ok(text),
            None => {
                self.index = first;
                self.string_escaped_vec(start)
            }
        }
    }

    /// [`string_escaped`](Self::string_escaped)'s quick way; `None` to
    /// leave the string to the general one.
    #[inline]
    fn unescape_small(&mut self, start: usize) -> Option<String> {
        let mut buf = [0u8; SMALL];
        let len = self.unescape_into(start, &mut buf)?;
        String::from_utf8(buf.get(..len)?.to_vec()).ok()
    }

    /// `str` for a value kept by the caller: the usual string with escapes
    /// (short, only ASCII escapes, in input known to be UTF-8) is unescaped
    /// into `buf` (when given), without an allocation.
    #[inline]
    pub(crate) fn str_to(
        &mut self,
        exp: &dyn Display,
        buf: Option<&mut [u8; SMALL]>,
    ) -> Res<Text<'de>> {
        self.open_string(exp)?;
        let start = self.index;
        let end = plain_end_wide(self.input, start);
        if let Some(text) = self.text {
            if self.input.get(end) == Some(&b'"') {
                self.index = end + 1;
                return Ok(Text::Borrowed(text.get(start..end).unwrap_or_default()));
            }
            self.index = end;
            if let Some(len) = buf.and_then(|buf| self.unescape_into(start, buf)) {
                return Ok(Text::Small(len));
            }
        }
        // Anything else (and every error) the usual way, from the start.
        self.index = start;
        match self.string()? {
            Cow::Borrowed(s) => Ok(Text::Borrowed(s)),
            Cow::Owned(s) => Ok(Text::Owned(s)),
        }
    }

    /// Unescapes the string whose plain text runs from `start` to the first
    /// escape at `self.index` into `buf`: its length, with the reader after
    /// the closing quote, or `None` (the reader moved) for text too long,
    /// `\u` escapes above ASCII and every error. Runs of plain text come from
    /// the input between ASCII bytes and escapes give ASCII: the text is
    /// UTF-8 when the input is.
    #[inline(never)]
    fn unescape_into(&mut self, start: usize, buf: &mut [u8; SMALL]) -> Option<usize> {
        let input = self.input;
        let len = self.index.checked_sub(start)?;
        buf.get_mut(..len)?
            .copy_from_slice(input.get(start..self.index)?);
        let mut u = Cursor { i: self.index, len };
        // One loop: plain text copied up to the next `"`, `\` or control
        // character, which is then taken.
        loop {
            let Step::Stop(special) = u.step(input, buf)? else {
                continue;
            };
            match special {
                b'"' => {
                    self.index = u.i + 1;
                    return Some(u.len);
                }
                b'\\' => {
                    let e = *input.get(u.i + 1)?;
                    let mut byte = UNESCAPE.get(usize::from(e)).copied().unwrap_or(NOT_SIMPLE);
                    if byte == NOT_SIMPLE {
                        match *input.get(u.i + 2..)?.first_chunk::<4>()? {
                            [a, b, c, d] if e == b'u' => match hex4(a, b, c, d) {
                                // The cast keeps an ASCII byte.
                                Some(n) if n < 0x80 => byte = n as u8,
                                _ => return None,
                            },
                            _ => return None,
                        }
                        u.i += 4;
                    }
                    *buf.get_mut(u.len)? = byte;
                    u.len += 1;
                    u.i += 2;
                }
                _ => return None,
            }
        }
    }

    /// The general way of [`string_escaped`](Self::string_escaped).
    #[cold]
    fn string_escaped_vec(&mut self, start: usize) -> Res<String> {
        // Room for a usual string without growing (growing costs more than
        // spare room); callers that keep long text trim it.
        let room = self.input.len().saturating_sub(start).min(96);
        let mut out: Vec<u8> = Vec::with_capacity(room);
        extend(
            &mut out,
            self.input.get(start..self.index).unwrap_or_default(),
        );
        loop {
            let Some(&byte) = self.input.get(self.index) else {
                return Err(self.error(Code::EofWhileParsingString));
            };
            match byte {
                b'"' => {
                    self.index += 1;
                    return String::from_utf8(out).map_err(|e| {
                        let valid = e.utf8_error().valid_up_to();
                        self.invalid_utf8(e.as_bytes().len(), valid)
                    });
                }
                b'\\' => {
                    // The common escapes in one step; anything else (and
                    // every error) by `escape`.
                    let quick = match self.input.get(self.index + 1..self.index + 6) {
                        Some(&[b'u', a, b, c, d]) => match hex4(a, b, c, d) {
                            Some(n) if n < 0xD800 => Some((n, 6)),
                            _ => None,
                        },
                        Some(&[e, ..]) => simple_escape(e).map(|c| (u16::from(c), 2)),
                        _ => None,
                    };
                    match quick {
                        Some((n, len)) => {
                            push_bmp(&mut out, n);
                            self.index += len;
                        }
                        None => {
                            self.index += 1;
                            self.escape(&mut out)?;
                        }
                    }
                    if self.input.get(self.index) == Some(&b'\\') {
                        continue;
                    }
                }
                _ => {
                    self.index += 1;
                    return Err(self.error(Code::ControlCharacterWhileParsingString));
                }
            }
            self.copy_plain(&mut out);
        }
    }

    /// Copies plain text from `self.index` up to the next `"`, `\` or
    /// control character: eight bytes at a time (a fixed-size copy is a
    /// store, not a `memcpy` call), cutting back what passed the stop.
    #[inline]
    fn copy_plain(&mut self, out: &mut Vec<u8>) {
        let mut i = self.index;
        while let Some(chunk) = self.input.get(i..i + 8) {
            let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            out.extend_from_slice(&bytes);
            let found = special_mask(u64::from_le_bytes(bytes));
            if found != 0 {
                let plain = (found.trailing_zeros() / 8) as usize;
                out.truncate(out.len() - 8 + plain);
                self.index = i + plain;
                return;
            }
            i += 8;
        }
        let end = self.plain_end(i);
        extend(out, self.input.get(i..end).unwrap_or_default());
        self.index = end;
    }

    /// serde_json's `as_str` failure: the column of the closing quote, moved
    /// back by the bytes after the first invalid one (approximate when the
    /// string had escapes, as in serde_json).
    #[cold]
    fn invalid_utf8(&self, len: usize, valid_up_to: usize) -> Box<Fail> {
        let (line, column) = position_of_index(self.input, self.index);
        let mut fail = Fail::syntax(Code::InvalidUnicodeCodePoint, 0);
        fail.pos = Pos::At(line, column.saturating_sub(len - valid_up_to));
        fail
    }

    /// `next_or_eof`.
    fn next_or_eof(&mut self) -> Res<u8> {
        match self.next() {
            Some(b) => Ok(b),
            None => Err(self.error(Code::EofWhileParsingString)),
        }
    }

    /// `parse_escape`: after a backslash.
    fn escape(&mut self, scratch: &mut Vec<u8>) -> Res<()> {
        match self.next_or_eof()? {
            b'u' => self.unicode_escape(scratch),
            e => match simple_escape(e) {
                Some(byte) => {
                    scratch.push(byte);
                    Ok(())
                }
                None => Err(self.error(Code::InvalidEscape)),
            },
        }
    }

    /// `parse_unicode_escape` with validation: surrogates must pair.
    fn unicode_escape(&mut self, scratch: &mut Vec<u8>) -> Res<()> {
        let n = self.hex_escape()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.error(Code::LoneLeadingSurrogateInHexEscape));
        }
        let code = if (0xD800..=0xDBFF).contains(&n) {
            // A leading surrogate: `\uXXXX` with a trailing one must follow.
            for expected in [b'\\', b'u'] {
                let Some(b) = self.peek() else {
                    return Err(self.error(Code::EofWhileParsingString));
                };
                self.eat();
                if b != expected {
                    return Err(self.error(Code::UnexpectedEndOfHexEscape));
                }
            }
            let n2 = self.hex_escape()?;
            if !(0xDC00..=0xDFFF).contains(&n2) {
                return Err(self.error(Code::LoneLeadingSurrogateInHexEscape));
            }
            ((u32::from(n - 0xD800) << 10) | u32::from(n2 - 0xDC00)) + 0x1_0000
        } else {
            u32::from(n)
        };
        // Always a scalar value here: surrogates were paired or refused.
        let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
        scratch.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(())
    }

    /// `decode_hex_escape` of `SliceRead`.
    fn hex_escape(&mut self) -> Res<u16> {
        let Some(digits) = self.input.get(self.index..self.index + 4) else {
            self.index = self.input.len();
            return Err(self.error(Code::EofWhileParsingString));
        };
        self.index += 4;
        match *digits {
            [a, b, c, d] => hex4(a, b, c, d),
            _ => None,
        }
        .ok_or_else(|| self.error(Code::InvalidEscape))
    }

    /// `ignore_str`: steps over a string whose opening quote was consumed.
    pub(super) fn skip_str(&mut self) -> Res<()> {
        loop {
            self.index = self.plain_end(self.index);
            match self.input.get(self.index) {
                None => return Err(self.error(Code::EofWhileParsingString)),
                Some(b'"') => {
                    self.index += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.index += 1;
                    match self.next_or_eof()? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                        b'u' => {
                            self.hex_escape()?;
                        }
                        _ => return Err(self.error(Code::InvalidEscape)),
                    }
                }
                // Unlike `parse_str`, the control character is not consumed.
                Some(_) => return Err(self.error(Code::ControlCharacterWhileParsingString)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Reader;

    /// The string read by the reader, or its error's display, for JSON text
    /// that starts with a string.
    fn read(json: &[u8]) -> Result<String, String> {
        let mut r = Reader::from_slice(json);
        r.str(&"a string")
            .map(|s| s.into_owned())
            .map_err(|f| format!("{:?}", f.pos))
    }

    /// The string at the start of `text` read the attribute values' way
    /// (input known to be UTF-8, unescaped into a buffer when it can), and
    /// where the reader stands after it.
    fn read_to(text: &str) -> (Option<String>, usize) {
        let mut r = Reader::from_str(text);
        let mut buf = [0u8; super::SMALL];
        let value = match r.str_to(&"a string", Some(&mut buf)) {
            Ok(super::Text::Borrowed(s)) => Some(s.to_owned()),
            Ok(super::Text::Owned(s)) => Some(s),
            Ok(super::Text::Small(len)) => Some(String::from_utf8_lossy(&buf[..len]).into_owned()),
            Err(_) => None,
        };
        (value, r.index)
    }

    /// Strings of every length up to 40 with a raw control character, an
    /// escape, a byte that is not UTF-8 or a stray UTF-8 continuation at
    /// every offset, at the end of the input or followed by more of it (so
    /// that every step of the scan, sixteen, eight or one byte, meets them),
    /// as keys and as attribute values: read as serde_json reads them,
    /// failing with its message, line and column.
    #[test]
    fn stops_at_every_offset_read_as_serde_json_reads_them() {
        use serde::Deserialize;
        let odd: [&[u8]; 6] = [b"\x01", b"\x1f", b"\\\"", b"\\n", b"\xff", b"\x80"];
        for len in 0..=40 {
            for at in 0..=len {
                for bytes in odd {
                    for tail in [&b""[..], b",\"key\": 1}"] {
                        let mut case = vec![b'"'];
                        case.extend(std::iter::repeat_n(b'a', at));
                        case.extend_from_slice(bytes);
                        case.extend(std::iter::repeat_n(b'a', len - at));
                        case.push(b'"');
                        case.extend_from_slice(tail);
                        let mut r = Reader::from_slice(&case);
                        let ours = r.str(&"a string").map(|s| s.into_owned()).map_err(|f| {
                            let (line, column) = match f.pos {
                                super::Pos::Index(i) => super::position_of_index(&case, i),
                                super::Pos::At(line, column) => (line, column),
                                super::Pos::Unset => (0, 0),
                            };
                            format!("{} at line {line} column {column}", f.message)
                        });
                        let mut de = serde_json::Deserializer::from_slice(&case);
                        let theirs = String::deserialize(&mut de).map_err(|e| e.to_string());
                        assert_eq!(ours, theirs, "{}", String::from_utf8_lossy(&case));
                        // The attribute values' way (input known to be
                        // UTF-8, unescaped into a buffer when it can).
                        if let Ok(text) = std::str::from_utf8(&case) {
                            let (value, index) = read_to(text);
                            assert_eq!(value, theirs.as_ref().ok().cloned(), "{text}");
                            if value.is_some() {
                                assert_eq!(index, case.len() - tail.len(), "{text}");
                            }
                        }
                    }
                }
            }
        }
    }

    /// Strings made of runs of plain text and escapes in every mix (`\"`
    /// pairs, `\\` before a quote, other escapes and raw control
    /// characters among them, at every offset of the sixteen-byte steps),
    /// at the end of the input or followed by more of it: read both ways
    /// (`str`, and `str_to` with its buffer) as serde_json reads them, the
    /// reader left after the closing quote.
    #[test]
    fn runs_of_escapes_read_as_serde_json_reads_them() {
        let pieces: [&[u8]; 9] = [
            b"a", b"bc", b"defgh", b"\\\"", b"\\\"", b"\\\\", b"\\/", b"\\n", b"\\u0041",
        ];
        // A small deterministic generator (xorshift).
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        for _ in 0..20_000 {
            let mut case = vec![b'"'];
            for _ in 0..next(40) {
                case.extend_from_slice(pieces[next(pieces.len())]);
            }
            // A raw control character somewhere, in one string of eight.
            if next(8) == 0 {
                case.insert(1 + next(case.len()), 0x01);
            }
            case.push(b'"');
            let tail: &[u8] = match next(3) {
                0 => b"",
                1 => b",\"key\": 1}",
                _ => b",\"key\": \"a much longer value after it, past a step\"}",
            };
            case.extend_from_slice(tail);
            let theirs = {
                use serde::Deserialize;
                let mut de = serde_json::Deserializer::from_slice(&case);
                String::deserialize(&mut de).ok()
            };
            let text = String::from_utf8_lossy(&case).into_owned();
            assert_eq!(read(&case).ok(), theirs, "{text}");
            let (value, index) = read_to(&text);
            assert_eq!(value, theirs, "{text}");
            if value.is_some() {
                assert_eq!(index, case.len() - tail.len(), "{text}");
            }
        }
    }

    /// Strings with escapes around the quick way's edges (its buffer's
    /// length, `\u` escapes at and above ASCII, bad escapes and UTF-8)
    /// read as serde_json reads them, and fail where it fails.
    #[test]
    fn escaped_strings_read_as_serde_json_reads_them() {
        let mut cases: Vec<Vec<u8>> = Vec::new();
        for len in [
            0, 1, 7, 8, 9, 200, 247, 248, 249, 250, 254, 255, 256, 257, 300,
        ] {
            for escape in [
                r#"\""#, r"\\", r"\n", r"\u0041", r"\u007f", r"\u0080", r"\u00e9",
            ] {
                let plain = "a".repeat(len);
                cases.push(format!(r#""{escape}{plain}""#).into_bytes());
                cases.push(format!(r#""{plain}{escape}""#).into_bytes());
                cases.push(format!(r#""{plain}{escape}{plain}{escape}x""#).into_bytes());
            }
        }
        for bad in [
            &br#""a\x""#[..],
            br#""a\u00"#,
            br#""a\u12G4""#,
            br#""a\"b"#,
            b"\"a\\\"\x01\"",
            b"\"a\\\"\xff\"",
            br#""a\ud800""#,
            br#""\"\ud83d\ude00\"""#,
            br#""{\"iss\": \"qlik.api.internal/licenses\", \"sub\": \"u\"}""#,
        ] {
            cases.push(bad.to_vec());
        }
        for case in cases {
            let ours = read(&case);
            let theirs = serde_json::from_slice::<String>(&case);
            assert_eq!(
                ours.is_ok(),
                theirs.is_ok(),
                "{}",
                String::from_utf8_lossy(&case)
            );
            if let (Ok(ours), Ok(theirs)) = (&ours, &theirs) {
                assert_eq!(ours, theirs);
                // Kept without spare room when the quick way read it (short
                // text, ASCII escapes only).
                let text = String::from_utf8_lossy(&case);
                if ours.len() < 200
                    && ![r"\u0080", r"\u00e9", r"\ud"]
                        .iter()
                        .any(|u| text.contains(u))
                {
                    let again = read(&case).unwrap_or_default();
                    assert_eq!(again.capacity(), again.len(), "{text}");
                }
            }
        }
    }
}
