"""MkDocs hook: the Play pages' numbers and figures, from ``nn11.train`` at build time.

Mostly the follow-up post's learning-rate sweep (plus exercise 3's figure,
``figures/error-fall-{light,dark}.svg``: Part 1's error at every iteration).

Pages ask for it with HTML comments that this hook replaces with Markdown tables:

    <!-- nn11-sweep: table hidden=4 -->

and show the figures ``figures/sweep-{light,dark}.svg`` (error over the iterations, one
line per alpha) and ``figures/sweep-final-{light,dark}.svg`` (error at 50,000 against
alpha). The 14 runs (computed together per hidden size: :func:`stacked`) take a couple of
seconds, so their errors are cached in ``.cache/sweep-<key>.json``, keyed by nn11's sources,
this file, numpy's version, the settings and this machine's arithmetic
(:func:`hooks.cache.fingerprint`: a cache restored from another CPU is never reused), and the
drawn figures in ``.cache/figures-<key>/``, keyed by that, this file, figures.py (the
shared colours) and matplotlib's version.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FormatStrFormatter, NullFormatter
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from hooks import figures
from hooks.cache import fingerprint
from hooks.figures import SCHEMES, axes
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

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"
MARKER = re.compile(r"<!--\s*nn11-sweep:(?P<what>[^>]*?)-->")
TABLE = re.compile(r"\s*table\s+hidden=(?P<hidden>\d+)\s*")

#: (hidden, alpha) -> errors at RECORDED.
Sweep = dict[tuple[int, float], list[float]]


def key(root: Path = ROOT) -> str:
    """Cache key: nn11's sources and this file, numpy's version, the sweep's settings,
    :func:`fingerprint`."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted((root / "nn11").glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(repr((np.__version__, ALPHAS, HIDDEN, RUN_LENGTH, EVERY, fingerprint())).encode())
    return h.hexdigest()[:16]


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


def compute(workers: int | None = None, iterations: int = RUN_LENGTH, every: int = EVERY) -> Sweep:
    """Run the sweep, a :func:`stacked` call per hidden size, on up to two processes."""
    n = workers or min(len(HIDDEN), os.cpu_count() or 1)
    if n == 1:
        rows = [stacked(h, iterations, every) for h in HIDDEN]
    else:
        # Workers find the function by its module's name: MkDocs loads this file as
        # "hooks/sweep.py", which no process can import; the package's name works anywhere.
        named = importlib.import_module("hooks.sweep").stacked
        run = functools.partial(named, iterations=iterations, every=every)
        with ProcessPoolExecutor(n) as pool:
            rows = list(pool.map(run, HIDDEN))
    return {
        (h, a): e
        for h, runs in zip(HIDDEN, rows, strict=True)
        for a, e in zip(ALPHAS, runs, strict=True)
    }


def load(cache: Path = CACHE, root: Path = ROOT) -> Sweep:
    """The sweep from the cache, or computed and cached."""
    path = cache / f"sweep-{key(root)}.json"
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        sweep = {(int(r["hidden"]), float(r["alpha"])): list(r["errors"]) for r in rows}
        if set(sweep) == {(h, a) for h in HIDDEN for a in ALPHAS}:
            return sweep
    except (OSError, ValueError, KeyError, TypeError):
        pass
    sweep = compute()
    rows = [{"hidden": h, "alpha": a, "errors": e} for (h, a), e in sweep.items()]
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob("sweep-*.json"):
        if old != path:  # evict other keys only: a concurrent build may be reading ours
            old.unlink(missing_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)  # atomic: a concurrent build never reads half a file
    return sweep


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


def draw_curves(fig: Figure, sweep: Sweep, scheme: str) -> None:
    """Mean error at each checkpoint, one line per alpha; a panel per hidden size."""
    c = SCHEMES[scheme]
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


def draw_final(fig: Figure, sweep: Sweep, scheme: str) -> None:
    """Error at the last checkpoint against alpha, a line per hidden size."""
    c = SCHEMES[scheme]
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


