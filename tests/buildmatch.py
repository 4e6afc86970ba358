"""The build is the reference: every code block a built page shows is one the tests classified.

For every page MkDocs builds (its own file discovery: every Markdown extension it accepts, the
notebooks mkdocs-jupyter converts, the pages hooks generate), the ``<pre>`` blocks of the built
HTML are matched one to one, in order, with the page's fences as :mod:`hooks.pagereader`
classified them (run, include, skip, shown). The notebook's code blocks are its code cells
(tests/test_notebook.py runs them all); blocks rendered from docstrings (mkdocstrings) are
matched with the doctest blocks of nn11's docstrings that Sybil runs. Each mismatch is a
problem naming the page and the line.
"""

from __future__ import annotations

import ast
import difflib
import functools
import inspect
import json
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

from hooks import linepage, pagereader
from tests import docsnippets
from tests.docexamples import LISTINGS

WALKTHROUGH = "hooks/walkthrough.py"
LINEPAGE = "hooks/linepage.py"
KINDS_SHOWN = {"run", "include", "skip", "shown"}  # "error" fences fail in the collector


@dataclass(frozen=True)
class Block:
    lang: str
    text: str
    api: bool = False  # rendered from a docstring

    @property
    def key(self) -> tuple[str, str]:
        # Trailing spaces are invisible, and the build drops them (a diff's blank context lines).
        return self.lang, "\n".join(t.rstrip() for t in self.text.strip("\n").splitlines())


#: Classes of ``<pre>`` that hold no example: line numbers, notebook outputs, API signatures,
#: the install box hooks/downloads.py adds (its command is checked by tests/test_downloads.py).
NOT_CODE = {"linenos", "linenodiv", "jp-OutputArea", "doc-signature", "nn11-run"}


class CodeBlocks(HTMLParser):
    """The code blocks (``<pre>``) of a built page's content, in order: not line-number
    columns, not notebook outputs, not anything inside an HTML comment."""

    TRACKED: ClassVar[set[str]] = {"div", "td", "pre", "article", "details"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, list[str]]] = []
        self.blocks: list[Block] = []
        self.text: list[str] | None = None

    def classes(self) -> list[str]:
        return [c for _, cs in self.stack for c in cs]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.TRACKED:
            return
        self.stack.append((tag, (dict(attrs).get("class") or "").split()))
        outer = self.classes()
        skip = NOT_CODE & set(outer)
        if tag == "pre" and self.text is None and not skip and "md-content__inner" in outer:
            self.text = []

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.TRACKED:
            return
        while self.stack:
            name, _ = self.stack.pop()
            if tag == "pre" and self.text is not None and name == "pre":
                lang = next(
                    (
                        c.split("-", 1)[1]
                        for c in reversed(self.classes())
                        if c.startswith(("language-", "hl-"))
                    ),
                    "",
                )
                api = "doc" in self.classes()
                self.blocks.append(Block(lang.lower(), "".join(self.text), api))
                self.text = None
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


def html_blocks(page_html: str) -> list[Block]:
    parser = CodeBlocks()
    parser.feed(page_html)
    return parser.blocks


def expected(page: pagereader.Page, config_file: str) -> list[tuple[int, Block]]:
    """(line, block) for each fence the page shows, as the build should render it."""
    out = []
    for f in page.fences:
        if f.kind not in KINDS_SHOWN:
            continue
        text = f.source
        if "8<" in text:  # includes and escaped (;--8<--) lines: pymdownx's own expansion
            text = "\n".join(docsnippets.preprocessor(config_file).run(text.splitlines()))
        out.append((f.line, Block(f.lang or "text", text)))
    return out


def compare(name: str, want: list[tuple[int, Block]], got: list[Block]) -> list[str]:
    """Problems: blocks in one list and not the other, named by page and line."""
    problems = []
    a, b = [w.key for _, w in want], [g.key for g in got]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        for line, block in want[i1:i2]:
            problems.append(
                f"{name}:{line}: the tests see a {block.lang!r} fence here that the built page "
                "does not show as such (check the fence's opening and closing lines)"
            )
        after = want[i1 - 1][0] if i1 else 0
        for block in got[j1:j2]:
            first = next((t for t in block.text.splitlines() if t.strip()), "")
            problems.append(
                f"{name}:{after}: after this line the built page shows a {block.lang or 'plain'} "
                f"block the tests never saw, starting {first[:60]!r}: write it as a fenced "
                "block with a language (```python to run it)"
            )
    return problems


