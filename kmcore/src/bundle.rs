//! Rule bundles: fees, ages, waiting periods, validity periods, deadlines and
//! SLA targets as dated data with sources.
//!
//! A bundle file is JSON that a policy officer can read. Every value carries
//! the date it takes effect, optionally the last day it applies, its source
//! and whether that source is confirmed. Loading is strict: unknown keys,
//! unknown services, parameters or categories, overlapping or gapped date
//! ranges, wrong units and negative amounts are all rejected with the file
//! name and the path inside the file.

use std::cell::Cell;
use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::error::{KmError, Result};
use crate::jurisdiction::Jurisdiction;
use crate::money::Money;
use crate::service::{ServiceId, Unit};
use crate::services;

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

/// How firmly a value is sourced.
///
/// # Example
///
/// ```
/// assert_eq!(serde_json::to_string(&kmcore::Basis::Uncertain).unwrap(), "\"uncertain\"");
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The value appears in the cited source.
    Confirmed,
    /// The value conflicts with another source, is implied, derived, or weakly sourced.
    Uncertain,
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
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DistrictStatus {
    /// A settled district.
    Established,
    /// Announced but not confirmed in force.
    Announced,
    /// Its notification was suspended.
    Suspended,
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

// ---------------------------------------------------------------------------
// The file format (what serde reads), kept apart from the checked model.

/// The JSON layout of a rule bundle file. Its JSON Schema is committed as
/// `kmcore/schema/bundle.schema.json`.
///
/// # Example
///
/// ```
/// use kmcore::{BundleFile, EMBEDDED_BUNDLE_FILES, RuleBundle};
/// let (_, text) = EMBEDDED_BUNDLE_FILES[0];
/// let main: BundleFile = serde_json::from_str(text).unwrap();
/// assert_eq!(main.bundle_version, RuleBundle::embedded().unwrap().version());
/// assert!(main.overlay_of.is_none());
/// ```
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BundleFile {
    /// Always 1 for this version of the library.
    pub format_version: u32,
    /// The bundle's own version, recorded in every event applied under it.
    pub bundle_version: String,
    /// A human title.
    pub title: String,
    /// The version of the bundle this one overlays (what-if bundles only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overlay_of: Option<String>,
    /// service id → parameter (`name` or `name.variant`) → jurisdiction → dated entries.
    pub parameters: BTreeMap<String, BTreeMap<String, BTreeMap<String, Vec<EntryFile>>>>,
    /// jurisdiction → public holidays.
    #[serde(default)]
    pub holidays: BTreeMap<String, Vec<Holiday>>,
    /// Districts, as versioned data.
    #[serde(default)]
    pub districts: Vec<District>,
}

/// One dated entry as written in a bundle file. Exactly one of the value
/// keys (`rupees`, `years`, `months`, `days`, `working_days`, `hours`, `cc`)
/// must be present, and it must match the parameter's unit.
///
/// # Example
///
/// ```
/// use kmcore::{Basis, EntryFile};
/// let e: EntryFile = serde_json::from_str(
///     r#"{"effective_from": "2024-01-16", "rupees": 500, "source": "https://example.org/notification", "basis": "confirmed"}"#,
/// ).unwrap();
/// assert_eq!((e.rupees, e.to, e.basis), (Some(500), None, Basis::Confirmed));
/// ```
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryFile {
    /// First day the value applies (`effective_from` in the file).
    #[serde(rename = "effective_from")]
    pub from: NaiveDate,
    /// Last day it applies, inclusive (`effective_to` in the file);
    /// open-ended when absent.
    #[serde(
        default,
        rename = "effective_to",
        skip_serializing_if = "Option::is_none"
    )]
    pub to: Option<NaiveDate>,
    /// An amount in whole rupees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rupees: Option<i64>,
    /// Whole years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<i64>,
    /// Whole months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<i64>,
    /// Calendar days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
    /// Working days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<i64>,
    /// Hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<i64>,
    /// Cubic centimetres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cc: Option<i64>,
    /// Where the value comes from.
    pub source: String,
    /// Confirmed or uncertain.
    pub basis: Basis,
    /// A note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Other values reported for the same period but not applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<ConflictingValue>,
}

impl EntryFile {
    fn values(&self) -> [(Unit, Option<i64>); 7] {
        [
            (Unit::Rupees, self.rupees),
            (Unit::Years, self.years),
            (Unit::Months, self.months),
            (Unit::Days, self.days),
            (Unit::WorkingDays, self.working_days),
            (Unit::Hours, self.hours),
            (Unit::Cc, self.cc),
        ]
    }
}

