//! Rule bundles: fees, ages, waiting periods, validity periods, deadlines and
//! SLA targets as dated data with sources.
//!
//! A bundle file is JSON that a policy officer can read. Every value carries
//! the date it takes effect, optionally the last day it applies, its source
//! and whether that source is confirmed. Loading is strict: unknown keys,
//! unknown services, parameters or categories, overlapping or gapped date
//! ranges, wrong units and negative amounts are all rejected with the file
//! name and the path inside the file.

mod file;
mod overlay;
mod schema;
mod table;
mod validate;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::calendar::WorkingCalendar;
use crate::jurisdiction::Jurisdiction;
use crate::money::Money;
use crate::named::named_enum;
use crate::service::ServiceId;

#[doc(hidden)]
pub use file::EMBEDDED_BUNDLE_FILES;
pub(crate) use file::schema_text;
pub use file::{BundleFile, EntryFile, bundle_schema_json};
pub use schema::{ParamDef, ParamSchema, Unit};
use table::{PerJurisdiction, SlotKey, ValueTable};
pub use validate::MAX_AMOUNT;

/// The bundle format this library reads and writes.
///
/// # Example
///
/// ```
/// use kmcore::{BundleFile, EMBEDDED_BUNDLE_FILES, FORMAT_VERSION};
/// let (_, text) = EMBEDDED_BUNDLE_FILES[0];
/// let file: BundleFile = serde_json::from_str(text).unwrap();
/// assert_eq!(file.format_version, FORMAT_VERSION);
/// ```
pub const FORMAT_VERSION: u32 = 1;

named_enum! {
    /// How firmly a value is sourced.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(serde_json::to_string(&kmcore::Basis::Uncertain).unwrap(), "\"uncertain\"");
    /// ```
    pub enum Basis("basis", "basis.unknown") {
        /// The value appears in the cited source.
        Confirmed = "confirmed",
        /// The value conflicts with another source, is implied, derived, or weakly sourced.
        Uncertain = "uncertain",
    }
}

/// One dated value of one parameter in one jurisdiction.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, Jurisdiction, ServiceId};
/// let cat = Catalogue::embedded().unwrap();
/// let date = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
/// let v = cat.bundle().value(ServiceId::LearnerPermit, "fee", "motor_car", Jurisdiction::PB, date).unwrap();
/// assert_eq!(v.money().unwrap().to_string(), "Rs 500");
/// assert!(v.source.starts_with("https://"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedValue {
    /// The full parameter key, such as `driving_licence.learner_permit.fee`.
    pub key: String,
    /// The jurisdiction it applies in.
    pub jurisdiction: Jurisdiction,
    /// The first day it applies.
    pub from: NaiveDate,
    /// The last day it applies, if it has one.
    pub to: Option<NaiveDate>,
    /// The number, in `unit`.
    pub amount: i64,
    /// The unit of `amount`.
    pub unit: Unit,
    /// Where the value comes from (a URL or a notification).
    pub source: String,
    /// Confirmed or uncertain.
    pub basis: Basis,
    /// Why the first day is assumed, when no source gives it (`from` is then
    /// the date used). A value with an assumed start is never confirmed for
    /// a decision: see [`DatedValue::is_confirmed`].
    pub start_assumed: Option<String>,
    /// A note on the value (conflicts, derivation).
    pub note: Option<String>,
    /// Other values reported for the same period, kept for the record.
    pub conflicts: Vec<ConflictingValue>,
}

/// A value reported by another source for the same period but not applied.
///
/// # Example
///
/// ```
/// use kmcore::{Basis, ConflictingValue};
/// let c: ConflictingValue = serde_json::from_str(
///     r#"{"value": 600, "source": "news report", "basis": "uncertain", "note": "older notification"}"#,
/// ).unwrap();
/// assert_eq!((c.value, c.basis), (600, Basis::Uncertain));
/// assert!(serde_json::from_str::<ConflictingValue>(r#"{"value": 1}"#).is_err());
/// ```
#[derive(
    Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct ConflictingValue {
    /// The value reported, in the parameter's unit.
    pub value: i64,
    /// Where it was reported.
    pub source: String,
    /// Confirmed or uncertain.
    pub basis: Basis,
    /// Why it is not applied.
    pub note: Option<String>,
}

