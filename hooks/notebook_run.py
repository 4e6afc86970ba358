"""MkDocs hook: run the notebooks only when something they read has changed.

mkdocs-jupyter only renders (``execute: false``); this hook runs each notebook it renders
with nbclient, in a fresh kernel in the notebook's own folder, into
``.cache/notebook-<key>/`` (hooks/cache.py), keyed by the notebook, every nn11
source (the listings it holds), this file, the versions of the tools that run it and
this machine's arithmetic. It points the page at that executed copy while mkdocs-jupyter
renders it (whose own cache, keyed by the copy's bytes, then also skips the HTML conversion)
and back at the stored notebook afterwards, so the download stays the clean file. A failing
cell fails the build, as ``allow_errors: false`` did. The run starts when the configuration is
read, on a thread: the kernel is a process of its own, so it works while the other hooks
compute (the other core).
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path
from typing import Any

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from hooks import cache

TIMEOUT = 300
KERNEL = "python3"
TOOLS = ("nbclient", "ipykernel", "nbformat", "mkdocs-jupyter", "nbconvert")
#: page's src_uri -> the stored notebook's path, while the page points at the executed copy
_stored: dict[str, str] = {}
#: stored notebook's path -> its run, started in on_config
_runs: dict[str, Future[Path]] = {}
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nn11-notebook")


def key(notebook: Path) -> str:
    tools = " ".join(f"{t}={version(t)}" for t in TOOLS)
    return cache.digest(notebook, cache.NN11, Path(__file__), tools)


def execute(notebook: Path, out: Path) -> None:
    """Run ``notebook`` top to bottom into ``out``; a failing cell raises PluginError."""
    nb = nbformat.read(notebook, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        nb,
        timeout=TIMEOUT,
        kernel_name=KERNEL,
        allow_errors=False,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as e:
        raise PluginError(f"{notebook.name}: a cell failed:\n{e}") from None
    nbformat.write(nb, out)  # type: ignore[no-untyped-call]


def executed(notebook: Path, root: Path = cache.CACHE) -> Path:
    """The executed copy of ``notebook``, run now unless already cached. It keeps the path
    below the repository (``<folder>/docs/play/notebook.ipynb``): mkdocs-jupyter's
    ``include`` patterns and the download's file name still match it."""
    notebook = notebook.resolve()
    mine = notebook.is_relative_to(cache.ROOT)
    inside = notebook.relative_to(cache.ROOT) if mine else Path(notebook.name)

    def make(tmp: Path) -> None:
        (tmp / inside).parent.mkdir(parents=True, exist_ok=True)
        execute(notebook, tmp / inside)

    return cache.folder("notebook", key(notebook), make, root) / inside


def on_config(config: Any, **_: Any) -> Any:
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        return config
    # mkdocs-jupyter's cache folder is relative to where mkdocs runs: keep it in ours.
    jupyter.config["cache_dir"] = str(cache.CACHE / "mkdocs-jupyter")
    # Start the runs now: the kernel works in its own process while the other hooks compute.
    patterns = jupyter.config["include"]
    for path in sorted(Path(config.docs_dir).rglob("*.ipynb")):
        if any(path.match(p) for p in patterns):
            _runs[os.path.normpath(path)] = _pool.submit(executed, path)
    return config


def on_files(files: Files, config: Any, **_: Any) -> Files:
    jupyter = config.plugins.get("mkdocs-jupyter")
    for file in files:
        stored = file.abs_src_path
        if jupyter is None or stored is None or not file.src_uri.endswith(".ipynb"):
            continue
        if jupyter.should_include(file):
            run = _runs.pop(stored, None)
            done = run.result() if run is not None else executed(Path(stored))
            file.abs_src_path = os.fspath(done)
            _stored[file.src_uri] = stored
    return files


def on_page_content(html: str, page: Any, **_: Any) -> str:
    stored = _stored.pop(page.file.src_uri, None)
    if stored is not None:  # rendered: the download (include_source) is the stored file
        page.file.abs_src_path = stored
    return html
