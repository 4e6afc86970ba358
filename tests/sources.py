"""The site's sources as the tests read them: mkdocs.yml as data, a page's front matter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data

from hooks import linepage, site
from hooks.linepage import LinePage, order_problems

__all__ = ["LinePage", "front_matter", "line_pages", "mkdocs_yml", "nav", "order_problems", "url"]


def mkdocs_yml(text: str) -> dict[str, Any]:
    """mkdocs.yml's text as plain data (tags read as None), without loading any plugin."""
    return site.parse(text)


def front_matter(page: Path) -> dict[str, Any]:
    """A Markdown page's front matter, parsed as MkDocs parses it ({} when there is none)."""
    return get_data(page.read_text(encoding="utf-8"))[1]


# --- the one page list: mkdocs.yml's nav, and each Line page's `explains:` (hooks/linepage.py)


def nav_files(node: object) -> list[str]:
    """The page files of a nav (or any part of it), in nav order."""
    if isinstance(node, str):
        return [node] if node.endswith((".md", ".ipynb")) else []
    if isinstance(node, dict):
        return [f for v in node.values() for f in nav_files(v)]
    if isinstance(node, list):
        return [f for v in node for f in nav_files(v)]
    return []


def nav(root: Path) -> list[str]:
    """mkdocs.yml's nav as page files (``part1/line-01.md``), in order."""
    return nav_files(mkdocs_yml((root / "mkdocs.yml").read_text(encoding="utf-8")).get("nav", []))


def url(src_uri: str) -> str:
    """A page's URL path below the site root, as MkDocs makes it (``part1/line-01/``, ``""``)."""
    return site.page_url(src_uri)


def line_pages(root: Path) -> list[LinePage]:
    """The nav's pages that pin listing lines, in nav order (the walkthrough order), read by
    hooks/linepage.py."""
    out = []
    for uri in nav(root):
        path = root / "docs" / uri
        if path.suffix == ".md" and path.is_file():
            page = linepage.read(uri, path.read_text(encoding="utf-8"))
            if page is not None:
                out.append(page)
    return out
