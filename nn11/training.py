"""``train``: the listings' loop as a function, and its ``Training`` result."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nn11 import checks
from nn11.sigmoid import nonlin

Array = NDArray[np.float64]

#: ``train``'s default ``max_memory``: 2 GiB.
MAX_MEMORY = 2 * 1024**3

#: ``progress(done, error)``: iterations done so far, and mean(abs(output error)) at the last one.
Progress = Callable[[int, float], None]


@dataclass(frozen=True)
class Training:
    """What :func:`train` returns.

    ``weights`` is ``(syn0,)`` or ``(syn0, syn1)``; ``output`` is the last layer
    at the final iteration, before that iteration's update (what the listings
    print); ``errors`` holds mean(abs(output error)) at 0, k, 2k, ... when
    ``record_every=k``; ``snapshots[i]`` maps names such as ``"l1"`` or
    ``"l1_delta"`` to copies of their values at iteration ``i``.
    """

    weights: tuple[Array, ...]
    output: Array
    iterations: int
    errors: list[float] = field(default_factory=list)
    snapshots: dict[int, dict[str, Array]] = field(default_factory=dict)

    def predict(self, X: ArrayLike) -> Array:
        """Run inputs forward through the trained weights.

        >>> from nn11 import train
        >>> from nn11.data import X, y
        >>> train(X, y).predict([[1, 0, 0], [0, 1, 0]]).round(4)
        array([[0.9999],
               [0.4482]])
        """
        inputs = self.weights[0].shape[0]
        layer = checks.matrix("X", X, ndim=(2,))
        if layer.shape[1] != inputs:
            raise ValueError(f"X must have {inputs} columns, got shape {layer.shape}")
        for syn in self.weights:
            layer = nonlin(np.dot(layer, syn))
        return layer


def _moments(names: str, values: Iterable[Array]) -> dict[str, Array]:
    return {n: np.array(v, copy=True) for n, v in zip(names.split(), values, strict=True)}


def train(
    X: ArrayLike,
    y: ArrayLike,
    *,
    hidden: int | None = None,
    alpha: float = 1.0,
    iterations: int = 10_000,
    seed: int = 1,
    record_every: int | None = None,
    snapshot_at: Iterable[int] = (),
    max_memory: int | None = MAX_MEMORY,
    progress: Progress | None = None,
) -> Training:
    """Train the post's network on ``X`` (n x inputs) and ``y`` (n or n x 1).

    ``hidden=None`` is Part 1's 2-layer network; ``hidden=n`` adds a hidden
    layer of n units (Part 2). Weights come from ``RandomState(seed)`` the way
    the listings draw them, so the defaults reproduce ``two_layer.py`` exactly.
    ``alpha`` scales each update. ``snapshot_at`` names iterations whose
    intermediate values (``l0``, ``l1``, ``l1_error``, ``l1_delta``, the
    weights before the update, and with a hidden layer ``l2``, ``l2_error``,
    ``l2_delta``) are kept in ``Training.snapshots``.

    Before allocating anything, ``train`` estimates the memory the run needs
    (rows x hidden units for each array the loop keeps, plus snapshots and
    recorded errors) and raises ``ValueError`` if it exceeds ``max_memory``
    bytes (default 2 GiB; ``None`` for no limit). ``progress``, if given, is
    called as ``progress(done, error)`` a few times a second at most (between
    blocks of iterations, never inside the loop's arithmetic); Ctrl-C raises
    ``KeyboardInterrupt`` as usual.

    >>> from nn11 import train
    >>> from nn11.data import X, y, y_xor
    >>> train(X, y).output.round(4)
    array([[0.0097],
           [0.0079],
           [0.9936],
           [0.9921]])
    >>> run = train(X, y_xor, hidden=4, iterations=60_000, record_every=10_000)
    >>> round(run.errors[0], 4), len(run.errors)
    (0.4964, 6)
    >>> train(X, y, iterations=1, snapshot_at=[0]).snapshots[0]["l1"].shape
    (4, 1)
    """
    l0, target = checks.dataset(X, y)
    n_hidden = checks.count("hidden", hidden, allow_none=True)
    rate = checks.rate("alpha", alpha)
    total = checks.count("iterations", iterations)
    assert total is not None
    every = checks.count("record_every", record_every, allow_none=True)
    rng = np.random.RandomState(checks.seed("seed", seed))
    wanted = _iterations("snapshot_at", snapshot_at, total)
    limit = checks.count("max_memory", max_memory, allow_none=True)
    if progress is not None and not callable(progress):
        raise TypeError(
            f"progress must be a function progress(done, error) or None, got {progress!r}"
        )
    records = 0 if every is None else -(-total // every)
    rows, inputs = l0.shape
    needed = footprint(rows, inputs, n_hidden, snapshots=len(wanted), records=records)
    if limit is not None and needed > limit:
        shape = f"{rows} rows" + ("" if n_hidden is None else f" x {n_hidden} hidden units")
        raise checks.TooLarge(needed, limit, f"this run ({shape})")

    errors: list[float] = []
    snapshots: dict[int, dict[str, Array]] = {}
    scale = rate != 1.0
    if n_hidden is None:
        syn0 = 2 * rng.random_sample((l0.shape[1], 1)) - 1
        for block in _blocks(total, progress is not None):
            for j in block:
                l1 = nonlin(np.dot(l0, syn0))
                l1_error = target - l1
                if every is not None and j % every == 0:
                    errors.append(float(np.mean(np.abs(l1_error))))
                l1_delta = l1_error * nonlin(l1, True)
                if j in wanted:
                    snapshots[j] = _moments(
                        "l0 l1 l1_error l1_delta syn0", (l0, l1, l1_error, l1_delta, syn0)
                    )
                step = np.dot(l0.T, l1_delta)
                if scale:
                    step *= rate
                syn0 += step
            if progress is not None:
                progress(block.stop, float(np.mean(np.abs(l1_error))))
        return Training((syn0,), l1, total, errors, snapshots)

    syn0 = 2 * rng.random_sample((l0.shape[1], n_hidden)) - 1
    syn1 = 2 * rng.random_sample((n_hidden, 1)) - 1
    for block in _blocks(total, progress is not None):
        for j in block:
            l1 = nonlin(np.dot(l0, syn0))
            l2 = nonlin(np.dot(l1, syn1))
            l2_error = target - l2
            if every is not None and j % every == 0:
                errors.append(float(np.mean(np.abs(l2_error))))
            l2_delta = l2_error * nonlin(l2, deriv=True)
            l1_error = l2_delta.dot(syn1.T)
            l1_delta = l1_error * nonlin(l1, deriv=True)
            if j in wanted:
                snapshots[j] = _moments(
                    "l0 l1 l2 l2_error l2_delta l1_error l1_delta syn0 syn1",
                    (l0, l1, l2, l2_error, l2_delta, l1_error, l1_delta, syn0, syn1),
                )
            step1 = l1.T.dot(l2_delta)
            step0 = l0.T.dot(l1_delta)
            if scale:
                step1 *= rate
                step0 *= rate
            syn1 += step1
            syn0 += step0
        if progress is not None:
            progress(block.stop, float(np.mean(np.abs(l2_error))))
    return Training((syn0, syn1), l2, total, errors, snapshots)


def footprint(
    rows: int, inputs: int, hidden: int | None, *, snapshots: int = 0, records: int = 0
) -> int:
    """Bytes a run needs at its peak, estimated from the shapes (a little above what it uses).

    The loop keeps about seven arrays of rows x hidden (layer, error, delta and their
    temporaries), the float copy of X, and per snapshot copies of the values it names.

    >>> from nn11.training import footprint
    >>> footprint(4, 3, 10**9) > 200 * 1024**3
    True
    """
    width = hidden or 1
    floats = rows * inputs + 7 * rows + 7 * rows * width + 3 * inputs * width + 3 * width
    floats += snapshots * (rows * inputs + 3 * rows + 3 * rows * width + inputs * width + width)
    return 8 * floats + 32 * records  # a recorded error is a Python float in a list


#: Progress is reported after a block of iterations that took at least this long (seconds).
BLOCK_SECONDS = 0.05


def _blocks(total: int, timed: bool) -> Iterator[range]:
    """``range(total)`` in one piece, or when ``timed`` in blocks that double in size until
    one takes ``BLOCK_SECONDS``, so a progress callback costs nothing measurable."""
    if not timed:
        yield range(total)
        return
    start, size = 0, 1
    while start < total:
        began = time.perf_counter()
        stop = min(start + size, total)
        yield range(start, stop)
        if time.perf_counter() - began < BLOCK_SECONDS:
            size *= 2
        start = stop


def _iterations(name: str, value: Any, total: int) -> frozenset[int]:
    """Iteration numbers, each within [0, total)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a list of iteration numbers, got {value!r}")
    out = set()
    for i in value:
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)):
            raise TypeError(f"{name} must hold whole numbers, got {i!r}")
        if not 0 <= i < total:
            raise ValueError(f"{name} must hold iterations within [0, {total}), got {i}")
        out.add(int(i))
    return frozenset(out)
