//! License assignment events: deleted, rejected, updated.

use crate::event::Event;
use crate::licenses::License;
use crate::model::{closed_set, payload};

closed_set! {
    /// Where an assignment change came from.
    ///
    /// ```
    /// use qlik_events::licenses::Origin;
    /// assert_eq!("external".parse::<Origin>().unwrap(), Origin::External);
    /// assert!("Internal".parse::<Origin>().is_err());
    /// ```
    pub enum Origin ("one of `internal`, `external`") {
        /// `internal`: triggered through the API.
        Internal = "internal",
        /// `external`: triggered by a sync operation.
        External = "external",
    }
}

/// Declares an assignment payload: deleted and updated have the same fields.
macro_rules! assignment {
    ($(#[$meta:meta])* $name:ident, $builder:ident, $alias:ident, $title:literal) => {
        payload! {
            $(#[$meta])*
            pub struct $name,
            ///
            /// ```
            #[doc = concat!("use qlik_events::licenses::{", stringify!($name), ", Origin};")]
            ///
            #[doc = concat!("let assignment = ", stringify!($name), "::builder()")]
            ///     .assignment_type("professional")
            ///     .origin(Origin::Internal)
            ///     .license("1234123412341234")
            ///     .subject(r"qtsel\lhr")
            ///     .build()?;
            /// assert_eq!(assignment.origin, Origin::Internal);
            ///
            /// // Every required field left unset is named:
            #[doc = concat!("let err = ", stringify!($name), "::builder().origin(Origin::External).build().unwrap_err();")]
            /// assert_eq!(err.kind(), qlik_events::ErrorKind::MissingField);
            /// # Ok::<(), qlik_events::Error>(())
            /// ```
            builder $builder {
                /// `type`: the assignment type, an open set (`professional`,
                /// `analyzer`, `analyzer_time`, ...). Optional since the
                /// vendor's 2026 pages: `None` when absent, `Some("")` when
                /// sent empty (an assignment with no allotment name).
                assignment_type: opt String = "type",
                /// `origin`: where the change came from.
                origin: req Origin = "origin",
                /// `license`: the license number.
                license: req License = "license",
                /// `subject`: the subject of the user assigned access.
                subject: req String = "subject",
            }
        }
        #[doc = concat!("An ", $title, " event: the envelope and a [`", stringify!($name), "`] payload.")]
        ///
        /// Parsed on its own, it checks that `type` is its own; inside a
        /// [`QlikEvent`](crate::QlikEvent), it is the variant of the same name:
        ///
        /// ```
        #[doc = concat!("use qlik_events::licenses::", stringify!($alias), ";")]
        /// use qlik_events::QlikEvent;
        /// # use qlik_events::EventData;
        ///
        #[doc = concat!("# let path = format!(\"{}/tests/fixtures/{}.json\", env!(\"CARGO_MANIFEST_DIR\"), qlik_events::licenses::", stringify!($name), "::EVENT_TYPE);")]
        /// # let body = std::fs::read(path).unwrap();
        #[doc = concat!("let event = ", stringify!($alias), "::from_slice(&body)?; // a webhook body of this type")]
        /// match qlik_events::from_slice(&body)? {
        #[doc = concat!("    QlikEvent::", stringify!($name), "(e) => assert_eq!(e, event),")]
        ///     other => panic!("another type: {}", other.event_type()),
        /// }
        /// # Ok::<(), qlik_events::Error>(())
        /// ```
        pub type $alias = Event<$name>;
    };
}

assignment! {
    /// `data` of `com.qlik.license.assignment.deleted` ("Assignment deleted").
    ///
    /// ```
    /// use qlik_events::licenses::{AssignmentDeletedEvent, Origin};
    /// let json = include_str!("../../tests/fixtures/com.qlik.license.assignment.deleted.json");
    /// let event = AssignmentDeletedEvent::from_str(json).unwrap();
    /// assert_eq!(event.data.origin, Origin::Internal);
    /// assert_eq!(event.data.subject, r"qtsel\lhr");
    /// ```
    AssignmentDeleted, AssignmentDeletedBuilder, AssignmentDeletedEvent, "Assignment deleted"
}

assignment! {
    /// `data` of `com.qlik.license.assignment.updated` ("Assignment updated").
    ///
    /// ```
    /// use qlik_events::licenses::AssignmentUpdatedEvent;
    /// let json = include_str!("../../tests/fixtures/com.qlik.license.assignment.updated.json");
    /// let event = AssignmentUpdatedEvent::from_str(json).unwrap();
    /// assert_eq!(event.data.assignment_type.as_deref(), Some("professional"));
    ///
    /// // `type` may be absent, or empty.
    /// let json = json.replace(r#""type": "professional","#, "");
    /// let event = AssignmentUpdatedEvent::from_str(&json).unwrap();
    /// assert_eq!(event.data.assignment_type, None);
    /// ```
    AssignmentUpdated, AssignmentUpdatedBuilder, AssignmentUpdatedEvent, "Assignment updated"
}

payload! {
    /// `data` of `com.qlik.license.assignment.rejected` ("Assignment rejected").
    ///
    /// ```
    /// use qlik_events::licenses::AssignmentRejectedEvent;
    /// let json = include_str!("../../tests/fixtures/com.qlik.license.assignment.rejected.json");
    /// let event = AssignmentRejectedEvent::from_str(json).unwrap();
    /// assert_eq!(event.data.license, "1234123412341234");
    /// assert_eq!(event.data.message.as_deref(), Some("string"));
    /// ```
    pub struct AssignmentRejected,
    ///
    /// ```
    /// use qlik_events::licenses::{AssignmentRejected, Origin};
    ///
    /// let rejected = AssignmentRejected::builder()
    ///     .assignment_type("analyzer")
    ///     .origin(Origin::External)
    ///     .license("1234123412341234")
    ///     .message("no seats left") // optional
    ///     .subject("bob")
    ///     .build()?;
    /// assert_eq!(rejected.message.as_deref(), Some("no seats left"));
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder AssignmentRejectedBuilder {
        /// `type`: the assignment type, an open set. Optional since the
        /// vendor's 2026 pages: `None` when absent, `Some("")` when sent
        /// empty (an assignment with no allotment name).
        assignment_type: opt String = "type",
        /// `origin`: where the change came from.
        origin: req Origin = "origin",
        /// `license`: the license number.
        license: req License = "license",
        /// `message`: why the assignment was rejected.
        message: opt String = "message",
        /// `subject`: the subject of the user assigned access.
        subject: req String = "subject",
    }
}
/// An Assignment rejected event: the envelope and an [`AssignmentRejected`]
/// payload.
///
/// Parsed on its own, it checks that `type` is its own; inside a
/// [`QlikEvent`](crate::QlikEvent), it is the variant of the same name:
///
/// ```
/// use qlik_events::QlikEvent;
/// use qlik_events::licenses::AssignmentRejectedEvent;
///
/// let body = include_bytes!("../../tests/fixtures/com.qlik.license.assignment.rejected.json");
/// let event = AssignmentRejectedEvent::from_slice(body)?;
/// match qlik_events::from_slice(body)? {
///     QlikEvent::AssignmentRejected(e) => assert_eq!(e, event),
///     other => panic!("another type: {}", other.event_type()),
/// }
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub type AssignmentRejectedEvent = Event<AssignmentRejected>;

/// The published examples of this file's event types: the public functions
/// of [`crate::samples`] (re-exported there, by the registry's `sample`
/// column).
#[cfg(feature = "builder")]
pub(crate) mod sample {
    use super::*;
    use crate::envelope::Attribute;
    use crate::extra::Extra;
    use crate::samples::{LICENSE_NUMBER, PLACEHOLDER, event, license_envelope};

    /// The published example of `com.qlik.license.assignment.deleted`.
    ///
    /// ```
    /// let event = qlik_events::samples::assignment_deleted();
    /// assert_eq!(event.data.subject, r"qtsel\lhr");
    /// ```
    pub fn assignment_deleted() -> AssignmentDeletedEvent {
        event(
            license_envelope(&[Attribute::TenantId, Attribute::SessionId]),
            AssignmentDeleted {
                assignment_type: Some("professional".into()),
                origin: Origin::Internal,
                license: License::new(LICENSE_NUMBER),
                subject: r"qtsel\lhr".into(),
                extra: Extra::new(),
            },
        )
    }

    /// The published example of `com.qlik.license.assignment.rejected`.
    ///
    /// ```
    /// let event = qlik_events::samples::assignment_rejected();
    /// assert_eq!(event.data.message.as_deref(), Some("string"));
    /// ```
    pub fn assignment_rejected() -> AssignmentRejectedEvent {
        event(
            license_envelope(&[Attribute::TenantId, Attribute::SessionId]),
            AssignmentRejected {
                assignment_type: Some("professional".into()),
                origin: Origin::Internal,
                license: License::new(LICENSE_NUMBER),
                message: Some(PLACEHOLDER.into()),
                subject: r"qtsel\lhr".into(),
                extra: Extra::new(),
            },
        )
    }

    /// The published example of `com.qlik.license.assignment.updated`.
    ///
    /// ```
    /// let event = qlik_events::samples::assignment_updated();
    /// assert_eq!(event.data.license, "1234123412341234");
    /// ```
    pub fn assignment_updated() -> AssignmentUpdatedEvent {
        event(
            license_envelope(&[Attribute::TenantId, Attribute::SessionId]),
            AssignmentUpdated {
                assignment_type: Some("professional".into()),
                origin: Origin::Internal,
                license: License::new(LICENSE_NUMBER),
                subject: r"qtsel\lhr".into(),
                extra: Extra::new(),
            },
        )
    }
}
