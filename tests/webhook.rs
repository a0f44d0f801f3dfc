//! Integration tests for `qlik_events::webhook` (Qlik-Signature verification).
#![cfg(feature = "webhook")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::PathBuf;

use qlik_events::ErrorKind;
use qlik_events::webhook::{SIGNATURE_HEADER, SignatureError, Verifier, sign};

const SECRET: &str = "qlik-webhook-secret";
const KAT_BODY: &[u8] = br#"{"id":"id123","type":"com.qlik.v1.license.lease.created"}"#;
/// `python3 -c 'import hmac,hashlib; print(hmac.new(b"qlik-webhook-secret",
/// b"{\"id\":\"id123\",\"type\":\"com.qlik.v1.license.lease.created\"}",
/// hashlib.sha256).hexdigest())'`
const KAT_SIGNATURE: &str = "6b785727b5d75db234d723715ea595c5a5d41c14184bb7871126ba660747e38a";

/// Every published example, by path; one per known type.
fn fixtures() -> Vec<(PathBuf, Vec<u8>)> {
    let files: Vec<_> = common::fixture_files()
        .into_iter()
        .map(|(name, body)| (common::fixtures_dir().join(format!("{name}.json")), body))
        .collect();
    assert!(!files.is_empty(), "no fixtures found");
    files
}

fn quota_fixture() -> Vec<u8> {
    common::fixture_bytes("com.qlik.v1.app-usage.quota.consumed")
}

// ---------------------------------------------------------------- known answers

#[test]
fn signature_header_name() {
    assert_eq!(SIGNATURE_HEADER, "qlik-signature");
}

#[test]
fn known_answer_independent_hmac() {
    assert_eq!(sign(KAT_BODY, SECRET), KAT_SIGNATURE);
    assert_eq!(
        Verifier::new(SECRET).verify(KAT_BODY, KAT_SIGNATURE),
        Ok(())
    );
}

#[test]
fn known_answer_rfc4231_case_2() {
    let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    let data = b"what do ya want for nothing?";
    assert_eq!(sign(data, "Jefe"), expected);
    assert_eq!(sign(data, b"Jefe"), expected);
    assert_eq!(Verifier::new("Jefe").verify(data, expected), Ok(()));
}

#[test]
fn known_answer_utf8_secret_uses_utf8_bytes() {
    // hmac.new("sécret-🔑".encode(), b"hello qlik", hashlib.sha256).hexdigest()
    let expected = "089472384cd9614ae9ec0c96563002c0afc112cc508fcdd1fe6809a71ad144cd";
    assert_eq!(sign(b"hello qlik", "sécret-🔑"), expected);
    assert_eq!(
        Verifier::new(String::from("sécret-🔑")).verify(b"hello qlik", expected),
        Ok(())
    );
}

#[test]
fn known_answer_key_longer_than_block() {
    // hmac.new(b"k" * 100, b"long key", hashlib.sha256).hexdigest()
    let expected = "5903eedefe0bba3f15b658715e41d71f1848739bddf19e497e968df5723dcd56";
    let key = vec![b'k'; 100];
    assert_eq!(sign(b"long key", &key), expected);
    assert_eq!(Verifier::new(&key).verify(b"long key", expected), Ok(()));
}

#[test]
fn known_answer_empty_secret() {
    // hmac.new(b"", b"empty key", hashlib.sha256).hexdigest()
    let expected = "bf6e6a0f34cd9fdf69c67b8c62969c87cd4f783d4665217df03f062dc4a0406e";
    assert_eq!(sign(b"empty key", ""), expected);
    assert_eq!(Verifier::new("").verify(b"empty key", expected), Ok(()));
}

#[test]
fn sign_is_lowercase_hex_of_64_chars() {
    let signature = sign(b"anything", SECRET);
    assert_eq!(signature.len(), 64);
    assert!(
        signature
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
    );
}

// ---------------------------------------------------------------- round trips

#[test]
fn round_trip_every_fixture() {
    let verifier = Verifier::new(SECRET);
    for (path, body) in fixtures() {
        let signature = sign(&body, SECRET);
        assert_eq!(
            verifier.verify(&body, &signature),
            Ok(()),
            "{}",
            path.display()
        );
        assert_eq!(
            Verifier::new("other").verify(&body, &signature),
            Err(SignatureError::Mismatch),
            "{}",
            path.display()
        );
    }
}

