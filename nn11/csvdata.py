"""Read a training set from CSV: input columns, then one target column.

The rule, the same for ``nn11 train --data`` and :func:`load`:

- the file is UTF-8; a byte-order mark (as spreadsheet programs write) is ignored;
  lines end in ``\\n``, ``\\r\\n`` or ``\\r``;
- the first non-empty row is a header only if none of its cells is a number
  (``header=True`` / ``--header`` and ``header=False`` / ``--no-header`` decide instead);
- every other non-empty row is data: finite numbers, as many as the first row has,
  the last (the target) within [0, 1].
  A blank cell, text, nan or inf, or a row with more or fewer cells is an error
  naming the file, line and column; no row is dropped. Empty lines are skipped.

The input is read once, from any stream (a file, a pipe, a FIFO, standard input),
and counted while it is read: it stops at the memory limit, whatever the stream's size
says. Rows are parsed by numpy's C reader (``numpy.loadtxt``) from that copy; only when
it objects is the copy read again, cell by cell, to say where.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
import re
import stat
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
from numpy.typing import NDArray

from nn11 import checks
from nn11.checks import BadData, shown
from nn11.training import MAX_MEMORY

Array = NDArray[np.float64]

#: A file's bytes count five times against ``max_memory``: a cell is at least 2 bytes in
#: the file (a digit and a comma) and 8 as a float, and the file's bytes are kept meanwhile.
FACTOR = 5
CHUNK = 1 << 20
STDIN = "<stdin>"


@dataclass(frozen=True)
class Table:
    """What :func:`load` read: inputs ``X``, targets ``y`` (a column) and the header's cells."""

    X: Array
    y: Array
    header: tuple[str, ...] | None
    """The column names if the first row was read as a header, else None."""


def load(
    path: str | Path | IO[bytes],
    *,
    header: bool | None = None,
    max_memory: int | None = MAX_MEMORY,
) -> Table:
    """Read ``path`` into a :class:`Table`; ``header=None`` detects a header (see the module).

    ``path`` is a file name (``"-"`` is standard input) or an open binary stream.
    Raises :class:`nn11.checks.BadData` (a ``ValueError``) naming the file, line and
    column for anything malformed or unreadable, :class:`nn11.checks.TooLarge` (a
    ``ValueError``) if the numbers would take more than ``max_memory`` bytes, and
    ``TypeError`` for arguments of the wrong type.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from nn11.csvdata import load
    >>> f = Path(tempfile.mkdtemp()) / "and.csv"
    >>> _ = f.write_text("\\ufeffa,b,bias,target\\n0,0,1,0\\n0,1,1,0\\n1,0,1,0\\n1,1,1,1\\n")
    >>> table = load(f)
    >>> table.header, table.X.shape, table.y.ravel().tolist()
    (('a', 'b', 'bias', 'target'), (4, 3), [0.0, 0.0, 0.0, 1.0])
    """
    if header is not None and not isinstance(header, bool):
        raise TypeError(f"header must be True, False or None, got {header!r}")
    limit = checks.count("max_memory", max_memory, allow_none=True)
    name, raw = _read(path, limit)
    first, skip = _first_row(name, raw)
    if first is None:
        empty = not raw.removeprefix(codecs.BOM_UTF8)
        raise BadData(
            name, "no data rows (" + ("the file is empty)" if empty else "only empty lines)")
        )
    detected = header is None
    if header is None:
        header = any(c.strip() for c in first) and all(_number(c) is None for c in first)
    names = tuple(c.strip() for c in first) if header else None
    skip = skip if names else 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "input contained no data"
            data = np.loadtxt(
                _text(raw),  # a stream: numpy never opens (or decompresses) a path itself
                delimiter=",",
                comments=None,
                quotechar='"',
                ndmin=2,
                skiprows=skip,
            )
    except UnicodeDecodeError as e:
        raise _not_utf8(name, raw, e) from None
    except ValueError as e:
        raise _where(name, raw, skip, names, detected) or _bisect(name, raw, skip, e) from None
    if data.shape[0] == 0:
        raise BadData(name, "no data rows" + (f" (only a header, line {skip})" if names else ""))
    if (names and len(names) != data.shape[1]) or not np.isfinite(data).all():
        raise _where(name, raw, skip, names, detected) or BadData(name, "not all values are finite")
    if data.shape[1] < 2:
        raise BadData(
            name,
            "need at least one input column and a target column, got 1 column",
            line=_line_of_row(raw, skip, 0),
        )
    outside = np.flatnonzero((data[:, -1] < 0) | (data[:, -1] > 1))
    if outside.size:
        row = int(outside[0])
        raise BadData(
            name,
            f"target {_plain(data[row, -1])} is outside [0, 1] (the sigmoid's range)",
            line=_line_of_row(raw, skip, row),
            column=data.shape[1],
        )
    return Table(data[:, :-1], data[:, -1:], names)


