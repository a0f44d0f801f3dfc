//! Deserialization machinery shared by every model type (private).
//!
//! Every type is read by a hand-written visitor in one pass over the input:
//! nothing is buffered into `serde_json::Value` or serde's `Content`.
//! Errors stay the deserializer's own error type while they bubble up; the
//! JSON path and the error category travel beside them in a [`Track`], the
//! way `serde_path_to_error` does it, but with static field names so that the
//! success path costs nothing.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, Expected, MapAccess, SeqAccess, Unexpected};
use serde_json::{Map, Value};

use crate::error::ErrorKind;
use crate::event_type::EventType;

/// One step of a JSON path.
#[derive(Debug, Clone)]
pub enum Segment {
    /// A field the crate knows, by its wire name.
    Field(&'static str),
    /// A key the crate does not know.
    Key(Box<str>),
    /// An array index.
    Index(usize),
}

/// Side channel for an error's path, kind and event type.
///
/// Segments are pushed while the error propagates, innermost first.
#[derive(Debug, Default)]
pub struct Track {
    path: RefCell<Vec<Segment>>,
    kind: Cell<Option<ErrorKind>>,
    event_type: RefCell<Option<EventType>>,
}

impl Track {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, segment: Segment) {
        self.path.borrow_mut().push(segment);
    }

    /// Records the kind of the error being created; the innermost one wins.
    pub fn set_kind(&self, kind: ErrorKind) {
        if self.kind.get().is_none() {
            self.kind.set(Some(kind));
        }
    }

    pub fn kind(&self) -> Option<ErrorKind> {
        self.kind.get()
    }

    pub fn set_event_type(&self, ty: &EventType) {
        *self.event_type.borrow_mut() = Some(ty.clone());
    }

    pub fn event_type(&self) -> Option<EventType> {
        self.event_type.borrow().clone()
    }

    /// The path as `data.spaceUsages[0].unit`.
    pub fn render_path(&self) -> String {
        render_path(self.path.borrow().iter().rev())
    }
}

/// Renders segments, outermost first.
pub fn render_path<'a>(segments: impl Iterator<Item = &'a Segment>) -> String {
    use fmt::Write;
    let mut out = String::new();
    for segment in segments {
        // Writing to a String cannot fail.
        let _ = match segment {
            Segment::Field(name) if out.is_empty() => write!(out, "{name}"),
            Segment::Field(name) => write!(out, ".{name}"),
            Segment::Key(key) if is_plain_key(key) && out.is_empty() => write!(out, "{key}"),
            Segment::Key(key) if is_plain_key(key) => write!(out, ".{key}"),
            Segment::Key(key) => write!(out, "[{}]", Value::from(&**key)),
            Segment::Index(i) => write!(out, "[{i}]"),
        };
    }
    out
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'$')
}

/// Records `kind` and makes the matching serde error.
pub fn missing<E: de::Error>(t: &Track, field: &'static str) -> E {
    t.set_kind(ErrorKind::MissingField);
    t.push(Segment::Field(field));
    E::missing_field(field)
}

pub fn duplicate<E: de::Error>(t: &Track, field: &'static str) -> E {
    t.set_kind(ErrorKind::DuplicateField);
    t.push(Segment::Field(field));
    E::duplicate_field(field)
}

pub fn invalid_value<E: de::Error>(t: &Track, unexp: Unexpected<'_>, exp: &dyn Expected) -> E {
    t.set_kind(ErrorKind::InvalidValue);
    // A message quotes at most the start of a long string: a 10 MB value
    // must not make a 10 MB error.
    const QUOTED: usize = 64;
    if let Unexpected::Str(v) = unexp {
        if v.len() > QUOTED {
            let cut = (0..=QUOTED)
                .rev()
                .find(|&i| v.is_char_boundary(i))
                .unwrap_or(0);
            let start = v.get(..cut).unwrap_or_default();
            let shown = format!("string {start:?}... ({} bytes)", v.len());
            return E::invalid_value(Unexpected::Other(&shown), exp);
        }
    }
    E::invalid_value(unexp, exp)
}

/// The error for a float where an integer belongs. `serde_json` hands over
/// integers beyond the `u64`/`i64` range as floats: those are out of range
/// (`InvalidValue`); any other float is the wrong type.
pub fn float_error<E: de::Error>(t: &Track, v: f64, exp: &dyn Expected) -> E {
    // 2^63 is the first float past `i64::MAX`. `-2^63` is `i64::MIN`, but an
    // integer literal that small arrives as `i64`: as a float it can only be
    // a rounded, smaller integer (or the float literal itself, an error too).
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if v.fract() == 0.0 && (v >= LIMIT || v <= -LIMIT) {
        invalid_value(t, Unexpected::Float(v), exp)
    } else {
        E::invalid_type(Unexpected::Float(v), exp)
    }
}

