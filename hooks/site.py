"""The site's settings and a page's address outside a build (tools, bench, tests, hooks).

- :func:`settings`: mkdocs.yml as data, read by a YAML loader that leaves its tags (``!relative``,
  ``!!python/name:``) as None, so nothing is imported (``mkdocs.config.load_config`` would load
  every hook and plugin: seconds, where this takes milliseconds).
- :func:`page_url`: a page's URL below the site root, from MkDocs' own ``File.url``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent


#: Plain YAML; every tag reads as None.
_Loader: Any = type("_Loader", (yaml.SafeLoader,), {})
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def parse(text: str) -> dict[str, Any]:
    """mkdocs.yml's text as plain data (tags read as None), without loading any plugin."""
    data = yaml.load(text, Loader=_Loader)
    return data if isinstance(data, dict) else {}


@functools.cache
def settings(config_file: Path = ROOT / "mkdocs.yml") -> dict[str, Any]:
    """The file ``config_file`` (mkdocs.yml) as plain data (:func:`parse`)."""
    return parse(config_file.read_text(encoding="utf-8"))


def site_url(config_file: Path = ROOT / "mkdocs.yml") -> str:
    """mkdocs.yml's ``site_url``, ending in ``/``."""
    url = settings(config_file).get("site_url")
    if not isinstance(url, str) or not url:
        raise ValueError(f"{config_file} sets no site_url (the address of the site)")
    return url if url.endswith("/") else url + "/"


def site_prefix(config_file: Path = ROOT / "mkdocs.yml") -> str:
    """The URL path the site is served under (``/nn11/``), from ``site_url``."""
    path = urlsplit(site_url(config_file)).path
    return path if path.endswith("/") else path + "/"


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL below the site root of the page built from ``src_uri`` (``part1/line-29.md`` ->
    ``part1/line-29/``, ``index.md`` -> ``""``), as MkDocs computes it. A notebook
    (``.ipynb``, rendered by mkdocs-jupyter) gets the address of a Markdown page of its name."""
    stem, _, suffix = src_uri.rpartition(".")
    page = src_uri if suffix == "md" else f"{stem or suffix}.md"
    url = File(page, None, "", use_directory_urls).url
    return "" if url == "./" else url
