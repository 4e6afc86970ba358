"""Every result the hooks compute at build time: declared once, kept in ``.cache/``, computed
by one pool.

An :class:`Artefact` says what it computes (``make`` fills a folder), from which inputs (files,
folders of ``.py`` files, strings), which libraries shape its bytes and whether its floats
depend on this CPU. It lives in ``.cache/<name>-<key>/``; the key hashes all of that, this
file and Python's version, so a changed input always gives a new key: a stale result is never
found, and one made on another CPU (a CI cache restored on another runner) is never reused.

An entry proves it is whole: ``MANIFEST.json``, written last, lists every file with its size
and SHA-256, and a read checks them all. A damaged or partial entry (a truncated figure, a
changed digit, a deleted file) is computed again with a one-line note: never published, never
fatal. Entries are made in a temporary folder stamped with the build's process id and renamed
into place; a build removes the temporary folders of builds that are gone.

:func:`start` (hooks/artefacts.py, on_config) hands every declared artefact that is not cached
to one pool of worker processes, each after the artefacts it ``needs``; the hooks then ask
:meth:`Artefact.folder`, which waits for its run (or computes it here). Workers die with their
build, even on ``kill -9`` (:func:`_orphan_guard`).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import hashlib
import json
import logging
import multiprocessing
import multiprocessing.pool
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"
NN11 = ROOT / "nn11"
MANIFEST = "MANIFEST.json"
#: Temporary folders: ``.tmp.<pid of the build>.<name>.<random>``.
TEMP = re.compile(r"\.tmp\.(?P<pid>\d+)\..*")

log = logging.getLogger("mkdocs.hooks.cache")


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


@functools.cache  # about 10 ms each; under ``mkdocs serve`` hooks/reload.py forgets it
def library_version(name: str) -> str:
    """The installed version of the distribution ``name``."""
    return version(name)


def digest(*inputs: Path | str, libraries: Iterable[str] = ("numpy",), floats: bool = True) -> str:
    """Key of a result computed from ``inputs``: files, folders (every ``.py`` below), strings,
    the versions of ``libraries`` and, if ``floats``, :func:`fingerprint`."""
    h = hashlib.sha256()
    for item in (Path(__file__), *inputs):
        if isinstance(item, Path):
            # named below the folder's parent (``nn11/training.py``), wherever it is
            files = sorted(item.rglob("*.py")) if item.is_dir() else [item]
            base = item.parent if item.is_dir() else ROOT
            for f in files:
                name = f.relative_to(base).as_posix() if f.is_relative_to(base) else f.name
                h.update(name.encode() + b"\0" + f.read_bytes() + b"\0")
        else:
            h.update(item.encode() + b"\0")
    versions = [sys.version, *(f"{n}={library_version(n)}" for n in sorted(set(libraries)))]
    if floats:
        versions.append(fingerprint())
    h.update(repr(versions).encode())
    return h.hexdigest()[:16]


# --- one entry: whole or not there ---------------------------------------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seal(folder: Path) -> None:
    """Write ``folder``'s manifest: every file, its size and hash. Written last."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)
    listed = {
        p.relative_to(folder).as_posix(): {"size": p.stat().st_size, "sha256": _sha(p)}
        for p in files
    }
    (folder / MANIFEST).write_text(json.dumps(listed, indent=1, sort_keys=True), "utf-8")


def damage(folder: Path) -> str | None:
    """Why ``folder`` is not a whole entry (None: it is)."""
    try:
        listed = json.loads((folder / MANIFEST).read_text("utf-8"))
    except FileNotFoundError:
        return "no manifest"
    except (OSError, ValueError) as e:
        return f"unreadable manifest ({e.__class__.__name__})"
    if not isinstance(listed, dict) or not listed:
        return "empty manifest"
    for name, want in listed.items():
        path = folder / name
        try:
            if path.stat().st_size != want["size"] or _sha(path) != want["sha256"]:
                return f"{name} changed"
        except FileNotFoundError:
            return f"{name} missing"
        except (OSError, KeyError, TypeError):
            return f"{name} unreadable"
    return None


