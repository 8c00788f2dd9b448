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

/// Works with the field of one fact, typed: `visit_field` calls the method
/// for the key's type with an accessor of the key's field in `Facts`. Each
/// accessor is its own closure type, so code generic over it (the Arrow
/// batch path's column passes) compiles to a direct field access. Built by
/// an exhaustive match on `FactKey`, so a new key breaks the build until it
/// is mapped, and a changed field type fails to compile.
pub(crate) trait FieldVisitor {
    /// What the visit returns.
    type Out;
    fn bool(self, field: impl Fn(&mut Facts) -> &mut Option<bool> + Copy) -> Self::Out;
    fn int(self, field: impl Fn(&mut Facts) -> &mut Option<i64> + Copy) -> Self::Out;
    fn date(self, field: impl Fn(&mut Facts) -> &mut Option<NaiveDate> + Copy) -> Self::Out;
    fn instant(
        self,
        field: impl Fn(&mut Facts) -> &mut Option<DateTime<FixedOffset>> + Copy,
    ) -> Self::Out;
    fn choice<T: Mirror + FromStr<Err = KmError>>(
        self,
        field: impl Fn(&mut Facts) -> &mut Option<T> + Copy,
    ) -> Self::Out;
    fn text(self, field: impl Fn(&mut Facts) -> &mut Option<String> + Copy) -> Self::Out;
}

/// Calls the visitor with the typed field of `key`: one arm per fact of the
/// core's list, the visitor's method chosen by the fact's kind.
pub(crate) fn visit_field<V: FieldVisitor>(key: FactKey, v: V) -> V::Out {
    macro_rules! visit {
        (@call date, $v:ident, $field:ident) => { $v.date(|f: &mut Facts| &mut f.$field) };
        (@call instant, $v:ident, $field:ident) => { $v.instant(|f: &mut Facts| &mut f.$field) };
        (@call bool, $v:ident, $field:ident) => { $v.bool(|f: &mut Facts| &mut f.$field) };
        (@call int, $v:ident, $field:ident) => { $v.int(|f: &mut Facts| &mut f.$field) };
        (@call text, $v:ident, $field:ident) => { $v.text(|f: &mut Facts| &mut f.$field) };
        (@call choice, $v:ident, $field:ident) => { $v.choice(|f: &mut Facts| &mut f.$field) };
        ( $( $(#[$doc:meta])* $variant:ident $field:ident : $kind:ident $(($choice:ident))? ),+ $(,)? ) => {
            match key {
                $( FactKey::$variant => visit!(@call $kind, v, $field), )+
            }
        };
    }
    kmcore::for_each_fact!(visit)
}

/// Converts one Python value to the fact value a key expects: a bool, an
/// int, a `datetime.date` or ISO string, a `datetime.datetime` or RFC 3339
/// string, or a string (choices: a kmcore enum member or its value).
pub(crate) fn fact_value(key: FactKey, value: &Bound<'_, PyAny>) -> PyResult<FactValue> {
    let name = key.as_str();
    let wrong = |expected: &str| {
        let shown = kmcore::excerpt(&value.repr().map(|r| r.to_string()).unwrap_or_default());
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
/// Every choice enum of the core's list, plus the identifier enums facts
/// also take.
macro_rules! choices_to_py {
    ( $( $(#[$meta:meta])* $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)? } )+ ) => {
        choice_to_py!( $( kmcore::$name ),+ );
    };
}
kmcore::for_each_choice!(choices_to_py);
choice_to_py!(kmcore::VehicleKind, kmcore::PlateScheme);

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

/// Feeds the core's facts list to `facts_class!` (field names only).
macro_rules! facts_class_from_list {
    ( $( $(#[$doc:meta])* $variant:ident $field:ident : $kind:ident $(($choice:ident))? ),+ $(,)? ) => {
        facts_class! { $( $field ),+ }
    };
}

kmcore::for_each_fact!(facts_class_from_list);
