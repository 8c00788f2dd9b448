"""Money, Span and the exception hierarchy (kinds, codes, context, pickling)."""

from __future__ import annotations

import pickle

import pytest

import kmcore
from kmcore import (
    BundleError,
    InvalidInputError,
    KmError,
    Money,
    MoveNotAllowedError,
    Span,
    NotEligibleError,
    NotKnownError,
    UndeterminedError,
    InternalError,
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
    ("undetermined", UndeterminedError),
    ("internal", InternalError),
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


def test_version() -> None:
    assert kmcore.__version__ == kmcore._kmcore.__version__
    assert kmcore.__version__.count(".") == 2


def test_span_value_type() -> None:
    s = Span(years=17, months=11, days=30)
    assert repr(s) == "Span(years=17, months=11, days=30)"
    assert str(s) == "17 years 11 months 30 days"
    assert s == Span(17, 11, 30) and hash(s) == hash(Span(17, 11, 30))
    assert Span(1) > Span(0, 11, 30)
    assert s.total_months() == 17 * 12 + 11
    assert pickle.loads(pickle.dumps(s)) == s


def test_error_context_and_pickling() -> None:
    err = NotEligibleError(
        "workflow.guard_failed", "refused", reasons=("age.minimum",), state="draft", event="submit"
    )
    back = pickle.loads(pickle.dumps(err))
    assert (back.code, back.reasons, back.state, back.event, back.index) == (
        "workflow.guard_failed",
        ("age.minimum",),
        "draft",
        "submit",
        None,
    )
    assert repr(back) == "NotEligibleError('workflow.guard_failed', 'refused')"


def test_error_kinds_match_the_error_kind_enum() -> None:
    assert {cls.kind for _, cls in ALL_ERRORS} == {k.value for k in kmcore.ErrorKind}
    for kind, cls in ALL_ERRORS:
        assert kmcore.ErrorKind(kind) == cls.kind
