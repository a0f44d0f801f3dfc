//! The Audits API items of the published examples, built by the mapping of
//! `tests/fixtures/audit/README.md`, so that a new event type needs no
//! audit fixture: the tests check `page.json`'s items against these where
//! present and run the per-type checks over these.

use qlik_events::EventType;
use serde_json::{Map, Value};

use super::fixture_bytes;

/// The `eventTypeVersion` of every item of a known type.
pub const EVENT_TYPE_VERSION: &str = "1.0.0";

/// The item of the published example of `ty`, as the Audits API archive
/// carries it (no `id`, no `links`) and without what the fixtures add by
/// hand (`actor`, `updates`). Fails, naming the type, on an attribute the
/// mapping does not place.
pub fn audit_item(ty: &EventType) -> Value {
    let published: Map<String, Value> =
        serde_json::from_slice(&fixture_bytes(ty.as_str())).unwrap();
    let mut item = Map::new();
    let mut extensions = Map::new();
    for (name, value) in published {
        let top = match name.as_str() {
            "id" => "eventId",
            "time" => "eventTime",
            "type" => "eventType",
            "source" => "source",
            "datacontenttype" => "contentType",
            "tenantid" => "tenantId",
            "userid" => "userId",
            "data" => "data",
            "sessionid" | "ownerid" | "spaceid" | "toplevelresourceid" => {
                extensions.insert(extension_name(&name).to_owned(), value);
                continue;
            }
            // Not carried by the Audits API.
            "specversion" | "authtype" | "authclaims" | "tracestate" | "traceparent" | "host"
            | "originip" | "reason" | "clientid" => continue,
            other => panic!("{ty}: `{other}` has no place in the audit item mapping"),
        };
        item.insert(top.to_owned(), value);
    }
    item.insert("eventTypeVersion".into(), EVENT_TYPE_VERSION.into());
    if !extensions.is_empty() {
        item.insert("extensions".into(), Value::Object(extensions));
    }
    Value::Object(item)
}

/// The Audits API's `extensions` name of an attribute it carries there.
fn extension_name(attribute: &str) -> &'static str {
    match attribute {
        "sessionid" => "sessionId",
        "ownerid" => "ownerId",
        "spaceid" => "spaceId",
        "toplevelresourceid" => "topLevelResourceId",
        other => panic!("`{other}` is not an extension of an audit item"),
    }
}

/// [`audit_item`] for every known type, in the order of
/// [`EventType::KNOWN`].
pub fn audit_items() -> Vec<(EventType, Value)> {
    EventType::KNOWN
        .iter()
        .map(|ty| (ty.clone(), audit_item(ty)))
        .collect()
}
