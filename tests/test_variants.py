"""The "What next" variants (nn11/variants/): each runs, each diff is current and is the whole
change, each setting that claims to give back the listing does, and each page shows its diff
and its figure."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from nn11.variants import NAMES
from nn11.whatnext import run
from tests.test_figures import figure_problems

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import diffs  # noqa: E402  (tools/diffs.py)

#: each variant with the settings that turn its change off
OFF: dict[str, dict[str, Any]] = {
    "bias": {"BIAS": 0},
    "minibatch": {"COPIES": 1, "NOISE": 0, "BATCH": 4},
    "momentum": {"MOMENTUM": 0},
    "dropout": {"DROPOUT": 0},
    "l2": {"DECAY": 0},
    "layers": {"SIZES": [3, 4, 1]},
}
HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
INK = {"light": "#1f2328", "dark": "#e3e5e8"}


def apply(diff: str, old: list[str]) -> list[str]:
    """``old`` (lines) with the unified ``diff`` applied; every context and removed line must
    match ``old`` where the hunk says, or ValueError."""
    lines = diff.splitlines(keepends=True)
    if len(lines) < 2 or not lines[0].startswith("--- ") or not lines[1].startswith("+++ "):
        raise ValueError("not a unified diff: no ---/+++ header")
    new: list[str] = []
    at = 0  # next line of old not yet copied
    for n, line in enumerate(lines[2:], 3):
        if m := HUNK.match(line):
            start = int(m[1]) - (0 if m[2] == "0" else 1)
            if start < at:
                raise ValueError(f"diff line {n}: hunks overlap or go backwards")
            new += old[at:start]
            at = start
        elif line[:1] in (" ", "-"):
            if at >= len(old) or old[at] != line[1:]:
                raise ValueError(f"diff line {n}: does not match listing line {at + 1}")
            if line[0] == " ":
                new.append(line[1:])
            at += 1
        elif line[:1] == "+":
            new.append(line[1:])
        else:
            raise ValueError(f"diff line {n}: unexpected {line!r}")
    return new + old[at:]


def weights(namespace: dict[str, Any]) -> list[Any]:
    if "syns" in namespace:
        return list(namespace["syns"])
    return [namespace["syn0"], namespace["syn1"]]


def test_variants_are_the_files() -> None:
    assert diffs.names() == sorted(NAMES) == sorted(OFF)


@pytest.mark.parametrize("name", NAMES)
def test_diff_is_current(name: str) -> None:
    variant = ROOT / "nn11" / "variants" / f"{name}.py"
    committed = variant.with_suffix(".diff").read_text(encoding="utf-8")
    assert committed == diffs.render(variant), "run: python3 tools/diffs.py"


@pytest.mark.parametrize("name", NAMES)
def test_diff_is_the_whole_change(name: str) -> None:
    listing = (ROOT / "nn11" / "three_layer.py").read_text(encoding="utf-8")
    variant = (ROOT / "nn11" / "variants" / f"{name}.py").read_text(encoding="utf-8")
    diff = (ROOT / "nn11" / "variants" / f"{name}.diff").read_text(encoding="utf-8")
    assert "".join(apply(diff, listing.splitlines(keepends=True))) == variant
    changed = [x for x in diff.splitlines()[2:] if x.startswith(("+", "-"))]
    assert 0 < len(changed) <= 40, f"{name}: {len(changed)} changed lines is not a small change"


def test_a_doctored_variant_makes_its_diff_stale(tmp_path: Path) -> None:
    (tmp_path / "nn11").mkdir()
    shutil.copy(ROOT / "nn11" / "three_layer.py", tmp_path / "nn11")
    folder = tmp_path / "nn11" / "variants"
    shutil.copytree(ROOT / "nn11" / "variants", folder, ignore=shutil.ignore_patterns("__py*"))
    assert diffs.stale(folder, tmp_path) == []
    source = folder / "momentum.py"
    source.write_text(source.read_text().replace("MOMENTUM = 0.9", "MOMENTUM = 0.8"))
    assert diffs.stale(folder, tmp_path) == ["momentum.diff"]
    (folder / "l2.diff").unlink()
    assert diffs.stale(folder, tmp_path) == ["l2.diff", "momentum.diff"]


def test_a_diff_that_hides_a_change_does_not_apply() -> None:
    listing = (ROOT / "nn11" / "three_layer.py").read_text(encoding="utf-8")
    old = listing.splitlines(keepends=True)
    diff = (ROOT / "nn11" / "variants" / "momentum.diff").read_text(encoding="utf-8")
    variant = (ROOT / "nn11" / "variants" / "momentum.py").read_text(encoding="utf-8")
    # an extra change in the file that the diff does not show
    sneaky = variant.replace("for j in range(60000):", "for j in range(6000):")
    assert "".join(apply(diff, old)) != sneaky
    # a diff whose context no longer matches the listing
    with pytest.raises(ValueError, match="does not match listing line"):
        apply(diff.replace(" syn1 = 2 *", " syn1 = 3 *"), old)
    with pytest.raises(ValueError, match="not a unified diff"):
        apply("@@ -1 +1 @@\n", old)


@pytest.mark.full  # full gate: a Python process per variant
def test_each_variant_runs_as_a_module() -> None:
    command = [sys.executable, "-m"]
    procs = {
        name: subprocess.Popen(
            [*command, module], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for name, module in [(n, f"nn11.variants.{n}") for n in NAMES]
        + [("three_layer", "nn11.three_layer")]
    }
    printed = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, f"{name}: {err}"
        printed[name] = out
        lines = out.splitlines()
        assert len(lines) == 6 and all(re.fullmatch(r"Error:0\.\d+(e-\d+)?", x) for x in lines), out
    # SIZES = [3, 4, 1] is the default: the layers variant is the listing, written as loops
    assert printed["layers"] == printed["three_layer"]
    assert printed["momentum"] != printed["three_layer"]


@pytest.mark.parametrize("name", NAMES)
def test_change_turned_off_gives_the_listing(name: str) -> None:
    plain = run("three_layer", iterations=20_001, every=1000)
    off = run(name, iterations=20_001, every=1000, **OFF[name])
    assert len(off.errors) == 21
    assert off.errors == plain.errors
    for a, b in zip(weights(off.namespace), weights(plain.namespace), strict=True):
        assert (a == b).all()


@pytest.mark.parametrize("name", [n for n in NAMES if n != "layers"])
def test_change_turned_on_differs(name: str) -> None:
    """The guard above can fail: with its default settings each variant prints other numbers."""
    plain = run("three_layer", iterations=2001, every=1000)
    assert run(name, iterations=2001, every=1000).errors != plain.errors


def test_runner_refuses_what_the_file_lacks() -> None:
    with pytest.raises(ValueError, match="name must be 'three_layer' or one of bias, "):
        run("adam", iterations=10)
    with pytest.raises(ValueError, match=re.escape("SPEED: expected one line 'SPEED = ...'")):
        run("momentum", iterations=10, SPEED=2)
    with pytest.raises(ValueError, match="MOMENTUM: expected one line"):
        run("three_layer", iterations=10, MOMENTUM=0)
    with pytest.raises(ValueError, match="iterations must be a whole number >= 1, got 0"):
        run("momentum", iterations=0)
    with pytest.raises(ValueError, match=re.escape("every must be a whole number >= 1, got 2.5")):
        run("momentum", iterations=10, every=2.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", NAMES)
def test_page_shows_diff_and_figure(site_dir: Path, name: str) -> None:
    page = (site_dir / "next" / name / "index.html").read_text(encoding="utf-8")
    assert 'class="language-diff highlight"' in page
    assert f"+++ nn11/variants/{name}.py" in page
    assert figure_problems(page, f"next-{name}") == []
    for scheme, ink in INK.items():
        svg = (site_dir / "figures" / f"next-{name}-{scheme}.svg").read_text(encoding="utf-8")
        assert svg.count("<path") > 5 and ink in svg
        assert INK["dark" if scheme == "light" else "light"] not in svg


def test_what_next_follows_part_2_in_the_nav(site_dir: Path) -> None:
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    order = [home.find(t) for t in ("part2/line-43/", "next/", *(f"next/{n}/" for n in NAMES))]
    assert -1 not in order and order == sorted(order)


def test_variants_are_kept_out_of_docstring_collection() -> None:
    from tests.docexamples import docstring_sybil

    sybil = docstring_sybil(ROOT)
    folder = ROOT / "nn11" / "variants"
    assert not any(sybil.should_parse(folder / f"{name}.py") for name in NAMES)
    assert sybil.should_parse(folder / "data.py")  # the guard can say yes
    assert sybil.should_parse(ROOT / "nn11" / "whatnext.py")
