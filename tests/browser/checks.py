"""What the browser tests look at in a page and how they judge it (pure functions, tested alone)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hooks import linepage

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

PALETTE = '[data-md-component="palette"] label:visible'

# Every <math> has a size; no LaTeX source is left in the prose (code blocks aside).
MATH = r"""() => {
  const sizes = [...document.querySelectorAll('article math')].map(m => {
    const r = m.getBoundingClientRect(); return [r.width, r.height]; });
  const prose = document.querySelector('article').cloneNode(true);
  prose.querySelectorAll('pre, code, math, script').forEach(e => e.remove());
  const raw = (prose.textContent.match(/\\\(|\\\[|\\frac|\\sigma|\$\$/g) || []);
  return {sizes, raw, arithmatex: document.querySelectorAll('.arithmatex').length};
}"""

# For each numbered code block: its line numbers and its code lines, with where they stand.
BLOCKS = r"""() => [...document.querySelectorAll('table.highlighttable')].map(t => {
  const box = e => { const r = e.getBoundingClientRect();
    return {top: r.top, left: r.left, right: r.right, h: r.height,
            shown: e.checkVisibility({opacityProperty: true, visibilityProperty: true})}; };
  return {
    nums: [...t.querySelectorAll('td.linenos pre > span')].filter(s => s.textContent.trim())
      .map(s => ({text: s.textContent.trim(), ...box(s)})),
    code: [...t.querySelectorAll('td.code code > span[id^="__span-"]')]
      .map(s => ({id: s.id, text: s.textContent.replace(/\n$/, ''), ...box(s)})),
  };
})"""

# Contrast of prose, code, each code token and line numbers against what is behind them, and for
# each #only-light/#only-dark figure: shown or not, and the share of its drawn pixels that stand
# out (contrast >= 3) against the page's background.
READABLE = (HERE / "readable.js").read_text()  # argument: the scheme to switch to first


def math_problems(seen: dict[str, Any]) -> list[str]:
    out = []
    if seen["arithmatex"]:
        out.append(f"{seen['arithmatex']} formulas left for a script to typeset")
    if seen["raw"]:
        out.append(f"LaTeX source shown as text: {seen['raw']}")
    out += [f"math drawn {w:.0f}x{h:.0f}" for w, h in seen["sizes"] if not (w > 0 and h > 0)]
    return out


def explains(md: Path) -> tuple[Path, int, int]:
    """The listing and line range a Line page's front matter pins."""
    page = linepage.read(md.name, md.read_text(encoding="utf-8"))
    assert page, f"{md.relative_to(ROOT)} has no `explains:` front matter"
    return ROOT / page.file, page.first, page.last


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