/// The JSON Schema of the bundle file format, as pretty JSON.
///
/// # Example
///
/// ```
/// let schema = kmcore::bundle_schema_json();
/// assert!(schema.contains("\"bundle_version\""));
/// ```
pub fn bundle_schema_json() -> String {
    schema_text(schemars::schema_for!(BundleFile))
}

/// A schema as pretty JSON, with the Rust examples of the doc comments it
/// was derived from cut out of its descriptions.
pub(crate) fn schema_text(schema: schemars::Schema) -> String {
    fn tidy(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    if key == "description" {
                        if let serde_json::Value::String(text) = v {
                            if let Some(cut) = text.find("\n\n# Example") {
                                text.truncate(cut);
                            }
                        }
                    } else {
                        tidy(v);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(tidy),
            _ => {}
        }
    }
    let mut value = schema.to_value();
    tidy(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

// ---------------------------------------------------------------------------
// The checked model.

/// Key of a parameter: service, parameter name and variant ("" when none).
type ParamKey = (ServiceId, &'static str, &'static str);

/// String equality for declared names: rules pass the same literals the
/// declarations hold, so the pointers usually match and no bytes are
/// compared; names of different lengths are rejected at once, and others
/// are compared inline (these names are short: a `memcmp` call costs more).
#[inline]
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a.bytes().zip(b.bytes()).all(|(x, y)| x == y))
}

/// The dated values of one parameter (with one variant), per jurisdiction.
type PerJurisdiction = [Vec<DatedValue>; 4];

/// Every parameter's values in one dense table, indexed by a slot that is
/// resolved from the services' declarations without hashing: a service's
/// parameters take consecutive slots, one per variant (one when a
/// parameter has none), in declaration order.
///
/// This replaced a `HashMap` keyed by `(service, name, variant)`: SipHash of
/// the two strings was half the cost of an evaluation (callgrind, see
/// BENCHMARKS.md), while the slot is found by comparing a few short
/// declared names.
#[derive(Clone, Debug)]
struct ValueTable {
    /// The first slot of each service, by `ServiceId::index`, then the end.
    first: Vec<usize>,
    /// The key of each slot.
    keys: Vec<ParamKey>,
    /// The values of each slot.
    slots: Vec<PerJurisdiction>,
}

impl ValueTable {
    /// An empty table laid out for every declared parameter.
    fn new() -> ValueTable {
        let mut first = Vec::with_capacity(ServiceId::ALL.len() + 1);
        let mut keys = Vec::new();
        for id in ServiceId::ALL {
            first.push(keys.len());
            for p in services::def(*id).params {
                if p.variants.is_empty() {
                    keys.push((*id, p.name, ""));
                } else {
                    keys.extend(p.variants.iter().map(|v| (*id, p.name, *v)));
                }
            }
        }
        first.push(keys.len());
        let slots = keys.iter().map(|_| PerJurisdiction::default()).collect();
        ValueTable { first, keys, slots }
    }

    /// The slot of a parameter, or `None` when the service declares no such
    /// parameter and variant.
    #[inline]
    fn slot(&self, service: ServiceId, name: &str, variant: &str) -> Option<usize> {
        let mut at = *self.first.get(service.index())?;
        for p in services::def(service).params {
            if same(p.name, name) {
                return if p.variants.is_empty() {
                    variant.is_empty().then_some(at)
                } else {
                    p.variants
                        .iter()
                        .position(|v| same(v, variant))
                        .map(|k| at + k)
                };
            }
            at += p.variants.len().max(1);
        }
        None
    }

    #[inline]
    fn get(&self, service: ServiceId, name: &str, variant: &str) -> Option<&PerJurisdiction> {
        self.slots.get(self.slot(service, name, variant)?)
    }
}

/// Parameter slots already found, for a loop that evaluates many requests.
///
/// Rules name parameters with string literals, and a `&'static str` is
/// never freed, so its address and length identify its text: a slot found
/// once is found again by comparing three words instead of the declared
/// names. Slots depend only on the services' declarations, so one cache
/// serves every bundle. An entry holds a name's address, a variant's
/// address and a tag (name length, variant length, service, slot + 1;
/// 0 when empty).
///
/// The table is open-addressed (a key's entry is the first free or
/// matching one from its hash on) and never evicts: the services name a
/// bounded set of parameters, so the table fills to at most half and then
/// stops taking new keys. A lookup's cost therefore does not depend on
/// where the linker put the literals.
#[derive(Debug)]
pub(crate) struct SlotCache {
    entries: Box<[Cell<(usize, usize, u64)>; SLOT_CACHE_ENTRIES]>,
    filled: Cell<usize>,
}

