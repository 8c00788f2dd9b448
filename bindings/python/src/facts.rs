//! `kmcore.Facts`: the facts of one application, and how Python values and
//! Arrow columns set them.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyMapping, PyString, PyTuple, PyType};

use crate::enums::{E, Mirror};
use crate::errors::{IntoPyResult, invalid};
use crate::time::{date_from_py, instant_from_py};
use kmcore::{FactKey, FactType, FactValue, Facts, KmError};

/// A typed setter of one fact, for code that fills facts column by column
/// (the Arrow batch path). Built by an exhaustive match on `FactKey`, so a
/// new key breaks the build until it is mapped, and a changed field type
/// fails to compile.
#[derive(Clone, Copy)]
pub(crate) enum Setter {
    Bool(fn(&mut Facts, Option<bool>)),
    Int(fn(&mut Facts, Option<i64>)),
    Date(fn(&mut Facts, Option<NaiveDate>)),
    Instant(fn(&mut Facts, Option<DateTime<FixedOffset>>)),
    Choice(fn(&mut Facts, Option<&str>) -> kmcore::Result<()>),
    Text(fn(&mut Facts, Option<&str>)),
}

fn set_choice<T: FromStr<Err = KmError>>(
    slot: &mut Option<T>,
    v: Option<&str>,
) -> kmcore::Result<()> {
    *slot = None;
    if let Some(s) = v {
        *slot = Some(s.parse()?);
    }
    Ok(())
}

/// The typed setter of a key.
pub(crate) fn setter(key: FactKey) -> Setter {
    match key {
        FactKey::DateOfBirth => Setter::Date(|f, v| f.date_of_birth = v),
        FactKey::Category => Setter::Choice(|f, v| set_choice(&mut f.category, v)),
        FactKey::HasValidCnic => Setter::Bool(|f, v| f.has_valid_cnic = v),
        FactKey::LearnerIssuedOn => Setter::Date(|f, v| f.learner_issued_on = v),
        FactKey::PassedSignTest => Setter::Bool(|f, v| f.passed_sign_test = v),
        FactKey::PassedRoadTest => Setter::Bool(|f, v| f.passed_road_test = v),
        FactKey::LicenceHeldSince => Setter::Date(|f, v| f.licence_held_since = v),
        FactKey::LicenceTermYears => Setter::Int(|f, v| f.licence_term_years = v),
        FactKey::Urgent => Setter::Bool(|f, v| f.urgent = v),
        FactKey::HasMedicalFitnessCertificate => {
            Setter::Bool(|f, v| f.has_medical_fitness_certificate = v)
        }
        FactKey::FailedTest => Setter::Choice(|f, v| set_choice(&mut f.failed_test, v)),
        FactKey::FailedTestOn => Setter::Date(|f, v| f.failed_test_on = v),
        FactKey::ExpiresOn => Setter::Date(|f, v| f.expires_on = v),
        FactKey::HasValidNationalLicence => Setter::Bool(|f, v| f.has_valid_national_licence = v),
        FactKey::HasValidVisa => Setter::Bool(|f, v| f.has_valid_visa = v),
        FactKey::EngineCc => Setter::Int(|f, v| f.engine_cc = v),
        FactKey::ParentalConsent => Setter::Bool(|f, v| f.parental_consent = v),
        FactKey::HasPassport => Setter::Bool(|f, v| f.has_passport = v),
        FactKey::HasAffidavit => Setter::Bool(|f, v| f.has_affidavit = v),
        FactKey::ApplicantAbroad => Setter::Bool(|f, v| f.applicant_abroad = v),
        FactKey::AppliedBy => Setter::Choice(|f, v| set_choice(&mut f.applied_by, v)),
        FactKey::HasAuthorityLetter => Setter::Bool(|f, v| f.has_authority_letter = v),
        FactKey::HasPhotograph => Setter::Bool(|f, v| f.has_photograph = v),
        FactKey::HasLocalAddress => Setter::Bool(|f, v| f.has_local_address = v),
        FactKey::HasResidenceProof => Setter::Bool(|f, v| f.has_residence_proof = v),
        FactKey::Purpose => Setter::Choice(|f, v| set_choice(&mut f.purpose, v)),
        FactKey::IssuedOn => Setter::Date(|f, v| f.issued_on = v),
        FactKey::Premises => Setter::Choice(|f, v| set_choice(&mut f.premises, v)),
        FactKey::HasRentAgreement => Setter::Bool(|f, v| f.has_rent_agreement = v),
        FactKey::PossessionAt => Setter::Instant(|f, v| f.possession_at = v),
        FactKey::CheckedInAt => Setter::Instant(|f, v| f.checked_in_at = v),
        FactKey::ReportedAt => Setter::Instant(|f, v| f.reported_at = v),
        FactKey::Establishment => Setter::Choice(|f, v| set_choice(&mut f.establishment, v)),
        FactKey::WorkerPresent => Setter::Bool(|f, v| f.worker_present = v),
        FactKey::IsCitizen => Setter::Bool(|f, v| f.is_citizen = v),
        FactKey::HasDomicile => Setter::Bool(|f, v| f.has_domicile = v),
        FactKey::IsActiveTaxpayer => Setter::Bool(|f, v| f.is_active_taxpayer = v),
        FactKey::HasCriminalRecord => Setter::Bool(|f, v| f.has_criminal_record = v),
        FactKey::IsFugitive => Setter::Bool(|f, v| f.is_fugitive = v),
        FactKey::IsProscribedMember => Setter::Bool(|f, v| f.is_proscribed_member = v),
        FactKey::IsInfirm => Setter::Bool(|f, v| f.is_infirm = v),
        FactKey::VehicleKind => Setter::Choice(|f, v| set_choice(&mut f.vehicle_kind, v)),
        FactKey::PlateScheme => Setter::Choice(|f, v| set_choice(&mut f.plate_scheme, v)),
        FactKey::Value => Setter::Text(|f, v| f.value = v.map(str::to_owned)),
        FactKey::IsProhibitedBore => Setter::Bool(|f, v| f.is_prohibited_bore = v),
        FactKey::ResidesInArea => Setter::Bool(|f, v| f.resides_in_area = v),
        FactKey::RegisteredBy => Setter::Choice(|f, v| set_choice(&mut f.registered_by, v)),
        FactKey::WantsForensicReport => Setter::Bool(|f, v| f.wants_forensic_report = v),
        FactKey::DocumentLost => Setter::Bool(|f, v| f.document_lost = v),
    }
}

