//! [`Extra`]: the members of an object that the crate does not model.

use std::borrow::Cow;
use std::collections::HashSet;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::BuildHasher;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::error::{Error, ErrorKind};
use crate::read::{Fail, Reader, Res, Segment, value_from_str};

type Member = (Box<str>, Box<RawValue>);

/// Members of a JSON object that the crate does not model (fields the spec
/// does not list, extension attributes), kept as sent: in order, each value
/// as its exact JSON text, and written back as they came.
///
/// Keeping the text rather than a `serde_json::Value` costs no more memory
/// than the input, whatever the value; [`get_as`](Extra::get_as) reads one
/// into any type. An empty `Extra` is one pointer and allocates nothing.
///
/// ```
/// let event = qlik_events::from_str(r#"{"type": "com.qlik.v1.licenses.purged",
///     "region": "eu", "retry": {"count": 2}}"#)?;
/// let extensions = event.envelope().extensions();
/// assert_eq!(extensions.len(), 2);
/// assert_eq!(extensions.get("retry").map(|raw| raw.get()), Some(r#"{"count": 2}"#));
/// let region: String = extensions.get_as("region").unwrap()?;
/// assert_eq!(region, "eu");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default)]
pub struct Extra(Option<Box<Members>>);

/// The members, boxed so that an empty `Extra` is one null pointer.
#[derive(Clone, Default)]
struct Members(Vec<Member>);

impl Extra {
    /// No members.
    pub const fn new() -> Self {
        Extra(None)
    }

    fn members(&self) -> &[Member] {
        self.0.as_deref().map_or(&[], |m| m.0.as_slice())
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.members().len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.members().is_empty()
    }

    /// The JSON text of the member `key`.
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.members()
            .iter()
            .find(|(k, _)| &**k == key)
            .map(|(_, v)| &**v)
    }

    /// Whether there is a member `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Reads the member `key` into `T`; `None` when there is none.
    ///
    /// ```
    /// use qlik_events::Extra;
    /// let mut extra = Extra::new();
    /// extra.insert("n", serde_json::json!([1, 2]));
    /// let n: Vec<u8> = extra.get_as("n").unwrap().unwrap();
    /// assert_eq!(n, [1, 2]);
    /// ```
    pub fn get_as<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
    ) -> Option<Result<T, serde_json::Error>> {
        self.get(key).map(|raw| serde_json::from_str(raw.get()))
    }

    /// The members in order, each as its key and JSON text.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.members().iter())
    }

    /// The keys in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.members().iter().map(|(k, _)| &**k)
    }

    /// Sets the member `key` to `value`, in place if it exists (returning
    /// the old text), at the end otherwise.
    ///
    /// ```
    /// use qlik_events::Extra;
    /// let mut extra = Extra::new();
    /// assert!(extra.insert("a", serde_json::json!(1)).is_none());
    /// let old = extra.insert("a", serde_json::json!({"b": null})).unwrap();
    /// assert_eq!(old.get(), "1");
    /// assert_eq!(extra.get("a").unwrap().get(), r#"{"b":null}"#);
    /// ```
    pub fn insert(&mut self, key: impl Into<String>, value: Value) -> Option<Box<RawValue>> {
        self.insert_raw(key, raw_from_value(&value))
    }

    /// Sets the member `key` to JSON text that was already checked.
    pub fn insert_raw(
        &mut self,
        key: impl Into<String>,
        value: Box<RawValue>,
    ) -> Option<Box<RawValue>> {
        let key = key.into();
        let members = &mut self.0.get_or_insert_with(Box::default).0;
        match members.iter_mut().find(|(k, _)| **k == *key) {
            Some((_, v)) => Some(std::mem::replace(v, value)),
            None => {
                members.push((key.into_boxed_str(), value));
                None
            }
        }
    }

    /// Removes the member `key`, returning its JSON text.
    pub fn remove(&mut self, key: &str) -> Option<Box<RawValue>> {
        let members = &mut self.0.as_mut()?.0;
        let i = members.iter().position(|(k, _)| &**k == key)?;
        let (_, v) = members.remove(i);
        if members.is_empty() {
            self.0 = None;
        }
        Some(v)
    }

    /// Every member read as a `serde_json::Value`, keys in order of the
    /// map. Fails where a value cannot be one (numbers past `f64`, nesting
    /// past serde_json's recursion limit).
    pub fn to_map(&self) -> Result<serde_json::Map<String, Value>, Error> {
        self.iter()
            .map(|(k, v)| {
                serde_json::from_str(v.get())
                    .map(|v| (k.to_owned(), v))
                    .map_err(|e| {
                        Error::new(ErrorKind::InvalidValue, k, crate::error::json_message(&e))
                    })
            })
            .collect()
    }
}

/// The JSON text of a value (serializing a `Value` cannot fail).
pub(crate) fn raw_from_value(value: &Value) -> Box<RawValue> {
    serde_json::value::to_raw_value(value).unwrap_or_default()
}

