"""The "What next" pages' figures, each variant's error against the listing's.

Declared here (hooks/figures.py's :func:`~hooks.figures.figure`), one per variant: drawn at build
from short runs of the real files (nn11.whatnext.run), light and dark, as
``figures/next-<variant>-light.svg`` / ``-dark.svg``. Each figure's runs are computed once (both
schemes share them), in the pool, and cached (hooks/cache.py) until nn11 or this code changes.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FormatStrFormatter, NullFormatter

from hooks.figures import axes, figure
from nn11.variants import NAMES
from nn11.whatnext import run

ITERATIONS = 3001  # the pages' runs: long enough to see the curves part
EVERY = 50
#: (label, x values, mean |miss| at each) for one curve
Series = list[tuple[str, list[float], list[float]]]


def steps(name: str, label: str, **settings: Any) -> tuple[str, list[float], list[float]]:
    errors = run(name, iterations=ITERATIONS, every=EVERY, **settings).errors
    return label, [float(i * EVERY) for i in range(len(errors))], errors


def passes(batch: int, count: int = 250) -> tuple[str, list[float], list[float]]:
    """Mean miss over each pass through the 64 noisy rows, for ``count`` passes."""
    per_pass = 64 // batch
    errors = run("minibatch", iterations=count * per_pass, every=1, BATCH=batch).errors
    means = np.asarray(errors).reshape(count, per_pass).mean(axis=1)
    label = "whole batch (64)" if batch == 64 else f"mini-batches of {batch}"
    return label, [float(p) for p in range(1, count + 1)], [float(m) for m in means]


def series(name: str) -> Series:
    """The curves of figure ``name``."""
    plain = steps("three_layer", "the listing")
    if name == "bias":
        return [plain, steps("bias", "with bias units")]
    if name == "minibatch":
        return [passes(64), passes(8), passes(1)]
    if name == "momentum":
        return [
            plain,
            steps("momentum", "momentum 0.5", MOMENTUM=0.5),
            steps("momentum", "momentum 0.9", MOMENTUM=0.9),
        ]
    if name == "dropout":
        return [plain, steps("dropout", "dropout 0.2 (the thinned network)", DROPOUT=0.2)]
    if name == "l2":
        return [
            plain,
            steps("l2", "decay 0.0001", DECAY=0.0001),
            steps("l2", "decay 0.001", DECAY=0.001),
        ]
    if name == "layers":
        return [
            steps("layers", "[3, 2, 1]", SIZES=[3, 2, 1]),
            steps("layers", "[3, 4, 1]: the listing", SIZES=[3, 4, 1]),
            steps("layers", "[3, 16, 1]", SIZES=[3, 16, 1]),
            steps("layers", "[3, 4, 4, 1]", SIZES=[3, 4, 4, 1]),
        ]
    raise ValueError(f"no figure for {name!r}")


TITLES = {
    "bias": "Bias units on the post's four rows",
    "minibatch": "64 noisy rows: mean miss over each pass",
    "momentum": "Momentum on the post's four rows",
    "dropout": "Dropout on the post's four rows",
    "l2": "Weight decay on the post's four rows",
    "layers": "Width and depth on the post's four rows",
}


def draw(name: str, fig: Figure, c: dict[str, str], curves: Series) -> None:
    ax = axes(fig, c, 1, 1, 1)
    colours = [c["muted"], c["main"], c["accent"], c["ink"]]
    styles = ["-", "-", "--", ":"]
    for (label, xs, ys), colour, style in zip(curves, colours, styles, strict=False):
        ax.plot(xs, ys, style, color=colour, lw=1.8, label=label)
    ax.set_yscale("log")
    ax.set_yticks([0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5])
    ax.yaxis.set_major_formatter(FormatStrFormatter("%g"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("passes through the data" if name == "minibatch" else "iteration")
    ax.set_ylabel("mean |miss|")
    ax.set_title(TITLES[name])
    legend = ax.legend(frameon=False)
    for t in legend.get_texts():
        t.set_color(c["ink"])


def describe(name: str, curves: Series) -> str:
    x = "passes through the data" if name == "minibatch" else "iteration"
    lines = "; ".join(label for label, _, _ in curves)
    return f"Mean absolute miss (log scale) against {x}, one line each: {lines}."


#: Each variant's figure, ``figures/next-<variant>-{light,dark}.svg``.
DRAWINGS = {
    name: figure(
        f"next-{name}",
        functools.partial(draw, name),
        (7, 4),
        TITLES[name],
        functools.partial(describe, name),
        data=functools.partial(series, name),
        inputs=(Path(__file__).resolve(),),
    )
    for name in NAMES
}