@functools.cache
def docstring_blocks(root: Path) -> Counter[str]:
    """The doctest blocks of nn11's docstrings (every module Sybil runs), as rendered text."""
    found: Counter[str] = Counter()
    for path in sorted((root / "nn11").glob("*.py")):
        if path.name in LISTINGS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
                continue
            doc = ast.get_docstring(node)
            run: list[str] = []
            for line in [*inspect.cleandoc(doc or "").splitlines(), ""]:
                if line.strip() and (run or line.lstrip().startswith(">>>")):
                    run.append(line)
                elif run:
                    found["\n".join(run)] += 1
                    run = []
    return found


@dataclass
class Source:
    """A page MkDocs builds: where its text comes from and where its HTML goes."""

    name: str  # for messages: docs/x.md, or the generator
    dest: str  # path of the HTML under the site
    text: str  # as MkDocs converts it: a Line page with its header (hooks/linepage.py)
    notebook: bool = False


def sources(root: Path) -> list[Source]:
    """Every page the build makes, found as MkDocs finds them (config and plugins loaded)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(root / "mkdocs.yml"))
    files = get_files(config)
    jupyter = config.plugins.get("mkdocs-jupyter")
    notebooks = [f for f in files if jupyter is not None and jupyter.should_include(f)]
    # Pages a hook generates (the walkthroughs); unknown_pages() catches any other generator.
    if WALKTHROUGH in config.plugins:
        config.plugins._current_plugin = WALKTHROUGH
        files = config.plugins[WALKTHROUGH].on_files(files, config=config) or files
    out = []
    for f in files:
        nb = f in notebooks
        if f.is_documentation_page() or nb:
            name = f"docs/{f.src_uri}" if not f.generated_by else f"{f.src_uri} ({f.generated_by})"
            dest = f.dest_uri if not nb else str(Path(f.src_uri).with_suffix("") / "index.html")
            text = f.content_string
            if LINEPAGE in config.plugins and f.src_uri.endswith(".md"):
                text = linepage.as_built(
                    f.src_uri, text, root
                )  # its header, as the build writes it
            out.append(Source(name, dest, text, nb))
    return out


def notebook_blocks(text: str) -> list[tuple[int, Block]]:
    cells = json.loads(text)["cells"]
    return [
        (i + 1, Block("python", "".join(c["source"])))
        for i, c in enumerate(cells)
        if c["cell_type"] == "code"
    ]


def page_problems(source: Source, site: Path, root: Path) -> list[str]:
    html_file = site / source.dest
    if not html_file.is_file():
        return [f"{source.name}: no {source.dest} in the build"]
    got = html_blocks(html_file.read_text(encoding="utf-8"))
    if source.notebook:
        want = notebook_blocks(source.text)
        problems = compare(f"{source.name}, cell", want, got)
        tags = notebook_tags(source.text)
        return problems + [f"{source.name}, cell {i}: tag {t!r} lets it fail" for i, t in tags]
    page = pagereader.read(source.text)
    problems = compare(
        source.name, expected(page, str(root / "mkdocs.yml")), [g for g in got if not g.api]
    )
    runs = docstring_blocks(root).copy()
    for g in got:
        if g.api:
            if runs[g.text.strip("\n")] > 0:
                runs[g.text.strip("\n")] -= 1
            else:
                first = g.text.splitlines()[0] if g.text else ""
                problems.append(
                    f"{source.name}: a docstring block the tests do not run, starting {first!r}"
                )
    return problems


#: Cell tags that let nbclient or nbconvert skip a cell or accept its error.
ALLOWING = {"raises-exception", "skip-execution"}


def notebook_tags(text: str) -> list[tuple[int, str]]:
    """(cell number, tag) for each tag that would let a cell fail or not run."""
    cells: list[dict[str, Any]] = json.loads(text)["cells"]
    return [
        (i + 1, t)
        for i, c in enumerate(cells)
        for t in c.get("metadata", {}).get("tags", [])
        if t in ALLOWING
    ]


def unknown_pages(site: Path, known: list[Source]) -> list[str]:
    """Built pages with code blocks that no source accounts for."""
    dests = {s.dest for s in known}
    return [
        f"{p.relative_to(site).as_posix()}: built page with code blocks, from no known source"
        for p in sorted(site.rglob("*.html"))
        if p.relative_to(site).as_posix() not in dests
        and html_blocks(p.read_text(encoding="utf-8"))
    ]