#[test]
fn accepts_uppercase_and_mixed_case_hex() {
    let verifier = Verifier::new(SECRET);
    assert_eq!(
        verifier.verify(KAT_BODY, &KAT_SIGNATURE.to_uppercase()),
        Ok(())
    );
    let mixed: String = KAT_SIGNATURE
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i % 2 == 0 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect();
    assert_eq!(verifier.verify(KAT_BODY, &mixed), Ok(()));
}

#[test]
fn accepts_surrounding_whitespace() {
    let verifier = Verifier::new(SECRET);
    for signature in [
        format!(" {KAT_SIGNATURE}"),
        format!("{KAT_SIGNATURE} "),
        format!("\t{KAT_SIGNATURE}\r\n"),
        format!("  {}  ", KAT_SIGNATURE.to_uppercase()),
    ] {
        assert_eq!(
            verifier.verify(KAT_BODY, &signature),
            Ok(()),
            "{signature:?}"
        );
    }
}

#[test]
fn tampered_body_fails() {
    let verifier = Verifier::new(SECRET);
    let body = quota_fixture();
    let signature = sign(&body, SECRET);
    for i in [0, body.len() / 2, body.len() - 1] {
        let mut tampered = body.clone();
        tampered[i] ^= 0x01;
        assert_eq!(
            verifier.verify(&tampered, &signature),
            Err(SignatureError::Mismatch),
            "byte {i}"
        );
    }
    // Appending or truncating also fails.
    let mut longer = body.clone();
    longer.push(b'\n');
    assert_eq!(
        verifier.verify(&longer, &signature),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        verifier.verify(&body[..body.len() - 1], &signature),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn tampered_signature_fails() {
    let verifier = Verifier::new(SECRET);
    let mut chars: Vec<char> = KAT_SIGNATURE.chars().collect();
    chars[10] = if chars[10] == '0' { '1' } else { '0' };
    let signature: String = chars.into_iter().collect();
    assert_eq!(
        verifier.verify(KAT_BODY, &signature),
        Err(SignatureError::Mismatch)
    );
}

// ---------------------------------------------------------------- error variants

#[test]
fn missing_signature() {
    let verifier = Verifier::new(SECRET);
    for signature in ["", " ", "\t\r\n "] {
        assert_eq!(
            verifier.verify(KAT_BODY, signature),
            Err(SignatureError::Missing),
            "{signature:?}"
        );
    }
}

#[test]
fn not_hex_signature() {
    let verifier = Verifier::new(SECRET);
    // Right length, one bad character.
    let mut bad = KAT_SIGNATURE.to_owned();
    bad.replace_range(5..6, "g");
    assert_eq!(
        verifier.verify(KAT_BODY, &bad),
        Err(SignatureError::NotHex {
            offset: 5,
            found: 'g'
        })
    );
    // Offset is relative to the trimmed signature.
    assert_eq!(
        verifier.verify(KAT_BODY, "  zz"),
        Err(SignatureError::NotHex {
            offset: 0,
            found: 'z'
        })
    );
    // Prefixes are not accepted.
    assert!(matches!(
        verifier.verify(KAT_BODY, &format!("sha256={KAT_SIGNATURE}")),
        Err(SignatureError::NotHex { found: 's', .. })
    ));
    // Interior whitespace and non-ASCII.
    assert!(matches!(
        verifier.verify(KAT_BODY, "ab cd"),
        Err(SignatureError::NotHex {
            offset: 2,
            found: ' '
        })
    ));
    assert!(matches!(
        verifier.verify(KAT_BODY, "abé"),
        Err(SignatureError::NotHex {
            offset: 2,
            found: 'é'
        })
    ));
}

#[test]
fn wrong_length_signature() {
    let verifier = Verifier::new(SECRET);
    for (signature, found) in [
        (&KAT_SIGNATURE[..63], 63),
        (&KAT_SIGNATURE[..62], 62),
        ("ab", 2),
        ("a", 1),
    ] {
        assert_eq!(
            verifier.verify(KAT_BODY, signature),
            Err(SignatureError::WrongLength { found }),
            "{signature:?}"
        );
    }
    let longer = format!("{KAT_SIGNATURE}00");
    assert_eq!(
        verifier.verify(KAT_BODY, &longer),
        Err(SignatureError::WrongLength { found: 66 })
    );
    let message = SignatureError::WrongLength { found: 63 }.to_string();
    assert!(message.contains("64"), "{message}");
    assert!(message.contains("63"), "{message}");
}

#[test]
fn mismatch_signature() {
    assert_eq!(
        Verifier::new("not-the-secret").verify(KAT_BODY, KAT_SIGNATURE),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        Verifier::new(SECRET).verify(KAT_BODY, &"0".repeat(64)),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn empty_secret_list_rejects_everything() {
    let verifier = Verifier::with_secrets(Vec::<&str>::new());
    assert_eq!(format!("{verifier:?}"), "Verifier { secrets: 0 }");
    assert_eq!(
        verifier.verify(KAT_BODY, KAT_SIGNATURE),
        Err(SignatureError::NoSecret)
    );
    assert_eq!(verifier.verify(KAT_BODY, ""), Err(SignatureError::NoSecret));
    let err = verifier.verify_and_parse(&quota_fixture(), "").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Signature);
}

#[test]
fn error_display_messages_are_distinct() {
    let errors = [
        SignatureError::Missing,
        SignatureError::NotHex {
            offset: 0,
            found: 'x',
        },
        SignatureError::WrongLength { found: 3 },
        SignatureError::Mismatch,
        SignatureError::NoSecret,
    ];
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    for (i, a) in messages.iter().enumerate() {
        assert!(!a.is_empty());
        for b in &messages[i + 1..] {
            assert_ne!(a, b);
        }
    }
    // Clone + Eq.
    assert_eq!(errors.clone(), errors);
}

// ---------------------------------------------------------------- rotation

#[test]
fn rotation_accepts_any_configured_secret() {
    let verifier = Verifier::with_secrets(["old-secret", "new-secret"]);
    let body = quota_fixture();
    assert_eq!(verifier.verify(&body, &sign(&body, "old-secret")), Ok(()));
    assert_eq!(verifier.verify(&body, &sign(&body, "new-secret")), Ok(()));
    assert_eq!(
        verifier.verify(&body, &sign(&body, "unrelated")),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(format!("{verifier:?}"), "Verifier { secrets: 2 }");

    // Owned secrets and byte secrets work too.
    let owned = Verifier::with_secrets(vec![String::from("a"), String::from("b")]);
    assert_eq!(owned.verify(&body, &sign(&body, "b")), Ok(()));
    let bytes = Verifier::with_secrets([b"a".as_slice(), b"b".as_slice()]);
    assert_eq!(bytes.verify(&body, &sign(&body, "a")), Ok(()));
}

#[test]
fn verifier_is_clone_send_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Verifier>();
    let verifier = Verifier::new(SECRET);
    let cloned = verifier.clone();
    assert_eq!(cloned.verify(KAT_BODY, KAT_SIGNATURE), Ok(()));
    // The clone's state is independent: verifying repeatedly keeps working.
    assert_eq!(verifier.verify(KAT_BODY, KAT_SIGNATURE), Ok(()));
    assert_eq!(verifier.verify(KAT_BODY, KAT_SIGNATURE), Ok(()));
}

// ---------------------------------------------------------------- no secret leaks

#[test]
fn debug_and_errors_never_show_secret() {
    let secrets = ["super-secret-value", "another-hidden-secret"];
    let verifier = Verifier::with_secrets(secrets);
    let debug = format!("{verifier:?} {verifier:#?}");
    assert_eq!(format!("{verifier:?}"), "Verifier { secrets: 2 }");

    let body = quota_fixture();
    let mut outputs = vec![debug];
    for signature in ["", "zz", "abc", KAT_SIGNATURE] {
        let err = verifier.verify(&body, signature).unwrap_err();
        outputs.push(format!("{err} {err:?}"));
        let err = verifier.verify_and_parse(&body, signature).unwrap_err();
        outputs.push(format!("{err} {err:?}"));
    }
    for output in &outputs {
        for secret in secrets {
            assert!(!output.contains(secret), "{output}");
        }
    }
}

// ---------------------------------------------------------------- verify_and_parse

#[test]
fn verify_and_parse_signed_fixture() {
    let verifier = Verifier::new(SECRET);
    let body = quota_fixture();
    let event = verifier
        .verify_and_parse(&body, &sign(&body, SECRET))
        .expect("valid signature and fixture");
    let direct = qlik_events::from_slice(&body).expect("fixture parses");
    assert_eq!(format!("{event:?}"), format!("{direct:?}"));
}

#[test]
fn verify_and_parse_rejects_bad_signature() {
    let verifier = Verifier::new(SECRET);
    let body = quota_fixture();
    let mut tampered = body.clone();
    tampered[0] ^= 0x01;
    for (body, signature, cause) in [
        (&body, sign(&body, "wrong"), SignatureError::Mismatch),
        (&body, String::new(), SignatureError::Missing),
        (
            &body,
            "not hex".to_owned(),
            SignatureError::NotHex {
                offset: 0,
                found: 'n',
            },
        ),
        (&tampered, sign(&body, SECRET), SignatureError::Mismatch),
    ] {
        let err = verifier.verify_and_parse(body, &signature).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Signature, "{err}");
        assert_eq!(err, qlik_events::Error::from(cause));
    }
}

#[test]
fn verify_and_parse_checks_signature_before_parsing() {
    let verifier = Verifier::new(SECRET);
    let garbage = b"this is not json";
    let parse_error = qlik_events::from_slice(garbage).unwrap_err();
    assert_ne!(parse_error.kind(), ErrorKind::Signature);

    // Bad signature over an unparsable body: the signature error wins.
    let err = verifier
        .verify_and_parse(garbage, &sign(garbage, "wrong"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Signature);
    assert_eq!(err, qlik_events::Error::from(SignatureError::Mismatch));

    // Good signature over an unparsable body: the parse error is returned.
    let err = verifier
        .verify_and_parse(garbage, &sign(garbage, SECRET))
        .unwrap_err();
    assert_eq!(err, parse_error);
}

// ---------------------------------------------------------------- http helpers

#[cfg(feature = "http")]
mod http_headers {
    use http::{HeaderMap, HeaderName, HeaderValue};

    use super::*;

    fn headers_with(value: HeaderValue) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(SIGNATURE_HEADER, value);
        headers
    }

    #[test]
    fn valid_header() {
        let verifier = Verifier::new(SECRET);
        let headers = headers_with(HeaderValue::from_static(KAT_SIGNATURE));
        assert_eq!(verifier.verify_headers(&headers, KAT_BODY), Ok(()));
    }

    #[test]
    fn header_name_is_case_insensitive() {
        let verifier = Verifier::new(SECRET);
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_bytes(b"Qlik-Signature").expect("valid name"),
            HeaderValue::from_str(&KAT_SIGNATURE.to_uppercase()).expect("valid value"),
        );
        assert_eq!(verifier.verify_headers(&headers, KAT_BODY), Ok(()));
    }

    #[test]
    fn missing_or_empty_header() {
        let verifier = Verifier::new(SECRET);
        let mut headers = HeaderMap::new();
        headers.insert("x-other", HeaderValue::from_static(KAT_SIGNATURE));
        assert_eq!(
            verifier.verify_headers(&headers, KAT_BODY),
            Err(SignatureError::Missing)
        );
        let headers = headers_with(HeaderValue::from_static(""));
        assert_eq!(
            verifier.verify_headers(&headers, KAT_BODY),
            Err(SignatureError::Missing)
        );
    }

    #[test]
    fn non_utf8_header_is_not_hex() {
        let verifier = Verifier::new(SECRET);
        let mut raw = KAT_SIGNATURE.as_bytes().to_vec();
        raw[3] = 0xff;
        let headers = headers_with(HeaderValue::from_bytes(&raw).expect("obs-text allowed"));
        assert_eq!(
            verifier.verify_headers(&headers, KAT_BODY),
            Err(SignatureError::NotHex {
                offset: 3,
                found: char::REPLACEMENT_CHARACTER
            })
        );
    }

    #[test]
    fn wrong_length_and_mismatch_headers() {
        let verifier = Verifier::new(SECRET);
        let headers = headers_with(HeaderValue::from_static("abcd"));
        assert_eq!(
            verifier.verify_headers(&headers, KAT_BODY),
            Err(SignatureError::WrongLength { found: 4 })
        );
        let headers = headers_with(HeaderValue::from_static(KAT_SIGNATURE));
        assert_eq!(
            verifier.verify_headers(&headers, b"tampered"),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn verify_headers_and_parse_fixture() {
        let verifier = Verifier::with_secrets(["old", SECRET]);
        let body = quota_fixture();
        let headers = headers_with(HeaderValue::try_from(sign(&body, SECRET)).expect("value"));
        let event = verifier
            .verify_headers_and_parse(&headers, &body)
            .expect("valid");
        let direct = qlik_events::from_slice(&body).expect("fixture parses");
        assert_eq!(format!("{event:?}"), format!("{direct:?}"));

        let err = verifier
            .verify_headers_and_parse(&HeaderMap::new(), &body)
            .unwrap_err();
        assert_eq!(err, qlik_events::Error::from(SignatureError::Missing));
        let bad = headers_with(HeaderValue::try_from(sign(&body, "wrong")).expect("value"));
        let err = verifier.verify_headers_and_parse(&bad, &body).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Signature);
        assert_eq!(err, qlik_events::Error::from(SignatureError::Mismatch));
    }
}