/// A value that can be read from any serde deserializer with path tracking.
pub trait Parse<'de>: Sized {
    fn parse<D: Deserializer<'de>>(d: D, t: &Track) -> Result<Self, D::Error>;
}

/// Adapts [`Parse`] to serde's seed API.
pub struct Seed<'t, T>(&'t Track, PhantomData<fn() -> T>);

impl<'t, T> Seed<'t, T> {
    pub fn new(t: &'t Track) -> Self {
        Seed(t, PhantomData)
    }
}

impl<'de, T: Parse<'de>> DeserializeSeed<'de> for Seed<'_, T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::parse(d, self.0)
    }
}

/// The known keys of one object, matched without allocating.
pub trait Fields: Sized {
    fn from_key(key: &str) -> Option<Self>;
}

/// An object key: a known field, or an unknown one kept by name.
pub enum Key<'de, F> {
    Known(F),
    Other(Cow<'de, str>),
}

pub struct KeySeed<F>(PhantomData<fn() -> F>);

impl<F> KeySeed<F> {
    pub fn new() -> Self {
        KeySeed(PhantomData)
    }
}

impl<'de, F: Fields> DeserializeSeed<'de> for KeySeed<F> {
    type Value = Key<'de, F>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de, F: Fields> de::Visitor<'de> for KeySeed<F> {
    type Value = Key<'de, F>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(F::from_key(v).map_or_else(|| Key::Other(Cow::Owned(v.to_owned())), Key::Known))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(F::from_key(v).map_or(Key::Other(Cow::Borrowed(v)), Key::Known))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(match F::from_key(&v) {
            Some(f) => Key::Known(f),
            None => Key::Other(Cow::Owned(v)),
        })
    }
}

/// Reads the value of a known field into its slot: duplicates are errors,
/// and a failure inside the value gets the field's name on its path.
pub fn read_field<'de, A, T>(
    map: &mut A,
    t: &Track,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Parse<'de>,
{
    if slot.is_some() {
        return Err(duplicate(t, name));
    }
    match map.next_value_seed(Seed::<T>::new(t)) {
        Ok(v) => {
            *slot = Some(v);
            Ok(())
        }
        Err(e) => {
            t.push(Segment::Field(name));
            Err(e)
        }
    }
}

/// Reads the value of a key the crate does not know into `extra`, as sent.
pub fn read_extra<'de, A: MapAccess<'de>>(
    map: &mut A,
    t: &Track,
    extra: &mut Map<String, Value>,
    key: Cow<'de, str>,
) -> Result<(), A::Error> {
    // One lookup per key: many unknown keys must stay cheap.
    match extra.entry(key.into_owned()) {
        serde_json::map::Entry::Occupied(entry) => {
            t.set_kind(ErrorKind::DuplicateField);
            t.push(Segment::Key(entry.key().as_str().into()));
            Err(de::Error::custom(format_args!(
                "duplicate field `{}`",
                entry.key()
            )))
        }
        serde_json::map::Entry::Vacant(entry) => match map.next_value::<Value>() {
            Ok(v) => {
                entry.insert(v);
                Ok(())
            }
            Err(e) => {
                t.push(Segment::Key(entry.key().as_str().into()));
                Err(e)
            }
        },
    }
}

/// Reads a JSON array, adding the index of a failing element to the path.
impl<'de, T: Parse<'de>> Parse<'de> for Vec<T> {
    fn parse<D: Deserializer<'de>>(d: D, t: &Track) -> Result<Self, D::Error> {
        struct V<'t, T>(&'t Track, PhantomData<fn() -> T>);
        impl<'de, T: Parse<'de>> de::Visitor<'de> for V<'_, T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut out = Vec::new();
                loop {
                    match seq.next_element_seed(Seed::<T>::new(self.0)) {
                        Ok(Some(v)) => out.push(v),
                        Ok(None) => return Ok(out),
                        Err(e) => {
                            self.0.push(Segment::Index(out.len()));
                            return Err(e);
                        }
                    }
                }
            }
        }
        d.deserialize_seq(V(t, PhantomData))
    }
}

