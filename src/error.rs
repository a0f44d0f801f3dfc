//! The crate's one error type.

use std::fmt;

use crate::Envelope;

/// The category of an [`Error`].
///
/// ```
/// use qlik_events::ErrorKind;
///
/// let err = qlik_events::from_str(r#"{"type": "com.qlik.v1.license.lease.created"}"#).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::MissingField);
/// assert_eq!(err.kind().as_str(), "missing field");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not well-formed JSON (including trailing characters and
    /// numbers too large for any JSON number type).
    Syntax,
    /// The input ended in the middle of a JSON value.
    Eof,
    /// Reading the input failed.
    Io,
    /// A value has the wrong JSON type (a string where an integer belongs).
    InvalidType,
    /// A value has the right JSON type but is not allowed: outside a closed
    /// set, out of the `i64` range, not an RFC 3339 date-time.
    InvalidValue,
    /// A required field is absent.
    MissingField,
    /// The same key appears twice in one object.
    DuplicateField,
    /// The event type is not one this crate knows, and the caller asked for
    /// known types only ([`QlikEvent::require_known`](crate::QlikEvent::require_known)).
    UnknownEventType,
    /// The event was parsed as one event type but its `type` names another.
    EventTypeMismatch,
    /// An attribute is given under both its CloudEvents 1.0 name and the
    /// vendor's older name (`id` and `eventId`, say) with different values.
    ///
    /// No longer produced: names that disagree are read by the rule in
    /// [`legacy`](crate::legacy) (the CloudEvents 1.0 name governs, the
    /// other values are kept as extensions). Kept so that code matching on
    /// it still compiles.
    Conflict,
    /// A value cannot be written in the wire format.
    Serialize,
    /// A webhook signature did not verify.
    Signature,
}

impl ErrorKind {
    /// A short lowercase description, as used in messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax error",
            ErrorKind::Eof => "unexpected end of input",
            ErrorKind::Io => "I/O error",
            ErrorKind::InvalidType => "invalid type",
            ErrorKind::InvalidValue => "invalid value",
            ErrorKind::MissingField => "missing field",
            ErrorKind::DuplicateField => "duplicate field",
            ErrorKind::UnknownEventType => "unknown event type",
            ErrorKind::EventTypeMismatch => "event type mismatch",
            ErrorKind::Conflict => "conflicting attributes",
            ErrorKind::Serialize => "serialization error",
            ErrorKind::Signature => "signature error",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error reading, checking or writing a Qlik event.
///
/// It names the event type (when known), the JSON path of the offending
/// value and, for errors found in input text, the line and column:
///
/// ```
/// let body = r#"{"type":"com.qlik.v1.license.lease.created","data":{"leasedQuantity":"x"}}"#;
/// let err = qlik_events::from_str(body).unwrap_err();
/// assert_eq!(err.kind(), qlik_events::ErrorKind::InvalidType);
/// assert_eq!(err.event_type(), Some("com.qlik.v1.license.lease.created"));
/// assert_eq!(err.path(), "data.leasedQuantity");
/// assert_eq!(err.line(), Some(1));
/// assert_eq!(
///     err.to_string(),
///     "com.qlik.v1.license.lease.created: data.leasedQuantity: \
///      invalid type: string \"x\", expected i64 at line 1 column 72"
/// );
/// ```
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error("{inner}")]
pub struct Error {
    // Boxed so that `Result<QlikEvent, Error>` stays small.
    inner: Box<Inner>,
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    event_type: Option<String>,
    path: String,
    message: String,
    line: usize,
    column: usize,
    /// The envelope attributes read before the failure.
    envelope: Option<Box<Envelope>>,
}

impl fmt::Display for Inner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(ty) = &self.event_type {
            write!(f, "{ty}: ")?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if self.line > 0 {
            write!(f, " at line {} column {}", self.line, self.column)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.inner.kind);
        if let Some(ty) = &self.inner.event_type {
            d.field("event_type", ty);
        }
        d.field("path", &self.inner.path)
            .field("message", &self.inner.message);
        if self.inner.line > 0 {
            d.field("line", &self.inner.line)
                .field("column", &self.inner.column);
        }
        d.finish()
    }
}

impl Error {
    /// The category of the error.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The wire string of the event's `type`, when it was read before the
    /// error.
    pub fn event_type(&self) -> Option<&str> {
        self.inner.event_type.as_deref()
    }

    /// The envelope attributes of the failed event that were read before
    /// the failure (those after it are not read), when the error comes from
    /// reading an event: every entry point that reads events
    /// ([`from_slice`](crate::from_slice), [`Event::from_slice`](crate::Event::from_slice),
    /// [`stream`](crate::stream), the Audits API readers) fills it. `None`
    /// when nothing was read, and for errors that are not about input.
    ///
    /// ```
    /// let body = br#"{"id": "e1", "tenantid": "t1", "source": "s",
    ///     "type": "com.qlik.v1.license.lease.created", "data": {"size": "x"}}"#;
    /// let err = qlik_events::from_slice(body).unwrap_err();
    /// assert_eq!(err.id(), Some("e1"));
    /// assert_eq!(err.tenant_id(), Some("t1"));
    /// assert_eq!(err.event_source(), Some("s"));
    /// assert_eq!(err.event_type(), Some("com.qlik.v1.license.lease.created"));
    /// assert_eq!(err.envelope().unwrap().tenant_id(), Some("t1"));
    /// ```
    pub fn envelope(&self) -> Option<&Envelope> {
        self.inner.envelope.as_deref()
    }

