//! Macros that declare the model types from one table each (private):
//! the struct, its builder, its reader, its writers.

use chrono::{DateTime, Utc};
use serde::de::Deserializer;
use serde_json::Value;

use crate::error::Error;
use crate::read::{FromJson, Reader};

/// Reads a whole JSON text as one `T`: nothing but whitespace may follow.
pub(crate) fn read_whole<'de, T: FromJson<'de>>(r: &mut Reader<'de>) -> Result<T, Error> {
    T::read(r)
        .and_then(|v| r.end().map(|()| v))
        .map_err(|f| f.into_error(r.input(), None))
}

/// serde's entry point for a type the reader reads: the value's JSON text
/// (as sent, from serde_json; written out, from any other format; see
/// `serde_any`), read with every check. The message names the event type
/// and path, without a position in that text: serde_json adds the position
/// of the value, other formats theirs if they have one.
pub(crate) fn deserialize_with<'de, D, T>(
    d: D,
    read: impl FnOnce(&str) -> Result<T, Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let text = crate::serde_any::json_text(d)?;
    read(&text).map_err(|e| serde::de::Error::custom(e.without_position()))
}

/// How a field is written by the `Serialize` impls: as itself, except
/// date-times, which take the fast RFC 3339 writer.
pub trait Wire {
    type Out<'a>: serde::Serialize
    where
        Self: 'a;
    fn wire(&self) -> Self::Out<'_>;
}

/// `Wire` as `Serialize` itself, for types written as they are.
macro_rules! wire_as_is {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::model::Wire for $ty {
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

/// The error of a payload whose `extra` holds one of its own fields:
/// writing it would repeat a key.
#[cold]
pub(crate) fn shadowed(payload: &str, key: &str) -> String {
    format!("`extra` of {payload} holds `{key}`, a field of the struct itself")
}

/// Declares a payload struct, its builder, reader and writers from one
/// field table.
///
/// Each field is `name: KIND Type = "wireName"`, where KIND is `req`
/// (required), `opt` (may be absent; stored as `Option`) or `dflt`
/// (required by the spec but absent in published examples; absent reads as
/// `Default`). Keys the table does not list are kept in `extra`. Doc
/// attributes between `,` and `builder` go on the builder (its example).
macro_rules! payload {
    (
        $(#[$meta:meta])*
        pub struct $name:ident, $(#[$bmeta:meta])* builder $builder:ident {
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
                pub $field: $crate::model::field_ty!($kind $ty),
            )*
            /// Fields the spec does not list, kept as sent and written back.
            pub extra: $crate::Extra,
        }

        #[doc = concat!("Builds a [`", stringify!($name), "`]: set the fields, then [`build`](", stringify!($builder), "::build).")]
        ///
        /// Required fields left unset make `build` fail with an error of kind
        /// [`MissingField`](crate::ErrorKind::MissingField) naming them.
        $(#[$bmeta])*
        #[cfg(feature = "builder")]
        #[derive(Clone, Debug, Default)]
        #[must_use]
        pub struct $builder {
            $($field: Option<$ty>,)*
            extra: $crate::Extra,
        }

        #[cfg(feature = "builder")]
        impl $name {
            #[doc = concat!("A builder for [`", stringify!($name), "`].")]
            pub fn builder() -> $builder {
                $builder::default()
            }
        }

        #[cfg(feature = "builder")]
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
                self.extra.insert(key, value);
                self
            }

            #[doc = concat!("The [`", stringify!($name), "`], or an error naming every required field left unset.")]
            pub fn build(self) -> Result<$name, $crate::Error> {
                #[allow(unused_mut)] // Payloads without required fields.
                let mut missing: Vec<&'static str> = Vec::new();
                $($crate::model::check_set!($kind, self.$field, $key, missing);)*
                if let Some(first) = missing.first() {
                    return Err($crate::Error::missing_fields(first, &missing));
                }
                Ok($name {
                    $($field: $crate::model::take_set!($kind, self.$field),)*
                    extra: self.extra,
                })
            }
        }

        impl $name {
            /// Whether `key` is the wire name of one of the struct's fields.
            fn is_field(key: &str) -> bool {
                matches!(key, $($key)|*)
            }

            #[doc = concat!("The fields of [`", stringify!($name), "`], in the struct's order: wire")]
            /// name, presence and shape; see [`schema`](crate::schema).
            pub const FIELDS: &'static [$crate::schema::Field] = &[$(
                $crate::schema::Field {
                    name: $key,
                    presence: $crate::schema::presence!($kind),
                    shape: <$ty as $crate::schema::Described>::SHAPE,
                },
            )*];
        }

        /// An object of [`FIELDS`](Self::FIELDS).
        impl $crate::schema::Described for $name {
            const SHAPE: $crate::schema::Shape = $crate::schema::Shape::Object(Self::FIELDS);
        }

        impl<'de> $crate::read::FromJson<'de> for $name {
            fn read(r: &mut $crate::read::Reader<'de>) -> $crate::read::Res<Self> {
                #[allow(non_camel_case_types)]
                #[derive(Clone, Copy)]
                enum F {
                    $($field,)*
                }
                const NAMES: &[&str] = &[$($key),*];
                const FIELDS: &[F] = &[$(F::$field),*];
                r.map(&concat!("a ", stringify!($name), " object"), |r| {
                    $(let mut $field: Option<$ty> = None;)*
                    let mut extra = $crate::extra::ExtraReader::default();
                    let mut first = true;
                    let mut next = 0;
                    while let Some(key) = r.key_in(&mut first, NAMES, &mut next)? {
                        match key {
                            $crate::read::Key::Known(i) => match FIELDS.get(i) {
                                $(Some(F::$field) => r.field(&mut $field, $key)?,)*
                                None => {}
                            },
                            $crate::read::Key::Other(key) => extra.read(r, key)?,
                        }
                    }
                    Ok($name {
                        $($field: $crate::model::finish_field!($kind, $field, $key),)*
                        extra: extra.finish(),
                    })
                })
            }
        }

        /// Reads one JSON object with every check; see [`Deserialize`](crate#deserialize)
        /// in the crate docs.
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::model::deserialize_with(d, |text| {
                    $crate::model::read_whole(&mut $crate::read::Reader::from_str(text))
                })
            }
        }

        $crate::model::wire_as_is!($name);

        $crate::write::write_json!($name, |this, out| {
            let mut o = $crate::write::Object::begin(out);
            $($crate::model::write_field!($kind, o, $key, this.$field);)*
            for (k, v) in &this.extra {
                if $name::is_field(k) {
                    return Err($crate::Error::new(
                        $crate::ErrorKind::Serialize,
                        "",
                        $crate::model::shadowed(stringify!($name), k),
                    ));
                }
                o.entry(k, v)?;
            }
            o.end();
            Ok(())
        });

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::{Error as _, SerializeMap};
                let mut m = s.serialize_map(None)?;
                $($crate::model::emit_field!($kind, m, $key, self.$field);)*
                for (k, v) in &self.extra {
                    if $name::is_field(k) {
                        return Err(S::Error::custom($crate::model::shadowed(stringify!($name), k)));
                    }
                    m.serialize_entry(k, &$crate::serde_any::AnyJson(v, k))?;
                }
                m.end()
            }
        }
    };
}
pub(crate) use payload;

