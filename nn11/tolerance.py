"""The site's float tolerance: two computations agree when they differ only in the last digits.

The same bounds as the doc tests' output checker (tests/floatcheck.py, where the reasoning is);
tests/test_check.py holds the two to one another.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

REL_TOL = 1e-9
ABS_TOL = 1e-12


def agree(a: NDArray[Any], b: NDArray[Any]) -> bool:
    """Same shape, and every pair of numbers within the tolerance."""
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=REL_TOL, atol=ABS_TOL))
