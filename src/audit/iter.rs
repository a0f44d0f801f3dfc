//! Reading a page, an archive or an array item by item.

use std::fmt;
use std::iter::FusedIterator;

use super::AuditEvent;
use super::item::parse_item;
use super::links::{PageLinks, page_cursors};
use super::list::read_page;
use crate::error::Error;
use crate::extra::Extra;
use crate::read::{Fail, Reader, Res, Scalar};
use crate::stream::Position;

/// Reads a list page, an archive or a bare JSON array of items, one item at
/// a time: the items are split first, then each is read on its own, so that
/// one bad item does not hide the others.
///
/// The page object itself (`data` an array, `links` well-formed, no
/// duplicate keys) must be well-formed, else the error is returned here.
/// Each item gives `Ok(AuditEvent)` or the error that stopped it, with its
/// path from the top of the input (`data[3].data.leasedQuantity`, or
/// `[3]...` for a bare array) and its line and column in the whole input.
///
/// ```
/// use qlik_events::ErrorKind;
/// use qlik_events::audit;
///
/// let body = br#"{"data": [
///   {"eventId": "a", "eventType": "com.example.v1.unknown.type"},
///   {"eventId": "b", "eventType": "com.qlik.v1.license.lease.deleted", "data": {}},
///   {"eventId": "c", "eventTime": "yesterday"},
///   {"eventId": "d"}
/// ], "links": {"next": {"href": "/api/v1/audits?next=n2"}}}"#;
/// let items = audit::items(body)?;
/// assert_eq!(items.next_cursor().as_deref(), Some("n2"));
/// let results: Vec<_> = items.collect();
/// assert_eq!(results.len(), 4);
/// assert_eq!(results[0].as_ref().unwrap().event_id.as_deref(), Some("a"));
/// let err = results[1].as_ref().unwrap_err();
/// assert_eq!((err.kind(), err.path()), (ErrorKind::MissingField, "data[1].data.name"));
/// assert_eq!(err.line(), Some(3));
/// let err = results[2].as_ref().unwrap_err();
/// assert_eq!((err.kind(), err.path()), (ErrorKind::InvalidValue, "data[2].eventTime"));
/// assert_eq!(err.event_type(), None);
/// assert_eq!(results[3].as_ref().unwrap().event_id.as_deref(), Some("d"));
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub fn items(bytes: &[u8]) -> Result<Items<'_>, Error> {
    let mut r = Reader::from_slice(bytes);
    let split = read_split(&mut r)
        .and_then(|split| r.end().map(|()| split))
        .map_err(|f| f.into_error(bytes, None))?;
    Ok(Items {
        input: bytes,
        elements: split.elements.into_iter(),
        in_page: split.in_page,
        index: 0,
        links: split.links,
        extra: split.extra,
        pos: Position::default(),
    })
}

/// The iterator returned by [`items`]: one `Result<AuditEvent, Error>` per
/// item, in input order.
///
/// ```
/// use qlik_events::audit;
///
/// let body = include_bytes!("../../tests/fixtures/audit/page.json"); // GET /api/v1/audits
/// let mut items: audit::Items<'_> = audit::items(body)?;
/// let first = items.next().unwrap()?;
/// assert!(first.event_type.is_some());
/// let (ok, bad) = items.fold((1, 0), |(ok, bad), item| match item {
///     Ok(_) => (ok + 1, bad),
///     Err(_) => (ok, bad + 1), // one bad item does not hide the others
/// });
/// assert!(ok >= 1 && ok + bad > 1);
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub struct Items<'a> {
    input: &'a [u8],
    elements: std::vec::IntoIter<&'a str>,
    /// Items are under `data` (a page or an archive), not a bare array.
    in_page: bool,
    /// Items read so far.
    index: usize,
    links: Option<PageLinks>,
    extra: Extra,
    /// How far lines have been counted.
    pos: Position,
}

/// Leaves out the input.
impl fmt::Debug for Items<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("index", &self.index)
            .field("remaining", &self.elements.len())
            .field("links", &self.links)
            .finish_non_exhaustive()
    }
}

impl Items<'_> {
    /// The page's `links`, if any (never for a bare array).
    pub fn links(&self) -> Option<&PageLinks> {
        self.links.as_ref()
    }

    /// The page's keys other than `data` and `links`, as sent.
    pub fn extra(&self) -> &Extra {
        &self.extra
    }
}

page_cursors!(Items<'_>);

impl Iterator for Items<'_> {
    type Item = Result<AuditEvent, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.elements.next()?;
        let index = self.index;
        self.index += 1;
        // `text` borrows from the input: where it starts in memory is where
        // it starts in the input.
        let offset = (text.as_ptr() as usize).saturating_sub(self.input.as_ptr() as usize);
        self.pos.advance(self.input, offset);
        let at = self.pos;
        let result = parse_item(Reader::from_str(text), Some((index, self.in_page)));
        Some(result.map_err(|e| at.relocate(e)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.elements.size_hint()
    }
}

impl ExactSizeIterator for Items<'_> {}

impl FusedIterator for Items<'_> {}

/// The items of a page, an archive or a bare array, not read yet.
struct Split<'de> {
    elements: Vec<&'de str>,
    in_page: bool,
    links: Option<PageLinks>,
    extra: Extra,
}

fn read_split<'de>(r: &mut Reader<'de>) -> Res<Split<'de>> {
    const EXPECTED: &str = "an audit page, an audit archive or an array of audit items";
    match r.ws() {
        Some(b'[') => Ok(Split {
            elements: r.raw_elements()?,
            in_page: false,
            links: None,
            extra: Extra::new(),
        }),
        Some(b'{') => {
            let (elements, links, extra) = read_page(r, EXPECTED, true, Reader::raw_elements)?;
            Ok(Split {
                elements,
                in_page: true,
                links,
                extra,
            })
        }
        _ => Err(match r.scalar(&EXPECTED) {
            Ok(Scalar::Str(s)) => r.fix(Fail::invalid_type(crate::read::Unexp::Str(&s), &EXPECTED)),
            Ok(Scalar::Num(n, _)) => r.fix(n.invalid_type(&EXPECTED)),
            Err(f) => f,
        }),
    }
}
