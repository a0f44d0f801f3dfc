//! The vendor's older envelope: the one table of every spelling the crate
//! reads, and the rule for names that disagree.
//!
//! Qlik's webhooks sent events in a CloudEvents 0.1 style envelope until
//! 2026 (stored and captured bodies keep it), the Audits API still lists
//! events in that camelCase shape, and the vendor's documents show hybrids
//! with names of both. Every entry point ([`from_slice`](crate::from_slice),
//! [`Event::from_slice`](crate::Event::from_slice), [`stream`](crate::stream),
//! [`AuditEvent::to_event`](crate::audit::AuditEvent::to_event), ...) reads
//! them all with this table.
//!
//! # The table
//!
//! | spelling | where | CloudEvents 1.0 attribute |
//! | --- | --- | --- |
//! | `eventID` (the 0.1 spec's), `eventId` | top level, in `extensions` | `id` |
//! | `eventType` | top level | `type` |
//! | `eventTime` | top level | `time` |
//! | `contentType` (the 0.1 spec's), `contenttype` | top level, in `extensions` | `datacontenttype` |
//! | `schemaURL` | top level, in `extensions` | `dataschema` |
//! | `source` | top level, in `extensions` | `source` |
//! | `tenantId`, `tenantid` | top level, in `extensions` | `tenantid` |
//! | `userId`, `userid` | top level, in `extensions` | `userid` |
//! | `sessionId`, `sessionid` | top level, in `extensions` | `sessionid` |
//! | `ownerId`, `ownerid` | top level, in `extensions` | `ownerid` |
//! | `spaceId`, `spaceid` | top level, in `extensions` | `spaceid` |
//! | `topLevelResourceId`, `toplevelresourceid` | top level, in `extensions` | `toplevelresourceid` |
//! | `authType`, `authtype` | top level, in `extensions` | `authtype` |
//! | `authClaims`, `authclaims` | top level, in `extensions` | `authclaims` |
//! | `traceState`, `tracestate` | top level, in `extensions` | `tracestate` |
//! | `traceParent`, `traceparent` | top level, in `extensions` | `traceparent` |
//! | `originIp`, `originip` | top level, in `extensions` | `originip` |
//! | `clientId`, `clientid` | top level, in `extensions` | `clientid` |
//! | `host`, `reason`, `subject`, `id`, `datacontenttype`, `dataschema` | in `extensions` | the attribute of that name |
//! | `cloudEventsVersion`, `eventTypeVersion`, `messageTopic`, any other top-level name | top level | extension of the same name, value as sent |
//! | `extensions.<other>` (`actor`, `updates`, `header`, `meta`, ...) | in `extensions` | extension `<other>`, value as sent |
//!
//! The top level always reads the CloudEvents 1.0 names too (`id`, `type`,
//! `tenantid`, ...). `type`, `time`, `specversion` and `data` are read only
//! at the top level (an event's type must not hide in a nested bag): inside
//! `extensions`, they and their older spellings are kept as sent (see
//! below). The older envelope's `cloudEventsVersion` (`0.1`) is not the 1.0
//! `specversion`: it stays an extension, and no `specversion` is invented.
//!
//! # When names disagree
//!
//! One attribute can arrive under several names or in two places: `id` and
//! `eventID`, `tenantid` and `extensions.tenantId`, `type` and `eventType`.
//! Values that agree (the same string; for `time`, the same instant) are one
//! value. Values that disagree are never an error, and none is lost:
//!
//! 1. the CloudEvents 1.0 name at the top level governs (`id`, `type`,
//!    `time`, `tenantid`, ...); without it, the first of the others in the
//!    body governs;
//! 2. every other value is kept verbatim as an extension under the name it
//!    was sent with: a top-level `eventId` as the extension `eventId`, a key
//!    of `extensions` as a member of the extension `extensions` (an object
//!    holding, as sent, the members of `extensions` that could not be placed:
//!    values that lost, and keys such as `type` that are read only at the
//!    top level).
//!
//! An extension sent both at the top level and in `extensions` follows the
//! same rule: the top-level value governs. Writing such an event and reading
//! it back gives the same event. The same rule applies to Audits API items
//! ([`AuditEvent::to_event`](crate::audit::AuditEvent::to_event)), whose
//! names are all older ones: there, the first in the table's order governs
//! (top-level fields before `extensions`), and a top-level key with a 1.0
//! name (`tenantid`) governs over them all.
//!
//! ```
//! let body = r#"{
//!     "type": "com.qlik.scheduling.tasks.created",
//!     "eventType": "com.qlik.scheduling.task.updated",
//!     "eventID": "e1",
//!     "extensions": {"tenantid": "t1", "userId": "u1", "topLevelResourceId": "r1"},
//!     "tenantid": "t2"
//! }"#;
//! let event = qlik_events::from_str(body)?;
//! // `type` governs; `eventType` is kept.
//! assert_eq!(event.event_type().as_str(), "com.qlik.scheduling.tasks.created");
//! let kept = event.envelope().extensions();
//! assert_eq!(kept.get("eventType").unwrap().get(), r#""com.qlik.scheduling.task.updated""#);
//! assert_eq!((event.id(), event.user_id()), (Some("e1"), Some("u1")));
//! assert_eq!(event.top_level_resource_id(), Some("r1"));
//! // The top-level `tenantid` governs; `extensions.tenantid` is kept.
//! assert_eq!(event.tenant_id(), Some("t2"));
//! assert_eq!(kept.get("extensions").unwrap().get(), r#"{"tenantid":"t1"}"#);
//! # Ok::<(), qlik_events::Error>(())
//! ```
//!
//! Parsing no longer produces [`ErrorKind::Conflict`](crate::ErrorKind::Conflict).

