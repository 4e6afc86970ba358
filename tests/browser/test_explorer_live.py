"""The explorer trains live (docs/javascripts/explorer-train.js) and computes nn11.train's numbers.

For a grid of settings (both networks, both datasets, alpha 0.01 to 1000, 1 to 32 hidden units,
several seeds) the page is opened with the settings in its address, trains in its worker, and its
numbers are compared with ``nn11.train``'s: the error at every iteration, every variable at four
iterations (through the page's own checkpoints), and the printout, all within the site's float
tolerance (tests/floatcheck.py). A few runs amplify last-bit differences (large alpha; 32 hidden
units at alpha 10): there the first iterations must agree to the tolerance and the final error to
5%, what stays stable (the page says the last digits may differ). The negative test serves the
page a trainer with one step changed and checks that the same comparison fails.
"""

from __future__ import annotations

import contextlib
import io
import math
from typing import Any

import numpy as np
import pytest

from nn11 import train
from nn11.data import X, y, y_xor
from tests import floatcheck
from tests.browser.conftest import Reader

PAGE = "play/explorer/"
TARGETS = {"copy": y, "xor": y_xor}

#: (net, data, hidden, alpha, seed, iterations, chaotic)
GRID = [
    (1, "copy", 0, 1, 1, 2000, False),
    (1, "copy", 0, 0.01, 2, 2000, False),
    (1, "copy", 0, 10, 3, 2000, False),
    (1, "copy", 0, 100, 1, 2000, False),
    (1, "copy", 0, 1000, 2, 2000, False),
    (1, "xor", 0, 1, 1, 2000, False),
    (2, "xor", 4, 1, 1, 3000, False),
    (2, "xor", 1, 1, 1, 3000, False),
    (2, "xor", 4, 0.01, 2, 3000, False),
    (2, "xor", 4, 0.1, 3, 3000, False),
    (2, "xor", 4, 10, 1, 3000, False),
    (2, "xor", 4, 100, 1, 3000, True),
    (2, "xor", 4, 1000, 2, 3000, False),
    (2, "xor", 4, 1000, 1, 3000, True),
    (2, "xor", 8, 1, 5, 3000, False),
    (2, "xor", 16, 0.5, 4, 3000, False),
    (2, "xor", 32, 1, 1, 3000, False),
    (2, "xor", 32, 10, 1, 3000, True),
    (2, "xor", 32, 10, 2, 3000, True),
    (2, "xor", 32, 100, 2, 3000, False),
    (2, "xor", 32, 1000, 7, 3000, False),
    (2, "xor", 2, 5, 9, 3000, False),
    (2, "xor", 32, 0.01, 3, 3000, False),
    (2, "copy", 4, 1, 1, 3000, False),
]
#: In a chaotic run: iterations that must still agree to the float tolerance, and how close
#: (relative) the final error must be.
STABLE_FOR = 30
SETTLES_WITHIN = 0.05

#: What the page computed for one setting: errors, every variable at some iterations, printout.
READ = """(at) => {
  const x = window.nn11Explorer;
  const run = x.run;
  const moments = {};
  for (const j of at) moments[j] = run.moments(j);
  x.show(run.total - 1);
  return {done: run.done, errors: Array.from(run.errors), moments,
          printed: document.getElementById('nn11-x-printed').textContent};
}"""


def query(net: int, data: str, hidden: int, alpha: float, seed: int, iterations: int) -> str:
    q = f"?net={net}&data={data}&alpha={alpha}&seed={seed}&iterations={iterations}"
    return q + (f"&hidden={hidden}" if net == 2 else "")


def page_numbers(page: Any, setting: tuple[Any, ...], at: list[int]) -> dict[str, Any]:
    net, data, hidden, alpha, seed, iterations, _ = setting
    page.goto(page.url.split("?")[0] + query(net, data, hidden, alpha, seed, iterations))
    page.wait_for_function(
        f"document.querySelector('[data-nn11-explorer]')?.dataset.done === '{iterations}'"
    )
    got: dict[str, Any] = page.evaluate(READ, at)
    return got


def python_printout(net: int, run: Any, iterations: int) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        if net == 1:
            print("Output After Training:")
            print(run.output)
        else:
            for e in run.errors[::10_000]:
                print("Error:" + str(e))
    return out.getvalue().strip()


def close(want: Any, got: Any) -> bool:
    w, g = np.asarray(want, dtype=float).ravel(), np.asarray(got, dtype=float).ravel()
    return w.shape == g.shape and floatcheck.agree(w.tolist(), g.tolist())


def problems(setting: tuple[Any, ...], got: dict[str, Any], at: list[int]) -> list[str]:
    """How the page's numbers differ from nn11.train's for one setting (empty: they agree)."""
    net, data, hidden, alpha, seed, iterations, chaotic = setting
    run = train(
        X,
        TARGETS[data],
        hidden=hidden or None,
        alpha=alpha,
        seed=seed,
        iterations=iterations,
        record_every=1,
        snapshot_at=at,
    )
    name = f"net={net} data={data} hidden={hidden} alpha={alpha} seed={seed}"
    out = []
    if got["done"] != iterations:
        out.append(f"{name}: computed {got['done']} of {iterations} iterations")
    errors = got["errors"]
    upto = STABLE_FOR if chaotic else iterations
    for j in range(min(upto, len(errors))):
        if not close(run.errors[j], errors[j]):
            out.append(f"{name}: error at iteration {j}: {errors[j]!r} != {run.errors[j]!r}")
            break
    if chaotic and not math.isclose(errors[-1], run.errors[-1], rel_tol=SETTLES_WITHIN):
        out.append(f"{name}: final error {errors[-1]!r}, nn11.train {run.errors[-1]!r}")
    for j in at:
        if chaotic and j > STABLE_FOR:
            continue
        mine = got["moments"][str(j)]
        for var, value in run.snapshots[j].items():
            if var == "l0":
                continue
            if not close(value, mine[var]):
                out.append(f"{name}: {var} at iteration {j} differs")
    if not chaotic and not floatcheck.same_printout(
        python_printout(net, run, iterations), got["printed"]
    ):
        out.append(f"{name}: printout {got['printed']!r}")
    return out


