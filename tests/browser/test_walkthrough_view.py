"""The side-by-side walkthrough in Chromium: the pinned listing lights the line being explained."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import Reader, new_reader

PART1 = "part1/walkthrough/"
PART2 = "part2/walkthrough/"
LIT = """() => [...document.querySelectorAll('.nn11-wt__listing code > .nn11-wt__lit')]
  .map(e => Number(e.id.split('-').pop()))"""
# Where a line stands: inside the viewport, below the header, inside the listing's visible box?
SHOWN = """n => {
  const line = document.getElementById('__span-0-' + n);
  const box = document.querySelector('.nn11-wt__listing .highlight').getBoundingClientRect();
  const head = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const r = line.getBoundingClientRect();
  return r.top >= Math.max(box.top, head) - 1 && r.bottom <= Math.min(box.bottom, innerHeight) + 1;
}"""
STILL = """() => new Promise(done => {
  let last = -1, same = 0;
  const tick = () => {
    if (scrollY === last) { if (++same > 8) return done(true); } else { same = 0; last = scrollY; }
    requestAnimationFrame(tick);
  };
  tick();
})"""
OVERFLOW = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
IN_BAND = """id => { const t = document.getElementById(id).getBoundingClientRect().top;
  return t >= 0 && t <= 0.35 * innerHeight; }"""


def open_walk(reader: Reader, path: str = PART1) -> Any:
    page = reader.open(path)
    page.wait_for_selector(".nn11-wt__bar")
    return page


def lit(page: Any) -> list[int]:
    return list(page.evaluate(LIT))


def number(page: Any, n: int) -> Any:
    """The line number ``n`` in the pinned listing."""
    return page.locator(".nn11-wt__listing td.linenos a", has_text=re.compile(rf"^\s*{n}\s*$"))


def scroll_to(page: Any, anchor: str) -> None:
    page.evaluate("id => document.getElementById(id).scrollIntoView()", anchor)


def test_scrolling_to_line_36s_explanation_lights_line_36(reader: Reader) -> None:
    page = open_walk(reader)
    assert 36 not in lit(page)
    scroll_to(page, "wt-line-36")
    page.wait_for_function(f"() => ({LIT})().join() === '36'")
    assert page.evaluate(SHOWN, 36), "line 36 is lit but not in sight"
    listing = page.locator(".nn11-wt__listing")
    assert listing.evaluate("e => getComputedStyle(e).position") == "sticky"
    assert page.locator('.nn11-wt__step[aria-current="step"]').evaluate("e => e.id") == "wt-line-36"
    assert number(page, 36).get_attribute("aria-current") == "true"
    scroll_to(page, "wt-line-39")
    page.wait_for_function(f"() => ({LIT})().join() === '39'")
    assert number(page, 36).get_attribute("aria-current") is None
    assert page.locator('.nn11-wt__step[aria-current="step"]').count() == 1
    assert reader.record.problems() == []


def test_clicking_line_29_scrolls_to_its_explanation(reader: Reader) -> None:
    page = open_walk(reader)
    number(page, 29).click()
    page.evaluate(STILL)  # a smooth scroll, unless the reader asks for less motion
    assert page.evaluate(IN_BAND, "wt-line-29")
    page.wait_for_function(f"() => ({LIT})().join() === '29'")
    assert page.evaluate("document.activeElement.id") == "wt-line-29-title"
    assert "Line 29" in page.locator(".nn11-wt__note").inner_text()
    assert page.url.endswith(PART1)
    # Lines without an explanation say why, and the page stays where it is.
    y = page.evaluate("scrollY")
    for n, says in [(30, "blank"), (31, "comment"), (41, "no explanation of its own")]:
        number(page, n).click()
        assert says in page.locator(".nn11-wt__note").inner_text(), n
        assert page.evaluate("scrollY") == y
        assert lit(page) == [29]
    assert page.locator(".nn11-wt__note").get_attribute("role") == "status"
    assert reader.record.problems() == []


def test_keyboard_and_buttons_step_through_explanations(reader: Reader) -> None:
    page = open_walk(reader)
    page.emulate_media(reduced_motion="reduce")
    firsts = page.eval_on_selector_all(".nn11-wt__step", "ss => ss.map(s => +s.dataset.first)")
    at = lit(page)  # the first explanation may already be in view
    i = firsts.index(at[0]) if at else -1

    def expect(k: int) -> None:
        page.wait_for_function(f"() => ({LIT})()[0] === {firsts[k]}")
        assert page.evaluate("document.activeElement.id") == f"wt-line-{firsts[k]:02d}-title"

    page.keyboard.press("j")
    expect(i + 1)
    page.keyboard.press("j")
    expect(i + 2)
    page.keyboard.press("k")
    expect(i + 1)
    page.get_by_role("button", name="Next explanation").click()
    expect(i + 2)
    page.get_by_role("button", name="Previous explanation").click()
    expect(i + 1)
    # Typing in the search box is not a walkthrough command.
    page.locator("input.md-search__input").click()
    page.keyboard.type("jj")
    page.wait_for_timeout(200)
    assert lit(page)[0] == firsts[i + 1]
    assert reader.record.problems() == []


def test_part2_lights_line_43(reader: Reader) -> None:
    page = open_walk(reader, PART2)
    assert page.locator(".nn11-wt__listing td.linenos a").count() == 50
    scroll_to(page, "wt-line-43")
    page.wait_for_function(f"() => ({LIT})().join() === '43'")
    assert page.evaluate(SHOWN, 43)
    assert reader.record.problems() == []


# Material's instant navigation swaps the content and emits document$. (It does not engage here:
# it maps sitemap URLs to this host without the port, so links on 127.0.0.1:<port> miss.)
SWAP = """async url => {
  const next = new DOMParser().parseFromString(await (await fetch(url)).text(), "text/html");
  document.querySelector(".md-content").replaceWith(next.querySelector(".md-content"));
  history.pushState(null, "", url);
  document$.next(document);
}"""


def test_follows_material_document_stream(reader: Reader) -> None:
    page = reader.open("part1/")
    page.evaluate("window.__stayed = true")
    page.evaluate(SWAP, reader.base + PART1)
    page.wait_for_selector(".nn11-wt__bar")
    scroll_to(page, "wt-line-36")
    page.wait_for_function(f"() => ({LIT})().join() === '36'")
    page.evaluate("document$.next(document)")  # the same page again: set up once only
    assert page.locator(".nn11-wt__bar").count() == 1
    page.evaluate(SWAP, reader.base + "part2/")
    assert page.locator(".nn11-wt").count() == 0
    page.keyboard.press("j")
    page.mouse.wheel(0, 400)
    page.evaluate(SWAP, reader.base + PART2)
    page.wait_for_selector(".nn11-wt__bar")
    assert page.locator(".nn11-wt__bar").count() == 1
    scroll_to(page, "wt-line-43")
    page.wait_for_function(f"() => ({LIT})().join() === '43'")
    assert page.evaluate("window.__stayed === true")
    assert reader.record.problems() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_narrow_screen_stacks_without_horizontal_overflow(
    browser: Any, site_url: str, scheme: str
) -> None:
    r = new_reader(browser, site_url, viewport={"width": 375, "height": 740}, color_scheme=scheme)
    try:
        for path in (PART1, PART2):
            page = open_walk(r, path)
            want = "slate" if scheme == "dark" else "default"
            assert page.locator("body").get_attribute("data-md-color-scheme") == want
            listing = page.locator(".nn11-wt__listing")
            assert listing.evaluate("e => getComputedStyle(e).position") != "sticky"
            first = page.locator(".nn11-wt__step").first
            assert (
                listing.bounding_box()["y"] + listing.bounding_box()["height"]
                <= (first.bounding_box()["y"])
            ), "the listing should come first, above the explanations"
            step = page.locator(".nn11-wt__step").last.get_attribute("id")
            scroll_to(page, step)
            n = int(page.locator(f"#{step}").get_attribute("data-first"))
            page.wait_for_function(f"() => ({LIT})().join() === '{n}'")
            # The lit line stands out from the code around it.
            colours = page.evaluate(
                """n => [n, n - 1].map(k => getComputedStyle(
                     document.getElementById('__span-0-' + k)).backgroundColor)""",
                n,
            )
            assert colours[0] != colours[1], colours
            wide = page.evaluate(OVERFLOW)
            assert wide[0] <= wide[1], f"{path}: horizontal overflow {wide}"
        assert r.record.problems() == []
        # The overflow check sees overflow: one paragraph made too wide.
        page.locator(".nn11-wt__step p").first.evaluate(
            "p => p.style.cssText = 'width: 600px; white-space: nowrap'"
        )
        wide = page.evaluate(OVERFLOW)
        assert wide[0] > wide[1]
    finally:
        r.context.close()
