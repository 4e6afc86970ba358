"""hooks/cache.py and its users: a result is reused while its inputs stay, recomputed when
any of them changes (a stale result is impossible), and a failure leaves nothing cached."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import nbformat
import numpy as np
import pytest
from mkdocs.exceptions import PluginError

from tests.hookmods import hook

cache = hook("cache")
notebook_run = hook("notebook_run")


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
    monkeypatch.setattr(np, "__version__", "0.0")  # another numpy
    keys.append(cache.digest(src, page, "other settings"))
    assert len(set(keys)) == len(keys)


def test_fingerprint_is_the_sweeps() -> None:
    assert hook("sweep").fingerprint is cache.fingerprint and len(cache.fingerprint()) == 16


def test_folder_computes_once_per_key_and_evicts_old_keys(tmp_path: Path) -> None:
    calls: list[str] = []

    def make(value: str) -> Any:
        def fill(folder: Path) -> None:
            calls.append(value)
            (folder / "out.txt").write_text(value)

        return fill

    first = cache.folder("thing", "a1", make("one"), tmp_path)
    assert cache.folder("thing", "a1", make("ignored"), tmp_path) == first  # reused
    assert (first / "out.txt").read_text() == "one" and calls == ["one"]
    other = cache.folder("thing-else", "a9", make("else"), tmp_path)
    second = cache.folder("thing", "a2", make("two"), tmp_path)  # new key: computed
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
        cache.folder("thing", "a1", fail, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_hooks_key_their_results_by_nn11_and_their_code(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, tuple[Any, ...]] = {}
    real = cache.digest

    def spy(*inputs: Any) -> str:
        return real(*inputs)

    def folder(name: str, key: str, make: Any, root: Path = cache.CACHE) -> Path:
        seen[name] = last[0]
        raise LookupError(name)  # stop before any work

    last: list[tuple[Any, ...]] = [()]

    def digest(*inputs: Any) -> str:
        last[0] = inputs
        return spy(*inputs)

    monkeypatch.setattr(cache, "digest", digest)
    monkeypatch.setattr(cache, "folder", folder)
    for name, call in (
        ("explorer", lambda: hook("explorer").cached()),
        ("next-figures", lambda: hook("next_figures").DRAWINGS.drawn()),
        ("walkthrough-figures", lambda: hook("figures").DRAWINGS.drawn()),
    ):
        with pytest.raises(LookupError):
            call()
        assert cache.NN11 in seen[name], name
        assert any(isinstance(p, Path) and p.parent.name == "hooks" for p in seen[name]), name


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


def test_a_failing_cell_fails_and_caches_nothing(tmp_path: Path) -> None:
    src = notebook(tmp_path / "nb.ipynb", "print('ok')", "1 / 0")
    store = tmp_path / "cache"
    with pytest.raises(PluginError, match="ZeroDivisionError"):
        notebook_run.executed(src, store)
    assert not store.exists() or list(store.iterdir()) == []


def test_ahead_runs_in_another_process_and_settle_waits(tmp_path: Path) -> None:
    out = tmp_path / "pid.txt"
    cache.ahead(
        f"import os, time; time.sleep(0.3); open({str(out)!r}, 'w').write(str(os.getpid()))"
    )
    assert not out.exists()  # started, not waited for
    cache.settle()
    assert out.read_text() != str(os.getpid())  # written by another process, finished
    cache.settle()  # nothing left to wait for


def test_a_cold_build_draws_ahead_a_warm_one_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    ahead = hook("ahead")
    started: list[str] = []
    monkeypatch.setattr(cache, "ahead", started.append)
    monkeypatch.setattr(cache, "ready", lambda name, key: True)
    ahead.on_config(config=None)
    assert started == []
    monkeypatch.setattr(cache, "ready", lambda name, key: name != "next-figures")
    ahead.on_config(config=None)
    assert started == [ahead.DRAW]
