"""What the tests run is what the built pages show (tests/buildmatch.py), and every page MkDocs
builds is collected once; each rule proven on planted evasions in a scratch site."""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from hooks import pagereader
from tests import buildmatch
from tests.conftest import build_site

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def sources(root: Path = ROOT) -> list[buildmatch.Source]:
    return buildmatch.sources(root)


def test_pytest_doctest_plugin_is_off(pytestconfig: pytest.Config) -> None:
    assert pytestconfig.pluginmanager.is_blocked("doctest")


def collected_files(*args: str, cwd: Path = ROOT) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", *args, "--collect-only", "-q"],
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    ids = [line for line in proc.stdout.splitlines() if "::" in line]
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    return sorted({i.split("::")[0] for i in ids})


def checked(text: str) -> bool:
    """Does the collector make a test of anything on this page?"""
    page = pagereader.read(text)
    return bool(
        page.problems or page.prose_includes or [f for f in page.fences if f.kind != "shown"]
    )


def test_pytest_docs_collects_every_page_mkdocs_builds_once() -> None:
    pages = [s for s in sources() if s.name.startswith("docs/") and not s.notebook]
    # Sybil reads the file as written (a Line page without its generated header)
    written = {s.name: (ROOT / s.name).read_text(encoding="utf-8") for s in pages}
    assert collected_files("docs") == sorted(s.name for s in pages if checked(written[s.name]))
    assert collected_files("README.md") == ["README.md"]


@pytest.mark.parametrize("name", [s.name for s in sources()])
def test_built_blocks_are_the_classified_fences(site_dir: Path, name: str) -> None:
    (source,) = [s for s in sources() if s.name == name]
    assert buildmatch.page_problems(source, site_dir, ROOT) == []


def test_every_built_page_has_a_known_source(site_dir: Path) -> None:
    assert buildmatch.unknown_pages(site_dir, sources()) == []


def test_no_page_keeps_a_hand_count_of_its_examples() -> None:
    """The build is the reference now: a leftover ``examples: N`` would only mislead."""
    counted = [s.name for s in sources() if not s.notebook and "examples" in front_matter_of(s)]
    assert counted == [], "remove `examples:` from their front matter"


def front_matter_of(source: buildmatch.Source) -> dict[str, Any]:
    from mkdocs.utils.meta import get_data

    return get_data(source.text)[1]


def test_every_notebook_built_is_the_one_the_tests_run() -> None:
    from tests.test_notebook import NOTEBOOK  # runs every cell, errors failing

    notebooks = [s.name for s in sources() if s.notebook]
    assert notebooks == [NOTEBOOK.relative_to(ROOT).as_posix()], "run it in tests/test_notebook.py"


# --- the reader ----------------------------------------------------------------------------


def test_python_languages_come_from_pygments() -> None:
    python, console = pagereader.python_languages()
    assert {"python", "py", "python3", "pyi", "numpy", "ipython3", "python2"} <= python
    assert {"pycon", "python-console", "ipythonconsole"} <= console <= python
    assert not {"bash", "text", "pytb", "cython", "antlr-python"} & python
    assert not set(pagereader.SHOWN) & python


def kinds(text: str) -> list[tuple[int, str, str]]:
    return [(f.line, f.kind, f.lang) for f in pagereader.read(text).fences]


def test_reader_sees_fences_as_superfences_does() -> None:
    text = (
        "```py``` opens no fence: inline code.\n\n"  # 1
        "```python\nx = 1\n```\n\n"  # 3
        "````markdown\n```python\nshown\n```\n````\n\n"  # 7
        "<!--\n```python\nhidden = 1\n```\n-->\n\n"  # 14 (13 opens the comment)
        '- item\n\n    ```pycon title="t"\n    >>> 1\n    1\n    ```\n\n'  # 21
        "```rust\nfn main() {}\n```\n\n```\nbare\n```\n"  # 26, 30
    )
    assert kinds(text) == [
        (3, "run", "python"),
        (7, "shown", "markdown"),
        (14, "error", "python"),
        (21, "run", "pycon"),
        (26, "error", "rust"),
        (30, "error", ""),
    ]
    assert pagereader.read(text).fences[3].source == ">>> 1\n1\n"


# --- the comparison, on planted evasions ---------------------------------------------------


def test_compare_names_both_directions() -> None:
    seen = [(3, buildmatch.Block("python", "a = 1\n")), (9, buildmatch.Block("python", "b\n"))]
    shown = [buildmatch.Block("python", "a = 1\n"), buildmatch.Block("text", "c = 2\n")]
    assert buildmatch.compare("docs/p.md", seen, shown) == [
        "docs/p.md:9: the tests see a 'python' fence here that the built page does not show "
        "as such (check the fence's opening and closing lines)",
        "docs/p.md:3: after this line the built page shows a text block the tests never saw, "
        "starting 'c = 2': write it as a fenced block with a language (```python to run it)",
    ]


