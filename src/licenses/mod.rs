//! The `system-events.licenses` channel: nine event types.
//!
//! | Event type | Payload |
//! | --- | --- |
//! | `com.qlik.license.assignment.deleted` | [`AssignmentDeleted`] |
//! | `com.qlik.license.assignment.rejected` | [`AssignmentRejected`] |
//! | `com.qlik.license.assignment.updated` | [`AssignmentUpdated`] |
//! | `com.qlik.license.data.volume.consumption.aggregated` (deprecated) | [`DataVolumeConsumptionAggregated`] |
//! | `com.qlik.license.definition.updated` | [`DefinitionUpdated`] |
//! | `com.qlik.v1.license.lease.created` | [`LeaseCreated`] |
//! | `com.qlik.v1.license.lease.deleted` | [`LeaseDeleted`] |
//! | `com.qlik.v1.license.lease.updated` | [`LeaseUpdated`] |
//! | `com.qlik.v1.license.tenant.associated` | [`TenantAssociated`] |
//!
//! `data` is required on every license event. The vendor's reference:
//! <https://qlik.dev/apis/event/licenses/>.
//!
//! ```
//! use qlik_events::QlikEvent;
//! use qlik_events::licenses::Origin;
//!
//! let body = include_bytes!("../../tests/fixtures/com.qlik.license.assignment.deleted.json");
//! match qlik_events::from_slice(body)? {
//!     QlikEvent::AssignmentDeleted(e) => assert_eq!(e.data.origin, Origin::Internal),
//!     QlikEvent::LeaseCreated(e) => println!("leased {}", e.data.leased_quantity),
//!     other => println!("{}", other.event_type()),
//! }
//! # Ok::<(), qlik_events::Error>(())
//! ```

pub(crate) mod assignment;
pub(crate) mod data_volume;
pub(crate) mod definition;
pub(crate) mod lease;
mod license;
pub(crate) mod tenant;

pub use assignment::{
    AssignmentDeleted, AssignmentDeletedEvent, AssignmentRejected, AssignmentRejectedEvent,
    AssignmentUpdated, AssignmentUpdatedEvent, Origin,
};
pub use data_volume::{
    DataVolume, DataVolumeConsumptionAggregated, DataVolumeConsumptionAggregatedEvent,
};
pub use definition::{DefinitionUpdated, DefinitionUpdatedEvent, Validity};
pub use lease::{
    LeaseCreated, LeaseCreatedEvent, LeaseDeleted, LeaseDeletedEvent, LeaseUpdate, LeaseUpdated,
    LeaseUpdatedEvent,
};
pub use license::License;
pub use tenant::{TenantAssociated, TenantAssociatedEvent};

#[cfg(feature = "builder")]
pub use assignment::{
    AssignmentDeletedBuilder, AssignmentRejectedBuilder, AssignmentUpdatedBuilder,
};
#[cfg(feature = "builder")]
pub use data_volume::{DataVolumeBuilder, DataVolumeConsumptionAggregatedBuilder};
#[cfg(feature = "builder")]
pub use definition::{DefinitionUpdatedBuilder, ValidityBuilder};
#[cfg(feature = "builder")]
pub use lease::{
    LeaseCreatedBuilder, LeaseDeletedBuilder, LeaseUpdateBuilder, LeaseUpdatedBuilder,
};
#[cfg(feature = "builder")]
pub use tenant::TenantAssociatedBuilder;