impl DatedValue {
    /// True when a decision may rest on the value as confirmed: its basis is
    /// confirmed and its start date is given by a source, not assumed.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Basis, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let on = "2025-03-01".parse().unwrap();
    /// // Sourced from 16 Jan 2024, the day the schedule took effect.
    /// let fee = cat.bundle().value(ServiceId::LearnerPermit, "fee", "motor_car", Jurisdiction::PB, on).unwrap();
    /// assert!(fee.is_confirmed());
    /// // Confirmed as a value, but its start (the rules' year) is assumed.
    /// let age = cat.bundle().value(ServiceId::LearnerPermit, "min_age", "motor_car", Jurisdiction::PB, on).unwrap();
    /// assert_eq!(age.basis, Basis::Confirmed);
    /// assert!(age.start_assumed.is_some());
    /// assert!(!age.is_confirmed());
    /// ```
    pub fn is_confirmed(&self) -> bool {
        self.basis == Basis::Confirmed && self.start_assumed.is_none()
    }

    /// The value as money, when its unit is rupees.
    ///
    /// # Example
    ///
    /// See [`DatedValue`].
    ///
    /// ```
    /// # use kmcore::{Catalogue, Jurisdiction, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// # let date = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    /// let age = cat.bundle().value(ServiceId::LearnerPermit, "min_age", "ltv", Jurisdiction::PB, date).unwrap();
    /// assert_eq!(age.money(), None);
    /// assert_eq!(age.amount, 21);
    /// ```
    pub fn money(&self) -> Option<Money> {
        match self.unit {
            Unit::Rupees => Money::from_rupees(self.amount).ok(),
            _ => None,
        }
    }

    /// True when the value applies on `date`.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Jurisdiction, RuleBundle, ServiceId};
    /// let b = RuleBundle::embedded().unwrap();
    /// let on = "2025-01-01".parse().unwrap();
    /// let v = b.value(ServiceId::LearnerPermit, "fee", "motor_car", Jurisdiction::PB, on).unwrap();
    /// assert!(v.applies_on(on));
    /// assert!(!v.applies_on(v.from.pred_opt().unwrap()));
    /// ```
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

/// A public holiday that stops SLA clocks.
///
/// # Example
///
/// ```
/// use kmcore::{Jurisdiction, RuleBundle};
/// let b = RuleBundle::embedded().unwrap();
/// let day = b.holiday_details(Jurisdiction::SD).iter().find(|h| h.date.to_string() == "2024-08-14").unwrap();
/// assert_eq!(day.name, "Independence Day");
/// ```
#[derive(
    Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// The date.
    pub date: NaiveDate,
    /// Its name.
    pub name: String,
    /// Where the date comes from.
    pub source: String,
    /// Confirmed or uncertain.
    pub basis: Basis,
}

/// A jurisdiction's office week and the years its holiday list covers.
///
/// Working-day counts use `weekend` and the jurisdiction's holidays, and
/// are known only from 1 January of `first_year` to 31 December of
/// `last_year`: outside those years the holidays have not been collected,
/// so an SLA due date that depends on such a day is not known.
///
/// # Example
///
/// ```
/// use chrono::Weekday;
/// use kmcore::{Jurisdiction, RuleBundle};
/// let b = RuleBundle::embedded().unwrap();
/// let ict = b.calendar_details(Jurisdiction::ICT).unwrap();
/// assert_eq!(ict.weekend, vec![Weekday::Sat, Weekday::Sun]);
/// assert!(ict.first_year <= 2024 && ict.last_year >= 2026);
/// ```
#[derive(
    Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionCalendar {
    /// The days the offices are closed every week (`"Sat"`, `"Sun"`, ...).
    pub weekend: Vec<chrono::Weekday>,
    /// Where the weekend comes from.
    pub weekend_source: String,
    /// Confirmed or uncertain.
    pub weekend_basis: Basis,
    /// The first year whose holidays the bundle lists.
    pub first_year: i32,
    /// The last year whose holidays the bundle lists.
    pub last_year: i32,
}

