"""Each Line page pins the listing lines it explains; a change to those lines fails here.

Re-read the page, then update its pin: ``python tools/pin.py docs/PAGE.md`` (the strict build
prints it too). The pin is read and checked by hooks/linepage.py, the build's own code.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hooks import linepage
from tests.sources import LinePage, front_matter, line_pages, order_problems

ROOT = Path(__file__).resolve().parent.parent


def pin_problems(page: Path, root: Path = ROOT) -> list[str]:
    """What is wrong with ``page``'s pin against the listings under ``root`` (empty: sound)."""
    text = page.read_text(encoding="utf-8")
    uri = page.relative_to(page.parents[1]).as_posix()
    try:
        explains = linepage.read(uri, text)
        if explains is None:
            return ["no `explains:` mapping in the front matter"]
        problem = explains.pin_problem(root)
    except (linepage.LinePageError, ValueError) as e:
        return [f"malformed explains: {front_matter(page).get('explains')!r} ({e})"]
    problems = [problem] if problem else []
    fence = "\n".join(explains.listing_fence())
    try:
        shown = f"\n{fence}\n" in linepage.as_built(uri, text, root)
        why = "" if shown else "no such fence after the H1"
    except linepage.LinePageError as e:
        shown, why = False, str(e)
    if not shown:
        problems.append(
            f'the page does not show the pinned lines as ```python linenums="{explains.first}"'
            f" ({why})"
        )
    return problems


def explaining(docs: Path) -> list[str]:
    """Every page under ``docs`` whose front matter pins lines, or whose name says it should."""
    return sorted(
        p.relative_to(docs).as_posix()
        for p in docs.rglob("*.md")
        if "explains" in front_matter(p) or p.name.startswith("line-")
    )


def test_every_line_page_is_in_the_nav() -> None:
    """The nav is the page list: a Line page missing from it would be built but never walked."""
    assert sorted(p.src_uri for p in line_pages(ROOT)) == explaining(ROOT / "docs")


@pytest.mark.parametrize("page", line_pages(ROOT), ids=lambda p: p.src_uri)
def test_page_pins_what_it_explains(page: LinePage) -> None:
    assert pin_problems(ROOT / "docs" / page.src_uri) == []
    number = re.fullmatch(r"line-(\d+)\.md", Path(page.src_uri).name)
    assert number and int(number[1]) == page.first, f"{page.src_uri} explains from {page.first}"


def test_nav_order_is_line_order() -> None:
    pages = line_pages(ROOT)
    assert len(pages) >= 2 and order_problems(pages) == []
    swapped = [pages[1], pages[0], *pages[2:]]
    (problem,) = order_problems(swapped)
    assert f"{pages[0].src_uri} (lines {pages[0].first}-{pages[0].last}) comes after" in problem
    overlap = [pages[0], LinePage("x.md", pages[0].file, pages[0].last, pages[0].last + 1)]
    assert order_problems(overlap) != []
    other_file = [pages[1], LinePage("y.md", "other.py", 1, 1)]
    assert order_problems(other_file) == []


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "nn11", root / "nn11", ignore=shutil.ignore_patterns("__pycache__"))
    page = root / "docs" / "part1" / "line-29.md"
    page.parent.mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "part1" / "line-29.md", page)
    return root, page


def test_changed_line_fails(tmp_path: Path) -> None:
    root, page = _copy(tmp_path)
    assert pin_problems(page, root) == []
    listing = root / "nn11" / "two_layer.py"
    lines = listing.read_text().splitlines(keepends=True)
    lines[28] = lines[28].replace("l0", "X")  # line 29 now says something else
    listing.write_text("".join(lines))
    (problem,) = pin_problems(page, root)
    assert "nn11/two_layer.py:29-29 changed" in problem


def test_whitespace_change_fails_too(tmp_path: Path) -> None:
    root, page = _copy(tmp_path)
    listing = root / "nn11" / "two_layer.py"
    listing.write_text(listing.read_text().replace("syn0))\n", "syn0) )\n", 1))
    assert pin_problems(page, root)


TITLE = "# Line 29: the prediction\n"


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("sha: 1cdb49ef78a4", "sha: 000000000000", "changed"),
        ("lines: [29, 29]", "lines: [30, 29]", "malformed"),
        ("lines: [29, 29]", "lines: [28, 28]", "changed"),
        (
            TITLE,
            TITLE + '```python linenums="29"\n--8<-- "nn11/two_layer.py:29:29"\n```\n',
            "does not show",
        ),
        (TITLE, TITLE + "<!-- nn11-context -->\n", "does not show"),
        ("explains:", "explained:", "no `explains:`"),
    ],
)
def test_bad_pins_fail(tmp_path: Path, old: str, new: str, says: str) -> None:
    root, page = _copy(tmp_path)
    text = page.read_text()
    assert old in text
    page.write_text(text.replace(old, new))
    problems = pin_problems(page, root)
    assert any(says in p for p in problems), problems
