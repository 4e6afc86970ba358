"""MkDocs hook and module: the Line page, defined once by its ``explains:`` front matter.

A Line page explains lines of a listing. Its front matter says which, and pins their text::

    explains:
      file: nn11/two_layer.py
      lines: [29, 29]
      sha: 1cdb49ef78a4          # first 12 hex of the SHA-256 of those lines, newlines included
      context: [23, 35]          # optional: the "where it sits" excerpt (default: 6 lines around)

Everything else of its header is derived from that and written here, at build time
(``on_page_markdown``), right below the page's H1: the listing fence (``linenums`` = first
line) and the collapsed "Where line N sits in the listing" block between ``<!-- nn11-context -->``
markers (the excerpt with the explained lines highlighted, links to the walkthrough step and to
the explorer). The fences hold ``--8<--`` include lines: pymdownx.snippets does the including,
later, inside Markdown conversion. A page that still types its header fails (it would show it
twice).

The checks live here too, and fail the strict build: the front matter's shape, the lines inside
the listing, the excerpt around them, the pin against the listing (the message prints the fresh
value) and, over the nav, each listing's Line pages in line order without overlaps.
hooks/walkthrough.py, tools/pin.py and the tests read Line pages through this module.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import markdown_extensions
from mkdocs.utils.meta import get_data

#: The generated walkthrough page of a folder of Line pages (hooks/walkthrough.py).
WALKTHROUGH = "walkthrough.md"
#: The explorer page, linked from every "where it sits" block.
EXPLORER = "play/explorer.md"
#: The "where it sits" block's markers (kept in the HTML: tests find the block by them).
CONTEXT_START, CONTEXT_END = "<!-- nn11-context -->", "<!-- /nn11-context -->"
#: Lines shown on each side of the explained ones when ``context`` is not given.
AROUND = 6
PIN_DIGITS = 12


class LinePageError(PluginError):
    """A Line page's front matter or header is wrong (fails the build, names the page)."""


def fragment(root: Path, file: str, first: int, last: int) -> str:
    """Lines ``first``..``last`` (1-based, inclusive) of ``root/file``, exactly as stored."""
    lines = listing(root, file)
    if not 1 <= first <= last <= len(lines):
        raise ValueError(f"{file} has {len(lines)} lines; {first}..{last} is not a range in it")
    return "".join(lines[first - 1 : last])


def listing(root: Path, file: str) -> list[str]:
    """The listing's lines, newlines kept."""
    return (root / file).read_text(encoding="utf-8").splitlines(keepends=True)


def pin(root: Path, file: str, first: int, last: int) -> str:
    """The pin of those lines: the first 12 hex digits of their SHA-256, newlines included."""
    text = fragment(root, file, first, last)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:PIN_DIGITS]


def _pair(value: object) -> tuple[int, int] | None:
    if isinstance(value, list) and len(value) == 2 and all(type(n) is int for n in value):
        return value[0], value[1]
    return None


