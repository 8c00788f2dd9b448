//! Batch functions for data teams: `evaluate_batch`, `what_if_batch` and
//! `replay_batch`.
//!
//! In: any object with `__arrow_c_stream__` (pyarrow Table/RecordBatchReader,
//! polars DataFrame, pandas >= 2.2 DataFrame, duckdb relation ...) or
//! `__arrow_c_array__` (pyarrow RecordBatch), read zero-copy through
//! pyo3-arrow; or a list of dicts. Compute: with the GIL released, the
//! table is cut into parts of 16,384 rows that the workers take in turn;
//! each part goes through `kmcore::batch::evaluate_blocks`, whose blocks the
//! worker fills one Arrow column at a time (no Python object per row), and
//! is turned into output columns by the same worker. Out: a `pyarrow.Table`
//! with one row per input row. A bad row gets
//! a value in the nullable `error` column; only a bad input as a whole
//! raises.

use std::collections::BTreeMap;
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Int64Builder, ListBuilder, StringBuilder, StructBuilder,
};
use arrow_array::types::Int8Type;
use arrow_array::{
    Array, ArrayRef, BooleanArray, DictionaryArray, Int8Array, Int64Array, RecordBatch,
    RecordBatchReader, StringArray,
};
use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use pyo3::exceptions::{PyImportError, PyTypeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyMapping, PyString};
use pyo3_arrow::error::PyArrowResult;
use pyo3_arrow::input::{AnyArray, AnyRecordBatch};
use pyo3_arrow::{PyArray, PyTable};

use crate::catalogue::PyCatalogue;
use crate::columns::{
    AS_OF, Columns, Defaults, JURISDICTION, SERVICE, SchemaError, SideErrors, StrCol, check_schema,
    error_text,
};
use crate::errors::{exception, invalid};
use crate::facts::fact_value;
use crate::time::{as_of_from_py, instant_from_py};
use kmcore::batch::{BatchOptions, BatchOutcome};
use kmcore::{ErrorKind, FactKey, FeeStatus, Jurisdiction, Request, ServiceId};

fn schema_err(e: SchemaError) -> PyErr {
    invalid(e.code, &e.message)
}

/// The input of a batch: Arrow record batches, or rows read from dicts.
enum Input {
    Arrow {
        schema: SchemaRef,
        batches: Vec<RecordBatch>,
    },
    Rows {
        rows: Vec<Result<Request, String>>,
        /// Kept columns, as arrays built by pyarrow.
        kept: Vec<(String, ArrayRef)>,
    },
}

impl Input {
    fn len(&self) -> usize {
        match self {
            Input::Arrow { batches, .. } => batches.iter().map(RecordBatch::num_rows).sum(),
            Input::Rows { rows, .. } => rows.len(),
        }
    }
}

fn is_arrow(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = obj.py();
    Ok(obj.hasattr(intern!(py, "__arrow_c_stream__"))?
        || obj.hasattr(intern!(py, "__arrow_c_array__"))?)
}

fn not_a_table(obj: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!(
        "expected an object with __arrow_c_stream__ (pyarrow, polars, pandas >= 2.2, duckdb ...) \
         or a list of dicts, not {}",
        obj.get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default()
    ))
}

/// The text of a conversion error for the `error` column.
fn py_error_text(py: Python<'_>, err: &PyErr) -> String {
    let value = err.value(py);
    match (value.getattr("code"), value.getattr("message")) {
        (Ok(c), Ok(m)) => format!(
            "{}: {}",
            c.extract::<String>().unwrap_or_default(),
            m.extract::<String>().unwrap_or_default()
        ),
        _ => format!("input.type: {value}"),
    }
}

/// The most rows one worker evaluates and converts in one go: 16,384 rows
/// make 62 parts of a million, so the two workers of a 2-core machine
/// finish within a part's time (about 2 ms) of each other.
const CHUNK_ROWS: usize = 1 << 14;

