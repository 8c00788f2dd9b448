"""Scaffold tests: the binding toolchain end to end (value type, errors,
Arrow in and out). The real API's tests go beside this file."""

from __future__ import annotations

import pickle
import threading
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import kmcore
from kmcore import (
    BundleError,
    InvalidInputError,
    KmError,
    Money,
    MoveNotAllowedError,
    NotEligibleError,
    NotKnownError,
    TamperedLogError,
)

I64_MAX = 2**63 - 1

# --- Money ------------------------------------------------------------------


def test_money_repr_str_and_accessors() -> None:
    fee = Money.from_rupees(1_830)
    assert repr(fee) == "Money(paisa=183000)"
    assert str(fee) == "Rs 1,830"
    assert str(Money(183_050)) == "Rs 1,830.50"
    assert str(Money(-50_000)) == "-Rs 500"
    assert fee.paisa == 183_000
    assert fee.whole_rupees() == 1_830
    assert Money(50).whole_rupees() is None
    assert type(fee).__module__ == "kmcore"


def test_money_eq_hash_order() -> None:
    assert Money(100) == Money(100)
    assert Money(100) != Money(101)
    assert Money(100) != 100  # no cross-type equality
    assert hash(Money(100)) == hash(Money(100))
    assert len({Money(1), Money(1), Money(2)}) == 2
    assert Money(1) < Money(2) <= Money(2)
    assert sorted([Money(3), Money(1), Money(2)]) == [Money(1), Money(2), Money(3)]


def test_money_arithmetic_is_checked() -> None:
    assert Money(100) + Money(50) == Money(150)
    assert Money(100) - Money(150) == Money(-50)
    assert Money(100) * 3 == 3 * Money(100) == Money(300)
    with pytest.raises(InvalidInputError) as info:
        Money(I64_MAX) + Money(1)
    assert info.value.code == "money.overflow"


def test_money_is_immutable() -> None:
    fee = Money(1)
    with pytest.raises(AttributeError):
        fee.paisa = 2  # type: ignore[misc]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_money_pickles(protocol: int) -> None:
    fee = Money(183_050)
    back = pickle.loads(pickle.dumps(fee, protocol=protocol))
    assert back == fee
    assert type(back) is Money
    assert hash(back) == hash(fee)


# --- errors -----------------------------------------------------------------

ALL_ERRORS: list[tuple[str, type[KmError]]] = [
    ("invalid_input", InvalidInputError),
    ("not_eligible", NotEligibleError),
    ("move_not_allowed", MoveNotAllowedError),
    ("bundle", BundleError),
    ("tampered_log", TamperedLogError),
    ("not_known", NotKnownError),
]


def test_error_raised_from_rust_carries_code_and_message() -> None:
    with pytest.raises(KmError) as info:
        Money.from_rupees(I64_MAX)
    err = info.value
    assert type(err) is InvalidInputError
    assert isinstance(err, ValueError)
    assert err.code == "money.overflow"
    assert err.message == f"Rs {I64_MAX} is too large"
    assert str(err) == f"Rs {I64_MAX} is too large [money.overflow]"


@pytest.mark.parametrize(("kind", "cls"), ALL_ERRORS)
def test_every_error_kind_maps_to_its_class(kind: str, cls: type[KmError]) -> None:
    with pytest.raises(cls) as info:
        kmcore._kmcore._raise_error(kind, "some.code", "some message")
    err = info.value
    assert type(err) is cls
    assert isinstance(err, KmError)
    assert cls.kind == kind
    assert (err.code, err.message) == ("some.code", "some message")


def test_unknown_error_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown error kind"):
        kmcore._kmcore._raise_error("nonsense", "c", "m")


@pytest.mark.parametrize(("kind", "cls"), ALL_ERRORS)
def test_errors_pickle(kind: str, cls: type[KmError]) -> None:
    with pytest.raises(KmError) as info:
        kmcore._kmcore._raise_error(kind, "some.code", "some message")
    back = pickle.loads(pickle.dumps(info.value))
    assert type(back) is cls
    assert (back.code, back.message) == ("some.code", "some message")
    assert str(back) == "some message [some.code]"


# --- Arrow ------------------------------------------------------------------

EXPECTED_SCHEMA = pa.schema(
    [
        pa.field("fee_paisa", pa.int64()),
        pa.field("doubled_paisa", pa.int64()),
        pa.field("error", pa.string()),
    ]
)


