"""Read a page's code blocks the way Markdown (pymdownx.superfences) does, and classify each.

A fence opens where SuperFences' own start pattern matches (so a prose line that begins with
```` ```py``` ```` is inline code, not a fence) and closes at the same fence string. Each fence
is then one of:

- ``run``: a language Pygments maps to a Python or Python-console lexer; run by the tests;
- ``include``: a ``--8<--`` snippet include (checked, never run);
- ``skip``: a runnable fence right below ``<!-- skip: next "reason" -->``;
- ``shown``: a language in :data:`SHOWN`, shown and never run, for the reason given there;
- ``error``: anything else (unknown language, a fence hidden in an HTML comment...).

Snippet include lines are read with pymdownx.snippets' own grammar (:func:`snippet`).

tests/docexamples.py turns these into tests; tests/buildmatch.py matches them with the build;
hooks/pagecode.py makes each page's script and notebook from the same reading, and
hooks/griffe_doctest.py leaves the fences of a docstring as they are.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from pygments.lexers import find_lexer_class_by_name, get_all_lexers
from pygments.lexers.python import Python2Lexer, PythonConsoleLexer, PythonLexer
from pymdownx.snippets import SnippetPreprocessor
from pymdownx.superfences import RE_NESTED_FENCE_START

#: Fence languages shown on the site and never run, each with the reason.
SHOWN = {
    "bash": "shell commands: run in a terminal, not in Python",
    "console": "a terminal session: commands and what they print",
    "shell": "shell commands: run in a terminal, not in Python",
    "sh": "shell commands: run in a terminal, not in Python",
    "text": "plain text: output or a layout, nothing to run",
    "yaml": "configuration (front matter, mkdocs.yml)",
    "toml": "configuration (pyproject.toml)",
    "json": "data",
    "csv": "data (the CLI's input)",
    "diff": "a change to a file",
    "markdown": "page source, shown as an example of writing a page",
    "md": "page source, shown as an example of writing a page",
}

COMMENT = re.compile(r"^[ \t]*<!--.*?-->", re.DOTALL | re.MULTILINE)  # a block, not inline
DIRECTIVE = re.compile(
    r"\A<!--+\s*(?P<what>skip|invisible-code|clear-namespace)\b(?P<rest>.*?)--+>\Z", re.DOTALL
)
SKIP = re.compile(r""":\s*next\s+(?P<q>["'])(?P<reason>\S.*?)(?P=q)\s*""", re.DOTALL)
ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
OPEN = re.compile(r"^(?P<ws>[ \t]*)(?=`{3}|~{3})")


@dataclass(frozen=True)
class Include:
    """One snippet include line as pymdownx.snippets reads it (``--8<-- "path:29:30"``)."""

    spec: str  # between the quotes; "" for the block form (a bare ``--8<--`` line)
    path: str
    lines: str | None  # the line ranges (``:29:30``, ``:1:5,8:9``), None for none
    section: str | None  # a section name (``:name``), None for none

    @property
    def span(self) -> tuple[int, int] | None:
        """(first, last) of a single ``:first:last`` range, else None."""
        parts = (self.lines or "").split(":")
        if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
            return int(parts[1]), int(parts[2])
        return None


def snippet(line: str) -> Include | None:
    """The include on ``line`` (pymdownx's ``RE_ALL_SNIPPETS``, ``RE_SNIPPET_FILE``), or None
    for any other line, an escaped one (``;--8<--``) included."""
    m = SnippetPreprocessor.RE_ALL_SNIPPETS.match(line)
    if m is None or m["escape"]:
        return None
    if not m["snippet"]:
        return Include("", "", None, None)
    spec = m["snippet"][1:-1]
    parts = SnippetPreprocessor.RE_SNIPPET_FILE.match(spec)
    path, lines, section = parts.groups() if parts else (spec, None, None)
    return Include(spec, path.strip(), lines or None, section[1:] if section else None)


def includes(text: str) -> list[tuple[int, Include]]:
    """(offset of its line, the include) for every include line of ``text``."""
    found, pos = [], 0
    for line in text.splitlines(keepends=True):
        inc = snippet(line.rstrip("\r\n"))
        if inc is not None:
            found.append((pos, inc))
        pos += len(line)
    return found


@functools.cache
def python_languages() -> tuple[frozenset[str], frozenset[str]]:
    """(every alias Pygments maps to a Python lexer, those that are Python-console lexers)."""
    python, console = set(), set()
    for _name, aliases, _files, _mimes in get_all_lexers(plugins=True):
        for alias in aliases:
            cls = find_lexer_class_by_name(alias)
            if issubclass(cls, (PythonLexer, Python2Lexer)):
                python.add(alias)
            # Console lexers (pycon, IPython's) are not Python subclasses: name them by kind.
            elif issubclass(cls, PythonConsoleLexer) or "pythonconsole" in cls.__name__.lower():
                console.add(alias)
    return frozenset(python | console), frozenset(console)


@dataclass
class Fence:
    """One fenced block: where it is, its info string, its text (dedented as Markdown does)."""

    start: int  # offset of the opening line
    end: int  # offset just past the closing line
    line: int  # 1-based line of the opening
    info: str
    source: str
    source_start: int  # offset of the first source line
    lang: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    kind: str = ""  # run | include | skip | shown | error
    note: str = ""  # skip reason, shown reason, or the error
    indent: str = ""  # the opening line's indent
    marker: str = ""  # the fence string (```` ``` ````, ``~~~~``)


def info(text: str) -> tuple[str, dict[str, str]]:
    """Language and attributes of a fence's info string (`py title="x"`, `{ .python }`...)."""
    text = text.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1].strip()
    lang = text.split(None, 1)[0].lstrip(".").lower() if text else ""
    if "=" in lang:
        lang = ""
    return lang, {m[1]: m[2] or m[3] or m[4] or "" for m in ATTR.finditer(text)}


