"""Accessibility in the build itself: scrolling boxes reachable by keyboard (hooks/a11y.py),
every figure's SVG titled and described (hooks/figures.py, hooks/sweep.py), every table
header named. The browser side (axe-core on every page): tests/browser/test_axe.py."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
from hooks import a11y, figures  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
SCROLLER = re.compile(r'<div\b[^>]*\bclass="(?:[^"]*\s)?(?:nn11-math|highlight-ipynb)[\s"][^>]*>')
EMPTY_HEADER = re.compile(r"<th\b[^>]*>\s*</th>")


def build_problems(html: str) -> list[str]:
    """A built page's scrolling boxes without a tab stop, and its empty table headers."""
    out = [f"no tab stop: {tag}" for tag in SCROLLER.findall(html) if 'tabindex="0"' not in tag]
    return out + [f"unnamed table header: {th}" for th in EMPTY_HEADER.findall(html)]


def test_focusable_adds_one_tab_stop_to_each_scrolling_box() -> None:
    html = (
        '<div class="nn11-math"><math/></div><div class="jp-Cell highlight-ipynb hl-python">'
        '<div class="highlight">x</div><div class="nn11-mathx">y</div>'
        '<div tabindex="-1" class="nn11-math">z</div>'
    )
    out = a11y.focusable(html)
    assert out.count('tabindex="0"') == 2
    assert '<div class="nn11-math" tabindex="0">' in out
    assert '<div class="jp-Cell highlight-ipynb hl-python" tabindex="0">' in out
    assert '<div class="highlight">x</div><div class="nn11-mathx">y</div>' in out
    assert '<div tabindex="-1" class="nn11-math">' in out  # an author's own tabindex stays
    assert a11y.focusable(out) == out


def test_titled_names_the_svg_first_and_refuses_an_empty_name() -> None:
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="1"><g/></svg>'
    root = ET.fromstring(figures.titled(svg, "A & B", "<d>"))
    assert [c.tag for c in root][:2] == [f"{SVG}title", f"{SVG}desc"]
    assert (root[0].text, root[1].text) == ("A & B", "<d>")
    assert root.get("role") == "img"
    for title, desc in (("", "d"), ("t", " ")):
        with pytest.raises(ValueError):
            figures.titled(svg, title, desc)


def test_every_figure_in_both_schemes_has_a_title_and_description(site_dir: Path) -> None:
    svgs = sorted((site_dir / "figures").glob("*.svg"))
    assert {p.stem.rsplit("-", 1)[1] for p in svgs} == {"light", "dark"}
    for path in svgs:
        root = ET.parse(path).getroot()
        title, desc = root[0], root[1]
        assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc"), path.name
        assert (title.text or "").strip() and (desc.text or "").strip(), path.name
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}", path.name


def test_built_pages_scrolling_boxes_are_focusable_and_headers_named(site_dir: Path) -> None:
    boxes = 0
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        boxes += len(SCROLLER.findall(html))
        assert build_problems(html) == [], page.relative_to(site_dir)
    assert boxes >= 5  # the notebook's code cells, at least


def test_build_problems_catch_a_missing_tab_stop_and_an_empty_header() -> None:
    bad = '<div class="x nn11-math">m</div><table><tr><th>a</th><th class="c"> </th></tr></table>'
    assert len(build_problems(bad)) == 2
    assert build_problems(a11y.focusable(bad).replace('<th class="c"> ', "<th>b")) == []
