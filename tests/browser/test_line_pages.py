"""Every Line page: the post's line number stands beside the right code; copy leaves numbers out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser.conftest import DOCS, ROOT, Reader

LINE_PAGES = sorted(DOCS.glob("part*/line-*.md"))

# For each numbered code block: its line numbers and its code lines, with where they stand.
BLOCKS = """() => [...document.querySelectorAll('table.highlighttable')].map(t => {
  const box = e => { const r = e.getBoundingClientRect();
    return {top: r.top, left: r.left, right: r.right, h: r.height,
            shown: e.checkVisibility({opacityProperty: true, visibilityProperty: true})}; };
  return {
    nums: [...t.querySelectorAll('td.linenos pre > span')].filter(s => s.textContent.trim())
      .map(s => ({text: s.textContent.trim(), ...box(s)})),
    code: [...t.querySelectorAll('td.code code > span[id^="__span-"]')]
      .map(s => ({id: s.id, text: s.textContent.replace(/\\n$/, ''), ...box(s)})),
  };
})"""


def explains(md: Path) -> tuple[Path, int, int]:
    head = md.read_text(encoding="utf-8").split("---", 2)
    meta = yaml.safe_load(head[1]) if len(head) == 3 else {}
    pin = (meta or {}).get("explains")
    assert pin, f"{md.relative_to(ROOT)} has no `explains:` front matter"
    first, last = pin["lines"]
    return ROOT / pin["file"], int(first), int(last)


def find_shown(blocks: list[dict[str, Any]], n: int, text: str) -> dict[str, Any] | None:
    """The block where number ``n`` is visible, level with code reading ``text``, to its left."""
    for block in blocks:
        for num in block["nums"]:
            if num["text"] != str(n) or not num["shown"] or num["h"] <= 0:
                continue
            level = [c for c in block["code"] if abs(c["top"] - num["top"]) < 0.5 * num["h"]]
            if any(c["text"] == text and c["shown"] and num["right"] <= c["left"] for c in level):
                return block
    return None


def test_find_shown_rejects_wrong_code_and_hidden_numbers() -> None:
    num = {"text": "29", "top": 100.0, "left": 0.0, "right": 20.0, "h": 18.0, "shown": True}
    code = {
        "id": "__span-0-29",
        "text": "    l1 = x",
        "top": 99.0,
        "left": 40.0,
        "right": 90.0,
        "h": 18.0,
        "shown": True,
    }
    assert find_shown([{"nums": [num], "code": [code]}], 29, "    l1 = x") is not None
    assert find_shown([{"nums": [num], "code": [code]}], 29, "    l2 = x") is None
    assert (
        find_shown([{"nums": [{**num, "shown": False}], "code": [code]}], 29, "    l1 = x") is None
    )
    assert find_shown([{"nums": [{**num, "top": 130.0}], "code": [code]}], 29, "    l1 = x") is None
    assert find_shown([{"nums": [num], "code": [code]}], 30, "    l1 = x") is None


@pytest.mark.parametrize("md", LINE_PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_line_number_beside_code_and_copy_without_numbers(reader: Reader, md: Path) -> None:
    listing, first, last = explains(md)
    lines = listing.read_text(encoding="utf-8").splitlines()
    page = reader.open(md.relative_to(DOCS).with_suffix("").as_posix() + "/")
    blocks = page.evaluate(BLOCKS)
    shown = None
    for n in range(first, last + 1):
        shown = find_shown(blocks, n, lines[n - 1])
        assert shown, f"line {n} of {listing.name} ({lines[n - 1].strip()!r}) not shown numbered"

    # Copy that block with Material's button and read the clipboard.
    assert shown is not None
    numbers = [int(c["id"].rsplit("-", 1)[1]) for c in shown["code"]]
    block_id = shown["code"][0]["id"]
    button = page.locator(
        f'div.highlight:has(#{block_id}) button.md-code__button[data-md-type="copy"]'
    )
    page.evaluate("navigator.clipboard.writeText('')")
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.rstrip("\n") == "\n".join(lines[numbers[0] - 1 : numbers[-1]])
    assert reader.record.problems() == []
