"""The site's sources as the tests read them: mkdocs.yml as data, a page's front matter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data

from hooks import site


def mkdocs_yml(text: str) -> dict[str, Any]:
    """mkdocs.yml's text as plain data (tags read as None), without loading any plugin."""
    return site.parse(text)


def front_matter(page: Path) -> dict[str, Any]:
    """A Markdown page's front matter, parsed as MkDocs parses it ({} when there is none)."""
    return get_data(page.read_text(encoding="utf-8"))[1]


# --- the one page list: mkdocs.yml's nav, and each Line page's `explains:` -----------------


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


@dataclass(frozen=True)
class LinePage:
    """A page that explains listing lines: its front matter's ``explains: {file, lines}``."""

    src_uri: str
    file: str
    first: int
    last: int


def line_pages(root: Path) -> list[LinePage]:
    """The nav's pages that pin listing lines, in nav order (the walkthrough order)."""
    out = []
    for uri in nav(root):
        path = root / "docs" / uri
        explains = (
            front_matter(path).get("explains") if path.suffix == ".md" and path.is_file() else None
        )
        if isinstance(explains, dict):
            first, last = explains["lines"]
            out.append(LinePage(uri, explains["file"], int(first), int(last)))
    return out


def order_problems(pages: list[LinePage]) -> list[str]:
    """Within each listing, nav order must be line order, with no lines explained twice."""
    problems = []
    last_seen: dict[str, LinePage] = {}
    for page in pages:
        before = last_seen.get(page.file)
        if before is not None and page.first <= before.last:
            problems.append(
                f"{page.src_uri} (lines {page.first}-{page.last}) comes after {before.src_uri} "
                f"(lines {before.first}-{before.last}) in the nav: order the nav by line"
            )
        last_seen[page.file] = page
    return problems
