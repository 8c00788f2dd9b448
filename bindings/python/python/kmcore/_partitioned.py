"""What the engine helpers (``kmcore.spark``, ``kmcore.dask``) share: adding
up per-partition what-if totals into the table one ``what_if_batch`` call
over the whole input returns."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from kmcore._kmcore import ServiceId, what_if_batch_schema

#: The columns of a what-if table that partitions add up.
SUMMED = [f.name for f in what_if_batch_schema() if f.name != "service"]


def sum_what_if(parts: Any) -> pa.Table:
    """One row per service (null first, then the services in
    ``ServiceId`` order, as ``what_if_batch`` orders them) with every count
    and revenue summed over ``parts``, a table (or anything
    ``pyarrow.table`` reads) of per-partition ``what_if_batch`` rows."""
    schema = what_if_batch_schema()
    table = pa.table(parts)
    if table.num_rows == 0:
        return schema.empty_table()
    table = table.select(schema.names).cast(schema)
    grouped = table.group_by("service", use_threads=False).aggregate([(c, "sum") for c in SUMMED])
    grouped = grouped.rename_columns([n.removesuffix("_sum") for n in grouped.column_names])
    order = {s.value: i for i, s in enumerate(ServiceId)}
    services = grouped.column("service").to_pylist()
    ranks = sorted(range(len(services)), key=lambda i: -1 if services[i] is None else order.get(services[i], len(order)))
    return grouped.take(pa.array(ranks, pa.int64())).select(schema.names).cast(schema)
