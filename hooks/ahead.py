"""MkDocs hook: on a cold build, draw the figures in a second process while this one works.

The notebook's kernel (hooks/notebook_run.py) and this process compute at the same time; the
walkthrough's and the "What next" pages' figures, when their caches (hooks/cache.py) are
missing, are drawn by a helper process started here, which fills those caches. Their hooks
wait for it, then read the cache or draw whatever is still missing themselves. A warm build
starts nothing.
"""

from __future__ import annotations

from typing import Any

from hooks import cache, figures, next_figures

DRAW = (
    "from hooks import figures, next_figures; "
    "figures.DRAWINGS.drawn(); next_figures.DRAWINGS.drawn()"
)


def on_config(config: Any, **_: Any) -> Any:
    if not all(cache.ready(m.DRAWINGS.name, m.DRAWINGS.key()) for m in (figures, next_figures)):
        cache.ahead(DRAW)
    return config


def on_post_build(**_: Any) -> None:
    cache.settle()


def on_build_error(**_: Any) -> None:
    cache.settle()
