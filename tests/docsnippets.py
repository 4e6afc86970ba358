"""Check ``--8<--`` includes the way pymdownx.snippets expands them with mkdocs.yml's settings.

The build only fails on a missing file: an out-of-range, reversed or partly out-of-range line
range renders a short or empty block, and a section marker inside the range shifts the
numbering. Each check here returns a list of problems (empty when the include is sound).
"""

from __future__ import annotations

import ast
import functools
import textwrap
from pathlib import Path
from typing import Any

from hooks import pagereader


@functools.cache
def markdown_for(config_file: str) -> Any:
    """A Markdown converter with ``config_file``'s extensions and settings, as MkDocs builds it."""
    import markdown
    from mkdocs.config import load_config

    config = load_config(config_file)
    if "pymdownx.snippets" not in config.markdown_extensions:
        raise RuntimeError(f"{config_file} does not enable pymdownx.snippets")
    return markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )


@functools.cache
def preprocessor(config_file: str) -> Any:
    """pymdownx's own SnippetPreprocessor from that converter (config loaded once per session)."""
    pre = markdown_for(config_file).preprocessors["snippet"]
    pre.auto_append = []  # appended to whole pages, not to one include line
    return pre


def check_include(line: str, config_file: str) -> tuple[list[str], list[str], int]:
    """Expand one include line; return (problems, expanded lines, first line number)."""
    from pymdownx.snippets import SnippetMissingError

    include = pagereader.snippet(line)  # pymdownx's own grammar
    if include is None or not include.spec:
        return ['use the one-line form: --8<-- "path:start:end"'], [], 0
    pre = preprocessor(config_file)
    path, ranges, section = pre.split_path(include.spec)
    if section:
        return [f"section include {include.spec!r}: use a line range, never section markers"], [], 0
    found = pre.get_snippet_path(path.strip())
    if found is None:
        return [f"{path!r} not found under snippets base_path {pre.base_path}"], [], 0
    lines = pre.read_lines(found)  # as pymdownx reads it: a final newline gives a last ""
    size = len(Path(found).read_text(encoding=pre.encoding).splitlines())
    if ranges is None:  # the whole file
        start, end, wanted = 1, size, lines
    elif include.span is None:
        return [f"range {ranges!r}: give exactly one range :start:end"], [], 0
    else:
        start, end = include.span
        if not 1 <= start <= end <= size:
            how = "reversed" if start > end else "outside the file"
            return [f"range {start}..{end} is {how}: {path} has {size} lines"], [], 0
        wanted = lines[start - 1 : end]
    problems = [
        f"{path}:{start + i} is a section marker inside the range (it would vanish)"
        for i, text in enumerate(wanted)
        if pre.match_section(text)
    ]
    try:
        expanded = pre.run([line.strip()])
    except SnippetMissingError as e:
        return [f"pymdownx: {e}"], [], start
    if expanded != wanted:  # exactly the file's lines (dedent_subsections would break this)
        problems.append(f"pymdownx expands it to {expanded!r}, not lines {start}..{end} of {path}")
    return problems, expanded[: end - start + 1], start


def parses(lines: list[str], where: str) -> list[str]:
    """A listing fragment must still be Python: dedent it and parse it (never run it)."""
    text = textwrap.dedent("\n".join(lines)).rstrip()
    body = [t for t in text.splitlines() if t.strip() and not t.lstrip().startswith("#")]
    if body and body[-1].rstrip().endswith(":"):  # a header whose body lies outside the range
        indent = len(body[-1]) - len(body[-1].lstrip())
        text += "\n" + " " * (indent + 4) + "pass"
    try:
        ast.parse(text, where)
    except SyntaxError as e:
        return [f"the included lines are not Python on their own ({e.msg}, line {e.lineno})"]
    return []


def check_attrs(attrs: dict[str, str], start: int, size: int, *, need_linenums: bool) -> list[str]:
    """``linenums`` must equal the range start; ``hl_lines`` must fall inside the block."""
    problems = []
    linenums = attrs.get("linenums")
    if linenums is None:
        if need_linenums:
            problems.append(f'add linenums="{start}" (the range start) to the fence')
    elif linenums.split()[0] != str(start):
        problems.append(f'linenums="{linenums}" but the range starts at {start}')
    for part in attrs.get("hl_lines", "").split():
        a, _, b = part.partition("-")
        if not (a.isdigit() and (b or a).isdigit()):
            problems.append(f"hl_lines {part!r} is not a line number or a-b range")
        elif not 1 <= int(a) <= int(b or a) <= size:
            problems.append(
                f"hl_lines {part!r} falls outside the block's {size} lines (counted from 1)"
            )
    return problems
