"""MkDocs hook: under ``mkdocs serve``, every rebuild runs the current nn11 and hooks code.

MkDocs imports each hook once per process and Python keeps ``nn11`` imported, so after an
edit to either (``watch:`` in mkdocs.yml triggers the rebuild) the rebuild would still run the
old code, and hooks/sweep.py would cache the old code's results under the new sources' key.
After each build under serve this hook forgets both; the next build imports them from disk.
"""

from __future__ import annotations

import sys
from typing import Any

from mkdocs.config.config_options import Hooks


def serving() -> bool:
    return sys.argv[1:2] == ["serve"]


def forget() -> None:
    """Drop the hooks (MkDocs' cache and ours) and nn11 from this process."""
    Hooks._load_hook.cache_clear()
    for name in list(sys.modules):
        if name.partition(".")[0] in {"nn11", "hooks"} or name.startswith("hooks/"):
            del sys.modules[name]


def on_post_build(config: Any, **_: Any) -> None:
    if serving():
        forget()


def on_build_error(error: Exception, **_: Any) -> None:
    if serving():
        forget()
