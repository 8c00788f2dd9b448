//! The bundle file format: what serde reads and writes, kept apart from the
//! checked model.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::bundle::{Basis, ConflictingValue, District, Holiday, JurisdictionCalendar, Unit};
use crate::error::{KmError, Result};

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
    /// jurisdiction → office weekend and the years the holidays cover.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub calendar: BTreeMap<String, JurisdictionCalendar>,
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
    /// Present when no source gives the first day: `effective_from` is then
    /// the date used, and this says why (the earliest report, or the
    /// assumption made). Such a value never counts as confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_assumed: Option<String>,
    /// A note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Other values reported for the same period but not applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<ConflictingValue>,
}

impl EntryFile {
    pub(super) fn values(&self) -> [(Unit, Option<i64>); 7] {
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
    (
        "bundle/main.json",
        include_str!("../../data/bundle/main.json"),
    ),
    (
        "bundle/driving_licence.json",
        include_str!("../../data/bundle/driving_licence.json"),
    ),
    (
        "bundle/certificates.json",
        include_str!("../../data/bundle/certificates.json"),
    ),
    (
        "bundle/registration.json",
        include_str!("../../data/bundle/registration.json"),
    ),
    (
        "bundle/arms_licence.json",
        include_str!("../../data/bundle/arms_licence.json"),
    ),
    (
        "bundle/other_services.json",
        include_str!("../../data/bundle/other_services.json"),
    ),
];

pub(super) fn parse_file(file_name: &str, text: &str, max_bytes: usize) -> Result<BundleFile> {
    if text.len() > max_bytes {
        return Err(KmError::bundle(
            "bundle.too_large",
            file_name,
            "$",
            format!(
                "the file is {} bytes, more than the limit of {max_bytes}",
                text.len()
            ),
        ));
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    let syntax = |err: serde_json::Error, path: String| {
        let code = if err.is_syntax() || err.is_eof() {
            "bundle.syntax"
        } else {
            "bundle.shape"
        };
        KmError::bundle(
            code,
            file_name,
            if path.is_empty() { "$".into() } else { path },
            err,
        )
    };
    let file: BundleFile = serde_path_to_error::deserialize(&mut *de).map_err(|err| {
        let path = err.path().to_string();
        syntax(err.into_inner(), path)
    })?;
    // Only white space may follow the object.
    de.end().map_err(|err| syntax(err, String::new()))?;
    Ok(file)
}

/// The content digest of a parsed file: SHA-256 of its canonical JSON (the
/// file as this library writes it back), so spacing and key order do not
/// count but every value does.
pub(super) fn file_digest(file: &BundleFile) -> crate::digest::Digest32 {
    crate::digest::sha256(&serde_json::to_vec(file).unwrap_or_default())
}
