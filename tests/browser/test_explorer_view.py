"""The live explorer as a reader meets it: readable drawings on a desktop and a phone in both
schemes (no label overlapping another or cut off), every control by keyboard with a name, the
settings in the address, Run / Pause / Step, and no motion when the reader asks for none."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from tests.browser.conftest import Reader, new_reader
from tests.browser.test_axe import OPTIONS

PAGE = "play/explorer/"
ROOT = "[data-nn11-explorer]"
WIDE = "?net=2&hidden=32&alpha=10&seed=1&iterations=3000&data=xor"

# Every text label of the explorer's drawings: inside its drawing, clear of the others, and at a
# readable size; the page does not scroll sideways; each map is drawn.
LABELS = """() => {
  const out = [];
  const root = document.querySelector('[data-nn11-explorer]');
  for (const svg of root.querySelectorAll('svg')) {
    const frame = svg.getBoundingClientRect();
    const boxes = [...svg.querySelectorAll('text')].map(t =>
      [t.textContent, t.getBoundingClientRect(), parseFloat(getComputedStyle(t).fontSize)]);
    for (const [text, b, size] of boxes) {
      if (b.left < frame.left - 0.5 || b.right > frame.right + 0.5 || b.top < frame.top - 0.5 ||
          b.bottom > frame.bottom + 0.5) out.push(`${svg.id}: "${text}" cut off`);
      if (size < 11) out.push(`${svg.id}: "${text}" drawn at ${size}px`);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [p, a] = boxes[i], [q, b] = boxes[j];
      const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (dx > 1 && dy > 1) out.push(`${svg.id}: "${p}" overlaps "${q}"`);
    }
  }
  const box = root.getBoundingClientRect();
  for (const e of root.querySelectorAll('label, legend, output, figcaption, button, summary')) {
    const b = e.getBoundingClientRect();
    if (b.width && (b.right > box.right + 1 || e.scrollWidth > e.clientWidth + 1))
      out.push(`"${e.textContent}" cut off`);
  }
  for (const c of root.querySelectorAll('canvas')) {
    const b = c.getBoundingClientRect();
    if (!(b.width >= 40 && b.height >= 40)) out.push(`${c.getAttribute('aria-label')}: too small`);
  }
  if (document.documentElement.scrollWidth > window.innerWidth) out.push('page scrolls sideways');
  return out;
}"""

# Each control of the explorer, and whether it has a name a screen reader can announce.
CONTROLS = """() => [...document.querySelectorAll(
    '[data-nn11-explorer] :is(input, button, select, summary, [tabindex])')].map(e => {
    const label = e.labels && e.labels.length ? e.labels[0].textContent.trim() : '';
    const by = e.getAttribute('aria-labelledby');
    const name = e.getAttribute('aria-label') || label || e.textContent.trim() ||
      (by ? document.getElementById(by).textContent : '');
    return [e.id || e.tagName, name, e.tabIndex];
  })"""


def trained(page: Any, total: int) -> None:
    page.wait_for_function(f"document.querySelector('{ROOT}')?.dataset.done === '{total}'")


def view(page: Any) -> int:
    return int(page.evaluate(f"document.querySelector('{ROOT}').dataset.view"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("query", ["", WIDE])
def test_labels_are_readable(
    browser: Any, site_url: str, width: int, scheme: str, query: str
) -> None:
    phone = {"is_mobile": True, "has_touch": True} if width < 600 else {}
    r = new_reader(
        browser, site_url, color_scheme=scheme, viewport={"width": width, "height": 900}, **phone
    )
    try:
        page = r.open(PAGE + query)
        trained(page, 3000 if query else 10_000)
        page.evaluate(
            "document.querySelectorAll('[data-nn11-explorer] details').forEach(d => d.open = true)"
        )
        for at in (0, 2999 if query else 9_999):
            page.evaluate(f"window.nn11Explorer.show({at})")
            assert page.evaluate(LABELS) == [], f"at iteration {at}"
        assert r.record.problems() == []
    finally:
        r.context.close()


def test_the_label_check_sees_overlaps(browser: Any, site_url: str) -> None:
    r = new_reader(browser, site_url, viewport={"width": 390, "height": 900})
    try:
        page = r.open(PAGE + WIDE)
        trained(page, 3000)
        page.add_style_tag(content=".md-typeset .nn11-explorer svg text { font-size: 40px; }")
        found = page.evaluate(LABELS)
        assert any("overlaps" in p for p in found) and any("cut off" in p for p in found)
    finally:
        r.context.close()


def test_every_control_has_a_name_and_works_by_keyboard(reader: Reader) -> None:
    page = reader.open(PAGE)
    trained(page, 10_000)
    controls = page.evaluate(CONTROLS)
    assert len(controls) >= 12
    assert [c for c in controls if not c[1]] == [], "controls without an accessible name"
    assert [c for c in controls if c[2] < 0] == [], "controls out of the tab order"

    # Network: the arrow keys move between the radios; Part 2's listing trains.
    page.focus("#nn11-x-net-0")
    page.keyboard.press("ArrowDown")
    trained(page, 60_000)
    assert "net=2" in page.url and "hidden=4" in page.url
    # alpha: one stop up is 2; the address follows.
    page.focus("#nn11-x-alpha")
    page.keyboard.press("ArrowRight")
    assert page.locator("#nn11-x-alpha-shown").inner_text() == "2"
    assert "alpha=2" in page.url
    trained(page, 60_000)
    # Step: one iteration further each time.
    page.focus("#nn11-x-step")
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    assert view(page) == 2
    assert page.locator("#nn11-x-iteration").inner_text() == "iteration 2 of 60,000"
    # Seed, typed.
    page.fill("#nn11-x-seed", "7")
    page.keyboard.press("Tab")
    assert "seed=7" in page.url
    trained(page, 60_000)
    assert reader.record.problems() == []


def test_run_plays_and_pause_stops(reader: Reader) -> None:
    page = reader.open(PAGE)
    trained(page, 10_000)
    page.click("#nn11-x-run")
    assert page.locator("#nn11-x-run").inner_text() == "Pause"
    page.wait_for_function(f"Number(document.querySelector('{ROOT}').dataset.view) >= 2")
    page.click("#nn11-x-run")
    stopped = view(page)
    page.wait_for_timeout(600)
    assert view(page) == stopped < 9_999
    assert page.locator("#nn11-x-run").inner_text() == "Run"


def test_no_motion_when_the_reader_asks_for_none(browser: Any, site_url: str) -> None:
    r = new_reader(browser, site_url, reduced_motion="reduce")
    try:
        page = r.open(PAGE)
        trained(page, 10_000)
        page.evaluate("""() => { window.__seen = [];
          new MutationObserver(() => window.__seen.push(
            document.querySelector('[data-nn11-explorer]').dataset.view)).observe(
            document.querySelector('[data-nn11-explorer]'), {attributes: true});
        }""")
        page.click("#nn11-x-run")
        page.wait_for_timeout(300)
        assert view(page) == 9_999
        assert set(page.evaluate("window.__seen")) <= {"0", "9999"}, "no frames in between"
    finally:
        r.context.close()


def test_settings_come_from_the_address(reader: Reader) -> None:
    page = reader.open(PAGE + "?net=2&hidden=32&alpha=100&seed=3&iterations=2000")
    trained(page, 2000)
    assert page.evaluate("window.nn11Explorer.settings()") == {
        "net": 2,
        "hidden": 32,
        "alpha": 100,
        "seed": 3,
        "iterations": 2000,
        "data": "xor",
    }
    assert page.locator("#nn11-x-hidden-shown").inner_text() == "32"
    assert page.locator("#nn11-x-alpha-shown").inner_text() == "100"
    assert page.input_value("#nn11-x-seed") == "3"
    page = reader.open(PAGE + "?net=2&hidden=99&alpha=abc")
    notice = page.locator("#nn11-x-notice").inner_text()
    assert "hidden must be a whole number from 1 to 32, got 99" in notice
    assert "alpha must be a number from 0.001 to 1000, got abc" in notice
    assert page.evaluate("window.nn11Explorer.settings().hidden") == 4


def test_every_link_with_settings_opens_them(reader: Reader, site_dir: Path) -> None:
    """Pages link to the explorer with settings in the address: each one is taken as written."""
    links = set()
    for html in site_dir.rglob("*.html"):
        for href in re.findall(r'href="([^"]*explorer/\?[^"]*)"', html.read_text("utf-8")):
            page = (html.parent / href.split("?")[0]).resolve().relative_to(site_dir.resolve())
            links.add(f"{page.as_posix()}/?{unescape(href.split('?', 1)[1])}")
    assert len(links) >= 5
    for link in sorted(links):
        wanted = dict(parse_qsl(link.split("?", 1)[1]))
        page = reader.open(link)
        assert page.locator("#nn11-x-notice").count() == 0, link
        got = page.evaluate("window.nn11Explorer.settings()")
        assert {k: str(got[k]) for k in wanted} == wanted, link
    assert reader.record.problems() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_clean_with_32_units_on_a_phone(browser: Any, site_url: str, scheme: str) -> None:
    """test_axe.py checks the page as it opens; this checks it at its widest: 32 hidden units,
    every table unfolded, 390 px (where the tables scroll sideways)."""
    r = new_reader(
        browser,
        site_url,
        color_scheme=scheme,
        viewport={"width": 390, "height": 900},
        is_mobile=True,
        has_touch=True,
    )
    try:
        page = r.open(PAGE + WIDE)
        trained(page, 3000)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        page.evaluate(AXE_SCRIPT)
        # The explorer only: the page's code blocks are test_axe.py's business.
        found = page.evaluate(f"(o) => axe.run(document.querySelector('{ROOT}'), o)", OPTIONS)[
            "violations"
        ]
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in found] == []
    finally:
        r.context.close()


def test_a_bad_number_is_refused_by_name(reader: Reader) -> None:
    page = reader.open(PAGE)
    trained(page, 10_000)
    page.fill("#nn11-x-iterations", "70000")
    page.keyboard.press("Tab")
    status = page.locator("#nn11-x-status").inner_text()
    assert status == "Not changed: iterations must be a whole number from 1 to 60000, got 70000."
    assert page.input_value("#nn11-x-iterations") == "10000"
    assert "iterations=10000" in page.url