/// Entries of a [`SlotCache`]: a power of two, at least twice the number
/// of parameter names and variants the services read.
const SLOT_CACHE_ENTRIES: usize = 512;

impl SlotCache {
    pub(crate) fn new() -> SlotCache {
        SlotCache {
            entries: Box::new(std::array::from_fn(|_| Cell::new((0, 0, 0)))),
            filled: Cell::new(0),
        }
    }

    /// The slot of `service`'s parameter `name` with `variant`, from the
    /// cache or else from `find` (a slot it does not find is not cached).
    #[inline(always)]
    fn slot(
        &self,
        service: ServiceId,
        name: &'static str,
        variant: &'static str,
        find: impl FnOnce() -> Option<usize>,
    ) -> Option<usize> {
        let (n, v) = (name.as_ptr() as usize, variant.as_ptr() as usize);
        let (Ok(name_len), Ok(variant_len)) =
            (u16::try_from(name.len()), u16::try_from(variant.len()))
        else {
            return find();
        };
        let key =
            u64::from(name_len) | (u64::from(variant_len) << 16) | ((service.index() as u64) << 32);
        let mut at = (n ^ v.rotate_left(29) ^ service.index()).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            >> (usize::BITS - SLOT_CACHE_ENTRIES.trailing_zeros());
        // Bounded by the table's size; the table always has a free entry.
        for _ in 0..SLOT_CACHE_ENTRIES {
            let Some(entry) = self.entries.get(at) else {
                break;
            };
            let (cached_name, cached_variant, tag) = entry.get();
            if tag >> 48 == 0 {
                return self.fill(entry, (n, v, key), find);
            }
            if cached_name == n && cached_variant == v && tag & 0xFFFF_FFFF_FFFF == key {
                return Some((tag >> 48) as usize - 1);
            }
            at = (at + 1) % SLOT_CACHE_ENTRIES;
        }
        find()
    }

    /// A miss: the slot from `find`, kept in the free `entry` while the
    /// table is at most half full.
    #[cold]
    #[inline(never)]
    fn fill(
        &self,
        entry: &Cell<(usize, usize, u64)>,
        (n, v, key): (usize, usize, u64),
        find: impl FnOnce() -> Option<usize>,
    ) -> Option<usize> {
        let slot = find()?;
        if let Ok(plus_one) = u16::try_from(slot + 1)
            && self.filled.get() < SLOT_CACHE_ENTRIES / 2
        {
            entry.set((n, v, key | (u64::from(plus_one) << 48)));
            self.filled.set(self.filled.get() + 1);
        }
        Some(slot)
    }
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
    file_name: String,
    version: String,
    title: String,
    overlay_of: Option<String>,
    values: ValueTable,
    holidays: [Vec<NaiveDate>; 4],
    holiday_list: BTreeMap<Jurisdiction, Vec<Holiday>>,
    districts: Vec<District>,
}

/// The default bundle's files, embedded in the library: a main file
/// (version, holidays, districts) and one file of parameters per family.
///
/// # Example
///
/// ```
/// use kmcore::EMBEDDED_BUNDLE_FILES;
/// assert_eq!(EMBEDDED_BUNDLE_FILES[0].0, "bundle/main.json");
/// assert!(EMBEDDED_BUNDLE_FILES.iter().any(|(name, _)| *name == "bundle/arms_licence.json"));
/// ```
pub const EMBEDDED_BUNDLE_FILES: &[(&str, &str)] = &[
    ("bundle/main.json", include_str!("../data/bundle/main.json")),
    (
        "bundle/driving_licence.json",
        include_str!("../data/bundle/driving_licence.json"),
    ),
    (
        "bundle/certificates.json",
        include_str!("../data/bundle/certificates.json"),
    ),
    (
        "bundle/registration.json",
        include_str!("../data/bundle/registration.json"),
    ),
    (
        "bundle/arms_licence.json",
        include_str!("../data/bundle/arms_licence.json"),
    ),
    (
        "bundle/other_services.json",
        include_str!("../data/bundle/other_services.json"),
    ),
];

impl RuleBundle {
    /// The default bundle (PB, ICT, SD, KP) embedded in the library.
    ///
    /// # Errors
    ///
    /// Only if the embedded data were broken, which the test suite rules out.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kmcore::RuleBundle::embedded().unwrap().title().contains("Khidmat"));
    /// ```
    pub fn embedded() -> Result<RuleBundle> {
        RuleBundle::from_json_parts(EMBEDDED_BUNDLE_FILES)
    }

