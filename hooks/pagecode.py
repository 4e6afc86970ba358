"""A page's Markdown read in order (prose, runnable examples, listing includes), and the
script and notebook made from it. Pure functions: hooks/downloads.py calls them at build time,
the tests call them on the sources.

Which fences run is decided by hooks/pagereader.py, the reader the tests use: a fence whose
language is Python (any Pygments alias) and holds no ``--8<--`` include, not skipped; it is a
doctest when it starts with ``>>>``.

Output convention (the page shows what Python's own prompt prints): a doctest example that is a
single expression with output becomes ``sys.displayhook(<expression>)`` in the script, the very
function the interactive interpreter calls (``repr``, nothing for None); every other example is
copied as it is. The
notebook keeps bare expressions and switches IPython's pretty printer off in its first cell
(``%config PlainTextFormatter.pprint = False``), so a value is shown as its ``repr`` too.
"""

from __future__ import annotations

import ast
import doctest
import io
import json
import posixpath
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils import is_markdown_file

from hooks import pagereader, site

ADMONITION = re.compile(
    r"""^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+"(?P<title>[^"]*)")?"""
)
HEADING_ATTRS = re.compile(r"^(#{1,6}\s.*?)\s*\{[^{}]*\}\s*$")
COMMENT = re.compile(r"<!--.*?-->", re.S)
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)(?:\{[^}]*\})?")
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<href>[^)\s]+)\)")
PPRINT_OFF = (
    "%config PlainTextFormatter.pprint = False  # show values as Python's prompt does: repr"
)


@dataclass
class Block:
    """A fence of the page: ``kind`` is "doctest", "code" (runs as is), "include" or "other"."""

    kind: str
    lang: str
    source: str  # dedented fence body
    line: int  # 1-based line of the opening fence in the Markdown read


@dataclass
class Page:
    title: str
    parts: list[str | Block] = field(default_factory=list)  # prose (Markdown) and fences

    @property
    def examples(self) -> list[Block]:
        return [b for b in self.parts if isinstance(b, Block) and b.kind in ("doctest", "code")]


def read(markdown: str, title: str = "") -> Page:
    """The page's prose and fences in order (``markdown`` without its front matter), the fences
    read and classified by :mod:`hooks.pagereader`, as the tests read them: a skipped or shown
    fence is "other", never run."""
    page = Page(title)
    pos = 0
    for f in pagereader.read(markdown).fences:
        prose = markdown[pos : f.start].removesuffix("\n")
        if prose.strip():
            page.parts.append(prose)
        if f.kind == "run":
            kind = "doctest" if f.source.lstrip().startswith(">>>") else "code"
        else:
            kind = {"include": "include"}.get(f.kind, "other")
        page.parts.append(Block(kind, f.lang, f.source, f.line))
        pos = f.end
    if markdown[pos:].strip():
        page.parts.append(markdown[pos:].removesuffix("\n"))
    return page


def mark_examples(markdown: str) -> str:
    """``markdown`` with every runnable fence given the class ``nn11-example`` (the HTML then
    says which blocks are examples: the copy test runs exactly those)."""
    lines = markdown.splitlines()
    for f in pagereader.read(markdown).fences:
        if f.kind == "run":
            lines[f.line - 1] = f"{f.indent}{f.marker}{{ .{f.lang} .nn11-example }}"
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")


def prose_markdown(text: str, src_uri: str, site_url: str) -> str:
    """Prose as a notebook's Markdown: admonitions flattened, links made absolute, figures named."""
    out: list[str] = []
    text = IMAGE.sub(lambda m: _figure(m, src_uri, site_url), COMMENT.sub("", text))
    text = LINK.sub(lambda m: f"[{m['text']}]({absolute(m['href'], src_uri, site_url)})", text)
    for line in text.splitlines():
        line = line.strip()  # an admonition's body is indented: not code in a notebook
        if line.startswith("# "):
            continue  # the page's title: the script and notebook start with it
        a = ADMONITION.match(line)
        if a:
            out.append(f"**{a['title'] or a['kind'].capitalize()}**")
            continue
        line = HEADING_ATTRS.sub(r"\1", line)
        out.append(line)
    return "\n".join(out).strip("\n")


def _figure(m: re.Match[str], src_uri: str, site_url: str) -> str:
    if m["src"].endswith("#only-dark"):
        return ""
    return f"[Figure: {m['alt']}]({absolute(m['src'].split('#')[0], src_uri, site_url)})"


