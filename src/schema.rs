//! What the crate knows about each payload's fields, as data: wire names,
//! whether each is required, and the shape of its value.
//!
//! Generated from the same field tables that generate the payload structs,
//! their readers and their writers, so it cannot disagree with what parsing
//! checks; the crate's own tests pin it to the vendor's published pages.
//! Use it to write documentation (a table of fields per event type), to
//! generate test data or fuzz inputs that reach every field, or to validate
//! a form before building an event, without a list of your own to keep up
//! to date when the crate adds a field or an event type.
//!
//! - [`EventType::data_fields`](crate::EventType::data_fields): the fields
//!   of a type's `data`, and [`requires_data`](crate::EventType::requires_data),
//!   [`requires_tenant_id`](crate::EventType::requires_tenant_id) and
//!   [`requires_type`](crate::EventType::requires_type) for the envelope;
//! - `FIELDS` on every payload struct (`LeaseCreated::FIELDS`, and nested
//!   ones such as `DataVolume::FIELDS`);
//! - [`Described`]: the [`Shape`] of any field type.
//!
//! A documentation table of every event type's `data`, nested objects
//! included:
//!
//! ```
//! use qlik_events::EventType;
//! use qlik_events::schema::{Field, Presence, Shape};
//!
//! fn rows(prefix: &str, fields: &[Field], out: &mut Vec<String>) {
//!     for field in fields {
//!         let path = format!("{prefix}{}", field.name);
//!         let required = matches!(field.presence, Presence::Required | Presence::Defaulted);
//!         out.push(format!("| `{path}` | {} | {} |", field.shape, if required { "Yes" } else { "No" }));
//!         if let Some(nested) = field.shape.fields() {
//!             rows(&format!("{path}."), nested, out);
//!         }
//!     }
//! }
//!
//! for ty in EventType::KNOWN {
//!     let mut table = Vec::new();
//!     rows("data.", ty.data_fields().unwrap_or_default(), &mut table);
//!     assert!(!table.is_empty(), "{ty}");
//! }
//! let mut table = Vec::new();
//! rows("data.", EventType::LeaseUpdated.data_fields().unwrap(), &mut table);
//! assert!(table.contains(&"| `data._updates.path` | string | Yes |".to_owned()));
//! assert!(table.contains(&"| `data.createdAt` | date-time or null | Yes |".to_owned()));
//! ```
//!
//! Checking a form's values before building a payload:
//!
//! ```
//! use qlik_events::app_usage::QuotaConsumed;
//! use qlik_events::schema::{Presence, Shape};
//!
//! let form = [("unit", "kb"), ("quota", "appSizeTotalDefault")];
//! let mut problems = Vec::new();
//! for field in QuotaConsumed::FIELDS {
//!     match form.iter().find(|(name, _)| *name == field.name) {
//!         None if field.presence == Presence::Required => problems.push(format!("{} is required", field.name)),
//!         Some((_, value)) => {
//!             if let Shape::OneOf(allowed) = field.shape {
//!                 if !allowed.contains(value) {
//!                     problems.push(format!("{}: one of {allowed:?}", field.name));
//!                 }
//!             }
//!         }
//!         None => {}
//!     }
//! }
//! assert_eq!(problems, ["unit: one of [\"byte\"]", "usage is required"]);
//! ```

use std::fmt;

use chrono::{DateTime, Utc};
use serde_json::Value;

/// One field of a payload: its wire name, whether it must be present, and
/// the shape of its value.
///
/// ```
/// use qlik_events::licenses::TenantAssociated;
/// use qlik_events::schema::{Presence, Shape};
///
/// let field = &TenantAssociated::FIELDS[1];
/// assert_eq!(field.name, "parentLicense");
/// assert_eq!(field.presence, Presence::Required);
/// assert_eq!(field.shape, Shape::String);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Field {
    /// The wire name, as in the JSON object (`leasedQuantity`, `_updates`).
    pub name: &'static str,
    /// Whether the field must be present.
    pub presence: Presence,
    /// The value's shape.
    pub shape: Shape,
}

/// Whether a field must be present in its object.
///
/// ```
/// use qlik_events::licenses::LeaseUpdate;
/// use qlik_events::schema::Presence;
///
/// let presence: Vec<_> = LeaseUpdate::FIELDS.iter().map(|f| (f.name, f.presence)).collect();
/// assert_eq!(presence, [
///     ("path", Presence::Required),
///     ("newValue", Presence::Defaulted), // required by the spec, absent in its example
///     ("oldValue", Presence::Defaulted),
/// ]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Presence {
    /// Must be present: an event without it is an error of kind
    /// [`MissingField`](crate::ErrorKind::MissingField).
    Required,
    /// May be absent (the struct holds an `Option`).
    Optional,
    /// Required by the spec, but absent in the vendor's own examples: an
    /// absent one reads as the type's default (`null` for any JSON value)
    /// and is always written.
    Defaulted,
}

