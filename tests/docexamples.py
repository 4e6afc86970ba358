"""Sybil for the site: every Python fence of every page runs, or the suite says where it did not.

:mod:`hooks.pagereader` reads and classifies a page's fences; this parser yields, in page order:

- a failure for each hidden-setup directive (Sybil's invisible-code-block, clear-namespace),
  each malformed or dangling skip, and each fence the reader refuses (unknown language...);
- each runnable fence: doctest examples when it starts with ``>>>``, else a code block that
  must not raise or print (printed output is shown and checked as a doctest); a doctest
  directive that hides checking (``+SKIP``, ``+ELLIPSIS`` over a bare ``...``) fails;
- a skip, with its reason, for a fence under ``<!-- skip: next "reason" -->``;
- each ``--8<--`` include, checked by :mod:`tests.docsnippets` (never executed).

tests/buildmatch.py then matches these fences one to one with the blocks the build renders.
Each page has its own fresh namespace (Sybil's per-document namespace), no setup, no fixtures.
"""

from __future__ import annotations

import contextlib
import doctest
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import SkipTest

from mkdocs.utils import markdown_extensions
from sybil import Document, Example, Lexeme, Region, Sybil
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.abstract import DocTestStringParser

from hooks import pagereader
from nn11.variants import NAMES
from tests import docsnippets, floatcheck

#: The listings: shown on the site through includes, never imported by collection.
LISTINGS = ["two_layer.py", "three_layer.py", "eleven_lines.py", "__main__.py"]
LISTINGS += [f"variants/{name}.py" for name in NAMES]  # the listing's variants
PYTHON_EVALUATOR = PythonEvaluator()


def doctests() -> DocTestStringParser:
    """The one doctest parser of pages, the README and docstrings; its output checker allows
    the float tolerance of tests/floatcheck.py (last digits differ by CPU)."""
    return floatcheck.string_parser()


def quiet_code(example: Example) -> str:
    """Run a plain block; what it prints is unchecked, so it must print nothing."""
    __tracebackhide__ = True
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        PYTHON_EVALUATOR(example)
    if out.getvalue():
        return f"it printed {out.getvalue()[:300]!r}: show output as a doctest (>>> and output)"
    return ""


def failing(message: str) -> Callable[[Example], str]:
    return lambda example: message


def skipping(reason: str) -> Callable[[Example], None]:
    def skip(example: Example) -> None:
        raise SkipTest(reason)

    return skip


#: Outputs no real example prints all of: an output check that accepts them all accepts anything.
PROBES = ["", "\x00 nothing like any output \x00\n", "0\n1\n"]


def hides_checking(example: doctest.Example) -> str:
    """The directive(s) that would let this example pass unchecked ('' when none)."""
    if example.options.get(doctest.SKIP):
        return "directive +SKIP accepts"
    on = [name for name, flag in doctest.OPTIONFLAGS_BY_NAME.items() if example.options.get(flag)]
    flags = sum(flag for flag, enabled in example.options.items() if enabled)
    checker = doctest.OutputChecker()
    if example.exc_msg is None and all(
        checker.check_output(example.want, p, flags) for p in PROBES
    ):
        names, many = " ".join(f"+{n}" for n in sorted(on)), len(on) > 1
        output = example.want.rstrip()
        return f"directive{'s' * many} {names} with the output {output!r} accept{'s' * (not many)}"
    return ""


def refuse_hidden(regions: Iterator[Region], name: str) -> Iterator[Region]:
    """Doctest regions; one whose directive hides checking fails instead, naming it."""
    for region in regions:
        directive = hides_checking(region.parsed)
        if directive:
            region.evaluator = refusal(name, directive)
        yield region


def refusal(name: str, directive: str) -> Callable[[Example], str]:
    return lambda example: (
        f"{name}:{example.line}: doctest {directive} any result: show the real output, "
        'or put <!-- skip: next "reason" --> above the fence'
    )


