//! Event types and the channels they are published on.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

macro_rules! event_type {
    ($([$(#[$doc:meta])*] $variant:ident $wire:literal $channel:ident [$payload:ty]
        $type_req:ident $data_req:ident $tenant_req:ident $deprecated:literal $sample:path;)+) => {
        /// The wire strings of [`EventType::KNOWN`], row for row.
        const WIRES: &[&str] = &[$($wire),+];

        /// The value of an event's `type` attribute.
        ///
        /// One variant per event type the crate models (generated from the
        /// crate's registry of event types), plus [`EventType::Unknown`] for any
        /// other string, so that every event has one.
        ///
        /// ```
        /// use qlik_events::{Channel, EventType};
        ///
        /// let ty: EventType = "com.qlik.v1.license.lease.created".parse().unwrap();
        /// assert_eq!(ty, EventType::LeaseCreated);
        /// assert_eq!(ty.channel(), Some(Channel::Licenses));
        /// assert_eq!(ty.to_string(), "com.qlik.v1.license.lease.created");
        ///
        /// let other: EventType = "com.example.v1.unknown.type".parse().unwrap();
        /// assert_eq!(other, EventType::Unknown("com.example.v1.unknown.type".into()));
        /// assert!(!other.is_known());
        /// assert!(EventType::KNOWN.iter().all(EventType::is_known));
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum EventType {
            $(
                #[doc = concat!("`", $wire, "`:")]
                $(#[$doc])*
                $variant,
            )+
            /// Any other type, kept as sent: other channels' types, and types the
            /// vendor has announced without publishing a payload (such as
            /// `com.qlik.v1.licenses.purged`), which the crate cannot check yet.
            Unknown(String),
        }

        impl EventType {
            /// Every event type the crate models, in the order of the spec.
            ///
            /// ```
            /// use qlik_events::EventType;
            /// for ty in EventType::KNOWN {
            ///     assert_eq!(EventType::known(ty.as_str()).as_ref(), Some(ty));
            /// }
            /// ```
            pub const KNOWN: &'static [EventType] = &[$(EventType::$variant),+];

            /// The wire string, for every variant.
            ///
            /// ```
            /// use qlik_events::EventType;
            /// assert_eq!(EventType::QuotaConsumed.as_str(), "com.qlik.v1.app-usage.quota.consumed");
            /// assert_eq!(EventType::Unknown("x.y".into()).as_str(), "x.y");
            /// ```
            pub fn as_str(&self) -> &str {
                match self {
                    $(EventType::$variant => $wire,)+
                    EventType::Unknown(s) => s,
                }
            }

            /// The known event type with this wire string, if any. Matching is
            /// exact (case and whitespace count), as in the spec.
            ///
            /// ```
            /// use qlik_events::EventType;
            /// assert_eq!(EventType::known("com.qlik.license.definition.updated"), Some(EventType::DefinitionUpdated));
            /// assert_eq!(EventType::known("COM.QLIK.LICENSE.DEFINITION.UPDATED"), None);
            /// ```
            pub fn known(s: &str) -> Option<EventType> {
                let bytes = s.as_bytes();
                let mut at = slot(bytes);
                // Ends at an empty slot: the table has some (see `TABLE`).
                loop {
                    let row = usize::from(*TABLE.get(at)?).checked_sub(1)?;
                    if $crate::read::same_bytes(bytes, WIRES.get(row)?.as_bytes()) {
                        return EventType::KNOWN.get(row).cloned();
                    }
                    at = (at + 1) % SLOTS;
                }
            }

            /// The channel the event type is published on; `None` for unknown
            /// types.
            ///
            /// ```
            /// use qlik_events::{Channel, EventType};
            /// assert_eq!(EventType::QuotaConsumed.channel(), Some(Channel::AppUsage));
            /// assert_eq!(EventType::Unknown("x.y".into()).channel(), None);
            /// ```
            pub const fn channel(&self) -> Option<Channel> {
                match self {
                    $(EventType::$variant => Some(Channel::$channel),)+
                    EventType::Unknown(_) => None,
                }
            }

            /// Whether the vendor marks the event type deprecated (true only
            /// for `com.qlik.license.data.volume.consumption.aggregated`).
            ///
            /// ```
            /// use qlik_events::EventType;
            /// assert!(EventType::DataVolumeConsumptionAggregated.is_deprecated());
            /// assert!(!EventType::LeaseCreated.is_deprecated());
            /// ```
            pub fn is_deprecated(&self) -> bool {
                match self {
                    $(EventType::$variant => $deprecated,)+
                    EventType::Unknown(_) => false,
                }
            }

            /// Whether the spec requires the `tenantid` attribute on this type
            /// (its Payload table's Required column); `false` for unknown types.
            ///
            /// ```
            /// use qlik_events::EventType;
            /// assert!(EventType::TenantAssociated.requires_tenant_id());
            /// assert!(!EventType::LeaseCreated.requires_tenant_id());
            /// ```
            pub fn requires_tenant_id(&self) -> bool {
                match self {
                    $(EventType::$variant => crate::registry::required!($tenant_req),)+
                    EventType::Unknown(_) => false,
                }
            }

            /// Whether the spec requires `data` on this type; `false` for
            /// unknown types.
            ///
            /// ```
            /// use qlik_events::EventType;
            /// assert!(EventType::LeaseCreated.requires_data());
            /// assert!(!EventType::QuotaConsumed.requires_data());
            /// ```
            pub fn requires_data(&self) -> bool {
                match self {
                    $(EventType::$variant => crate::registry::required!($data_req),)+
                    EventType::Unknown(_) => false,
                }
            }

            /// Whether the spec requires `type` on this type when an event is
            /// parsed as this type on its own (with [`Event::from_slice`](crate::Event::from_slice));
            /// any event parsed without knowing its type needs it to be
            /// recognised. `true` for unknown types: nothing else names them.
            ///
            /// ```
            /// use qlik_events::EventType;
            /// assert!(EventType::LeaseCreated.requires_type());
            /// assert!(!EventType::QuotaConsumed.requires_type()); // it has a default
            /// ```
            pub fn requires_type(&self) -> bool {
                match self {
                    $(EventType::$variant => crate::registry::required!($type_req),)+
                    EventType::Unknown(_) => true,
                }
            }

            /// The fields of the type's `data` (see [`schema`](crate::schema));
            /// `None` for unknown types.
            ///
            /// ```
            /// use qlik_events::EventType;
            /// use qlik_events::schema::{Presence, Shape};
            ///
            /// let fields = EventType::QuotaConsumed.data_fields().unwrap();
            /// let usage = fields.iter().find(|f| f.name == "usage").unwrap();
            /// assert_eq!((usage.presence, usage.shape), (Presence::Required, Shape::Integer));
            /// assert_eq!(EventType::Unknown("com.example.v1.unknown.type".into()).data_fields(), None);
            /// ```
            pub fn data_fields(&self) -> Option<&'static [crate::schema::Field]> {
                match self {
                    $(EventType::$variant => Some(<$payload>::FIELDS),)+
                    EventType::Unknown(_) => None,
                }
            }
        }
    };
}

crate::registry::registry!(event_type);

/// The slots of [`TABLE`]: more than twice the known types, so that a
/// search meets an empty slot soon.
const SLOTS: usize = 64;
const _: () = assert!(SLOTS > 2 * EventType::KNOWN.len() && EventType::KNOWN.len() < 255);

/// Where a type string's search in [`TABLE`] starts: a hash of its length
/// and two of its last bytes (which tell `lease.created` from
/// `lease.deleted`, and `assignment.updated` from `definition.updated`).
const fn slot(s: &[u8]) -> usize {
    let (x, y) = match s {
        [.., x, _, y, _, _, _, _, _, _] => (*x as usize, *y as usize),
        _ => (0, 0),
    };
    (s.len()
        .wrapping_mul(5)
        .wrapping_add(x)
        .wrapping_add(y.wrapping_mul(3)))
        % SLOTS
}

/// The rows of [`EventType::KNOWN`] by [`slot`] of their wire strings, plus
/// one (`0` for an empty slot), with linear probing: built when the crate
/// compiles, so that [`EventType::known`] takes one hash and, nearly
/// always, one comparison, however many types there are.
// Indexing in a constant is checked when the crate compiles: it cannot
// panic at run time.
#[allow(clippy::indexing_slicing)]
const TABLE: [u8; SLOTS] = {
    let mut table = [0u8; SLOTS];
    let mut row = 0;
    while row < WIRES.len() {
        let mut at = slot(WIRES[row].as_bytes());
        while table[at] != 0 {
            at = (at + 1) % SLOTS;
        }
        // Fits: fewer than 255 rows (asserted above).
        table[at] = (row + 1) as u8;
        row += 1;
    }
    table
};

impl EventType {
    /// Whether this is one of [`EventType::KNOWN`].
    ///
    /// ```
    /// use qlik_events::EventType;
    /// assert!(EventType::LeaseCreated.is_known());
    /// assert!(!EventType::Unknown("x.y".into()).is_known());
    /// ```
    pub fn is_known(&self) -> bool {
        !matches!(self, EventType::Unknown(_))
    }
}

impl From<&str> for EventType {
    fn from(s: &str) -> Self {
        EventType::known(s).unwrap_or_else(|| EventType::Unknown(s.to_owned()))
    }
}

impl From<String> for EventType {
    fn from(s: String) -> Self {
        EventType::known(&s).unwrap_or(EventType::Unknown(s))
    }
}

/// Never fails: strings the crate does not know become [`EventType::Unknown`].
impl FromStr for EventType {
    type Err = Infallible;
    fn from_str(s: &str) -> Result<Self, Infallible> {
        Ok(EventType::from(s))
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for EventType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for EventType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <std::borrow::Cow<'de, str>>::deserialize(d).map(|s| EventType::from(s.into_owned()))
    }
}

/// A Qlik Cloud event channel.
///
/// ```
/// use qlik_events::{Channel, EventType};
/// assert_eq!(Channel::AppUsage.as_str(), "system-events.app-usage");
/// assert_eq!(Channel::AppUsage.event_types(), &[EventType::QuotaConsumed]);
/// assert!(Channel::Licenses.event_types().contains(&EventType::LeaseCreated));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Channel {
    /// `system-events.licenses`
    Licenses,
    /// `system-events.app-usage`
    AppUsage,
}

impl Channel {
    /// The channel's name as the vendor publishes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Channel::Licenses => "system-events.licenses",
            Channel::AppUsage => "system-events.app-usage",
        }
    }

    /// The known event types published on this channel, in the order of
    /// [`EventType::KNOWN`].
    pub fn event_types(self) -> &'static [EventType] {
        match self {
            Channel::Licenses => LICENSES,
            Channel::AppUsage => APP_USAGE,
        }
    }
}

