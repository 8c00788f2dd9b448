"""kmcore: Khidmat Markaz (police service centre) services as typed state
machines with dated fee and eligibility rules, implemented in Rust.

Everything public is importable from ``kmcore``; the native extension
``kmcore._kmcore`` and ``kmcore._errors`` are implementation modules.
"""

from kmcore._errors import (
    BundleError,
    InvalidInputError,
    KmError,
    MoveNotAllowedError,
    NotEligibleError,
    NotKnownError,
    TamperedLogError,
)
from kmcore._kmcore import Money, __version__, double_fees

__all__ = [
    "BundleError",
    "InvalidInputError",
    "KmError",
    "Money",
    "MoveNotAllowedError",
    "NotEligibleError",
    "NotKnownError",
    "TamperedLogError",
    "__version__",
    "double_fees",
]
