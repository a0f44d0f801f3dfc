//! Finding bytes in the input: where a string's plain text stops (the
//! reader's hottest loop), comparing short byte strings, finding one byte.
//!
//! Two ways to find the stop of a string's plain text, the same answers:
//! sixteen bytes a step with SSE2 (`sse2`, the `simd-scan` feature on
//! x86-64, through `safe_arch`'s safe wrappers, since the crate forbids
//! `unsafe`), and eight bytes a word in plain integer arithmetic (`words`,
//! everywhere else). Unit tests check both against a byte-by-byte scan.

/// A one in every byte of a word.
pub(super) const ONES: u64 = u64::MAX / 255;
/// The high bit of every byte of a word.
pub(super) const HIGH: u64 = ONES << 7;

/// Whether any of eight bytes is `"`, `\` or a control character (below
/// 0x20); the lowest set bit of the result marks the first one.
#[inline]
pub(super) fn special_mask(word: u64) -> u64 {
    let ctrl = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = word ^ (ONES * u64::from(b'"'));
    let quote = quote.wrapping_sub(ONES) & !quote;
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (ctrl | quote | backslash) & HIGH
}

/// Whether a byte ends a string's plain text.
#[inline]
pub(super) fn is_special(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// Eight bytes a word, in integer arithmetic: for every target.
// Without `simd-scan` these are the scan; with it, `plain_end` is its tail
// and the tests compare the two ways.
#[cfg_attr(
    all(feature = "simd-scan", target_arch = "x86_64", target_feature = "sse2"),
    allow(dead_code)
)]
mod words {
    use super::{is_special, special_mask};

    /// The index of the first `"`, `\` or control character in `bytes` at
    /// or after `i`, or `bytes.len()` (serde_json's `skip_to_escape`).
    #[inline]
    pub(crate) fn plain_end(bytes: &[u8], mut i: usize) -> usize {
        while let Some(chunk) = bytes.get(i..).and_then(|b| b.first_chunk::<8>()) {
            let found = special_mask(u64::from_le_bytes(*chunk));
            if found != 0 {
                return i + (found.trailing_zeros() / 8) as usize;
            }
            i += 8;
        }
        while let Some(&b) = bytes.get(i) {
            if is_special(b) {
                return i;
            }
            i += 1;
        }
        i
    }

    /// [`plain_end`] sixteen bytes a step (two words tested independently,
    /// one branch), for the values of envelope attributes: ids, times,
    /// sources, mostly 16 to 40 bytes, followed by more input.
    #[inline]
    pub(crate) fn plain_end_wide(bytes: &[u8], mut i: usize) -> usize {
        while let Some(chunk) = bytes.get(i..).and_then(|b| b.first_chunk::<16>()) {
            let word = u128::from_le_bytes(*chunk);
            // The casts keep the low and the high eight bytes.
            let low = special_mask(word as u64);
            let high = special_mask((word >> 64) as u64);
            if (low | high) != 0 {
                let at = if low != 0 {
                    low.trailing_zeros()
                } else {
                    64 + high.trailing_zeros()
                };
                return i + (at / 8) as usize;
            }
            i += 16;
        }
        plain_end(bytes, i)
    }
}

