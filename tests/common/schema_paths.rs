//! The paths of a payload's fields, from its schema and from a value, to
//! check that generated data covers every field.

use std::collections::BTreeSet;

use qlik_events::schema::{Field, Shape};
use serde_json::Value;

/// The names of every field of `fields`, nested ones as `a.b` (array items
/// as `a[].b`).
pub fn field_paths(prefix: &str, fields: &[Field], out: &mut BTreeSet<String>) {
    for field in fields {
        let mut path = format!("{prefix}{}", field.name);
        out.insert(path.clone());
        let mut shape = field.shape;
        loop {
            match shape {
                Shape::Array(item) => {
                    path.push_str("[]");
                    shape = *item;
                }
                Shape::Nullable(inner) => shape = *inner,
                _ => break,
            }
        }
        if let Shape::Object(nested) = shape {
            field_paths(&format!("{path}."), nested, out);
        }
    }
}

/// The same names, as present in a value.
pub fn value_paths(prefix: &str, value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(object) => {
            for (key, v) in object {
                let path = format!("{prefix}{key}");
                out.insert(path.clone());
                value_paths(&format!("{path}."), v, out);
            }
        }
        Value::Array(items) => {
            let prefix = format!("{}[].", prefix.trim_end_matches('.'));
            for item in items {
                value_paths(&prefix, item, out);
            }
        }
        _ => {}
    }
}
