//! Mirrors `kmcore::facts`: facts set by name from a JS object, and the
//! dictionary entry of each key (type and allowed values) that a form is
//! built from.

use kmcore::Channel;
use kmcore::{
    AppliedBy, Catalogue, Establishment, FactKey, FactValue, Facts, LicenceCategory, PlateScheme,
    Premises, Purpose, RegisteredBy, TestKind, VehicleKind,
};
use serde::Serialize;
use serde_json::{Map, Value};
use tsify::Tsify;

use crate::error::KmError;
use crate::mirror_enum;

mirror_enum! {
    /// The type of a fact's value, which says how a form asks for it.
    pub enum FactType mirrors kmcore::FactType {
        /// `true` or `false`.
        Bool = "bool",
        /// A whole number.
        Integer = "integer",
        /// An ISO date, `YYYY-MM-DD`.
        Date = "date",
        /// An RFC 3339 instant with offset, `2026-01-02T19:59:00+05:00`.
        Instant = "instant",
        /// One of `allowed`.
        Choice = "choice",
        /// Free text (an identifier as entered).
        Text = "text",
    }
}

/// One allowed value of a choice fact, with its English and Urdu names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    /// The value to pass, such as `motor_car`.
    pub value: String,
    /// English name, such as `motor car`.
    pub label: String,
    /// Urdu name.
    pub label_ur: String,
}

/// One field of a service's form: a key of the facts dictionary, its type,
/// its allowed values and whether the service requires it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FactSpec {
    /// The key, such as `date_of_birth`.
    pub key: String,
    /// The type of its value.
    #[serde(rename = "type")]
    pub fact_type: FactType,
    /// The allowed values of a choice; empty for other types.
    pub allowed: Vec<Choice>,
    /// True when the service needs it in the jurisdiction; false when it
    /// may be given (it matters in some cases only).
    pub required: bool,
}

/// The names of the allowed values of a key (empty unless it is a choice).
///
/// Exhaustive over the dictionary: a new key breaks the build until its
/// values are listed here.
pub fn allowed_values(key: FactKey) -> Vec<&'static str> {
    fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|v| name(*v)).collect()
    }
    match key {
        FactKey::Category => names(LicenceCategory::ALL, LicenceCategory::as_str),
        FactKey::FailedTest => names(TestKind::ALL, TestKind::as_str),
        FactKey::AppliedBy => names(AppliedBy::ALL, AppliedBy::as_str),
        FactKey::Purpose => names(Purpose::ALL, Purpose::as_str),
        FactKey::Premises => names(Premises::ALL, Premises::as_str),
        FactKey::Establishment => names(Establishment::ALL, Establishment::as_str),
        FactKey::RegisteredBy => names(RegisteredBy::ALL, RegisteredBy::as_str),
        FactKey::Channel => names(Channel::ALL, Channel::as_str),
        FactKey::VehicleKind => names(&VEHICLE_KINDS, VehicleKind::as_str),
        FactKey::PlateScheme => names(&PLATE_SCHEMES, PlateScheme::as_str),
        FactKey::DateOfBirth
        | FactKey::HasValidCnic
        | FactKey::LearnerIssuedOn
        | FactKey::PassedSignTest
        | FactKey::PassedRoadTest
        | FactKey::LicenceHeldSince
        | FactKey::LicenceTermYears
        | FactKey::Urgent
        | FactKey::HasMedicalFitnessCertificate
        | FactKey::FailedTestOn
        | FactKey::ExpiresOn
        | FactKey::HasValidNationalLicence
        | FactKey::HasValidVisa
        | FactKey::EngineCc
        | FactKey::ParentalConsent
        | FactKey::HasPassport
        | FactKey::HasAffidavit
        | FactKey::ApplicantAbroad
        | FactKey::HasAuthorityLetter
        | FactKey::HasPhotograph
        | FactKey::HasLocalAddress
        | FactKey::HasResidenceProof
        | FactKey::IssuedOn
        | FactKey::HasRentAgreement
        | FactKey::PossessionAt
        | FactKey::CheckedInAt
        | FactKey::ReportedAt
        | FactKey::WorkerPresent
        | FactKey::IsCitizen
        | FactKey::HasDomicile
        | FactKey::IsActiveTaxpayer
        | FactKey::HasCriminalRecord
        | FactKey::IsFugitive
        | FactKey::IsProscribedMember
        | FactKey::IsInfirm
        | FactKey::Value
        | FactKey::IsProhibitedBore
        | FactKey::ResidesInArea
        | FactKey::WantsForensicReport
        | FactKey::DocumentLost
        | FactKey::PreviousRestorations => Vec::new(),
    }
}

