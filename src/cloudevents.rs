//! Conversions to and from [`cloudevents::Event`] of
//! the CloudEvents Rust SDK, `cloudevents-sdk` 0.9 (feature `cloudevents`).
//!
//! Qlik events are CloudEvents 1.0, so every event the SDK can hold maps to
//! a [`QlikEvent`] and back:
//!
//! ```
//! use cloudevents::AttributesReader;
//! use qlik_events::QlikEvent;
//!
//! let json = include_str!("../tests/fixtures/com.qlik.v1.license.lease.created.json");
//! let event = qlik_events::from_str(json)?;
//!
//! let ce = cloudevents::Event::try_from(&event)?;
//! assert_eq!(ce.ty(), "com.qlik.v1.license.lease.created");
//! assert_eq!(ce.source(), "string");
//! // Qlik's attributes are CloudEvents extensions of the same name.
//! assert_eq!(ce.extension("tenantid").map(|v| v.to_string()).as_deref(), Some("string"));
//!
//! let back = QlikEvent::try_from(ce)?;
//! assert_eq!(back, event);
//! # Ok::<(), qlik_events::Error>(())
//! ```
//!
//! The conversions are `TryFrom` impls, by value and by reference, in both
//! directions; the error type is the crate's [`Error`], with a
//! [kind](Error::kind) and the [path](Error::path) of the offending
//! attribute.
//!
//! # Mapping
//!
//! | Qlik event ([`Envelope`](crate::Envelope), `data`) | `cloudevents::Event` |
//! |---|---|
//! | `specversion` (`1.0` or absent) | `SpecVersion::V10` |
//! | `id` (optional) | `id` (required) |
//! | `source` (optional) | `source` (required, a non-empty URI-reference) |
//! | `type` | `type` |
//! | `time` | `time` |
//! | `datacontenttype` | `datacontenttype` |
//! | `subject` | `subject` |
//! | `dataschema` (a string) | `dataschema` (an absolute URL) |
//! | `data` (typed payload, or raw JSON of an unknown type) | `Data::Json(serde_json::Value)`, or `Data::String` holding the JSON text when `datacontenttype` is a JSON type cloudevents-sdk does not recognise as one (it compares case-sensitively, e.g. `Application/JSON`) |
//! | every other [`Attribute`](crate::Attribute) (`authtype`, `authclaims`, `tenantid`, `userid`, `traceparent`, ...) | an extension of the same name, `ExtensionValue::String` |
//! | extension: string, boolean, integer in the `i64` range | `ExtensionValue::String` / `Boolean` / `Integer` |
//! | extension: object, array, float, `null`, integer beyond `i64` | `ExtensionValue::String` holding the value's JSON text as sent (see below) |
//!
//! # Edges, Qlik event to `cloudevents::Event`
//!
//! - **`id` and `source`.** Qlik marks them optional; CloudEvents requires
//!   them. An event without one is an error of kind
//!   [`MissingField`](ErrorKind::MissingField) at path `id` or `source`:
//!   no value is ever invented. A `source` the SDK refuses (it refuses the
//!   empty string; `com.qlik/qix-sessions` and `string`, as in Qlik's
//!   examples, are accepted) is [`InvalidValue`](ErrorKind::InvalidValue)
//!   at `source`.
//! - **`specversion`** absent on the Qlik side is CloudEvents 1.0.
//! - **`dataschema`** must parse as an absolute URL, else
//!   [`InvalidValue`](ErrorKind::InvalidValue) at `dataschema`. The URL is
//!   held parsed, so it comes back in the URL parser's normal form
//!   (`HTTP://Example.com` comes back as `http://example.com/`).
//! - **`data`** is always JSON: the typed payload as the crate
//!   [writes](crate#round-trips) it, or an unknown event's raw JSON parsed
//!   into a [`serde_json::Value`]: it comes back as equal JSON but not
//!   the same text (compact, keys sorted), and its numbers are what
//!   `serde_json::Value` holds (an integer beyond `u64` becomes an `f64`).
//!   `data` that no `Value` can hold (a number past `f64`, nesting past
//!   serde_json's recursion limit, in an unknown event's `data` or in a
//!   payload's `extra`) is an error of kind
//!   [`Serialize`](ErrorKind::Serialize). When `data` is
//!   present, `datacontenttype`, if present, must be a JSON media type
//!   (`application/json`, `text/json` or `*/*+json`, parameters allowed),
//!   else [`InvalidValue`](ErrorKind::InvalidValue) at `datacontenttype`: the
//!   SDK's bindings decode `data` by that attribute and would not read it
//!   back as JSON.
//! - **Extensions** the SDK cannot hold (objects, arrays, floats, `null`,
//!   integers beyond `i64`) are not dropped: they become
//!   `ExtensionValue::String` holding the value's JSON text as it was sent.
//!   This is lossy and one way: converting back gives a **string extension**
//!   (the object `{"a":1}` comes back as the string `"{\"a\":1}"`, the number
//!   `1.5` as the string `"1.5"`, `null` as the string `"null"`), because
//!   such a string cannot be told from one that was sent as a string.
//!   An extension named `data_base64` (reserved by the CloudEvents JSON
//!   format) is [`InvalidValue`](ErrorKind::InvalidValue) at its name.
//!   Extension names are not checked against the CloudEvents naming rules
//!   (the SDK does not check them either).
//!
//! ```
//! use cloudevents::event::ExtensionValue;
//! use qlik_events::{ErrorKind, QlikEvent};
//!
//! let event = qlik_events::from_str(r#"{
//!     "type": "com.example.v1.unknown.type", "id": "e1", "source": "com.qlik/licenses",
//!     "region": {"name": "eu"}, "retries": 3, "weight": 0.5
//! }"#)?;
//! let ce = cloudevents::Event::try_from(&event)?;
//! assert_eq!(ce.extension("retries"), Some(&ExtensionValue::Integer(3)));
//! assert_eq!(ce.extension("region"), Some(&ExtensionValue::String(r#"{"name": "eu"}"#.into())));
//! assert_eq!(ce.extension("weight"), Some(&ExtensionValue::String("0.5".into())));
//!
//! // What comes back is a string extension.
//! let back = QlikEvent::try_from(&ce)?;
//! let region = back.envelope().extensions().get_as::<String>("region").unwrap().unwrap();
//! assert_eq!(region, r#"{"name": "eu"}"#);
//!
//! // No id: an error naming the attribute.
//! let event = qlik_events::from_str(r#"{"type": "com.example.v1.unknown.type", "source": "s"}"#)?;
//! let err = cloudevents::Event::try_from(event).unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::MissingField);
//! assert_eq!(err.path(), "id");
//! # Ok::<(), qlik_events::Error>(())
//! ```
//!
//! # Edges, `cloudevents::Event` to Qlik event
//!
//! The event is written as a Qlik JSON object and read with
//! [`from_slice`](crate::from_slice), so every rule of parsing applies
//! (required fields per type, closed sets, `i64` ranges, ...) and errors
//! carry the same kinds and paths (such as `data.leasedQuantity`). They
//! carry no line and column: the text they would point into is internal.
//!
//! - **`specversion`** is always written, so a Qlik event that had none
//!   comes back with `specversion` `1.0`: a normalisation. With the
//!   `dataschema` URL form, the extensions and the unknown events' `data`
//!   above, it is the only change a round trip makes: every published
//!   example comes back equal. A CloudEvents 0.3 event is refused like a
//!   Qlik event with `"specversion": "0.3"`.
//! - **`data`**: `Data::Json` is used as is; `Data::String` and
//!   `Data::Binary` (what the SDK's HTTP binary mode gives) must hold JSON
//!   text (UTF-8 for `Binary`), else an error at `data`. For any of them,
//!   `datacontenttype` must be absent or a JSON media type, else
//!   [`InvalidValue`](ErrorKind::InvalidValue) at `datacontenttype`. JSON
//!   text is handed to the parser as is, so an unknown event's `data` keeps
//!   its exact text.
//! - **Extensions** become top-level attributes: `ExtensionValue::String`
//!   a JSON string, `Boolean` a JSON boolean, `Integer` a JSON number. An
//!   extension named like a Qlik [`Attribute`](crate::Attribute) (`tenantid`, ...) is that
//!   attribute, and must be a string: any other value is an error of kind
//!   [`InvalidType`](ErrorKind::InvalidType) at its name. An extension named
//!   like a CloudEvents attribute (`id`, `time`, `data`, `data_base64`, ...),
//!   which the SDK lets one set, is [`InvalidValue`](ErrorKind::InvalidValue)
//!   at its name.
//! - **Transports.** The SDK's HTTP binary mode sends every extension as a
//!   header, and reads every one back as `ExtensionValue::String`, so a
//!   boolean or integer extension arrives as a string through it
//!   (`Qlik` attributes are strings and are not affected).
//!
//! ```
//! use cloudevents::{EventBuilder, EventBuilderV10};
//! use qlik_events::{ErrorKind, QlikEvent};
//!
//! let ce = EventBuilderV10::new()
//!     .id("e1")
//!     .source("com.qlik/licenses")
//!     .ty("com.qlik.v1.license.lease.created")
//!     .extension("tenantid", "t1")
//!     .data("application/json", serde_json::json!({"leasedQuantity": "x"}))
//!     .build()
//!     .unwrap();
//! let err = QlikEvent::try_from(ce).unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::InvalidType);
//! assert_eq!(err.path(), "data.leasedQuantity");
//! assert_eq!(err.event_type(), Some("com.qlik.v1.license.lease.created"));
//! ```

