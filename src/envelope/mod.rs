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
use crate::legacy::{self, Target};
use crate::object::Member;
use crate::read::{Fail, Reader, Res, Segment};

mod text;

use text::{AttributeText, TextWriter};

crate::model::closed_set! {
    /// The CloudEvents `specversion` of the event types the crate models.
    ///
    /// Their pages (both versions) allow only `1.0`, and CloudEvents 1.0
    /// itself says so: every 1.0.x release of the spec (`1.0.2` is one)
    /// keeps the value `1.0`, which names the spec's major.minor version,
    /// not a document. So an event of a modelled type with `"specversion":
    /// "1.0.2"` is refused. An event of a type the crate does not model may
    /// carry any string there (the vendor's app events show `1.0.2`): it
    /// is kept as sent, as the extension `specversion`
    /// ([`Envelope::extensions`]), and [`Envelope::specversion`] is `None`.
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

    /// `specversion`, if present (it is optional in the spec). Another
    /// value on an event of a type the crate does not model is kept as the
    /// extension `specversion`; see [`SpecVersion`].
    ///
    /// ```
    /// let event = qlik_events::from_str(
    ///     r#"{"type": "com.example.v1.unknown.type", "specversion": "1.0.2"}"#,
    /// )?;
    /// assert_eq!(event.envelope().specversion(), None);
    /// let kept = event.envelope().extensions().get("specversion").unwrap();
    /// assert_eq!(kept.get(), r#""1.0.2""#);
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
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
    /// crate models (`id`, `tenantid`, `type`, `data`, ...), `extensions`
    /// and every older spelling of [`legacy`](crate::legacy)'s table
    /// (`eventId`, `eventType`, `tenantId`, ...) are refused, so that an
    /// envelope can never hold the same name twice and always reads back as
    /// itself. (Parsing keeps values that lose to another spelling under
    /// such names; those read back as themselves.)
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

/// Names an extension cannot be given by hand: the envelope's own, and
/// every older spelling and `extensions`, which the parser would read back
/// as those (found by fuzzing). The parser itself keeps values that do not
/// govern under older names (see [`legacy`]); those read back as
/// themselves, since they disagree with the value that governs.
fn is_reserved(name: &str) -> bool {
    collides(name) || name == "extensions" || legacy::spelling(name.as_bytes()).is_some()
}

/// Names an extension can never be written under: the envelope writes them
/// itself, so a second one would be a repeated key.
fn collides(name: &str) -> bool {
    RESERVED.contains(&name) || Attribute::from_name(name).is_some()
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

impl Eq for Envelope {}

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

/// A top-level key of an event object other than an extension's: `type`
/// (or the older `eventType`, by the name that was used), `data`, or a
/// field of the envelope.
type EnvelopeKey = Member<'static, EnvelopeField>;

impl EnvelopeKey {
    /// The key of a top-level member under its CloudEvents 1.0 name (or
    /// `extensions`); the older spellings are looked up in
    /// [`legacy`]'s table after this. Written as byte patterns, which
    /// compile to a decision on length and bytes rather than one comparison
    /// per name.
    // Not formatted: rustfmt puts each byte of a long pattern on its own
    // line; one name per line keeps the decision tree readable as a table.
    #[rustfmt::skip]
    #[inline]
    fn from_key(key: &[u8]) -> Option<Self> {
        use Attribute as A;
        use EnvelopeField::{Attr, Extensions, SpecVersion, Time};
        use Member::{Data, Field, Type};
        Some(match *key {
            [b'i', b'd'] => Field(Attr(A::Id, None)),
            [b't', b'i', b'm', b'e'] => Field(Time("time")),
            [b't', b'y', b'p', b'e'] => Type("type"),
            [b's', b'o', b'u', b'r', b'c', b'e'] => Field(Attr(A::Source, None)),
            [b's', b'p', b'e', b'c', b'v', b'e', b'r', b's', b'i', b'o', b'n'] => Field(SpecVersion),
            [b'd', b'a', b't', b'a', b'c', b'o', b'n', b't', b'e', b'n', b't', b't', b'y', b'p', b'e'] => Field(Attr(A::DataContentType, None)),
            [b'a', b'u', b't', b'h', b't', b'y', b'p', b'e'] => Field(Attr(A::AuthType, None)),
            [b'a', b'u', b't', b'h', b'c', b'l', b'a', b'i', b'm', b's'] => Field(Attr(A::AuthClaims, None)),
            [b't', b'r', b'a', b'c', b'e', b's', b't', b'a', b't', b'e'] => Field(Attr(A::TraceState, None)),
            [b't', b'r', b'a', b'c', b'e', b'p', b'a', b'r', b'e', b'n', b't'] => Field(Attr(A::TraceParent, None)),
            [b'd', b'a', b't', b'a'] => Data,
            [b'u', b's', b'e', b'r', b'i', b'd'] => Field(Attr(A::UserId, None)),
            [b't', b'e', b'n', b'a', b'n', b't', b'i', b'd'] => Field(Attr(A::TenantId, None)),
            [b's', b'e', b's', b's', b'i', b'o', b'n', b'i', b'd'] => Field(Attr(A::SessionId, None)),
            [b'h', b'o', b's', b't'] => Field(Attr(A::Host, None)),
            [b'o', b'w', b'n', b'e', b'r', b'i', b'd'] => Field(Attr(A::OwnerId, None)),
            [b'o', b'r', b'i', b'g', b'i', b'n', b'i', b'p'] => Field(Attr(A::OriginIp, None)),
            [b'r', b'e', b'a', b's', b'o', b'n'] => Field(Attr(A::Reason, None)),
            [b's', b'p', b'a', b'c', b'e', b'i', b'd'] => Field(Attr(A::SpaceId, None)),
            [b'c', b'l', b'i', b'e', b'n', b't', b'i', b'd'] => Field(Attr(A::ClientId, None)),
            [b't', b'o', b'p', b'l', b'e', b'v', b'e', b'l', b'r', b'e', b's', b'o', b'u', b'r', b'c', b'e', b'i', b'd'] => Field(Attr(A::TopLevelResourceId, None)),
            [b's', b'u', b'b', b'j', b'e', b'c', b't'] => Field(Attr(A::Subject, None)),
            [b'd', b'a', b't', b'a', b's', b'c', b'h', b'e', b'm', b'a'] => Field(Attr(A::DataSchema, None)),
            [b'e', b'x', b't', b'e', b'n', b's', b'i', b'o', b'n', b's'] => Field(Extensions),
            _ => return None,
        })
    }

    /// The key of a top-level member under an older spelling.
    #[cold]
    fn from_older(key: &[u8]) -> Option<Self> {
        Some(match legacy::spelling(key)? {
            (Target::Attr(attr), name) => Member::Field(EnvelopeField::Attr(attr, Some(name))),
            (Target::Time, name) => Member::Field(EnvelopeField::Time(name)),
            (Target::Type, name) => Member::Type(name),
        })
    }
}

/// The member a top-level key of an event object names: a CloudEvents 1.0
/// name, then an older spelling of [`legacy`]'s table, else an extension.
#[inline]
pub(crate) fn member(key: Cow<'_, [u8]>) -> Member<'_, EnvelopeField> {
    if let Some(known) = EnvelopeKey::from_key(&key) {
        return known;
    }
    match EnvelopeKey::from_older(&key) {
        Some(known) => known,
        None => Member::Other(key),
    }
}

/// Where a value was read other than under its 1.0 name at the top level:
/// an older spelling at the top level, or a key of `extensions`.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Place {
    name: &'static str,
    nested: bool,
}

/// A string as JSON text.
pub(crate) fn json_string(s: &str) -> String {
    Value::from(s).to_string()
}

/// Whether a key of `extensions` is one that is read only at the top level
/// (`type`, `time`, `specversion`, `data`, `extensions` and their older
/// spellings): kept as sent, in the `extensions` extension.
fn top_level_only(key: &[u8]) -> bool {
    EnvelopeKey::from_key(key).is_some() || legacy::spelling(key).is_some()
}

/// Collects an [`Envelope`] while an event object is read, by the rule in
/// [`legacy`]: the CloudEvents 1.0 name at the top level governs, else the
/// first value read; values that disagree are kept as extensions under the
/// name they were sent with.
pub(crate) struct EnvelopeReader<'de> {
    text: TextWriter<'de>,
    /// The attributes present that were read under another name or place
    /// than their 1.0 name at the top level, with it. Almost always empty.
    older: Vec<(Attribute, Place)>,
    /// Every older name and attribute key of `extensions` read, to find
    /// repeated keys. Almost always empty.
    seen: Vec<Place>,
    specversion: Option<SpecVersion>,
    /// A `specversion` other than `1.0` with the failure it is for a known
    /// type, until the event's type is known.
    other_specversion: Option<(Cow<'de, str>, Box<Fail>)>,
    /// Whether the governing type is known already (as for a per-type
    /// parse): `specversion` is then checked as it is read.
    pub(crate) strict: bool,
    time: Option<DateTime<Utc>>,
    /// The older name `time` was read under, with its text; `None` when it
    /// was read as `time` (or is absent).
    time_older: Option<(&'static str, Cow<'de, str>)>,
    extensions: ExtraReader,
    /// Whether the `extensions` object was read.
    extensions_seen: bool,
    /// The members of `extensions` that could not be placed, as sent: they
    /// become the extension `extensions`.
    nested: Vec<(Box<str>, String)>,
    /// The extensions that came from `extensions` (a top-level one of the
    /// same name governs).
    from_nested: Vec<Box<str>>,
}

impl<'de> EnvelopeReader<'de> {
    pub(crate) fn new() -> Self {
        EnvelopeReader {
            text: TextWriter::default(),
            older: Vec::new(),
            seen: Vec::new(),
            specversion: None,
            other_specversion: None,
            strict: false,
            time: None,
            time_older: None,
            extensions: ExtraReader::default(),
            extensions_seen: false,
            nested: Vec::new(),
            from_nested: Vec::new(),
        }
    }

    /// Whether a string attribute was read.
    pub(crate) fn has(&self, attr: Attribute) -> bool {
        self.text.contains(attr)
    }

    /// Where an attribute present was read, if not under its 1.0 name at
    /// the top level.
    fn older_place(&self, attr: Attribute) -> Option<Place> {
        self.older
            .iter()
            .find(|(a, _)| *a == attr)
            .map(|&(_, place)| place)
    }

    /// A repeated older name (or attribute key of `extensions`) is a
    /// duplicate; else it is remembered.
    fn see(&mut self, place: Place) -> Res<()> {
        if self.seen.contains(&place) {
            return Err(Fail::duplicate(place.name));
        }
        self.seen.push(place);
        Ok(())
    }

    /// Reads the value of one envelope field (the colon comes next). The
    /// usual one, a string attribute under its 1.0 name read first, inline;
    /// text with escapes is then unescaped straight into the envelope's
    /// buffer when it is free.
    #[inline]
    pub(crate) fn read_field(&mut self, field: EnvelopeField, r: &mut Reader<'de>) -> Res<()> {
        if let EnvelopeField::Attr(attr, None) = field
            && !self.text.contains(attr)
        {
            let value = r
                .colon()
                .and_then(|()| r.str_to(&"a string", self.text.small_buffer()))
                .map_err(|f| f.at(Segment::Field(attr.name())))?;
            self.text.push_text(attr, value);
            return Ok(());
        }
        self.read_other_field(field, r)
    }

    /// [`read_field`](Self::read_field) for the others.
    fn read_other_field(&mut self, field: EnvelopeField, r: &mut Reader<'de>) -> Res<()> {
        match field {
            EnvelopeField::Attr(attr, older) => {
                let name = older.unwrap_or(attr.name());
                let place = older.map(|name| Place {
                    name,
                    nested: false,
                });
                // A repeated key is reported where it stands, before its value.
                match place {
                    None if self.text.contains(attr) && self.older_place(attr).is_none() => {
                        return Err(Fail::duplicate(name));
                    }
                    None => {}
                    Some(place) => self.see(place)?,
                }
                let value = r
                    .colon()
                    .and_then(|()| r.str(&"a string"))
                    .map_err(|f| f.at(Segment::Field(name)))?;
                self.set_attr(attr, place, value)
            }
            EnvelopeField::SpecVersion => {
                if self.specversion.is_some() || self.other_specversion.is_some() {
                    return Err(Fail::duplicate("specversion"));
                }
                self.read_specversion(r)
                    .map_err(|f| f.at(Segment::Field("specversion")))
            }
            EnvelopeField::Time(name) => self.read_time(name, r),
            EnvelopeField::Extensions => {
                if self.extensions_seen {
                    return Err(Fail::duplicate("extensions"));
                }
                self.extensions_seen = true;
                r.colon()
                    .and_then(|()| r.map(&"an extensions object", |r| self.read_extensions(r)))
                    .map_err(|f| f.at(Segment::Field("extensions")))
            }
        }
    }

    /// `specversion`: `1.0`, or (for a type the crate does not model) any
    /// string, kept as the extension `specversion`.
    fn read_specversion(&mut self, r: &mut Reader<'de>) -> Res<()> {
        const EXPECTED: &str = "`1.0`";
        r.colon()?;
        let s = r.bytes(&EXPECTED)?;
        if *s == *SpecVersion::V1_0.as_str().as_bytes() {
            self.specversion = Some(SpecVersion::V1_0);
            return Ok(());
        }
        let fail = r.invalid_string(&s, &EXPECTED);
        if self.strict {
            return Err(fail);
        }
        self.other_specversion = Some((r.text(s)?, fail));
        Ok(())
    }

    /// `time`, or its older spelling `eventTime`.
    fn read_time(&mut self, name: &'static str, r: &mut Reader<'de>) -> Res<()> {
        if name == "time" {
            if self.time.is_some() && self.time_older.is_none() {
                return Err(Fail::duplicate(name));
            }
            let mut slot: Option<DateTime<Utc>> = None;
            r.field(&mut slot, name)?;
            let Some(now) = slot else { return Ok(()) };
            match (self.time, self.time_older.take()) {
                // The 1.0 name governs: an older value that disagrees is kept.
                (Some(before), Some((prev, text))) if before != now => {
                    self.keep(
                        Place {
                            name: prev,
                            nested: false,
                        },
                        json_string(&text),
                    )?;
                }
                _ => {}
            }
            self.time = Some(now);
            return Ok(());
        }
        self.see(Place {
            name,
            nested: false,
        })?;
        const EXPECTED: &str = "an RFC 3339 date-time";
        let (text, now) = r
            .colon()
            .and_then(|()| r.str(&EXPECTED))
            .and_then(|s| match crate::time::parse_bytes(s.as_bytes()) {
                Some(now) => Ok((s, now)),
                None => Err(r.invalid_string(s.as_bytes(), &EXPECTED)),
            })
            .map_err(|f| f.at(Segment::Field(name)))?;
        match self.time {
            None => {
                self.time = Some(now);
                self.time_older = Some((name, text));
            }
            Some(before) if before == now => {}
            Some(_) => self.keep(
                Place {
                    name,
                    nested: false,
                },
                json_string(&text),
            )?,
        }
        Ok(())
    }

    /// Sets a string attribute read at `place` (`None`: its 1.0 name at the
    /// top level), by the rule: the 1.0 name governs, else the first value;
    /// a value that disagrees is kept where it came from. Repeated keys
    /// were checked before.
    fn set_attr(&mut self, attr: Attribute, place: Option<Place>, value: Cow<'de, str>) -> Res<()> {
        if !self.text.contains(attr) {
            if let Some(place) = place {
                self.older.push((attr, place));
            }
            self.text.push(attr, value);
            return Ok(());
        }
        let prev = self.older_place(attr);
        let agrees = self.text.get(attr) == Some(&*value);
        match (prev, place) {
            (Some(_), None) if agrees => self.older.retain(|(a, _)| *a != attr),
            (Some(prev), None) => {
                let before = json_string(self.text.get(attr).unwrap_or_default());
                self.keep(prev, before)?;
                self.older.retain(|(a, _)| *a != attr);
                self.text.replace(attr, value);
            }
            (_, Some(place)) if !agrees => self.keep(place, json_string(&value))?,
            _ => {}
        }
        Ok(())
    }

    /// Keeps a value that does not govern (JSON text) under the name it was
    /// sent with: a top-level extension, or a member of `extensions`.
    #[cold]
    fn keep(&mut self, place: Place, text: String) -> Res<()> {
        if place.nested {
            self.nested.push((place.name.into(), text));
            Ok(())
        } else {
            self.extensions.push(place.name.to_owned(), &text)
        }
    }

    /// Keeps a `type` that does not govern (an `eventType` that disagrees
    /// with `type`) as an extension under its name.
    #[cold]
    pub(crate) fn keep_type(&mut self, name: &'static str, value: &str) -> Res<()> {
        self.keep(
            Place {
                name,
                nested: false,
            },
            json_string(value),
        )
    }

    /// Reads the members of the older envelope's `extensions` object by the
    /// table in [`legacy`]: attribute keys become attributes (by the rule),
    /// other keys extensions; keys that cannot be placed are kept as sent.
    #[cold]
    fn read_extensions(&mut self, r: &mut Reader<'de>) -> Res<()> {
        let mut first = true;
        while let Some(key) = r.key(&mut first)? {
            if let Some((attr, name)) = legacy::in_extensions(&key) {
                let place = Place { name, nested: true };
                self.see(place)?;
                let value = r
                    .colon()
                    .and_then(|()| r.str(&"a string"))
                    .map_err(|f| f.at(Segment::Field(name)))?;
                self.set_attr(attr, Some(place), value)?;
                continue;
            }
            let key = r.text(key)?;
            let at = || Segment::Key(key.as_ref().into());
            if self.from_nested.iter().any(|k| **k == *key)
                || self.nested.iter().any(|(k, _)| **k == *key)
            {
                return Err(Fail::data(
                    ErrorKind::DuplicateField,
                    format!("duplicate field `{key}`"),
                )
                .at(at()));
            }
            let value = r.colon().and_then(|()| r.raw()).map_err(|f| f.at(at()))?;
            if top_level_only(key.as_bytes()) {
                self.nested.push((key.as_ref().into(), value.to_owned()));
                continue;
            }
            match self.extensions.get(&key) {
                // The top-level extension of the same name governs.
                Some(before) if crate::extra::same_json(before.get(), value) => {}
                Some(_) => self.nested.push((key.as_ref().into(), value.to_owned())),
                None => {
                    self.extensions
                        .push(key.clone().into_owned(), value)
                        .map_err(|f| f.at(at()))?;
                    self.from_nested.push(key.as_ref().into());
                }
            }
        }
        Ok(())
    }

    /// Reads the value of a top-level key the crate does not know.
    #[inline]
    pub(crate) fn read_extension(&mut self, key: Cow<'de, [u8]>, r: &mut Reader<'de>) -> Res<()> {
        if self.from_nested.is_empty() {
            return self.extensions.read(r, key);
        }
        self.read_extension_over_nested(key, r)
    }

    /// A top-level extension after `extensions` was read: it governs over
    /// a member of `extensions` of the same name.
    #[cold]
    fn read_extension_over_nested(&mut self, key: Cow<'de, [u8]>, r: &mut Reader<'de>) -> Res<()> {
        let Some(i) = self.from_nested.iter().position(|k| k.as_bytes() == &*key) else {
            return self.extensions.read(r, key);
        };
        let name = self.from_nested.remove(i);
        let value = r
            .colon()
            .and_then(|()| r.raw())
            .map_err(|f| f.at(Segment::Key(name.clone())))?;
        if let Some(before) = self.extensions.replace(&name, value)?
            && !crate::extra::same_json(before.get(), value)
        {
            self.nested.push((name, before.get().to_owned()));
        }
        Ok(())
    }

    /// Once the event's type is known: a `specversion` other than `1.0` is
    /// an error for a known type, else kept as the extension `specversion`.
    pub(crate) fn check_specversion(&mut self, known: bool) -> Res<()> {
        match self.other_specversion.take() {
            Some((_, fail)) if known => Err(fail.at(Segment::Field("specversion"))),
            Some((value, _)) => self
                .extensions
                .push("specversion".to_owned(), &json_string(&value)),
            None => Ok(()),
        }
    }

    /// The envelope read (so far, after a failure). Takes `&mut self`
    /// rather than `self`: the reader is large, and moving it would copy it.
    pub(crate) fn finish(&mut self) -> Envelope {
        if !self.nested.is_empty() {
            let mut text = String::from("{");
            for (i, (key, value)) in self.nested.drain(..).enumerate() {
                if i > 0 {
                    text.push(',');
                }
                text.push_str(&json_string(&key));
                text.push(':');
                text.push_str(&value);
            }
            text.push('}');
            // Valid JSON by construction: the push cannot fail.
            let _ = self.extensions.push("extensions".to_owned(), &text);
        }
        Envelope {
            strings: self.text.finish(),
            specversion: self.specversion,
            time: self.time,
            extensions: std::mem::take(&mut self.extensions).finish(),
        }
    }
}

impl Envelope {
    /// Whether the extension `name` would repeat a key the envelope writes
    /// itself. The extension `specversion` (another version, kept from an
    /// event of a type the crate does not model) is written when the typed
    /// `specversion` is absent.
    fn collides(&self, name: &str) -> bool {
        collides(name) && !(name == "specversion" && self.specversion.is_none())
    }

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
            if self.collides(k) {
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
            if self.collides(k) {
                return Err(M::Error::custom(format_args!(
                    "extension `{k}` has the name of an envelope attribute"
                )));
            }
            m.serialize_entry(k, &crate::serde_any::AnyJson(v, k))?;
        }
        Ok(())
    }
}
