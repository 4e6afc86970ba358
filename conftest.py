"""Every Python example on the site and in nn11's docstrings runs as a test (Sybil).

``pytest docs`` runs just the site's examples. The machinery is in tests/docexamples.py.

The two gates: the checks under :data:`FULL` are marked ``full``; ``tools/dev.py check`` (the
author's loop) deselects them with ``-m "not full"``, ``tools/dev.py check --full`` (CI) and a
bare ``pytest`` run them too.
"""

from pathlib import Path

import pytest
from sybil.sybil import SybilCollection

from tests.docexamples import docstring_sybil, markdown_sybil, readme_sybil

ROOT = Path(__file__).resolve().parent
#: The slow checks, left to the full gate: the browser (pages, axe, copy buttons...), the pages
#: run outside the repository from the built wheel, the examples on two other CPU paths.
FULL = (
    "tests/browser/",
    "tests/test_run_outside.py",
    "tests/test_cpu_paths.py",
    "tests/test_xdist_default.py",  # pytest in pytest, twice
)

sybils = [markdown_sybil(ROOT), docstring_sybil(ROOT), readme_sybil(ROOT)]
pytest_collect_file = SybilCollection(sybils).pytest()

pytest_plugins = ["pytester"]  # tests/test_doc_guards.py


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """``-n N`` alone means ``--dist loadfile``: a page's examples share one namespace, in page
    order, so each file stays whole on one worker. An explicit ``--dist`` is kept."""
    option = config.option
    if getattr(option, "numprocesses", None) and option.dist == "no" and not option.distload:
        option.dist = "loadfile"


def is_full(path: Path) -> bool:
    """Is the test file at ``path`` one of the full gate's checks?"""
    try:
        rel = path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return False
    return any(rel == f or (f.endswith("/") and rel.startswith(f)) for f in FULL)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if is_full(item.path):
            item.add_marker(pytest.mark.full)
