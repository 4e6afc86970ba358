"""Griffe extension: render nn11's reST-flavoured docstrings as Markdown.

Doctests (``>>>`` blocks) become ``pycon`` fences (Markdown would otherwise read them as prose,
and ``x[0]["l1"]`` as a reference link); Sphinx roles such as :func:`train` become code.
Loaded by mkdocstrings, see mkdocs.yml.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:func|class|meth|attr|mod|data|obj):`~?([^`]+)`")


def to_markdown(text: str) -> str:
    """Fence each run of doctest lines (prompts and their output); roles to code."""
    out: list[str] = []
    in_block = False
    for line in text.splitlines():
        starts = line.lstrip().startswith(">>>")
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


class DoctestFences(griffe.Extension):
    def on_object(self, *, obj: griffe.Object, **_: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = to_markdown(obj.docstring.value)
