//! serde in any self-describing format, not only JSON (private).
//!
//! The crate's checks live in its JSON reader, once; its `Deserialize`
//! impls hand that reader the JSON text of the value they are given:
//!
//! - serde_json's deserializers (text and `Value`) hand the text over as
//!   it is: asked for a newtype struct named with serde_json's raw-value
//!   token (what `Box<RawValue>` asks for), they answer with a one-entry
//!   map whose value is the raw text. Nothing is copied for borrowed input.
//! - any other self-describing format (CBOR, MessagePack, BSON, YAML, and
//!   serde's own buffered content behind `flatten` and untagged enums)
//!   answers with the value itself, or a newtype around it; [`Writer`]
//!   writes it out as JSON text, which is then read with the same checks.
//!
//! Its `Serialize` impls write values kept as JSON text (`Extra` members,
//! unknown `data`) through [`AnyJson`]: as that exact text for serde_json's
//! serializers, as ordinary values (maps in member order, arrays, numbers,
//! strings, `null`) for any other.
//!
//! What each side does with what JSON and the other formats cannot share:
//!
//! - numbers: integers within `i64`/`u64` stay integers, other numbers are
//!   `f64` (integers past `u64` are written as the nearest `f64`, which is
//!   also what `serde_json::Value` holds and what equality compares; a
//!   number past `f64`, such as `1e400`, cannot be written at all). Read
//!   back, an `f64` is written as serde_json writes it (`100.0`, `1e100`),
//!   so the text of a float may change (`1e2` becomes `100.0`), not its
//!   value. `i128`/`u128` (CBOR bignums) become their decimal text, judged
//!   by the reader like any JSON number. NaN and infinities have no JSON
//!   form and are refused.
//! - map keys must be strings (as JSON object keys are); a key given twice
//!   is passed on, so the reader refuses it where it refuses it in JSON.
//! - byte strings are read as strings when they are UTF-8 (as serde's own
//!   `String` reads them), else refused; enums and tagged values (a YAML
//!   `!tag`) are refused.
//! - maps and arrays nest at most 128 deep, as in serde_json.
//! - a one-entry map `{"$serde_json::private::RawValue": "<JSON text>"}`,
//!   which versions before this one wrote for every `Extra` member and
//!   unknown `data` in formats other than JSON, is read as that JSON text.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use serde::de::Deserialize;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::ser::{self, Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::value::RawValue;

use crate::envelope::{EnvelopeReader, member};
use crate::error::{Error, ErrorKind};
use crate::extra::ExtraReader;
use crate::object::Member;
use crate::read::{Fail, FromJson, Reader, Res};
use crate::{Attribute, Envelope, Extra, Payload, UnknownEvent};

/// serde_json's name for its raw-value newtype: `RawValue` serializes and
/// deserializes through it, and serde_json's serializers and deserializers
/// recognise it. Private to serde_json, but part of its protocol with
/// itself across 1.x (older crates' raw values talk to newer serde_json).
const RAW_TOKEN: &str = "$serde_json::private::RawValue";

/// Maps and arrays nest at most this deep (serde_json's limit).
const MAX_DEPTH: usize = 128;

/// The JSON text of one value.
#[derive(Debug)]
pub(crate) enum Text<'de> {
    /// A slice of the input (serde_json over borrowed input).
    Borrowed(&'de str),
    /// Copied or written here.
    Owned(String),
}

impl Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            Text::Owned(s) => s,
        }
    }
}

/// The JSON text of the value `d` holds, from any self-describing format.
pub(crate) fn json_text<'de, D: Deserializer<'de>>(d: D) -> Result<Text<'de>, D::Error> {
    d.deserialize_newtype_struct(RAW_TOKEN, Entry)
}

/// The visitor of [`json_text`]: serde_json's raw text, or any value
/// written out as JSON text.
struct Entry;

