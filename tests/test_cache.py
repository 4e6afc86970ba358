"""hooks/cache.py and its users: a result is reused while its inputs stay, recomputed when
any of them changes (a stale result is impossible), a failure leaves nothing cached, a damaged
entry is never used, and the pool's workers die with their build."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest
from mkdocs.exceptions import PluginError

from tests.hookmods import hook

cache = hook("cache")
notebook_run = hook("notebook_run")
ROOT = Path(__file__).resolve().parent.parent


def test_digest_changes_with_every_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.py").write_text("x = 1\n")
    page = tmp_path / "page.ipynb"
    page.write_text("{}")
    keys = [cache.digest(src, page, "settings")]
    assert cache.digest(src, page, "settings") == keys[0]  # unchanged: the same key
    (src / "a.py").write_text("x = 2\n")  # a source in a folder
    keys.append(cache.digest(src, page, "settings"))
    (src / "b.py").write_text("")  # a new source
    keys.append(cache.digest(src, page, "settings"))
    page.write_text("{ }")  # a file
    keys.append(cache.digest(src, page, "settings"))
    keys.append(cache.digest(src, page, "other settings"))  # a string
    monkeypatch.setattr(cache, "fingerprint", lambda: "another-cpu")  # another CPU path
    keys.append(cache.digest(src, page, "other settings"))
    real = cache.library_version
    monkeypatch.setattr(cache, "library_version", lambda n: "0.0" if n == "numpy" else real(n))
    keys.append(cache.digest(src, page, "other settings"))  # another numpy
    keys.append(cache.digest(src, page, "other settings", libraries=("numpy", "pygments")))
    assert len(set(keys)) == len(keys)
    # without floats, the CPU does not count
    assert cache.digest(src, floats=False) == cache.digest(src, floats=False)
    monkeypatch.setattr(cache, "fingerprint", lambda: "a third cpu")
    assert cache.digest(src, floats=False) == cache.digest(src, floats=False)


def test_the_sweep_and_the_figures_follow_the_cpu() -> None:
    hook("sweep"), hook("next_figures"), hook("explorer")
    assert len(cache.fingerprint()) == 16
    assert cache.REGISTRY and all(a.floats for a in cache.REGISTRY.values())


def test_folder_computes_once_per_key_and_evicts_old_keys(tmp_path: Path) -> None:
    calls: list[str] = []

    def make(value: str) -> Any:
        def fill(folder: Path) -> None:
            calls.append(value)
            (folder / "out.txt").write_text(value)

        return fill

    first = cache.entry("thing", "a1", make("one"), tmp_path)
    assert cache.entry("thing", "a1", make("ignored"), tmp_path) == first  # reused
    assert (first / "out.txt").read_text() == "one" and calls == ["one"]
    other = cache.entry("thing-else", "a9", make("else"), tmp_path)
    second = cache.entry("thing", "a2", make("two"), tmp_path)  # new key: computed
    assert (second / "out.txt").read_text() == "two" and calls == ["one", "else", "two"]
    assert not first.exists()  # the old key is gone; another name's folder is not
    assert other.exists() and sorted(p.name for p in tmp_path.iterdir()) == [
        "thing-a2",
        "thing-else-a9",
    ]


def test_folder_keeps_nothing_when_the_computation_fails(tmp_path: Path) -> None:
    def fail(folder: Path) -> None:
        (folder / "half.txt").write_text("half")
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        cache.entry("thing", "a1", fail, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_hooks_key_their_results_by_nn11_and_their_code() -> None:
    for name in ("figures", "next_figures", "sweep", "explorer"):
        hook(name)
    names = set(cache.REGISTRY)
    assert {"explorer", "sweep-4", "sweep-32", "figure-sigmoid", "figure-next-bias"} <= names
    for name, artefact in cache.REGISTRY.items():
        if name.startswith("notebook-"):
            continue
        assert cache.NN11 in artefact.inputs, name
        assert any(
            isinstance(p, Path) and p.parent.name == "hooks" and p.name != "figures.py"
            for p in artefact.inputs
        ) or name in {"figure-sigmoid", "figure-slopes", "figure-update"}, name


# --- damage: never published, computed again, never fatal ----------------------------------


def fill(value: str) -> Any:
    def make(folder: Path) -> None:
        (folder / "sub").mkdir()
        (folder / "data.json").write_text(json.dumps({"error": value}))
        (folder / "sub" / "figure.svg").write_text("<svg>" + "x" * 200 + "</svg>")

    return make


DAMAGE = {
    "truncated": lambda f: (f / "sub" / "figure.svg").write_text("<svg>"),
    "a changed digit": lambda f: (f / "data.json").write_text(
        (f / "data.json").read_text().replace("0.5", "0.6")
    ),
    "a deleted file": lambda f: (f / "sub" / "figure.svg").unlink(),
    "no manifest": lambda f: (f / cache.MANIFEST).unlink(),
    "a damaged manifest": lambda f: (f / cache.MANIFEST).write_text("{"),
    "a file in its place": lambda f: shutil.rmtree(f) or f.write_text("x"),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_damaged_entry_is_computed_again_with_a_note(
    tmp_path: Path, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    clean = cache.entry("thing", "a1", fill("0.5"), tmp_path)
    before = {p.relative_to(clean): p.read_bytes() for p in clean.rglob("*") if p.is_file()}
    assert cache.damage(clean) is None
    DAMAGE[kind](clean)
    assert not clean.is_dir() or cache.damage(clean) is not None  # the check sees it
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.cache"):
        again = cache.entry("thing", "a1", fill("0.5"), tmp_path)
    assert again == clean and cache.damage(again) is None
    after = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert after == before  # exactly what a clean run gives
    notes = [r.getMessage() for r in caplog.records]
    assert len(notes) == 1 and "thing-a1 is damaged" in notes[0], notes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thing-a1"]  # nothing left over


@pytest.mark.full  # full gate: three artefacts computed afresh in a scratch cache
def test_hooks_results_heal(tmp_path: Path) -> None:
    """The real artefacts in a scratch cache: the explorer's data with a digit changed, a
    figure truncated, a notebook's executed copy changed: each read gives a clean run's bytes."""
    explorer, figures = hook("explorer"), hook("figures")
    sigmoid = figures.declared()["sigmoid"]
    for artefact, file, harm in (
        (explorer.DATA, "data.json", lambda b: b.replace(b"0.0", b"0.1", 1)),
        (sigmoid, "sigmoid-light.svg", lambda b: b[: len(b) // 2]),
    ):
        folder = artefact.folder(tmp_path)
        good = (folder / file).read_bytes()
        (folder / file).write_bytes(harm(good))
        assert (folder / file).read_bytes() != good
        assert (artefact.folder(tmp_path) / file).read_bytes() == good, artefact.name
    src = notebook(tmp_path / "nb.ipynb", "print(6 * 7)")
    store = tmp_path / "store"
    copy = notebook_run.executed(src, store)
    copy.write_text(copy.read_text(encoding="utf-8").replace("42", "43"), encoding="utf-8")
    assert printed(notebook_run.executed(src, store)) == "42\n"


def test_temporaries_of_builds_that_are_gone_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    gone = tmp_path / f".tmp.{dead}.figure-x.abc"
    mine = tmp_path / f".tmp.{os.getpid()}.figure-x.def"
    for folder in (gone, mine):
        folder.mkdir()
        (folder / "half.svg").write_text("<svg>")
    assert cache.sweep_temporaries(tmp_path) == [gone]
    assert not gone.exists() and mine.exists()  # a live build's are its own


# --- the notebook ---------------------------------------------------------------------------


def notebook(path: Path, *cells: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


def printed(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "".join("".join(o.get("text", "")) for c in cells for o in c["outputs"])


def test_notebook_runs_only_when_an_input_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = notebook(tmp_path / "nb.ipynb", "print(6 * 7)")
    store = tmp_path / "cache"
    first = notebook_run.executed(src, store)
    assert first.name == "nb.ipynb" and printed(first) == "42\n"  # a real run

    def never(*_: Any) -> None:
        raise AssertionError("executed again with unchanged inputs")

    monkeypatch.setattr(notebook_run, "execute", never)
    assert notebook_run.executed(src, store) == first  # unchanged: reused, not run

    runs: list[Path] = []
    monkeypatch.setattr(notebook_run, "execute", lambda nb, out: runs.append(nb) or out.touch())
    notebook(src, "print(6 * 8)")  # the notebook changed
    assert notebook_run.executed(src, store) != first and runs == [src]
    sources = tmp_path / "nn11"
    sources.mkdir()
    (sources / "listing.py").write_text("x = 1\n")
    monkeypatch.setattr(cache, "NN11", sources)  # a listing it reads changed
    notebook_run.executed(src, store)
    (sources / "listing.py").write_text("x = 2\n")
    notebook_run.executed(src, store)
    monkeypatch.setattr(cache, "fingerprint", lambda: "another-cpu")  # another CPU path
    notebook_run.executed(src, store)
    assert runs == [src] * 4
    assert not first.parent.exists()  # the old outputs are gone


def test_the_notebooks_key_holds_every_library_that_shapes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = notebook(tmp_path / "nb.ipynb", "print(1)")
    settings = {"theme": "light", "toc_depth": 2}
    here = notebook_run.artefact(src, settings).key()
    assert notebook_run.artefact(src, {**settings, "theme": "dark"}).key() != here
    real = cache.library_version
    for library in ("pygments", "pymdown-extensions", "nbconvert", "mkdocs-jupyter", "matplotlib"):
        monkeypatch.setattr(
            cache, "library_version", lambda n, x=library: "9" if n == x else real(n)
        )
        assert notebook_run.artefact(src, settings).key() != here, library


def test_a_failing_cell_fails_and_caches_nothing(tmp_path: Path) -> None:
    src = notebook(tmp_path / "nb.ipynb", "print('ok')", "1 / 0")
    store = tmp_path / "cache"
    with pytest.raises(PluginError, match="ZeroDivisionError"):
        notebook_run.executed(src, store)
    assert not store.exists() or list(store.iterdir()) == []


# --- the pool ------------------------------------------------------------------------------


def pid_of(out: Path) -> None:
    (out / "pid").write_text(str(os.getpid()))


def after(first: Any) -> Any:
    def make(out: Path) -> None:
        (out / "pid").write_text((first.path(first_cache[0]) / "pid").read_text())

    return make


first_cache: list[Path] = []


def test_the_pool_computes_each_artefact_once_after_its_needs(tmp_path: Path) -> None:
    first_cache[:] = [tmp_path]
    one = cache.Artefact("t-one", pid_of, ("one",), libraries=(), floats=False)
    two = cache.Artefact("t-two", after(one), ("two",), libraries=(), floats=False, needs=(one,))
    try:
        for a in (one, two):
            cache.declare(a)
        assert sorted(cache.start(tmp_path, [two, one])) == ["t-one", "t-two"]
        worker = (two.folder(tmp_path) / "pid").read_text()  # its need was there when it ran
        assert worker == (one.folder(tmp_path) / "pid").read_text() != str(os.getpid())
        cache.stop(wait=True)
        assert cache.start(tmp_path, [one, two]) == []  # a warm build starts nothing
    finally:
        cache.stop()
        for a in (one, two):
            cache.REGISTRY.pop(a.name, None)


KILLED = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from hooks import cache

    def slow(out):
        time.sleep(120)

    for n in ("a", "b"):
        cache.declare(cache.Artefact("slow-" + n, slow, (n,), libraries=(), floats=False))
    cache.start(Path(sys.argv[1]))
    print(" ".join(str(p.pid) for p in cache._pool._pool), flush=True)
    time.sleep(120)
    """
)


def test_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    build = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert build.stdout is not None
    workers = [int(p) for p in build.stdout.readline().split()]
    assert len(workers) == 2 and all(cache._alive(p) for p in workers)
    deadline = time.monotonic() + 10
    while len(list(tmp_path.glob(".tmp.*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    temporaries = list(tmp_path.glob(".tmp.*"))
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [p for p in workers if alive(p)]
    for p in left:  # never leave them behind, even when the test fails
        os.kill(p, signal.SIGKILL)
    assert left == []
    assert temporaries and all(t.exists() for t in temporaries)  # the killed build's
    assert sorted(cache.sweep_temporaries(tmp_path)) == sorted(temporaries)  # the next removes


def alive(pid: int) -> bool:
    """Running (a zombie whose parent is gone counts as dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