/// Converts one Python value to the fact value a key expects: a bool, an
/// int, a `datetime.date` or ISO string, a `datetime.datetime` or RFC 3339
/// string, or a string (choices: a kmcore enum member or its value).
pub(crate) fn fact_value(key: FactKey, value: &Bound<'_, PyAny>) -> PyResult<FactValue> {
    let name = key.as_str();
    let wrong = |expected: &str| {
        let shown = value.repr().map(|r| r.to_string()).unwrap_or_default();
        invalid(
            "fact.type",
            &format!("fact `{name}` expects {expected}, got {shown}"),
        )
    };
    Ok(match key.fact_type() {
        FactType::Bool => {
            if value.is_instance_of::<PyBool>() {
                FactValue::Bool(value.extract()?)
            } else {
                // numpy.bool_ and the like; never ints.
                match value.extract::<bool>() {
                    Ok(b) if !value.is_instance_of::<pyo3::types::PyInt>() => FactValue::Bool(b),
                    _ => return Err(wrong("a bool")),
                }
            }
        }
        FactType::Integer => {
            if value.is_instance_of::<PyBool>() {
                return Err(wrong("an int"));
            }
            FactValue::Integer(value.extract::<i64>().map_err(|_| wrong("an int"))?)
        }
        FactType::Date => match date_from_py(value, &format!("fact `{name}`")) {
            Ok(d) => FactValue::Date(d),
            Err(e) if e.is_instance_of::<PyTypeError>(value.py()) => {
                return Err(wrong("a datetime.date or an ISO date string"));
            }
            Err(e) => return Err(e),
        },
        FactType::Instant => match instant_from_py(value, &format!("fact `{name}`")) {
            Ok(t) => FactValue::Instant(t),
            Err(e) if e.is_instance_of::<PyTypeError>(value.py()) => {
                return Err(wrong("a datetime.datetime or an RFC 3339 string"));
            }
            Err(e) => return Err(e),
        },
        FactType::Choice | FactType::Text => match value.cast::<PyString>() {
            Ok(s) => FactValue::Text(s.to_cow()?.into_owned()),
            Err(_) => return Err(wrong("a string")),
        },
    })
}

