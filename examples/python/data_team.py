"""A data team's afternoon with kmcore.

1. Build a synthetic population of 100,000 applications (learner permits,
   permanent licences, renewals and character certificates in Punjab and
   Islamabad during 2026).
2. Evaluate it in one call (Arrow in, Arrow out, every core).
3. Price a fee change: the same table under a what-if overlay, with the
   revenue difference per service.
4. Replay the event logs of 5,000 character-certificate applications into an
   SLA table: breaches, working days, time in each state.

Run (after `pip install kmcore pyarrow`):  python examples/python/data_team.py [rows]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections import defaultdict
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

import kmcore
from kmcore import Application, Catalogue, ServiceId

PKT = dt.timezone(dt.timedelta(hours=5))
SERVICES = [
    ServiceId.LEARNER_PERMIT,
    ServiceId.PERMANENT_LICENCE,
    ServiceId.LICENCE_RENEWAL,
    ServiceId.CHARACTER_CERTIFICATE_ISSUE,
]


def population(n: int, seed: int = 2026) -> pa.Table:
    """n synthetic applications, one column per fact (null where not asked)."""
    rng = random.Random(seed)
    start = dt.date(2026, 1, 1)
    columns: dict[str, list[Any]] = defaultdict(list)
    keys = [
        "application_id", "service", "jurisdiction", "as_of", "category", "date_of_birth",
        "has_valid_cnic", "learner_issued_on", "passed_sign_test", "passed_road_test",
        "licence_term_years", "has_medical_fitness_certificate", "urgent", "expires_on",
        "has_passport", "has_affidavit", "applicant_abroad", "applied_by", "has_authority_letter",
        "has_photograph", "has_local_address", "has_residence_proof",
    ]
    for i in range(n):
        row: dict[str, Any] = dict.fromkeys(keys)
        service = rng.choice(SERVICES)
        j = rng.choice(["PB", "ICT"])
        as_of = start + dt.timedelta(days=rng.randrange(365))
        row.update(application_id=f"{j}-{i:06d}", service=service.value, jurisdiction=j, as_of=as_of)
        dob = as_of - dt.timedelta(days=rng.randrange(16 * 365, 70 * 365))
        if service in (ServiceId.LEARNER_PERMIT, ServiceId.PERMANENT_LICENCE, ServiceId.LICENCE_RENEWAL):
            row["category"] = rng.choice(["motorcycle", "motorcycle", "motor_car", "motor_car", "ltv"])
        if service is ServiceId.LEARNER_PERMIT:
            row.update(date_of_birth=dob, has_valid_cnic=rng.random() < 0.95)
        elif service is ServiceId.PERMANENT_LICENCE:
            row.update(
                date_of_birth=dob,
                learner_issued_on=as_of - dt.timedelta(days=rng.randrange(20, 220)),
                passed_sign_test=rng.random() < 0.9,
                passed_road_test=rng.random() < 0.8,
            )
            if j == "PB":
                row.update(licence_term_years=rng.choice([1, 3, 5]),
                           has_medical_fitness_certificate=rng.random() < 0.5)
            else:
                row["urgent"] = rng.random() < 0.25
        elif service is ServiceId.LICENCE_RENEWAL:
            row.update(expires_on=as_of + dt.timedelta(days=rng.randrange(-900, 60)),
                       licence_term_years=rng.choice([1, 3, 5]))
            if j == "PB":
                row.update(date_of_birth=dob, has_medical_fitness_certificate=rng.random() < 0.6)
        else:
            row.update(has_valid_cnic=rng.random() < 0.97, has_passport=rng.random() < 0.9)
            if j == "PB":
                abroad = rng.random() < 0.15
                row.update(
                    has_affidavit=rng.random() < 0.9,
                    applicant_abroad=abroad,
                    applied_by="blood_relative" if abroad else "self",
                    has_authority_letter=abroad and rng.random() < 0.8,
                    has_photograph=rng.random() < 0.9,
                )
            else:
                row.update(has_local_address=rng.random() < 0.6, has_residence_proof=rng.random() < 0.5)
        for k in keys:
            columns[k].append(row[k])
    types = {"licence_term_years": pa.int64()}
    return pa.table({k: pa.array(v, type=types.get(k)) for k, v in columns.items()})


def rupees(paisa: int) -> str:
    return str(kmcore.Money(paisa))


def fee_change(cat: Catalogue) -> dict[str, Any]:
    """A what-if: from 1 July 2026 Punjab's permanent car licence costs Rs 2,500
    a year (from Rs 1,830) and Islamabad's character certificate Rs 1,500."""

    def entry(rupees: int) -> list[dict[str, Any]]:
        return [{"effective_from": "2026-07-01", "rupees": rupees, "source": "what-if: finance proposal",
                 "basis": "uncertain"}]

    return {
        "format_version": 1,
        "bundle_version": "fees-2026-07",
        "title": "Proposed fee schedule from July 2026",
        "overlay_of": cat.bundle_version,
        "parameters": {
            "driving_licence.permanent": {"fee.motor_car": {"PB": entry(2500)}},
            "character_certificate.issue": {"fee.local": {"ICT": entry(1500)}},
        },
    }


