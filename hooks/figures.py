"""MkDocs hook: draw the walkthrough's figures from nn11 at build time.

Each figure is an SVG in a light and a dark variant, added to the build as generated
files ``figures/<name>-light.svg`` and ``figures/<name>-dark.svg`` (nothing is committed).
Pages show them with Material's ``#only-light`` / ``#only-dark`` fragments. Drawn figures
are cached (hooks/cache.py) until nn11 or this file changes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

import matplotlib

matplotlib.use("Agg")

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle
from mkdocs.structure.files import File, Files

from hooks import cache, diagrams
from nn11 import nonlin, train
from nn11.data import X, y

# ink, main curve, accent, muted: readable on Material's white and slate backgrounds.
SCHEMES = {
    "light": {"ink": "#1f2328", "main": "#3949ab", "accent": "#d32f2f", "muted": "#8a8f98"},
    "dark": {"ink": "#e3e5e8", "main": "#8c9eff", "accent": "#ff8a80", "muted": "#7d828c"},
}


def axes(fig: Figure, c: dict[str, str], *args: Any) -> Axes:
    ax = fig.add_subplot(*args)
    ax.set_facecolor("none")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(c["ink"])
    ax.tick_params(colors=c["ink"])
    ax.xaxis.label.set_color(c["ink"])
    ax.yaxis.label.set_color(c["ink"])
    ax.title.set_color(c["ink"])
    return ax


def sigmoid(fig: Figure, c: dict[str, str]) -> None:
    """Line 04: the sigmoid on [-6, 6]."""
    ax = axes(fig, c, 1, 1, 1)
    x = np.linspace(-6, 6, 241)
    ax.plot(x, nonlin(x), color=c["main"], lw=2.5)
    ax.axhline(0.5, color=c["muted"], lw=0.8, ls=":")
    ax.axvline(0, color=c["muted"], lw=0.8, ls=":")
    ax.set_xlim(-6, 6)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("x (the weighted sum)")
    ax.set_ylabel("nonlin(x)")
    ax.set_title("The sigmoid squashes any number into (0, 1)")


def slopes(fig: Figure, c: dict[str, str]) -> None:
    """Line 36: the sigmoid on [-4, 4] with its tangent at x = -1, 0 and 2."""
    ax = axes(fig, c, 1, 1, 1)
    x = np.linspace(-4, 4, 161)
    ax.plot(x, nonlin(x), color=c["main"], lw=2.5)
    for x0 in (-1.0, 0.0, 2.0):
        s0 = float(nonlin(x0))
        slope = float(nonlin(s0, deriv=True))
        xs = np.linspace(x0 - 1.2, x0 + 1.2, 2)
        ax.plot(xs, s0 + slope * (xs - x0), color=c["accent"], lw=1.6)
        ax.plot([x0], [s0], "o", color=c["accent"], ms=6)
        ax.annotate(
            f"slope {slope:.3f}",
            (x0, s0),
            xytext=(10, -18 if x0 < 1 else -22),
            textcoords="offset points",
            color=c["ink"],
            fontsize=10,
        )
    ax.set_xlim(-4, 4)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("x")
    ax.set_ylabel("nonlin(x)")
    ax.set_title("Steep in the middle, flat where the sigmoid is sure")


def update(fig: Figure, c: dict[str, str]) -> None:
    """Line 39: example 3's error turned into one update per weight, then all four summed."""
    s = train(X, y, iterations=1, snapshot_at=[0]).snapshots[0]
    l0, delta = s["l0"], s["l1_delta"][:, 0]
    k = 2  # the example with inputs 1, 0, 1
    left = axes(fig, c, 1, 2, 1)
    left.set_axis_off()
    left.set_aspect("equal")
    left.set_xlim(0, 10)
    left.set_ylim(0, 10)
    ys = (8, 5, 2)
    for i, yi in enumerate(ys):
        left.add_patch(Circle((1.5, yi), 0.7, fc="none", ec=c["ink"], lw=1.5))
        left.text(1.5, yi, f"{l0[k, i]:g}", ha="center", va="center", color=c["ink"])
        left.plot([2.2, 6.6], [yi, 5], color=c["main"], lw=1.2 + 2 * l0[k, i])
        left.text(
            2.4,
            yi + (0.6 if i < 2 else -1.0),
            f"{l0[k, i]:g} \u00d7 {delta[k]:.3f} = {l0[k, i] * delta[k]:+.3f}",
            ha="left",
            color=c["accent"],
            fontsize=8.5,
        )
    left.add_patch(Circle((7.3, 5), 0.7, fc="none", ec=c["ink"], lw=1.5))
    left.text(7.3, 5, f"{s['l1'][k, 0]:.2f}", ha="center", va="center", color=c["ink"], fontsize=9)
    left.text(
        7.3,
        3.6,
        f"y = {y[k, 0]}\nerror {s['l1_error'][k, 0]:+.3f}\ndelta {delta[k]:+.3f}",
        ha="center",
        va="top",
        color=c["ink"],
        fontsize=9,
    )
    left.set_title("One example (inputs 1, 0, 1)", color=c["ink"])

    right = axes(fig, c, 1, 2, 2)
    parts = l0 * delta[:, None]  # example x weight
    w = np.arange(3)
    for n in range(len(parts)):
        right.scatter(
            w + (n - 1.5) * 0.12,
            parts[n],
            color=c["muted"],
            s=18,
            zorder=2,
            label="one example's share" if n == 0 else None,
        )
    right.bar(
        w,
        parts.sum(axis=0),
        width=0.6,
        color="none",
        ec=c["main"],
        lw=2,
        zorder=1,
        label="their sum: the update",
    )
    legend = right.legend(frameon=False, loc="upper right")
    for t in legend.get_texts():
        t.set_color(c["ink"])
    right.axhline(0, color=c["ink"], lw=0.8)
    right.set_xticks(w, ["syn0[0]", "syn0[1]", "syn0[2]"])
    right.set_ylabel("change to the weight")
    right.set_title("All four examples: dots, and their sum", color=c["ink"])


