"""The command line: output, exit codes, and one-line errors."""

from __future__ import annotations

import io
import os
import re
import select
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import numpy as np
import pytest

from nn11 import cli, train
from nn11.cli import main
from nn11.data import X, y, y_xor
from nn11.progress import INTERVAL, Progress

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
        (["train", "--data", "missing.csv"], None, "missing.csv: cannot read it: No such file"),
        (["train", "--data", "{f}"], "0,0,1,0\n0,1\n", "line 2: expected 4 columns, got 2"),
        (["train", "--data", "{f}"], "0,0,1\n0,1,1,1\n", "line 2: expected 3 columns, got 4"),
        (["train", "--data", "{f}"], "a,b\n0,x\n", "line 2, column 2: 'x' is not a number"),
        (["train", "--data", "{f}"], "0,0,nan\n0,1,1\n", "line 1, column 3: nan is not a finite"),
        (["train", "--data", "{f}"], "0,0,1\n\n0,1,inf\n", "line 3, column 3: inf is not a finite"),
        (["train", "--data", "{f}"], "0,0,1\n0,1e999,1\n", "column 2: 1e999 is not a finite"),
        (["train", "--data", "{f}"], "\ufeff0,0,1\n0,,1\n", "line 2, column 2: blank cell"),
        (["train", "--data", "{f}"], "0,0,1\n0,1,1,\n", "line 2: expected 3 columns, got 4"),
        (["train", "--data", "{f}"], "0,0,1\n,,\n", "line 2: a row of blanks"),
        (["train", "--data", "{f}"], "0,0,1\n# note\n", "line 2: expected 3 columns, got 1"),
        (["train", "--data", "{f}"], "a,b,c\n0,0\n", "line 2: expected 3 columns, got 2"),
        (["train", "--data", "{f}"], "a,1,c\n0,0,1\n", "line 1, column 1: 'a' is not a number ("),
        (["train", "--data", "{f}", "--no-header"], "a,b,c\n0,0,1\n", "line 1, column 1: 'a'"),
        (["train", "--data", "{f}"], b"caf\xe9,b\n0,1\n", "line 1, column 1: bytes b'\\xe9' are"),
        (["train", "--data", "{f}", "--max-memory", "10"], "0,1\n", "over --max-memory (10 bytes)"),
        (["train", "--max-memory", "10"], None, "this run (4 rows) needs about"),
        (["train", "--max-memory", "x"], None, "--max-memory: expected a size such as 512M"),
        (["train", "--max-memory", "0"], None, "--max-memory: expected a size such as 512M"),
        (["train", "--hidden", "1000000000", "--iterations", "1"], None, "needs about 298.0 GiB"),
        (["train", "--iterations", str(10**9), "--every", "1"], None, "this run (4 rows) needs"),
        (["train", "--data", "{f}"], "0,0,1,2\n", "line 1, column 4: target 2 is outside [0, 1]"),
        (["train", "--data", "{f}"], "x,y\n", "no data rows"),
        (["train", "--data", "{f}"], "", "no data rows"),
        (["train", "--data", "{f}"], "1\n0\n", "need at least one input column"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    csv: str | bytes | None,
    message: str,
) -> None:
    f = tmp_path / "bad.csv"
    if csv is not None:
        f.write_bytes(csv if isinstance(csv, bytes) else csv.encode())
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


XOR_ROWS = "0,0,1,0\n0,1,1,1\n1,0,1,1\n1,1,1,0\n"


def output_rows(out: str) -> list[str]:
    return out.split("Output After Training:\n", 1)[1].splitlines()


@pytest.mark.parametrize("bom", ["", "\ufeff"])
@pytest.mark.parametrize("header", ["", "x1,x2,bias,target\n"])
def test_csv_keeps_every_row_with_or_without_bom_and_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bom: str, header: str
) -> None:
    f = tmp_path / "xor.csv"
    f.write_text(bom + header + XOR_ROWS.replace("\n", "\r\n"), newline="")
    assert main(["train", "--data", str(f), "--hidden", "4", "--iterations", "200"]) == 0
    out, err = capsys.readouterr()
    expected = train(X, y_xor, hidden=4, iterations=200).output
    assert len(output_rows(out)) == 4
    assert "\n".join(output_rows(out)) == str(expected)
    notice = f"nn11: {f}: first row read as a header: x1, x2, bias, target\n"
    assert err == (notice if header else "")


