"""MkDocs hook: the copy button of an example copies code only.

Material's copy button copies the text of the closest ``[data-copy]`` around the code, else
the code as shown. For every block whose first line is a ``>>>`` prompt (any lexer) or a
``console`` block, this hook stores the bare code in ``data-copy`` on the block: prompts
(``>>> ``, ``... ``, ``$ ``) removed, output lines dropped, as sphinx-copybutton does. It also
marks each prompt (``span.nn11-gp``, never selected with the mouse) and each output line
(``.nn11-go`` on its line) so docs/javascripts/copy.js can hide both on request.
Other blocks (listing excerpts, bash) keep Material's behaviour: their text as shown.
Blocks whose line ids repeat an earlier block's (mkdocstrings' signatures) are renumbered, and
every block's ``<pre>`` gets an id of its own (see ``name_blocks``).
"""

from __future__ import annotations

import html
import re

BLOCK = re.compile(
    r'<div class="(?P<cls>[^"]*\bhighlight\b[^"]*)"><pre><span></span><code>(?P<code>.*?)</code>'
    r"</pre></div>",
    re.S,
)
LINE = re.compile(r'<span id="(?P<id>[^"]*__span-[\d-]+)">(?P<body>.*?)\n</span>', re.S)
TOKEN = re.compile(r"<[^>]*>|&[#\w]+;|[^<&]")
TAG = re.compile(r"<[^>]*>")
PRE = re.compile(r"<pre>(<span></span><code)")
ANY_BLOCK = re.compile(r'<div class="[^"]*\bhighlight\b[^"]*">.*?</code></pre>', re.S)
LINE_ID = re.compile(r'\bid="([^"]*__(?:span|codelineno)-\d+-\d+)"')
LINE_ID_PARTS = re.compile(r"((?:[\w.-]*--)?__(?:span|codelineno))-\d+-")


def text_of(fragment: str) -> str:
    return html.unescape(TAG.sub("", fragment))


def split(lines: list[str], console: bool = False) -> list[tuple[str, int]]:
    """Each line's role and prompt width: ("prompt", 4) for ``>>> x``, ("more", 4) for a
    continuation, ("output", 0) for printed output (``console``: ``$ `` lines are commands)."""
    roles: list[tuple[str, int]] = []
    for line in lines:
        if console:
            roles.append(("prompt", 2) if line.startswith("$ ") else ("output", 0))
        elif line.startswith(">>> ") or line == ">>>":
            roles.append(("prompt", min(4, len(line))))
        elif (
            roles
            and roles[-1][0] in ("prompt", "more")
            and (line.startswith("... ") or line == "...")
        ):
            roles.append(("more", min(4, len(line))))
        else:
            roles.append(("output", 0))
    return roles


def code_only(lines: list[str], console: bool = False) -> str:
    """What the copy button copies: the code lines without their prompts."""
    return "\n".join(
        line[width:]
        for line, (role, width) in zip(lines, split(lines, console), strict=True)
        if role != "output"
    )


def is_session(lines: list[str], classes: str) -> bool:
    first = next((t for t in lines if t.strip()), "")
    return first.startswith(">>>") or "language-console" in classes.split()


def _cut_prompt(body: str, width: int) -> str:
    """The line's HTML with its first ``width`` characters moved into ``span.nn11-gp``."""
    out, prompt, left = [], "", width
    for tok in TOKEN.findall(body):
        if left and not tok.startswith("<"):
            prompt += html.unescape(tok)
            left -= 1
            continue
        out.append(tok)
    return f'<span class="nn11-gp">{html.escape(prompt, quote=False)}</span>' + "".join(out)


def mark(match: re.Match[str]) -> str:
    classes, code = match["cls"], match["code"]
    found = list(LINE.finditer(code))
    lines = [text_of(m["body"]) for m in found] if found else text_of(code).split("\n")
    if not is_session(lines, classes):
        return match[0]
    console = "language-console" in classes.split()
    copy = html.escape(code_only(lines, console), quote=True)
    if found:
        roles = split(lines, console)
        parts, last = [], 0
        for m, (role, width) in zip(found, roles, strict=True):
            parts.append(code[last : m.start()])
            body = _cut_prompt(m["body"], width) if width else m["body"]
            extra = ' class="nn11-go"' if role == "output" else ""
            parts.append(f'<span id="{m["id"]}"{extra}>{body}\n</span>')
            last = m.end()
        code = "".join(parts) + code[last:]
    return (
        f'<div class="{classes} nn11-session" data-copy="{copy}"><pre><span></span><code>{code}'
        "</code></pre></div>"
    )


def unique_line_ids(html_text: str) -> str:
    """Renumber a block whose line ids (``__span-0-1``, ``__codelineno-0-1``) an earlier block
    of the page already uses: mkdocstrings numbers each signature's block 0."""
    seen: set[str] = set()
    fresh = iter(range(1000, 10**6))

    def one(block: re.Match[str]) -> str:
        text = block[0]
        ids = set(LINE_ID.findall(text))
        if ids & seen:
            n = next(fresh)
            text = LINE_ID_PARTS.sub(lambda m: f"{m[1]}-{n}-", text)
            ids = set(LINE_ID.findall(text))
        seen.update(ids)
        return text

    return ANY_BLOCK.sub(one, html_text)


def name_blocks(html_text: str) -> str:
    """An id on every code block's ``<pre>``. Material names a block (and its copy button's
    target) ``__code_<id of the closest element with an id>``: without its own, all blocks
    in one walkthrough section would share a name, and a notebook cell's id
    (``cell-id=intro``) makes an invalid selector."""
    count = iter(range(10**6))
    return PRE.sub(lambda m: f'<pre id="nn11-code-{next(count)}">{m[1]}', html_text)


def on_page_content(html_text: str, **_: object) -> str:
    return name_blocks(BLOCK.sub(mark, unique_line_ids(html_text)))
