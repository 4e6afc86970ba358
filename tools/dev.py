"""Set up .venv/ and run the site or the checks: the README's commands.

    python3 tools/dev.py serve   # build strictly, serve at http://127.0.0.1:8000
    python3 tools/dev.py serve --dev-addr 127.0.0.1:8001   # arguments go to mkdocs serve
    python3 tools/dev.py check   # the author's gate: ruff, mypy, tests without the `full` ones
    python3 tools/dev.py check --full   # CI's gate: every test (browser, axe, copy, ...)
    python3 tools/dev.py check -- -k cli   # extra arguments go to pytest

Needs only Python 3.11+; makes .venv/ with the project and its `dev` dependency group. The
environment is exactly what pyproject.toml declares: when that file changes, or a set-up was cut
short (the stamp is written last), .venv/ is made again from scratch. NN11_VENV=<path> uses that
environment as it is instead (no set-up; e.g. one made by `uv sync`). The last command replaces
this process (os.execve), so Ctrl-C and `kill` reach it directly and nothing is left running.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWN_VENV = "NN11_VENV" not in os.environ
VENV = Path(os.environ.get("NN11_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".nn11-installed"  # written last: a venv without it is unfinished
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
#: The tests left to the full gate (conftest.py marks them ``full``).
FAST = ["-m", "not full"]
DEFAULT_ADDR = "127.0.0.1:8000"


def fail(message: str, code: int = 1) -> None:
    """One line on stderr, then exit with ``code``."""
    print(f"tools/dev.py: {message}", file=sys.stderr, flush=True)
    sys.exit(code)


def wanted() -> str:
    """What the stamp must say: the hash of pyproject.toml as installed."""
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def usable() -> bool:
    """Is .venv/ a whole set-up of the current pyproject.toml? (its stamp, its python and pip)"""
    if not (STAMP.is_file() and STAMP.read_text() == wanted()):
        return False
    check = [str(BIN / "python"), "-m", "pip", "--version"]
    try:
        return subprocess.run(check, capture_output=True).returncode == 0
    except OSError:
        return False


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (run by whatever python3 a reader has)
        sys.exit("nn11 needs Python 3.11 or newer")
    if not OWN_VENV or usable():
        return
    again = "again " if VENV.exists() else ""
    # pyproject.toml changed, or a set-up was cut short: start clean, so the environment holds
    # exactly what is declared (a dependency removed from pyproject.toml is gone too).
    print(f"making .venv/ {again}with nn11 and its dev tools ...", flush=True)
    try:
        shutil.rmtree(VENV, ignore_errors=True)
        venv.create(VENV, with_pip=True)
        pip = [
            str(BIN / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ]
        for step in ([*pip, "--upgrade", "pip>=25.1"], [*pip, "--group", "dev", "-e", "."]):
            code = subprocess.run(step, cwd=ROOT).returncode  # --group needs pip 25.1
            if code:
                fail(
                    f"pip failed (exit {code}; its message is above) while installing into "
                    f"{VENV}; fix that (network, index, pyproject.toml) and run the same command "
                    "again: .venv/ is made afresh",
                )
    except KeyboardInterrupt:
        fail(f"interrupted while making {VENV}; run the same command again to make it afresh", 130)
    except (OSError, subprocess.CalledProcessError) as e:
        fail(f"could not make {VENV} ({e}); run the same command again to make it afresh")
    STAMP.write_text(wanted())


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


def dev_addr(extra: list[str]) -> str | None:
    """The ``-a``/``--dev-addr`` value among mkdocs serve's arguments, if given."""
    for i, arg in enumerate(extra):
        for flag in ("--dev-addr", "-a"):
            if arg == flag:
                return extra[i + 1] if i + 1 < len(extra) else None
            if arg.startswith(flag + "=") or (
                flag == "-a" and arg.startswith("-a") and arg != flag
            ):
                return arg[len(flag) :].removeprefix("=")
    return None


def port_free(addr: str) -> None:
    """Exit 2 with one line if mkdocs serve could not listen at ``addr`` (HOST:PORT)."""
    host, _, port = addr.rpartition(":")
    if not port.isdigit() or not host:
        fail(f"--dev-addr {addr!r}: expected HOST:PORT, e.g. {DEFAULT_ADDR}", 2)
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself does
        try:
            s.bind((host.strip("[]"), int(port)))
        except OSError as e:
            if e.errno != errno.EADDRINUSE:
                fail(f"--dev-addr {addr}: cannot listen there ({e.strerror})", 2)
            other = f"{host}:{int(port) + 1}"
            fail(
                f"port {port} on {host} is taken (another server is using it); choose another: "
                f"python3 tools/dev.py serve --dev-addr {other}",
                2,
            )


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"serve", "check"}:
        sys.exit(__doc__)
    command, rest = argv[0], argv[1:]
    full = command == "check" and rest[:1] == ["--full"]
    rest = rest[1:] if full else rest
    extra = rest[1:] if rest[:1] == ["--"] else rest
    if command == "serve":
        addr = dev_addr(extra)
        port_free(addr or DEFAULT_ADDR)  # before set-up and the build: say it at once
        setup()
        hand_over("mkdocs", "serve", "--strict", *([] if addr else ["-a", DEFAULT_ADDR]), *extra)
    setup()
    run("ruff", "check", ".")
    run("mypy")
    # Two workers, each page's examples kept together (they share one namespace, in order).
    gate = [] if full else FAST
    hand_over("python", "-m", "pytest", "-n", "2", "--dist", "loadfile", *gate, *extra)


if __name__ == "__main__":
    main(sys.argv[1:])
