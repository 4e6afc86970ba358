"""hooks/sweep.py: the follow-up's learning-rate sweep, its cache, its tables and figures."""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from mkdocs.exceptions import PluginError

from nn11 import train
from nn11.data import X, y_xor
from tests import floatcheck

ROOT = Path(__file__).resolve().parent.parent
from hooks import cache, figures, sweep  # noqa: E402

CLI_ROW = (4, 10)  # the row docs/play/gradient-descent.md reproduces with the CLI
PAGE = ROOT / "docs" / "play" / "gradient-descent.md"


def fake(value: float = 0.25) -> sweep.Sweep:
    return {(h, a): [value] * len(sweep.RECORDED) for h in sweep.HIDDEN for a in sweep.ALPHAS}


@pytest.fixture(scope="module")
def results() -> sweep.Sweep:
    """The sweep the build uses (computed once if the cache is cold)."""
    return sweep.load()


def test_settings_are_the_posts() -> None:
    assert sweep.ALPHAS == (0.001, 0.01, 0.1, 1, 10, 100, 1000)
    assert sweep.HIDDEN == (4, 32)
    assert sweep.RECORDED == (0, 10_000, 20_000, 30_000, 40_000, 50_000)
    assert sweep.RUN_LENGTH == 50_001


@pytest.fixture(scope="module")
def cli_row() -> list[float]:
    """The errors the page's CLI command prints (the full 60,000-iteration run)."""
    hidden, alpha = CLI_ROW
    command = f"train --hidden {hidden} --alpha {alpha} --iterations 60000 --every 10000"
    assert f"nn11 {command}" in PAGE.read_text(encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "nn11", *command.split()],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    printed = re.findall(r"^Error after (\d+) iterations: (\S+)$", out, re.M)
    assert [int(i) for i, _ in printed] == list(sweep.RECORDED)
    return [float(e) for _, e in printed]


def test_a_row_is_what_the_cli_prints(results: sweep.Sweep, cli_row: list[float]) -> None:
    """The CLI prints the cached row, up to the CPU's last digits (tests/floatcheck.py)."""
    assert floatcheck.agree(results[CLI_ROW], cli_row)


def test_a_cache_from_another_cpu_passes(
    tmp_path: Path, results: sweep.Sweep, cli_row: list[float]
) -> None:
    """A cache whose last digits differ (made on another CPU, restored under this key) is
    read back and passes the row check; a real difference (1e-6) does not."""
    for h, artefact in sweep.RUNS.items():
        rows = [[e * (1 + 4e-15) for e in results[h, a]] for a in sweep.ALPHAS]
        write = lambda out, rows=rows: (out / "errors.json").write_text(json.dumps(rows))  # noqa: E731
        cache.entry(artefact.name, artefact.key(), write, tmp_path)  # restored under this key
    doctored = sweep.load(tmp_path)
    assert doctored[CLI_ROW] != results[CLI_ROW]
    assert floatcheck.agree(doctored[CLI_ROW], cli_row)
    assert not floatcheck.agree([e * (1 + 1e-6) for e in cli_row], cli_row)


def test_cache_key_follows_the_machines_arithmetic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another CPU path gives another fingerprint (tests/test_cpu_paths.py), hence another key."""
    here = sweep.key()
    assert len(cache.fingerprint()) == 16 and cache.fingerprint() == cache.fingerprint()
    monkeypatch.setattr(cache, "fingerprint", lambda: "another-cpu")
    assert sweep.key() != here


def test_the_sweep_matches_the_follow_up(results: sweep.Sweep) -> None:
    """Shape and the post's lessons: too small barely moves, too big saturates, wider is lower."""
    assert set(results) == {(h, a) for h in sweep.HIDDEN for a in sweep.ALPHAS}
    assert all(len(e) == len(sweep.RECORDED) for e in results.values())
    assert round(results[4, 1][0], 6) == 0.49641
    assert results[4, 0.001][-1] > 0.48
    assert round(results[4, 100][-1], 3) == 0.125 and results[4, 1000][-1] == 0.5
    assert all(results[32, a][-1] < results[4, a][-1] for a in (0.001, 0.01, 0.1, 1, 10))


def test_cache_key_follows_nn11_sources(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "nn11", tmp_path / "nn11", ignore=shutil.ignore_patterns("__pycache__"))
    runs = sweep.RUNS[4]
    assert runs.inputs[0] == cache.NN11 == ROOT / "nn11"

    def key() -> str:
        return dataclasses.replace(runs, inputs=(tmp_path / "nn11", *runs.inputs[1:])).key()

    assert key() == runs.key()
    train_py = tmp_path / "nn11" / "training.py"
    train_py.write_text(train_py.read_text() + "\n# changed\n")
    assert key() != runs.key()