    /// Parses and checks a bundle split over several files `(name, text)`:
    /// all must carry the same `format_version` and `bundle_version`; the
    /// first gives the title; parameters, holidays and districts are joined,
    /// and a parameter given in two files is an error.
    ///
    /// # Errors
    ///
    /// As [`RuleBundle::from_json`], plus `bundle.duplicate` for a
    /// parameter or holiday list given twice and `bundle.version_mismatch`.
    ///
    /// # Example
    ///
    /// ```
    /// let b = kmcore::RuleBundle::from_json_parts(kmcore::EMBEDDED_BUNDLE_FILES).unwrap();
    /// assert_eq!(b.version(), kmcore::RuleBundle::embedded().unwrap().version());
    /// ```
    pub fn from_json_parts(parts: &[(&str, &str)]) -> Result<RuleBundle> {
        let mut joined: Option<BundleFile> = None;
        let mut names = Vec::new();
        for (name, text) in parts {
            let file = parse_file(name, text)?;
            names.push(*name);
            let Some(acc) = joined.as_mut() else {
                joined = Some(file);
                continue;
            };
            if file.bundle_version != acc.bundle_version
                || file.format_version != acc.format_version
            {
                return Err(KmError::bundle(
                    "bundle.version_mismatch",
                    name,
                    "bundle_version",
                    format!(
                        "`{}` does not match the first file's version `{}`",
                        file.bundle_version, acc.bundle_version
                    ),
                ));
            }
            for (service, params) in file.parameters {
                let slot = acc.parameters.entry(service.clone()).or_default();
                for (param, values) in params {
                    if slot.contains_key(&param) {
                        return Err(KmError::bundle(
                            "bundle.duplicate",
                            name,
                            format!("parameters.{service}.{param}"),
                            "this parameter is already given in another file",
                        ));
                    }
                    slot.insert(param, values);
                }
            }
            for (j, list) in file.holidays {
                if acc.holidays.contains_key(&j) {
                    return Err(KmError::bundle(
                        "bundle.duplicate",
                        name,
                        format!("holidays.{j}"),
                        "these holidays are already given in another file",
                    ));
                }
                acc.holidays.insert(j, list);
            }
            acc.districts.extend(file.districts);
        }
        let file = joined.ok_or_else(|| {
            KmError::bundle("bundle.shape", "(none)", "$", "no bundle files were given")
        })?;
        let name = names.join("+");
        RuleBundle::from_file(&name, file)
    }

    /// Parses and checks a bundle. `file_name` is only used in error messages.
    ///
    /// # Errors
    ///
    /// A `Bundle` error naming the file, the path inside it and the problem:
    /// malformed JSON (`bundle.syntax`), an unknown or missing key
    /// (`bundle.shape`), an unknown service (`bundle.unknown_service`),
    /// parameter (`bundle.unknown_parameter`), category or variant
    /// (`bundle.unknown_variant`) or jurisdiction
    /// (`bundle.unknown_jurisdiction`), a value key that does not match the
    /// parameter's unit (`bundle.unit`), a negative value
    /// (`bundle.negative`), a range ending before it starts
    /// (`bundle.range`), overlapping (`bundle.overlap`) or gapped
    /// (`bundle.gap`) ranges, an empty source (`bundle.source`), or an
    /// unsupported format version (`bundle.format_version`).
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::RuleBundle;
    /// let text = r#"{
    ///   "format_version": 1, "bundle_version": "test-1", "title": "test",
    ///   "parameters": {"driving_licence.learner_permit": {"fee.motorcycle": {"PB": [
    ///     {"effective_from": "2024-01-16", "rupees": -5, "source": "x", "basis": "confirmed"}
    ///   ]}}}
    /// }"#;
    /// let err = RuleBundle::from_json("test.json", text).unwrap_err();
    /// assert_eq!(err.code(), "bundle.negative");
    /// assert_eq!(err.path(), Some("parameters.driving_licence.learner_permit.fee.motorcycle.PB[0].rupees"));
    /// ```
    pub fn from_json(file_name: &str, text: &str) -> Result<RuleBundle> {
        let file = parse_file(file_name, text)?;
        if file.overlay_of.is_some() {
            return Err(KmError::bundle(
                "bundle.overlay",
                file_name,
                "overlay_of",
                "this file is a what-if overlay; apply it with `RuleBundle::overlay`",
            ));
        }
        RuleBundle::from_file(file_name, file)
    }

