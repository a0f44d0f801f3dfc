//! The `authclaims` attribute, parsed on demand.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::Error;

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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthClaims {
    /// `iss`: the issuer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
    /// `sub`: the subject (user or service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    /// `subType`: the kind of subject, such as `user` or `service`.
    #[serde(default, rename = "subType", skip_serializing_if = "Option::is_none")]
    pub sub_type: Option<String>,
    /// Every other claim, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl AuthClaims {
    /// Parses the text of an `authclaims` attribute. Errors carry the path
    /// `authclaims` and the position inside that text.
    pub fn parse(text: &str) -> Result<AuthClaims, Error> {
        // Not a hot path: the derive (which buffers for `flatten`) is fine.
        serde_json::from_str(text).map_err(|e| Error::from_json(&e, "authclaims"))
    }
}
