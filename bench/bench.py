"""nn11's figures against their goals, in one run (not a test: it prints, it does not assert).

    .venv/bin/python bench/bench.py              # every figure
    .venv/bin/python bench/bench.py --no-tests   # skip the checks (the slowest figures)
    .venv/bin/python bench/bench.py --no-full    # the author's check and pytest docs, not --full
    .venv/bin/python bench/bench.py --only-gates # only the checks and pytest docs
    .venv/bin/python bench/bench.py --no-before  # this tree only, no "before" column
    .venv/bin/python bench/bench.py --only-train # only train's overhead and CSV reading
    .venv/bin/python bench/bench.py --only-loop  # only the builds and serve's rebuild
    .venv/bin/python bench/bench.py --markdown   # also print the table for docs/development.md

Figures, "before" (a checkout of commit BEFORE in a temporary git worktree) and "after" (this
tree) measured back to back in one run: strict build of a fresh copy of the tree (no
``.cache/``), then again with its caches warm; ``mkdocs serve`` on that copy: a page saved,
time until the served page has the change, against MkDocs' own rebuild time from its log; the
author's check (``tools/dev.py check``), the full check (``--full``; before the two gates there
was one check, shown in both rows) and ``pytest docs``. Then the bytes Chromium loads for the
home page and a Line page (HTML plus every asset, fresh cache, served locally without
compression); ``train`` against the bare
listing loop (two_layer.py itself) as a ratio of min-of-N interleaved CPU times, and what
recording and a progress callback cost; reading a 1,000,000-row CSV file (rows/s, and the
csv module's pace for comparison).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import live_train  # noqa: E402  (bench/, beside this script: what counts as the explorer's own)
import numpy as np  # noqa: E402

from hooks import site  # noqa: E402
from nn11 import csvdata, train  # noqa: E402
from nn11.data import X, y  # noqa: E402
from tools import browser as harness  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
LINE_PAGE = "part1/line-29/"
KIB = 1024


class Figures:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []
        self.compared: list[tuple[str, str, str, str, str]] = []

    def add(self, name: str, value: str, goal: str = "", ok: bool | None = None) -> None:
        verdict = "" if ok is None else ("PASS" if ok else "MISS")
        self.rows.append((name, value, goal, verdict))
        print(f"{name:<44} {value:>14}  {goal:<16} {verdict}", flush=True)

    def compare(
        self, name: str, before: str, after: str, goal: str = "", ok: bool | None = None
    ) -> None:
        """A figure measured on the old tree and on this one, in the same run."""
        verdict = "" if ok is None else ("PASS" if ok else "MISS")
        self.compared.append((name, before, after, goal, verdict))
        print(f"{name:<44} {before:>14} {after:>14}  {goal:<28} {verdict}", flush=True)


def timed(
    cmd: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None
) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env or ENV, capture_output=True, text=True)
    return time.perf_counter() - start, proc


SKIP = shutil.ignore_patterns(
    ".venv", ".git", ".cache", "site", "__pycache__", ".*_cache", "*.egg-info"
)
#: The tree "before" is measured on: the last commit before the two gates and the serve loop.
BEFORE = "b907c38"
COLD, WARM = 8.0, 3.0  # goals for a fresh and a warm strict build, seconds
SERVE_MARGIN = 0.3  # serve may add this much to MkDocs' own rebuild, seconds
AUTHOR_GOAL, FULL_GOAL = 60.0, 240.0  # the two gates, seconds (README)


@contextlib.contextmanager
def old_tree(rev: str) -> Iterator[Path]:
    """A checkout of ``rev`` in a temporary git worktree (removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="nn11-before-") as tmp:
        tree = Path(tmp) / "tree"
        git = ["git", "-C", str(ROOT)]
        add = [*git, "worktree", "add", "--detach", str(tree), rev]
        subprocess.run(add, check=True, capture_output=True)
        try:
            yield tree
        finally:
            subprocess.run([*git, "worktree", "remove", "--force", str(tree)], capture_output=True)


def tree_env(tree: Path) -> dict[str, str]:
    """Run the tree's own code with this environment's packages (its nn11 and hooks first)."""
    return {**ENV, "NN11_VENV": sys.prefix, "PYTHONPATH": str(tree)}


def loop(tree: Path, tmp: Path, saves: int = 5) -> dict[str, float]:
    """A fresh copy of ``tree`` (no ``.cache/``): strict build cold, then warm, then serve's
    rebuild after a save (median of ``saves``) and MkDocs' own timing of that rebuild."""
    clone = tmp / "clone"
    shutil.copytree(tree, clone, ignore=SKIP)
    out_dir = tmp / "site"
    out: dict[str, float] = {}
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(out_dir)]
    for label in ("cold", "warm"):
        seconds, proc = timed(build, clone, tree_env(clone))
        if proc.returncode:
            print(f"{tree}: {label} build failed\n{proc.stderr[-3000:]}", file=sys.stderr)
            return out
        out[label] = seconds
    out.update(serve(clone, saves))
    return out


