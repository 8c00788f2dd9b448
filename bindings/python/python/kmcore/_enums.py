"""The base class of kmcore's enums.

The enums themselves (``ServiceId``, ``Jurisdiction``, ``FactKey`` ...) are
built by the native module from the Rust core's variants, so that they can
never drift from it; see ``kmcore._kmcore``.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["StrEnum"]


class StrEnum(str, enum.Enum):
    """An enum whose members are strings: their kmcore stable names.

    ``ServiceId.LEARNER_PERMIT == "driving_licence.learner_permit"``, and
    ``str()`` and ``format()`` give that name, so members can be used
    wherever kmcore takes a string and stored in tables unchanged.
    """

    if TYPE_CHECKING:
        # What calling an enum class does: look a member up by its value.
        def __new__(cls, value: str) -> Self: ...

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, format_spec: str) -> str:
        return str.__format__(str.__str__(self), format_spec)
