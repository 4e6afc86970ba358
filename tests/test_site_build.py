"""The strict build: every page exists, listings render as their files' lines with their own
numbers, prev/next follow the walkthrough, and the Material features the site promises are on."""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.utils import get_relative_url

from hooks import linepage, pagereader
from tests.sources import nav, url

ROOT = Path(__file__).resolve().parent.parent
NAV = [url(uri) for uri in nav(ROOT)]  # the one page list: mkdocs.yml's nav
SPAN = re.compile(r'<span id="__span-(\d+)-(\d+)">(.*?)(?=<span id="__span-|</code>)', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def built(site: Path, page: str) -> str:
    """The HTML of the page at URL path ``page`` (``part1/line-29/``, ``""``)."""
    return (site / page / "index.html").read_text(encoding="utf-8")


def numbered_blocks(page_html: str) -> dict[int, dict[int, str]]:
    """Code block index -> {shown line number: the line's text} (pymdownx line spans)."""
    blocks: dict[int, dict[int, str]] = {}
    for block, number, body in SPAN.findall(page_html):
        text = html.unescape(TAG.sub("", body))
        blocks.setdefault(int(block), {})[int(number)] = text.removesuffix("\n")
    return blocks


def include_problems(source: str, page_html: str, root: Path = ROOT) -> list[str]:
    """Each include in ``source`` must render as exactly its lines, each beside its number."""
    blocks = list(numbered_blocks(page_html).values())
    problems = []
    for _, include in pagereader.includes(source):
        if include.span is None:
            continue
        a, b = include.span
        lines = (root / include.path).read_text(encoding="utf-8").splitlines()
        want = {n: lines[n - 1] for n in range(a, b + 1) if n <= len(lines)}
        if want not in blocks:
            problems.append(f"{include.path}:{a}:{b} is not rendered as lines {a}..{b}")
    return problems


def footer(page_html: str, which: str) -> str | None:
    m = re.search(rf'<a href="([^"]*)" class="md-footer__link md-footer__link--{which}"', page_html)
    return m.group(1) if m else None


@pytest.mark.parametrize("page", NAV)
def test_page_built(site_dir: Path, page: str) -> None:
    assert "<h1" in built(site_dir, page)


def test_listings_render_as_their_lines(site_dir: Path) -> None:
    problems, seen = [], 0
    for src in sorted((ROOT / "docs").rglob("*.md")):
        uri = src.relative_to(ROOT / "docs").as_posix()  # as built: Line pages with their header
        text = linepage.as_built(uri, src.read_text(encoding="utf-8"), ROOT)
        if any(i.span for _, i in pagereader.includes(text)):
            page = url(src.relative_to(ROOT / "docs").as_posix())
            seen += 1
            problems += [f"{src.name}: {p}" for p in include_problems(text, built(site_dir, page))]
    assert seen >= 17 and problems == []


def test_whole_listings_numbered_from_one(site_dir: Path) -> None:
    for page, size in (("part1/", 42), ("part2/", 50), ("", 11)):
        blocks = numbered_blocks(built(site_dir, page)).values()
        assert any(sorted(b) == list(range(1, size + 1)) for b in blocks), page


def test_wrong_rendering_is_caught() -> None:
    src = '```python linenums="29"\n--8<-- "nn11/two_layer.py:29:29"\n```\n'
    line = (ROOT / "nn11/two_layer.py").read_text().splitlines()[28]
    good = f'<code><span id="__span-0-29"><a id="x"></a>{html.escape(line)}\n</span></code>'
    assert include_problems(src, good) == []
    shifted = good.replace("__span-0-29", "__span-0-30")
    assert include_problems(src, shifted) == [
        "nn11/two_layer.py:29:29 is not rendered as lines 29..29"
    ]
    other = good.replace("syn0", "syn1")
    assert include_problems(src, other)
    assert include_problems(src, "<code></code>")


def test_prev_next_follow_the_nav(site_dir: Path) -> None:
    assert len(NAV) > 20
    for here, there in itertools.pairwise(NAV):
        assert footer(built(site_dir, here), "next") == get_relative_url(there, here), here
        assert footer(built(site_dir, there), "prev") == get_relative_url(here, there), there
    assert footer(built(site_dir, "part1/"), "next") == "line-01/"  # the helper's own form
    assert footer(built(site_dir, "part2/line-40/"), "prev") == "../"


def test_material_features() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    theme = config.theme
    assert theme.name == "material" and theme["font"] is False
    features = set(theme["features"])
    assert {"content.code.copy", "navigation.instant", "navigation.footer"} <= features
    schemes = [p["scheme"] for p in theme["palette"]]
    assert schemes == ["default", "slate"] and all("toggle" in p for p in theme["palette"])
    assert "material/search" in config.plugins
    assert config.site_url == "https://nn11.github.io/nn11/"
    assert config.repo_url == "https://github.com/nn11/nn11"
    assert config.strict is True
    assert config.mdx_configs["pymdownx.highlight"]["anchor_linenums"] is True
    assert config.mdx_configs["pymdownx.snippets"]["check_paths"] is True
    assert config.mdx_configs["pymdownx.arithmatex"]["generic"] is True


def test_line_numbers_are_anchored(site_dir: Path) -> None:
    page = built(site_dir, "part1/line-29/")
    assert '<a href="#__codelineno-0-29">29</a>' in page
    assert '<a id="__codelineno-0-29" name="__codelineno-0-29"></a>' in page
    assert '<link rel="canonical" href="https://nn11.github.io/nn11/part1/line-29/">' in page


def test_a_failing_build_fails_the_fixture(tmp_path: Path) -> None:
    from tests.conftest import build_site

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[gone](missing.md)\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    with pytest.raises(pytest.fail.Exception, match=r"missing\.md"):
        build_site(tmp_path / "site", tmp_path / "mkdocs.yml")
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    assert (build_site(tmp_path / "site", tmp_path / "mkdocs.yml") / "index.html").is_file()
