"""The Pages workflow: strict build, the README's checks, official actions, least permissions."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def problems(wf: dict[Any, Any]) -> list[str]:
    out = []
    jobs = wf.get("jobs", {})
    if wf.get("permissions") != {}:
        out.append(f"workflow permissions {wf.get('permissions')!r}, want {{}}")
    want = {"build": {"contents": "read"}, "deploy": {"pages": "write", "id-token": "write"}}
    for name, perms in want.items():
        if jobs.get(name, {}).get("permissions") != perms:
            out.append(f"job {name} permissions {jobs.get(name, {}).get('permissions')!r}")
    if set(jobs) != set(want):
        out.append(f"jobs {sorted(jobs)}")
    uses = {
        n: [s.get("uses", "").split("@")[0] for s in j.get("steps", [])] for n, j in jobs.items()
    }
    runs = " ".join(s.get("run", "") for s in jobs.get("build", {}).get("steps", []))
    if "actions/upload-pages-artifact" not in uses.get("build", []):
        out.append("build does not upload the Pages artifact")
    if uses.get("deploy") != ["actions/configure-pages", "actions/deploy-pages"]:
        out.append(f"deploy steps {uses.get('deploy')}")
    if ".ci/run" not in runs or "mkdocs build --strict" not in runs:
        out.append("build must run .ci/run and mkdocs build --strict")
    if "pull_request" not in str(jobs.get("deploy", {}).get("if", "")):
        out.append("deploy must not run for pull requests")
    return out


def test_workflow_builds_checks_and_deploys_with_least_permissions() -> None:
    assert problems(yaml.safe_load(WORKFLOW.read_text())) == []


def test_ci_runs_the_readme_check_command_requiring_the_browser() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python3 tools/dev.py check" in ci
    assert "python3 tools/dev.py check" in (ROOT / "README.md").read_text()
    assert "NN11_REQUIRE_BROWSER=1" in ci


def test_problems_catch_broad_permissions_and_missing_steps() -> None:
    wf = yaml.safe_load(WORKFLOW.read_text())
    bad = copy.deepcopy(wf)
    bad["permissions"] = "write-all"
    bad["jobs"]["build"]["permissions"]["pages"] = "write"
    bad["jobs"]["deploy"]["steps"] = bad["jobs"]["deploy"]["steps"][1:]
    bad["jobs"]["deploy"]["if"] = "always()"
    bad["jobs"]["build"]["steps"] = [s for s in bad["jobs"]["build"]["steps"] if "run" not in s]
    assert len(problems(bad)) == 5
