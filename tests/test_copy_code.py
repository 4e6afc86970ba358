"""Copy gives code only (hooks/copycode.py), and no id appears twice, on every built page."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

from hooks import pagereader
from tests.hookmods import DOCS, hook, page_dir, page_markdown

copycode = hook("copycode")
pagecode = hook("pagecode")

ID = re.compile(r"""\sid\s*=\s*["']([^"']*)["']""")
BLOCK = re.compile(
    r'<div class="(?P<cls>[^"]*\bhighlight\b[^"]*)"(?P<attrs>[^>]*)><pre[^>]*><span></span>'
    r"<code>(?P<code>.*?)</code></pre></div>",
    re.S,
)
COPY = re.compile(r'data-copy="([^"]*)"')
PROMPT = re.compile(r"^(>>>|\.\.\.)( |$)|^\$ ", re.M)


def duplicate_ids(page: str) -> list[str]:
    return sorted(i for i, n in Counter(ID.findall(page)).items() if n > 1)


def copy_problems(page: str) -> list[str]:
    """Blocks shown as a session (>>> first) whose copy is not code only."""
    problems = []
    for n, m in enumerate(BLOCK.finditer(page)):
        lines = copycode.text_of(m["code"]).split("\n")
        if not copycode.is_session(lines, m["cls"]):
            continue
        copy = COPY.search(m["attrs"])
        if copy is None:
            problems.append(f"block {n}: shown with prompts, copies them too (no data-copy)")
            continue
        text = html.unescape(copy[1])
        if PROMPT.search(text):
            problems.append(f"block {n}: its copy keeps a prompt: {text[:80]!r}")
        elif text != copycode.code_only(lines, "language-console" in m["cls"].split()):
            problems.append(f"block {n}: its copy is not the block's code lines: {text[:80]!r}")
    return problems


def built(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def test_code_only_rules() -> None:
    lines = [">>> for i in range(2):", "...     print(i)", "...", "0", "1", ">>> x = 1", ">>>"]
    assert copycode.code_only(lines) == "for i in range(2):\n    print(i)\n\nx = 1\n"
    # "..." only continues a prompt; after output it is output (numpy's summarised arrays).
    assert copycode.code_only([">>> a", "[1", "...", " 2]"]) == "a"
    assert (
        copycode.code_only(["$ nn11 run two-layer", "Output"], console=True) == "nn11 run two-layer"
    )


def test_marked_html_hides_prompt_and_output() -> None:
    page = (
        '<div class="language-python highlight"><pre><span></span><code>'
        '<span id="__span-0-1"><a id="a1"></a><span class="o">&gt;&gt;&gt;</span> '
        '<span class="mi">1</span>\n</span>'
        '<span id="__span-0-2"><a id="a2"></a><span class="mi">1</span>\n</span>'
        "</code></pre></div>"
    )
    out = copycode.on_page_content(page)
    assert 'data-copy="1"' in out
    assert '<span class="nn11-gp">&gt;&gt;&gt; </span>' in out
    assert '<span id="__span-0-2" class="nn11-go">' in out
    assert copy_problems(out) == []
    assert copycode.text_of(out) == copycode.text_of(page)  # the reader sees the same text


def test_every_session_block_copies_code_only(site_dir: Path) -> None:
    pages = {p: p.read_text("utf-8") for p in built(site_dir)}
    sessions = sum(len(re.findall(r"nn11-session", t)) for t in pages.values())
    assert sessions >= 40  # the issue counted 40 blocks with prompts
    assert {str(p.relative_to(site_dir)): copy_problems(t) for p, t in pages.items()} == {
        str(p.relative_to(site_dir)): [] for p in pages
    }


def test_guard_catches_a_copy_that_keeps_a_prompt(site_dir: Path) -> None:
    page = (site_dir / "part1/line-29/index.html").read_text("utf-8")
    unmarked = re.sub(r' data-copy="[^"]*"', "", page, count=1)
    assert copy_problems(unmarked) == [
        "block 0: shown with prompts, copies them too (no data-copy)"
    ]
    kept = re.sub(r'data-copy="', 'data-copy="&gt;&gt;&gt; ', page, count=1)
    assert copy_problems(kept)[0].startswith("block 0: its copy keeps a prompt")
    with_output = re.sub(r'data-copy="([^"]*)"', r'data-copy="\1&#10;array([[0.269 ],"', page)
    assert copy_problems(with_output)[0].startswith("block 0: its copy is not the block's code")


def test_no_page_repeats_an_id(site_dir: Path) -> None:
    found = {
        str(p.relative_to(site_dir)): duplicate_ids(p.read_text("utf-8")) for p in built(site_dir)
    }
    assert found == {k: [] for k in found}
    # Material names each block's <pre> after its closest id: every block has one of its own,
    # so no two blocks of a walkthrough section share a name.
    walkthrough = (site_dir / "part1/walkthrough/index.html").read_text("utf-8")
    assert "<pre><span></span><code" not in walkthrough
    assert len(re.findall(r'<pre id="nn11-code-\d+"><span></span><code', walkthrough)) >= 18


def test_guard_catches_a_repeated_id() -> None:
    assert duplicate_ids('<p id="a"></p><span id="b"></span><pre id=\'a\'>') == ["a"]
    block = (
        '<div class="language-python highlight"><pre><span></span><code><span id="x--__span-0-1">'
        '<a id="x--__codelineno-0-1" href="#x--__codelineno-0-1"></a>f()\n</span>'
        "</code></pre></div>"
    )
    assert duplicate_ids(block * 2) == ["x--__codelineno-0-1", "x--__span-0-1"]
    fixed = copycode.unique_line_ids(block * 2)
    assert duplicate_ids(fixed) == []
    assert 'id="x--__codelineno-1000-1" href="#x--__codelineno-1000-1"' in fixed


def test_examples_marked_are_the_tests_examples(site_dir: Path) -> None:
    """The HTML marks (nn11-example) exactly the fences the doc tests run, page by page."""
    for uri, markdown in page_markdown(figures=False).items():  # lines as in the file, below

        runnable = [b.line for b in pagecode.read(markdown).examples]
        page = (site_dir / page_dir(uri) / "index.html").read_text("utf-8")
        assert len(re.findall(r'class="[^"]*\bnn11-example\b', page)) == len(runnable), uri
        path = DOCS / uri
        if path.exists():  # generated walkthrough pages have no file for the tests' reader
            text = path.read_text("utf-8")
            theirs = [f.line for f in pagereader.read(text).fences if f.kind == "run"]
            offset = text.count("\n") - markdown.count("\n")
            assert [n + offset for n in runnable] == theirs, uri