def absolute(href: str, src_uri: str, site_url: str) -> str:
    """A page-relative link as an address on the site (``.md`` pages mapped to their URLs)."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("/"):
        return href
    path, _, anchor = href.partition("#")
    if not path:
        target = src_uri
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    if is_markdown_file(target):
        target = site.page_url(target)  # MkDocs' own File.url
    return site_url.rstrip("/") + "/" + target + (f"#{anchor}" if anchor else "")


def include_text(block: Block, root: Path) -> str:
    """The listing lines an include shows (a whole file, or one ``:first:last`` range)."""
    (_, include), *_ = pagereader.includes(block.source)
    lines = (root / include.path).read_text(encoding="utf-8").splitlines()
    a, b = include.span or (1, len(lines))
    return "\n".join(lines[a - 1 : b])


@dataclass
class Step:
    """One unit of an example: code, and the output the page shows for it."""

    code: str
    want: str
    expression: bool


def steps(block: Block) -> list[Step]:
    if block.kind == "code":
        return [Step(block.source.rstrip("\n"), "", False)]
    out = []
    for ex in doctest.DocTestParser().get_examples(block.source):
        code = ex.source.rstrip("\n")
        try:
            tree = ast.parse(code)
            expression = len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr)
        except SyntaxError:
            expression = False
        out.append(Step(code, ex.want, expression))
    return out


def printed(code: str) -> str:
    """``sys.displayhook(<the expression>)``, comments kept at the end."""
    tree = ast.parse(code)
    value = tree.body[0].value  # type: ignore[attr-defined]
    expr = ast.get_source_segment(code, value)
    if isinstance(value, ast.Tuple):
        expr = f"({expr})"  # a, b -> one argument
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    comments = "  ".join(t.string for t in tokens if t.type == tokenize.COMMENT)
    return f"sys.displayhook({expr})" + (f"  {comments}" if comments else "")


def wants(page: Page) -> str:
    """Everything the page's examples show as output, in order."""
    return "".join(s.want for b in page.examples for s in steps(b))


def _comment(text: str) -> list[str]:
    return [("# " + t).rstrip() for t in text.splitlines()]


def script(page: Page, root: Path, src_uri: str, site_url: str, install: str) -> str:
    """The page as a Python script: prose as comments, examples as code, outputs printed."""
    url = absolute(posixpath.basename(src_uri), src_uri, site_url)
    out = [
        f"# {page.title}",
        f"# The examples of {url} in order, generated from the page when the site was built.",
        "# Run with plain python; it prints what the page shows. A value the page shows after",
        "# >>> is passed to sys.displayhook, which prints it as Python's prompt does (its repr).",
        f"# Needs nn11: {install}",
        "",
        "import sys",
        "",
    ]
    for part in page.parts:
        if isinstance(part, str):
            text = prose_markdown(part, src_uri, site_url)
            out += [*_comment(text), ""] if text else []
        elif part.kind in ("doctest", "code"):
            for s in steps(part):
                if s.expression and s.want:
                    out.append(printed(s.code))
                else:
                    out.append(s.code)
                out += [f"#   {t}".rstrip() for t in s.want.splitlines()]
            out.append("")
        elif part.kind == "include":
            out += ["# The listing, as the page shows it (not run here):"]
            out += [*_comment(include_text(part, root)), ""]
        else:
            out += [f"# ({part.lang or 'text'}, not Python:)", *_comment(part.source), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _cell(kind: str, source: str) -> dict[str, object]:
    cell: dict[str, object] = {"cell_type": kind, "metadata": {}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def notebook(page: Page, root: Path, src_uri: str, site_url: str, install: str) -> str:
    """The page as a Jupyter notebook (nbformat 4): prose as Markdown cells, one code cell per
    run of examples that ends in output, so each output sits under its code."""
    url = absolute(posixpath.basename(src_uri), src_uri, site_url)
    cells = [
        _cell(
            "markdown",
            f"# {page.title}\n\nThe examples of <{url}>, generated from the page when the site "
            f"was built. Needs nn11:\n\n```bash\n{install}\n```",
        ),
        _cell("code", PPRINT_OFF),
    ]
    for part in page.parts:
        if isinstance(part, str):
            text = prose_markdown(part, src_uri, site_url)
            if text:
                cells.append(_cell("markdown", text))
        elif part.kind in ("doctest", "code"):
            pending: list[str] = []
            for s in steps(part):
                pending.append(s.code)
                if s.want:
                    cells.append(_cell("code", "\n".join(pending)))
                    pending = []
            if pending:
                cells.append(_cell("code", "\n".join(pending)))
        else:
            text = include_text(part, root) if part.kind == "include" else part.source.rstrip()
            lang = "python" if part.kind == "include" else part.lang
            cells.append(_cell("markdown", f"```{lang}\n{text}\n```"))
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    for n, cell in enumerate(cells):
        cell["id"] = f"cell-{n}"
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