/// The shape of a field's value, in JSON terms.
///
/// `Display` gives a short name for documentation (`integer (int64)`,
/// `array of object`, `date-time or null`).
///
/// ```
/// use qlik_events::licenses::{DefinitionUpdated, LeaseCreated};
/// use qlik_events::schema::{Described, Shape};
///
/// let created_at = LeaseCreated::FIELDS.iter().find(|f| f.name == "createdAt").unwrap();
/// assert_eq!(created_at.shape, Shape::Nullable(&Shape::DateTime));
/// assert_eq!(created_at.shape.to_string(), "date-time or null");
///
/// let valid = DefinitionUpdated::FIELDS.iter().find(|f| f.name == "valid").unwrap();
/// assert_eq!(valid.shape.fields().map(|f| f.len()), Some(2)); // `Start`, `Stop`
/// assert_eq!(<Vec<i64>>::SHAPE, Shape::Array(&Shape::Integer));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// A JSON string.
    String,
    /// A string holding an RFC 3339 date-time (`2018-10-30T07:06:22Z`).
    DateTime,
    /// A JSON integer in the range of `i64` (the spec's `int64`).
    Integer,
    /// `true` or `false`.
    Boolean,
    /// A string from a closed set (the spec's "Allowed values"), in the
    /// spec's order.
    OneOf(&'static [&'static str]),
    /// A license number: a string, or a JSON integer (see
    /// [`License`](crate::licenses::License) for why both).
    LicenseNumber,
    /// A JSON object with these fields; keys it does not list are kept as
    /// sent (`extra`).
    Object(&'static [Field]),
    /// A JSON array of values of one shape.
    Array(&'static Shape),
    /// A value of the shape, or `null`.
    Nullable(&'static Shape),
    /// Any JSON value, `null` included.
    Any,
}

impl Shape {
    /// The fields of an object, also through [`Array`](Shape::Array) and
    /// [`Nullable`](Shape::Nullable): what to recurse into.
    ///
    /// ```
    /// use qlik_events::app_usage::QuotaConsumed;
    /// use qlik_events::schema::Shape;
    ///
    /// let space_usages = QuotaConsumed::FIELDS.iter().find(|f| f.name == "spaceUsages").unwrap();
    /// let names: Vec<_> = space_usages.shape.fields().unwrap().iter().map(|f| f.name).collect();
    /// assert_eq!(names, ["unit", "usage", "spaceId"]);
    /// assert_eq!(Shape::Integer.fields(), None);
    /// ```
    pub const fn fields(&self) -> Option<&'static [Field]> {
        match self {
            Shape::Object(fields) => Some(fields),
            Shape::Array(inner) | Shape::Nullable(inner) => inner.fields(),
            _ => None,
        }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::String => f.write_str("string"),
            Shape::DateTime => f.write_str("date-time"),
            Shape::Integer => f.write_str("integer (int64)"),
            Shape::Boolean => f.write_str("boolean"),
            Shape::OneOf(values) => write!(f, "one of {}", values.join(" | ")),
            Shape::LicenseNumber => f.write_str("license number"),
            Shape::Object(_) => f.write_str("object"),
            Shape::Array(inner) => write!(f, "array of {inner}"),
            Shape::Nullable(inner) => write!(f, "{inner} or null"),
            Shape::Any => f.write_str("any"),
        }
    }
}

/// A type whose JSON shape the crate states: every field type of every
/// payload (generated for payload structs and closed sets).
///
/// ```
/// use qlik_events::app_usage::Unit;
/// use qlik_events::licenses::DataVolume;
/// use qlik_events::schema::{Described, Shape};
///
/// assert_eq!(Unit::SHAPE, Shape::OneOf(&["byte"]));
/// assert_eq!(DataVolume::SHAPE, Shape::Object(DataVolume::FIELDS));
/// assert_eq!(<Option<String>>::SHAPE, Shape::Nullable(&Shape::String));
/// ```
pub trait Described {
    /// The shape of the type's JSON value.
    const SHAPE: Shape;
}

impl Described for String {
    const SHAPE: Shape = Shape::String;
}

impl Described for i64 {
    const SHAPE: Shape = Shape::Integer;
}

impl Described for bool {
    const SHAPE: Shape = Shape::Boolean;
}

impl Described for DateTime<Utc> {
    const SHAPE: Shape = Shape::DateTime;
}

impl Described for Value {
    const SHAPE: Shape = Shape::Any;
}

/// `null` or a `T`.
impl<T: Described> Described for Option<T> {
    const SHAPE: Shape = Shape::Nullable(&T::SHAPE);
}

impl<T: Described> Described for Vec<T> {
    const SHAPE: Shape = Shape::Array(&T::SHAPE);
}

/// As `T`: boxing does not show on the wire.
impl<T: Described> Described for Box<T> {
    const SHAPE: Shape = T::SHAPE;
}

/// The [`Presence`] of a field-table kind (`req`, `opt`, `dflt`).
macro_rules! presence {
    (req) => {
        $crate::schema::Presence::Required
    };
    (opt) => {
        $crate::schema::Presence::Optional
    };
    (dflt) => {
        $crate::schema::Presence::Defaulted
    };
}
pub(crate) use presence;
