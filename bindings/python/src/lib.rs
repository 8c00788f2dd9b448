//! Python binding of kmcore: the native module `kmcore._kmcore`.
//!
//! Scaffold: `Money`, the exception mapping and one Arrow batch demo
//! (`double_fees`); the real API is added beside them.
//!
//! The Python package is a maturin "mixed" project: python/kmcore/__init__.py
//! re-exports what this module defines; the exception classes live in
//! python/kmcore/_errors.py and are raised from Rust through `errors.rs`.

use pyo3::prelude::*;

mod arrow_demo;
mod errors;
mod money;

/// The native module. Its name must match `[tool.maturin] module-name`
/// (`kmcore._kmcore`) and `[lib] name` in Cargo.toml.
#[pymodule]
fn _kmcore(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<money::PyMoney>()?;
    m.add_function(wrap_pyfunction!(arrow_demo::double_fees, m)?)?;
    m.add_function(wrap_pyfunction!(errors::raise_error, m)?)?;
    Ok(())
}
