"""MkDocs hook: a snippet include whose line range selects nothing sound fails the build.

pymdownx.snippets' ``check_paths`` catches a missing file only: a reversed range (``:30:29``),
an empty one (``:0:0``) or one past the file's end renders a short or empty block and passes
``--strict``. This hook reads each ``--8<-- "path:start:end"`` line of a page before
pymdownx expands it and raises, naming the page, the file and the range.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from pymdownx.snippets import SnippetPreprocessor

from hooks import pagereader


def range_problems(spec: str, bases: list[str]) -> list[str]:
    """What is wrong with the line ranges of one include spec (``path:1:5,8:9``)."""
    m = SnippetPreprocessor.RE_SNIPPET_FILE.match(spec)
    if m is None or not m[2]:
        return []  # a whole file or a section: pymdownx checks those
    path = m[1].strip()
    found = next((Path(b) / path for b in bases if (Path(b) / path).is_file()), None)
    if found is None:
        return []  # check_paths reports a missing file
    size = len(found.read_text(encoding="utf-8").splitlines())
    problems = []
    for part in m[2][1:].split(","):
        a, _, b = part.partition(":")
        if a.startswith("-") or b.startswith("-"):
            continue  # counted from the end: never past it
        start, end = int(a or 1), int(b or size)
        if start > end:
            why = "is reversed"
        elif start < 1 or end < 1:
            why = "is empty (lines count from 1)"
        elif end > size:
            why = f"runs past the end of {path} ({size} lines)"
        else:
            continue
        problems.append(f'--8<-- "{spec}": range {a}:{b} {why}')
    return problems


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    settings = config.mdx_configs.get("pymdownx.snippets", {})
    base = settings.get("base_path", ["."])
    bases = [str(b) for b in ([base] if isinstance(base, str) else base)]
    problems = []
    for _at, include in pagereader.includes(markdown):
        if include.spec:
            problems += range_problems(include.spec, bases)
    if problems:
        raise PluginError(f"{page.file.src_uri}: " + "; ".join(problems))
    return markdown