/// `Option<T>` means *nullable*: JSON `null` reads as `None`. Whether a
/// field may be absent is decided by the struct that holds it.
impl<'de, T: Parse<'de>> Parse<'de> for Option<T> {
    fn parse<D: Deserializer<'de>>(d: D, t: &Track) -> Result<Self, D::Error> {
        struct V<'t, T>(&'t Track, PhantomData<fn() -> T>);
        impl<'de, T: Parse<'de>> de::Visitor<'de> for V<'_, T> {
            type Value = Option<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
                T::parse(d, self.0).map(Some)
            }
        }
        d.deserialize_option(V(t, PhantomData))
    }
}

/// Boxes keep rarely sent nested objects out of the event's inline size.
impl<'de, T: Parse<'de>> Parse<'de> for Box<T> {
    fn parse<D: Deserializer<'de>>(d: D, t: &Track) -> Result<Self, D::Error> {
        T::parse(d, t).map(Box::new)
    }
}

impl<'de> Parse<'de> for String {
    fn parse<D: Deserializer<'de>>(d: D, _: &Track) -> Result<Self, D::Error> {
        String::deserialize(d)
    }
}

impl<'de> Parse<'de> for Box<str> {
    fn parse<D: Deserializer<'de>>(d: D, _: &Track) -> Result<Self, D::Error> {
        Box::<str>::deserialize(d)
    }
}

impl<'de> Parse<'de> for bool {
    fn parse<D: Deserializer<'de>>(d: D, _: &Track) -> Result<Self, D::Error> {
        bool::deserialize(d)
    }
}

impl<'de> Parse<'de> for Value {
    fn parse<D: Deserializer<'de>>(d: D, _: &Track) -> Result<Self, D::Error> {
        Value::deserialize(d)
    }
}

/// int64: integers only, never wrapped, truncated or read from strings.
impl<'de> Parse<'de> for i64 {
    fn parse<D: Deserializer<'de>>(d: D, t: &Track) -> Result<Self, D::Error> {
        struct V<'t>(&'t Track);
        impl de::Visitor<'_> for V<'_> {
            type Value = i64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("i64")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
                Ok(v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
                i64::try_from(v).map_err(|_| invalid_value(self.0, Unexpected::Unsigned(v), &self))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
                Err(float_error(self.0, v, &self))
            }
        }
        d.deserialize_i64(V(t))
    }
}

/// RFC 3339 with any offset, normalised to UTC.
impl<'de> Parse<'de> for DateTime<Utc> {
    fn parse<D: Deserializer<'de>>(d: D, t: &Track) -> Result<Self, D::Error> {
        struct V<'t>(&'t Track);
        impl de::Visitor<'_> for V<'_> {
            type Value = DateTime<Utc>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 date-time")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                crate::time::parse(v)
                    .ok_or_else(|| invalid_value(self.0, Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(V(t))
    }
}

/// How a field is written: as itself, except date-times, which take the
/// fast RFC 3339 writer.
pub trait Wire {
    type Out<'a>: serde::Serialize
    where
        Self: 'a;
    fn wire(&self) -> Self::Out<'_>;
}

/// `Wire` as `Serialize` itself, for types written as they are.
macro_rules! wire_as_is {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::de::Wire for $ty {
            type Out<'a> = &'a $ty;
            fn wire(&self) -> &$ty {
                self
            }
        }
    )*};
}
pub(crate) use wire_as_is;

wire_as_is!(String, i64, bool, Value);

impl<T: serde::Serialize> Wire for Vec<T> {
    type Out<'a>
        = &'a Vec<T>
    where
        T: 'a;
    fn wire(&self) -> &Vec<T> {
        self
    }
}

impl<T: serde::Serialize> Wire for Box<T> {
    type Out<'a>
        = &'a T
    where
        T: 'a;
    fn wire(&self) -> &T {
        self
    }
}

impl Wire for DateTime<Utc> {
    type Out<'a> = crate::time::Rfc3339<'a>;
    fn wire(&self) -> crate::time::Rfc3339<'_> {
        crate::time::Rfc3339(self)
    }
}

impl Wire for Option<DateTime<Utc>> {
    type Out<'a> = Option<crate::time::Rfc3339<'a>>;
    fn wire(&self) -> Option<crate::time::Rfc3339<'_>> {
        self.as_ref().map(crate::time::Rfc3339)
    }
}

