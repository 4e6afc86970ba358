"""Accessibility in the build itself: scrolling boxes reachable by keyboard (hooks/a11y.py),
every figure's SVG titled and described (hooks/figures.py, hooks/sweep.py), every table
header named. The browser side (axe-core on every page): tests/browser/test_axe.py."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
import a11y  # noqa: E402
import figures  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
SCROLLER = re.compile(r'<div\b[^>]*\bclass="(?:[^"]*\s)?(?:nn11-math|highlight-ipynb)[\s"][^>]*>')


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
        for tag in SCROLLER.findall(html):
            boxes += 1
            assert 'tabindex="0"' in tag, f"{page.relative_to(site_dir)}: {tag}"
        empty = re.findall(r"<th\b[^>]*>\s*</th>", html)
        assert empty == [], f"{page.relative_to(site_dir)}: unnamed table header {empty}"
    assert boxes >= 5  # the notebook's code cells, at least
