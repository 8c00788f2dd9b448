//! The exported functions: the only module that touches `JsValue`.
//!
//! Arguments arrive as `JsValue` and are checked here, so that a value of
//! the wrong type (a number where a string is expected, `undefined`, a
//! `BigInt`, a cyclic object) is a `KmError` rather than a trap. Results
//! cross as JSON (`JSON.parse` of what serde writes), with the TypeScript
//! types that the mirror types declare.

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use crate::decision::{self, RequestInput};
use crate::error::KmError;
use crate::service::{self, parse_jurisdiction, parse_service};
use crate::{facts, identifier};

#[wasm_bindgen(raw_module = "../km-error.js")]
extern "C" {
    /// Builds a `KmError` instance from the JSON of a [`KmError`].
    #[wasm_bindgen(js_name = kmErrorFromJson)]
    fn km_error_from_json(json: &str) -> JsValue;
}

/// The JS value thrown for an error: a `KmError` instance.
fn throw(err: KmError) -> JsValue {
    match serde_json::to_string(&err) {
        Ok(json) => km_error_from_json(&json),
        Err(_) => JsValue::from_str(&err.message),
    }
}

/// A Rust value as a plain JS value, through JSON.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value)
        .map_err(|e| throw(KmError::invalid("output.json", e.to_string())))?;
    js_sys::JSON::parse(&json)
}

/// A JS value as a Rust value, through `JSON.stringify`.
fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Result<T, KmError> {
    let shape = |detail: String| KmError::invalid("input.shape", format!("{what}: {detail}"));
    if value.is_undefined() || value.is_null() {
        return Err(shape("expected an object, got nothing".into()));
    }
    let text = js_sys::JSON::stringify(value)
        .map_err(|_| shape("cannot be written as JSON".into()))?
        .as_string()
        .ok_or_else(|| shape("cannot be written as JSON".into()))?;
    serde_json::from_str(&text).map_err(|e| shape(e.to_string()))
}

/// A string argument, or a `KmError` naming it.
fn string_arg(value: &JsValue, name: &str) -> Result<String, KmError> {
    value.as_string().ok_or_else(|| {
        KmError::invalid(
            "input.type",
            format!("`{name}` must be a string, got {}", type_name(value)),
        )
    })
}

fn type_name(value: &JsValue) -> String {
    value.js_typeof().as_string().unwrap_or_default()
}

fn catalogue() -> Result<&'static kmcore::Catalogue, KmError> {
    Ok(kmcore::Catalogue::embedded()?)
}

/// Every service of the catalogue, with its titles, the facts it requires
/// per jurisdiction, its documents and its reason codes.
///
/// # Errors
///
/// Throws `KmError` only if the embedded bundle fails to load (it is
/// checked by the tests).
#[wasm_bindgen(js_name = services, unchecked_return_type = "ServiceInfo[]")]
pub fn services() -> Result<JsValue, JsValue> {
    to_js(&service::services(catalogue().map_err(throw)?))
}

/// What the catalogue knows about one service.
///
/// # Errors
///
/// Throws `KmError` (`service.unknown`) for an id not in the catalogue.
#[wasm_bindgen(js_name = service, unchecked_return_type = "ServiceInfo")]
pub fn service_info(
    #[wasm_bindgen(unchecked_param_type = "ServiceId")] id: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<service::ServiceInfo, KmError> {
        let id = parse_service(&string_arg(&id, "service")?)?;
        Ok(service::ServiceInfo::of(&catalogue()?.service(id)))
    };
    to_js(&run().map_err(throw)?)
}

/// Every jurisdiction with its English and Urdu names.
#[wasm_bindgen(js_name = jurisdictions, unchecked_return_type = "JurisdictionInfo[]")]
pub fn jurisdictions() -> Result<JsValue, JsValue> {
    to_js(&service::jurisdictions())
}

/// The form of a service in a jurisdiction: the facts it requires, then
/// those it takes in some cases only, each with its type and allowed values.
///
/// # Errors
///
/// Throws `KmError` for an unknown service or jurisdiction.
#[wasm_bindgen(js_name = form, unchecked_return_type = "FactSpec[]")]
pub fn form(
    #[wasm_bindgen(unchecked_param_type = "ServiceId")] service: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Jurisdiction")] jurisdiction: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<Vec<facts::FactSpec>, KmError> {
        let id = parse_service(&string_arg(&service, "service")?)?;
        let j = parse_jurisdiction(&string_arg(&jurisdiction, "jurisdiction")?)?;
        Ok(service::form(catalogue()?, id, j))
    };
    to_js(&run().map_err(throw)?)
}

/// The whole facts dictionary: every key with its type and allowed values.
///
/// # Errors
///
/// Throws `KmError` only if the embedded bundle fails to load.
#[wasm_bindgen(js_name = factDictionary, unchecked_return_type = "FactSpec[]")]
pub fn fact_dictionary() -> Result<JsValue, JsValue> {
    let cat = catalogue().map_err(throw)?;
    let all: Vec<_> = kmcore::FactKey::ALL
        .iter()
        .map(|k| facts::spec(cat, *k, false))
        .collect();
    to_js(&all)
}

