"""nn11.seeds: verdicts over many starts. A page's verdict passes only when its seeds bear it
out, and fails, naming the count, when they do not; whatnext.run draws from the seed asked."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import numpy as np
import pytest

from hooks import pagereader
from nn11 import train
from nn11.data import X, y_xor
from nn11.seeds import SEEDS, WORDS, Count, Spread, VerdictError, count, over_seeds, train_many
from nn11.whatnext import run

# Imported here, at collection, as test_doc_guards does: pytester's in-process runs unload what
# they import, and a second copy of MkDocs' plugin classes breaks a later build of mkdocs.yml.
from tests.test_doc_guards import MKDOCS


def counted(k: int, n: int = 8) -> Count:
    return Count(tuple(range(1, n + 1)), (True,) * k + (False,) * (n - k))


@pytest.mark.parametrize("n", [8, 9, 10, 12, 16])
def test_every_count_has_exactly_one_word(n: int) -> None:
    for k in range(n + 1):
        words = [w for w, fits in WORDS.items() if fits(k, n)]
        assert len(words) == 1, (k, n, words)


@pytest.mark.parametrize(
    ("k", "word"),
    [
        (8, "always"),
        (7, "mostly"),
        (6, "mostly"),
        (5, "about half"),
        (3, "about half"),
        (2, "rarely"),
        (1, "rarely"),
        (0, "never"),
    ],
)
def test_the_right_word_holds(k: int, word: str) -> None:
    c = counted(k)
    assert c.word == word
    assert c.holds(word) is c


@pytest.mark.parametrize(("k", "word"), [(7, "always"), (8, "mostly"), (4, "mostly"), (1, "never")])
def test_a_verdict_the_seeds_contradict_fails(k: int, word: str) -> None:
    with pytest.raises(VerdictError, match=f"the seeds give {k} of 8 starts"):
        counted(k).holds(word)


def test_unknown_word_is_refused() -> None:
    with pytest.raises(ValueError, match="word must be one of 'always'"):
        counted(8).holds("usually")


def test_count_names_the_exceptions() -> None:
    assert repr(counted(7)) == "7 of 8 starts (not seed 8)"
    assert repr(counted(6)) == "6 of 8 starts (not seeds 7, 8)"
    assert repr(counted(5)) == "5 of 8 starts"


def test_spread_shows_seed_1_median_and_range() -> None:
    s = Spread(SEEDS, (0.5, 0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8))
    assert repr(s) == "seed 1: 0.5; seeds 1-8: median 0.45, 0.1 to 0.8"
    assert s.at(3) == 0.2
    assert s.below(0.45).k == 4 and s.above(s).k == 0
    with pytest.raises(ValueError, match="seed must be one of seeds 1-8"):
        s.at(9)


@pytest.mark.parametrize(
    ("seeds", "message"),
    [
        ([1, 2, 3], "at least 8 different seeds"),
        ([1, 1, 2, 3, 4, 5, 6, 7], "at least 8 different seeds"),
        ([1, 2, 3, 4, 5, 6, 7, -8], "within \\[0, 2\\*\\*32\\)"),
        ("12345678", "seeds must be a list"),
    ],
)
def test_too_few_or_bad_seeds_are_refused(seeds: object, message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        over_seeds(float, seeds)  # type: ignore[arg-type]


def test_spreads_from_other_seeds_do_not_compare() -> None:
    a = over_seeds(float)
    b = over_seeds(float, range(2, 10))
    with pytest.raises(ValueError, match="same seeds"):
        a.below(b)


def test_count_and_over_seeds_call_each_seed_once() -> None:
    seen: list[int] = []
    c = count(lambda s: seen.append(s) or s % 2 == 0)
    assert seen == list(SEEDS) and c.k == 4


def test_run_draws_from_the_seed_asked() -> None:
    one = run("three_layer", iterations=2, every=1)
    assert run("three_layer", iterations=2, every=1, seed=1).errors == one.errors
    three = run("three_layer", iterations=2, every=1, seed=3)
    ref = train(X, y_xor, hidden=4, iterations=1, seed=3, snapshot_at=[0]).snapshots[0]
    assert three.errors[0] == pytest.approx(float(np.mean(np.abs(ref["l2_error"]))), rel=1e-12)
    assert three.errors[0] != one.errors[0]
    for variant in ("bias", "dropout", "layers", "momentum", "l2", "minibatch"):
        assert run(variant, iterations=1, seed=3).errors[0] != run(variant, iterations=1).errors[0]
    with pytest.raises(ValueError, match="seed must be a whole number"):
        run("three_layer", iterations=1, seed=-1)


def test_train_many_is_train_for_every_seed_and_alpha() -> None:
    many = train_many(X, y_xor, hidden=4, alphas=[0.5, 10], iterations=1001, record_every=500)
    for i, s in enumerate(SEEDS):
        for a, alpha in enumerate((0.5, 10)):
            one = train(X, y_xor, hidden=4, alpha=alpha, seed=s, iterations=1001, record_every=500)
            assert np.allclose(many.errors[i, a], one.errors, rtol=1e-9, atol=1e-12)


def test_train_many_last_change() -> None:
    frozen = train_many(X, y_xor, hidden=32, alphas=[1000, 1], iterations=300, record_every=100)
    assert (frozen.last_change[:, 1] == 299).all()  # alpha 1 learns to the end
    assert (frozen.last_change[:, 0] < 299).any()


def test_train_many_refuses_bad_settings() -> None:
    with pytest.raises(ValueError, match="alphas must hold one or more positive numbers"):
        train_many(X, y_xor, hidden=4, alphas=[], iterations=1, record_every=1)
    with pytest.raises(ValueError, match="hidden must be a whole number >= 1"):
        train_many(X, y_xor, hidden=0, alphas=[1], iterations=1, record_every=1)


PAGE = """\
    ```python
    >>> from nn11.seeds import over_seeds
    >>> from nn11.whatnext import run
    >>> plain = over_seeds(lambda s: run("three_layer", iterations=301, seed=s).error)
    >>> fast = over_seeds(lambda s: run("momentum", iterations=301, seed=s).error)
    >>> fast.below(plain).holds("{word}")
    8 of 8 starts
    ```
