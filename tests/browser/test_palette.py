"""Light and dark: the toggle works and persists; figures and code stay readable in both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import HERE, Reader, new_reader

# Contrast of prose, code, each code token and line numbers against what is behind them, and for
# each #only-light/#only-dark figure: shown or not, and the share of its drawn pixels that stand
# out (contrast >= 3) against the page's background.
READABLE = (HERE / "readable.js").read_text()
PALETTE = '[data-md-component="palette"] label:visible'


def scheme(page: Any) -> str:
    return str(page.locator("body").get_attribute("data-md-color-scheme"))


def figure_pages(site_dir: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(site_dir).as_posix() + "/"
        for p in site_dir.rglob("index.html")
        if "#only-dark" in p.read_text(encoding="utf-8")
    )


def test_toggle_switches_and_persists(reader: Reader) -> None:
    page = reader.open("part1/line-04/")
    assert scheme(page) == "default"
    page.locator(PALETTE).click()
    assert scheme(page) == "slate"
    page.reload()
    assert scheme(page) == "slate"
    page.locator("a.md-footer__link--next").click()  # instant navigation
    page.wait_for_url("**/line-05/")
    assert scheme(page) == "slate"
    page.goto(reader.base + "part2/")
    assert scheme(page) == "slate"
    page.locator(PALETTE).click()
    assert scheme(page) == "default"
    page.reload()
    assert scheme(page) == "default"
    assert reader.record.problems() == []


def test_system_dark_preference_starts_dark(browser: Any, site_url: str) -> None:
    r = new_reader(browser, site_url, color_scheme="dark")
    try:
        assert scheme(r.open("")) == "slate"
    finally:
        r.context.close()


def readable_problems(seen: dict[str, Any], variant: str) -> list[str]:
    """What makes a page hard to read in ``variant`` ("light" or "dark")."""
    out = []
    for what in ("prose", "code"):
        if seen[what] is not None and seen[what] < 4.5:
            out.append(f"{what} contrast {seen[what]:.2f} < 4.5")
    out += [f"token .{k} contrast {c:.2f} < 4" for k, c in seen["tokens"] if c < 4]
    if seen["linenos"] is not None and seen["linenos"] < 3:
        out.append(f"line numbers contrast {seen['linenos']:.2f} < 3")
    for f in seen["figures"]:
        right = f["src"].endswith(f"#only-{variant}")
        if f["shown"] != right:
            out.append(f"{f['src']} {'shown' if f['shown'] else 'hidden'} in {variant}")
        if not f["alt"]:
            out.append(f"{f['src']} has no alt text")
        if f["shown"] and not (f["natural"] > 0 and f["ink"] >= 200 and f["share"] >= 0.08):
            out.append(f"{f['src']} faint on the {variant} background: {f}")
    return out


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
    assert readable_problems(seen, "dark") == []
    assert len(readable_problems(seen, "light")) == 1  # dark variant shown in light
    bad = {
        "prose": 3.0,
        "code": 4.0,
        "tokens": [("c1", 2.5)],
        "linenos": 2.0,
        "figures": [{**good, "alt": "", "share": 0.02}],
    }
    assert len(readable_problems(bad, "dark")) == 6


@pytest.mark.parametrize("variant", ["light", "dark"])
def test_figures_and_code_readable(
    browser: Any, site_url: str, site_dir: Path, variant: str
) -> None:
    pages = figure_pages(site_dir)
    assert pages, "no page shows a light/dark figure"
    r = new_reader(browser, site_url, color_scheme=variant)
    try:
        problems = []
        for path in [*pages, "part1/"]:
            page = r.open(path)
            seen = page.evaluate(READABLE)
            assert seen["scheme"] == {"light": "default", "dark": "slate"}[variant]
            problems += [f"{path}: {p}" for p in readable_problems(seen, variant)]
        assert problems == []
        assert r.record.problems() == []
    finally:
        r.context.close()
