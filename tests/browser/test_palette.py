"""Light and dark: the header's toggle switches the scheme and the choice persists.

(Readability in both schemes is checked on every page in test_pages.py.)
"""

from __future__ import annotations

from typing import Any

from tests.browser.checks import PALETTE
from tests.browser.conftest import Reader, new_reader


def scheme(page: Any) -> str:
    return str(page.locator("body").get_attribute("data-md-color-scheme"))


def test_toggle_switches_and_persists(reader: Reader) -> None:
    page = reader.open("part1/line-04/")
    assert scheme(page) == "default"
    page.locator(PALETTE).click()
    assert scheme(page) == "slate"
    page.reload()
    assert scheme(page) == "slate"
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url("**/line-05/")
    assert scheme(page) == "slate"
    page.goto(reader.base + "part2/")
    assert scheme(page) == "slate"
    page.locator(PALETTE).click()
    assert scheme(page) == "default"
    page.reload()
    assert scheme(page) == "default"
    assert reader.record.problems() == []


def test_system_dark_preference_starts_dark(browser: Any, site_url: str) -> None:
    r = new_reader(browser, site_url, color_scheme="dark")
    try:
        assert scheme(r.open("")) == "slate"
    finally:
        r.context.close()