use std::borrow::Cow;

use ::cloudevents::Event as CloudEvent;
use ::cloudevents::event::{
    AttributesReader, AttributesWriter, Data, EventBuilder, EventBuilderError, EventBuilderV10,
    ExtensionValue, TryIntoUrl,
};
use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::{Error, ErrorKind, QlikEvent};

/// The names of the CloudEvents 1.0 context attributes and of the JSON
/// format's members: never extensions.
const CLOUDEVENTS_NAMES: [&str; 10] = [
    "specversion",
    "id",
    "type",
    "source",
    "datacontenttype",
    "dataschema",
    "subject",
    "time",
    "data",
    "data_base64",
];

/// Converts a Qlik event; see the [module docs](self) for the mapping.
///
/// Fails with [`MissingField`](ErrorKind::MissingField) at `id` or `source`
/// when the event has none.
impl TryFrom<&QlikEvent> for CloudEvent {
    type Error = Error;

    fn try_from(event: &QlikEvent) -> Result<Self, Error> {
        let event_type = event.event_type();
        to_cloud_event(event).map_err(|e| e.with_event_type(event_type.as_str()))
    }
}

/// Converts a Qlik event, as the by-reference impl does; see the [module docs](self).
impl TryFrom<QlikEvent> for CloudEvent {
    type Error = Error;

