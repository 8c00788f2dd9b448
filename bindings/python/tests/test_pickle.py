"""Everything a user would send to another process pickles, and comes back
equal (multiprocessing, Dask and Spark all pickle)."""

from __future__ import annotations

import datetime as dt
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest

import kmcore
from kmcore import Application, Catalogue, Jurisdiction, ServiceId

FACTS: dict[str, Any] = {
    "category": "motorcycle",
    "date_of_birth": dt.date(2000, 1, 1),
    "has_valid_cnic": True,
}


def overlay(cat: Catalogue) -> dict[str, Any]:
    return {
        "format_version": 1,
        "bundle_version": "lp-900",
        "title": "what-if",
        "overlay_of": cat.bundle_version,
        "parameters": {
            "driving_licence.learner_permit": {
                "fee.motorcycle": {
                    "PB": [{"effective_from": "2026-07-01", "rupees": 900, "source": "what-if",
                            "basis": "uncertain"}]
                }
            }
        },
    }


def values() -> list[object]:
    cat = Catalogue()
    decision = cat.evaluate(ServiceId.LEARNER_PERMIT, "PB", "2026-03-01", FACTS)
    refused = cat.evaluate(ServiceId.LEARNER_PERMIT, "PB", "2010-03-01", FACTS)
    deadline = cat.evaluate(ServiceId.CHARACTER_CERTIFICATE_VALIDITY, "PB", "2025-06-01",
                            {"issued_on": "2025-01-01"})
    app = Application(cat, ServiceId.LEARNER_PERMIT, "PB", "LP-1")
    record = app.apply("submit", at="2026-03-01T10:00:00+05:00", actor="clerk", facts=FACTS)
    workflow = cat.workflow(ServiceId.LEARNER_PERMIT)
    assert workflow is not None
    return [
        kmcore.Money(12_345),
        kmcore.Span(1, 2, 3),
        kmcore.Facts(**FACTS, reported_at=dt.datetime(2025, 1, 1, 10, 0)),
        kmcore.Request(ServiceId.LEARNER_PERMIT, "PB", dt.datetime(2026, 3, 1, 10, 0), FACTS),
        decision,
        refused,
        deadline,
        *decision.checks,
        *refused.checks[0].params,
        decision.quote,
        *decision.quote.lines,
        decision.quote.lines[0].rule,
        *cat.documents(ServiceId.CHARACTER_CERTIFICATE_ISSUE, "ICT", "2026-01-01"),
        cat.service(ServiceId.PERMANENT_LICENCE),
        *cat.service(ServiceId.PERMANENT_LICENCE).params,
        workflow,
        *workflow.states,
        *workflow.events,
        record,
        app.sla("2026-03-02T10:00:00+05:00"),
        kmcore.Cnic("35202-1234567-1"),
        kmcore.MobileNumber("03001234567"),
        kmcore.VehicleRegistration("LEA-123", "pb_universal_2017", "car"),
        kmcore.ConflictingValue(2000, "report", "uncertain", "not applied"),
        ServiceId.RETEST,
        Jurisdiction.KP,
        kmcore.FeeStatus.NOT_KNOWN,
    ]


@pytest.mark.parametrize("protocol", [2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL])
def test_value_types_round_trip(protocol: int) -> None:
    for value in values():
        back = pickle.loads(pickle.dumps(value, protocol=protocol))
        assert type(back) is type(value), value
        assert back == value, value
        assert hash(back) == hash(value), value


def test_rule_values_keep_conflicts() -> None:
    cat = Catalogue()
    with_conflicts = [v for v in cat.bundle.values() if v.conflicts]
    assert with_conflicts, "the embedded bundle records conflicting reports"
    for v in with_conflicts[:5]:
        back = pickle.loads(pickle.dumps(v))
        assert back == v and back.conflicts == v.conflicts


def test_catalogues_pickle_as_their_bundles() -> None:
    cat = Catalogue()
    what_if = cat.with_overlay(overlay(cat))
    for c in (cat, what_if):
        back = pickle.loads(pickle.dumps(c))
        assert back.bundle_version == c.bundle_version and back.versions == c.versions
    back = pickle.loads(pickle.dumps(what_if))
    assert back.evaluate(ServiceId.LEARNER_PERMIT, "PB", "2026-07-01", FACTS).fee_due == kmcore.Money(90_000)


def test_applications_pickle_with_their_catalogue() -> None:
    cat = Catalogue().with_overlay(overlay(Catalogue()))
    app = Application(cat, ServiceId.LEARNER_PERMIT, "PB", "LP-9")
    app.apply("submit", at="2026-07-02T10:00:00+05:00", actor="clerk", facts=FACTS)
    back = pickle.loads(pickle.dumps(app))
    assert back == app and back.state == "submitted"
    assert back.catalogue.bundle_version == cat.bundle_version
    back.apply("pay_fee", at="2026-07-02T10:05:00+05:00", actor="citizen")
    assert len(back) == 2 and len(app) == 1


def _evaluate_in_worker(args: tuple[Catalogue, kmcore.Request]) -> kmcore.Decision:
    cat, request = args
    return cat.evaluate_request(request)


def test_a_process_pool_gets_the_same_answers() -> None:
    cat = Catalogue().with_overlay(overlay(Catalogue()))
    requests = [
        kmcore.Request(ServiceId.LEARNER_PERMIT, "PB", dt.date(2026, 7, d), FACTS) for d in (1, 2, 3)
    ]
    with ProcessPoolExecutor(max_workers=2) as pool:
        remote = list(pool.map(_evaluate_in_worker, [(cat, r) for r in requests]))
    assert remote == [cat.evaluate_request(r) for r in requests]
    assert remote[0].fee_due == kmcore.Money(90_000)
