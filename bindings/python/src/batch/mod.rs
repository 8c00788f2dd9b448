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

mod evaluate;
mod input;
mod output;
mod replay;
mod what_if;

pub(crate) use evaluate::{evaluate_batch, evaluate_batch_schema};
pub(crate) use replay::{replay_batch, replay_batch_schema};
pub(crate) use what_if::{what_if_batch, what_if_batch_schema};
