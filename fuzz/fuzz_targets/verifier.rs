//! Webhook signature verification on arbitrary bodies and signatures.
//!
//! Input layout: the first byte is the signature's length `n`; the next `n`
//! bytes are the signature (read as UTF-8, lossily, as a header value would
//! be); the rest is the body. Checked on every input:
//!
//! - `verify` never panics, and accepts exactly the signatures that are
//!   `sign(body, secret)` up to ASCII case and surrounding whitespace, for
//!   one secret and for each of two rotated secrets;
//! - its error says truthfully what is wrong with the signature;
//! - the correct signature, upper-cased or padded, is accepted;
//! - `verify_and_parse` parses exactly when `verify` accepts, and then
//!   returns what `from_slice` returns.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qlik_events::ErrorKind;
use qlik_events::webhook::{SignatureError, Verifier, sign};

const SECRET: &[u8] = b"fuzz-secret";
const OLD: &str = "old-secret-0123456789abcdef0123456789";
const NEW: &str = "new-secret-0123456789abcdef0123456789";

/// What `verify` must answer, computed independently of the crate.
fn expected(body: &[u8], signature: &str, secrets: &[&[u8]]) -> Result<(), SignatureError> {
    if secrets.is_empty() {
        return Err(SignatureError::NoSecret);
    }
    let trimmed = signature.trim();
    if trimmed.is_empty() {
        return Err(SignatureError::Missing);
    }
    if let Some((offset, found)) = trimmed.char_indices().find(|(_, c)| !c.is_ascii_hexdigit()) {
        return Err(SignatureError::NotHex { offset, found });
    }
    if trimmed.len() != 64 {
        return Err(SignatureError::WrongLength {
            found: trimmed.len(),
        });
    }
    let lower = trimmed.to_ascii_lowercase();
    if secrets.iter().any(|s| sign(body, s) == lower) {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

fn check(verifier: &Verifier, secrets: &[&[u8]], body: &[u8], signature: &str) {
    let got = verifier.verify(body, signature);
    assert_eq!(
        got,
        expected(body, signature, secrets),
        "verify({signature:?}) with {} secret(s)",
        secrets.len()
    );
    let parsed = verifier.verify_and_parse(body, signature);
    match got {
        Ok(()) => assert_eq!(parsed, qlik_events::from_slice(body)),
        Err(err) => {
            let perr = parsed.expect_err("verify_and_parse accepted a rejected signature");
            assert_eq!(perr.kind(), ErrorKind::Signature);
            assert_eq!(perr.message(), err.to_string());
            let _ = format!("{err} {err:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(n).min(rest.len());
    let (sig_bytes, body) = rest.split_at(n);
    let signature = String::from_utf8_lossy(sig_bytes);

    let one = Verifier::new(SECRET);
    let two = Verifier::with_secrets([OLD, NEW]);
    let none = Verifier::with_secrets(Vec::<&[u8]>::new());
    // A secret taken from the input: any bytes, any length (empty too).
    let own = Verifier::new(sig_bytes);

    check(&one, &[SECRET], body, &signature);
    check(&two, &[OLD.as_bytes(), NEW.as_bytes()], body, &signature);
    check(&none, &[], body, &signature);
    check(&own, &[sig_bytes], body, &signature);

    // The right signature is accepted, in either case and padded.
    let good = sign(body, SECRET);
    assert_eq!(good.len(), 64);
    assert!(good.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
    check(&one, &[SECRET], body, &good);
    assert_eq!(one.verify(body, &good), Ok(()));
    assert_eq!(one.verify(body, &good.to_ascii_uppercase()), Ok(()));
    assert_eq!(one.verify(body, &format!(" \t{good}\r\n")), Ok(()));
    assert_eq!(two.verify(body, &good), Err(SignatureError::Mismatch));
    assert_eq!(two.verify(body, &sign(body, OLD)), Ok(()));
    assert_eq!(two.verify(body, &sign(body, NEW)), Ok(()));
    assert_eq!(own.verify(body, &sign(body, sig_bytes)), Ok(()));
    // Another body does not verify under this body's signature.
    if !sig_bytes.is_empty() {
        let mut other = body.to_vec();
        other.extend_from_slice(sig_bytes);
        assert_eq!(one.verify(&other, &good), Err(SignatureError::Mismatch));
    }
});
