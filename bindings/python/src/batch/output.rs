//! The output of `evaluate_batch`: its schema, the kept columns and the
//! outcome columns built from a part, and the handover to pyarrow.

use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::types::Int8Type;
use arrow_array::{
    Array, ArrayRef, BooleanArray, DictionaryArray, Int8Array, Int64Array, RecordBatch, StringArray,
};
use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use pyo3::exceptions::PyImportError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3_arrow::PyTable;
use pyo3_arrow::error::PyArrowResult;

use super::input::Input;
use crate::columns::{SideErrors, error_text};
use crate::errors::invalid;
use kmcore::FeeStatus;
use kmcore::batch::BatchOutcome;

pub(super) fn pyarrow_missing() -> PyErr {
    PyImportError::new_err("kmcore returns Arrow results as pyarrow.Table: `pip install pyarrow`")
}

pub(super) fn to_pyarrow<'py>(
    py: Python<'py>,
    batches: Vec<RecordBatch>,
    schema: SchemaRef,
) -> PyArrowResult<Bound<'py, PyAny>> {
    let table = PyTable::try_new(batches, schema)?;
    let convert = || -> PyResult<Bound<'py, PyAny>> {
        let pa = py.import(intern!(py, "pyarrow"))?;
        let stream = table.into_pyobject(py)?;
        // `RecordBatchReader.from_stream` (pyarrow >= 15) reads the stream
        // as it is; `pyarrow.table` first asks whether its argument is a
        // pandas DataFrame, which imports pandas (a fifth of a second on
        // the first call of a process).
        match pa
            .getattr(intern!(py, "RecordBatchReader"))
            .and_then(|r| r.getattr(intern!(py, "from_stream")))
        {
            Ok(from_stream) => from_stream
                .call1((stream,))?
                .call_method0(intern!(py, "read_all")),
            Err(_) => pa.getattr(intern!(py, "table"))?.call1((stream,)),
        }
    };
    convert().map_err(|err| {
        if err.is_instance_of::<PyImportError>(py) {
            pyarrow_missing().into()
        } else {
            err.into()
        }
    })
}

// --------------------------------------------------------------------------
// Output

pub(super) const FEE_STATUS_VALUES: [&str; 3] = ["known", "not_known", "not_charged"];

pub(super) fn status_key(s: FeeStatus) -> i8 {
    match s {
        FeeStatus::Known(_) => 0,
        FeeStatus::NotKnown => 1,
        FeeStatus::NotCharged => 2,
    }
}

pub(super) fn list_field() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Utf8, true))
}

pub(super) fn fee_status_type() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8))
}

/// The output columns after the kept ones.
pub(super) fn outcome_fields() -> Vec<Field> {
    vec![
        Field::new("row", DataType::Int64, false),
        Field::new("eligible", DataType::Boolean, true),
        Field::new("fee_paisa", DataType::Int64, true),
        Field::new("fee_status", fee_status_type(), true),
        Field::new("reasons", DataType::List(list_field()), true),
        Field::new("missing_documents", DataType::List(list_field()), true),
        Field::new("error", DataType::Utf8, true),
    ]
}

pub(super) fn outcome_columns(
    out: &BatchOutcome,
    first_row: usize,
    side: &[(usize, String)],
    no_errors: &ArrayRef,
) -> Vec<ArrayRef> {
    // Plain vectors filled in one pass, then wrapped as Arrow buffers (no
    // per-value builder calls); the reason codes and documents are copied
    // straight into the bytes of their string columns.
    let n = out.len();
    let row = Int64Array::from_iter_values((first_row..first_row + n).map(|i| i as i64));
    let mut eligible: Vec<bool> = Vec::with_capacity(n);
    let mut fee: Vec<i64> = Vec::with_capacity(n);
    let mut fee_valid: Vec<bool> = Vec::with_capacity(n);
    let mut status: Vec<i8> = Vec::with_capacity(n);
    let mut valid: Vec<bool> = Vec::with_capacity(n);
    let mut reasons = StringLists::with_capacity(n);
    let mut documents = StringLists::with_capacity(n);
    let mut any_error = false;
    for r in out.iter() {
        let error = r.is_error();
        any_error |= error;
        valid.push(!error);
        eligible.push(r.eligible());
        let due = r.fee_due_paisa();
        fee.push(due.unwrap_or(0));
        fee_valid.push(due.is_some());
        status.push(r.fee_status().map_or(0, status_key));
        if !error {
            reasons.extend(r.failed_codes());
            documents.extend(r.missing_documents().iter().copied());
        }
        reasons.end_list();
        documents.end_list();
    }
    // Bits packed 64 at a time (`From<Vec<bool>>` packs one by one).
    let bits = |v: &[bool]| BooleanBuffer::collect_bool(v.len(), |i| v.get(i) == Some(&true));
    let nulls = any_error.then(|| NullBuffer::new(bits(&valid)));
    let mut errors = StringBuilder::new();
    if any_error {
        let mut error_rows = out.errors().peekable();
        for i in 0..n {
            match error_rows.peek() {
                Some((r, _)) if *r == i => {
                    let e = error_rows.next().map(|(_, e)| e);
                    errors.append_value(error_text(side, first_row + i, e));
                }
                _ => errors.append_null(),
            }
        }
    }
    let errors: ArrayRef = if any_error {
        Arc::new(errors.finish())
    } else if n <= no_errors.len() {
        no_errors.slice(0, n)
    } else {
        arrow_array::new_null_array(&DataType::Utf8, n)
    };
    let keys = Int8Array::new(ScalarBuffer::from(status), nulls.clone());
    let values = Arc::new(StringArray::from(FEE_STATUS_VALUES.to_vec()));
    let fee_status: ArrayRef = match DictionaryArray::<Int8Type>::try_new(keys, values) {
        Ok(d) => Arc::new(d),
        Err(_) => arrow_array::new_null_array(&fee_status_type(), n),
    };
    let fee_nulls = NullBuffer::new(bits(&fee_valid));
    let fee_nulls = (fee_nulls.null_count() > 0).then_some(fee_nulls);
    vec![
        Arc::new(row),
        Arc::new(BooleanArray::new(bits(&eligible), nulls.clone())),
        Arc::new(Int64Array::new(ScalarBuffer::from(fee), fee_nulls)),
        fee_status,
        reasons.finish(nulls.clone()),
        documents.finish(nulls),
        errors,
    ]
}

