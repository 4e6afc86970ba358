"""Input checks for :func:`nn11.train`: clear messages instead of numpy tracebacks."""

from __future__ import annotations

import math
from numbers import Integral, Real
from typing import Any

import numpy as np
from numpy.typing import NDArray


def matrix(name: str, value: Any, *, ndim: tuple[int, ...]) -> NDArray[np.float64]:
    """``value`` as a finite float array whose number of dimensions is in ``ndim``."""
    try:
        a = np.asarray(value)
    except Exception as e:  # ragged lists and the like
        raise ValueError(f"{name} must be a rectangular array of numbers ({e})") from None
    if a.dtype == object or not (
        np.issubdtype(a.dtype, np.number) or np.issubdtype(a.dtype, np.bool_)
    ):
        raise TypeError(f"{name} must hold numbers, got dtype {a.dtype}")
    if np.issubdtype(a.dtype, np.complexfloating):
        raise TypeError(f"{name} must hold real numbers, got dtype {a.dtype}")
    if a.ndim not in ndim:
        wanted = " or ".join(f"{d}-D" for d in ndim)
        raise ValueError(f"{name} must be {wanted}, got shape {a.shape}")
    if a.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {a.shape}")
    a = a.astype(np.float64)
    if not np.isfinite(a).all():
        raise ValueError(f"{name} must be finite (no NaN or infinity)")
    return a


def count(name: str, value: Any, *, allow_none: bool = False) -> int | None:
    """A whole number >= 1 (or None where allowed)."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, Integral):
        wanted = "a whole number >= 1" + (" or None" if allow_none else "")
        raise TypeError(f"{name} must be {wanted}, got {value!r}")
    number = int(value)
    if number < 1:
        raise ValueError(f"{name} must be >= 1, got {value}")
    return number


def rate(name: str, value: Any) -> float:
    """A positive, finite real number."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a positive finite number, got {value!r}")
    number = float(value)
    if not (math.isfinite(number) and number > 0):
        raise ValueError(f"{name} must be a positive finite number, got {value}")
    return number


def seed(name: str, value: Any) -> int:
    """A seed ``numpy.random.RandomState`` accepts: 0 <= seed < 2**32."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be a whole number, got {value!r}")
    number = int(value)
    if not 0 <= number < 2**32:
        raise ValueError(f"{name} must be between 0 and 2**32 - 1, got {value}")
    return number


def dataset(X: Any, y: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """X as (n, inputs) and y as (n, 1), both finite floats; y within [0, 1]."""
    Xa = matrix("X", X, ndim=(2,))
    ya = matrix("y", y, ndim=(1, 2))
    if ya.ndim == 2 and ya.shape[1] != 1:
        raise ValueError(f"y must have shape (n,) or (n, 1), got {ya.shape}")
    ya = ya.reshape(-1, 1)
    if ya.shape[0] != Xa.shape[0]:
        raise ValueError(
            f"X and y must have the same number of rows, got {Xa.shape[0]} and {ya.shape[0]}"
        )
    if ((ya < 0) | (ya > 1)).any():
        raise ValueError("y must hold targets within [0, 1] (the sigmoid's range)")
    return Xa, ya


def size(n: float) -> str:
    """Bytes for people: ``size(3 * 1024**3)`` is ``'3.0 GiB'``."""
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    raise AssertionError  # pragma: no cover


class TooLarge(ValueError):
    """A run (or a file) would need more memory than the limit allows.

    ``at_least``: ``needed`` is a lower bound (a stream stopped before its end).
    """

    def __init__(self, needed: int, limit: int, what: str, *, at_least: bool = False) -> None:
        self.needed, self.limit, self.what, self.at_least = needed, limit, what, at_least
        super().__init__(self.explain("max_memory"))

    def explain(self, name: str) -> str:
        """The message, naming the limit as ``name`` (the API's argument or the CLI's option)."""
        about = "at least" if self.at_least else "about"
        return (
            f"{self.what} needs {about} {size(self.needed)}, over {name} ({size(self.limit)}); "
            f"shrink it or raise {name}"
        )


class BadData(ValueError):
    """Input that cannot be used, and where: the file, its line (1-based, as an editor counts,
    the header included) and column (1-based) when the problem has one.

    >>> str(BadData("rows.csv", "'x' is not a number", line=3, column=2))
    "rows.csv, line 3, column 2: 'x' is not a number"
    """

    def __init__(
        self, file: str, problem: str, *, line: int | None = None, column: int | None = None
    ) -> None:
        self.file, self.problem, self.line, self.column = file, problem, line, column
        where = file + (f", line {line}" if line else "") + (f", column {column}" if column else "")
        super().__init__(f"{where}: {problem}")


def shown(text: str, width: int = 40, *, quote: bool = True) -> str:
    r"""Text taken from an input, safe to print in one line: every character that is not
    printable escaped (control characters, line breaks, bidi overrides), cut after ``width``.

    >>> print(shown("caf\u00e9\x1b[31m"), shown("9" * 50, width=5), shown("a\nb", quote=False))
    'café\x1b[31m' '99999'... (50 characters) a\nb
    """
    safe = "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text[:width]
    )
    cut = f"... ({len(text):,} characters)" if len(text) > width else ""
    return (f"'{safe}'" if quote else safe) + cut
