//! Compact storage for the string attributes of an envelope.
//!
//! Every present value sits in one buffer, in [`Attribute::ALL`] order, and
//! `ends[i]` is where attribute `i`'s value ends (it starts where the
//! present one before it ends): one allocation per envelope instead of one
//! per attribute, and 2 bytes per attribute. An envelope whose
//! attribute text would pass 64 KiB (a hostile or hand-built one) spills
//! into one box per attribute, so setting a value never fails.

use std::borrow::Cow;

use super::{ATTRIBUTE_COUNT, Attribute};
use crate::read::{SMALL, Text};

#[derive(Clone, Debug)]
pub(super) enum AttributeText {
    Compact {
        text: Box<str>,
        ends: [u16; ATTRIBUTE_COUNT],
        present: u32,
        /// Values known to need no escaping when written as JSON strings
        /// (read without escapes, or checked when set).
        plain: u32,
    },
    Spilled(Box<[Option<Box<str>>; ATTRIBUTE_COUNT]>),
}

impl Default for AttributeText {
    fn default() -> Self {
        AttributeText::Compact {
            text: Box::default(),
            ends: [0; ATTRIBUTE_COUNT],
            present: 0,
            plain: 0,
        }
    }
}

const fn bit(attr: Attribute) -> u32 {
    1 << attr as u32
}

impl AttributeText {
    #[inline]
    pub(super) fn get(&self, attr: Attribute) -> Option<&str> {
        self.get_at(attr as usize)
    }

    fn get_at(&self, i: usize) -> Option<&str> {
        match self {
            AttributeText::Compact {
                text,
                ends,
                present,
                ..
            } => {
                let bit = 1u32.checked_shl(i as u32)?;
                if present & bit == 0 {
                    return None;
                }
                let before = present & (bit - 1);
                let start = match before {
                    0 => 0,
                    _ => *ends.get(31 - before.leading_zeros() as usize)?,
                };
                text.get(usize::from(start)..usize::from(*ends.get(i)?))
            }
            AttributeText::Spilled(values) => values.get(i)?.as_deref(),
        }
    }

    /// The present values, in [`Attribute::ALL`] order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (Attribute, &str)> + '_ {
        Attribute::ALL
            .iter()
            .enumerate()
            .filter_map(|(i, &attr)| Some((attr, self.get_at(i)?)))
    }

    /// A value with whether it is known to need no escaping in JSON.
    pub(super) fn get_plain(&self, attr: Attribute) -> Option<(&str, bool)> {
        let plain = match self {
            AttributeText::Compact { plain, .. } => *plain & bit(attr) != 0,
            AttributeText::Spilled(_) => false,
        };
        Some((self.get(attr)?, plain))
    }

    /// The present values, in [`Attribute::ALL`] order, each with whether it
    /// is known to need no escaping in JSON.
    pub(super) fn iter_plain(&self) -> impl Iterator<Item = (Attribute, &str, bool)> + '_ {
        let plain = match self {
            AttributeText::Compact { plain, .. } => *plain,
            AttributeText::Spilled(_) => 0,
        };
        self.iter()
            .map(move |(attr, v)| (attr, v, plain & bit(attr) != 0))
    }

    /// Sets (`Some`) or removes (`None`) a value, rebuilding the buffer.
    pub(super) fn set(&mut self, attr: Attribute, value: Option<&str>) {
        let mut writer = TextWriter::default();
        for &other in Attribute::ALL {
            let v = if other == attr {
                value
            } else {
                self.get(other)
            };
            if let Some(v) = v {
                writer.push_checked(other, v);
            }
        }
        *self = writer.finish();
    }
}

/// Collects values as the parser reads them (borrowed from the input when
/// they have no escapes), then copies them into one exact allocation.
pub(super) struct TextWriter<'a> {
    /// The borrowed values, by attribute. `None` rather than `""` for the
    /// others: all zeros, so that a new writer is set in a few wide stores.
    borrowed: [Option<&'a str>; ATTRIBUTE_COUNT],
    /// The values that had escapes (rare), which `borrowed` cannot hold;
    /// the first is kept inline, so it costs no allocation of its own.
    first_owned: Option<(Attribute, String)>,
    owned: Vec<(Attribute, String)>,
    /// One value with escapes (`authclaims`, as the vendor sends it)
    /// unescaped by the reader straight into `small`: its attribute and
    /// length. No allocation of its own.
    small_value: Option<(Attribute, usize)>,
    small: [u8; SMALL],
    present: u32,
    /// Values that may need escaping in JSON.
    dirty: u32,
    total: usize,
}

impl Default for TextWriter<'_> {
    fn default() -> Self {
        TextWriter {
            borrowed: [None; ATTRIBUTE_COUNT],
            first_owned: None,
            owned: Vec::new(),
            small_value: None,
            small: [0; SMALL],
            present: 0,
            dirty: 0,
            total: 0,
        }
    }
}

impl<'a> TextWriter<'a> {
    pub(super) fn contains(&self, attr: Attribute) -> bool {
        self.present & bit(attr) != 0
    }

    pub(super) fn get(&self, attr: Attribute) -> Option<&str> {
        self.get_at(attr as usize)
    }

