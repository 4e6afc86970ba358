"""MkDocs hook: run and render the notebooks only when something that shapes them has changed.

mkdocs-jupyter finds the notebooks (its ``include``) but neither runs nor caches them
(``execute: false``, ``cache: false``). Each notebook it renders is an artefact
(hooks/cache.py) declared here: run with nbclient in a fresh kernel in the notebook's own folder,
then converted to HTML with mkdocs-jupyter's own converter and its settings, both kept in
``.cache/notebook-<stem>-<key>/``. The key holds the notebook, every nn11 source (the listings
it holds), this file, the renderer's settings, this machine's arithmetic and the versions of
every library that shapes the bytes (the kernel's, nbconvert's, pygments', mkdocs-jupyter's...).
The page is then rendered from that entry; its download stays the stored, clean file. A
failing cell fails the build, as ``allow_errors: false`` did.
"""

from __future__ import annotations

import functools
import json
import os
import types
from pathlib import Path
from typing import Any

import nbformat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from hooks import cache

TIMEOUT = 300
KERNEL = "python3"
#: Every library that shapes the executed notebook's or its HTML's bytes.
TOOLS = (
    "numpy",
    "matplotlib",
    "nbclient",
    "ipykernel",
    "nbformat",
    "nbconvert",
    "mkdocs-jupyter",
    "jupytext",
    "mistune",
    "pygments",
    "pymdown-extensions",
)
#: mkdocs-jupyter's settings that shape the HTML (its own cache key's list).
RENDER = (
    "kernel_name",
    "theme",
    "allow_errors",
    "show_input",
    "no_input",
    "no_prompt",
    "remove_tag_config",
    "highlight_extra_classes",
    "include_requirejs",
    "custom_mathjax_url",
    "toc_depth",
)
RENDERED = "rendered.json"
HERE = Path(__file__).resolve()
#: stored notebook's path -> its artefact
NOTEBOOKS: dict[str, cache.Artefact] = {}


def execute(notebook: Path, out: Path) -> None:
    """Run ``notebook`` top to bottom into ``out``; a failing cell raises PluginError."""
    nb = nbformat.read(notebook, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        nb,
        timeout=TIMEOUT,
        kernel_name=KERNEL,
        allow_errors=False,
        coalesce_streams=True,  # one block per stream, however the kernel's writes were timed
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as e:
        raise PluginError(f"{notebook.name}: a cell failed:\n{e}") from None
    nbformat.write(nb, out)  # type: ignore[no-untyped-call]


def render(executed_copy: Path, settings: dict[str, Any]) -> dict[str, Any]:
    """The page mkdocs-jupyter makes of ``executed_copy``: its HTML, TOC tokens and title."""
    from mkdocs_jupyter import convert, plugin  # type: ignore[import-untyped]

    content = convert.nb2html(
        str(executed_copy), execute=False, **{k: v for k, v in settings.items() if k != "toc_depth"}
    )
    toc_tokens, title = plugin._get_nb_toc_tokens(str(executed_copy), settings["toc_depth"])
    return {"content": content, "toc_tokens": toc_tokens, "title": title}


def inside(notebook: Path) -> Path:
    """The copy's path in its entry: below the repository, as stored (``docs/play/x.ipynb``)."""
    notebook = notebook.resolve()
    mine = notebook.is_relative_to(cache.ROOT)
    return notebook.relative_to(cache.ROOT) if mine else Path(notebook.name)


def make(notebook: Path, settings: dict[str, Any] | None, out: Path) -> None:
    copy = out / inside(notebook)
    copy.parent.mkdir(parents=True, exist_ok=True)
    execute(notebook, copy)
    if settings is not None:
        (out / RENDERED).write_text(json.dumps(render(copy, settings)), encoding="utf-8")


def artefact(notebook: Path, settings: dict[str, Any] | None = None) -> cache.Artefact:
    """Declare ``notebook``'s run (and, with mkdocs-jupyter's ``settings``, its HTML)."""
    notebook = notebook.resolve()
    return cache.declare(
        cache.Artefact(
            f"notebook-{notebook.stem}",
            functools.partial(make, notebook, settings),
            (notebook, cache.NN11, HERE, repr(sorted((settings or {}).items()))),
            libraries=TOOLS,
            long=True,
        )
    )


def executed(notebook: Path, root: Path = cache.CACHE) -> Path:
    """The executed copy of ``notebook``, run now unless already cached. It keeps the path
    below the repository (``<folder>/docs/play/notebook.ipynb``)."""
    return artefact(notebook).folder(root) / inside(notebook)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        return config
    settings = {k: jupyter.config[k] for k in RENDER}
    patterns = jupyter.config["include"]
    for path in sorted(Path(config.docs_dir).rglob("*.ipynb")):
        if any(path.match(p) for p in patterns):
            NOTEBOOKS[os.path.normpath(path)] = artefact(path, settings)
    return config


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    stored = page.file.abs_src_path
    notebook = NOTEBOOKS.get(os.path.normpath(stored)) if stored else None
    jupyter = config.plugins.get("mkdocs-jupyter")
    if notebook is None or jupyter is None:
        return page
    ignore_h1 = bool(jupyter.config["ignore_h1_titles"])

    def from_cache(self: Page, config: MkDocsConfig, files: Files) -> None:
        # In place of mkdocs-jupyter's render (set in its on_pre_page, which runs first).
        rendered = json.loads((notebook.folder() / RENDERED).read_text(encoding="utf-8"))
        self.content = rendered["content"]
        self.toc = get_toc(rendered["toc_tokens"])
        if rendered["title"] is not None and not ignore_h1:
            self.title = rendered["title"]

    page.render = types.MethodType(from_cache, page)  # type: ignore[method-assign]
    return page
