"""The footer's "next" links walk Part 1's Line pages in the post's order, then Part 2's."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import ROOT, new_reader
from tests.sources import line_pages, url

PAGES = line_pages(ROOT)  # in nav order, from mkdocs.yml and the pages' front matter
PART1 = [url(p.src_uri) for p in PAGES if p.src_uri.startswith("part1/")]
PART2 = [url(p.src_uri) for p in PAGES if p.src_uri.startswith("part2/")]


NEXT = """() => { const a = document.querySelector('a.md-footer__link--next');
  return a && a.checkVisibility() ? a.href : null; }"""


def walk(page: Any, base: str, start: str, until: str, limit: int = 40) -> list[str]:
    """Follow the visible footer "next" link from ``start`` to ``until``; the pages visited."""
    page.goto(base + start, wait_until="domcontentloaded")
    seen = [start]
    while seen[-1] != until and len(seen) < limit:
        href = page.evaluate(NEXT)
        if href is None:
            break
        page.goto(href, wait_until="domcontentloaded")
        assert page.url.startswith(base), page.url
        seen.append(page.url.removeprefix(base).split("#")[0])
    return seen


def in_order(seen: list[str], wanted: list[str]) -> bool:
    """``wanted`` occurs in ``seen`` as one unbroken run."""
    return any(seen[i : i + len(wanted)] == wanted for i in range(len(seen)))


def test_in_order_needs_an_unbroken_run() -> None:
    assert in_order(["a", "b", "c", "d"], ["b", "c"])
    assert not in_order(["a", "b", "x", "c"], ["b", "c"])
    assert not in_order(["c", "b"], ["b", "c"])


def test_next_links_visit_line_01_to_39_then_line_40_to_50(browser: Any, site_url: str) -> None:
    # The footer's links are plain HTML: walked with scripts off, 2-3x faster (every page is
    # opened with scripts on in test_every_page.py).
    r = new_reader(browser, site_url, java_script_enabled=False)
    try:
        seen = walk(r.page, r.base, "", until=PART2[-1])
    finally:
        r.context.close()
    assert in_order(seen, ["part1/", *PART1]), seen
    assert in_order(seen, ["part2/", *PART2]), seen
    assert seen.index(PART2[0]) > seen.index(PART1[-1])
    assert len(seen) == len(set(seen)), "the chain loops"