macro_rules! field_ty {
    (req $ty:ty) => { $ty };
    (dflt $ty:ty) => { $ty };
    (opt $ty:ty) => { Option<$ty> };
}
pub(crate) use field_ty;

/// A field's value once the object is read: a required one that was not
/// there fails (positioned, as in serde_json, after the object).
macro_rules! finish_field {
    (req, $v:ident, $key:literal) => {
        match $v {
            Some(v) => v,
            None => return Err($crate::read::Fail::missing($key)),
        }
    };
    (dflt, $v:ident, $key:literal) => {
        $v.unwrap_or_default()
    };
    (opt, $v:ident, $key:literal) => {
        $v
    };
}
pub(crate) use finish_field;

#[cfg(feature = "builder")]
macro_rules! check_set {
    (req, $v:expr, $key:literal, $missing:ident) => {
        if $v.is_none() {
            $missing.push($key);
        }
    };
    ($kind:ident, $v:expr, $key:literal, $missing:ident) => {};
}
#[cfg(feature = "builder")]
pub(crate) use check_set;

#[cfg(feature = "builder")]
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
#[cfg(feature = "builder")]
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
            $m.serialize_entry($key, &$crate::model::Wire::wire(v))?;
        }
    };
    ($kind:ident, $m:ident, $key:literal, $v:expr) => {
        $m.serialize_entry($key, &$crate::model::Wire::wire(&$v))?;
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

            /// The value with this wire string (exact match).
            fn from_wire(s: &[u8]) -> Option<Self> {
                $(if $crate::read::same_bytes(s, $wire.as_bytes()) {
                    return Some($name::$variant);
                })+
                None
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// [`OneOf`](crate::schema::Shape::OneOf) the wire strings of
        /// [`ALL`](Self::ALL).
        impl $crate::schema::Described for $name {
            const SHAPE: $crate::schema::Shape = $crate::schema::Shape::OneOf(&[$($wire),+]);
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::from_wire(s.as_bytes()).ok_or_else(|| {
                    $crate::Error::invalid_value(format!(
                        "invalid value: {}, expected {}",
                        $crate::read::Unexp::Str(s),
                        $expecting
                    ))
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::read::FromJson<'de> for $name {
            #[inline]
            fn read(r: &mut $crate::read::Reader<'de>) -> $crate::read::Res<Self> {
                r.str_as(&$expecting, $name::from_wire)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::from_wire(s.as_bytes()).ok_or_else(|| {
                    ::serde::de::Error::invalid_value(::serde::de::Unexpected::Str(&s), &$expecting)
                })
            }
        }

        $crate::model::wire_as_is!($name);

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