/// Boxes text the reader has checked. serde_json checks it once more (it
/// has no unchecked constructor), which cannot fail.
pub(crate) fn to_raw(text: &str) -> Res<Box<RawValue>> {
    RawValue::from_string(text.to_owned())
        .map_err(|e| Fail::data(ErrorKind::Syntax, crate::error::json_message(&e)))
}

/// An iterator over the members of an [`Extra`].
#[derive(Clone, Debug)]
pub struct Iter<'a>(std::slice::Iter<'a, Member>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a RawValue);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (&**k, &**v))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Extra {
    type Item = (&'a str, &'a RawValue);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<K: Into<String>> FromIterator<(K, Value)> for Extra {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Self {
        let mut extra = Extra::new();
        for (k, v) in iter {
            extra.insert(k, v);
        }
        extra
    }
}

/// Whether two JSON texts hold the same value: the same text, or equal as
/// `serde_json::Value`s (`[1, 2]` and `[1,2]` are; `1` and `1.0` are not).
pub(crate) fn same_json(a: &str, b: &str) -> bool {
    a == b || matches!((value_from_str(a), value_from_str(b)), (Ok(x), Ok(y)) if x == y)
}

/// Equal when they hold the same keys, in any order, each with the same
/// JSON value: the same text, or equal as `serde_json::Value`s (`[1, 2]` and
/// `[1,2]` are; `1` and `1.0` are not; text no `Value` can hold compares as
/// text), as JSON objects are compared.
impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        let same = |(k1, v1): (&str, &RawValue), (k2, v2): (&str, &RawValue)| {
            k1 == k2 && same_json(v1.get(), v2.get())
        };
        if self.len() != other.len() {
            return false;
        }
        if self.iter().zip(other.iter()).all(|(a, b)| same(a, b)) {
            return true;
        }
        // Another order: compare sorted (keys are unique in each).
        sorted(self)
            .into_iter()
            .zip(sorted(other))
            .all(|(a, b)| same(a, b))
    }
}

fn sorted(extra: &Extra) -> Vec<(&str, &RawValue)> {
    let mut members: Vec<(&str, &RawValue)> = extra.iter().collect();
    members.sort_unstable_by_key(|&(k, _)| k);
    members
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(k, v)| (k, v.get())))
            .finish()
    }
}

/// Written as an object of the members, values as their text.
impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Collects the members of one object while it is read: a key given twice
/// is a `DuplicateField` failure.
#[derive(Default)]
pub(crate) struct ExtraReader {
    members: Vec<Member>,
    /// Hashes of the keys once there are many, so that checking for a
    /// repeated key stays O(1); a hit is confirmed by comparing keys.
    hashes: Option<(RandomState, HashSet<u64>)>,
}

/// Past this many members, repeated keys are looked up by hash.
const LINEAR: usize = 16;

impl ExtraReader {
    fn contains(&mut self, key: &str) -> bool {
        if self.members.len() < LINEAR {
            return self.members.iter().any(|(k, _)| &**k == key);
        }
        let members = &self.members;
        let (state, hashes) = self.hashes.get_or_insert_with(|| {
            let state = RandomState::new();
            let hashes = members.iter().map(|(k, _)| state.hash_one(&**k)).collect();
            (state, hashes)
        });
        hashes.contains(&state.hash_one(key)) && members.iter().any(|(k, _)| &**k == key)
    }

    /// Reads the value of the unknown `key` (after the colon), as sent.
    pub(crate) fn read<'de>(&mut self, r: &mut Reader<'de>, key: Cow<'de, [u8]>) -> Res<()> {
        let key = r.text(key)?;
        if self.contains(&key) {
            return Err(Fail::data(
                ErrorKind::DuplicateField,
                format!("duplicate field `{key}`"),
            )
            .at(Segment::Key(key.as_ref().into())));
        }
        let text = r
            .colon()
            .and_then(|()| r.raw())
            .map_err(|f| f.at(Segment::Key(key.as_ref().into())))?;
        self.push(key.into_owned(), text)
    }

    /// Adds a member whose value was read already.
    pub(crate) fn push(&mut self, key: String, text: &str) -> Res<()> {
        let raw = to_raw(text).map_err(|f| f.at(Segment::Key(key.as_str().into())))?;
        if let Some((state, hashes)) = &mut self.hashes {
            hashes.insert(state.hash_one(key.as_str()));
        }
        self.members.push((key.into_boxed_str(), raw));
        Ok(())
    }

    /// The JSON text of the member `key`, if read.
    pub(crate) fn get(&self, key: &str) -> Option<&RawValue> {
        self.members
            .iter()
            .find(|(k, _)| &**k == key)
            .map(|(_, v)| &**v)
    }

    pub(crate) fn finish(self) -> Extra {
        if self.members.is_empty() {
            Extra(None)
        } else {
            Extra(Some(Box::new(Members(self.members))))
        }
    }
}
