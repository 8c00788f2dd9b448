//! `evaluate`: a Parquet or CSV table of applications into a Parquet table
//! of answers, one record batch at a time, through `kmcore::batch`.
//!
//! The input columns are those of the Python `evaluate_batch`: `service`,
//! `jurisdiction`, `as_of` and one column per fact key, plus columns named
//! in `--keep` (copied) or `--ignore`. Each column is cast once per batch
//! to the type its fact reads (booleans, 64-bit integers, or text that
//! kmcore parses: choices, ISO dates, RFC 3339 instants); the rules
//! themselves are kmcore's.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type};
use arrow_array::{Array, ArrayRef, RecordBatch, RecordBatchReader};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use indicatif::{ProgressBar, ProgressStyle};
use kmcore::batch::{BatchOptions, row_error};
use kmcore::{
    AsOf, Catalogue, FactKey, FactType, FactValue, FeeStatus, Jurisdiction, KmError, Request,
    ServiceId,
};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::Failure;
use crate::bundles::load_optional;

/// What `kmcore evaluate` was asked to do.
pub(crate) struct Job<'a> {
    pub(crate) input: &'a Path,
    pub(crate) output: &'a Path,
    pub(crate) keep: &'a [String],
    pub(crate) ignore: &'a [String],
    pub(crate) bundle: Option<&'a Path>,
    pub(crate) batch_rows: usize,
}

fn usage(message: impl std::fmt::Display) -> Failure {
    Failure::Usage(message.to_string())
}

/// The input's record batches and, when known, its row count.
fn open_input(
    path: &Path,
    batch_rows: usize,
) -> Result<(Box<dyn RecordBatchReader>, Option<u64>), Failure> {
    let file = File::open(path).map_err(|e| usage(format!("{}: {e}", path.display())))?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext {
        "parquet" | "pq" => {
            let builder = ParquetRecordBatchReaderBuilder::try_new(file)
                .map_err(|e| usage(format!("{}: {e}", path.display())))?;
            let rows = u64::try_from(builder.metadata().file_metadata().num_rows()).ok();
            let reader = builder
                .with_batch_size(batch_rows)
                .build()
                .map_err(|e| usage(format!("{}: {e}", path.display())))?;
            Ok((Box::new(reader), rows))
        }
        "csv" => {
            let mut file = file;
            let format = arrow_csv::reader::Format::default().with_header(true);
            let (schema, _) = format
                .infer_schema(&mut file, Some(10_000))
                .map_err(|e| usage(format!("{}: {e}", path.display())))?;
            std::io::Seek::rewind(&mut file)?;
            let reader = arrow_csv::ReaderBuilder::new(Arc::new(schema))
                .with_format(format)
                .with_batch_size(batch_rows)
                .build(file)
                .map_err(|e| usage(format!("{}: {e}", path.display())))?;
            Ok((Box::new(reader), None))
        }
        _ => Err(usage(format!(
            "{}: expected a .parquet or .csv file",
            path.display()
        ))),
    }
}

/// Checks the input's columns as the Python binding does: each must be
/// read by kmcore, kept or ignored.
fn check_columns(schema: &Schema, keep: &[String], ignore: &[String]) -> Result<(), Failure> {
    let reserved = ["service", "jurisdiction", "as_of"];
    for name in keep.iter().chain(ignore) {
        if reserved.contains(&name.as_str()) || name.parse::<FactKey>().is_ok() {
            return Err(usage(format!(
                "input.keep: `{name}` is an input column kmcore reads; it cannot be kept or ignored"
            )));
        }
    }
    for name in keep {
        if schema.index_of(name).is_err() {
            return Err(usage(format!(
                "input.keep: `{name}` was asked to be kept but the input has no such column"
            )));
        }
    }
    for f in schema.fields() {
        let n = f.name();
        if !reserved.contains(&n.as_str())
            && n.parse::<FactKey>().is_err()
            && !keep.contains(n)
            && !ignore.contains(n)
        {
            return Err(usage(format!(
                "input.unknown_column: column `{n}` is neither `service`, `jurisdiction`, \
                 `as_of` nor a fact key; pass it in --keep or --ignore to allow it"
            )));
        }
    }
    Ok(())
}

/// One fact column, cast to what its fact reads.
enum Cells {
    Bool(ArrayRef),
    Int(ArrayRef),
    /// Floats for an integer fact: whole values only, NaN is null.
    Float(ArrayRef),
    Text(ArrayRef),
}

fn cast(array: &ArrayRef, to: &DataType, name: &str) -> Result<ArrayRef, Failure> {
    arrow_cast::cast(array, to)
        .map_err(|e| usage(format!("input.column_type: column `{name}`: {e}")))
}

