"""What the site carries for running its pages elsewhere (hooks/downloads.py): the wheel, the
install command, and each page's script and notebook, fresh from the page."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.hookmods import ROOT, hook, page_dir, page_markdown
from tests.sources import mkdocs_yml

downloads = hook("downloads")
SITE_URL = mkdocs_yml((ROOT / "mkdocs.yml").read_text())["site_url"]
WHEEL = downloads.wheel_name(ROOT)


def pages_with_examples() -> dict[str, str]:
    return {u: m for u, m in page_markdown().items() if downloads.read(m).examples}


def download_problems(site_dir: Path, uri: str, markdown: str) -> list[str]:
    """A page's downloads: linked from the page, present, and equal to what the page makes now."""
    folder = site_dir / page_dir(uri)
    page = (folder / "index.html").read_text("utf-8")
    problems = []
    if f'/{WHEEL}"' not in page or "nn11-install" not in page:
        problems.append(f"{uri}: no install command")
    for name, text in downloads.files_for(uri, downloads.read(markdown), ROOT, SITE_URL).items():
        if f'href="{name}" download' not in page:
            problems.append(f"{uri}: no link to {name}")
        if not (folder / name).is_file():
            problems.append(f"{uri}: {name} missing")
        elif (folder / name).read_text("utf-8") != text:
            problems.append(f"{uri}: {name} is stale (not what the page makes now)")
    return problems


def test_every_page_with_examples_offers_its_downloads(site_dir: Path) -> None:
    pages = pages_with_examples()
    assert len(pages) >= 20 and "index.md" in pages and "part1/walkthrough.md" in pages
    assert [p for uri, md in pages.items() for p in download_problems(site_dir, uri, md)] == []


def test_guard_catches_stale_and_missing_downloads(site_dir: Path, tmp_path: Path) -> None:
    uri, markdown = "part1/line-29.md", page_markdown()["part1/line-29.md"]
    folder = tmp_path / "part1/line-29"
    folder.mkdir(parents=True)
    for f in (site_dir / "part1/line-29").iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    assert download_problems(tmp_path, uri, markdown) == []
    edited = markdown.replace("forward pass", "forward step")
    assert download_problems(tmp_path, uri, edited) == [
        f"{uri}: nn11-part1-line-29.py is stale (not what the page makes now)",
        f"{uri}: nn11-part1-line-29.ipynb is stale (not what the page makes now)",
    ]
    (folder / "nn11-part1-line-29.ipynb").unlink()
    assert download_problems(tmp_path, uri, markdown) == [
        f"{uri}: nn11-part1-line-29.ipynb missing"
    ]


def test_home_and_notebook_pages_show_the_install_command(site_dir: Path) -> None:
    for folder, to_root in (("", "./"), ("play/notebook", "../../")):
        page = (site_dir / folder / "index.html").read_text("utf-8")
        assert f'data-nn11-wheel="{to_root}downloads/{WHEEL}"' in page, folder
        assert f"pip install {SITE_URL}downloads/{WHEEL}</code>" in page, folder


def test_the_wheel_is_this_checkout(site_dir: Path) -> None:
    """The wheel beside the site holds nn11 exactly as the sources that built the site."""
    wheel = site_dir / "downloads" / WHEEL
    assert sorted(p.name for p in wheel.parent.iterdir()) == [WHEEL]
    with zipfile.ZipFile(wheel) as z:
        names = {n for n in z.namelist() if n.startswith("nn11/")}
        sources = (ROOT / "nn11").rglob("*")
        assert names == {
            p.relative_to(ROOT).as_posix()
            for p in sources
            if p.is_file() and "__pycache__" not in p.parts
        }
        for name in names:
            assert z.read(name) == (ROOT / name).read_bytes(), name
        metadata = z.read(re.sub(r"-py3.*", ".dist-info/METADATA", WHEEL)).decode()
    assert "Requires-Dist: numpy" in metadata


def test_stems_and_addresses() -> None:
    assert downloads.stem("index.md") == "nn11-home"
    assert downloads.stem("part1/index.md") == "nn11-part1"
    assert downloads.stem("part1/line-29.md") == "nn11-part1-line-29"
    pagecode = hook("pagecode")
    assert pagecode.absolute("../part2/index.md#x", "part1/line-29.md", "https://h/p/") == (
        "https://h/p/part2/#x"
    )
    assert pagecode.absolute("line-04.md", "part1/line-29.md", "https://h/p/") == (
        "https://h/p/part1/line-04/"
    )
    assert pagecode.absolute("https://o/", "index.md", "https://h/p/") == "https://o/"


@pytest.mark.parametrize("bad", ["", "   "])
def test_site_url_is_required(bad: str) -> None:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import PluginError

    config = MkDocsConfig()
    config.load_dict({"site_url": bad.strip() or None})
    with pytest.raises(PluginError, match="site_url"):
        downloads._site_url(config)
