"""MkDocs hook: the side-by-side walkthrough pages, generated from the Line pages.

For every folder of Line pages (``part1/line-*.md``, ``part2/line-*.md``) ``on_files`` adds a
generated page ``<folder>/walkthrough.md`` (never written to docs/): the whole listing as one
snippet include numbered as the post, then each Line page's own Markdown body in line order,
its H1 turned into an H2 and its headings one level down. Edit a Line page and the walkthrough
follows; there is no second copy to keep in sync. A Line page's ``explains:`` and the listing
fence below its H1 come from hooks/linepage.py (its "where it sits" block stays off: the whole
listing is beside it).

The Markdown marks the layout with HTML comments; ``on_page_content`` turns them into the
wrappers that docs/stylesheets/walkthrough.css pins and docs/javascripts/walkthrough.js drives
(so no Markdown is nested inside raw HTML), and fails the build on a duplicate id.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from hooks import linepage, pagereader

PAGE = linepage.WALKTHROUGH
LINE_PAGE = re.compile(r"^(?P<folder>[^/]+)/line-(?P<n>\d+)\.md$")
HEADING = re.compile(r"^(?P<hashes>#{1,6})(?=\s)")
ATTRS = re.compile(r"\s*\{[^{}]*\}\s*$")  # a trailing attr_list on a heading
SAME_PAGE_LINK = re.compile(r"(\]\(|\]:\s*)#")
REF_DEF = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*(?P<target>\S+)")
MARKER = re.compile(r"<!-- nn11-wt:(?P<what>\w+)(?P<args>[^>]*?) -->")
ID = re.compile(r'\sid="([^"]+)"')

INTRO = """\
Andrew Trask suggested reading [his post]({post}) in two windows, the code in one and the
explanation in the other. This page does that for `{file}`: the whole listing stays put on one
side, numbered as in the post, while the explanations from this part's Line pages scroll past on
the other. The line(s) each explanation covers light up as it comes into view. Click a line
number to jump to its explanation; press <kbd>j</kbd> / <kbd>k</kbd> (or use the buttons) for
the next / previous one. On a narrow screen the listing comes first and the explanations follow.
"""
POST = "https://iamtrask.github.io/2015/07/12/basic-python-network/"


@dataclass(frozen=True)
class Step:
    """One Line page, as the walkthrough shows it."""

    src_uri: str  # e.g. part1/line-29.md
    file: str  # the listing it explains, e.g. nn11/two_layer.py
    first: int
    last: int
    title: str
    body: str  # Markdown, H1 removed, headings one level down

    @property
    def explains(self) -> linepage.LinePage:
        return linepage.LinePage(self.src_uri, self.file, self.first, self.last)

    @property
    def anchor(self) -> str:
        return self.explains.anchor


def _outside_fences(lines: list[str]) -> Iterable[tuple[int, str]]:
    """(index, line) of every line not inside a fenced block (the site's one fence reader)."""
    text = "\n".join(lines) + "\n"
    inside: set[int] = set()
    for fence in pagereader.fences(text):
        rows = text[fence.start : fence.end].count("\n")
        inside.update(range(fence.line - 1, fence.line - 1 + rows))
    return ((i, line) for i, line in enumerate(lines) if i not in inside)


def parse_line_page(src_uri: str, text: str) -> Step:
    """A Line page's front matter and body, ready to be shown on the walkthrough: its listing
    fence as hooks/linepage.py writes it (not its "where it sits" block: the whole listing is
    beside it), its H1 removed and its other headings one level down."""
    body, meta = get_data(text)
    explains = linepage.from_meta(src_uri, meta)
    if explains is None:
        raise PluginError(f"walkthrough: {src_uri} has no 'explains: {{file, lines}}' front matter")
    rows = linepage.fill(body, explains, None).splitlines()
    title = meta.get("title")
    h1 = None
    for i, line in _outside_fences(rows):
        m = HEADING.match(line)
        if m and len(m["hashes"]) == 1 and h1 is None:
            h1 = i
            title = title or ATTRS.sub("", line[1:]).strip()
        elif m and len(m["hashes"]) < 6:
            rows[i] = "#" + line
        if line.lstrip().startswith("[") or "](#" in line:
            rows[i] = SAME_PAGE_LINK.sub(lambda m: f"{m[1]}{Path(src_uri).name}#", rows[i])
    if not title:
        raise PluginError(f"walkthrough: {src_uri} has neither an H1 nor a title")
    if h1 is not None:
        del rows[h1]
    return Step(
        src_uri=src_uri,
        file=explains.file,
        first=explains.first,
        last=explains.last,
        title=str(title),
        body="\n".join(rows).strip("\n"),
    )


def _check(folder: str, steps: list[Step], n_lines: int) -> None:
    files = {s.file for s in steps}
    if len(files) != 1:
        raise PluginError(f"walkthrough: {folder}/ Line pages explain several files: {files}")
    overlaps = linepage.order_problems(s.explains for s in steps)  # steps in line order
    if overlaps:
        raise PluginError("walkthrough: " + "; ".join(overlaps))
    if steps[-1].last > n_lines:
        raise PluginError(f"walkthrough: {steps[-1].src_uri} explains past line {n_lines}")
    refs: dict[str, tuple[str, str]] = {}
    for s in steps:
        for _, line in _outside_fences(s.body.splitlines()):
            m = REF_DEF.match(line)
            if not m:
                continue
            label, target = m["label"].lower(), m["target"]
            if refs.setdefault(label, (target, s.src_uri))[0] != target:
                raise PluginError(
                    f"walkthrough: link label [{label}] means {refs[label][0]} in "
                    f"{refs[label][1]} but {target} in {s.src_uri}"
                )


def render(folder: str, steps: list[Step], n_lines: int) -> str:
    """The walkthrough page's Markdown for one folder of Line pages."""
    steps = sorted(steps, key=lambda s: s.first)
    _check(folder, steps, n_lines)
    file = steps[0].file
    own = {Path(s.src_uri).name: s.anchor for s in steps}
    out = [
        "---",
        "hide: [navigation, toc]",
        "search: {exclude: true}",
        "---",
        "",
        "# Walkthrough (side by side)",
        "",
        INTRO.format(post=POST, file=file),
        f"<!-- nn11-wt:start {file} -->",
        "",
        '```python linenums="1"',
        f'--8<-- "{file}:1:{n_lines}"',
        "```",
        "",
        "<!-- nn11-wt:steps -->",
        "",
    ]
    for s in steps:
        # Links to a Line page shown here become links to its section.
        body = re.sub(
            r"\]\((line-\d+\.md)\)",
            lambda m: f"](#{own[m[1]]}-title)" if m[1] in own else m[0],
            s.body,
        )
        span = f"Line {s.first:02d}" if s.first == s.last else f"Lines {s.first}-{s.last}"
        out += [
            f"<!-- nn11-wt:step {s.first} {s.last} {s.anchor} -->",
            "",
            f"## {s.title} {{#{s.anchor}-title}}",
            "",
            body,
            "",
            f"[{span} on its own page]({Path(s.src_uri).name}){{ .nn11-wt__own }}",
            "",
        ]
    out += ["<!-- nn11-wt:end -->", ""]
    return "\n".join(out)


def pages(sources: Mapping[str, str], root: Path) -> dict[str, str]:
    """{generated src_uri: Markdown} from {Line page src_uri: its text}; listings under root."""
    folders: dict[str, list[Step]] = {}
    for uri, text in sources.items():
        m = LINE_PAGE.match(uri)
        if m:
            folders.setdefault(m["folder"], []).append(parse_line_page(uri, text))
    out = {}
    for folder, steps in sorted(folders.items()):
        n_lines = len((root / steps[0].file).read_text(encoding="utf-8").splitlines())
        out[f"{folder}/{PAGE}"] = render(folder, steps, n_lines)
    return out


def _replace_marker(m: re.Match[str], state: dict[str, bool]) -> str:
    what, args = m["what"], m["args"].split()
    close = "</section>\n" if state.pop("open", False) else ""
    if what == "start":
        label = html.escape(f"The whole listing, {args[0]}", quote=True)
        return (
            f'<div class="nn11-wt" data-file="{html.escape(args[0], quote=True)}">\n'
            f'<div class="nn11-wt__listing" role="region" aria-label="{label}">'
        )
    if what == "steps":
        return '</div>\n<div class="nn11-wt__steps">'
    if what == "step":
        first, last, anchor = args
        state["open"] = True
        return (
            f'{close}<section class="nn11-wt__step" id="{anchor}" data-first="{first}" '
            f'data-last="{last}" aria-labelledby="{anchor}-title">'
        )
    if what == "end":
        return f"{close}</div>\n</div>"
    raise PluginError(f"walkthrough: unknown marker {m[0]}")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    sources = {
        f.src_uri: f.content_string
        for f in files.documentation_pages()
        if LINE_PAGE.match(f.src_uri)
    }
    root = linepage.root_of(config)
    for uri, text in pages(sources, root).items():
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"walkthrough: {uri} is generated; remove docs/{uri}")
        files.append(File.generated(config, uri, content=text))
    return files


def on_page_content(html_text: str, page: Page, **_: object) -> str:
    if not (page.file.generated_by and page.file.src_uri.endswith(f"/{PAGE}")):
        return html_text
    state: dict[str, bool] = {}
    out = MARKER.sub(lambda m: _replace_marker(m, state), html_text)
    dups = [i for i, n in Counter(ID.findall(out)).items() if n > 1]
    if dups:
        raise PluginError(f"walkthrough: {page.file.src_uri} repeats ids {sorted(dups)}")
    return out
