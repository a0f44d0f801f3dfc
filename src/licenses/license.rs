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
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct License(String);

impl License {
    /// A license number from its text.
    pub fn new(number: impl Into<String>) -> Self {
        License(number.into())
    }

    /// The license number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The license number as text, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl Deref for License {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for License {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for License {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for License {
    fn from(s: String) -> Self {
        License(s)
    }
}

impl From<&str> for License {
    fn from(s: &str) -> Self {
        License(s.to_owned())
    }
}

impl From<u64> for License {
    fn from(n: u64) -> Self {
        License(n.to_string())
    }
}

impl PartialEq<str> for License {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for License {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl Serialize for License {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// What a license number is read from, for messages.
const EXPECTING: &str = "a license number (string or integer)";

impl<'de> FromJson<'de> for License {
    #[inline]
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        match r.scalar(&EXPECTING)? {
            Scalar::Str(s) => Ok(License(s.into_owned())),
            // An integer's text is its decimal form (JSON has no leading
            // zeros or `+`; `-0` reads as a float).
            Scalar::Num(Num::U64(_) | Num::I64(_), text) => Ok(License(text.to_owned())),
            // Integers past the u64 range arrive as floats and cannot be
            // held exactly: an error, never a rounded license number.
            Scalar::Num(Num::F64(v), _) => Err(r.fix(crate::read::Fail::float(v, &EXPECTING))),
        }
    }
}

crate::model::wire_as_is!(License);

crate::write::write_json!(License, |this, out| this.0.write_json(out));

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
                Ok(License(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<License, E> {
                Ok(License(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<License, E> {
                Ok(License(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<License, E> {
                Ok(License(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}
