"""MkDocs hook: the data behind "Watch it learn" (docs/play/explorer.md), from nn11.train.

A page asks for it with ``<!-- nn11-explorer -->``; the hook puts in its place the explorer's
container and the data as inline JSON (docs/javascripts/explorer-view.js shows it; the page
trains live, issue 26). For each network (Part 1's two layers on ``y``, Part 2's three on
``y_xor``) it keeps the snapshots ``train`` takes at four iterations (spaced on a log scale, the
last one what the listing prints), and the error at every ``EVERY[name]``-th iteration. The two
trainings are an artefact (hooks/cache.py, :data:`DATA`) until nn11 or this file changes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.structure.pages import Page

from hooks import cache
from nn11 import train
from nn11.data import X, y, y_xor

MARKER = re.compile(r"<!--\s*nn11-explorer\s*-->")

#: name -> (targets, hidden units, iterations, label); the listings' own settings.
NETWORKS: dict[str, tuple[Any, int | None, int, str]] = {
    "two-layer": (y, None, 10_000, "Part 1: two layers, 10,000 iterations"),
    "three-layer": (y_xor, 4, 60_000, "Part 2: three layers, 60,000 iterations"),
}
#: Error curve resolution: one point every so many iterations.
EVERY = {"two-layer": 50, "three-layer": 300}
#: The iterations the listings print an error at (three_layer.py, lines 35-36).
PRINTED_EVERY = 10_000


def stops(total: int, count: int = 48) -> list[int]:
    """Iterations to snapshot: 0 to total - 1, spaced evenly on a log scale, no repeats."""
    out = {0, total - 1}
    for k in range(count):
        out.add(min(total - 1, round((total ** (k / (count - 1))) - 1)))
    return sorted(out)


def short(values: Any, digits: int = 6) -> Any:
    """Nested lists of floats with ``digits`` significant digits (17 keeps the float exactly)."""
    if isinstance(values, list):
        return [short(v, digits) for v in values]
    if hasattr(values, "tolist"):
        return short(values.tolist(), digits)
    return float(f"{values:.{digits}g}")


def network(name: str) -> dict[str, Any]:
    """One network's snapshots and error curve, as plain lists."""
    target, hidden, total, label = NETWORKS[name]
    at = stops(total, count=4)  # the page trains live (issue 26): a few snapshots anchor it
    run = train(X, target, hidden=hidden, iterations=total, snapshot_at=at, record_every=1)
    every = EVERY[name]
    return {
        "label": label,
        "hidden": hidden,
        "iterations": total,
        "inputs": X.tolist(),
        "targets": target.ravel().tolist(),
        "stops": at,
        # Six significant digits are more than the page shows; the last snapshot keeps every
        # digit, so the end of the scrubber shows exactly what the listing prints.
        "snapshots": [
            {
                k: short(v, 17 if i == total - 1 else 6)
                for k, v in run.snapshots[i].items()
                if k != "l0"
            }
            for i in at
        ],
        "curve_every": every,
        "curve": short([*run.errors[::every], run.errors[-1]]),
        "printed_every": PRINTED_EVERY if hidden is not None else None,
        "printed": run.errors[::PRINTED_EVERY] if hidden is not None else None,
    }


def data() -> dict[str, Any]:
    return {name: network(name) for name in NETWORKS}


def container(payload: dict[str, Any]) -> str:
    # "</" cannot end the script element early: JSON has no other way to write it.
    text = json.dumps(payload, separators=(",", ":")).replace("</", "<\\/")
    return (
        '<div class="nn11-explorer" data-nn11-explorer>'
        '<p class="nn11-explorer__fallback">The explorer needs JavaScript.</p></div>\n'
        f'<script type="application/json" id="nn11-explorer-data">{text}</script>'
    )


def write(out: Path) -> None:
    (out / "data.json").write_text(json.dumps(data()), encoding="utf-8")


#: The two trainings' data, an artefact (hooks/cache.py) keyed by nn11 and this file.
DATA = cache.declare(cache.Artefact("explorer", write, (cache.NN11, Path(__file__).resolve())))


def cached() -> dict[str, Any]:
    """:func:`data`, from the cache (computed in the pool on a cold build)."""
    folder = DATA.folder()
    payload: dict[str, Any] = json.loads((folder / "data.json").read_text(encoding="utf-8"))
    return payload


def on_page_markdown(markdown: str, page: Page | None = None, **_: object) -> str:
    if not MARKER.search(markdown):
        return markdown
    block = container(cached())
    return MARKER.sub(lambda _: block, markdown, count=1)
