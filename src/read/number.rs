//! Numbers: serde_json's `parse_integer` and friends, and `ignore_integer`.
//!
//! Plain integers are read here; any other number (a fraction, an
//! exponent, more digits than `u64` holds) is checked for syntax here and
//! converted by serde_json itself, so floats are exactly serde_json's
//! (`float_roundtrip`), out-of-range numbers included.

use std::fmt::Display;
use std::str::FromStr;

use super::scan::{HIGH, ONES};
use super::{Code, Fail, Reader, Res, Unexp};

/// A JSON number as serde_json hands it to a visitor.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Num {
    U64(u64),
    I64(i64),
    F64(f64),
}

impl Num {
    /// `ParserNumber::invalid_type`.
    pub(crate) fn invalid_type(self, exp: &dyn Display) -> Box<Fail> {
        Fail::invalid_type(self.unexpected(), exp)
    }

    pub(crate) fn unexpected(self) -> Unexp<'static> {
        match self {
            Num::U64(v) => Unexp::Unsigned(v),
            Num::I64(v) => Unexp::Signed(v),
            Num::F64(v) => Unexp::Float(v),
        }
    }

    pub(crate) fn to_json(self) -> Option<serde_json::Number> {
        match self {
            Num::U64(v) => Some(v.into()),
            Num::I64(v) => Some(v.into()),
            Num::F64(v) => serde_json::Number::from_f64(v),
        }
    }
}

/// How many of the eight bytes of `word` (first byte lowest) are ASCII
/// digits before the first that is not.
#[inline]
fn digit_run(word: u64) -> usize {
    // Digits become 0 to 9; a byte of 10 or more gets its high bit from
    // the addition (or has it already). A carry out of a byte that is no
    // digit can only mark bytes after it, which do not count.
    let x = word ^ (ONES * u64::from(b'0'));
    let other = (x.wrapping_add(ONES * (0x80 - 10)) | x) & HIGH;
    (other.trailing_zeros() / 8) as usize
}

/// The value of eight ASCII digits (first byte lowest, the most
/// significant), three multiplications instead of a loop.
#[inline]
fn eight_digits(word: u64) -> u64 {
    let v = (word & 0x0F0F_0F0F_0F0F_0F0F).wrapping_mul(2561) >> 8;
    let v = (v & 0x00FF_00FF_00FF_00FF).wrapping_mul(6_553_601) >> 16;
    (v & 0x0000_FFFF_0000_FFFF).wrapping_mul(42_949_672_960_001) >> 32
}

/// The value of the digits at the start of `bytes` and how many there are,
/// when there are fewer than sixteen and the bytes to load (eight, or
/// sixteen past seven digits): with no branch on their number, which varies
/// from number to number, so that a loop's end would be mispredicted.
#[inline]
fn leading_digits(bytes: &[u8]) -> Option<(u64, usize)> {
    const POW10: [u64; 8] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000];
    // Shifted so that the bytes after the digits fall out and zeros (as
    // leading zero digits) come in; no digits at all give zero.
    let value =
        |word: u64, n: usize| eight_digits(word.checked_shl(64 - 8 * n as u32).unwrap_or(0));
    let first = u64::from_le_bytes(*bytes.first_chunk::<8>()?);
    let n = digit_run(first);
    if n < 8 {
        return Some((value(first, n), n));
    }
    let second = u64::from_le_bytes(*bytes.get(8..)?.first_chunk::<8>()?);
    let m = digit_run(second);
    Some((
        eight_digits(first) * POW10.get(m)? + value(second, m),
        8 + m,
    ))
}

/// Whether `a * 10 + b` passes `u64::MAX` (serde_json's `overflow!`).
#[inline]
fn overflows(a: u64, b: u64) -> bool {
    a >= u64::MAX / 10 && (a > u64::MAX / 10 || b > u64::MAX % 10)
}

