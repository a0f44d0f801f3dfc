//! Numbers: serde_json's `parse_integer` and friends, and `ignore_integer`.
//!
//! Plain integers are read here; any other number (a fraction, an
//! exponent, more digits than `u64` holds) is checked for syntax here and
//! converted by serde_json itself, so floats are exactly serde_json's
//! (`float_roundtrip`), out-of-range numbers included.

use std::fmt::Display;
use std::str::FromStr;

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
                let mut significand = u64::from(c - b'0');
                while let Some(c @ b'0'..=b'9') = self.peek() {
                    let digit = u64::from(c - b'0');
                    if overflows(significand, digit) {
                        return self.other_number(start);
                    }
                    self.eat();
                    significand = significand * 10 + digit;
                }
                significand
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
