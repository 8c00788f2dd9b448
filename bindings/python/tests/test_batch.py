"""The Arrow batch path: evaluate_batch with pyarrow, polars, pandas and lists
of dicts, row errors, whole-call errors, what-if revenue and log replay."""

from __future__ import annotations

import datetime as dt
import random
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import kmcore
from kmcore import Application, Catalogue, InvalidInputError, Money, ServiceId

PKT = dt.timezone(dt.timedelta(hours=5))

OUTPUT_SCHEMA = pa.schema(
    [
        pa.field("row", pa.int64(), nullable=False),
        pa.field("eligible", pa.bool_()),
        pa.field("fee_paisa", pa.int64()),
        pa.field("fee_status", pa.dictionary(pa.int8(), pa.string())),
        pa.field("reasons", pa.list_(pa.string())),
        pa.field("missing_documents", pa.list_(pa.string())),
        pa.field("error", pa.string()),
        pa.field("outcome", pa.dictionary(pa.int8(), pa.string())),
        pa.field("eligible_from", pa.date32()),
        pa.field("basis", pa.dictionary(pa.int8(), pa.string())),
        pa.field("missing_facts", pa.list_(pa.string())),
    ]
)

ROWS: list[dict[str, Any]] = [
    {  # eligible, Rs 500
        "service": "driving_licence.learner_permit",
        "jurisdiction": "PB",
        "as_of": dt.date(2026, 3, 1),
        "category": "motorcycle",
        "date_of_birth": dt.date(2008, 2, 29),
        "has_valid_cnic": True,
    },
    {  # too young and no CNIC
        "service": "driving_licence.learner_permit",
        "jurisdiction": "PB",
        "as_of": dt.date(2026, 2, 28),
        "category": "motor_car",
        "date_of_birth": dt.date(2008, 2, 29),
        "has_valid_cnic": False,
    },
    {  # KP overseas certificate, Rs 3,000
        "service": "character_certificate.issue",
        "jurisdiction": "KP",
        "as_of": dt.date(2025, 5, 1),
        "purpose": "overseas",
        "has_valid_cnic": True,
    },
    {  # a category that does not exist: a row error (a missing fact is not
        # one: it makes the row undetermined)
        "service": "driving_licence.learner_permit",
        "jurisdiction": "ICT",
        "as_of": dt.date(2026, 3, 1),
        "category": "tank",
        "has_valid_cnic": True,
    },
    {  # a check: no fee charged
        "service": "character_certificate.validity",
        "jurisdiction": "PB",
        "as_of": dt.date(2025, 6, 1),
        "issued_on": dt.date(2025, 1, 1),
    },
]

EXPECTED = {
    "eligible": [True, False, True, None, True],
    "fee_paisa": [50_000, None, 300_000, None, None],
    "fee_status": ["known", "known", "known", None, "not_charged"],
    "reasons": [[], ["age.minimum", "document.required"], [], None, []],
    "missing_documents": [[], ["cnic"], [], None, []],
}


def to_table(rows: list[dict[str, Any]]) -> pa.Table:
    """A table with a column for every key of any row (from_pylist reads
    only the first row's keys)."""
    keys = list(dict.fromkeys(k for r in rows for k in r))
    return pa.table({k: [r.get(k) for r in rows] for k in keys})


def table() -> pa.Table:
    return to_table(ROWS)


def check(out: Any) -> None:
    assert isinstance(out, pa.Table)
    assert out.schema == OUTPUT_SCHEMA
    assert out.column("row").to_pylist() == list(range(len(ROWS)))
    for name, want in EXPECTED.items():
        assert out.column(name).to_pylist() == want, name
    errors = out.column("error").to_pylist()
    assert errors[3] is not None and errors[3].startswith("fact.value: ")
    assert [e is None for i, e in enumerate(errors) if i != 3] == [True] * 4


def test_pyarrow_table() -> None:
    check(kmcore.evaluate_batch(table()))


def test_pyarrow_record_batch_and_multi_batch_reader() -> None:
    batch = table().to_batches()[0]
    check(kmcore.evaluate_batch(batch))
    reader = pa.RecordBatchReader.from_batches(batch.schema, [batch.slice(0, 2), batch.slice(2)])
    check(kmcore.evaluate_batch(reader))


def test_polars_string_views_and_categoricals() -> None:
    df = pl.DataFrame(ROWS)
    check(kmcore.evaluate_batch(df))
    cats = df.with_columns(pl.col("service").cast(pl.Categorical), pl.col("jurisdiction").cast(pl.Categorical))
    check(kmcore.evaluate_batch(cats))