SCRATCH_PAGES = {
    # a Markdown extension MkDocs builds, and a Pygments name for Python
    "docs/other.mdown": "# Other\n\n```ipython3\nx = 1\n```\n",
    # an indented code block and a fence in a block quote: shown, never seen by the tests
    "docs/hidden.md": "# Hidden\n\nText.\n\n    y = 2\n\n> ```python\n> z = 3\n> ```\n",
    # a prose line opening with inline code (Sybil's own lexer read it as a fence), an include
    "docs/good.md": "# Good\n\n```py``` is inline.\n\n```python\nx = 1\n```\n\n"
    '```python linenums="2"\n--8<-- "src/listing.py:2:3"\n```\n',
}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of mkdocs.yml's Markdown settings and hooks/includes.py, with planted pages."""
    root = tmp_path_factory.mktemp("scratch")
    yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extensions = yml[yml.index("\nmarkdown_extensions:") : yml.index("\nnav:")]
    (root / "mkdocs.yml").write_text(
        "site_name: t\ntheme: material\nstrict: true\n"
        f"hooks:\n  - hooks/includes.py\n{extensions}\n"
    )
    (root / "hooks").mkdir()
    shutil.copy(ROOT / "hooks" / "includes.py", root / "hooks")
    (root / "src").mkdir()
    (root / "src" / "listing.py").write_text("a = 1\nb = 2\nc = 3\n")
    for name, text in SCRATCH_PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_scratch_build_shows_what_the_tests_miss(scratch: Path) -> None:
    site = build_site(scratch / "site", scratch / "mkdocs.yml")
    found = buildmatch.sources(scratch)
    assert sorted(s.name for s in found) == sorted(SCRATCH_PAGES)
    problems = {s.name: buildmatch.page_problems(s, site, scratch) for s in found}
    assert problems["docs/other.mdown"] == [] and problems["docs/good.md"] == []
    assert [re.sub(r", starting.*", "", p) for p in problems["docs/hidden.md"]] == [
        "docs/hidden.md:0: after this line the built page shows a text block the tests never saw",
        "docs/hidden.md:0: after this line the built page shows a python block the tests never saw",
    ]
    assert "'y = 2'" in problems["docs/hidden.md"][0]
    (site / "extra").mkdir()
    (site / "extra" / "index.html").write_text(
        '<article class="md-content__inner"><div class="language-python highlight"><pre>x'
        "</pre></div></article>"
    )
    assert buildmatch.unknown_pages(site, found) == [
        "extra/index.html: built page with code blocks, from no known source"
    ]


def includes_hook() -> Any:
    spec = importlib.util.spec_from_file_location("includes_hook", ROOT / "hooks" / "includes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("src/listing.py:3:2", "range 3:2 is reversed"),
        ("src/listing.py:0:0", "range 0:0 is empty (lines count from 1)"),
        ("src/listing.py:2:9", "range 2:9 runs past the end of src/listing.py (3 lines)"),
    ],
)
def test_strict_build_fails_on_an_unsound_range(scratch: Path, spec: str, says: str) -> None:
    range_problems = includes_hook().range_problems
    assert range_problems(spec, [str(scratch)]) == [f'--8<-- "{spec}": {says}']
    assert range_problems("src/listing.py:1:3", [str(scratch)]) == []


def test_strict_build_fails_naming_page_file_and_range(scratch: Path, tmp_path: Path) -> None:
    root = tmp_path / "bad"
    shutil.copytree(scratch, root, ignore=shutil.ignore_patterns("site"))
    (root / "docs" / "good.md").write_text(
        '```python linenums="3"\n--8<-- "src/listing.py:3:2"\n```\n'
    )
    with pytest.raises(
        pytest.fail.Exception, match=r'good\.md: --8<-- "src/listing.py:3:2": range 3:2 is reversed'
    ):
        build_site(root / "site", root / "mkdocs.yml")


def test_notebook_tags_that_allow_failure_are_refused() -> None:
    nb = {
        "cells": [
            {"cell_type": "code", "source": "1/0", "metadata": {"tags": ["raises-exception"]}},
            {"cell_type": "code", "source": "x", "metadata": {"tags": ["skip-execution", "ok"]}},
        ]
    }
    assert buildmatch.notebook_tags(json.dumps(nb)) == [
        (1, "raises-exception"),
        (2, "skip-execution"),
    ]


def test_api_blocks_must_be_docstring_examples_that_run(tmp_path: Path) -> None:
    source = buildmatch.Source("docs/api.md", "api/index.html", "# API\n")
    run = next(iter(buildmatch.docstring_blocks(ROOT)))
    page = (
        '<article class="md-content__inner"><div class="doc">'
        '<div class="language-pycon highlight"><pre>{}</pre></div></div></article>'
    )
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "index.html").write_text(page.format(run))
    assert buildmatch.page_problems(source, tmp_path, ROOT) == []
    (tmp_path / "api" / "index.html").write_text(page.format(">>> 1 + 1\n3"))
    assert buildmatch.page_problems(source, tmp_path, ROOT) == [
        "docs/api.md: a docstring block the tests do not run, starting '>>> 1 + 1'"
    ]


@pytest.mark.parametrize(
    ("line", "path", "span", "section"),
    [
        ('--8<-- "nn11/two_layer.py:29:30"', "nn11/two_layer.py", (29, 30), None),
        ("  ---8<--- 'src/a.py'", "src/a.py", None, None),
        ('--8<-- "src/a.md:intro"', "src/a.md", None, "intro"),
        ('--8<-- "src/a.py:2:4,6:7"', "src/a.py", None, None),  # two ranges: no single span
        ("--8<--", "", None, None),  # the block form
    ],
)
def test_include_lines_read_with_pymdownx_grammar(
    line: str, path: str, span: tuple[int, int] | None, section: str | None
) -> None:
    found = pagereader.snippet(line)
    assert found is not None
    assert (found.path, found.span, found.section) == (path, span, section)


@pytest.mark.parametrize(
    "line", [';--8<-- "nn11/two_layer.py:29:29"', '--8<-- "a.py" and more', "text --8<--", ""]
)
def test_lines_pymdownx_leaves_alone_are_not_includes(line: str) -> None:
    assert pagereader.snippet(line) is None
