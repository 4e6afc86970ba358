"""Issue 23's diagrams (hooks/diagrams.py): drawn in both schemes with their words, titled and
described, shown with alt text on their pages; the XOR picture's cut really separates."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nn11 import train
from nn11.data import X, y_xor
from tests.hookmods import hook
from tests.test_figures import INK, figure_problems

diagrams = hook("diagrams")
figures = hook("figures")

#: diagram -> the pages that show it (built paths)
PAGES = {
    "network-part1": ["part1/index.html"],
    "network-part2": ["part2/index.html"],
    "xor-spaces": ["part2/index.html"],
}
#: words each diagram must show (matplotlib keeps SVG text as text)
WORDS = {
    "network-part1": ["syn0[0]", "syn0[2]", "in 3", "l1", "3 x 1"],
    "network-part2": ["h4", "syn1", "3 x 4", "4 x 1", "line 43"],
    "xor-spaces": ["example 1", "example 4", "weighted sum = 0", "target 1", "hidden unit 1"],
}


def svg_problems(svg: str, scheme: str, words: list[str]) -> list[str]:
    """What is wrong with one drawn variant: its scheme's ink, not the other's, its words,
    a title and a description."""
    other = "dark" if scheme == "light" else "light"
    problems = [f"missing {w!r}" for w in words if w not in svg]
    if INK[scheme] not in svg:
        problems.append(f"not drawn in the {scheme} ink")
    if INK[other] in svg:
        problems.append(f"uses the {other} ink")
    if "<title" not in svg or "<desc" not in svg:
        problems.append("no <title>/<desc>")
    return problems


def separates(hidden: np.ndarray, syn1: np.ndarray) -> bool:
    """Does the output's cut (weighted sum 0) put XOR's 1s on one side and its 0s on the other?"""
    return bool((((hidden @ syn1) > 0) == (y_xor == 1)).all())


def test_registered_with_the_figures() -> None:
    assert set(diagrams.FIGURES) <= set(figures.declared())
    assert set(diagrams.FIGURES) == set(PAGES) == set(WORDS) == set(diagrams.SIZES)
    assert set(diagrams.FIGURES) == set(diagrams.labels())


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_drawn_with_its_words(site_dir: Path, name: str, scheme: str) -> None:
    svg = (site_dir / "figures" / f"{name}-{scheme}.svg").read_text(encoding="utf-8")
    assert svg_problems(svg, scheme, WORDS[name]) == []


def test_svg_check_bites(site_dir: Path) -> None:
    dark = (site_dir / "figures" / "network-part1-dark.svg").read_text(encoding="utf-8")
    assert svg_problems(dark, "light", ["syn0[0]", "nowhere"]) == [
        "missing 'nowhere'",
        "not drawn in the light ink",
        "uses the dark ink",
    ]


def test_the_drawn_cut_separates_and_the_check_bites() -> None:
    hidden, syn1 = diagrams.hidden_after_training()
    assert separates(hidden, syn1)
    start = train(X, y_xor, hidden=4, iterations=1, snapshot_at=[0]).snapshots[0]
    assert not separates(start["l1"], start["syn1"])


@pytest.mark.parametrize("name", sorted(PAGES))
def test_shown_on_its_pages(site_dir: Path, name: str) -> None:
    for page in PAGES[name]:
        html = (site_dir / page).read_text(encoding="utf-8")
        assert figure_problems(html, name) == [], page