impl JurisdictionCalendar {
    /// The first and last days covered: 1 January of `first_year` and
    /// 31 December of `last_year`, or `None` when either is outside the
    /// supported range of dates.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Jurisdiction, RuleBundle};
    /// let b = RuleBundle::embedded().unwrap();
    /// let (first, last) = b.calendar_details(Jurisdiction::PB).unwrap().covered_days().unwrap();
    /// assert_eq!(first.to_string(), "2024-01-01");
    /// assert_eq!(last.to_string(), "2026-12-31");
    /// ```
    pub fn covered_days(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((
            NaiveDate::from_ymd_opt(self.first_year, 1, 1)?,
            NaiveDate::from_ymd_opt(self.last_year, 12, 31)?,
        ))
    }
}

named_enum! {
    /// Whether a district exists, is announced, or is suspended.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::DistrictStatus;
    /// assert_eq!(serde_json::to_string(&DistrictStatus::Announced).unwrap(), "\"announced\"");
    /// let s: DistrictStatus = serde_json::from_str("\"suspended\"").unwrap();
    /// assert_eq!(s, DistrictStatus::Suspended);
    /// ```
    pub enum DistrictStatus("district status", "district_status.unknown") {
        /// A settled district.
        Established = "established",
        /// Announced but not confirmed in force.
        Announced = "announced",
        /// Its notification was suspended.
        Suspended = "suspended",
    }
}

/// A district, as versioned data.
///
/// # Example
///
/// ```
/// use kmcore::{Jurisdiction, RuleBundle};
/// let b = RuleBundle::embedded().unwrap();
/// let d = b.districts().iter().find(|d| d.name == "Bahawalpur").unwrap();
/// assert_eq!((d.jurisdiction, d.division.as_str()), (Jurisdiction::PB, "Bahawalpur"));
/// ```
#[derive(
    Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct District {
    /// The district's name.
    pub name: String,
    /// The division it belongs to.
    pub division: String,
    /// The province or territory.
    pub jurisdiction: Jurisdiction,
    /// Established, announced or suspended.
    pub status: DistrictStatus,
    /// When it came into being, if known (`effective_from` in the file).
    #[serde(default, rename = "effective_from")]
    pub from: Option<NaiveDate>,
    /// The district it was carved out of, for new districts.
    #[serde(default)]
    pub carved_from: Option<String>,
    /// Where this comes from.
    pub source: String,
    /// Confirmed or uncertain.
    pub basis: Basis,
}

/// A loaded and checked rule bundle.
///
/// # Example
///
/// ```
/// use kmcore::RuleBundle;
/// let bundle = RuleBundle::embedded().unwrap();
/// assert!(!bundle.version().is_empty());
/// ```
#[derive(Clone, Debug)]
pub struct RuleBundle {
    digest: crate::digest::Digest32,
    file_name: String,
    version: String,
    title: String,
    overlay_of: Option<String>,
    schema: Arc<ParamSchema>,
    values: ValueTable,
    holidays: [Vec<NaiveDate>; 4],
    holiday_list: BTreeMap<Jurisdiction, Vec<Holiday>>,
    calendars: BTreeMap<Jurisdiction, JurisdictionCalendar>,
    districts: Vec<District>,
}

impl RuleBundle {
    /// The bundle's version, recorded in every event applied under it.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{BundleFile, EMBEDDED_BUNDLE_FILES, RuleBundle};
    /// let b = RuleBundle::embedded().unwrap();
    /// let main: BundleFile = serde_json::from_str(EMBEDDED_BUNDLE_FILES[0].1).unwrap();
    /// assert_eq!(b.version(), main.bundle_version);
    /// ```
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The content digest of the bundle: SHA-256 over its files as parsed
    /// (spacing and key order do not count, every value does), and for an
    /// overlay over the base's digest and the overlay's. Every event
    /// records it, so that a log is never replayed under a bundle that
    /// kept the version but changed a value.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::RuleBundle;
    /// let a = RuleBundle::embedded().unwrap();
    /// assert_eq!(a.digest(), RuleBundle::embedded().unwrap().digest());
    /// let overlay = format!(
    ///     r#"{{"format_version": 1, "bundle_version": "w", "title": "w", "overlay_of": "{}", "parameters": {{}}}}"#,
    ///     a.version()
    /// );
    /// assert_ne!(a.overlay("w.json", &overlay).unwrap().digest(), a.digest());
    /// ```
    pub fn digest(&self) -> crate::digest::Digest32 {
        self.digest
    }

