"""The harness's own guards: no silent skip in CI, and the recorder sees what it must."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.browser import harness
from tests.browser.conftest import ROOT, new_reader


def test_browser_starts(browser: Any) -> None:
    assert browser.version.split(".")[0].isdigit()


def test_missing_chromium_is_found_missing(tmp_path: Path) -> None:
    plain = tmp_path / "chromium"
    plain.write_text("not a program")
    assert harness.find_chromium({harness.PATH_ENV: "/nonexistent/chromium"}) is None
    assert harness.find_chromium({}, candidates=("/nonexistent/a", str(plain))) is None
    plain.chmod(0o755)
    assert harness.find_chromium({}, candidates=("/nonexistent/a", str(plain))) == str(plain)


def test_no_browser_skips_locally_and_fails_when_required() -> None:
    with pytest.raises(pytest.skip.Exception, match="no Chromium"):
        harness.no_browser("no Chromium", env={})
    with pytest.raises(pytest.fail.Exception, match="forbids skipping"):
        harness.no_browser("no Chromium", env={harness.REQUIRE_ENV: "1"})


def test_session_without_chromium_fails_when_required() -> None:
    """The real fixtures, in a child pytest: skip locally, fail under NN11_REQUIRE_BROWSER=1."""
    base = {k: v for k, v in os.environ.items() if k != harness.REQUIRE_ENV}
    base[harness.PATH_ENV] = "/nonexistent/chromium"
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-rs",
        f"{Path(__file__).relative_to(ROOT)}::test_browser_starts",
    ]
    runs = {
        req: subprocess.Popen(
            cmd,
            cwd=ROOT,
            env={**base, harness.REQUIRE_ENV: req},
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for req in ("0", "1")
    }
    (local, _), (ci, _) = runs["0"].communicate(), runs["1"].communicate()
    assert runs["0"].returncode == 0 and "1 skipped" in local, local
    assert runs["1"].returncode == 1 and "forbids skipping" in ci and "1 error" in ci, ci


SYNTHETIC = """<!doctype html><html><head>
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
</head><body><p>synthetic</p><img src="missing.png">
<script>console.error("boom");</script>
<script>fetch("http://example.com/x").catch(() => {});</script>
<script>new Worker("w.js");</script>
<script>throw new Error("uncaught one");</script>
</body></html>"""


def test_recorder_catches_offsite_failed_and_console(browser: Any, tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text(SYNTHETIC)
    (tmp_path / "w.js").write_text('fetch("https://cdn.example.org/from-worker").catch(() => {});')
    (tmp_path / "good.html").write_text("<!doctype html><title>ok</title><p>ok</p>")
    with harness.serve(tmp_path, "/nn11/") as base:
        r = new_reader(browser, base)
        try:
            r.open("good.html")
            assert r.record.problems() == []
            r.open("bad.html")
            rec = r.record
            assert any("fonts.googleapis.com" in u for u in rec.offsite)
            assert any(u.startswith("http://example.com/") for u in rec.offsite)
            assert any("cdn.example.org/from-worker" in u for u in rec.offsite)
            assert any("missing.png" in f and "404" in f for f in rec.failed)
            assert any("boom" in c for c in rec.console)
            assert any("uncaught one" in c for c in rec.console)
            # Only the site's path is served, as on GitHub Pages.
            assert r.page.request.get(base.removesuffix("nn11/") + "good.html").status == 404
        finally:
            r.context.close()
