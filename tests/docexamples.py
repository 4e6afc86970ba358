"""Sybil for the site: every Python fence in docs/**/*.md runs, or the suite says where it did not.

One parser reads a whole page and yields, in page order:

- the page check (at the front matter): ``examples: N`` equals the page's Python fences that
  are not includes (a skipped fence still counts: the reader sees it);
- a failure for each hidden-setup directive (Sybil's invisible-code-block, clear-namespace)
  and each malformed or dangling skip;
- each Python-ish fence (``python``, ``py``, ``python3``, ``pycon``..., with any attributes):
  doctest examples when it starts with ``>>>``, else a code block that must not raise
  or print (printed output is shown and checked as a doctest);
  ``<!-- skip: next "reason" -->`` right above a fence skips it, with the reason;
- each ``--8<--`` include, checked by :mod:`tests.docsnippets` (never executed).

Each page has its own fresh namespace (Sybil's per-document namespace), no setup, no fixtures.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import SkipTest

import yaml
from sybil import Document, Example, Region, Sybil
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.abstract import DocTestStringParser
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer
from sybil.parsers.rest import DocTestParser

from nn11.variants import NAMES
from tests import docsnippets

#: Fence languages that are Python (pygments' aliases for python and its console).
PYTHON = {"python", "py", "python3", "py3", "pyi", "pycon", "python-console", "ipython"}
#: The listings: shown on the site through includes, never imported by collection.
LISTINGS = ["two_layer.py", "three_layer.py", "eleven_lines.py", "__main__.py"]
LISTINGS += [f"variants/{name}.py" for name in NAMES]  # the listing's variants
FRONT = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(\n|\Z)", re.DOTALL)
COMMENT = re.compile(
    r"^[ \t]*<!--+\s*(?P<what>skip|invisible-code|clear-namespace)\b(?P<rest>.*?)--+>",
    re.MULTILINE | re.DOTALL,
)
SKIP = re.compile(r""":\s*next\s+(?P<q>["'])(?P<reason>\S.*?)(?P=q)\s*""", re.DOTALL)
ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
FENCES = RawFencedCodeBlockLexer(
    info_pattern=re.compile(r"(?P<info>[^\n]*)$\n", re.MULTILINE),
    mapping={"info": "info", "source": "source"},
)
DOCTEST = DocTestStringParser()
PYTHON_EVALUATOR = PythonEvaluator()


def quiet_code(example: Example) -> str:
    """Run a plain block; what it prints is unchecked, so it must print nothing."""
    __tracebackhide__ = True
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        PYTHON_EVALUATOR(example)
    if out.getvalue():
        return f"it printed {out.getvalue()[:300]!r}: show output as a doctest (>>> and output)"
    return ""


def info(text: str) -> tuple[str, dict[str, str]]:
    """Language and attributes of a fence's info string (`py title="x"`, `{ .python }`...)."""
    text = text.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1].strip()
    lang = text.split(None, 1)[0].lstrip(".").lower() if text else ""
    return lang, {m[1]: m[2] or m[3] or m[4] or "" for m in ATTR.finditer(text)}


def failing(message: str) -> Callable[[Example], str]:
    return lambda example: message


def skipping(reason: str) -> Callable[[Example], None]:
    def skip(example: Example) -> None:
        raise SkipTest(reason)

    return skip