/// Sixteen bytes a step with SSE2, which every x86-64 processor has.
#[cfg(all(feature = "simd-scan", target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use safe_arch::{
        cmp_eq_mask_i8_m128i, load_unaligned_m128i, m128i, min_u8_m128i, move_mask_i8_m128i,
        set_splat_i8_m128i,
    };

    /// The three kinds of byte that end plain text, among sixteen: `"`,
    /// `\`, and control characters (below 0x20), each a lane mask.
    #[inline(always)]
    fn stops(chunk: &[u8; 16]) -> [m128i; 3] {
        let v = load_unaligned_m128i(chunk);
        let quote = cmp_eq_mask_i8_m128i(v, set_splat_i8_m128i(b'"' as i8));
        let backslash = cmp_eq_mask_i8_m128i(v, set_splat_i8_m128i(b'\\' as i8));
        // Below 0x20: the unsigned minimum with 0x1F is the byte itself.
        let ctrl = cmp_eq_mask_i8_m128i(min_u8_m128i(v, set_splat_i8_m128i(0x1F)), v);
        [quote, backslash, ctrl]
    }

    /// The bytes of sixteen that end plain text, by kind: bit `k` of a mask
    /// for byte `k`.
    pub(crate) struct Bytes16 {
        pub(crate) quote: u32,
        pub(crate) backslash: u32,
        /// Control characters (below 0x20).
        pub(crate) ctrl: u32,
    }

    impl Bytes16 {
        #[inline(always)]
        pub(crate) fn classify(chunk: &[u8; 16]) -> Self {
            let [quote, backslash, ctrl] = stops(chunk);
            // Sixteen sign bits: the casts keep them.
            Bytes16 {
                quote: move_mask_i8_m128i(quote) as u32,
                backslash: move_mask_i8_m128i(backslash) as u32,
                ctrl: move_mask_i8_m128i(ctrl) as u32,
            }
        }
    }

    /// Bit `k` set when byte `k` of `chunk` is `"`, `\\` or a control
    /// character.
    #[inline(always)]
    fn special(chunk: &[u8; 16]) -> u32 {
        let [quote, backslash, ctrl] = stops(chunk);
        // Sixteen sign bits: the cast keeps them.
        move_mask_i8_m128i(quote | backslash | ctrl) as u32
    }

    /// [`words::plain_end`](super::words::plain_end) sixteen bytes a step;
    /// keys (mostly shorter than sixteen bytes) take one.
    #[inline]
    pub(crate) fn plain_end(bytes: &[u8], mut i: usize) -> usize {
        while let Some(chunk) = bytes.get(i..).and_then(|b| b.first_chunk::<16>()) {
            let found = special(chunk);
            if found != 0 {
                return i + found.trailing_zeros() as usize;
            }
            i += 16;
        }
        super::words::plain_end(bytes, i)
    }

    /// [`plain_end`] thirty-two bytes a step, one branch: the values of
    /// envelope attributes (mostly 16 to 40 bytes) take one or two.
    #[inline]
    pub(crate) fn plain_end_wide(bytes: &[u8], mut i: usize) -> usize {
        while let Some(chunk) = bytes.get(i..).and_then(|b| b.first_chunk::<32>()) {
            let (Some(low), Some(high)) = (chunk.first_chunk::<16>(), chunk.last_chunk::<16>())
            else {
                break;
            };
            let found = special(low) | (special(high) << 16);
            if found != 0 {
                return i + found.trailing_zeros() as usize;
            }
            i += 32;
        }
        plain_end(bytes, i)
    }
}

/// The index of the first `"`, `\` or control character in `bytes` at or
/// after `i`, or `bytes.len()` (serde_json's `skip_to_escape`): the end of
/// a run that needs no escaping, for reading and for writing. And
/// `plain_end_wide`, the same answer, quicker for the 16 to 40 bytes of an
/// envelope attribute's value.
#[cfg(all(feature = "simd-scan", target_arch = "x86_64", target_feature = "sse2"))]
pub(crate) use sse2::{Bytes16, plain_end, plain_end_wide};
#[cfg(not(all(feature = "simd-scan", target_arch = "x86_64", target_feature = "sse2")))]
pub(crate) use words::{plain_end, plain_end_wide};

/// `a == b` for the short byte strings the reader compares (keys, type
/// names): without a call to `memcmp`, whose dispatch costs more than
/// these comparisons. Lengths up to 64 take two overlapping loads per side.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    fn edges<const N: usize>(s: &[u8]) -> Option<(&[u8; N], &[u8; N])> {
        Some((s.first_chunk::<N>()?, s.last_chunk::<N>()?))
    }
    if a.len() != b.len() {
        return false;
    }
    match a.len() {
        0..4 => a.iter().zip(b).all(|(x, y)| x == y),
        4..8 => edges::<4>(a) == edges::<4>(b),
        8..16 => edges::<8>(a) == edges::<8>(b),
        16..32 => edges::<16>(a) == edges::<16>(b),
        32..=64 => edges::<32>(a) == edges::<32>(b),
        _ => a == b,
    }
}

