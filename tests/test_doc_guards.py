"""Each guard of the docs' Sybil wiring fails when it should (pytester on synthetic pages).

Every project here uses the real root conftest.py and a minimal mkdocs.yml with the same
snippets settings as ours; ``src/listing.py`` stands in for a listing.
"""

from __future__ import annotations

import doctest
import sys
import textwrap
from pathlib import Path

# Imported once here: pytester's in-process runs unload what they import, and a second copy of
# MkDocs' plugin classes would make mkdocs.yml's search plugin "not a BasePlugin".
import mkdocs.config
import mkdocs.contrib.search
import mkdocs.plugins  # noqa: F401
import pytest
from mkdocs.utils import markdown_extensions

from hooks.pagereader import SHOWN, python_languages
from tests.docexamples import hides_checking

ROOT = Path(__file__).resolve().parent.parent

MKDOCS = """\
site_name: t
markdown_extensions:
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: [!relative $config_dir]
      check_paths: true
"""
LISTING = """\
import math

def area(r):
    return math.pi * r * r

x = area(2)
# --8<-- [start:tail]
y = x + 1
# --8<-- [end:tail]
print(y)
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makefile(".yml", mkdocs=MKDOCS)
    pytester.makeconftest((ROOT / "conftest.py").read_text())
    (pytester.path / "src").mkdir()
    (pytester.path / "src" / "listing.py").write_text(LISTING)
    (pytester.path / "src" / "plain.py").write_text("a = 1\nb = 2\n")
    (pytester.path / "docs").mkdir()
    return pytester


def page(p: pytest.Pytester, name: str, body: str) -> None:
    path = p.path / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\ntitle: t\n---\n\n" + textwrap.dedent(body))


def run(p: pytest.Pytester, *args: str) -> pytest.RunResult:
    return p.runpytest("-p", "no:doctest", "-p", "no:cacheprovider", "-ra", "docs", *args)


def include(spec: str, attrs: str = "") -> str:
    return f'```python {attrs}\n--8<-- "{spec}"\n```\n'


def test_doctest_output_is_checked(project: pytest.Pytester) -> None:
    page(project, "ok.md", "```python\n>>> 6 * 7\n42\n```\n")
    page(project, "wrong.md", "```python\n>>> 6 * 7\n41\n```\n")
    result = run(project)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["*docs/wrong.md, line 6*", "Expected:", "    41", "Got:", "    42"]
    )


@pytest.mark.parametrize(
    "fence",
    [
        '```python title="x.py"',
        '```python linenums="3" hl_lines="1"',
        "```py",
        "```python3",
        "```pycon",
        "``` python",
        "```{.python}",
        '```{ .py title="t" }',
        "~~~python",
        "````Python",
    ],
)
def test_every_python_fence_runs(project: pytest.Pytester, fence: str) -> None:
    close = fence[:3] if fence[0] == "~" else fence[: len(fence) - len(fence.lstrip("`"))]
    body = ">>> 1 / 0\n" if "pycon" in fence else "1 / 0\n"
    page(project, "p.md", f"{fence}\n{body}{close}\n")
    result = run(project)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*ZeroDivisionError*"])


def test_indented_fences_run(project: pytest.Pytester) -> None:
    body = """\
    !!! note
        ```python
        assert False, "in an admonition"
        ```

    - item

        ```py
        assert False, "in a list"
        ```

    === "Tab"

        ```python
        assert False, "in a tab"
        ```
    """
    page(project, "p.md", body)
    result = run(project)
    result.assert_outcomes(failed=3)


def test_plain_block_must_not_raise_and_failure_names_file_and_line(
    project: pytest.Pytester,
) -> None:
    page(project, "sub/deep/p.md", "text\n\n```python\nx = 1\n```\n\n```python\nx / 0\n```\n")
    result = run(project)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["docs/sub/deep/p.md:12: ZeroDivisionError"])
    result.stdout.fnmatch_lines(["FAILED docs/sub/deep/p.md::sybil:docs,line:11,column:1*"])


def test_top_level_and_deep_pages_are_collected(project: pytest.Pytester) -> None:
    for name in ("top.md", "a/mid.md", "a/b/c/deep.md"):
        page(project, name, "```python\nassert False\n```\n")
    run(project).assert_outcomes(failed=3)


def test_non_python_fences_are_not_run(project: pytest.Pytester) -> None:
    body = "".join(f"```{lang}\n1/0\n```\n\n" for lang in SHOWN)
    body += "````markdown\n```python\n1/0\n```\n````\n\n```python\nx = 1\n```\n"
    page(project, "p.md", body)
    run(project).assert_outcomes(passed=1)  # only the python fence runs


def test_every_pygments_python_name_runs(project: pytest.Pytester) -> None:
    python, console = python_languages()
    body = "".join(
        f"```{lang}\n{'>>> ' if lang in console else ''}1 / 0\n```\n\n" for lang in sorted(python)
    )
    page(project, "p.md", body)
    result = run(project)
    result.assert_outcomes(failed=len(python))
    result.stdout.fnmatch_lines(["*ZeroDivisionError*"])
    assert {"ipython3", "numpy", "python2", "ipythonconsole"} <= python  # as issue 17 found


def test_other_fences_fail_naming_the_problem(project: pytest.Pytester) -> None:
    body = "```rust\nfn main() {}\n```\n\n```\nbare\n```\n\n"
    body += "<!--\n```python\nsetup = 1\n```\n-->\n"
    page(project, "p.md", body)
    result = run(project)
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines(
        [
            "*docs/p.md:5: unknown fence language 'rust': use python (run) or one of bash,*",
            "*docs/p.md:9: a fence without a language: write ```text for plain text*",
            "*docs/p.md:14: a fence inside an HTML comment: it runs or hides unseen*",
        ],
        consecutive=False,
    )


def test_every_markdown_extension_mkdocs_builds_is_collected(project: pytest.Pytester) -> None:
    for ext in markdown_extensions:
        page(project, f"p{ext}", "```python\nassert False\n```\n")
    run(project).assert_outcomes(failed=len(markdown_extensions))
    assert ".mdown" in markdown_extensions


def test_directives_that_hide_checking_are_refused(project: pytest.Pytester) -> None:
    body = "```python\n>>> 1 / 0  # doctest: +SKIP\n```\n\n"
    body += "```pycon\n>>> print(1, 2)  # doctest: +ELLIPSIS\n1 ...\n```\n"  # fine
    page(project, "p.md", body)
    result = run(project)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*docs/p.md:6: doctest directive +SKIP accepts any result: show the real output, "
            'or put <!-- skip: next "reason" --> above the fence*'
        ]
    )


def test_option_sets_that_accept_any_output_are_refused() -> None:
    """Doctest's own parser reads a bare ``...`` as a continuation line; a checker may not."""
    ellipsis = {doctest.ELLIPSIS: True, doctest.NORMALIZE_WHITESPACE: True}
    assert hides_checking(doctest.Example("f()", "...\n", options=ellipsis)) == (
        "directives +ELLIPSIS +NORMALIZE_WHITESPACE with the output '...' accept"
    )
    assert hides_checking(doctest.Example("f()", "1 ...\n", options=ellipsis)) == ""
    assert hides_checking(doctest.Example("f()", "", options=ellipsis)) == ""
    assert hides_checking(doctest.Example("f()", "2\n", options={doctest.SKIP: True}))


