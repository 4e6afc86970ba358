"""The docs' examples are collected once, completely, and ``pytest docs`` runs only them."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.docexamples import PYTHON, python_fences
from tests.docsnippets import markdown_for

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md"))


def test_pytest_doctest_plugin_is_off(pytestconfig: pytest.Config) -> None:
    assert pytestconfig.pluginmanager.is_blocked("doctest")


def test_pytest_docs_collects_every_page_once_and_nothing_else() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "docs", "--collect-only", "-q"],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    ids = [line for line in proc.stdout.splitlines() if "::" in line]
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert ids and all(i.startswith("docs/") for i in ids)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert sorted({i.split("::")[0] for i in ids}) == PAGES  # top-level docs/*.md included


class _CodeBlocks(HTMLParser):
    """Languages of highlighted blocks in a page's own content (not in API docstrings)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []  # per open div: inside a mkdocstrings object?
        self.langs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        classes = (dict(attrs).get("class") or "").split()
        api = bool(self.stack and self.stack[-1]) or "doc-object" in classes
        self.stack.append(api)
        if "highlight" in classes and not api:
            self.langs += [c[9:] for c in classes if c.startswith("language-")]

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.stack:
            self.stack.pop()


@pytest.mark.parametrize("page", PAGES)
def test_every_rendered_python_block_is_collected(site_dir: Path, page: str) -> None:
    """A fence the parser missed would still render as Python: the counts must agree."""
    rel = Path(page).relative_to("docs").with_suffix("")
    html = site_dir / (rel.parent if rel.name == "index" else rel) / "index.html"
    blocks = _CodeBlocks()
    blocks.feed(html.read_text(encoding="utf-8"))
    rendered = sum(lang in PYTHON for lang in blocks.langs)
    assert rendered == len(python_fences(ROOT / page)), f"{page}: {blocks.langs}"


TRICKY = """\
```py
a = 1
```

~~~python3 title="t.py"
a = 1
~~~

!!! note
    ```{ .python linenums="2" }
    a = 1
    ```

- item

    ```pycon
    >>> a
    ```

````markdown
```python
shown as text
```
````

```text
a = 1
```

    indented = "not a fence"
"""


def test_rendered_blocks_match_the_parser_on_tricky_fences(tmp_path: Path) -> None:
    md = markdown_for(str(ROOT / "mkdocs.yml"))
    page = tmp_path / "p.md"
    page.write_text(TRICKY)
    blocks = _CodeBlocks()
    blocks.feed(md.convert(TRICKY))
    assert sum(lang in PYTHON for lang in blocks.langs) == len(python_fences(page)) == 4
    blocks.feed('<div class="doc doc-object"><div class="language-python highlight"></div></div>')
    assert sum(lang in PYTHON for lang in blocks.langs) == 4  # API docstrings are not pages'
    blocks.feed('<div class="language-py highlight"></div>')
    assert sum(lang in PYTHON for lang in blocks.langs) == 5  # one the parser did not see