/// Sets a fact by name from a Python value; `None` clears it.
fn set_from_py(facts: &mut Facts, name: &str, value: &Bound<'_, PyAny>) -> PyResult<()> {
    let key: FactKey = name.parse().into_py_result()?;
    if value.is_none() {
        facts.clear(key);
        return Ok(());
    }
    let v = fact_value(key, value)?;
    facts.set(name, v).into_py_result()
}

/// Facts from a `kmcore.Facts`, a mapping of key names to values, or None.
pub(crate) fn facts_from_py(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Facts> {
    let Some(obj) = obj else {
        return Ok(Facts::default());
    };
    if obj.is_none() {
        return Ok(Facts::default());
    }
    if let Ok(f) = obj.cast::<PyFacts>() {
        return Ok(f.get().0.clone());
    }
    let mapping = obj.cast::<PyMapping>().map_err(|_| {
        PyTypeError::new_err(format!(
            "facts must be a kmcore.Facts or a mapping of fact names to values, not {}",
            obj.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    let mut facts = Facts::default();
    for item in mapping.items()?.iter() {
        let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
        let name = k.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err("fact names must be strings (or kmcore.FactKey members)")
        })?;
        set_from_py(&mut facts, &name.to_cow()?, &v)?;
    }
    Ok(facts)
}

/// Converts a fact field to Python.
trait FieldToPy {
    fn field_to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

impl FieldToPy for bool {
    fn field_to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyBool::new(py, *self).to_owned().into_any())
    }
}
impl FieldToPy for i64 {
    fn field_to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }
}
impl FieldToPy for String {
    fn field_to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, self).into_any())
    }
}
impl FieldToPy for NaiveDate {
    fn field_to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }
}
impl FieldToPy for DateTime<FixedOffset> {
    fn field_to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }
}
macro_rules! choice_to_py {
    ($($t:ty),+) => {$(
        impl FieldToPy for $t {
            fn field_to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                E(*self).into_pyobject(py)
            }
        }
    )+};
}
choice_to_py!(
    kmcore::LicenceCategory,
    kmcore::TestKind,
    kmcore::AppliedBy,
    kmcore::Purpose,
    kmcore::Premises,
    kmcore::Establishment,
    kmcore::VehicleKind,
    kmcore::PlateScheme,
    kmcore::RegisteredBy
);

fn opt_to_py<'py, T: FieldToPy>(
    py: Python<'py>,
    v: &Option<T>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    v.as_ref().map(|x| x.field_to_py(py)).transpose()
}

/// The facts of one application: every key of the facts dictionary is an
/// optional keyword argument and a read-only attribute (None when not set).
///
/// Immutable, hashable and picklable. Values are checked on construction:
/// a wrong type or a value outside a key's allowed set raises
/// InvalidInputError. Dates may be given as `datetime.date` or ISO strings,
/// instants as `datetime.datetime` (naive: Pakistan time) or RFC 3339
/// strings, choices as kmcore enum members or their string values.
#[pyclass(module = "kmcore", name = "Facts", frozen, eq, from_py_object)]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PyFacts(pub(crate) Facts);

impl PyFacts {
    fn set_pairs<'py>(&self, py: Python<'py>) -> PyResult<Vec<(FactKey, Bound<'py, PyAny>)>> {
        let me = Bound::new(py, self.clone())?;
        self.0
            .keys()
            .map(|k| Ok((k, me.getattr(k.as_str())?)))
            .collect()
    }
}