    fn get_at(&self, i: usize) -> Option<&str> {
        if self.present & (1 << i) == 0 {
            return None;
        }
        if let Some((a, _)) = self.small_value
            && a as usize == i
        {
            return Some(self.small_text());
        }
        if let Some((a, value)) = &self.first_owned
            && *a as usize == i
        {
            return Some(value);
        }
        for (a, value) in &self.owned {
            if *a as usize == i {
                return Some(value);
            }
        }
        self.borrowed.get(i).copied().flatten()
    }

    /// The buffer a value may be unescaped into (by
    /// [`Reader::str_to`](crate::read::Reader::str_to)), when it is free.
    pub(super) fn small_buffer(&mut self) -> Option<&mut [u8; SMALL]> {
        match self.small_value {
            None => Some(&mut self.small),
            Some(_) => None,
        }
    }

    /// The value unescaped into the buffer (UTF-8, as the reader wrote it).
    fn small_text(&self) -> &str {
        let len = self.small_value.map_or(0, |(_, len)| len);
        self.small
            .get(..len)
            .and_then(crate::read::utf8)
            .unwrap_or_default()
    }

    /// Sets a value the reader read: as [`push`](Self::push), or for text
    /// unescaped into the buffer of [`small_buffer`](Self::small_buffer).
    pub(super) fn push_text(&mut self, attr: Attribute, value: Text<'a>) {
        match value {
            Text::Borrowed(value) => self.push(attr, Cow::Borrowed(value)),
            Text::Owned(value) => self.push(attr, Cow::Owned(value)),
            Text::Small(len) => {
                self.total += len;
                self.present |= bit(attr);
                // Unescaped text mostly holds what needs escaping again.
                self.dirty |= bit(attr);
                self.small_value = Some((attr, len));
            }
        }
    }

    /// Sets a value from anywhere (not only the reader), checking whether
    /// it needs escaping.
    fn push_checked(&mut self, attr: Attribute, value: &'a str) {
        if crate::read::plain_end(value.as_bytes(), 0) != value.len() {
            self.dirty |= bit(attr);
        }
        self.push(attr, Cow::Borrowed(value));
    }

    /// Sets a value as the reader read it: borrowed text had no escapes, so
    /// needs none; unescaped text is taken to need them. The caller checks
    /// for duplicates first.
    pub(super) fn push(&mut self, attr: Attribute, value: Cow<'a, str>) {
        self.total += value.len();
        self.present |= bit(attr);
        match value {
            Cow::Borrowed(value) => {
                if let Some(slot) = self.borrowed.get_mut(attr as usize) {
                    *slot = Some(value);
                }
            }
            Cow::Owned(value) => {
                // Unescaped text mostly holds what needs escaping again.
                self.dirty |= bit(attr);
                match self.first_owned {
                    None => self.first_owned = Some((attr, value)),
                    Some(_) => self.owned.push((attr, value)),
                }
            }
        }
    }

    /// Replaces a value present (or sets one), as [`push`](Self::push)
    /// would set it: for a value that governs over one read before it.
    #[cold]
    pub(super) fn replace(&mut self, attr: Attribute, value: Cow<'a, str>) {
        if let Some(old) = self.get(attr) {
            self.total -= old.len();
        }
        if matches!(self.small_value, Some((a, _)) if a == attr) {
            self.small_value = None;
        }
        self.owned.retain(|(a, _)| *a != attr);
        if matches!(&self.first_owned, Some((a, _)) if *a == attr) {
            self.first_owned = self.owned.pop();
        }
        self.present &= !bit(attr);
        self.dirty &= !bit(attr);
        self.push(attr, value);
    }

    /// The values in one buffer. Takes `&mut self` rather than `self`: the
    /// writer is large, and moving it would copy it.
    pub(super) fn finish(&mut self) -> AttributeText {
        if u16::try_from(self.total).is_err() {
            return AttributeText::Spilled(Box::new(std::array::from_fn(|i| {
                self.get_at(i).map(Box::from)
            })));
        }
        let mut text = String::with_capacity(self.total);
        let mut ends = [0; ATTRIBUTE_COUNT];
        // The usual case, at most one value with escapes (`authclaims`),
        // without a search per value.
        let only_owned = match (&self.first_owned, self.owned.is_empty(), self.small_value) {
            (None, _, None) => Some((usize::MAX, "")),
            (None, _, Some((a, _))) => Some((a as usize, self.small_text())),
            (Some((a, v)), true, None) => Some((*a as usize, v.as_str())),
            (Some(_), _, _) => None,
        };
        // The present ones only, in order.
        let mut bits = self.present;
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let value = match only_owned {
                Some((at, owned)) if at == i => Some(owned),
                Some(_) => self.borrowed.get(i).copied().flatten(),
                None => self.get_at(i),
            };
            text.push_str(value.unwrap_or_default());
            if let Some(end) = ends.get_mut(i) {
                // Fits in u16: `total` does.
                *end = text.len() as u16;
            }
        }
        AttributeText::Compact {
            text: text.into_boxed_str(),
            ends,
            present: self.present,
            plain: self.present & !self.dirty,
        }
    }
}
