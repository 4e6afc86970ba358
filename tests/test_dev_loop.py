"""tools/dev.py becomes its last command: a signal reaches it and nothing is left running.

The process tree is read from /proc (Linux, as on the development machines and in CI).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tools" / "dev.py"


def processes() -> dict[int, tuple[int, int]]:
    """Every live (not zombie) process: pid -> (parent pid, process group)."""
    table = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended while we looked
        if fields[0] != "Z":
            table[int(stat.parent.name)] = (int(fields[1]), int(fields[2]))
    return table


def descendants(pid: int) -> set[int]:
    table = processes()
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        children = {p for p, (ppid, _) in table.items() if ppid == parent}
        found |= children
        todo.extend(children)
    return found


def stop(proc: subprocess.Popen[bytes]) -> set[int]:
    """SIGTERM ``proc`` (a session leader); the processes of its tree still alive 5 s later."""
    tree = descendants(proc.pid)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 5
    while True:
        table = processes()
        left = {p for p, (_, group) in table.items() if p in tree or group == proc.pid}
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def wait_for(predicate: object, proc: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():  # type: ignore[operator]
        assert proc.poll() is None, f"exited early with {proc.returncode}"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def served(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_becomes_mkdocs_and_sigterm_leaves_nothing(site_dir: Path, tmp_path: Path) -> None:
    # site_dir: the session's build has filled the hooks' .cache/, so serve builds quickly.
    port = free_port()
    env = {**os.environ, "NN11_VENV": sys.prefix}  # this environment, as it is
    with (tmp_path / "serve.log").open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, str(DEV), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    try:
        wait_for(lambda: served(f"http://127.0.0.1:{port}/nn11/"), proc, 240)
        command = Path(f"/proc/{proc.pid}/cmdline").read_bytes().split(b"\0")
        assert b"serve" in command and not any(b"dev.py" in part for part in command)
        assert any(part.endswith(b"mkdocs") for part in command), command
    finally:
        left = stop(proc)
    assert left == set(), (left, (tmp_path / "serve.log").read_text()[-2000:])
    assert not served(f"http://127.0.0.1:{port}/nn11/")


def test_a_wrapper_that_waits_on_a_child_is_caught_leaving_it_behind() -> None:
    # The guard above, shown failing: the old dev.py ran mkdocs with subprocess.run.
    wrapper = "import subprocess; subprocess.run(['sleep', '60'])"
    proc = subprocess.Popen([sys.executable, "-c", wrapper], start_new_session=True)
    wait_for(lambda: descendants(proc.pid), proc, 30)
    left = stop(proc)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert len(left) == 1


@pytest.fixture
def fake_venv(tmp_path: Path) -> Path:
    """A venv whose ruff and mypy pass and whose python prints its pid and arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in {"ruff": "exit 0", "mypy": "exit 0", "python": 'echo "$$ $*"'}.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    return tmp_path


def check(venv: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NN11_VENV": str(venv)}
    proc = subprocess.Popen(
        [sys.executable, str(DEV), "check", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess([str(proc.pid)], proc.returncode, out, err)


def test_check_runs_pytest_in_its_own_process_with_the_extra_arguments(fake_venv: Path) -> None:
    result = check(fake_venv, "--", "-k", "cli")
    assert result.returncode == 0, result.stderr
    pid, *args = result.stdout.split()
    assert pid == result.args[0]  # the same process: dev.py became pytest
    assert args == "-m pytest -n 2 --dist loadfile -k cli".split()


def test_check_stops_at_the_first_failing_tool_with_its_status(fake_venv: Path) -> None:
    (fake_venv / "bin" / "mypy").write_text("#!/bin/sh\nexit 3\n")
    result = check(fake_venv)
    assert result.returncode == 3
    assert result.stdout == ""  # pytest never started


RELOAD = """
import sys
sys.argv[1:] = [{command!r}]
from mkdocs.config import load_config
def load():
    config = load_config("mkdocs.yml")
    return config, config.hooks["hooks/figures.py"], sys.modules["nn11"]
config, hook, nn11 = load()
config.hooks["hooks/reload.py"].on_post_build(config=config)
_, hook_again, nn11_again = load()
print(hook_again is hook, nn11_again is nn11)
"""


@pytest.mark.parametrize(("command", "kept"), [("serve", "False False"), ("build", "True True")])
def test_under_serve_each_build_reimports_the_hooks_and_nn11(command: str, kept: str) -> None:
    # Without hooks/reload.py a rebuild under serve would run the hooks' and nn11's old code.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    code = RELOAD.format(command=command)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == kept, result.stderr[-2000:]
