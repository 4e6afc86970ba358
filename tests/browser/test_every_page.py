"""Every page, opened in Chromium: no console errors, no failed requests, nothing from other hosts,
and its math typeset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Reader, page_paths

PAGES = page_paths()

# Every <math> has a size; no LaTeX source is left in the prose (code blocks aside).
MATH = r"""() => {
  const sizes = [...document.querySelectorAll('article math')].map(m => {
    const r = m.getBoundingClientRect(); return [r.width, r.height]; });
  const prose = document.querySelector('article').cloneNode(true);
  prose.querySelectorAll('pre, code, math, script').forEach(e => e.remove());
  const raw = (prose.textContent.match(/\\\(|\\\[|\\frac|\\sigma|\$\$/g) || []);
  return {sizes, raw, arithmatex: document.querySelectorAll('.arithmatex').length};
}"""


def test_every_built_page_is_checked(site_dir: Path) -> None:
    built = {p.parent.relative_to(site_dir).as_posix() + "/" for p in site_dir.rglob("index.html")}
    assert built == {p or "./" for p in PAGES}


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_page_loads_clean_and_typesets_math(reader: Reader, path: str) -> None:
    page = reader.open(path)
    assert page.locator("article h1").first.is_visible()
    assert reader.record.problems() == []
    math = page.evaluate(MATH)
    assert math["arithmatex"] == 0, "LaTeX left for a script to typeset"
    assert math["raw"] == [], "LaTeX source shown as text"
    assert all(w > 0 and h > 0 for w, h in math["sizes"]), math["sizes"]


def test_missing_page_gets_the_sites_404(reader: Reader) -> None:
    page = reader.open("no/such/page/")
    assert "404" in page.locator("article h1").first.inner_text()
    expected = f"{reader.base}no/such/page/ (HTTP 404)"
    assert reader.record.failed == [expected]
    reader.record.failed.clear()
    assert [c for c in reader.record.console if "404" not in c] == []
    assert reader.record.offsite == []


def test_some_pages_have_math(site_dir: Path) -> None:
    with_math = [p for p in site_dir.rglob("*.html") if "<math" in p.read_text(encoding="utf-8")]
    assert len(with_math) >= 2, with_math


def test_math_check_catches_raw_and_hidden_math(browser: Any) -> None:
    page = browser.new_page()
    try:
        page.set_content(r"""<article><h1>t</h1><p>\(x\) and $$y$$</p>
            <span class="arithmatex">\(z\)</span><math style="display:none"><mi>x</mi></math>
            <pre>\(in code is fine\)</pre><math><mi>ok</mi></math></article>""")
        math = page.evaluate(MATH)
    finally:
        page.close()
    assert math["arithmatex"] == 1
    assert math["raw"] == ["\\(", "$$", "$$", "\\("]
    assert [w > 0 and h > 0 for w, h in math["sizes"]] == [False, True]
