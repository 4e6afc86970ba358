"""Figures: drawn at build time, light and dark, shown by their pages, never committed."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from tests.hookmods import hook, page_dir

ROOT = Path(__file__).resolve().parent.parent
figures = hook("figures")
for _module in ("sweep", "next_figures"):  # the other modules that declare figures
    hook(_module)


def shown_on(docs: Path = ROOT / "docs") -> dict[str, list[str]]:
    """figure -> the built pages that show it (their ``nn11-figure:`` placeholders)."""
    out: dict[str, list[str]] = {}
    for md in sorted(docs.rglob("*.md")):
        for m in figures.PLACEHOLDER.finditer(md.read_text(encoding="utf-8")):
            uri = md.relative_to(docs).as_posix()
            out.setdefault(m["name"], []).append(f"{page_dir(uri)}/index.html".lstrip("/"))
    return out


#: figure -> the pages that show it (built paths)
FIGURES = shown_on()
#: text each figure must show (the SVGs keep text as text)
LABELS = {
    "sigmoid": ["\u22126", ">6<", "nonlin(x)"],
    "slopes": ["slope 0.197", "slope 0.250", "slope 0.105", "\u22124", ">4<"],
    "update": ["1 \u00d7 0.138 = +0.138", "0 \u00d7 0.138 = +0.000", "y = 1", "syn0[1]"],
}
#: each variant's ink colour (hooks/figures.py SCHEMES): dark text for white, light for slate
INK = {"light": "#1f2328", "dark": "#e3e5e8"}
IMAGE = re.compile(r"\.(png|svg|jpe?g|gif|webp|pdf)$", re.IGNORECASE)


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            a = dict(attrs)
            self.images.append((a.get("src") or "", (a.get("alt") or "").strip()))


def figure_problems(html: str, name: str) -> list[str]:
    """A page must show ``name`` in both variants, each with Material's fragment and alt text."""
    parser = _Images()
    parser.feed(html)
    problems = []
    for scheme in ("light", "dark"):
        want = f"figures/{name}-{scheme}.svg#only-{scheme}"
        shown = [alt for src, alt in parser.images if src.endswith(want)]
        if not shown:
            problems.append(f"no <img> ending in {want}")
        elif not all(len(alt) >= 20 for alt in shown):
            problems.append(f"{want}: alt text missing or too short")
    return problems


def image_files(root: Path) -> list[str]:
    """Image files under root/docs, on disk or known to git (results are never committed)."""
    on_disk = {str(p.relative_to(root)) for p in (root / "docs").rglob("*") if IMAGE.search(p.name)}
    git = subprocess.run(
        ["git", "ls-files", "--cached", "--", "docs"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    tracked = {p for p in git.stdout.splitlines() if IMAGE.search(p)}
    return sorted(on_disk | tracked)


def test_every_figure_is_declared_and_shown() -> None:
    """Each page's figure is declared, each declared figure is on a page."""
    assert set(FIGURES) == set(figures.declared())
    assert {"sigmoid", "slopes", "update", "sweep", "error-fall", "next-bias"} <= set(FIGURES)


def test_placeholders_become_both_images_with_one_alt_text() -> None:
    page = "a\n\n    ![An S-shaped [0, 1]\n    curve](nn11-figure:sigmoid)\n\nb"
    out = figures.images(page, "part1/line-04.md", ["sigmoid"])
    assert out == (
        "a\n\n    ![An S-shaped [0, 1]\n    curve](../figures/sigmoid-light.svg#only-light)"
        "\n    ![An S-shaped [0, 1]\n    curve](../figures/sigmoid-dark.svg#only-dark)\n\nb"
    )
    top = figures.images("![Alt text.](nn11-figure:sigmoid)", "index.md", ["sigmoid"])
    assert top.splitlines()[1] == "![Alt text.](figures/sigmoid-dark.svg#only-dark)"
    with pytest.raises(PluginError, match="no figure named 'sigmoidd'"):
        figures.images("![Alt text.](nn11-figure:sigmoidd)", "index.md", ["sigmoid"])
    assert figures.images("![x](figures/a.svg)", "index.md", []) == "![x](figures/a.svg)"


@pytest.mark.parametrize("name", sorted(LABELS))
def test_figure_built_in_both_variants(site_dir: Path, name: str) -> None:
    for scheme, ink in INK.items():
        svg = (site_dir / "figures" / f"{name}-{scheme}.svg").read_text(encoding="utf-8")
        assert "<svg" in svg and svg.count("<path") > 5
        assert ink in svg, f"{name}-{scheme} is not drawn in the {scheme} scheme's ink"
        other = INK["dark" if scheme == "light" else "light"]
        assert other not in svg
        assert [t for t in LABELS[name] if t not in svg] == []


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_shown_on_its_page(site_dir: Path, name: str) -> None:
    for page in FIGURES[name]:
        html = (site_dir / page).read_text(encoding="utf-8")
        assert figure_problems(html, name) == [], page


def test_every_figure_comes_in_pairs(site_dir: Path) -> None:
    names = {p.name for p in (site_dir / "figures").glob("*.svg")}
    assert names, "no figures built"
    assert all(n.endswith(("-light.svg", "-dark.svg")) for n in names)
    stems = {n.rsplit("-", 1)[0] for n in names}
    assert names == {f"{s}-{v}.svg" for s in stems for v in ("light", "dark")}


def test_no_images_in_docs() -> None:
    assert image_files(ROOT) == []


def test_missing_variant_or_alt_fails() -> None:
    good = (
        '<img alt="The sigmoid from -6 to 6, an S-shaped curve" '
        'src="../../figures/sigmoid-light.svg#only-light">'
        '<img alt="The sigmoid from -6 to 6, an S-shaped curve" '
        'src="../../figures/sigmoid-dark.svg#only-dark">'
    )
    assert figure_problems(good, "sigmoid") == []
    only_light = good.split("><")[0] + ">"
    assert figure_problems(only_light, "sigmoid") == [
        "no <img> ending in figures/sigmoid-dark.svg#only-dark"
    ]
    no_alt = good.replace(
        'alt="The sigmoid from -6 to 6, an S-shaped curve" src="../../figures/sigmoid-dark',
        'alt="" src="../../figures/sigmoid-dark',
    )
    assert figure_problems(no_alt, "sigmoid") == [
        "figures/sigmoid-dark.svg#only-dark: alt text missing or too short"
    ]
    no_fragment = good.replace("#only-dark", "")
    assert figure_problems(no_fragment, "sigmoid")


def test_committed_or_stray_image_fails(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "docs" / "part1").mkdir(parents=True)
    (tmp_path / "docs" / "part1" / "line-04.md").write_text("# page\n")
    assert image_files(tmp_path) == []
    (tmp_path / "docs" / "part1" / "sigmoid.PNG").write_bytes(b"\x89PNG")
    assert image_files(tmp_path) == ["docs/part1/sigmoid.PNG"]
    subprocess.run(["git", "add", "docs"], cwd=tmp_path, check=True)
    (tmp_path / "docs" / "part1" / "sigmoid.PNG").unlink()  # deleted on disk, still staged
    assert image_files(tmp_path) == ["docs/part1/sigmoid.PNG"]