/// The index of the first `needle` in `bytes` at or after `i`, eight bytes
/// at a time.
#[cfg(not(feature = "simd-scan"))]
#[inline]
pub(crate) fn find_byte(bytes: &[u8], mut i: usize, needle: u8) -> Option<usize> {
    let pattern = ONES * u64::from(needle);
    while let Some(chunk) = bytes.get(i..).and_then(|b| b.first_chunk::<8>()) {
        let x = u64::from_le_bytes(*chunk) ^ pattern;
        // The lowest set bit marks the first zero byte of `x` (bits above
        // it can be false).
        let found = x.wrapping_sub(ONES) & !x & HIGH;
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes
        .get(i..)?
        .iter()
        .position(|&b| b == needle)
        .map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::{is_special, same_bytes, words};

    /// `same_bytes` answers as `==` does: byte strings of every length up
    /// to 70 (every branch of it) against themselves, against each one-byte
    /// change at every offset and against themselves one byte shorter.
    #[test]
    fn same_bytes_answers_as_eq_does() {
        for len in 0..=70usize {
            let a: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
            assert!(same_bytes(&a, &a.clone()), "{len}");
            if let Some(shorter) = a.get(..len.saturating_sub(1)) {
                assert_eq!(same_bytes(&a, shorter), len == 0, "{len}");
            }
            for at in 0..len {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b), "{len} at {at}");
                assert!(!same_bytes(&b, &a), "{len} at {at}");
            }
        }
    }

    /// A way of finding the stop, by name.
    type Scan = (&'static str, fn(&[u8], usize) -> usize);

    /// Every way of finding the stop compiled in this build.
    fn every_scan() -> Vec<Scan> {
        #[allow(unused_mut)]
        let mut scans: Vec<Scan> = vec![
            ("words::plain_end", words::plain_end),
            ("words::plain_end_wide", words::plain_end_wide),
        ];
        #[cfg(all(feature = "simd-scan", target_arch = "x86_64", target_feature = "sse2"))]
        scans.extend([
            (
                "sse2::plain_end",
                super::sse2::plain_end as fn(&[u8], usize) -> usize,
            ),
            ("sse2::plain_end_wide", super::sse2::plain_end_wide),
        ]);
        scans
    }

    /// Every scan stops where a byte-by-byte scan stops: each stop byte
    /// (and bytes around the control range and above ASCII that are no
    /// stop) at every offset of inputs of every length up to 72 (two full
    /// steps of the widest scan and a tail), from the first 17 starts and
    /// the last.
    #[test]
    fn every_scan_stops_where_a_byte_by_byte_scan_stops() {
        let stops = [b'"', b'\\', 0x00, 0x1F, b'\n'];
        let plain = [b'a', 0x20, 0x21, 0x5B, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF];
        let scans = every_scan();
        for len in 0..=72 {
            for at in 0..len {
                for &stop in stops.iter().chain(&plain) {
                    let mut bytes = vec![b'x'; len];
                    bytes[at] = stop;
                    // A second stop further on, in the same step or not.
                    let mut two = bytes.clone();
                    two[len - 1] = b'"';
                    let starts = (0..=len.min(17)).chain([len]);
                    for (bytes, start) in starts.flat_map(|s| [(&bytes, s), (&two, s)]) {
                        let expected = (start..len).find(|&i| is_special(bytes[i])).unwrap_or(len);
                        for (name, scan) in &scans {
                            assert_eq!(
                                scan(bytes, start),
                                expected,
                                "{name}: {bytes:?} from {start}"
                            );
                        }
                    }
                }
            }
        }
    }
}
