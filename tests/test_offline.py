"""Offline and private: the built site loads nothing from another host.

Links to other sites (``<a href>``) are fine; what a browser would fetch on its own is not:
scripts, styles, fonts, images, frames, preconnects, CSS ``url()``/``@import``. Material's
repository widget would fetch api.github.com; overrides/partials/source.html keeps the link
without it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

#: <link rel=...> values that make the browser fetch the href.
FETCHING_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch",
    "preconnect", "dns-prefetch", "modulepreload", "manifest", "prerender",
}  # fmt: skip
FETCHING_ATTRS = {"src", "srcset", "data", "poster", "background", "formaction"}
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)  # http://, https://, //
CSS_URL = re.compile(
    r"""(?:url\(\s*["']?|@import\s+["'])\s*((?:[a-z][a-z0-9+.-]*:)?//[^"')\s]+)""", re.IGNORECASE
)
#: hosts of web fonts and script CDNs, searched in our own JavaScript
KNOWN_HOSTS = re.compile(
    r"fonts\.googleapis|fonts\.gstatic|cdn\.jsdelivr|unpkg\.com|cdnjs\.|polyfill\.io|mathjax",
    re.IGNORECASE,
)
#: Material's own scripts: their remote URLs are conditional (see test_material_conditions)
THEME_JS = re.compile(r"^assets/javascripts/")


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for key in FETCHING_ATTRS & a.keys():
            urls = (
                [u.split()[0] for u in a[key].split(",") if u.strip()]
                if key == "srcset"
                else [a[key]]
            )
            self.found += [f"<{tag} {key}={u}>" for u in urls if REMOTE.match(u)]
        if tag == "link" and FETCHING_RELS & set(a.get("rel", "").lower().split()):
            if REMOTE.match(a.get("href", "")):
                self.found.append(f"<link rel={a['rel']} href={a['href']}>")
        if tag in {"image", "use", "feimage"}:  # SVG
            for key in ("href", "xlink:href"):
                if REMOTE.match(a.get(key, "")):
                    self.found.append(f"<{tag} {key}={a[key]}>")
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.found.append(f"<meta refresh {a.get('content')}>")
        self.found += [f"<{tag} style> {u}" for u in CSS_URL.findall(a.get("style", ""))]


#: XML namespace names: identifiers a script passes to createElementNS, never fetched.
NAMESPACES = {"http://www.w3.org/2000/svg"}


def remote_loads(site: Path) -> list[str]:
    """Every place in ``site`` that would fetch something from another host."""
    out = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix in {".html", ".svg"}:
            text = path.read_text(encoding="utf-8")
            parser = _Loads()
            parser.feed(text)
            out += [f"{rel}: {f}" for f in parser.found]
            for style in re.findall(r"<style[^>]*>(.*?)</style>", text, re.DOTALL | re.IGNORECASE):
                out += [f"{rel}: <style> {u}" for u in CSS_URL.findall(style)]
        elif path.suffix == ".css":
            out += [f"{rel}: {u}" for u in CSS_URL.findall(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".js" and not THEME_JS.match(rel):
            text = path.read_text(encoding="utf-8")
            out += [f"{rel}: {m.group(0)}" for m in KNOWN_HOSTS.finditer(text)]
            urls = re.findall(r"""["'`](?:https?:)?//[^"'`\s]+""", text)
            out += [f"{rel}: {u}" for u in urls if u[1:] not in NAMESPACES]
    return out


def test_built_site_loads_nothing_remote(site_dir: Path) -> None:
    assert remote_loads(site_dir) == []


def test_material_conditions(site_dir: Path) -> None:
    """Material's bundle fetches remotely only for widgets we do not use."""
    pages = [p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")]
    assert pages
    assert not any('data-md-component="source"' in p for p in pages)  # api.github.com facts
    assert not any('class="mermaid"' in p for p in pages)  # unpkg.com/mermaid
    assert all("fonts.googleapis" not in p and "fonts.gstatic" not in p for p in pages)
    assert any('href="https://github.com/nn11/nn11"' in p for p in pages)  # the link stays


def test_search_and_math_are_local(site_dir: Path) -> None:
    assert (site_dir / "search" / "search_index.json").is_file()
    assert list((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    page = (site_dir / "part1" / "line-04" / "index.html").read_text(encoding="utf-8")
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in page
    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert 'class="arithmatex"' not in text, path  # left for a script to typeset
        assert not re.search(r"<script[^>]*mathjax|window\.MathJax", text, re.IGNORECASE), path


def test_math_hook_converts_inline_and_block() -> None:
    from hooks import mathml

    page = (
        '<p>Inline <span class="arithmatex">\\(a &lt; b\\)</span>.</p>\n'
        '<div class="arithmatex">\\[\n\\sigma(x) = \\frac{1}{1 + e^{-x}}\n\\]</div>'
    )
    out = mathml.on_page_content(page)
    assert "arithmatex" not in out and "\\frac" not in out
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in out
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in out
    assert "<mfrac>" in out and "&#x0003C;" in out  # the unescaped "<" became an operator
    assert mathml.on_page_content("<p>$5 and $6</p>") == "<p>$5 and $6</p>"


def test_remote_loads_are_caught(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<html><head><link rel="canonical" href="https://nn11.github.io/nn11/a/">'
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<link rel="preconnect" href="//fonts.gstatic.com">'
        '<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"></script>'
        '<style>@font-face { src: url("https://example.org/f.woff2") }</style></head>'
        '<body><a href="https://iamtrask.github.io/2015/07/12/basic-python-network/">post</a>'
        '<img src="../figures/sigmoid-light.svg#only-light" alt="local">'
        '<img srcset="/x.png 1x, https://example.org/y.png 2x">'
        '<div style="background: url(http://example.org/bg.png)"></div></body></html>'
    )
    (tmp_path / "extra.css").write_text('@import url("https://example.org/x.css"); a { }')
    (tmp_path / "mine.js").write_text('fetch("https://example.org/data.json")')
    found = remote_loads(tmp_path)
    assert len(found) == 8, found
    assert not any("canonical" in f or "iamtrask" in f or "sigmoid" in f for f in found)
    (tmp_path / "a" / "index.html").write_text('<a href="https://github.com/nn11/nn11">repo</a>')
    (tmp_path / "extra.css").unlink()
    (tmp_path / "mine.js").write_text("const here = location.href;")
    assert remote_loads(tmp_path) == []
