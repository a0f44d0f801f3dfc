//! The `authclaims` attribute, parsed on demand.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind};
use crate::read::{Fail, FromJson, Reader, Res, Segment, value};

/// The claims of the principal that triggered an event.
///
/// Qlik sends them as a JSON document inside the `authclaims` string, for
/// example `{"iss": "qlik.api.internal/qix-sessions", "sub": "qix-sessions",
/// "subType": "service"}`. The envelope keeps that string as sent;
/// [`Envelope::claims`](crate::Envelope::claims) parses it when asked.
///
/// ```
/// use qlik_events::AuthClaims;
/// let claims = AuthClaims::parse(r#"{"iss":"i","sub":"u1","subType":"user","tenantId":"t"}"#).unwrap();
/// assert_eq!(claims.sub.as_deref(), Some("u1"));
/// assert_eq!(claims.other["tenantId"], "t");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct AuthClaims {
    /// `iss`: the issuer.
    pub iss: Option<String>,
    /// `sub`: the subject (user or service).
    pub sub: Option<String>,
    /// `subType`: the kind of subject, such as `user` or `service`.
    pub sub_type: Option<String>,
    /// Every other claim.
    pub other: Map<String, Value>,
}

impl AuthClaims {
    /// Parses the text of an `authclaims` attribute. Errors carry the path
    /// `authclaims` (`authclaims.sub` for a claim) and the position inside
    /// that text.
    pub fn parse(text: &str) -> Result<AuthClaims, Error> {
        let mut r = Reader::from_str(text);
        AuthClaims::read(&mut r)
            .and_then(|claims| r.end().map(|()| claims))
            .map_err(|f| {
                f.at(Segment::Field("authclaims"))
                    .into_error(text.as_bytes(), None)
            })
    }
}

/// `iss`, `sub` and `subType` may be `null` (read as absent); a claim given
/// twice is an error, as everywhere in the crate.
impl<'de> FromJson<'de> for AuthClaims {
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        r.map(&"a JSON object of claims", |r| {
            let mut iss: Option<Option<String>> = None;
            let mut sub: Option<Option<String>> = None;
            let mut sub_type: Option<Option<String>> = None;
            let mut other = Map::new();
            let mut first = true;
            while let Some(key) = r.key(&mut first)? {
                match &*key {
                    b"iss" => r.field(&mut iss, "iss")?,
                    b"sub" => r.field(&mut sub, "sub")?,
                    b"subType" => r.field(&mut sub_type, "subType")?,
                    _ => {
                        let key = r.text(key)?;
                        let at = || Segment::Key(key.as_ref().into());
                        if other.contains_key(key.as_ref()) {
                            let message = format!("duplicate field `{key}`");
                            return Err(Fail::data(ErrorKind::DuplicateField, message).at(at()));
                        }
                        let v = r.colon().and_then(|()| value(r)).map_err(|f| f.at(at()))?;
                        other.insert(key.into_owned(), v);
                    }
                }
            }
            Ok(AuthClaims {
                iss: iss.flatten(),
                sub: sub.flatten(),
                sub_type: sub_type.flatten(),
                other,
            })
        })
    }
}

/// One object: `iss`, `sub` and `subType` when set, then the other claims.
impl Serialize for AuthClaims {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (key, value) in [
            ("iss", &self.iss),
            ("sub", &self.sub),
            ("subType", &self.sub_type),
        ] {
            if let Some(value) = value {
                m.serialize_entry(key, value)?;
            }
        }
        for (key, value) in &self.other {
            m.serialize_entry(key, value)?;
        }
        m.end()
    }
}

/// Reads one JSON object with the rules of [`AuthClaims::parse`].
impl<'de> Deserialize<'de> for AuthClaims {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::model::deserialize_with(d, |text| {
            crate::model::read_whole(&mut Reader::from_str(text))
        })
    }
}