class PageParser:
    """Parses one Markdown page (or the README) into Sybil regions (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.config = str(root / "mkdocs.yml")

    def __call__(self, document: Document) -> Iterator[Region]:
        text = document.text
        rel = Path(document.path).relative_to(self.root).as_posix()

        def where(pos: int) -> str:
            return f"{rel}:{text.count(chr(10), 0, pos) + 1}"

        page = pagereader.read(text)
        for pos, why in page.problems:
            yield Region(pos, pos + 4, None, failing(f"{where(pos)}: {why}"))
        for fence in page.fences:
            here = where(fence.start)
            if fence.kind == "include":
                yield self.include(fence, here)
            elif fence.kind == "error":
                yield Region(fence.start, fence.end, None, failing(f"{here}: {fence.note}"))
            elif fence.kind == "skip":
                yield Region(fence.start, fence.end, None, skipping(f"{here}: {fence.note}"))
            elif fence.kind == "run":
                yield from self.runnable(fence, document.path, here)
        for pos, line in page.prose_includes:  # includes in the prose, outside any fence
            check = self.check(line, where(pos), {}, python=False)
            yield Region(pos, pos + len(line), None, check)

    @staticmethod
    def runnable(fence: pagereader.Fence, path: str, here: str) -> Iterator[Region]:
        source = Lexeme(fence.source, offset=fence.source_start - fence.start, line_offset=0)
        region = Region(fence.start, fence.end, lexemes={"source": source})
        if not fence.source.strip():
            yield Region(fence.start, fence.end, None, failing(f"{here}: empty Python fence"))
        elif fence.source.lstrip().startswith(">>>"):
            regions = list(doctests()(source, path))
            for r in regions:
                r.adjust(region, source)
            yield from refuse_hidden(iter(regions), here.rsplit(":", 1)[0])
            if not regions:
                yield Region(fence.start, fence.end, None, failing(f"{here}: no doctest in it"))
        else:
            yield Region(fence.start, fence.end, source, quiet_code)

    def include(self, fence: pagereader.Fence, here: str) -> Region:
        lines = [t for t in fence.source.splitlines() if t.strip()]
        if len(lines) != 1:
            return Region(
                fence.start,
                fence.end,
                None,
                failing(f"{here}: an include fence holds exactly one --8<-- line and nothing else"),
            )
        python = fence.lang in pagereader.python_languages()[0]
        return Region(fence.start, fence.end, None, self.check(lines[0], here, fence.attrs, python))

    def check(
        self, line: str, here: str, attrs: dict[str, str], python: bool
    ) -> Callable[[Example], str]:
        def evaluate(example: Example) -> str:
            problems, expanded, start = docsnippets.check_include(line, self.config)
            if not problems and python:
                include = pagereader.snippet(line)
                if include is None or include.span is None:
                    problems.append('listing includes always give a range: "path:start:end"')
                problems += docsnippets.parses(expanded, here)
            if not problems:
                problems += docsnippets.check_attrs(
                    attrs, start, len(expanded), need_linenums=python
                )
            return "".join(f"\n{here}: {line.strip()}: {p}" for p in problems)

        return evaluate


class DocstringParser:
    """Doctests anywhere in a module's text, as Sybil's reST DocTestParser finds them."""

    def __call__(self, document: Document) -> Iterator[Region]:
        name = Path(document.path).name
        yield from refuse_hidden(iter(doctests()(document.text, document.path)), name)


def page_patterns() -> list[str]:
    """Every file name MkDocs builds as a Markdown page (.md, .markdown, .mdown...)."""
    return [f"*{ext}" for ext in markdown_extensions]


def markdown_sybil(root: Path) -> Sybil:
    """Every Markdown page under ``root/docs``, top level included (``docs/**/*.md`` misses it)."""
    return Sybil([PageParser(root)], path=str(root / "docs"), patterns=page_patterns(), name="docs")


def readme_sybil(root: Path) -> Sybil:
    """README.md, under the same rules as the pages."""
    return Sybil(
        [PageParser(root)], path=str(root), filenames={"README.md"}, excludes=["*/*"], name="readme"
    )


def docstring_sybil(root: Path) -> Sybil:
    """Doctests in ``root/nn11``'s docstrings; the listings are never parsed or imported."""
    return Sybil(
        [DocstringParser()],
        path=str(root / "nn11"),
        patterns=["*.py"],
        excludes=LISTINGS,
        name="nn11",
    )