use crate::envelope::Attribute;

/// Where an older spelling lands in the CloudEvents 1.0 model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A string attribute.
    Attr(Attribute),
    /// `time`.
    Time,
    /// `type`.
    Type,
}

/// Declares the table of older spellings: [`spelling`] and [`SPELLINGS`]
/// from the same rows, so that they cannot drift apart.
macro_rules! spellings {
    ($($name:literal => $target:expr),+ $(,)?) => {
        /// Every spelling other than the CloudEvents 1.0 names, with where
        /// it lands (for tests and docs).
        #[cfg_attr(not(test), allow(dead_code))]
        pub(crate) const SPELLINGS: &[(&str, Target)] = &[$(($name, $target)),+];

        /// The target of a name other than a 1.0 name, with the name itself.
        #[inline]
        pub(crate) fn spelling(name: &[u8]) -> Option<(Target, &'static str)> {
            Some(match name {
                $(n if n == $name.as_bytes() => ($target, $name),)+
                _ => return None,
            })
        }
    };
}

spellings! {
    "eventID" => Target::Attr(Attribute::Id),
    "eventId" => Target::Attr(Attribute::Id),
    "eventType" => Target::Type,
    "eventTime" => Target::Time,
    "contentType" => Target::Attr(Attribute::DataContentType),
    "contenttype" => Target::Attr(Attribute::DataContentType),
    "schemaURL" => Target::Attr(Attribute::DataSchema),
    "tenantId" => Target::Attr(Attribute::TenantId),
    "userId" => Target::Attr(Attribute::UserId),
    "sessionId" => Target::Attr(Attribute::SessionId),
    "ownerId" => Target::Attr(Attribute::OwnerId),
    "spaceId" => Target::Attr(Attribute::SpaceId),
    "topLevelResourceId" => Target::Attr(Attribute::TopLevelResourceId),
    "authType" => Target::Attr(Attribute::AuthType),
    "authClaims" => Target::Attr(Attribute::AuthClaims),
    "traceState" => Target::Attr(Attribute::TraceState),
    "traceParent" => Target::Attr(Attribute::TraceParent),
    "originIp" => Target::Attr(Attribute::OriginIp),
    "clientId" => Target::Attr(Attribute::ClientId),
}

