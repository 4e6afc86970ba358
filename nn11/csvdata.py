"""Read a training set from CSV: input columns, then one target column."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
from numpy.typing import NDArray


def load(path: str | Path) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return ``(X, y)`` from ``path``; the first row may be a header.

    Raises ``ValueError`` naming the file and line for anything malformed.
    """
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = [(n, r) for n, r in enumerate(csv.reader(f), 1) if any(c.strip() for c in r)]
    except OSError as e:
        raise ValueError(f"cannot read {path}: {e.strerror}") from None
    except (UnicodeDecodeError, csv.Error) as e:
        raise ValueError(f"{path} is not a readable CSV file ({e})") from None
    if rows and not _numeric(rows[0][1]):
        rows = rows[1:]  # header
    if not rows:
        raise ValueError(f"{path}: no data rows")
    width = len(rows[0][1])
    if width < 2:
        raise ValueError(f"{path}: need at least one input column and a target column")
    values = []
    for n, row in rows:
        if len(row) != width:
            raise ValueError(f"{path}, line {n}: expected {width} columns, got {len(row)}")
        if not _numeric(row):
            raise ValueError(f"{path}, line {n}: every value must be a finite number")
        values.append([float(c) for c in row])
    data = np.array(values)
    return data[:, :-1], data[:, -1:]


def _numeric(row: list[str]) -> bool:
    try:
        return all(math.isfinite(float(c)) for c in row)
    except ValueError:
        return False
