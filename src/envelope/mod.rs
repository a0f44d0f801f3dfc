//! The CloudEvents 1.0 envelope with Qlik's extension attributes.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::ser::{Error as _, SerializeMap};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::claims::AuthClaims;
use crate::error::{Error, ErrorKind};
use crate::extra::{Extra, ExtraReader};
use crate::legacy;
use crate::read::{Fail, Reader, Res, Segment};

mod text;

use text::{AttributeText, TextWriter};

crate::model::closed_set! {
    /// The CloudEvents `specversion`: the spec allows only `1.0`.
    ///
    /// ```
    /// use qlik_events::SpecVersion;
    /// assert_eq!("1.0".parse::<SpecVersion>().unwrap(), SpecVersion::V1_0);
    /// assert!("0.3".parse::<SpecVersion>().is_err());
    /// ```
    pub enum SpecVersion ("`1.0`") {
        /// CloudEvents 1.0.
        V1_0 = "1.0",
    }
}

/// Declares the string attributes: the enum, their wire names, and the
/// getters on every type that holds an envelope.
macro_rules! attributes {
    ($( $(#[$doc:meta])* $variant:ident $getter:ident = $wire:literal ),+ $(,)?) => {
        /// A string attribute of the envelope: the optional CloudEvents
        /// context attributes and Qlik's extension attributes.
        ///
        /// `type`, `specversion`, `time` and `data` are typed and have their
        /// own accessors; attributes the crate does not know are
        /// [extensions](Envelope::extensions).
        ///
        /// ```
        /// use qlik_events::Attribute;
        /// assert_eq!(Attribute::TenantId.name(), "tenantid");
        /// assert_eq!(Attribute::from_name("originip"), Some(Attribute::OriginIp));
        /// assert_eq!(Attribute::from_name("tenantId"), None);
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Attribute {
            $( $(#[$doc])* $variant, )+
        }

        impl Attribute {
            /// Every attribute, in the order they are written.
            pub const ALL: &'static [Attribute] = &[$(Attribute::$variant),+];

            /// The attribute's wire name.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Attribute::$variant => $wire,)+
                }
            }

            /// The wire name as a JSON object key with its colon
            /// (`"tenantid":`), for the fast writer.
            pub(crate) const fn json_key(self) -> &'static str {
                match self {
                    $(Attribute::$variant => concat!(",\"", $wire, "\":"),)+
                }
            }

            /// The attribute with this wire name (exact match).
            pub fn from_name(name: &str) -> Option<Attribute> {
                Attribute::from_bytes(name.as_bytes())
            }

            /// [`from_name`](Self::from_name) for a key read as bytes.
            pub(crate) fn from_bytes(name: &[u8]) -> Option<Attribute> {
                $(if name == $wire.as_bytes() {
                    return Some(Attribute::$variant);
                })+
                None
            }
        }

        /// Getters shared by [`Envelope`], [`Event`](crate::Event) and
        /// [`QlikEvent`](crate::QlikEvent).
        macro_rules! attribute_getters {
            ($envelope:ident) => {
                $(
                    #[doc = concat!("The `", $wire, "` attribute, if present.")]
                    pub fn $getter(&self) -> Option<&str> {
                        self.$envelope().get($crate::Attribute::$variant)
                    }
                )+
            };
        }
        pub(crate) use attribute_getters;
    };
}

attributes! {
    /// `id`: unique identifier of the event.
    Id id = "id",
    /// `source`: the source of the event.
    Source source = "source",
    /// `datacontenttype`: the content type of `data` (default `application/json`).
    DataContentType data_content_type = "datacontenttype",
    /// `subject` (CloudEvents, optional).
    Subject subject = "subject",
    /// `dataschema` (CloudEvents, optional).
    DataSchema data_schema = "dataschema",
    /// `authtype`: the type of principal that triggered the event.
    AuthType auth_type = "authtype",
    /// `authclaims`: claims of the principal, a JSON document inside a string.
    AuthClaims auth_claims = "authclaims",
    /// `tracestate`: W3C trace state.
    TraceState trace_state = "tracestate",
    /// `traceparent`: W3C trace parent.
    TraceParent trace_parent = "traceparent",
    /// `userid`: the user related to the event.
    UserId user_id = "userid",
    /// `tenantid`: the tenant related to the event.
    TenantId tenant_id = "tenantid",
    /// `sessionid`: the session related to the event.
    SessionId session_id = "sessionid",
    /// `host`: the host that generated the event (app-usage).
    Host host = "host",
    /// `ownerid`: the owner of the event (app-usage).
    OwnerId owner_id = "ownerid",
    /// `originip`: the origin IP address (app-usage).
    OriginIp origin_ip = "originip",
    /// `reason`: why the event was triggered (app-usage).
    Reason reason = "reason",
    /// `spaceid`: the space related to the event (app-usage).
    SpaceId space_id = "spaceid",
    /// `clientid`: the client related to the event (app-usage).
    ClientId client_id = "clientid",
    /// `toplevelresourceid`: the top-level resource related to the event (app-usage).
    TopLevelResourceId top_level_resource_id = "toplevelresourceid",
}

const ATTRIBUTE_COUNT: usize = Attribute::ALL.len();

/// The attributes of an event other than `type` and `data`.
///
/// Fields are private so that the representation can stay compact; read
/// with the getters, write with [`set`](Envelope::set) and friends.
///
/// ```
/// use qlik_events::{Attribute, Envelope};
///
/// let mut envelope = Envelope::new();
/// envelope.set(Attribute::TenantId, "t1").set(Attribute::Id, "e1");
/// assert_eq!(envelope.tenant_id(), Some("t1"));
/// assert_eq!(envelope.get(Attribute::Id), Some("e1"));
/// assert_eq!(envelope.source(), None);
/// ```
#[derive(Clone, Default)]
pub struct Envelope {
    strings: AttributeText,
    specversion: Option<SpecVersion>,
    time: Option<DateTime<Utc>>,
    extensions: Extra,
}

/// Names that can never be extensions.
const RESERVED: [&str; 4] = ["type", "data", "time", "specversion"];

impl Envelope {
    /// An empty envelope.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of a string attribute.
    pub fn get(&self, attr: Attribute) -> Option<&str> {
        self.strings.get(attr)
    }

    /// Sets a string attribute.
    pub fn set(&mut self, attr: Attribute, value: impl AsRef<str>) -> &mut Self {
        self.strings.set(attr, Some(value.as_ref()));
        self
    }

    /// Removes a string attribute, returning its value.
    pub fn remove(&mut self, attr: Attribute) -> Option<String> {
        let old = self.get(attr).map(String::from);
        if old.is_some() {
            self.strings.set(attr, None);
        }
        old
    }

    /// The present string attributes, in [`Attribute::ALL`] order.
    pub fn attributes(&self) -> impl Iterator<Item = (Attribute, &str)> + '_ {
        self.strings.iter()
    }

    /// `specversion`, if present (it is optional in the spec).
    pub fn specversion(&self) -> Option<SpecVersion> {
        self.specversion
    }

    /// Sets or clears `specversion`.
    pub fn set_specversion(&mut self, v: Option<SpecVersion>) -> &mut Self {
        self.specversion = v;
        self
    }

    /// `time`, if present, in UTC.
    pub fn time(&self) -> Option<DateTime<Utc>> {
        self.time
    }

    /// Sets or clears `time`.
    pub fn set_time(&mut self, time: Option<DateTime<Utc>>) -> &mut Self {
        self.time = time;
        self
    }

    /// Top-level attributes the crate does not know (CloudEvents
    /// extensions), kept as sent.
    pub fn extensions(&self) -> &Extra {
        &self.extensions
    }

    /// Adds or replaces an extension attribute. Names of attributes the
    /// crate models (`id`, `tenantid`, `type`, `data`, ...) and the older
    /// envelope's names (`eventId`, `eventType`, `eventTime`, `contentType`,
    /// `extensions`) are refused, so that an envelope can never hold the
    /// same name twice and always reads back as itself.
    ///
    /// ```
    /// use qlik_events::Envelope;
    /// let mut envelope = Envelope::new();
    /// envelope.set_extension("region", "eu".into()).unwrap();
    /// assert!(envelope.set_extension("tenantid", "t".into()).is_err());
    /// assert_eq!(envelope.extensions().get("region").unwrap().get(), r#""eu""#);
    /// ```
    pub fn set_extension(
        &mut self,
        name: impl Into<String>,
        value: Value,
    ) -> Result<Option<Box<RawValue>>, Error> {
        self.set_extension_raw(name, crate::extra::raw_from_value(&value))
    }

    /// Adds or replaces an extension attribute given as JSON text, with the
    /// rules of [`set_extension`](Self::set_extension).
    ///
    /// ```
    /// use qlik_events::Envelope;
    /// let raw = serde_json::value::RawValue::from_string("[1, 2.50]".into()).unwrap();
    /// let mut envelope = Envelope::new();
    /// envelope.set_extension_raw("levels", raw).unwrap();
    /// assert_eq!(envelope.extensions().get("levels").unwrap().get(), "[1, 2.50]");
    /// ```
    pub fn set_extension_raw(
        &mut self,
        name: impl Into<String>,
        value: Box<RawValue>,
    ) -> Result<Option<Box<RawValue>>, Error> {
        let name = name.into();
        if is_reserved(&name) {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                name.clone(),
                format!("`{name}` is an attribute of the envelope, not an extension"),
            ));
        }
        Ok(self.extensions.insert_raw(name, value))
    }

    /// Removes an extension attribute, returning its JSON text.
    pub fn remove_extension(&mut self, name: &str) -> Option<Box<RawValue>> {
        self.extensions.remove(name)
    }

    /// Parses `authclaims` (a JSON document inside a string) on demand.
    ///
    /// `None` when the attribute is absent; an error of kind
    /// [`Syntax`](ErrorKind::Syntax) or [`InvalidType`](ErrorKind::InvalidType)
    /// with path `authclaims` when it is not a JSON object of claims.
    ///
    /// ```
    /// let event = qlik_events::from_str(include_str!(
    ///     "../../tests/fixtures/com.qlik.v1.app-usage.quota.consumed.json"
    /// )).unwrap();
    /// let claims = event.envelope().claims().unwrap().unwrap();
    /// assert_eq!(claims.sub_type.as_deref(), Some("service"));
    /// ```
    pub fn claims(&self) -> Option<Result<AuthClaims, Error>> {
        self.auth_claims().map(AuthClaims::parse)
    }

    attribute_getters!(envelope);

    // Lets the shared getter macro call `self.envelope()` here too.
    fn envelope(&self) -> &Self {
        self
    }
}