def certificate_logs(cat: Catalogue, n: int, seed: int = 7) -> list[str]:
    """n character-certificate applications walked through their workflow."""
    rng = random.Random(seed)
    facts: dict[str, Any] = {"has_valid_cnic": True, "has_passport": True, "has_affidavit": True,
             "applicant_abroad": False, "applied_by": "self", "has_authority_letter": False,
             "has_photograph": True}
    logs = []
    for i in range(n):
        app = Application(cat, ServiceId.CHARACTER_CERTIFICATE_ISSUE, "PB", f"CC-{i:05d}")
        t = dt.datetime(2026, 3, 2, 9, 0, tzinfo=PKT) + dt.timedelta(hours=rng.randrange(24 * 60))
        app.apply("submit", at=t, actor="citizen", facts=facts)
        t += dt.timedelta(minutes=rng.randrange(5, 90))
        app.apply("pay_fee", at=t, actor="citizen")
        t += dt.timedelta(hours=rng.randrange(1, 30))
        app.apply("start_verification", at=t, actor="clerk")
        if rng.random() < 0.3:  # the police ask the applicant for more documents
            t += dt.timedelta(hours=rng.randrange(2, 48))
            app.apply("request_documents", at=t, actor="police")
            t += dt.timedelta(hours=rng.randrange(4, 120))
            app.apply("provide_documents", at=t, actor="citizen")
        if rng.random() < 0.9:
            t += dt.timedelta(hours=rng.randrange(4, 100))
            app.apply("clear", at=t, actor="police")
            if rng.random() < 0.95:
                t += dt.timedelta(hours=rng.randrange(1, 48))
                app.apply("issue", at=t, actor="supervisor")
        logs.append(app.to_json())
    return logs


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    cat = Catalogue()
    print(f"kmcore {kmcore.__version__}, bundle {cat.bundle_version}")

    t0 = time.perf_counter()
    table = population(n)
    t1 = time.perf_counter()
    out = kmcore.evaluate_batch(table, keep=["application_id"])
    t2 = time.perf_counter()
    print(f"\n{n:,} applications built in {t1 - t0:.1f} s, evaluated in {t2 - t1:.3f} s "
          f"({n / (t2 - t1):,.0f} per second)")

    joined = table.select(["service", "jurisdiction"]).append_column("eligible", out["eligible"])
    joined = joined.append_column("fee_paisa", out["fee_paisa"]).append_column("error", out["error"])
    summary = joined.group_by(["service", "jurisdiction"]).aggregate(
        [("eligible", "sum"), ("fee_paisa", "sum"), ("error", "count"), ("service", "count")]
    ).sort_by([("service", "ascending"), ("jurisdiction", "ascending")])
    print(f"\n{'service':<32} {'where':<5} {'rows':>7} {'eligible':>9} {'errors':>7} {'fees due':>16}")
    for r in summary.to_pylist():
        print(f"{r['service']:<32} {r['jurisdiction']:<5} {r['service_count']:>7,} "
              f"{r['eligible_sum'] or 0:>9,} {r['error_count']:>7,} {rupees(r['fee_paisa_sum'] or 0):>16}")
    reasons = pc.value_counts(pc.list_flatten(out["reasons"])).to_pylist()
    print("\nwhy applications fail:", ", ".join(
        f"{r['values']} {r['counts']:,}" for r in sorted(reasons, key=lambda r: -r["counts"])))
    docs = pc.value_counts(pc.list_flatten(out["missing_documents"])).to_pylist()
    print("missing documents:", ", ".join(f"{r['values']} {r['counts']:,}" for r in docs))

    what_if = cat.with_overlay(fee_change(cat))
    t3 = time.perf_counter()
    impact = kmcore.what_if_batch(table, what_if=what_if, ignore=["application_id"])
    t4 = time.perf_counter()
    print(f"\nRevenue impact of {what_if.bundle_version} (both bundles in {t4 - t3:.3f} s):")
    print(f"{'service':<32} {'base':>16} {'what-if':>16} {'difference':>14} {'rows changed':>13}")
    total = 0
    for r in impact.to_pylist():
        total += r["revenue_difference_paisa"]
        print(f"{r['service']:<32} {rupees(r['revenue_base_paisa']):>16} "
              f"{rupees(r['revenue_what_if_paisa']):>16} {rupees(r['revenue_difference_paisa']):>14} "
              f"{r['changed_rows']:>13,}")
    print(f"{'total':<32} {'':>16} {'':>16} {rupees(total):>14}")

    logs = certificate_logs(cat, 5_000)
    now = dt.datetime(2026, 6, 30, 17, 0, tzinfo=PKT)
    t5 = time.perf_counter()
    sla = kmcore.replay_batch(logs, now=now)
    t6 = time.perf_counter()
    ok = sla.filter(pc.is_null(sla["error"]))
    breached = pc.sum(ok["breached"]).as_py()
    print(f"\nSLA of {len(logs):,} character-certificate logs (verified and replayed in {t6 - t5:.3f} s):")
    print(f"  target {ok['target_working_days'][0].as_py()} working days; "
          f"breached {breached:,} ({breached / ok.num_rows:.1%}); "
          f"mean {pc.mean(ok['elapsed_working_days']).as_py():.2f} working days running, "
          f"{pc.mean(ok['paused_working_days']).as_py():.2f} paused")
    for r in ok.group_by("clock").aggregate([("row", "count")]).to_pylist():
        print(f"  clock {r['clock']:<8} {r['row_count']:>6,}")
    per_state = pa.Table.from_pylist(
        [s for row in ok["time_in_states"].to_pylist() for s in row]
    ).group_by("state").aggregate([("seconds", "mean"), ("seconds", "count")])
    print("  mean time in each state before the certificate was issued:")
    for r in sorted(per_state.to_pylist(), key=lambda r: -r["seconds_mean"]):
        if r["state"] == "issued":
            continue
        print(f"    {r['state']:<20} {r['seconds_mean'] / 3600:>7.1f} h  ({r['seconds_count']:,} applications)")


if __name__ == "__main__":
    main()