def _owner() -> int:
    """The build whose temporary folders these are (a worker's is its parent's)."""
    return _build_pid or os.getpid()


def _remove(path: Path) -> None:
    """Take ``path`` out of the way at once (rename), then delete it."""
    trash = path.with_name(f".tmp.{_owner()}.trash.{path.name}.{os.urandom(4).hex()}")
    try:
        path.rename(trash)
    except OSError:
        trash = path
    if trash.is_dir() and not trash.is_symlink():
        shutil.rmtree(trash, ignore_errors=True)
    else:
        trash.unlink(missing_ok=True)


def entry(name: str, key: str, make: Callable[[Path], None], cache: Path = CACHE) -> Path:
    """``cache/<name>-<key>/``, whole, filled by ``make(folder)`` unless a whole one is there.

    ``key`` is hexadecimal (:func:`digest`); other keys of ``name`` are evicted. A damaged
    entry is computed again (a one-line note). ``make`` raising leaves nothing behind (the
    error goes on: a failing computation fails the build).
    """
    out = cache / f"{name}-{key}"
    if out.exists() or out.is_symlink():
        why = damage(out) if out.is_dir() else "not a folder"
        if why is None:
            return out
        log.info("cache: %s is damaged (%s); computing it again", out.name, why)
        _remove(out)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp.{_owner()}.{name}.", dir=cache))
    try:
        make(tmp)
        seal(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    for old in cache.glob(f"{name}-*"):
        if old != out and re.fullmatch(r"[0-9a-f]+", old.name[len(name) + 1 :]):
            # other keys of this name only: a concurrent build may be reading ours
            _remove(old)
    try:
        tmp.rename(out)  # atomic
    except OSError:  # a concurrent build got there first: same inputs, same result
        shutil.rmtree(tmp, ignore_errors=True)
        if damage(out) is not None:
            raise
    return out


def sweep_temporaries(cache: Path = CACHE) -> list[Path]:
    """Remove the temporary folders of builds that are gone; return them."""
    gone = []
    for path in cache.glob(".tmp.*") if cache.is_dir() else []:
        m = TEMP.fullmatch(path.name)
        if m is None or _alive(int(m["pid"])):
            continue
        shutil.rmtree(path, ignore_errors=True)
        gone.append(path)
    return gone


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- the registry --------------------------------------------------------------------------


@dataclass(frozen=True)
class Artefact:
    """One computed result, declared once: ``make(folder)`` fills ``folder`` from ``inputs``.

    ``libraries``: the distributions whose versions shape its bytes; ``floats``: its numbers
    depend on this CPU's arithmetic; ``needs``: artefacts ``make`` reads (computed first);
    ``long``: started before the others.
    """

    name: str
    make: Callable[[Path], None] = field(compare=False)
    inputs: tuple[Path | str, ...] = ()
    libraries: tuple[str, ...] = ("numpy",)
    floats: bool = True
    needs: tuple[Artefact, ...] = ()
    #: A long run: the pool starts it before the others.
    long: bool = False

    def key(self) -> str:
        return digest(
            *self.inputs,
            *(f"{n.name}:{n.key()}" for n in self.needs),
            libraries=self.libraries,
            floats=self.floats,
        )

    def path(self, cache: Path = CACHE) -> Path:
        """Where the entry lives (whether or not it is there yet)."""
        return cache / f"{self.name}-{self.key()}"

    def whole(self, cache: Path = CACHE) -> bool:
        return self.path(cache).is_dir() and damage(self.path(cache)) is None

    def build(self, cache: Path = CACHE) -> Path:
        """Compute it here unless cached (its ``needs`` first)."""
        for need in self.needs:
            need.build(cache)
        return entry(self.name, self.key(), self.make, cache)

    def folder(self, cache: Path = CACHE) -> Path:
        """The whole entry: waits for the pool's run if one was started, else computes here.
        A run that failed in the pool is computed again here, where its error fails the build."""
        run = _runs.get(self.name) if cache == _pool_cache else None
        if run is not None:
            with contextlib.suppress(Exception):
                run.result()
        return self.build(cache)


#: name -> its declaration; filled as the hooks' modules are imported.
REGISTRY: dict[str, Artefact] = {}


def declare(artefact: Artefact) -> Artefact:
    """Add ``artefact`` to the registry (a later declaration of the same name replaces it)."""
    REGISTRY[artefact.name] = artefact
    return artefact


# --- the pool ------------------------------------------------------------------------------

_pool: multiprocessing.pool.Pool | None = None
_pool_cache: Path | None = None
_runs: dict[str, Future[None]] = {}
#: In a worker: the pid of the build that started it.
_build_pid = 0
PR_SET_PDEATHSIG = 1


def _orphan_guard(parent: int) -> None:
    """In a worker: die with the build. Linux kills us when the parent does (prctl); a thread
    also checks the parent every 0.2 s (other systems, and a parent gone before prctl ran)."""
    global _build_pid
    _build_pid = parent
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            threading.Event().wait(0.2)

    threading.Thread(target=watch, name="nn11-orphan-guard", daemon=True).start()


def _work(name: str, cache: str) -> None:
    REGISTRY[name].build(Path(cache))


def workers() -> int:
    """Processes in the pool: one per core, plus one (the notebook's mostly waits on its
    kernel, a process of its own)."""
    return (os.cpu_count() or 1) + 1


def start(cache: Path = CACHE, artefacts: Iterable[Artefact] | None = None) -> list[str]:
    """Start computing every declared artefact that is not cached, on one pool; return their
    names. Without ``fork`` (not Linux) nothing starts: :meth:`Artefact.folder` computes."""
    global _pool, _pool_cache
    stop()
    sweep_temporaries(cache)
    todo = [a for a in (REGISTRY.values() if artefacts is None else artefacts)]
    missing = {a.name: a for a in todo if not a.whole(cache)}
    if not missing or "fork" not in multiprocessing.get_all_start_methods():
        return []
    ctx = multiprocessing.get_context("fork")  # workers inherit the registry
    n = min(workers(), len(missing))
    _pool = ctx.Pool(n, initializer=_orphan_guard, initargs=(os.getpid(),))
    _pool_cache = cache

    def submit(a: Artefact) -> Future[None]:
        if a.name in _runs:
            return _runs[a.name]
        done: Future[None] = Future()
        _runs[a.name] = done
        before = [submit(n) for n in a.needs if n.name in missing]
        pool = _pool

        def go() -> None:
            if pool is None:
                return
            try:
                pool.apply_async(
                    _work,
                    (a.name, str(cache)),
                    callback=lambda _: _settle(done, None),
                    error_callback=lambda e: _settle(done, e),
                )
            except ValueError as e:  # the pool was closed meanwhile
                _settle(done, e)

        if not before:
            go()
            return done
        left = [len(before)]
        lock = threading.Lock()

        def one_done(_: Future[None]) -> None:
            with lock:
                left[0] -= 1
                last = left[0] == 0
            if last:
                go()  # a failed need: this run fails too and is computed again in folder()

        for f in before:
            f.add_done_callback(one_done)
        return done

    for a in sorted(missing.values(), key=lambda a: not a.long):
        submit(a)
    return list(missing)


def _settle(run: Future[None], error: BaseException | None) -> None:
    with contextlib.suppress(InvalidStateError):  # stopped meanwhile
        if error is None:
            run.set_result(None)
        else:
            run.set_exception(error)


def stop(wait: bool = False) -> None:
    """End the pool: with ``wait``, after its runs end; else at once (a failed build)."""
    global _pool, _pool_cache
    pool, _pool, _pool_cache = _pool, None, None
    if pool is not None:
        if wait:
            pool.close()
        else:
            pool.terminate()
        pool.join()
    for run in _runs.values():
        _settle(run, RuntimeError("the pool was stopped"))
    _runs.clear()