"""


@pytest.mark.parametrize(("word", "passes"), [("always", True), ("mostly", False)])
def test_a_page_cannot_state_a_verdict_its_seeds_contradict(
    pytester: pytest.Pytester, word: str, passes: bool
) -> None:
    """The page machinery itself: the same block passes with the word the seeds support and
    fails with another, though the printed count is the same."""
    pytester.makefile(".yml", mkdocs=MKDOCS)
    pytester.makeconftest((ROOT / "conftest.py").read_text())
    (pytester.path / "docs").mkdir()
    body = textwrap.dedent(PAGE.replace("{word}", word))
    (pytester.path / "docs" / "claim.md").write_text("---\ntitle: t\n---\n\n" + body)
    result = pytester.runpytest("-p", "no:doctest", "-p", "no:cacheprovider", "docs")
    result.assert_outcomes(passed=5 if passes else 4, failed=0 if passes else 1)  # one per >>>
    if not passes:
        result.stdout.fnmatch_lines(["*VerdictError: 'mostly' needs 6 or 7 of 8 starts*"])


ROOT = Path(__file__).resolve().parent.parent
#: Pages that say what a setting does in general: each states at least one verdict with holds().
VERDICT_PAGES = [
    *sorted((ROOT / "docs" / "next").glob("*.md")),
    ROOT / "docs" / "play" / "gradient-descent.md",
    ROOT / "docs" / "part2" / "index.md",
]
HOLDS = re.compile(r"\.holds\(\"(?:always|mostly|about half|rarely|never)\"\)")


def states_a_checked_verdict(page: str) -> bool:
    """Whether a fence the doc tests run on ``page`` states a verdict with ``holds``."""
    return any(HOLDS.search(f.source) for f in pagereader.read(page).fences if f.kind == "run")


def test_verdict_pages_state_checked_verdicts() -> None:
    missing = [
        p.relative_to(ROOT).as_posix()
        for p in VERDICT_PAGES
        if not states_a_checked_verdict(p.read_text(encoding="utf-8"))
    ]
    assert missing == []


def test_a_verdict_in_prose_only_is_not_checked() -> None:
    assert not states_a_checked_verdict("It helps, always.\n\n```python\n>>> 1\n1\n```\n")
    assert not states_a_checked_verdict('```text\n>>> c.holds("always")\n```\n')
    assert states_a_checked_verdict('```python\n>>> c.holds("always")\n8 of 8 starts\n```\n')
