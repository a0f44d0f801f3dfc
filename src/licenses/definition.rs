//! `com.qlik.license.definition.updated`.

use chrono::{DateTime, Utc};

use crate::event::Event;
use crate::licenses::License;
use crate::model::payload;

payload! {
    /// `data` of `com.qlik.license.definition.updated` ("Definition updated").
    /// `tenantid` is required on this event type.
    ///
    /// The fields after `capabilityBankId` come from the vendor's newer
    /// machine-readable schema and are optional.
    ///
    /// ```
    /// use qlik_events::licenses::DefinitionUpdatedEvent;
    /// let json = include_str!("../../tests/fixtures/com.qlik.license.definition.updated.json");
    /// let event = DefinitionUpdatedEvent::from_str(json).unwrap();
    /// assert_eq!(event.data.parent_license.as_deref(), Some("string"));
    /// assert_eq!(event.data.latest_valid_time, None);
    /// ```
    pub struct DefinitionUpdated, builder DefinitionUpdatedBuilder {
        /// `license`: the license number.
        license: req License = "license",
        /// `parentLicense`: the parent license number.
        parent_license: opt String = "parentLicense",
        /// `capabilityBankId`.
        capability_bank_id: opt String = "capabilityBankId",
        /// `valid`: the validity period (`{"Start": .., "Stop": ..}`);
        /// boxed, as it is seldom sent.
        valid: opt Box<Validity> = "valid",
        /// `changeTime` (date-time).
        change_time: opt DateTime<Utc> = "changeTime",
        /// `updateTime` (date-time).
        update_time: opt DateTime<Utc> = "updateTime",
        /// `licenseType`.
        license_type: opt String = "licenseType",
        /// `latestValidTime` (date-time or `null`): `None` when absent,
        /// `Some(None)` when `null`.
        latest_valid_time: opt Option<DateTime<Utc>> = "latestValidTime",
    }
}
/// A Definition updated event.
pub type DefinitionUpdatedEvent = Event<DefinitionUpdated>;

payload! {
    /// `valid` of [`DefinitionUpdated`]: keys are capitalised on the wire.
    /// The schema does not type the bounds, so they are kept as sent.
    pub struct Validity, builder ValidityBuilder {
        /// `Start`.
        start: opt serde_json::Value = "Start",
        /// `Stop`.
        stop: opt serde_json::Value = "Stop",
    }
}
