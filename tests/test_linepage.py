"""hooks/linepage.py: a Line page is its front matter and prose; the build writes the rest.

A new Line page added to a scratch copy of the site (the page and one nav line, nothing else)
builds with its numbered listing, its "where it sits" block and its walkthrough step; with a
stale pin the strict build fails and prints the fresh one. The module's own refusals are each
proven on a page that breaks them.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from hooks import linepage, pagereader
from tests import buildmatch, docsnippets
from tests.sources import line_pages

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = line_pages(ROOT)


def built_markdown(page: linepage.LinePage) -> str:
    return linepage.as_built(page.src_uri, (DOCS / page.src_uri).read_text("utf-8"), ROOT)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.src_uri)
def test_generated_includes_are_sound(page: linepage.LinePage) -> None:
    """The includes the hook writes pass the checks the doc tests give typed ones (Sybil no
    longer sees them: they are not in the file)."""
    config = str(ROOT / "mkdocs.yml")
    includes = [f for f in pagereader.read(built_markdown(page)).fences if f.kind == "include"]
    assert len(includes) >= 2  # the listing and the "where it sits" excerpt
    for fence in includes[:2]:
        (line,) = [t for t in fence.source.splitlines() if t.strip()]
        problems, expanded, start = docsnippets.check_include(line, config)
        assert problems == [], (page.src_uri, line)
        assert docsnippets.parses(expanded, page.src_uri) == []
        attrs = docsnippets.check_attrs(fence.attrs, start, len(expanded), need_linenums=True)
        assert attrs == [], (page.src_uri, line)


def test_the_pages_hold_no_typed_header() -> None:
    for page in PAGES:
        text = (DOCS / page.src_uri).read_text("utf-8")
        assert linepage.CONTEXT_START not in text and linepage.CONTEXT_END not in text
        assert "\n".join(page.listing_fence()) not in text, page.src_uri


# --- the module's refusals -------------------------------------------------------------------

PAGE = (
    "---\nexplains:\n  file: nn11/two_layer.py\n  lines: [29, 29]\n{extra}---\n\n"
    "# Line 29: t\n\nProse.\n"
)


def page_with(extra: str = "") -> str:
    return PAGE.format(extra=extra)


def test_header_goes_below_the_h1_or_at_the_top() -> None:
    page = linepage.LinePage("part1/line-29.md", "nn11/two_layer.py", 29, 29)
    out = linepage.fill("# Title\n\n\nProse.\n", page, None)
    assert (
        out
        == '# Title\n\n```python linenums="29"\n--8<-- "nn11/two_layer.py:29:29"\n```\n\nProse.\n'
    )
    assert linepage.fill("Prose.\n", page, None).startswith('```python linenums="29"\n')
    with_block = linepage.fill("# Title\n\nProse.\n", page, ROOT)
    assert with_block.index("```\n\n<!-- nn11-context -->\n??? abstract") < with_block.index(
        "Prose"
    )
    assert "[Watch it learn](../play/explorer.md)" in with_block


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        ("  context: [24, 35]\n", "must start and end on a line that is not blank"),
        ("  context: [30, 35]\n", "must surround lines 29-29"),
        ("  context: [28, 29]\n", "at least two lines more"),
        ("  context: [23, 60]\n", "must surround lines 29-29 inside nn11/two_layer.py (1..42)"),
        ("  context: 23\n", "explains.context must be [first, last]"),
        ("  sha: 1cdb49ef78a4\n  range: [1, 2]\n", "unknown keys ['range']"),
    ],
)
def test_bad_explains_fail(extra: str, says: str) -> None:
    assert linepage.as_built("part1/line-29.md", page_with("  context: [23, 35]\n"), ROOT)
    with pytest.raises(linepage.LinePageError, match=re.escape(says)):
        linepage.as_built("part1/line-29.md", page_with(extra), ROOT)


def test_a_line_past_the_listing_fails() -> None:
    text = page_with().replace("[29, 29]", "[42, 43]")
    page = linepage.read("part1/line-42.md", text)
    assert page is not None
    with pytest.raises(
        linepage.LinePageError, match=re.escape("explains past line 42 of nn11/two_layer.py")
    ):
        linepage.check(page, ROOT)


def test_a_missing_or_stale_pin_fails_with_the_fresh_one() -> None:
    fresh = hashlib.sha256(
        (ROOT / "nn11/two_layer.py").read_text("utf-8").splitlines(keepends=True)[28].encode()
    ).hexdigest()[:12]
    good = linepage.read("p.md", page_with(f"  sha: {fresh}\n"))
    assert good is not None and good.pin_problem(ROOT) == ""
    for extra in ("", "  sha: 000000000000\n"):
        page = linepage.read("p.md", page_with(extra))
        assert page is not None
        with pytest.raises(linepage.LinePageError, match=f"`sha: {fresh}`"):
            linepage.check(page, ROOT)


def test_nav_out_of_line_order_fails_the_build() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    files = get_files(config)
    nav = linepage.on_nav(get_navigation(files, config), config=config, files=files)
    assert len([p for p in nav.pages if p.file.src_uri.startswith("part1/line-")]) == 13
    part1 = config.nav[1]["Part 1: a 2-layer network"]
    part1[1], part1[2] = part1[2], part1[1]  # Line 04 before Line 01
    with pytest.raises(linepage.LinePageError, match=r"line-01\.md .* comes after .*line-04\.md"):
        linepage.on_nav(get_navigation(files, config), config=config, files=files)


def test_pin_script_prints_the_pin_and_refuses_bad_input() -> None:
    run = [sys.executable, str(ROOT / "tools/pin.py")]
    page = PAGES[0]
    want = linepage.pin(ROOT, page.file, page.first, page.last)
    for args in ([f"docs/{page.src_uri}"], [page.file, str(page.first), str(page.last)]):
        out = subprocess.run([*run, *args], cwd=ROOT, capture_output=True, text=True, check=True)
        assert out.stdout == f"{want}\n"
    for args, says in [
        ([page.file, "2", "x"], "FIRST LAST: expected two line numbers"),
        ([page.file, "40", "99"], "42 lines; 40..99 is not a range"),
        (["docs/nope.md"], "PAGE: docs/nope.md is not a file"),
    ]:
        bad = subprocess.run([*run, *args], cwd=ROOT, capture_output=True, text=True)
        assert bad.returncode == 2 and bad.stdout == ""
        assert bad.stderr.count("\n") == 1 and says in bad.stderr, bad.stderr


# --- a new Line page in a scratch site: front matter, prose and one nav line -----------------

NEW = "part1/line-41.md"
NAV_AFTER = '      - "Line 39: the update": part1/line-39.md\n'
NAV_LINE = '      - "Lines 41-42: the printout": part1/line-41.md\n'
PROSE = "A sentence about the printout that only this test writes."
NEW_PAGE = f"""---
title: "Lines 41-42: the printout"
explains:
  file: nn11/two_layer.py
  lines: [41, 42]
  sha: {{sha}}