/// Every vehicle kind (the core enum has no `ALL`; exhaustive match below).
const VEHICLE_KINDS: [VehicleKind; 2] = [VehicleKind::Car, VehicleKind::Motorcycle];
/// Every plate scheme.
const PLATE_SCHEMES: [PlateScheme; 2] = [PlateScheme::PbUniversal2017, PlateScheme::Sd1996];

// A new vehicle kind or plate scheme fails to compile here until the lists
// above name it.
const _: fn(VehicleKind) = |k| match k {
    VehicleKind::Car | VehicleKind::Motorcycle => {}
};
const _: fn(PlateScheme) = |s| match s {
    PlateScheme::PbUniversal2017 | PlateScheme::Sd1996 => {}
};

/// The dictionary entry of a key, as a form field.
pub fn spec(catalogue: &Catalogue, key: FactKey, required: bool) -> FactSpec {
    FactSpec {
        key: key.as_str().to_string(),
        fact_type: key.fact_type().into(),
        allowed: allowed_values(key)
            .into_iter()
            .map(|value| Choice {
                value: value.to_string(),
                label: catalogue.term(value, kmcore::Lang::En),
                label_ur: catalogue.term(value, kmcore::Lang::Ur),
            })
            .collect(),
        required,
    }
}

/// Facts from a JS object of `key: value`: booleans, whole numbers, and
/// strings (choices, identifiers, ISO dates and RFC 3339 instants). A
/// `null` value means "not given" and is skipped, which suits a form whose
/// optional fields are left empty.
///
/// # Errors
///
/// `invalid_input`: `fact.unknown` for a key outside the dictionary,
/// `fact.type` for a value of the wrong type (a number that is not whole,
/// an array, an object), `fact.value` for a choice outside the allowed
/// values, `date.parse`-style codes from the core for bad dates.
pub fn facts_from_object(object: &Map<String, Value>) -> Result<Facts, KmError> {
    let mut facts = Facts::default();
    for (key, value) in object {
        let fact = match value {
            Value::Null => continue,
            Value::Bool(b) => FactValue::Bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => FactValue::Integer(i),
                None => {
                    return Err(KmError::invalid(
                        "fact.type",
                        format!("fact `{key}`: {n} is not a whole number in range"),
                    ));
                }
            },
            Value::String(s) => FactValue::Text(s.clone()),
            Value::Array(_) | Value::Object(_) => {
                return Err(KmError::invalid(
                    "fact.type",
                    format!("fact `{key}`: expected a boolean, a whole number or a string"),
                ));
            }
        };
        facts.set(key, fact)?;
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_are_exactly_the_values_the_core_accepts() {
        for key in FactKey::ALL {
            let allowed = allowed_values(*key);
            let is_choice = key.fact_type() == kmcore::FactType::Choice;
            assert_eq!(!allowed.is_empty(), is_choice, "{key}");
            for value in allowed {
                let mut facts = Facts::default();
                facts
                    .set(key.as_str(), FactValue::Text(value.into()))
                    .unwrap();
            }
            if is_choice {
                let mut facts = Facts::default();
                assert!(
                    facts
                        .set(key.as_str(), FactValue::Text("no_such".into()))
                        .is_err()
                );
            }
        }
    }

    #[test]
    fn facts_from_object_types_and_errors() {
        let object = |text: &str| serde_json::from_str::<Map<String, Value>>(text).unwrap();
        let facts = facts_from_object(&object(
            r#"{"category": "motor_car", "engine_cc": 70, "urgent": null, "has_valid_cnic": true,
                "date_of_birth": "2008-02-29"}"#,
        ))
        .unwrap();
        assert_eq!(facts.category, Some(LicenceCategory::MotorCar));
        assert_eq!(facts.engine_cc, Some(70));
        assert_eq!(facts.urgent, None);
        assert_eq!(
            facts.date_of_birth.map(crate::iso_date).as_deref(),
            Some("2008-02-29")
        );

        let code = |text: &str| facts_from_object(&object(text)).unwrap_err().code;
        assert_eq!(code(r#"{"shoe_size": 9}"#), "fact.unknown");
        assert_eq!(code(r#"{"engine_cc": 70.5}"#), "fact.type");
        assert_eq!(code(r#"{"engine_cc": [70]}"#), "fact.type");
        assert_eq!(code(r#"{"has_valid_cnic": "yes"}"#), "fact.type");
        assert_eq!(code(r#"{"category": "tank"}"#), "fact.value");
        assert!(facts_from_object(&object(r#"{"date_of_birth": "2008-02-30"}"#)).is_err());
    }
}
