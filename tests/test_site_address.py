"""The site's address and repository are set in mkdocs.yml (site_url, repo_url). Any other file
that names an address of the project must name that one: change mkdocs.yml (a fork) and every
stale copy fails here. The README names none (it must not claim an address that is not live)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.sources import mkdocs_yml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = mkdocs_yml((ROOT / "mkdocs.yml").read_text())
#: Addresses of this project under any owner: its Pages site and its GitHub repository.
ADDRESS = re.compile(
    r"https?://[\w.-]+\.github\.io/nn11\b[^\s\"'<>)\]]*|github\.com/[\w.-]+/nn11\b"
)
SOURCES = [
    "pyproject.toml",
    "tools/*.py",
    "hooks/*.py",
    "overrides/**/*.html",
    "docs/**/*.md",
    "docs/**/*.ipynb",
    "docs/javascripts/*.js",
]


def stale(text: str, site_url: str, repo_url: str) -> list[str]:
    repo = repo_url.removeprefix("https://").rstrip("/")
    return [
        a for a in ADDRESS.findall(text) if not (a.startswith(site_url.rstrip("/")) or a == repo)
    ]


def test_every_copy_of_the_address_is_mkdocs_ymls() -> None:
    found = {}
    for pattern in SOURCES:
        for path in ROOT.glob(pattern):
            bad = stale(path.read_text("utf-8"), CONFIG["site_url"], CONFIG["repo_url"])
            if bad:
                found[path.relative_to(ROOT).as_posix()] = bad
    assert found == {}
    assert not ADDRESS.search((ROOT / "README.md").read_text("utf-8"))


def test_guard_catches_a_copy_left_behind_by_a_fork() -> None:
    text = 'Homepage = "https://nn11.github.io/nn11/"\ngit clone https://github.com/nn11/nn11\n'
    assert stale(text, "https://nn11.github.io/nn11/", "https://github.com/nn11/nn11") == []
    assert stale(text, "https://me.github.io/nn11/", "https://github.com/me/nn11") == [
        "https://nn11.github.io/nn11/",
        "github.com/nn11/nn11",
    ]
