"""Seals: an office signs the head of a log; a rewrite is caught even when
every hash of the chain was recomputed."""

from __future__ import annotations

import pickle

import pytest

import kmcore
from kmcore import (
    Actor,
    Application,
    Catalogue,
    InvalidInputError,
    Jurisdiction,
    ServiceId,
    TamperedLogError,
)

OFFICE = bytes([7]) * 32


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return Catalogue.embedded()


def submitted(cat: Catalogue, actor: Actor) -> Application:
    app = Application(cat, ServiceId.LOST_REPORT, Jurisdiction.PB, "LR-SEAL")
    app.apply("submit", at="2025-05-01T09:00:00+05:00", actor=actor)
    return app


def test_a_sealed_log_round_trips_and_verifies(cat: Catalogue) -> None:
    public = kmcore.seal_public_key(OFFICE)
    assert isinstance(public, bytes) and len(public) == 32
    assert submitted(cat, Actor.CITIZEN).seal_key_id is None
    app = submitted(cat, Actor.CITIZEN)
    app.seal("PB-LHR-01", OFFICE)
    assert app.seal_key_id == "PB-LHR-01"
    app.verify_seal(public)
    back = Application.from_json(cat, app.to_json())
    back.verify_seal(public)
    assert back.seal_key_id == "PB-LHR-01"
    again = pickle.loads(pickle.dumps(back))
    again.verify_seal(public)


def test_a_rewrite_with_a_recomputed_chain_is_caught(cat: Catalogue) -> None:
    public = kmcore.seal_public_key(OFFICE)
    app = submitted(cat, Actor.CITIZEN)
    app.seal("PB-LHR-01", OFFICE)
    sealed = app.to_json()
    forged = submitted(cat, Actor.CLERK).to_json()
    seal = sealed[sealed.index(',"seal":') :]
    loaded = Application.from_json(cat, forged[:-1] + seal)
    with pytest.raises(TamperedLogError) as info:
        loaded.verify_seal(public)
    assert info.value.code == "log.seal"
    with pytest.raises(TamperedLogError):
        Application.from_json(cat, sealed).verify_seal(kmcore.seal_public_key(bytes(32)))


def test_bad_keys_and_missing_seals_are_invalid_input(cat: Catalogue) -> None:
    app = submitted(cat, Actor.CITIZEN)
    with pytest.raises(InvalidInputError) as info:
        app.verify_seal(kmcore.seal_public_key(OFFICE))
    assert info.value.code == "seal.missing"
    with pytest.raises(InvalidInputError):
        app.seal("PB", b"short")
    with pytest.raises(InvalidInputError):
        app.seal("", OFFICE)
    with pytest.raises(InvalidInputError):
        kmcore.seal_public_key(b"")
