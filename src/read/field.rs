//! [`FromJson`]: how each field type reads itself.
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{Reader, Res, Segment};

/// A type the reader can read where a JSON value stands.
pub(crate) trait FromJson<'de>: Sized {
    fn read(r: &mut Reader<'de>) -> Res<Self>;
}

impl<'de> FromJson<'de> for String {
    #[inline]
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        r.str(&"a string").map(|s| {
            let mut s = s.into_owned();
            // Unescaped text comes with up to 96 spare bytes (trimming them
            // costs more than they are worth); more than that, from a
            // long string that grew, is given back.
            if s.capacity() - s.len() > 96 {
                s.shrink_to_fit();
            }
            s
        })
    }
}

impl<'de> FromJson<'de> for Box<str> {
    #[inline]
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        r.str(&"a string").map(|s| s.into())
    }
}

impl<'de> FromJson<'de> for bool {
    #[inline]
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        r.bool()
    }
}

/// int64: integers only, never wrapped, truncated or read from strings.
impl<'de> FromJson<'de> for i64 {
    #[inline]
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        r.i64()
    }
}

/// RFC 3339 with any offset, normalised to UTC.
impl<'de> FromJson<'de> for DateTime<Utc> {
    #[inline]
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        r.str_as(&"an RFC 3339 date-time", crate::time::parse_bytes)
    }
}

impl<'de> FromJson<'de> for Value {
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        super::value(r)
    }
}

/// `Option<T>` means *nullable*: JSON `null` reads as `None`. Whether a
/// field may be absent is decided by the struct that holds it.
impl<'de, T: FromJson<'de>> FromJson<'de> for Option<T> {
    #[inline]
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        if r.null()? {
            Ok(None)
        } else {
            T::read(r).map(Some)
        }
    }
}

/// Boxes keep rarely sent nested objects out of the event's inline size.
impl<'de, T: FromJson<'de>> FromJson<'de> for Box<T> {
    #[inline]
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        T::read(r).map(Box::new)
    }
}

/// A JSON array; a failure gets the index of its element on the path.
impl<'de, T: FromJson<'de>> FromJson<'de> for Vec<T> {
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        r.seq(&"an array", |r| {
            let mut out = Vec::new();
            let mut first = true;
            loop {
                match r
                    .element(&mut first)
                    .and_then(|more| if more { T::read(r).map(Some) } else { Ok(None) })
                {
                    Ok(Some(v)) => out.push(v),
                    Ok(None) => return Ok(out),
                    Err(f) => return Err(f.at(Segment::Index(out.len()))),
                }
            }
        })
    }
}
