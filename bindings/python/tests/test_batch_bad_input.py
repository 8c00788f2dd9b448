"""Bad input to the batch functions: each is a clear error, never a silent
choice, a wrong-type exception from deep inside, or an error column the size
of the bad value."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

import pyarrow as pa
import pytest

import kmcore
from kmcore import InvalidInputError

LEARNER: dict[str, Any] = {
    "service": "driving_licence.learner_permit",
    "jurisdiction": "PB",
    "as_of": dt.date(2026, 3, 1),
    "category": "motorcycle",
    "date_of_birth": dt.date(2008, 2, 29),
    "has_valid_cnic": True,
}


def test_two_columns_with_one_name_are_refused() -> None:
    # Both orders: the answer must not depend on which copy comes first.
    for first, second in [(True, False), (False, True)]:
        t = pa.Table.from_arrays(
            [
                pa.array([LEARNER["service"]]),
                pa.array(["PB"]),
                pa.array([LEARNER["as_of"]]),
                pa.array(["motorcycle"]),
                pa.array([LEARNER["date_of_birth"]]),
                pa.array([first]),
                pa.array([second]),
            ],
            names=["service", "jurisdiction", "as_of", "category", "date_of_birth",
                   "has_valid_cnic", "has_valid_cnic"],
        )
        with pytest.raises(InvalidInputError) as info:
            kmcore.evaluate_batch(t)
        assert info.value.code == "input.duplicate_column"
        assert "`has_valid_cnic`" in info.value.message
        with pytest.raises(InvalidInputError) as info:
            kmcore.what_if_batch(t, what_if=kmcore.Catalogue.embedded())
        assert info.value.code == "input.duplicate_column"


def test_a_huge_bad_value_makes_a_short_error() -> None:
    huge = "x" * 10_000_000
    rows = [{**LEARNER, "service": huge}] * 5 + [{**LEARNER, "category": huge}] * 5
    for given in (rows, pa.Table.from_pylist(rows)):
        errors = kmcore.evaluate_batch(given).column("error").to_pylist()
        assert all(e is not None for e in errors)
        assert max(len(e) for e in errors) < 400, max(len(e) for e in errors)
        assert all("x" * 40 + "…" in e for e in errors)
        assert all("10000000 characters" in e for e in errors)
    # A dictionary-encoded column takes another path: the same rule holds.
    t = pa.Table.from_pylist(rows)
    t = t.set_column(0, "service", t.column("service").dictionary_encode())
    errors = kmcore.evaluate_batch(t).column("error").to_pylist()
    assert max(len(e) for e in errors) < 400
    # The whole-call errors quote values the same way.
    with pytest.raises(InvalidInputError) as info:
        kmcore.evaluate_batch([LEARNER], service=huge)
    # (the message lists the valid services; the bad value is cut)
    assert "x" * 40 + "…" in info.value.message and "x" * 41 not in info.value.message
    with pytest.raises(InvalidInputError) as info:
        kmcore.evaluate_batch(pa.Table.from_pylist([LEARNER]).append_column(huge, pa.array([1])))
    assert info.value.code == "input.unknown_column" and len(info.value.message) < 400


@pytest.mark.parametrize("threads", [0, -1, -(2**63), 2**64, 1025])
def test_threads_out_of_range_is_a_value_error(threads: int) -> None:
    table = pa.Table.from_pylist([LEARNER])
    cat = kmcore.Catalogue.embedded()
    calls: list[Callable[[], object]] = [
        lambda: kmcore.evaluate_batch(table, threads=threads),
        lambda: kmcore.what_if_batch(table, what_if=cat, threads=threads),
        lambda: kmcore.replay_batch([], now=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
                                    threads=threads),
    ]
    for call in calls:
        with pytest.raises(ValueError, match="threads must be from 1 to 1024"):
            call()


@pytest.mark.parametrize("threads", [1.0, True, "2"])
def test_threads_of_another_type_is_a_type_error(threads: Any) -> None:
    with pytest.raises(TypeError, match="threads must be a whole number"):
        kmcore.evaluate_batch([LEARNER], threads=threads)


def test_threads_in_range_and_none_give_the_same_answer() -> None:
    table = pa.Table.from_pylist([LEARNER] * 100)
    one = kmcore.evaluate_batch(table, threads=1)
    assert kmcore.evaluate_batch(table, threads=None).equals(one)
    assert kmcore.evaluate_batch(table, threads=1024).equals(one)


RENEWAL: dict[str, Any] = {
    "service": "driving_licence.renewal",
    "jurisdiction": "PB",
    "as_of": dt.date(2026, 3, 1),
    "category": "motor_car",
    "date_of_birth": dt.date(1990, 1, 1),
    "expires_on": dt.date(2026, 4, 1),
    "licence_term_years": 1,
}


@pytest.mark.parametrize("years", [2, 0, -1, 2**62])
def test_a_licence_term_that_is_not_sold_is_invalid_input(years: int) -> None:
    rows = [RENEWAL, {**RENEWAL, "licence_term_years": years}]
    for given in (rows, pa.Table.from_pylist(rows)):
        out = kmcore.evaluate_batch(given).to_pylist()
        assert out[0]["error"] is None
        assert out[1]["error"] is not None
        assert out[1]["error"].startswith("fact.out_of_range:"), out[1]["error"]
        assert out[1]["outcome"] is None and out[1]["fee_paisa"] is None
    with pytest.raises(InvalidInputError) as info:
        facts = {k: v for k, v in RENEWAL.items() if k not in ("service", "jurisdiction", "as_of")}
        kmcore.Catalogue.embedded().evaluate(
            RENEWAL["service"], "PB", RENEWAL["as_of"], {**facts, "licence_term_years": years}
        )
    assert info.value.code == "fact.out_of_range"
