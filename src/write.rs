//! A JSON writer for events: the fast path behind [`to_vec`](crate::to_vec).
//!
//! It writes exactly what `serde_json::to_vec` writes for the same value
//! (tests compare the two byte for byte), faster: object keys are known
//! ASCII and written as prepared literals, strings are checked for bytes
//! that need escaping eight at a time and copied whole when none do, and
//! date-times and integers are formatted on the stack.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::error::{Error, ErrorKind};

/// A value the crate can write as JSON without serde: every event
/// ([`QlikEvent`](crate::QlikEvent), [`Event<T>`](crate::Event),
/// [`UnknownEvent`](crate::UnknownEvent)) and payload. Sealed; use it as a
/// bound for code that writes any of them.
///
/// ```
/// use qlik_events::WriteJson;
///
/// fn body<T: WriteJson>(value: &T) -> Result<Vec<u8>, qlik_events::Error> {
///     qlik_events::to_vec(value)
/// }
///
/// let data = include_bytes!("../tests/fixtures/com.qlik.v1.license.lease.deleted.json");
/// let event = qlik_events::licenses::LeaseDeletedEvent::from_slice(data)?;
/// assert_eq!(body(&event)?, body(&qlik_events::QlikEvent::from(event.clone()))?);
/// assert_eq!(body(&event.data)?, serde_json::to_vec(&event.data).unwrap());
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub trait WriteJson: sealed::Sealed {
    #[doc(hidden)]
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), Error>;
}

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// Implements `WriteJson` (and the seal) for a type of the crate.
macro_rules! write_json {
    ($ty:ty, |$this:ident, $out:ident| $body:expr) => {
        impl $crate::write::sealed::Sealed for $ty {}
        impl $crate::write::WriteJson for $ty {
            fn write_json(&self, $out: &mut Vec<u8>) -> Result<(), $crate::Error> {
                let $this = self;
                $body
            }
        }
    };
}
pub(crate) use write_json;

fn serialize_error(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Serialize, "", e.to_string())
}