def _read(source: Any, limit: int | None) -> tuple[str, bytes]:
    """The whole input, read once and counted against ``limit`` as it comes."""
    if isinstance(source, (str, os.PathLike)):
        name = os.fsdecode(source)
        if source == "-":  # the string only: Path("-") is a file of that name
            stdin = getattr(sys.stdin, "buffer", None)
            if stdin is None:
                raise BadData(STDIN, "cannot read it: standard input is closed")
            return STDIN, _read_stream(STDIN, stdin, limit)
        try:
            with open(source, "rb") as f:
                return name, _read_stream(name, f, limit)
        except OSError as e:  # missing, a directory, no permission, a read error
            raise BadData(name, f"cannot read it: {e.strerror or e}") from None
    if hasattr(source, "read") and not isinstance(source, io.TextIOBase):
        name = str(getattr(source, "name", "<stream>"))
        try:
            return name, _read_stream(name, source, limit)
        except OSError as e:
            raise BadData(name, f"cannot read it: {e.strerror or e}") from None
    raise TypeError(f"path must be a file name, '-' or a binary stream, got {source!r}")


def _read_stream(name: str, f: IO[bytes], limit: int | None) -> bytes:
    try:
        info = os.fstat(f.fileno())
    except (OSError, AttributeError, io.UnsupportedOperation):
        info = None
    if info and stat.S_ISDIR(info.st_mode):
        raise BadData(name, "cannot read it: Is a directory")
    if info and stat.S_ISREG(info.st_mode) and limit and info.st_size * FACTOR > limit:
        what = f"reading {name} ({checks.size(info.st_size)})"
        raise checks.TooLarge(info.st_size * FACTOR, limit, what)  # before reading a byte
    copy = io.BytesIO()  # grows in place; getvalue() then hands over its buffer
    while chunk := f.read(CHUNK):
        if not isinstance(chunk, bytes):
            raise TypeError(f"path must be opened in binary mode, got text from {name}")
        copy.write(chunk)
        if limit and copy.tell() * FACTOR > limit:  # pipes and devices have no size to trust
            what = f"reading {name} (stopped after {checks.size(copy.tell())})"
            raise checks.TooLarge(copy.tell() * FACTOR, limit, what, at_least=True)
    return copy.getvalue()


def _text(raw: bytes) -> io.TextIOWrapper:
    """The bytes as text: UTF-8, a leading byte-order mark dropped, every line end a ``\\n``."""
    return io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8-sig", newline=None)


def _first_row(name: str, raw: bytes) -> tuple[list[str] | None, int]:
    """The first non-empty row and the number of lines up to its end."""
    try:
        reader = csv.reader(_text(raw))
        first = next((row for row in reader if row), None)
        return first, reader.line_num
    except UnicodeDecodeError as e:
        raise _not_utf8(name, raw, e) from None
    except csv.Error as e:
        raise BadData(name, f"not a CSV file ({e})", line=reader.line_num) from None


# csv's default limit is 128 KiB a cell; the memory guard is what limits a file here.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

_LINE_END = re.compile(r"\r\n|\r|\n")