def test_each_page_has_a_fresh_namespace_in_page_order(project: pytest.Pytester) -> None:
    page(project, "a.md", "```python\nshared = 1\n```\n\n```python\n>>> shared + 1\n2\n```\n")
    page(project, "b.md", "```python\nshared\n```\n")
    page(project, "c.md", "```python\nnp.zeros(1)\n```\n")  # nothing is injected
    result = run(project)
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(["*NameError: name 'shared' is not defined*"])
    result.stdout.fnmatch_lines(["*NameError: name 'np' is not defined*"])


def test_skip_needs_a_reason_and_is_reported(project: pytest.Pytester) -> None:
    skip = '<!-- skip: next "needs a GPU" -->\n```python\n1/0\n```\n'
    page(project, "ok.md", skip)
    page(project, "bare.md", "<!-- skip: next -->\n```python\nx = 1\n```\n")
    page(project, "dangling.md", '<!-- skip: next "why" -->\n\nprose\n')
    page(project, "range.md", "<!-- skip: start -->\n```python\nx = 1\n```\n")
    page(project, "hidden.md", "<!-- invisible-code-block: python\nx = 1\n-->\n")
    result = run(project)
    result.assert_outcomes(passed=2, skipped=1, failed=4)
    result.stdout.fnmatch_lines(["SKIPPED*docs/ok.md:6: needs a GPU"])