impl Reader<'_> {
    /// `parse_integer`: a number after its `-`, if any (`positive` is
    /// whether there was none).
    #[inline]
    pub(crate) fn number(&mut self, positive: bool) -> Res<Num> {
        let start = if positive {
            self.index
        } else {
            self.index.saturating_sub(1)
        };
        let significand = match self.next() {
            None => return Err(self.error(Code::EofWhileParsingValue)),
            Some(b'0') => {
                // There can be only one leading '0'.
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error(Code::InvalidNumber));
                }
                0
            }
            Some(c @ b'1'..=b'9') => {
                if let Some((value, len)) =
                    self.input.get(self.index - 1..).and_then(leading_digits)
                {
                    self.index += len - 1;
                    value
                } else {
                    match self.long_significand(c) {
                        Some(value) => value,
                        None => return self.other_number(start),
                    }
                }
            }
            Some(_) => return Err(self.error(Code::InvalidNumber)),
        };
        if let Some(b'.' | b'e' | b'E') = self.peek() {
            return self.other_number(start);
        }
        Ok(if positive {
            Num::U64(significand)
        } else {
            // `-0` and integers below `i64::MIN` are floats, as in serde_json.
            let neg = (significand as i64).wrapping_neg();
            if neg >= 0 {
                Num::F64(-(significand as f64))
            } else {
                Num::I64(neg)
            }
        })
    }

    /// The digits of a significand that starts with `c` (just read), one at
    /// a time: for sixteen digits or more, and near the input's end. `None`
    /// when it passes `u64::MAX` (the reader still at that digit).
    #[inline(never)]
    fn long_significand(&mut self, c: u8) -> Option<u64> {
        let mut significand = u64::from(c - b'0');
        while let Some(c @ b'0'..=b'9') = self.peek() {
            let digit = u64::from(c - b'0');
            if overflows(significand, digit) {
                return None;
            }
            self.eat();
            significand = significand * 10 + digit;
        }
        Some(significand)
    }

    /// A number that is not a plain `u64` / `i64`, from its integer digits
    /// on: the syntax of `parse_long_integer`, `parse_decimal` and
    /// `parse_exponent`, then serde_json's own conversion of the token.
    #[cold]
    fn other_number(&mut self, start: usize) -> Res<Num> {
        self.digits();
        if self.peek() == Some(b'.') {
            self.eat();
            if self.digits() == 0 {
                return Err(match self.peek() {
                    Some(_) => self.peek_error(Code::InvalidNumber),
                    None => self.peek_error(Code::EofWhileParsingValue),
                });
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            let mantissa = self.input.get(start..self.index).unwrap_or_default();
            self.eat();
            let positive_exp = match self.peek() {
                Some(b'-') => {
                    self.eat();
                    false
                }
                Some(b'+') => {
                    self.eat();
                    true
                }
                _ => true,
            };
            let mut exp = match self.next() {
                None => return Err(self.error(Code::EofWhileParsingValue)),
                Some(c @ b'0'..=b'9') => i32::from(c - b'0'),
                Some(_) => return Err(self.error(Code::InvalidNumber)),
            };
            while let Some(c @ b'0'..=b'9') = self.peek() {
                self.eat();
                let digit = i32::from(c - b'0');
                if exp >= i32::MAX / 10 && (exp > i32::MAX / 10 || digit > i32::MAX % 10) {
                    // `parse_exponent_overflow`: an error at once for a huge
                    // value, zero for a tiny one.
                    let zero = !mantissa.iter().any(|b| (b'1'..=b'9').contains(b));
                    if !zero && positive_exp {
                        return Err(self.error(Code::NumberOutOfRange));
                    }
                    self.digits();
                    return Ok(Num::F64(if mantissa.first() == Some(&b'-') {
                        -0.0
                    } else {
                        0.0
                    }));
                }
                exp = exp * 10 + digit;
            }
        }
        match serde_json::Number::from_str(self.ascii(start)) {
            Ok(n) => Ok(if let Some(v) = n.as_u64() {
                Num::U64(v)
            } else if let Some(v) = n.as_i64() {
                Num::I64(v)
            } else {
                Num::F64(n.as_f64().unwrap_or_default())
            }),
            // Only "number out of range" is left for a well-formed token;
            // its column counts from the token's start (one line).
            Err(e) => {
                let mut fail = Fail::syntax(Code::NumberOutOfRange, start + e.column());
                fail.message = crate::error::json_message(&e);
                Err(fail)
            }
        }
    }

    /// Steps over decimal digits; how many.
    fn digits(&mut self) -> usize {
        let start = self.index;
        while let Some(b'0'..=b'9') = self.peek() {
            self.eat();
        }
        self.index - start
    }

    /// `ignore_integer` (with `ignore_decimal` and `ignore_exponent`): the
    /// syntax of a number in a raw value, with serde_json's (different)
    /// errors for it.
    pub(super) fn skip_number(&mut self) -> Res<()> {
        match self.next().unwrap_or(0) {
            b'0' => {
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error(Code::InvalidNumber));
                }
            }
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return Err(self.error(Code::InvalidNumber)),
        }
        if self.peek() == Some(b'.') {
            self.eat();
            if self.digits() == 0 {
                return Err(self.peek_error(Code::InvalidNumber));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.eat();
            if let Some(b'+' | b'-') = self.peek() {
                self.eat();
            }
            match self.next().unwrap_or(0) {
                b'0'..=b'9' => {}
                _ => return Err(self.error(Code::InvalidNumber)),
            }
            self.digits();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Pos, Reader, position_of_index};
    use serde_json::Value;

    /// `leading_digits` answers as a byte-at-a-time reading does: runs of 0
    /// to 17 digits followed by every byte value, with 0 to 17 bytes more.
    #[test]
    fn leading_digits_answers_as_a_loop_does() {
        for run in 0..=17usize {
            for stop in 0..=255u8 {
                for more in [0usize, 1, 7, 17] {
                    let mut bytes: Vec<u8> = (0..run).map(|i| b"1234567890"[i % 10]).collect();
                    bytes.push(stop);
                    bytes.extend(std::iter::repeat_n(b'5', more));
                    let n = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
                    let expected = bytes[..n].iter().fold(0u64, |v, &d| {
                        v.wrapping_mul(10).wrapping_add(u64::from(d - b'0'))
                    });
                    let room = if n < 8 { 8 } else { 16 };
                    let got = super::leading_digits(&bytes);
                    if n < 16 && bytes.len() >= room {
                        assert_eq!(got, Some((expected, n)), "{bytes:?}");
                    } else {
                        assert_eq!(got, None, "{bytes:?}");
                    }
                }
            }
        }
    }

    /// Integers of every length from 1 to 21 digits (past `u64::MAX`), each
    /// digit at each place, signed or not, followed by each kind of byte
    /// or by nothing, with and without room for the eight- and
    /// sixteen-byte loads: read as serde_json reads them (value, or error
    /// and its place), the reader left after the number.
    #[test]
    fn integers_of_every_length_read_as_serde_json_reads_them() {
        let tails: [&[u8]; 6] = [
            b"",
            b",",
            b"}",
            b" 1234567890123456",
            b".5e3,\"x\"",
            b"e-7]",
        ];
        for len in 1..=21usize {
            for place in 0..len {
                for digit in b'0'..=b'9' {
                    let mut number: Vec<u8> = (0..len).map(|i| b"9876543210"[i % 10]).collect();
                    number[place] = digit;
                    for sign in [&b""[..], b"-"] {
                        for tail in tails {
                            let mut text = sign.to_vec();
                            text.extend_from_slice(&number);
                            text.extend_from_slice(tail);
                            let mut stream =
                                serde_json::Deserializer::from_slice(&text).into_iter::<Value>();
                            let theirs = match stream.next() {
                                Some(Ok(v)) => Ok((v, stream.byte_offset())),
                                Some(Err(e)) => Err((e.line(), e.column())),
                                None => Err((0, 0)),
                            };
                            let mut r = Reader::from_slice(&text);
                            let ours = match super::super::value(&mut r) {
                                Ok(v) => Ok((v, r.index)),
                                Err(f) => Err(match f.pos {
                                    Pos::Index(i) => position_of_index(&text, i),
                                    Pos::At(line, column) => (line, column),
                                    Pos::Unset => (0, 0),
                                }),
                            };
                            let case = String::from_utf8_lossy(&text);
                            assert_eq!(ours, theirs, "{case}");
                        }
                    }
                }
            }
        }
    }
}