def test_pandas_with_datetime64_dates() -> None:
    df = pd.DataFrame(ROWS)
    for col in ("as_of", "date_of_birth", "issued_on"):
        df[col] = pd.to_datetime(df[col])  # datetime64[ns] columns become timestamps
    check(kmcore.evaluate_batch(df))


def test_list_of_dicts() -> None:
    check(kmcore.evaluate_batch(ROWS))


def test_dictionary_large_string_and_date64_columns() -> None:
    t = table()
    t = t.set_column(0, "service", t.column("service").dictionary_encode())
    t = t.set_column(1, "jurisdiction", t.column("jurisdiction").cast(pa.large_string()))
    t = t.set_column(2, "as_of", t.column("as_of").cast(pa.date64()))
    t = t.set_column(3, "category", t.column("category").cast(pa.string_view()))
    check(kmcore.evaluate_batch(t))


def test_iso_strings_and_timestamps() -> None:
    t = pa.table(
        {
            "service": ["guest_registration.deadline"] * 3,
            "jurisdiction": ["PB"] * 3,
            "as_of": ["2025-03-01T15:00:00+05:00", "2025-03-01T15:00:01+05:00", "2025-03-01"],
            "establishment": ["hotel"] * 3,
            "checked_in_at": pa.array([dt.datetime(2025, 3, 1, 7, 0)] * 3, pa.timestamp("us", "UTC")),
            "reported_at": pa.array([dt.datetime(2025, 3, 1, 15, 0), dt.datetime(2025, 3, 1, 15, 0, 1),
                                     dt.datetime(2025, 3, 1, 15, 0)], pa.timestamp("ms")),
        }
    )
    out = kmcore.evaluate_batch(t)
    assert out.column("eligible").to_pylist() == [True, False, True]
    assert out.column("error").null_count == 3


@pytest.mark.parametrize("categorical", [False, True])
def test_same_answers_as_evaluate_row_by_row(categorical: bool) -> None:
    # Several blocks of rows on two threads; with `categorical`, every string
    # column is dictionary-encoded (as pandas categoricals and polars enums
    # arrive), including an unknown service and a category value that is
    # not a licence category, which fail only their rows.
    cat = Catalogue()
    rng = random.Random(7)
    rows: list[dict[str, Any]] = []
    for _ in range(3000):
        rows.append(
            {
                "service": rng.choice(
                    ["driving_licence.learner_permit", "character_certificate.issue"] * 20
                    + ["driving_licence.flying"]
                ),
                "jurisdiction": rng.choice(["PB", "ICT", "SD", "KP"]),
                "as_of": dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(365)),
                "category": rng.choice(["motorcycle", "motor_car", "ltv", "htv", None] * 10 + ["tank"]),
                "date_of_birth": dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(25_000)),
                "has_valid_cnic": rng.random() < 0.9,
                "has_passport": rng.random() < 0.9,
                "has_affidavit": rng.random() < 0.9,
                "applicant_abroad": rng.random() < 0.2,
                "applied_by": rng.choice(["self", "blood_relative"]),
                "has_authority_letter": rng.random() < 0.5,
                "has_photograph": rng.random() < 0.5,
                "has_local_address": rng.random() < 0.5,
                "has_residence_proof": rng.random() < 0.5,
                "purpose": rng.choice(["local", "overseas"]),
            }
        )
    for row in rows:
        # A table's cells that a row's service does not read are ignored (they
        # belong to other services' rows), while `evaluate` checks every fact
        # it is given: the bad category goes only where it is read.
        if row["category"] == "tank" and row["service"] != "driving_licence.learner_permit":
            row["category"] = None
    t = to_table(rows)
    if categorical:
        for name in ("service", "jurisdiction", "category", "applied_by", "purpose"):
            t = t.set_column(t.schema.get_field_index(name), name, t.column(name).dictionary_encode())
    out = kmcore.evaluate_batch(t, threads=2).to_pylist()
    assert sum(1 for got in out if got["error"] is not None) > 0
    for row, got in zip(rows, out):
        facts = {k: v for k, v in row.items() if k not in ("service", "jurisdiction", "as_of")}
        try:
            d = cat.evaluate(row["service"], row["jurisdiction"], row["as_of"], facts)
        except kmcore.KmError as e:
            if e.code == "service.unknown":
                # Same code; the batch's message is the core's own wording.
                assert got["error"].startswith("service.unknown: ")
            else:
                assert got["error"] == f"{e.code}: {e.message}"
            continue
        fee = d.fee_due
        # Null in the table when the rules cannot decide the row.
        want = None if d.outcome is kmcore.Outcome.UNDETERMINED else d.eligible
        assert got["eligible"] == want
        assert got["outcome"] == d.outcome.value
        assert got["fee_paisa"] == (fee.paisa if fee is not None else None)
        assert got["fee_status"] == d.quote.status.value
        assert got["reasons"] == d.reasons
        assert got["missing_documents"] == d.missing_documents