/// Names an extension cannot have: the envelope's own, and the older
/// envelope's top-level names (`eventId`, `extensions`, ...), which the
/// parser would read back as those, not as an extension (found by fuzzing).
fn is_reserved(name: &str) -> bool {
    RESERVED.contains(&name)
        || Attribute::from_name(name).is_some()
        || name == "extensions"
        || legacy::webhook_top_level(name.as_bytes()).is_some()
}

/// Equal when every attribute, `specversion`, `time` and every extension are.
impl PartialEq for Envelope {
    fn eq(&self, other: &Self) -> bool {
        self.specversion == other.specversion
            && self.time == other.time
            && Attribute::ALL.iter().all(|&a| self.get(a) == other.get(a))
            && self.extensions == other.extensions
    }
}

impl fmt::Debug for Envelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        if let Some(v) = &self.specversion {
            m.entry(&"specversion", v);
        }
        if let Some(t) = &self.time {
            m.entry(&"time", t);
        }
        for (a, v) in self.attributes() {
            m.entry(&a.name(), &v);
        }
        for (k, v) in &self.extensions {
            m.entry(&k, &v.get());
        }
        m.finish()
    }
}

/// A top-level key of an event object.
#[derive(Clone, Copy)]
pub(crate) enum EnvelopeKey {
    /// `type`, or the older `eventType`: the name that was used.
    Type(&'static str),
    Data,
    Field(EnvelopeField),
}

/// A top-level key that belongs to the [`Envelope`].
#[derive(Clone, Copy)]
pub(crate) enum EnvelopeField {
    /// A string attribute under its 1.0 name (`None`) or an older one.
    Attr(Attribute, Option<&'static str>),
    SpecVersion,
    /// `time`, or the older `eventTime`.
    Time(&'static str),
    /// The older envelope's `extensions` object.
    Extensions,
}

impl EnvelopeKey {
    /// The key of a top-level member, if the crate knows it: every name an
    /// event's envelope has, under CloudEvents 1.0 or the older envelope
    /// (whose top-level `tenantId` and `userId` were never attributes: they
    /// are extensions). Written as byte patterns, which compile to a
    /// decision on length and bytes rather than one comparison per name.
    #[inline]
    fn from_key(key: &[u8]) -> Option<Self> {
        use Attribute as A;
        use EnvelopeField::{Attr, Extensions, SpecVersion, Time};
        use EnvelopeKey::{Data, Field, Type};
        Some(match *key {
            [b'i', b'd'] => Field(Attr(A::Id, None)),
            [b't', b'i', b'm', b'e'] => Field(Time("time")),
            [b't', b'y', b'p', b'e'] => Type("type"),
            [b's', b'o', b'u', b'r', b'c', b'e'] => Field(Attr(A::Source, None)),
            [
                b's',
                b'p',
                b'e',
                b'c',
                b'v',
                b'e',
                b'r',
                b's',
                b'i',
                b'o',
                b'n',
            ] => Field(SpecVersion),
            [
                b'd',
                b'a',
                b't',
                b'a',
                b'c',
                b'o',
                b'n',
                b't',
                b'e',
                b'n',
                b't',
                b't',
                b'y',
                b'p',
                b'e',
            ] => Field(Attr(A::DataContentType, None)),
            [b'a', b'u', b't', b'h', b't', b'y', b'p', b'e'] => Field(Attr(A::AuthType, None)),
            [b'a', b'u', b't', b'h', b'c', b'l', b'a', b'i', b'm', b's'] => {
                Field(Attr(A::AuthClaims, None))
            }
            [b't', b'r', b'a', b'c', b'e', b's', b't', b'a', b't', b'e'] => {
                Field(Attr(A::TraceState, None))
            }
            [
                b't',
                b'r',
                b'a',
                b'c',
                b'e',
                b'p',
                b'a',
                b'r',
                b'e',
                b'n',
                b't',
            ] => Field(Attr(A::TraceParent, None)),
            [b'd', b'a', b't', b'a'] => Data,
            [b'u', b's', b'e', b'r', b'i', b'd'] => Field(Attr(A::UserId, None)),
            [b't', b'e', b'n', b'a', b'n', b't', b'i', b'd'] => Field(Attr(A::TenantId, None)),
            [b's', b'e', b's', b's', b'i', b'o', b'n', b'i', b'd'] => {
                Field(Attr(A::SessionId, None))
            }
            [b'h', b'o', b's', b't'] => Field(Attr(A::Host, None)),
            [b'o', b'w', b'n', b'e', b'r', b'i', b'd'] => Field(Attr(A::OwnerId, None)),
            [b'o', b'r', b'i', b'g', b'i', b'n', b'i', b'p'] => Field(Attr(A::OriginIp, None)),
            [b'r', b'e', b'a', b's', b'o', b'n'] => Field(Attr(A::Reason, None)),
            [b's', b'p', b'a', b'c', b'e', b'i', b'd'] => Field(Attr(A::SpaceId, None)),
            [b'c', b'l', b'i', b'e', b'n', b't', b'i', b'd'] => Field(Attr(A::ClientId, None)),
            [
                b't',
                b'o',
                b'p',
                b'l',
                b'e',
                b'v',
                b'e',
                b'l',
                b'r',
                b'e',
                b's',
                b'o',
                b'u',
                b'r',
                b'c',
                b'e',
                b'i',
                b'd',
            ] => Field(Attr(A::TopLevelResourceId, None)),
            [b's', b'u', b'b', b'j', b'e', b'c', b't'] => Field(Attr(A::Subject, None)),
            [b'd', b'a', b't', b'a', b's', b'c', b'h', b'e', b'm', b'a'] => {
                Field(Attr(A::DataSchema, None))
            }
            [b'e', b'x', b't', b'e', b'n', b's', b'i', b'o', b'n', b's'] => Field(Extensions),
            [b'e', b'v', b'e', b'n', b't', b'I', b'd'] => Field(Attr(A::Id, Some("eventId"))),
            [b'e', b'v', b'e', b'n', b't', b'T', b'i', b'm', b'e'] => Field(Time("eventTime")),
            [b'e', b'v', b'e', b'n', b't', b'T', b'y', b'p', b'e'] => Type("eventType"),
            [
                b'c',
                b'o',
                b'n',
                b't',
                b'e',
                b'n',
                b't',
                b'T',
                b'y',
                b'p',
                b'e',
            ] => Field(Attr(A::DataContentType, Some("contentType"))),
            _ => return None,
        })
    }
}

/// A top-level key as read.
pub(crate) enum TopKey<'de> {
    Known(EnvelopeKey),
    /// An extension's name.
    Other(Cow<'de, [u8]>),
}

/// The next top-level key of an event object (`first` as for
/// [`Reader::key`]), or `None` at its end.
#[inline]
pub(crate) fn next_key<'de>(r: &mut Reader<'de>, first: &mut bool) -> Res<Option<TopKey<'de>>> {
    let Some(key) = r.key(first)? else {
        return Ok(None);
    };
    Ok(Some(match EnvelopeKey::from_key(&key) {
        Some(known) => TopKey::Known(known),
        None => TopKey::Other(key),
    }))
}

/// Collects an [`Envelope`] while an event object is read.
pub(crate) struct EnvelopeReader<'de> {
    text: TextWriter<'de>,
    /// The attributes read under an older name (`eventId`,
    /// `extensions.tenantId`), with that name; the others present were read
    /// under their own. Almost always empty.
    older: Vec<(Attribute, &'static str)>,
    specversion: Option<SpecVersion>,
    time: Option<(DateTime<Utc>, &'static str)>,
    extensions: ExtraReader,
}

impl<'de> EnvelopeReader<'de> {
    pub(crate) fn new() -> Self {
        EnvelopeReader {
            text: TextWriter::default(),
            older: Vec::new(),
            specversion: None,
            time: None,
            extensions: ExtraReader::default(),
        }
    }

    /// Whether a string attribute was read.
    pub(crate) fn has(&self, attr: Attribute) -> bool {
        self.text.contains(attr)
    }

    /// Whether a string attribute was read, under the name `shown` (`None`
    /// for its 1.0 name).
    fn read_as(&self, attr: Attribute, shown: Option<&str>) -> bool {
        self.text.contains(attr) && self.older_name(attr) == shown
    }

    /// The older name an attribute present was read under, if any.
    fn older_name(&self, attr: Attribute) -> Option<&'static str> {
        self.older
            .iter()
            .find(|(a, _)| *a == attr)
            .map(|&(_, name)| name)
    }

    /// Reads the value of one envelope field (the colon comes next).
    pub(crate) fn read_field(&mut self, field: EnvelopeField, r: &mut Reader<'de>) -> Res<()> {
        match field {
            EnvelopeField::Attr(attr, older) => {
                let name = older.unwrap_or(attr.name());
                // A repeated key is reported where it stands, before its value.
                if self.read_as(attr, older) {
                    return Err(Fail::duplicate(name));
                }
                let value = r
                    .colon()
                    .and_then(|()| r.str(&"a string"))
                    .map_err(|f| f.at(Segment::Field(name)))?;
                self.set_attr(attr, name, older, value)
            }
            EnvelopeField::SpecVersion => r.field(&mut self.specversion, "specversion"),
            EnvelopeField::Time(name) => {
                if matches!(self.time, Some((_, prev)) if prev == name) {
                    return Err(Fail::duplicate(name));
                }
                let mut slot: Option<DateTime<Utc>> = None;
                r.field(&mut slot, name)?;
                match (self.time, slot) {
                    (Some((before, prev)), Some(now)) if before != now => Err(conflict(
                        name,
                        prev,
                        crate::time::format(&now).as_str(),
                        crate::time::format(&before).as_str(),
                    )),
                    (None, Some(now)) => {
                        self.time = Some((now, name));
                        Ok(())
                    }
                    _ => Ok(()),
                }
            }
            EnvelopeField::Extensions => r
                .colon()
                .and_then(|()| r.map(&"an extensions object", |r| self.read_extensions(r)))
                .map_err(|f| f.at(Segment::Field("extensions"))),
        }
    }

    /// Sets a string attribute read under the key `name`, which is its 1.0
    /// name or the older name `older` (as messages show it): the same name
    /// twice is a duplicate; a 1.0 name and an older one must agree.
    fn set_attr(
        &mut self,
        attr: Attribute,
        name: &'static str,
        older: Option<&'static str>,
        value: Cow<'de, str>,
    ) -> Res<()> {
        if !self.text.contains(attr) {
            if let Some(older) = older {
                self.older.push((attr, older));
            }
            self.text.push(attr, value);
            return Ok(());
        }
        let prev = self.older_name(attr);
        if prev == older {
            return Err(Fail::duplicate(name));
        }
        match self.text.get(attr) {
            Some(before) if before != value => {
                Err(conflict(name, prev.unwrap_or(attr.name()), &value, before))
            }
            _ => Ok(()),
        }
    }

    /// Reads the members of the older envelope's `extensions` object:
    /// mapped keys become attributes (agreeing with 1.0 names), others
    /// extensions.
    fn read_extensions(&mut self, r: &mut Reader<'de>) -> Res<()> {
        let mut first = true;
        while let Some(key) = r.key(&mut first)? {
            let key = r.text(key)?;
            match legacy::in_extensions(key.as_bytes()) {
                Some((attr, name, shown)) => {
                    let value = r
                        .colon()
                        .and_then(|()| r.str(&"a string"))
                        .map_err(|f| f.at(Segment::Field(name)))?;
                    self.set_attr(attr, name, Some(shown), value)?;
                }
                // `extensions.host` would shadow the `host` attribute.
                None if is_reserved(&key) => {
                    return Err(Fail::data(
                        ErrorKind::InvalidValue,
                        format!("`extensions.{key}` has the name of an envelope attribute"),
                    )
                    .at(Segment::Key(key.as_ref().into())));
                }
                None => {
                    let value = r
                        .colon()
                        .and_then(|()| r.raw())
                        .map_err(|f| f.at(Segment::Key(key.as_ref().into())))?;
                    match self.extensions.get(&key) {
                        Some(before) if !crate::extra::same_json(before.get(), value) => {
                            return Err(Fail::data(
                                ErrorKind::Conflict,
                                format!("`extensions.{key}` disagrees with the extension `{key}`"),
                            )
                            .at(Segment::Key(key.as_ref().into())));
                        }
                        Some(_) => {}
                        None => self.extensions.push(key.into_owned(), value)?,
                    }
                }
            }
        }
        Ok(())
    }

    /// Reads the value of a top-level key the crate does not know.
    pub(crate) fn read_extension(&mut self, key: Cow<'de, [u8]>, r: &mut Reader<'de>) -> Res<()> {
        self.extensions.read(r, key)
    }

    /// The envelope read. Takes `&mut self` rather than `self`: the reader
    /// is large, and moving it would copy it.
    pub(crate) fn finish(&mut self) -> Envelope {
        Envelope {
            strings: self.text.finish(),
            specversion: self.specversion,
            time: self.time.map(|(time, _)| time),
            extensions: std::mem::take(&mut self.extensions).finish(),
        }
    }
}

/// The failure for a 1.0 name and an older name that disagree.
pub(crate) fn conflict(
    name: &'static str,
    other: &str,
    value: &str,
    other_value: &str,
) -> Box<Fail> {
    Fail::data(
        ErrorKind::Conflict,
        format!("`{name}` is {value:?} but `{other}` is {other_value:?}; they must agree"),
    )
    .at(Segment::Field(name))
}

impl Envelope {
    /// Writes every attribute before `data`, as `serialize_attributes`
    /// does, for the fast writer.
    pub(crate) fn write_attributes(
        &self,
        o: &mut crate::write::Object<'_>,
        event_type: &str,
    ) -> Result<(), Error> {
        // Values read without escapes are copied without a second look.
        if let Some((id, plain)) = self.strings.get_plain(Attribute::Id) {
            o.text(",\"id\":", id, plain);
        }
        if let Some(time) = &self.time {
            o.field(",\"time\":", time)?;
        }
        o.field(",\"type\":", event_type)?;
        if let Some((source, plain)) = self.strings.get_plain(Attribute::Source) {
            o.text(",\"source\":", source, plain);
        }
        if let Some(v) = &self.specversion {
            o.field(",\"specversion\":", v)?;
        }
        for (attr, value, plain) in self.strings.iter_plain() {
            if !matches!(attr, Attribute::Id | Attribute::Source) {
                o.text(attr.json_key(), value, plain);
            }
        }
        for (k, v) in &self.extensions {
            if is_reserved(k) {
                return Err(Error::new(
                    ErrorKind::Serialize,
                    k,
                    format!("extension `{k}` has the name of an envelope attribute"),
                ));
            }
            o.entry(k, v)?;
        }
        Ok(())
    }