/// The rows of `channel` in [`EventType::KNOWN`]: where they start, and how
/// many. Fails to compile when they do not stand together.
const fn span(channel: Channel) -> (usize, usize) {
    let len = EventType::KNOWN.len();
    let mut start = 0;
    while start < len && !on(start, channel) {
        start += 1;
    }
    let mut end = start;
    while end < len && on(end, channel) {
        end += 1;
    }
    let mut rest = end;
    while rest < len {
        assert!(
            !on(rest, channel),
            "the registry's rows of one channel must stand together"
        );
        rest += 1;
    }
    (start, end - start)
}

/// Whether row `i` of [`EventType::KNOWN`] is published on `channel`.
#[allow(clippy::indexing_slicing)] // Evaluated at compile time only.
const fn on(i: usize, channel: Channel) -> bool {
    match EventType::KNOWN[i].channel() {
        Some(c) => c as u8 == channel as u8,
        None => false,
    }
}

/// The rows of `channel`, as a slice of [`EventType::KNOWN`].
const fn rows(channel: Channel) -> &'static [EventType] {
    let (start, len) = span(channel);
    EventType::KNOWN.split_at(start).1.split_at(len).0
}

const LICENSES: &[EventType] = rows(Channel::Licenses);
const APP_USAGE: &[EventType] = rows(Channel::AppUsage);

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::EventType;

    /// The type a plain search of [`EventType::KNOWN`] finds.
    fn search(s: &str) -> Option<EventType> {
        EventType::KNOWN.iter().find(|t| t.as_str() == s).cloned()
    }

    /// `known`'s table answers as a search does: every wire string, each
    /// one-byte change of it, it cut short by one byte and one byte longer,
    /// and other strings down to the empty one.
    #[test]
    fn the_table_answers_as_a_search_does() {
        let mut cases: Vec<String> = vec![String::new(), "x".into(), "com.qlik".into()];
        for ty in EventType::KNOWN {
            let wire = ty.as_str();
            assert_eq!(EventType::known(wire).as_ref(), Some(ty));
            cases.push(wire[..wire.len() - 1].to_owned());
            cases.push(format!("{wire}s"));
            for at in 0..wire.len() {
                for byte in [b'a', b'.', b'd', b'u'] {
                    let mut changed = wire.as_bytes().to_vec();
                    changed[at] = byte;
                    cases.push(String::from_utf8(changed).unwrap());
                }
            }
        }
        for case in &cases {
            assert_eq!(EventType::known(case), search(case), "{case}");
        }
    }
}
