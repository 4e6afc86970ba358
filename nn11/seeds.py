"""Verdicts over many random starts: what a setting does, measured on seeds 1 to 8.

One run says what happened from one start (seed 1, the post's). A sentence about what a
setting does in general needs many: :func:`over_seeds` measures something once per seed and
returns a :class:`Spread`, seed 1's value next to the median and the range. Two spreads
compared seed by seed (``a.below(b)``), or one against a level, give a :class:`Count`, printed
as "k of n starts". A page states its verdict with :meth:`Count.holds`, which returns the
count when the page's word fits it and raises :class:`VerdictError` when the seeds say
otherwise; the word and the count are then both checked every time the page's examples run.

>>> from nn11.seeds import over_seeds
>>> from nn11.whatnext import run
>>> plain = over_seeds(lambda s: run("three_layer", iterations=301, seed=s).error)
>>> faster = over_seeds(lambda s: run("momentum", iterations=301, seed=s, MOMENTUM=0.9).error)
>>> plain
seed 1: 0.2418; seeds 1-8: median 0.3767, 0.2418 to 0.4986
>>> faster.below(plain).holds("always")
8 of 8 starts
>>> faster.below(0.05).holds("mostly")
Traceback (most recent call last):
...
nn11.seeds.VerdictError: 'mostly' needs 6 or 7 of 8 starts; the seeds give 8 of 8 starts
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from nn11.sigmoid import nonlin

#: The starts a general claim is measured on: the post's seed 1, and seven more.
SEEDS = tuple(range(1, 9))
#: Fewer starts than this do not make a general claim.
AT_LEAST = 8

#: A page's word for a count, and the counts (k of n) it may describe: each count has
#: exactly one word, so a page cannot say "mostly" of a count that is "always".
WORDS: dict[str, Callable[[int, int], bool]] = {
    "always": lambda k, n: k == n,
    "mostly": lambda k, n: 4 * k >= 3 * n and k < n,
    "about half": lambda k, n: 4 * k < 3 * n and 4 * k > n,
    "rarely": lambda k, n: 4 * k <= n and k > 0,
    "never": lambda k, n: k == 0,
}


class VerdictError(AssertionError):
    """A page's verdict that its seeds contradict."""


def _seeds(seeds: Iterable[int]) -> tuple[int, ...]:
    if isinstance(seeds, (str, bytes)) or not isinstance(seeds, Iterable):
        raise TypeError(f"seeds must be a list of whole numbers, got {seeds!r}")
    out = tuple(seeds)
    for s in out:
        if isinstance(s, bool) or not isinstance(s, int) or not 0 <= s < 2**32:
            raise ValueError(f"seeds must hold whole numbers within [0, 2**32), got {s!r}")
    if len(set(out)) != len(out) or len(out) < AT_LEAST:
        raise ValueError(f"seeds must hold at least {AT_LEAST} different seeds, got {out!r}")
    return out


def _fmt(value: float, digits: int) -> str:
    value = float(value)
    if math.isinf(value) or value.is_integer():
        return str(value) if math.isinf(value) else str(int(value))
    return repr(round(value, digits))


def _named(seeds: Sequence[int]) -> str:
    if list(seeds) == list(range(seeds[0], seeds[0] + len(seeds))) and len(seeds) > 2:
        return f"seeds {seeds[0]}-{seeds[-1]}"
    return ("seed " if len(seeds) == 1 else "seeds ") + ", ".join(map(str, seeds))


@dataclass(frozen=True)
class Count:
    """On how many of ``seeds`` something held: ``held[i]`` for ``seeds[i]``."""

    seeds: tuple[int, ...]
    held: tuple[bool, ...]

    @property
    def k(self) -> int:
        return sum(self.held)

    @property
    def n(self) -> int:
        return len(self.held)

    @property
    def word(self) -> str:
        """The one word of ``WORDS`` that describes this count."""
        return next(w for w, fits in WORDS.items() if fits(self.k, self.n))

    def __repr__(self) -> str:
        text = f"{self.k} of {self.n} starts"
        failed = [s for s, h in zip(self.seeds, self.held, strict=True) if not h]
        if 0 < len(failed) <= 2:
            text += f" (not {_named(failed)})"
        return text

    def holds(self, word: str) -> Count:
        """This count, if ``word`` ("always", "mostly", "about half", "rarely", "never") is
        the word for it; else :class:`VerdictError` naming the count."""
        if word not in WORDS:
            raise ValueError(f"word must be one of {', '.join(map(repr, WORDS))}; got {word!r}")
        if not WORDS[word](self.k, self.n):
            fits = [k for k in range(self.n + 1) if WORDS[word](k, self.n)]
            need = str(fits[0]) if len(fits) == 1 else f"{fits[0]} to {fits[-1]}"
            if len(fits) == 2:
                need = f"{fits[0]} or {fits[1]}"
            raise VerdictError(f"{word!r} needs {need} of {self.n} starts; the seeds give {self!r}")
        return self


