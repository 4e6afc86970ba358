"""Copy as a reader copies: every copy button on every page (folded answers opened), read back
from the clipboard. Example blocks give code only, other blocks their text; one page's copies,
pasted in order into a fresh interpreter, run. No id appears twice once the scripts have run.
The ">>>" toggle hides prompts and output, by keyboard too, and is remembered."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import Reader, new_reader, page_paths
from tests.browser.test_walkthrough_view import SWAP
from tests.hookmods import ROOT, hook

copycode = hook("copycode")
WHEEL = hook("downloads").wheel_name(ROOT)
PROMPT = re.compile(r"^(>>>|\.\.\.)( |$)", re.M)
BLOCKS = """() => [...document.querySelectorAll('button.md-code__button[data-md-type="copy"]')]
  .map(b => {
    const block = b.closest(".highlight");
    const code = document.querySelector(b.dataset.clipboardTarget);
    return {
      classes: block ? block.className : "",
      shown: code ? code.textContent : null,
      target: b.dataset.clipboardTarget,
    };
  })"""
IDS = "() => [...document.querySelectorAll('[id]')].map(e => e.id)"


@pytest.fixture(scope="module")
def tab(browser: Any, site_url: str) -> Iterator[Reader]:
    r = new_reader(browser, site_url)
    yield r
    r.context.close()


def copies(reader: Reader, path: str) -> list[tuple[dict[str, Any], str]]:
    page = reader.open(path)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    blocks = page.evaluate(BLOCKS)
    buttons = page.locator('button.md-code__button[data-md-type="copy"]')
    assert buttons.count() == len(blocks)
    out = []
    for i, block in enumerate(blocks):
        page.evaluate("navigator.clipboard.writeText('')")
        buttons.nth(i).click()
        out.append((block, page.evaluate("navigator.clipboard.readText()")))
    return out


def run_copies(code: str) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter, given the copies as one pasted script."""
    return subprocess.run(
        [sys.executable, "-"], input=code, capture_output=True, text=True, cwd="/tmp", timeout=300
    )


@pytest.mark.parametrize("path", page_paths(), ids=lambda p: p or "home")
def test_every_copy_button_copies_code_only(tab: Reader, path: str) -> None:
    got = copies(tab, path)
    problems, examples = [], []
    for block, text in got:
        classes = block["classes"].split()
        lines = block["shown"].rstrip("\n").split("\n")
        if "nn11-session" in classes:
            want = copycode.code_only(lines, "language-console" in classes)
            if PROMPT.search(text):
                problems.append(f"{block['target']}: copy keeps a prompt: {text[:60]!r}")
        else:
            want = block["shown"]
        if text.rstrip() != want.rstrip():
            problems.append(f"{block['target']}: copied {text[:80]!r}, shows {want[:80]!r}")
        if "nn11-example" in classes:
            examples.append(text)
        if "nn11-install" in str(block["shown"]) or text.startswith("pip install"):
            assert text == f"pip install {tab.base}downloads/{WHEEL}"
    assert problems == []
    ids = [i for i, n in Counter(tab.page.evaluate(IDS)).items() if n > 1]
    assert ids == [], f"ids repeated after the scripts ran: {ids}"
    assert tab.record.problems() == []
    if examples:
        run = run_copies("\n".join(examples))
        assert run.returncode == 0, run.stderr[-2000:]


def test_a_run_of_copies_fails_when_a_prompt_is_kept() -> None:
    assert run_copies("x = 1\nx\n").returncode == 0
    assert run_copies(">>> x = 1\n").returncode != 0


def test_install_command_follows_the_pages_address(tab: Reader) -> None:
    for path in ("", "part1/line-29/", "play/notebook/"):
        page = tab.open(path)
        page.locator("details.nn11-run > summary").click()  # the closed "Run this page" line
        shown = page.locator("code.nn11-install").inner_text()
        assert shown == f"pip install {tab.base}downloads/{WHEEL}", path


def test_install_command_after_instant_navigation(tab: Reader) -> None:
    """Material swaps the content without a reload: the address still points at the site root."""
    page = tab.open("part1/line-29/")
    page.evaluate(SWAP, tab.base + "part2/")
    page.wait_for_function("() => !!document.querySelector('code.nn11-install')")
    page.locator("details.nn11-run > summary").click()
    shown = page.locator("code.nn11-install").inner_text()
    assert shown == f"pip install {tab.base}downloads/{WHEEL}"


def hidden(page: Any, selector: str) -> bool:
    return bool(
        page.evaluate(
            f"() => [...document.querySelectorAll('{selector}')]"
            ".every(e => getComputedStyle(e).display === 'none')"
        )
    )


def test_prompt_toggle_by_keyboard_and_remembered(browser: Any, site_url: str) -> None:
    r = new_reader(browser, site_url)
    try:
        page = r.open("part1/line-29/")
        sessions = page.locator(".nn11-session").count()
        toggles = page.get_by_role("button", name="Hide prompts and output")
        assert toggles.count() == sessions >= 2
        first = toggles.first
        assert first.get_attribute("aria-pressed") == "false"
        assert not hidden(page, ".nn11-gp") and not hidden(page, ".nn11-go")
        page.keyboard.press("Shift")  # a keyboard user: focus shows as :focus-visible
        first.focus()
        assert first.evaluate("e => e.matches(':focus-visible')")
        assert first.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
        page.keyboard.press("Enter")
        assert hidden(page, ".nn11-gp") and hidden(page, ".nn11-go")
        assert toggles.nth(1).get_attribute("aria-pressed") == "true"
        visible = page.locator(".nn11-session code").first.inner_text()
        assert not PROMPT.search(visible)
        page.reload()
        assert hidden(page, ".nn11-go")
        page.goto(r.base + "play/exercises/")
        assert hidden(page, ".nn11-go")
        # Material's instant navigation: new content, document$ emits; buttons come back once.
        page.evaluate("() => document.querySelectorAll('.nn11-prompts').forEach(b => b.remove())")
        page.evaluate("document$.next(document)")
        page.evaluate("document$.next(document)")
        assert page.locator(".nn11-prompts").count() == page.locator(".nn11-session").count()
        page.locator(".nn11-prompts").first.press("Space")
        assert not hidden(page, ".nn11-go")
        page.reload()
        assert not hidden(page, ".nn11-go")
        assert r.record.problems() == []
    finally:
        r.context.close()
