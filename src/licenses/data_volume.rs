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
    pub struct DataVolumeConsumptionAggregated,
    ///
    /// ```
    /// use qlik_events::licenses::{DataVolume, DataVolumeConsumptionAggregated};
    ///
    /// let volume = DataVolume::builder()
    ///     .unit("byte")
    ///     .local_volume(10)
    ///     .external_volume(32)
    ///     .consumption_type("monthly")
    ///     .build()?;
    /// let aggregated = DataVolumeConsumptionAggregated::builder()
    ///     .data_volume(volume)
    ///     .total_local_consumption(42)
    ///     .total(42) // optional
    ///     .build()?;
    /// assert_eq!(aggregated.data_volume.external_volume, 32);
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder DataVolumeConsumptionAggregatedBuilder {
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
/// A Data volume consumption aggregated event: the envelope and a [`DataVolumeConsumptionAggregated`]
/// payload.
///
/// Parsed on its own, it checks that `type` is its own; inside a
/// [`QlikEvent`](crate::QlikEvent), it is the variant of the same name:
///
/// ```
/// use qlik_events::QlikEvent;
/// use qlik_events::licenses::DataVolumeConsumptionAggregatedEvent;
///
/// let body = include_bytes!("../../tests/fixtures/com.qlik.license.data.volume.consumption.aggregated.json");
/// let event = DataVolumeConsumptionAggregatedEvent::from_slice(body)?;
/// match qlik_events::from_slice(body)? {
///     QlikEvent::DataVolumeConsumptionAggregated(e) => assert_eq!(e, event),
///     other => panic!("another type: {}", other.event_type()),
/// }
/// # Ok::<(), qlik_events::Error>(())
/// ```
pub type DataVolumeConsumptionAggregatedEvent = Event<DataVolumeConsumptionAggregated>;

payload! {
    /// `dataVolume` of [`DataVolumeConsumptionAggregated`].
    ///
    /// ```
    /// use qlik_events::licenses::DataVolumeConsumptionAggregatedEvent;
    /// let json = include_str!(
    ///     "../../tests/fixtures/com.qlik.license.data.volume.consumption.aggregated.json"
    /// );
    /// let volume = DataVolumeConsumptionAggregatedEvent::from_str(json)?.data.data_volume;
    /// assert_eq!(volume.unit, "string");
    /// assert_eq!(volume.local_volume, 42);
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    pub struct DataVolume,
    ///
    /// ```
    /// use qlik_events::licenses::DataVolume;
    ///
    /// let volume = DataVolume::builder()
    ///     .unit("byte")
    ///     .volume(42) // optional
    ///     .local_volume(10)
    ///     .external_volume(32)
    ///     .consumption_type("monthly")
    ///     .build()?;
    /// assert_eq!(volume.volume, Some(42));
    ///
    /// // Every required field left unset is named:
    /// let err = DataVolume::builder().unit("byte").build().unwrap_err();
    /// assert_eq!(err.kind(), qlik_events::ErrorKind::MissingField);
    /// # Ok::<(), qlik_events::Error>(())
    /// ```
    builder DataVolumeBuilder {
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

/// The published examples of this file's event types: the public functions
/// of [`crate::samples`] (re-exported there, by the registry's `sample`
/// column).
#[cfg(feature = "builder")]
pub(crate) mod sample {
    use super::*;
    use crate::envelope::Attribute;
    use crate::extra::Extra;
    use crate::samples::{PLACEHOLDER, event, license_envelope};

    /// The published example of
    /// `com.qlik.license.data.volume.consumption.aggregated` (deprecated).
    ///
    /// ```
    /// let event = qlik_events::samples::data_volume_consumption_aggregated();
    /// assert_eq!(event.data.data_volume.local_volume, 42);
    /// ```
    pub fn data_volume_consumption_aggregated() -> DataVolumeConsumptionAggregatedEvent {
        event(
            license_envelope(&[Attribute::TenantId]),
            DataVolumeConsumptionAggregated {
                total: Some(42),
                data_volume: Box::new(DataVolume {
                    unit: PLACEHOLDER.into(),
                    volume: Some(42),
                    local_volume: 42,
                    external_volume: 42,
                    consumption_type: PLACEHOLDER.into(),
                    extra: Extra::new(),
                }),
                global_consumption: Some(42),
                global_consumption_unit: Some("byte".into()),
                total_local_consumption: 42,
                license_high_watermark_within_month: Some(42),
                license_high_watermark_within_month_unit: Some("byte".into()),
                extra: Extra::new(),
            },
        )
    }
}
