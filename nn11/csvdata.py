"""Read a training set from CSV: input columns, then one target column.

The rule, the same for ``nn11 train --data`` and :func:`load`:

- the file is UTF-8; a byte-order mark (as spreadsheet programs write) is ignored;
- the first non-empty row is a header only if none of its cells is a number
  (``header=True`` / ``--header`` and ``header=False`` / ``--no-header`` decide instead);
- every other non-empty row is data: finite numbers, as many as the first row has.
  A blank cell, text, nan or inf, or a row with more or fewer cells is an error
  naming the file, line and column; no row is dropped. Empty lines are skipped.

Rows are parsed by numpy's C reader (``numpy.loadtxt``); only when it objects is the
file read again, cell by cell, to say where.
"""

from __future__ import annotations

import csv
import math
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from nn11 import checks
from nn11.training import MAX_MEMORY

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Table:
    """What :func:`load` read: inputs ``X``, targets ``y`` (a column) and the header's cells."""

    X: Array
    y: Array
    header: tuple[str, ...] | None
    """The column names if the first row was read as a header, else None."""


def load(
    path: str | Path,
    *,
    header: bool | None = None,
    max_memory: int | None = MAX_MEMORY,
) -> Table:
    """Read ``path`` into a :class:`Table`; ``header=None`` detects a header (see the module).

    Raises ``ValueError`` naming the file and line for anything malformed, and
    :class:`nn11.checks.TooLarge` (a ``ValueError``) if the numbers would take more than
    ``max_memory`` bytes.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from nn11.csvdata import load
    >>> f = Path(tempfile.mkdtemp()) / "and.csv"
    >>> _ = f.write_text("\\ufeffa,b,bias,target\\n0,0,1,0\\n0,1,1,0\\n1,0,1,0\\n1,1,1,1\\n")
    >>> table = load(f)
    >>> table.header, table.X.shape, table.y.ravel().tolist()
    (('a', 'b', 'bias', 'target'), (4, 3), [0.0, 0.0, 0.0, 1.0])
    """
    first, lines, size = _first_row(path)
    if first is None:
        raise ValueError(f"{path}: no data rows")
    detected = header is None
    if header is None:
        header = any(c.strip() for c in first) and all(_number(c) is None for c in first)
    names = tuple(c.strip() for c in first) if header else None
    skip = lines if names else 0
    if max_memory is not None and size * 5 > max_memory:  # >= 2 bytes a cell, 8 as a float
        raise checks.TooLarge(size * 5, max_memory, f"reading {path} ({checks.size(size)})")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "input contained no data"
            data = np.loadtxt(
                path,
                delimiter=",",
                comments=None,
                quotechar='"',
                encoding="utf-8-sig",
                ndmin=2,
                skiprows=skip,
            )
    except (ValueError, UnicodeDecodeError) as e:
        raise ValueError(_where(path, skip, names, detected) or f"{path}: {e}") from None
    if data.shape[0] == 0:
        raise ValueError(f"{path}: no data rows")
    if (names and len(names) != data.shape[1]) or not np.isfinite(data).all():
        where = _where(path, skip, names, detected)
        raise ValueError(where or f"{path}: not all values are finite")
    if data.shape[1] < 2:
        raise ValueError(f"{path}: need at least one input column and a target column")
    return Table(data[:, :-1], data[:, -1:], names)


def _first_row(path: str | Path) -> tuple[list[str] | None, int, int]:
    """The first non-empty row, the number of lines up to its end, and the file's size."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            first = next((row for row in reader if row), None)
            return first, reader.line_num, os.fstat(f.fileno()).st_size
    except OSError as e:
        raise ValueError(f"cannot read {path}: {e.strerror}") from None
    except (UnicodeDecodeError, csv.Error) as e:
        raise ValueError(f"{path} is not a readable UTF-8 CSV file ({e})") from None


def _where(
    path: str | Path, skip: int, names: tuple[str, ...] | None, detected: bool
) -> str | None:
    """Read the file again row by row: the first problem, with its line and column."""
    width = len(names) if names else None
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            end = 0
            for row in reader:
                line, end = end + 1, reader.line_num
                if line <= skip or not row:
                    continue
                numbers = [_number(c) is not None for c in row]
                hint = _HINT * (detected and not width and any(numbers) and not all(numbers))
                width = width or len(row)
                problem = _problem(row, width)
                if problem:
                    return f"{path}, line {line}{problem}{hint}"
    except (UnicodeDecodeError, csv.Error) as e:
        return f"{path} is not a readable UTF-8 CSV file ({e})"
    return None


_HINT = " (not read as a header: some cells are numbers; --header or header=True forces it)"


def _problem(row: list[str], width: int) -> str | None:
    if not any(c.strip() for c in row):
        return ": a row of blanks (only spaces or commas)"
    if len(row) != width:
        return f": expected {width} columns, got {len(row)}"
    for column, cell in enumerate(row, 1):
        number = _number(cell)
        if not cell.strip():
            return f", column {column}: blank cell"
        if number is None:
            return f", column {column}: {cell.strip()!r} is not a number"
        if not math.isfinite(number):
            return f", column {column}: {cell.strip()} is not a finite number"
    return None


def _number(cell: str) -> float | None:
    """The cell as numpy's reader reads it (so no ``1_000``), or None."""
    if "_" in cell:
        return None
    try:
        return float(cell)
    except ValueError:
        return None
