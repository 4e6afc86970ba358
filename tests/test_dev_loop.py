"""tools/dev.py becomes its last command: a signal reaches it and nothing is left running.

The process tree is read from /proc (Linux, as on the development machines and in CI).
"""

from __future__ import annotations

import ast
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import ModuleType

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


@pytest.mark.full  # full gate: starts a real serve / a wrapper and waits for it
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


@pytest.mark.full  # full gate: starts a real serve / a wrapper and waits for it
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
    assert args == "-m pytest -n 2 --dist loadfile -m not full -k cli".split()


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


@pytest.mark.full  # full gate: a process per case
@pytest.mark.parametrize(("command", "kept"), [("serve", "False False"), ("build", "True True")])
def test_under_serve_each_build_reimports_the_hooks_and_nn11(command: str, kept: str) -> None:
    # Without hooks/reload.py a rebuild under serve would run the hooks' and nn11's old code.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    code = RELOAD.format(command=command)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == kept, result.stderr[-2000:]


def test_fast_check_deselects_the_full_gate_and_full_check_keeps_it(fake_venv: Path) -> None:
    fast = check(fake_venv).stdout.split()[1:]
    full = check(fake_venv, "--full", "--", "-k", "cli").stdout.split()[1:]
    assert fast == ["-m", "pytest", "-n", "2", "--dist", "loadfile", "-m", "not", "full"]
    assert full == "-m pytest -n 2 --dist loadfile -k cli".split()


GATE_FILES = [
    "tests/test_floatcheck.py",
    "tests/browser/test_harness.py",
    "tests/test_cpu_paths.py",
]


def collected(*args: str) -> list[str]:
    """The test ids ``pytest --collect-only`` selects from GATE_FILES (nothing runs)."""
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist", *args]
    result = subprocess.run(
        [*command, *GATE_FILES], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return [line for line in result.stdout.splitlines() if "::" in line]


def test_the_full_marker_follows_conftest_full_and_the_fast_gate_drops_it() -> None:
    everything = collected()
    fast = collected("-m", "not full")
    only_full = collected("-m", "full")
    slow = [t for t in everything if t.startswith(("tests/browser/", "tests/test_cpu_paths.py"))]
    assert slow and any(t.startswith("tests/test_floatcheck.py") for t in everything)
    assert sorted(only_full) == sorted(slow)  # every slow test is marked, nothing else is
    assert sorted(fast) == sorted(set(everything) - set(slow))


def load_dev(path: Path) -> ModuleType:
    """A fresh module object of the dev.py at ``path`` (never shared through sys.modules)."""
    spec = importlib.util.spec_from_file_location(f"dev_{id(path)}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_serve_on_a_taken_port_says_so_at_once_and_exits_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "NN11_VENV": sys.prefix}
        for addr in ([f"--dev-addr=127.0.0.1:{port}"], ["-a", f"127.0.0.1:{port}"]):
            start = time.monotonic()
            result = subprocess.run(
                [sys.executable, str(DEV), "serve", *addr],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,  # the old dev.py built the whole site first, then a traceback
            )
            assert result.returncode == 2, result.stderr[-2000:]
            lines = result.stderr.splitlines()
            assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
            assert f"port {port} on 127.0.0.1 is taken" in lines[0]
            assert f"--dev-addr 127.0.0.1:{port + 1}" in lines[0]
            assert time.monotonic() - start < 20  # no build before the refusal


def test_a_free_port_passes_the_check() -> None:
    # The guard above does not refuse every port: a free one goes on to mkdocs serve.
    dev = load_dev(DEV)
    dev.port_free(f"127.0.0.1:{free_port()}")  # returns: no SystemExit
    with pytest.raises(SystemExit) as stop:
        dev.port_free("127.0.0.1:http")
    assert stop.value.code == 2
    assert dev.dev_addr(["-a", "h:1"]) == "h:1" and dev.dev_addr(["-ah:2"]) == "h:2"
    assert dev.dev_addr(["--dev-addr", "h:3"]) == "h:3" and dev.dev_addr(["--strict"]) is None


NO_INDEX = {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": ""}


@pytest.fixture
def scratch_repo(tmp_path: Path) -> Path:
    """A repository with tools/dev.py and a pyproject.toml, whose installs cannot reach an index."""
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "dev.py").write_bytes(DEV.read_bytes())
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "scratch"\nversion = "0"\n')
    return tmp_path


def dev_in(repo: Path, pip: dict[str, str] = NO_INDEX, **popen: object) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NN11_VENV", "VIRTUAL_ENV")}
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, str(repo / "tools" / "dev.py"), "check"],
        cwd=repo,
        env={**env, **pip},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


@pytest.mark.full  # makes two virtual environments (about 10 s each)
def test_ctrl_c_while_making_the_venv_then_a_rerun_makes_it_afresh(scratch_repo: Path) -> None:
    with socket.socket() as silent:  # an index that never answers: the set-up stays busy
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        host, port = silent.getsockname()
        index = {"PIP_CONFIG_FILE": os.devnull, "PIP_INDEX_URL": f"http://{host}:{port}/"}
        proc = dev_in(scratch_repo, index, start_new_session=True)
        python = scratch_repo / ".venv" / "bin" / "python"
        wait_for(python.exists, proc, 60)  # the venv exists; ensurepip or pip still runs
        time.sleep(1)
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    ours = [line for line in err.splitlines() if line.startswith("tools/dev.py:")]
    assert "Traceback" not in err and len(ours) == 1, err
    assert "interrupted while making" in ours[0] and "run the same command again" in ours[0]
    assert not (scratch_repo / ".venv" / ".nn11-installed").exists()
    # The rerun sees the unfinished venv and makes it again; pip then fails (no index here):
    # one line saying what to do, no traceback, and still no stamp.
    proc = dev_in(scratch_repo)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err
    assert "making .venv/ again" in out
    ours = [line for line in err.splitlines() if line.startswith("tools/dev.py:")]
    assert len(ours) == 1 and "pip failed" in ours[0] and "run the same command again" in ours[0]
    assert "Traceback" not in err, err
    pip = subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True)
    assert pip.returncode == 0  # the new venv is whole, only the install failed
    assert not (scratch_repo / ".venv" / ".nn11-installed").exists()