@dataclass(frozen=True)
class LinePage:
    """A page's ``explains:``: the listing, the lines, and as written the pin and the excerpt."""

    src_uri: str  # e.g. part1/line-29.md
    file: str  # the listing, relative to the site's root, e.g. nn11/two_layer.py
    first: int
    last: int
    sha: str | None = None
    context: tuple[int, int] | None = None  # None: AROUND lines each side

    @property
    def anchor(self) -> str:
        """The id of this page's step on the walkthrough."""
        return f"wt-line-{self.first:02d}"

    @property
    def span(self) -> str:
        """``line 29`` / ``lines 10\u201313`` (an en dash)."""
        if self.first == self.last:
            return f"line {self.first}"
        return f"lines {self.first}\u2013{self.last}"

    def include(self, first: int, last: int) -> str:
        return f'--8<-- "{self.file}:{first}:{last}"'

    def source(self, root: Path) -> list[str]:
        """The listing's lines (newlines kept); a missing file names the page."""
        if not (root / self.file).is_file():
            raise LinePageError(f"{self.src_uri}: explains.file {self.file} is not a file")
        return listing(root, self.file)

    def excerpt(self, root: Path) -> tuple[int, int]:
        """The lines of the "where it sits" block, checked against the listing."""
        lines = self.source(root)
        n = len(lines)
        if not 1 <= self.first <= self.last <= n:
            raise LinePageError(f"{self.src_uri} explains past line {n} of {self.file}")

        def blank(k: int) -> bool:
            return not lines[k - 1].strip()

        if self.context is None:
            a, b = max(1, self.first - AROUND), min(n, self.last + AROUND)
            while a < self.first and blank(a):
                a += 1
            while b > self.last and blank(b):
                b -= 1
            how = "the default excerpt"
        else:
            a, b = self.context
            how = f"explains.context [{a}, {b}]"
        why = ""
        if not 1 <= a <= self.first <= self.last <= b <= n:
            why = f"must surround lines {self.first}-{self.last} inside {self.file} (1..{n})"
        elif b - a < self.last - self.first + 2:
            why = "must show at least two lines more than the explained ones"
        elif blank(a) or blank(b):
            # Inside an admonition a leading blank line is dropped, shifting every number after it.
            why = "must start and end on a line that is not blank"
        if why:
            raise LinePageError(
                f"{self.src_uri}: {how} {why}: give explains.context: [first, last]"
            )
        return a, b

    def pin_problem(self, root: Path) -> str:
        """What is wrong with the pin against the listing under ``root`` ('' when it holds)."""
        fresh = pin(root, self.file, self.first, self.last)
        where = f"{self.file}:{self.first}-{self.last}"
        if self.sha is None:
            return f"{self.src_uri}: pin the lines it explains: add `sha: {fresh}` under explains:"
        if self.sha != fresh:
            return (
                f"{self.src_uri}: {where} changed (pin {self.sha}, now {fresh}): re-read the "
                f"page, then set `sha: {fresh}` under explains:"
            )
        return ""

    def listing_fence(self) -> list[str]:
        """The explained lines, numbered as in the post."""
        return [f'```python linenums="{self.first}"', self.include(self.first, self.last), "```"]

    def context_block(self, root: Path) -> list[str]:
        """The collapsed "where it sits" block, between its markers."""
        a, b = self.excerpt(root)
        marks = " ".join(str(k - a + 1) for k in range(self.first, self.last + 1))
        verb = "sits" if self.first == self.last else "sit"
        folder = posixpath.dirname(self.src_uri)
        explorer = posixpath.relpath(EXPLORER, folder or ".")
        return [
            CONTEXT_START,
            f'??? abstract "Where {self.span} {verb} in the listing"',
            "",
            f'    ```python linenums="{a}" hl_lines="{marks}"',
            f"    {self.include(a, b)}",
            "    ```",
            "",
            "    The whole listing with every explanation beside it: "
            f"[side by side]({WALKTHROUGH}#{self.anchor}).",
            f"    Watch these numbers change as the network trains: [Watch it learn]({explorer}).",
            CONTEXT_END,
        ]

    def header(self, root: Path | None) -> list[str]:
        """The generated header: the listing fence, then (given the listings' ``root``) the
        "where it sits" block."""
        out = self.listing_fence()
        if root is not None:
            out += ["", *self.context_block(root)]
        return out


def from_meta(src_uri: str, meta: Mapping[str, object]) -> LinePage | None:
    """The page's ``explains:`` (None when the page has none), its shape checked."""
    if "explains" not in meta:
        return None
    explains = meta["explains"]
    if not isinstance(explains, dict) or not isinstance(explains.get("file"), str):
        raise LinePageError(f"{src_uri} has no 'explains: {{file, lines}}' front matter")
    lines = _pair(explains.get("lines"))
    if lines is None or not 1 <= lines[0] <= lines[1]:
        raise LinePageError(
            f"{src_uri}: explains.lines must be [first, last], got {explains.get('lines')!r}"
        )
    context = None
    if "context" in explains:
        context = _pair(explains["context"])
        if context is None or not context[0] <= context[1]:
            raise LinePageError(
                f"{src_uri}: explains.context must be [first, last], got {explains['context']!r}"
            )
    unknown = sorted(set(explains) - {"file", "lines", "sha", "context"})
    if unknown:
        raise LinePageError(f"{src_uri}: explains has unknown keys {unknown}")
    sha = explains.get("sha")
    return LinePage(
        src_uri,
        explains["file"],
        lines[0],
        lines[1],
        None if sha is None else str(sha),
        context,
    )


