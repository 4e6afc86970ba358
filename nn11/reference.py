"""The listings as ``nn11 check`` compares them: their steps, and the usual slips at each step.

A :class:`Level` is one listing (Part 1, Part 2 or the 11 lines): its data, its loop length and
its :class:`Step` s in listing order, each with the listing line that computes it and the Line
page that explains it. :func:`iterate` computes one iteration's values from given weights, the
listing's way or with one :data:`MISTAKES` slip, so a reader's value can be recognised as a
known slip. tests/test_check.py holds :func:`iterate` to ``nn11.train`` and each step's line to
the listing file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nn11 import data
from nn11.sigmoid import nonlin

Array = NDArray[Any]
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Step:
    """One value the listing computes."""

    name: str  # the listing's variable; "syn0" for the update, "syn0 (start)" before the loop
    line: int  # the listing line that computes it
    page: str  # the site page that explains it, relative to the site's root
    required: bool  # a reader must keep it (layers, weights); errors and deltas may stay inline
    hint: str  # what usually goes wrong here


@dataclass(frozen=True)
class Level:
    """One listing to rebuild."""

    key: str  # "1", "2" or "11"
    title: str
    listing: str  # file name in nn11/
    hidden: int | None
    iterations: int
    loop_line: int
    loop_page: str
    seed_line: int  # 0: the listing sets no seed (the 11 lines)
    steps: tuple[Step, ...]

    @property
    def y(self) -> Array:
        return data.y if self.hidden is None else data.y_xor

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)

    def source_line(self, line: int) -> str:
        return (HERE / self.listing).read_text().splitlines()[line - 1].strip()


_START = "the starting weights are 2 * np.random.random(shape) - 1, drawn right after the seed"
_LAYER = (
    "a layer is nonlin(np.dot(previous layer, weights)): the product of the (4, n) layer and "
    "the weights, then the sigmoid"
)
_MISS = "the miss is the target minus the prediction: y - {layer}"
_DELTA = (
    "the delta is the miss times the slope at {layer}: {error} * nonlin({layer}, True), the "
    "slope computed from {layer} itself"
)
_BACK = "the hidden layer's miss is the output's delta sent back through syn1: l2_delta.dot(syn1.T)"
_UPDATE = (
    "the update adds {layer}.T.dot({delta}): the transposed layer before the delta, giving the "
    "weights' shape {shape}"
)
_P1 = "part1/"
_P2 = "part2/"

PART1 = Level(
    key="1",
    title="Part 1's listing (two_layer.py)",
    listing="two_layer.py",
    hidden=None,
    iterations=10_000,
    loop_line=25,
    loop_page=_P1 + "line-25/",
    seed_line=20,
    steps=(
        Step("syn0 (start)", 23, _P1 + "line-23/", True, _START),
        Step("l1", 29, _P1 + "line-29/", True, _LAYER),
        Step("l1_error", 32, _P1 + "line-32/", False, _MISS.format(layer="l1")),
        Step("l1_delta", 36, _P1 + "line-36/", False, _DELTA.format(layer="l1", error="l1_error")),
        Step(
            "syn0",
            39,
            _P1 + "line-39/",
            True,
            _UPDATE.format(layer="l0", delta="l1_delta", shape="(3, 1)"),
        ),
    ),
)

PART2 = Level(
    key="2",
    title="Part 2's listing (three_layer.py)",
    listing="three_layer.py",
    hidden=4,
    iterations=60_000,
    loop_line=25,
    loop_page=_P1 + "line-25/",
    seed_line=19,
    steps=(
        Step("syn0 (start)", 22, _P1 + "line-23/", True, _START),
        Step("syn1 (start)", 23, _P1 + "line-23/", True, _START),
        Step("l1", 29, _P1 + "line-29/", True, _LAYER),
        Step("l2", 30, _P1 + "line-29/", True, _LAYER),
        Step("l2_error", 33, _P1 + "line-32/", False, _MISS.format(layer="l2")),
        Step("l2_delta", 40, _P2 + "line-40/", False, _DELTA.format(layer="l2", error="l2_error")),
        Step("l1_error", 43, _P2 + "line-43/", False, _BACK),
        Step("l1_delta", 47, _P2 + "line-47/", False, _DELTA.format(layer="l1", error="l1_error")),
        Step(
            "syn1",
            49,
            _P2 + "line-49/",
            True,
            _UPDATE.format(layer="l1", delta="l2_delta", shape="(4, 1)"),
        ),
        Step(
            "syn0",
            50,
            _P2 + "line-50/",
            True,
            _UPDATE.format(layer="l0", delta="l1_delta", shape="(3, 4)"),
        ),
    ),
)

ELEVEN = Level(
    key="11",
    title="the 11 lines (eleven_lines.py)",
    listing="eleven_lines.py",
    hidden=4,
    iterations=60_000,
    loop_line=5,
    loop_page=_P1 + "line-25/",
    seed_line=0,
    steps=(
        Step("syn0 (start)", 3, _P1 + "line-23/", True, _START),
        Step("syn1 (start)", 4, _P1 + "line-23/", True, _START),
        Step("l1", 6, _P1 + "line-29/", True, _LAYER),
        Step("l2", 7, _P1 + "line-29/", True, _LAYER),
        Step("l2_error", 8, _P1 + "line-32/", False, _MISS.format(layer="l2")),
        Step("l2_delta", 8, _P2 + "line-40/", False, _DELTA.format(layer="l2", error="(y - l2)")),
        Step("l1_error", 9, _P2 + "line-43/", False, _BACK),
        Step(
            "l1_delta",
            9,
            _P2 + "line-47/",
            False,
            _DELTA.format(layer="l1", error="l2_delta.dot(syn1.T)"),
        ),
        Step(
            "syn1",
            10,
            _P2 + "line-49/",
            True,
            _UPDATE.format(layer="l1", delta="l2_delta", shape="(4, 1)"),
        ),
        Step(
            "syn0",
            11,
            _P2 + "line-50/",
            True,
            _UPDATE.format(layer="X", delta="l1_delta", shape="(3, 4)"),
        ),
    ),
)

LEVELS = {level.key: level for level in (PART1, PART2, ELEVEN)}


@dataclass(frozen=True)
class Mistake:
    """A slip a learner makes, recognised by the value it computes."""

    key: str
    hint: str  # {layer}: the layer of the step where the slip shows; {column}: the targets
    hidden: bool | None = None  # True: only with a hidden layer; False: only without; None: both


MISTAKES = (
    Mistake(
        "flat_y",
        "your targets have shape (4,), not (4, 1): y - {layer} then broadcasts a (4,) row "
        "against a (4, 1) column into (4, 4). Make y a column: {column}",
    ),
    Mistake(
        "sign",
        "the sign is flipped: the listing's miss is y - {layer} (target minus prediction), and "
        "its update adds; with {layer} - y the update would have to subtract",
    ),
    Mistake(
        "no_slope",
        "the slope is missing: the delta is the miss times the sigmoid's slope at {layer}, "
        "nonlin({layer}, True)",
    ),
    Mistake(
        "no_deriv",
        "this multiplies by nonlin({layer}), the sigmoid again, not its slope at {layer}: did "
        "you pass deriv=True? nonlin({layer}, True) computes {layer} * (1 - {layer})",
    ),
    Mistake(
        "wrong_slope",
        "the slope is taken of the miss, not of the layer: use nonlin({layer}, True), the slope "
        "at {layer}, the layer's own output",
    ),
    Mistake(
        "hidden_no_slope",
        "the hidden layer's slope is missing: l1_delta is l1_error times "
        "nonlin(l1, deriv=True), as for the output",
        hidden=True,
    ),
    Mistake(
        "hidden_no_deriv",
        "this multiplies by nonlin(l1), not its slope: did you pass deriv=True?",
        hidden=True,
    ),
    Mistake(
        "new_syn1",
        "the hidden layer's miss uses syn1 after its update: compute both deltas first, then "
        "update syn1 and syn0 (the listing's last two lines)",
        hidden=True,
    ),
    Mistake(
        "minus",
        "the update subtracts: with the listing's miss (y - {layer}) the weights move by +=, "
        "not -=",
    ),
)


def start(level: Level, mistake: str | None = None) -> tuple[Array, ...]:
    """The starting weights, drawn as the listing draws them (seed 1), or with a slip."""
    rng = np.random.RandomState(1)
    shapes = [(3, 1)] if level.hidden is None else [(3, level.hidden), (level.hidden, 1)]
    if mistake == "swapped_draws":
        shapes = shapes[::-1]
    drawn = [rng.random_sample(shape) for shape in shapes]
    if mistake == "swapped_draws":
        drawn = drawn[::-1]
    if mistake == "unit_interval":
        return tuple(drawn)
    return tuple(2 * w - 1 for w in drawn)


START_MISTAKES = {
    "unit_interval": "the weights are drawn in [0, 1): the listing stretches them to [-1, 1) "
    "with 2 * np.random.random(shape) - 1, so they have mean 0",
    "swapped_draws": "syn1 is drawn before syn0: both come from one seeded stream, so the order "
    "of the two draws decides which numbers each gets. Draw syn0 first",
}


def iterate(
    level: Level, weights: tuple[Array, ...], mistake: str | None = None
) -> dict[str, Array]:
    """One iteration from ``weights``: every step's value (the updated weights under their names).

    When a slip makes the shapes incompatible, the values computed before that point.
    """
    l0 = data.X
    target = level.y.ravel() if mistake == "flat_y" else level.y

    def miss(layer: Array) -> Array:
        return layer - target if mistake == "sign" else target - layer

    def scaled(error: Array, layer: Array, hidden: bool) -> Array:
        hidden_slips = {"hidden_no_slope": "no_slope", "hidden_no_deriv": "no_deriv"}
        slip = hidden_slips.get(mistake or "") if hidden else mistake
        if slip == "no_slope":
            return error
        if slip == "no_deriv":
            return error * nonlin(layer)
        if slip == "wrong_slope" and not hidden:
            return error * nonlin(error, True)
        return error * nonlin(layer, True)

    def add(w: Array, change: Array) -> Array:
        return w - change if mistake == "minus" else w + change

    out: dict[str, Array] = {}
    try:
        if level.hidden is None:
            (syn0,) = weights
            out["l1"] = l1 = nonlin(np.dot(l0, syn0))
            out["l1_error"] = miss(l1)
            out["l1_delta"] = scaled(out["l1_error"], l1, hidden=False)
            out["syn0"] = add(syn0, np.dot(l0.T, out["l1_delta"]))
            return out
        syn0, syn1 = weights
        out["l1"] = l1 = nonlin(np.dot(l0, syn0))
        out["l2"] = l2 = nonlin(np.dot(l1, syn1))
        out["l2_error"] = miss(l2)
        out["l2_delta"] = l2_delta = scaled(out["l2_error"], l2, hidden=False)
        new_syn1 = add(syn1, l1.T.dot(l2_delta))
        out["l1_error"] = l2_delta.dot((new_syn1 if mistake == "new_syn1" else syn1).T)
        out["l1_delta"] = scaled(out["l1_error"], l1, hidden=True)
        out["syn1"] = new_syn1
        out["syn0"] = add(syn0, l0.T.dot(out["l1_delta"]))
    except ValueError:
        if mistake is None:
            raise
    return out