fn fact_cells(key: FactKey, array: &ArrayRef) -> Result<Cells, Failure> {
    let name = key.as_str();
    Ok(match key.fact_type() {
        FactType::Bool => Cells::Bool(cast(array, &DataType::Boolean, name)?),
        FactType::Integer if array.data_type().is_floating() => {
            Cells::Float(cast(array, &DataType::Float64, name)?)
        }
        FactType::Integer => Cells::Int(cast(array, &DataType::Int64, name)?),
        FactType::Date | FactType::Instant | FactType::Choice | FactType::Text => {
            Cells::Text(cast(array, &DataType::Utf8, name)?)
        }
    })
}

fn fact_value(cells: &Cells, i: usize, name: &str) -> Result<Option<FactValue>, KmError> {
    Ok(match cells {
        Cells::Bool(a) => a
            .is_valid(i)
            .then(|| FactValue::Bool(a.as_boolean().value(i))),
        Cells::Int(a) => a
            .is_valid(i)
            .then(|| FactValue::Integer(a.as_primitive::<Int64Type>().value(i))),
        Cells::Float(a) => {
            if a.is_null(i) {
                return Ok(None);
            }
            let v = a.as_primitive::<Float64Type>().value(i);
            const LIMIT: f64 = 9_223_372_036_854_775_808.0;
            if v.is_nan() {
                None
            } else if v.fract() == 0.0 && (-LIMIT..LIMIT).contains(&v) {
                Some(FactValue::Integer(v as i64))
            } else {
                return Err(row_error(format!(
                    "fact `{name}`: {v} is not a whole number"
                )));
            }
        }
        Cells::Text(a) => a
            .is_valid(i)
            .then(|| FactValue::Text(a.as_string::<i32>().value(i).to_string())),
    })
}

fn text_column(batch: &RecordBatch, name: &str) -> Result<Option<ArrayRef>, Failure> {
    match batch.schema().index_of(name) {
        Ok(c) => Ok(Some(cast(batch.column(c), &DataType::Utf8, name)?)),
        Err(_) => Ok(None),
    }
}

fn cell(col: Option<&ArrayRef>, i: usize) -> Option<&str> {
    col.filter(|a| a.is_valid(i))
        .map(|a| a.as_string::<i32>().value(i))
}

fn as_of(text: &str) -> Result<AsOf, KmError> {
    if text.len() > 10
        && let Ok(t) = chrono::DateTime::parse_from_rfc3339(text)
    {
        return Ok(AsOf::Instant(t));
    }
    Ok(AsOf::Date(kmcore::calendar::parse_date(
        text.get(..10).unwrap_or(text),
    )?))
}

fn list_field() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Utf8, true))
}

/// The output schema: the kept columns, then the answers.
fn output_schema(input: &Schema, keep: &[String]) -> SchemaRef {
    let mut fields: Vec<Field> = keep
        .iter()
        .filter_map(|k| input.field_with_name(k).ok().cloned())
        .collect();
    fields.extend([
        Field::new("row", DataType::Int64, false),
        Field::new("eligible", DataType::Boolean, true),
        Field::new("fee_paisa", DataType::Int64, true),
        Field::new("fee_status", DataType::Utf8, true),
        Field::new("reasons", DataType::List(list_field()), true),
        Field::new("missing_documents", DataType::List(list_field()), true),
        Field::new("error", DataType::Utf8, true),
    ]);
    Arc::new(Schema::new(fields))
}

fn fee_status(s: FeeStatus) -> &'static str {
    match s {
        FeeStatus::Known(_) => "known",
        FeeStatus::NotKnown => "not_known",
        FeeStatus::NotCharged => "not_charged",
    }
}

/// Counts over the whole run.
#[derive(Default)]
struct Totals {
    rows: u64,
    eligible: u64,
    undetermined: u64,
    errors: u64,
}