def _not_utf8(name: str, raw: bytes, e: UnicodeDecodeError) -> BadData:
    """Where the first byte that is not UTF-8 is: line and column as the csv module counts."""
    start = 3 if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        raw[start:].decode("utf-8")
        at, bad = start + e.start, e.object[e.start : e.end]  # pragma: no cover (never valid)
    except UnicodeDecodeError as again:
        at, bad = start + again.start, again.object[again.start : again.end]
    before = raw[start:at].decode("utf-8")
    lines = _LINE_END.split(before)
    column = len(next(csv.reader([lines[-1]]), [""])) or 1
    problem = f"bytes {bytes(bad)!r} are not UTF-8 (save the file as UTF-8)"
    return BadData(name, problem, line=len(lines), column=column)


def _where(
    name: str, raw: bytes, skip: int, names: tuple[str, ...] | None, detected: bool
) -> BadData | None:
    """Read the copy again row by row: the first problem, with its line and column."""
    width = len(names) if names else None
    reader = csv.reader(_text(raw))
    end = 0
    try:
        for row in reader:
            line, end = end + 1, reader.line_num
            if line <= skip or not row:
                continue
            numbers = [_number(c) is not None for c in row]
            hint = _HINT * (detected and not width and any(numbers) and not all(numbers))
            width = width or len(row)
            problem = _problem(row, width)
            if problem:
                column, text = problem
                return BadData(name, text + hint, line=line, column=column)
    except UnicodeDecodeError as e:  # pragma: no cover (numpy's reader saw it first)
        return _not_utf8(name, raw, e)
    except csv.Error as e:
        return BadData(name, f"not a CSV file ({e})", line=end + 1)
    return None


def _bisect(name: str, raw: bytes, skip: int, error: ValueError) -> BadData:
    """numpy objects to something the cell-by-cell reading accepts: find the first line
    where numpy's own reader fails by reading ever shorter beginnings of the file."""
    lines = _text(raw).read().splitlines(keepends=True)
    good, bad = skip, len(lines)  # the first `good` lines read; the first `bad` do not

    def reads(n: int) -> bool:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                np.loadtxt(lines[skip:n], delimiter=",", comments=None, quotechar='"', ndmin=2)
        except ValueError:
            return False
        return True

    while bad - good > 1:
        middle = (good + bad) // 2
        good, bad = (middle, bad) if reads(middle) else (good, middle)
    why = re.sub(r" at row \d+.*$", "", str(error).splitlines()[0] if str(error) else "")
    text = lines[bad - 1].rstrip("\n") if lines else ""
    return BadData(name, f"{shown(text)} cannot be read as numbers ({why})", line=bad)


def _line_of_row(raw: bytes, skip: int, row: int) -> int | None:
    """The line where data row ``row`` (0-based, empty lines not counted) starts."""
    reader = csv.reader(_text(raw))
    end, seen = 0, -1
    for cells in reader:
        line, end = end + 1, reader.line_num
        if line > skip and cells:
            seen += 1
            if seen == row:
                return line
    return None  # pragma: no cover


_HINT = " (not read as a header: some cells are numbers; --header or header=True forces it)"


def _problem(row: list[str], width: int) -> tuple[int | None, str] | None:
    if not any(c.strip() for c in row):
        return None, "a row of blanks (only spaces or commas)"
    if len(row) != width:
        return None, f"expected {width} columns, got {len(row)}"
    for column, cell in enumerate(row, 1):
        number = _number(cell)
        if not cell.strip():
            return column, "blank cell"
        if number is None:
            return column, f"{shown(cell.strip())} is not a number"
        if not math.isfinite(number):
            text = cell.strip()  # ASCII that float() reads: printable, maybe long
            text = text if len(text) <= 40 else f"{text[:40]}... ({len(text):,} characters)"
            return column, f"{text} is not a finite number"
    return None


def _number(cell: str) -> float | None:
    """The cell as numpy's reader reads it (so no ``1_000``, no digits but 0-9), or None."""
    if "_" in cell or not cell.strip().isascii():
        return None
    try:
        return float(cell)
    except ValueError:
        return None


def _plain(value: float) -> str:
    return f"{value:g}"
