"""tests/floatcheck.py: last digits may differ, nothing else may."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from sybil import Document

from tests import docexamples, floatcheck
from tests.floatcheck import FloatChecker, same_output

ROOT = Path(__file__).resolve().parent.parent
PAGE = "Error:0.4964100319027255\nError:0.008584525653247157\n"  # docs/part2/index.md


@pytest.mark.parametrize(
    "got",
    [
        PAGE,
        "Error:0.4964100319027255\nError:0.008584525653247152\n",  # another CPU path
        "Error:0.4964100319027255\nError:0.00858452565324715\n",  # shorter repr, same value
        "Error:0.4964100319027255   \nError:0.008584525653247152\n",  # trailing blanks
    ],
)
def test_last_digits_may_differ(got: str) -> None:
    assert FloatChecker().check_output(PAGE, got, 0)


@pytest.mark.parametrize(
    "got",
    [
        "Error:0.4964100319027255\nError:0.008584525\n",  # 1e-7 off: a real change
        "Error:0.4964100319027255\nerror:0.008584525653247152\n",  # other text
        "Error:0.4964100319027255\n",  # a number missing
        "Error:0.4964100319027255\nError:0.008584525653247152 1\n",  # a number too many
        "Error:0.4964100319027255\nError:-0.008584525653247152\n",  # sign
        "Error:0.4964100319027255\nError:0.008584525653247152\nError:0.1\n",
    ],
)
def test_anything_else_fails(got: str) -> None:
    assert not FloatChecker().check_output(PAGE, got, 0)


def test_integers_and_shapes_compare_exactly() -> None:
    assert not same_output("(4, 4)", "(4, 5)")
    assert not same_output("10000", "10001")
    assert not same_output("[2, 2, 2]", "[2, 2, 3]")
    assert same_output("[0.5, 1e-05]", "[0.5000000000000001, 1.0000000000000001e-05]")
    assert same_output("0.0", "1e-17")  # near zero: ABS_TOL
    assert not same_output("0.0", "1e-9")


def test_tolerance_bounds() -> None:
    """1e-9 relative: far above the CPU paths' spread (1e-16..1e-14), far below a real change."""
    assert same_output("1.0", repr(1 + 0.9e-9)) and not same_output("1.0", repr(1 + 1.1e-9))
    assert (floatcheck.REL_TOL, floatcheck.ABS_TOL) == (1e-9, 1e-12)


def test_doctest_flags_still_work() -> None:
    assert FloatChecker().check_output("a ... z\n", "a 0.123 b z\n", doctest.ELLIPSIS)
    assert FloatChecker().check_output("[1,  2]\n", "[1, 2]\n", doctest.NORMALIZE_WHITESPACE)


def test_exact_mode_turns_the_tolerance_off(monkeypatch: pytest.MonkeyPatch) -> None:
    got = "Error:0.4964100319027255\nError:0.008584525653247152\n"
    monkeypatch.setenv(floatcheck.EXACT_ENV, "1")
    assert not FloatChecker().check_output(PAGE, got, 0)
    assert FloatChecker().check_output(PAGE, PAGE, 0)


def test_both_doctest_parsers_use_it() -> None:
    """The pages' doctests and the docstrings' doctests (tests/docexamples.py)."""
    assert isinstance(docexamples.doctests().evaluator.runner._checker, FloatChecker)
    (docstrings,) = docexamples.docstring_sybil(ROOT).parsers
    document = Document(">>> 1.0 + 2e-16\n1.0\n", str(ROOT / "nn11" / "x.py"))
    (region,) = list(docstrings(document))
    assert isinstance(region.evaluator.runner._checker, FloatChecker)
