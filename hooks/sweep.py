"""MkDocs hook: the Play pages' numbers and figures, from ``nn11.train`` at build time.

Mostly the follow-up post's learning-rate sweep (plus exercise 3's figure,
``figures/error-fall-{light,dark}.svg``: Part 1's error at every iteration).

Pages ask for it with HTML comments that this hook replaces with Markdown tables:

    <!-- nn11-sweep: table hidden=4 -->

and the figures ``sweep`` (error over the iterations, one line per alpha) and ``sweep-final``
(error at 50,000 against alpha), declared here (hooks/figures.py). The 14 runs (computed together
per hidden size: :func:`stacked`) take a couple of seconds: each hidden size's errors are an
artefact (hooks/cache.py, :data:`RUNS`) computed in the pool, keyed by nn11's sources, this file,
the settings, numpy's version and this machine's arithmetic.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FormatStrFormatter, NullFormatter
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from hooks import cache
from hooks.figures import axes, figure
from nn11 import nonlin, train
from nn11.data import X, y, y_xor

ALPHAS = (0.001, 0.01, 0.1, 1, 10, 100, 1000)
HIDDEN = (4, 32)
ITERATIONS = 60_000  # the post's runs
EVERY = 10_000
#: Iterations whose error is recorded: 0, 10000, ..., 50000.
RECORDED = tuple(range(0, ITERATIONS, EVERY))
#: Each error is recorded before that iteration's update, so the runs can stop right after
#: the last recorded one: the numbers are those of the 60,000-iteration runs.
RUN_LENGTH = RECORDED[-1] + 1

MARKER = re.compile(r"<!--\s*nn11-sweep:(?P<what>[^>]*?)-->")
TABLE = re.compile(r"\s*table\s+hidden=(?P<hidden>\d+)\s*")

#: (hidden, alpha) -> errors at RECORDED.
Sweep = dict[tuple[int, float], list[float]]


#: One run of the sweep: ``RUN(hidden=4, alpha=10)``, what :func:`stacked` computes for
#: each alpha at once (tests/test_sweep.py compares them).
RUN = functools.partial(train, X, y_xor, iterations=RUN_LENGTH, record_every=EVERY)


def stacked(hidden: int, iterations: int = RUN_LENGTH, every: int = EVERY) -> list[list[float]]:
    """One hidden size's runs, every alpha at once: ``train``'s loop with the runs' weights
    stacked along a leading axis (one array operation per step for all of them).

    Each slice of a stacked ``matmul`` goes to the BLAS kernel ``np.dot`` uses, so every run
    does ``train``'s arithmetic: the errors came out bit for bit ``train``'s on every CPU path
    tried here (tests/test_sweep.py holds them to the tolerance policy, tests/floatcheck.py).
    Returns the errors at every ``every``-th iteration, a list per alpha in ``ALPHAS`` order.
    """
    first = train(X, y_xor, hidden=hidden, iterations=1, snapshot_at=[0]).snapshots[0]
    l0, target = first["l0"], y_xor.reshape(-1, 1).astype(float)
    rates = np.array(ALPHAS, dtype=float)[:, None, None]
    syn0 = np.repeat(first["syn0"][None], len(ALPHAS), axis=0)  # train's seeded weights
    syn1 = np.repeat(first["syn1"][None], len(ALPHAS), axis=0)
    errors: list[list[float]] = [[] for _ in ALPHAS]
    for j in range(iterations):
        l1 = nonlin(np.matmul(l0, syn0))
        l2 = nonlin(np.matmul(l1, syn1))
        l2_error = target - l2
        if j % every == 0:
            for run, e in zip(errors, np.mean(np.abs(l2_error), axis=(1, 2)), strict=True):
                run.append(float(e))
        l2_delta = l2_error * nonlin(l2, deriv=True)
        l1_delta = np.matmul(l2_delta, syn1.transpose(0, 2, 1)) * nonlin(l1, deriv=True)
        syn1 += rates * np.matmul(l1.transpose(0, 2, 1), l2_delta)
        syn0 += rates * np.matmul(l0.T, l1_delta)
    return errors


def runs(hidden: int, out: Path) -> None:
    """Fill ``out`` with one hidden size's errors: ``errors.json``, a list per alpha."""
    errors = stacked(hidden)
    (out / "errors.json").write_text(json.dumps(errors, indent=1) + "\n", encoding="utf-8")


HERE = Path(__file__).resolve()
SETTINGS = repr((ALPHAS, RUN_LENGTH, EVERY))
#: One artefact per hidden size (the pool runs them side by side): keyed by nn11's sources,
#: this file, the settings, numpy's version and this machine's arithmetic
#: (:func:`hooks.cache.fingerprint`: a cache restored from another CPU is never reused).
RUNS = {
    h: cache.declare(
        cache.Artefact(
            f"sweep-{h}", functools.partial(runs, h), (cache.NN11, HERE, SETTINGS), long=True
        )
    )
    for h in HIDDEN
}


def load(store: Path = cache.CACHE) -> Sweep:
    """The sweep, from the cache (computed and cached if need be)."""
    out: Sweep = {}
    for h, artefact in RUNS.items():
        text = (artefact.folder(store) / "errors.json").read_text(encoding="utf-8")
        for a, e in zip(ALPHAS, json.loads(text), strict=True):
            out[h, a] = [float(v) for v in e]
    return out


