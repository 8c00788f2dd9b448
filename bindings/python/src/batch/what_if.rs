//! `what_if_batch`: the same table under two catalogues, summed per service.

use std::collections::BTreeMap;
use std::sync::Arc;

use arrow_array::builder::{Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use pyo3::prelude::*;
use pyo3_arrow::error::PyArrowResult;

use super::input::{catalogue_of, evaluate_part, options, parts, read_input, thread_count};
use super::output::{schema_to_pyarrow, to_pyarrow};
use crate::catalogue::PyCatalogue;
use crate::columns::SideErrors;
use kmcore::ServiceId;

// --------------------------------------------------------------------------
// What-if

#[derive(Default, Clone, Copy)]
pub(super) struct Acc {
    rows: i64,
    errors: i64,
    eligible_base: i64,
    eligible_what_if: i64,
    undetermined_base: i64,
    undetermined_what_if: i64,
    revenue_base: i64,
    revenue_what_if: i64,
    changed: i64,
}

/// Evaluates the same table under two catalogues and sums, per service, the
/// fees due under each; see the stub for the full contract.
#[pyfunction]
#[pyo3(signature = (table, *, what_if, base = None, service = None, jurisdiction = None, as_of = None, ignore = None, threads = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn what_if_batch<'py>(
    py: Python<'py>,
    table: &Bound<'py, PyAny>,
    what_if: &Bound<'py, PyCatalogue>,
    base: Option<&Bound<'py, PyCatalogue>>,
    service: Option<&Bound<'py, PyAny>>,
    jurisdiction: Option<&Bound<'py, PyAny>>,
    as_of: Option<&Bound<'py, PyAny>>,
    ignore: Option<Vec<String>>,
    threads: Option<&Bound<'py, PyAny>>,
) -> PyArrowResult<Bound<'py, PyAny>> {
    let opts = options(
        service,
        jurisdiction,
        as_of,
        None,
        ignore,
        thread_count(threads)?,
    )?;
    let base_cat = catalogue_of(base)?;
    let what_if_cat = what_if.get().cat.clone();
    let input = read_input(table, &opts.defaults)?;
    let parts = parts(&input, &opts.defaults)?;

    let totals: BTreeMap<Option<ServiceId>, Acc> = py.detach(|| {
        let mut totals: BTreeMap<Option<ServiceId>, Acc> = BTreeMap::new();
        for p in &parts {
            let side = SideErrors::default();
            let a = evaluate_part(&base_cat, p, &opts.batch, &side);
            let b = evaluate_part(&what_if_cat, p, &opts.batch, &side);
            for (i, (ra, rb)) in a.iter().zip(b.iter()).enumerate() {
                let acc = totals.entry(p.service(i)).or_default();
                acc.rows += 1;
                if ra.is_error() || rb.is_error() {
                    acc.errors += 1;
                    continue;
                }
                acc.eligible_base += i64::from(ra.eligible());
                acc.eligible_what_if += i64::from(rb.eligible());
                let undetermined = |r: &kmcore::batch::RowOutcome<'_>| {
                    i64::from(r.outcome() == Some(kmcore::Outcome::Undetermined))
                };
                acc.undetermined_base += undetermined(&ra);
                acc.undetermined_what_if += undetermined(&rb);
                let (fa, fb) = (ra.fee_due_paisa(), rb.fee_due_paisa());
                acc.revenue_base += fa.unwrap_or(0);
                acc.revenue_what_if += fb.unwrap_or(0);
                acc.changed += i64::from(ra.outcome() != rb.outcome() || fa != fb);
            }
        }
        totals
    });

    let mut service_col = StringBuilder::new();
    let mut cols: [Int64Builder; 10] = Default::default();
    for (service, acc) in &totals {
        service_col.append_option(service.map(|s| s.as_str()));
        let diff = acc.revenue_what_if - acc.revenue_base;
        for (b, v) in cols.iter_mut().zip([
            acc.rows,
            acc.errors,
            acc.eligible_base,
            acc.eligible_what_if,
            acc.undetermined_base,
            acc.undetermined_what_if,
            acc.revenue_base,
            acc.revenue_what_if,
            diff,
            acc.changed,
        ]) {
            b.append_value(v);
        }
    }
    let schema = what_if_schema();
    let mut arrays: Vec<ArrayRef> = vec![Arc::new(service_col.finish())];
    arrays.extend(cols.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
    let batch = RecordBatch::try_new(schema.clone(), arrays)?;
    to_pyarrow(py, vec![batch], schema)
}

/// The schema of `what_if_batch`'s output (the same for every input).
fn what_if_schema() -> SchemaRef {
    let names = [
        "rows",
        "errors",
        "eligible_base",
        "eligible_what_if",
        "undetermined_base",
        "undetermined_what_if",
        "revenue_base_paisa",
        "revenue_what_if_paisa",
        "revenue_difference_paisa",
        "changed_rows",
    ];
    let mut fields = vec![Field::new("service", DataType::Utf8, true)];
    fields.extend(names.iter().map(|n| Field::new(*n, DataType::Int64, false)));
    Arc::new(Schema::new(fields))
}

/// The schema `what_if_batch` returns; see the stub.
#[pyfunction]
pub(crate) fn what_if_batch_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    schema_to_pyarrow(py, what_if_schema())
}