fn read_input(table: &Bound<'_, PyAny>, d: &Defaults) -> PyResult<Input> {
    let py = table.py();
    if is_arrow(table)? {
        let input: AnyRecordBatch = table.extract()?;
        let reader = input.into_reader()?;
        let schema = reader.schema();
        check_schema(&schema, d).map_err(schema_err)?;
        let read = reader
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| invalid("input.arrow", &format!("reading the Arrow stream: {e}")))?;
        // Zero-copy slices of at most CHUNK_ROWS rows: each is evaluated and
        // turned into output columns by one worker, so building the output
        // runs on every core too.
        let mut batches = Vec::with_capacity(read.len());
        for b in read {
            let mut offset = 0;
            while offset < b.num_rows() {
                let len = CHUNK_ROWS.min(b.num_rows() - offset);
                batches.push(b.slice(offset, len));
                offset += len;
            }
        }
        return Ok(Input::Arrow { schema, batches });
    }
    if table.is_instance_of::<PyString>()
        || table.is_instance_of::<PyBytes>()
        || table.is_instance_of::<PyDict>()
        || !table.hasattr(intern!(py, "__iter__"))?
    {
        return Err(not_a_table(table));
    }
    let mut rows = Vec::new();
    let mut kept: Vec<(String, Vec<Bound<'_, PyAny>>)> = d
        .passthrough
        .iter()
        .map(|p| (p.clone(), Vec::new()))
        .collect();
    for record in table.try_iter()? {
        let record = record?;
        let Ok(mapping) = record.cast::<PyMapping>() else {
            rows.push(Err(format!(
                "input.row_type: a row must be a mapping, not {}",
                record.get_type().name()?
            )));
            for (_, values) in &mut kept {
                values.push(py.None().into_bound(py));
            }
            continue;
        };
        for (name, values) in &mut kept {
            values.push(match mapping.get_item(name.as_str()) {
                Ok(v) => v,
                Err(_) => py.None().into_bound(py),
            });
        }
        rows.push(row_from_mapping(mapping, d)?);
    }
    let mut arrays = Vec::new();
    if !kept.is_empty() {
        let pa = py.import("pyarrow").map_err(|_| pyarrow_missing())?;
        for (name, values) in kept {
            let array = pa.call_method1("array", (PyList::new(py, values)?,))?;
            let array: PyArray = array.extract()?;
            arrays.push((name, array.array().clone()));
        }
    }
    Ok(Input::Rows { rows, kept: arrays })
}

