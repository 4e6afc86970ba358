"""docs/play/notebook.ipynb: generated from the listings, stored clean, runs clean, rendered."""

from __future__ import annotations

import copy
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from mkdocs.exceptions import PluginError
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tests.leaks import local_needles
from tests.sources import mkdocs_yml as read_mkdocs_yml

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "play" / "notebook.ipynb"
COLAB = "https://colab.research.google.com/github/nn11/nn11/blob/main/docs/play/notebook.ipynb"
sys.path.insert(0, str(ROOT / "tools"))
import make_notebook  # noqa: E402

from hooks import notebook_page  # noqa: E402


def stored() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def listing_drift(nb: Any, root: Path = ROOT) -> list[str]:
    """Problems: a listing cell that differs from its file, or a listing with no cell."""
    problems, seen = [], []
    for cell in nb["cells"]:
        path = cell.get("metadata", {}).get("nn11", {}).get("listing")
        if path is None:
            continue
        seen.append(path)
        text = (root / path).read_text(encoding="utf-8")
        if cell["cell_type"] != "code" or cell["source"] != text.removesuffix("\n"):
            problems.append(f"cell {cell.get('id')} is not {path}")
    if seen != list(make_notebook.LISTINGS.values()):
        problems.append(f"listing cells {seen}, expected {list(make_notebook.LISTINGS.values())}")
    return problems


