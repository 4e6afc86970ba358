"""The hooks' own modules for the tests (imported as modules of the ``hooks`` package),
and every page's Markdown as the build reads it, generated walkthrough pages and Line pages'
headers and figures written out included."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from mkdocs.utils.meta import get_data

from hooks import site

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def hook(name: str) -> ModuleType:
    return importlib.import_module(f"hooks.{name}")


def page_markdown(figures: bool = True) -> dict[str, str]:
    """{src_uri: Markdown body (no front matter)} of every Markdown page the site builds
    (with ``figures=False``, its figure placeholders left as written)."""
    texts = {p.relative_to(DOCS).as_posix(): p.read_text("utf-8") for p in DOCS.rglob("*.md")}
    lines = {uri: t for uri, t in texts.items() if "/line-" in uri}
    texts.update(hook("walkthrough").pages(lines, ROOT))
    texts = {uri: hook("linepage").as_built(uri, t, ROOT) for uri, t in texts.items()}
    if figures:  # written out first in the build, before any other hook sees the page
        for listed in site.settings()["hooks"]:  # as the build loads them: some declare figures
            hook(Path(listed).stem)
        known = hook("figures").declared()
        texts = {uri: hook("figures").images(t, uri, known) for uri, t in texts.items()}
    return {uri: get_data(text)[0] for uri, text in sorted(texts.items())}


def page_dir(src_uri: str) -> str:
    """The built page's folder below the site root (``part1/line-29.md`` -> ``part1/line-29``)."""
    return site.page_url(src_uri).removesuffix("/")