    fn from_file(file_name: &str, file: BundleFile) -> Result<RuleBundle> {
        if file.format_version != FORMAT_VERSION {
            return Err(KmError::bundle(
                "bundle.format_version",
                file_name,
                "format_version",
                format!(
                    "format version {} is not supported (expected {FORMAT_VERSION})",
                    file.format_version
                ),
            ));
        }
        if file.bundle_version.trim().is_empty() {
            return Err(KmError::bundle(
                "bundle.shape",
                file_name,
                "bundle_version",
                "the bundle version must not be empty",
            ));
        }
        let mut values = ValueTable::new();
        for (service_name, params) in &file.parameters {
            let path = format!("parameters.{service_name}");
            let service: ServiceId = service_name.parse().map_err(|_| {
                KmError::bundle(
                    "bundle.unknown_service",
                    file_name,
                    &path,
                    format!("unknown service `{service_name}`"),
                )
            })?;
            let def = services::def(service);
            for (param_name, by_jurisdiction) in params {
                let path = format!("{path}.{param_name}");
                let (name, variant) = param_name.split_once('.').unwrap_or((param_name, ""));
                let param = def.param(name).ok_or_else(|| {
                    let known: Vec<&str> = def.params.iter().map(|p| p.name).collect();
                    KmError::bundle(
                        "bundle.unknown_parameter",
                        file_name,
                        &path,
                        format!(
                            "`{name}` is not a parameter of {service_name} (known: {})",
                            known.join(", ")
                        ),
                    )
                })?;
                let variant: &'static str = if param.variants.is_empty() && variant.is_empty() {
                    ""
                } else {
                    param
                        .variants
                        .iter()
                        .copied()
                        .find(|v| *v == variant)
                        .ok_or_else(|| {
                            KmError::bundle(
                                "bundle.unknown_variant",
                                file_name,
                                &path,
                                if param.variants.is_empty() {
                                    format!("`{name}` has no categories, but `{variant}` was given")
                                } else {
                                    format!(
                                        "unknown category `{variant}` for `{name}` (known: {})",
                                        param.variants.join(", ")
                                    )
                                },
                            )
                        })?
                };
                let slot = values
                    .slot(service, param.name, variant)
                    .and_then(|i| values.slots.get_mut(i))
                    .ok_or_else(|| {
                        KmError::bundle(
                            "bundle.unknown_parameter",
                            file_name,
                            &path,
                            format!("`{param_name}` has no slot in the value table"),
                        )
                    })?;
                for (j_name, entries) in by_jurisdiction {
                    let path = format!("{path}.{j_name}");
                    let jurisdiction: Jurisdiction = j_name.parse().map_err(|_| {
                        KmError::bundle(
                            "bundle.unknown_jurisdiction",
                            file_name,
                            &path,
                            format!("unknown jurisdiction `{j_name}`"),
                        )
                    })?;
                    let key = format!("{service_name}.{param_name}");
                    let mut list = Vec::with_capacity(entries.len());
                    for (i, entry) in entries.iter().enumerate() {
                        let path = format!("{path}[{i}]");
                        list.push(check_entry(
                            file_name,
                            &path,
                            &key,
                            jurisdiction,
                            param.unit,
                            entry,
                        )?);
                    }
                    check_timeline(file_name, &path, &mut list)?;
                    if let Some(s) = slot.get_mut(jurisdiction.index()) {
                        *s = list;
                    }
                }
            }
        }
        let mut holidays: [Vec<NaiveDate>; 4] = Default::default();
        let mut holiday_list = BTreeMap::new();
        for (j_name, list) in &file.holidays {
            let path = format!("holidays.{j_name}");
            let jurisdiction: Jurisdiction = j_name.parse().map_err(|_| {
                KmError::bundle(
                    "bundle.unknown_jurisdiction",
                    file_name,
                    &path,
                    format!("unknown jurisdiction `{j_name}`"),
                )
            })?;
            let mut dates: Vec<NaiveDate> = list.iter().map(|h| h.date).collect();
            dates.sort_unstable();
            if let Some(w) = dates.windows(2).find(|w| w.first() == w.get(1)) {
                return Err(KmError::bundle(
                    "bundle.overlap",
                    file_name,
                    &path,
                    format!(
                        "holiday {} is listed twice",
                        w.first().copied().unwrap_or_default()
                    ),
                ));
            }
            if let Some((i, _)) = list
                .iter()
                .enumerate()
                .find(|(_, h)| h.source.trim().is_empty())
            {
                return Err(KmError::bundle(
                    "bundle.source",
                    file_name,
                    format!("{path}[{i}].source"),
                    "every holiday needs a source",
                ));
            }
            if let Some(slot) = holidays.get_mut(jurisdiction.index()) {
                *slot = dates;
            }
            holiday_list.insert(jurisdiction, list.clone());
        }
        Ok(RuleBundle {
            file_name: file_name.to_string(),
            version: file.bundle_version,
            title: file.title,
            overlay_of: file.overlay_of,
            values,
            holidays,
            holiday_list,
            districts: file.districts,
        })
    }

    /// Applies a what-if overlay: every parameter the overlay gives replaces
    /// the base values from each overlay entry's `effective_from` date (to its `effective_to`
    /// date, if it has one); everything else is kept. The result's version
    /// is `base+overlay`. The base bundle is not changed.
    ///
    /// # Errors
    ///
    /// A `Bundle` error when the overlay is malformed, names a different
    /// base version in `overlay_of`, or produces an invalid timeline.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{RuleBundle, Jurisdiction, ServiceId};
    /// let base = RuleBundle::embedded().unwrap();
    /// let overlay = format!(r#"{{
    ///   "format_version": 1, "bundle_version": "car-2500", "title": "what-if",
    ///   "overlay_of": "{}",
    ///   "parameters": {{"driving_licence.permanent": {{"fee.motor_car": {{"PB": [
    ///     {{"effective_from": "2027-01-01", "rupees": 2500, "source": "what-if", "basis": "uncertain"}}
    ///   ]}}}}}}
    /// }}"#, base.version());
    /// let what_if = base.overlay("what-if.json", &overlay).unwrap();
    /// let d = |s: &str| s.parse().unwrap();
    /// let fee = |b: &RuleBundle, on| b.value(ServiceId::PermanentLicence, "fee", "motor_car", Jurisdiction::PB, on).unwrap().amount;
    /// assert_eq!(fee(&what_if, d("2027-01-01")), 2500);
    /// assert_eq!(fee(&what_if, d("2026-12-31")), fee(&base, d("2026-12-31")));
    /// ```
    pub fn overlay(&self, file_name: &str, text: &str) -> Result<RuleBundle> {
        let file = parse_file(file_name, text)?;
        match &file.overlay_of {
            Some(base) if base == &self.version => {}
            Some(base) => {
                return Err(KmError::bundle(
                    "bundle.overlay",
                    file_name,
                    "overlay_of",
                    format!(
                        "overlay is for bundle `{base}` but is applied to `{}`",
                        self.version
                    ),
                ));
            }
            None => {
                return Err(KmError::bundle(
                    "bundle.overlay",
                    file_name,
                    "overlay_of",
                    "a what-if overlay must name the bundle version it overlays",
                ));
            }
        }
        let version = format!("{}+{}", self.version, file.bundle_version);
        let title = file.title.clone();
        let overlay = RuleBundle::from_file(file_name, file)?;
        let mut merged = self.clone();
        merged.version = version;
        merged.title = title;
        merged.file_name = format!("{}+{}", self.file_name, file_name);
        merged.overlay_of = Some(self.version.clone());
        for ((key, per_j), slot) in overlay
            .values
            .keys
            .into_iter()
            .zip(overlay.values.slots)
            .zip(merged.values.slots.iter_mut())
        {
            if per_j.iter().all(Vec::is_empty) {
                continue;
            }
            for (j_index, new_entries) in per_j.into_iter().enumerate() {
                if new_entries.is_empty() {
                    continue;
                }
                let Some(base) = slot.get_mut(j_index) else {
                    continue;
                };
                let mut combined = Vec::new();
                for old in base.drain(..) {
                    combined.extend(cut_out(old, &new_entries));
                }
                combined.extend(new_entries);
                let path = format!(
                    "parameters.{}.{}",
                    key.0.as_str(),
                    if key.2.is_empty() {
                        key.1.to_string()
                    } else {
                        format!("{}.{}", key.1, key.2)
                    }
                );
                check_timeline(file_name, &path, &mut combined)?;
                *base = combined;
            }
        }
        for (j, list) in overlay.holiday_list {
            if let Some(slot) = merged.holidays.get_mut(j.index()) {
                slot.extend(list.iter().map(|h| h.date));
                slot.sort_unstable();
                slot.dedup();
            }
            merged.holiday_list.entry(j).or_default().extend(list);
        }
        Ok(merged)
    }

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
        self.value_in_slot(
            self.values.slot(service, name, variant)?,
            jurisdiction,
            date,
        )
    }

    /// [`RuleBundle::value`] with the parameter's slot found through `cache`.
    #[inline]
    pub(crate) fn cached_value(
        &self,
        cache: &SlotCache,
        service: ServiceId,
        name: &'static str,
        variant: &'static str,
        jurisdiction: Jurisdiction,
        date: NaiveDate,
    ) -> Option<&DatedValue> {
        let slot = cache.slot(service, name, variant, || {
            self.values.slot(service, name, variant)
        })?;
        self.value_in_slot(slot, jurisdiction, date)
    }

    #[inline]
    fn value_in_slot(
        &self,
        slot: usize,
        jurisdiction: Jurisdiction,
        date: NaiveDate,
    ) -> Option<&DatedValue> {
        self.values
            .slots
            .get(slot)?
            .get(jurisdiction.index())?
            .iter()
            .find(|v| v.applies_on(date))
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
            .get(service, name, variant)
            .and_then(|per_j| per_j.get(jurisdiction.index()))
            .map_or(&[], Vec::as_slice)
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
        let mut order: Vec<(&ParamKey, &PerJurisdiction)> =
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

fn parse_file(file_name: &str, text: &str) -> Result<BundleFile> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let code = if inner.is_syntax() || inner.is_eof() {
            "bundle.syntax"
        } else {
            "bundle.shape"
        };
        KmError::bundle(
            code,
            file_name,
            if path.is_empty() { "$".into() } else { path },
            inner,
        )
    })
}

