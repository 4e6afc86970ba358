"""Search, typed as a reader would, finds the pages that explain a term."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Reader


def search(reader: Reader, term: str) -> list[str]:
    """Result pages (below the site root) for ``term``, typed into the header's search box."""
    page = reader.open("")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(term, delay=10)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("as => as.map(a => a.href)")
    return [h.removeprefix(reader.base).split("#")[0].split("?")[0] for h in hrefs]


@pytest.mark.parametrize(
    ("term", "explained_on"),
    [("sigmoid", "part1/line-04/"), ("backpropagation", "part2/line-43/")],
)
def test_search_finds_the_explaining_page(reader: Reader, term: str, explained_on: str) -> None:
    found = search(reader, term)
    assert explained_on in found, found
    assert reader.record.problems() == []


def test_search_finds_nothing_for_nonsense(reader: Reader) -> None:
    page = reader.open("")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("qzxwvjk", delay=10)
    page.locator(".md-search-result__meta").filter(has_text="No matching").wait_for(timeout=10_000)
    assert page.locator(".md-search-result__item").count() == 0