    /// The failed event's `id` (or older spelling), when it was read before
    /// the failure; see [`envelope`](Self::envelope).
    pub fn id(&self) -> Option<&str> {
        self.envelope()?.id()
    }

    /// The failed event's `tenantid` (or older spelling), when it was read
    /// before the failure; see [`envelope`](Self::envelope).
    pub fn tenant_id(&self) -> Option<&str> {
        self.envelope()?.tenant_id()
    }

    /// The failed event's `source` attribute, when it was read before the
    /// failure; see [`envelope`](Self::envelope). (Named so, and not
    /// `source`, so as not to hide [`std::error::Error::source`].)
    pub fn event_source(&self) -> Option<&str> {
        self.envelope()?.source()
    }

    /// The JSON path of the offending value, such as
    /// `data.spaceUsages[0].unit`; empty for the document itself.
    pub fn path(&self) -> &str {
        &self.inner.path
    }

    /// The message without event type, path or position.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The 1-based line of the input where the error was found, if known.
    pub fn line(&self) -> Option<usize> {
        (self.inner.line > 0).then_some(self.inner.line)
    }

    /// The 1-based column (in bytes) of the input where the error was found,
    /// if known.
    pub fn column(&self) -> Option<usize> {
        (self.inner.line > 0).then_some(self.inner.column)
    }

    pub(crate) fn new(
        kind: ErrorKind,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                event_type: None,
                path: path.into(),
                message: message.into(),
                line: 0,
                column: 0,
                envelope: None,
            }),
        }
    }

    /// A builder's error: `fields` are the wire names left unset.
    #[cfg(feature = "builder")]
    pub(crate) fn missing_fields(first: &str, fields: &[&str]) -> Self {
        let list = fields
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let noun = if fields.len() == 1 { "field" } else { "fields" };
        Self::new(
            ErrorKind::MissingField,
            first,
            format!("missing {noun} {list}"),
        )
    }

    pub(crate) fn invalid_value(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidValue, "", message)
    }

    pub(crate) fn with_event_type(mut self, ty: impl Into<String>) -> Self {
        self.inner.event_type = Some(ty.into());
        self
    }

    /// An error from its parts (the reader's, once it is done).
    pub(crate) fn parts(
        kind: ErrorKind,
        event_type: Option<String>,
        path: String,
        message: String,
        line: usize,
        column: usize,
    ) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                event_type,
                path,
                message,
                line,
                column,
                envelope: None,
            }),
        }
    }

    /// Attaches the envelope read before the failure; an empty one (nothing
    /// read) is not kept.
    pub(crate) fn with_envelope_box(mut self, envelope: Option<Box<Envelope>>) -> Self {
        if let Some(envelope) = envelope
            && *envelope != Envelope::default()
        {
            self.inner.envelope = Some(envelope);
        }
        self
    }

    /// [`with_envelope_box`](Self::with_envelope_box) for an envelope.
    #[cfg(feature = "audit")]
    pub(crate) fn with_envelope(self, envelope: Envelope) -> Self {
        self.with_envelope_box(Some(Box::new(envelope)))
    }

    /// The message with event type and path, without the position: for
    /// errors that serde_json positions itself.
    pub(crate) fn without_position(&self) -> String {
        let mut copy = self.clone();
        copy.inner.line = 0;
        copy.inner.column = 0;
        copy.to_string()
    }

    /// Moves the position of an error found in text that starts after
    /// `lines_before` newlines, `column_shift` bytes into its line.
    pub(crate) fn shift_by(mut self, lines_before: usize, column_shift: usize) -> Self {
        if self.inner.line == 0 {
            return self;
        }
        if self.inner.line == 1 {
            self.inner.column = self.inner.column.saturating_add(column_shift);
        }
        self.inner.line = self.inner.line.saturating_add(lines_before);
        self
    }
}

#[cfg(feature = "webhook")]
impl From<crate::webhook::SignatureError> for Error {
    fn from(err: crate::webhook::SignatureError) -> Self {
        Error::new(ErrorKind::Signature, "", err.to_string())
    }
}

/// The message of a `serde_json` error without its " at line L column C".
pub(crate) fn json_message(err: &serde_json::Error) -> String {
    let mut message = err.to_string();
    if err.line() > 0 {
        let suffix = format!(" at line {} column {}", err.line(), err.column());
        if message.ends_with(&suffix) {
            message.truncate(message.len() - suffix.len());
        }
    }
    message
}