fn check_entry(
    file_name: &str,
    path: &str,
    key: &str,
    jurisdiction: Jurisdiction,
    unit: Unit,
    entry: &EntryFile,
) -> Result<DatedValue> {
    let given: Vec<(Unit, i64)> = entry
        .values()
        .into_iter()
        .filter_map(|(u, v)| v.map(|v| (u, v)))
        .collect();
    let amount = match given.as_slice() {
        [(u, v)] if *u == unit => *v,
        [(u, _)] => {
            return Err(KmError::bundle(
                "bundle.unit",
                file_name,
                format!("{path}.{}", u.json_key()),
                format!(
                    "this parameter is given in `{}`, not `{}`",
                    unit.json_key(),
                    u.json_key()
                ),
            ));
        }
        [] => {
            return Err(KmError::bundle(
                "bundle.unit",
                file_name,
                path,
                format!("the entry has no value: expected `{}`", unit.json_key()),
            ));
        }
        _ => {
            return Err(KmError::bundle(
                "bundle.unit",
                file_name,
                path,
                format!(
                    "the entry has more than one value: expected only `{}`",
                    unit.json_key()
                ),
            ));
        }
    };
    if amount < 0 {
        return Err(KmError::bundle(
            "bundle.negative",
            file_name,
            format!("{path}.{}", unit.json_key()),
            format!("a value must not be negative (got {amount})"),
        ));
    }
    if unit == Unit::Rupees && Money::from_rupees(amount).is_err() {
        return Err(KmError::bundle(
            "bundle.negative",
            file_name,
            format!("{path}.rupees"),
            "the amount is too large",
        ));
    }
    if let Some(to) = entry.to {
        if to < entry.from {
            return Err(KmError::bundle(
                "bundle.range",
                file_name,
                format!("{path}.effective_to"),
                format!("the range ends ({to}) before it starts ({})", entry.from),
            ));
        }
    }
    if entry.source.trim().is_empty() {
        return Err(KmError::bundle(
            "bundle.source",
            file_name,
            format!("{path}.source"),
            "every value needs a source",
        ));
    }
    Ok(DatedValue {
        key: key.to_string(),
        jurisdiction,
        from: entry.from,
        to: entry.to,
        amount,
        unit,
        source: entry.source.clone(),
        basis: entry.basis,
        note: entry.note.clone(),
        conflicts: entry.conflicts.clone(),
    })
}

