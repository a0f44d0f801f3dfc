//! RFC 3339 date-times: reading and writing without chrono's general
//! formatter on the common path (it dominated the cost of both).
//!
//! The fast reader takes `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` and
//! builds the value with chrono's own constructors; anything else (lowercase
//! `t`/`z`, a space separator, leap seconds, invalid text) goes to
//! `chrono::DateTime::parse_from_rfc3339`, which decides. The fast writer
//! produces exactly chrono's `SecondsFormat::AutoSi` text with `Z`.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Utc};
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
            // As chrono: digits past the ninth are read and ignored.
            let (mut count, mut nanos) = (0usize, 0u32);
            for &c in fraction {
                if !c.is_ascii_digit() {
                    break;
                }
                if count < 9 {
                    nanos = nanos * 10 + u32::from(c - b'0');
                }
                count += 1;
            }
            if count == 0 {
                return None;
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
        s.serialize_str(format(self.0).as_str())
    }
}

/// A stack buffer long enough for `+YYYYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`.
pub(crate) struct Buf {
    bytes: [u8; 40],
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

    fn new() -> Self {
        Buf {
            bytes: [0; 40],
            len: 0,
        }
    }

    /// Everything after the year: `-MM-DDTHH:MM:SS[.fraction]Z`. Inlined
    /// so that, after a four-digit year, every push lands at a known offset.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn rest(&mut self, dt: &NaiveDateTime, second: u32, nanos: u32) {
        self.push(b'-');
        self.digits(dt.month(), 2);
        self.push(b'-');
        self.digits(dt.day(), 2);
        self.push(b'T');
        self.digits(dt.hour(), 2);
        self.push(b':');
        self.digits(dt.minute(), 2);
        self.push(b':');
        self.digits(second, 2);
        if nanos != 0 {
            self.push(b'.');
            if nanos.is_multiple_of(1_000_000) {
                self.digits(nanos / 1_000_000, 3);
            } else if nanos.is_multiple_of(1_000) {
                self.digits(nanos / 1_000, 6);
            } else {
                self.digits(nanos, 9);
            }
        }
        self.push(b'Z');
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

/// The text of `dt` exactly as chrono's `to_rfc3339_opts(SecondsFormat::AutoSi,
/// true)` writes it, every year and leap seconds included; chrono's own
/// writer is not used so that builds of the crate do not compile its
/// formatting machinery.
pub(crate) fn format(dt: &DateTime<Utc>) -> Buf {
    // The naive UTC value once: `DateTime`'s accessors apply the offset
    // on every call.
    let dt = dt.naive_utc();
    match u32::try_from(dt.year()) {
        // Every field lands at a known offset, so the optimizer drops the
        // buffer's bounds checks.
        Ok(year) if year <= 9999 && dt.nanosecond() < 1_000_000_000 => {
            let mut buf = Buf::new();
            buf.digits(year, 4);
            buf.rest(&dt, dt.second(), dt.nanosecond());
            buf
        }
        _ => format_rare(&dt),
    }
}

/// [`format`] for years outside 0..=9999 (ISO 8601's sign and at least four
/// digits, chrono's `{:+05}`) and leap seconds (second 59 with 1e9 or more
/// nanoseconds, written as second 60, as chrono does).
#[cold]
#[inline(never)]
fn format_rare(dt: &NaiveDateTime) -> Buf {
    let mut buf = Buf::new();
    let year = dt.year();
    match u32::try_from(year) {
        Ok(y) if y <= 9999 => buf.digits(y, 4),
        _ => {
            buf.push(if year < 0 { b'-' } else { b'+' });
            let abs = year.unsigned_abs();
            let width = match abs {
                0..=9_999 => 4,
                10_000..=99_999 => 5,
                _ => 6, // chrono's years end at 262,143.
            };
            buf.digits(abs, width);
        }
    }
    let (second, nanos) = match dt.nanosecond() {
        n if n >= 1_000_000_000 => (dt.second() + 1, n - 1_000_000_000),
        n => (dt.second(), n),
    };
    buf.rest(dt, second, nanos);
    buf
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
        // Years past four digits or below zero, and leap seconds: chrono's
        // own `Serialize` is the reference.
        let leap = |s: &str, nanos: u32| {
            let date = chrono_parse(s).unwrap().date_naive();
            let time = chrono::NaiveTime::from_hms_nano_opt(23, 59, 59, nanos).unwrap();
            DateTime::<Utc>::from_naive_utc_and_offset(date.and_time(time), Utc)
        };
        let year = |y: i32| {
            let date = chrono::NaiveDate::from_ymd_opt(y, 6, 1).unwrap();
            DateTime::<Utc>::from_naive_utc_and_offset(date.and_hms_opt(1, 2, 3).unwrap(), Utc)
        };
        let odd = [
            DateTime::from_timestamp(300_000_000_000, 0).unwrap(),
            DateTime::from_timestamp(-300_000_000_000, 7_000).unwrap(),
            DateTime::<Utc>::MIN_UTC,
            DateTime::<Utc>::MAX_UTC,
            chrono_parse("0000-01-01T00:00:00Z").unwrap() - chrono::TimeDelta::nanoseconds(1),
            chrono_parse("9999-12-31T23:59:59Z").unwrap() + chrono::TimeDelta::seconds(1),
            year(99_999),
            year(-10_000),
            year(-1),
            year(100_000),
            leap("2016-12-31T00:00:00Z", 1_000_000_000),
            leap("2016-12-31T00:00:00Z", 1_000_000_001),
            leap("2016-12-31T00:00:00Z", 1_999_000_000),
            leap("1990-12-31T00:00:00Z", 1_000_500_000),
        ];
        for dt in odd {
            let theirs = serde_json::to_string(&dt).unwrap();
            assert_eq!(serde_json::to_string(&Rfc3339(&dt)).unwrap(), theirs);
            assert_eq!(format!("\"{}\"", format(&dt).as_str()), theirs);
        }
    }
}
