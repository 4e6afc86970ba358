"""The listings: exact printed output, the post's line numbers, and no side effects on import."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests import floatcheck
from tests.listing_map import MAPS

PKG = Path(__file__).resolve().parent.parent / "nn11"

# The post's printed output (modern numpy drops the leading space; post-facts section 3).
TWO_LAYER_OUTPUT = """\
Output After Training:
[[0.00966449]
 [0.00786506]
 [0.99358898]
 [0.99211957]]
"""


def python(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=PKG.parent, check=False
    )


@pytest.mark.parametrize("how", [["nn11/two_layer.py"], ["-m", "nn11.two_layer"]])
def test_two_layer_prints_the_posts_output(how: list[str]) -> None:
    done = python(*how)
    assert done.returncode == 0, done.stderr
    assert done.stdout == TWO_LAYER_OUTPUT


def test_three_layer_prints_six_errors_starting_with_the_posts() -> None:
    done = python("nn11/three_layer.py")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 6
    assert all(line.startswith("Error:") for line in lines)
    # Python 3's printout, up to the last digits, which vary by CPU (tests/floatcheck.py).
    assert floatcheck.same_output("Error:0.4964100319027255", lines[0])
    # The post's Python 2 printed 12 significant digits: 0.496410031903.
    assert f"{float(lines[0][6:]):.12g}" == "0.496410031903"
    errors = [float(line[6:]) for line in lines]
    assert errors == sorted(errors, reverse=True)
    assert errors[-1] < 0.01


def test_eleven_lines_run_seeded_and_print_xor() -> None:
    done = python("-m", "nn11", "run", "eleven-lines")
    assert done.returncode == 0, done.stderr
    head, *rows = done.stdout.splitlines()
    assert head == "Output After Training:"
    values = [float(r.strip(" []")) for r in rows]
    assert [round(v) for v in values] == [0, 1, 1, 0]


@pytest.mark.parametrize("name", sorted(MAPS))
def test_each_mapped_line_holds_its_statement(name: str) -> None:
    mapping, blank, total = MAPS[name]
    lines = (PKG / name).read_text().split("\n")
    assert lines[-1] == "", "file must end with one newline"
    lines = lines[:-1]
    assert len(lines) == total
    for number, pattern in mapping.items():
        text = lines[number - 1].strip()
        assert re.fullmatch(pattern, text), f"{name}:{number} is {text!r}, expected /{pattern}/"
    for number in blank:
        assert lines[number - 1].strip() == "", f"{name}:{number} should be blank"
    unmapped = set(range(1, total + 1)) - set(mapping) - set(blank)
    assert not unmapped, f"{name}: lines not in the post's map: {sorted(unmapped)}"


@pytest.mark.parametrize("name", sorted(MAPS))
def test_listings_hold_nothing_but_the_listing(name: str) -> None:
    text = (PKG / name).read_text()
    assert "--8<--" not in text
    assert '"""' not in text and "'''" not in text
    assert "__all__" not in text
    assert not text.startswith("#")


def test_line_map_rejects_a_moved_statement(tmp_path: Path) -> None:
    """Negative test: moving line 29 down one line breaks the map check."""
    mapping, _, _ = MAPS["two_layer.py"]
    lines = (PKG / "two_layer.py").read_text().split("\n")
    lines.insert(28, "")
    assert not re.fullmatch(mapping[29], lines[28].strip())


def test_importing_nn11_runs_no_listing() -> None:
    done = python(
        "-c",
        "import sys, nn11, nn11.cli, nn11.listings, nn11.training, nn11.data, nn11.csvdata;"
        "print(sorted(m for m in sys.modules if m.endswith(('two_layer', 'three_layer'))))",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]\n"