/// Evaluates one record batch into its output batch.
fn evaluate_batch(
    cat: &Catalogue,
    batch: &RecordBatch,
    schema: &SchemaRef,
    keep: &[String],
    first_row: u64,
    totals: &mut Totals,
) -> Result<RecordBatch, Failure> {
    let n = batch.num_rows();
    let service = text_column(batch, "service")?;
    let jurisdiction = text_column(batch, "jurisdiction")?;
    let as_of_col = text_column(batch, "as_of")?;
    let mut facts = Vec::new();
    for (c, f) in batch.schema().fields().iter().enumerate() {
        if let Ok(key) = f.name().parse::<FactKey>() {
            facts.push((key, fact_cells(key, batch.column(c))?));
        }
    }
    let out = kmcore::batch::evaluate(cat, n, &BatchOptions::new(), |i, r: &mut Request| {
        let missing = |what: &str| row_error(format!("input.null: `{what}` is null"));
        r.service = cell(service.as_ref(), i)
            .ok_or_else(|| missing("service"))?
            .parse::<ServiceId>()?;
        r.jurisdiction = cell(jurisdiction.as_ref(), i)
            .ok_or_else(|| missing("jurisdiction"))?
            .parse::<Jurisdiction>()?;
        r.as_of = as_of(cell(as_of_col.as_ref(), i).ok_or_else(|| missing("as_of"))?)?;
        r.facts = kmcore::Facts::default();
        for (key, cells) in &facts {
            if let Some(v) = fact_value(cells, i, key.as_str())? {
                r.facts.set(key.as_str(), v)?;
            }
        }
        Ok(())
    });
    let mut columns: Vec<ArrayRef> = keep
        .iter()
        .filter_map(|k| {
            batch
                .schema()
                .index_of(k)
                .ok()
                .map(|c| batch.column(c).clone())
        })
        .collect();
    let mut row = Int64Builder::with_capacity(n);
    let mut eligible = BooleanBuilder::with_capacity(n);
    let mut fee = Int64Builder::with_capacity(n);
    let mut status = StringBuilder::new();
    let mut reasons = ListBuilder::new(StringBuilder::new()).with_field(list_field());
    let mut documents = ListBuilder::new(StringBuilder::new()).with_field(list_field());
    let mut error = StringBuilder::new();
    for (i, r) in out.iter().enumerate() {
        row.append_value(
            i64::try_from(first_row)
                .unwrap_or(i64::MAX)
                .saturating_add(i as i64),
        );
        if let Some(e) = r.error() {
            totals.errors += 1;
            eligible.append_null();
            fee.append_null();
            status.append_null();
            reasons.append(false);
            documents.append(false);
            error.append_value(format!("{}: {}", e.code(), e.message()));
            continue;
        }
        totals.eligible += u64::from(r.eligible());
        // Null when the rules cannot decide the row (a value or fact not known).
        match r.outcome() {
            Some(kmcore::Outcome::Eligible) => eligible.append_value(true),
            Some(kmcore::Outcome::Refused) => eligible.append_value(false),
            Some(kmcore::Outcome::Undetermined) | None => {
                totals.undetermined += 1;
                eligible.append_null();
            }
        }
        fee.append_option(r.fee_due_paisa());
        status.append_option(r.fee_status().map(fee_status));
        for code in r.failed_codes() {
            reasons.values().append_value(code);
        }
        reasons.append(true);
        for doc in r.missing_documents() {
            documents.values().append_value(doc);
        }
        documents.append(true);
        error.append_null();
    }
    totals.rows += n as u64;
    columns.push(Arc::new(row.finish()));
    columns.push(Arc::new(eligible.finish()));
    columns.push(Arc::new(fee.finish()));
    columns.push(Arc::new(status.finish()));
    columns.push(Arc::new(reasons.finish()));
    columns.push(Arc::new(documents.finish()));
    columns.push(Arc::new(error.finish()));
    RecordBatch::try_new(schema.clone(), columns).map_err(usage)
}

/// `kmcore evaluate`.
pub(crate) fn evaluate(job: &Job<'_>) -> Result<(), Failure> {
    let cat = load_optional(job.bundle)?;
    let (reader, rows) = open_input(job.input, job.batch_rows.max(1))?;
    let in_schema = reader.schema();
    check_columns(&in_schema, job.keep, job.ignore)?;
    let schema = output_schema(&in_schema, job.keep);
    let file =
        File::create(job.output).map_err(|e| usage(format!("{}: {e}", job.output.display())))?;
    let mut writer = ArrowWriter::try_new(file, schema.clone(), None).map_err(usage)?;
    let bar = match rows {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} rows ({per_sec}, {eta} left)")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {pos} rows ({per_sec})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    let mut totals = Totals::default();
    for batch in reader {
        let batch = batch.map_err(|e| usage(format!("{}: {e}", job.input.display())))?;
        let out = evaluate_batch(&cat, &batch, &schema, job.keep, totals.rows, &mut totals)?;
        writer.write(&out).map_err(usage)?;
        bar.inc(batch.num_rows() as u64);
    }
    writer.close().map_err(usage)?;
    bar.finish_and_clear();
    println!(
        "{} rows: {} eligible, {} undetermined, {} with errors -> {}",
        totals.rows,
        totals.eligible,
        totals.undetermined,
        totals.errors,
        job.output.display()
    );
    Ok(())
}
