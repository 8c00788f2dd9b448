//! `evaluate_batch`: one output row per input row.

use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field};
use pyo3::prelude::*;
use pyo3_arrow::error::PyArrowResult;

use super::input::{
    CHUNK_ROWS, Input, Part, catalogue_of, evaluate_part, options, read_input, schema_err,
    thread_count,
};
use super::output::{
    Shape, input_fields, kept_columns, kept_fields, outcome_columns, output_schema, schema_of,
    schema_to_pyarrow, sorted, to_pyarrow,
};
use crate::catalogue::PyCatalogue;
use crate::columns::{Columns, SideErrors};
use crate::errors::{exception, invalid};
use kmcore::ErrorKind;
use kmcore::batch::BatchOptions;

/// Evaluates a table of applications; see the stub for the full contract.
#[pyfunction]
#[pyo3(signature = (table, *, catalogue = None, service = None, jurisdiction = None, as_of = None, keep = None, ignore = None, threads = None, portable = false, row_offset = 0))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn evaluate_batch<'py>(
    py: Python<'py>,
    table: &Bound<'py, PyAny>,
    catalogue: Option<&Bound<'py, PyCatalogue>>,
    service: Option<&Bound<'py, PyAny>>,
    jurisdiction: Option<&Bound<'py, PyAny>>,
    as_of: Option<&Bound<'py, PyAny>>,
    keep: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    threads: Option<&Bound<'py, PyAny>>,
    portable: bool,
    row_offset: i64,
) -> PyArrowResult<Bound<'py, PyAny>> {
    let shape = Shape {
        portable,
        row_offset,
    };
    let workers = thread_count(threads)?;
    let opts = options(service, jurisdiction, as_of, keep, ignore, workers)?;
    let cat = catalogue_of(catalogue)?;
    let input = read_input(table, &opts.defaults)?;
    // Each part's column readers are built by the worker that evaluates it
    // (date lookup tables included); the first part's are built here too,
    // so a column of the wrong type raises before any work starts.
    let part_count = match &input {
        Input::Arrow { batches, .. } => {
            if let Some(b) = batches.first() {
                Columns::new(b, &opts.defaults, 0).map_err(schema_err)?;
            }
            batches.len()
        }
        Input::Rows { .. } => 1,
    };
    let mut first_rows = Vec::with_capacity(part_count);
    match &input {
        Input::Arrow { batches, .. } => {
            let mut first = 0;
            for b in batches {
                first_rows.push(first);
                first += b.num_rows();
            }
        }
        Input::Rows { .. } => first_rows.push(0),
    }
    // The kept columns are checked against the input's columns, so an
    // input with no rows still gets the full schema and the same errors.
    let kept_fields = kept_fields(&input_fields(&input), &opts.keep, shape)?;
    let mut kept = Vec::with_capacity(part_count);
    for i in 0..part_count {
        kept.push(kept_columns(&input, i, &kept_fields)?);
    }
    let schema = output_schema(&kept_fields, shape);
    let schema_for_workers = schema.clone();
    let defaults = &opts.defaults;
    // The `error` column of a part without errors: one all-null array of
    // a part's size, shared (sliced) by every such part.
    let no_errors = arrow_array::new_null_array(&DataType::Utf8, CHUNK_ROWS);

    let one_part = |i: usize, opts: &BatchOptions| -> Result<RecordBatch, PyErr> {
        let first_row = first_rows.get(i).copied().unwrap_or(0);
        let part = match &input {
            Input::Arrow { batches, .. } => {
                let b = batches
                    .get(i)
                    .ok_or_else(|| invalid("input.arrow", "a part is missing"))?;
                let cols = Columns::new(b, defaults, first_row).map_err(schema_err)?;
                Part::Arrow(Box::new(cols), b.num_rows())
            }
            Input::Rows { rows, .. } => Part::Rows(rows),
        };
        let side = SideErrors::default();
        let out = evaluate_part(&cat, &part, opts, &side);
        let side = sorted(side);
        let mut columns: Vec<ArrayRef> = kept.get(i).cloned().unwrap_or_default();
        columns.extend(outcome_columns(&out, first_row, &side, &no_errors, shape));
        RecordBatch::try_new(schema_for_workers.clone(), columns)
            .map_err(|e| exception(ErrorKind::InvalidInput, "input.arrow", &e.to_string()))
    };
    let batches: Result<Vec<RecordBatch>, PyErr> = py.detach(|| {
        if part_count < 2 || workers < 2 {
            return (0..part_count).map(|i| one_part(i, &opts.batch)).collect();
        }
        // Several parts: each worker takes whole parts (one thread each),
        // reading, evaluating them and building their output columns.
        let single = BatchOptions::new().threads(1);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let mut done: Vec<(usize, Result<RecordBatch, PyErr>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers.min(part_count))
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            if i >= part_count {
                                break;
                            }
                            mine.push((i, one_part(i, &single)));
                        }
                        mine
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        if done.len() != part_count {
            return Err(invalid("batch.worker", "a batch worker stopped early"));
        }
        done.sort_by_key(|(i, _)| *i);
        done.into_iter().map(|(_, b)| b).collect()
    });
    let batches = batches?;
    to_pyarrow(py, batches, schema)
}

/// The schema `evaluate_batch` returns for an input and options; see the
/// stub for the full contract.
#[pyfunction]
#[pyo3(signature = (input = None, *, keep = None, portable = false))]
pub(crate) fn evaluate_batch_schema<'py>(
    py: Python<'py>,
    input: Option<&Bound<'py, PyAny>>,
    keep: Option<Vec<String>>,
    portable: bool,
) -> PyArrowResult<Bound<'py, PyAny>> {
    let shape = Shape {
        portable,
        row_offset: 0,
    };
    let keep = keep.unwrap_or_default();
    let fields: Vec<Field> = match input {
        None => Vec::new(),
        Some(obj) => schema_of(obj)?
            .fields()
            .iter()
            .map(|f| f.as_ref().clone())
            .collect(),
    };
    let kept = kept_fields(&fields, &keep, shape)?;
    Ok(schema_to_pyarrow(py, output_schema(&kept, shape))?)
}