def test_header_and_no_header_override_detection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "numbers.csv"
    f.write_text("1,2,3,0\n" + XOR_ROWS)
    assert main(["train", "--data", str(f), "--header", "--iterations", "5"]) == 0
    out, err = capsys.readouterr()
    assert err == f"nn11: {f}: first row read as a header: 1, 2, 3, 0\n"
    assert len(output_rows(out)) == 4
    assert main(["train", "--data", str(f), "--no-header", "--iterations", "5"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and len(output_rows(out)) == 5


def test_max_memory_takes_sizes() -> None:
    from nn11.cli import _size

    assert _size("1000") == 1000
    assert _size("512M") == 512 * 1024**2
    assert _size("2G") == _size("2GiB") == _size("2 gb") == 2 * 1024**3
    assert _size("1.5k") == 1536


def test_a_larger_max_memory_lets_a_refused_run_through(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["train", "--iterations", "3", "--max-memory", "100"]
    assert main(argv) == 2
    assert main([*argv[:-1], "1M"]) == 0
    assert "Output After Training:" in capsys.readouterr().out


def test_help_states_the_header_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    for phrase in (
        "The first row is a header only if none of its cells is a number",
        "byte-order mark",
        "--header or --no-header",
        "a blank cell, text, nan or inf, or a short or long row stops "
        "with the file, line and column",
        "--max-memory SIZE",
    ):
        assert phrase in text


# The command as a process: both entry points behave the same.

ENTRY_POINTS = {
    "nn11": [str(Path(sys.executable).with_name("nn11"))],
    "python -m nn11": [sys.executable, "-m", "nn11"],
}
entry_points = pytest.mark.parametrize("cmd", ENTRY_POINTS.values(), ids=ENTRY_POINTS.keys())


def test_the_console_script_is_installed_next_to_python() -> None:
    assert Path(ENTRY_POINTS["nn11"][0]).is_file()


@entry_points
def test_version(cmd: list[str]) -> None:
    done = subprocess.run([*cmd, "--version"], capture_output=True, text=True, check=False)
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert (done.returncode, done.stdout, done.stderr) == (0, f"nn11 {version}\n", "")


@pytest.mark.full  # full gate: a process per case
@entry_points
def test_a_closed_pipe_ends_quietly(cmd: list[str]) -> None:
    """Like `nn11 ... | head -1`: 50,000 lines, far more than a pipe holds."""
    proc = subprocess.Popen(
        [*cmd, "train", "--iterations", "50000", "--every", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(b"Error after 0 iterations: ")
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 141
    assert err == b""


@entry_points
def test_a_full_disk_is_one_line_and_exit_1(cmd: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*cmd, "run", "two-layer"], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert done.returncode == 1
    assert done.stderr == "nn11: error: cannot write the output: No space left on device\n"


def read_until(fd: int, wanted: bytes, seen: bytearray, timeout: float = 60) -> None:
    """Read ``fd`` into ``seen`` until ``wanted`` shows up (or the timeout fails the test)."""
    deadline = time.monotonic() + timeout
    while wanted not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"no {wanted!r} within {timeout} s; got {bytes(seen)!r}"
        if select.select([fd], [], [], left)[0]:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the terminal closed (Linux: EIO)
                chunk = b""
            assert chunk, f"output ended before {wanted!r}; got {bytes(seen)!r}"
            seen += chunk


def read_to_end(fd: int, seen: bytearray) -> None:
    while select.select([fd], [], [], 60)[0]:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return
        if not chunk:
            return
        seen += chunk


PROGRESS = re.compile(
    rb"\r\x1b\[Kiteration [\d,]+/1,000,000,000 \(\d+%\)  [\d,]+ it/s  error \d\.\d{6}  \S+ left"
)
LONG_RUN = ["train", "--hidden", "64", "--iterations", "1000000000"]


@pytest.mark.full  # full gate: a process per case
@entry_points
def test_progress_on_a_terminal_and_ctrl_c(cmd: list[str]) -> None:
    """On a pseudo-terminal: progress on stderr, then Ctrl-C: one line, status 130."""
    leader, follower = os.openpty()
    proc = subprocess.Popen([*cmd, *LONG_RUN], stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    seen = bytearray()
    try:
        read_until(leader, b" left", seen)  # the first progress report
        proc.send_signal(signal.SIGINT)
        read_to_end(leader, seen)
        assert proc.wait(timeout=60) == 130
    finally:
        proc.kill()
        os.close(leader)
    assert PROGRESS.search(seen), bytes(seen)
    last = bytes(seen).rsplit(b"\x1b[K", 1)[1]
    assert last == b"nn11: interrupted\r\n"  # the terminal turns \n into \r\n
    assert b"Traceback" not in seen


@pytest.mark.full  # full gate: a process per case
@entry_points
def test_no_progress_when_piped_and_ctrl_c(cmd: list[str], tmp_path: Path) -> None:
    """Piped: nothing but the header notice on stderr; Ctrl-C still one line and 130."""
    f = tmp_path / "xor.csv"
    f.write_text("a,b,bias,target\n" + XOR_ROWS)
    proc = subprocess.Popen(
        [*cmd, *LONG_RUN, "--data", str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    notice = proc.stderr.readline()  # printed just before training starts
    assert notice.endswith(b"first row read as a header: a, b, bias, target\n")
    time.sleep(4 * INTERVAL)  # a terminal would have had its first progress report by now
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert (out, err) == (b"", b"nn11: interrupted\n")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_redraws_at_most_every_interval() -> None:
    clock = iter([100.0, 100.0, 100.1, 100.0 + INTERVAL, 100.3, 101.0])
    screen = Terminal()
    with Progress(1000, screen, clock=lambda: next(clock)) as p:  # starts at 100.0
        for done in (1, 2, 3, 4, 5):  # at 100.0, 100.1, 100.25, 100.3, 101.0
            p.show(done, 0.5)
    reports = screen.getvalue().split("\r\x1b[K")
    assert [r.split("/")[0] for r in reports if r] == ["iteration 3", "iteration 5"]
    assert screen.getvalue().endswith("\r\x1b[K")  # erased at the end
    assert not Progress(1000, io.StringIO()).on  # not a terminal: off


def test_out_of_memory_is_still_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_memory(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(cli, "train", no_memory)
    assert main(["train"]) == 2
    assert capsys.readouterr().err == (
        "nn11: error: out of memory; lower --max-memory or the run's size\n"
    )
