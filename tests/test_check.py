"""nn11 check: a catalogue of slips, each named at its line with its hint; rewrites that pass.

Each file of tests/check_cases/ is a small program as a learner writes it. A slip's line is
marked ``# <- the slip`` in the file itself. Every check starts child processes (the reader's
program runs in one); a slip shows within the first iterations, so those runs stop early.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import nn11
from nn11 import cli, reference, tolerance
from nn11.data import X
from nn11.training import train
from nn11.verdict import Verdict, check, check_file
from tests import floatcheck

CASES = Path(__file__).resolve().parent / "check_cases"
MATCH = "Your network matches the listing: every value agrees at iterations 0, 1 and the last"

#: case file -> words of the hint the verdict must give.
SLIPS = {
    "p1_no_slope": "the slope is missing",
    "p1_slope_of_error": "the slope is taken of the miss",
    "p1_no_deriv": "did you pass deriv=True?",
    "p1_no_transpose": "A missing .T",
    "p1_swapped_product": "in-place update",
    "p1_swapped_product_silent": "The shapes differ: (3, 3) where the listing has (3, 1)",
    "p1_minus": "+=, not -=",
    "p1_sign": "the sign is flipped",
    "p1_update_before_delta": "this update runs before l1_delta is computed",
    "p1_unit_interval": "drawn in [0, 1)",
    "p1_flat_targets": "your targets have shape (4,)",
    "p1_seed_after_weights": "the seed is set after random numbers were drawn",
    "p1_off_by_one": "your loop ran 10,001 iterations; the listing's runs 10,000",
    "p1_while_forever": "when the time limit stopped it",
    "p2_back_through_syn0": "sent back through syn1",
    "p2_hidden_no_slope": "the hidden layer's slope is missing",
    "p2_updates_swapped": "the hidden layer's miss uses syn1 after its update",
    "p2_minus": "+=, not -=",
    "p2_sign": "the sign is flipped",
    "p2_draws_swapped": "syn1 is drawn before syn0",
}

#: rewrites in other styles -> (part, their loop's length when shortened to keep tests quick)
REWRITES = {
    "ok_p1_names_matmul": ("1", None),
    "ok_p1_functions": ("1", None),
    "ok_p2_class": ("2", 3000),
    "ok_p2_follow_up_signs": ("2", 3000),
    "ok_11_reformatted": ("11", None),
}


def flat(verdict: Verdict) -> str:
    """The verdict's text with its wrapped lines joined (a phrase may span a wrap)."""
    return " ".join(str(verdict).split())


def marked_line(path: Path) -> int:
    lines = path.read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if "<- the slip" in line)


def test_the_catalogue_covers_every_case_file() -> None:
    files = {p.stem for p in CASES.glob("*.py")}
    assert files == set(SLIPS) | set(REWRITES)
    assert len(SLIPS) >= 15 and len(REWRITES) >= 5


@pytest.mark.full  # full gate: a process per case
@pytest.mark.parametrize("name", sorted(SLIPS))
def test_each_slip_is_named_at_its_line_with_its_hint(name: str) -> None:
    path = CASES / f"{name}.py"
    part = "2" if name.startswith("p2_") else "1"
    verdict = check_file(path, part, timeout=1 if name == "p1_while_forever" else 60)
    assert not verdict.ok
    assert verdict.line == marked_line(path), str(verdict)
    assert str(verdict).startswith(f"{path}, line {verdict.line}: ")
    assert SLIPS[name] in flat(verdict), str(verdict)
    if "differs from the listing" in flat(verdict):  # the expected value, its line, the page
        assert re.search(r"as on line \d+ of \w+\.py:", flat(verdict))
        assert re.search(r"^Read: https?://\S+/part[12]/line-\d\d/$", str(verdict), re.M)


