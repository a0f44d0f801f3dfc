//! `links`: of an item, of a page and its neighbours, and the cursors in
//! them.

use std::borrow::Cow;

use crate::model::payload;

payload! {
    /// A link: `{"href": "..."}`.
    ///
    /// ```
    /// use qlik_events::audit::Href;
    ///
    /// let link: Href = serde_json::from_str(r#"{"href": "https://t.us.qlikcloud.com/api/v1/audits/a1"}"#).unwrap();
    /// assert_eq!(link.href.as_deref(), Some("https://t.us.qlikcloud.com/api/v1/audits/a1"));
    /// ```
    pub struct Href,
    ///
    /// ```
    /// use qlik_events::audit::Href;
    ///
    /// let link = Href::builder().href("https://t.us.qlikcloud.com/api/v1/audits/a1").build()?;
    /// assert_eq!(serde_json::to_string(&link).unwrap(), r#"{"href":"https://t.us.qlikcloud.com/api/v1/audits/a1"}"#);
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder HrefBuilder {
        /// `href`: the URL.
        href: opt String = "href",
    }
}

payload! {
    /// `links` of an [`AuditEvent`](super::AuditEvent) in a list page or a single-item
    /// response.
    ///
    /// ```
    /// use qlik_events::audit::ItemLinks;
    ///
    /// let links: ItemLinks = serde_json::from_str(r#"{"self": {"href": "https://t.us.qlikcloud.com/api/v1/audits/a1"}}"#).unwrap();
    /// let href = links.self_link.and_then(|link| link.href);
    /// assert_eq!(href.as_deref(), Some("https://t.us.qlikcloud.com/api/v1/audits/a1"));
    /// ```
    pub struct ItemLinks,
    ///
    /// ```
    /// use qlik_events::audit::{Href, ItemLinks};
    ///
    /// let link = Href::builder().href("https://t.us.qlikcloud.com/api/v1/audits/a1").build()?;
    /// let links = ItemLinks::builder().self_link(link).build()?;
    /// assert!(links.self_link.is_some());
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder ItemLinksBuilder {
        /// `self`: the item's own URL (`GET /api/v1/audits/{id}`).
        self_link: opt Href = "self",
    }
}

payload! {
    /// `links` of an [`AuditPage`](super::AuditPage): this page and its neighbours.
    ///
    /// ```
    /// use qlik_events::audit::PageLinks;
    /// let links: PageLinks = serde_json::from_str(
    ///     r#"{"next": {"href": "https://t.us.qlikcloud.com/api/v1/audits?limit=10&next=a%2Bb%3D"}}"#,
    /// ).unwrap();
    /// assert_eq!(links.next_cursor().as_deref(), Some("a+b="));
    /// assert_eq!(links.prev_cursor(), None);
    /// ```
    pub struct PageLinks,
    ///
    /// ```
    /// use qlik_events::audit::{Href, PageLinks};
    ///
    /// let next = Href::builder().href("https://t.us.qlikcloud.com/api/v1/audits?next=abc").build()?;
    /// let links = PageLinks::builder().next(next).build()?;
    /// assert_eq!(links.next_cursor().as_deref(), Some("abc"));
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder PageLinksBuilder {
        /// `self`: this page.
        self_link: opt Href = "self",
        /// `next`: the next page, if there is one.
        next: opt Href = "next",
        /// `prev`: the previous page, if there is one.
        prev: opt Href = "prev",
    }
}

impl PageLinks {
    /// `next.href`, if present.
    pub fn next_href(&self) -> Option<&str> {
        self.next.as_ref()?.href.as_deref()
    }

    /// `prev.href`, if present.
    pub fn prev_href(&self) -> Option<&str> {
        self.prev.as_ref()?.href.as_deref()
    }

    /// The cursor of the next page: the `next` query parameter of
    /// `next.href` (`https://tenant.region.qlikcloud.com/api/v1/audits?limit=10&next=<cursor>`),
    /// to send back as `?next=<cursor>`.
    ///
    /// Percent-escapes (`%3D`) are decoded; `+` is left as it is (it is
    /// not a space in a cursor). A value that does not decode to UTF-8 is
    /// returned as it stands in the URL. `None` when there is no link, no
    /// `next` parameter, or an empty one: the last page.
    ///
    /// ```
    /// use qlik_events::audit::AuditPage;
    /// let page = AuditPage::from_str(r#"{"links": {
    ///     "next": {"href": "https://t.eu.qlikcloud.com/api/v1/audits?limit=5&next=YWJj%3D%3D#x"},
    ///     "prev": {"href": "https://t.eu.qlikcloud.com/api/v1/audits?limit=5"}}}"#)?;
    /// assert_eq!(page.next_cursor().as_deref(), Some("YWJj=="));
    /// assert_eq!(page.prev_cursor(), None);
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    pub fn next_cursor(&self) -> Option<Cow<'_, str>> {
        query_param(self.next_href()?, "next")
    }

    /// The cursor of the previous page: the `prev` query parameter of
    /// `prev.href`, decoded as [`next_cursor`](Self::next_cursor) does, to
    /// send back as `?prev=<cursor>`.
    pub fn prev_cursor(&self) -> Option<Cow<'_, str>> {
        query_param(self.prev_href()?, "prev")
    }
}

/// The link and cursor accessors of a type that holds a page's `links:
/// Option<PageLinks>`, delegating to [`PageLinks`]'s: written once, here,
/// for [`AuditPage`](super::AuditPage) and [`Items`](super::Items).
macro_rules! page_cursors {
    ($ty:ty) => {
        impl $ty {
            /// `links.next.href`, if present.
            pub fn next_href(&self) -> Option<&str> {
                self.links.as_ref()?.next_href()
            }

            /// `links.prev.href`, if present.
            pub fn prev_href(&self) -> Option<&str> {
                self.links.as_ref()?.prev_href()
            }

            /// The cursor of the next page: see
            /// [`PageLinks::next_cursor`](crate::audit::PageLinks::next_cursor).
            pub fn next_cursor(&self) -> Option<std::borrow::Cow<'_, str>> {
                self.links.as_ref()?.next_cursor()
            }

            /// The cursor of the previous page: see
            /// [`PageLinks::prev_cursor`](crate::audit::PageLinks::prev_cursor).
            pub fn prev_cursor(&self) -> Option<std::borrow::Cow<'_, str>> {
                self.links.as_ref()?.prev_cursor()
            }
        }
    };
}

pub(super) use page_cursors;

/// The value of query parameter `name` in `href`, minimally decoded.
fn query_param<'a>(href: &'a str, name: &str) -> Option<Cow<'a, str>> {
    let (_, query) = href.split_once('?')?;
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    let value = query
        .split('&')
        .find_map(|pair| match pair.split_once('=') {
            Some((key, value)) if key == name => Some(value),
            _ => None,
        })?;
    if value.is_empty() {
        return None;
    }
    Some(percent_decode(value))
}

/// Decodes `%XX` escapes; anything else (a stray `%`, `+`) stays as it is.
/// Returns the input when the result is not UTF-8.
fn percent_decode(value: &str) -> Cow<'_, str> {
    if !value.contains('%') {
        return Cow::Borrowed(value);
    }
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = |at: usize| bytes.get(at).and_then(|&h| char::from(h).to_digit(16));
            if let (Some(hi), Some(lo)) = (hex(i + 1), hex(i + 2))
                && let Ok(decoded) = u8::try_from(hi * 16 + lo)
            {
                out.push(decoded);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => Cow::Owned(s),
        Err(_) => Cow::Borrowed(value),
    }
}
