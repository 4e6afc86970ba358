"""The footer's "next" links walk Part 1's Line pages in the post's order, then Part 2's Line 43."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Reader

PART1 = [f"part1/line-{n:02d}/" for n in (1, 4, 5, 10, 16, 20, 23, 25, 28, 29, 32, 36, 39)]


def walk(page: Any, base: str, start: str, limit: int = 40) -> list[str]:
    """Follow the visible footer "next" link from ``start``; the pages visited, below ``base``."""
    page.goto(base + start, wait_until="domcontentloaded")
    seen = [start]
    for _ in range(limit):
        nxt = page.locator("a.md-footer__link--next")
        if nxt.count() == 0:
            break
        assert nxt.is_visible()
        page.goto(nxt.evaluate("a => a.href"), wait_until="domcontentloaded")
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


def test_next_links_visit_line_01_to_39_then_line_43(reader: Reader) -> None:
    seen = walk(reader.page, reader.base, "")
    assert in_order(seen, ["part1/", *PART1]), seen
    assert in_order(seen, ["part2/", "part2/line-43/"]), seen
    assert seen.index("part2/line-43/") > seen.index(PART1[-1])
    assert len(seen) == len(set(seen)), "the chain loops"
