"""Your own data when things go wrong: every row or one clear line naming the file, line and column.

Streams (pipes, FIFOs, process substitution, devices) are tested on the real command, as
processes; the messages in-process through ``main`` and ``load``.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from nn11 import checks, csvdata
from nn11.checks import BadData
from nn11.cli import main

NN11 = [sys.executable, "-m", "nn11"]
ROWS = 100_000
TIMEOUT = 120  # a hang guard, not a speed goal


def rows_csv(n: int = ROWS) -> bytes:
    """A header and ``n`` rows of three inputs and a 0/1 target, about 1.6 MB for 100,000."""
    rng = np.random.default_rng(7)
    table = np.column_stack([rng.integers(0, 10, (n, 3)) / 10, rng.integers(0, 2, n)])
    lines = "\n".join(",".join(f"{v:g}" for v in row) for row in table)
    return f"x1,x2,x3,target\n{lines}\n".encode()


def nn11(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*NN11, *args],
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
        **kwargs,  # type: ignore[call-overload]
    )


def output_rows(out: bytes) -> int:
    return out.split(b"Output After Training:\n", 1)[1].count(b"\n")


TRAIN = ["train", "--iterations", "1"]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    f = tmp_path_factory.mktemp("big") / "rows.csv"
    f.write_bytes(rows_csv())
    return f


# Streams: read once, every row.


@pytest.mark.full  # full gate: a process per case
@pytest.mark.parametrize("name", ["/dev/stdin", "-"])
def test_a_pipe_keeps_every_row(big: Path, name: str) -> None:
    """`cat rows.csv | nn11 train --data /dev/stdin` trained on 98,976 of 100,000 rows."""
    from_file = nn11(*TRAIN, "--data", str(big))
    assert from_file.returncode == 0 and output_rows(from_file.stdout) == ROWS
    with subprocess.Popen(["cat", str(big)], stdout=subprocess.PIPE) as cat:
        piped = nn11(*TRAIN, "--data", name, stdin=cat.stdout)
    assert piped.returncode == 0, piped.stderr
    assert output_rows(piped.stdout) == ROWS
    assert piped.stdout == from_file.stdout


@pytest.mark.parametrize("name", ["/dev/stdin", "-"])
def test_a_small_pipe_is_read(name: str) -> None:
    """A 4-row file through a pipe gave "no data rows" (the header sniff ate it all)."""
    done = nn11(*TRAIN, "--data", name, input=b"a,b,t\n0,1,1\n1,1,0\n0,0,0\n1,0,1\n")
    assert done.returncode == 0, done.stderr
    assert output_rows(done.stdout) == 4
    source = "<stdin>" if name == "-" else name
    assert done.stderr == f"nn11: {source}: first row read as a header: a, b, t\n".encode()


@pytest.mark.full  # full gate: a process per case
def test_process_substitution_is_read(big: Path) -> None:
    """`nn11 train --data <(cat rows.csv)`: a pipe under a /dev/fd name."""
    bash = shutil.which("bash")
    assert bash, "bash is needed for <(...)"
    cmd = " ".join(map(repr, [*NN11, *TRAIN])) + f" --data <(cat {str(big)!r})"
    done = subprocess.run([bash, "-c", cmd], capture_output=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr
    assert output_rows(done.stdout) == ROWS


@pytest.mark.full  # full gate: a process per case
def test_a_fifo_is_read_once(tmp_path: Path, big: Path) -> None:
    """A FIFO hung (5 of 5 tries): the second open waited for a writer that had gone."""
    fifo = tmp_path / "rows.fifo"
    os.mkfifo(fifo)
    data = big.read_bytes()

    def write() -> None:
        with open(fifo, "wb") as w:
            w.write(data)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    proc = subprocess.Popen(
        [*NN11, *TRAIN, "--data", str(fifo)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    finally:
        proc.kill()
        if writer.is_alive():  # unblock the writer if nn11 never opened the FIFO
            with open(fifo, "rb") as r:
                r.read()
        writer.join(TIMEOUT)
    assert proc.returncode == 0, err
    assert output_rows(out) == ROWS


# The memory guard counts what it reads.


def test_dev_zero_is_refused_quickly() -> None:
    """/dev/zero has no size: it was read until the kernel stopped it."""
    done = nn11("train", "--data", "/dev/zero", "--max-memory", "10M")
    assert done.returncode == 2
    assert done.stderr == (
        b"nn11: error: reading /dev/zero (stopped after 3.0 MiB) needs at least 15.0 MiB, "
        b"over --max-memory (10.0 MiB); shrink it or raise --max-memory\n"
    )


#: Runs a command and reports its peak memory on stderr's last line. A small process of its own:
#: a child's peak counts what it shared with its parent before exec, and a test worker is large.
PEAK = (
    "import os, subprocess, sys\n"
    "p = subprocess.Popen(sys.argv[1:])\n"
    "_, status, usage = os.wait4(p.pid, 0)\n"
    "sys.stderr.write(f'peak {usage.ru_maxrss}\\n')\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def test_a_large_pipe_stops_at_the_limit() -> None:
    """A 200 MB pipe with --max-memory 100M peaked at 282 MB; now reading stops at 20 MB."""
    proc = subprocess.Popen(
        [sys.executable, "-c", PEAK, *NN11, "train", "--data", "-", "--max-memory", "100M"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stderr is not None
    line = b"0.5,0.25,0.125,1\n" * 65536  # 1 MiB
    try:
        for _ in range(200):
            proc.stdin.write(line)
    except BrokenPipeError:
        pass  # nn11 stopped reading: what we want
    finally:
        try:
            proc.stdin.close()
        except BrokenPipeError:
            pass
    err, peak = proc.stderr.read().rsplit(b"peak ", 1)
    assert proc.wait() == 2
    assert re.fullmatch(
        rb"nn11: error: reading <stdin> \(stopped after 2\d\.\d MiB\) "
        rb"needs at least 1\d\d\.\d MiB, "
        rb"over --max-memory \(100\.0 MiB\); shrink it or raise --max-memory\n",
        err,
    ), err
    assert int(peak) < 150 * 1024, f"peak {int(peak)} KiB"  # Linux: KiB


def test_a_regular_file_is_still_refused_before_reading(tmp_path: Path) -> None:
    f = tmp_path / "rows.csv"
    f.write_bytes(b"0,1\n" * 1000)
    with pytest.raises(checks.TooLarge, match=r"reading .*rows.csv \(3.9 KiB\) needs about"):
        csvdata.load(f, max_memory=10_000)


# Input errors are input errors: exit 2, never "cannot write the output".


def test_a_csv_named_gz_is_read_as_the_csv_it_is(tmp_path: Path) -> None:
    """numpy decompressed by suffix: plain text named .gz became "cannot write the output"."""
    f = tmp_path / "rows.csv.gz"
    f.write_bytes(b"0,0,1,0\n0,1,1,1\n1,0,1,1\n1,1,1,0\n")
    done = nn11(*TRAIN, "--data", str(f))
    assert (done.returncode, done.stderr) == (0, b"")
    assert output_rows(done.stdout) == 4


def test_a_compressed_file_is_an_input_error(tmp_path: Path) -> None:
    f = tmp_path / "rows.csv"
    f.write_bytes(gzip.compress(b"0,0,1,0\n0,1,1,1\n"))
    done = nn11(*TRAIN, "--data", str(f))
    assert done.returncode == 2
    assert done.stderr.startswith(f"nn11: error: {f}, line 1, column 1: bytes b'".encode())
    assert done.stderr.endswith(b"are not UTF-8 (save the file as UTF-8)\n")


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("{tmp}", "Is a directory"),
        ("/proc/self/mem", "Input/output error"),  # opens, then the read fails
        ("{tmp}/missing.csv", "No such file or directory"),
    ],
)
def test_unreadable_inputs_are_one_line_exit_2(tmp_path: Path, path: str, problem: str) -> None:
    name = path.replace("{tmp}", str(tmp_path))
    done = nn11(*TRAIN, "--data", name)
    assert done.returncode == 2
    assert done.stderr == f"nn11: error: {name}: cannot read it: {problem}\n".encode()


def test_closed_stdin_is_one_line_exit_2() -> None:
    bash = shutil.which("bash")
    assert bash
    cmd = " ".join(map(repr, [*NN11, *TRAIN])) + " --data - <&-"
    done = subprocess.run([bash, "-c", cmd], capture_output=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 2
    assert done.stderr == b"nn11: error: <stdin>: cannot read it: standard input is closed\n"


# Messages: the file, the line as an editor shows it (1-based, the header counted), the column.

LONG = "7" * 200_000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # numpy's own message, 0-based rows, when the csv module and numpy disagreed
        ("x,t\n\u0661,1\n", "line 2, column 1: '\u0661' is not a number"),  # Arabic-Indic 1
        ("x,t\n1,\uff11\n", "line 2, column 2: '\uff11' is not a number"),  # fullwidth 1
        # lone CR line ends: numpy refused the whole file without a line
        ("0,1\r1,x\r", "line 2, column 2: 'x' is not a number"),
        ("0,1\r\n\r\n1,x\r\n", "line 3, column 2: 'x' is not a number"),
        # over-long fields were "not a readable UTF-8 CSV file"
        (f"{LONG}x,1\n0,1\n", "line 1, column 1: '7777777777777777777777777777777777777777'..."),
        (f"0,1\n{LONG},1\n", "line 2, column 1: 7777777777777777777777777777777777777777..."),
        # bytes that are not UTF-8: where they are
        (b"0,1\n1,1\n1,\xff1\n", "line 3, column 2: bytes b'\\xff' are not UTF-8"),
        (b'\xef\xbb\xbfa,b\n"x,\xe9",1\n', "line 2, column 1: bytes b'\\xe9' are not UTF-8"),
        ("a,t\n0,1\n".encode("utf-16"), "line 1, column 1: bytes b'\\xff' are not UTF-8"),  # Excel
        # BOM, empty lines before the header
        ("\ufeff\n\na,b\n\n1,x\n", "line 5, column 2: 'x' is not a number"),
        # text from the file is escaped: no terminal control, no bidi override, one line
        ("a,b\n1,\x1b[31mred\n", "line 2, column 2: '\\x1b[31mred' is not a number"),
        ("a,b\n1,\u202eevil\n", "line 2, column 2: '\\u202eevil' is not a number"),
        ('a,b\n1,"x\ny"\n', "line 2, column 2: 'x\\ny' is not a number"),
        # targets, columns, empty input
        ("a,t\n0,1\n1,0\n0,1.5\n", "line 4, column 2: target 1.5 is outside [0, 1]"),
        ("0,1\n0,-1\n", "line 2, column 2: target -1 is outside [0, 1]"),
        ("", ": no data rows (the file is empty)"),
        ("\ufeff", ": no data rows (the file is empty)"),
        ("\n\n\r\n", ": no data rows (only empty lines)"),
        ("a,b\n\n", ": no data rows (only a header, line 1)"),
        ("t\n1\n", "line 2: need at least one input column and a target column, got 1 column"),
        ("0,1\n1e400,1\n", "line 2, column 1: 1e400 is not a finite number"),
        ("0,1\n-inf,1\n", "line 2, column 1: -inf is not a finite number"),
        ("0,1\n1,1\n2,\n", "line 3, column 2: blank cell"),
    ],
)
def test_messages_name_file_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str | bytes, message: str
) -> None:
    f = tmp_path / "in.csv"
    f.write_bytes(data if isinstance(data, bytes) else data.encode())
    assert main(["train", "--data", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"nn11: error: {f}{'' if message.startswith(':') else ', '}{message}")
    assert err.count("\n") == 1 and err.isprintable() is False and err[:-1].isprintable()
    assert len(err) < 400  # a 200,000-character cell is cut


def test_a_header_notice_shows_the_header_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "in.csv"
    f.write_text("\x1b]2;t\x07a,b\u202e,t\n0,1,1\n")  # sets a terminal's title; bidi
    assert main(["train", "--data", str(f), "--iterations", "1"]) == 0
    err = capsys.readouterr().err
    assert err == f"nn11: {f}: first row read as a header: \\x1b]2;t\\x07a, b\\u202e, t\n"


def test_a_wide_header_notice_stays_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "wide.csv"
    names = ["it's" + "n" * 100] + [f"c{i}" for i in range(24)]
    f.write_text(",".join(names) + "\n" + ",".join(["0"] * 25) + "\n")
    assert main(["train", "--data", str(f), "--iterations", "1"]) == 0
    err = capsys.readouterr().err
    shown = "it'snnnnnnnnnnnnnnnn... (104 characters), c0, c1"
    assert err.startswith(f"nn11: {f}: first row read as a header: {shown}")
    assert err.endswith(", c18 and 5 more\n")


def test_lone_cr_line_ends_read_every_row(tmp_path: Path) -> None:
    f = tmp_path / "mac.csv"
    f.write_bytes(b"a,b,t\r0,0,0\r0,1,1\r1,0,1\r1,1,0\r")
    table = csvdata.load(f)
    assert table.X.shape == (4, 2) and table.y.ravel().tolist() == [0, 1, 1, 0]


# The API: typed errors, streams.


def test_load_raises_bad_data_with_line_and_column() -> None:
    with pytest.raises(BadData) as caught:
        csvdata.load(io.BytesIO(b"a,b\n0,1\n\n1,x\n"))
    assert (caught.value.line, caught.value.column) == (4, 2)
    assert isinstance(caught.value, ValueError)


def test_load_reads_a_binary_stream_once() -> None:
    table = csvdata.load(io.BytesIO(b"0,1\n1,0\n"))
    assert table.X.tolist() == [[0], [1]] and table.header is None


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"path": 3}, TypeError, "path must be a file name, '-' or a binary stream, got 3"),
        ({"path": io.StringIO("0,1\n")}, TypeError, "path must be a file name"),
        ({"path": "x.csv", "header": "yes"}, TypeError, "header must be True, False or None"),
        ({"path": "x.csv", "max_memory": 0}, ValueError, "max_memory must be >= 1"),
        ({"path": "x.csv", "max_memory": 1.5}, TypeError, "max_memory must be a whole number"),
    ],
)
def test_load_checks_its_arguments_like_train(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    """Typed like nn11.checks: TypeError for a wrong type, ValueError for a wrong value.
    ``load(3)`` used to open file descriptor 3."""
    path = kwargs.pop("path")
    with pytest.raises(error) as caught:
        csvdata.load(path, **kwargs)  # type: ignore[arg-type]
    assert message in str(caught.value)


def test_the_fallback_finds_the_line_numpy_objects_to(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """If the cell-by-cell reading ever accepts what numpy refuses, numpy itself finds the line."""
    monkeypatch.setattr(csvdata, "_where", lambda *args: None)
    rows = b"a,b\n" + b"0,1\n" * 50 + b"\n1,x\n" + b"0,1\n" * 50
    with pytest.raises(BadData) as caught:
        csvdata.load(io.BytesIO(rows))
    assert caught.value.line == 53
    assert "'1,x' cannot be read as numbers (could not convert string 'x' to float64" in str(
        caught.value
    )
    assert "row" not in str(caught.value)