    /// Writes every attribute before `data`, in a stable order: the
    /// CloudEvents attributes first (as in the vendor's examples), then
    /// Qlik's, then extensions.
    pub(crate) fn serialize_attributes<M: SerializeMap>(
        &self,
        m: &mut M,
        event_type: &str,
    ) -> Result<(), M::Error> {
        if let Some(id) = self.get(Attribute::Id) {
            m.serialize_entry("id", id)?;
        }
        if let Some(time) = &self.time {
            m.serialize_entry("time", &crate::time::Rfc3339(time))?;
        }
        m.serialize_entry("type", event_type)?;
        if let Some(source) = self.get(Attribute::Source) {
            m.serialize_entry("source", source)?;
        }
        if let Some(v) = &self.specversion {
            m.serialize_entry("specversion", v)?;
        }
        for (attr, value) in self.attributes() {
            if !matches!(attr, Attribute::Id | Attribute::Source) {
                m.serialize_entry(attr.name(), value)?;
            }
        }
        for (k, v) in &self.extensions {
            // Only reachable by building an invalid map by hand elsewhere;
            // writing it would produce a duplicate key.
            if is_reserved(k) {
                return Err(M::Error::custom(format_args!(
                    "extension `{k}` has the name of an envelope attribute"
                )));
            }
            m.serialize_entry(k, &crate::serde_any::AnyJson(v, k))?;
        }
        Ok(())
    }
}
