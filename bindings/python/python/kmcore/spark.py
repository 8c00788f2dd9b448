"""kmcore's batch functions on Spark DataFrames (PySpark 3.5 or later).

Each function runs the batch function inside the executors, one Arrow
record batch at a time (``DataFrame.mapInArrow``), with the output schema
declared up front and in portable types (``fee_status`` as a plain string),
which Spark's Arrow reader needs. The catalogue travels with the task: a
``Catalogue`` pickles to its bundle and rebuilds on the executor (the
embedded bundle when ``catalogue`` is None). PySpark is imported only when a
function here is called; kmcore does not depend on it.

``threads`` defaults to 1 because Spark already runs one task per core.
``row`` counts rows within each Spark partition, so it does not key the
result: keep an identifier column (``keep=["id"]``) to join the answers
back.

Example::

    from kmcore import spark as kspark

    answers = kspark.evaluate(applications, keep=["id"])
    answers.write.parquet("answers/")
    totals = kspark.what_if(applications, what_if=next_year)  # a pyarrow.Table
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

import pyarrow as pa

import kmcore
from kmcore._partitioned import sum_what_if

if TYPE_CHECKING:
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

__all__ = ["ddl", "evaluate", "replay", "spark_schema", "what_if"]


def spark_schema(schema: pa.Schema) -> StructType:
    """The Spark ``StructType`` of an Arrow schema (for example one from
    ``kmcore.evaluate_batch_schema(..., portable=True)``)."""
    from pyspark.sql.pandas.types import from_arrow_schema

    result: StructType = from_arrow_schema(schema)
    return result


def ddl(schema: pa.Schema) -> str:
    """The Spark DDL string of an Arrow schema, as ``mapInArrow`` and
    ``spark.read.schema`` accept it::

        >>> kspark.ddl(kmcore.evaluate_batch_schema(portable=True))
        'row BIGINT NOT NULL, eligible BOOLEAN, fee_paisa BIGINT, fee_status STRING, ...'
    """
    parts = []
    for field in spark_schema(schema).fields:
        name = field.name if field.name.isidentifier() else "`" + field.name.replace("`", "``") + "`"
        parts.append(f"{name} {field.dataType.simpleString().upper()}" + ("" if field.nullable else " NOT NULL"))
    return ", ".join(parts)


def _arrow_schema(df: DataFrame) -> pa.Schema:
    from pyspark.sql.pandas.types import to_arrow_schema

    result: pa.Schema = to_arrow_schema(df.schema)
    return result


def _conform(table: pa.Table, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    if table.schema != schema:
        table = table.cast(schema)
    yield from table.to_batches()


def evaluate(
    df: DataFrame,
    *,
    catalogue: kmcore.Catalogue | None = None,
    service: Any = None,
    jurisdiction: Any = None,
    as_of: Any = None,
    keep: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    threads: int = 1,
) -> DataFrame:
    """``evaluate_batch`` over a Spark DataFrame: a DataFrame of the kept
    columns and the outcome columns, one row per input row, in portable
    types. The arguments are ``evaluate_batch``'s; a bad ``keep`` raises
    here, before any task runs."""
    keep = list(keep or [])
    ignore = list(ignore or [])
    schema = kmcore.evaluate_batch_schema(_arrow_schema(df), keep=keep, portable=True)

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        offset = 0
        for batch in batches:
            out = kmcore.evaluate_batch(
                batch,
                catalogue=catalogue,
                service=service,
                jurisdiction=jurisdiction,
                as_of=as_of,
                keep=keep,
                ignore=ignore,
                threads=threads,
                portable=True,
                row_offset=offset,
            )
            offset += batch.num_rows
            yield from _conform(out, schema)

    return df.mapInArrow(run, spark_schema(schema))


def what_if(
    df: DataFrame,
    *,
    what_if: kmcore.Catalogue,
    base: kmcore.Catalogue | None = None,
    service: Any = None,
    jurisdiction: Any = None,
    as_of: Any = None,
    ignore: Sequence[str] | None = None,
    threads: int = 1,
) -> pa.Table:
    """``what_if_batch`` over a Spark DataFrame: each partition's totals are
    computed in the executors and added up here, so the result is the table
    one ``what_if_batch`` call over all the rows returns."""
    ignore = list(ignore or [])
    schema = kmcore.what_if_batch_schema()

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            out = kmcore.what_if_batch(
                batch,
                what_if=what_if,
                base=base,
                service=service,
                jurisdiction=jurisdiction,
                as_of=as_of,
                ignore=ignore,
                threads=threads,
            )
            yield from _conform(out, schema)

    parts = df.mapInArrow(run, spark_schema(schema))
    rows = [r.asDict() for r in parts.collect()]
    return sum_what_if(pa.Table.from_pylist(rows, schema=schema))


def replay(
    df: DataFrame,
    *,
    now: Any,
    log_column: str = "log",
    catalogue: kmcore.Catalogue | None = None,
    threads: int = 1,
) -> DataFrame:
    """``replay_batch`` over the JSON logs in ``log_column``: one row per
    log with ``replay_batch``'s columns (``application_id`` keys them)."""
    schema = kmcore.replay_batch_schema()

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        offset = 0
        for batch in batches:
            logs = batch.column(batch.schema.get_field_index(log_column))
            out = kmcore.replay_batch(logs, now=now, catalogue=catalogue, threads=threads, row_offset=offset)
            offset += batch.num_rows
            yield from _conform(out, schema)

    return df.select(log_column).mapInArrow(run, spark_schema(schema))