@dataclass(frozen=True)
class Spread:
    """One measurement per seed: ``values[i]`` from ``seeds[i]``. Printed as seed 1's value
    (the first seed's, without seed 1), the median and the range, rounded to ``digits``
    decimals."""

    seeds: tuple[int, ...]
    values: tuple[float, ...]
    digits: int = 4

    @property
    def median(self) -> float:
        return float(statistics.median(self.values))

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    def at(self, seed: int) -> float:
        """The value from ``seed``."""
        if seed not in self.seeds:
            raise ValueError(f"seed must be one of {_named(self.seeds)}, got {seed!r}")
        return self.values[self.seeds.index(seed)]

    def __repr__(self) -> str:
        first = 1 if 1 in self.seeds else self.seeds[0]
        d = self.digits
        return (
            f"seed {first}: {_fmt(self.at(first), d)}; {_named(self.seeds)}: median "
            f"{_fmt(self.median, d)}, {_fmt(self.low, d)} to {_fmt(self.high, d)}"
        )

    def _other(self, other: Spread | float, what: str) -> tuple[float, ...]:
        if isinstance(other, Spread):
            if other.seeds != self.seeds:
                raise ValueError(f"{what}: both spreads must come from the same seeds")
            return other.values
        return (float(other),) * len(self.values)

    def below(self, other: Spread | float) -> Count:
        """On how many seeds this value is below ``other``'s (from the same seed) or a level."""
        vs = self._other(other, "below")
        return Count(self.seeds, tuple(a < b for a, b in zip(self.values, vs, strict=True)))

    def above(self, other: Spread | float) -> Count:
        """On how many seeds this value is above ``other``'s (from the same seed) or a level."""
        vs = self._other(other, "above")
        return Count(self.seeds, tuple(a > b for a, b in zip(self.values, vs, strict=True)))

    def ratio(self, other: Spread) -> Spread:
        """This value divided by ``other``'s, seed by seed."""
        vs = self._other(other, "ratio")
        return Spread(self.seeds, tuple(a / b for a, b in zip(self.values, vs, strict=True)), 2)


def over_seeds(
    measure: Callable[[int], float], seeds: Iterable[int] = SEEDS, *, digits: int = 4
) -> Spread:
    """``measure(seed)`` for each of ``seeds`` (at least 8; ``math.inf`` stands for "never").

    >>> over_seeds(float, seeds=[1, 2, 3])
    Traceback (most recent call last):
    ...
    ValueError: seeds must hold at least 8 different seeds, got (1, 2, 3)
    """
    chosen = _seeds(seeds)
    return Spread(chosen, tuple(float(measure(s)) for s in chosen), digits)


def count(test: Callable[[int], bool], seeds: Iterable[int] = SEEDS) -> Count:
    """On how many of ``seeds`` ``test(seed)`` is true."""
    chosen = _seeds(seeds)
    return Count(chosen, tuple(bool(test(s)) for s in chosen))


@dataclass(frozen=True)
class Many:
    """What :func:`train_many` returns: ``errors[s, a, r]`` is the mean absolute error of
    seed ``s`` with alpha ``a`` at iteration ``r * record_every``; ``last_change[s, a]`` the
    last iteration whose update still changed a weight (-1: none did)."""

    errors: np.ndarray
    last_change: np.ndarray


def train_many(
    X: np.ndarray,
    y: np.ndarray,
    *,
    hidden: int,
    alphas: Sequence[float],
    seeds: Iterable[int] = SEEDS,
    iterations: int,
    record_every: int,
) -> Many:
    """The three-layer network trained from each seed with each alpha, all at once.

    ``nn11.train``'s loop with every run's weights stacked along a leading axis (one array
    operation per step for all of them; each run's weights drawn as ``train`` draws them).

    >>> from nn11 import train
    >>> from nn11.data import X, y_xor
    >>> many = train_many(X, y_xor, hidden=4, alphas=[1, 10], iterations=2001, record_every=1000)
    >>> many.errors.shape, many.last_change.shape
    ((8, 2, 3), (8, 2))
    >>> one = train(X, y_xor, hidden=4, alpha=10, seed=3, iterations=2001, record_every=1000)
    >>> bool(np.allclose(many.errors[2, 1], one.errors, rtol=1e-9))
    True
    """
    chosen = _seeds(seeds)
    l0 = np.asarray(X, dtype=float)
    target = np.asarray(y, dtype=float).reshape(-1, 1)
    if isinstance(hidden, bool) or not isinstance(hidden, int) or hidden < 1:
        raise ValueError(f"hidden must be a whole number >= 1, got {hidden!r}")
    for value, what in ((iterations, "iterations"), (record_every, "record_every")):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{what} must be a whole number >= 1, got {value!r}")
    rates = np.array([float(a) for a in alphas])
    if rates.size == 0 or not np.all(np.isfinite(rates) & (rates > 0)):
        raise ValueError(f"alphas must hold one or more positive numbers, got {alphas!r}")
    first, second = [], []
    for s in chosen:
        rng = np.random.RandomState(s)
        first.append(2 * rng.random_sample((l0.shape[1], hidden)) - 1)
        second.append(2 * rng.random_sample((hidden, 1)) - 1)
    shape = (len(chosen), len(rates))
    syn0 = np.broadcast_to(np.array(first)[:, None], shape + first[0].shape).copy()
    syn1 = np.broadcast_to(np.array(second)[:, None], shape + second[0].shape).copy()
    rate = rates[None, :, None, None]
    errors = []
    last_change = np.full(shape, -1)
    with np.errstate(over="ignore"):  # exp overflows to inf far out on a tail: sigmoid 0
        for j in range(iterations):
            l1 = nonlin(np.matmul(l0, syn0))
            l2 = nonlin(np.matmul(l1, syn1))
            l2_error = target - l2
            if j % record_every == 0:
                errors.append(np.mean(np.abs(l2_error), axis=(2, 3)))
            l2_delta = l2_error * nonlin(l2, deriv=True)
            l1_delta = np.matmul(l2_delta, np.swapaxes(syn1, -1, -2)) * nonlin(l1, deriv=True)
            new1 = syn1 + rate * np.matmul(np.swapaxes(l1, -1, -2), l2_delta)
            new0 = syn0 + rate * np.matmul(l0.T, l1_delta)
            moved = (new1 != syn1).any(axis=(2, 3)) | (new0 != syn0).any(axis=(2, 3))
            last_change[moved] = j
            syn0, syn1 = new0, new1
    return Many(np.stack(errors, axis=-1), last_change)
