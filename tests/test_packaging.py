"""pyproject.toml: the LICENSE ships in both archives, every import is declared, linters pinned."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
#: Our own code: importable packages, and script folders some tests put on sys.path.
OURS = {"nn11", "tests", "hooks", "tools"} | {
    p.stem for folder in ("hooks", "tools", "bench") for p in (ROOT / folder).glob("*.py")
}


def license_text(archive: Path) -> str | None:
    """The LICENSE file inside an sdist (at its top) or a wheel (in .dist-info/licenses/)."""
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as whl:
            names = [n for n in whl.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
            return whl.read(names[0]).decode() if names else None
    with tarfile.open(archive) as sdist:
        names = [n for n in sdist.getnames() if n.count("/") == 1 and n.endswith("/LICENSE")]
        member = sdist.extractfile(names[0]) if names else None
        return member.read().decode() if member else None


def test_the_license_ships_in_the_sdist_and_the_wheel(tmp_path: Path) -> None:
    build = [sys.executable, "-m", "hatchling", "build", "--directory", str(tmp_path)]
    subprocess.run(build, cwd=ROOT, check=True, capture_output=True)
    license = (ROOT / "LICENSE").read_text()
    assert "MIT License" in license and "Copyright (c) 2026 the nn11 authors" in license
    sdist, wheel = sorted(tmp_path.glob("nn11-*.tar.gz")), sorted(tmp_path.glob("nn11-*.whl"))
    assert len(sdist) == len(wheel) == 1
    assert license_text(sdist[0]) == license
    assert license_text(wheel[0]) == license


def test_an_archive_without_the_license_is_caught(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "x-1-py3-none-any.whl", "w") as whl:
        whl.writestr("x-1.dist-info/METADATA", "Name: x\n")
        whl.writestr("x-1.dist-info/LICENSE.txt", "not the name hatchling writes\n")
    (tmp_path / "PKG-INFO").write_text("Name: x\n")
    with tarfile.open(tmp_path / "x-1.tar.gz", "w:gz") as sdist:
        sdist.add(tmp_path / "PKG-INFO", "x-1/PKG-INFO")
        sdist.add(tmp_path / "PKG-INFO", "x-1/docs/LICENSE")  # not at the top
    assert license_text(tmp_path / "x-1-py3-none-any.whl") is None
    assert license_text(tmp_path / "x-1.tar.gz") is None


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def group(name: str) -> list[str]:
    """A dependency group's requirements, its included groups expanded (PEP 735)."""
    out: list[str] = []
    for item in PROJECT["dependency-groups"][name]:
        out += group(item["include-group"]) if isinstance(item, dict) else [item]
    return out


def declared() -> set[str]:
    """What `pip install --group test .` installs: the tests need nothing else."""
    reqs = [*PROJECT["project"]["dependencies"], *group("test")]
    return {normal(re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0]) for r in reqs}


def undeclared(files: Iterable[Path], declared: set[str]) -> dict[str, str]:
    """Third-party modules imported by ``files`` that no declared distribution provides."""
    provided_by = importlib.metadata.packages_distributions()
    missing = {}
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(), str(file))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for top in {name.split(".")[0] for name in names}:
                if top in sys.stdlib_module_names or top in OURS or top == "__future__":
                    continue
                if not {normal(d) for d in provided_by.get(top, [])} & declared:
                    missing[top] = file.name
    return missing


def test_every_package_the_tests_hooks_and_tools_import_is_declared() -> None:
    folders = ("tests", "hooks", "tools", "bench")
    files = [ROOT / "conftest.py", *(p for f in folders for p in (ROOT / f).rglob("*.py"))]
    assert len(files) > 30
    assert undeclared(files, declared()) == {}


def test_an_undeclared_import_is_caught(tmp_path: Path) -> None:
    source = tmp_path / "x.py"
    source.write_text("import markupsafe\nfrom yaml import safe_load\nimport not_a_module_here\n")
    found = undeclared([source], declared())
    # markupsafe is installed (jinja2 needs it) but no test may lean on that; yaml is declared
    assert set(found) == {"markupsafe", "not_a_module_here"}


def test_the_linters_are_pinned_to_the_installed_versions() -> None:
    lint = group("lint")
    assert sorted(normal(r.split("==")[0]) for r in lint) == ["mypy", "ruff", "zizmor"]
    for requirement in lint:
        name, _, version = requirement.partition("==")
        assert re.fullmatch(r"\d+(\.\d+)+", version), f"{requirement}: pin an exact version"
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # only the test group installed: nothing to compare
        assert installed == version, f"{name} {installed} installed: reinstall the lint group"


def test_the_dev_group_holds_docs_test_and_lint_and_users_need_numpy_only() -> None:
    dev = PROJECT["dependency-groups"]["dev"]
    assert [item["include-group"] for item in dev] == ["docs", "test", "lint"]
    assert [normal(d.split(">")[0]) for d in PROJECT["project"]["dependencies"]] == ["numpy"]
    assert "optional-dependencies" not in PROJECT["project"]
