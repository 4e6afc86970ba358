"""A bigger dataset for the mini-batch variant, made from the post's four rows."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def noisy_copies(
    X: NDArray[np.integer] | NDArray[np.floating],
    y: NDArray[np.integer] | NDArray[np.floating],
    *,
    copies: int,
    noise: float,
    seed: int,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """``copies`` copies of the rows of ``X`` and ``y``, in a shuffled order, with
    Gaussian noise (standard deviation ``noise``) added to every input column but the
    last, the constant 1. Its own random generator: the global one, which draws the
    weights, is left alone. One copy is returned unshuffled.

    >>> from nn11.data import X, y_xor
    >>> X8, y8 = noisy_copies(X, y_xor, copies=2, noise=0.0, seed=2)
    >>> X8.shape, y8.shape, int(y8.sum())
    ((8, 3), (8, 1), 4)
    >>> noisy_copies(X, y_xor, copies=0, noise=0.1, seed=2)
    Traceback (most recent call last):
    ...
    ValueError: copies must be a whole number >= 1, got 0
    """
    if isinstance(copies, bool) or not isinstance(copies, int) or copies < 1:
        raise ValueError(f"copies must be a whole number >= 1, got {copies!r}")
    if not noise >= 0:
        raise ValueError(f"noise must be a number >= 0, got {noise!r}")
    rng = np.random.RandomState(seed)
    big_x = np.tile(np.asarray(X, dtype=float), (copies, 1))
    big_y = np.tile(np.asarray(y, dtype=float), (copies, 1))
    big_x[:, :-1] += rng.normal(0.0, noise, (len(big_x), big_x.shape[1] - 1))
    if copies > 1:
        order = rng.permutation(len(big_x))
        big_x, big_y = big_x[order], big_y[order]
    return big_x, big_y
