//! `kmcore.Money`: an immutable amount of rupees held as whole paisa.

use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};

use crate::errors::IntoPyResult;
use kmcore::Money;

/// An amount of Pakistani rupees, stored as a whole number of paisa.
///
/// Immutable, hashable, ordered and picklable. Arithmetic is checked: an
/// overflow raises InvalidInputError.
// `module = "kmcore"`: pickle and repr name the public path `kmcore.Money`,
// which stays valid if the native module is reorganised.
#[pyclass(
    module = "kmcore",
    name = "Money",
    frozen,
    eq,
    ord,
    hash,
    from_py_object
)]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PyMoney(pub(crate) Money);

#[pymethods]
impl PyMoney {
    #[new]
    fn new(paisa: i64) -> Self {
        PyMoney(Money::from_paisa(paisa))
    }

    /// An amount from whole rupees; InvalidInputError on overflow.
    #[staticmethod]
    fn from_rupees(rupees: i64) -> PyResult<Self> {
        Money::from_rupees(rupees).into_py_result().map(PyMoney)
    }

    /// The amount in paisa.
    #[getter]
    fn paisa(&self) -> i64 {
        self.0.paisa()
    }

    /// The whole rupees, or None when the amount has a paisa part.
    fn whole_rupees(&self) -> Option<i64> {
        self.0.whole_rupees()
    }

    fn __add__(&self, other: &Self) -> PyResult<Self> {
        self.0.checked_add(other.0).into_py_result().map(PyMoney)
    }

    fn __sub__(&self, other: &Self) -> PyResult<Self> {
        self.0.checked_sub(other.0).into_py_result().map(PyMoney)
    }

    fn __mul__(&self, times: i64) -> PyResult<Self> {
        self.0.checked_mul(times).into_py_result().map(PyMoney)
    }

    fn __rmul__(&self, times: i64) -> PyResult<Self> {
        self.__mul__(times)
    }

    fn __repr__(&self) -> String {
        format!("Money(paisa={})", self.0.paisa())
    }

    /// Reads like a receipt: "Rs 1,830" or "Rs 1,830.50".
    fn __str__(&self) -> String {
        self.0.to_string()
    }

    /// Pickle as `Money(paisa)`.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let paisa = slf.get().0.paisa();
        Ok((slf.get_type(), PyTuple::new(slf.py(), [paisa])?))
    }
}
