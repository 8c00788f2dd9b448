"""The exceptions kmcore raises.

They are Python classes (not created in Rust) so that they pickle, take part
in ``except`` clauses of the usual builtin bases, and need no stub. The Rust
side raises them as ``cls(code, message, reasons=..., state=..., ...)``.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "BundleError",
    "InvalidInputError",
    "KmError",
    "MoveNotAllowedError",
    "NotEligibleError",
    "NotKnownError",
    "UndeterminedError",
    "InternalError",
    "TamperedLogError",
]


class KmError(Exception):
    """Base class of every kmcore error.

    ``code`` is a stable reason code such as ``"money.overflow"`` or
    ``"bundle.overlap"``; ``message`` is an English sentence. The context
    attributes are set only by the errors that have one: ``reasons`` (the
    failed reason codes of a refused application), ``state`` and ``event``
    (a refused move or guard), ``index`` (the first bad event of a tampered
    log), ``file`` and ``path`` (where a bundle failed to load).
    """

    #: The kmcore ``ErrorKind`` value of this class ("" for the base class).
    kind: ClassVar[str] = ""

    code: str
    message: str
    reasons: tuple[str, ...]
    state: str | None
    event: str | None
    index: int | None
    file: str | None
    path: str | None

    def __init__(
        self,
        code: str,
        message: str,
        *,
        reasons: tuple[str, ...] = (),
        state: str | None = None,
        event: str | None = None,
        index: int | None = None,
        file: str | None = None,
        path: str | None = None,
    ) -> None:
        # args == (code, message): BaseException.__reduce__ pickles as
        # cls(*args) plus __dict__, so the context round-trips too.
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.reasons = tuple(reasons)
        self.state = state
        self.event = event
        self.index = index
        self.file = file
        self.path = path

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r})"


class InvalidInputError(KmError, ValueError):
    """A value given to kmcore is malformed or out of range."""

    kind: ClassVar[str] = "invalid_input"


class NotEligibleError(KmError):
    """An application was submitted but a rule it must meet failed."""

    kind: ClassVar[str] = "not_eligible"


class MoveNotAllowedError(KmError):
    """An event was applied in a workflow state that does not accept it."""

    kind: ClassVar[str] = "move_not_allowed"


class BundleError(KmError):
    """A rule bundle (or an overlay) failed to parse or to validate."""

    kind: ClassVar[str] = "bundle"


class TamperedLogError(KmError):
    """A serialised event log failed verification."""

    kind: ClassVar[str] = "tampered_log"


class NotKnownError(KmError):
    """A value the rules need is not known for the jurisdiction and date."""

    kind: ClassVar[str] = "not_known"


class UndeterminedError(KmError):
    """A workflow guard cannot be decided: a fact it needs is missing or a
    rule's value is not known (neither a refusal nor a malformed input)."""

    kind: ClassVar[str] = "undetermined"


class InternalError(KmError):
    """A bug in the library caught before it reached the caller (for example
    a batch row whose evaluation panicked): not the caller's fault."""

    kind: ClassVar[str] = "internal"