    fn try_from(event: QlikEvent) -> Result<Self, Error> {
        CloudEvent::try_from(&event)
    }
}

/// Reads a CloudEvent as a Qlik event, with every check of
/// [`from_slice`](crate::from_slice); see the [module docs](self).
impl TryFrom<&CloudEvent> for QlikEvent {
    type Error = Error;

    fn try_from(event: &CloudEvent) -> Result<Self, Error> {
        from_cloud_event(event)
    }
}

/// Reads a CloudEvent as a Qlik event, as the by-reference impl does; see the [module docs](self).
impl TryFrom<CloudEvent> for QlikEvent {
    type Error = Error;

    fn try_from(event: CloudEvent) -> Result<Self, Error> {
        from_cloud_event(&event)
    }
}

fn to_cloud_event(event: &QlikEvent) -> Result<CloudEvent, Error> {
    let envelope = event.envelope();
    let event_type = event.event_type();
    let id = envelope.id().ok_or_else(|| missing("id"))?;
    let source = envelope.source().ok_or_else(|| missing("source"))?;
    let mut ce = EventBuilderV10::new()
        .id(id)
        .source(source)
        .ty(event_type.as_str())
        .build()
        .map_err(|e| builder_error(&e))?;

    ce.set_time(envelope.time());
    ce.set_subject(envelope.subject());
    ce.set_datacontenttype(envelope.data_content_type());
    if let Some(schema) = envelope.data_schema() {
        let url = schema.into_url().map_err(|e| {
            Error::new(
                ErrorKind::InvalidValue,
                "dataschema",
                format!("`{schema}` is not an absolute URL: {e}"),
            )
        })?;
        ce.set_dataschema(Some(url));
    }
    if let Some(data) = data_value(event)? {
        check_content_type(envelope.data_content_type())?;
        ce.set_data_unchecked(sdk_data(envelope.data_content_type(), data));
    }

    for (attr, value) in envelope.attributes() {
        if !CLOUDEVENTS_NAMES.contains(&attr.name()) {
            ce.set_extension(attr.name(), value);
        }
    }
    for (name, value) in envelope.extensions() {
        check_extension_name(name)?;
        ce.set_extension(name, extension_value(value));
    }
    Ok(ce)
}

