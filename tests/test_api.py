"""train() against the listings themselves: exact equality, no tolerance."""

from __future__ import annotations

import contextlib
import io
import runpy
from typing import Any

import numpy as np
import pytest

from nn11 import Training, nonlin, train
from nn11.data import X, y, y_xor
from nn11.listings import run


def quietly(module: str) -> tuple[dict[str, Any], str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        namespace = runpy.run_module(module, run_name="__main__")
    return namespace, out.getvalue()


@pytest.fixture(scope="module")
def two_layer() -> dict[str, Any]:
    return quietly("nn11.two_layer")[0]


@pytest.fixture(scope="module")
def three_layer() -> tuple[dict[str, Any], str]:
    return quietly("nn11.three_layer")


@pytest.fixture(scope="module")
def xor_run() -> Training:
    return train(X, y_xor, hidden=4, iterations=60_000, record_every=10_000)


def test_data_is_the_listings_data(two_layer: dict[str, Any], three_layer: Any) -> None:
    assert np.array_equal(X, two_layer["X"]) and np.array_equal(y, two_layer["y"])
    assert np.array_equal(X, three_layer[0]["X"]) and np.array_equal(y_xor, three_layer[0]["y"])


def test_default_train_is_part_one_bit_for_bit(two_layer: dict[str, Any]) -> None:
    result = train(X, y)
    assert np.array_equal(result.output, two_layer["l1"])
    assert np.array_equal(result.weights[0], two_layer["syn0"])
    assert len(result.weights) == 1 and result.iterations == 10_000 and result.errors == []


def test_hidden_four_is_part_two_bit_for_bit(three_layer: Any, xor_run: Training) -> None:
    namespace, printed = three_layer
    trace = [float(line.removeprefix("Error:")) for line in printed.splitlines()]
    assert xor_run.errors == trace
    assert ["Error:" + str(e) for e in xor_run.errors] == printed.splitlines()
    assert np.array_equal(xor_run.output, namespace["l2"])
    assert np.array_equal(xor_run.weights[0], namespace["syn0"])
    assert np.array_equal(xor_run.weights[1], namespace["syn1"])


def test_eleven_lines_compute_the_same_network(xor_run: Training) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        namespace = run("eleven-lines")
    assert np.array_equal(namespace["l2"], xor_run.output)


def test_train_leaves_numpys_global_generator_alone() -> None:
    np.random.seed(123)
    before = np.random.random(3)
    np.random.seed(123)
    train(X, y, iterations=5, seed=7)
    assert np.array_equal(np.random.random(3), before)


def test_weights_are_drawn_like_the_listing() -> None:
    rng = np.random.RandomState(5)
    syn0 = 2 * rng.random_sample((3, 2)) - 1
    syn1 = 2 * rng.random_sample((2, 1)) - 1
    first = train(X, y, hidden=2, seed=5, iterations=1, snapshot_at=[0]).snapshots[0]
    assert np.array_equal(first["syn0"], syn0) and np.array_equal(first["syn1"], syn1)


def reference_two_layer(alpha: float, iterations: int) -> np.ndarray:
    """A plain loop written from the post, with the update scaled by alpha."""
    syn0 = 2 * np.random.RandomState(1).random_sample((3, 1)) - 1
    for _ in range(iterations):
        l1 = 1 / (1 + np.exp(-np.dot(X, syn0)))
        syn0 += alpha * np.dot(X.T, (y - l1) * l1 * (1 - l1))
    return syn0


def test_alpha_scales_each_update() -> None:
    got = train(X, y, alpha=0.5, iterations=50).weights[0]
    np.testing.assert_allclose(got, reference_two_layer(0.5, 50), rtol=1e-12)
    assert not np.allclose(got, train(X, y, iterations=50).weights[0])


def test_errors_are_measured_before_each_update() -> None:
    result = train(X, y, iterations=25, record_every=10, snapshot_at=[0, 10, 20])
    assert len(result.errors) == 3
    for k, err in zip((0, 10, 20), result.errors, strict=True):
        snap = result.snapshots[k]
        assert err == float(np.mean(np.abs(y - nonlin(X @ snap["syn0"]))))
        assert err == float(np.mean(np.abs(snap["l1_error"])))


def test_snapshots_hold_the_intermediate_values_as_copies() -> None:
    result = train(X, y, iterations=10_000, snapshot_at=[0, 9_999])
    first, last = result.snapshots[0], result.snapshots[9_999]
    assert set(first) == {"l0", "l1", "l1_error", "l1_delta", "syn0"}
    assert np.array_equal(last["l1"], result.output)
    assert first["l1"].shape == (4, 1)
    assert not np.array_equal(first["syn0"], last["syn0"])
    assert np.array_equal(first["l1_delta"], first["l1_error"] * (first["l1"] * (1 - first["l1"])))
    deep = train(X, y_xor, hidden=3, iterations=2, snapshot_at=[1]).snapshots[1]
    assert set(deep) == {
        "l0", "l1", "l2", "l2_error", "l2_delta", "l1_error", "l1_delta", "syn0", "syn1"
    }


def test_y_may_be_flat_and_inputs_any_real_dtype() -> None:
    flat = train(X.astype(float), y.ravel().tolist(), iterations=100)
    assert np.array_equal(flat.output, train(X, y, iterations=100).output)
    assert train([[True, False]], [1], iterations=3).output.shape == (1, 1)


def test_predict_runs_new_inputs_through_the_weights() -> None:
    result = train(X, y)
    assert np.array_equal(result.predict(X), nonlin(X @ result.weights[0]))
    assert result.predict([[1, 0, 0]])[0, 0] > 0.9
    deep = train(X, y_xor, hidden=4, iterations=2_000)
    assert deep.predict(X).shape == (4, 1)
    with pytest.raises(ValueError, match=r"X must have 3 columns"):
        result.predict([[1, 0]])


def test_nonlin_is_the_posts_function() -> None:
    assert nonlin(0) == 0.5
    assert nonlin(0.5, deriv=True) == 0.25
    xs = np.linspace(-6, 6, 13)
    np.testing.assert_array_equal(nonlin(xs), 1 / (1 + np.exp(-xs)))


BAD = [
    (dict(X=[0, 1, 1]), ValueError, r"X must be 2-D, got shape \(3,\)"),
    (dict(X=np.zeros((0, 3)), y=np.zeros((0, 1))), ValueError, r"X must not be empty"),
    (dict(y=np.zeros((4, 2))), ValueError, r"y must have shape \(n,\) or \(n, 1\), got \(4, 2\)"),
    (dict(y=np.zeros((4, 1, 1))), ValueError, r"y must be 1-D or 2-D"),
    (dict(y=[0, 1, 1]), ValueError, r"X and y must have the same number of rows, got 4 and 3"),
    (dict(X=[["a", "b", "c"]] * 4), TypeError, r"X must hold numbers, got dtype <U1"),
    (dict(X=[[0, 1], [1]]), ValueError, r"X must be a rectangular array of numbers"),
    (dict(X=[[np.nan, 0, 1]] * 4), ValueError, r"X must be finite"),
    (dict(y=[0, 1, np.inf, 0]), ValueError, r"y must be finite"),
    (dict(y=[0, 1, 2, 0]), ValueError, r"y must hold targets within \[0, 1\]"),
    (dict(y=[0, -0.5, 1, 0]), ValueError, r"y must hold targets within \[0, 1\]"),
    (dict(iterations=0), ValueError, r"iterations must be >= 1, got 0"),
    (dict(iterations=2.5), TypeError, r"iterations must be a whole number >= 1"),
    (dict(hidden=0), ValueError, r"hidden must be >= 1, got 0"),
    (dict(hidden="4"), TypeError, r"hidden must be a whole number >= 1 or None"),
    (dict(alpha=0), ValueError, r"alpha must be a positive finite number, got 0"),
    (dict(alpha=-1.0), ValueError, r"alpha must be a positive finite number"),
    (dict(alpha=float("inf")), ValueError, r"alpha must be a positive finite number"),
    (dict(alpha="big"), TypeError, r"alpha must be a positive finite number"),
    (dict(record_every=0), ValueError, r"record_every must be >= 1, got 0"),
    (dict(seed=-1), ValueError, r"seed must be between 0 and 2\*\*32 - 1"),
    (dict(snapshot_at=[10_000]), ValueError, r"snapshot_at must hold iterations within"),
    (dict(snapshot_at=5), TypeError, r"snapshot_at must be a list of iteration numbers"),
]


@pytest.mark.parametrize(("change", "error", "message"), BAD)
def test_bad_input_names_the_argument(change: dict[str, Any], error: type, message: str) -> None:
    args: dict[str, Any] = {"X": X, "y": y, **change}
    with pytest.raises(error, match=message):
        train(args.pop("X"), args.pop("y"), **args)
