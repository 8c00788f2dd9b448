//! The output of `evaluate_batch`: its schema, the kept columns and the
//! outcome columns built from a part, and the handover to pyarrow.

use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::types::Int8Type;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, DictionaryArray, Int8Array, Int64Array,
    RecordBatch, StringArray,
};
use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use pyo3::exceptions::{PyImportError, PyTypeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3_arrow::error::PyArrowResult;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::{PySchema, PyTable};

use super::input::Input;
use crate::columns::{SideErrors, error_text};
use crate::enums::FeeStatusKind;
use crate::errors::invalid;
use chrono::Datelike;
use kmcore::batch::BatchOutcome;
use kmcore::{Basis, FeeStatus, Outcome};

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

/// A `pyarrow.Schema` of `schema`.
pub(super) fn schema_to_pyarrow(py: Python<'_>, schema: SchemaRef) -> PyResult<Bound<'_, PyAny>> {
    PySchema::new(schema).into_pyarrow(py).map_err(|err| {
        if err.is_instance_of::<PyImportError>(py) {
            pyarrow_missing()
        } else {
            err
        }
    })
}

/// The Arrow schema of a schema, table or stream: anything with
/// `__arrow_c_schema__` (a `pyarrow.Schema`, a polars schema's Arrow
/// form ...), else an Arrow stream or array whose schema is read.
pub(super) fn schema_of(obj: &Bound<'_, PyAny>) -> PyResult<SchemaRef> {
    let py = obj.py();
    if obj.hasattr(intern!(py, "__arrow_c_schema__"))?
        && !obj.hasattr(intern!(py, "__arrow_c_stream__"))?
        && !obj.hasattr(intern!(py, "__arrow_c_array__"))?
    {
        let schema: PySchema = obj.extract()?;
        return Ok(schema.into_inner());
    }
    if obj.hasattr(intern!(py, "__arrow_c_stream__"))?
        || obj.hasattr(intern!(py, "__arrow_c_array__"))?
    {
        let input: AnyRecordBatch = obj.extract()?;
        return Ok(input.into_reader()?.schema());
    }
    Err(PyTypeError::new_err(format!(
        "expected a pyarrow.Schema or an Arrow table (an object with __arrow_c_schema__ or \
         __arrow_c_stream__), not {}",
        obj.get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default()
    )))
}

// --------------------------------------------------------------------------
// Output

/// The key of a fee status in the `fee_status` column: its position in
/// `FeeStatusKind::ALL`.
pub(super) fn status_key(s: FeeStatus) -> i8 {
    FeeStatusKind::from(s) as i8
}

pub(super) fn list_field() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Utf8, true))
}

pub(super) fn fee_status_type() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8))
}

/// How the output of `evaluate_batch` is typed and numbered.
#[derive(Clone, Copy, Default)]
pub(super) struct Shape {
    /// Only types every engine reads: `fee_status` as plain strings, kept
    /// view and dictionary columns as plain (large) ones.
    pub(super) portable: bool,
    /// Added to every value of the `row` column.
    pub(super) row_offset: i64,
}

/// The output columns after the kept ones.
pub(super) fn outcome_fields(shape: Shape) -> Vec<Field> {
    let status = if shape.portable {
        DataType::Utf8
    } else {
        fee_status_type()
    };
    vec![
        Field::new("row", DataType::Int64, false),
        Field::new("eligible", DataType::Boolean, true),
        Field::new("fee_paisa", DataType::Int64, true),
        Field::new("fee_status", status, true),
        Field::new("reasons", DataType::List(list_field()), true),
        Field::new("missing_documents", DataType::List(list_field()), true),
        Field::new("error", DataType::Utf8, true),
        Field::new("outcome", dictionary_or_plain(shape), true),
        Field::new("eligible_from", DataType::Date32, true),
        Field::new("basis", dictionary_or_plain(shape), true),
        Field::new("missing_facts", DataType::List(list_field()), true),
    ]
}

