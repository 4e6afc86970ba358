"""Issue 23's pictures: the two networks, and XOR's inputs beside the hidden layer's values.

Pure drawing functions in the style of hooks/figures.py: each takes a matplotlib figure and a
colour scheme (``{"ink", "main", "accent", "muted"}``) and draws on it; nothing here knows about
MkDocs, files or caches. hooks/figures.py registers them (``FIGURES``, ``SIZES``, ``labels``),
so they are drawn at build time in both schemes like the other figures.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch

from nn11 import train
from nn11.data import X, y_xor

Scheme = dict[str, str]
RADIUS = 0.32


def _canvas(fig: Figure, width: float, height: float) -> Axes:
    ax = fig.add_subplot(1, 1, 1)
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_facecolor("none")
    return ax


def _column(n: int, height: float) -> list[float]:
    """The heights of ``n`` units spread evenly over a column ``height`` tall, top first."""
    gap = height / (n + 1)
    return [height - gap * (i + 1) for i in range(n)]


def _units(ax: Axes, c: Scheme, x: float, ys: list[float], labels: list[str], colour: str) -> None:
    for yi, text in zip(ys, labels, strict=True):
        ax.add_patch(Circle((x, yi), RADIUS, fc="none", ec=colour, lw=1.8))
        ax.text(x, yi, text, ha="center", va="center", color=c["ink"], fontsize=9)


def _wires(ax: Axes, c: Scheme, x0: float, ys0: list[float], x1: float, ys1: list[float]) -> None:
    for a in ys0:
        for b in ys1:
            ax.add_patch(
                FancyArrowPatch(
                    (x0 + RADIUS, a),
                    (x1 - RADIUS, b),
                    arrowstyle="-|>",
                    mutation_scale=9,
                    color=c["muted"],
                    lw=1.1,
                    shrinkA=1,
                    shrinkB=1,
                )
            )


def _caption(ax: Axes, c: Scheme, x: float, y: float, text: str, colour: str = "") -> None:
    ax.text(x, y, text, ha="center", va="top", color=colour or c["ink"], fontsize=9.5)


def network_part1(fig: Figure, c: Scheme) -> None:
    """Part 1: three inputs wired straight to one output through syn0 (3 x 1)."""
    ax = _canvas(fig, 7.0, 3.4)
    inputs = _column(3, 3.0)
    inputs = [v + 0.3 for v in inputs]
    out = [inputs[1]]
    _units(ax, c, 1.2, inputs, ["in 1", "in 2", "in 3"], c["main"])
    _units(ax, c, 5.6, out, ["l1"], c["accent"])
    _wires(ax, c, 1.2, inputs, 5.6, out)
    for i, yi in enumerate(inputs):
        t = 0.32  # a third of the way along each wire, just above it
        ax.text(
            1.2 + RADIUS + t * (5.6 - 1.2 - 2 * RADIUS),
            yi + t * (out[0] - yi) + 0.06,
            f"syn0[{i}]",
            ha="center",
            va="bottom",
            color=c["main"],
            fontsize=9,
        )
    _caption(ax, c, 1.2, 0.55, "l0: the 3 inputs\n(one row of X)")
    _caption(ax, c, 3.4, 0.55, "syn0: 3 x 1 weights\n(the whole network)", c["main"])
    _caption(ax, c, 5.6, 0.55, "l1: the prediction\nsigmoid of the weighted sum", c["accent"])
    ax.set_title("Part 1: inputs wired straight to one output", color=c["ink"], fontsize=11)


def network_part2(fig: Figure, c: Scheme) -> None:
    """Part 2: three inputs, four hidden units, one output; syn0 (3 x 4) and syn1 (4 x 1), with
    line 43's path back from the output to the hidden units."""
    ax = _canvas(fig, 9.0, 3.9)
    top = 3.5
    inputs = [v + 0.4 for v in _column(3, 3.0)]
    hidden = [v + 0.25 for v in _column(4, top)]
    out = [inputs[1]]
    _units(ax, c, 1.0, inputs, ["in 1", "in 2", "in 3"], c["main"])
    _units(ax, c, 4.3, hidden, ["h1", "h2", "h3", "h4"], c["main"])
    _units(ax, c, 7.6, out, ["l2"], c["accent"])
    _wires(ax, c, 1.0, inputs, 4.3, hidden)
    _wires(ax, c, 4.3, hidden, 7.6, out)
    ax.add_patch(
        FancyArrowPatch(
            (7.6, out[0] + RADIUS + 0.05),
            (4.3 + 0.1, hidden[0] + RADIUS + 0.05),
            connectionstyle="arc3,rad=0.25",
            arrowstyle="-|>",
            mutation_scale=11,
            color=c["accent"],
            lw=1.4,
            ls="--",
        )
    )
    ax.text(
        6.3,
        top + 0.12,
        "line 43: the output's delta\nsent back through syn1",
        ha="center",
        va="bottom",
        color=c["accent"],
        fontsize=9,
    )
    _caption(ax, c, 1.0, 0.4, "l0: 3 inputs")
    _caption(ax, c, 2.65, 0.4, "syn0\n3 x 4", c["main"])
    _caption(ax, c, 4.3, 0.4, "l1: 4 hidden units")
    _caption(ax, c, 5.95, 0.4, "syn1\n4 x 1", c["main"])
    _caption(ax, c, 7.6, 0.4, "l2: the output", c["accent"])
    ax.set_title(
        "Part 2: a hidden layer between inputs and output", color=c["ink"], fontsize=11, pad=22
    )


