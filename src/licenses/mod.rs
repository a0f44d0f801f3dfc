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
//! `data` is required on every license event.

mod assignment;
mod data_volume;
mod definition;
mod lease;
mod license;
mod tenant;

pub use assignment::{
    AssignmentDeleted, AssignmentDeletedBuilder, AssignmentDeletedEvent, AssignmentRejected,
    AssignmentRejectedBuilder, AssignmentRejectedEvent, AssignmentUpdated,
    AssignmentUpdatedBuilder, AssignmentUpdatedEvent, Origin,
};
pub use data_volume::{
    DataVolume, DataVolumeBuilder, DataVolumeConsumptionAggregated,
    DataVolumeConsumptionAggregatedBuilder, DataVolumeConsumptionAggregatedEvent,
};
pub use definition::{
    DefinitionUpdated, DefinitionUpdatedBuilder, DefinitionUpdatedEvent, Validity, ValidityBuilder,
};
pub use lease::{
    LeaseCreated, LeaseCreatedBuilder, LeaseCreatedEvent, LeaseDeleted, LeaseDeletedBuilder,
    LeaseDeletedEvent, LeaseUpdate, LeaseUpdateBuilder, LeaseUpdated, LeaseUpdatedBuilder,
    LeaseUpdatedEvent,
};
pub use license::License;
pub use tenant::{TenantAssociated, TenantAssociatedBuilder, TenantAssociatedEvent};
