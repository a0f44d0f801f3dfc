//! Strings: serde_json's `parse_str` (with `\u` escapes checked) and
//! `ignore_str`.

use std::borrow::Cow;

use super::{Code, Fail, Pos, Reader, Res, position_of_index};

/// Whether any of eight bytes is `"`, `\` or a control character (below
/// 0x20); the lowest set bit of the result marks the first one.
#[inline]
fn special_mask(word: u64) -> u64 {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES << 7;
    let ctrl = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = word ^ (ONES * u64::from(b'"'));
    let quote = quote.wrapping_sub(ONES) & !quote;
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (ctrl | quote | backslash) & HIGH
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

#[inline]
fn is_special(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

impl<'de> Reader<'de> {
    /// The index of the first `"`, `\` or control character at or after
    /// `i`, or the input's length (serde_json's `skip_to_escape`).
    #[inline]
    fn plain_end(&self, mut i: usize) -> usize {
        while let Some(chunk) = self.input.get(i..i + 8) {
            let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            let found = special_mask(u64::from_le_bytes(bytes));
            if found != 0 {
                return i + (found.trailing_zeros() / 8) as usize;
            }
            i += 8;
        }
        while let Some(&b) = self.input.get(i) {
            if is_special(b) {
                return i;
            }
            i += 1;
        }
        i
    }

    /// `parse_str`: the string whose opening quote was just consumed.
    #[inline]
    pub(crate) fn string(&mut self) -> Res<Cow<'de, str>> {
        let start = self.index;
        let end = self.plain_end(start);
        if self.input.get(end) == Some(&b'"') {
            self.index = end + 1;
            if let Some(s) = self.text.and_then(|t| t.get(start..end)) {
                return Ok(Cow::Borrowed(s));
            }
            let bytes = self.input.get(start..end).unwrap_or_default();
            return match std::str::from_utf8(bytes) {
                Ok(s) => Ok(Cow::Borrowed(s)),
                Err(e) => Err(self.invalid_utf8(bytes.len(), e.valid_up_to())),
            };
        }
        self.index = end;
        self.string_escaped(start).map(Cow::Owned)
    }

    /// The rest of a string with escapes (or an error) from `self.index`;
    /// the plain text since `start` is copied first.
    #[cold]
    fn string_escaped(&mut self, mut start: usize) -> Res<String> {
        let mut scratch: Vec<u8> = Vec::new();
        loop {
            match self.input.get(self.index) {
                None => return Err(self.error(Code::EofWhileParsingString)),
                Some(b'"') => {
                    scratch
                        .extend_from_slice(self.input.get(start..self.index).unwrap_or_default());
                    self.index += 1;
                    return String::from_utf8(scratch).map_err(|e| {
                        let valid = e.utf8_error().valid_up_to();
                        self.invalid_utf8(e.as_bytes().len(), valid)
                    });
                }
                Some(b'\\') => {
                    scratch
                        .extend_from_slice(self.input.get(start..self.index).unwrap_or_default());
                    // The common `\uXXXX` below the surrogates in one step;
                    // anything else (and every error) by `escape`.
                    let quick = match self.input.get(self.index + 1..self.index + 6) {
                        Some(&[b'u', a, b, c, d]) => match hex4(a, b, c, d) {
                            Some(n) if n < 0xD800 => Some(n),
                            _ => None,
                        },
                        _ => None,
                    };
                    match quick {
                        Some(n) => {
                            push_bmp(&mut scratch, n);
                            self.index += 6;
                        }
                        None => {
                            self.index += 1;
                            self.escape(&mut scratch)?;
                        }
                    }
                    start = self.index;
                    if self.input.get(self.index) == Some(&b'\\') {
                        continue;
                    }
                }
                Some(_) => {
                    self.index += 1;
                    return Err(self.error(Code::ControlCharacterWhileParsingString));
                }
            }
            self.index = self.plain_end(self.index);
        }
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
        let byte = match self.next_or_eof()? {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => b'\x08',
            b'f' => b'\x0c',
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode_escape(scratch),
            _ => return Err(self.error(Code::InvalidEscape)),
        };
        scratch.push(byte);
        Ok(())
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