/// Writes a JSON object member by member.
pub struct Object<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Object<'a> {
    pub(crate) fn begin(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        Object { out, first: true }
    }

    #[inline]
    fn separate(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    /// A member whose key is known: `key` is its JSON form with a leading
    /// comma and the colon, such as `,"name":` (made by `concat!`); the
    /// comma is dropped for the first member.
    #[inline]
    pub(crate) fn field<T: WriteJson + ?Sized>(
        &mut self,
        key: &str,
        value: &T,
    ) -> Result<(), Error> {
        self.known_key(key);
        value.write_json(self.out)
    }

    /// A known key written with its separator (`,"id":`), which the first
    /// member drops.
    #[inline]
    fn known_key(&mut self, key: &str) {
        let key = key.as_bytes();
        let key = if self.first {
            key.get(1..).unwrap_or(key)
        } else {
            key
        };
        self.first = false;
        self.out.extend_from_slice(key);
    }

    /// A string member under a known key (as [`field`](Self::field));
    /// `plain` text is known to need no escaping and is copied as is.
    pub(crate) fn text(&mut self, key: &str, value: &str, plain: bool) {
        self.known_key(key);
        if plain {
            self.out.push(b'"');
            self.out.extend_from_slice(value.as_bytes());
            self.out.push(b'"');
        } else {
            write_str(self.out, value);
        }
    }

    /// A member with any key.
    pub(crate) fn entry<T: WriteJson + ?Sized>(
        &mut self,
        key: &str,
        value: &T,
    ) -> Result<(), Error> {
        self.separate();
        write_str(self.out, key);
        self.out.push(b':');
        value.write_json(self.out)
    }

    pub(crate) fn end(self) {
        self.out.push(b'}');
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes a JSON string as serde_json does: `"` `\` and control characters
/// escaped (`\b \f \n \r \t` short, others as `\u00XX`), nothing else.
/// Runs that need no escaping are copied whole.
#[inline]
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.push(b'"');
    let mut start = 0;
    loop {
        let stop = crate::read::plain_end(bytes, start);
        out.extend_from_slice(bytes.get(start..stop).unwrap_or_default());
        let Some(&b) = bytes.get(stop) else {
            break;
        };
        write_escape(out, b);
        start = stop + 1;
    }
    out.push(b'"');
}

/// The escape of a byte that needs one.
#[inline]
fn write_escape(out: &mut Vec<u8>, b: u8) {
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0c => out.extend_from_slice(b"\\f"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        _ => {
            out.extend_from_slice(b"\\u00");
            for nibble in [b >> 4, b & 0xf] {
                out.push(HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'));
            }
        }
    }
}

impl sealed::Sealed for str {}
impl WriteJson for str {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        write_str(out, self);
        Ok(())
    }
}

write_json!(String, |s, out| {
    write_str(out, s);
    Ok(())
});

write_json!(bool, |b, out| {
    out.extend_from_slice(if *b { b"true" } else { b"false" });
    Ok(())
});

write_json!(i64, |n, out| {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut v = n.unsigned_abs();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (v % 10) as u8;
        }
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if *n < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(buf.get(i..).unwrap_or_default());
    Ok(())
});

write_json!(Value, |v, out| serde_json::to_writer(&mut *out, v)
    .map_err(serialize_error));

write_json!(serde_json::value::RawValue, |raw, out| {
    out.extend_from_slice(raw.get().as_bytes());
    Ok(())
});

write_json!(DateTime<Utc>, |dt, out| {
    out.push(b'"');
    out.extend_from_slice(crate::time::format(dt).as_bytes());
    out.push(b'"');
    Ok(())
});

impl<T: WriteJson> sealed::Sealed for Option<T> {}
/// `None` is `null` (nullable fields); absent fields are not written at all.
impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        match self {
            Some(v) => v.write_json(out),
            None => {
                out.extend_from_slice(b"null");
                Ok(())
            }
        }
    }
}

impl<T: WriteJson> sealed::Sealed for Vec<T> {}
impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        out.push(b'[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            v.write_json(out)?;
        }
        out.push(b']');
        Ok(())
    }
}

impl<T: WriteJson + ?Sized> sealed::Sealed for Box<T> {}
impl<T: WriteJson + ?Sized> WriteJson for Box<T> {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        (**self).write_json(out)
    }
}

/// Writes an event (or any value of the crate) as JSON, byte for byte what
/// `serde_json::to_vec` writes, about twice as fast.
///
/// ```
/// let event = qlik_events::from_slice(include_bytes!(
///     "../tests/fixtures/com.qlik.v1.app-usage.quota.consumed.json"
/// ))?;
/// let bytes = qlik_events::to_vec(&event)?;
/// assert_eq!(bytes, serde_json::to_vec(&event).unwrap());
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub fn to_vec<T: WriteJson + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(1024);
    value.write_json(&mut out)?;
    Ok(out)
}

/// Writes an event as a JSON string; see [`to_vec`].
///
/// ```
/// let event = qlik_events::from_str(r#"{"type": "com.example.v1.unknown.type", "id": "e1"}"#)?;
/// assert_eq!(qlik_events::to_string(&event)?, r#"{"id":"e1","type":"com.example.v1.unknown.type"}"#);
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub fn to_string<T: WriteJson + ?Sized>(value: &T) -> Result<String, Error> {
    let bytes = to_vec(value)?;
    // Everything written is UTF-8: strings come from `&str`, the rest ASCII.
    String::from_utf8(bytes).map_err(serialize_error)
}

/// Writes an event as JSON to an `io::Write`; see [`to_vec`].
///
/// ```
/// use std::io::Write;
///
/// // NDJSON: one event per line.
/// let mut out = Vec::new();
/// for body in [r#"{"type":"com.example.v1.unknown.type","id":"a"}"#, r#"{"type":"com.example.v1.unknown.type","id":"b"}"#] {
///     qlik_events::to_writer(&mut out, &qlik_events::from_str(body)?)?;
///     out.write_all(b"\n").unwrap();
/// }
/// assert_eq!(qlik_events::stream::events(&out).count(), 2);
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub fn to_writer<W: std::io::Write, T: WriteJson + ?Sized>(
    mut writer: W,
    value: &T,
) -> Result<(), Error> {
    let bytes = to_vec(value)?;
    writer
        .write_all(&bytes)
        .map_err(|e| Error::new(ErrorKind::Io, "", e.to_string()))
}
