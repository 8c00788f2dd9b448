"""What partitioned engines need from the batch functions: the full schema
for an input with no rows, the schema up front, plain (portable) types,
float columns for integer facts, a row offset, and polars string views."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import kmcore
from kmcore import InvalidInputError

PERMANENT: dict[str, Any] = {
    "service": "driving_licence.permanent",
    "jurisdiction": "PB",
    "as_of": dt.date(2025, 2, 12),
    "category": "motorcycle",
    "date_of_birth": dt.date(1994, 8, 20),
    "learner_issued_on": dt.date(2025, 1, 1),
    "passed_sign_test": True,
    "passed_road_test": True,
    "licence_term_years": 1,
    "has_medical_fitness_certificate": False,
}


def permanent_rows(terms: list[Any]) -> list[dict[str, Any]]:
    return [{**PERMANENT, "licence_term_years": t} for t in terms]


def table(terms: list[Any], **types: pa.DataType) -> pa.Table:
    rows = permanent_rows(terms)
    cols = {k: [r[k] for r in rows] for k in rows[0]}
    return pa.table({k: pa.array(v, type=types.get(k)) for k, v in cols.items()})


# --- zero rows -----------------------------------------------------------------


def test_zero_rows_return_the_full_schema_with_kept_columns() -> None:
    empty = table([1]).slice(0, 0).append_column("id", pa.array([], pa.int32()))
    out = kmcore.evaluate_batch(empty, keep=["id"])
    assert out.num_rows == 0
    assert out.schema == kmcore.evaluate_batch_schema(empty, keep=["id"])
    assert out.schema.names[0] == "id" and out.schema.field("id").type == pa.int32()
    # Also with no record batch at all.
    reader = pa.RecordBatchReader.from_batches(empty.schema, [])
    assert kmcore.evaluate_batch(reader, keep=["id"]).schema == out.schema


def test_zero_rows_check_keep_like_any_input() -> None:
    empty = table([1]).slice(0, 0)
    with pytest.raises(InvalidInputError) as e:
        kmcore.evaluate_batch(empty, keep=["no_such_column"])
    assert e.value.code == "input.keep"
    with pytest.raises(InvalidInputError) as e:
        kmcore.evaluate_batch(empty.append_column("row", pa.array([], pa.int64())), keep=["row"])
    assert e.value.code == "input.keep"


# --- the schema up front ---------------------------------------------------------


def test_schema_functions_match_what_the_functions_return() -> None:
    t = table([1, 3]).append_column("id", pa.array(["a", "b"]))
    for portable in (False, True):
        out = kmcore.evaluate_batch(t, keep=["id"], portable=portable)
        assert out.schema == kmcore.evaluate_batch_schema(t.schema, keep=["id"], portable=portable)
        assert out.schema == kmcore.evaluate_batch_schema(t, keep=["id"], portable=portable)
    assert kmcore.evaluate_batch_schema() == kmcore.evaluate_batch(t.drop_columns(["id"])).schema
    what_if = kmcore.what_if_batch(t.drop_columns(["id"]), what_if=kmcore.Catalogue())
    assert what_if.schema == kmcore.what_if_batch_schema()
    replayed = kmcore.replay_batch(["not json"], now=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    assert replayed.schema == kmcore.replay_batch_schema()


def test_schema_function_checks_keep() -> None:
    with pytest.raises(InvalidInputError):
        kmcore.evaluate_batch_schema(keep=["id"])
    with pytest.raises(InvalidInputError):
        kmcore.evaluate_batch_schema(pa.schema([("x", pa.int64())]), keep=["id"])
    with pytest.raises(TypeError):
        kmcore.evaluate_batch_schema(42)  # type: ignore[arg-type]


# --- portable output ---------------------------------------------------------------


def test_portable_output_has_no_dictionary_or_view_columns() -> None:
    df = pl.DataFrame(permanent_rows([1, 3])).with_columns(
        pl.Series("name", ["a", "b"]), pl.Series("district", ["LHR", "RWP"]).cast(pl.Categorical)
    )
    kept = ["name", "district"]
    plain = kmcore.evaluate_batch(df, keep=kept)
    assert plain.schema.field("name").type == pa.string_view()
    assert pa.types.is_dictionary(plain.schema.field("fee_status").type)
    portable = kmcore.evaluate_batch(df, keep=kept, portable=True)
    assert portable.schema.field("name").type == pa.large_string()
    assert portable.schema.field("district").type == pa.large_string()
    assert portable.schema.field("fee_status").type == pa.string()
    for f in portable.schema:
        assert not pa.types.is_dictionary(f.type), f
    # The same values, and a portable table sorts (a string_view one cannot).
    assert portable.column("fee_status").to_pylist() == plain.column("fee_status").to_pylist()
    assert portable.column("name").to_pylist() == ["a", "b"]
    assert portable.sort_by("name").column("row").to_pylist() == [0, 1]


# --- float columns for integer facts ------------------------------------------------


def test_whole_floats_read_as_integers_and_nan_as_null() -> None:
    ints = kmcore.evaluate_batch(table([1, 3, None]))
    floats = kmcore.evaluate_batch(table([1.0, 3.0, math.nan], licence_term_years=pa.float64()))
    assert floats.column("error").to_pylist() == ints.column("error").to_pylist()
    assert floats.column("fee_paisa").to_pylist() == ints.column("fee_paisa").to_pylist()
    f32 = kmcore.evaluate_batch(table([1.0, 3.0, None], licence_term_years=pa.float32()))
    assert f32.column("fee_paisa").to_pylist() == ints.column("fee_paisa").to_pylist()


def test_a_float_that_is_not_whole_is_a_row_error() -> None:
    out = kmcore.evaluate_batch(table([1.0, 2.5, math.inf], licence_term_years=pa.float64()))
    errors = out.column("error").to_pylist()
    assert errors[0] is None
    for e in errors[1:]:
        assert e is not None and e.startswith("input.type: fact `licence_term_years`"), e
        assert "whole number" in e
    assert out.column("eligible").to_pylist()[1:] == [None, None]


def test_numpy_backed_pandas_integers_with_nulls() -> None:
    frame = pd.DataFrame(permanent_rows([1, None, 3]))
    assert frame["licence_term_years"].dtype == "float64"
    out = kmcore.evaluate_batch(pa.Table.from_pandas(frame, preserve_index=False))
    ints = kmcore.evaluate_batch(table([1, None, 3]))
    assert out.column("fee_paisa").to_pylist() == ints.column("fee_paisa").to_pylist()
    assert out.column("error").to_pylist() == ints.column("error").to_pylist()


# --- row offset ------------------------------------------------------------------------


def test_row_offset_numbers_a_partition() -> None:
    t = table([1, 3, 5, 1])
    whole = kmcore.evaluate_batch(t)
    first = kmcore.evaluate_batch(t.slice(0, 2))
    second = kmcore.evaluate_batch(t.slice(2), row_offset=2)
    assert second.column("row").to_pylist() == [2, 3]
    assert pa.concat_tables([first, second]).equals(whole)
    logs = ["not json", None]
    now = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    assert kmcore.replay_batch(logs, now=now, row_offset=10).column("row").to_pylist() == [10, 11]
