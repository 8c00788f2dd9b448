//! kmcore errors as Python exceptions.
//!
//! The exception classes are plain Python classes in `kmcore._errors` (so
//! that they pickle, carry `.code` and `.message`, and type-check without a
//! stub); `import_exception!` gives Rust a handle on each, imported lazily the
//! first time one is raised.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use kmcore::{ErrorKind, KmError};

mod py {
    pyo3::import_exception!(kmcore._errors, InvalidInputError);
    pyo3::import_exception!(kmcore._errors, NotEligibleError);
    pyo3::import_exception!(kmcore._errors, MoveNotAllowedError);
    pyo3::import_exception!(kmcore._errors, BundleError);
    pyo3::import_exception!(kmcore._errors, TamperedLogError);
    pyo3::import_exception!(kmcore._errors, NotKnownError);
}

/// Every kind (`_raise_error` looks kinds up by `ErrorKind::as_str`).
const KINDS: [ErrorKind; 6] = [
    ErrorKind::InvalidInput,
    ErrorKind::NotEligible,
    ErrorKind::MoveNotAllowed,
    ErrorKind::Bundle,
    ErrorKind::TamperedLog,
    ErrorKind::NotKnown,
];

/// The Python exception for an error of `kind`, raised as `cls(code, message)`.
pub(crate) fn exception(kind: ErrorKind, code: &str, message: &str) -> PyErr {
    let args = (code.to_owned(), message.to_owned());
    // Exhaustive on purpose: a new ErrorKind must be mapped here deliberately.
    match kind {
        ErrorKind::InvalidInput => py::InvalidInputError::new_err(args),
        ErrorKind::NotEligible => py::NotEligibleError::new_err(args),
        ErrorKind::MoveNotAllowed => py::MoveNotAllowedError::new_err(args),
        ErrorKind::Bundle => py::BundleError::new_err(args),
        ErrorKind::TamperedLog => py::TamperedLogError::new_err(args),
        ErrorKind::NotKnown => py::NotKnownError::new_err(args),
    }
}

/// A kmcore error as a Python exception.
pub(crate) fn to_py(err: &KmError) -> PyErr {
    exception(err.kind(), err.code(), err.message())
}

/// Extension trait: `result.into_py_result()?` turns a kmcore result into a
/// `PyResult` carrying the matching exception.
pub(crate) trait IntoPyResult<T> {
    /// Convert the error, if any, into the matching Python exception.
    fn into_py_result(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, KmError> {
    fn into_py_result(self) -> PyResult<T> {
        self.map_err(|e| to_py(&e))
    }
}

/// Raise the exception that kmcore maps `kind` to (testing hook for the
/// error mapping; `kind` is an `ErrorKind` name such as "not_eligible").
#[pyfunction]
#[pyo3(name = "_raise_error")]
pub(crate) fn raise_error(kind: &str, code: &str, message: &str) -> PyResult<()> {
    match KINDS.iter().find(|k| k.as_str() == kind) {
        Some(kind) => Err(exception(*kind, code, message)),
        None => Err(PyValueError::new_err(format!(
            "unknown error kind {kind:?}"
        ))),
    }
}