/// Declares a payload struct and its reader and writer from one field table.
///
/// Each field is `name: KIND Type = "wireName"`, where KIND is `req`
/// (required), `opt` (may be absent; stored as `Option`) or `dflt`
/// (required by the spec but absent in published examples; absent reads as
/// `Default`). Keys the table does not list are kept in `extra`.
macro_rules! payload {
    (
        $(#[$meta:meta])*
        pub struct $name:ident, builder $builder:ident {
            $(
                $(#[$fmeta:meta])*
                $field:ident : $kind:ident $ty:ty = $key:literal
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct $name {
            $(
                $(#[$fmeta])*
                pub $field: $crate::de::field_ty!($kind $ty),
            )*
            /// Fields the spec does not list, kept as sent and written back.
            pub extra: ::serde_json::Map<String, ::serde_json::Value>,
        }

        #[doc = concat!("Builds a [`", stringify!($name), "`]: set the fields, then [`build`](", stringify!($builder), "::build).")]
        ///
        /// Required fields left unset make `build` fail with an error of kind
        /// [`MissingField`](crate::ErrorKind::MissingField) naming them.
        #[derive(Clone, Debug, Default)]
        #[must_use]
        pub struct $builder {
            $($field: Option<$ty>,)*
            extra: ::serde_json::Map<String, ::serde_json::Value>,
        }

        impl $name {
            #[doc = concat!("A builder for [`", stringify!($name), "`].")]
            pub fn builder() -> $builder {
                $builder::default()
            }
        }

        impl $builder {
            $(
                #[doc = concat!("Sets `", $key, "`.")]
                // Setter names are the fields' (`sub`, say), not trait methods.
                #[allow(clippy::should_implement_trait)]
                pub fn $field(mut self, value: impl Into<$ty>) -> Self {
                    self.$field = Some(value.into());
                    self
                }
            )*

            /// Adds a field the spec does not list (kept in `extra`).
            pub fn extra(mut self, key: impl Into<String>, value: ::serde_json::Value) -> Self {
                self.extra.insert(key.into(), value);
                self
            }

            #[doc = concat!("The [`", stringify!($name), "`], or an error naming every required field left unset.")]
            pub fn build(self) -> Result<$name, $crate::Error> {
                #[allow(unused_mut)] // Payloads without required fields.
                let mut missing: Vec<&'static str> = Vec::new();
                $($crate::de::check_set!($kind, self.$field, $key, missing);)*
                if let Some(first) = missing.first() {
                    return Err($crate::Error::missing_fields(first, &missing));
                }
                Ok($name {
                    $($field: $crate::de::take_set!($kind, self.$field),)*
                    extra: self.extra,
                })
            }
        }

        const _: () = {
            use $crate::de::{Fields, Key, KeySeed, Parse, Track};
            use ::serde::de::{Deserializer, MapAccess, Visitor};
            use ::serde::ser::{Error as _, SerializeMap, Serializer};

            #[allow(non_camel_case_types)]
            enum F {
                $($field,)*
            }

            impl Fields for F {
                #[inline]
                fn from_key(key: &str) -> Option<Self> {
                    match key {
                        $($key => Some(F::$field),)*
                        _ => None,
                    }
                }
            }

            impl<'de> Parse<'de> for $name {
                fn parse<D: Deserializer<'de>>(d: D, t: &Track) -> Result<Self, D::Error> {
                    struct V<'t>(&'t Track);
                    impl<'de> Visitor<'de> for V<'_> {
                        type Value = $name;
                        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.write_str(concat!("a ", stringify!($name), " object"))
                        }
                        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                            $(let mut $field: Option<$ty> = None;)*
                            let mut extra = ::serde_json::Map::new();
                            while let Some(key) = map.next_key_seed(KeySeed::<F>::new())? {
                                match key {
                                    $(Key::Known(F::$field) =>
                                        $crate::de::read_field(&mut map, self.0, &mut $field, $key)?,)*
                                    Key::Other(k) => $crate::de::read_extra(&mut map, self.0, &mut extra, k)?,
                                }
                            }
                            Ok($name {
                                $($field: $crate::de::finish_field!($kind, $field, $key, self.0),)*
                                extra,
                            })
                        }
                    }
                    d.deserialize_map(V(t))
                }
            }

            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    <$name as Parse>::parse(d, &Track::new())
                }
            }

            $crate::de::wire_as_is!($name);

            $crate::write::write_json!($name, |this, out| {
                let mut o = $crate::write::Object::begin(out);
                $($crate::de::write_field!($kind, o, $key, this.$field);)*
                for (k, v) in &this.extra {
                    if F::from_key(k).is_some() {
                        return Err($crate::Error::new(
                            $crate::ErrorKind::Serialize,
                            "",
                            format!(
                                concat!("`extra` of ", stringify!($name), " holds `{}`, a field of the struct itself"),
                                k
                            ),
                        ));
                    }
                    o.entry(k, v)?;
                }
                o.end();
                Ok(())
            });

            impl ::serde::Serialize for $name {
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    let mut m = s.serialize_map(None)?;
                    $($crate::de::emit_field!($kind, m, $key, self.$field);)*
                    for (k, v) in &self.extra {
                        if F::from_key(k).is_some() {
                            return Err(S::Error::custom(format_args!(
                                concat!("`extra` of ", stringify!($name), " holds `{}`, a field of the struct itself"),
                                k
                            )));
                        }
                        m.serialize_entry(k, v)?;
                    }
                    m.end()
                }
            }
        };
    };
}
pub(crate) use payload;