/// One row of a list of dicts: Ok(request), Err(row error text); a key
/// that is not a column kmcore knows fails the whole call.
fn row_from_mapping(
    mapping: &Bound<'_, PyMapping>,
    d: &Defaults,
) -> PyResult<Result<Request, String>> {
    let py = mapping.py();
    let mut service = d.service;
    let mut jurisdiction = d.jurisdiction;
    let mut as_of = d.as_of;
    let mut facts = kmcore::Facts::default();
    let mut row_error: Option<String> = None;
    for item in mapping.items()?.iter() {
        let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
        let name: String = k
            .extract()
            .map_err(|_| PyTypeError::new_err("column names must be strings"))?;
        if d.passthrough.contains(&name) {
            continue;
        }
        let known = [SERVICE, JURISDICTION, AS_OF].contains(&name.as_str());
        let key = name.parse::<FactKey>().ok();
        if !known && key.is_none() {
            return Err(invalid(
                "input.unknown_column",
                &format!(
                    "column `{name}` is neither `service`, `jurisdiction`, `as_of` nor a fact key; \
                     pass it in `keep=` or `ignore=` to allow it"
                ),
            ));
        }
        if v.is_none() || row_error.is_some() {
            continue;
        }
        let result: PyResult<()> = (|| {
            match (name.as_str(), key) {
                (SERVICE, _) => service = Some(parse_core::<ServiceId>(&v)?),
                (JURISDICTION, _) => jurisdiction = Some(parse_core::<Jurisdiction>(&v)?),
                (AS_OF, _) => as_of = Some(as_of_from_py(&v)?),
                (_, Some(key)) => {
                    let value = fact_value(key, &v)?;
                    facts
                        .set(key.as_str(), value)
                        .map_err(|e| crate::errors::to_py(&e))?;
                }
                _ => {}
            }
            Ok(())
        })();
        if let Err(e) = result {
            row_error = Some(py_error_text(py, &e));
        }
    }
    if let Some(e) = row_error {
        return Ok(Err(e));
    }
    let (Some(service), Some(jurisdiction), Some(as_of)) = (service, jurisdiction, as_of) else {
        let missing = [
            (SERVICE, service.is_none()),
            (JURISDICTION, jurisdiction.is_none()),
            (AS_OF, as_of.is_none()),
        ]
        .iter()
        .filter(|(_, m)| *m)
        .map(|(n, _)| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
        return Ok(Err(format!("input.null: the row has no {missing}")));
    };
    Ok(Ok(Request {
        service,
        jurisdiction,
        as_of,
        facts,
    }))
}

/// A core enum from a Python string (an enum member is one), with the
/// core's own error for an unknown name, as the Arrow path reports it.
fn parse_core<T>(v: &Bound<'_, PyAny>) -> PyResult<T>
where
    T: std::str::FromStr<Err = kmcore::KmError>,
{
    let s = v
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err("expected a string"))?;
    s.to_cow()?
        .parse::<T>()
        .map_err(|e| crate::errors::to_py(&e))
}

fn pyarrow_missing() -> PyErr {
    PyImportError::new_err("kmcore returns Arrow results as pyarrow.Table: `pip install pyarrow`")
}

fn to_pyarrow<'py>(
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

struct Options {
    defaults: Defaults,
    keep: Vec<String>,
    batch: BatchOptions,
}

fn options(
    service: Option<&Bound<'_, PyAny>>,
    jurisdiction: Option<&Bound<'_, PyAny>>,
    as_of: Option<&Bound<'_, PyAny>>,
    keep: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    threads: Option<usize>,
) -> PyResult<Options> {
    let service = service
        .map(crate::enums::extract::<ServiceId>)
        .transpose()?;
    let jurisdiction = jurisdiction
        .map(crate::enums::extract::<Jurisdiction>)
        .transpose()?;
    let as_of = as_of.map(as_of_from_py).transpose()?;
    let keep = keep.unwrap_or_default();
    let mut passthrough = keep.clone();
    passthrough.extend(ignore.unwrap_or_default());
    Ok(Options {
        defaults: Defaults {
            service,
            jurisdiction,
            as_of,
            passthrough,
        },
        keep,
        batch: BatchOptions::new().threads(threads.unwrap_or(0)),
    })
}

fn catalogue_of(catalogue: Option<&Bound<'_, PyCatalogue>>) -> PyResult<kmcore::Catalogue> {
    match catalogue {
        Some(c) => Ok(c.get().cat.clone()),
        None => Ok(kmcore::Catalogue::embedded()
            .map_err(|e| crate::errors::to_py(&e))?
            .clone()),
    }
}

/// Evaluates one part of the input (a record batch, or the dict rows).
fn evaluate_part(
    cat: &kmcore::Catalogue,
    part: &Part<'_>,
    opts: &BatchOptions,
    side: &SideErrors,
) -> BatchOutcome {
    match part {
        Part::Arrow(cols, n) => {
            kmcore::batch::evaluate_blocks(cat, *n, opts, |first, requests, errors| {
                cols.fill_block(first, requests, errors, side);
            })
        }
        Part::Rows(rows) => {
            kmcore::batch::evaluate(cat, rows.len(), opts, |i, r| match rows.get(i) {
                Some(Ok(req)) => {
                    r.clone_from(req);
                    Ok(())
                }
                Some(Err(msg)) => {
                    if let Ok(mut list) = side.lock() {
                        list.push((i, msg.clone()));
                    }
                    Err(crate::columns::placeholder())
                }
                None => Err(crate::columns::placeholder()),
            })
        }
    }
}

enum Part<'a> {
    Arrow(Box<Columns<'a>>, usize),
    Rows(&'a [Result<Request, String>]),
}

impl Part<'_> {
    /// The service of row `i`, when it can be read.
    fn service(&self, i: usize) -> Option<ServiceId> {
        match self {
            Part::Arrow(c, _) => match c.service.as_ref().and_then(|s| s.get(i)) {
                Some(s) => <ServiceId as crate::enums::Mirror>::from_value(s),
                None => c.default_service,
            },
            Part::Rows(rows) => rows.get(i).and_then(|r| r.as_ref().ok()).map(|r| r.service),
        }
    }
}

fn parts<'a>(input: &'a Input, d: &Defaults) -> PyResult<Vec<Part<'a>>> {
    match input {
        Input::Arrow { batches, .. } => {
            let mut first = 0;
            let mut out = Vec::with_capacity(batches.len());
            for b in batches {
                out.push(Part::Arrow(
                    Box::new(Columns::new(b, d, first).map_err(schema_err)?),
                    b.num_rows(),
                ));
                first += b.num_rows();
            }
            Ok(out)
        }
        Input::Rows { rows, .. } => Ok(vec![Part::Rows(rows)]),
    }
}

