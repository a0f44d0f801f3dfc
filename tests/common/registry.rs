//! Registry facts the public API does not expose yet, derived from
//! behaviour.

use qlik_events::{ErrorKind, EventType};
use serde_json::Value;

use super::fixture_bytes;

/// Whether `ty` requires `tenantid`: parsing its published example without
/// it fails for that reason.
// replace with EventType::requires_tenant_id once schema lands
pub fn requires_tenant_id(ty: &EventType) -> bool {
    let mut event: Value = serde_json::from_slice(&fixture_bytes(ty.as_str())).unwrap();
    event.as_object_mut().unwrap().remove("tenantid");
    match qlik_events::from_str(&event.to_string()) {
        Ok(_) => false,
        Err(e) if (e.kind(), e.path()) == (ErrorKind::MissingField, "tenantid") => true,
        Err(e) => panic!("{ty}: the published example less `tenantid`: {e}"),
    }
}
