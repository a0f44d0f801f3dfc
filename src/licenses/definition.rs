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
    pub struct DefinitionUpdated,
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use qlik_events::licenses::{DefinitionUpdated, Validity};
    /// use serde_json::json;
    ///
    /// let valid = Validity::builder().start(json!("2024-01-01")).stop(json!(null)).build()?;
    /// let definition = DefinitionUpdated::builder()
    ///     .license("1234123412341234") // the one required field
    ///     .parent_license("P1")
    ///     .valid(valid)
    ///     .change_time(Utc.with_ymd_and_hms(2024, 5, 1, 10, 0, 0).unwrap())
    ///     .latest_valid_time(None) // written as `null`
    ///     .build()?;
    /// assert_eq!(definition.latest_valid_time, Some(None));
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder DefinitionUpdatedBuilder {
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
/// A Definition updated event: the envelope and a [`DefinitionUpdated`] payload.
///
/// Parsed on its own, it checks that `type` is its own; inside a
/// [`QlikEvent`](crate::QlikEvent), it is the variant of the same name:
///
/// ```
/// use qlik_events::QlikEvent;
/// use qlik_events::licenses::DefinitionUpdatedEvent;
///
/// let body = include_bytes!("../../tests/fixtures/com.qlik.license.definition.updated.json");
/// let event = DefinitionUpdatedEvent::from_slice(body)?;
/// assert_eq!(event.tenant_id(), Some("string")); // required on this type
/// match qlik_events::from_slice(body)? {
///     QlikEvent::DefinitionUpdated(e) => assert_eq!(e, event),
///     other => panic!("another type: {}", other.event_type()),
/// }
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub type DefinitionUpdatedEvent = Event<DefinitionUpdated>;

payload! {
    /// `valid` of [`DefinitionUpdated`]: keys are capitalised on the wire.
    /// The schema does not type the bounds, so they are kept as sent.
    ///
    /// ```
    /// use qlik_events::licenses::DefinitionUpdated;
    ///
    /// let data = r#"{"license": "L1", "valid": {"Start": "2024-01-01", "Stop": null}}"#;
    /// let definition: DefinitionUpdated = serde_json::from_str(data).unwrap();
    /// let valid = definition.valid.unwrap();
    /// assert_eq!(valid.start, Some(serde_json::json!("2024-01-01")));
    /// assert_eq!(valid.stop, Some(serde_json::Value::Null));
    /// ```
    pub struct Validity,
    ///
    /// ```
    /// use qlik_events::licenses::Validity;
    /// use serde_json::json;
    ///
    /// // Both bounds are optional and any JSON value.
    /// let valid = Validity::builder().start(json!("2024-01-01")).build()?;
    /// assert_eq!(valid.stop, None);
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder ValidityBuilder {
        /// `Start`.
        start: opt serde_json::Value = "Start",
        /// `Stop`.
        stop: opt serde_json::Value = "Stop",
    }
}

/// The published examples of this file's event types: the public functions
/// of [`crate::samples`] (re-exported there, by the registry's `sample`
/// column).
#[cfg(feature = "builder")]
pub(crate) mod sample {
    use super::*;
    use crate::envelope::Attribute;
    use crate::extra::Extra;
    use crate::samples::{PLACEHOLDER, event, license_envelope};

    /// The published example of `com.qlik.license.definition.updated`.
    ///
    /// ```
    /// let event = qlik_events::samples::definition_updated();
    /// assert_eq!(event.user_id(), Some("string"));
    /// ```
    pub fn definition_updated() -> DefinitionUpdatedEvent {
        event(
            license_envelope(&[Attribute::UserId, Attribute::TenantId]),
            DefinitionUpdated {
                license: License::new(PLACEHOLDER),
                parent_license: Some(PLACEHOLDER.into()),
                capability_bank_id: Some(PLACEHOLDER.into()),
                valid: None,
                change_time: None,
                update_time: None,
                license_type: None,
                latest_valid_time: None,
                extra: Extra::new(),
            },
        )
    }
}