/// Forwards a visitor method of [`Entry`] to [`Node`], into a fresh writer.
macro_rules! forward {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<Text<'de>, E> {
            let mut w = Writer::default();
            Node(&mut w).$method(v)?;
            w.finish()
        }
    )*};
}

impl<'de> Visitor<'de> for Entry {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value that JSON can hold")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text<'de>, A::Error> {
        let mut w = Writer::default();
        match map.next_key_seed(KeySeed(&w.path))? {
            None => return Ok(Text::Borrowed("{}")),
            // serde_json's answer, or a raw value an older version wrote
            // into another format; the reader checks the text whole.
            Some(key) if key == RAW_TOKEN => {
                let text = map.next_value_seed(RawText)?;
                if map.next_key::<IgnoredAny>()?.is_some() {
                    return Err(w.fail(format_args!("`{RAW_TOKEN}` with other members")));
                }
                return Ok(text);
            }
            Some(key) => w.members(key, map)?,
        }
        w.finish()
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Text<'de>, D::Error> {
        let mut w = Writer::default();
        d.deserialize_any(Node(&mut w))?;
        w.finish()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Text<'de>, A::Error> {
        let mut w = Writer::default();
        Node(&mut w).visit_seq(seq)?;
        w.finish()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Text<'de>, D::Error> {
        self.visit_newtype_struct(d)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Text<'de>, A::Error> {
        let mut w = Writer::default();
        Node(&mut w).visit_enum(data)?;
        w.finish()
    }

    forward! {
        visit_bool(bool), visit_i64(i64), visit_u64(u64), visit_i128(i128), visit_u128(u128),
        visit_f64(f64), visit_str(&str), visit_bytes(&[u8]),
    }

    fn visit_none<E: de::Error>(self) -> Result<Text<'de>, E> {
        Ok(Text::Borrowed("null"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Text<'de>, E> {
        Ok(Text::Borrowed("null"))
    }
}

/// Writes one value of any format as JSON text.
#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    /// Where the value being written is, outermost first, for messages.
    path: Vec<Segment>,
}

impl Writer {
    fn finish<E: de::Error>(self) -> Result<Text<'static>, E> {
        // Only `str`s and ASCII were written.
        String::from_utf8(self.out)
            .map(Text::Owned)
            .map_err(|e| E::custom(e))
    }

    /// A failure at the current path: `data.x: NaN has no JSON form`.
    #[cold]
    fn fail<E: de::Error>(&self, what: impl fmt::Display) -> E {
        if self.path.is_empty() {
            E::custom(what)
        } else {
            E::custom(format_args!("{}: {what}", Path(&self.path)))
        }
    }

    /// Writes a JSON scalar (a string, a finite number) as serde_json does.
    fn put<T: Serialize + ?Sized, E: de::Error>(&mut self, v: &T) -> Result<(), E> {
        match serde_json::to_writer(&mut self.out, v) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.fail(e)),
        }
    }

    /// Refuses a container past the depth limit.
    fn descend<E: de::Error>(&self) -> Result<(), E> {
        if self.path.len() >= MAX_DEPTH {
            return Err(self.fail(format_args!(
                "maps and arrays nest deeper than {MAX_DEPTH} levels"
            )));
        }
        Ok(())
    }

    /// Writes an object whose first key is `key`, then its other members.
    fn members<'de, A: MapAccess<'de>>(
        &mut self,
        mut key: Cow<'de, str>,
        mut map: A,
    ) -> Result<(), A::Error> {
        self.descend()?;
        self.out.push(b'{');
        loop {
            self.put(&*key)?;
            self.out.push(b':');
            self.path.push(Segment::Key(key.into()));
            map.next_value_seed(Node(self))?;
            self.path.pop();
            match map.next_key_seed(KeySeed(&self.path))? {
                Some(next) => {
                    self.out.push(b',');
                    key = next;
                }
                None => break,
            }
        }
        self.out.push(b'}');
        Ok(())
    }
}