/// A `list<utf8>` column written directly: list offsets, string offsets and
/// the string bytes.
pub(super) struct StringLists {
    lists: Vec<i32>,
    strings: Vec<i32>,
    bytes: Vec<u8>,
}

impl StringLists {
    fn with_capacity(rows: usize) -> StringLists {
        let mut lists = Vec::with_capacity(rows + 1);
        lists.push(0);
        // Room for a short string in every other row: most rows pass or
        // fail a check or two, so the vectors seldom grow.
        let mut strings = Vec::with_capacity(rows / 2 + 1);
        strings.push(0);
        StringLists {
            lists,
            strings,
            bytes: Vec::with_capacity(rows * 8),
        }
    }

    /// Appends strings to the current row's list.
    fn extend<'s>(&mut self, items: impl Iterator<Item = &'s str>) {
        for s in items {
            self.bytes.extend_from_slice(s.as_bytes());
            self.strings
                .push(i32::try_from(self.bytes.len()).unwrap_or(i32::MAX));
        }
    }

    /// Ends the current row's list.
    fn end_list(&mut self) {
        let count = self.strings.len() - 1;
        self.lists.push(i32::try_from(count).unwrap_or(i32::MAX));
    }

    fn finish(self, nulls: Option<NullBuffer>) -> ArrayRef {
        let strings = StringArray::new(
            OffsetBuffer::new(ScalarBuffer::from(self.strings)),
            Buffer::from_vec(self.bytes),
            None,
        );
        Arc::new(arrow_array::ListArray::new(
            list_field(),
            OffsetBuffer::new(ScalarBuffer::from(self.lists)),
            Arc::new(strings),
            nulls,
        ))
    }
}

pub(super) fn sorted(side: SideErrors) -> Vec<(usize, String)> {
    let mut v = side.into_inner().unwrap_or_default();
    v.sort_by_key(|(r, _)| *r);
    v
}

/// The kept columns of a part, with their fields.
pub(super) fn kept_columns(
    input: &Input,
    index: usize,
    keep: &[String],
) -> PyResult<Vec<(Field, ArrayRef)>> {
    let mut out = Vec::new();
    for name in keep {
        let found = match input {
            Input::Arrow { schema, batches } => match (schema.index_of(name), batches.get(index)) {
                (Ok(c), Some(b)) => Some((schema.field(c).clone(), b.column(c).clone())),
                _ => None,
            },
            Input::Rows { kept, .. } => kept
                .iter()
                .find(|(n, _)| n == name)
                .map(|(n, a)| (Field::new(n, a.data_type().clone(), true), a.clone())),
        };
        match found {
            Some(f) => out.push(f),
            None => {
                return Err(invalid(
                    "input.keep",
                    &format!("`{name}` was asked to be kept but the input has no such column"),
                ));
            }
        }
    }
    Ok(out)
}

pub(super) fn output_schema(kept: &[(Field, ArrayRef)]) -> SchemaRef {
    let mut fields: Vec<Field> = kept.iter().map(|(f, _)| f.clone()).collect();
    for f in outcome_fields() {
        if !fields.iter().any(|k| k.name() == f.name()) {
            fields.push(f);
        }
    }
    Arc::new(Schema::new(fields))
}
