//! Lease events: created, deleted, updated.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::event::Event;
use crate::licenses::License;
use crate::model::payload;

/// Declares a lease payload; `$($updates)*` adds the `_updates` field.
macro_rules! lease {
    ($(#[$meta:meta])* $name:ident, $builder:ident, $alias:ident, $title:literal $(, $($updates:tt)*)?) => {
        payload! {
            $(#[$meta])*
            pub struct $name, builder $builder {
                /// `name`.
                name: req String = "name",
                /// `size`.
                size: req i64 = "size",
                /// `excess`.
                excess: req bool = "excess",
                /// `license`: the license number.
                license: req License = "license",
                $($($updates)*)?
                /// `resource`.
                resource: req String = "resource",
                /// `createdAt` (date-time, may be `null`).
                created_at: req Option<DateTime<Utc>> = "createdAt",
                /// `updatedAt` (date-time).
                updated_at: req DateTime<Utc> = "updatedAt",
                /// `excessQuantity` (int64).
                excess_quantity: req i64 = "excessQuantity",
                /// `leasedQuantity` (int64).
                leased_quantity: req i64 = "leasedQuantity",
                /// `licenseQuantity` (int64).
                license_quantity: req i64 = "licenseQuantity",
                /// `licenseUnlimited`.
                license_unlimited: req bool = "licenseUnlimited",
            }
        }
        #[doc = concat!("A ", $title, " event.")]
        pub type $alias = Event<$name>;
    };
}

lease! {
    /// `data` of `com.qlik.v1.license.lease.created` ("Lease created").
    ///
    /// ```
    /// use qlik_events::licenses::LeaseCreatedEvent;
    /// let json = include_str!("../../tests/fixtures/com.qlik.v1.license.lease.created.json");
    /// let event = LeaseCreatedEvent::from_str(json).unwrap();
    /// assert_eq!(event.data.resource, "amlDepModel");
    /// assert!(event.data.license_unlimited);
    /// ```
    LeaseCreated, LeaseCreatedBuilder, LeaseCreatedEvent, "Lease created"
}

lease! {
    /// `data` of `com.qlik.v1.license.lease.deleted` ("Lease deleted").
    ///
    /// ```
    /// use qlik_events::licenses::LeaseDeletedEvent;
    /// let json = include_str!("../../tests/fixtures/com.qlik.v1.license.lease.deleted.json");
    /// assert_eq!(LeaseDeletedEvent::from_str(json).unwrap().data.size, 4);
    /// ```
    LeaseDeleted, LeaseDeletedBuilder, LeaseDeletedEvent, "Lease deleted"
}

lease! {
    /// `data` of `com.qlik.v1.license.lease.updated` ("Lease updated").
    ///
    /// ```
    /// use qlik_events::licenses::LeaseUpdatedEvent;
    /// let json = include_str!("../../tests/fixtures/com.qlik.v1.license.lease.updated.json");
    /// let event = LeaseUpdatedEvent::from_str(json).unwrap();
    /// let updates = event.data.updates.unwrap();
    /// assert_eq!(updates[0].path, "string");
    /// assert!(updates[0].new_value.is_null());
    /// ```
    LeaseUpdated, LeaseUpdatedBuilder, LeaseUpdatedEvent, "Lease updated",
    /// `_updates`: what changed.
    updates: opt Vec<LeaseUpdate> = "_updates",
}

payload! {
    /// One item of `_updates` in [`LeaseUpdated`].
    ///
    /// The spec marks `newValue` and `oldValue` required without a type,
    /// while its example omits both: any JSON value is accepted, and an
    /// absent one reads as `null` (and is written as `null`).
    pub struct LeaseUpdate, builder LeaseUpdateBuilder {
        /// `path`: the changed field.
        path: req String = "path",
        /// `newValue`: any JSON value.
        new_value: dflt Value = "newValue",
        /// `oldValue`: any JSON value.
        old_value: dflt Value = "oldValue",
    }
}
