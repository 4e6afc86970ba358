"""Each Line page pins the listing lines it explains; a change to those lines fails here.

Re-read the page, then update its pin: ``python tools/pin.py FILE START END``.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.sources import front_matter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from pin import pin  # noqa: E402

#: Line page -> (file, first line, last line): the walkthrough's places, as the post numbers them.
PART1 = [(1, 1), (4, 4), (5, 6), (10, 13), (16, 16), (20, 20), (23, 23)]
PART1 += [(25, 25), (28, 28), (29, 29), (32, 32), (36, 36), (39, 39)]
EXPECTED = {
    **{f"part1/line-{n:02d}.md": ("nn11/two_layer.py", n, m) for n, m in PART1},
    "part2/line-43.md": ("nn11/three_layer.py", 43, 43),
}
def pin_problems(page: Path, root: Path = ROOT) -> list[str]:
    """What is wrong with ``page``'s pin against the listings under ``root`` (empty: sound)."""
    explains = front_matter(page).get("explains")
    if not isinstance(explains, dict):
        return ["no `explains:` mapping in the front matter"]
    try:
        file, (start, end), sha = explains["file"], explains["lines"], str(explains["sha"])
        current = pin(file, int(start), int(end), root)
    except (KeyError, TypeError, ValueError) as e:
        return [f"malformed explains: {explains!r} ({e})"]
    problems = []
    if sha != current:
        problems.append(
            f"{file}:{start}-{end} changed (pin {sha}, now {current}): re-read the page, "
            f"then run `python tools/pin.py {file} {start} {end}`"
        )
    include = f'--8<-- "{file}:{start}:{end}"'
    fence = re.compile(rf'^```python linenums="{start}"\n{re.escape(include)}\n```$', re.MULTILINE)
    if not fence.search(page.read_text(encoding="utf-8")):
        problems.append(f'the page does not show the pinned lines as ```python linenums="{start}"')
    return problems


def line_pages(docs: Path) -> list[str]:
    return sorted(str(p.relative_to(docs)) for p in docs.glob("part*/line-*.md"))


def test_every_walkthrough_line_has_its_page() -> None:
    assert line_pages(ROOT / "docs") == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_pins_what_it_explains(name: str) -> None:
    page = ROOT / "docs" / name
    assert pin_problems(page) == []
    explains = front_matter(page)["explains"]
    assert (explains["file"], *explains["lines"]) == EXPECTED[name]


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


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("sha: 1cdb49ef78a4", "sha: 000000000000", "changed"),
        ("lines: [29, 29]", "lines: [30, 29]", "malformed"),
        ("lines: [29, 29]", "lines: [28, 28]", "changed"),
        ('linenums="29"', 'linenums="1"', "does not show"),
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
