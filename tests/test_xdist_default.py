"""``pytest -n N`` keeps each page whole on one worker (conftest.py's pytest_cmdline_main)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["docs/part1/line-32.md", "docs/part1/line-36.md"]  # 9 and 10 examples
RESULT = re.compile(r"^\[(gw\d+)\] \[ *\d+%\] (PASSED|FAILED|ERROR) ([^:\s]+)::", re.M)


def workers_per_page(*options: str, tmp: Path) -> tuple[subprocess.CompletedProcess[str], dict]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-v", "-n", "2", "--basetemp", str(tmp), *options, *PAGES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seen: dict[str, set[str]] = defaultdict(set)
    for worker, _, page in RESULT.findall(done.stdout):
        seen[page].add(worker)
    return done, seen


def test_plain_n_keeps_each_page_on_one_worker(tmp_path: Path) -> None:
    done, seen = workers_per_page(tmp=tmp_path)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "scheduling tests via LoadFileScheduling" in done.stdout
    assert sorted(seen) == PAGES and all(len(w) == 1 for w in seen.values()), seen


def test_load_scheduling_would_split_a_page(tmp_path: Path) -> None:
    """Negative test: an explicit ``--dist load`` is kept, and splits a page (NameErrors)."""
    done, seen = workers_per_page("--dist", "load", tmp=tmp_path)
    assert "scheduling tests via LoadScheduling" in done.stdout
    assert any(len(w) == 2 for w in seen.values()), seen
    assert done.returncode == 1 and "NameError" in done.stdout
