//! The registry: one row per event type the crate models, the single source
//! of each type's facts.
//!
//! [`EventType`](crate::EventType), [`QlikEvent`](crate::QlikEvent),
//! [`Payload`](crate::Payload), the [`EventData`](crate::EventData) impls
//! and `samples` are generated from it: adding an event type is one payload
//! file, one row here and one fixture (`tests/fixtures/<wire type>.json`).
//!
//! A row, with the spec's own words:
//!
//! - the variant name, with its doc comment, and the wire `type` string;
//! - `channel`: the [`Channel`](crate::Channel) variant it is published on
//!   (rows of one channel stand together, checked at compile time);
//! - `payload`: the payload struct;
//! - `type`, `data`, `tenantid`: `required` or `optional`, as the spec's
//!   Required column says (`type` is what parsing the type on its own asks
//!   for; inside [`QlikEvent`](crate::QlikEvent) `type` is always needed);
//! - `deprecated`: whether the vendor marks the type deprecated;
//! - `sample`: the function that builds its published example, in the
//!   payload file's `sample` module; `samples` re-exports it under its
//!   own name (`samples::lease_created`).

/// Calls `$consumer!` with every row of the registry, each as
/// `[docs] Variant "wire" Channel [Payload] type data tenantid deprecated sample;`
/// (the table's grammar is parsed here, once, so that consumers match one
/// line).
macro_rules! registry {
    ($consumer:ident) => {
        crate::registry::registry! { @rows $consumer;
            /// A license assignment was deleted.
            AssignmentDeleted = "com.qlik.license.assignment.deleted" {
                channel: Licenses,
                payload: crate::licenses::AssignmentDeleted,
                type: required, data: required, tenantid: optional,
                deprecated: false,
                sample: crate::licenses::assignment::sample::assignment_deleted,
            },
            /// A license assignment was rejected.
            AssignmentRejected = "com.qlik.license.assignment.rejected" {
                channel: Licenses,
                payload: crate::licenses::AssignmentRejected,
                type: required, data: required, tenantid: optional,
                deprecated: false,
                sample: crate::licenses::assignment::sample::assignment_rejected,
            },
            /// A license assignment was updated.
            AssignmentUpdated = "com.qlik.license.assignment.updated" {
                channel: Licenses,
                payload: crate::licenses::AssignmentUpdated,
                type: required, data: required, tenantid: optional,
                deprecated: false,
                sample: crate::licenses::assignment::sample::assignment_updated,
            },
            /// Data volume consumption was reported (deprecated by the vendor).
            DataVolumeConsumptionAggregated = "com.qlik.license.data.volume.consumption.aggregated" {
                channel: Licenses,
                payload: crate::licenses::DataVolumeConsumptionAggregated,
                type: required, data: required, tenantid: optional,
                deprecated: true,
                sample: crate::licenses::data_volume::sample::data_volume_consumption_aggregated,
            },
            /// A license definition was updated.
            DefinitionUpdated = "com.qlik.license.definition.updated" {
                channel: Licenses,
                payload: crate::licenses::DefinitionUpdated,
                type: required, data: required, tenantid: required,
                deprecated: false,
                sample: crate::licenses::definition::sample::definition_updated,
            },
            /// A lease was created.
            LeaseCreated = "com.qlik.v1.license.lease.created" {
                channel: Licenses,
                payload: crate::licenses::LeaseCreated,
                type: required, data: required, tenantid: optional,
                deprecated: false,
                sample: crate::licenses::lease::sample::lease_created,
            },
            /// A lease was deleted.
            LeaseDeleted = "com.qlik.v1.license.lease.deleted" {
                channel: Licenses,
                payload: crate::licenses::LeaseDeleted,
                type: required, data: required, tenantid: optional,
                deprecated: false,
                sample: crate::licenses::lease::sample::lease_deleted,
            },
            /// A lease was updated.
            LeaseUpdated = "com.qlik.v1.license.lease.updated" {
                channel: Licenses,
                payload: crate::licenses::LeaseUpdated,
                type: required, data: required, tenantid: optional,
                deprecated: false,
                sample: crate::licenses::lease::sample::lease_updated,
            },
            /// A tenant was associated to a license.
            TenantAssociated = "com.qlik.v1.license.tenant.associated" {
                channel: Licenses,
                payload: crate::licenses::TenantAssociated,
                type: required, data: required, tenantid: required,
                deprecated: false,
                sample: crate::licenses::tenant::sample::tenant_associated,
            },
            /// App quota usage was recorded.
            QuotaConsumed = "com.qlik.v1.app-usage.quota.consumed" {
                channel: AppUsage,
                payload: crate::app_usage::QuotaConsumed,
                type: optional, data: optional, tenantid: required,
                deprecated: false,
                sample: crate::app_usage::sample::quota_consumed,
            },
        }
    };
    (@rows $consumer:ident; $(
        $(#[$doc:meta])*
        $variant:ident = $wire:literal {
            channel: $channel:ident,
            payload: $payload:ty,
            type: $type_req:ident, data: $data_req:ident, tenantid: $tenant_req:ident,
            deprecated: $deprecated:literal,
            sample: $sample:path $(,)?
        }
    ),+ $(,)?) => {
        $consumer! { $(
            [$(#[$doc])*] $variant $wire $channel [$payload]
            $type_req $data_req $tenant_req $deprecated $sample;
        )+ }
    };
}
pub(crate) use registry;

/// `true` for `required`, `false` for `optional`: the registry's Required
/// column as a value.
macro_rules! required {
    (required) => {
        true
    };
    (optional) => {
        false
    };
}
pub(crate) use required;

/// The `data` type of [`Event`](crate::Event) for a payload: the payload
/// itself where `data` is required, an `Option` of it where it is not.
macro_rules! data_type {
    (required, $payload:ty) => { $payload };
    (optional, $payload:ty) => { Option<$payload> };
}
pub(crate) use data_type;