macro_rules! facts_class {
    ($($field:ident),+ $(,)?) => {
        #[pymethods]
        impl PyFacts {
            #[new]
            #[pyo3(signature = (mapping = None, /, **kwargs))]
            fn new(mapping: Option<&Bound<'_, PyAny>>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
                let mut facts = facts_from_py(mapping)?;
                if let Some(kwargs) = kwargs {
                    for (k, v) in kwargs.iter() {
                        let name: String = k.extract()?;
                        set_from_py(&mut facts, &name, &v)?;
                    }
                }
                Ok(PyFacts(facts))
            }

            /// Facts from a JSON object (unknown keys and bad values are refused).
            #[staticmethod]
            fn from_json(text: &str) -> PyResult<Self> {
                Facts::from_json(text).into_py_result().map(PyFacts)
            }

            /// The facts as a compact JSON object (only the keys that are set).
            fn to_json(&self) -> PyResult<String> {
                serde_json::to_string(&self.0)
                    .map_err(|e| invalid("fact.json", &format!("facts: {e}")))
            }

            /// The value of a fact, or None when it is not set.
            fn get<'py>(slf: &Bound<'py, Self>, key: E<FactKey>) -> PyResult<Bound<'py, PyAny>> {
                slf.getattr(key.0.as_str())
            }

            /// The keys that are set, in dictionary order.
            fn keys<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
                let keys: Vec<Bound<'py, PyAny>> = self
                    .0
                    .keys()
                    .map(|k| k.to_py(py))
                    .collect::<PyResult<_>>()?;
                PyTuple::new(py, keys)
            }

            /// The facts that are set, as a dict from key name to value.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                let out = PyDict::new(py);
                for (k, v) in self.set_pairs(py)? {
                    out.set_item(k.as_str(), v)?;
                }
                Ok(out)
            }

            /// A copy with some facts changed; None clears a fact.
            #[pyo3(signature = (**changes))]
            fn replace(&self, changes: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
                let mut facts = self.0.clone();
                if let Some(changes) = changes {
                    for (k, v) in changes.iter() {
                        let name: String = k.extract()?;
                        set_from_py(&mut facts, &name, &v)?;
                    }
                }
                Ok(PyFacts(facts))
            }

            /// A copy with every fact set in `other` copied over these.
            fn merge(&self, other: &Bound<'_, PyAny>) -> PyResult<Self> {
                let other = facts_from_py(Some(other))?;
                let mut facts = self.0.clone();
                facts.merge(&other);
                Ok(PyFacts(facts))
            }

            fn __len__(&self) -> usize {
                self.0.keys().count()
            }

            fn __contains__(&self, key: &Bound<'_, PyAny>) -> bool {
                key.extract::<E<FactKey>>().is_ok_and(|k| self.0.has(k.0))
            }

            fn __hash__(&self) -> u64 {
                let mut h = DefaultHasher::new();
                serde_json::to_string(&self.0).unwrap_or_default().hash(&mut h);
                h.finish()
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                let mut parts = Vec::new();
                for (k, v) in self.set_pairs(py)? {
                    let shown = match v.cast::<PyString>() {
                        Ok(s) => PyString::new(py, &s.to_cow()?).repr()?.to_string(),
                        Err(_) => v.repr()?.to_string(),
                    };
                    parts.push(format!("{}={}", k.as_str(), shown));
                }
                Ok(format!("Facts({})", parts.join(", ")))
            }

            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, (Bound<'py, PyDict>,))> {
                Ok((slf.get_type(), (slf.get().to_dict(slf.py())?,)))
            }

            $(
                #[getter]
                fn $field<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
                    opt_to_py(py, &self.0.$field)
                }
            )+
        }
    };
}

facts_class! {
        date_of_birth,
        category,
        has_valid_cnic,
        learner_issued_on,
        passed_sign_test,
        passed_road_test,
        licence_held_since,
        licence_term_years,
        urgent,
        has_medical_fitness_certificate,
        failed_test,
        failed_test_on,
        expires_on,
        has_valid_national_licence,
        has_valid_visa,
        engine_cc,
        parental_consent,
        has_passport,
        has_affidavit,
        applicant_abroad,
        applied_by,
        has_authority_letter,
        has_photograph,
        has_local_address,
        has_residence_proof,
        purpose,
        issued_on,
        premises,
        has_rent_agreement,
        possession_at,
        checked_in_at,
        reported_at,
        establishment,
        worker_present,
        is_citizen,
        has_domicile,
        is_active_taxpayer,
        has_criminal_record,
        is_fugitive,
        is_proscribed_member,
        is_infirm,
        vehicle_kind,
        plate_scheme,
        value,
        is_prohibited_bore,
        resides_in_area,
        registered_by,
        wants_forensic_report,
        document_lost
}
