"""Benchmark: evaluate_batch on the tables data teams actually have, beside
the synthetic one of bench_evaluate.py.

Two shapes, each 1,000,000 applications in one chunk:

- narrow-realistic: the four services of bench_evaluate.py and its column
  types, generated independently: ``as_of`` uniform over 2024-01-01 ..
  2026-06-30 (across every fee change), ages skewed young with some
  under-age learners, renewals from years early to years late, 3% of rows
  exactly on a birthday or a limit, Punjab on 60-85% of rows (drawn per
  month);
- wide: a province's export, all 24 services and every fact column (47
  columns), nulls where a service does not read a fact, 2% of facts left
  out, 3% bad rows (tests/population.py, 200,000 rows repeated 5 times).

Beside them, the synthetic table of bench_evaluate.py. For each shape:
the first three calls in a fresh process (the table read from a Parquet
file first, untimed), then in this process the median and best of 7 calls,
the shapes taking turns. Run with a release build installed:

    .venv/bin/python benches/python/bench_shapes.py [rows]
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time

import pyarrow as pa
import pyarrow.parquet as pq

import kmcore

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bindings", "python", "tests"))
from population import population  # noqa: E402

sys.path.insert(0, HERE)
import bench_evaluate  # noqa: E402

SERVICES = [
    "driving_licence.learner_permit",
    "driving_licence.permanent",
    "driving_licence.renewal",
    "character_certificate.issue",
]
CATEGORIES = ["motorcycle", "motor_car", "ltv", "htv"]
MIN_AGE = {"motorcycle": 18, "motor_car": 18, "ltv": 21, "htv": 22}


def years_before(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def narrow_realistic(n: int, seed: int = 2024) -> pa.Table:
    rng = random.Random(seed)
    lo = dt.date(2024, 1, 1)
    span = (dt.date(2026, 6, 30) - lo).days + 1
    pb_share = {m: rng.uniform(0.60, 0.85) for m in range(31)}
    cols: dict[str, list[object]] = {k: [] for k in [
        "service", "jurisdiction", "as_of", "category", "date_of_birth", "has_valid_cnic",
        "learner_issued_on", "passed_sign_test", "passed_road_test", "licence_held_since",
        "licence_term_years", "has_medical_fitness_certificate", "urgent", "expires_on",
        "has_passport", "has_affidavit", "applicant_abroad", "applied_by", "has_authority_letter",
        "has_photograph", "has_local_address", "has_residence_proof"]}
    day = dt.timedelta(days=1)
    for _ in range(n):
        as_of = lo + day * rng.randrange(span)
        month = (as_of.year - 2024) * 12 + as_of.month - 1
        j = "PB" if rng.random() < pb_share[month] else "ICT"
        s = rng.choices(SERVICES, weights=(35, 20, 25, 20))[0]
        cat = rng.choices(CATEGORIES, weights=(50, 35, 10, 5))[0]
        # Skewed young: most applicants 17-30, a tail to 70.
        age = min(70, 16 + int(rng.expovariate(1 / 9)))
        dob = years_before(as_of, age) - day * rng.randrange(365)
        exact = rng.random() < 0.03
        if exact:
            dob = years_before(as_of, MIN_AGE[cat])
        row: dict[str, object] = {"service": s, "jurisdiction": j, "as_of": as_of}
        if s == SERVICES[0]:
            row.update(category=cat, date_of_birth=dob, has_valid_cnic=rng.random() < 0.95)
        elif s == SERVICES[1]:
            waited = 42 if exact else rng.randrange(10, 400)
            row.update(category=cat, date_of_birth=dob, learner_issued_on=as_of - day * waited,
                       passed_sign_test=rng.random() < 0.9, passed_road_test=rng.random() < 0.8,
                       licence_held_since=as_of - day * rng.randrange(0, 3000))
            if j == "PB":
                row.update(licence_term_years=rng.choice((1, 3, 5)),
                           has_medical_fitness_certificate=rng.random() < 0.6)
            else:
                row["urgent"] = rng.random() < 0.25
        elif s == SERVICES[2]:
            # From five years early to five years late; exact rows on the day.
            offset = 0 if exact else int(rng.triangular(-5 * 365, 5 * 365, 30))
            row.update(category=cat, expires_on=as_of + day * offset,
                       licence_term_years=rng.choice((1, 3, 5)))
            if j == "PB":
                row.update(date_of_birth=dob, has_medical_fitness_certificate=rng.random() < 0.6)
        else:
            row.update(has_valid_cnic=rng.random() < 0.97, has_passport=rng.random() < 0.92)
            if j == "PB":
                abroad = rng.random() < 0.15
                row.update(has_affidavit=rng.random() < 0.9, applicant_abroad=abroad,
                           applied_by="blood_relative" if abroad and rng.random() < 0.9 else "self",
                           has_authority_letter=rng.random() < 0.8, has_photograph=rng.random() < 0.9)
            else:
                row.update(has_local_address=rng.random() < 0.6, has_residence_proof=rng.random() < 0.5)
        for k, v in cols.items():
            v.append(row.get(k))
    types = {"licence_term_years": pa.int64()}
    return pa.table({k: pa.array(v, type=types.get(k)) for k, v in cols.items()})


def wide(n: int) -> pa.Table:
    part = population(min(n, 200_000), seed=15).drop_columns(["id"])
    parts = [part] * -(-n // part.num_rows)
    return pa.concat_tables(parts).slice(0, n).combine_chunks()


FRESH = """
import sys, time
import pyarrow.parquet as pq
import kmcore
table = pq.read_table(sys.argv[1]).combine_chunks()
times = []
for _ in range(3):
    t = time.perf_counter()
    kmcore.evaluate_batch(table)
    times.append(time.perf_counter() - t)