// --------------------------------------------------------------------------
// Output

const FEE_STATUS_VALUES: [&str; 3] = ["known", "not_known", "not_charged"];

fn status_key(s: FeeStatus) -> i8 {
    match s {
        FeeStatus::Known(_) => 0,
        FeeStatus::NotKnown => 1,
        FeeStatus::NotCharged => 2,
    }
}

fn list_field() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Utf8, true))
}

fn fee_status_type() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8))
}

/// The output columns after the kept ones.
fn outcome_fields() -> Vec<Field> {
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

fn outcome_columns(
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
struct StringLists {
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

fn sorted(side: SideErrors) -> Vec<(usize, String)> {
    let mut v = side.into_inner().unwrap_or_default();
    v.sort_by_key(|(r, _)| *r);
    v
}

/// The kept columns of a part, with their fields.
fn kept_columns(input: &Input, index: usize, keep: &[String]) -> PyResult<Vec<(Field, ArrayRef)>> {
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

fn output_schema(kept: &[(Field, ArrayRef)]) -> SchemaRef {
    let mut fields: Vec<Field> = kept.iter().map(|(f, _)| f.clone()).collect();
    for f in outcome_fields() {
        if !fields.iter().any(|k| k.name() == f.name()) {
            fields.push(f);
        }
    }
    Arc::new(Schema::new(fields))
}

/// Evaluates a table of applications; see the stub for the full contract.
#[pyfunction]
#[pyo3(signature = (table, *, catalogue = None, service = None, jurisdiction = None, as_of = None, keep = None, ignore = None, threads = None))]
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
    threads: Option<usize>,
) -> PyArrowResult<Bound<'py, PyAny>> {
    let workers = threads.filter(|n| *n > 0).unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let opts = options(service, jurisdiction, as_of, keep, ignore, threads)?;
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
    let mut kept = Vec::with_capacity(part_count);
    for i in 0..part_count {
        kept.push(kept_columns(&input, i, &opts.keep)?);
    }
    for k in kept.iter().flatten() {
        if outcome_fields().iter().any(|f| f.name() == k.0.name()) {
            return Err(invalid(
                "input.keep",
                &format!(
                    "a kept column cannot be named `{}`, an output column",
                    k.0.name()
                ),
            )
            .into());
        }
    }
    let schema = output_schema(kept.first().map_or(&[][..], |k| k.as_slice()));
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
        let mut columns: Vec<ArrayRef> = kept
            .get(i)
            .map(|k| k.iter().map(|(_, a)| a.clone()).collect())
            .unwrap_or_default();
        columns.extend(outcome_columns(&out, first_row, &side, &no_errors));
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
    let _ = input.len();
    to_pyarrow(py, batches, schema)
}

// --------------------------------------------------------------------------
// What-if

#[derive(Default, Clone, Copy)]
struct Acc {
    rows: i64,
    errors: i64,
    eligible_base: i64,
    eligible_what_if: i64,
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
    threads: Option<usize>,
) -> PyArrowResult<Bound<'py, PyAny>> {
    let opts = options(service, jurisdiction, as_of, None, ignore, threads)?;
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
                let (fa, fb) = (ra.fee_due_paisa(), rb.fee_due_paisa());
                acc.revenue_base += fa.unwrap_or(0);
                acc.revenue_what_if += fb.unwrap_or(0);
                acc.changed += i64::from(ra.eligible() != rb.eligible() || fa != fb);
            }
        }
        totals
    });

    let mut service_col = StringBuilder::new();
    let mut cols: [Int64Builder; 8] = Default::default();
    for (service, acc) in &totals {
        service_col.append_option(service.map(|s| s.as_str()));
        let diff = acc.revenue_what_if - acc.revenue_base;
        for (b, v) in cols.iter_mut().zip([
            acc.rows,
            acc.errors,
            acc.eligible_base,
            acc.eligible_what_if,
            acc.revenue_base,
            acc.revenue_what_if,
            diff,
            acc.changed,
        ]) {
            b.append_value(v);
        }
    }
    let names = [
        "rows",
        "errors",
        "eligible_base",
        "eligible_what_if",
        "revenue_base_paisa",
        "revenue_what_if_paisa",
        "revenue_difference_paisa",
        "changed_rows",
    ];
    let mut fields = vec![Field::new("service", DataType::Utf8, true)];
    fields.extend(names.iter().map(|n| Field::new(*n, DataType::Int64, false)));
    let schema = Arc::new(Schema::new(fields));
    let mut arrays: Vec<ArrayRef> = vec![Arc::new(service_col.finish())];
    arrays.extend(cols.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
    let batch = RecordBatch::try_new(schema.clone(), arrays)?;
    to_pyarrow(py, vec![batch], schema)
}

