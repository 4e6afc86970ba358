"""Every page as a reader sees it in Chromium, each page loaded once for all its checks.

Every page: loads with no console error, no failed request, nothing from another host; its math
is typeset; prose, code and figures are readable in light and in dark (each palette applied the
way the header's toggle applies it; the toggle itself: test_palette.py). Every Line page: the
post's line number stands beside the right code, and the copy button copies that code without line
numbers. Any test order works; pytest's default order loads each page once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import checks
from tests.browser.conftest import DOCS, ROOT, Reader, new_reader, page_paths
from tests.sources import line_pages, url

PAGES = page_paths()
LINE_PAGES = {url(p.src_uri): DOCS / p.src_uri for p in line_pages(ROOT)}
CASES = [
    (path, check)
    for path in PAGES
    for check in (
        "clean",
        "math",
        "readable",
        *(("numbered", "copy") if path in LINE_PAGES else ()),
    )
]


class Tour:
    """One tab that stays on a page while its checks run (tests come grouped by page)."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.path: str | None = None

    def visit(self, path: str) -> Any:
        if path != self.path:
            self.reader.record.clear()
            self.reader.open(path)
            self.path = path
        return self.reader.page


@pytest.fixture(scope="module")
def tour(browser: Any, site_url: str) -> Iterator[Tour]:
    r = new_reader(browser, site_url)
    yield Tour(r)
    r.context.close()


def clean(tour: Tour, path: str) -> None:
    page = tour.visit(path)
    assert page.locator("article h1").first.is_visible()
    assert tour.reader.record.problems() == []


def math(tour: Tour, path: str) -> None:
    assert checks.math_problems(tour.visit(path).evaluate(checks.MATH)) == []


def readable(tour: Tour, path: str) -> None:
    page = tour.visit(path)
    problems = []
    try:
        for variant, scheme in (("light", "default"), ("dark", "slate")):
            seen = page.evaluate(checks.READABLE, scheme)
            assert seen["scheme"] == scheme
            problems += [f"{variant}: {p}" for p in checks.readable_problems(seen, variant)]
    finally:
        page.evaluate(checks.READABLE, "default")
    assert problems == []


def numbered(tour: Tour, path: str) -> None:
    listing, first, last = checks.explains(LINE_PAGES[path])
    lines = listing.read_text(encoding="utf-8").splitlines()
    blocks = tour.visit(path).evaluate(checks.BLOCKS)
    for n in range(first, last + 1):
        shown = checks.find_shown(blocks, n, lines[n - 1])
        assert shown, f"line {n} of {listing.name} ({lines[n - 1].strip()!r}) not shown numbered"


def copy(tour: Tour, path: str) -> None:
    listing, first, _ = checks.explains(LINE_PAGES[path])
    lines = listing.read_text(encoding="utf-8").splitlines()
    page = tour.visit(path)
    block = checks.find_shown(page.evaluate(checks.BLOCKS), first, lines[first - 1])
    assert block, f"line {first} not shown numbered"
    numbers = [int(c["id"].rsplit("-", 1)[1]) for c in block["code"]]
    button = page.locator(
        f'div.highlight:has(#{block["code"][0]["id"]}) button.md-code__button[data-md-type="copy"]'
    )
    page.evaluate("navigator.clipboard.writeText('')")
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.rstrip("\n") == "\n".join(lines[numbers[0] - 1 : numbers[-1]])
    assert tour.reader.record.problems() == []


CHECKS = {"clean": clean, "math": math, "readable": readable, "numbered": numbered, "copy": copy}


@pytest.mark.parametrize(("path", "check"), CASES, ids=[f"{p or 'home'}:{c}" for p, c in CASES])
def test_page(tour: Tour, path: str, check: str) -> None:
    CHECKS[check](tour, path)


def test_every_built_page_is_checked(site_dir: Path) -> None:
    built = {p.parent.relative_to(site_dir).as_posix() + "/" for p in site_dir.rglob("index.html")}
    assert built == {p or "./" for p in PAGES}
    assert len(LINE_PAGES) == 18  # Part 1: 13, Part 2: lines 40, 43, 47, 49, 50


def test_pages_have_math_and_figures(site_dir: Path) -> None:
    html = [p.read_text(encoding="utf-8") for p in site_dir.rglob("index.html")]
    assert sum("<math" in h for h in html) >= 2
    assert sum("#only-dark" in h for h in html) >= 3


def test_missing_page_gets_the_sites_404(reader: Reader) -> None:
    page = reader.open("no/such/page/")
    assert "404" in page.locator("article h1").first.inner_text()
    assert reader.record.failed == [f"{reader.base}no/such/page/ (HTTP 404)"]
    assert [c for c in reader.record.console if "404" not in c] == []
    assert reader.record.offsite == []


# --- the judges catch what they must ----------------------------------------------------------


def test_math_check_catches_raw_and_hidden_math(browser: Any) -> None:
    page = browser.new_page()
    try:
        page.set_content(r"""<article><h1>t</h1><p>\(x\) and $$y$$</p>
            <span class="arithmatex">\(z\)</span><math style="display:none"><mi>x</mi></math>
            <pre>\(in code is fine\)</pre><math><mi>ok</mi></math></article>""")
        seen = page.evaluate(checks.MATH)
    finally:
        page.close()
    assert seen["raw"] == ["\\(", "$$", "$$", "\\("]
    assert len(checks.math_problems(seen)) == 3
    page_ok = {"arithmatex": 0, "raw": [], "sizes": [[20.0, 12.0]]}
    assert checks.math_problems(page_ok) == []


def test_find_shown_rejects_wrong_code_and_hidden_numbers() -> None:
    num = {"text": "29", "top": 100.0, "left": 0.0, "right": 20.0, "h": 18.0, "shown": True}
    code = {
        "id": "__span-0-29",
        "text": "    l1 = x",
        "top": 99.0,
        "left": 40.0,
        "h": 18.0,
        "shown": True,
    }
    one = [{"nums": [num], "code": [code]}]
    assert checks.find_shown(one, 29, "    l1 = x") is not None
    assert checks.find_shown(one, 29, "    l2 = x") is None
    assert checks.find_shown(one, 30, "    l1 = x") is None
    for bad in ({"shown": False}, {"top": 130.0}, {"right": 60.0}):
        assert (
            checks.find_shown([{"nums": [{**num, **bad}], "code": [code]}], 29, "    l1 = x")
            is None
        )


def test_readable_problems_catch_faint_wrong_and_unlabelled() -> None:
    good = {
        "src": "a-dark.svg#only-dark",
        "alt": "a",
        "shown": True,
        "natural": 600,
        "ink": 900,
        "share": 0.3,
    }
    seen = {"prose": 9.0, "code": 8.0, "tokens": [("k", 4.5)], "linenos": 4.0, "figures": [good]}
    assert checks.readable_problems(seen, "dark") == []
    assert len(checks.readable_problems(seen, "light")) == 1  # dark variant shown in light
    bad = {
        "prose": 3.0,
        "code": 4.0,
        "tokens": [("c1", 2.5)],
        "linenos": 2.0,
        "figures": [{**good, "alt": "", "share": 0.02}],
    }
    assert len(checks.readable_problems(bad, "dark")) == 6
