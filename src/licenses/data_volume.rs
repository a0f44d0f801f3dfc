//! `com.qlik.license.data.volume.consumption.aggregated` (deprecated).

use crate::event::Event;
use crate::model::payload;

payload! {
    /// `data` of `com.qlik.license.data.volume.consumption.aggregated`
    /// ("Data volume consumption aggregated"). The vendor marks this event
    /// type deprecated but still publishes it.
    ///
    /// ```
    /// use qlik_events::licenses::DataVolumeConsumptionAggregatedEvent;
    /// let json = include_str!(
    ///     "../../tests/fixtures/com.qlik.license.data.volume.consumption.aggregated.json"
    /// );
    /// let event = DataVolumeConsumptionAggregatedEvent::from_str(json).unwrap();
    /// assert_eq!(event.data.total_local_consumption, 42);
    /// assert_eq!(event.data.data_volume.volume, Some(42));
    /// ```
    pub struct DataVolumeConsumptionAggregated, builder DataVolumeConsumptionAggregatedBuilder {
        /// `total` (int64).
        total: opt i64 = "total",
        /// `dataVolume`: the volume breakdown (boxed: it keeps the event's
        /// inline size down for the deprecated type).
        data_volume: req Box<DataVolume> = "dataVolume",
        /// `globalConsumption` (int64).
        global_consumption: opt i64 = "globalConsumption",
        /// `globalConsumptionUnit`, such as `byte`.
        global_consumption_unit: opt String = "globalConsumptionUnit",
        /// `totalLocalConsumption` (int64).
        total_local_consumption: req i64 = "totalLocalConsumption",
        /// `licenseHighWatermarkWithinMonth` (int64).
        license_high_watermark_within_month: opt i64 = "licenseHighWatermarkWithinMonth",
        /// `licenseHighWatermarkWithinMonthUnit`, such as `byte`.
        license_high_watermark_within_month_unit: opt String = "licenseHighWatermarkWithinMonthUnit",
    }
}
/// A Data volume consumption aggregated event.
pub type DataVolumeConsumptionAggregatedEvent = Event<DataVolumeConsumptionAggregated>;

payload! {
    /// `dataVolume` of [`DataVolumeConsumptionAggregated`].
    pub struct DataVolume, builder DataVolumeBuilder {
        /// `unit`: an open string in the spec.
        unit: req String = "unit",
        /// `volume` (int64).
        volume: opt i64 = "volume",
        /// `localVolume` (int64).
        local_volume: req i64 = "localVolume",
        /// `externalVolume` (int64).
        external_volume: req i64 = "externalVolume",
        /// `consumptionType`.
        consumption_type: req String = "consumptionType",
    }
}
