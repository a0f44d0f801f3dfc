//! Pages and archives, read in one pass.

use serde::ser::{Error as _, SerializeMap, Serializer};
use serde::{Deserialize, Deserializer, Serialize};

use super::AuditEvent;
use super::item::ItemObject;
use super::links::{PageLinks, page_cursors};
use crate::EventType;
use crate::error::Error;
use crate::extra::{Extra, ExtraReader};
use crate::read::{Fail, Reader, Res, Segment};

/// A list page: the body of `GET /api/v1/audits`.
///
/// ```
/// use qlik_events::audit::AuditPage;
///
/// let page = AuditPage::from_str(r#"{"data": [], "links": {"self": {"href": "/api/v1/audits"}}}"#)?;
/// assert!(page.data.is_empty());
/// assert_eq!(page.next_href(), None);
/// assert_eq!(page.next_cursor(), None);
/// # Ok::<(), qlik_events::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct AuditPage {
    /// `data`: the items, in the order sent (empty when `data` is absent).
    pub data: Vec<AuditEvent>,
    /// `links`: this page and its neighbours.
    pub links: Option<PageLinks>,
    /// Top-level keys the schema does not list, kept as sent.
    pub extra: Extra,
}

/// An archive: the body of `GET /api/v1/audits/archive`.
///
/// Archived items have no `id` nor `links`; any other key of the page
/// object (`links` included) is kept in `extra`.
///
/// ```
/// use qlik_events::audit::AuditArchive;
///
/// let archive = AuditArchive::from_str(include_str!("../../tests/fixtures/audit/archive.json"))?;
/// assert_eq!(archive.data.len(), 11);
/// assert!(archive.data.iter().all(|item| item.id.is_none() && item.data.is_some()));
/// # Ok::<(), qlik_events::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct AuditArchive {
    /// `data`: the archived items, in the order sent (empty when `data` is
    /// absent).
    pub data: Vec<AuditEvent>,
    /// Top-level keys other than `data`, kept as sent.
    pub extra: Extra,
}

impl AuditPage {
    /// Parses a list page (the body of `GET /api/v1/audits`) from JSON
    /// bytes, in one pass. The first bad item stops it; see
    /// [`items`](super::items()) to read past bad items.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        parse_list(Reader::from_slice(bytes), true).map(List::into_page)
    }

    /// Parses a list page from a JSON string.
    #[allow(clippy::should_implement_trait)] // Mirrors `serde_json::from_str`.
    pub fn from_str(s: &str) -> Result<Self, Error> {
        parse_list(Reader::from_str(s), true).map(List::into_page)
    }
}

impl AuditArchive {
    /// Parses an archive (the body of `GET /api/v1/audits/archive`) from
    /// JSON bytes, in one pass.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        parse_list(Reader::from_slice(bytes), false).map(List::into_archive)
    }

    /// Parses an archive from a JSON string.
    #[allow(clippy::should_implement_trait)] // Mirrors `serde_json::from_str`.
    pub fn from_str(s: &str) -> Result<Self, Error> {
        parse_list(Reader::from_str(s), false).map(List::into_archive)
    }
}

page_cursors!(AuditPage);

/// A page or an archive.
struct List {
    data: Vec<AuditEvent>,
    links: Option<PageLinks>,
    extra: Extra,
}

impl List {
    fn into_page(self) -> AuditPage {
        AuditPage {
            data: self.data,
            links: self.links,
            extra: self.extra,
        }
    }

    fn into_archive(self) -> AuditArchive {
        AuditArchive {
            data: self.data,
            extra: self.extra,
        }
    }
}

/// Reads a page (`with_links`: `links` is a field) or an archive (`links`
/// is kept in `extra`).
fn read_list(r: &mut Reader<'_>, with_links: bool) -> Res<List> {
    let expected = if with_links {
        "an audit page object"
    } else {
        "an audit archive object"
    };
    let (data, links, extra) = read_page(r, expected, with_links, read_items)?;
    Ok(List { data, links, extra })
}