/// A small set of names: dictionary-encoded, or plain strings when the
/// caller asks for a portable schema.
fn dictionary_or_plain(shape: Shape) -> DataType {
    if shape.portable {
        DataType::Utf8
    } else {
        fee_status_type()
    }
}

/// A column of names from a small set, as dictionary keys (null where
/// `valid` is false), cast to plain strings for a portable schema.
fn name_column(keys: Vec<i8>, names: &[&str], nulls: Option<NullBuffer>, shape: Shape) -> ArrayRef {
    let n = keys.len();
    let keys = Int8Array::new(ScalarBuffer::from(keys), nulls);
    let values = Arc::new(StringArray::from(names.to_vec()));
    let column: ArrayRef = match DictionaryArray::<Int8Type>::try_new(keys, values) {
        Ok(d) => Arc::new(d),
        Err(_) => arrow_array::new_null_array(&fee_status_type(), n),
    };
    if shape.portable {
        arrow_cast::cast(&column, &DataType::Utf8)
            .unwrap_or_else(|_| arrow_array::new_null_array(&DataType::Utf8, n))
    } else {
        column
    }
}

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01, for date32.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

pub(super) fn outcome_columns(
    out: &BatchOutcome,
    first_row: usize,
    side: &[(usize, String)],
    no_errors: &ArrayRef,
    shape: Shape,
) -> Vec<ArrayRef> {
    // Plain vectors filled in one pass, then wrapped as Arrow buffers (no
    // per-value builder calls); the reason codes and documents are copied
    // straight into the bytes of their string columns.
    let n = out.len();
    let start = shape.row_offset.saturating_add(first_row as i64);
    let row = Int64Array::from_iter_values((0..n as i64).map(|i| start.saturating_add(i)));
    let mut eligible: Vec<bool> = Vec::with_capacity(n);
    let mut decided: Vec<bool> = Vec::with_capacity(n);
    let mut outcome: Vec<i8> = Vec::with_capacity(n);
    let mut basis: Vec<i8> = Vec::with_capacity(n);
    let mut come_back: Vec<i32> = Vec::with_capacity(n);
    let mut come_back_valid: Vec<bool> = Vec::with_capacity(n);
    let mut missing_facts = StringLists::with_capacity(n);
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
        let o = r.outcome();
        decided.push(matches!(o, Some(Outcome::Eligible | Outcome::Refused)));
        outcome.push(o.map_or(0, |o| o.index() as i8));
        basis.push(r.basis().unwrap_or(Basis::Confirmed).index() as i8);
        let from = r.eligible_from();
        come_back.push(from.map_or(0, |d| d.num_days_from_ce() - UNIX_EPOCH_DAYS_FROM_CE));
        come_back_valid.push(from.is_some());
        if !error {
            missing_facts.extend(r.missing_facts().map(|k| k.as_str()));
        }
        missing_facts.end_list();
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
    let status_names: Vec<&str> = FeeStatusKind::ALL.iter().map(|k| k.as_str()).collect();
    let fee_status = name_column(status, &status_names, nulls.clone(), shape);
    let fee_nulls = NullBuffer::new(bits(&fee_valid));
    let fee_nulls = (fee_nulls.null_count() > 0).then_some(fee_nulls);
    let decided_nulls = NullBuffer::new(bits(&decided));
    let decided_nulls = (decided_nulls.null_count() > 0).then_some(decided_nulls);
    let come_back_nulls = NullBuffer::new(bits(&come_back_valid));
    let come_back_nulls = (come_back_nulls.null_count() > 0).then_some(come_back_nulls);
    let outcome = name_column(outcome, Outcome::NAMES, nulls.clone(), shape);
    let basis = name_column(basis, Basis::NAMES, nulls.clone(), shape);
    let missing_facts = missing_facts.finish(nulls.clone());
    vec![
        Arc::new(row),
        // Null for an invalid row and for an undetermined one.
        Arc::new(BooleanArray::new(bits(&eligible), decided_nulls)),
        Arc::new(Int64Array::new(ScalarBuffer::from(fee), fee_nulls)),
        fee_status,
        reasons.finish(nulls.clone()),
        documents.finish(nulls),
        errors,
        outcome,
        Arc::new(Date32Array::new(
            ScalarBuffer::from(come_back),
            come_back_nulls,
        )),
        basis,
        missing_facts,
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

/// The type a kept column gets in a portable output: view types become
/// their large (64-bit offset) forms, which every Arrow reader knows, and a
/// dictionary its value type. Other types are kept as they are.
pub(super) fn portable_type(dt: &DataType) -> DataType {
    match dt {
        DataType::Utf8View => DataType::LargeUtf8,
        DataType::BinaryView => DataType::LargeBinary,
        DataType::Dictionary(_, values) => portable_type(values),
        other => other.clone(),
    }
}

/// The kept fields, checked against the input's columns: every name must
/// be a column of the input (with no rows too) and none may be named like
/// an output column.
pub(super) fn kept_fields(
    input_fields: &[Field],
    keep: &[String],
    shape: Shape,
) -> PyResult<Vec<Field>> {
    let outcome = outcome_fields(shape);
    let mut out = Vec::with_capacity(keep.len());
    for name in keep {
        if outcome.iter().any(|f| f.name() == name) {
            return Err(invalid(
                "input.keep",
                &format!("a kept column cannot be named `{name}`, an output column"),
            ));
        }
        let Some(f) = input_fields.iter().find(|f| f.name() == name) else {
            return Err(invalid(
                "input.keep",
                &format!("`{name}` was asked to be kept but the input has no such column"),
            ));
        };
        out.push(if shape.portable {
            Field::new(name, portable_type(f.data_type()), f.is_nullable())
        } else {
            f.clone()
        });
    }
    Ok(out)
}

/// The fields of the input the kept columns are looked up in.
pub(super) fn input_fields(input: &Input) -> Vec<Field> {
    match input {
        Input::Arrow { schema, .. } => schema.fields().iter().map(|f| f.as_ref().clone()).collect(),
        Input::Rows { kept, .. } => kept
            .iter()
            .map(|(n, a)| Field::new(n, a.data_type().clone(), true))
            .collect(),
    }
}

/// The kept columns of a part, typed as `fields` says (see [`kept_fields`]).
pub(super) fn kept_columns(
    input: &Input,
    index: usize,
    fields: &[Field],
) -> PyResult<Vec<ArrayRef>> {
    let mut out = Vec::with_capacity(fields.len());
    for field in fields {
        let name = field.name();
        let found = match input {
            Input::Arrow { schema, batches } => match (schema.index_of(name), batches.get(index)) {
                (Ok(c), Some(b)) => Some(b.column(c).clone()),
                _ => None,
            },
            Input::Rows { kept, .. } => {
                kept.iter().find(|(n, _)| n == name).map(|(_, a)| a.clone())
            }
        };
        let Some(array) = found else {
            return Err(invalid(
                "input.keep",
                &format!("`{name}` was asked to be kept but the input has no such column"),
            ));
        };
        if array.data_type() == field.data_type() {
            out.push(array);
        } else {
            let cast = arrow_cast::cast(&array, field.data_type()).map_err(|e| {
                invalid(
                    "input.keep",
                    &format!(
                        "kept column `{name}` cannot be made {}: {e}",
                        field.data_type()
                    ),
                )
            })?;
            out.push(cast);
        }
    }
    Ok(out)
}

/// The schema of `evaluate_batch`'s output: the kept fields, then the
/// outcome columns.
pub(super) fn output_schema(kept: &[Field], shape: Shape) -> SchemaRef {
    let mut fields: Vec<Field> = kept.to_vec();
    fields.extend(outcome_fields(shape));
    Arc::new(Schema::new(fields))
}