---

# Lines 41-42: the printout

{PROSE}
"""
#: What the scratch site shares with the repository, unchanged (the hooks' caches stay warm:
#: hooks/cache.py resolves its folder through the link).
SHARED = ["nn11", "hooks", "overrides", "pyproject.toml", "README.md", "LICENSE"]


def build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )


@pytest.mark.full  # full gate: two builds of a scratch site
def test_a_new_line_page_is_its_front_matter_prose_and_nav_line(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(DOCS, root / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    for name in SHARED:
        (root / name).symlink_to(ROOT / name)
    for notebook in (root / "docs").rglob("*.ipynb"):  # hooks/notebook_run.py keeps the path
        notebook.unlink()  # below the repository: it must resolve there
        notebook.symlink_to(DOCS / notebook.relative_to(root / "docs"))
    yml = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert yml.count(NAV_AFTER) == 1
    (root / "mkdocs.yml").write_text(yml.replace(NAV_AFTER, NAV_AFTER + NAV_LINE), "utf-8")
    listing = (ROOT / "nn11/two_layer.py").read_text("utf-8").splitlines(keepends=True)
    fresh = hashlib.sha256("".join(listing[40:42]).encode()).hexdigest()[:12]

    # A stale pin fails the strict build, and the message gives the fresh one.
    (root / "docs" / NEW).write_text(NEW_PAGE.format(sha="0123456789ab"), "utf-8")
    failed = build(root, tmp_path / "site")
    assert failed.returncode != 0
    assert f"{NEW}: nn11/two_layer.py:41-42 changed (pin 0123456789ab, now {fresh})" in (
        failed.stderr
    ), failed.stderr[-3000:]

    # With the fresh pin it builds: listing numbered 41-42, the block, the walkthrough step.
    (root / "docs" / NEW).write_text(NEW_PAGE.format(sha=fresh), "utf-8")
    done = build(root, tmp_path / "site")
    assert done.returncode == 0, done.stderr[-6000:]
    site = tmp_path / "site"
    html = (site / "part1/line-41/index.html").read_text("utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    listing_html, block = article.split("<!-- nn11-context -->")
    block, after = block.split("<!-- /nn11-context -->")
    assert re.findall(r'id="__codelineno-0-(\d+)"', listing_html) == ["41", "42"]
    assert "Where lines 41\u201342 sit in the listing" in block
    assert re.findall(r'id="__codelineno-1-(\d+)"', block) == [str(n) for n in range(35, 43)]
    assert block.count('<span class="hll">') == 2
    assert 'href="../walkthrough/#wt-line-41"' in block
    assert 'href="../../play/explorer/"' in block
    assert PROSE in after
    walk = (site / "part1/walkthrough/index.html").read_text("utf-8")
    step = walk[walk.index('<section class="nn11-wt__step" id="wt-line-41"') :]
    assert step.startswith('<section class="nn11-wt__step" id="wt-line-41" data-first="41"')
    assert PROSE in step[: step.index("</section>")]
    assert "sit in the listing" not in walk
    # The tests' view of the new page (tests/buildmatch.py) is the build's.
    (source,) = [s for s in buildmatch.sources(root) if s.name == f"docs/{NEW}"]
    assert buildmatch.page_problems(source, site, root) == []