def table(sweep: Sweep, hidden: int) -> str:
    """One hidden size's errors as a Markdown table: a row per alpha, a column per checkpoint."""
    if hidden not in HIDDEN:
        raise PluginError(f"nn11-sweep: no sweep with hidden={hidden} (have {HIDDEN})")
    head = "| alpha | " + " | ".join(f"{i:,}" for i in RECORDED) + " |"
    rule = "|---:|" + "---:|" * len(RECORDED)
    rows = [f"| {a:g} | " + " | ".join(f"{e:.6f}" for e in sweep[hidden, a]) + " |" for a in ALPHAS]
    return "\n".join([head, rule, *rows])


def fill(markdown: str, sweep: Callable[[], Sweep], where: str) -> str:
    """Replace every sweep marker in ``markdown``; an unknown one fails the build."""

    def one(m: re.Match[str]) -> str:
        t = TABLE.fullmatch(m["what"])
        if t is None:
            raise PluginError(f"{where}: unknown nn11-sweep marker {m[0]!r}")
        return table(sweep(), int(t["hidden"]))

    return MARKER.sub(one, markdown)


def _colors(scheme: str) -> list[Any]:
    cmap, lo, hi = ("viridis", 0.0, 0.85) if scheme == "light" else ("plasma", 0.3, 1.0)
    return list(plt.get_cmap(cmap)(np.linspace(lo, hi, len(ALPHAS))))


def _log(ax: Any, *axes: str) -> None:
    """Log scale with plain tick labels (0.01, not a mathtext 10^-2: simpler and faster)."""
    for name in axes:
        getattr(ax, f"set_{name}scale")("log")
        axis = getattr(ax, f"{name}axis")
        axis.set_major_formatter(FormatStrFormatter("%g"))
        axis.set_minor_formatter(NullFormatter())


def _legend(ax: Any, c: dict[str, str], **kw: Any) -> None:
    legend = ax.legend(frameon=False, **kw)
    for t in legend.get_texts():
        t.set_color(c["ink"])
    legend.get_title().set_color(c["ink"])


def draw_curves(fig: Figure, c: dict[str, str], sweep: Sweep) -> None:
    """Mean error at each checkpoint, one line per alpha; a panel per hidden size."""
    scheme = c["scheme"]
    for k, hidden in enumerate(HIDDEN):
        ax = axes(fig, c, 1, len(HIDDEN), k + 1)
        for alpha, color in zip(ALPHAS, _colors(scheme), strict=True):
            ax.plot(
                RECORDED, sweep[hidden, alpha], "o-", color=color, lw=1.8, ms=4, label=f"{alpha:g}"
            )
        _log(ax, "y")
        ax.set_ylim(5e-4, 0.7)
        ax.set_xticks(RECORDED, [f"{i // 1000}k" for i in RECORDED])
        ax.set_xlabel("iteration")
        ax.set_title(f"{hidden} hidden units")
        if k == 0:
            ax.set_ylabel("mean |l2_error| (log scale)")
    _legend(ax, c, title="alpha", loc="center left", bbox_to_anchor=(1.0, 0.5))


def draw_final(fig: Figure, c: dict[str, str], sweep: Sweep) -> None:
    """Error at the last checkpoint against alpha, a line per hidden size."""
    ax = axes(fig, c, 1, 1, 1)
    for hidden, color, mark in zip(HIDDEN, (c["main"], c["accent"]), "os", strict=True):
        ax.plot(
            ALPHAS,
            [sweep[hidden, a][-1] for a in ALPHAS],
            marker=mark,
            color=color,
            lw=2,
            label=f"{hidden} hidden units",
        )
    _log(ax, "x", "y")
    ax.set_xlabel("alpha (log scale)")
    ax.set_ylabel(f"mean |l2_error| at {RECORDED[-1]:,} (log)")
    _legend(ax, c, loc="upper center")


def draw_error_fall(fig: Figure, c: dict[str, str], errors: list[float]) -> None:
    """Exercise 3: Part 1's mean |l1_error| at every iteration, log-log."""
    ax = axes(fig, c, 1, 1, 1)
    at = np.unique(np.geomspace(1, len(errors), 300).astype(int))  # enough points for a smooth line
    ax.plot(at, np.asarray(errors)[at - 1], color=c["main"], lw=2)
    _log(ax, "x", "y")
    ax.set_xlabel("iteration + 1 (log scale)")
    ax.set_ylabel("mean |l1_error| (log scale)")


def error_fall() -> list[float]:
    """Part 1's error at every iteration (exercise 3's figure)."""
    return train(X, y, record_every=1).errors


figure(
    "sweep",
    draw_curves,
    (10, 4),
    "Error over the iterations for each learning rate alpha",
    f"Two panels, {HIDDEN[0]} and {HIDDEN[1]} hidden units: the mean error (log scale) at"
    f" every {EVERY:,} iterations, one line per alpha from {ALPHAS[0]:g} to {ALPHAS[-1]:g}.",
    data=load,
    inputs=(HERE,),
    needs=tuple(RUNS.values()),
)
figure(
    "sweep-final",
    draw_final,
    (7, 4),
    f"Error at {RECORDED[-1]:,} iterations against alpha",
    f"Mean error at iteration {RECORDED[-1]:,} (log scale) against alpha (log scale), one"
    f" line for {HIDDEN[0]} and one for {HIDDEN[1]} hidden units.",
    data=load,
    inputs=(HERE,),
    needs=tuple(RUNS.values()),
)
figure(
    "error-fall",
    draw_error_fall,
    (7, 4),
    "Part 1's error at every iteration",
    "The two-layer network's mean error against the iteration, both on log scales:"
    " it falls all the way through training.",
    data=error_fall,
    inputs=(HERE,),
)


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    return fill(markdown, load, page.file.src_uri)


def key() -> str:
    """The sweep's cache key: both hidden sizes' (their inputs, numpy, this CPU's arithmetic)."""
    return cache.digest(*(a.key() for a in RUNS.values()), floats=False)
