"""The "Run this page" control (hooks/downloads.py) is one small line under the title on a phone:
the line the page explains stays on the first screen; opened, it shows the install command."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import new_reader

PHONE = {"width": 375, "height": 667}
PAGES = ["part1/line-29/", "part1/line-05/", "part2/line-43/", "part1/", ""]
MEASURE = """() => {
  const box = document.querySelector("details.nn11-run");
  const title = document.querySelector("article h1");
  const next = box.nextElementSibling;
  return {
    box: box.getBoundingClientRect().height,
    gap: next.getBoundingClientRect().top - title.getBoundingClientRect().bottom,
    next: next.getBoundingClientRect().top,
  };
}"""


def too_big(m: dict[str, float], screen: int) -> list[str]:
    """A closed box taller than one line (32 px), more than 90 px between the title and what
    follows the box, or that next element below half the first screen."""
    problems = []
    if m["box"] > 32:
        problems.append(f"box {m['box']:.0f} px tall")
    if m["gap"] > 90:
        problems.append(f"{m['gap']:.0f} px between the title and the page's subject")
    if m["next"] > screen / 2:
        problems.append(f"the subject starts at {m['next']:.0f} px")
    return problems


@pytest.fixture(scope="module")
def phone(browser: Any, site_url: str) -> Any:
    r = new_reader(browser, site_url, viewport=PHONE)
    yield r
    r.context.close()


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_closed_box_is_one_line(phone: Any, path: str) -> None:
    page = phone.open(path)
    assert too_big(page.evaluate(MEASURE), PHONE["height"]) == []
    assert phone.record.problems() == []


def test_opened_box_shows_the_command_and_the_measure_bites(phone: Any) -> None:
    page = phone.open("part1/line-29/")
    summary = page.locator("details.nn11-run > summary")
    assert summary.inner_text() == "Run this page in your own Python"
    summary.focus()
    page.keyboard.press("Enter")  # a reader on a keyboard opens it too
    assert page.locator("code.nn11-install").inner_text().startswith("pip install ")
    assert page.locator("details.nn11-run a[download]").count() == 2
    opened = page.evaluate(MEASURE)
    assert too_big(opened, PHONE["height"]), opened  # the old, open box would fail
