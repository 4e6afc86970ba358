"""The browser tests' side of tools/browser.py (shared with bench/bench.py): skip or fail
when there is no browser."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import NoReturn

import pytest

from tools.browser import (
    CANDIDATES,
    FLAGS,
    PATH_ENV,
    REQUIRE_ENV,
    Record,
    find_chromium,
    launch,
    serve,
    watch,
)

__all__ = [
    "CANDIDATES",
    "FLAGS",
    "PATH_ENV",
    "REQUIRE_ENV",
    "Record",
    "find_chromium",
    "launch",
    "no_browser",
    "serve",
    "watch",
]


def no_browser(reason: str, env: Mapping[str, str] = os.environ) -> NoReturn:
    """Skip the browser tests, or fail them when the environment requires a browser."""
    if env.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason}; {REQUIRE_ENV}=1 forbids skipping the browser tests", pytrace=False)
    pytest.skip(
        f"browser tests skipped: {reason} (apt-get install chromium; never playwright install)"
    )
