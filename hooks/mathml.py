"""MkDocs hook: turn arithmatex's generic LaTeX spans into MathML at build time.

No MathJax, no JavaScript, nothing fetched: browsers render MathML natively.
A formula latex2mathml cannot convert fails the build (strict or not).
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

# arithmatex (generic: true) wraps inline math in <span> and display math in <div>.
_MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])\s*</(?P=tag)>",
    re.DOTALL,
)


def to_mathml(latex: str, display: str) -> str:
    """MathML for one formula (``display`` is "inline" or "block")."""
    return convert(html.unescape(latex).strip(), display=display)


def _replace(m: re.Match[str]) -> str:
    if m.group("inline") is not None:
        return f'<span class="nn11-math">{to_mathml(m.group("inline"), "inline")}</span>'
    return f'<div class="nn11-math">{to_mathml(m.group("block"), "block")}</div>'


def on_page_content(html_text: str, **_: object) -> str:
    return _MATH.sub(_replace, html_text)
