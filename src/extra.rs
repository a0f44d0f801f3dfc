//! [`Extra`]: the members of an object that the crate does not model.

use std::borrow::Cow;
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
/// let event = qlik_events::from_str(r#"{"type": "com.example.v1.unknown.type",
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
        // A loop, not `collect`: collecting a map sorts the pairs first, code
        // every build of the crate would compile for this one method.
        let mut map = serde_json::Map::new();
        for (k, v) in self {
            match serde_json::from_str(v.get()) {
                Ok(v) => map.insert(k.to_owned(), v),
                Err(e) => {
                    let message = crate::error::json_message(&e);
                    return Err(Error::new(ErrorKind::InvalidValue, k, message));
                }
            };
        }
        Ok(map)
    }
}

/// The JSON text of a value (serializing a `Value` cannot fail).
pub(crate) fn raw_from_value(value: &Value) -> Box<RawValue> {
    serde_json::value::to_raw_value(value).unwrap_or_default()
}

/// Boxes JSON text the reader has checked (or a serializer wrote), as it
/// is. serde_json has no public constructor that does not parse the text
/// again, so it is handed over the way serde_json's own deserializer hands
/// a raw value to `Box<RawValue>` ([`Checked`]); should a later serde_json
/// refuse that, `RawValue::from_string` (which parses it again) still
/// boxes it.
pub(crate) fn to_raw(text: &str) -> Res<Box<RawValue>> {
    use serde::Deserialize as _;
    if let Ok(raw) = Box::<RawValue>::deserialize(Checked(text)) {
        return Ok(raw);
    }
    RawValue::from_string(text.to_owned())
        .map_err(|e| Fail::data(ErrorKind::Syntax, crate::error::json_message(&e)))
}

/// serde_json's name for the raw value in its data model: `Box<RawValue>`
/// asks for a newtype struct so named, and takes a map of one entry, this
/// key and the text.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// JSON text, checked, as a deserializer of `Box<RawValue>` (see
/// [`to_raw`]); anything else it refuses.
struct Checked<'a>(&'a str);

impl<'de> serde::Deserializer<'de> for Checked<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("not a raw value"))
    }

    fn deserialize_newtype_struct<V: serde::de::Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        if name != RAW_VALUE_TOKEN {
            return self.deserialize_any(visitor);
        }
        let entry = std::iter::once((RAW_VALUE_TOKEN, self.0.to_owned()));
        visitor.visit_map(serde::de::value::MapDeserializer::new(entry))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct seq tuple tuple_struct map
        struct enum identifier ignored_any
    }
}

/// An iterator over the members of an [`Extra`], in the order they came:
/// each name with its value's JSON text.
///
/// ```
/// let event = qlik_events::from_str(r#"{"type": "com.example.v1.unknown.type", "b": [1], "a": "x"}"#)?;
/// let members: Vec<(&str, &str)> =
///     event.envelope().extensions().iter().map(|(name, raw)| (name, raw.get())).collect();
/// assert_eq!(members, [("b", "[1]"), ("a", r#""x""#)]);
/// # Ok::<(), qlik_events::Error>(())
/// ```
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
        let mut theirs = other.iter();
        if self
            .iter()
            .all(|a| theirs.next().is_some_and(|b| same(a, b)))
        {
            return true;
        }
        // Another order: look each member up in the other (keys are unique
        // in each).
        let theirs = other.members();
        let index = KeyIndex::over(theirs);
        self.iter().all(|(k, v)| {
            index
                .find(theirs, k)
                .and_then(|i| theirs.get(i))
                .is_some_and(|(_, w)| same_json(v.get(), w.get()))
        })
    }
}

/// The positions of members by the hash of their key (open addressing,
/// linear probing), so that finding a key among many stays O(1). Keys are
/// hashed with `RandomState` (SipHash, random keys): input cannot be made
/// to collide. Hand-made rather than a `HashMap` because every build of
/// the crate compiles the map's generic code for its two small uses.
struct KeyIndex {
    state: RandomState,
    /// Member position + 1, or 0 for an empty slot; the length is a power
    /// of two, at least twice the number of members.
    slots: Vec<u32>,
}

impl KeyIndex {
    /// An index of every member of `members`.
    fn over(members: &[Member]) -> Self {
        let mut index = KeyIndex {
            state: RandomState::new(),
            slots: Vec::new(),
        };
        index.grow(members, (members.len() * 2).next_power_of_two().max(32));
        index
    }

