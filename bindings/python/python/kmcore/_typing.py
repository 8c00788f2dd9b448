"""Structural types for kmcore's signatures (used by the stubs).

The Arrow protocols are those of the Arrow PyCapsule Interface: any object
with ``__arrow_c_stream__`` (pyarrow Table/RecordBatchReader, polars
DataFrame, pandas >= 2.2 DataFrame, duckdb relation ...) or
``__arrow_c_array__`` (pyarrow RecordBatch ...).
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Protocol, Union

__all__ = [
    "ArrowArrayExportable",
    "ArrowSchemaExportable",
    "ArrowStreamExportable",
    "TableLike",
]


class ArrowStreamExportable(Protocol):
    """An object exporting an Arrow C stream through a PyCapsule."""

    def __arrow_c_stream__(self, requested_schema: Any = None) -> object: ...


class ArrowSchemaExportable(Protocol):
    """An object exporting an Arrow C schema through a PyCapsule (a
    ``pyarrow.Schema`` ...)."""

    def __arrow_c_schema__(self) -> object: ...


class ArrowArrayExportable(Protocol):
    """An object exporting an Arrow C schema and array through PyCapsules."""

    def __arrow_c_array__(self, requested_schema: Any = None) -> tuple[object, object]: ...


#: What batch functions accept: an Arrow producer or an iterable of mappings
#: (for example a list of dicts).
TableLike = Union[ArrowStreamExportable, ArrowArrayExportable, Iterable[Mapping[str, Any]]]
