//! License numbers.

use std::fmt;
use std::ops::Deref;

use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};

use crate::read::{FromJson, Num, Reader, Res, Scalar};

/// A license number.
///
/// The spec types `license` as a string, but every published license example
/// sends a JSON integer (`1234123412341234`). Both are accepted and held as
/// the decimal string; it is always written back as a string.
///
/// ```
/// use qlik_events::licenses::License;
///
/// let from_number: License = serde_json::from_str("1234123412341234").unwrap();
/// let from_string: License = serde_json::from_str(r#""1234123412341234""#).unwrap();
/// assert_eq!(from_number, from_string);
/// assert_eq!(from_number.as_str(), "1234123412341234");
/// assert_eq!(serde_json::to_string(&from_number).unwrap(), r#""1234123412341234""#);
/// assert!(serde_json::from_str::<License>("12.5").is_err());
/// ```
///
/// License numbers are short: up to 22 bytes are held inline, without an
/// allocation of their own.
#[derive(Clone)]
pub struct License(Repr);

#[derive(Clone)]
enum Repr {
    /// `bytes[..len]` is the text (checked UTF-8 when stored).
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    Heap(Box<str>),
}

/// Bytes held inline: with the length byte, the size of a `String`.
const INLINE: usize = 22;

impl License {
    /// A license number from its text.
    pub fn new(number: impl Into<String>) -> Self {
        let number = number.into();
        match Self::inline(&number) {
            Some(license) => license,
            None => License(Repr::Heap(number.into_boxed_str())),
        }
    }

    fn inline(text: &str) -> Option<Self> {
        let mut bytes = [0; INLINE];
        bytes
            .get_mut(..text.len())?
            .copy_from_slice(text.as_bytes());
        let len = u8::try_from(text.len()).ok()?;
        Some(License(Repr::Inline { len, bytes }))
    }

    fn from_text(text: &str) -> Self {
        Self::inline(text).unwrap_or_else(|| License(Repr::Heap(text.into())))
    }

    /// The license number as text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Repr::Heap(text) => text,
        }
    }

    /// The license number as text, owned.
    pub fn into_string(self) -> String {
        match self.0 {
            Repr::Heap(text) => text.into_string(),
            Repr::Inline { .. } => self.as_str().to_owned(),
        }
    }
}

impl Default for License {
    fn default() -> Self {
        License::from_text("")
    }
}

impl fmt::Debug for License {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("License").field(&self.as_str()).finish()
    }
}

impl PartialEq for License {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for License {}

impl std::hash::Hash for License {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for License {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for License {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Deref for License {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for License {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for License {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<String> for License {
    fn from(s: String) -> Self {
        License::new(s)
    }
}

impl From<&str> for License {
    fn from(s: &str) -> Self {
        License::from_text(s)
    }
}

impl From<u64> for License {
    fn from(n: u64) -> Self {
        License::from_text(&n.to_string())
    }
}

impl PartialEq<str> for License {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for License {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// [`LicenseNumber`](crate::schema::Shape::LicenseNumber): a string, or a
/// JSON integer.
impl crate::schema::Described for License {
    const SHAPE: crate::schema::Shape = crate::schema::Shape::LicenseNumber;
}

impl Serialize for License {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What a license number is read from, for messages.
const EXPECTING: &str = "a license number (string or integer)";

impl<'de> FromJson<'de> for License {
    #[inline]
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        match r.scalar(&EXPECTING)? {
            Scalar::Str(s) => Ok(License::from_text(&s)),
            // An integer's text is its decimal form (JSON has no leading
            // zeros or `+`; `-0` reads as a float).
            Scalar::Num(Num::U64(_) | Num::I64(_), text) => Ok(License::from_text(text)),
            // Integers past the u64 range arrive as floats and cannot be
            // held exactly: an error, never a rounded license number.
            Scalar::Num(Num::F64(v), _) => Err(r.fix(crate::read::Fail::float(v, &EXPECTING))),
        }
    }
}

crate::model::wire_as_is!(License);

crate::write::write_json!(License, |this, out| this.as_str().write_json(out));

/// Reads a string or an integer, as the reader does.
impl<'de> serde::Deserialize<'de> for License {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = License;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(EXPECTING)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<License, E> {
                Ok(License::from_text(v))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<License, E> {
                Ok(License::new(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<License, E> {
                Ok(License::from(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<License, E> {
                Ok(License::from_text(&v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::License;

    #[test]
    fn short_and_long_numbers_hold_their_text() {
        for text in [
            "",
            "7",
            "1234123412341234",
            "1234567890123456789012",
            "12345678901234567890123",
            "é-license-with-a-long-name",
        ] {
            let license = License::new(text);
            assert_eq!(license.as_str(), text);
            assert_eq!(License::from(text), license);
            assert_eq!(license.clone().into_string(), text);
            assert_eq!(format!("{license:?}"), format!("License({text:?})"));
        }
        assert!(License::new("2") > License::new("10"));
        assert_eq!(License::from(u64::MAX).as_str(), "18446744073709551615");
    }
}
