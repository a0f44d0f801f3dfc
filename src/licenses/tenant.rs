//! `com.qlik.v1.license.tenant.associated`.

use chrono::{DateTime, Utc};

use crate::event::Event;
use crate::licenses::License;
use crate::model::payload;

payload! {
    /// `data` of `com.qlik.v1.license.tenant.associated` ("Tenant
    /// associated"). `tenantid` is required on this event type.
    ///
    /// ```
    /// use qlik_events::licenses::TenantAssociatedEvent;
    /// let json = include_str!("../../tests/fixtures/com.qlik.v1.license.tenant.associated.json");
    /// let event = TenantAssociatedEvent::from_str(json).unwrap();
    /// assert_eq!(event.data.parent_license, "string");
    /// assert_eq!(event.tenant_id(), Some("string"));
    /// ```
    pub struct TenantAssociated, builder TenantAssociatedBuilder {
        /// `license`: the license number.
        license: req License = "license",
        /// `parentLicense`.
        parent_license: req String = "parentLicense",
        /// `previousLicense`.
        previous_license: opt String = "previousLicense",
        /// `capabilityBankId`.
        capability_bank_id: opt String = "capabilityBankId",
        /// `previousParentLicense`.
        previous_parent_license: opt String = "previousParentLicense",
        /// `updateTime` (date-time; newer schema).
        update_time: opt DateTime<Utc> = "updateTime",
    }
}
/// A Tenant associated event.
pub type TenantAssociatedEvent = Event<TenantAssociated>;
