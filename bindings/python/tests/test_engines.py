"""kmcore inside real engines: PySpark in local mode and a Dask process
cluster, each on 10,000 applications of all 24 services in several
partitions, compared row for row with one in-process ``evaluate_batch``;
the what-if added up over partitions equals the single-process what-if.

The engines come from requirements-engines.txt (installed by
bindings/scripts/test-python.sh); without them these tests are skipped.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from typing import Any, Iterator

import pyarrow as pa
import pytest

import kmcore
from population import population

ROWS = 10_000
NOW = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))


@pytest.fixture(scope="module")
def table() -> pa.Table:
    return population(ROWS)


@pytest.fixture(scope="module")
def what_if_catalogue() -> kmcore.Catalogue:
    """The embedded bundle with one fee raised from 2025 (as a province's
    budget would), so the what-if differs from the base."""
    base = kmcore.Catalogue()
    overlay = {
        "format_version": 1,
        "bundle_version": "lp-1000",
        "title": "learner permit Rs 1,000 in Punjab",
        "overlay_of": base.bundle_version,
        "parameters": {
            "driving_licence.learner_permit": {
                "fee.motorcycle": {
                    "PB": [{"effective_from": "2025-01-01", "rupees": 1000, "source": "what-if", "basis": "uncertain"}]
                }
            }
        },
    }
    return base.with_overlay(overlay)


def sort_by_id(t: pa.Table) -> pa.Table:
    return t.sort_by("id")


def compare(expected: pa.Table, got: pa.Table) -> None:
    """Row for row, by the kept `id` (partitions number `row` apart)."""
    assert got.num_rows == expected.num_rows
    cols = ["id", "eligible", "fee_paisa", "fee_status", "reasons", "missing_documents", "error"]
    want = sort_by_id(expected).select(cols)
    have = sort_by_id(got).select(cols)
    for c in cols:
        assert have.column(c).to_pylist() == want.column(c).to_pylist(), c


# --- Spark ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java for Spark")
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("kmcore-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_evaluate_matches_one_process(spark: Any, table: pa.Table) -> None:
    from kmcore import spark as kspark

    expected = kmcore.evaluate_batch(table, keep=["id"], portable=True)
    df = spark.createDataFrame(table).repartition(6)
    out = kspark.evaluate(df, keep=["id"])
    assert kspark.ddl(kmcore.evaluate_batch_schema(portable=True)).startswith(
        "row BIGINT NOT NULL, eligible BOOLEAN, fee_paisa BIGINT, fee_status STRING, reasons ARRAY<STRING>"
    )
    got = pa.Table.from_pylist([r.asDict() for r in out.collect()])
    compare(expected, got)


def test_spark_what_if_summed_over_partitions(
    spark: Any, table: pa.Table, what_if_catalogue: kmcore.Catalogue
) -> None:
    from kmcore import spark as kspark

    expected = kmcore.what_if_batch(table, what_if=what_if_catalogue, ignore=["id"])
    df = spark.createDataFrame(table).repartition(5)
    got = kspark.what_if(df, what_if=what_if_catalogue, ignore=["id"])
    assert got.equals(expected)


def test_spark_empty_partitions_and_bad_keep(spark: Any, table: pa.Table) -> None:
    from kmcore import KmError
    from kmcore import spark as kspark

    df = spark.createDataFrame(table.slice(0, 3)).repartition(8)  # most partitions empty
    assert kspark.evaluate(df, keep=["id"]).count() == 3
    with pytest.raises(KmError):
        kspark.evaluate(df, keep=["no_such_column"])


def test_spark_replay(spark: Any) -> None:
    from kmcore import spark as kspark

    cat = kmcore.Catalogue()
    logs = []
    for i in range(20):
        app = kmcore.Application(cat, "character_certificate.issue", "PB", f"LHR-CC-{i:06d}")
        logs.append(app.to_json())
    logs.append("not json")
    df = spark.createDataFrame(pa.table({"log": logs}))
    got = pa.Table.from_pylist([r.asDict() for r in kspark.replay(df, now=NOW).collect()])
    expected = kmcore.replay_batch(logs, now=NOW)
    assert sorted(got.column("application_id").to_pylist(), key=str) == sorted(
        expected.column("application_id").to_pylist(), key=str
    )
    assert got.column("error").null_count == 20


# --- Dask ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_dask_evaluate_matches_one_process(dask_client: Any, table: pa.Table) -> None:
    import dask.dataframe as dd

    from kmcore import dask as kdask

    # numpy-backed, as a plain pandas export is: integers with nulls become
    # float64, booleans with nulls objects.
    frame = table.to_pandas()
    assert frame["licence_term_years"].dtype == "float64"
    ddf = dd.from_pandas(frame, npartitions=7)
    out = kdask.evaluate(ddf, keep=["id"])
    got = pa.Table.from_pandas(out.compute(), preserve_index=False)
    expected = kmcore.evaluate_batch(table, keep=["id"], portable=True)
    compare(expected, got)


def test_dask_what_if_summed_over_partitions(
    dask_client: Any, table: pa.Table, what_if_catalogue: kmcore.Catalogue
) -> None:
    import dask.dataframe as dd

    from kmcore import dask as kdask

    expected = kmcore.what_if_batch(table, what_if=what_if_catalogue, ignore=["id"])
    ddf = dd.from_pandas(table.to_pandas(), npartitions=5)
    got = kdask.what_if(ddf, what_if=what_if_catalogue, ignore=["id"])
    assert got.equals(expected)
