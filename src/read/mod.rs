//! The JSON reader behind every parse (private).
//!
//! Every model type reads itself from a [`Reader`] in one pass over the
//! input: no serde visitors, no `Value` or `Content` buffering, one
//! monomorphic code path. The reader accepts exactly the JSON serde_json
//! accepts and, for bad input, fails where serde_json's deserializer fails,
//! with serde_json's message and position, so errors read as they always
//! have. Functions say which serde_json function they mirror; the order of
//! peeks, consumption and position fixing matters and follows it exactly.
//!
//! Inlining is forced only where `debug_assertions` are off (optimized
//! builds): an unoptimized build gains no speed from it, only a copy of the
//! function's code at every call to compile.

use std::borrow::Cow;
use std::fmt::Display;

mod fail;
mod field;
mod number;
mod scan;
mod string;
mod value;

pub(crate) use fail::{Code, Pos, Segment, Unexp, position_of_index};
pub use fail::{Fail, Res};
pub(crate) use field::FromJson;
pub(crate) use number::Num;
#[cfg(not(feature = "simd-scan"))]
pub(crate) use scan::find_byte;
pub(crate) use scan::{plain_end, same_bytes};
pub(crate) use string::{SMALL, Text};
pub(crate) use value::{value, value_from_str};

/// serde_json's recursion limit for containers read into values.
const RECURSION_LIMIT: u8 = 128;

/// A cursor over one JSON text.
#[derive(Clone)]
pub struct Reader<'de> {
    input: &'de [u8],
    /// The input as text when it is valid UTF-8 (checked once, up front:
    /// much cheaper than once per string). `None` means each string and
    /// raw value is checked as it is read, as serde_json's `SliceRead`
    /// checks them, so that the error says where.
    text: Option<&'de str>,
    index: usize,
    remaining_depth: u8,
}

/// `input` as text when it is UTF-8 (`std`'s answer, found faster with the
/// `simd-utf8` feature).
#[inline]
pub(crate) fn utf8(input: &[u8]) -> Option<&str> {
    #[cfg(feature = "simd-utf8")]
    return simdutf8::basic::from_utf8(input).ok();
    #[cfg(not(feature = "simd-utf8"))]
    return std::str::from_utf8(input).ok();
}

impl<'de> Reader<'de> {
    /// A reader over text already known to be UTF-8.
    pub(crate) fn from_str(text: &'de str) -> Self {
        Reader {
            input: text.as_bytes(),
            text: Some(text),
            index: 0,
            remaining_depth: RECURSION_LIMIT,
        }
    }

    /// A reader over bytes.
    pub(crate) fn from_slice(input: &'de [u8]) -> Self {
        Reader {
            input,
            text: utf8(input),
            index: 0,
            remaining_depth: RECURSION_LIMIT,
        }
    }