print(" ".join(f"{x:.4f}" for x in times))
"""


def fresh_process(path: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", FRESH, path], check=True, capture_output=True, text=True)
    return [float(x) for x in out.stdout.split()]


def report(tables: dict[str, pa.Table], runs: int = 7) -> None:
    """Times every shape: the first three calls of a fresh process each,
    then `runs` rounds in this process, the shapes taking turns, so that
    whatever else the machine does falls on all of them alike (shapes timed
    in separate processes, minutes apart, differed by 27% on a loaded
    machine where side by side they do not)."""
    first = {}
    with tempfile.TemporaryDirectory() as d:
        for name, table in tables.items():
            path = os.path.join(d, f"{name}.parquet")
            pq.write_table(table, path)
            first[name] = fresh_process(path)
    times: dict[str, list[float]] = {name: [] for name in tables}
    outs = {}
    for _ in range(runs):
        for name, table in tables.items():
            t = time.perf_counter()
            outs[name] = kmcore.evaluate_batch(table)
            times[name].append(time.perf_counter() - t)
    for name, table in tables.items():
        n = table.num_rows
        fine = outs[name].column("error").null_count
        med, best = statistics.median(times[name]), min(times[name])
        print(f"{name}: {n:,} rows, {table.num_columns} columns, {fine:,} rows without error")
        print("  fresh process, calls 1-3: "
              + ", ".join(f"{x * 1e3:.0f} ms ({n / x / 1e6:.1f} M/s)" for x in first[name]))
        print(f"  median of {runs}: {med * 1e3:.0f} ms ({n / med / 1e6:.1f} M/s); "
              f"best: {best * 1e3:.0f} ms ({n / best / 1e6:.1f} M/s)")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(f"kmcore {kmcore.__version__} | Python {platform.python_version()} | {platform.machine()} | "
          f"{os.cpu_count()} logical cores")
    synthetic = bench_evaluate.to_table(bench_evaluate.generate(n)).combine_chunks()
    report({"synthetic": synthetic, "narrow-realistic": narrow_realistic(n), "wide": wide(n)})


if __name__ == "__main__":
    main()