def check_doubled(out: Any, fees: list[int]) -> None:
    assert isinstance(out, pa.Table)
    assert out.schema == EXPECTED_SCHEMA
    assert out.column("fee_paisa").to_pylist() == fees
    assert out.column("doubled_paisa").to_pylist() == [2 * f for f in fees]
    assert out.column("error").null_count == len(fees)


FEES = [50_000, 183_000, 0, -150]


def test_double_fees_pyarrow_table() -> None:
    check_doubled(kmcore.double_fees(pa.table({"fee_paisa": FEES, "other": ["a"] * 4})), FEES)


def test_double_fees_pyarrow_record_batch_and_reader() -> None:
    batch = pa.record_batch({"fee_paisa": pa.array(FEES, pa.int64())})
    check_doubled(kmcore.double_fees(batch), FEES)  # __arrow_c_array__
    reader = pa.RecordBatchReader.from_batches(batch.schema, [batch, batch])
    check_doubled(kmcore.double_fees(reader), FEES + FEES)  # stream of 2 batches


def test_double_fees_polars() -> None:
    df = pl.DataFrame({"fee_paisa": FEES, "name": ["a", "b", "c", "d"]})
    check_doubled(kmcore.double_fees(df), FEES)


def test_double_fees_pandas() -> None:
    df = pd.DataFrame({"fee_paisa": FEES})
    check_doubled(kmcore.double_fees(df), FEES)


def test_double_fees_list_of_dicts() -> None:
    check_doubled(kmcore.double_fees([{"fee_paisa": f} for f in FEES]), FEES)


def test_double_fees_narrower_integer_column_is_cast() -> None:
    check_doubled(kmcore.double_fees(pa.table({"fee_paisa": pa.array(FEES, pa.int32())})), FEES)


def test_bad_rows_give_error_values_not_exceptions() -> None:
    rows: list[dict[str, Any]] = [
        {"fee_paisa": 100},
        {"fee_paisa": I64_MAX},  # doubling overflows
        {"fee_paisa": None},
        {"fee_paisa": "a lot"},
        {"name": "no fee"},
        {"fee_paisa": 7},
    ]
    out = kmcore.double_fees(rows)
    assert out.column("doubled_paisa").to_pylist() == [200, None, None, None, None, 14]
    errors = out.column("error").to_pylist()
    assert errors[0] is None and errors[5] is None
    assert errors[1].startswith("money.overflow:")
    assert errors[2] == "input.null: `fee_paisa` is null"
    assert errors[3].startswith("input.type:")
    assert errors[4] == "input.missing: the row has no `fee_paisa`"


def test_bad_rows_in_arrow_input() -> None:
    table = pa.table({"fee_paisa": pa.array([1, None, I64_MAX], pa.int64())})
    out = kmcore.double_fees(table)
    assert out.column("doubled_paisa").to_pylist() == [2, None, None]
    errors = out.column("error").to_pylist()
    assert errors[0] is None
    assert errors[1] == "input.null: `fee_paisa` is null"
    assert errors[2].startswith("money.overflow:")
    big = pa.table({"fee_paisa": pa.array([2**64 - 1, 3], pa.uint64())})
    errors = kmcore.double_fees(big).column("error").to_pylist()
    assert errors == ["input.range: `fee_paisa` does not fit in int64", None]


def test_bad_input_as_a_whole_raises() -> None:
    with pytest.raises(InvalidInputError) as info:
        kmcore.double_fees(pa.table({"fee": [1]}))
    assert info.value.code == "input.column_missing"
    with pytest.raises(InvalidInputError) as info:
        kmcore.double_fees(pl.DataFrame({"fee_paisa": ["1"]}))
    assert info.value.code == "input.column_type"
    with pytest.raises(TypeError):
        kmcore.double_fees(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        kmcore.double_fees("fee_paisa")  # type: ignore[arg-type]


def test_double_fees_large_input_uses_worker_threads() -> None:
    n = 200_000
    fees = pa.array(range(n), pa.int64())
    out = kmcore.double_fees(pa.table({"fee_paisa": fees}))
    assert out.num_rows == n
    assert out.column("doubled_paisa").to_pylist()[-3:] == [2 * (n - 3), 2 * (n - 2), 2 * (n - 1)]
    assert out.column("error").null_count == n


def test_double_fees_from_several_python_threads() -> None:
    table = pa.table({"fee_paisa": pa.array(range(50_000), pa.int64())})
    results: list[int] = []

    def work() -> None:
        results.append(kmcore.double_fees(table).num_rows)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [50_000] * 4


def test_version() -> None:
    assert kmcore.__version__ == kmcore._kmcore.__version__
    assert kmcore.__version__.count(".") == 2
