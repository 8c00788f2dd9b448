//! `replay_batch`: application logs replayed into an SLA table.

use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Int64Builder, ListBuilder, StringBuilder, StructBuilder,
};
use arrow_array::{Array, ArrayRef, Int64Array, RecordBatch};
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyString;
use pyo3_arrow::error::PyArrowResult;
use pyo3_arrow::input::AnyArray;

use super::input::{catalogue_of, is_arrow};
use super::output::{schema_to_pyarrow, to_pyarrow};
use crate::catalogue::PyCatalogue;
use crate::columns::StrCol;
use crate::errors::invalid;
use crate::time::instant_from_py;
use kmcore::{Jurisdiction, ServiceId};

// --------------------------------------------------------------------------
// Replay

/// One replayed log.
pub(super) struct Replayed {
    id: String,
    service: ServiceId,
    jurisdiction: Jurisdiction,
    state: &'static str,
    events: i64,
    sla: kmcore::SlaStatus,
    times: Vec<(&'static str, i64)>,
}

pub(super) fn replay_one(
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
pub(super) enum Logs {
    Arrow(Vec<ArrayRef>),
    Py(Vec<Option<String>>),
}

pub(super) fn logs_from_py(logs: &Bound<'_, PyAny>) -> PyResult<Logs> {
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

pub(super) fn time_in_states_type() -> DataType {
    DataType::List(Arc::new(Field::new(
        "item",
        DataType::Struct(state_time_fields()),
        true,
    )))
}

pub(super) fn state_time_fields() -> Fields {
    Fields::from(vec![
        Field::new("state", DataType::Utf8, false),
        Field::new("seconds", DataType::Int64, false),
    ])
}

pub(super) fn date32_days(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - 719_163
}

pub(super) fn replay_columns(
    results: &[Result<Replayed, String>],
    row_offset: i64,
) -> (SchemaRef, Vec<ArrayRef>) {
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
                jurisdiction.append_value(r.jurisdiction.as_str());
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
    let start = row_offset;
    let row: Int64Array = (0..n as i64).map(|i| start.saturating_add(i)).collect();
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
    (replay_schema(), arrays)
}

/// `f` over `0..n`, split into contiguous chunks over the cores with
/// `std::thread::scope`; results keep their order.
pub(super) fn map_parallel<U: Send>(
    n: usize,
    threads: usize,
    f: impl Fn(usize) -> U + Sync,
) -> Vec<U> {
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
#[pyo3(signature = (logs, *, now, catalogue = None, threads = None, row_offset = 0))]
pub(crate) fn replay_batch<'py>(
    py: Python<'py>,
    logs: &Bound<'py, PyAny>,
    now: &Bound<'py, PyAny>,
    catalogue: Option<&Bound<'py, PyCatalogue>>,
    threads: Option<&Bound<'py, PyAny>>,
    row_offset: i64,
) -> PyArrowResult<Bound<'py, PyAny>> {
    let now = instant_from_py(now, "now")?;
    let cat = catalogue_of(catalogue)?;
    let logs = logs_from_py(logs)?;
    let threads = super::input::thread_count(threads)?;
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
        replay_columns(&results, row_offset)
    });
    let batch = RecordBatch::try_new(schema.clone(), arrays)?;
    to_pyarrow(py, vec![batch], schema)
}

/// The schema of `replay_batch`'s output (the same for every input).
fn replay_schema() -> SchemaRef {
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
    Arc::new(Schema::new(fields))
}

/// The schema `replay_batch` returns; see the stub.
#[pyfunction]
pub(crate) fn replay_batch_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    schema_to_pyarrow(py, replay_schema())
}
