"""The Python API over the core: enums, facts, catalogue, decisions,
applications and their logs, SLA clocks, identifiers, schemas."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
from typing import Any

import pytest

import kmcore
from kmcore import (
    Actor,
    Application,
    AppliedBy,
    Catalogue,
    Cnic,
    ClockState,
    Decision,
    FactKey,
    Facts,
    FeeLineKind,
    FeeStatus,
    Gender,
    InvalidInputError,
    Jurisdiction,
    Lang,
    LicenceCategory,
    MobileNumber,
    Money,
    MoveNotAllowedError,
    NotEligibleError,
    NotKnownError,
    ParamKind,
    PlateScheme,
    Request,
    ServiceId,
    ServiceKind,
    Span,
    TamperedLogError,
    VehicleKind,
    VehicleRegistration,
    BundleError,
)

PKT = dt.timezone(dt.timedelta(hours=5))


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return Catalogue()


AYESHA: dict[str, Any] = {
    "category": LicenceCategory.MOTORCYCLE,
    "date_of_birth": dt.date(2008, 2, 29),
    "has_valid_cnic": True,
}

PCC_ABROAD: dict[str, Any] = {
    "has_valid_cnic": True,
    "has_passport": True,
    "has_affidavit": True,
    "applicant_abroad": True,
    "applied_by": AppliedBy.BLOOD_RELATIVE,
    "has_authority_letter": True,
    "has_photograph": True,
}

# --- enums ------------------------------------------------------------------


def test_enums_are_string_enums_with_core_values() -> None:
    name: str = "driving_licence.learner_permit"
    assert ServiceId.LEARNER_PERMIT == name and ServiceId.LEARNER_PERMIT.value == name
    assert ServiceId("character_certificate.issue") is ServiceId.CHARACTER_CERTIFICATE_ISSUE
    assert str(Jurisdiction.ICT) == "ICT" and f"{Lang.UR}" == "ur"
    assert [j.value for j in Jurisdiction] == ["PB", "ICT", "SD", "KP"]
    assert type(ServiceId.RETEST).__module__ == "kmcore"
    assert isinstance(Actor.CLERK, kmcore.StrEnum) and isinstance(Actor.CLERK, str)
    assert repr(FeeStatus.NOT_KNOWN) == "<FeeStatus.NOT_KNOWN: 'not_known'>"
    assert {k.value for k in FactKey} >= {"date_of_birth", "category", "reported_at", "value"}
    with pytest.raises(ValueError):
        ServiceId("driving_licence.flying")


def test_every_fact_key_is_a_facts_attribute() -> None:
    empty = Facts()
    for key in FactKey:
        assert hasattr(empty, key.value), key
        assert getattr(empty, key.value) is None


def test_every_service_is_described(cat: Catalogue) -> None:
    infos = cat.services()
    assert [i.id for i in infos] == list(ServiceId)
    learner = cat.service("driving_licence.learner_permit")
    assert learner.title == "Learner driving permit" and learner.title_ur
    assert learner.kind is ServiceKind.APPLICATION and learner.family == "driving_licence"
    assert FactKey.DATE_OF_BIRTH in learner.required_facts("PB")
    assert "age.minimum" in learner.reasons
    assert any(p.name == "fee" and p.unit == kmcore.Unit.RUPEES for p in learner.params)
    assert cat.service(ServiceId.TEST_BOOKING).kind is ServiceKind.CHECK
    assert kmcore.ServiceInfo(ServiceId.RETEST) == cat.service("driving_licence.retest")


# --- facts -------------------------------------------------------------------


def test_facts_value_type() -> None:
    f = Facts(category="motor_car", date_of_birth="2008-02-29", has_valid_cnic=True)
    assert f.category is LicenceCategory.MOTOR_CAR
    assert f.date_of_birth == dt.date(2008, 2, 29)
    assert f.has_valid_cnic is True and f.urgent is None
    assert repr(f) == (
        "Facts(date_of_birth=datetime.date(2008, 2, 29), category='motor_car', has_valid_cnic=True)"
    )
    assert f == Facts({"category": LicenceCategory.MOTOR_CAR, "date_of_birth": dt.date(2008, 2, 29)},
                      has_valid_cnic=True)
    assert hash(f) == hash(Facts(f.to_dict()))
    assert len(f) == 3 and "category" in f and FactKey.URGENT not in f
    assert f.keys() == (FactKey.DATE_OF_BIRTH, FactKey.CATEGORY, FactKey.HAS_VALID_CNIC)
    assert f.get(FactKey.CATEGORY) == "motor_car"
    assert f.replace(category=None, urgent=True) == Facts(
        date_of_birth="2008-02-29", has_valid_cnic=True, urgent=True
    )
    assert f.merge({"engine_cc": 70}).engine_cc == 70
    assert Facts.from_json(f.to_json()) == f
    assert json.loads(f.to_json()) == {
        "date_of_birth": "2008-02-29",
        "category": "motor_car",
        "has_valid_cnic": True,
    }


def test_facts_instants_keep_offset_and_naive_is_pakistan_time() -> None:
    aware = Facts(reported_at=dt.datetime(2025, 1, 1, 5, 0, tzinfo=dt.timezone.utc))
    assert aware.reported_at == dt.datetime(2025, 1, 1, 10, 0, tzinfo=PKT)
    assert aware.reported_at is not None and aware.reported_at.utcoffset() == dt.timedelta(0)
    naive = Facts(reported_at=dt.datetime(2025, 1, 1, 10, 0))
    assert naive.reported_at is not None and naive.reported_at.utcoffset() == dt.timedelta(hours=5)
    text = Facts(reported_at="2025-01-01T10:00:00+05:00")
    assert text == naive


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"shoe_size": 9}, "fact.unknown"),
        ({"category": "tank"}, "fact.value"),
        ({"has_valid_cnic": 1}, "fact.type"),
        ({"engine_cc": True}, "fact.type"),
        ({"engine_cc": "70"}, "fact.type"),
        ({"date_of_birth": "2025-02-29"}, "date.invalid"),
        ({"date_of_birth": dt.datetime(2000, 1, 1)}, "date.invalid"),
        ({"reported_at": "yesterday"}, "date.invalid"),
    ],
)
def test_facts_refuse_bad_values(kwargs: dict[str, Any], code: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        Facts(**kwargs)
    assert info.value.code == code


# --- evaluation --------------------------------------------------------------


def test_learner_permit_one_day_short_then_eligible(cat: Catalogue) -> None:
    early = cat.evaluate(ServiceId.LEARNER_PERMIT, Jurisdiction.PB, dt.date(2026, 2, 28), AYESHA)
    assert not early.eligible and early.fee_due is None
    assert early.reasons == ["age.minimum"]
    age = early.checks[0]
    assert age.code == "age.minimum" and not age.passed
    assert "18" in age.message() and "18" in age.message(Lang.EN)
    assert "\u2066" in age.message("ur")  # numbers isolated in Urdu
    minimum = age.param("minimum")
    assert minimum is not None and minimum.kind is ParamKind.YEARS and minimum.value == 18
    assert minimum.text == "18 years"
    actual = age.param("age")
    assert actual is not None and actual.value == Span(17, 11, 30)
    assert age.rule is not None and age.rule.key.endswith("min_age.motorcycle")
    assert age.rule.amount == 18 and age.rule.unit == "years" and age.rule.source

    ok = cat.evaluate("driving_licence.learner_permit", "PB", "2026-03-01", Facts(**AYESHA))
    assert ok.eligible and ok.fee_due == Money.from_rupees(500)
    assert ok.quote.status is FeeStatus.KNOWN and ok.quote.total == Money(50_000)
    (line,) = ok.quote.lines
    assert line.kind is FeeLineKind.BASE and line.amount == Money.from_rupees(500)
    assert line.rule.money == Money.from_rupees(500)
    assert line.rule.applies_on(dt.date(2026, 3, 1)) and line.rule.from_date == dt.date(2024, 1, 16)
    assert ok.bundle_version == cat.bundle_version
    assert ok.as_of == dt.date(2026, 3, 1) and ok.service is ServiceId.LEARNER_PERMIT
    assert ok.messages()[0].startswith("[pass] ")
    assert repr(ok).startswith('Decision(service="driving_licence.learner_permit"')


def test_missing_facts_and_missing_documents(cat: Catalogue) -> None:
    # A missing required fact makes the decision undetermined and is named.
    undecided = cat.evaluate(ServiceId.LEARNER_PERMIT, "PB", "2026-01-01", {"category": "ltv"})
    assert undecided.outcome is kmcore.Outcome.UNDETERMINED
    assert not undecided.eligible
    assert kmcore.FactKey.DATE_OF_BIRTH in undecided.missing_facts
    d = cat.evaluate(
        ServiceId.CHARACTER_CERTIFICATE_ISSUE,
        "PB",
        "2026-03-02",
        {**PCC_ABROAD, "has_authority_letter": False},
    )
    assert not d.eligible and d.missing_documents == ["authority_letter"]
    assert d.quote.total == Money.from_rupees(500) and d.fee_due is None
    docs = cat.documents(ServiceId.CHARACTER_CERTIFICATE_ISSUE, "PB", "2026-03-02",
                         {**PCC_ABROAD, "has_authority_letter": False})
    letter = next(x for x in docs if x.id == "authority_letter")
    assert letter.required is True and letter.provided is False and letter.is_missing
    assert letter.name == cat.term("authority_letter") and letter.name_ur == cat.term(
        "authority_letter", Lang.UR
    )


def test_checks_and_deadlines(cat: Catalogue) -> None:
    d = cat.evaluate(
        ServiceId.CHARACTER_CERTIFICATE_VALIDITY, "PB", "2025-06-01", {"issued_on": "2025-01-01"}
    )
    assert d.eligible and d.fee_due is None and d.quote.status is FeeStatus.NOT_CHARGED
    assert d.deadline == dt.date(2025, 6, 30)
    guest = cat.evaluate(
        ServiceId.GUEST_DEADLINE,
        "PB",
        at("2025-03-01T15:00:00+05:00"),
        {
            "establishment": "hotel",
            "checked_in_at": at("2025-03-01T12:00:00+05:00"),
            "reported_at": at("2025-03-01T15:00:00+05:00"),
        },
    )
    assert guest.eligible and guest.deadline == at("2025-03-01T15:00:00+05:00")
    assert isinstance(guest.as_of, dt.datetime)


def test_availability_not_known_is_a_failed_check(cat: Catalogue) -> None:
    # No source says whether KP's centres book driving tests: not known,
    # which is not the same answer as "not offered".
    d = cat.evaluate(ServiceId.TEST_BOOKING, "KP", "2025-03-01",
                     {"category": "motorcycle", "learner_issued_on": "2025-01-01"})
    assert d.reasons == ["rule.not_known"]


def test_request_objects(cat: Catalogue) -> None:
    r = Request(ServiceId.LEARNER_PERMIT, "PB", dt.date(2026, 3, 1), AYESHA)
    assert r.facts == Facts(**AYESHA) and r.jurisdiction is Jurisdiction.PB
    assert Request.from_json(r.to_json()) == r and hash(Request.from_json(r.to_json())) == hash(r)
    assert cat.evaluate_request(r) == cat.evaluate(r.service, r.jurisdiction, r.as_of, r.facts)
    assert "Request(service=" in repr(r)


# --- bundles and what-if -----------------------------------------------------


def overlay(cat: Catalogue, rupees: int) -> dict[str, Any]:
    return {
        "format_version": 1,
        "bundle_version": f"lp-{rupees}",
        "title": "what-if",
        "overlay_of": cat.bundle_version,
        "parameters": {
            "driving_licence.learner_permit": {
                "fee.motorcycle": {
                    "PB": [{"effective_from": "2026-07-01", "rupees": rupees, "source": "what-if",
                            "basis": "uncertain"}]
                }
            }
        },
    }


def test_what_if_overlay_and_older_bundles(cat: Catalogue) -> None:
    what_if = cat.with_overlay(overlay(cat, 900))
    assert what_if.bundle_version == f"{cat.bundle_version}+lp-900"
    assert what_if.versions == [cat.bundle_version, what_if.bundle_version]
    before = what_if.evaluate(ServiceId.LEARNER_PERMIT, "PB", "2026-06-30", AYESHA)
    after = what_if.evaluate(ServiceId.LEARNER_PERMIT, "PB", "2026-07-01", AYESHA)
    assert before.fee_due == Money.from_rupees(500) and after.fee_due == Money.from_rupees(900)
    old = what_if.evaluate(ServiceId.LEARNER_PERMIT, "PB", "2026-07-01", AYESHA,
                           bundle_version=cat.bundle_version)
    assert old.fee_due == Money.from_rupees(500)
    assert cat.evaluate(ServiceId.LEARNER_PERMIT, "PB", "2026-07-01", AYESHA).fee_due == Money(50_000)
    with pytest.raises(NotKnownError):
        cat.evaluate(ServiceId.LEARNER_PERMIT, "PB", "2026-07-01", AYESHA, bundle_version="nope")
    as_text = cat.with_overlay(json.dumps(overlay(cat, 700)), file_name="x.json")
    assert as_text.evaluate(ServiceId.LEARNER_PERMIT, "PB", "2026-07-01", AYESHA).fee_due == Money(70_000)
    with pytest.raises(BundleError) as info:
        what_if.with_overlay(overlay(cat, 700))  # overlays name the version they overlay
    assert info.value.code == "bundle.overlay"


def test_bundle_errors_name_file_and_path(cat: Catalogue) -> None:
    with pytest.raises(BundleError) as info:
        Catalogue.from_json("{", file_name="mine.json")
    assert info.value.code == "bundle.syntax" and info.value.file == "mine.json"
    bad = overlay(cat, -5)
    with pytest.raises(BundleError) as info:
        cat.with_overlay(bad)
    assert info.value.code == "bundle.negative"
    assert info.value.path is not None and "rupees" in info.value.path
    bad = {**overlay(cat, 5), "overlay_of": "someone-else"}
    with pytest.raises(BundleError) as info:
        cat.with_overlay(bad)
    assert info.value.code == "bundle.overlay"


def test_rule_bundle_view(cat: Catalogue) -> None:
    b = cat.bundle
    assert b.version == cat.bundle_version and "Khidmat" in b.title
    v = b.value(ServiceId.LEARNER_PERMIT, "fee", "motorcycle", jurisdiction="PB", on="2026-01-01")
    assert v is not None and v.amount == 500
    assert b.value(ServiceId.LEARNER_PERMIT, "fee", "motorcycle", jurisdiction="PB",
                   on=dt.date(1990, 1, 1)) is None
    history = b.history(ServiceId.PERMANENT_LICENCE, "fee", "motor_car", jurisdiction="PB")
    assert len(history) >= 2 and history[0].from_date < history[1].from_date
    assert any(x.key == "arms_licence.new.fee" for x in b.values())
    assert all(isinstance(d, dt.date) for d in b.holidays("PB"))
    assert cat.bundle_by_version("nope") is None


def test_from_json_parts_round_trip() -> None:
    import pathlib

    data = pathlib.Path(__file__).resolve().parents[3] / "kmcore" / "data" / "bundle"
    if not data.is_dir():
        pytest.skip("bundle data not beside the tests")
    parts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(data.glob("*.json"))]
    parts.sort(key=lambda p: p[0] != "main.json")
    loaded = Catalogue.from_json_parts(parts)
    assert loaded.bundle_version == Catalogue().bundle_version


# --- applications ------------------------------------------------------------


def pcc_application(cat: Catalogue) -> Application:
    app = Application(cat, ServiceId.CHARACTER_CERTIFICATE_ISSUE, Jurisdiction.PB, "LHR-CC-000456")
    app.apply("submit", at=at("2026-03-02T09:30:00+05:00"), actor=Actor.CITIZEN, facts=PCC_ABROAD)
    app.apply("pay_fee", at=at("2026-03-02T09:35:00+05:00"), actor="citizen")
    app.apply("start_verification", at="2026-03-02T11:00:00+05:00", actor=Actor.CLERK)
    app.apply("request_documents", at="2026-03-03T12:00:00+05:00", actor=Actor.POLICE)
    return app


def test_application_journey(cat: Catalogue) -> None:
    app = Application(cat, ServiceId.CHARACTER_CERTIFICATE_ISSUE, "PB", "CC-1")
    assert app.state == "draft" and app.allowed_events == ["submit", "withdraw"] and len(app) == 0
    with pytest.raises(NotEligibleError) as refused:
        app.apply("submit", at="2026-03-02T09:30:00+05:00", actor="citizen",
                  facts={**PCC_ABROAD, "has_authority_letter": False})
    assert refused.value.reasons == ("document.required",)
    assert (refused.value.state, refused.value.event) == ("draft", "submit")
    assert len(app) == 0  # a failed apply changes nothing
    with pytest.raises(MoveNotAllowedError) as moved:
        app.apply("issue", at="2026-03-02T09:30:00+05:00", actor="clerk")
    assert (moved.value.state, moved.value.event) == ("draft", "issue")
    with pytest.raises(InvalidInputError) as unknown:
        app.apply("fly", at="2026-03-02T09:30:00+05:00", actor="clerk")
    assert unknown.value.code == "workflow.unknown_event"
    preview = app.preview("submit", at="2026-03-02T09:30:00+05:00", facts=PCC_ABROAD)
    assert isinstance(preview, Decision) and preview.eligible

    app = pcc_application(cat)
    first = app.events[0]
    assert first.event == "submit" and first.fee_paisa == 50_000 and first.fee == Money(50_000)
    assert first.actor is Actor.CITIZEN and first.at == at("2026-03-02T09:30:00+05:00")
    assert len(first.hash) == 64 and app.events[1].prev_hash == first.hash
    assert app.state == "awaiting_documents" and not app.is_terminal
    assert app.facts.applicant_abroad is True
    with pytest.raises(InvalidInputError) as order:
        app.apply("provide_documents", at="2026-03-01T00:00:00+05:00", actor="citizen")
    assert order.value.code == "workflow.time_order"

    sla = app.sla("2026-03-05T12:00:00+05:00")
    assert sla.clock is ClockState.PAUSED and sla.target_working_days == 3
    assert sla.paused_working_days == 2 and not sla.breached
    app.apply("provide_documents", at="2026-03-05T15:00:00+05:00", actor="citizen")
    app.apply("clear", at="2026-03-06T10:00:00+05:00", actor="police")
    app.apply("issue", at="2026-03-09T10:00:00+05:00", actor="supervisor")
    sla = app.sla(at("2026-03-09T12:00:00+05:00"))
    assert sla.clock is ClockState.STOPPED and sla.stopped_on == dt.date(2026, 3, 9)
    assert app.facts.issued_on == dt.date(2026, 3, 9)
    times = app.time_in_states("2026-03-09T12:00:00+05:00")
    assert list(times)[:2] == ["submitted", "fee_paid"]
    assert times["submitted"] == dt.timedelta(minutes=5)


PCC_PB: dict[str, Any] = {
    "has_valid_cnic": True, "has_passport": True, "has_affidavit": True,
    "applicant_abroad": False, "applied_by": "self", "has_authority_letter": False,
    "has_photograph": False,
}


def test_sla_due_date_moves_over_eid_and_is_not_known_past_the_calendar(cat: Catalogue) -> None:
    # Friday 28 March 2025; Eid ul Fitr holidays 31 March to 2 April.
    app = Application(cat, ServiceId.CHARACTER_CERTIFICATE_ISSUE, "PB", "CC-EID")
    app.apply("submit", at="2025-03-28T10:00:00+05:00", actor="clerk", facts=PCC_PB)
    sla = app.sla("2025-03-31T10:00:00+05:00")
    assert sla.target_working_days == 3 and sla.due == dt.date(2025, 4, 7)
    assert not sla.due_not_known and sla.elapsed_working_days == 0
    # Wednesday 30 December 2026: the third working day is in 2027, which
    # the bundle's calendar does not cover.
    late = Application(cat, ServiceId.CHARACTER_CERTIFICATE_ISSUE, "PB", "CC-2027")
    late.apply("submit", at="2026-12-30T10:00:00+05:00", actor="clerk", facts=PCC_PB)
    sla = late.sla("2026-12-31T10:00:00+05:00")
    assert sla.target_working_days == 3
    assert sla.due_not_known and sla.due is None and not sla.breached
    assert "due_not_known=True" in repr(sla)
    again = pickle.loads(pickle.dumps(sla))
    assert again == sla and again.due_not_known


def test_log_round_trip_verify_and_tamper(cat: Catalogue) -> None:
    app = pcc_application(cat)
    text = app.to_json()
    back = Application.from_json(cat, text)
    assert back == app and back.to_json() == text and back.state == app.state
    back.verify()
    replayed = Application.replay(cat, app.service, app.jurisdiction, app.id, app.events)
    assert replayed == app
    tampered = text.replace('"police"', '"clerk"', 1)
    with pytest.raises(TamperedLogError) as info:
        Application.from_json(cat, tampered)
    assert info.value.index == 3
    with pytest.raises(InvalidInputError) as bad:
        Application.from_json(cat, "{}")
    assert bad.value.code == "log.json"


def test_log_under_an_older_bundle_replays_at_its_price(cat: Catalogue) -> None:
    app = Application(cat, ServiceId.LEARNER_PERMIT, "PB", "LP-1")
    app.apply("submit", at="2026-07-02T10:00:00+05:00", actor="clerk", facts=AYESHA)
    what_if = cat.with_overlay(overlay(cat, 900))
    back = Application.from_json(what_if, app.to_json())
    assert back.events[0].fee == Money.from_rupees(500)
    newer = Application(what_if, ServiceId.LEARNER_PERMIT, "PB", "LP-2")
    assert newer.apply("submit", at="2026-07-02T10:00:00+05:00", actor="clerk",
                       facts=AYESHA).fee == Money.from_rupees(900)
    with pytest.raises(NotKnownError) as info:
        Application.from_json(cat, newer.to_json())
    assert info.value.code == "log.unknown_bundle"


def test_applications_need_a_workflow_and_an_offered_service(cat: Catalogue) -> None:
    with pytest.raises(InvalidInputError) as info:
        Application(cat, ServiceId.TEST_BOOKING, "PB", "x")
    assert info.value.code == "service.no_workflow"
    with pytest.raises(InvalidInputError) as info:
        Application(cat, ServiceId.PERMANENT_LICENCE, "KP", "x")
    assert info.value.code == "service.not_offered"


def test_workflow_tables(cat: Catalogue) -> None:
    w = cat.workflow(ServiceId.LEARNER_PERMIT)
    assert w is not None and w.initial == "draft"
    assert w.next("draft", "submit") == "submitted" and w.next("draft", "issue") is None
    assert "submit" in w.allowed("draft")
    issue = next(e for e in w.events if e.name == "issue")
    assert issue.stamps is FactKey.LEARNER_ISSUED_ON
    submit = next(e for e in w.events if e.name == "submit")
    assert submit.guard is kmcore.Guard.ELIGIBILITY and submit.guard_service is ServiceId.LEARNER_PERMIT
    assert any(s.done for s in w.states) and any(s.terminal for s in w.states)
    assert ("draft", "submit", "submitted") in w.transitions
    assert w.to_mermaid().startswith("stateDiagram-v2")
    assert cat.workflow(ServiceId.TEST_BOOKING) is None
    assert len(cat.workflows()) == sum(1 for s in cat.services() if s.kind == "application")
    book = next(e for e in kmcore.Workflow(ServiceId.PERMANENT_LICENCE).events if e.name == "book_test")
    assert book.guard is kmcore.Guard.RULES and book.guard_service is ServiceId.TEST_BOOKING


# --- identifiers and schemas -------------------------------------------------


def test_identifiers() -> None:
    c = Cnic("3520212345671")
    assert c.normalized == "35202-1234567-1" == c.expose()
    assert str(c) == "35202-*******-1" and repr(c) == 'Cnic("35202-*******-1")'
    assert c.gender is Gender.MALE and c.region is kmcore.CnicRegion.PUNJAB
    assert c == Cnic("35202-1234567-1") and hash(c) == hash(Cnic("35202-1234567-1"))
    with pytest.raises(InvalidInputError) as info:
        Cnic("95202-1234567-1")
    assert info.value.code == "identifier.cnic.region" and "1234567" not in info.value.message
    assert not Cnic.is_valid("35202-123456-1")
    m = MobileNumber("0300 123 4567")
    assert m.normalized == "+923001234567" and m.national == "03001234567"
    assert m.operator_hint is kmcore.MobileOperator.JAZZ
    with pytest.raises(InvalidInputError):
        MobileNumber("+920300123456")
    p = VehicleRegistration("lea-123", PlateScheme.PB_UNIVERSAL_2017, VehicleKind.CAR)
    assert p.normalized == "LEA-123" and p.letters == "LEA" and p.number == 123
    assert not VehicleRegistration.is_valid("LEA-123", "pb_universal_2017", "motorcycle")


def test_json_schemas() -> None:
    bundle = json.loads(kmcore.bundle_schema_json())
    assert "bundle_version" in json.dumps(bundle)
    log = json.loads(kmcore.log_schema_json())
    assert "prev_hash" in json.dumps(log)
    assert kmcore.has_message("age.minimum", Lang.UR)
    assert not kmcore.has_message("no.such.code")


def test_catalogue_repr_and_embedded(cat: Catalogue) -> None:
    assert repr(cat) == f'Catalogue(bundle_version="{cat.bundle_version}", versions=["{cat.bundle_version}"])'
    assert Catalogue.embedded().bundle_version == cat.bundle_version


def test_message_listing_labels_are_in_the_listing_language(cat: Catalogue) -> None:
    early = cat.evaluate(ServiceId.LEARNER_PERMIT, Jurisdiction.PB, dt.date(2026, 2, 28), AYESHA)
    labels = {
        lang: [line.split(" ", 1)[0] for line in early.messages(lang)] for lang in (Lang.EN, Lang.UR)
    }
    assert labels[Lang.EN][0] == "[FAIL]" and set(labels[Lang.EN]) == {"[FAIL]", "[pass]"}
    assert labels[Lang.UR][0] == "[کمی]" and set(labels[Lang.UR]) == {"[کمی]", "[ٹھیک]"}
    allowed = {"CNIC", "NADRA", "FIR", "NTN", "FBR", "LTV", "HTV", "PSV"}
    for line in early.messages(Lang.UR):
        # Outside the abbreviations people write in Latin, Urdu lines hold no Latin letters.
        assert set(re.findall(r"[A-Za-z]+", line)) <= allowed, line


def test_clerk_notes_are_apart_from_the_citizens_message(cat: Catalogue) -> None:
    note = cat.clerk_note("arms.age_over")
    assert note is not None and "birthday" in note
    assert cat.clerk_note("arms.age_over", Lang.UR)
    assert cat.clerk_note("arms.citizen") is None
    assert cat.clerk_note("no.such.code") is None
    assert kmcore.has_message("decision.come_back", Lang.UR)
