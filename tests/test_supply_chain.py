"""The supply chain: actions pinned by commit, zizmor (pinned, offline) at 0 findings, updates on.

zizmor is a static checker for GitHub Actions (`pip install zizmor`, in the `lint` group); with
``--offline`` it runs every audit that needs no network. A finding fails the check.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOW = GITHUB / "workflows" / "pages.yml"
LINT = tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]["lint"]

# A step's action: owner/name, then a full 40-hex commit and the release it is, as a comment.
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def zizmor() -> str:
    here = Path(sys.executable).with_name("zizmor")
    found = str(here) if here.is_file() else shutil.which("zizmor")
    assert found, "zizmor is missing: it is in pyproject's lint group (tools/dev.py installs it)"
    return found


def findings(*paths: Path) -> list[dict[str, Any]]:
    """zizmor's findings, offline, with its default persona (the one its docs recommend)."""
    done = subprocess.run(
        [zizmor(), "--offline", "--no-config", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.stdout.strip().startswith("["), done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)
    assert (done.returncode == 0) == (found == []), (done.returncode, done.stderr)
    return found


def summary(found: list[dict[str, Any]]) -> list[str]:
    return [f"{f['ident']} ({f['determinations']['severity']}): {f['desc']}" for f in found]


def test_zizmor_is_pinned_exactly_and_installed() -> None:
    (pin,) = [r for r in LINT if r.startswith("zizmor")]
    assert re.fullmatch(r"zizmor==\d+\.\d+\.\d+", pin.split(";")[0].strip())
    version = subprocess.run(
        [zizmor(), "--version"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert version == ["zizmor", pin.split("==")[1]]


def test_zizmor_finds_nothing_in_the_repository_github_folder() -> None:
    assert summary(findings(GITHUB)) == []


def test_zizmor_flags_an_action_pinned_by_tag(tmp_path: Path) -> None:
    """The guard bites: the workflow as it was (actions/checkout@v4) is a high finding."""
    text = WORKFLOW.read_text()
    tagged, n = re.subn(r"actions/checkout@[0-9a-f]{40} # v[\d.]+", "actions/checkout@v4", text)
    assert n == 1
    flows = tmp_path / ".github" / "workflows"
    flows.mkdir(parents=True)
    (flows / "pages.yml").write_text(tagged)
    found = findings(tmp_path / ".github")
    assert [(f["ident"], f["determinations"]["severity"]) for f in found] == [
        ("unpinned-uses", "High")
    ]


def uses(workflow: dict[str, Any]) -> list[str]:
    return [
        step["uses"]
        for job in workflow["jobs"].values()
        for step in job.get("steps", [])
        if "uses" in step
    ]


def unpinned(text: str) -> list[str]:
    """Every `uses:` line whose action is not pinned by commit with its version in a comment."""
    lines = [m.group(1).strip() for m in re.finditer(r"^\s*-?\s*uses:\s*(.+)$", text, re.M)]
    return [line for line in lines if not PINNED.match(line)]


def test_every_action_is_pinned_by_commit_with_its_version() -> None:
    text = WORKFLOW.read_text()
    assert len(uses(yaml.safe_load(text))) == 5  # the regex saw every step that uses an action
    assert unpinned(text) == []


@pytest.mark.parametrize(
    "line",
    [
        "- uses: actions/checkout@v4",
        "- uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5",  # no version
        "- uses: actions/checkout@34e11487 # v4.3.1",  # short SHA
        "- uses: actions/checkout@main # v4.3.1",
    ],
)
def test_the_pin_check_rejects_tags_short_shas_and_missing_versions(line: str) -> None:
    assert unpinned(line) == [line.removeprefix("- uses: ")]


def test_dependabot_updates_the_actions_and_the_python_dependencies() -> None:
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text())
    assert config["version"] == 2
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) == {"github-actions", "pip"}
    for update in ecosystems.values():
        assert update["directory"] == "/" and update["schedule"]["interval"]
