"""The notebook page shows its plots, and its download link hands over the notebook itself."""

from __future__ import annotations

import json
from pathlib import Path

from tests.browser.conftest import DOCS, Reader

NOTEBOOK = DOCS / "play" / "notebook.ipynb"
PAGE = "play/notebook/"

PLOTS = """() => [...document.querySelectorAll('article img')].map(i => {
  const r = i.getBoundingClientRect();
  return {src: i.getAttribute('src').slice(0, 40), complete: i.complete, natural: i.naturalWidth,
          w: r.width, h: r.height, shown: i.checkVisibility({opacityProperty: true})};
})"""


def sources(nb: dict[str, object]) -> list[str]:
    cells = nb["cells"]
    assert isinstance(cells, list)
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cells]


def test_notebook_shows_its_plots(reader: Reader) -> None:
    page = reader.open(PAGE)
    plots = page.evaluate(PLOTS)
    assert plots, "no image on the notebook page"
    bad = [
        p for p in plots if not (p["complete"] and p["natural"] > 0 and p["w"] > 100 and p["shown"])
    ]
    assert bad == []
    stderr = page.locator('[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-error')
    assert stderr.count() == 0, stderr.first.inner_text()
    assert reader.record.problems() == []


def test_download_link_returns_the_notebook(reader: Reader, tmp_path: Path) -> None:
    page = reader.open(PAGE)
    link = page.locator('article a[href$=".ipynb"], a[download][href*=".ipynb"]').first
    assert link.is_visible(), "no visible download link to the .ipynb"
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "nb.ipynb"
    download.value.save_as(saved)
    got = json.loads(saved.read_text(encoding="utf-8"))
    assert got["nbformat"] == 4
    assert sources(got) == sources(json.loads(NOTEBOOK.read_text(encoding="utf-8")))
    assert reader.record.problems() == []
