"""MkDocs hook: what a reader needs to run a page in their own Python.

- The ``nn11`` wheel, built from this checkout with hatchling's builder (the project's own build
  backend) into ``downloads/`` of the site on every build.
- On the home page and every page with examples, a closed "Run this page" box under the title
  (one line until opened): the one install
  command (``pip install <wheel>``; docs/javascripts/copy.js rewrites the address from the
  page's own location, so it is right on any host; without JavaScript it shows the address
  under mkdocs.yml's ``site_url``), and on Markdown pages with examples the links
  "Download as script" (``<page>.py``) and "Download as notebook" (``<page>.ipynb``), written
  next to the page from its Markdown by hooks/pagecode.py.
- Runnable fences get the class ``nn11-example`` (hooks/pagecode.py ``mark_examples``).
"""

from __future__ import annotations

import html
import re
import tomllib
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from hooks import pagecode, site

DOWNLOADS = "downloads"
H1 = re.compile(r"^#\s+(?P<title>.+?)\s*(\{[^{}]*\})?\s*$", re.M)
_pages: dict[str, pagecode.Page] = {}


def project(root: Path) -> tuple[str, str]:
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return data["name"], data["version"]


def wheel_name(root: Path) -> str:
    name, version = project(root)
    return f"{name.replace('-', '_')}-{version}-py3-none-any.whl"


def install_command(url: str) -> str:
    return f"pip install {url}"


def stem(src_uri: str) -> str:
    """Download file name (no suffix) for a page: ``part1/line-29.md`` -> ``nn11-part1-line-29``
    (its URL, from MkDocs' ``File.url``, with dashes; the home page is ``home``)."""
    return "nn11-" + (site.page_url(src_uri).strip("/") or "home").replace("/", "-")


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _site_url(config: MkDocsConfig) -> str:
    url = config.site_url or ""
    if not url:
        raise PluginError("downloads: mkdocs.yml needs site_url (the address of the site)")
    return url if url.endswith("/") else url + "/"


def read(markdown: str) -> pagecode.Page:
    h1 = H1.search(markdown)
    return pagecode.read(markdown, h1["title"] if h1 else "")


def files_for(src_uri: str, page: pagecode.Page, root: Path, site_url: str) -> dict[str, str]:
    """{file name: text} of the page's downloads."""
    install = install_command(f"{site_url}{DOWNLOADS}/{wheel_name(root)}")
    s = stem(src_uri)
    return {
        f"{s}.py": pagecode.script(page, root, src_uri, site_url, install),
        f"{s}.ipynb": pagecode.notebook(page, root, src_uri, site_url, install),
    }


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    if not page.file.src_uri.endswith(".md"):
        return markdown
    read_page = read(markdown)
    if read_page.examples:
        _pages[page.file.src_uri] = read_page
    else:
        _pages.pop(page.file.src_uri, None)
    return pagecode.mark_examples(markdown)


def box(page: Page, config: MkDocsConfig, links: bool) -> str:
    """The "Run this page" box for ``page`` (HTML)."""
    name = wheel_name(_root(config))
    depth = len([part for part in page.url.split("/") if part])  # directory URLs
    wheel = ("../" * depth or "./") + f"{DOWNLOADS}/{name}"
    command = html.escape(install_command(_site_url(config) + f"{DOWNLOADS}/{name}"))
    what = "this page's examples" if links else "the examples"
    text = (
        f"Run {what} in your own Python (3.11 or newer): install <code>nn11</code> from this "
        "site with the command below"
    )
    if links:
        s = stem(page.file.src_uri)
        text += (
            ", then copy the examples in order, or download them as a "
            f'<a href="{s}.py" download>script (.py)</a> or a '
            f'<a href="{s}.ipynb" download>notebook (.ipynb)</a>.'
        )
    else:
        text += "."
    # One compact control (issue 23): a closed <details> whose summary is a single small line
    # under the title, so the page's own subject stays on the first screen.
    return (
        f'<details class="nn11-run" data-nn11-wheel="{html.escape(wheel)}">\n'
        '<summary class="nn11-run__summary">Run this page in your own Python</summary>\n'
        f'<p class="nn11-run__text">{text}</p>\n'
        '<div class="language-bash highlight"><pre><span></span>'
        f'<code class="nn11-install">{command}</code></pre></div>\n</details>\n'
    )


def on_page_content(content: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    src = page.file.src_uri
    found = _pages.get(src)
    if found is None and not page.is_homepage and not src.endswith(".ipynb"):
        return content
    if found is not None:
        out = Path(config.site_dir, page.url)
        out.mkdir(parents=True, exist_ok=True)
        for name, text in files_for(src, found, _root(config), _site_url(config)).items():
            (out / name).write_text(text, encoding="utf-8")
    head, h1, rest = content.partition("</h1>")
    bar = box(page, config, links=found is not None)
    return head + h1 + "\n" + bar + rest if h1 else bar + content


def on_post_build(config: MkDocsConfig, **_: object) -> None:
    """Build the wheel from this checkout into the site (hatchling, as ``pip wheel`` would)."""
    from hatchling.builders.wheel import WheelBuilder

    root = _root(config)
    out = Path(config.site_dir, DOWNLOADS)
    out.mkdir(parents=True, exist_ok=True)
    built = [
        Path(p) for p in WheelBuilder(str(root)).build(directory=str(out), versions=["standard"])
    ]
    if [p.name for p in built] != [wheel_name(root)]:
        raise PluginError(f"downloads: built {built}, expected {wheel_name(root)}")