// --------------------------------------------------------------------------
// Replay

/// One replayed log.
struct Replayed {
    id: String,
    service: ServiceId,
    jurisdiction: Jurisdiction,
    state: &'static str,
    events: i64,
    sla: kmcore::SlaStatus,
    times: Vec<(&'static str, i64)>,
}

fn replay_one(
    cat: &kmcore::Catalogue,
    text: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<Replayed, String> {
    let text = text.ok_or_else(|| "input.null: the log is null".to_string())?;
    let app = kmcore::Application::from_json(cat, text)
        .map_err(|e| format!("{}: {}", e.code(), e.message()))?;
    let sla = app
        .sla(cat, now)
        .map_err(|e| format!("{}: {}", e.code(), e.message()))?;
    let times = app
        .time_in_states(now)
        .map_err(|e| format!("{}: {}", e.code(), e.message()))?;
    Ok(Replayed {
        id: app.id().to_string(),
        service: app.service(),
        jurisdiction: app.jurisdiction(),
        state: app.state(),
        events: app.events().len() as i64,
        sla,
        times,
    })
}

/// The logs to replay: Arrow strings (zero-copy) or Python strings.
enum Logs {
    Arrow(Vec<ArrayRef>),
    Py(Vec<Option<String>>),
}

fn logs_from_py(logs: &Bound<'_, PyAny>) -> PyResult<Logs> {
    let py = logs.py();
    if is_arrow(logs)? {
        // A table (record batches) with a `log` column, or an array of strings.
        let array: AnyArray = logs.extract()?;
        let reader = array.into_reader()?;
        let field = reader.field();
        let mut chunks = Vec::new();
        for chunk in reader {
            let chunk = chunk.map_err(|e| invalid("input.arrow", &e.to_string()))?;
            let strings = match field.data_type() {
                DataType::Struct(fields) => {
                    let structs = chunk
                        .as_any()
                        .downcast_ref::<arrow_array::StructArray>()
                        .ok_or_else(|| invalid("input.column_type", "expected a table"))?;
                    let idx = fields
                        .iter()
                        .position(|f| f.name() == "log")
                        .or(if fields.len() == 1 { Some(0) } else { None })
                        .ok_or_else(|| {
                            invalid("input.column_missing", "the table has no `log` column")
                        })?;
                    structs.column(idx).clone()
                }
                _ => chunk,
            };
            if StrCol::of(&strings).is_none() {
                return Err(invalid(
                    "input.column_type",
                    &format!("logs must be strings, not {}", strings.data_type()),
                ));
            }
            chunks.push(strings);
        }
        return Ok(Logs::Arrow(chunks));
    }
    if logs.is_instance_of::<PyString>() || !logs.hasattr(intern!(py, "__iter__"))? {
        return Err(PyTypeError::new_err(
            "expected an iterable of JSON log strings, or an Arrow array or table of them",
        ));
    }
    let mut out = Vec::new();
    for item in logs.try_iter()? {
        let item = item?;
        out.push(if item.is_none() {
            None
        } else {
            Some(item.extract::<String>()?)
        });
    }
    Ok(Logs::Py(out))
}

fn time_in_states_type() -> DataType {
    DataType::List(Arc::new(Field::new(
        "item",
        DataType::Struct(state_time_fields()),
        true,
    )))
}

fn state_time_fields() -> Fields {
    Fields::from(vec![
        Field::new("state", DataType::Utf8, false),
        Field::new("seconds", DataType::Int64, false),
    ])
}

fn date32_days(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - 719_163
}

fn replay_columns(results: &[Result<Replayed, String>]) -> (SchemaRef, Vec<ArrayRef>) {
    let n = results.len();
    let mut id = StringBuilder::new();
    let mut service = StringBuilder::new();
    let mut jurisdiction = StringBuilder::new();
    let mut state = StringBuilder::new();
    let mut events = Int64Builder::with_capacity(n);
    let mut clock = StringBuilder::new();
    let mut target = Int64Builder::with_capacity(n);
    let mut elapsed = Int64Builder::with_capacity(n);
    let mut paused = Int64Builder::with_capacity(n);
    let mut started = Date32Builder::with_capacity(n);
    let mut due = Date32Builder::with_capacity(n);
    let mut due_not_known = BooleanBuilder::with_capacity(n);
    let mut stopped = Date32Builder::with_capacity(n);
    let mut breached = BooleanBuilder::with_capacity(n);
    let mut times =
        ListBuilder::new(StructBuilder::from_fields(state_time_fields(), 0)).with_field(Arc::new(
            Field::new("item", DataType::Struct(state_time_fields()), true),
        ));
    let mut error = StringBuilder::new();
    for r in results {
        match r {
            Ok(r) => {
                id.append_value(&r.id);
                service.append_value(r.service.as_str());
                jurisdiction.append_value(r.jurisdiction.code());
                state.append_value(r.state);
                events.append_value(r.events);
                clock.append_value(r.sla.clock.as_str());
                target.append_option(r.sla.target_working_days);
                elapsed.append_value(r.sla.elapsed_working_days);
                paused.append_value(r.sla.paused_working_days);
                started.append_option(r.sla.started_on.map(date32_days));
                due.append_option(r.sla.due.map(date32_days));
                due_not_known.append_value(r.sla.due_not_known);
                stopped.append_option(r.sla.stopped_on.map(date32_days));
                breached.append_value(r.sla.breached);
                let s = times.values();
                for (name, secs) in &r.times {
                    if let Some(b) = s.field_builder::<StringBuilder>(0) {
                        b.append_value(name);
                    }
                    if let Some(b) = s.field_builder::<Int64Builder>(1) {
                        b.append_value(*secs);
                    }
                    s.append(true);
                }
                times.append(true);
                error.append_null();
            }
            Err(e) => {
                id.append_null();
                service.append_null();
                jurisdiction.append_null();
                state.append_null();
                events.append_null();
                clock.append_null();
                target.append_null();
                elapsed.append_null();
                paused.append_null();
                started.append_null();
                due.append_null();
                due_not_known.append_null();
                stopped.append_null();
                breached.append_null();
                times.append(false);
                error.append_value(e);
            }
        }
    }
    let row: Int64Array = (0..n as i64).collect();
    let fields = vec![
        Field::new("row", DataType::Int64, false),
        Field::new("application_id", DataType::Utf8, true),
        Field::new("service", DataType::Utf8, true),
        Field::new("jurisdiction", DataType::Utf8, true),
        Field::new("state", DataType::Utf8, true),
        Field::new("events", DataType::Int64, true),
        Field::new("clock", DataType::Utf8, true),
        Field::new("target_working_days", DataType::Int64, true),
        Field::new("elapsed_working_days", DataType::Int64, true),
        Field::new("paused_working_days", DataType::Int64, true),
        Field::new("started_on", DataType::Date32, true),
        Field::new("due", DataType::Date32, true),
        Field::new("due_not_known", DataType::Boolean, true),
        Field::new("stopped_on", DataType::Date32, true),
        Field::new("breached", DataType::Boolean, true),
        Field::new("time_in_states", time_in_states_type(), true),
        Field::new("error", DataType::Utf8, true),
    ];
    let arrays: Vec<ArrayRef> = vec![
        Arc::new(row),
        Arc::new(id.finish()),
        Arc::new(service.finish()),
        Arc::new(jurisdiction.finish()),
        Arc::new(state.finish()),
        Arc::new(events.finish()),
        Arc::new(clock.finish()),
        Arc::new(target.finish()),
        Arc::new(elapsed.finish()),
        Arc::new(paused.finish()),
        Arc::new(started.finish()),
        Arc::new(due.finish()),
        Arc::new(due_not_known.finish()),
        Arc::new(stopped.finish()),
        Arc::new(breached.finish()),
        Arc::new(times.finish()),
        Arc::new(error.finish()),
    ];
    (Arc::new(Schema::new(fields)), arrays)
}

/// `f` over `0..n`, split into contiguous chunks over the cores with
/// `std::thread::scope`; results keep their order.
fn map_parallel<U: Send>(n: usize, threads: usize, f: impl Fn(usize) -> U + Sync) -> Vec<U> {
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 || n < 64 {
        return (0..n).map(&f).collect();
    }
    let chunk = n.div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let start = t * chunk;
                let stop = (start + chunk).min(n);
                scope.spawn(move || (start..stop).map(f).collect::<Vec<U>>())
            })
            .collect();
        let mut out = Vec::with_capacity(n);
        for w in workers {
            out.extend(w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        out
    })
}

