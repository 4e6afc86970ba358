"""Compare a printed output with the one a page shows: the one place where floats get a
tolerance (the last digits of long numpy runs differ by CPU). Switch to tests/floatcheck.py's
checker once it lands."""

from __future__ import annotations

import math
import re

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def same_output(want: str, got: str, rel: float = 1e-9, abs_: float = 1e-12) -> bool:
    """Equal text outside numbers (whitespace ignored), numbers equal within tolerance."""
    want_nums, got_nums = NUMBER.findall(want), NUMBER.findall(got)
    if len(want_nums) != len(got_nums):
        return False

    def frame(text: str) -> str:
        return "".join(NUMBER.sub("#", text).split())  # numpy pads columns by width

    if frame(want) != frame(got):
        return False
    return all(
        a == b or math.isclose(float(a), float(b), rel_tol=rel, abs_tol=abs_)
        for a, b in zip(want_nums, got_nums, strict=True)
    )