/// The event's `data` as JSON, as the crate writes it.
fn data_value(event: &QlikEvent) -> Result<Option<Value>, Error> {
    match serde_json::to_value(event) {
        Ok(Value::Object(mut object)) => Ok(object.remove("data")),
        Ok(_) => Err(Error::new(
            ErrorKind::Serialize,
            "",
            "the event was not written as a JSON object",
        )),
        Err(e) => Err(Error::new(ErrorKind::Serialize, "", e.to_string())),
    }
}

/// The extension value that holds `value`: a string, a boolean or an
/// integer (written as `i64` writes it) as itself, anything else as its
/// JSON text.
fn extension_value(value: &RawValue) -> ExtensionValue {
    let text = value.get();
    if text.starts_with('"')
        && let Ok(s) = serde_json::from_str::<String>(text)
    {
        return ExtensionValue::String(s);
    }
    match text {
        "true" => ExtensionValue::Boolean(true),
        "false" => ExtensionValue::Boolean(false),
        _ => match text.parse::<i64>() {
            Ok(i) if i.to_string() == text => ExtensionValue::Integer(i),
            _ => ExtensionValue::String(text.to_owned()),
        },
    }
}

fn from_cloud_event(ce: &CloudEvent) -> Result<QlikEvent, Error> {
    let with_type = |e: Error| e.with_event_type(ce.ty());

    let mut attrs = Map::new();
    attrs.insert("specversion".into(), ce.specversion().as_str().into());
    attrs.insert("id".into(), ce.id().into());
    attrs.insert("source".into(), ce.source().as_str().into());
    if let Some(time) = ce.time() {
        let text = time.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
        attrs.insert("time".into(), text.into());
    }
    if let Some(ct) = ce.datacontenttype() {
        attrs.insert("datacontenttype".into(), ct.into());
    }
    if let Some(subject) = ce.subject() {
        attrs.insert("subject".into(), subject.into());
    }
    if let Some(schema) = ce.dataschema() {
        attrs.insert("dataschema".into(), schema.as_str().into());
    }
    for (name, value) in ce.iter_extensions() {
        check_extension_name(name).map_err(with_type)?;
        let value = match value {
            ExtensionValue::String(s) => Value::from(s.as_str()),
            ExtensionValue::Boolean(b) => Value::from(*b),
            ExtensionValue::Integer(i) => Value::from(*i),
        };
        attrs.insert(name.to_owned(), value);
    }

    let data = match ce.data() {
        None => None,
        Some(data) => {
            check_content_type(ce.datacontenttype()).map_err(with_type)?;
            Some(json_data(data).map_err(with_type)?)
        }
    };

    let text = serde_json::to_vec(&Wire {
        event_type: ce.ty(),
        attrs: &attrs,
        data: data.as_deref(),
    })
    .map_err(|e| with_type(Error::new(ErrorKind::Serialize, "", e.to_string())))?;
    crate::from_slice(&text).map_err(|e| with_type(without_position(&e)))
}

