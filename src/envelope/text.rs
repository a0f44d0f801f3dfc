//! Compact storage for the string attributes of an envelope.
//!
//! Every present value sits in one buffer, located by a `(start, end)` pair
//! of `u32`: one allocation per envelope instead of one per attribute, and
//! 8 bytes per attribute instead of 16. An envelope whose attribute text
//! would pass 4 GiB (only possible by building one by hand) spills into one
//! box per attribute, so setting a value never fails.

use std::borrow::Cow;

use super::{ATTRIBUTE_COUNT, Attribute};

#[derive(Clone, Debug)]
pub(super) enum AttributeText {
    Compact {
        text: Box<str>,
        spans: [(u32, u32); ATTRIBUTE_COUNT],
        present: u32,
    },
    Spilled(Box<[Option<Box<str>>; ATTRIBUTE_COUNT]>),
}

impl Default for AttributeText {
    fn default() -> Self {
        AttributeText::Compact {
            text: Box::default(),
            spans: [(0, 0); ATTRIBUTE_COUNT],
            present: 0,
        }
    }
}

const fn bit(attr: Attribute) -> u32 {
    1 << attr as u32
}

impl AttributeText {
    #[inline]
    pub(super) fn get(&self, attr: Attribute) -> Option<&str> {
        match self {
            AttributeText::Compact {
                text,
                spans,
                present,
            } => {
                if present & bit(attr) == 0 {
                    return None;
                }
                let &(start, end) = spans.get(attr as usize)?;
                text.get(start as usize..end as usize)
            }
            AttributeText::Spilled(values) => values.get(attr as usize)?.as_deref(),
        }
    }

    /// The present values, in [`Attribute::ALL`] order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (Attribute, &str)> + '_ {
        let (present, spilled) = match self {
            AttributeText::Compact { present, .. } => (*present, None),
            AttributeText::Spilled(values) => (u32::MAX, Some(values)),
        };
        // Visits only the set bits of `present` (all slots when spilled).
        let mut bits = present;
        std::iter::from_fn(move || {
            loop {
                if bits == 0 {
                    return None;
                }
                let i = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let attr = *Attribute::ALL.get(i)?;
                let value = match (self, spilled) {
                    (_, Some(values)) => values.get(i).and_then(|v| v.as_deref()),
                    (AttributeText::Compact { text, spans, .. }, None) => spans
                        .get(i)
                        .and_then(|&(start, end)| text.get(start as usize..end as usize)),
                    (AttributeText::Spilled(_), None) => None,
                };
                if let Some(value) = value {
                    return Some((attr, value));
                }
            }
        })
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
                writer.push(other, Cow::Borrowed(v));
            }
        }
        *self = writer.finish();
    }
}

/// Collects values as the parser reads them (borrowed from the input when
/// they have no escapes), then copies them into one exact allocation.
pub(super) struct TextWriter<'a> {
    /// The borrowed values, by attribute.
    borrowed: [&'a str; ATTRIBUTE_COUNT],
    /// The values that had escapes (rare), which `borrowed` cannot hold.
    owned: Vec<(Attribute, String)>,
    present: u32,
    total: usize,
}

impl Default for TextWriter<'_> {
    fn default() -> Self {
        TextWriter {
            borrowed: [""; ATTRIBUTE_COUNT],
            owned: Vec::new(),
            present: 0,
            total: 0,
        }
    }
}

impl<'a> TextWriter<'a> {
    pub(super) fn contains(&self, attr: Attribute) -> bool {
        self.present & bit(attr) != 0
    }

    pub(super) fn get(&self, attr: Attribute) -> Option<&str> {
        if !self.contains(attr) {
            return None;
        }
        match self.owned.iter().find(|(a, _)| *a == attr) {
            Some((_, value)) => Some(value),
            None => self.borrowed.get(attr as usize).copied(),
        }
    }

    /// Sets a value; the caller checks for duplicates first.
    pub(super) fn push(&mut self, attr: Attribute, value: Cow<'a, str>) {
        self.total += value.len();
        self.present |= bit(attr);
        match value {
            Cow::Borrowed(value) => {
                if let Some(slot) = self.borrowed.get_mut(attr as usize) {
                    *slot = value;
                }
            }
            Cow::Owned(value) => self.owned.push((attr, value)),
        }
    }

    pub(super) fn finish(self) -> AttributeText {
        if u32::try_from(self.total).is_err() {
            return AttributeText::Spilled(Box::new(std::array::from_fn(|i| {
                let attr = Attribute::ALL.get(i)?;
                self.get(*attr).map(Box::from)
            })));
        }
        let mut text = String::with_capacity(self.total);
        let mut spans = [(0, 0); ATTRIBUTE_COUNT];
        let mut bits = self.present;
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let value = match self.owned.is_empty() {
                true => self.borrowed.get(i).copied(),
                false => Attribute::ALL.get(i).and_then(|&attr| self.get(attr)),
            };
            if let (Some(value), Some(span)) = (value, spans.get_mut(i)) {
                // Both fit in u32: `total` does.
                let start = text.len() as u32;
                text.push_str(value);
                *span = (start, text.len() as u32);
            }
        }
        AttributeText::Compact {
            text: text.into_boxed_str(),
            spans,
            present: self.present,
        }
    }
}
