//! Conversion of an item to a [`QlikEvent`], by the table in the [module
//! docs](super).

use super::AuditEvent;
use crate::envelope::json_string;
use crate::error::{Error, ErrorKind};
use crate::{EventType, Payload, QlikEvent};

impl AuditEvent {
    /// The item as a [`QlikEvent`], by the table in the [module
    /// docs](super). `data` is cloned; `QlikEvent::try_from(item)` moves it.
    ///
    /// ```
    /// use qlik_events::audit::AuditEvent;
    /// use qlik_events::ErrorKind;
    ///
    /// let item = AuditEvent::from_str(r#"{"eventId": "e1", "tenantId": "t1",
    ///     "eventType": "com.example.v1.unknown.type", "extensions": {"ownerId": "o1"}}"#)?;
    /// let event = item.to_event()?;
    /// assert_eq!(event.event_type().as_str(), "com.example.v1.unknown.type");
    /// assert_eq!((event.id(), event.tenant_id(), event.owner_id()), (Some("e1"), Some("t1"), Some("o1")));
    ///
    /// let err = AuditEvent::from_str(r#"{"eventId": "e1"}"#)?.to_event().unwrap_err();
    /// assert_eq!((err.kind(), err.path()), (ErrorKind::MissingField, "eventType"));
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    pub fn to_event(&self) -> Result<QlikEvent, Error> {
        self.convert(self.data.clone())
    }

    fn convert(&self, data: Option<Payload>) -> Result<QlikEvent, Error> {
        let Some(declared) = &self.event_type else {
            return Err(Error::new(
                ErrorKind::MissingField,
                "eventType",
                "missing field `eventType`",
            )
            .with_envelope(self.partial_envelope()));
        };
        let text = self
            .older_envelope()
            .map_err(|e| e.with_event_type(declared.as_str()))?;
        let (ty, envelope) = crate::qlik_event::read_envelope(&text).map_err(|e| {
            let e = e.with_envelope(self.partial_envelope());
            match e.event_type() {
                Some(_) => e,
                None => e.with_event_type(declared.as_str()),
            }
        })?;
        if ty.requires_tenant_id() && envelope.tenant_id().is_none() {
            return Err(Error::new(
                ErrorKind::MissingField,
                "tenantId",
                "missing field `tenantId`",
            )
            .with_event_type(ty.as_str())
            .with_envelope(envelope));
        }
        let fallback = envelope.clone();
        QlikEvent::from_parts(envelope, ty, data).map_err(|e| e.with_envelope(fallback))
    }

    /// The item as an event object in the vendor's older envelope, without
    /// `data` and `links`, with `id` as the extension `auditId`: read by the
    /// crate's one table of older names (see [`crate::legacy`]), so that
    /// the rule for names that disagree is the webhooks' exactly.
    fn older_envelope(&self) -> Result<String, Error> {
        let mut out = ObjectText::default();
        match (&self.id, self.extra.get("auditId")) {
            // The item has its own `auditId`: the same value is one value.
            (Some(id), Some(sent)) if !crate::extra::same_json(sent.get(), &json_string(id)) => {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    "auditId",
                    format!(
                        "the item's `id` {id:?} becomes the extension `auditId`, \
                         but the item also has `auditId` {}",
                        sent.get()
                    ),
                ));
            }
            (_, Some(_)) => {}
            (id, None) => out.string("auditId", id.as_deref()),
        }
        out.string("eventId", self.event_id.as_deref());
        out.string("eventType", self.event_type.as_ref().map(EventType::as_str));
        out.string("eventTypeVersion", self.event_type_version.as_deref());
        if let Some(time) = &self.event_time {
            out.string("eventTime", Some(crate::time::format(time).as_str()));
        }
        out.string("source", self.source.as_deref());
        out.string("userId", self.user_id.as_deref());
        out.string("tenantId", self.tenant_id.as_deref());
        out.string("contentType", self.content_type.as_deref());
        if let Some(ext) = &self.extensions {
            let mut inner = ObjectText::default();
            if let Some(actor) = &ext.actor {
                let actor = serde_json::to_string(actor).map_err(|e| {
                    Error::new(ErrorKind::Serialize, "extensions.actor", e.to_string())
                })?;
                inner.member("actor", &actor);
            }
            inner.string("ownerId", ext.owner_id.as_deref());
            inner.string("spaceId", ext.space_id.as_deref());
            inner.string("topLevelResourceId", ext.top_level_resource_id.as_deref());
            if let Some(updates) = &ext.updates {
                inner.member("updates", &updates.to_string());
            }
            for (key, value) in &ext.extra {
                inner.member(key, value.get());
            }
            out.member("extensions", &inner.finish());
        }
        for (key, value) in &self.extra {
            out.member(key, value.get());
        }
        Ok(out.finish())
    }
}

/// A JSON object written member by member.
#[derive(Default)]
struct ObjectText(String);

impl ObjectText {
    fn member(&mut self, key: &str, json: &str) {
        self.0.push(if self.0.is_empty() { '{' } else { ',' });
        self.0.push_str(&json_string(key));
        self.0.push(':');
        self.0.push_str(json);
    }

    fn string(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.member(key, &json_string(value));
        }
    }

    fn finish(mut self) -> String {
        if self.0.is_empty() {
            self.0.push('{');
        }
        self.0.push('}');
        self.0
    }
}

/// Converts by the table in the [module docs](super); see
/// [`AuditEvent::to_event`].
impl TryFrom<&AuditEvent> for QlikEvent {
    type Error = Error;
    fn try_from(item: &AuditEvent) -> Result<Self, Error> {
        item.to_event()
    }
}

/// Converts by the table in the [module docs](super), moving `data`.
impl TryFrom<AuditEvent> for QlikEvent {
    type Error = Error;
    fn try_from(mut item: AuditEvent) -> Result<Self, Error> {
        let data = item.data.take();
        item.convert(data)
    }
}