    /// The ASCII token `input[start..index]` (a number) as text.
    #[inline]
    pub(crate) fn ascii(&self, start: usize) -> &'de str {
        match self.text {
            Some(text) => text.get(start..self.index),
            None => self
                .input
                .get(start..self.index)
                .and_then(|t| std::str::from_utf8(t).ok()),
        }
        .unwrap_or_default()
    }

    /// The whole input.
    pub(crate) fn input(&self) -> &'de [u8] {
        self.input
    }

    /// The input from the cursor on, when the input is known to be UTF-8.
    pub(crate) fn rest(&self) -> Option<&'de str> {
        self.text?.get(self.index..)
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.input.get(self.index).copied()
    }

    #[inline]
    fn eat(&mut self) {
        self.index += 1;
    }

    #[inline]
    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.index += 1;
        Some(b)
    }

    /// A failure at the byte just consumed (serde_json's `error`).
    #[cold]
    fn error(&self, code: Code) -> Box<Fail> {
        Fail::syntax(code, self.index)
    }

    /// A failure at the byte peeked (serde_json's `peek_error`).
    #[cold]
    fn peek_error(&self, code: Code) -> Box<Fail> {
        Fail::syntax(code, self.input.len().min(self.index + 1))
    }

    /// Gives a failure without a position the current one (serde_json's
    /// `fix_position`).
    #[cold]
    pub(crate) fn fix(&self, mut fail: Box<Fail>) -> Box<Fail> {
        if matches!(fail.pos, Pos::Unset) {
            fail.pos = Pos::Index(self.index);
        }
        fail
    }

    /// `parse_whitespace`: the next byte that is not whitespace, not consumed.
    #[inline]
    pub(crate) fn ws(&mut self) -> Option<u8> {
        loop {
            match self.peek() {
                Some(b' ' | b'\n' | b'\t' | b'\r') => self.eat(),
                other => return other,
            }
        }
    }

    /// `parse_ident`: the rest of `null`, `true` or `false`.
    fn ident(&mut self, rest: &[u8]) -> Res<()> {
        for &expected in rest {
            match self.next() {
                None => return Err(self.error(Code::EofWhileParsingValue)),
                Some(b) if b != expected => return Err(self.error(Code::ExpectedSomeIdent)),
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// `Deserializer::end`: nothing but whitespace may follow.
    pub(crate) fn end(&mut self) -> Res<()> {
        match self.ws() {
            Some(_) => Err(self.peek_error(Code::TrailingCharacters)),
            None => Ok(()),
        }
    }

    /// `check_recursion`'s way in.
    fn descend(&mut self) -> Res<()> {
        self.remaining_depth = self.remaining_depth.saturating_sub(1);
        if self.remaining_depth == 0 {
            return Err(self.peek_error(Code::RecursionLimitExceeded));
        }
        Ok(())
    }

    /// `peek_invalid_type`: consumes the scalar that stands where `exp` was
    /// expected and fails with what it is.
    #[cold]
    pub(crate) fn invalid_type(&mut self, exp: &dyn Display) -> Box<Fail> {
        let fail = match self.peek().unwrap_or(0) {
            b'n' => {
                self.eat();
                if let Err(e) = self.ident(b"ull") {
                    return e;
                }
                Fail::invalid_type(Unexp::Null, exp)
            }
            b't' => {
                self.eat();
                if let Err(e) = self.ident(b"rue") {
                    return e;
                }
                Fail::invalid_type(Unexp::Bool(true), exp)
            }
            b'f' => {
                self.eat();
                if let Err(e) = self.ident(b"alse") {
                    return e;
                }
                Fail::invalid_type(Unexp::Bool(false), exp)
            }
            b'-' => {
                self.eat();
                match self.number(false) {
                    Ok(n) => n.invalid_type(exp),
                    Err(e) => return e,
                }
            }
            b'0'..=b'9' => match self.number(true) {
                Ok(n) => n.invalid_type(exp),
                Err(e) => return e,
            },
            b'"' => {
                self.eat();
                match self.string() {
                    Ok(s) => Fail::invalid_type(Unexp::Str(&s), exp),
                    Err(e) => return e,
                }
            }
            b'[' => Fail::invalid_type(Unexp::Seq, exp),
            b'{' => Fail::invalid_type(Unexp::Map, exp),
            _ => return self.peek_error(Code::ExpectedSomeValue),
        };
        self.fix(fail)
    }

    /// `deserialize_str`: a string, borrowed from the input when it has no
    /// escapes.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) fn str(&mut self, exp: &dyn Display) -> Res<Cow<'de, str>> {
        self.open_string(exp)?;
        self.string()
    }

    /// `deserialize_str` as bytes (UTF-8).
    #[inline]
    pub(crate) fn bytes(&mut self, exp: &dyn Display) -> Res<Cow<'de, [u8]>> {
        self.open_string(exp)?;
        self.string_bytes()
    }

    /// The opening quote of a string value; anything else where a string
    /// (`exp`) belongs is an invalid type, as in serde_json.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn open_string(&mut self, exp: &dyn Display) -> Res<()> {
        match self.ws() {
            None => Err(self.peek_error(Code::EofWhileParsingValue)),
            Some(b'"') => {
                self.eat();
                Ok(())
            }
            Some(_) => Err(self.invalid_type(exp)),
        }
    }

    /// A string value checked by `check`: a `None` from it is an invalid
    /// value, reported after the string as serde_json's visitors do.
    #[inline]
    pub(crate) fn str_as<T>(
        &mut self,
        exp: &dyn Display,
        check: impl FnOnce(&[u8]) -> Option<T>,
    ) -> Res<T> {
        let s = self.bytes(exp)?;
        match check(&s) {
            Some(v) => Ok(v),
            None => Err(self.invalid_string(&s, exp)),
        }
    }

    /// The invalid-value failure for a string read as bytes.
    #[cold]
    pub(crate) fn invalid_string(&self, s: &[u8], exp: &dyn Display) -> Box<Fail> {
        let text = String::from_utf8_lossy(s);
        self.fix(Fail::invalid_value(Unexp::Str(&text), exp))
    }

    /// `deserialize_i64` with the crate's rule: integers only, never
    /// wrapped, truncated or read from strings.
    #[inline]
    pub(crate) fn i64(&mut self) -> Res<i64> {
        let n = match self.ws() {
            None => return Err(self.peek_error(Code::EofWhileParsingValue)),
            Some(b'-') => {
                self.eat();
                self.number(false)?
            }
            Some(b'0'..=b'9') => self.number(true)?,
            Some(_) => return Err(self.invalid_type(&"i64")),
        };
        match n {
            Num::I64(v) => Ok(v),
            Num::U64(v) => i64::try_from(v)
                .map_err(|_| self.fix(Fail::invalid_value(Unexp::Unsigned(v), &"i64"))),
            Num::F64(v) => Err(self.fix(Fail::float(v, &"i64"))),
        }
    }

    /// `deserialize_bool`.
    #[inline]
    pub(crate) fn bool(&mut self) -> Res<bool> {
        match self.ws() {
            None => Err(self.peek_error(Code::EofWhileParsingValue)),
            Some(b't') => {
                self.eat();
                self.ident(b"rue").map(|()| true)
            }
            Some(b'f') => {
                self.eat();
                self.ident(b"alse").map(|()| false)
            }
            Some(_) => Err(self.invalid_type(&"a boolean")),
        }
    }

    /// `deserialize_option`: whether the value is `null` (then consumed).
    #[inline]
    pub(crate) fn null(&mut self) -> Res<bool> {
        match self.ws() {
            Some(b'n') => {
                self.eat();
                self.ident(b"ull").map(|()| true)
            }
            _ => Ok(false),
        }
    }

    /// `deserialize_any` for a visitor that takes strings and numbers only
    /// (license numbers): anything else fails as serde_json would.
    pub(crate) fn scalar(&mut self, exp: &dyn Display) -> Res<Scalar<'de>> {
        let unexp = match self.ws() {
            None => return Err(self.peek_error(Code::EofWhileParsingValue)),
            Some(b'"') => {
                self.eat();
                return self.string().map(Scalar::Str);
            }
            Some(first @ (b'-' | b'0'..=b'9')) => {
                let start = self.index;
                if first == b'-' {
                    self.eat();
                }
                let n = self.number(first != b'-')?;
                return Ok(Scalar::Num(n, self.ascii(start)));
            }
            Some(b'n') => {
                self.eat();
                self.ident(b"ull")?;
                Unexp::Null
            }
            Some(b't') => {
                self.eat();
                self.ident(b"rue")?;
                Unexp::Bool(true)
            }
            Some(b'f') => {
                self.eat();
                self.ident(b"alse")?;
                Unexp::Bool(false)
            }
            Some(open @ (b'[' | b'{')) => {
                // The visitor refuses the container at once; serde_json
                // still closes it if it is empty, then fixes the position.
                self.descend()?;
                self.eat();
                let unexp = if open == b'[' { Unexp::Seq } else { Unexp::Map };
                return Err(self.close_failed(open, Fail::invalid_type(unexp, exp)));
            }
            Some(_) => return Err(self.peek_error(Code::ExpectedSomeValue)),
        };
        Err(self.fix(Fail::invalid_type(unexp, exp)))
    }

    /// `deserialize_map`: `body` reads the members with [`key`](Self::key).
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) fn map<T>(
        &mut self,
        exp: &dyn Display,
        body: impl FnOnce(&mut Self) -> Res<T>,
    ) -> Res<T> {
        self.container(b'{', exp, body)
    }

    /// `deserialize_seq`: `body` reads the elements with
    /// [`element`](Self::element).
    #[inline]
    pub(crate) fn seq<T>(
        &mut self,
        exp: &dyn Display,
        body: impl FnOnce(&mut Self) -> Res<T>,
    ) -> Res<T> {
        self.container(b'[', exp, body)
    }

    /// An object (`open` is `{`) or an array (`[`) read by `body`, or the
    /// failure of what stands there instead. Always inlined: the value
    /// built inside is then not copied on its way out.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn container<T>(
        &mut self,
        open: u8,
        exp: &dyn Display,
        body: impl FnOnce(&mut Self) -> Res<T>,
    ) -> Res<T> {
        self.open(open, exp)?;
        match body(self) {
            Ok(v) => match self.close(open) {
                Ok(()) => Ok(v),
                Err(e) => Err(e),
            },
            Err(e) => Err(self.close_failed(open, e)),
        }
    }

    /// The opening of a container, or the failure of what stands there
    /// instead. Not generic, as most of the work around a container.
    fn open(&mut self, open: u8, exp: &dyn Display) -> Res<()> {
        match self.ws() {
            None => return Err(self.peek_error(Code::EofWhileParsingValue)),
            Some(b) if b == open => {}
            Some(_) => return Err(self.invalid_type(exp)),
        }
        self.descend()?;
        self.eat();
        Ok(())
    }

    /// `check_recursion`'s way out, then the container's end, positioned
    /// after the end when it fails.
    fn close(&mut self, open: u8) -> Res<()> {
        self.remaining_depth += 1;
        let end = if open == b'{' {
            self.end_map()
        } else {
            self.end_seq()
        };
        end.map_err(|e| self.fix(e))
    }

    /// As [`close`](Self::close) after a failure inside, which wins:
    /// serde_json reads the end anyway, then positions the failure.
    #[cold]
    fn close_failed(&mut self, open: u8, inner: Box<Fail>) -> Box<Fail> {
        let _ = self.close(open);
        self.fix(inner)
    }

    /// `end_map`.
    fn end_map(&mut self) -> Res<()> {
        match self.ws() {
            Some(b'}') => {
                self.eat();
                Ok(())
            }
            Some(b',') => Err(self.peek_error(Code::TrailingComma)),
            Some(_) => Err(self.peek_error(Code::TrailingCharacters)),
            None => Err(self.peek_error(Code::EofWhileParsingObject)),
        }
    }

    /// `MapAccess::next_key_seed` with a string key: the next key, or
    /// `None` at the end of the object. `first` starts `true` per object.
    // Always inlined, as `before_key`: the generic event object reader
    // (`crate::object`) has many instances, and LLVM stops inlining a mere
    // `#[inline]` into them (about 6% more instructions per event).
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) fn key(&mut self, first: &mut bool) -> Res<Option<Cow<'de, [u8]>>> {
        if !self.before_key(first)? {
            return Ok(None);
        }
        self.string_bytes().map(Some)
    }

    /// [`key`](Self::key) among the known `names` of an object: the index
    /// of the name, or the key itself when it is none of them. `next` is the
    /// name expected next (objects mostly come with their keys in the order
    /// they are declared): a key that is that name is taken by one
    /// comparison, without scanning it as a string first.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) fn key_in(
        &mut self,
        first: &mut bool,
        names: &[&str],
        next: &mut usize,
    ) -> Res<Option<Key<'de>>> {
        if !self.before_key(first)? {
            return Ok(None);
        }
        // The expected name, then its closing quote.
        if let Some(name) = names.get(*next) {
            let end = self.index + name.len();
            if self.input.get(end) == Some(&b'"')
                && self
                    .input
                    .get(self.index..end)
                    .is_some_and(|key| same_bytes(key, name.as_bytes()))
            {
                self.index = end + 1;
                *next += 1;
                return Ok(Some(Key::Known(*next - 1)));
            }
        }
        let key = self.string_bytes()?;
        match names
            .iter()
            .position(|name| same_bytes(name.as_bytes(), &key))
        {
            Some(i) => {
                *next = i + 1;
                Ok(Some(Key::Known(i)))
            }
            None => Ok(Some(Key::Other(key))),
        }
    }

    /// `has_next_key`, then the key's opening quote: `false` at the end of
    /// the object.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn before_key(&mut self, first: &mut bool) -> Res<bool> {
        let Some(peek) = self.ws() else {
            return Err(self.peek_error(Code::EofWhileParsingObject));
        };
        if peek == b'}' {
            return Ok(false);
        }
        if *first {
            *first = false;
            if peek != b'"' {
                return Err(self.peek_error(Code::KeyMustBeAString));
            }
        } else if peek == b',' {
            self.eat();
            match self.ws() {
                Some(b'"') => {}
                Some(b'}') => return Err(self.peek_error(Code::TrailingComma)),
                Some(_) => return Err(self.peek_error(Code::KeyMustBeAString)),
                None => return Err(self.peek_error(Code::EofWhileParsingValue)),
            }
        } else {
            return Err(self.peek_error(Code::ExpectedObjectCommaOrEnd));
        }
        self.eat();
        Ok(true)
    }

    /// `parse_object_colon`: before each member's value.
    #[inline]
    pub(crate) fn colon(&mut self) -> Res<()> {
        match self.ws() {
            Some(b':') => {
                self.eat();
                Ok(())
            }
            Some(_) => Err(self.peek_error(Code::ExpectedColon)),
            None => Err(self.peek_error(Code::EofWhileParsingObject)),
        }
    }

    /// Reads the value of a known field into its slot: a repeated key is a
    /// `DuplicateField` failure (before its value is read), and a failure
    /// inside the value gets the field's name on its path.
    #[inline]
    pub(crate) fn field<T: FromJson<'de>>(
        &mut self,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Res<()> {
        if slot.is_some() {
            return Err(Fail::duplicate(name));
        }
        if let Err(f) = self.colon() {
            return Err(f.at(Segment::Field(name)));
        }
        match T::read(self) {
            Ok(v) => {
                *slot = Some(v);
                Ok(())
            }
            Err(f) => Err(f.at(Segment::Field(name))),
        }
    }

    /// `end_seq`.
    fn end_seq(&mut self) -> Res<()> {
        match self.ws() {
            Some(b']') => {
                self.eat();
                Ok(())
            }
            Some(b',') => {
                self.eat();
                match self.ws() {
                    Some(b']') => Err(self.peek_error(Code::TrailingComma)),
                    _ => Err(self.peek_error(Code::TrailingCharacters)),
                }
            }
            Some(_) => Err(self.peek_error(Code::TrailingCharacters)),
            None => Err(self.peek_error(Code::EofWhileParsingList)),
        }
    }

    /// `has_next_element`: whether another element follows. `first` starts
    /// `true` per array.
    #[inline]
    pub(crate) fn element(&mut self, first: &mut bool) -> Res<bool> {
        let Some(peek) = self.ws() else {
            return Err(self.peek_error(Code::EofWhileParsingList));
        };
        if peek == b']' {
            Ok(false)
        } else if *first {
            *first = false;
            Ok(true)
        } else if peek == b',' {
            self.eat();
            match self.ws() {
                Some(b']') => Err(self.peek_error(Code::TrailingComma)),
                Some(_) => Ok(true),
                None => Err(self.peek_error(Code::EofWhileParsingValue)),
            }
        } else {
            Err(self.peek_error(Code::ExpectedListCommaOrEnd))
        }
    }

    /// `deserialize_raw_value`: the text of the next value, as sent. Raw
    /// values have no depth limit: nothing is built from them.
    pub(crate) fn raw(&mut self) -> Res<&'de str> {
        self.ws();
        let start = self.index;
        self.skip()?;
        if let Some(text) = self.text.and_then(|t| t.get(start..self.index)) {
            return Ok(text);
        }
        let bytes = self.input.get(start..self.index).unwrap_or_default();
        std::str::from_utf8(bytes)
            .map_err(|e| Fail::syntax(Code::InvalidUnicodeCodePoint, start + e.valid_up_to() + 1))
    }

    /// The texts of the elements of an array (serde's `Vec<&RawValue>`),
    /// each a slice of the input.
    pub(crate) fn raw_elements(&mut self) -> Res<Vec<&'de str>> {
        self.seq(&"a sequence", |r| {
            let mut elements = Vec::new();
            let mut first = true;
            while r.element(&mut first)? {
                elements.push(r.raw()?);
            }
            Ok(elements)
        })
    }

    /// Whether a first value is read whole (as serde_json's
    /// `StreamDeserializer` reads it: a number or literal must be followed
    /// by whitespace, punctuation or the end) and more than whitespace
    /// follows it: `None` when the first value fails.
    pub(crate) fn more_than_one_value(&mut self) -> Option<bool> {
        let delineated = matches!(self.ws(), Some(b'[' | b'"' | b'{'));
        self.skip().ok()?;
        if !delineated
            && !matches!(
                self.peek(),
                None | Some(
                    b' ' | b'\n' | b'\t' | b'\r' | b'"' | b'[' | b']' | b'{' | b'}' | b',' | b':'
                )
            )
        {
            return None;
        }
        Some(self.ws().is_some())
    }

    /// `ignore_value`: steps over one value, checking its syntax only.
    /// Iterative: nesting costs one byte of stack per level, on the heap.
    fn skip(&mut self) -> Res<()> {
        let mut frames: Vec<u8> = Vec::new();
        let mut enclosing: Option<u8> = None;
        loop {
            let Some(peek) = self.ws() else {
                return Err(self.peek_error(Code::EofWhileParsingValue));
            };
            let frame = match peek {
                b'n' => {
                    self.eat();
                    self.ident(b"ull")?;
                    None
                }
                b't' => {
                    self.eat();
                    self.ident(b"rue")?;
                    None
                }
                b'f' => {
                    self.eat();
                    self.ident(b"alse")?;
                    None
                }
                b'-' => {
                    self.eat();
                    self.skip_number()?;
                    None
                }
                b'0'..=b'9' => {
                    self.skip_number()?;
                    None
                }
                b'"' => {
                    self.eat();
                    self.skip_str()?;
                    None
                }
                open @ (b'[' | b'{') => {
                    frames.extend(enclosing.take());
                    self.eat();
                    Some(open)
                }
                _ => return Err(self.peek_error(Code::ExpectedSomeValue)),
            };
            let (mut accept_comma, mut frame) = match frame {
                Some(frame) => (false, frame),
                None => match enclosing.take().or_else(|| frames.pop()) {
                    Some(frame) => (true, frame),
                    None => return Ok(()),
                },
            };
            loop {
                match self.ws() {
                    Some(b',') if accept_comma => {
                        self.eat();
                        break;
                    }
                    Some(b']') if frame == b'[' => {}
                    Some(b'}') if frame == b'{' => {}
                    Some(_) => {
                        if accept_comma {
                            return Err(self.peek_error(if frame == b'[' {
                                Code::ExpectedListCommaOrEnd
                            } else {
                                Code::ExpectedObjectCommaOrEnd
                            }));
                        }
                        break;
                    }
                    None => {
                        return Err(self.peek_error(if frame == b'[' {
                            Code::EofWhileParsingList
                        } else {
                            Code::EofWhileParsingObject
                        }));
                    }
                }
                self.eat();
                frame = match frames.pop() {
                    Some(frame) => frame,
                    None => return Ok(()),
                };
                accept_comma = true;
            }
            if frame == b'{' {
                match self.ws() {
                    Some(b'"') => self.eat(),
                    Some(_) => return Err(self.peek_error(Code::KeyMustBeAString)),
                    None => return Err(self.peek_error(Code::EofWhileParsingObject)),
                }
                self.skip_str()?;
                match self.ws() {
                    Some(b':') => self.eat(),
                    Some(_) => return Err(self.peek_error(Code::ExpectedColon)),
                    None => return Err(self.peek_error(Code::EofWhileParsingObject)),
                }
            }
            enclosing = Some(frame);
        }
    }
}

/// A key read by [`Reader::key_in`].
pub(crate) enum Key<'de> {
    /// The index of a known name.
    Known(usize),
    /// Any other key, as read.
    Other(Cow<'de, [u8]>),
}

/// A JSON value that is not a container, as [`Reader::scalar`] reads it.
pub(crate) enum Scalar<'de> {
    Str(Cow<'de, str>),
    /// A number and its text as sent.
    Num(Num, &'de str),
}
