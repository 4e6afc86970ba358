"""Single source: no statement of the post's listings is typed into docs/.

Listing lines reach the site only through ``--8<--`` includes. Every statement line of the three
listings (comments, blank lines, imports and bare data rows aside) is searched, whitespace
ignored, in every Markdown line under docs/ and in the notebooks' Markdown cells.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from pymdownx.snippets import SnippetPreprocessor

ROOT = Path(__file__).resolve().parent.parent
LISTINGS = ("nn11/two_layer.py", "nn11/three_layer.py", "nn11/eleven_lines.py")
SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return SPACE.sub("", text)


def statements(root: Path = ROOT) -> dict[str, str]:
    """Squeezed statement -> "file:line" for every non-trivial listing line."""
    found: dict[str, str] = {}
    for name in LISTINGS:
        for n, line in enumerate((root / name).read_text().splitlines(), 1):
            code = line.strip()
            if not code or code.startswith(("#", "import ", "from ")):
                continue
            if not re.search(r"[A-Za-z_]", code):  # a row of numbers such as `[0, 1, 1],`
                continue
            found.setdefault(squeeze(code), f"{name}:{n}")
    return found


def doc_lines(docs: Path) -> Iterator[tuple[str, str]]:
    """("path:line", text) for Markdown lines under ``docs`` that are not include lines."""
    for path in sorted(docs.rglob("*")):
        where = path.relative_to(docs.parent)
        if path.suffix == ".md":
            lines = path.read_text(encoding="utf-8").splitlines()
            for n, text in enumerate(lines, 1):
                yield f"{where}:{n}", text
        elif path.suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            for c, cell in enumerate(cells, 1):
                if cell["cell_type"] == "markdown":
                    source = cell["source"]
                    text = source if isinstance(source, str) else "".join(source)
                    for n, line in enumerate(text.splitlines(), 1):
                        yield f"{where} cell {c} line {n}", line


def typed_statements(docs: Path, root: Path = ROOT) -> list[str]:
    """Each place where a listing statement is typed out instead of included."""
    wanted = statements(root)
    pattern = re.compile(
        r"(?<![A-Za-z0-9_.])(" + "|".join(map(re.escape, sorted(wanted, key=len)[::-1])) + ")"
    )
    hits = []
    for where, text in doc_lines(docs):
        if SnippetPreprocessor.RE_ALL_SNIPPETS.match(text):  # an include, or one escaped (;--8<--)
            continue
        for m in pattern.finditer(squeeze(text)):
            hits.append(f"{where} types {wanted[m.group(1)]}: {text.strip()!r}")
    return hits


def test_statements_cover_the_listings() -> None:
    found = statements()
    assert len(found) >= 30  # distinct statements of the three listings
    assert squeeze("l1_error = l2_delta.dot(syn1.T)") in found
    assert squeeze("syn0 += np.dot(l0.T, l1_delta)") in found
    assert "[0,1,1]," not in found


def test_no_listing_statement_is_typed_into_docs() -> None:
    assert typed_statements(ROOT / "docs") == []


def test_a_typed_statement_is_caught(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "part1").mkdir(parents=True)
    (docs / "part1" / "ok.md").write_text(
        '```python linenums="29"\n--8<-- "nn11/two_layer.py:29:29"\n```\n'
        "The names `l1` and `syn0`, and `nonlin(l1, True)` on its own, are fine.\n"
    )
    (docs / "part1" / "bad.md").write_text(
        "Some prose.\n\n```python\n>>> l1_delta = l1_error *  nonlin(l1,True)\n```\n"
    )
    (docs / "index.md").write_text("Run `syn0 += l0.T.dot(l1_delta)` by hand.\n")
    (docs / "nb.ipynb").write_text(
        json.dumps(
            {
                "cells": [
                    {"cell_type": "markdown", "source": ["Here:\n", "    l2_error = y - l2\n"]},
                    {"cell_type": "code", "source": "l2_error = y - l2\n"},
                ]
            }
        )
    )
    hits = typed_statements(docs)
    assert len(hits) == 3, hits
    assert any("docs/part1/bad.md:4 types nn11/two_layer.py:36" in h for h in hits)
    assert any("docs/index.md:1 types nn11/three_layer.py:50" in h for h in hits)
    assert any("docs/nb.ipynb cell 1 line 2 types nn11/three_layer.py:33" in h for h in hits)


def test_longer_names_are_not_mistaken(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("`my_l0 = X` and `run.l0 = X` are not line 28.\n")
    assert typed_statements(docs) == []
    (docs / "a.md").write_text("`l0 = X` is line 28.\n")
    assert len(typed_statements(docs)) == 1
