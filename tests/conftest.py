"""Shared fixtures: the site, built once per test session with ``mkdocs build --strict``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent


def build_site(out: Path, config_file: Path = ROOT / "mkdocs.yml") -> Path:
    """Build ``config_file`` strictly into ``out``; a failed build fails the test (never skips)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"]
    proc = subprocess.run(
        [*command, "--config-file", str(config_file), "--site-dir", str(out)],
        cwd=config_file.parent,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed ({proc.returncode}):\n{proc.stderr[-6000:]}")
    return out


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """Path of the freshly built site, shared by every test of the session.

    Under pytest-xdist the workers share one build: the first builds it under a lock, the
    others wait for it and reuse it.
    """
    if worker_id == "master":
        return build_site(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent
    out = shared / "site"
    with FileLock(str(shared / "site.lock")):
        if not (shared / "site.done").exists():
            build_site(out)
            (shared / "site.done").touch()
    return out