    /// The bundle's title.
    ///
    /// # Example
    ///
    /// ```
    /// let b = kmcore::RuleBundle::embedded().unwrap();
    /// assert!(b.title().contains("Khidmat Markaz"));
    /// ```
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The file the bundle was read from.
    ///
    /// # Example
    ///
    /// ```
    /// let b = kmcore::RuleBundle::embedded().unwrap();
    /// assert!(b.file_name().starts_with("bundle/main.json+"));
    /// ```
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// For a merged what-if bundle, the overlay's declared base.
    ///
    /// # Example
    ///
    /// ```
    /// // The embedded default bundle is not a what-if overlay.
    /// let base = kmcore::RuleBundle::embedded().unwrap();
    /// assert_eq!(base.overlay_of(), None);
    /// ```
    pub fn overlay_of(&self) -> Option<&str> {
        self.overlay_of.as_deref()
    }

    /// The value of a parameter in force on `date`, or `None` when the
    /// bundle has no value for that jurisdiction and date.
    ///
    /// `variant` is `""` for a parameter without variants.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{RuleBundle, Jurisdiction, ServiceId};
    /// let b = RuleBundle::embedded().unwrap();
    /// let before = chrono::NaiveDate::from_ymd_opt(2024, 1, 15).unwrap();
    /// let after = chrono::NaiveDate::from_ymd_opt(2024, 1, 16).unwrap();
    /// assert_eq!(b.value(ServiceId::LearnerPermit, "fee", "motor_car", Jurisdiction::PB, after).unwrap().amount, 500);
    /// assert_ne!(b.value(ServiceId::LearnerPermit, "fee", "motor_car", Jurisdiction::PB, before).map(|v| v.amount), Some(500));
    /// ```
    pub fn value(
        &self,
        service: ServiceId,
        name: &str,
        variant: &str,
        jurisdiction: Jurisdiction,
        date: NaiveDate,
    ) -> Option<&DatedValue> {
        let slot = self
            .values
            .slot_by_name(&self.schema, service, name, variant)?;
        self.values.value(slot, jurisdiction, date)
    }

    /// The value in force on `date` of the `param`-th parameter `service`
    /// declares, with its `variant`-th variant (what a typed parameter
    /// handle carries).
    #[inline]
    pub(crate) fn value_at(
        &self,
        service: ServiceId,
        param: usize,
        variant: usize,
        jurisdiction: Jurisdiction,
        date: NaiveDate,
    ) -> Option<&DatedValue> {
        let slot = self.values.slot(service, param, variant)?;
        self.values.value(slot, jurisdiction, date)
    }

    /// Whether any value of the jurisdiction (of any service) starts or
    /// stops applying on a day after `after`, up to `until`.
    pub(crate) fn values_change_between(
        &self,
        jurisdiction: Jurisdiction,
        after: NaiveDate,
        until: NaiveDate,
    ) -> bool {
        self.values.changes_between(jurisdiction, after, until)
    }

    /// Every value of the `param`-th parameter `service` declares, with its
    /// `variant`-th variant, in a jurisdiction, oldest first.
    pub(crate) fn history_at(
        &self,
        service: ServiceId,
        param: usize,
        variant: usize,
        jurisdiction: Jurisdiction,
    ) -> &[DatedValue] {
        self.values
            .slot(service, param, variant)
            .map_or(&[], |slot| self.values.history(slot, jurisdiction))
    }

    /// The schema the bundle was checked against.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{RuleBundle, ServiceId};
    /// let b = RuleBundle::embedded().unwrap();
    /// assert!(!b.schema().params(ServiceId::PermanentLicence).is_empty());
    /// ```
    pub fn schema(&self) -> &Arc<ParamSchema> {
        &self.schema
    }

    /// Every dated value of a parameter in a jurisdiction, oldest first.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{RuleBundle, Jurisdiction, ServiceId};
    /// let b = RuleBundle::embedded().unwrap();
    /// let history = b.history(ServiceId::PermanentLicence, "fee", "motor_car", Jurisdiction::PB);
    /// assert!(history.len() >= 2);
    /// assert!(history.windows(2).all(|w| w[0].from < w[1].from));
    /// ```
    pub fn history(
        &self,
        service: ServiceId,
        name: &str,
        variant: &str,
        jurisdiction: Jurisdiction,
    ) -> &[DatedValue] {
        self.values
            .slot_by_name(&self.schema, service, name, variant)
            .map_or(&[], |slot| self.values.history(slot, jurisdiction))
    }