class PageParser:
    """Parses one Markdown page of the site into Sybil regions (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.config = str(root / "mkdocs.yml")

    def __call__(self, document: Document) -> Iterator[Region]:
        text = document.text
        rel = Path(document.path).relative_to(self.root).as_posix()

        def where(pos: int) -> str:
            return f"{rel}:{text.count(chr(10), 0, pos) + 1}"

        front = FRONT.match(text)
        fences = self.fences(document)
        skips: dict[int, str] = {}  # fence start -> reason
        for m in COMMENT.finditer(text):
            if any(f.start <= m.start() < f.end for f in fences):
                continue  # shown as text inside a fence
            nxt = next((f for f in fences if f.start >= m.end()), None)
            s = SKIP.fullmatch(m["rest"])
            if m["what"] != "skip":
                why = f"{m['what']} directives are hidden setup; not allowed"
            elif s is None:
                why = 'write skips as <!-- skip: next "reason" -->'
            elif nxt is None or text[m.end() : nxt.start].strip() or not self.runs(nxt):
                why = "a skip must stand right above a runnable Python fence"
            else:
                skips[nxt.start] = s["reason"]
                continue
            yield Region(m.start(), m.end(), None, failing(f"{where(m.start())}: {why}"))
        counted: list[str] = []
        for fence in fences:
            lang, attrs = info(fence.lexemes["info"])
            source = fence.lexemes["source"]
            if self.includes(fence):
                yield self.include(fence, where(fence.start), lang in PYTHON, attrs)
            elif lang in PYTHON:
                counted.append(where(fence.start).rsplit(":", 1)[1])
                if fence.start in skips:
                    reason = f"{where(fence.start)}: {skips[fence.start]}"
                    yield Region(fence.start, fence.end, None, skipping(reason))
                else:
                    yield from self.runnable(fence, source, document.path, where(fence.start))
        for m in docsnippets.MARKER.finditer(text):  # includes in the prose, outside any fence
            if not any(f.start <= m.start() < f.end for f in fences):
                eol = text.find("\n", m.start())
                line = text[m.start() : eol if eol >= 0 else len(text)]
                check = self.check(line, where(m.start()), {}, python=False)
                yield Region(m.start(), m.start() + len(line), None, check)
        try:
            meta = yaml.safe_load(front["yaml"] or "") if front else None
        except yaml.YAMLError as e:
            meta = {"examples": f"unreadable ({e})"}
        declared = meta.get("examples") if isinstance(meta, dict) else None
        problem = ""
        if declared is True or declared != len(counted):
            problem = (
                f"{where(0)}: front matter says examples: {declared}, but the page has "
                f"{len(counted)} runnable Python fences (lines {', '.join(counted) or 'none'})"
            )
        yield Region(0, front.end() if front else 0, None, failing(problem))

    @staticmethod
    def includes(fence: Region) -> bool:
        return any(docsnippets.MARKER.match(t) for t in fence.lexemes["source"].splitlines())

    def runs(self, fence: Region) -> bool:
        return info(fence.lexemes["info"])[0] in PYTHON and not self.includes(fence)

    @staticmethod
    def fences(document: Document) -> list[Region]:
        """Top-level fences only: a fence shown inside a longer fence is text, not code."""
        found = sorted(FENCES(document), key=lambda r: r.start)
        return [r for r in found if not any(o.start < r.start < o.end for o in found)]

    def runnable(self, fence: Region, source: Any, path: str, here: str) -> Iterator[Region]:
        if not source.strip():
            yield Region(fence.start, fence.end, None, failing(f"{here}: empty Python fence"))
        elif source.lstrip().startswith(">>>"):
            regions = list(DOCTEST(source, path))
            for region in regions:
                region.adjust(fence, source)
                yield region
            if not regions:
                yield Region(fence.start, fence.end, None, failing(f"{here}: no doctest in it"))
        else:
            yield Region(fence.start, fence.end, source, quiet_code)

    def include(self, fence: Region, here: str, python: bool, attrs: dict[str, str]) -> Region:
        lines = [t for t in fence.lexemes["source"].splitlines() if t.strip()]
        if len(lines) != 1:
            return Region(
                fence.start,
                fence.end,
                None,
                failing(f"{here}: an include fence holds exactly one --8<-- line and nothing else"),
            )
        return Region(fence.start, fence.end, None, self.check(lines[0], here, attrs, python))

    def check(
        self, line: str, here: str, attrs: dict[str, str], python: bool
    ) -> Callable[[Example], str]:
        def evaluate(example: Example) -> str:
            problems, expanded, start = docsnippets.check_include(line, self.config)
            if not problems and python:
                if not docsnippets.RANGE.search(line):
                    problems.append('listing includes always give a range: "path:start:end"')
                problems += docsnippets.parses(expanded, here)
            if not problems:
                problems += docsnippets.check_attrs(
                    attrs, start, len(expanded), need_linenums=python
                )
            return "".join(f"\n{here}: {line.strip()}: {p}" for p in problems)

        return evaluate


def python_fences(path: Path) -> list[int]:
    """Lines of the page's Python-ish fences (runnable or include), as the parser sees them."""
    document = Document(path.read_text(encoding="utf-8"), str(path))
    return [
        document.text.count("\n", 0, f.start) + 1
        for f in PageParser.fences(document)
        if info(f.lexemes["info"])[0] in PYTHON
    ]


def markdown_sybil(root: Path) -> Sybil:
    """Every ``*.md`` under ``root/docs``, top level included (``docs/**/*.md`` would miss it)."""
    return Sybil(
        [PageParser(root)], path=str(root / "docs"), patterns=["*.md", "*.markdown"], name="docs"
    )


def docstring_sybil(root: Path) -> Sybil:
    """Doctests in ``root/nn11``'s docstrings; the listings are never parsed or imported."""
    return Sybil(
        [DocTestParser()],
        path=str(root / "nn11"),
        patterns=["*.py"],
        excludes=LISTINGS,
        name="nn11",
    )