/// The string attribute a key of `extensions` maps to, with the key as a
/// static name: a 1.0 attribute name or an older spelling of one. `type`,
/// `time` and their spellings are not mapped there.
pub(crate) fn in_extensions(name: &[u8]) -> Option<(Attribute, &'static str)> {
    if let Some(attr) = Attribute::from_bytes(name) {
        return Some((attr, attr.name()));
    }
    match spelling(name) {
        Some((Target::Attr(attr), name)) => Some((attr, name)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::QlikEvent;

    /// Parses, checks that the event reads back as itself once written.
    fn read_back(body: &str) -> QlikEvent {
        let event = crate::from_str(body).unwrap_or_else(|e| panic!("{body}: {e}"));
        let written = crate::to_string(&event).unwrap();
        assert_eq!(
            crate::from_str(&written).unwrap(),
            event,
            "{body} -> {written}"
        );
        event
    }

    fn kept(event: &QlikEvent, name: &str) -> serde_json::Value {
        event.envelope().extensions().get_as(name).unwrap().unwrap()
    }

    /// Every attribute spelling, at the top level and in `extensions`,
    /// before and after the 1.0 name: the 1.0 name governs, the other value
    /// is kept where it was sent; alone, the spelling is the attribute.
    #[test]
    fn every_spelling_by_the_rule() {
        const TYPE: &str = r#""type": "com.example.v1.unknown.type""#;
        for (name, target) in SPELLINGS {
            let Target::Attr(attr) = *target else {
                continue;
            };
            let one = attr.name();
            for body in [
                format!(r#"{{{TYPE}, "{one}": "A", "{name}": "B"}}"#),
                format!(r#"{{{TYPE}, "{name}": "B", "{one}": "A"}}"#),
            ] {
                let event = read_back(&body);
                assert_eq!(event.envelope().get(attr), Some("A"), "{body}");
                assert_eq!(kept(&event, name), "B", "{body}");
            }
            for body in [
                format!(r#"{{{TYPE}, "{one}": "A", "extensions": {{"{name}": "B"}}}}"#),
                format!(r#"{{{TYPE}, "extensions": {{"{name}": "B"}}, "{one}": "A"}}"#),
            ] {
                let event = read_back(&body);
                assert_eq!(event.envelope().get(attr), Some("A"), "{body}");
                assert_eq!(kept(&event, "extensions"), serde_json::json!({*name: "B"}));
            }
            for body in [
                format!(r#"{{{TYPE}, "{name}": "B"}}"#),
                format!(r#"{{{TYPE}, "extensions": {{"{name}": "B"}}}}"#),
                format!(r#"{{{TYPE}, "extensions": {{"{one}": "B"}}}}"#),
                format!(r#"{{{TYPE}, "{one}": "B", "{name}": "B"}}"#),
            ] {
                let event = read_back(&body);
                assert_eq!(event.envelope().get(attr), Some("B"), "{body}");
                assert!(event.envelope().extensions().is_empty(), "{body}");
            }
        }
    }

    /// The table in the module docs lists every spelling the code maps,
    /// and every attribute the code maps in `extensions`.
    #[test]
    fn docs_list_every_spelling() {
        let docs = include_str!("legacy.rs");
        let table: Vec<&str> = docs
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .filter(|l| l.starts_with("//! | `"))
            .collect();
        for (name, target) in SPELLINGS {
            let row = table
                .iter()
                .find(|row| row.contains(&format!("`{name}`")))
                .unwrap_or_else(|| panic!("{name} is not in the table"));
            let to = match target {
                Target::Attr(a) => a.name(),
                Target::Time => "time",
                Target::Type => "type",
            };
            assert!(row.ends_with(&format!("`{to}` |")), "{name}: {row}");
        }
        for attr in Attribute::ALL {
            assert_eq!(
                in_extensions(attr.name().as_bytes()),
                Some((*attr, attr.name()))
            );
            assert!(
                table
                    .iter()
                    .any(|row| row.contains(&format!("`{}`", attr.name()))),
                "{attr:?}"
            );
        }
        assert_eq!(in_extensions(b"eventType"), None);
        assert_eq!(in_extensions(b"type"), None);
        assert_eq!(spelling(b"eventid"), None);
    }
}
