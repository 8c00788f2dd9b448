"""Benchmark: 1,000,000 synthetic applications through kmcore.evaluate_batch
against an idiomatic pure-Python evaluator of the same rules, in one run.

1. Generate the applications (learner permit, permanent licence, renewal,
   character certificate; PB and ICT; dated in 2026): as Python dicts for the
   pure-Python evaluator and as a pyarrow.Table for kmcore.
2. Check that both give the same answer (eligible, fee due, failed reason
   codes) on every row,
   and print the number of agreements; stop if any row disagrees.
3. Time both (best of several runs for kmcore, one full pass for Python) and
   print both rates and their ratio.

Run after a release build (`bash bindings/scripts/test-python.sh --bench`):
    .venv/bin/python benches/python/bench_evaluate.py [rows]
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import sys
import time
from typing import Any

import pyarrow as pa

import kmcore

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pure_python_rules import evaluate as evaluate_python  # noqa: E402

SERVICES = [
    "driving_licence.learner_permit",
    "driving_licence.permanent",
    "driving_licence.renewal",
    "character_certificate.issue",
]
CATEGORIES = ["motorcycle", "motorcycle", "motor_car", "motor_car", "ltv", "htv"]
OPENFISCA_RATE = 1_700_000  # applications/s on the reference 2-core machine (from the issue)


def generate(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """n applications as dicts holding only the facts each service asks for."""
    rng = random.Random(seed)
    start = dt.date(2026, 1, 1)
    day = dt.timedelta(days=1)
    rows = []
    for _ in range(n):
        service = SERVICES[rng.randrange(4)]
        j = "PB" if rng.random() < 0.6 else "ICT"
        as_of = start + day * rng.randrange(365)
        r: dict[str, Any] = {"service": service, "jurisdiction": j, "as_of": as_of}
        dob = as_of - day * rng.randrange(16 * 365, 75 * 365)
        if service == "driving_licence.learner_permit":
            r.update(category=rng.choice(CATEGORIES), date_of_birth=dob,
                     has_valid_cnic=rng.random() < 0.95)
        elif service == "driving_licence.permanent":
            r.update(
                category=rng.choice(CATEGORIES),
                date_of_birth=dob,
                learner_issued_on=as_of - day * rng.randrange(10, 240),
                passed_sign_test=rng.random() < 0.9,
                passed_road_test=rng.random() < 0.8,
                licence_held_since=as_of - day * rng.randrange(0, 3000),
            )
            if j == "PB":
                r.update(licence_term_years=rng.choice((1, 3, 5)),
                         has_medical_fitness_certificate=rng.random() < 0.6)
            else:
                r["urgent"] = rng.random() < 0.25
        elif service == "driving_licence.renewal":
            r.update(category=rng.choice(CATEGORIES), expires_on=as_of + day * rng.randrange(-1500, 90),
                     licence_term_years=rng.choice((1, 3, 5)))
            if j == "PB":
                r.update(date_of_birth=dob, has_medical_fitness_certificate=rng.random() < 0.6)
        else:
            r.update(has_valid_cnic=rng.random() < 0.97, has_passport=rng.random() < 0.92)
            if j == "PB":
                abroad = rng.random() < 0.15
                r.update(
                    has_affidavit=rng.random() < 0.9,
                    applicant_abroad=abroad,
                    applied_by="blood_relative" if rng.random() < (0.9 if abroad else 0.05) else "self",
                    has_authority_letter=rng.random() < 0.8,
                    has_photograph=rng.random() < 0.9,
                )
            else:
                r.update(has_local_address=rng.random() < 0.6, has_residence_proof=rng.random() < 0.5)
        rows.append(r)
    return rows


def to_table(rows: list[dict[str, Any]]) -> pa.Table:
    keys = list(dict.fromkeys(k for r in rows[:10_000] for k in r))
    types = {"licence_term_years": pa.int64()}
    return pa.table({k: pa.array([r.get(k) for r in rows], type=types.get(k)) for k in keys})


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(f"kmcore {kmcore.__version__} | Python {platform.python_version()} | "
          f"{platform.machine()} | {os.cpu_count()} logical cores | bundle {kmcore.Catalogue().bundle_version}")
    t0 = time.perf_counter()
    rows = generate(n)
    table = to_table(rows)
    print(f"generated {n:,} applications in {time.perf_counter() - t0:.1f} s "
          f"({table.nbytes / 1e6:.0f} MB as Arrow, {table.num_columns} columns)")

    # 1. Same answers, counted row by row, before any timing.
    out = kmcore.evaluate_batch(table)
    eligible = out.column("eligible").to_pylist()
    fees = out.column("fee_paisa").to_pylist()
    reasons = out.column("reasons").to_pylist()
    valid = out.column("error").null_count
    agree = 0
    first_disagreement = None
    for i, r in enumerate(rows):
        if evaluate_python(r) == (eligible[i], fees[i], reasons[i]):
            agree += 1
        elif first_disagreement is None:
            first_disagreement = (i, r, evaluate_python(r), (eligible[i], fees[i], reasons[i]))
    print(f"agreement: {agree:,} of {n:,} rows give the same (eligible, fee due, failed reasons) "
          f"({valid:,} rows valid, {sum(1 for e in eligible if e):,} eligible)")
    if agree != n:
        print(f"first disagreement: {first_disagreement}")
        sys.exit(1)

    # 2. Timing: kmcore (best of 5) on the table as built, and on the same
    # table with its string columns dictionary-encoded (as pandas categoricals
    # and polars enums arrive); pure Python (one full pass).
    def best_of(tab: pa.Table, runs: int = 5) -> float:
        best = float("inf")
        for _ in range(runs):
            t = time.perf_counter()
            kmcore.evaluate_batch(tab)
            best = min(best, time.perf_counter() - t)
        return best

    best = best_of(table)
    categorical = table
    for name in ("service", "jurisdiction", "category", "applied_by"):
        index = categorical.schema.get_field_index(name)
        categorical = categorical.set_column(index, name, categorical.column(name).dictionary_encode())
    assert kmcore.evaluate_batch(categorical).equals(out)
    best_categorical = best_of(categorical)
    t = time.perf_counter()
    answers = [evaluate_python(r) for r in rows]
    python_s = time.perf_counter() - t
    assert len(answers) == n

    kmcore_rate = n / best
    python_rate = n / python_s
    print(f"kmcore.evaluate_batch : {kmcore_rate:>12,.0f} applications/s ({best * 1e3:.0f} ms for {n:,})")
    print(f"  categorical strings : {n / best_categorical:>12,.0f} applications/s "
          f"({best_categorical * 1e3:.0f} ms for {n:,}; same answers)")
    print(f"pure Python           : {python_rate:>12,.0f} applications/s ({python_s:.2f} s for {n:,})")
    print(f"ratio                 : {kmcore_rate / python_rate:>12.1f} x pure Python")
    print(f"vs OpenFisca 46 (1.7 M/s on the reference machine, not run here): "
          f"{kmcore_rate / OPENFISCA_RATE:.1f} x (target 10 x)")


if __name__ == "__main__":
    main()