def fences(text: str) -> list[Fence]:
    """Top-level fenced blocks in page order, opened and closed as SuperFences does."""
    found: list[Fence] = []
    lines = text.splitlines(keepends=True)
    pos = 0
    open_: tuple[int, int, str, str, int] | None = None  # start, line, ws, fence, content start
    for n, line in enumerate(lines, 1):
        body = line.rstrip("\n")
        if open_ is None:
            m = OPEN.match(body)
            start = m and RE_NESTED_FENCE_START.match(body, len(m["ws"]))
            if m and start and not start["unrecognized"]:
                open_ = (pos, n, m["ws"], start["fence"], pos + len(line))
        else:
            begin, first, ws, fence, content = open_
            if re.fullmatch(rf"[ \t]*{re.escape(fence)}[ \t]*", body):
                raw = text[content:pos]
                source = "".join(
                    t[len(ws) :] if t.startswith(ws) else t.lstrip(" \t")
                    for t in raw.splitlines(keepends=True)
                )
                opening = text[begin:content].strip()[len(fence) :]
                lang, attrs = info(opening)
                found.append(
                    Fence(begin, pos + len(line), first, opening, source, content, lang, attrs)
                )
                found[-1].indent, found[-1].marker = ws, fence
                open_ = None
        pos += len(line)
    return found


def comments(text: str, blocks: list[Fence]) -> list[re.Match[str]]:
    """HTML comments in the prose (a comment shown inside a fence is text)."""
    return [
        m for m in COMMENT.finditer(text) if not any(f.start <= m.start() < f.end for f in blocks)
    ]


def is_include(fence: Fence) -> bool:
    return any(snippet(t) for t in fence.source.splitlines())


@dataclass
class Page:
    """A page as the tests see it: its classified fences, and problems outside any fence."""

    fences: list[Fence]
    problems: list[tuple[int, str]]  # (offset, message)
    prose_includes: list[tuple[int, str]]  # (offset, the include line)


def read(text: str) -> Page:
    """Classify every fence of a page (see the module docstring)."""
    python, _ = python_languages()
    blocks = fences(text)
    problems: list[tuple[int, str]] = []
    skips: dict[int, str] = {}
    hidden: set[int] = set()
    for m in comments(text, blocks):
        hidden |= {f.start for f in blocks if m.start() < f.start < m.end()}
        d = DIRECTIVE.match(m[0].strip())
        if d is None:
            continue
        nxt = next((f for f in blocks if f.start >= m.end()), None)
        s = SKIP.fullmatch(d["rest"])
        if d["what"] != "skip":
            why = f"{d['what']} directives are hidden setup; not allowed"
        elif s is None:
            why = 'write skips as <!-- skip: next "reason" -->'
        elif (
            nxt is None
            or text[m.end() : nxt.start].strip()
            or nxt.lang not in python
            or is_include(nxt)
        ):
            why = "a skip must stand right above a runnable Python fence"
        else:
            skips[nxt.start] = s["reason"]
            continue
        problems.append((m.start(), why))
    for f in blocks:
        if f.start in hidden:
            f.kind, f.note = "error", "a fence inside an HTML comment: it runs or hides unseen"
        elif is_include(f):
            f.kind = "include"
        elif f.lang in python:
            f.kind, f.note = ("skip", skips[f.start]) if f.start in skips else ("run", "")
        elif f.lang in SHOWN:
            f.kind, f.note = "shown", SHOWN[f.lang]
        elif not f.lang:
            f.kind, f.note = "error", "a fence without a language: write ```text for plain text"
        else:
            f.kind = "error"
            f.note = (
                f"unknown fence language {f.lang!r}: use python (run) or one of "
                f"{', '.join(sorted(SHOWN))} (shown, never run)"
            )
    prose = []
    for at, _ in includes(text):
        if not any(f.start <= at < f.end for f in blocks):
            eol = text.find("\n", at)
            prose.append((at, text[at : eol if eol >= 0 else len(text)]))
    return Page(blocks, problems, prose)
