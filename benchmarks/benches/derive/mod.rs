//! The model a user would write without this crate: plain `serde` derives,
//! the event type as an internally tagged enum (`#[serde(tag = "type")]`),
//! owned strings, no validation beyond the types, other channels as one
//! unit variant. Read through serde_json or sonic-rs, it is the typed
//! alternative the benchmarks compare `qlik_events::from_slice` with.
#![allow(dead_code)] // The fields are read only by `black_box`.

use serde::Deserialize;

/// A license number as the vendor sends it: a number or a string.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum License {
    Number(u64),
    Text(String),
}

#[derive(Debug, Deserialize)]
pub struct Envelope<D> {
    pub id: String,
    pub source: String,
    pub specversion: String,
    pub time: String,
    pub datacontenttype: Option<String>,
    pub authtype: Option<String>,
    pub authclaims: Option<String>,
    pub tracestate: Option<String>,
    pub traceparent: Option<String>,
    pub tenantid: Option<String>,
    pub userid: Option<String>,
    pub sessionid: Option<String>,
    pub host: Option<String>,
    pub ownerid: Option<String>,
    pub originip: Option<String>,
    pub reason: Option<String>,
    pub spaceid: Option<String>,
    pub clientid: Option<String>,
    pub toplevelresourceid: Option<String>,
    pub data: D,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    #[serde(rename = "type")]
    pub kind: String,
    pub origin: String,
    pub license: License,
    pub subject: String,
    pub message: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataVolume {
    pub unit: String,
    pub volume: u64,
    pub local_volume: u64,
    pub external_volume: u64,
    pub consumption_type: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Consumption {
    pub total: u64,
    pub data_volume: DataVolume,
    pub global_consumption: u64,
    pub global_consumption_unit: String,
    pub total_local_consumption: u64,
    pub license_high_watermark_within_month: u64,
    pub license_high_watermark_within_month_unit: String,
}

#[derive(Debug, Deserialize)]
pub struct Valid {
    #[serde(rename = "Start")]
    pub start: String,
    #[serde(rename = "Stop")]
    pub stop: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Definition {
    pub license: License,
    pub parent_license: License,
    pub capability_bank_id: Option<String>,
    pub valid: Option<Valid>,
    pub license_type: Option<String>,
    pub update_time: Option<String>,
    pub latest_valid_time: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Association {
    pub license: License,
    pub parent_license: License,
    pub previous_license: Option<License>,
    pub previous_parent_license: Option<License>,
    pub capability_bank_id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Update {
    pub path: String,
    pub new_value: Option<serde::de::IgnoredAny>,
    pub old_value: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lease {
    pub name: String,
    pub size: u64,
    pub excess: bool,
    pub license: License,
    #[serde(rename = "_updates")]
    pub updates: Option<Vec<Update>>,
    pub resource: String,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub excess_quantity: u64,
    pub leased_quantity: u64,
    pub license_quantity: u64,
    pub license_unlimited: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpaceUsage {
    pub unit: String,
    pub usage: u64,
    pub space_id: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quota {
    pub unit: String,
    pub quota: String,
    pub usage: u64,
    pub space_usages: Option<Vec<SpaceUsage>>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type")]
pub enum Event {
    #[serde(rename = "com.qlik.license.assignment.deleted")]
    AssignmentDeleted(Envelope<Assignment>),
    #[serde(rename = "com.qlik.license.assignment.rejected")]
    AssignmentRejected(Envelope<Assignment>),
    #[serde(rename = "com.qlik.license.assignment.updated")]
    AssignmentUpdated(Envelope<Assignment>),
    #[serde(rename = "com.qlik.license.data.volume.consumption.aggregated")]
    ConsumptionAggregated(Envelope<Consumption>),
    #[serde(rename = "com.qlik.license.definition.updated")]
    DefinitionUpdated(Envelope<Definition>),
    #[serde(rename = "com.qlik.v1.license.lease.created")]
    LeaseCreated(Envelope<Lease>),
    #[serde(rename = "com.qlik.v1.license.lease.deleted")]
    LeaseDeleted(Envelope<Lease>),
    #[serde(rename = "com.qlik.v1.license.lease.updated")]
    LeaseUpdated(Envelope<Lease>),
    #[serde(rename = "com.qlik.v1.license.tenant.associated")]
    TenantAssociated(Envelope<Association>),
    #[serde(rename = "com.qlik.v1.app-usage.quota.consumed")]
    QuotaConsumed(Envelope<Quota>),
    #[serde(other)]
    Other,
}
