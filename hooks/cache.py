"""What the hooks compute at build time, kept in ``.cache/`` and reused while its inputs stay.

A result lives in ``.cache/<name>-<key>/``. The key hashes every input named by the caller
(files, whole folders of ``.py`` files, strings), this file, Python's, numpy's and
matplotlib's versions and :func:`fingerprint` (this machine's arithmetic), so a changed input
always gives a new key: a stale result is never found, and one made on another CPU (a CI cache
restored on a different runner) is never reused. Results are written to a temporary folder and
renamed into place, so a concurrent build never reads half of one.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import matplotlib
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"
NN11 = ROOT / "nn11"


@functools.cache
def fingerprint() -> str:
    """This machine's arithmetic: a hash of the exact bytes of a short XOR training run.

    numpy and its OpenBLAS pick their kernels per CPU (and per ``OPENBLAS_CORETYPE``,
    ``NPY_DISABLE_CPU_FEATURES``), which changes the last bits of long runs. 300 iterations
    with 32 hidden units already tell every CPU path seen apart (about 10 ms).
    """
    from nn11 import train
    from nn11.data import X, y_xor

    run = train(X, y_xor, hidden=32, iterations=300)
    data = b"".join(np.ascontiguousarray(a).tobytes() for a in (*run.weights, run.output))
    return hashlib.sha256(data).hexdigest()[:16]


def digest(*inputs: Path | str) -> str:
    """Key of a result computed from ``inputs``: files, folders (every ``.py`` below), strings."""
    h = hashlib.sha256()
    for item in (Path(__file__), *inputs):
        if isinstance(item, Path):
            files = sorted(item.rglob("*.py")) if item.is_dir() else [item]
            for f in files:
                name = f.relative_to(ROOT).as_posix() if f.is_relative_to(ROOT) else f.name
                h.update(name.encode() + b"\0" + f.read_bytes() + b"\0")
        else:
            h.update(item.encode() + b"\0")
    versions = (sys.version, np.__version__, matplotlib.__version__, fingerprint())
    h.update(repr(versions).encode())
    return h.hexdigest()[:16]


def folder(name: str, key: str, make: Callable[[Path], None], cache: Path = CACHE) -> Path:
    """``cache/<name>-<key>/``, filled by ``make(folder)`` unless it is already there.

    ``key`` is hexadecimal (:func:`digest`); other keys of ``name`` are evicted. ``make``
    raising leaves nothing behind (the error goes on: a failing computation fails the build).
    """
    out = cache / f"{name}-{key}"
    if out.is_dir():
        return out
    cache.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=cache))
    try:
        make(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    for old in cache.glob(f"{name}-*"):
        if old != out and re.fullmatch(r"[0-9a-f]+", old.name[len(name) + 1 :]):
            # other keys of this name only: a concurrent build may be reading ours
            shutil.rmtree(old, ignore_errors=True)
    try:
        tmp.rename(out)  # atomic
    except OSError:  # a concurrent build got there first: same inputs, same result
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def ready(name: str, key: str, cache: Path = CACHE) -> bool:
    return (cache / f"{name}-{key}").is_dir()


#: Processes filling caches ahead of the hooks that read them (:func:`ahead`).
_ahead: list[subprocess.Popen[bytes]] = []


def ahead(code: str) -> None:
    """Run ``code`` (Python that fills caches) in a process of its own, now, so a cold build
    computes on both cores. The hooks that read those caches call :func:`settle` first and
    compute whatever is still missing themselves, so its failures surface there."""
    command = [sys.executable, "-c", code]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    _ahead.append(
        subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    )


def settle() -> None:
    """Wait for the processes :func:`ahead` started."""
    while _ahead:
        _ahead.pop().wait()