SAVED_PAGE = "part1/line-29.md"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def until(predicate: Callable[[], bool], seconds: float, proc: subprocess.Popen[bytes]) -> bool:
    deadline = time.perf_counter() + seconds
    while not predicate():
        if proc.poll() is not None or time.perf_counter() > deadline:
            return False
        time.sleep(0.01)
    return True


def serve(clone: Path, saves: int) -> dict[str, float]:
    """``mkdocs serve`` on the warm copy: save a page with a new line, time until the page it
    serves has that line (requests wait while a rebuild runs), median of ``saves``; and the
    median of MkDocs' own "Documentation built in" for those rebuilds."""
    port = free_port()
    url = f"http://127.0.0.1:{port}{site.site_prefix(clone / 'mkdocs.yml')}"
    url += site.page_url(SAVED_PAGE)
    page = clone / "docs" / SAVED_PAGE
    original = page.read_text(encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(
        command, cwd=clone, env=tree_env(clone), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    times: list[float] = []
    try:
        if not until(lambda: "</html>" in fetch(url), 180, proc):
            return {}
        for i in range(saves):
            marker = f"nn11bench{i}x{time.time_ns()}"
            start = time.perf_counter()
            page.write_text(f"{original}\n{marker}\n", encoding="utf-8")
            if not until(lambda m=marker: m in fetch(url), 60, proc):  # type: ignore[misc]
                return {}
            times.append(time.perf_counter() - start)
            time.sleep(0.3)  # let the server settle between saves
    finally:
        page.write_text(original, encoding="utf-8")
        proc.terminate()
        _, err = proc.communicate(timeout=30)
        if len(times) < saves:
            print(err.decode()[-3000:], file=sys.stderr)
    built = [float(t) for t in re.findall(r"Documentation built in ([\d.]+) seconds", err.decode())]
    out = {"serve": statistics.median(times)}
    if len(built) > 1:  # the first is serve's initial build
        out["own"] = statistics.median(built[1:])
    return out


def gates(tree: Path, full: bool, one_gate: bool) -> dict[str, tuple[float, bool]]:
    """``pytest docs``, ``tools/dev.py check`` (the author's gate) and ``check --full`` in
    ``tree``, each (seconds, passed). ``one_gate``: the tree has a single check (it is both)."""
    dev = [sys.executable, str(tree / "tools" / "dev.py"), "check"]
    runs = {"docs": [sys.executable, "-m", "pytest", "docs"], "check": dev}
    if full and not one_gate:
        runs["full"] = [*dev, "--full"]
    out = {}
    for name, cmd in runs.items():
        seconds, proc = timed(cmd, tree, tree_env(tree))
        tail = proc.stdout.strip().splitlines()[-1:] or ["no output"]
        print(f"    {name} ({tree}): {re.sub(r'=+', '', tail[0]).strip()}", flush=True)
        out[name] = (seconds, proc.returncode == 0)
    if one_gate and full:
        out["full"] = out["check"]
    return out


def secs(figure: float | None) -> str:
    return "-" if figure is None else f"{figure:.2f} s"


def report_loop(figs: Figures, before: dict[str, float], after: dict[str, float]) -> None:
    for key, label, goal in (
        ("cold", "strict build, fresh copy (no .cache/)", COLD),
        ("warm", "strict build again (caches warm)", WARM),
    ):
        value = after.get(key)
        ok = None if value is None else value <= goal
        figs.compare(label, secs(before.get(key)), secs(value), f"<= {goal:g} s", ok)
    own, saved = after.get("own"), after.get("serve")
    ok = None if own is None or saved is None else saved <= own + SERVE_MARGIN
    figs.compare(
        "serve: a page saved -> served rebuilt (median)",
        secs(before.get("serve")),
        secs(saved),
        f"<= MkDocs' rebuild + {SERVE_MARGIN} s",
        ok,
    )
    figs.compare("  MkDocs' own rebuild (its log)", secs(before.get("own")), secs(own))


def report_gates(
    figs: Figures, before: dict[str, tuple[float, bool]], after: dict[str, tuple[float, bool]]
) -> None:
    def show(run: tuple[float, bool] | None) -> str:
        return "-" if run is None else f"{run[0]:.1f} s" + ("" if run[1] else " FAILED")

    for key, label, goal in (
        ("check", "author's check (tools/dev.py check)", AUTHOR_GOAL),
        ("full", "full check (tools/dev.py check --full)", FULL_GOAL),
        ("docs", "pytest docs (the pages' examples)", None),
    ):
        run = after.get(key)
        ok = None if run is None or goal is None else run[1] and run[0] <= goal
        shown = "" if goal is None else f"<= {goal:g} s"
        figs.compare(label, show(before.get(key)), show(run), shown, ok)


EXPLORER = "play/explorer/"


def weights(site_dir: Path, figs: Figures) -> None:
    from playwright.sync_api import sync_playwright

    executable = harness.find_chromium()
    if executable is None:
        figs.add("page weight", "no Chromium", "", False)
        return
    with sync_playwright() as pw, harness.serve(site_dir, site.site_prefix()) as base:
        browser = harness.launch(pw, executable)
        for label, path, goal in (
            ("home page", "", None),
            (f"Line page ({LINE_PAGE})", LINE_PAGE, 500),
            ("Watch it learn", EXPLORER, None),
        ):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            record = harness.watch(context, base)
            page = context.new_page()
            page.goto(base + path)
            record.settle(page, quiet_ms=750)  # the search worker fetches its index after load
            loaded = record.weight()
            kib = sum(loaded.values()) / KIB
            ok = None if goal is None else kib <= goal and not record.problems()
            figs.add(
                f"{label} loaded, {len(loaded)} files",
                f"{kib:.0f} KiB",
                "" if goal is None else f"<= {goal} KiB",
                ok,
            )
            if path == EXPLORER:  # its own bytes: the page with its data, its script and style
                own = sum(n for u, n in loaded.items() if live_train.is_own(u))
                figs.add(
                    "Watch it learn: page + data + script",
                    f"{own / KIB:.0f} KiB",
                    "<= 150 KiB",
                    own / KIB <= 150,
                )
            for problem in record.problems():
                print(f"    {problem}")
            context.close()
        browser.close()


def bare_listing(as_function: bool) -> Callable[[], str]:
    """two_layer.py itself, compiled once, its prints swallowed; as a script (module globals) or
    wrapped in a function (fast locals, like train's loop): the stricter baseline."""
    path = ROOT / "nn11" / "two_layer.py"
    source = path.read_text()
    if as_function:
        source = "def listing():\n" + "".join(f"    {line}" for line in source.splitlines(True))
        namespace: dict[str, object] = {}
        exec(compile(source, str(path), "exec"), namespace)
        body = namespace["listing"]
        assert callable(body)
    else:
        code = compile(source, str(path), "exec")

        def body() -> None:
            exec(code, {"__name__": "__main__"})

    def run() -> str:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            body()
        return out.getvalue()

    return run


def overhead(figs: Figures, reps: int) -> None:
    variants: dict[str, Callable[[], object]] = {
        "bare": bare_listing(as_function=True),
        "bare again": bare_listing(as_function=True),
        "script": bare_listing(as_function=False),
        "train()": lambda: train(X, y),
        "record_every=1": lambda: train(X, y, record_every=1),
        "record_every=1000": lambda: train(X, y, record_every=1000),
        "progress=callback": lambda: train(X, y, progress=lambda done, error: None),
    }
    best = dict.fromkeys(variants, float("inf"))
    printed = f"Output After Training:\n{train(X, y).output}\n"
    for name, fn in variants.items():  # warm up; the baselines compute what train computes
        out = fn()
        assert not name.startswith(("bare", "script")) or out == printed, (name, out)
    for _ in range(reps):  # interleaved: load changes hit every variant alike
        for name, fn in variants.items():
            start = time.process_time()  # CPU time: other jobs on the machine do not count
            fn()
            best[name] = min(best[name], time.process_time() - start)
    bare = best["bare"]
    noise = abs(best["bare again"] / bare - 1)
    ratio = best["train()"] / bare
    figs.add(f"listing loop in a function (CPU, min of {reps})", f"{bare * 1e3:.1f} ms")
    figs.add("train() / listing loop", f"{ratio:.3f}", "<= 1.05", ratio <= 1.05)
    figs.add("  noise floor: same loop twice", f"{1 + noise:.3f}")
    figs.add("  train() / listing run as a script", f"{best['train()'] / best['script']:.3f}")
    figs.add(
        "  recording off: excess over the loop",
        f"{ratio - 1:+.3f}",
        "<= noise + 0.01",
        ratio - 1 <= noise + 0.01,
    )
    for name in ("record_every=1000", "record_every=1"):
        figs.add(f"  recording on: {name} / off", f"{best[name] / best['train()']:.3f}")
    progress = best["progress=callback"] / best["train()"]
    figs.add("  progress callback on / off", f"{progress:.3f}", "<= 1.05", progress <= 1.05)


def reading(figs: Figures, rows: int = 1_000_000) -> None:
    """``csvdata.load`` on a generated file: three float inputs and a 0/1 target per row."""
    rng = np.random.default_rng(0)
    table = np.column_stack([rng.random((rows, 3)), rng.integers(0, 2, rows)])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        fmt = ["%.6f"] * 3 + ["%d"]
        np.savetxt(path, table, delimiter=",", fmt=fmt, header="a,b,c,target", comments="")
        size = path.stat().st_size / KIB**2
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            loaded = csvdata.load(path)
            best = min(best, time.perf_counter() - start)
        assert loaded.X.shape == (rows, 3) and loaded.header == ("a", "b", "c", "target")
        figs.add(
            f"read a {rows:,}-row CSV ({size:.0f} MiB), min of 3", f"{rows / best:,.0f} rows/s"
        )
        tracemalloc.start()
        csvdata.load(path)
        peak = tracemalloc.get_traced_memory()[1] / KIB**2
        tracemalloc.stop()
        array = (loaded.X.nbytes + loaded.y.nbytes) / KIB**2
        figs.add(f"  peak memory while reading (the array: {array:.0f} MiB)", f"{peak:.0f} MiB")
        start = time.perf_counter()
        with open(path, newline="") as f:
            lines = csv.reader(f)
            next(lines)
            np.array([[float(c) for c in row] for row in lines])
        slow = time.perf_counter() - start
        figs.add("  the csv module and float() instead", f"{rows / slow:,.0f} rows/s")
        figs.add(
            "  speed-up of numpy's reader over it", f"{slow / best:.1f}x", ">= 5x", slow / best >= 5
        )


def markdown(figs: Figures, when: str, before: str) -> str:
    lines = [
        "## Benchmark",
        "",
        f"Measured by `bench/bench.py` on {when}: {describe()}. Run it again with",
        "`.venv/bin/python bench/bench.py`; timings move with the machine and its load.",
        "",
    ]
    if figs.compared:
        lines += [
            f"| figure | before ({before}) | after | goal | verdict |",
            "|---|---|---|---|---|",
        ]
        lines += [f"| {n.strip()} | {b} | {a} | {g} | {ok} |" for n, b, a, g, ok in figs.compared]
        lines.append("")
    if figs.rows:
        lines += ["| figure | value | goal | verdict |", "|---|---|---|---|"]
        lines += [f"| {n.strip()} | {v} | {g} | {ok} |" for n, v, g, ok in figs.rows]
    return "\n".join(lines)


def describe() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"Python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} cores, "
        f"load {load:.1f}"
    )


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--no-tests", action="store_true", help="skip the gates and pytest docs")
    ap.add_argument("--no-full", action="store_true", help="skip the full check (minutes)")
    ap.add_argument("--no-before", action="store_true", help="measure this tree only")
    ap.add_argument("--before", default=BEFORE, help=f"the commit 'before' is (default {BEFORE})")
    ap.add_argument(
        "--only-train", action="store_true", help="only train's overhead and CSV reading"
    )
    ap.add_argument("--only-loop", action="store_true", help="only the builds and serve's rebuild")
    ap.add_argument("--only-gates", action="store_true", help="only the checks and pytest docs")
    ap.add_argument("--saves", type=int, default=5, help="saves timed under serve (median)")
    ap.add_argument("--reps", type=int, default=21, help="timings per variant (min of N)")
    ap.add_argument("--markdown", action="store_true", help="print the docs' Benchmark table")
    args = ap.parse_args(argv)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"nn11 bench, {when}, {describe()}; before = {args.before}, after = this tree")
    figs = Figures()
    if not (args.only_train or args.only_gates):
        with tempfile.TemporaryDirectory() as tmp:
            after_dir, before_dir = Path(tmp) / "after", Path(tmp) / "before"
            after_dir.mkdir()
            before_dir.mkdir()
            after = loop(ROOT, after_dir, args.saves)
            before = {}
            if not args.no_before:
                with old_tree(args.before) as tree:
                    before = loop(tree, before_dir, args.saves)
            report_loop(figs, before, after)
            if not args.only_loop and (after_dir / "site").is_dir():
                weights(after_dir / "site", figs)
    if not (args.no_tests or args.only_train or args.only_loop):
        full = not args.no_full
        after_gates = gates(ROOT, full, one_gate=False)
        before_gates = {}
        if not args.no_before:
            with old_tree(args.before) as tree:
                before_gates = gates(tree, full, one_gate=True)  # one check, before the two gates
        report_gates(figs, before_gates, after_gates)
    if not (args.only_loop or args.only_gates):
        overhead(figs, args.reps)
        reading(figs)
    if args.markdown:
        print("\n" + markdown(figs, when, args.before))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
