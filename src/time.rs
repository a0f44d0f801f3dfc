//! RFC 3339 date-times: reading and writing without chrono's general
//! formatter on the common path (it dominated the cost of both).
//!
//! The fast reader takes `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` and
//! builds the value with chrono's own constructors; anything else (lowercase
//! `t`/`z`, a space separator, leap seconds, invalid text) goes to
//! `chrono::DateTime::parse_from_rfc3339`, which decides. The fast writer
//! produces exactly chrono's `SecondsFormat::AutoSi` text with `Z`.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Timelike, Utc};
use serde::{Serialize, Serializer};

/// Parses an RFC 3339 date-time with any offset into UTC.
///
/// An instant whose UTC year falls outside 0000..=9999 (say
/// `9999-12-31T23:59:59-01:00`) is refused: it cannot be written back as
/// RFC 3339 in UTC, so accepting it would break the round trip.
pub(crate) fn parse_bytes(b: &[u8]) -> Option<DateTime<Utc>> {
    parse_fast(b)
        .or_else(|| {
            let s = std::str::from_utf8(b).ok()?;
            DateTime::parse_from_rfc3339(s)
                .ok()
                .map(|dt| dt.with_timezone(&Utc))
        })
        // The naive value's year: `DateTime::year` applies the offset again.
        .filter(|dt| (0..=9999).contains(&dt.naive_utc().year()))
}

/// Whether the bytes of `word` under `mask` (0xFF per byte) are ASCII
/// digits: high nibble 3, and no carry out of the low nibble when 6 is added
/// (the other bytes are checked by the caller, so nothing carries in).
fn digits(word: u64, mask: u64) -> bool {
    const HIGH_NIBBLES: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    const SIXES: u64 = 0x0606_0606_0606_0606;
    word & HIGH_NIBBLES & mask == ZEROS & mask
        && word.wrapping_add(SIXES) & HIGH_NIBBLES & mask == ZEROS & mask
}

fn parse_fast(b: &[u8]) -> Option<DateTime<Utc>> {
    // `YYYY-MM-DDTHH:MM:SS` as two words and three bytes, checked at once.
    let head: [u8; 19] = b.get(..19)?.try_into().ok()?;
    let [
        y0,
        y1,
        y2,
        y3,
        dash1,
        mo0,
        mo1,
        dash2,
        d0,
        d1,
        t,
        h0,
        h1,
        colon1,
        mi0,
        mi1,
        colon2,
        s0,
        s1,
    ] = head;
    if [dash1, dash2, t, colon1, colon2] != [b'-', b'-', b'T', b':', b':'] {
        return None;
    }
    let date = u64::from_le_bytes([y0, y1, y2, y3, dash1, mo0, mo1, dash2]);
    let time = u64::from_le_bytes([d0, d1, t, h0, h1, colon1, mi0, mi1]);
    if !digits(date, 0x00FF_FF00_FFFF_FFFF)
        || !digits(time, 0xFFFF_00FF_FF00_FFFF)
        || !s0.is_ascii_digit()
        || !s1.is_ascii_digit()
    {
        return None;
    }
    let n = |hi: u8, lo: u8| u32::from(hi - b'0') * 10 + u32::from(lo - b'0');
    let year = n(y0, y1) * 100 + n(y2, y3);
    let (month, day) = (n(mo0, mo1), n(d0, d1));
    let (hour, minute, second) = (n(h0, h1), n(mi0, mi1), n(s0, s1));
    if second > 59 {
        return None; // Leap seconds: chrono's reader.
    }
    if hour > 23 || minute > 59 {
        return None;
    }
    let rest = b.get(19..)?;
    let (nanos, rest) = match rest.split_first() {
        Some((b'.', fraction)) => {
            let count = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
            if count == 0 {
                return None;
            }
            // As chrono: digits past the ninth are read and ignored.
            let mut nanos = 0u32;
            for &c in fraction.iter().take(count.min(9)) {
                nanos = nanos * 10 + u32::from(c - b'0');
            }
            if count < 9 {
                nanos *= 10u32.pow((9 - count) as u32);
            }
            (nanos, fraction.get(count..)?)
        }
        _ => (0, rest),
    };
    let offset_seconds = match *rest {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h0, h1, b':', m0, m1] => {
            if ![h0, h1, m0, m1].iter().all(u8::is_ascii_digit) {
                return None;
            }
            let (hours, minutes) = (n(h0, h1), n(m0, m1));
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = i64::from(hours * 3600 + minutes * 60);
            if sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let local_seconds = i64::from(hour * 3600 + minute * 60 + second);
    let utc = match u32::try_from(local_seconds - offset_seconds) {
        // The same day in UTC (nearly always): no calendar arithmetic.
        Ok(s) if s < 86_400 => date.and_hms_nano_opt(s / 3600, s / 60 % 60, s % 60, nanos)?,
        _ => date
            .and_hms_nano_opt(hour, minute, second, nanos)?
            .checked_sub_signed(TimeDelta::seconds(offset_seconds))?,
    };
    Some(DateTime::from_naive_utc_and_offset(utc, Utc))
}

/// Writes a date-time as chrono's `to_rfc3339_opts(SecondsFormat::AutoSi, true)`.
pub struct Rfc3339<'a>(pub &'a DateTime<Utc>);

impl Serialize for Rfc3339<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match format(self.0) {
            Some(buf) => s.serialize_str(buf.as_str()),
            // Years outside 0..=9999 and leap seconds: chrono's own writer.
            None => self.0.serialize(s),
        }
    }
}