    /// The position of `key` in `members`, the slice the index was built
    /// over (and kept in step with by `add`).
    fn find(&self, members: &[Member], key: &str) -> Option<usize> {
        self.probe(members, key).ok()
    }

    /// `Ok` with the position of `key` in `members`, or `Err` with the
    /// empty slot where it would go (one exists: at most half are taken).
    fn probe(&self, members: &[Member], key: &str) -> Result<usize, usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = self.state.hash_one(key) as usize & mask;
        loop {
            match self.slots.get(at).copied() {
                None | Some(0) => return Err(at),
                Some(slot) => {
                    let i = slot as usize - 1;
                    if members.get(i).is_some_and(|(k, _)| &**k == key) {
                        return Ok(i);
                    }
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// Indexes `members[i]`, the member just added (every one before it is
    /// indexed already).
    fn add(&mut self, members: &[Member], i: usize) {
        if (i + 1) * 2 > self.slots.len() {
            self.grow(members, self.slots.len() * 2);
            return; // `grow` indexed every member, `i` among them.
        }
        self.place(members, i);
    }

    /// Rebuilds the index over `members` with `size` slots.
    fn grow(&mut self, members: &[Member], size: usize) {
        self.slots.clear();
        self.slots.resize(size, 0);
        for i in 0..members.len() {
            self.place(members, i);
        }
    }

    fn place(&mut self, members: &[Member], i: usize) {
        // Keys are unique: the probe ends at an empty slot.
        let Some(Err(at)) = members.get(i).map(|(key, _)| self.probe(members, key)) else {
            return;
        };
        if let Some(slot) = self.slots.get_mut(at) {
            // Positions past `u32` cannot occur: an object that large does
            // not fit in memory as members.
            *slot = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(k, v)| (k, v.get())))
            .finish()
    }
}

/// Written as an object of the members: in JSON each value as its text,
/// in other formats as the value it holds.
impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            m.serialize_entry(k, &crate::serde_any::AnyJson(v, k))?;
        }
        m.end()
    }
}

/// Collects the members of one object while it is read: a key given twice
/// is a `DuplicateField` failure.
#[derive(Default)]
pub(crate) struct ExtraReader {
    members: Vec<Member>,
    /// The keys by hash once there are many, so that checking for a
    /// repeated key stays O(1).
    index: Option<KeyIndex>,
}

/// Past this many members, repeated keys are looked up by hash.
const LINEAR: usize = 16;

impl ExtraReader {
    fn contains(&mut self, key: &str) -> bool {
        if self.members.len() < LINEAR {
            return self.members.iter().any(|(k, _)| &**k == key);
        }
        let members = &self.members;
        self.index
            .get_or_insert_with(|| KeyIndex::over(members))
            .find(members, key)
            .is_some()
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
        self.members.push((key.into_boxed_str(), raw));
        if let Some(index) = &mut self.index {
            index.add(&self.members, self.members.len() - 1);
        }
        Ok(())
    }

    /// Replaces the value of the member `key` with `text`, returning the
    /// old one (`None`, and nothing changed, when there is no such member).
    pub(crate) fn replace(&mut self, key: &str, text: &str) -> Res<Option<Box<RawValue>>> {
        let Some(member) = self.members.iter_mut().find(|(k, _)| &**k == key) else {
            return Ok(None);
        };
        let raw = to_raw(text).map_err(|f| f.at(Segment::Key(key.into())))?;
        Ok(Some(std::mem::replace(&mut member.1, raw)))
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

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::value::RawValue;

    use super::{Checked, to_raw};

    #[test]
    fn checked_text_is_boxed_as_it_is_without_a_second_parse() {
        for text in [
            "[1, 2.50]",
            r#"{"a": "x\"}", "b": [{}, null, true, -0.5e3]}"#,
            r#""\u00e9\ud83d\ude00""#,
            "0",
        ] {
            // The hand-over itself (not the fallback) works with this
            // serde_json.
            let raw = Box::<RawValue>::deserialize(Checked(text)).unwrap();
            assert_eq!(raw.get(), text);
            assert_eq!(to_raw(text).unwrap().get(), text);
            assert_eq!(
                to_raw(text).unwrap().get(),
                RawValue::from_string(text.to_owned()).unwrap().get()
            );
        }
        // Only `Box<RawValue>` is served.
        assert!(String::deserialize(Checked("\"x\"")).is_err());
    }
}
