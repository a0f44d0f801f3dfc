//! Verification of Qlik Cloud webhook signatures (feature `webhook`).
//!
//! Qlik Cloud signs every webhook delivery that has a secret configured:
//!
//! * the request carries a [`Qlik-Signature`](SIGNATURE_HEADER) header;
//! * its value is the **lowercase hex** encoding of the **HMAC-SHA256** of the
//!   **raw request body** (the exact bytes received, before any parsing,
//!   re-encoding or whitespace normalisation);
//! * the HMAC key is the **UTF-8 bytes of the webhook secret** as entered in
//!   Qlik Cloud.
//!
//! A receiver must therefore verify the signature over the raw bytes *before*
//! parsing them, and must compare in constant time. [`Verifier`] does both: it
//! uses the `RustCrypto` [`hmac`] and [`sha2`] crates and compares with
//! [`Mac::verify_slice`], which is constant time. Parsing helpers
//! ([`Verifier::verify_and_parse`]) only hand the body to
//! [`crate::from_slice`] once the signature has been accepted.
//!
//! When the signature header value is read, upper-case hex and surrounding
//! whitespace are tolerated; anything else that is not exactly 64 hex digits is
//! rejected with a specific [`SignatureError`].
//!
//! # Secret rotation
//!
//! To rotate a secret without dropping deliveries, build the verifier with
//! both the old and the new secret using [`Verifier::with_secrets`]; a request
//! is accepted if its signature matches *any* configured secret. Remove the
//! old secret once Qlik Cloud has switched over.
//!
//! # Example
//!
//! ```
//! use qlik_events::webhook::{sign, SignatureError, Verifier};
//!
//! let body = br#"{"hello":"world"}"#;
//! let signature = sign(body, "my-webhook-secret"); // what Qlik Cloud would send
//!
//! let verifier = Verifier::new("my-webhook-secret");
//! assert_eq!(verifier.verify(body, &signature), Ok(()));
//! assert_eq!(
//!     verifier.verify(b"tampered", &signature),
//!     Err(SignatureError::Mismatch)
//! );
//! ```
//!
//! Secrets are never exposed: neither [`Verifier`]'s `Debug` output nor any
//! [`SignatureError`] contains them.

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::{Error, QlikEvent};

/// Name of the HTTP header carrying the signature, in lower case
/// (HTTP header names are case-insensitive; Qlik Cloud sends `Qlik-Signature`).
///
/// ```
/// use qlik_events::webhook::SIGNATURE_HEADER;
///
/// assert!(SIGNATURE_HEADER.eq_ignore_ascii_case("Qlik-Signature"));
/// ```
pub const SIGNATURE_HEADER: &str = "qlik-signature";

/// Length in bytes of an HMAC-SHA256 tag.
const TAG_LEN: usize = 32;

/// Length in hex digits of an encoded HMAC-SHA256 tag.
const HEX_LEN: usize = TAG_LEN * 2;

type HmacSha256 = Hmac<Sha256>;

/// Why a webhook signature was rejected.
///
/// None of the variants ever contains a secret.
///
/// ```
/// use qlik_events::webhook::{SignatureError, Verifier};
///
/// let verifier = Verifier::new("secret");
/// assert_eq!(verifier.verify(b"{}", "  "), Err(SignatureError::Missing));
/// assert_eq!(
///     verifier.verify(b"{}", "abc"),
///     Err(SignatureError::WrongLength { found: 3 })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The signature (header) is absent, empty or only whitespace.
    #[error("webhook signature is missing or empty")]
    Missing,
    /// The signature contains a character that is not a hex digit.
    #[error("webhook signature is not hex: unexpected character {found:?} at byte offset {offset}")]
    NotHex {
        /// Byte offset of the offending character within the trimmed signature.
        offset: usize,
        /// The offending character (`U+FFFD` for bytes that were not valid UTF-8).
        found: char,
    },
    /// The signature is hex but not exactly 64 hex digits (32 bytes) long.
    #[error("webhook signature has wrong length: expected 64 hex characters, found {found}")]
    WrongLength {
        /// Number of hex characters found (after trimming whitespace).
        found: usize,
    },
    /// The signature is well formed but does not match the body under any
    /// configured secret.
    #[error("webhook signature does not match the request body")]
    Mismatch,
    /// The [`Verifier`] was built from an empty list of secrets, so no
    /// signature can ever be accepted.
    #[error("webhook verifier has no secret configured; every signature is rejected")]
    NoSecret,
}

/// Verifies `Qlik-Signature` values against one or more webhook secrets.
///
/// The verifier stores the pre-keyed HMAC-SHA256 state for each secret, not
/// the secrets themselves; it is cheap to clone and can be shared between
/// threads. Its `Debug` output only shows how many secrets it holds.
///
/// ```
/// use qlik_events::webhook::{sign, Verifier};
///
/// let verifier = Verifier::new("s3cret");
/// let body = b"{}";
/// verifier.verify(body, &sign(body, "s3cret"))?;
/// assert_eq!(format!("{verifier:?}"), "Verifier { secrets: 1 }");
/// # Ok::<(), qlik_events::webhook::SignatureError>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    keys: Vec<HmacSha256>,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("secrets", &self.keys.len())
            .finish()
    }
}

