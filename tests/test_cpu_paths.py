"""The examples that print training numbers pass on other CPU paths, not just this machine's.

numpy picks its loops by CPU feature (``NPY_DISABLE_CPU_FEATURES`` turns some off) and its
OpenBLAS picks a kernel per CPU (``OPENBLAS_CORETYPE`` forces one): together they imitate other
machines, whose long runs differ in the last digits. Each path below reruns, in a fresh pytest,
the pages and tests that print numbers from long training runs. The suite's own run is a third
path; docs/development.md lists the paths checked by hand. x86-64 only (the settings are).
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests import floatcheck

ROOT = Path(__file__).resolve().parent.parent
if platform.machine().lower() not in {"x86_64", "amd64"}:
    pytest.skip("the CPU paths are x86-64 settings", allow_module_level=True)

#: Two paths whose three-layer printout differs from the page's in the last digits.
PATHS = {
    "Nehalem": {"OPENBLAS_CORETYPE": "Nehalem", "NPY_DISABLE_CPU_FEATURES": ""},
    "Prescott-no-AVX2": {
        "OPENBLAS_CORETYPE": "Prescott",
        "NPY_DISABLE_CPU_FEATURES": "X86_V3 X86_V4 AVX512_ICL",
    },
}
#: What prints numbers from long runs: unrounded (Part 2), 6 decimals (the CLI row), docstrings.
TARGETS = [
    "docs/part2/index.md",
    "docs/play/gradient-descent.md",
    "nn11",
    "tests/test_listings.py::test_three_layer_prints_six_errors_starting_with_the_posts",
]
FINGERPRINT = "from hooks import sweep; print(sweep.key())"


def env(path: dict[str, str], **extra: str) -> dict[str, str]:
    """This environment on another CPU path, without the outer pytest's settings."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST_XDIST", "PYTEST_CURRENT", "PYTEST_ADDOPTS"))
        and k != floatcheck.EXACT_ENV
    }
    return {**base, **path, **extra}


def pytest_run(
    targets: list[str], path: dict[str, str], tmp: Path, **extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--basetemp", str(tmp), *targets],
        cwd=ROOT,
        env=env(path, **extra),
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_paths_are_other_machines() -> None:
    """Each path computes other bits than the others and than this run: a fresh sweep cache key."""
    keys = {
        name: subprocess.run(
            [sys.executable, "-c", FINGERPRINT],
            cwd=ROOT,
            env=env(path),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for name, path in PATHS.items()
    }
    here = subprocess.run(
        [sys.executable, "-c", FINGERPRINT], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert len({here, *keys.values()}) == 1 + len(PATHS), (here, keys)


@pytest.mark.parametrize("name", sorted(PATHS))
def test_examples_pass_on_another_cpu_path(name: str, tmp_path: Path) -> None:
    done = pytest_run(TARGETS, PATHS[name], tmp_path)
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert re.fullmatch(r"\d+ passed in .*", summary), summary  # nothing failed or skipped


def test_exact_comparison_fails_on_another_cpu_path(tmp_path: Path) -> None:
    """Negative test: without the tolerance, the Part 2 printout fails on Nehalem's path."""
    done = pytest_run(
        ["docs/part2/index.md"], PATHS["Nehalem"], tmp_path, **{floatcheck.EXACT_ENV: "1"}
    )
    assert done.returncode == 1, done.stdout[-4000:]
    # Only the printout fails: its second line, whose last digits are Nehalem's, not the page's.
    assert re.search(r"^1 failed, \d+ passed", done.stdout, re.M), done.stdout[-4000:]
    got = done.stdout.split("Got:", 1)[-1]
    assert re.search(r"Error:0\.00858452565324\d*", got) and "653247157" not in got, got[:600]