macro_rules! field_ty {
    (req $ty:ty) => { $ty };
    (dflt $ty:ty) => { $ty };
    (opt $ty:ty) => { Option<$ty> };
}
pub(crate) use field_ty;

macro_rules! finish_field {
    (req, $v:ident, $key:literal, $t:expr) => {
        match $v {
            Some(v) => v,
            None => return Err($crate::de::missing($t, $key)),
        }
    };
    (dflt, $v:ident, $key:literal, $t:expr) => {
        $v.unwrap_or_default()
    };
    (opt, $v:ident, $key:literal, $t:expr) => {
        $v
    };
}
pub(crate) use finish_field;

macro_rules! check_set {
    (req, $v:expr, $key:literal, $missing:ident) => {
        if $v.is_none() {
            $missing.push($key);
        }
    };
    ($kind:ident, $v:expr, $key:literal, $missing:ident) => {};
}
pub(crate) use check_set;

macro_rules! take_set {
    (req, $v:expr) => {
        match $v {
            Some(v) => v,
            // Unreachable: `check_set` returned early.
            None => return Err($crate::Error::missing_fields("", &[])),
        }
    };
    (dflt, $v:expr) => {
        $v.unwrap_or_default()
    };
    (opt, $v:expr) => {
        $v
    };
}
pub(crate) use take_set;

macro_rules! write_field {
    (opt, $o:ident, $key:literal, $v:expr) => {
        if let Some(v) = &$v {
            $o.field(concat!(",\"", $key, "\":"), v)?;
        }
    };
    ($kind:ident, $o:ident, $key:literal, $v:expr) => {
        $o.field(concat!(",\"", $key, "\":"), &$v)?;
    };
}
pub(crate) use write_field;

macro_rules! emit_field {
    (opt, $m:ident, $key:literal, $v:expr) => {
        if let Some(v) = &$v {
            $m.serialize_entry($key, &$crate::de::Wire::wire(v))?;
        }
    };
    ($kind:ident, $m:ident, $key:literal, $v:expr) => {
        $m.serialize_entry($key, &$crate::de::Wire::wire(&$v))?;
    };
}
pub(crate) use emit_field;

/// Declares a closed set of string values ("Allowed values" in the spec).
macro_rules! closed_set {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($expecting:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value of the set, in the order the spec lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire string.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($wire => Ok($name::$variant),)+
                    _ => Err($crate::Error::invalid_value(
                        format!("invalid value: string {:?}, expected {}", s, $expecting),
                    )),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::de::Parse<'de> for $name {
            fn parse<D: ::serde::Deserializer<'de>>(d: D, t: &$crate::de::Track) -> Result<Self, D::Error> {
                struct V<'t>(&'t $crate::de::Track);
                impl ::serde::de::Visitor<'_> for V<'_> {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        match v {
                            $($wire => Ok($name::$variant),)+
                            _ => Err($crate::de::invalid_value(self.0, ::serde::de::Unexpected::Str(v), &self)),
                        }
                    }
                }
                d.deserialize_str(V(t))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$name as $crate::de::Parse>::parse(d, &$crate::de::Track::new())
            }
        }

        $crate::de::wire_as_is!($name);

        $crate::write::write_json!($name, |this, out| {
            // Closed-set values are plain ASCII: nothing to escape.
            out.push(b'"');
            out.extend_from_slice(this.as_str().as_bytes());
            out.push(b'"');
            Ok(())
        });
    };
}
pub(crate) use closed_set;