@pytest.mark.full  # full gate: a process per case
@pytest.mark.parametrize("name", sorted(REWRITES))
def test_rewrites_in_other_styles_pass(name: str) -> None:
    part, iterations = REWRITES[name]
    verdict = check_file(CASES / f"{name}.py", part, iterations=iterations)
    assert verdict.ok, str(verdict)
    assert MATCH in str(verdict)


def test_the_listing_passes_its_own_check() -> None:
    verdict = check_file(Path(nn11.__file__).parent / "two_layer.py", 1)
    assert verdict.ok and MATCH in str(verdict), str(verdict)


#: A correct Part 1, and the same with its loop shortened to 300 iterations (checked with
#: iterations=300: a quick whole run).
PART1 = (CASES / "ok_p1_names_matmul.py").read_text()
SHORT = PART1.replace("range(10_000)", "range(300)")


def test_values_agree_within_the_tolerance_and_no_further() -> None:
    # The site's tolerance: a last-digits difference passes, a real one is named.
    sigmoid = "guess = 1 / (1 + np.exp(-(inputs @ weights)))"
    assert sigmoid in PART1
    close = check(SHORT.replace(sigmoid, sigmoid + " * (1 + 1e-13)"), iterations=300)
    assert close.ok, str(close)
    off = check(SHORT.replace(sigmoid, sigmoid + " * (1 + 1e-6)"), iterations=300)
    assert not off.ok and off.line == 12
    assert "l1 differs from the listing at iteration 0" in flat(off)


def test_a_syntax_error_is_one_line_with_its_line_number() -> None:
    verdict = check("import numpy as np\nx = (1,\ny = 2\n", filename="mine.py")
    assert not verdict.ok and verdict.line == 2
    assert len(str(verdict).splitlines()) == 1
    assert str(verdict).startswith("mine.py, line 2: Python cannot read this line")


def test_an_exception_names_the_line_and_the_step() -> None:
    code = PART1.replace("miss = targets - guess", "miss = target - guess")
    verdict = check(code)
    assert not verdict.ok and verdict.line == 13
    assert "NameError" in str(verdict) and "a typo, or a line placed too early" in flat(verdict)
    python2 = check(SHORT.replace("range(300)", "xrange(300)"), iterations=300)
    assert python2.line == 11 and "xrange is Python 2's range" in flat(python2)
    asks = check("import numpy as np\nn = int(input('How many? '))\n")
    assert asks.line == 2 and "without a keyboard" in flat(asks)


def test_no_seed_or_another_seed_is_said_and_compared_from_the_same_weights() -> None:
    unseeded = check(SHORT.replace("np.random.seed(1)\n", ""), iterations=300)
    assert unseeded.ok and "never seeds numpy's generator" in flat(unseeded)
    other = check(SHORT.replace("np.random.seed(1)", "np.random.seed(42)"), iterations=300)
    assert other.ok and "seeds with 42, the listing with 1" in flat(other)
    assert "Note" not in str(check(SHORT, iterations=300))


def test_a_network_inside_a_function_is_read_at_its_end() -> None:
    inside = "def main():\n" + "".join(f"    {line}\n" for line in SHORT.splitlines())
    verdict = check(inside + "\nmain()\n", iterations=300)
    assert verdict.ok, str(verdict)
    assert "the final weights" in flat(verdict)


def test_a_missing_loop_is_named() -> None:
    code = PART1.replace("for step in range(10_000):\n", "if True:\n")
    verdict = check(code)
    assert not verdict.ok and "your steps ran once" in flat(verdict)


def test_iterations_override_compares_a_shortened_loop() -> None:
    assert check(SHORT, iterations=300).ok
    wrong = check(SHORT)  # against the listing's 10,000
    assert not wrong.ok and "your loop ran 300 iterations" in flat(wrong)


def test_the_program_runs_elsewhere_and_changes_nothing_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "mine.py"
    mine.write_text(
        SHORT + "open('written.txt', 'w').write('x')\nimport nn11\nnn11.train = None\n"
        "open(__file__, 'w').write('')\n"
    )
    before = mine.read_text()
    verdict = check_file(mine, iterations=300)
    assert verdict.ok, str(verdict)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.py"]
    assert mine.read_text() == before and nn11.train is train


