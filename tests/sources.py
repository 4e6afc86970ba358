"""The site's sources as the tests read them: mkdocs.yml as data, a page's front matter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.meta import get_data


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring its tags (!relative, !!python/name:...)."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def mkdocs_yml(text: str) -> dict[str, Any]:
    """mkdocs.yml's text as plain data (tags read as None), without loading any plugin."""
    data = yaml.load(text, Loader=_Loader)
    return data if isinstance(data, dict) else {}


def front_matter(page: Path) -> dict[str, Any]:
    """A Markdown page's front matter, parsed as MkDocs parses it ({} when there is none)."""
    return get_data(page.read_text(encoding="utf-8"))[1]
