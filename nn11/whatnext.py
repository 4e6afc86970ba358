"""Run the listing or one of its variants (nn11/variants/) with a few settings changed.

The site's "What next" pages measure each variant against the listing with this: it runs
the file's own source, with the loop's length, how often it prints, and the variant's
ALL-CAPS settings replaced, so what runs is the file the page shows.

>>> from nn11.whatnext import run
>>> plain = run("three_layer", iterations=20_001)
>>> [round(e, 4) for e in plain.errors]
[0.4964, 0.0086, 0.0058]
>>> run("momentum", iterations=20_001, MOMENTUM=0).errors == plain.errors
True
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nn11.variants import NAMES

HERE = Path(__file__).resolve().parent
LOOP = "range(60000)"
EVERY = "(j % 10000) == 0"
SEED = "np.random.seed(1)"
PRINTED = re.compile(r"^Error:(\S+)$", re.MULTILINE)


def source(name: str) -> Path:
    """The file of ``name``: "three_layer" (the listing) or one of ``NAMES``."""
    if name == "three_layer":
        return HERE / "three_layer.py"
    if name not in NAMES:
        raise ValueError(f"name must be 'three_layer' or one of {', '.join(NAMES)}; got {name!r}")
    return HERE / "variants" / f"{name}.py"


def replace_once(text: str, old: str, new: str, what: str) -> str:
    if text.count(old) != 1:
        raise ValueError(f"{what}: expected {old!r} exactly once in the file")
    return text.replace(old, new)


@dataclass
class Run:
    """What one run printed (``errors``, one per print) and its variables at the end."""

    errors: list[float]
    namespace: dict[str, Any]

    @property
    def error(self) -> float:
        """Mean absolute miss of the last iteration (on its batch, for mini-batches)."""
        return float(np.mean(np.abs(self.namespace["l2_error"])))


def run(
    name: str, *, iterations: int = 60_000, every: int = 10_000, seed: int = 1, **settings: Any
) -> Run:
    """Run ``name``'s file for ``iterations`` steps, printing the error every ``every``
    steps, with its weights drawn after ``np.random.seed(seed)`` (the file's own is 1) and
    each ``SETTING=value`` replacing that setting's line.

    >>> run("momentum", iterations=10, SPEED=2)
    Traceback (most recent call last):
    ...
    ValueError: SPEED: expected one line 'SPEED = ...' in nn11/variants/momentum.py
    """
    path = source(name)
    for value, what in ((iterations, "iterations"), (every, "every")):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{what} must be a whole number >= 1, got {value!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**32:
        raise ValueError(f"seed must be a whole number within [0, 2**32), got {seed!r}")
    text = path.read_text(encoding="utf-8")
    text = replace_once(text, LOOP, f"range({iterations})", "iterations")
    text = replace_once(text, EVERY, f"(j % {every}) == 0", "every")
    text = replace_once(text, SEED, f"np.random.seed({seed})", "seed")
    for key, value in settings.items():
        line = re.compile(rf"^{re.escape(key)} = .*$", re.MULTILINE)
        if not key.isupper() or len(line.findall(text)) != 1:
            where = path.relative_to(HERE.parent).as_posix()
            raise ValueError(f"{key}: expected one line '{key} = ...' in {where}")
        text = line.sub(f"{key} = {value!r}", text)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(text, str(path), "exec"), namespace)
    return Run([float(e) for e in PRINTED.findall(out.getvalue())], namespace)


def output(run: Run, X: Any) -> Any:
    """The trained network's output for the rows of ``X``, every unit on (no dropout)."""
    ns = run.namespace
    weights = ns["syns"] if "syns" in ns else [ns["syn0"], ns["syn1"]]
    biases = [ns["b0"], ns["b1"]] if "b0" in ns else [0.0] * len(weights)
    layer = np.asarray(X, dtype=float)
    for w, b in zip(weights, biases, strict=True):
        layer = 1 / (1 + np.exp(-(layer @ w + b)))
    return layer


def miss(run: Run, X: Any, y: Any) -> float:
    """Mean absolute miss of the trained network on ``X`` against ``y``."""
    return float(np.mean(np.abs(np.asarray(y) - output(run, X))))
