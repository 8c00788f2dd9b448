//! The Arrow batch path, proven with one demo function: `double_fees`.
//!
//! In: any object with `__arrow_c_stream__` (pyarrow Table/RecordBatchReader,
//! polars DataFrame, pandas >= 2.2 DataFrame, duckdb relation, arro3 ...) or
//! `__arrow_c_array__` (pyarrow RecordBatch), read zero-copy through
//! pyo3-arrow's `AnyRecordBatch`; or a plain iterable of mappings (a list of
//! dicts). Compute: in Rust, with the GIL released (`Python::detach`), split
//! over the available cores with `std::thread::scope`. Out: a `pyarrow.Table`
//! (pyo3-arrow's `PyTable::into_pyarrow`, which hands pyarrow.table() the
//! PyCapsule stream). A bad row yields a value in the nullable `error` column,
//! never an exception; only a bad input as a whole (wrong type, no
//! `fee_paisa` column) raises.

use std::sync::Arc;
use std::thread;

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{Array, ArrayRef, Int64Array, RecordBatch, RecordBatchReader, StringArray};
use arrow_schema::{DataType, Field, Schema};
use pyo3::exceptions::{PyImportError, PyTypeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyMapping, PyString};
use pyo3_arrow::PyTable;
use pyo3_arrow::error::PyArrowResult;
use pyo3_arrow::input::AnyRecordBatch;

use crate::errors::exception;
use kmcore::{ErrorKind, Money};

/// The input column.
const FEE: &str = "fee_paisa";
/// Below this many rows the work stays on the calling thread.
const PARALLEL_MIN_ROWS: usize = 8_192;

/// One row: the fee in paisa, or why the row is unusable ("code: message").
type Row = Result<i64, String>;

/// Double `fee_paisa` for every row (a stand-in for a real batch rule).
///
/// Returns a pyarrow.Table with columns `fee_paisa` (int64, null where the
/// input was unusable), `doubled_paisa` (int64, null on error) and `error`
/// (string, null when the row is fine).
#[pyfunction]
pub(crate) fn double_fees<'py>(
    py: Python<'py>,
    table: &Bound<'py, PyAny>,
) -> PyArrowResult<Bound<'py, PyAny>> {
    let rows = if table.hasattr(intern!(py, "__arrow_c_stream__"))?
        || table.hasattr(intern!(py, "__arrow_c_array__"))?
    {
        let input: AnyRecordBatch = table.extract()?;
        rows_from_arrow(input.into_reader()?)?
    } else {
        rows_from_records(table)?
    };

    // The GIL is released while the rows are computed: other Python threads
    // run meanwhile, and the workers never touch a Python object.
    let doubled = py.detach(|| map_parallel(&rows, double_one));

    let batch = to_batch(&rows, &doubled)?;
    let schema = batch.schema();
    let table = PyTable::try_new(vec![batch], schema)?;
    table.into_pyarrow(py).map_err(|err| {
        if err.is_instance_of::<PyImportError>(py) {
            PyImportError::new_err(
                "kmcore returns Arrow results as pyarrow.Table: `pip install pyarrow`",
            )
            .into()
        } else {
            err.into()
        }
    })
}

fn invalid(code: &str, message: String) -> PyErr {
    exception(ErrorKind::InvalidInput, code, &message)
}

/// Rows from an Arrow stream: `fee_paisa` of any integer type, cast to int64.
fn rows_from_arrow(reader: Box<dyn RecordBatchReader + Send>) -> PyArrowResult<Vec<Row>> {
    let schema = reader.schema();
    let field = schema.field_with_name(FEE).map_err(|_| {
        invalid(
            "input.column_missing",
            format!(
                "the input has no `{FEE}` column (columns: {:?})",
                column_names(&schema)
            ),
        )
    })?;
    if !field.data_type().is_integer() {
        return Err(invalid(
            "input.column_type",
            format!(
                "`{FEE}` must be an integer column, not {}",
                field.data_type()
            ),
        )
        .into());
    }
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch?;
        let column = batch
            .column_by_name(FEE)
            .expect("every batch has the schema's columns");
        // Safe cast: a value that does not fit (a large uint64) becomes null.
        let ints = arrow_cast::cast(column, &DataType::Int64)?;
        let ints = ints.as_primitive::<Int64Type>();
        rows.extend((0..ints.len()).map(|i| {
            if ints.is_valid(i) {
                Ok(ints.value(i))
            } else if column.is_null(i) {
                Err(format!("input.null: `{FEE}` is null"))
            } else {
                Err(format!("input.range: `{FEE}` does not fit in int64"))
            }
        }));
    }
    Ok(rows)
}