def test_bad_rows_never_abort_the_batch() -> None:
    rows: list[Any] = [
        {**ROWS[0], "service": "driving_licence.flying"},
        {**ROWS[0], "category": "tank"},
        {**ROWS[0], "date_of_birth": "2008-02-30"},
        {**ROWS[0], "service": None},
        {**ROWS[0], "has_valid_cnic": "yes"},
        "not a row",
        ROWS[0],
    ]
    out = kmcore.evaluate_batch(rows)
    errors = out.column("error").to_pylist()
    assert errors[0] == "service.unknown: unknown service `driving_licence.flying`"
    assert errors[1].startswith("fact.value: ")
    assert errors[2].startswith("date.invalid: ")
    assert errors[3] == "input.null: the row has no `service`"
    assert errors[4].startswith("fact.type: ")
    assert errors[5].startswith("input.row_type: ")
    assert errors[6] is None
    assert out.column("fee_paisa").to_pylist() == [None] * 6 + [50_000]


def test_bad_cells_in_arrow_input() -> None:
    rows = [{**r, "date_of_birth": str(r.get("date_of_birth"))} for r in ROWS[:2]]
    rows.append({**ROWS[0], "date_of_birth": "soon", "service": None})
    t = to_table(rows).set_column(3, "category", pa.array(["motorcycle", "tank", "motor_car"]))
    out = kmcore.evaluate_batch(t)
    errors = out.column("error").to_pylist()
    assert errors[0] is None
    assert errors[1].startswith("fact.value: `tank` is not a valid LicenceCategory")
    assert errors[2] == "input.null: `service` is null"


def test_defaults_fill_missing_columns_and_nulls() -> None:
    t = pa.table(
        {
            "service": [None, "driving_licence.learner_permit"],
            "category": ["motorcycle", "ltv"],
            "date_of_birth": [dt.date(2000, 1, 1)] * 2,
            "has_valid_cnic": [True, True],
        }
    )
    out = kmcore.evaluate_batch(t, service=ServiceId.LEARNER_PERMIT, jurisdiction="ICT",
                                as_of=dt.date(2026, 1, 1))
    assert out.column("fee_paisa").to_pylist() == [100_000, 100_000]
    with pytest.raises(InvalidInputError) as info:
        kmcore.evaluate_batch(t, service=ServiceId.LEARNER_PERMIT)
    assert info.value.code == "input.column_missing" and "jurisdiction" in info.value.message


def test_keep_and_ignore_columns() -> None:
    t = table().append_column("application_id", pa.array([f"A-{i}" for i in range(len(ROWS))]))
    t = t.append_column("district", pa.array(["Lahore"] * len(ROWS)))
    with pytest.raises(InvalidInputError) as info:
        kmcore.evaluate_batch(t)
    assert info.value.code == "input.unknown_column"
    assert "`application_id`, `district`" in info.value.message
    out = kmcore.evaluate_batch(t, keep=["application_id"], ignore=["district"])
    assert out.column_names[:2] == ["application_id", "row"]
    assert out.column("application_id").to_pylist() == [f"A-{i}" for i in range(len(ROWS))]
    check(out.drop_columns(["application_id"]))
    listed = kmcore.evaluate_batch(
        [{**r, "application_id": i} for i, r in enumerate(ROWS)], keep=["application_id"]
    )
    assert listed.column("application_id").to_pylist() == list(range(len(ROWS)))
    with pytest.raises(InvalidInputError) as info:
        kmcore.evaluate_batch(t, keep=["category"], ignore=["application_id", "district"])
    assert info.value.code == "input.keep"


