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
            pub struct $name,
            ///
            /// ```
            #[doc = concat!("use qlik_events::licenses::", stringify!($name), ";")]
            /// use chrono::{TimeZone, Utc};
            ///
            #[doc = concat!("let lease = ", stringify!($name), "::builder()")]
            ///     .name("amlDepModel")
            ///     .size(4)
            ///     .excess(false)
            ///     .license(1234123412341234_u64) // or a string
            ///     .resource("amlDepModel")
            ///     .created_at(None) // may be `null`
            ///     .updated_at(Utc.with_ymd_and_hms(2018, 10, 30, 7, 6, 22).unwrap())
            ///     .excess_quantity(0)
            ///     .leased_quantity(42)
            ///     .license_quantity(100)
            ///     .license_unlimited(false)
            ///     .build()?;
            /// assert_eq!(lease.license, "1234123412341234");
            ///
            /// // Every required field left unset is named:
            #[doc = concat!("let err = ", stringify!($name), "::builder().name(\"n\").build().unwrap_err();")]
            /// assert_eq!(err.kind(), qlik_events::ErrorKind::MissingField);
            /// assert!(err.to_string().contains("size"));
            /// # Ok::<(), qlik_events::Error>(())
            /// ```
            builder $builder {
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
        #[doc = concat!("A ", $title, " event: the envelope and a [`", stringify!($name), "`] payload.")]
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
    ///
    /// ```
    /// use qlik_events::licenses::LeaseUpdate;
    ///
    /// let json = r#"{"path": "leasedQuantity", "oldValue": 1, "newValue": 2}"#;
    /// let update: LeaseUpdate = serde_json::from_str(json).unwrap();
    /// assert_eq!((update.old_value, update.new_value), (1.into(), 2.into()));
    /// ```
    pub struct LeaseUpdate,
    ///
    /// ```
    /// use qlik_events::licenses::LeaseUpdate;
    ///
    /// let update = LeaseUpdate::builder().path("leasedQuantity").old_value(1).new_value(2).build()?;
    /// assert_eq!(update.new_value, 2);
    /// // Only `path` is required; the values default to `null`.
    /// assert!(LeaseUpdate::builder().path("excess").build()?.old_value.is_null());
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder LeaseUpdateBuilder {
        /// `path`: the changed field.
        path: req String = "path",
        /// `newValue`: any JSON value.
        new_value: dflt Value = "newValue",
        /// `oldValue`: any JSON value.
        old_value: dflt Value = "oldValue",
    }
}

/// The published examples of this file's event types: the public functions
/// of [`crate::samples`] (re-exported there, by the registry's `sample`
/// column).
#[cfg(feature = "builder")]
pub(crate) mod sample {
    use super::*;
    use crate::envelope::{Attribute, Envelope};
    use crate::extra::Extra;
    use crate::samples::{LICENSE_NUMBER, PLACEHOLDER, PUBLISHED_TIME, event, license_envelope};

    /// The `data` of the lease examples, as `$lease`: they differ only in
    /// `resource` and in the fields the type adds (`_updates`).
    macro_rules! published {
        ($lease:ident, $resource:literal $(, $field:ident: $value:expr)*) => {
            $lease {
                name: "amlDepModel1".into(),
                size: 4,
                excess: true,
                license: License::new(LICENSE_NUMBER),
                resource: $resource.into(),
                created_at: Some(PUBLISHED_TIME),
                updated_at: PUBLISHED_TIME,
                excess_quantity: 42,
                leased_quantity: 42,
                license_quantity: 42,
                license_unlimited: true,
                $($field: $value,)*
                extra: Extra::new(),
            }
        };
    }

    /// The envelope of the lease examples.
    fn lease_envelope() -> Envelope {
        license_envelope(&[Attribute::UserId, Attribute::TenantId, Attribute::SessionId])
    }

    /// The published example of `com.qlik.v1.license.lease.created`.
    ///
    /// ```
    /// let event = qlik_events::samples::lease_created();
    /// assert_eq!(event.data.leased_quantity, 42);
    /// ```
    pub fn lease_created() -> LeaseCreatedEvent {
        event(lease_envelope(), published!(LeaseCreated, "amlDepModel"))
    }

    /// The published example of `com.qlik.v1.license.lease.deleted`.
    ///
    /// ```
    /// let event = qlik_events::samples::lease_deleted();
    /// assert_eq!(event.data.size, 4);
    /// ```
    pub fn lease_deleted() -> LeaseDeletedEvent {
        event(lease_envelope(), published!(LeaseDeleted, "amlDepModel"))
    }

    /// The published example of `com.qlik.v1.license.lease.updated`; its one
    /// `_updates` item has only `path` (`newValue` and `oldValue` read as
    /// `null`).
    ///
    /// ```
    /// let event = qlik_events::samples::lease_updated();
    /// let updates = event.data.updates.unwrap();
    /// assert_eq!(updates[0].path, "string");
    /// assert!(updates[0].new_value.is_null());
    /// ```
    pub fn lease_updated() -> LeaseUpdatedEvent {
        event(
            lease_envelope(),
            published!(
                LeaseUpdated,
                "amlDepModel1",
                updates: Some(vec![LeaseUpdate {
                    path: PLACEHOLDER.into(),
                    new_value: Value::Null,
                    old_value: Value::Null,
                    extra: Extra::new(),
                }])
            ),
        )
    }
}
