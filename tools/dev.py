"""Set up .venv/ and run the site or the checks: the README's two commands.

    python3 tools/dev.py serve   # build strictly, serve at http://127.0.0.1:8000
    python3 tools/dev.py check   # ruff, mypy and every test
    python3 tools/dev.py check -- -k cli   # extra arguments go to pytest

Needs only Python 3.11+; installs the project and its [dev] extra into .venv/
(again only when pyproject.toml changed).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".nn11-installed"


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (run by whatever python3 a reader has)
        sys.exit("nn11 needs Python 3.11 or newer")
    if not (BIN / "python").exists():
        print("creating .venv/ ...", flush=True)
        venv.create(VENV, with_pip=True)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == want:
        return
    print("installing nn11 and its tools into .venv/ ...", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True, cwd=ROOT)
    STAMP.write_text(want)


def run(*cmd: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    code = subprocess.run([str(BIN / cmd[0]), *cmd[1:]], cwd=ROOT, env=env).returncode
    if code:
        sys.exit(code)


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"serve", "check"}:
        sys.exit(__doc__)
    setup()
    if argv[0] == "serve":
        run("mkdocs", "serve", "--strict", "--dev-addr", "127.0.0.1:8000")
        return
    extra = argv[2:] if argv[1:2] == ["--"] else argv[1:]
    run("ruff", "check", ".")
    run("mypy")
    # Two workers, each page's examples kept together (they share one namespace, in order).
    run("python", "-m", "pytest", "-n", "2", "--dist", "loadfile", *extra)


if __name__ == "__main__":
    main(sys.argv[1:])
