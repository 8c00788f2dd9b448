//! Identifier validation: `Cnic`, `MobileNumber`, `VehicleRegistration`.
//! Each validates shape only; constructing one from an invalid value raises
//! InvalidInputError with a stable code (the message never repeats a CNIC).

use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::enums::E;
use crate::errors::IntoPyResult;
use kmcore::{CnicRegion, Gender, MobileOperator, PlateScheme, VehicleKind};

/// A CNIC (computerised national identity card) number.
///
/// `str()` and `repr()` redact the middle block (`35202-*******-1`) so that
/// logs never carry a whole CNIC; `normalized` and `expose()` give it.
#[pyclass(module = "kmcore", name = "Cnic", frozen, eq, ord, hash)]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PyCnic(kmcore::Cnic);

#[pymethods]
impl PyCnic {
    /// Parses `DDDDD-DDDDDDD-D` or 13 bare digits.
    #[new]
    fn new(value: &str) -> PyResult<Self> {
        kmcore::Cnic::parse(value).into_py_result().map(PyCnic)
    }
    /// True when the value is a valid CNIC.
    #[staticmethod]
    fn is_valid(value: &str) -> bool {
        kmcore::Cnic::parse(value).is_ok()
    }
    /// The whole number in the dashed 5-7-1 form (personal data).
    #[getter]
    fn normalized(&self) -> String {
        self.0.normalized()
    }
    /// The whole number (same as `normalized`; personal data).
    fn expose(&self) -> String {
        self.0.expose()
    }
    /// The redacted form `DDDDD-*******-D`.
    #[getter]
    fn redacted(&self) -> String {
        self.0.redacted()
    }
    /// The region of issue, from the first digit.
    #[getter]
    fn region(&self) -> E<CnicRegion> {
        E(self.0.region())
    }
    /// The gender recorded in the last digit.
    #[getter]
    fn gender(&self) -> E<Gender> {
        E(self.0.gender())
    }
    fn __str__(&self) -> String {
        self.0.redacted()
    }
    fn __repr__(&self) -> String {
        format!("Cnic({:?})", self.0.redacted())
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (String,)) {
        (slf.get_type(), (slf.get().0.normalized(),))
    }
}

/// A Pakistani mobile number (`03XXXXXXXXX` or `+923XXXXXXXXX`, spaces and
/// hyphens ignored).
#[pyclass(module = "kmcore", name = "MobileNumber", frozen, eq, ord, hash)]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PyMobileNumber(kmcore::MobileNumber);

#[pymethods]
impl PyMobileNumber {
    #[new]
    fn new(value: &str) -> PyResult<Self> {
        kmcore::MobileNumber::parse(value)
            .into_py_result()
            .map(PyMobileNumber)
    }
    /// True when the value is a valid mobile number.
    #[staticmethod]
    fn is_valid(value: &str) -> bool {
        kmcore::MobileNumber::parse(value).is_ok()
    }
    /// E.164 form, `+923001234567`.
    #[getter]
    fn normalized(&self) -> String {
        self.0.normalized()
    }
    /// National form, `03001234567`.
    #[getter]
    fn national(&self) -> String {
        self.0.national()
    }
    /// The operator the prefix was first allotted to (numbers are portable).
    #[getter]
    fn operator_hint(&self) -> E<MobileOperator> {
        E(self.0.operator_hint())
    }
    fn __str__(&self) -> String {
        self.0.normalized()
    }
    fn __repr__(&self) -> String {
        format!("MobileNumber({:?})", self.0.normalized())
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (String,)) {
        (slf.get_type(), (slf.get().0.normalized(),))
    }
}

/// A vehicle number plate, checked against a plate scheme and vehicle kind.
#[pyclass(module = "kmcore", name = "VehicleRegistration", frozen, eq, ord, hash)]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PyVehicleRegistration(kmcore::VehicleRegistration);

#[pymethods]
impl PyVehicleRegistration {
    #[new]
    #[pyo3(signature = (value, scheme, kind))]
    fn new(value: &str, scheme: E<PlateScheme>, kind: E<VehicleKind>) -> PyResult<Self> {
        kmcore::VehicleRegistration::parse(value, scheme.0, kind.0)
            .into_py_result()
            .map(PyVehicleRegistration)
    }
    /// True when the value is a valid plate under the scheme and kind.
    #[staticmethod]
    fn is_valid(value: &str, scheme: E<PlateScheme>, kind: E<VehicleKind>) -> bool {
        kmcore::VehicleRegistration::parse(value, scheme.0, kind.0).is_ok()
    }
    /// The uppercase hyphenated form, `LEA-123`.
    #[getter]
    fn normalized(&self) -> String {
        self.0.normalized()
    }
    #[getter]
    fn letters(&self) -> String {
        self.0.letters().to_string()
    }
    #[getter]
    fn number(&self) -> u16 {
        self.0.number()
    }
    #[getter]
    fn scheme(&self) -> E<PlateScheme> {
        E(self.0.scheme())
    }
    #[getter]
    fn kind(&self) -> E<VehicleKind> {
        E(self.0.kind())
    }
    fn __str__(&self) -> String {
        self.0.normalized()
    }
    fn __repr__(&self) -> String {
        format!(
            "VehicleRegistration({:?}, scheme={:?}, kind={:?})",
            self.0.normalized(),
            self.0.scheme().as_str(),
            self.0.kind().as_str()
        )
    }
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(
        Bound<'py, PyType>,
        (String, Bound<'py, PyAny>, Bound<'py, PyAny>),
    )> {
        let v = slf.get().0;
        let py = slf.py();
        Ok((
            slf.get_type(),
            (
                v.normalized(),
                E(v.scheme()).into_pyobject(py)?,
                E(v.kind()).into_pyobject(py)?,
            ),
        ))
    }
}
