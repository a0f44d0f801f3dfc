//! The vendor's older camelCase attribute names, shared by the older webhook
//! envelope (CloudEvents 0.1 style, phased out in 2026) and the Audits API.
//!
//! | older name | CloudEvents 1.0 attribute |
//! | --- | --- |
//! | `eventId` | `id` |
//! | `eventTime` | `time` |
//! | `eventType` | `type` |
//! | `contentType` | `datacontenttype` |
//! | `source` | `source` |
//! | `tenantId` (in `extensions`; at the top level of Audits API items) | `tenantid` |
//! | `userId` (in `extensions`; at the top level of Audits API items) | `userid` |
//! | `extensions.ownerId` | `ownerid` |
//! | `extensions.spaceId` | `spaceid` |
//! | `extensions.topLevelResourceId` | `toplevelresourceid` |
//! | `extensions.sessionId` | `sessionid` |
//! | `extensions.<other>` (`actor`, `updates`, ...) | extension `<other>`, value as sent |
//! | `cloudEventsVersion`, `eventTypeVersion` | extension of the same name, value as sent |

use crate::envelope::Attribute;

/// Where an older name lands in the CloudEvents 1.0 model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A string attribute.
    Attr(Attribute),
    /// `time`.
    Time,
    /// `type`.
    Type,
}

/// The target of a top-level older name, with the name itself.
pub(crate) fn top_level(name: &[u8]) -> Option<(Target, &'static str)> {
    Some(match name {
        b"eventId" => (Target::Attr(Attribute::Id), "eventId"),
        b"eventTime" => (Target::Time, "eventTime"),
        b"eventType" => (Target::Type, "eventType"),
        b"contentType" => (Target::Attr(Attribute::DataContentType), "contentType"),
        b"tenantId" => (Target::Attr(Attribute::TenantId), "tenantId"),
        b"userId" => (Target::Attr(Attribute::UserId), "userId"),
        _ => return None,
    })
}

/// The target of a top-level name of the older webhook envelope. Unlike
/// Audits API items, it has no top-level `tenantId` / `userId`: in a webhook
/// body those stay extensions, as sent.
pub(crate) fn webhook_top_level(name: &[u8]) -> Option<(Target, &'static str)> {
    match name {
        b"tenantId" | b"userId" => None,
        _ => top_level(name),
    }
}

/// The attribute a key inside `extensions` maps to, with the key and its
/// full name for messages; other keys become extensions of the same name.
pub(crate) fn in_extensions(name: &[u8]) -> Option<(Attribute, &'static str, &'static str)> {
    Some(match name {
        b"tenantId" => (Attribute::TenantId, "tenantId", "extensions.tenantId"),
        b"userId" => (Attribute::UserId, "userId", "extensions.userId"),
        b"ownerId" => (Attribute::OwnerId, "ownerId", "extensions.ownerId"),
        b"spaceId" => (Attribute::SpaceId, "spaceId", "extensions.spaceId"),
        b"topLevelResourceId" => (
            Attribute::TopLevelResourceId,
            "topLevelResourceId",
            "extensions.topLevelResourceId",
        ),
        b"sessionId" => (Attribute::SessionId, "sessionId", "extensions.sessionId"),
        _ => return None,
    })
}
