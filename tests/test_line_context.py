"""Every Line page shows its line(s) inside the listing, highlighted, and links onwards: the
block hooks/linepage.py writes from the page's `explains:`, checked as the build converts it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hooks import linepage, pagereader
from tests.sources import LinePage, line_pages

ROOT = Path(__file__).resolve().parent.parent
PAGES = line_pages(ROOT)
BLOCK = re.compile(r"<!-- nn11-context -->\n(?P<body>.*?)<!-- /nn11-context -->", re.S)


def listing_fence(body: str) -> tuple[int, str, str, int, int] | None:
    """(linenums, hl_lines, file, first, last) of the block's include fence, read by the site's
    one fence reader and pymdownx's own include grammar; None when there is none."""
    for fence in pagereader.read(body).fences:
        found = pagereader.includes(fence.source)
        attrs = fence.attrs
        if fence.lang == "python" and len(found) == 1 and {"linenums", "hl_lines"} <= set(attrs):
            span = found[0][1].span
            if span is not None and attrs["linenums"].isdigit():
                return int(attrs["linenums"]), attrs["hl_lines"], found[0][1].path, *span
    return None


def context_problems(page: LinePage, text: str) -> list[str]:
    """What is wrong with the page's "where it sits" block (empty: sound)."""
    blocks = BLOCK.findall(text)
    if len(blocks) != 1:
        return [f"{len(blocks)} context blocks, want 1"]
    body = blocks[0]
    problems = []
    if not body.startswith("??? "):
        problems.append("the context block is not a collapsed admonition (??? ...)")
    fence = listing_fence(body)
    if fence is None:
        return [*problems, "no listing include with linenums and hl_lines in the context block"]
    start, hl, file, a, b = fence
    if file != page.file:
        problems.append(f"includes {file}, the page explains {page.file}")
    if not a <= page.first <= page.last <= b or b - a < page.last - page.first + 2:
        problems.append(f"range {a}:{b} does not surround lines {page.first}-{page.last}")
    lines = (ROOT / page.file).read_text(encoding="utf-8").splitlines()
    if not (lines[a - 1].strip() and lines[b - 1].strip()):
        # Inside an admonition a leading blank line is dropped, shifting every number after it.
        problems.append(f"range {a}:{b} starts or ends on a blank line")
    if start != a:
        problems.append(f'linenums="{start}" but the range starts at {a}')
    want = [n - a + 1 for n in range(page.first, page.last + 1)]
    if [int(h) for h in hl.split()] != want:
        problems.append(f"hl_lines {hl!r} do not mark lines {page.first}-{page.last}")
    stem = Path(page.src_uri).stem
    if f"(walkthrough.md#wt-{stem})" not in body:
        problems.append(f"no link to walkthrough.md#wt-{stem}")
    if "(../play/explorer.md)" not in body:
        problems.append("no link to the explorer")
    return problems


def built(page: LinePage) -> str:
    """The page's Markdown as the build converts it (its header written by hooks/linepage.py)."""
    text = (ROOT / "docs" / page.src_uri).read_text(encoding="utf-8")
    return linepage.as_built(page.src_uri, text, ROOT)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.src_uri)
def test_line_page_shows_where_its_line_sits(page: LinePage) -> None:
    assert context_problems(page, built(page)) == []


def test_a_wrong_context_block_is_caught() -> None:
    page = next(p for p in PAGES if p.src_uri == "part1/line-36.md")
    good = built(page)
    assert context_problems(page, good) == []
    assert context_problems(page, BLOCK.sub("", good))  # missing
    assert context_problems(page, good.replace('hl_lines="12"', 'hl_lines="11"'))  # wrong line
    assert context_problems(page, good.replace("two_layer.py:25:42", "two_layer.py:37:42"))
    assert context_problems(page, good.replace("#wt-line-36", "#wt-line-39"))
    blank = good.replace('linenums="25" hl_lines="12"', 'linenums="24" hl_lines="13"')
    assert context_problems(page, blank.replace("two_layer.py:25:42", "two_layer.py:24:42"))


def test_the_links_land_on_the_walkthrough_step(site_dir: Path) -> None:
    for page in PAGES:
        folder = Path(page.src_uri).parent
        walk = (site_dir / folder / "walkthrough" / "index.html").read_text(encoding="utf-8")
        assert f'id="wt-{Path(page.src_uri).stem}"' in walk, page.src_uri
        # The walkthrough shows the whole listing already: no "where it sits" block there.
        assert "sits in the listing" not in walk and "sit in the listing" not in walk
