"""Every Python example on the site and in nn11's docstrings runs as a test (Sybil).

``pytest docs`` runs just the site's examples. The machinery is in tests/docexamples.py.
"""

from pathlib import Path

import pytest
from sybil.sybil import SybilCollection

from tests.docexamples import docstring_sybil, markdown_sybil, readme_sybil

ROOT = Path(__file__).resolve().parent

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
