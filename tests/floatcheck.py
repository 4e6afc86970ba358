"""Doctest output compared with a float tolerance: the same numbers on every machine.

numpy and the OpenBLAS in its wheel pick their kernels per CPU, so the last bits of a long
training run differ between machines (``0.008584525653247157`` on one, ``...152`` on another).
The listings' numbers agree to 12 significant digits on every CPU path seen, the digits the
post's Python 2 printed (docs/development.md, "Same numbers on every machine").

:class:`FloatChecker` first compares exactly (Sybil's checker: trailing whitespace ignored,
doctest flags honoured). Failing that, it splits expected and actual output into numbers and
the text between them: the text must be identical, the count of numbers the same, integers
equal, and each pair of other numbers equal within ``REL_TOL`` (``ABS_TOL`` near zero).
Why 1e-9: the CPU paths differ by 1e-16 to 1e-14 relative (they agree to 12 significant
digits), so 1e-9 leaves a wide margin for CPUs not seen here; any real change to a
computation (another seed, alpha, hidden size or iteration count) moves the printed numbers
by far more, so it still fails.

``NN11_EXACT_FLOATS=1`` in the environment turns the tolerance off (the old, exact
comparison): tests/test_cpu_paths.py uses it to prove the tolerance is what keeps pages green.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence

from sybil.evaluators import doctest as sybil_doctest
from sybil.parsers.abstract import DocTestStringParser

REL_TOL = 1e-9
ABS_TOL = 1e-12
#: A number as Python and numpy print it: 3, -0.5, 1e-05, 2.5E+10, .5, 7.
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
EXACT_ENV = "NN11_EXACT_FLOATS"


def split(text: str) -> tuple[list[str], list[str]]:
    """The text between numbers (one more piece than numbers) and the numbers."""
    return NUMBER.split(text), NUMBER.findall(text)


def close(want: str, got: str, rel_tol: float = REL_TOL, abs_tol: float = ABS_TOL) -> bool:
    """Two printed numbers agree: integers exactly, others within the tolerance."""
    if not any(c in want + got for c in ".eE"):
        return int(want) == int(got)
    return math.isclose(float(want), float(got), rel_tol=rel_tol, abs_tol=abs_tol)


def same_output(want: str, got: str) -> bool:
    """``want`` and ``got`` differ in nothing but the last digits of their floats."""
    want_text, want_numbers = split(want)
    got_text, got_numbers = split(got)
    return (
        want_text == got_text
        and len(want_numbers) == len(got_numbers)
        and all(close(w, g) for w, g in zip(want_numbers, got_numbers, strict=True))
    )


def same_printout(want: str, got: str) -> bool:
    """Like :func:`same_output`, for a whole script's or notebook's printout against the page's
    outputs: white space is not compared (numpy pads columns to the widest number)."""
    want_text, want_numbers = split(want)
    got_text, got_numbers = split(got)

    def frame(pieces: list[str]) -> str:
        return "#".join("".join(p.split()) for p in pieces)

    return (
        frame(want_text) == frame(got_text)
        and len(want_numbers) == len(got_numbers)
        and all(close(w, g) for w, g in zip(want_numbers, got_numbers, strict=True))
    )


def agree(want: Sequence[float], got: Sequence[float]) -> bool:
    """Two lists of computed floats agree up to the CPU's last digits."""
    return len(want) == len(got) and all(
        math.isclose(w, g, rel_tol=REL_TOL, abs_tol=ABS_TOL) for w, g in zip(want, got, strict=True)
    )


class FloatChecker(sybil_doctest.OutputChecker):
    """Sybil's output checker, then :func:`same_output` (trailing whitespace stripped)."""

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        if super().check_output(want, got, optionflags):
            return True
        if os.environ.get(EXACT_ENV) == "1":
            return False
        strip = self._trailing_whitespace_re
        return same_output(strip.sub("", want), strip.sub("", got))


class FloatRunner(sybil_doctest.DocTestRunner):
    def __init__(self, optionflags: int) -> None:
        super().__init__(optionflags)
        self._checker = FloatChecker()  # doctest.DocTestRunner's own attribute


class FloatEvaluator(sybil_doctest.DocTestEvaluator):
    """Sybil's doctest evaluator with :class:`FloatChecker`."""

    def __init__(self, optionflags: int = 0) -> None:
        self.runner = FloatRunner(optionflags)


def string_parser(optionflags: int = 0) -> DocTestStringParser:
    """Doctest regions from a string (a Markdown fence's source), checked by FloatChecker."""
    return DocTestStringParser(FloatEvaluator(optionflags))
