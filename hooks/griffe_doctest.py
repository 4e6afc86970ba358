"""Griffe extension: render nn11's reST-flavoured docstrings as Markdown.

Doctests (``>>>`` blocks) become ``pycon`` fences (Markdown would otherwise read them as prose,
and ``x[0]["l1"]`` as a reference link); Sphinx roles such as :func:`train` become code.
Loaded by mkdocstrings, see mkdocs.yml.
"""

from __future__ import annotations

import re

import griffe

from hooks import pagereader

ROLE = re.compile(r":(?:func|class|meth|attr|mod|data|obj):`~?([^`]+)`")


def to_markdown(text: str) -> str:
    """Fence each run of doctest lines (prompts and their output) outside the fences the
    docstring already has (read by hooks/pagereader.py, as SuperFences reads them); roles to
    code."""
    out: list[str] = []
    in_block = False
    fenced = {n for f in pagereader.fences(text) for n in range(f.line, f.line + fence_lines(f))}
    for n, line in enumerate(text.splitlines(), 1):
        starts = line.lstrip().startswith(">>>") and n not in fenced
        if starts and not in_block:
            out.append("```pycon")
            in_block = True
        elif in_block and not line.strip():
            out.append("```")
            in_block = False
        out.append(line)
    if in_block:
        out.append("```")
    return ROLE.sub(r"`\1`", "\n".join(out))


def fence_lines(fence: pagereader.Fence) -> int:
    """How many lines a fence spans, its opening and closing lines included."""
    return fence.source.count("\n") + 2


class DoctestFences(griffe.Extension):
    def on_object(self, *, obj: griffe.Object, **_: object) -> None:
        if obj.docstring is not None:
            obj.docstring.value = to_markdown(obj.docstring.value)