/// Builds the keyed HMAC state for one secret.
///
/// HMAC accepts keys of any length (including empty), so construction cannot
/// actually fail; the `Option` only avoids a panic path.
fn keyed(secret: &[u8]) -> Option<HmacSha256> {
    <HmacSha256 as Mac>::new_from_slice(secret).ok()
}

impl Verifier {
    /// Creates a verifier for a single webhook secret.
    ///
    /// The key is the secret's raw bytes; pass the secret string as configured
    /// in Qlik Cloud (its UTF-8 bytes are used). Any length is accepted, including
    /// an empty secret — which offers no protection, so don't configure one.
    ///
    /// ```
    /// use qlik_events::webhook::{sign, Verifier};
    ///
    /// let verifier = Verifier::new("my-webhook-secret");
    /// let body = br#"{"id":"1"}"#;
    /// assert!(verifier.verify(body, &sign(body, "my-webhook-secret")).is_ok());
    /// assert!(verifier.verify(body, &sign(body, "another-secret")).is_err());
    /// ```
    #[must_use]
    pub fn new(secret: impl AsRef<[u8]>) -> Self {
        Self::with_secrets([secret])
    }

    /// Creates a verifier accepting a signature made with *any* of `secrets`,
    /// for zero-downtime secret rotation.
    ///
    /// An empty list yields a verifier that rejects every request with
    /// [`SignatureError::NoSecret`] (a configuration error, reported before the
    /// signature itself is inspected).
    ///
    /// ```
    /// use qlik_events::webhook::{sign, SignatureError, Verifier};
    ///
    /// let verifier = Verifier::with_secrets(["old-secret", "new-secret"]);
    /// let body = b"{}";
    /// assert!(verifier.verify(body, &sign(body, "old-secret")).is_ok());
    /// assert!(verifier.verify(body, &sign(body, "new-secret")).is_ok());
    /// assert_eq!(
    ///     verifier.verify(body, &sign(body, "unrelated")),
    ///     Err(SignatureError::Mismatch)
    /// );
    ///
    /// let none = Verifier::with_secrets(Vec::<String>::new());
    /// assert_eq!(
    ///     none.verify(body, &sign(body, "old-secret")),
    ///     Err(SignatureError::NoSecret)
    /// );
    /// ```
    #[must_use]
    pub fn with_secrets(secrets: impl IntoIterator<Item = impl AsRef<[u8]>>) -> Self {
        Self {
            keys: secrets
                .into_iter()
                .filter_map(|secret| keyed(secret.as_ref()))
                .collect(),
        }
    }

    /// Verifies `signature` (the `Qlik-Signature` header value) over the raw
    /// request `body`, in constant time.
    ///
    /// Lower- or upper-case hex is accepted, as is surrounding whitespace.
    ///
    /// # Errors
    ///
    /// * [`SignatureError::NoSecret`] if the verifier has no secrets;
    /// * [`SignatureError::Missing`] if `signature` is empty or whitespace;
    /// * [`SignatureError::NotHex`] if it contains a non-hex character;
    /// * [`SignatureError::WrongLength`] if it is not 64 hex digits;
    /// * [`SignatureError::Mismatch`] if it matches none of the secrets.
    ///
    /// ```
    /// use qlik_events::webhook::{sign, SignatureError, Verifier};
    ///
    /// let verifier = Verifier::new("secret");
    /// let body = br#"{"type":"com.qlik.v1.license.lease.created"}"#;
    /// let signature = sign(body, "secret");
    ///
    /// assert_eq!(verifier.verify(body, &signature), Ok(()));
    /// assert_eq!(verifier.verify(body, &signature.to_uppercase()), Ok(()));
    /// assert_eq!(verifier.verify(body, &format!(" {signature}\n")), Ok(()));
    /// assert_eq!(verifier.verify(&body[1..], &signature), Err(SignatureError::Mismatch));
    /// ```
    pub fn verify(&self, body: &[u8], signature: &str) -> Result<(), SignatureError> {
        if self.keys.is_empty() {
            return Err(SignatureError::NoSecret);
        }
        let tag = decode_signature(signature)?;
        // Check every key (no early exit) so timing does not reveal which
        // secret matched; each comparison itself is constant time.
        let matched = self.keys.iter().fold(false, |matched, key| {
            let mut mac = key.clone();
            mac.update(body);
            mac.verify_slice(&tag).is_ok() | matched
        });
        if matched {
            Ok(())
        } else {
            Err(SignatureError::Mismatch)
        }
    }

