//! kmcore errors as Python exceptions.
//!
//! The exception classes are plain Python classes in `kmcore._errors` (so
//! that they pickle, carry `.code`, `.message` and the error's context, and
//! type-check without a stub). Rust raises them by calling the class with
//! the code, the message and the context as keyword arguments.

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple};

use kmcore::{ErrorKind, KmError};

/// Every kind (`_raise_error` looks kinds up by `ErrorKind::as_str`).
const KINDS: [ErrorKind; 8] = [
    ErrorKind::InvalidInput,
    ErrorKind::NotEligible,
    ErrorKind::MoveNotAllowed,
    ErrorKind::Bundle,
    ErrorKind::TamperedLog,
    ErrorKind::NotKnown,
    ErrorKind::Undetermined,
    ErrorKind::Internal,
];

/// The name of the Python class for a kind. Exhaustive on purpose: a new
/// `ErrorKind` must be mapped here (and get a class in `_errors.py`).
fn class_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::InvalidInput => "InvalidInputError",
        ErrorKind::NotEligible => "NotEligibleError",
        ErrorKind::MoveNotAllowed => "MoveNotAllowedError",
        ErrorKind::Bundle => "BundleError",
        ErrorKind::TamperedLog => "TamperedLogError",
        ErrorKind::NotKnown => "NotKnownError",
        ErrorKind::Undetermined => "UndeterminedError",
        ErrorKind::Internal => "InternalError",
    }
}

static ERRORS_MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The optional context of an error.
#[derive(Default)]
pub(crate) struct Context<'a> {
    pub reasons: Vec<String>,
    pub state: Option<&'a str>,
    pub event: Option<&'a str>,
    pub index: Option<u64>,
    pub file: Option<&'a str>,
    pub path: Option<&'a str>,
}

fn build(py: Python<'_>, kind: ErrorKind, code: &str, message: &str, ctx: &Context<'_>) -> PyErr {
    let make = || -> PyResult<PyErr> {
        let module =
            ERRORS_MODULE.get_or_try_init(py, || py.import("kmcore._errors").map(Bound::unbind))?;
        let class = module.bind(py).getattr(class_name(kind))?;
        let kwargs = PyDict::new(py);
        if !ctx.reasons.is_empty() {
            kwargs.set_item("reasons", PyTuple::new(py, &ctx.reasons)?)?;
        }
        kwargs.set_item("state", ctx.state)?;
        kwargs.set_item("event", ctx.event)?;
        kwargs.set_item("index", ctx.index)?;
        kwargs.set_item("file", ctx.file)?;
        kwargs.set_item("path", ctx.path)?;
        let instance = class.call((code, message), Some(&kwargs))?;
        Ok(PyErr::from_value(instance))
    };
    make().unwrap_or_else(|e| {
        PyRuntimeError::new_err(format!(
            "kmcore could not raise {}({code:?}, {message:?}): {e}",
            class_name(kind)
        ))
    })
}

/// The Python exception for an error of `kind` with no context.
pub(crate) fn exception(kind: ErrorKind, code: &str, message: &str) -> PyErr {
    Python::attach(|py| build(py, kind, code, message, &Context::default()))
}

/// An InvalidInputError.
pub(crate) fn invalid(code: &str, message: &str) -> PyErr {
    exception(ErrorKind::InvalidInput, code, message)
}

/// A kmcore error as a Python exception, with its context.
pub(crate) fn to_py(err: &KmError) -> PyErr {
    let ctx = Context {
        reasons: err.reasons().to_vec(),
        state: err.state(),
        event: err.event(),
        index: err.index(),
        file: err.file(),
        path: err.path(),
    };
    Python::attach(|py| build(py, err.kind(), err.code(), err.message(), &ctx))
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