/// Sorts a parameter's entries and rejects overlaps and gaps.
fn check_timeline(file_name: &str, path: &str, list: &mut [DatedValue]) -> Result<()> {
    list.sort_by_key(|v| v.from);
    for pair in list.windows(2) {
        let [a, b] = pair else { continue };
        match a.to {
            None => {
                return Err(KmError::bundle(
                    "bundle.overlap",
                    file_name,
                    path,
                    format!(
                        "the value from {} has no end date but another starts on {}",
                        a.from, b.from
                    ),
                ));
            }
            Some(to) if b.from <= to => {
                return Err(KmError::bundle(
                    "bundle.overlap",
                    file_name,
                    path,
                    format!(
                        "the value from {} to {to} overlaps the value from {}",
                        a.from, b.from
                    ),
                ));
            }
            Some(to) if to.succ_opt() != Some(b.from) => {
                return Err(KmError::bundle(
                    "bundle.gap",
                    file_name,
                    path,
                    format!(
                        "no value between {to} and {}: ranges must follow each other",
                        b.from
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// The parts of `old` not covered by any of `new` (which are sorted and disjoint).
fn cut_out(old: DatedValue, new: &[DatedValue]) -> Vec<DatedValue> {
    let mut pieces = vec![old];
    for n in new {
        let mut next = Vec::new();
        for p in pieces {
            let p_end = p.to.unwrap_or(NaiveDate::MAX);
            let n_end = n.to.unwrap_or(NaiveDate::MAX);
            if p_end < n.from || n_end < p.from {
                next.push(p);
                continue;
            }
            if p.from < n.from {
                let mut left = p.clone();
                left.to = n.from.pred_opt();
                next.push(left);
            }
            if n_end < p_end {
                let mut right = p.clone();
                right.from = n_end.succ_opt().unwrap_or(n_end);
                next.push(right);
            }
        }
        pieces = next;
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every declared parameter, found through a cache that starts empty
    /// (misses), again (hits) and once more after other services' lookups
    /// (evictions), gives the value found without a cache.
    #[test]
    fn cached_lookups_equal_uncached_ones() {
        let bundle = RuleBundle::embedded().unwrap();
        let cache = SlotCache::new();
        let dates = ["2015-01-01", "2023-08-01", "2024-06-01", "2026-03-01"]
            .map(|d| crate::calendar::parse_date(d).unwrap());
        let mut compared = 0;
        let mut found = 0;
        for _ in 0..3 {
            for id in ServiceId::ALL {
                for p in services::def(*id).params {
                    let variants: &[&'static str] = if p.variants.is_empty() {
                        &[""]
                    } else {
                        p.variants
                    };
                    for variant in variants {
                        for j in Jurisdiction::ALL {
                            for date in dates {
                                let want = bundle.value(*id, p.name, variant, j, date);
                                let got =
                                    bundle.cached_value(&cache, *id, p.name, variant, j, date);
                                assert_eq!(got, want, "{id:?} {} {variant} {j:?} {date}", p.name);
                                compared += 1;
                                found += usize::from(got.is_some());
                            }
                        }
                    }
                }
            }
        }
        assert!(
            compared > 3_000 && found > 300,
            "{compared} compared, {found} found"
        );
        // Every declared parameter fits in half the table, so none is
        // ever turned away.
        let declared: usize = ServiceId::ALL
            .iter()
            .flat_map(|id| services::def(*id).params)
            .map(|p| p.variants.len().max(1))
            .sum();
        assert_eq!(cache.filled.get(), declared);
        assert!(declared <= SLOT_CACHE_ENTRIES / 2, "{declared} parameters");
        // A name the service does not declare is not found, cached or not.
        let on = dates[3];
        for _ in 0..2 {
            let got = bundle.cached_value(
                &cache,
                ServiceId::LearnerPermit,
                "no_such",
                "",
                Jurisdiction::PB,
                on,
            );
            assert!(got.is_none());
        }
        // The same text at another address finds the same slot.
        let name: &'static str = String::from("fee").leak();
        let variant: &'static str = String::from("motor_car").leak();
        assert_eq!(
            bundle.cached_value(
                &cache,
                ServiceId::LearnerPermit,
                name,
                variant,
                Jurisdiction::PB,
                on
            ),
            bundle.value(
                ServiceId::LearnerPermit,
                "fee",
                "motor_car",
                Jurisdiction::PB,
                on
            ),
        );
        assert!(
            bundle
                .value(
                    ServiceId::LearnerPermit,
                    "fee",
                    "motor_car",
                    Jurisdiction::PB,
                    on
                )
                .is_some()
        );
        // A full table still answers, without taking more keys.
        for _ in 0..SLOT_CACHE_ENTRIES {
            let name: &'static str = String::from("fee").leak();
            let got = bundle.cached_value(
                &cache,
                ServiceId::LearnerPermit,
                name,
                "motor_car",
                Jurisdiction::PB,
                on,
            );
            assert_eq!(
                got,
                bundle.value(
                    ServiceId::LearnerPermit,
                    "fee",
                    "motor_car",
                    Jurisdiction::PB,
                    on
                )
            );
        }
        assert_eq!(cache.filled.get(), SLOT_CACHE_ENTRIES / 2);
    }
}
