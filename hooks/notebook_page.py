"""MkDocs hook: finish the notebook pages that mkdocs-jupyter renders.

- a Download link (the .ipynb is copied next to the page by ``include_source: true``) and an
  "Open in Colab" link to the file in the repository;
- alt text on each plot, taken from the plotting cell's ``metadata.nn11.alt``
  (tools/make_notebook.py writes it); a plot without one fails the build.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import PurePosixPath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

BRANCH = "main"
#: An inline image (the plots) and its alt attribute, which nbconvert fills with a placeholder.
IMAGE = re.compile(r"<img\b[^>]*\bsrc=\"data:image/[^>]*>")
ALT = re.compile(r'\s+alt="[^"]*"')
#: nbconvert's MathJax and Mermaid loaders: CDN addresses, unused here (no math, no diagrams).
LOADER = re.compile(
    r"<script\b[^>]*>(?:(?!</script>).)*?(?:cdnjs|mathjax)(?:(?!</script>).)*</script>"
    r'|<script src="">\s*</script>',
    re.S | re.I,
)


def alts(notebook: dict[str, Any]) -> list[str]:
    """The alt texts of the notebook's plotting cells, in order."""
    return [
        c["metadata"]["nn11"]["alt"]
        for c in notebook["cells"]
        if "alt" in c.get("metadata", {}).get("nn11", {})
    ]


def add_alts(content: str, texts: list[str], where: str) -> str:
    """Give the n-th inline image the n-th alt text; the counts must agree."""
    found = len(IMAGE.findall(content))
    if found != len(texts):
        raise PluginError(
            f"{where}: {found} plots rendered, {len(texts)} alt texts in the notebook"
        )
    it = iter(texts)

    def one(m: re.Match[str]) -> str:
        tag = ALT.sub("", m[0])
        return f'<img alt="{html.escape(next(it))}"{tag.removeprefix("<img")}'

    return IMAGE.sub(one, content)


def strip_loaders(content: str) -> str:
    """Drop nbconvert's script tags that would fetch MathJax or Mermaid from a CDN."""
    return LOADER.sub("", content)


def links(src_uri: str, repo_url: str) -> str:
    """HTML for the Download and Open in Colab links of the notebook at docs/``src_uri``."""
    repo = repo_url.rstrip("/").removeprefix("https://github.com/")
    colab = f"https://colab.research.google.com/github/{repo}/blob/{BRANCH}/docs/{src_uri}"
    name = PurePosixPath(src_uri).name
    return (
        '<p class="nn11-notebook-links">'
        f'<a class="md-button" href="{name}" download>Download {name}</a> '
        f'<a class="md-button" href="{colab}">Open in Colab</a>'
        "</p>\n"
    )


def on_page_content(content: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    if not page.file.src_uri.endswith(".ipynb") or page.file.abs_src_path is None:
        return content
    with open(page.file.abs_src_path, encoding="utf-8") as f:
        notebook = json.load(f)
    content = add_alts(strip_loaders(content), alts(notebook), page.file.src_uri)
    head, h1, rest = content.partition("</h1>")  # the links go under the title
    bar = links(page.file.src_uri, config.repo_url or "")
    return head + h1 + bar + rest if h1 else bar + content