@functools.cache
def hidden_after_training() -> tuple[np.ndarray, np.ndarray]:
    """Seed 1's trained hidden values (4 examples x 4 units) and output weights (4 x 1)."""
    run = train(X, y_xor, hidden=4, iterations=60_000, snapshot_at=[59_999])
    snap = run.snapshots[59_999]
    return snap["l1"], snap["syn1"]


def _points(ax: Axes, c: Scheme, xs: np.ndarray, ys: np.ndarray) -> None:
    """The four examples, target 1 as filled discs, target 0 as open squares, numbered."""
    for k in range(4):
        one = y_xor[k, 0] == 1
        ax.plot(
            [xs[k]],
            [ys[k]],
            marker="o" if one else "s",
            ms=11,
            mfc=c["accent"] if one else "none",
            mec=c["accent"] if one else c["main"],
            mew=2,
            ls="none",
        )


def xor_spaces(fig: Figure, c: Scheme) -> None:
    """Left: XOR's inputs, where no line puts the 1s on one side and the 0s on the other.
    Right: the same four examples in the trained hidden layer (seed 1), along the output's
    weighted sum, where the output's flat cut (sum = 0) separates them."""
    from hooks.figures import axes  # figures imports this module: by draw time it is loaded

    left = axes(fig, c, 1, 2, 1)
    _points(left, c, X[:, 0].astype(float), X[:, 1].astype(float))
    for k in range(4):
        left.annotate(
            f"example {k + 1}",
            (X[k, 0], X[k, 1]),
            xytext=(0, 12),
            textcoords="offset points",
            ha="center",
            color=c["ink"],
            fontsize=9,
        )
    left.set_xlim(-0.35, 1.35)
    left.set_ylim(-0.3, 1.4)
    left.set_xticks([0, 1])
    left.set_yticks([0, 1])
    left.set_xlabel("input 1")
    left.set_ylabel("input 2")
    left.set_title("The inputs: no line separates them", color=c["ink"], fontsize=11)

    hidden, syn1 = hidden_after_training()
    sums = (hidden @ syn1)[:, 0]
    right = axes(fig, c, 1, 2, 2)
    unit1 = hidden[:, 0]
    _points(right, c, sums, unit1)
    for k in range(4):
        right.annotate(
            f"example {k + 1}",
            (sums[k], unit1[k]),
            xytext=(0, 12),
            textcoords="offset points",
            ha="center",
            color=c["ink"],
            fontsize=9,
        )
    right.axvline(0, color=c["ink"], lw=1.4, ls="--")
    right.text(
        0.3, 1.38, "the output's cut:\nweighted sum = 0", color=c["ink"], fontsize=9, va="top"
    )
    right.set_xlim(-8, 8)
    right.set_ylim(-0.15, 1.4)
    right.set_xlabel("hidden values times syn1 (the output's weighted sum)")
    right.set_ylabel("hidden unit 1's value")
    right.set_title("The hidden layer: one flat cut does", color=c["ink"], fontsize=11)
    handles = [
        left.plot([], [], marker="o", ms=9, mfc=c["accent"], mec=c["accent"], ls="none")[0],
        left.plot([], [], marker="s", ms=9, mfc="none", mec=c["main"], mew=2, ls="none")[0],
    ]
    legend = left.legend(handles, ["target 1", "target 0"], loc="center", frameon=False)
    for t in legend.get_texts():
        t.set_color(c["ink"])


FIGURES: dict[str, Callable[[Figure, Scheme], None]] = {
    "network-part1": network_part1,
    "network-part2": network_part2,
    "xor-spaces": xor_spaces,
}
SIZES = {"network-part1": (7, 3.4), "network-part2": (9, 4.2), "xor-spaces": (10, 4.6)}


def labels() -> dict[str, tuple[str, str]]:
    """Each diagram's title and description, written into its SVG."""
    hidden, syn1 = hidden_after_training()
    sums = ", ".join(f"{v:+.1f}" for v in (hidden @ syn1)[:, 0])
    return {
        "network-part1": (
            "Part 1's network",
            "Three input units, l0, each wired to one output unit, l1, through one of the three"
            " weights in syn0 (3 x 1). The output is the sigmoid of the inputs' weighted sum.",
        ),
        "network-part2": (
            "Part 2's network",
            "Three input units wired to four hidden units through syn0 (3 x 4), and the four"
            " hidden units wired to one output unit, l2, through syn1 (4 x 1). A dashed arrow"
            " goes back from the output to the hidden units: line 43 sends the output's delta"
            " back through syn1.",
        ),
        "xor-spaces": (
            "XOR's four examples, as inputs and as hidden values",
            "Left: the four examples at the corners of the input square; examples 2 and 3"
            " (target 1) sit on one diagonal, examples 1 and 4 (target 0) on the other, and no"
            " straight line puts the two pairs on different sides. Right: the same examples in"
            " the trained hidden layer (seed 1), placed by the output's weighted sum"
            f" ({sums} for examples 1 to 4) and by hidden unit 1's value; the vertical line at"
            " a sum of 0, the output's flat cut through the hidden values, has examples 1 and 4"
            " on its left and examples 2 and 3 on its right.",
        ),
    }
