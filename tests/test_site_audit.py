"""Audits of the built site: every internal link and anchor resolves; nothing local leaks."""

from __future__ import annotations

import getpass
import gzip
import hashlib
import re
import socket
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import material

from tests.browser.conftest import site_prefix
from tests.leaks import local_needles

ROOT = Path(__file__).resolve().parent.parent
LINK_ATTRS = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
    "audio": "src",
    "video": "src",
}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for key in ("id", "name") if tag in ("a", "map") else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        if tag in LINK_ATTRS and a.get(LINK_ATTRS[tag]):
            self.links.append((tag, a[LINK_ATTRS[tag]]))
        for part in a.get("srcset", "").split(","):
            if part.strip():
                self.links.append((tag, part.split()[0]))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site: Path, path: str) -> Path | None:
    """The file a server would answer ``path`` (below the site root) with."""
    f = site / unquote(path)
    if path.endswith("/") or path == "":
        f = f / "index.html"
    elif f.is_dir():
        f = f / "index.html"
    return f if f.is_file() else None


def broken_links(site: Path, prefix: str = "/nn11/") -> list[str]:
    """Internal links, assets and anchors in ``site`` (served under ``prefix``) not resolving."""
    pages = {p: _parse(p) for p in sorted(site.rglob("*.html"))}
    out = []
    for src, page in pages.items():
        here = "http://site" + prefix + src.relative_to(site).as_posix()
        for tag, url in page.links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue  # other hosts: the browser tests prove nothing is fetched from them
            where = f"{src.relative_to(site)}: {tag} {url}"
            full = urlsplit(urljoin(here, url))
            if not full.path.startswith(prefix):
                out.append(f"{where}: outside the site's path {prefix}")
                continue
            target = _target(site, full.path.removeprefix(prefix))
            if target is None:
                out.append(f"{where}: no such file")
            elif full.fragment and tag in ("a", "area") and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(full.fragment) not in ids:
                    out.append(f"{where}: no anchor #{full.fragment} in {target.relative_to(site)}")
    return out


def _theme_files() -> set[str]:
    """Hashes of the files Material ships: copied verbatim, they cannot hold our paths."""
    base = Path(material.__file__).parent
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in base.rglob("*") if p.is_file()}


def leaks(site: Path, needles: list[tuple[str, re.Pattern[str]]]) -> list[str]:
    shipped = _theme_files()
    out = []
    for f in sorted(p for p in site.rglob("*") if p.is_file()):
        data = f.read_bytes()
        if hashlib.sha256(data).hexdigest() in shipped:
            continue
        if f.suffix == ".gz":
            data = gzip.decompress(data)
        elif f.suffix in {".whl", ".zip"}:  # what is inside, not compressed bytes by chance
            with zipfile.ZipFile(f) as z:
                data = b"\n".join(n.encode() + b"\n" + z.read(n) for n in z.namelist())
        text = data.decode("latin-1")
        for label, rx in needles:
            m = rx.search(text)
            if m:
                near = text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " ")
                out.append(f"{f.relative_to(site)}: {label}: ...{near}...")
    return out


# --- the built site -------------------------------------------------------------------------


def test_internal_links_and_anchors_resolve(site_dir: Path) -> None:
    assert len(list(site_dir.rglob("*.html"))) >= 20
    assert broken_links(site_dir, site_prefix()) == []


def test_nothing_local_leaks(site_dir: Path) -> None:
    needles = [*local_needles(), ("site dir", re.compile(re.escape(str(site_dir))))]
    assert leaks(site_dir, needles) == []


# --- the audits catch what they must (synthetic sites) ---------------------------------------


def _write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text)


def test_broken_links_are_found(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "index.html",
        """<a href="a/">ok</a><a href="a/#there">ok</a>
        <a href="a">dir ok</a><a href="https://example.com/x#y">other host</a>
        <img src="img/f.svg#only-dark"><a href="#top" id="top">self</a>
        <a href="b/">missing page</a><a href="a/#nowhere">missing anchor</a>
        <a href="/nn11/a/#there">rooted ok</a><a href="/a/">rooted</a><a href="../x/">up</a>
        <img src="missing.png"><a href="#gone">gone</a>""",
    )
    _write(tmp_path, "a/index.html", '<h2 id="there">there</h2>')
    _write(tmp_path, "img/f.svg", "<svg/>")
    found = broken_links(tmp_path)
    assert len(found) == 6, found
    for bad in (
        "b/: no such",
        "#nowhere in a/index.html",
        "a /a/: outside",
        "../x/: outside",
        "missing.png: no such",
        "#gone in index.html",
    ):
        assert any(bad in f for f in found), (bad, found)


def test_leaks_are_found(tmp_path: Path) -> None:
    host = socket.gethostname()
    _write(tmp_path, "ok/index.html", "<p>the root of the tree; a :root rule; /homework/</p>")
    _write(tmp_path, "a/index.html", f"<pre>{ROOT}/nn11/two_layer.py</pre>")
    _write(tmp_path, "b/index.html", "<pre>/tmp/pytest-of-x/site</pre>")
    _write(tmp_path, "c/index.html", f"<pre>ran on {host}.</pre>")
    _write(tmp_path, "d/index.html", "<pre>/home/alice/x</pre>")
    (tmp_path / "e.xml.gz").write_bytes(gzip.compress(b"<loc>/root/x</loc>"))
    with zipfile.ZipFile(tmp_path / "g.whl", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("nn11/x.py", "HERE = '/root/x'\n" * 50)  # compressed: only found inside
    needles = local_needles()
    found = leaks(tmp_path, needles)
    assert sorted({f.split(":")[0] for f in found}) == [
        "a/index.html",
        "b/index.html",
        "c/index.html",
        "d/index.html",
        "e.xml.gz",
        "g.whl",
    ], found
    assert any(f"host {host}" in f for f in found)
    user = getpass.getuser()
    _write(tmp_path, "f/index.html", f"<p>mail {user}@example.org</p>")
    assert any(f.startswith("f/index.html: user") for f in leaks(tmp_path, needles))
