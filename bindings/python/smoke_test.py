"""Smoke test of an installed kmcore wheel, run in a fresh venv outside the
source tree by bindings/scripts/build-wheels.sh: the extension loads, a
decision and a batch give the documented answers."""

import datetime as dt

import pyarrow as pa

import kmcore

assert kmcore.__file__ and "site-packages" in kmcore.__file__, kmcore.__file__

cat = kmcore.Catalogue()
facts = {"category": "motorcycle", "date_of_birth": dt.date(2008, 2, 29), "has_valid_cnic": True}
d = cat.evaluate(kmcore.ServiceId.LEARNER_PERMIT, "PB", dt.date(2026, 3, 1), facts)
assert d.eligible and d.fee_due == kmcore.Money(paisa=50_000), (d.eligible, d.fee_due)
d = cat.evaluate("driving_licence.learner_permit", "PB", dt.date(2026, 2, 28), facts)
assert d.reasons == ["age.minimum"], d.reasons

table = pa.table(
    {
        "service": ["driving_licence.learner_permit", "character_certificate.issue"],
        "jurisdiction": ["PB", "KP"],
        "as_of": [dt.date(2026, 3, 1), dt.date(2025, 5, 1)],
        "category": ["motorcycle", None],
        "date_of_birth": [dt.date(2008, 2, 29), None],
        "has_valid_cnic": [True, True],
        "purpose": [None, "overseas"],
    }
)
out = kmcore.evaluate_batch(table, portable=True)
assert out.column("fee_paisa").to_pylist() == [50_000, 300_000], out.to_pylist()
assert out.schema == kmcore.evaluate_batch_schema(portable=True)
print(f"kmcore {kmcore.__version__} wheel: smoke test passed")