def compare_grid(page: Any, grid: list[tuple[Any, ...]]) -> list[str]:
    out = []
    for setting in grid:
        iterations = setting[5]
        at = [0, 1, iterations // 2, iterations - 1]
        out += problems(setting, page_numbers(page, setting, at), at)
    return out


def test_the_grid_has_what_the_issue_asks() -> None:
    assert len(GRID) >= 20
    assert {s[0] for s in GRID} == {1, 2} and {s[1] for s in GRID} == {"copy", "xor"}
    alphas = {s[3] for s in GRID}
    assert min(alphas) <= 0.01 and max(alphas) >= 1000
    hidden = {s[2] for s in GRID if s[0] == 2}
    assert min(hidden) == 1 and max(hidden) == 32
    assert len({s[4] for s in GRID}) >= 5


def test_the_page_computes_nn11_trains_numbers_over_the_grid(reader: Reader) -> None:
    page = reader.open(PAGE)
    assert compare_grid(page, GRID) == []
    assert reader.record.problems() == []


def test_seed_1_starts_exactly_where_the_listings_start(reader: Reader) -> None:
    page = reader.open(PAGE)
    got = page.evaluate("""() => {
      const T = window.NN11Train;
      const one = T.start({net: 1, hidden: 0, seed: 1});
      const two = T.start({net: 2, hidden: 4, seed: 1});
      return [Array.from(one.syn0), Array.from(two.syn0), Array.from(two.syn1)];
    }""")
    rng = np.random.RandomState(1)
    assert got[0] == (2 * rng.random_sample((3, 1)) - 1).ravel().tolist()  # two_layer.py
    rng = np.random.RandomState(1)
    assert got[1] == (2 * rng.random_sample((3, 4)) - 1).ravel().tolist()  # three_layer.py
    assert got[2] == (2 * rng.random_sample((4, 1)) - 1).ravel().tolist()
    many = page.evaluate(
        """(seed) => {
      const r = new window.NN11Train.Random(seed);
      return Array.from({length: 1500}, () => r.random());
    }""",
        4_294_967_295,
    )
    assert many == np.random.RandomState(4_294_967_295).random_sample(1500).tolist()


#: One step of the trainer changed, each in a way that the comparison must notice.
MUTANTS = {
    "hidden slope": (
        "l1_delta[i * width + j] = e * (s * (1 - s));",
        "l1_delta[i * width + j] = e * (s * (1 - s)) * (1 + 1e-7);",
    ),
    "output slope": (
        "outDelta[i] = e * (out[i] * (1 - out[i]));",
        "outDelta[i] = e * (out[i] * (1.0000001 - out[i]));",
    ),
    "alpha forgotten on syn1": (
        "syn1[j] += scale ? step1[j] * alpha : step1[j];",
        "syn1[j] += step1[j];",
    ),
    "weights drawn in another order": (
        "const syn1 = new Float64Array(width);\n",
        "const syn1 = new Float64Array(width); syn0.reverse();\n",
    ),
}
#: A smaller grid for the mutants: each touches some of these settings.
SOME = [GRID[0], GRID[3], GRID[6], GRID[10], GRID[15], GRID[17]]


@pytest.mark.parametrize("mutant", sorted(MUTANTS))
def test_the_comparison_fails_when_one_step_changes(reader: Reader, mutant: str) -> None:
    page = reader.open(PAGE)
    original = page.evaluate(
        "fetch(document.querySelector('script[src*=\"explorer-train\"]').src).then(r => r.text())"
    )
    old, new = MUTANTS[mutant]
    assert original.count(old) == 1, f"{mutant}: the step to change is not in the trainer"
    served = []

    def patched(route: Any) -> None:
        served.append(route.request.url)
        route.fulfill(body=original.replace(old, new), content_type="text/javascript")

    reader.context.route("**/javascripts/explorer-train.js", patched)
    found = compare_grid(page, SOME)
    assert len(served) >= 2, "the changed trainer reached the page and its worker"
    assert found, f"changing the {mutant} went unnoticed"


FLOATS = [1e-05, 0.5, 1.5e-10, 123.0, 1e16, 0.1, 2.5e-4, 0.0001, 0.4964100319027255, 1e-300]
COLUMNS = [
    [1.2e-10, 0.5, 0.999999],
    [1.23456789123e-10, 0.5, 0.25],
    [0.0097, 0.5, 0.99],
    [0.0, 1.0, 0.5],
    [5e-05, 0.5, 1.0],
    [1.0, 1.0, 1.0],
    [0.00966449, 0.00786506, 0.99358898, 0.99211957],
]


def test_the_page_prints_floats_as_python_and_numpy_do(reader: Reader) -> None:
    page = reader.open(PAGE)
    got = page.evaluate(
        "([f, c]) => [f.map(NN11Explorer.pyFloat), c.map(NN11Explorer.numpyColumn)]",
        [FLOATS, COLUMNS],
    )
    assert got[0] == [repr(v) for v in FLOATS]
    assert got[1] == [str(np.array(c).reshape(-1, 1)) for c in COLUMNS]