def test_a_venv_is_used_only_when_its_stamp_matches_pyproject(
    scratch_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NN11_VENV", raising=False)  # the gate may run in a venv of its own
    scratch_dev = load_dev(scratch_repo / "tools" / "dev.py")
    venv_dir = scratch_repo / ".venv"
    (venv_dir / "bin").mkdir(parents=True)
    python = venv_dir / "bin" / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')  # a python that has pip
    python.chmod(0o755)
    assert scratch_dev.VENV == venv_dir
    assert not scratch_dev.usable()  # no stamp: unfinished
    scratch_dev.STAMP.write_text(scratch_dev.wanted())
    assert scratch_dev.usable()
    # A dependency removed (any change to pyproject.toml): the venv is made again, from scratch.
    pyproject = scratch_repo / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'dependencies = ["numpy"]\n')
    assert not scratch_dev.usable()
    made: list[Path] = []

    def create(path: str | Path, **_: object) -> None:
        made.append(Path(path))
        Path(path).mkdir()

    def run(*args: object, **_: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(args, 0)

    monkeypatch.setattr(scratch_dev.venv, "create", create)
    monkeypatch.setattr(scratch_dev.subprocess, "run", run)
    scratch_dev.setup()
    assert made == [venv_dir] and not (venv_dir / "bin").exists()  # the old one removed first
    assert scratch_dev.STAMP.read_text() == scratch_dev.wanted()


def test_ci_and_the_readme_name_both_gates() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python3 tools/dev.py check --full" in ci  # CI runs the full gate
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text()
    assert "run: .ci/run" in workflow
    readme = (ROOT / "README.md").read_text()
    assert "python3 tools/dev.py check " in readme and "python3 tools/dev.py check --full" in readme


def test_serve_hears_a_save_through_native_file_events(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.polling import PollingObserver

    from hooks import reload, site

    assert "hooks/reload.py" in site.settings()["hooks"]  # MkDocs calls its on_serve
    server = LiveReloadServer(lambda: None, "127.0.0.1", 0, str(tmp_path))
    assert isinstance(server.observer, PollingObserver)  # MkDocs' own: a look every 0.5 s
    server.watch(str(tmp_path))
    server.watch(str(tmp_path))  # watched twice: unwatched once, it is still watched
    reload.native_watches(server)
    assert not isinstance(server.observer, PollingObserver)
    assert server._watched_paths == {str(tmp_path): 2} and server.build_delay == reload.QUIET
    server.observer.start()
    try:
        (tmp_path / "page.md").write_text("saved\n")
        deadline = time.monotonic() + 10
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server._want_rebuild  # the save reached the server
    finally:
        server.observer.stop()
        server.observer.join()


def imports_from_tests(source: str) -> list[str]:
    """The modules of tests/ that ``source`` imports."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        found += [n for n in names if n == "tests" or n.startswith("tests.")]
    return found


def test_bench_imports_nothing_from_the_tests() -> None:
    for path in (ROOT / "bench").rglob("*.py"):
        assert imports_from_tests(path.read_text()) == [], path
    # The check sees what bench.py used to import.
    old = "import x\nfrom tests.browser import harness\nimport tests.sources as s\n"
    assert imports_from_tests(old) == ["tests.browser", "tests.sources"]