    /// Every dated value in the bundle, in a stable order (for fee schedules
    /// and exports).
    ///
    /// # Example
    ///
    /// ```
    /// let b = kmcore::RuleBundle::embedded().unwrap();
    /// assert!(b.all_values().any(|v| v.key == "arms_licence.new.fee"));
    /// ```
    pub fn all_values(&self) -> impl Iterator<Item = &DatedValue> {
        let mut order: Vec<(&SlotKey, &PerJurisdiction)> =
            self.values.keys.iter().zip(&self.values.slots).collect();
        order.sort_by_key(|(k, _)| *k);
        order
            .into_iter()
            .flat_map(|(_, per_j)| per_j.iter().flatten())
    }

    /// The sorted public holidays of a jurisdiction.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Jurisdiction, RuleBundle};
    /// let b = RuleBundle::embedded().unwrap();
    /// let pb = b.holidays(Jurisdiction::PB);
    /// assert!(pb.contains(&"2024-03-23".parse().unwrap()));
    /// assert!(pb.windows(2).all(|w| w[0] < w[1]));
    /// ```
    pub fn holidays(&self, jurisdiction: Jurisdiction) -> &[NaiveDate] {
        self.holidays
            .get(jurisdiction.index())
            .map_or(&[], Vec::as_slice)
    }

    /// The holidays with their names and sources.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Jurisdiction, RuleBundle};
    /// let b = RuleBundle::embedded().unwrap();
    /// let first = &b.holiday_details(Jurisdiction::KP)[0];
    /// assert_eq!(first.name, "Kashmir Solidarity Day");
    /// assert_eq!(first.date.to_string(), "2024-02-05");
    /// ```
    pub fn holiday_details(&self, jurisdiction: Jurisdiction) -> &[Holiday] {
        self.holiday_list
            .get(&jurisdiction)
            .map_or(&[], Vec::as_slice)
    }

    /// The jurisdiction's weekend and covered years, with the weekend's
    /// source; `None` when the bundle gives none.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Jurisdiction, RuleBundle};
    /// let b = RuleBundle::embedded().unwrap();
    /// assert!(!b.calendar_details(Jurisdiction::KP).unwrap().weekend_source.is_empty());
    /// ```
    pub fn calendar_details(&self, jurisdiction: Jurisdiction) -> Option<&JurisdictionCalendar> {
        self.calendars.get(&jurisdiction)
    }

    /// The working calendar SLA clocks use in a jurisdiction: its weekend,
    /// its holidays, and the days its holidays are known for. A
    /// jurisdiction the bundle gives no calendar for has Saturday and
    /// Sunday as the weekend and covers no day, so every count there is
    /// not known.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Jurisdiction, RuleBundle};
    /// let b = RuleBundle::embedded().unwrap();
    /// let sd = b.working_calendar(Jurisdiction::SD);
    /// let d = |s: &str| s.parse().unwrap();
    /// assert!(sd.is_holiday(d("2024-12-27"))); // a Sindh-only holiday
    /// assert!(!b.working_calendar(Jurisdiction::PB).is_holiday(d("2024-12-27")));
    /// assert!(!sd.covers(d("2027-01-04")));
    /// ```
    pub fn working_calendar(&self, jurisdiction: Jurisdiction) -> WorkingCalendar {
        let holidays = self.holidays(jurisdiction).iter().copied();
        match self.calendars.get(&jurisdiction) {
            Some(c) => {
                let cal = WorkingCalendar::new()
                    .with_weekend(c.weekend.iter().copied())
                    .with_holidays(holidays);
                match c.covered_days() {
                    Some((first, last)) => cal.with_coverage(first, last),
                    None => cal.with_coverage(NaiveDate::MAX, NaiveDate::MIN),
                }
            }
            None => WorkingCalendar::new()
                .with_holidays(holidays)
                .with_coverage(NaiveDate::MAX, NaiveDate::MIN),
        }
    }

    /// The districts, as versioned data.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{RuleBundle, DistrictStatus, Jurisdiction};
    /// let b = RuleBundle::embedded().unwrap();
    /// let settled = b.districts().iter()
    ///     .filter(|d| d.jurisdiction == Jurisdiction::PB && d.status == DistrictStatus::Established)
    ///     .count();
    /// assert_eq!(settled, 36);
    /// ```
    pub fn districts(&self) -> &[District] {
        &self.districts
    }
}
