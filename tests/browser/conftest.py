"""One Chromium and one local server per session, serving the shared ``site_dir`` build.

Without Chromium (or Playwright) these tests skip with a message; with NN11_REQUIRE_BROWSER=1
(set by .ci/run) they fail instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hooks import site
from tests.browser import harness
from tests.sources import mkdocs_yml, nav_files

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DOCS = ROOT / "docs"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


def site_prefix() -> str:
    """The URL path GitHub Pages serves the site under (``/nn11/``), from mkdocs.yml's site_url."""
    return site.site_prefix(ROOT / "mkdocs.yml")


def page_paths() -> list[str]:
    """Every page's URL path below the site root: docs/ sources and nav entries (hooks add some)."""
    config = mkdocs_yml((ROOT / "mkdocs.yml").read_text())
    sources = {
        p.relative_to(DOCS).as_posix() for p in [*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb")]
    }
    return sorted({site.page_url(src) for src in sources | set(nav_files(config.get("nav", [])))})


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = harness.find_chromium()
    if executable is None:
        harness.no_browser(f"no Chromium at {' or '.join(harness.CANDIDATES)}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        harness.no_browser("the playwright package is not installed")
    with sync_playwright() as pw:
        chromium = harness.launch(pw, executable)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    with harness.serve(site_dir, site_prefix()) as url:
        yield url


@dataclass
class Reader:
    """A fresh browser context on the local site, with its record."""

    context: Any
    page: Any
    record: harness.Record
    base: str

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.record.settle(self.page)
        return self.page


def new_reader(browser: Any, base: str, **options: Any) -> Reader:
    options = {
        "viewport": {"width": 1280, "height": 900},
        "color_scheme": "light",
        "permissions": ["clipboard-read", "clipboard-write"],
        **options,
    }
    context = browser.new_context(**options)
    record = harness.watch(context, base)
    return Reader(context, context.new_page(), record, base)


@pytest.fixture
def reader(browser: Any, site_url: str) -> Iterator[Reader]:
    r = new_reader(browser, site_url)
    yield r
    r.context.close()
