""" "Watch it learn": the explorer shows nn11.train's numbers, at 0 and at the end, by keyboard,
by touch, in both schemes, and scrubbed to the end it shows exactly what the listing prints."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import numpy as np
import pytest

from nn11 import train
from nn11.data import X, y, y_xor
from nn11.listings import run
from tests.browser.conftest import Reader, new_reader

PAGE = "play/explorer/"
SCRUB = "#nn11-x-scrub"

CELLS = """(caption) => {
  const t = [...document.querySelectorAll('#nn11-x-tables table')]
    .find(t => t.caption.textContent.startsWith(caption));
  return t ? [...t.tBodies[0].rows].map(r => [...r.cells].slice(1).map(c => c.textContent)) : null;
}"""


def printed(name: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        run(name)
    return out.getvalue().strip()


def shown(values: np.ndarray) -> list[list[str]]:
    return [[f"{v:.4f}" for v in row] for row in values.tolist()]


def iteration(page: Any) -> str:
    return page.locator("#nn11-x-iteration").inner_text()


def trained(page: Any, total: int) -> None:
    """Wait until the page has trained all ``total`` iterations (it trains live, in a worker)."""
    page.wait_for_function(
        f"document.querySelector('[data-nn11-explorer]')?.dataset.done === '{total}'"
    )


def test_part1_at_0_and_at_the_end_by_keyboard(reader: Reader) -> None:
    page = reader.open(PAGE)
    trained(page, 10_000)
    snaps = train(X, y, snapshot_at=[0, 1, 9_999]).snapshots
    assert iteration(page) == "iteration 0 of 10,000"
    rows = page.evaluate(CELLS, "Per example")
    assert [r[1] for r in rows] == [s[0] for s in shown(snaps[0]["l1"])]
    assert [r[3] for r in rows] == [s[0] for s in shown(snaps[0]["l1_delta"])]
    assert page.evaluate(CELLS, "syn0") == shown(snaps[0]["syn0"])
    assert page.locator("#nn11-x-printed").inner_text().startswith("(the listing prints only")

    page.focus(SCRUB)
    page.keyboard.press("ArrowRight")
    assert iteration(page) == "iteration 1 of 10,000"
    assert page.evaluate(CELLS, "syn0") == shown(snaps[1]["syn0"])
    page.keyboard.press("End")
    assert iteration(page) == "iteration 9,999 of 10,000"
    assert page.evaluate(CELLS, "syn0") == shown(snaps[9_999]["syn0"])
    assert page.locator("#nn11-x-printed").inner_text() == printed("two-layer")
    page.keyboard.press("Home")
    assert iteration(page) == "iteration 0 of 10,000"
    assert reader.record.problems() == []


def test_part2_scrubbed_to_the_end_prints_the_listings_trace(reader: Reader) -> None:
    page = reader.open(PAGE)
    page.check("#nn11-x-net-1")
    trained(page, 60_000)
    snaps = train(X, y_xor, hidden=4, iterations=60_000, snapshot_at=[0, 59_999]).snapshots
    assert iteration(page) == "iteration 0 of 60,000"
    assert page.evaluate(CELLS, "l1:") == shown(snaps[0]["l1"])
    assert page.evaluate(CELLS, "syn1") == shown(snaps[0]["syn1"])
    first = page.locator("#nn11-x-printed").inner_text()
    assert first == printed("three-layer").splitlines()[0]
    page.focus(SCRUB)
    page.keyboard.press("End")
    assert iteration(page) == "iteration 59,999 of 60,000"
    assert page.evaluate(CELLS, "l1_delta") == shown(snaps[59_999]["l1_delta"])
    assert page.evaluate(CELLS, "syn0") == shown(snaps[59_999]["syn0"])
    assert page.locator("#nn11-x-printed").inner_text() == printed("three-layer")
    assert reader.record.problems() == []


@pytest.mark.parametrize("scheme", ["dark"])
def test_touch_moves_the_scrubber(browser: Any, site_url: str, scheme: str) -> None:
    r = new_reader(
        browser,
        site_url,
        has_touch=True,
        is_mobile=True,
        color_scheme=scheme,
        viewport={"width": 390, "height": 844},
    )
    try:
        page = r.open(PAGE)
        trained(page, 10_000)
        page.locator(SCRUB).scroll_into_view_if_needed()  # below the settings on a phone
        box = page.locator(SCRUB).bounding_box()
        assert box is not None
        page.touchscreen.tap(box["x"] + box["width"] * 0.75, box["y"] + box["height"] / 2)
        assert iteration(page) not in ("iteration 0 of 10,000", "")
        # The drawing is readable at phone width: no horizontal overflow of the page.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert r.record.problems() == []
    finally:
        r.context.close()
