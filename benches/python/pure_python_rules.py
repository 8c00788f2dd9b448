"""An idiomatic pure-Python evaluator of four Khidmat Markaz services, written
for the benchmark: learner permit, permanent licence, renewal and character
certificate, in Punjab (PB) and Islamabad (ICT), for applications dated in
2025 and 2026.

It is what a data team would write by hand from the rule bundle: a function
per service over a dict of facts, fee tables as dicts, `datetime.date`
arithmetic. The values are the embedded kmcore bundle's values in force from
2025-01-07 on (see `docs/rule-values.md`); the benchmark checks that this
evaluator and kmcore agree on every generated row before timing them.

`evaluate(row)` returns (eligible, fee due in paisa or None, failed reason
codes): the same answer kmcore's `evaluate_batch` gives in its `eligible`,
`fee_paisa` and `reasons` columns.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any, Optional

Row = dict[str, Any]
# The reason codes of the failed rules, in the order checked, and the fee
# quoted in paisa (None when not known).
Result = tuple[list[str], Optional[int]]

MIN_AGE = {"motorcycle": 18, "motor_car": 18, "ltv": 21, "htv": 22, "psv": 22}
LEARNER_FEE = {"PB": 500, "ICT": 1000}
LEARNER_WAIT_DAYS = 42
LEARNER_VALID_MONTHS = 6
FITNESS_AGE = 50

# Permanent licence: PB per year of the term plus a test fee once; ICT flat.
PB_LICENCE_PER_YEAR = {"motorcycle": 930, "motor_car": 1830, "ltv": 2480, "htv": 2480}
PB_TEST_FEE = {"motorcycle": 50, "motor_car": 150}
ICT_LICENCE = {"motorcycle": 5000, "motor_car": 5000, "ltv": 12000, "htv": 12000, "psv": 12000}
ICT_URGENT = 2000
ICT_EXPERIENCE_YEARS = {"htv": 3, "psv": 1}
# Punjab asks experience for an HTV licence, but no source gives how long:
# the rule cannot be decided (`rule.not_known`, the answer undetermined).
PB_EXPERIENCE_NOT_KNOWN = {"htv"}
# Punjab's permanent licence: a fee per year of the term plus the test fee
# once, for the categories whose test fee is given apart; for the others the
# one-year fee includes the test, so a longer term cannot be quoted.

# Renewal.
PB_RENEWAL = {"motorcycle": 480, "motor_car": 1650}
PB_LATE_RENEWAL = {"motorcycle": 600, "motor_car": 2062}
LATE_WINDOW_MONTHS = 12
ICT_GRACE_DAYS, ICT_GRACE_FEE = 30, 700
ICT_LATE_FEE = 1500
ICT_VERY_LATE_MONTHS, ICT_VERY_LATE_FEE = 36, 4000

PCC_FEE = {"PB": 500, "ICT": 1000}


def age(born: dt.date, on: dt.date) -> int:
    """Completed years (a 29 February birthday is reached on 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def add_months(d: dt.date, months: int) -> dt.date:
    """`d` plus whole months, clamped to the last day of the month."""
    month = d.month - 1 + months
    year = d.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def learner_permit(r: Row) -> Result:
    failed = []
    if age(r["date_of_birth"], r["as_of"]) < MIN_AGE[r["category"]]:
        failed.append("age.minimum")
    if not r["has_valid_cnic"]:
        failed.append("document.required")
    return failed, LEARNER_FEE[r["jurisdiction"]] * 100


def permanent_licence(r: Row) -> Result:
    j, category, as_of = r["jurisdiction"], r["category"], r["as_of"]
    failed = []
    years_old = age(r["date_of_birth"], as_of)
    if years_old < MIN_AGE[category]:
        failed.append("age.minimum")
    if j == "PB" and category in PB_EXPERIENCE_NOT_KNOWN:
        failed.append("rule.not_known")
    if j == "ICT" and category in ICT_EXPERIENCE_YEARS:
        since = r.get("licence_held_since")
        if since is None:
            failed.append("document.required")
        elif age(since, as_of) < ICT_EXPERIENCE_YEARS[category]:
            failed.append("licence.experience")
    learner = r["learner_issued_on"]
    if (as_of - learner).days < LEARNER_WAIT_DAYS:
        failed.append("learner.wait")
    if as_of > add_months(learner, LEARNER_VALID_MONTHS):
        failed.append("learner.valid")
    if not r["passed_sign_test"]:
        failed.append("test.passed")
    if not r["passed_road_test"]:
        failed.append("test.passed")
    fee: Optional[int]
    if j == "PB":
        if years_old >= FITNESS_AGE and not r["has_medical_fitness_certificate"]:
            failed.append("document.required")
        per_year = PB_LICENCE_PER_YEAR.get(category)
        years = r["licence_term_years"]
        test = PB_TEST_FEE.get(category)
        if per_year is None or not 1 <= years <= 5 or (years > 1 and test is None):
            fee = None
        else:
            # The test once; for a category without a separate test fee the
            # one-year line includes it.
            fee = per_year * years + (test or 0)
    else:
        fee = ICT_LICENCE[category] + (ICT_URGENT if r["urgent"] else 0)
    return failed, None if fee is None else fee * 100


def renewal(r: Row) -> Result:
    j, category, as_of, expires = r["jurisdiction"], r["category"], r["as_of"], r["expires_on"]
    failed = []
    if j == "PB" and age(r["date_of_birth"], as_of) >= FITNESS_AGE:
        if not r["has_medical_fitness_certificate"]:
            failed.append("document.required")
    late_days = (as_of - expires).days
    within_window = as_of <= add_months(expires, LATE_WINDOW_MONTHS)
    fee: Optional[int]
    if j == "PB":
        years = r["licence_term_years"]
        if late_days <= 0:
            per_year = PB_RENEWAL.get(category)
        elif within_window and years == 1:
            # The late fee is sourced for one year; how it is built for a
            # longer term is not.
            per_year = PB_LATE_RENEWAL.get(category)
        else:
            per_year = None
        fee = per_year * years if per_year is not None and 1 <= years <= 5 else None
    elif late_days <= ICT_GRACE_DAYS:
        # Lateness is (as_of - expiry) in days: renewing early or on the
        # day falls in the first band.
        fee = ICT_GRACE_FEE
    elif within_window:
        fee = ICT_LATE_FEE
    elif as_of > add_months(expires, ICT_VERY_LATE_MONTHS):
        fee = ICT_VERY_LATE_FEE
    else:
        fee = None
    return failed, None if fee is None else fee * 100


def character_certificate(r: Row) -> Result:
    j = r["jurisdiction"]
    failed = []
    if not r["has_valid_cnic"]:
        failed.append("document.required")
    if not r["has_passport"]:
        failed.append("document.required")
    if j == "PB":
        if not r["has_affidavit"]:
            failed.append("document.required")
        abroad = r["applicant_abroad"]
        if abroad != (r["applied_by"] == "blood_relative"):
            failed.append("application.applied_by")
        if abroad:
            if not r["has_authority_letter"]:
                failed.append("document.required")
            if not r["has_photograph"]:
                failed.append("document.required")
    elif not (r["has_local_address"] or r["has_residence_proof"]):
        failed.append("residence.local")
    return failed, PCC_FEE[j] * 100


RULES = {
    "driving_licence.learner_permit": learner_permit,
    "driving_licence.permanent": permanent_licence,
    "driving_licence.renewal": renewal,
    "character_certificate.issue": character_certificate,
}


def evaluate(row: Row) -> tuple[Optional[bool], Optional[int], list[str]]:
    """(eligible, fee due in paisa, failed reason codes) for one application."""
    failed, fee = RULES[row["service"]](row)
    # A rule that cannot be decided makes the answer undetermined (None)
    # unless a decided rule fails.
    decided = [code for code in failed if code != "rule.not_known"]
    eligible = None if failed and not decided else not failed
    return eligible, fee if eligible else None, failed