FIGURES: dict[str, Callable[[Figure, dict[str, str]], None]] = {
    "sigmoid": sigmoid,
    "slopes": slopes,
    "update": update,
}
SIZES = {"sigmoid": (7, 4), "slopes": (7, 4.2), "update": (10, 4.2)}

# Issue 23's diagrams (hooks/diagrams.py): the networks of Parts 1 and 2, and XOR's spaces.
FIGURES.update(diagrams.FIGURES)
SIZES.update(diagrams.SIZES)


def labels() -> dict[str, tuple[str, str]]:
    """Each figure's title and description, written into its SVG (the pages' alt text says
    the same for the page; these serve the file opened on its own)."""
    at = (-1.0, 0.0, 2.0)
    slopes_at = ", ".join(
        f"{float(nonlin(float(nonlin(x)), deriv=True)):.3f} at x = {x:g}" for x in at
    )
    return {
        "sigmoid": (
            "The sigmoid, nonlin(x), for x from -6 to 6",
            "An S-shaped curve: close to 0 for negative x, 0.5 at x = 0, close to 1 for"
            " positive x. Dotted guides mark y = 0.5 and x = 0.",
        ),
        "slopes": (
            "The sigmoid's slope at three points",
            f"The sigmoid for x from -4 to 4 with its tangent lines; slope {slopes_at}:"
            " steepest in the middle, flat where the output is near 0 or 1.",
        ),
        "update": (
            "How one example's error becomes an update to each weight",
            "Left: the example with inputs 1, 0, 1, its prediction, error and delta, and each"
            " input times the delta. Right: for each of the three weights in syn0, the four"
            " examples' shares as dots and their sum, the update, as an outlined bar.",
        ),
    } | diagrams.labels()


#: The root's opening tag in matplotlib's SVG.
SVG_ROOT = re.compile(rb"<svg\b[^>]*>")


def titled(svg_bytes: bytes, title: str, desc: str) -> bytes:
    """``svg_bytes`` named as one image: <title> and <desc> first in the root (WCAG 1.1.1)."""
    root = SVG_ROOT.search(svg_bytes)
    if root is None or not title.strip() or not desc.strip():
        raise ValueError("titled: needs an <svg> root, a title and a description")
    tag = root[0][:-1] + b' role="img" aria-labelledby="nn11-title nn11-desc">'
    names = (
        f'\n <title id="nn11-title">{escape(title)}</title>'
        f'\n <desc id="nn11-desc">{escape(desc)}</desc>'
    ).encode()
    return svg_bytes[: root.start()] + tag + names + svg_bytes[root.end() :]


def svg(
    size: tuple[float, float], draw: Callable[[Figure], None], *, title: str, desc: str
) -> bytes:
    """Whatever ``draw`` puts on a figure of ``size`` inches, as deterministic SVG bytes
    (fixed salt, no date, text kept as text, transparent background), titled and described."""
    with plt.rc_context({"svg.hashsalt": "nn11", "svg.fonttype": "none", "font.size": 11}):
        fig = plt.figure(figsize=size)
        fig.patch.set_alpha(0)
        draw(fig)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", metadata={"Date": None}, transparent=True)
        plt.close(fig)
    return titled(buf.getvalue(), title, desc)


def render(name: str, scheme: str) -> bytes:
    """One of this hook's figures in one scheme."""
    title, desc = labels()[name]
    return svg(SIZES[name], lambda fig: FIGURES[name](fig, SCHEMES[scheme]), title=title, desc=desc)


@dataclass(frozen=True)
class Drawings:
    """A hook's figures in both schemes, cached in ``.cache/<name>-<key>/`` (keyed by nn11 and
    ``inputs``) and added to the site as ``figures/<prefix><figure>-<scheme>.svg``."""

    name: str
    figures: tuple[str, ...]
    render: Callable[[str, str], bytes]
    inputs: tuple[Path, ...]
    prefix: str = ""

    def key(self) -> str:
        return cache.digest(cache.NN11, *self.inputs)

    def svgs(self) -> list[tuple[str, str, str]]:
        """(file name, figure, scheme) of every drawing."""
        return [(f"{self.prefix}{f}-{s}.svg", f, s) for f in self.figures for s in SCHEMES]

    def drawn(self) -> Path:
        """The folder holding every drawing, drawn unless the cache has it."""

        def make(tmp: Path) -> None:
            for svg_name, figure, scheme in self.svgs():
                (tmp / svg_name).write_bytes(self.render(figure, scheme))

        return cache.folder(self.name, self.key(), make)

    def on_files(self, files: Files, config: Any, **_: Any) -> Files:
        # Backed by the cache's files, read when the site is written: on_env has drawn them.
        folder = cache.CACHE / f"{self.name}-{self.key()}"
        for svg_name, _figure, _scheme in self.svgs():
            uri = f"figures/{svg_name}"
            files.append(File.generated(config, uri, abs_src_path=str(folder / svg_name)))
        return files

    def on_env(self, env: Any, **_: Any) -> Any:
        cache.settle()  # hooks/ahead.py may be drawing them
        self.drawn()
        return env


DRAWINGS = Drawings(
    "walkthrough-figures", tuple(FIGURES), render, (Path(__file__), Path(diagrams.__file__))
)
# The hook's events are the figure set's own.
on_files = DRAWINGS.on_files
on_env = DRAWINGS.on_env