def test_good_includes_pass_and_are_not_executed(project: pytest.Pytester) -> None:
    (project.path / "src" / "boom.py").write_text("1 / 0  # would fail if run\n")
    body = include("src/listing.py:3:4", 'linenums="3" hl_lines="1 2"')
    body += include("src/listing.py:10:10", 'linenums="10" title="t"')
    body += include("src/boom.py:1:1", 'linenums="1"')
    body += '```text\n--8<-- "src/plain.py"\n```\n'
    page(project, "p.md", body)
    run(project).assert_outcomes(passed=4)


BAD_INCLUDES = [
    ("src/listing.py:20:20", 'linenums="20"', "*20..20 is outside the file*10 lines*"),
    ("src/listing.py:9:12", 'linenums="9"', "*9..12 is outside the file*"),
    ("src/listing.py:4:3", 'linenums="4"', "*4..3 is reversed*"),
    ("src/listing.py:0:2", 'linenums="0"', "*0..2 is outside the file*"),
    ("src/nope.py:1:1", 'linenums="1"', "*'src/nope.py' not found*"),
    ("src/listing.py:6:8", 'linenums="6"', "*src/listing.py:7 is a section marker*"),
    ("src/listing.py:tail", "", "*use a line range, never section markers*"),
    ("src/listing.py:3", 'linenums="3"', "*give exactly one range*"),
    ("src/listing.py:1:2,4:4", 'linenums="1"', "*give exactly one range*"),
    ("src/plain.py", 'linenums="1"', "*always give a range*"),
    ("src/listing.py:3:4", 'linenums="1"', '*linenums="1" but the range starts at 3*'),
    ("src/listing.py:3:4", "", '*add linenums="3"*'),
    ("src/listing.py:3:4", 'linenums="3" hl_lines="3"', "*hl_lines '3' falls outside*"),
    ("src/listing.py:3:4", 'linenums="3" hl_lines="2-1"', "*hl_lines '2-1' falls outside*"),
    ("src/listing.py:4:6", 'linenums="4"', "*not Python on their own*"),
]


def test_bad_includes_fail(project: pytest.Pytester) -> None:
    for i, (spec, attrs, _) in enumerate(BAD_INCLUDES):
        page(project, f"bad{i:02d}.md", "Intro.\n\n" + include(spec, attrs))
    result = run(project)
    result.assert_outcomes(failed=len(BAD_INCLUDES))
    for i, (_, _, message) in enumerate(BAD_INCLUDES):
        result.stdout.fnmatch_lines([f"docs/bad{i:02d}.md:7: --8<-- *{message}"])


def test_swallowed_marker_changes_the_expansion(project: pytest.Pytester) -> None:
    page(project, "p.md", include("src/listing.py:8:10", 'linenums="8"'))
    result = run(project)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*pymdownx expands it to *'y = x + 1', 'print(y)'*, not lines 8..10 of*"]
    )


def test_include_fence_holds_only_the_include(project: pytest.Pytester) -> None:
    body = '```python linenums="3"\n--8<-- "src/listing.py:3:4"\n1 / 0\n```\n'
    body += '\n--8<-- "src/missing.md"\n'  # an include in the prose is checked too
    page(project, "p.md", body)
    result = run(project)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*exactly one --8<-- line and nothing else*"])


def test_docstrings_run_and_listings_are_never_imported(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [m for m in sys.modules if m == "nn11" or m.startswith("nn11.")]:
        monkeypatch.delitem(sys.modules, name)  # the stand-in package below is imported instead
    monkeypatch.syspath_prepend(project.path)
    pkg = project.path / "nn11"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for name in ("two_layer.py", "three_layer.py", "eleven_lines.py", "__main__.py"):
        (pkg / name).write_text('"""\n>>> 1\n1\n"""\nraise SystemExit("imported!")\n')
    (pkg / "good.py").write_text('def f():\n    """\n    >>> 2 + 2\n    4\n    """\n')
    (pkg / "bad.py").write_text('def f():\n    """\n    >>> 2 + 2\n    5\n    """\n')
    (pkg / "hides.py").write_text(
        'def f():\n    """\n    >>> 2 + 2  # doctest: +SKIP\n    5\n    """\n'
    )
    result = project.runpytest("-p", "no:doctest", "nn11")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["*nn11/bad.py, line 3*"])
    result.stdout.fnmatch_lines(["*hides.py:3: doctest directive +SKIP accepts any result*"])


def test_plain_block_must_not_print(project: pytest.Pytester) -> None:
    page(project, "p.md", "```python\nprint(41)\n```\n\n```python\n>>> print(42)\n42\n```\n")
    result = run(project)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*it printed '41\\n': show output as a doctest*"])
