"""The post's nonlinearity, typed."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def nonlin(x: ArrayLike, deriv: bool = False) -> NDArray[np.float64]:
    """The logistic sigmoid, or its slope when ``deriv`` is true.

    With ``deriv=True`` the argument must already be a sigmoid *output*
    ``s``: the slope is then ``s * (1 - s)``, as in the post.

    >>> import numpy as np
    >>> from nn11 import nonlin
    >>> float(nonlin(0.0))
    0.5
    >>> nonlin(np.array([-6.0, 6.0])).round(4)
    array([0.0025, 0.9975])
    >>> float(nonlin(nonlin(0.0), deriv=True))
    0.25
    """
    a = np.asarray(x, dtype=np.float64)
    if deriv:
        return a * (1 - a)
    return 1 / (1 + np.exp(-a))
