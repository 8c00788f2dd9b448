"""kmcore's batch functions on Dask DataFrames (``dask.dataframe``).

Each function maps the batch function over the partitions with the output
schema declared up front (Dask's ``meta``) and the catalogue shipped with
the task graph (a ``Catalogue`` pickles to its bundle; None means the
embedded bundle). A partition goes to kmcore as Arrow without its index;
numpy-backed integer columns with nulls (float64 in pandas) are read as
integers where every value is whole, and boolean fact columns that Dask
turned into the strings "True"/"False" are read as booleans again. Dask is imported only by the caller;
kmcore does not depend on it.

The outcome columns come back as Arrow-backed pandas columns
(``pd.ArrowDtype``), so ``fee_paisa`` stays an integer with nulls and
``reasons`` a list. The result keeps the input's index, which keys it;
``row`` counts rows within each partition. ``threads`` defaults to 1
because Dask already runs one task per worker thread or process.

Example::

    from kmcore import dask as kdask

    answers = kdask.evaluate(applications, keep=["id"])   # lazy
    totals = kdask.what_if(applications, what_if=next_year)  # a pyarrow.Table
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

import pyarrow as pa

import kmcore
from kmcore._partitioned import sum_what_if

if TYPE_CHECKING:
    import pandas as pd
    from dask.dataframe import DataFrame

__all__ = ["evaluate", "replay", "what_if"]


def _frame(table: pa.Table, index: Any) -> pd.DataFrame:
    import pandas as pd

    frame: pd.DataFrame = table.to_pandas(types_mapper=pd.ArrowDtype)
    frame.index = index
    return frame


def _meta(schema: pa.Schema, like: pd.DataFrame) -> pd.DataFrame:
    return _frame(schema.empty_table(), like.index[:0])


_FACTS = {k.value for k in kmcore.FactKey}


def _arrow(part: pd.DataFrame, drop: Sequence[str] = ()) -> pa.Table:
    """A partition as Arrow, without its index. Dask turns an object column
    of booleans with nulls (numpy-backed pandas) into the strings "True" and
    "False" (its ``dataframe.convert-string`` option); a fact column holding
    nothing else is made boolean again."""
    import pyarrow.compute as pc

    table = pa.Table.from_pandas(part.drop(columns=list(drop)), preserve_index=False)
    for i, field in enumerate(table.schema):
        if field.name in _FACTS and (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)):
            col = table.column(i)
            values = pc.unique(col.drop_null()).to_pylist()
            if values and set(values) <= {"True", "False"}:
                table = table.set_column(i, field.name, pc.equal(col, "True"))
    return table


def evaluate(
    ddf: DataFrame,
    *,
    catalogue: kmcore.Catalogue | None = None,
    service: Any = None,
    jurisdiction: Any = None,
    as_of: Any = None,
    keep: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    threads: int = 1,
) -> DataFrame:
    """``evaluate_batch`` over a Dask DataFrame (lazy): the kept columns as
    they were, then the outcome columns, with the input's index."""
    import pandas as pd

    keep = list(keep or [])
    ignore = list(ignore or [])
    missing = [k for k in keep if k not in ddf.columns]
    if missing:
        # The same error evaluate_batch gives, raised before any task runs.
        kmcore.evaluate_batch_schema(pa.schema([]), keep=missing)
    outcome = kmcore.evaluate_batch_schema(portable=True)
    meta = pd.concat([ddf._meta[keep], _meta(outcome, ddf._meta)], axis=1)

    def run(part: pd.DataFrame) -> pd.DataFrame:
        out = kmcore.evaluate_batch(
            _arrow(part, drop=keep),
            catalogue=catalogue,
            service=service,
            jurisdiction=jurisdiction,
            as_of=as_of,
            ignore=ignore,
            threads=threads,
            portable=True,
        )
        return pd.concat([part[keep], _frame(out, part.index)], axis=1)

    return ddf.map_partitions(run, meta=meta)


def what_if(
    ddf: DataFrame,
    *,
    what_if: kmcore.Catalogue,
    base: kmcore.Catalogue | None = None,
    service: Any = None,
    jurisdiction: Any = None,
    as_of: Any = None,
    ignore: Sequence[str] | None = None,
    threads: int = 1,
) -> pa.Table:
    """``what_if_batch`` over a Dask DataFrame (computed): each partition's
    totals are added up, so the result is the table one ``what_if_batch``
    call over all the rows returns."""
    import pandas as pd

    ignore = list(ignore or [])
    schema = kmcore.what_if_batch_schema()

    def run(part: pd.DataFrame) -> pd.DataFrame:
        out = kmcore.what_if_batch(
            _arrow(part),
            what_if=what_if,
            base=base,
            service=service,
            jurisdiction=jurisdiction,
            as_of=as_of,
            ignore=ignore,
            threads=threads,
        )
        return _frame(out, pd.RangeIndex(out.num_rows))

    parts = ddf.map_partitions(run, meta=_meta(schema, pd.DataFrame(index=pd.RangeIndex(0))))
    computed: pd.DataFrame = parts.compute()
    return sum_what_if(pa.Table.from_pandas(computed, preserve_index=False))


def replay(
    ddf: DataFrame,
    *,
    now: Any,
    log_column: str = "log",
    catalogue: kmcore.Catalogue | None = None,
    threads: int = 1,
) -> DataFrame:
    """``replay_batch`` over the JSON logs in ``log_column`` (lazy): one row
    per log with ``replay_batch``'s columns and the input's index."""
    schema = kmcore.replay_batch_schema()

    def run(part: Any) -> Any:
        logs = pa.array(part[log_column].tolist(), pa.string())
        return _frame(kmcore.replay_batch(logs, now=now, catalogue=catalogue, threads=threads), part.index)

    return ddf.map_partitions(run, meta=_meta(schema, ddf._meta))