/// One step of the path to a value, as the reader's errors name it.
enum Segment {
    Key(Box<str>),
    Index(usize),
}

/// A path, outermost first, rendered as the reader renders one:
/// `data.spaceUsages[0].unit`, `extra["a b"]`.
struct Path<'a>(&'a [Segment]);

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if is_plain_key(key) && i == 0 => f.write_str(key)?,
                Segment::Key(key) if is_plain_key(key) => write!(f, ".{key}")?,
                Segment::Key(key) => write!(f, "[{}]", serde_json::Value::from(&**key))?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'$')
}

/// Writes the value it visits into its [`Writer`].
struct Node<'w>(&'w mut Writer);

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value that JSON can hold")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.0.put(&v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.0.put(&v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.0.put(&v)
    }

    // JSON numbers have no range: the reader judges the decimal text.
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<(), E> {
        self.0.put(&v)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<(), E> {
        self.0.put(&v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        if !v.is_finite() {
            return Err(self.0.fail(format_args!(
                "{v} has no JSON form (JSON numbers are finite)"
            )));
        }
        self.0.put(&v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.0.put(v)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        match std::str::from_utf8(v) {
            Ok(s) => self.0.put(s),
            Err(_) => Err(self.0.fail(format_args!(
                "a byte string ({} bytes, not UTF-8) has no JSON form",
                v.len()
            ))),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.out.extend_from_slice(b"null");
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let w = self.0;
        w.descend()?;
        w.out.push(b'[');
        let mut index = 0;
        loop {
            w.path.push(Segment::Index(index));
            if index > 0 {
                w.out.push(b',');
            }
            let more = seq.next_element_seed(Node(w))?.is_some();
            w.path.pop();
            if !more {
                break;
            }
            index += 1;
        }
        // A `,` was written before the end was known.
        if index > 0 {
            w.out.pop();
        }
        w.out.push(b']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let w = self.0;
        match map.next_key_seed(KeySeed(&w.path))? {
            None => {
                w.descend()?;
                w.out.extend_from_slice(b"{}");
                Ok(())
            }
            // A raw value an older version wrote: spliced in once it is
            // checked to be exactly one JSON value.
            Some(key) if key == RAW_TOKEN => {
                let text = map.next_value_seed(RawText)?;
                let raw: &RawValue = match serde_json::from_str(&text) {
                    Ok(raw) => raw,
                    Err(e) => return Err(w.fail(crate::error::json_message(&e))),
                };
                if map.next_key::<IgnoredAny>()?.is_some() {
                    return Err(w.fail(format_args!("`{RAW_TOKEN}` with other members")));
                }
                w.out.extend_from_slice(raw.get().as_bytes());
                Ok(())
            }
            Some(key) => w.members(key, map),
        }
    }

    fn visit_enum<A: EnumAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(self
            .0
            .fail("an enum or tagged value has no JSON form (only untagged values do)"))
    }
}

/// A map key: a string (JSON object keys are), borrowed where the format
/// lends it. Holds the path of the map, for the message of another key.
struct KeySeed<'p>(&'p [Segment]);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        // `any`, not `str`: another key is refused with this message.
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string map key (JSON object keys are)")?;
        if !self.0.is_empty() {
            write!(f, " in `{}`", Path(self.0))?;
        }
        Ok(())
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        match std::str::from_utf8(v) {
            Ok(s) => Ok(Cow::Owned(s.to_owned())),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(v), &self)),
        }
    }
}

/// The value of serde_json's raw-value entry: the raw text.
struct RawText;

