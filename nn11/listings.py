"""Run the post's listings as scripts, without copying them."""

from __future__ import annotations

import runpy
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent

#: CLI name -> file in this package.
LISTINGS = {
    "two-layer": "two_layer.py",
    "three-layer": "three_layer.py",
    "eleven-lines": "eleven_lines.py",
}


def run(name: str) -> dict[str, object]:
    """Run one listing and return its final namespace.

    The 11 lines have no import and no seed, so they get ``np`` from us,
    numpy's global generator seeded with 1, and a closing print of ``l2``.
    """
    if name == "eleven-lines":
        path = HERE / LISTINGS[name]
        np.random.seed(1)
        namespace: dict[str, object] = {"np": np, "__name__": "__main__"}
        exec(compile(path.read_text(), str(path), "exec"), namespace)
        print("Output After Training:")
        print(namespace["l2"])
        return namespace
    return runpy.run_module(f"nn11.{LISTINGS[name][:-3]}", run_name="__main__")
