"""MkDocs hook: every figure of the site, drawn from nn11 at build time, and the walkthrough's.

A figure is declared once, with :func:`figure` (its drawing, size, and the title and description
written into the SVG); it is an artefact (hooks/cache.py) drawn in a light and a dark variant,
added to the build as generated files ``figures/<name>-light.svg`` and ``-dark.svg`` (nothing is
committed). A page shows it by writing its alt text once::

    ![What the figure shows, in words.](nn11-figure:sigmoid)

which this hook turns into the two images with Material's ``#only-light`` / ``#only-dark``
fragments. An unknown name fails the build. hooks/sweep.py and hooks/next_figures.py declare
theirs the same way.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
from collections.abc import Callable, Iterable
from html import escape
from typing import Any

import matplotlib

matplotlib.use("Agg")

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from jinja2 import Environment
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from hooks import cache, diagrams
from nn11 import nonlin, train
from nn11.data import X, y

# ink, main curve, accent, muted: readable on Material's white and slate backgrounds.
SCHEMES = {
    "light": {
        "scheme": "light",
        "ink": "#1f2328",
        "main": "#3949ab",
        "accent": "#d32f2f",
        "muted": "#8a8f98",
    },
    "dark": {
        "scheme": "dark",
        "ink": "#e3e5e8",
        "main": "#8c9eff",
        "accent": "#ff8a80",
        "muted": "#7d828c",
    },
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


HERE = Path(__file__).resolve()
#: A figure artefact's name in the registry: ``figure-<name>``.
PREFIX = "figure-"


def _draw(
    name: str,
    draw: Callable[..., None],
    size: tuple[float, float],
    title: str,
    desc: str | Callable[[Any], str],
    data: Callable[[], Any] | None,
    out: Path,
) -> None:
    """Fill ``out`` with the figure in each scheme (its data computed once for both)."""
    values = data() if data is not None else None
    text = desc(values) if callable(desc) else desc
    for scheme, colours in SCHEMES.items():

        def one(fig: Figure, c: dict[str, str] = colours) -> None:
            draw(fig, c) if data is None else draw(fig, c, values)

        (out / f"{name}-{scheme}.svg").write_bytes(svg(size, one, title=title, desc=text))


def figure(
    name: str,
    draw: Callable[..., None],
    size: tuple[float, float],
    title: str,
    desc: str | Callable[[Any], str],
    *,
    data: Callable[[], Any] | None = None,
    inputs: tuple[Path | str, ...] = (),
    needs: tuple[cache.Artefact, ...] = (),
) -> cache.Artefact:
    """Declare the figure ``figures/<name>-{light,dark}.svg``: ``draw(fig, colours)`` (or
    ``draw(fig, colours, data())`` with ``data``, computed once for both schemes) on a figure of
    ``size`` inches; ``title`` and ``desc`` (or ``desc(data())``) are written into the SVG.
    Keyed by nn11, this file, ``inputs`` (the declaring module), numpy and matplotlib."""
    make = functools.partial(_draw, name, draw, size, title, desc, data)
    return cache.declare(
        cache.Artefact(
            PREFIX + name,
            make,
            (cache.NN11, HERE, *inputs),
            libraries=("numpy", "matplotlib"),
            needs=needs,
        )
    )


def declared() -> dict[str, cache.Artefact]:
    """Every declared figure, by name."""
    return {n.removeprefix(PREFIX): a for n, a in cache.REGISTRY.items() if n.startswith(PREFIX)}


def svgs(name: str) -> list[tuple[str, str]]:
    """(file name, scheme) of each variant of figure ``name``."""
    return [(f"{name}-{scheme}.svg", scheme) for scheme in SCHEMES]


#: A page's figure: ``![alt text](nn11-figure:name)`` (alt text may span lines).
PLACEHOLDER = re.compile(
    r"^(?P<indent>[ \t]*)!\[(?P<alt>(?:[^\[\]]|\[[^\[\]]*\])+)\]"
    r"\(nn11-figure:(?P<name>[a-z0-9-]+)\)",
    re.M,
)


def images(markdown: str, src_uri: str, known: Iterable[str]) -> str:
    """``markdown`` with each figure placeholder written out as its light and dark images
    (the alt text, written once, on both); an unknown figure fails the build."""
    names = set(known)
    here = posixpath.dirname(src_uri)

    def one(m: re.Match[str]) -> str:
        name, alt, indent = m["name"], m["alt"], m["indent"]
        if name not in names:
            raise PluginError(f"{src_uri}: no figure named {name!r} (have {sorted(names)})")
        return "\n".join(
            f"{indent}![{alt}]"
            f"({posixpath.relpath(f'figures/{svg_name}', here or '.')}#only-{scheme})"
            for svg_name, scheme in svgs(name)
        )

    return PLACEHOLDER.sub(one, markdown)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Backed by the entries' files, read when the site is written: on_env waits for them.
    for name, artefact in declared().items():
        for svg_name, _scheme in svgs(name):
            where = str(artefact.path() / svg_name)
            files.append(File.generated(config, f"figures/{svg_name}", abs_src_path=where))
    return files


@event_priority(100)  # first: the other hooks (downloads.py's scripts too) see both images
def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    return images(markdown, page.file.src_uri, declared())


def on_env(env: Environment, **_: object) -> Environment:
    for artefact in declared().values():
        artefact.folder()
    return env


# --- the walkthrough's figures ---------------------------------------------------------------

figure(
    "sigmoid",
    sigmoid,
    (7, 4),
    "The sigmoid, nonlin(x), for x from -6 to 6",
    "An S-shaped curve: close to 0 for negative x, 0.5 at x = 0, close to 1 for"
    " positive x. Dotted guides mark y = 0.5 and x = 0.",
)
_SLOPES_AT = ", ".join(
    f"{float(nonlin(float(nonlin(x)), deriv=True)):.3f} at x = {x:g}" for x in (-1.0, 0.0, 2.0)
)
figure(
    "slopes",
    slopes,
    (7, 4.2),
    "The sigmoid's slope at three points",
    f"The sigmoid for x from -4 to 4 with its tangent lines; slope {_SLOPES_AT}:"
    " steepest in the middle, flat where the output is near 0 or 1.",
)
figure(
    "update",
    update,
    (10, 4.2),
    "How one example's error becomes an update to each weight",
    "Left: the example with inputs 1, 0, 1, its prediction, error and delta, and each"
    " input times the delta. Right: for each of the three weights in syn0, the four"
    " examples' shares as dots and their sum, the update, as an outlined bar.",
)


# --- the networks of Parts 1 and 2, and XOR's two spaces (drawn by hooks/diagrams.py) -------

for _name, _draw_it in diagrams.FIGURES.items():
    figure(
        _name,
        _draw_it,
        diagrams.SIZES[_name],
        *diagrams.labels()[_name],
        inputs=(Path(diagrams.__file__),),
    )
