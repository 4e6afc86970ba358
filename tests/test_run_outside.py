"""A reader without the repository: a new virtual environment outside it, nn11 installed from
the wheel the served site carries, and every page's downloaded script and notebook run there
with the outputs the page shows."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import urllib.request
import venv
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.browser import harness
from tests.browser.conftest import site_prefix
from tests.floatcheck import same_printout as same_output
from tests.hookmods import ROOT, hook, page_dir, page_markdown

downloads = hook("downloads")
pagecode = hook("pagecode")
PAGES = {u: downloads.read(m) for u, m in page_markdown().items() if downloads.read(m).examples}
KERNEL = "nn11-outside"


@dataclass
class Outside:
    url: str  # the served site
    python: Path  # the new environment's interpreter
    env: dict[str, str]
    work: Path

    def fetch(self, uri: str, suffix: str) -> Path:
        name = downloads.stem(uri) + suffix
        folder = page_dir(uri)
        out = self.work / name
        with urllib.request.urlopen(f"{self.url}{folder}{'/' if folder else ''}{name}") as r:
            out.write_bytes(r.read())
        return out


@pytest.fixture(scope="module")
def outside(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outside]:
    home = tmp_path_factory.mktemp("outside")
    assert ROOT not in home.parents
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["JUPYTER_PATH"] = str(home / "venv/share/jupyter")
    with harness.serve(site_dir, site_prefix()) as url:
        venv.create(home / "venv", with_pip=False)  # this pip installs into it: faster
        python = home / "venv/bin/python"
        wheel = f"{url}downloads/{downloads.wheel_name(ROOT)}"
        pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
        pip += ["--no-compile", "--disable-pip-version-check"]
        run = subprocess.run([*pip, wheel, "ipykernel"], capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr[-3000:]
        kernel = [str(python), "-m", "ipykernel", "install", "--prefix", str(home / "venv")]
        subprocess.run([*kernel, "--name", KERNEL], check=True, capture_output=True, env=env)
        work = home / "work"
        work.mkdir()
        yield Outside(url, python, env, work)


def test_nn11_comes_from_the_wheel(outside: Outside) -> None:
    code = "import nn11, sys; print(nn11.__file__); print(sys.prefix)"
    out = subprocess.run(
        [str(outside.python), "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=outside.work,
        env=outside.env,
    ).stdout.split("\n")
    assert Path(out[0]).is_relative_to(Path(out[1])) and not Path(out[0]).is_relative_to(ROOT)


@pytest.fixture(scope="module")
def scripts(outside: Outside) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every page's script, downloaded from the site and run with plain python (two at a time)."""

    def run(uri: str) -> subprocess.CompletedProcess[str]:
        script = outside.fetch(uri, ".py")
        return subprocess.run(
            [str(outside.python), script.name],
            capture_output=True,
            text=True,
            cwd=outside.work,
            env=outside.env,
        )

    with ThreadPoolExecutor(2) as pool:
        return dict(zip(PAGES, pool.map(run, PAGES), strict=True))


@pytest.fixture(scope="module")
def notebooks(outside: Outside) -> dict[str, nbformat.NotebookNode | BaseException]:
    """Every page's notebook, downloaded and run top to bottom, each in a fresh kernel of the new
    environment (three at a time: most of a run is the kernel starting)."""

    async def run(uri: str, gate: asyncio.Semaphore) -> nbformat.NotebookNode | BaseException:
        nb = nbformat.read(outside.fetch(uri, ".ipynb"), as_version=4)
        async with gate:
            try:
                client = NotebookClient(
                    nb,
                    timeout=180,
                    kernel_name=KERNEL,
                    resources={"metadata": {"path": str(outside.work)}},
                )
                await client.async_execute()
            except Exception as e:  # reported by the page's own test
                return e
        return nb

    async def every() -> list[nbformat.NotebookNode | BaseException]:
        gate = asyncio.Semaphore(3)
        return await asyncio.gather(*(run(uri, gate) for uri in PAGES))

    saved = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = outside.env["JUPYTER_PATH"]
    try:
        # On a thread of its own: a browser test's Playwright may hold this thread's event loop.
        with ThreadPoolExecutor(1) as pool:
            done = pool.submit(lambda: asyncio.run(every())).result()
        return dict(zip(PAGES, done, strict=True))
    finally:
        if saved is None:
            del os.environ["JUPYTER_PATH"]
        else:
            os.environ["JUPYTER_PATH"] = saved


@pytest.mark.parametrize("uri", sorted(PAGES))
def test_script_prints_what_the_page_shows(
    scripts: dict[str, subprocess.CompletedProcess[str]], uri: str
) -> None:
    run = scripts[uri]
    assert run.returncode == 0, run.stderr[-3000:]
    want = pagecode.wants(PAGES[uri])
    assert same_output(want, run.stdout), f"page shows:\n{want}\nscript printed:\n{run.stdout}"


def cell_outputs(nb: nbformat.NotebookNode) -> str:
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o["output_type"] == "stream":
                out.append(o["text"])
            elif o["output_type"] == "execute_result":
                out.append(o["data"]["text/plain"] + "\n")
            else:
                out.append(f"<{o['output_type']}>")
    return "".join(out)


@pytest.mark.parametrize("uri", sorted(PAGES))
def test_notebook_runs_and_shows_what_the_page_shows(
    notebooks: dict[str, nbformat.NotebookNode | BaseException], uri: str
) -> None:
    nb = notebooks[uri]
    if isinstance(nb, BaseException):
        raise nb
    want = pagecode.wants(PAGES[uri])
    got = cell_outputs(nb)
    assert same_output(want, got), f"page shows:\n{want}\nnotebook shows:\n{got}"


def test_output_check_catches_a_difference() -> None:
    assert same_output("array([[0.269 ],\n [1.]])\n", "array([[0.2690000000001],[1.]])")
    assert not same_output("array([[0.269 ]])\n", "array([[0.2691]])\n")
    assert not same_output("True\n", "False\n")
    assert not same_output("(4, 3)\n", "(4, 3)\n(4, 3)\n")