impl<'de> DeserializeSeed<'de> for RawText {
    type Value = Text<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Text<'de>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for RawText {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON text")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
        Ok(Text::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
        Ok(Text::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
        Ok(Text::Owned(v))
    }
}

// ---------------------------------------------------------------------------
// Serialize

/// Whether `S` writes JSON text and takes serde_json's raw values as they
/// are: serde_json's text serializer (any writer, any formatter) and its
/// `Value` serializer.
///
/// serde offers no way to ask a serializer what it is, and `TypeId` needs
/// `'static` types (a serializer borrowing its writer is not one), so the
/// test is the type's name. `type_name` is not guaranteed stable across
/// compilers, but names the defining path in practice; if it ever stops
/// matching, JSON output stays correct JSON, only the values kept as text
/// are written as values (the unit tests below catch that). A serializer
/// wrapping serde_json's (`serde_path_to_error`, say) takes the ordinary
/// path and writes the same values.
fn writes_json_text<S: Serializer>() -> bool {
    let name = std::any::type_name::<S>();
    name.starts_with("&mut serde_json::ser::Serializer<")
        || name == "serde_json::value::ser::Serializer"
}

/// A value kept as JSON text, written as that text in JSON and as the
/// value it holds in any other format. `.1` names it in messages (a member
/// name, `data`).
pub(crate) struct AnyJson<'a>(pub(crate) &'a RawValue, pub(crate) &'a str);

impl Serialize for AnyJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if writes_json_text::<S>() {
            return self.0.serialize(s);
        }
        match serde_json::from_str::<Tree<'_>>(self.0.get()) {
            Ok(tree) => tree.serialize(s),
            Err(e) => Err(ser::Error::custom(format_args!(
                "`{}`: {} (only JSON can hold this value)",
                self.1,
                crate::error::json_message(&e)
            ))),
        }
    }
}

/// A JSON value in the order and with the duplicates it was written with
/// (`serde_json::Value` sorts and merges keys); strings borrow where they
/// can.
enum Tree<'a> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(Cow<'a, str>),
    Seq(Vec<Tree<'a>>),
    Map(Vec<(Cow<'a, str>, Tree<'a>)>),
}

