//! Mirrors `kmcore::facts`: facts set by name from a JS object, and the
//! dictionary entry of each key (type and allowed values) that a form is
//! built from.

use kmcore::{Catalogue, FactKey, FactValue, Facts};
use serde::Serialize;
use serde_json::{Map, Value};
use tsify::Tsify;

use crate::error::KmError;
use crate::mirror_enum;

mirror_enum! {
    /// The type of a fact's value, which says how a form asks for it.
    #[serde(rename_all = "snake_case")]
    pub enum FactType mirrors kmcore::FactType {
        /// `true` or `false`.
        Bool,
        /// A whole number.
        Integer,
        /// An ISO date, `YYYY-MM-DD`.
        Date,
        /// An RFC 3339 instant with offset, `2026-01-02T19:59:00+05:00`.
        Instant,
        /// One of `allowed`.
        Choice,
        /// Free text (an identifier as entered).
        Text,
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

/// The names of the allowed values of a key (empty unless it is a choice),
/// from the core's facts list: a choice's values are its enum's `ALL`.
pub fn allowed_values(key: FactKey) -> Vec<&'static str> {
    macro_rules! allowed {
        (@names choice($choice:ident)) => {
            kmcore::$choice::ALL.iter().map(|v| v.as_str()).collect()
        };
        (@names $kind:ident) => {
            Vec::new()
        };
        ( $( $(#[$doc:meta])* $variant:ident $field:ident : $kind:ident $(($choice:ident))? ),+ $(,)? ) => {
            match key {
                $( FactKey::$variant => allowed!(@names $kind $(($choice))?), )+
            }
        };
    }
    kmcore::for_each_fact!(allowed)
}

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
        assert_eq!(facts.category, Some(kmcore::LicenceCategory::MotorCar));
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
