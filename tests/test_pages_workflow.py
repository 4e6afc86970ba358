"""The Pages workflow: strict build, the README's checks, official actions, least permissions."""

from __future__ import annotations

import copy
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


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


def floor(specifier: str) -> str:
    """The version after ``>=`` in a specifier such as ``>=3.11`` or ``>=1.26,<3``."""
    (found,) = re.findall(r">=\s*([\d.]+)", specifier)
    return found


def matrix_problems(wf: dict[Any, Any], project: dict[str, Any]) -> list[str]:
    """The build runs on the oldest (pyproject's floors) and the newest Python and numpy."""
    out = []
    build = wf.get("jobs", {}).get("build", {})
    rows = build.get("strategy", {}).get("matrix", {}).get("include", [])
    numpy = next(Requirement(d) for d in project["dependencies"] if d.startswith("numpy"))
    oldest = {
        "python": floor(project["requires-python"]),
        "numpy": f"numpy=={floor(str(numpy.specifier))}.*",
    }
    if len(rows) != 2:
        return [f"matrix rows {rows!r}, want oldest and newest"]
    old, new = sorted(rows, key=lambda r: tuple(map(int, str(r.get("python")).split("."))))
    if {k: old.get(k) for k in oldest} != oldest:
        out.append(f"oldest row {old!r}, want {oldest} (pyproject's floors)")
    if tuple(map(int, str(new.get("python")).split("."))) <= (3, 12) or new.get("numpy"):
        out.append(f"newest row {new!r}: a newer Python, numpy unpinned")
    if build.get("container") != "python:${{ matrix.python }}-slim-bookworm":
        out.append(f"container {build.get('container')!r} does not follow the matrix")
    if [r.get("deploy") for r in (old, new)].count(True) != 1:
        out.append("exactly one matrix row builds the deployed site")
    steps = build.get("steps", [])
    runs = [s.get("run", "") for s in steps]
    pin = next((i for i, r in enumerate(runs) if '"$NUMPY"' in r and "dev.setup()" in r), None)
    ci = next((i for i, r in enumerate(runs) if ".ci/run" in r), None)
    if pin is None or ci is None or pin > ci:
        out.append("the matrix's numpy must be installed after the project, before .ci/run")
    elif steps[pin].get("env", {}).get("NUMPY") != "${{ matrix.numpy }}":
        out.append("the pin step must install ${{ matrix.numpy }}")
    upload = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    if not upload or upload[0].get("if") != "matrix.deploy":
        out.append("only the deploying row uploads the site")
    return out


def test_checks_run_on_the_oldest_and_newest_supported_versions() -> None:
    assert matrix_problems(yaml.safe_load(WORKFLOW.read_text()), PROJECT) == []


def test_matrix_problems_catch_drift_from_pyproject() -> None:
    """Negative test: raising a floor in pyproject, or breaking the matrix, is caught."""
    wf = yaml.safe_load(WORKFLOW.read_text())
    raised = {**PROJECT, "requires-python": ">=3.12", "dependencies": ["numpy>=2"]}
    assert len(matrix_problems(wf, raised)) == 1
    bad = copy.deepcopy(wf)
    build = bad["jobs"]["build"]
    build["container"] = "python:3.11-slim-bookworm"
    for row in build["strategy"]["matrix"]["include"]:
        row["deploy"] = True
        row["numpy"] = "numpy==1.26.*"
    build["steps"] = [s for s in build["steps"] if "dev.setup()" not in s.get("run", "")]
    build["steps"][-1].pop("if", None)
    assert len(matrix_problems(bad, PROJECT)) == 5