/// A stack buffer long enough for `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`.
pub(crate) struct Buf {
    bytes: [u8; 32],
    len: usize,
}

impl Buf {
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    /// Pushes the last `width` decimal digits of `value`, zero-padded.
    fn digits(&mut self, mut value: u32, width: usize) {
        let mut out = [b'0'; 9];
        for slot in out.iter_mut().take(width).rev() {
            *slot = b'0' + (value % 10) as u8;
            value /= 10;
        }
        for &b in out.iter().take(width) {
            self.push(b);
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits and separators are pushed.
        self.bytes
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }
}

pub(crate) fn format(dt: &DateTime<Utc>) -> Option<Buf> {
    // The naive UTC value once: `DateTime`'s accessors apply the offset
    // on every call.
    let dt = dt.naive_utc();
    let year = u32::try_from(dt.year()).ok().filter(|&y| y <= 9999)?;
    let nanos = dt.nanosecond();
    if nanos >= 1_000_000_000 {
        return None;
    }
    let mut buf = Buf {
        bytes: [0; 32],
        len: 0,
    };
    buf.digits(year, 4);
    buf.push(b'-');
    buf.digits(dt.month(), 2);
    buf.push(b'-');
    buf.digits(dt.day(), 2);
    buf.push(b'T');
    buf.digits(dt.hour(), 2);
    buf.push(b':');
    buf.digits(dt.minute(), 2);
    buf.push(b':');
    buf.digits(dt.second(), 2);
    if nanos != 0 {
        buf.push(b'.');
        if nanos % 1_000_000 == 0 {
            buf.digits(nanos / 1_000_000, 3);
        } else if nanos % 1_000 == 0 {
            buf.digits(nanos / 1_000, 6);
        } else {
            buf.digits(nanos, 9);
        }
    }
    buf.push(b'Z');
    Some(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::SecondsFormat;

    fn chrono_parse(s: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|d| d.with_timezone(&Utc))
    }

    /// Whenever the fast reader answers, it answers as chrono does; and
    /// `parse` accepts exactly what chrono accepts.
    #[test]
    fn fast_reader_agrees_with_chrono() {
        let dates = [
            "2018-10-30",
            "0000-01-01",
            "9999-12-31",
            "2024-02-29",
            "2023-02-29",
            "2018-13-01",
            "2018-00-10",
            "2018-10-32",
            "2018-10-00",
            "1970-01-01",
        ];
        let times = [
            "07:06:22", "00:00:00", "23:59:59", "23:59:60", "24:00:00", "12:60:00", "07:06:2",
        ];
        let fractions = [
            "",
            ".",
            ".1",
            ".12",
            ".123",
            ".1234",
            ".123456",
            ".1234567",
            ".123456789",
            ".1234567891",
            ".123456789123",
            ".x",
        ];
        let offsets = [
            "Z", "z", "+00:00", "-00:00", "+02:00", "-05:30", "+23:59", "-23:59", "+24:00",
            "+02:60", "+0200", "+02", "", "Zx",
        ];
        let separators = ["T", "t", " "];
        let mut checked = 0;
        for d in dates {
            for t in times {
                for f in fractions {
                    for o in offsets {
                        for sep in separators {
                            let s = format!("{d}{sep}{t}{f}{o}");
                            let expected = chrono_parse(&s);
                            if let Some(fast) = parse_fast(s.as_bytes()) {
                                assert_eq!(Some(fast), expected, "{s}");
                            }
                            let in_range = expected.filter(|dt| (0..=9999).contains(&dt.year()));
                            assert_eq!(parse_bytes(s.as_bytes()), in_range, "{s}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 35_000);
    }

    /// The fast reader takes the usual forms itself (the test above would
    /// pass with chrono answering everything).
    #[test]
    fn fast_reader_takes_usual_forms() {
        for s in [
            "2018-10-30T07:06:22Z",
            "0000-01-01T00:00:00.5Z",
            "9999-12-31T23:59:59.123456789+05:30",
            "2026-11-28T00:30:00+02:00",
            "2026-11-28T23:30:00-02:00",
        ] {
            assert_eq!(parse_fast(s.as_bytes()), chrono_parse(s), "{s}");
            assert!(parse_fast(s.as_bytes()).is_some(), "{s}");
        }
        for s in [
            "2018-1a-30T07:06:22Z",
            "2018-10-30T07:/6:22Z",
            "2018-10-30T07:06:2:Z",
        ] {
            assert_eq!(parse_fast(s.as_bytes()), None, "{s}");
        }
    }

    #[test]
    fn writer_agrees_with_chrono() {
        let instants = [
            "2018-10-30T07:06:22Z",
            "2018-10-30T07:06:22.1Z",
            "2018-10-30T07:06:22.120Z",
            "2018-10-30T07:06:22.123456Z",
            "2018-10-30T07:06:22.000001Z",
            "2018-10-30T07:06:22.123456789Z",
            "2018-10-30T07:06:22.000000001Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "2016-12-31T23:59:60.5Z",
            "2018-10-30T07:06:22+02:00",
        ];
        for s in instants {
            let dt = chrono_parse(s).unwrap();
            let ours = serde_json::to_string(&Rfc3339(&dt)).unwrap();
            let theirs = format!("\"{}\"", dt.to_rfc3339_opts(SecondsFormat::AutoSi, true));
            assert_eq!(ours, theirs, "{s}");
        }
        let far = DateTime::from_timestamp(300_000_000_000, 0).unwrap();
        assert_eq!(
            serde_json::to_string(&Rfc3339(&far)).unwrap(),
            serde_json::to_string(&far).unwrap()
        );
    }
}
