"""The command line: output, exit codes, and one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nn11 import train
from nn11.cli import main
from nn11.data import X, y, y_xor

ROOT = Path(__file__).resolve().parent.parent


def test_run_two_layer_prints_the_listings_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "two-layer"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "[[0.00966449]",
        " [0.00786506]",
        " [0.99358898]",
        " [0.99211957]]",
    ]


def test_train_prints_the_trace_and_the_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--iterations", "300", "--every", "100", "--alpha", "0.5"]) == 0
    out = capsys.readouterr().out.splitlines()
    expected = train(X, y, iterations=300, record_every=100, alpha=0.5)
    steps = zip((0, 100, 200), expected.errors, strict=True)
    assert out[:3] == [f"Error after {i} iterations: {e}" for i, e in steps]
    assert out[3] == "Output After Training:"
    assert "\n".join(out[4:]) == str(expected.output)


def test_train_with_hidden_defaults_to_xor(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--hidden", "3", "--iterations", "50", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    expected = train(X, y_xor, hidden=3, iterations=50, seed=2, record_every=10_000)
    assert out.startswith(f"Error after 0 iterations: {expected.errors[0]}\n")


def test_train_reads_a_csv_with_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "and.csv"
    f.write_text("a,b,bias,target\n0,0,1,0\n0,1,1,0\n1,0,1,0\n1,1,1,1\n")
    assert main(["train", "--data", str(f), "--iterations", "20", "--every", "10"]) == 0
    and_y = np.array([[0, 0, 0, 1]]).T
    second = train(X, and_y, iterations=20, record_every=10).errors[1]
    assert f"Error after 10 iterations: {second}" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "csv", "message"),
    [
        (["train", "--hidden", "0"], None, "hidden must be >= 1, got 0"),
        (["train", "--alpha", "-1"], None, "alpha must be a positive finite number"),
        (["train", "--alpha", "nan"], None, "alpha must be a positive finite number"),
        (["train", "--iterations", "0"], None, "iterations must be >= 1"),
        (["train", "--every", "0"], None, "record_every must be >= 1"),
        (["train", "--iterations", "ten"], None, "argument --iterations: invalid int value: 'ten'"),
        (["train", "--bogus"], None, "unrecognized arguments: --bogus"),
        (["run", "four-layer"], None, "argument listing: invalid choice: 'four-layer'"),
        ([], None, "the following arguments are required: command"),
        (["train", "--data", "missing.csv"], None, "cannot read missing.csv"),
        (["train", "--data", "{f}"], "0,0,1,0\n0,1\n", "line 2: expected 4 columns, got 2"),
        (["train", "--data", "{f}"], "a,b\n0,x\n", "line 2: every value must be a finite number"),
        (["train", "--data", "{f}"], "0,0,1,2\n", "y must hold targets within [0, 1]"),
        (["train", "--data", "{f}"], "x,y\n", "no data rows"),
        (["train", "--data", "{f}"], "", "no data rows"),
        (["train", "--data", "{f}"], "1\n0\n", "need at least one input column"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    csv: str | None,
    message: str,
) -> None:
    f = tmp_path / "bad.csv"
    if csv is not None:
        f.write_text(csv)
    assert main([a.replace("{f}", str(f)) for a in argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and err.startswith("nn11: error: ")
    assert "Traceback" not in err


def test_module_entry_point_exits_2_with_one_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "nn11", "train", "--alpha", "0"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == "nn11: error: alpha must be a positive finite number, got 0.0\n"
    assert done.stdout == ""


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--help"]) == 0
    assert "--hidden" in capsys.readouterr().out