def test_cache_is_used_and_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def stacked(hidden: int) -> list[list[float]]:
        calls.append(hidden)
        return [[0.25] * len(sweep.RECORDED) for _ in sweep.ALPHAS]

    monkeypatch.setattr(sweep, "stacked", stacked)
    assert sweep.load(tmp_path) == fake(0.25) and calls == [4, 32]  # cold: computed, written
    assert sweep.load(tmp_path) == fake(0.25) and calls == [4, 32]  # warm: read back
    cached = sweep.RUNS[4].path(tmp_path) / "errors.json"
    rows = json.loads(cached.read_text())
    cached.write_text(json.dumps(rows[:-1]))  # a row missing: recomputed
    assert sweep.load(tmp_path) == fake(0.25) and calls == [4, 32, 4]
    (tmp_path / "sweep-4-0000").mkdir()  # another key's entry: evicted on write
    cached.write_text("not json")
    assert sweep.load(tmp_path) == fake(0.25)
    assert calls == [4, 32, 4, 4]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        a.path(tmp_path).name for a in sweep.RUNS.values()
    )


def test_figures_are_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[str] = []
    monkeypatch.setattr(figures, "svg", lambda size, draw, **_: drawn.append("x") or b"<svg/>")
    declared = {n: figures.declared()[n] for n in ("sweep", "sweep-final", "error-fall")}
    assert all(
        a.needs == tuple(sweep.RUNS.values()) for n, a in declared.items() if n != "error-fall"
    )
    fakes = {
        n: dataclasses.replace(a, needs=(), inputs=(*a.inputs, "fake")) for n, a in declared.items()
    }
    (tmp_path / "figure-sweep-0000").mkdir()
    folders = [a.folder(tmp_path) for a in fakes.values()]
    assert len(drawn) == 2 * len(fakes) and all(len(list(f.glob("*.svg"))) == 2 for f in folders)
    assert not (tmp_path / "figure-sweep-0000").exists()  # the old key's folder is gone
    assert [a.folder(tmp_path) for a in fakes.values()] == folders and len(drawn) == 2 * len(fakes)
    (folders[0] / "sweep-dark.svg").unlink()
    fakes["sweep"].folder(tmp_path)
    assert len(drawn) == 2 * len(fakes) + 2


SHORT = {"iterations": 3_001, "every": 1_000}  # short runs: cheap, and past the first updates


def test_stacked_runs_are_trains() -> None:
    """All alphas of one hidden size at once give what ``train`` gives for each alone."""
    for hidden in sweep.HIDDEN:
        runs = sweep.stacked(hidden, **SHORT)
        alone = [
            train(X, y_xor, hidden=hidden, alpha=a, iterations=3_001, record_every=1_000).errors
            for a in sweep.ALPHAS
        ]
        assert len(runs) == len(alone) == len(sweep.ALPHAS)
        for got, want in zip(runs, alone, strict=True):
            assert len(got) == 4 and floatcheck.agree(want, got), (hidden, got, want)
        assert not floatcheck.agree(alone[3], runs[4])  # another alpha's run is told apart


def short_runs(module: object, hidden: int, out: Path) -> None:
    runs = module.stacked(hidden, **SHORT)  # type: ignore[attr-defined]
    (out / "errors.json").write_text(json.dumps(runs))


