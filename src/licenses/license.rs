//! License numbers.

use std::fmt;
use std::ops::Deref;

use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};

use crate::de::{Parse, Track};

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

impl<'de> Parse<'de> for License {
    fn parse<D: Deserializer<'de>>(d: D, t: &Track) -> Result<Self, D::Error> {
        struct V<'t>(&'t Track);
        impl Visitor<'_> for V<'_> {
            type Value = License;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a license number (string or integer)")
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
            // Integers past the u64 range arrive as floats and cannot be
            // held exactly: an error, never a rounded license number.
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<License, E> {
                Err(crate::de::float_error(self.0, v, &self))
            }
        }
        d.deserialize_any(V(t))
    }
}

crate::de::wire_as_is!(License);

crate::write::write_json!(License, |this, out| this.0.write_json(out));

impl<'de> serde::Deserialize<'de> for License {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::parse(d, &Track::new())
    }
}
