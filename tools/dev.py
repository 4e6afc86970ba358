"""Set up .venv/ and run the site or the checks: the README's two commands.

    python3 tools/dev.py serve   # build strictly, serve at http://127.0.0.1:8000
    python3 tools/dev.py serve --dev-addr 127.0.0.1:8001   # arguments go to mkdocs serve
    python3 tools/dev.py check   # ruff, mypy and every test
    python3 tools/dev.py check -- -k cli   # extra arguments go to pytest

Needs only Python 3.11+; installs the project and its `dev` dependency group into .venv/
(again only when pyproject.toml changed). NN11_VENV=<path> uses that environment as it is
instead (no set-up; e.g. one made by `uv sync`). The last command replaces this process
(os.execve), so Ctrl-C and `kill` reach it directly and nothing is left running.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWN_VENV = "NN11_VENV" not in os.environ
VENV = Path(os.environ.get("NN11_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".nn11-installed"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (run by whatever python3 a reader has)
        sys.exit("nn11 needs Python 3.11 or newer")
    if not OWN_VENV:
        return
    if not (BIN / "python").exists():
        print("creating .venv/ ...", flush=True)
        venv.create(VENV, with_pip=True)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == want:
        return
    print("installing nn11 and its tools into .venv/ ...", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip>=25.1"], check=True)  # --group needs 25.1
    subprocess.run([*pip, "--group", "dev", "-e", "."], check=True, cwd=ROOT)
    STAMP.write_text(want)


def run(*cmd: str) -> None:
    """Run a tool from .venv/; stop with its exit status if it fails."""
    code = subprocess.run([str(BIN / cmd[0]), *cmd[1:]], cwd=ROOT, env=ENV).returncode
    if code:
        sys.exit(code)


def hand_over(*cmd: str) -> None:
    """Become the last command: signals go straight to it, its status is ours."""
    argv = [str(BIN / cmd[0]), *cmd[1:]]
    if os.name == "nt":  # no real exec on Windows
        sys.exit(subprocess.run(argv, cwd=ROOT, env=ENV).returncode)
    sys.stdout.flush()
    os.chdir(ROOT)
    os.execve(argv[0], argv, ENV)


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"serve", "check"}:
        sys.exit(__doc__)
    extra = argv[2:] if argv[1:2] == ["--"] else argv[1:]
    setup()
    if argv[0] == "serve":
        given = any(a.startswith(("-a", "--dev-addr")) for a in extra)
        addr = [] if given else ["--dev-addr", "127.0.0.1:8000"]
        hand_over("mkdocs", "serve", "--strict", *addr, *extra)
    run("ruff", "check", ".")
    run("mypy")
    # Two workers, each page's examples kept together (they share one namespace, in order).
    hand_over("python", "-m", "pytest", "-n", "2", "--dist", "loadfile", *extra)


if __name__ == "__main__":
    main(sys.argv[1:])