/// Replays many application logs into an SLA table; see the stub.
#[pyfunction]
#[pyo3(signature = (logs, *, now, catalogue = None, threads = None))]
pub(crate) fn replay_batch<'py>(
    py: Python<'py>,
    logs: &Bound<'py, PyAny>,
    now: &Bound<'py, PyAny>,
    catalogue: Option<&Bound<'py, PyCatalogue>>,
    threads: Option<usize>,
) -> PyArrowResult<Bound<'py, PyAny>> {
    let now = instant_from_py(now, "now")?;
    let cat = catalogue_of(catalogue)?;
    let logs = logs_from_py(logs)?;
    let threads = match threads {
        Some(t) if t > 0 => t,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let (schema, arrays) = py.detach(|| {
        let results: Vec<Result<Replayed, String>> = match &logs {
            Logs::Py(v) => map_parallel(v.len(), threads, |i| {
                replay_one(&cat, v.get(i).and_then(|s| s.as_deref()), now)
            }),
            Logs::Arrow(chunks) => {
                let cols: Vec<StrCol<'_>> = chunks.iter().filter_map(StrCol::of).collect();
                let mut index = Vec::new();
                for (c, col) in chunks.iter().enumerate() {
                    let _ = col;
                    for i in 0..chunks.get(c).map_or(0, |a| a.len()) {
                        index.push((c, i));
                    }
                }
                map_parallel(index.len(), threads, |k| {
                    let text = index
                        .get(k)
                        .and_then(|(c, i)| cols.get(*c).and_then(|col| col.get(*i)));
                    replay_one(&cat, text, now)
                })
            }
        };
        replay_columns(&results)
    });
    let batch = RecordBatch::try_new(schema.clone(), arrays)?;
    to_pyarrow(py, vec![batch], schema)
}