def test_whole_call_errors() -> None:
    with pytest.raises(InvalidInputError) as info:
        kmcore.evaluate_batch(table().set_column(5, "has_valid_cnic", pa.array([1, 0, 1, 1, 1])))
    assert info.value.code == "input.column_type" and "has_valid_cnic" in info.value.message
    with pytest.raises(InvalidInputError) as info:
        kmcore.evaluate_batch(pa.table({"jurisdiction": ["PB"], "as_of": ["2026-01-01"]}))
    assert info.value.code == "input.column_missing"
    tz = pa.array([dt.datetime(2025, 1, 1)], pa.timestamp("s", "America/New_York"))
    with pytest.raises(InvalidInputError) as info:
        kmcore.evaluate_batch(pa.table({"service": ["lost_report.file"], "jurisdiction": ["KP"], "as_of": tz}))
    assert info.value.code == "input.timezone"
    with pytest.raises(TypeError):
        kmcore.evaluate_batch(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        kmcore.evaluate_batch("service")  # type: ignore[arg-type]


def test_empty_and_all_null_columns() -> None:
    empty = table().slice(0, 0)
    out = kmcore.evaluate_batch(empty)
    assert out.num_rows == 0 and out.schema == OUTPUT_SCHEMA
    t = pa.table({"service": ["lost_report.file"] * 2, "jurisdiction": ["KP"] * 2,
                  "as_of": ["2025-05-01"] * 2, "purpose": pa.nulls(2)})
    assert kmcore.evaluate_batch(t).column("fee_paisa").to_pylist() == [0, 0]


def test_large_batch_on_every_core_and_from_several_threads() -> None:
    n = 60_000
    big = to_table(ROWS * (n // len(ROWS)))
    results: list[pa.Table] = []

    def work() -> None:
        results.append(kmcore.evaluate_batch(big))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 3
    for out in results:
        assert out.num_rows == n
        assert out.column("fee_paisa").to_pylist()[:5] == EXPECTED["fee_paisa"]
        assert out.column("error").null_count == n - n // len(ROWS)
    one = kmcore.evaluate_batch(big, threads=1)
    assert one.equals(results[0])


# --- what-if -------------------------------------------------------------------


def test_what_if_revenue_per_service() -> None:
    cat = Catalogue()
    overlay = {
        "format_version": 1,
        "bundle_version": "lp-1000",
        "title": "learner permit Rs 1,000 in Punjab",
        "overlay_of": cat.bundle_version,
        "parameters": {
            "driving_licence.learner_permit": {
                "fee.motorcycle": {"PB": [{"effective_from": "2026-01-01", "rupees": 1000, "source": "what-if",
                                           "basis": "uncertain"}]}
            }
        },
    }
    what_if = cat.with_overlay(overlay)
    rows = ROWS * 10
    out = kmcore.what_if_batch(to_table(rows), what_if=what_if)
    by_service = {r["service"]: r for r in out.to_pylist()}
    lp = by_service["driving_licence.learner_permit"]
    assert lp["rows"] == 30 and lp["errors"] == 10
    assert lp["eligible_base"] == lp["eligible_what_if"] == 10
    assert lp["revenue_base_paisa"] == 10 * 50_000
    assert lp["revenue_what_if_paisa"] == 10 * 100_000
    assert lp["revenue_difference_paisa"] == 10 * 50_000 and lp["changed_rows"] == 10
    pcc = by_service["character_certificate.issue"]
    assert pcc["revenue_difference_paisa"] == 0 and pcc["changed_rows"] == 0
    assert out.column_names == [
        "service", "rows", "errors", "eligible_base", "eligible_what_if",
        "undetermined_base", "undetermined_what_if", "revenue_base_paisa",
        "revenue_what_if_paisa", "revenue_difference_paisa", "changed_rows",
    ]
    same = kmcore.what_if_batch(rows, what_if=cat, base=cat)
    assert all(r["revenue_difference_paisa"] == 0 for r in same.to_pylist())


# --- replay --------------------------------------------------------------------


def pcc_log(cat: Catalogue, n: int, *, issue_day: int) -> str:
    app = Application(cat, ServiceId.CHARACTER_CERTIFICATE_ISSUE, "PB", f"CC-{n}")
    facts: dict[str, Any] = {"has_valid_cnic": True, "has_passport": True, "has_affidavit": True,
             "applicant_abroad": False, "applied_by": "self", "has_authority_letter": False,
             "has_photograph": False}
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=PKT)
    app.apply("submit", at=start, actor="citizen", facts=facts)
    app.apply("pay_fee", at=start + dt.timedelta(minutes=5), actor="citizen")
    app.apply("start_verification", at=start + dt.timedelta(hours=2), actor="clerk")
    app.apply("clear", at=start + dt.timedelta(days=1), actor="police")
    app.apply("issue", at=start + dt.timedelta(days=issue_day), actor="supervisor")
    return app.to_json()


def test_replay_batch_sla_table() -> None:
    cat = Catalogue()
    logs = [pcc_log(cat, 1, issue_day=2), pcc_log(cat, 2, issue_day=8)]
    logs.append(logs[0].replace('"police"', '"clerk"', 1))
    logs.append("not json")
    now = dt.datetime(2026, 3, 20, 12, 0, tzinfo=PKT)
    out = kmcore.replay_batch(logs, now=now)
    rows = out.to_pylist()
    assert [r["application_id"] for r in rows[:2]] == ["CC-1", "CC-2"]
    assert rows[0]["state"] == "issued" and rows[0]["clock"] == "stopped"
    assert rows[0]["breached"] is False and rows[1]["breached"] is True
    assert rows[0]["target_working_days"] == 3 and rows[0]["events"] == 5
    assert rows[0]["started_on"] == dt.date(2026, 3, 2) and rows[1]["due"] is not None
    states = [s["state"] for s in rows[0]["time_in_states"]]
    assert states[:2] == ["submitted", "fee_paid"]
    assert rows[0]["time_in_states"][0]["seconds"] == 300
    assert rows[2]["error"].startswith("log.") and rows[2]["state"] is None
    assert rows[3]["error"].startswith("log.json: ")
    arrow_out = kmcore.replay_batch(pa.array(logs), now=now)
    assert arrow_out.equals(out)
    as_table = kmcore.replay_batch(pa.table({"log": logs}), now=now)
    assert as_table.equals(out)
    assert kmcore.replay_batch(pl.Series("log", logs), now=now).equals(out)
    single = cat.evaluate  # the Python API gives the same SLA as the table
    app = Application.from_json(cat, logs[1])
    sla = app.sla(now)
    assert (sla.elapsed_working_days, sla.breached, sla.due) == (
        rows[1]["elapsed_working_days"], rows[1]["breached"], rows[1]["due"])
    assert single is not None


def test_money_in_batches_is_paisa() -> None:
    out = kmcore.evaluate_batch(ROWS[:1])
    assert Money(out.column("fee_paisa")[0].as_py()) == Money.from_rupees(500)


def test_dates_at_and_beyond_the_day_table_edges() -> None:
    # date32 cells are read through a table of 1900-2099; dates outside it
    # are converted one by one, with the same answers.
    born = [dt.date(1850, 6, 1), dt.date(1899, 12, 31), dt.date(1900, 1, 1), dt.date(1960, 2, 29),
            dt.date(2008, 3, 1), dt.date(2099, 12, 31), dt.date(2100, 1, 1)]
    as_of = [dt.date(2026, 3, 1)] * 6 + [dt.date(2130, 1, 1)]
    t = pa.table({
        "service": ["driving_licence.learner_permit"] * len(born),
        "jurisdiction": ["PB"] * len(born),
        "as_of": pa.array(as_of, pa.date32()),
        "category": ["motorcycle"] * len(born),
        "date_of_birth": pa.array(born, pa.date32()),
        "has_valid_cnic": [True] * len(born),
    })
    out = kmcore.evaluate_batch(t).to_pylist()
    cat = Catalogue()
    for b, on, got in zip(born, as_of, out):
        d = cat.evaluate("driving_licence.learner_permit", "PB", on,
                         {"category": "motorcycle", "date_of_birth": b, "has_valid_cnic": True})
        assert (got["eligible"], got["reasons"]) == (d.eligible, d.reasons), b
    assert [g["eligible"] for g in out] == [True, True, True, True, True, False, True]


def test_returning_a_table_does_not_import_pandas() -> None:
    # pyarrow.table() imports pandas to ask whether its argument is a
    # DataFrame (a fifth of a second on a process's first call); the
    # result is built from the Arrow stream without it.
    import subprocess
    import sys

    script = (
        "import sys, datetime, kmcore\n"
        "out = kmcore.evaluate_batch([{'service': 'lost_report.file', 'jurisdiction': 'KP',"
        " 'as_of': datetime.date(2026, 1, 5)}])\n"
        "assert out.num_rows == 1 and out.column('eligible').to_pylist() == [True]\n"
        "print('pandas' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", done.stderr


def _batch_in_worker(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = kmcore.evaluate_batch(to_table(rows), threads=2).to_pylist()
    return out


def test_a_forked_worker_runs_batches_after_the_parent_did() -> None:
    # The extension allocates with its own allocator: a process forked
    # after the parent's batch threads ran must run batches of its own.
    rows = ROWS * 500
    here = kmcore.evaluate_batch(to_table(rows), threads=2).to_pylist()
    with ProcessPoolExecutor(max_workers=2) as pool:
        there = list(pool.map(_batch_in_worker, [rows, rows[:7]]))
    assert there[0] == here
    assert there[1] == here[:7]