def run(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Execute in a fresh kernel in the notebook's folder; any failing cell raises."""
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    return client.execute()


def output_texts(nb: Any) -> list[str]:
    """Every text an output holds (streams, reprs, errors), images left out."""
    out = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            out += [o.get("text", ""), o.get("evalue", ""), *o.get("traceback", [])]
            out += [v for k, v in o.get("data", {}).items() if not k.startswith("image/")]
    return [t if isinstance(t, str) else "".join(t) for t in out]


def leaked(texts: list[str]) -> list[str]:
    return [f"{label}: {t[:80]!r}" for t in texts for label, rx in local_needles() if rx.search(t)]


# --- the stored file ------------------------------------------------------------------------


def test_stored_notebook_is_what_the_generator_writes() -> None:
    assert NOTEBOOK.read_text(encoding="utf-8") == make_notebook.text(), (
        "run: python tools/make_notebook.py"
    )


def test_listing_cells_are_the_listing_files() -> None:
    assert listing_drift(stored()) == []


def test_drift_is_caught() -> None:
    nb = stored()
    edited = copy.deepcopy(nb)
    cell = next(c for c in edited.cells if c.metadata.get("nn11", {}).get("listing"))
    cell.source = cell.source.replace("60000", "6000").replace("10000", "1000")
    assert len(listing_drift(edited)) == 1
    dropped = copy.deepcopy(nb)
    dropped.cells = [c for c in dropped.cells if c.id != "three-layer"]
    assert listing_drift(dropped) != []


def test_stored_without_outputs() -> None:
    code = [c for c in stored().cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)
    assert stored().metadata.kernelspec.name == "python3"


def test_code_cells_need_no_nn11() -> None:
    sources = "\n".join(c.source for c in stored().cells if c.cell_type == "code")
    assert not re.search(r"^\s*(import|from)\s+nn11\b", sources, re.M)


# --- a fresh run ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    """The notebook after a fresh run, plus a last cell that raises: one kernel start shows
    both that the real cells run clean and that a failing cell fails the run."""
    nb = stored()
    nb.cells.append(nbformat.v4.new_code_cell("1 / 0", id="fails"))
    with pytest.raises(CellExecutionError, match="ZeroDivisionError"):
        run(nb)  # fills in the outputs as it goes, then raises at the last cell
    failed = nb.cells.pop()
    assert [o.ename for o in failed.outputs] == ["ZeroDivisionError"]
    return nb


def test_runs_top_to_bottom(executed: nbformat.NotebookNode) -> None:
    by_id = {c.id: c for c in executed.cells}
    two = "".join(o.get("text", "") for o in by_id["two-layer"].outputs)
    assert two.startswith("Output After Training:\n[[0.00966449]\n [0.00786506]\n")
    three = "".join(o.get("text", "") for o in by_id["three-layer"].outputs)
    assert re.fullmatch(r"(Error:0\.\d+\n){6}", three) and three.startswith("Error:0.49641")
    for cell_id in make_notebook.ALT:
        kinds = [k for o in by_id[cell_id].outputs for k in o.get("data", {})]
        assert "image/png" in kinds, cell_id
    outputs = [o for c in executed.cells for o in c.get("outputs", [])]
    assert [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"] == []


def test_outputs_leak_nothing_local(executed: nbformat.NotebookNode) -> None:
    assert leaked(output_texts(executed)) == []


def test_leak_check_catches_a_path() -> None:
    outputs = [{"output_type": "stream", "name": "stdout", "text": f"saved to {ROOT}/x.png\n"}]
    assert leaked(output_texts({"cells": [{"outputs": outputs}]})) != []
    outputs[0]["text"] = "Error:0.5\n"
    assert leaked(output_texts({"cells": [{"outputs": outputs}]})) == []


# --- the page hook --------------------------------------------------------------------------

RENDERED = """<script>copy()</script><script src=""> </script>
<script type="text/x-mathjax-config">init_mathjax()</script>
<script type="module">await import("https://cdnjs.cloudflare.com/x.mjs")</script>
<h1 id="t">T</h1><img alt="No description has been provided for this image" class="c"
src="data:image/png;base64,AAAA"/><img src="../figures/x.svg" alt="kept">
<img class="c" src="data:image/png;base64,BBBB">"""


def test_hook_labels_plots_and_drops_cdn_loaders() -> None:
    html_out = notebook_page.add_alts(notebook_page.strip_loaders(RENDERED), ["one", "two"], "p")
    assert re.findall(r'<img alt="(\w+)"', html_out) == ["one", "two"]
    assert "No description" not in html_out and 'alt="kept"' in html_out
    assert "<script>copy()</script>" in html_out
    assert "cdnjs" not in html_out and "mathjax" not in html_out and 'src=""' not in html_out


def test_hook_fails_on_a_plot_without_alt() -> None:
    with pytest.raises(PluginError, match="2 plots rendered, 1 alt texts"):
        notebook_page.add_alts(RENDERED, ["one"], "p")


def test_hook_links() -> None:
    bar = notebook_page.links("play/notebook.ipynb", "https://github.com/nn11/nn11/")
    assert 'href="notebook.ipynb" download' in bar and f'href="{COLAB}"' in bar


# --- the site -------------------------------------------------------------------------------


def jupyter_settings(mkdocs_yml: str) -> dict[str, Any]:
    """mkdocs-jupyter's settings in ``mkdocs_yml`` (YAML tags such as !relative ignored)."""
    plugins = read_mkdocs_yml(mkdocs_yml)["plugins"]
    found = [p["mkdocs-jupyter"] for p in plugins if isinstance(p, dict) and "mkdocs-jupyter" in p]
    return found[0] if found else {}


def settings_problems(settings: dict[str, Any]) -> list[str]:
    """mkdocs-jupyter neither executes nor caches (hooks/notebook_run.py runs and renders each
    notebook into the one cache), never a rendered traceback, the .ipynb copied for download."""
    want = {"execute": False, "allow_errors": False, "cache": False, "include_source": True}
    problems = [f"{k} should be {v}" for k, v in want.items() if settings.get(k) != v]
    if settings.get("include") != ["docs/play/*.ipynb"]:
        problems.append("include should be exactly docs/play/*.ipynb")
    return problems


def test_mkdocs_jupyter_settings() -> None:
    assert settings_problems(jupyter_settings((ROOT / "mkdocs.yml").read_text())) == []
    assert len(settings_problems({"execute": True, "cache": True, "include": ["*.ipynb"]})) == 5


def test_the_notebook_is_executed_by_the_hook_before_it_is_finished() -> None:
    hooks = read_mkdocs_yml((ROOT / "mkdocs.yml").read_text())["hooks"]
    assert hooks.index("hooks/notebook_run.py") < hooks.index("hooks/notebook_page.py")


def test_page_shows_fresh_outputs_plots_and_links(site_dir: Path) -> None:
    page = (site_dir / "play" / "notebook" / "index.html").read_text(encoding="utf-8")
    assert "Output After Training:" in page and page.count("Error:0.") == 6
    assert "Traceback" not in page and "jp-OutputArea-error" not in page
    imgs = re.findall(r"<img\b[^>]*>", page)
    plots = [i for i in imgs if 'src="data:image/png' in i]
    assert len(plots) == len(make_notebook.ALT)
    for tag, alt in zip(plots, make_notebook.ALT.values(), strict=True):
        assert f'alt="{html.escape(alt)}"' in tag
    assert "No description has been provided" not in page
    assert re.search(r'<a [^>]*href="notebook\.ipynb" download', page)
    assert f'href="{COLAB}"' in page
    assert "cdnjs" not in page and '<script src="">' not in page


def test_download_is_the_notebook(site_dir: Path) -> None:
    copied = site_dir / "play" / "notebook" / "notebook.ipynb"
    assert json.loads(copied.read_text(encoding="utf-8")) == json.loads(NOTEBOOK.read_text())