impl<'de> de::Deserialize<'de> for Tree<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Tree<'de>, E> {
        Ok(Tree::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tree<'de>, E> {
        Ok(Tree::I64(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tree<'de>, E> {
        Ok(Tree::U64(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Tree<'de>, E> {
        Ok(Tree::F64(v))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Tree<'de>, E> {
        Ok(Tree::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Tree<'de>, E> {
        Ok(Tree::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Tree<'de>, E> {
        Ok(Tree::Str(Cow::Owned(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Tree<'de>, E> {
        Ok(Tree::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree<'de>, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element()? {
            out.push(v);
        }
        Ok(Tree::Seq(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree<'de>, A::Error> {
        let mut out = Vec::new();
        while let Some(k) = map.next_key_seed(KeySeed(&[]))? {
            out.push((k, map.next_value()?));
        }
        Ok(Tree::Map(out))
    }
}

impl Serialize for Tree<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Tree::Null => s.serialize_unit(),
            Tree::Bool(v) => s.serialize_bool(*v),
            Tree::U64(v) => s.serialize_u64(*v),
            Tree::I64(v) => s.serialize_i64(*v),
            Tree::F64(v) => s.serialize_f64(*v),
            Tree::Str(v) => s.serialize_str(v),
            Tree::Seq(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Tree::Map(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(&**k, v)?;
                }
                map.end()
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The types that had no serde impls: an envelope on its own, `Extra` on its
// own, `UnknownEvent`.

/// An object of members, each any JSON value kept as sent; a key given twice
/// is an error.
impl<'de> FromJson<'de> for Extra {
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        r.map(&"an object", |r| {
            let mut extra = ExtraReader::default();
            let mut first = true;
            while let Some(key) = r.key(&mut first)? {
                extra.read(r, key)?;
            }
            Ok(extra.finish())
        })
    }
}

/// Reads an object of members, each kept as its JSON text (from JSON, as
/// sent; from other formats, as written out); a key given twice is an
/// error of kind `DuplicateField`.
///
/// ```
/// let extra: qlik_events::Extra = serde_json::from_str(r#"{"a": [1, 2.50], "b": null}"#)?;
/// assert_eq!(extra.get("a").unwrap().get(), "[1, 2.50]");
/// assert!(serde_json::from_str::<qlik_events::Extra>(r#"{"a": 1, "a": 2}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::model::deserialize_with(d, |text| {
            crate::model::read_whole(&mut Reader::from_str(text))
        })
    }
}

/// An envelope object: every attribute an event object has but `type` and
/// `data` (which are refused), under CloudEvents 1.0 names or the older
/// envelope's, with the same checks.
impl<'de> FromJson<'de> for Envelope {
    fn read(r: &mut Reader<'de>) -> Res<Self> {
        r.map(&"an envelope object", |r| {
            let mut reader = EnvelopeReader::new();
            let mut first = true;
            while let Some(key) = r.key(&mut first)? {
                match member(key) {
                    Member::Field(field) => reader.read_field(field, r)?,
                    Member::Type(name) => return Err(not_envelope(name)),
                    Member::Data => return Err(not_envelope("data")),
                    Member::Other(key) => reader.read_extension(key, r)?,
                }
            }
            Ok(reader.finish())
        })
    }
}

#[cold]
fn not_envelope(name: &'static str) -> Box<Fail> {
    Fail::data(
        ErrorKind::InvalidValue,
        format!("`{name}` belongs to the event, not to its envelope"),
    )
    .at(crate::read::Segment::Field(name))
}

/// Reads the attributes of an event but `type` and `data`, as an event's
/// envelope is read.
///
/// ```
/// use qlik_events::Envelope;
/// let envelope: Envelope = serde_json::from_str(r#"{"id": "e1", "tenantid": "t1", "region": "eu"}"#)?;
/// assert_eq!(envelope.tenant_id(), Some("t1"));
/// assert_eq!(serde_json::to_string(&envelope)?, r#"{"id":"e1","tenantid":"t1","region":"eu"}"#);
/// assert!(serde_json::from_str::<Envelope>(r#"{"type": "com.example.v1.unknown.type"}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> Deserialize<'de> for Envelope {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::model::deserialize_with(d, |text| {
            crate::model::read_whole(&mut Reader::from_str(text))
        })
    }
}

/// Writes the attributes as an event writes them, without `type`: `id`,
/// `time`, `source`, `specversion`, the other attributes, the extensions.
impl Serialize for Envelope {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        if let Some(id) = self.id() {
            m.serialize_entry("id", id)?;
        }
        if let Some(time) = &self.time() {
            m.serialize_entry("time", &crate::time::Rfc3339(time))?;
        }
        if let Some(source) = self.source() {
            m.serialize_entry("source", source)?;
        }
        if let Some(v) = &self.specversion() {
            m.serialize_entry("specversion", v)?;
        }
        for (attr, value) in self.attributes() {
            if !matches!(attr, Attribute::Id | Attribute::Source) {
                m.serialize_entry(attr.name(), value)?;
            }
        }
        // The envelope refuses extensions with the names above.
        for (k, v) in self.extensions() {
            m.serialize_entry(k, &AnyJson(v, k))?;
        }
        m.end()
    }
}

/// Reads an event of any type with the checks of
/// [`from_slice`](crate::from_slice). An event of a type the crate knows is
/// checked as that type, then kept with its `data` as the crate writes it
/// (so that events stored while their type was unknown still read once it
/// is known).
///
/// ```
/// use qlik_events::UnknownEvent;
/// let e: UnknownEvent = serde_json::from_str(r#"{"type":"com.example.v1.unknown.type","data":[1]}"#)?;
/// assert_eq!(e.data.unwrap().get(), "[1]");
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> Deserialize<'de> for UnknownEvent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::model::deserialize_with(d, |text| {
            let (envelope, ty, payload) = crate::from_str(text)?.into_parts();
            let data = match payload {
                None => None,
                Some(Payload::Unknown(raw)) => Some(raw),
                Some(typed) => Some(serde_json::value::to_raw_value(&typed).map_err(|e| {
                    Error::new(ErrorKind::Serialize, "data", e.to_string())
                        .with_event_type(ty.as_str())
                })?),
            };
            Ok(UnknownEvent {
                envelope,
                event_type: ty.as_str().to_owned(),
                data,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde_json::value::RawValue;

    use super::{AnyJson, Text, json_text};

    const ODD: &str = r#"{ "b" : [1, 2.50, -0, 1e2, null, "\u00e9"], "a": {"b": 1, "b": 2}, "big": 123456789012345678901234567890 }"#;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_owned()).unwrap()
    }

    #[test]
    fn serde_json_serializers_are_recognised() {
        use super::writes_json_text;
        use serde_json::ser::PrettyFormatter;
        assert!(writes_json_text::<&mut serde_json::Serializer<Vec<u8>>>());
        assert!(writes_json_text::<
            &mut serde_json::Serializer<&mut Vec<u8>, PrettyFormatter<'_>>,
        >());
        assert!(writes_json_text::<serde_json::value::Serializer>());
        assert!(!writes_json_text::<Other<serde_json::value::Serializer>>());
    }

    #[test]
    fn serde_json_serializers_get_the_exact_text() {
        let raw = raw(ODD);
        // If `type_name` stops naming serde_json's serializers, these
        // come out as values: reformatted, reordered, merged.
        assert_eq!(serde_json::to_string(&AnyJson(&raw, "x")).unwrap(), ODD);
        assert_eq!(
            serde_json::to_string_pretty(&AnyJson(&raw, "x")).unwrap(),
            ODD
        );
        let value = serde_json::to_value(AnyJson(&raw, "x")).unwrap();
        assert_eq!(
            value,
            serde_json::from_str::<serde_json::Value>(ODD).unwrap()
        );
    }

    /// A serializer that is not serde_json's and writes JSON text.
    fn via_other(raw: &RawValue) -> String {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::new(&mut out);
        // A wrapper type: not recognised, so the value is written.
        struct Wrap<'a>(&'a RawValue);
        impl Serialize for Wrap<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                AnyJson(self.0, "x").serialize(Other(s))
            }
        }
        Wrap(raw).serialize(&mut ser).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn other_serializers_get_values_in_member_order() {
        assert_eq!(
            via_other(&raw(ODD)),
            r#"{"b":[1,2.5,-0.0,100.0,null,"é"],"a":{"b":1,"b":2},"big":1.2345678901234568e+29}"#
        );
        let err = serde_json::to_string(&{
            struct W(Box<RawValue>);
            impl Serialize for W {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    AnyJson(&self.0, "huge").serialize(Other(s))
                }
            }
            W(raw("[1e400]"))
        })
        .unwrap_err();
        assert!(
            err.to_string().starts_with("`huge`: number out of range"),
            "{err}"
        );
    }

    #[test]
    fn serde_json_deserializers_lend_the_text() {
        let mut de = serde_json::Deserializer::from_str(ODD);
        let text = json_text(&mut de).unwrap();
        assert!(matches!(text, Text::Borrowed(t) if t == ODD));
        let value: serde_json::Value = serde_json::from_str(r#"{"a":[1,2.5]}"#).unwrap();
        let text = json_text(value).unwrap();
        assert_eq!(&*text, r#"{"a":[1,2.5]}"#);
    }

    #[test]
    fn other_deserializers_are_written_out() {
        use serde::de::IntoDeserializer;
        use serde::de::value::{Error, MapDeserializer, SeqDeserializer};

        let map = MapDeserializer::<_, Error>::new(vec![("k\"", 1.5f64), ("z", -2.0)].into_iter());
        assert_eq!(&*json_text(map).unwrap(), r#"{"k\"":1.5,"z":-2.0}"#);
        let seq = SeqDeserializer::<_, Error>::new(vec![f64::NAN].into_iter());
        let err = json_text(seq).unwrap_err();
        assert_eq!(
            err.to_string(),
            "[0]: NaN has no JSON form (JSON numbers are finite)"
        );
        let keys = MapDeserializer::<_, Error>::new(vec![(1u8, true)].into_iter());
        let err = json_text(keys).unwrap_err();
        assert!(
            err.to_string().contains("expected a string map key"),
            "{err}"
        );
        let legacy = MapDeserializer::<_, Error>::new(
            vec![("$serde_json::private::RawValue", "[1, 2]")].into_iter(),
        );
        assert_eq!(&*json_text(legacy).unwrap(), "[1, 2]");
        let s: serde::de::value::StrDeserializer<'_, Error> = "x".into_deserializer();
        assert_eq!(&*json_text(s).unwrap(), r#""x""#);
    }

    /// Hides the type of a serializer.
    struct Other<S>(S);

    macro_rules! forward_ser {
        ($($m:ident($($a:ident: $t:ty),*) -> $r:ty;)*) => {$(
            fn $m(self, $($a: $t),*) -> Result<$r, S::Error> {
                self.0.$m($($a),*)
            }
        )*};
    }

    impl<S: serde::Serializer> serde::Serializer for Other<S> {
        type Ok = S::Ok;
        type Error = S::Error;
        type SerializeSeq = S::SerializeSeq;
        type SerializeTuple = S::SerializeTuple;
        type SerializeTupleStruct = S::SerializeTupleStruct;
        type SerializeTupleVariant = S::SerializeTupleVariant;
        type SerializeMap = S::SerializeMap;
        type SerializeStruct = S::SerializeStruct;
        type SerializeStructVariant = S::SerializeStructVariant;
        forward_ser! {
            serialize_bool(v: bool) -> S::Ok;
            serialize_i8(v: i8) -> S::Ok;
            serialize_i16(v: i16) -> S::Ok;
            serialize_i32(v: i32) -> S::Ok;
            serialize_i64(v: i64) -> S::Ok;
            serialize_u8(v: u8) -> S::Ok;
            serialize_u16(v: u16) -> S::Ok;
            serialize_u32(v: u32) -> S::Ok;
            serialize_u64(v: u64) -> S::Ok;
            serialize_f32(v: f32) -> S::Ok;
            serialize_f64(v: f64) -> S::Ok;
            serialize_char(v: char) -> S::Ok;
            serialize_str(v: &str) -> S::Ok;
            serialize_bytes(v: &[u8]) -> S::Ok;
            serialize_none() -> S::Ok;
            serialize_unit() -> S::Ok;
            serialize_unit_struct(n: &'static str) -> S::Ok;
            serialize_unit_variant(n: &'static str, i: u32, v: &'static str) -> S::Ok;
            serialize_seq(l: Option<usize>) -> S::SerializeSeq;
            serialize_tuple(l: usize) -> S::SerializeTuple;
            serialize_tuple_struct(n: &'static str, l: usize) -> S::SerializeTupleStruct;
            serialize_tuple_variant(n: &'static str, i: u32, v: &'static str, l: usize) -> S::SerializeTupleVariant;
            serialize_map(l: Option<usize>) -> S::SerializeMap;
            serialize_struct(n: &'static str, l: usize) -> S::SerializeStruct;
            serialize_struct_variant(n: &'static str, i: u32, v: &'static str, l: usize) -> S::SerializeStructVariant;
        }
        fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<S::Ok, S::Error> {
            self.0.serialize_some(v)
        }
        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            n: &'static str,
            v: &T,
        ) -> Result<S::Ok, S::Error> {
            self.0.serialize_newtype_struct(n, v)
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            n: &'static str,
            i: u32,
            var: &'static str,
            v: &T,
        ) -> Result<S::Ok, S::Error> {
            self.0.serialize_newtype_variant(n, i, var, v)
        }
    }
}
