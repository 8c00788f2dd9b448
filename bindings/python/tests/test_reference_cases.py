"""The reference cases through Python, by the FACTS.md harness rules (§1).

The cases are read from ``../shared/reference/cases`` beside the project
root, or from the directory named by ``KMCORE_CASES_DIR`` (as the Rust and
Kotlin harnesses do). Unknown services, jurisdictions, fact keys, fact values
or expect keys fail the case; every ``expect`` field present is compared.
Confirmed cases must pass; uncertain cases run too and, when they differ, are
reported as expected failures (xfail) so that a change is seen.

Each case also runs through ``evaluate_batch`` (one table of every service
case) and must give the same answer there.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
from dataclasses import dataclass, field
from typing import Any, Optional

import pyarrow as pa
import pytest

import kmcore
from kmcore import Catalogue, Cnic, Facts, Jurisdiction, MobileNumber, ServiceId, VehicleRegistration

CASE_KEYS = {"id", "service", "jurisdiction", "as_of", "facts", "expect", "basis", "source", "note"}
EXPECT_KEYS = {"eligible", "eligible_from", "fee_pkr", "deadline", "gender", "normalized"}
# The facts dictionary of FACTS.md §5 (the core knows more keys; a case may
# use only these).
DICTIONARY = frozenset(
    [
        "date_of_birth",
        "category",
        "has_valid_cnic",
        "learner_issued_on",
        "passed_sign_test",
        "passed_road_test",
        "licence_held_since",
        "licence_term_years",
        "urgent",
        "has_medical_fitness_certificate",
        "failed_test",
        "failed_test_on",
        "expires_on",
        "has_valid_national_licence",
        "has_valid_visa",
        "engine_cc",
        "parental_consent",
        "has_passport",
        "has_affidavit",
        "applicant_abroad",
        "applied_by",
        "has_authority_letter",
        "has_photograph",
        "has_local_address",
        "has_residence_proof",
        "purpose",
        "issued_on",
        "premises",
        "has_rent_agreement",
        "possession_at",
        "checked_in_at",
        "reported_at",
        "establishment",
        "worker_present",
        "is_citizen",
        "has_domicile",
        "is_active_taxpayer",
        "has_criminal_record",
        "is_fugitive",
        "is_proscribed_member",
        "is_infirm",
        "vehicle_kind",
        "plate_scheme",
        "value",
    ]
)
IDENTIFIER_FACTS = {
    "identifier.cnic": {"value"},
    "identifier.mobile": {"value"},
    "identifier.vehicle_registration": {"value", "plate_scheme", "vehicle_kind"},
}


def cases_dir() -> pathlib.Path:
    env = os.environ.get("KMCORE_CASES_DIR")
    if env:
        return pathlib.Path(env)
    return pathlib.Path(__file__).resolve().parents[3] / ".." / "shared" / "reference" / "cases"


def load_cases() -> list[dict[str, Any]]:
    directory = cases_dir()
    # The cases beside FACTS.md and those of next/ are one set.
    files = sorted(directory.glob("*.json")) + sorted((directory / "next").glob("*.json"))
    cases: list[dict[str, Any]] = []
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        assert isinstance(data, list), f"{f}: not a JSON array of cases"
        cases.extend(data)
    return cases


CASES = load_cases()


class CaseError(Exception):
    """The case is malformed or names something unknown (it fails)."""


@dataclass
class Answer:
    # True eligible, False refused, None undetermined.
    eligible: Optional[bool]
    eligible_from: Optional[dt.date] = None
    fee_pkr: Optional[int] = None
    deadline: Any = None
    gender: Optional[str] = None
    normalized: Optional[str] = None
    request: Optional[dict[str, Any]] = field(default=None, repr=False)


def parse_as_of(text: str) -> dt.date | dt.datetime:
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_facts(raw: object) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise CaseError("`facts` is not an object")
    for key, value in raw.items():
        if key not in DICTIONARY:
            raise CaseError(f"fact `{key}` is not in the facts dictionary")
        if not isinstance(value, (bool, int, str)):
            raise CaseError(f"fact `{key}` has an unsupported value {value!r}")
    return raw


def run_identifier(service: str, facts: dict[str, Any]) -> Answer:
    allowed = IDENTIFIER_FACTS.get(service)
    if allowed is None:
        raise CaseError(f"unknown service `{service}`")
    extra = set(facts) - allowed
    if extra:
        raise CaseError(f"facts {sorted(extra)} are not listed for {service}")
    missing = allowed - set(facts)
    if missing:
        raise CaseError(f"required facts {sorted(missing)} are missing")
    checked = Facts(facts)  # unknown keys or values outside the allowed set fail
    value = facts["value"]
    try:
        if service == "identifier.cnic":
            c = Cnic(value)
            return Answer(True, gender=c.gender.value, normalized=c.normalized)
        if service == "identifier.mobile":
            return Answer(True, normalized=MobileNumber(value).normalized)
        assert checked.plate_scheme is not None and checked.vehicle_kind is not None
        plate = VehicleRegistration(value, checked.plate_scheme, checked.vehicle_kind)
        return Answer(True, normalized=plate.normalized)
    except kmcore.InvalidInputError:
        return Answer(False)


def run_service(cat: Catalogue, case: dict[str, Any]) -> Answer:
    try:
        service = ServiceId(case["service"])
    except ValueError as e:
        raise CaseError(f"unknown service `{case['service']}`") from e
    if case["jurisdiction"] is None:
        raise CaseError("jurisdiction is null for a service case")
    try:
        jurisdiction = Jurisdiction(case["jurisdiction"])
    except ValueError as e:
        raise CaseError(f"unknown jurisdiction `{case['jurisdiction']}`") from e
    raw = check_facts(case["facts"])
    facts = Facts(raw)  # wrong types and values outside the allowed set fail
    info = cat.service(service)
    required = {k.value for k in info.required_facts(jurisdiction)}
    # Only the keys the vocabulary lists for the service may appear: those it
    # requires, and those it takes in some cases only (optional facts).
    extra = set(raw) - required - {k.value for k in info.optional_facts}
    if extra:
        raise CaseError(f"facts {sorted(extra)} are not listed for {service.value} in {jurisdiction}")
    missing = required - set(raw)
    if missing:
        raise CaseError(f"required facts {sorted(missing)} are missing")
    as_of = parse_as_of(case["as_of"])
    d = cat.evaluate(service, jurisdiction, as_of, facts)
    fee = d.fee_due
    rupees = None
    if fee is not None:
        rupees = fee.whole_rupees()
        if rupees is None:
            raise CaseError("fee is not whole rupees")
    request = {"service": service.value, "jurisdiction": jurisdiction.value, "as_of": as_of, **raw}
    eligible = {
        kmcore.Outcome.ELIGIBLE: True,
        kmcore.Outcome.REFUSED: False,
        kmcore.Outcome.UNDETERMINED: None,
    }[d.outcome]
    return Answer(eligible, d.eligible_from, rupees, d.deadline, request=request)


def run_case(cat: Catalogue, case: dict[str, Any]) -> Answer:
    unknown = set(case) - CASE_KEYS
    if unknown:
        raise CaseError(f"unknown case keys {sorted(unknown)}")
    unknown = set(case["expect"]) - EXPECT_KEYS
    if unknown:
        raise CaseError(f"unknown expect keys {sorted(unknown)}")
    if case.get("basis") not in ("confirmed", "uncertain"):
        raise CaseError(f"unknown basis {case.get('basis')!r}")
    if case["service"].startswith("identifier."):
        if case["jurisdiction"] is not None:
            raise CaseError("identifier cases take a null jurisdiction")
        return run_identifier(case["service"], check_facts(case["facts"]))
    return run_service(cat, case)


def differences(answer: Answer, expect: dict[str, Any]) -> list[str]:
    wrong = []
    if answer.eligible != expect["eligible"]:
        wrong.append(f"eligible: got {answer.eligible}, want {expect['eligible']} (None: undetermined)")
    if "eligible_from" in expect:
        got_from = None if answer.eligible_from is None else answer.eligible_from.isoformat()
        if got_from != expect["eligible_from"]:
            wrong.append(f"eligible_from: got {got_from}, want {expect['eligible_from']}")
    if "fee_pkr" not in expect:
        raise CaseError("`expect.fee_pkr` missing")
    if answer.fee_pkr != expect["fee_pkr"]:
        wrong.append(f"fee_pkr: got {answer.fee_pkr}, want {expect['fee_pkr']}")
    if "deadline" in expect:
        want = parse_as_of(expect["deadline"])
        got = answer.deadline
        same = type(got) is type(want) and got == want
        if isinstance(got, dt.datetime) and isinstance(want, dt.datetime):
            same = same and got.utcoffset() == want.utcoffset()
        if not same:
            wrong.append(f"deadline: got {got!r}, want {want!r}")
    for key in ("gender", "normalized"):
        if key in expect and getattr(answer, key) != expect[key]:
            wrong.append(f"{key}: got {getattr(answer, key)!r}, want {expect[key]!r}")
    return wrong


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return Catalogue()


def test_cases_are_found_and_ids_unique() -> None:
    assert CASES, f"no case files in {cases_dir()}"
    ids = [c.get("id") for c in CASES]
    duplicates = sorted({i for i in ids if ids.count(i) > 1}, key=str)
    assert not duplicates, f"duplicate case ids: {duplicates}"


@pytest.mark.parametrize("case", CASES, ids=[str(c.get("id")) for c in CASES])
def test_reference_case(cat: Catalogue, case: dict[str, Any]) -> None:
    try:
        answer = run_case(cat, case)
        wrong = differences(answer, case["expect"])
    except (CaseError, kmcore.KmError) as e:
        wrong = [f"{type(e).__name__}: {e}"]
    if not wrong:
        return
    if case.get("basis") == "uncertain":
        pytest.xfail("uncertain case differs: " + "; ".join(wrong))
    pytest.fail("; ".join(wrong))


def test_summary_and_batch_agree(cat: Catalogue) -> None:
    """Every service case through evaluate_batch gives the answer evaluate gave."""
    counts = {"passed": 0, "failed": 0, "uncertain_agree": 0, "uncertain_differ": 0}
    rows: list[dict[str, Any]] = []
    answers: list[Answer] = []
    for case in CASES:
        try:
            answer = run_case(cat, case)
            ok = not differences(answer, case["expect"])
        except (CaseError, kmcore.KmError):
            answer, ok = None, False
        uncertain = case.get("basis") == "uncertain"
        key = ("uncertain_agree" if ok else "uncertain_differ") if uncertain else (
            "passed" if ok else "failed")
        counts[key] += 1
        if answer is not None and answer.request is not None:
            rows.append(answer.request)
            answers.append(answer)
    print(
        f"\nreference cases through Python: {counts['passed']} passed, {counts['failed']} failed "
        f"(uncertain: {counts['uncertain_agree']} agree, {counts['uncertain_differ']} differ)"
    )
    keys = list(dict.fromkeys(k for r in rows for k in r))
    # as_of mixes dates and instants: pass it as ISO text.
    columns: dict[str, list[Any]] = {k: [r.get(k) for r in rows] for k in keys}
    columns["as_of"] = [r["as_of"].isoformat() for r in rows]
    out = kmcore.evaluate_batch(pa.table(columns)).to_pylist()
    listed = kmcore.evaluate_batch(rows).to_pylist()
    assert out == listed
    for row, answer in zip(out, answers):
        assert row["error"] is None
        assert row["eligible"] == answer.eligible
        assert row["eligible_from"] == answer.eligible_from
        fee = row["fee_paisa"]
        assert (None if fee is None else fee // 100) == answer.fee_pkr
