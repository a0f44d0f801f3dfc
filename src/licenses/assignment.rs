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
            pub struct $name, builder $builder {
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
        #[doc = concat!("An ", $title, " event.")]
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
    pub struct AssignmentRejected, builder AssignmentRejectedBuilder {
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
/// An Assignment rejected event.
pub type AssignmentRejectedEvent = Event<AssignmentRejected>;