def test_pool_and_serial_runs_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sweep's runs on the pool's worker processes give what they give in-process, also
    with the file loaded the way MkDocs loads a hook (a module named by its path)."""
    name = "hooks/sweep.py"
    spec = importlib.util.spec_from_file_location(name, ROOT / name)
    assert spec is not None and spec.loader is not None
    as_mkdocs = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, as_mkdocs)  # as MkDocs does (config_options.Hooks)
    spec.loader.exec_module(as_mkdocs)
    short = [
        cache.declare(
            cache.Artefact(f"t-sweep-{h}", functools.partial(short_runs, as_mkdocs, h), (str(h),))
        )
        for h in sweep.HIDDEN
    ]
    try:
        assert sorted(cache.start(tmp_path, short)) == sorted(a.name for a in short)
        pooled = [json.loads((a.folder(tmp_path) / "errors.json").read_text()) for a in short]
    finally:
        cache.stop()
        for a in short:
            cache.REGISTRY.pop(a.name, None)
    assert pooled == [sweep.stacked(h, **SHORT) for h in sweep.HIDDEN]
    assert all(len(e) == 4 for runs in pooled for e in runs)


def test_table() -> None:
    lines = sweep.table(fake(0.1234567), 32).splitlines()
    assert lines[0] == "| alpha | 0 | 10,000 | 20,000 | 30,000 | 40,000 | 50,000 |"
    assert len(lines) == 2 + len(sweep.ALPHAS)
    assert lines[2] == "| 0.001 | " + " | ".join(["0.123457"] * 6) + " |"
    assert lines[-1].startswith("| 1000 |")


def test_markers() -> None:
    page = "a\n<!-- nn11-sweep: table hidden=4 -->\nb\n<!--nn11-sweep:table hidden=32-->"
    out = sweep.fill(page, fake, "p.md")
    assert "nn11-sweep" not in out and out.count("| 1000 |") == 2
    assert sweep.fill("no marker <!-- other -->", fake, "p.md") == "no marker <!-- other -->"
    with pytest.raises(PluginError, match="unknown nn11-sweep marker"):
        sweep.fill("<!-- nn11-sweep: plot -->", fake, "p.md")
    with pytest.raises(PluginError, match="hidden=8"):
        sweep.fill("<!-- nn11-sweep: table hidden=8 -->", fake, "p.md")


def test_figures_are_deterministic_svg() -> None:
    data = {"sweep": fake(0.25), "sweep-final": fake(0.25), "error-fall": [0.5, 0.25, 0.1]}
    draws = {
        "sweep": sweep.draw_curves,
        "sweep-final": sweep.draw_final,
        "error-fall": sweep.draw_error_fall,
    }

    def svg(name: str, scheme: str) -> bytes:
        c = figures.SCHEMES[scheme]
        return figures.svg((7, 4), lambda fig: draws[name](fig, c, data[name]), title="t", desc="d")

    for name in draws:
        dark = svg(name, "dark")
        assert dark.startswith(b"<?xml") and b"<svg" in dark
        assert dark != svg(name, "light")
    assert svg("sweep", "dark") == svg("sweep", "dark")


# --- the site -------------------------------------------------------------------------------


def page_tables(page: str) -> list[list[str]]:
    """The text of every body cell of every table in an HTML page."""
    tables = re.findall(r"<table>.*?</table>", page, re.S)
    return [re.findall(r"<td[^>]*>([^<]*)</td>", t) for t in tables]


def expected_tables(results: sweep.Sweep) -> list[list[str]]:
    return [
        [v for a in sweep.ALPHAS for v in (f"{a:g}", *(f"{e:.6f}" for e in results[h, a]))]
        for h in sweep.HIDDEN
    ]


def test_page_tables_are_the_sweep(site_dir: Path, results: sweep.Sweep) -> None:
    page = (site_dir / "play" / "gradient-descent" / "index.html").read_text(encoding="utf-8")
    assert "nn11-sweep" not in page
    assert page_tables(page) == expected_tables(results)


def test_table_check_sees_other_numbers(results: sweep.Sweep) -> None:
    text = sweep.fill(PAGE.read_text(encoding="utf-8"), fake, "gradient-descent.md")
    rendered = markdown.markdown(text, extensions=["tables"])
    assert page_tables(rendered) == expected_tables(fake())
    assert page_tables(rendered) != expected_tables(results)


def test_figures_are_built_and_shown(site_dir: Path) -> None:
    shown = {
        "gradient-descent": ("sweep", "sweep-final"),
        "exercises": ("error-fall",),
    }
    for page_name, names in shown.items():
        page = (site_dir / "play" / page_name / "index.html").read_text(encoding="utf-8")
        for name in names:
            for scheme in ("light", "dark"):
                svg = site_dir / "figures" / f"{name}-{scheme}.svg"
                assert svg.read_bytes().startswith(b"<?xml"), svg
                tag = re.search(
                    rf'<img [^>]*src="[^"]*{name}-{scheme}\.svg#only-{scheme}"[^>]*>', page
                )
                assert tag and re.search(r'alt="[^"]{40,}"', tag[0]), (page_name, name, scheme)


def test_exercise_anchors_and_answers(site_dir: Path) -> None:
    page = (site_dir / "play" / "exercises" / "index.html").read_text(encoding="utf-8")
    for n in range(1, 6):
        assert re.search(rf'<h2 id="exercise-{n}"', page), n
    answers = re.findall(r'<details class="answer">\s*<summary>Answer</summary>', page)
    assert len(answers) == 5