def test_bad_arguments_are_named() -> None:
    with pytest.raises(ValueError, match="part must be 1, 2 or 11, got 3"):
        check(PART1, 3)
    with pytest.raises(ValueError, match="timeout must be a positive number of seconds"):
        check(PART1, timeout=0)
    with pytest.raises(ValueError, match="iterations must be a whole number >= 2"):
        check(PART1, iterations=1)
    with pytest.raises(TypeError, match="code must be a program as a str"):
        check(b"x = 1")  # type: ignore[arg-type]


def test_the_command_prints_the_same_verdict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = CASES / "p2_sign.py"
    assert cli.main(["check", "--part", "2", str(path)]) == 1
    printed = capsys.readouterr().out
    assert printed == str(check_file(path, 2)) + "\n"
    short = tmp_path / "short.py"
    short.write_text(SHORT)
    assert cli.main(["check", "--iterations", "300", str(short)]) == 0
    assert capsys.readouterr().out.startswith(MATCH)


def test_the_command_refuses_bad_input_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["check", "no-such-file.py"], ["check", "--part", "3", "x.py"]):
        assert cli.main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("nn11: error: ") and err.count("\n") == 1
    assert cli.main(["check", "--timeout", "-1", "x.py"]) == 2
    assert "positive number of seconds" in capsys.readouterr().err


def test_verdict_shows_as_its_text() -> None:
    verdict = Verdict(False, "mine.py, line 3: something", 3)
    assert repr(verdict) == str(verdict) == "mine.py, line 3: something"


# -- the reference model, held to the trainer and the listings -------------------------------


@pytest.mark.parametrize("key", ["1", "2"])
def test_the_reference_iterations_are_trains(key: str) -> None:
    level = reference.LEVELS[key]
    run = train(X, level.y, hidden=level.hidden, iterations=3, snapshot_at=[0, 1, 2])
    weights = reference.start(level)
    for k in (0, 1):
        values = reference.iterate(level, weights)
        for name, value in values.items():
            if not name.startswith("syn"):
                assert np.array_equal(value, run.snapshots[k][name]), (k, name)
        weights = tuple(values[n] for n in ("syn0", "syn1")[: len(weights)])
        for i, w in enumerate(weights):
            assert np.array_equal(w, run.snapshots[k + 1][f"syn{i}"])


def computes(level: reference.Level, step: reference.Step) -> bool:
    """The listing line of a step assigns (or updates) the step's variable."""
    name = step.name.replace(" (start)", "")
    text = level.source_line(step.line)
    if level.key == "11" and name in ("l2_error", "l1_error"):  # inline on lines 8 and 9
        return {"l2_error": "(y - l2)", "l1_error": "l2_delta.dot(syn1.T)"}[name] in text
    return bool(re.match(rf"{name} (\+)?= ", text))


def test_each_steps_line_is_where_the_listing_computes_it() -> None:
    for level in reference.LEVELS.values():
        for step in level.steps:
            assert computes(level, step), (level.key, step)
        assert level.source_line(level.loop_line).startswith("for ")
        if level.seed_line:
            assert level.source_line(level.seed_line) == "np.random.seed(1)"
    # the guard bites: a step on the wrong line
    level = reference.PART1
    assert not computes(level, reference.Step("l1_delta", 32, "", False, ""))


def test_each_steps_page_exists() -> None:
    docs = Path(__file__).resolve().parent.parent / "docs"
    for level in reference.LEVELS.values():
        for page in [s.page for s in level.steps] + [level.loop_page]:
            assert (docs / page.rstrip("/")).with_suffix(".md").exists(), page


def test_the_tolerance_is_the_doc_tests() -> None:
    assert (tolerance.REL_TOL, tolerance.ABS_TOL) == (floatcheck.REL_TOL, floatcheck.ABS_TOL)