/// `data` as JSON text: `Data::Json` written, `String` and `Binary` checked
/// to be one JSON value and used as they are.
fn json_data(data: &Data) -> Result<Cow<'_, RawValue>, Error> {
    let text = match data {
        Data::Json(value) => {
            return serde_json::value::to_raw_value(value)
                .map(Cow::Owned)
                .map_err(|e| Error::new(ErrorKind::Serialize, "data", e.to_string()));
        }
        Data::String(s) => s.as_str(),
        Data::Binary(bytes) => std::str::from_utf8(bytes).map_err(|e| {
            Error::new(
                ErrorKind::InvalidValue,
                "data",
                format!("binary data is not UTF-8 JSON text: {e}"),
            )
        })?,
    };
    serde_json::from_str::<&RawValue>(text)
        .map(Cow::Borrowed)
        .map_err(|e| {
            let kind = match e.classify() {
                serde_json::error::Category::Eof => ErrorKind::Eof,
                _ => ErrorKind::Syntax,
            };
            Error::new(kind, "data", format!("data is not JSON: {e}"))
        })
}

/// The Qlik event as JSON: `type` first (so that errors in any attribute
/// name it, and `data` is read in one pass), the other attributes, then
/// `data` verbatim.
struct Wire<'a> {
    event_type: &'a str,
    attrs: &'a Map<String, Value>,
    data: Option<&'a RawValue>,
}

impl Serialize for Wire<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", self.event_type)?;
        for (k, v) in self.attrs {
            m.serialize_entry(k, v)?;
        }
        if let Some(data) = self.data {
            m.serialize_entry("data", data)?;
        }
        m.end()
    }
}

/// `Data::Json` where cloudevents-sdk reads `data` back as JSON; else the
/// JSON text as `Data::String`. The sdk matches JSON media types
/// case-sensitively (`appliCation/json` is not JSON to it), and in structured
/// mode it could not read back the JSON object it wrote for one of those
/// (found by fuzzing). Either way the way back reads the same payload.
fn sdk_data(ct: Option<&str>, data: serde_json::Value) -> Data {
    let sdk_json = ct.is_none_or(|ct| {
        ct.starts_with("application/json") || ct.starts_with("text/json") || ct.ends_with("+json")
    });
    if sdk_json {
        Data::Json(data)
    } else {
        Data::String(data.to_string())
    }
}

/// Fails unless `ct` is absent or a JSON media type.
fn check_content_type(ct: Option<&str>) -> Result<(), Error> {
    match ct {
        Some(ct) if !is_json_media_type(ct) => Err(Error::new(
            ErrorKind::InvalidValue,
            "datacontenttype",
            format!(
                "`{ct}` is not a JSON media type, and the data of a Qlik event is JSON \
                 (expected `application/json`, `text/json` or `*/*+json`)"
            ),
        )),
        _ => Ok(()),
    }
}

/// `application/json`, `text/json` or any `+json` type, with parameters,
/// case-insensitive.
fn is_json_media_type(ct: &str) -> bool {
    let essence = ct
        .split(';')
        .next()
        .unwrap_or(ct)
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}

/// Fails for extension names that CloudEvents reserves.
fn check_extension_name(name: &str) -> Result<(), Error> {
    if CLOUDEVENTS_NAMES.contains(&name) {
        return Err(Error::new(
            ErrorKind::InvalidValue,
            name,
            format!("`{name}` is a CloudEvents attribute name and cannot be an extension"),
        ));
    }
    Ok(())
}

fn missing(attr: &str) -> Error {
    Error::new(
        ErrorKind::MissingField,
        attr,
        format!("missing field `{attr}`, which CloudEvents requires"),
    )
}

fn builder_error(e: &EventBuilderError) -> Error {
    let (kind, attr) = match e {
        EventBuilderError::MissingRequiredAttribute { attribute_name } => {
            (ErrorKind::MissingField, *attribute_name)
        }
        EventBuilderError::ParseTimeError { attribute_name, .. }
        | EventBuilderError::ParseUrlError { attribute_name, .. }
        | EventBuilderError::InvalidUriRefError { attribute_name } => {
            (ErrorKind::InvalidValue, *attribute_name)
        }
    };
    Error::new(kind, attr, format!("rejected by cloudevents-sdk: {e}"))
}

/// The error without line and column, which point into internal text.
fn without_position(e: &Error) -> Error {
    Error::new(e.kind(), e.path(), e.message())
}