fn column_names(schema: &Schema) -> Vec<&str> {
    schema.fields().iter().map(|f| f.name().as_str()).collect()
}

/// Rows from an iterable of mappings (`[{"fee_paisa": 50_000}, ...]`).
fn rows_from_records(records: &Bound<'_, PyAny>) -> PyResult<Vec<Row>> {
    let py = records.py();
    if records.is_instance_of::<PyString>()
        || records.is_instance_of::<PyBytes>()
        || records.is_instance_of::<PyDict>()
        || !records.hasattr(intern!(py, "__iter__"))?
    {
        return Err(PyTypeError::new_err(format!(
            "expected an object with __arrow_c_stream__ (pyarrow, polars, pandas, duckdb ...) \
             or an iterable of mappings, not {}",
            records.get_type().name()?
        )));
    }
    let key = intern!(py, FEE);
    let mut rows = Vec::new();
    for record in records.try_iter()? {
        let record = record?;
        let row = match record.cast::<PyMapping>() {
            Err(_) => Err(format!(
                "input.row_type: a row must be a mapping, not {}",
                record.get_type().name()?
            )),
            Ok(mapping) => match mapping.get_item(key) {
                Err(_) => Err(format!("input.missing: the row has no `{FEE}`")),
                Ok(value) if value.is_none() => Err(format!("input.null: `{FEE}` is null")),
                Ok(value) => value.extract::<i64>().map_err(|_| {
                    let shown = value.repr().map(|r| r.to_string()).unwrap_or_default();
                    format!("input.type: `{FEE}` must be an int64, not {shown}")
                }),
            },
        };
        rows.push(row);
    }
    Ok(rows)
}

/// The demo rule: twice the fee, with kmcore's overflow check.
fn double_one(row: &Row) -> Row {
    let paisa = row.as_ref().map_err(Clone::clone)?;
    Money::from_paisa(*paisa)
        .checked_mul(2)
        .map(Money::paisa)
        .map_err(|err| format!("{}: {}", err.code(), err.message()))
}

/// `f` over every item, split into one contiguous chunk per core with
/// `std::thread::scope` (no thread pool; the order of items is kept).
fn map_parallel<T: Sync, U: Send>(items: &[T], f: fn(&T) -> U) -> Vec<U> {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    if cores == 1 || items.len() < PARALLEL_MIN_ROWS {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(cores);
    thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|input| scope.spawn(move || input.iter().map(f).collect::<Vec<U>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for worker in workers {
            // A panic in a worker is re-raised here (pyo3 turns it into PanicException).
            out.extend(
                worker
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            );
        }
        out
    })
}

fn to_batch(rows: &[Row], doubled: &[Row]) -> PyArrowResult<RecordBatch> {
    let schema = Arc::new(Schema::new(vec![
        Field::new(FEE, DataType::Int64, true),
        Field::new("doubled_paisa", DataType::Int64, true),
        Field::new("error", DataType::Utf8, true),
    ]));
    let fee: Int64Array = rows.iter().map(|r| r.as_ref().ok().copied()).collect();
    let out: Int64Array = doubled.iter().map(|r| r.as_ref().ok().copied()).collect();
    let error: StringArray = doubled.iter().map(|r| r.as_ref().err()).collect();
    let columns: Vec<ArrayRef> = vec![Arc::new(fee), Arc::new(out), Arc::new(error)];
    Ok(RecordBatch::try_new(schema, columns)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_map_keeps_order_and_errors() {
        let rows: Vec<Row> = (0..20_000)
            .map(|i| if i == 7 { Err("bad".into()) } else { Ok(i) })
            .chain([Ok(i64::MAX)])
            .collect();
        let out = map_parallel(&rows, double_one);
        assert_eq!(out.len(), rows.len());
        assert_eq!(out[3], Ok(6));
        assert_eq!(out[7], Err("bad".into()));
        assert!(
            out[20_000]
                .as_ref()
                .unwrap_err()
                .starts_with("money.overflow")
        );
    }
}
