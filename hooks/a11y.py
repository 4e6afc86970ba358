"""MkDocs hook: boxes that scroll can be reached by keyboard (WCAG 2.1.1).

A wide display formula (hooks/mathml.py's ``div.nn11-math``, scrolling per
docs/stylesheets/a11y.css) and a notebook code cell (mkdocs-jupyter's ``div.highlight-ipynb``)
scroll sideways; without a tab stop, a keyboard user cannot scroll them. Material does the
same for its own ``pre > code`` blocks. Runs last, after the hooks that write these boxes.
"""

from __future__ import annotations

import re

#: Opening tags of the boxes that scroll: a div whose classes include one of SCROLLERS.
SCROLLERS = ("nn11-math", "highlight-ipynb")
OPENING = re.compile(
    r'<div\b(?P<attrs>[^>]*\bclass="(?:[^"]*\s)?(?:'
    + "|".join(SCROLLERS)
    + r')(?:\s[^"]*)?"[^>]*)>'
)


def focusable(html_text: str) -> str:
    """``html_text`` with ``tabindex="0"`` on each scrolling box that has no tabindex."""

    def one(m: re.Match[str]) -> str:
        if re.search(r"\btabindex=", m["attrs"]):
            return m[0]
        return f'<div{m["attrs"]} tabindex="0">'

    return OPENING.sub(one, html_text)


def on_page_content(html_text: str, **_: object) -> str:
    return focusable(html_text)