def draw_error_fall(fig: Figure, errors: list[float], scheme: str) -> None:
    """Exercise 3: Part 1's mean |l1_error| at every iteration, log-log."""
    c = SCHEMES[scheme]
    ax = axes(fig, c, 1, 1, 1)
    at = np.unique(np.geomspace(1, len(errors), 300).astype(int))  # enough points for a smooth line
    ax.plot(at, np.asarray(errors)[at - 1], color=c["main"], lw=2)
    _log(ax, "x", "y")
    ax.set_xlabel("iteration + 1 (log scale)")
    ax.set_ylabel("mean |l1_error| (log scale)")


#: name -> (draw, size in inches, which data it draws).
FIGURES: dict[str, tuple[Callable[[Figure, Any, str], None], tuple[float, float], str]] = {
    "sweep": (draw_curves, (10, 4), "sweep"),
    "sweep-final": (draw_final, (7, 4), "sweep"),
    "error-fall": (draw_error_fall, (7, 4), "errors"),
}


#: name -> (title, description) written into the SVG (figures.titled).
LABELS = {
    "sweep": (
        "Error over the iterations for each learning rate alpha",
        f"Two panels, {HIDDEN[0]} and {HIDDEN[1]} hidden units: the mean error (log scale) at"
        f" every {EVERY:,} iterations, one line per alpha from {ALPHAS[0]:g} to {ALPHAS[-1]:g}.",
    ),
    "sweep-final": (
        f"Error at {RECORDED[-1]:,} iterations against alpha",
        f"Mean error at iteration {RECORDED[-1]:,} (log scale) against alpha (log scale), one"
        f" line for {HIDDEN[0]} and one for {HIDDEN[1]} hidden units.",
    ),
    "error-fall": (
        "Part 1's error at every iteration",
        "The two-layer network's mean error against the iteration, both on log scales:"
        " it falls all the way through training.",
    ),
}


def svg(name: str, data: dict[str, Any], scheme: str) -> bytes:
    """One figure as deterministic SVG bytes."""
    draw, size, source = FIGURES[name]
    title, desc = LABELS[name]
    return figures.svg(size, lambda fig: draw(fig, data[source], scheme), title=title, desc=desc)


def figure_key(root: Path = ROOT) -> str:
    """Cache key of the figures: their data's key, the drawing code, matplotlib's version."""
    h = hashlib.sha256(key(root).encode())
    for path in (Path(__file__), Path(__file__).with_name("figures.py")):
        h.update(path.read_bytes())
    h.update(matplotlib.__version__.encode())
    return h.hexdigest()[:16]


def draw_all(cache: Path = CACHE, root: Path = ROOT) -> Path:
    """The folder holding every figure in both schemes, drawn unless already cached."""
    folder = cache / f"figures-{figure_key(root)}"
    if all((folder / f"{n}-{s}.svg").is_file() for n in FIGURES for s in SCHEMES):
        return folder
    data = {"sweep": load(cache, root), "errors": train(X, y, record_every=1).errors}
    for old in cache.glob("figures-*"):
        if old != folder:  # evict other keys only: a concurrent build may be reading ours
            shutil.rmtree(old, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="drawing-", dir=cache))
    for name in FIGURES:
        for scheme in SCHEMES:
            (tmp / f"{name}-{scheme}.svg").write_bytes(svg(name, data, scheme))
    try:
        tmp.rename(folder)  # atomic; a concurrent build may have got there first
    except OSError:
        shutil.rmtree(tmp)
    return folder


def on_files(files: Files, config: Any, **_: Any) -> Files:
    folder = draw_all()
    for name in FIGURES:
        for scheme in SCHEMES:
            svg_bytes = (folder / f"{name}-{scheme}.svg").read_bytes()
            files.append(File.generated(config, f"figures/{name}-{scheme}.svg", content=svg_bytes))
    return files


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    return fill(markdown, load, page.file.src_uri)
