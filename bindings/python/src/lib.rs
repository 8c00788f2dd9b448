//! Python binding of kmcore: the native module `kmcore._kmcore`.
//!
//! The binding mirrors the core module by module and is the only place
//! that knows Python quirks:
//!
//! - `enums`: every core enum as a Python `enum` (from the core's `ALL` and
//!   `as_str`, and its lists of choices and services);
//! - `errors`: `KmError` and its subclasses (Python classes in `_errors.py`);
//! - `money`, `time`, `facts`: value conversions;
//! - `catalogue`, `decision`, `application`, `identifiers`: the API;
//! - `spellings`, `columns`, `batch`: the Arrow batch path for data teams.
//!
//! The Python package is a maturin "mixed" project: python/kmcore/__init__.py
//! re-exports what this module defines.

// Python protocol methods return (callable, args) tuples, and Python
// attribute names (`from_date`, `to_mermaid`) are the API, not Rust style.
#![allow(clippy::type_complexity, clippy::wrong_self_convention)]

use pyo3::prelude::*;

/// The allocator of everything this extension allocates (Python objects
/// keep Python's own): batch output columns, fresh on every call, reuse
/// freed pages instead of faulting new ones in (DESIGN.md explains).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `arena_eager_commit` option: its index in the `mi_option_e`
/// enum of the mimalloc 3 header that libmimalloc-sys 0.1.49 builds
/// (the crate names no constant for it).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Commits the allocator's arenas as they are used instead of whole at
/// once. On Linux with transparent huge pages set to `always` (the default
/// of many distributions), an eagerly committed arena is faulted in as
/// 2 MiB pages that the kernel zeroes whole: a process's first batch calls
/// spent about 200 ms of system time each doing so (DESIGN.md, "Allocator
/// of the Python extension").
fn tune_allocator() {
    // SAFETY: `mi_option_set` only stores the value in mimalloc's option
    // table; it is valid to call at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) }
}

mod application;
mod batch;
mod catalogue;
mod columns;
mod decision;
mod enums;
mod errors;
mod facts;
mod identifiers;
mod money;
mod spellings;
mod time;

/// The native module. Its name must match `[tool.maturin] module-name`
/// (`kmcore._kmcore`) and `[lib] name` in Cargo.toml.
#[pymodule]
fn _kmcore(m: &Bound<'_, PyModule>) -> PyResult<()> {
    tune_allocator();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    enums::register(m)?;
    m.add_class::<money::PyMoney>()?;
    m.add_class::<decision::PySpan>()?;
    m.add_class::<facts::PyFacts>()?;
    m.add_class::<decision::PyRequest>()?;
    m.add_class::<decision::PyParam>()?;
    m.add_class::<decision::PyConflictingValue>()?;
    m.add_class::<decision::PyDatedValue>()?;
    m.add_class::<decision::PyCheck>()?;
    m.add_class::<decision::PyFeeLine>()?;
    m.add_class::<decision::PyFeeQuote>()?;
    m.add_class::<decision::PyDecision>()?;
    m.add_class::<decision::PyDocumentItem>()?;
    m.add_class::<catalogue::PyCatalogue>()?;
    m.add_class::<catalogue::PyRuleBundle>()?;
    m.add_class::<catalogue::PyParamDef>()?;
    m.add_class::<catalogue::PyServiceInfo>()?;
    m.add_class::<catalogue::PyStateInfo>()?;
    m.add_class::<catalogue::PyEventInfo>()?;
    m.add_class::<catalogue::PyWorkflow>()?;
    m.add_class::<application::PyEventRecord>()?;
    m.add_class::<application::PySlaStatus>()?;
    m.add_class::<application::PyApplication>()?;
    m.add_class::<identifiers::PyCnic>()?;
    m.add_class::<identifiers::PyMobileNumber>()?;
    m.add_class::<identifiers::PyVehicleRegistration>()?;
    m.add_function(wrap_pyfunction!(catalogue::bundle_schema_json, m)?)?;
    m.add_function(wrap_pyfunction!(catalogue::log_schema_json, m)?)?;
    m.add_function(wrap_pyfunction!(application::seal_public_key, m)?)?;
    m.add_function(wrap_pyfunction!(catalogue::has_message, m)?)?;
    m.add_function(wrap_pyfunction!(batch::evaluate_batch, m)?)?;
    m.add_function(wrap_pyfunction!(batch::what_if_batch, m)?)?;
    m.add_function(wrap_pyfunction!(batch::replay_batch, m)?)?;
    m.add_function(wrap_pyfunction!(batch::evaluate_batch_schema, m)?)?;
    m.add_function(wrap_pyfunction!(batch::what_if_batch_schema, m)?)?;
    m.add_function(wrap_pyfunction!(batch::replay_batch_schema, m)?)?;
    m.add_function(wrap_pyfunction!(errors::raise_error, m)?)?;
    Ok(())
}
