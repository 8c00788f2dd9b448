//! The input of the batch functions: Arrow streams or lists of dicts, the
//! options shared by the three functions, and the parts the workers take.

use arrow_array::{ArrayRef, RecordBatch, RecordBatchReader};
use arrow_schema::SchemaRef;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyInt, PyList, PyMapping, PyString};
use pyo3_arrow::PyArray;
use pyo3_arrow::input::AnyRecordBatch;

use super::output::pyarrow_missing;
use crate::catalogue::PyCatalogue;
use crate::columns::{
    AS_OF, Columns, Defaults, JURISDICTION, SERVICE, SchemaError, SideErrors, check_schema,
};
use crate::errors::invalid;
use crate::facts::fact_value;
use crate::time::as_of_from_py;
use kmcore::batch::{BatchOptions, BatchOutcome};
use kmcore::{FactKey, Jurisdiction, Request, ServiceId};

pub(super) fn schema_err(e: SchemaError) -> PyErr {
    invalid(e.code, &e.message)
}

/// The input of a batch: Arrow record batches, or rows read from dicts.
pub(super) enum Input {
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

pub(super) fn is_arrow(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = obj.py();
    Ok(obj.hasattr(intern!(py, "__arrow_c_stream__"))?
        || obj.hasattr(intern!(py, "__arrow_c_array__"))?)
}

pub(super) fn not_a_table(obj: &Bound<'_, PyAny>) -> PyErr {
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
pub(super) fn py_error_text(py: Python<'_>, err: &PyErr) -> String {
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
pub(super) const CHUNK_ROWS: usize = 1 << 14;

pub(super) fn read_input(table: &Bound<'_, PyAny>, d: &Defaults) -> PyResult<Input> {
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
pub(super) fn row_from_mapping(
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
pub(super) fn parse_core<T>(v: &Bound<'_, PyAny>) -> PyResult<T>
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

/// The most workers `threads=` may ask for.
const MAX_THREADS: i64 = 1024;

/// Reads the `threads=` argument: None means every core; otherwise a whole
/// number from 1 to 1,024. Zero, a negative number, a float or a bool is a
/// `ValueError` (or `TypeError`) naming the argument, never a silent default.
pub(super) fn thread_count(threads: Option<&Bound<'_, PyAny>>) -> PyResult<usize> {
    let Some(value) = threads.filter(|t| !t.is_none()) else {
        return Ok(std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get));
    };
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "threads must be a whole number or None, not {}",
            value
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        )));
    }
    match value.extract::<i64>() {
        Ok(n) if (1..=MAX_THREADS).contains(&n) => Ok(usize::try_from(n).unwrap_or(1)),
        _ => Err(PyValueError::new_err(format!(
            "threads must be from 1 to {MAX_THREADS}, or None for every core; got {}",
            kmcore::excerpt(&value.repr().map(|r| r.to_string()).unwrap_or_default())
        ))),
    }
}

pub(super) struct Options {
    pub(super) defaults: Defaults,
    pub(super) keep: Vec<String>,
    pub(super) batch: BatchOptions,
}

pub(super) fn options(
    service: Option<&Bound<'_, PyAny>>,
    jurisdiction: Option<&Bound<'_, PyAny>>,
    as_of: Option<&Bound<'_, PyAny>>,
    keep: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    threads: usize,
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
        batch: BatchOptions::new().threads(threads),
    })
}

pub(super) fn catalogue_of(
    catalogue: Option<&Bound<'_, PyCatalogue>>,
) -> PyResult<kmcore::Catalogue> {
    match catalogue {
        Some(c) => Ok(c.get().cat.clone()),
        None => Ok(kmcore::Catalogue::embedded()
            .map_err(|e| crate::errors::to_py(&e))?
            .clone()),
    }
}

/// Evaluates one part of the input (a record batch, or the dict rows).
pub(super) fn evaluate_part(
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

pub(super) enum Part<'a> {
    Arrow(Box<Columns<'a>>, usize),
    Rows(&'a [Result<Request, String>]),
}

impl Part<'_> {
    /// The service of row `i`, when it can be read.
    pub(super) fn service(&self, i: usize) -> Option<ServiceId> {
        match self {
            Part::Arrow(c, _) => match c.service.as_ref().and_then(|s| s.get(i)) {
                Some(s) => <ServiceId as crate::enums::Mirror>::from_value(s),
                None => c.default_service,
            },
            Part::Rows(rows) => rows.get(i).and_then(|r| r.as_ref().ok()).map(|r| r.service),
        }
    }
}

pub(super) fn parts<'a>(input: &'a Input, d: &Defaults) -> PyResult<Vec<Part<'a>>> {
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