    /// Verifies the signature over the raw `body`, then parses it with
    /// [`crate::from_slice`]. The body is never parsed if the signature is
    /// rejected.
    ///
    /// # Errors
    ///
    /// A signature failure (converted from [`SignatureError`]), or any error
    /// returned by [`crate::from_slice`].
    ///
    /// ```
    /// use qlik_events::webhook::{sign, Verifier};
    ///
    /// let body = include_bytes!("../tests/fixtures/com.qlik.v1.app-usage.quota.consumed.json");
    /// let verifier = Verifier::new("secret");
    ///
    /// let event = verifier.verify_and_parse(body, &sign(body, "secret"))?;
    /// # let _ = event;
    /// assert!(verifier.verify_and_parse(body, &sign(body, "wrong")).is_err());
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    pub fn verify_and_parse(&self, body: &[u8], signature: &str) -> Result<QlikEvent, Error> {
        self.verify(body, signature)?;
        crate::from_slice(body)
    }

    /// Verifies the [`SIGNATURE_HEADER`] of an HTTP request over its raw
    /// `body` (feature `http`).
    ///
    /// If the header occurs several times, only the first value is used.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`]; a missing header is
    /// [`SignatureError::Missing`], and a value that is not valid UTF-8 is
    /// [`SignatureError::NotHex`].
    ///
    /// ```
    /// use http::{HeaderMap, HeaderValue};
    /// use qlik_events::webhook::{sign, SignatureError, Verifier, SIGNATURE_HEADER};
    ///
    /// let verifier = Verifier::new("secret");
    /// let body = b"{}";
    ///
    /// let mut headers = HeaderMap::new();
    /// assert_eq!(verifier.verify_headers(&headers, body), Err(SignatureError::Missing));
    ///
    /// headers.insert(SIGNATURE_HEADER, HeaderValue::try_from(sign(body, "secret"))?);
    /// assert_eq!(verifier.verify_headers(&headers, body), Ok(()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "http")]
    pub fn verify_headers(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<(), SignatureError> {
        let value = headers
            .get(SIGNATURE_HEADER)
            .map_or(std::borrow::Cow::Borrowed(""), |value| {
                String::from_utf8_lossy(value.as_bytes())
            });
        self.verify(body, &value)
    }

    /// Verifies the [`SIGNATURE_HEADER`] of an HTTP request over its raw
    /// `body`, then parses the body with [`crate::from_slice`] (feature `http`).
    ///
    /// # Errors
    ///
    /// A signature failure (see [`Verifier::verify_headers`]) or any error
    /// returned by [`crate::from_slice`].
    ///
    /// ```
    /// use http::{HeaderMap, HeaderValue};
    /// use qlik_events::webhook::{sign, Verifier, SIGNATURE_HEADER};
    ///
    /// let body = include_bytes!("../tests/fixtures/com.qlik.v1.app-usage.quota.consumed.json");
    /// let verifier = Verifier::new("secret");
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert(SIGNATURE_HEADER, HeaderValue::try_from(sign(body, "secret"))?);
    /// let event = verifier.verify_headers_and_parse(&headers, body)?;
    /// # let _ = event;
    ///
    /// assert!(verifier.verify_headers_and_parse(&HeaderMap::new(), body).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "http")]
    pub fn verify_headers_and_parse(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<QlikEvent, Error> {
        self.verify_headers(headers, body)?;
        crate::from_slice(body)
    }
}

/// Computes the `Qlik-Signature` value for `body` under `secret`: the
/// lowercase hex HMAC-SHA256 of the raw bytes. Useful for tests and for
/// simulating Qlik Cloud deliveries.
///
/// ```
/// use qlik_events::webhook::sign;
///
/// // RFC 4231, test case 2.
/// assert_eq!(
///     sign(b"what do ya want for nothing?", "Jefe"),
///     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
/// );
/// ```
#[must_use]
pub fn sign(body: &[u8], secret: impl AsRef<[u8]>) -> String {
    keyed(secret.as_ref())
        .map(|mut mac| {
            mac.update(body);
            hex::encode(mac.finalize().into_bytes())
        })
        .unwrap_or_default()
}

/// Parses a signature header value into the raw 32-byte tag.
fn decode_signature(signature: &str) -> Result<[u8; TAG_LEN], SignatureError> {
    let signature = signature.trim();
    if signature.is_empty() {
        return Err(SignatureError::Missing);
    }
    if let Some((offset, found)) = signature
        .char_indices()
        .find(|(_, c)| !c.is_ascii_hexdigit())
    {
        return Err(SignatureError::NotHex { offset, found });
    }
    // Only ASCII hex digits remain, so bytes == characters.
    if signature.len() != HEX_LEN {
        return Err(SignatureError::WrongLength {
            found: signature.len(),
        });
    }
    let mut tag = [0_u8; TAG_LEN];
    hex::decode_to_slice(signature, &mut tag).map_err(|_| SignatureError::WrongLength {
        found: signature.len(),
    })?;
    Ok(tag)
}
