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
    pub struct TenantAssociated,
    ///
    /// ```
    /// use qlik_events::licenses::TenantAssociated;
    ///
    /// let associated = TenantAssociated::builder()
    ///     .license("1234123412341234")
    ///     .parent_license("P1")
    ///     .previous_license("L0") // optional
    ///     .build()?;
    /// assert_eq!(associated.parent_license, "P1");
    ///
    /// // Every required field left unset is named:
    /// let err = TenantAssociated::builder().license("L1").build().unwrap_err();
    /// assert!(err.to_string().contains("parentLicense"), "{err}");
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder TenantAssociatedBuilder {
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
/// A Tenant associated event: the envelope and a [`TenantAssociated`] payload.
///
/// Parsed on its own, it checks that `type` is its own; inside a
/// [`QlikEvent`](crate::QlikEvent), it is the variant of the same name:
///
/// ```
/// use qlik_events::QlikEvent;
/// use qlik_events::licenses::TenantAssociatedEvent;
///
/// let body = include_bytes!("../../tests/fixtures/com.qlik.v1.license.tenant.associated.json");
/// let event = TenantAssociatedEvent::from_slice(body)?;
/// assert_eq!(event.tenant_id(), Some("string")); // required on this type
/// match qlik_events::from_slice(body)? {
///     QlikEvent::TenantAssociated(e) => assert_eq!(e, event),
///     other => panic!("another type: {}", other.event_type()),
/// }
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub type TenantAssociatedEvent = Event<TenantAssociated>;

/// The published examples of this file's event types: the public functions
/// of [`crate::samples`] (re-exported there, by the registry's `sample`
/// column).
#[cfg(feature = "builder")]
pub(crate) mod sample {
    use super::*;
    use crate::envelope::Attribute;
    use crate::extra::Extra;
    use crate::samples::{PLACEHOLDER, event, license_envelope};

    /// The published example of `com.qlik.v1.license.tenant.associated`.
    ///
    /// ```
    /// let event = qlik_events::samples::tenant_associated();
    /// assert_eq!(event.data.previous_license.as_deref(), Some("string"));
    /// ```
    pub fn tenant_associated() -> TenantAssociatedEvent {
        event(
            license_envelope(&[Attribute::UserId, Attribute::TenantId]),
            TenantAssociated {
                license: License::new(PLACEHOLDER),
                parent_license: PLACEHOLDER.into(),
                previous_license: Some(PLACEHOLDER.into()),
                capability_bank_id: Some(PLACEHOLDER.into()),
                previous_parent_license: Some(PLACEHOLDER.into()),
                update_time: None,
                extra: Extra::new(),
            },
        )
    }
}