/// The members of a page or an archive object: `data` read by `items`,
/// `links` (a field when `with_links`, else kept), every other key kept.
pub(super) fn read_page<'de, T>(
    r: &mut Reader<'de>,
    expected: &str,
    with_links: bool,
    items: impl Fn(&mut Reader<'de>) -> Res<Vec<T>>,
) -> Res<(Vec<T>, Option<PageLinks>, Extra)> {
    r.map(&expected, |r| {
        let mut data: Option<Vec<T>> = None;
        let mut links: Option<PageLinks> = None;
        let mut extra = ExtraReader::default();
        let mut first = true;
        while let Some(key) = r.key(&mut first)? {
            match &*key {
                b"data" => {
                    if data.is_some() {
                        return Err(Fail::duplicate("data"));
                    }
                    let value = r
                        .colon()
                        .and_then(|()| items(r))
                        .map_err(|f| f.at(Segment::Field("data")))?;
                    data = Some(value);
                }
                b"links" if with_links => r.field(&mut links, "links")?,
                _ => extra.read(r, key)?,
            }
        }
        Ok((data.unwrap_or_default(), links, extra.finish()))
    })
}

/// Reads `data`: each item finished as soon as it ends; a failure names
/// the item's index and event type.
fn read_items(r: &mut Reader<'_>) -> Res<Vec<AuditEvent>> {
    r.seq(&"an array of audit items", |r| {
        let input = r.input();
        let mut out = Vec::new();
        let mut first = true;
        loop {
            let index = out.len();
            if !r
                .element(&mut first)
                .map_err(|f| f.at(Segment::Index(index)))?
            {
                return Ok(out);
            }
            let mut item = ItemObject::default();
            match item.read(r).and_then(|()| item.read_held(input)) {
                Ok(()) => out.push(item.event),
                Err(f) => {
                    let event = &item.event;
                    let ty = event.event_type.as_ref().map(EventType::as_str);
                    return Err(f
                        .in_event(ty)
                        .with_envelope(event.partial_envelope())
                        .at(Segment::Index(index)));
                }
            }
        }
    })
}

/// Parses a page (`with_links`) or an archive that is the whole input.
fn parse_list(mut r: Reader<'_>, with_links: bool) -> Result<List, Error> {
    read_list(&mut r, with_links)
        .and_then(|list| r.end().map(|()| list))
        .map_err(|f| f.into_error(r.input(), None))
}

/// Reads one JSON object with every check; see [`Deserialize`](crate#deserialize)
/// in the crate docs. [`AuditPage::from_slice`] gives the position of an error
/// too.
impl<'de> Deserialize<'de> for AuditPage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::model::deserialize_with(d, AuditPage::from_str)
    }
}

/// Reads one JSON object with every check; see [`Deserialize`](crate#deserialize)
/// in the crate docs. [`AuditArchive::from_slice`] gives the position of an
/// error too.
impl<'de> Deserialize<'de> for AuditArchive {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::model::deserialize_with(d, AuditArchive::from_str)
    }
}

/// Writes `data`, then `links` when present, then `extra`.
impl Serialize for AuditPage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("data", &self.data)?;
        if let Some(links) = &self.links {
            m.serialize_entry("links", links)?;
        }
        serialize_extra(
            &mut m,
            &self.extra,
            |k| k == "data" || k == "links",
            "AuditPage",
        )?;
        m.end()
    }
}

/// Writes `data`, then `extra`.
impl Serialize for AuditArchive {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("data", &self.data)?;
        serialize_extra(&mut m, &self.extra, |k| k == "data", "AuditArchive")?;
        m.end()
    }
}

/// Writes the members of `extra`; one with the name of a field (`is_field`)
/// of `owner` is an error, as it would be written twice.
pub(super) fn serialize_extra<M: SerializeMap>(
    m: &mut M,
    extra: &Extra,
    is_field: impl Fn(&str) -> bool,
    owner: &str,
) -> Result<(), M::Error> {
    for (k, v) in extra {
        if is_field(k) {
            return Err(M::Error::custom(crate::model::shadowed(owner, k)));
        }
        m.serialize_entry(k, &crate::serde_any::AnyJson(v, k))?;
    }
    Ok(())
}
