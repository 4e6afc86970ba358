"""WCAG 2.2 AA on every built page, in light and in dark, as axe-core judges it in Chromium.

axe-core comes inside the pinned ``axe-playwright-python`` package: nothing is fetched at test
time. Each page loads once per scheme, in two tabs that run axe at the same time: one light,
one dark (each switched the way the header's toggle switches it, on top of the matching system
preference), with every <details> open. Any violation of the
WCAG 2.0/2.1/2.2 A and AA rules fails, naming page, scheme, rule and element. The figures
shown in each scheme must carry a <title> and <desc> and keep their text at 4.5:1 on the page.
One page: ``pytest "tests/browser/test_axe.py::test_wcag_aa[part1/line-04/]"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from tests.browser.conftest import new_reader, page_paths

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
SCHEMES = (("light", "default"), ("dark", "slate"))
#: Every page of the build (test_pages.py checks this list against site/), and the 404 page.
PAGES = [*page_paths(), "404.html"]
MIN_TEXT_CONTRAST = 4.5  # 1.4.3, normal-size text

# The header's palette toggle copies the chosen palette's attributes to <body>; do the same,
# with transitions off so axe reads final colours, and every <details> open so it sees them.
SCHEME = """scheme => {
  if (!document.getElementById('nn11-still')) {
    const still = document.createElement('style');
    still.id = 'nn11-still';
    still.textContent = '*, *::before, *::after { transition: none !important; '
      + 'animation: none !important; }';
    document.head.append(still);
  }
  const input = [...document.querySelectorAll('input[name="__palette"]')]
    .find(i => i.dataset.mdColorScheme === scheme);
  for (const key of ['mdColorScheme', 'mdColorPrimary', 'mdColorAccent'])
    if (input.dataset[key]) document.body.dataset[key] = input.dataset[key];
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  return [document.body.dataset.mdColorScheme];
}"""
BACKGROUND = "() => getComputedStyle(document.body).backgroundColor"

# Each figure shown: its SVG's <title>, <desc>, the fills of its <text>, the colour behind it.
FIGURES = """async () => {
  const parse = c => c.match(/[\\d.]+/g).map(Number);
  const bgOf = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] === 1) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const img of document.querySelectorAll('article img[src*=".svg"]')) {
    if (!img.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const source = await (await fetch(img.src)).text();
    const svg = new DOMParser().parseFromString(source, 'image/svg+xml');
    const text = s => (svg.querySelector(`svg > ${s}`)?.textContent || '').trim();
    const fill = t => ((t.getAttribute('style') || '').match(/fill:\\s*(#[0-9a-f]{3,8})/i) || [])[1]
      || t.getAttribute('fill') || '#000000';  // SVG's default: black
    const fills = [...svg.querySelectorAll('text')].map(fill);
    out.push({src: img.getAttribute('src'), title: text('title'), desc: text('desc'),
              fills: [...new Set(fills)], bg: bgOf(img)});
  }
  return out;
}"""


#: Starts axe-core on the page without waiting; RESULT waits for its answer. Both schemes'
#: tabs run at once, each in its own renderer.
START = "options => { window.nn11Axe = axe.run(document, options); }"
RESULT = "() => window.nn11Axe"


def start(page: Any, scheme: str) -> None:
    """Switch ``page`` to ``scheme`` and start axe-core on it."""
    applied = page.evaluate(SCHEME, scheme)[0]
    assert applied == scheme, f"scheme {scheme} not applied"
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    page.evaluate(START, OPTIONS)


def violations(response: dict[str, Any], where: str, most: int = 4) -> list[str]:
    """One line per element that breaks a rule: where, rule, impact, element, axe's reason."""
    out = []
    for rule in response["violations"]:
        nodes = rule["nodes"]
        for node in nodes[:most]:
            reasons = [c["message"] for k in ("any", "all", "none") for c in node.get(k, [])]
            out.append(
                f"{where}: {rule['id']} ({rule['impact']}) at {' '.join(map(str, node['target']))}"
                f" {node['html'][:120]!r}: {(reasons or [rule['help']])[0]}"
            )
        if len(nodes) > most:
            out.append(f"{where}: {rule['id']}: and {len(nodes) - most} more elements")
    return out


def _rgb(color: str) -> tuple[float, ...]:
    h = color.lstrip("#")
    h = "".join(c * 2 for c in h) if len(h) in (3, 4) else h
    return tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """WCAG contrast ratio of two sRGB colours (0-255 per channel)."""

    def lum(c: tuple[float, ...]) -> float:
        f = [v / 255 for v in c[:3]]
        f = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in f]
        return 0.2126 * f[0] + 0.7152 * f[1] + 0.0722 * f[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def figure_problems(figures: list[dict[str, Any]], where: str) -> list[str]:
    """Shown figures without a title or description, or with text too faint on the page."""
    out = []
    for f in figures:
        for part in ("title", "desc"):
            if not f[part]:
                out.append(f"{where}: {f['src']} has no <{part}>")
        for fill in f["fills"]:
            ratio = contrast(_rgb(fill), tuple(f["bg"]))
            if ratio < MIN_TEXT_CONTRAST:
                out.append(f"{where}: {f['src']} text {fill} at {ratio:.2f}:1 on the page")
    return out


def check(tabs: dict[str, Any], name: str) -> list[str]:
    """Everything wrong with page ``name``, loaded in one tab per scheme (SCHEMES' variants)."""
    for variant, scheme in SCHEMES:
        start(tabs[variant], scheme)
    problems = []
    for variant, _ in SCHEMES:
        where = f"{name} ({variant})"
        problems += violations(tabs[variant].evaluate(RESULT), where)
        problems += figure_problems(tabs[variant].evaluate(FIGURES), where)
    backgrounds = {tabs[v].evaluate(BACKGROUND) for v, _ in SCHEMES}
    assert len(backgrounds) == len(SCHEMES), f"{name}: the page looks the same in both schemes"
    return problems


class Tabs:
    """One tab per scheme, each in its own browser context, kept for the whole module."""

    def __init__(self, browser: Any, base: str) -> None:
        self.readers = {v: new_reader(browser, base, color_scheme=v) for v, _ in SCHEMES}

    def open(self, path: str) -> dict[str, Any]:
        return {variant: r.open(path) for variant, r in self.readers.items()}

    def close(self) -> None:
        for r in self.readers.values():
            r.context.close()


@pytest.fixture(scope="module")
def tabs(browser: Any, site_url: str) -> Iterator[Tabs]:
    t = Tabs(browser, site_url)
    yield t
    t.close()


@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_wcag_aa(tabs: Tabs, path: str) -> None:
    opened = tabs.open(path)
    assert all(p.locator("article h1").count() >= 1 for p in opened.values()), path
    assert check(opened, path or "home") == []


# --- the check catches what it must ------------------------------------------------------------


def test_planted_violations_are_reported(tabs: Tabs) -> None:
    """An unlabelled button, a faint paragraph, and one readable only on white (so it fails in
    dark alone): each reported with page, scheme, rule and element."""
    opened = tabs.open("part1/line-04/")
    for page in opened.values():
        page.evaluate("""() => {
          const a = document.querySelector('article');
          a.insertAdjacentHTML('beforeend',
            '<button id="planted-button"><svg width="8" height="8"></svg></button>'
            + '<p id="planted-faint" style="color:#c8c8c8">faint words</p>'
            + '<p id="planted-dark" style="color:#333333">dark words</p>');
        }""")
    problems = check(opened, "planted")
    found = {
        (p.split(": ")[0], p.split(": ")[1].split(" ")[0], m[0])
        for p in problems
        if (m := re.findall(r"#planted-\w+", p))
    }
    assert ("planted (light)", "button-name", "#planted-button") in found
    assert ("planted (dark)", "button-name", "#planted-button") in found
    assert ("planted (light)", "color-contrast", "#planted-faint") in found
    assert ("planted (dark)", "color-contrast", "#planted-dark") in found
    assert ("planted (light)", "color-contrast", "#planted-dark") not in found


def test_without_our_stylesheet_axe_finds_violations(tabs: Tabs) -> None:
    """docs/stylesheets/a11y.css is what makes a Line page pass: without it, Material's own
    palette, its line-number targets (four, stacked) and colour-only links fail."""
    opened = tabs.open("part1/line-10/")
    for page in opened.values():
        sheet = page.locator('link[rel="stylesheet"][href$="stylesheets/a11y.css"]')
        assert sheet.count() == 1
        sheet.evaluate("link => link.remove()")
    rules = {p.split(": ")[1].split(" ")[0] for p in check(opened, "line-10 unstyled")}
    assert {"color-contrast", "target-size", "link-in-text-block"} <= rules


def test_figure_problems_catch_faint_text_and_missing_names() -> None:
    good = {
        "src": "a.svg#only-dark",
        "title": "t",
        "desc": "d",
        "fills": ["#e3e5e8"],
        "bg": [30, 33, 41],
    }
    assert figure_problems([good], "p") == []
    faint = {**good, "title": "", "fills": ["#e3e5e8", "#555"]}
    assert len(figure_problems([faint], "p")) == 2
    assert figure_problems([{**good, "bg": [255, 255, 255]}], "p") != []  # dark ink on white
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