/// Evaluates a request: the outcome, every rule checked with its message
/// in English and Urdu, the fee quote and any deadline.
///
/// # Errors
///
/// Throws `KmError` (`kind: "invalid_input"`) for a request of the wrong
/// shape (`input.shape`), an unknown service or jurisdiction, a date that
/// does not parse, an unknown fact (`fact.unknown`), a value of the wrong
/// type (`fact.type`) or outside the allowed values (`fact.value`), or a
/// missing required fact (`fact.missing`).
#[wasm_bindgen(js_name = evaluate, unchecked_return_type = "Decision")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "RequestInput")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<decision::Decision, KmError> {
        let request: RequestInput = from_js(&request, "request")?;
        decision::evaluate(catalogue()?, &request)
    };
    to_js(&run().map_err(throw)?)
}

/// The documents checklist of a request: what to bring, whether each is
/// required given the facts given so far, and whether it was supplied.
///
/// # Errors
///
/// Throws `KmError` as [`evaluate`] does, except that required facts may
/// be missing.
#[wasm_bindgen(js_name = documents, unchecked_return_type = "DocumentItem[]")]
pub fn documents(
    #[wasm_bindgen(unchecked_param_type = "RequestInput")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<Vec<service::DocumentItem>, KmError> {
        let request: RequestInput = from_js(&request, "request")?;
        decision::documents(catalogue()?, &request)
    };
    to_js(&run().map_err(throw)?)
}

/// The workflow of an application service (its states, events, moves and
/// the next steps from each state); `null` for a check.
///
/// # Errors
///
/// Throws `KmError` (`service.unknown`) for an id not in the catalogue.
#[wasm_bindgen(js_name = workflow, unchecked_return_type = "WorkflowInfo | null")]
pub fn workflow(
    #[wasm_bindgen(unchecked_param_type = "ServiceId")] service: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<Option<service::WorkflowInfo>, KmError> {
        let id = parse_service(&string_arg(&service, "service")?)?;
        Ok(service::workflow(catalogue()?, id))
    };
    to_js(&run().map_err(throw)?)
}

/// The English or Urdu name of a term (a document, a category, a test,
/// a jurisdiction code); the id with spaces when the catalogue has none.
///
/// # Errors
///
/// Throws `KmError` (`lang.unknown`) for a language other than `en`, `ur`.
#[wasm_bindgen(js_name = term)]
pub fn term(
    #[wasm_bindgen(unchecked_param_type = "string")] term: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"en\" | \"ur\"")] lang: JsValue,
) -> Result<String, JsValue> {
    let run = || -> Result<String, KmError> {
        let term = string_arg(&term, "term")?;
        let lang: kmcore::Lang = string_arg(&lang, "lang")?.parse()?;
        Ok(catalogue()?.term(&term, lang))
    };
    run().map_err(throw)
}

/// Formats an amount in paisa like a receipt: `Rs 1,830`, `Rs 1,830.50`.
///
/// # Errors
///
/// Throws `KmError` (`input.type`) unless `paisa` is a whole number within
/// `Number.MAX_SAFE_INTEGER`.
#[wasm_bindgen(js_name = formatMoney)]
pub fn format_money(
    #[wasm_bindgen(unchecked_param_type = "number")] paisa: JsValue,
) -> Result<String, JsValue> {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    match paisa.as_f64() {
        Some(n) if n.fract() == 0.0 && n.abs() <= SAFE => {
            // In range and whole: the conversion is exact.
            #[allow(clippy::cast_possible_truncation)]
            Ok(crate::format_money(n as i64))
        }
        _ => Err(throw(KmError::invalid(
            "input.type",
            format!(
                "`paisa` must be a whole number of paisa, got {}",
                type_name(&paisa)
            ),
        ))),
    }
}

/// The version of the embedded rule bundle.
///
/// # Errors
///
/// Throws `KmError` only if the embedded bundle fails to load.
#[wasm_bindgen(js_name = bundleVersion)]
pub fn bundle_version() -> Result<String, JsValue> {
    Ok(catalogue().map_err(throw)?.bundle().version().to_string())
}

/// Validates a CNIC (`DDDDD-DDDDDDD-D` or 13 digits).
///
/// # Errors
///
/// Throws `KmError` (`invalid_input`) naming what is wrong.
#[wasm_bindgen(js_name = parseCnic, unchecked_return_type = "Cnic")]
pub fn parse_cnic(
    #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || identifier::parse_cnic(&string_arg(&value, "value")?);
    to_js(&run().map_err(throw)?)
}

/// Validates a Pakistani mobile number.
///
/// # Errors
///
/// Throws `KmError` (`invalid_input`) naming what is wrong.
#[wasm_bindgen(js_name = parseMobile, unchecked_return_type = "MobileNumber")]
pub fn parse_mobile(
    #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || identifier::parse_mobile(&string_arg(&value, "value")?);
    to_js(&run().map_err(throw)?)
}

/// Validates a vehicle plate under a scheme for a vehicle kind.
///
/// # Errors
///
/// Throws `KmError` (`invalid_input`) for an unknown scheme or kind, or a
/// plate of the wrong shape.
#[wasm_bindgen(js_name = parsePlate, unchecked_return_type = "VehicleRegistration")]
pub fn parse_plate(
    #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"pb_universal_2017\" | \"sd_1996\"")] scheme: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"car\" | \"motorcycle\"")] kind: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || {
        identifier::parse_plate(
            &string_arg(&value, "value")?,
            &string_arg(&scheme, "scheme")?,
            &string_arg(&kind, "kind")?,
        )
    };
    to_js(&run().map_err(throw)?)
}