def read(src_uri: str, text: str) -> LinePage | None:
    """A page's ``explains:`` from its text (front matter included), as MkDocs parses it."""
    return from_meta(src_uri, get_data(text)[1])


def fill(markdown: str, page: LinePage, root: Path | None) -> str:
    """``markdown`` (the page without its front matter) with the header right below its H1
    (at the top when it does not start with one). Without ``root``: the listing fence only
    (the walkthrough shows the whole listing already)."""
    rows = markdown.split("\n")
    typed = page.include(page.first, page.last)
    for row in rows:
        if row.strip() in (typed, CONTEXT_START, CONTEXT_END):
            raise LinePageError(
                f"{page.src_uri}: its listing and 'where it sits' block are written from "
                f"explains: at build time; remove the typed copy ({row.strip()})"
            )
    top = next((i for i, row in enumerate(rows) if row.strip()), len(rows))
    at = top + 1 if rows[top : top + 1] and rows[top].startswith("# ") else top
    rest = at
    while rest < len(rows) and not rows[rest].strip():
        rest += 1
    head = [*rows[:at], ""] if at else []
    tail = ["", *rows[rest:]] if rest < len(rows) else [""]
    return "\n".join([*head, *page.header(root), *tail])


def as_built(src_uri: str, text: str, root: Path) -> str:
    """A page's text (front matter kept) as the build converts it: a Line page with its
    header, any other page unchanged."""
    body, meta = get_data(text)
    page = from_meta(src_uri, meta)
    if page is None:
        return text
    return text[: len(text) - len(body)] + fill(body, page, root)


def check(page: LinePage, root: Path) -> None:
    """Fail on anything a build of this page would get wrong (the pin included)."""
    page.excerpt(root)
    problem = page.pin_problem(root)
    if problem:
        raise LinePageError(problem)


def order_problems(pages: Iterable[LinePage]) -> list[str]:
    """In the order given, each listing's pages explain later lines than the one before, and
    no line twice (the nav's order is the walkthrough's order)."""
    problems = []
    last_seen: dict[str, LinePage] = {}
    for page in pages:
        before = last_seen.get(page.file)
        if before is not None and page.first <= before.last:
            if page.first < before.first:
                problems.append(
                    f"{page.src_uri} (lines {page.first}-{page.last}) comes after "
                    f"{before.src_uri} (lines {before.first}-{before.last}) in the nav: "
                    "order the nav by line"
                )
            else:
                problems.append(
                    f"{before.src_uri} and {page.src_uri} explain the same lines "
                    f"({page.file}:{page.first}-{min(page.last, before.last)})"
                )
        last_seen[page.file] = page
    return problems


def root_of(config: MkDocsConfig) -> Path:
    """The folder the listings' paths are relative to (snippets' base_path: mkdocs.yml's)."""
    return Path(config.config_file_path).parent


# --- MkDocs events --------------------------------------------------------------------------


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Before any page is converted: every Line page of the nav sound (each stale pin named
    with its fresh value), each listing's pages in line order."""
    root = root_of(config)
    found = [
        read(p.file.src_uri, p.file.content_string)
        for p in nav.pages
        if p.file.src_uri.endswith(tuple(markdown_extensions))
    ]
    pages = [p for p in found if p is not None]
    problems = order_problems(pages)
    for page in pages:
        try:
            check(page, root)
        except LinePageError as e:
            problems.append(str(e))
    if problems:
        raise LinePageError("linepage: " + "; ".join(problems))
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    line_page = from_meta(page.file.src_uri, page.meta)
    if line_page is None:
        return markdown
    root = root_of(config)
    check(line_page, root)
    return fill(markdown, line_page, root)
