"""How fast "Watch it learn" trains in Chromium, whether the page stays responsive, its weight.

    .venv/bin/python bench/live_train.py                 # builds the site into a temporary folder
    .venv/bin/python bench/live_train.py --site DIR      # or uses a site already built there

Figures (issue 26), each against its goal; it prints, it does not assert:

- the page's trainer (docs/javascripts/explorer-train.js) alone on the page's thread: 60,000
  iterations of Part 2's network (4 hidden units), and of 32 hidden units; min of 5 runs;
- the page itself, opened on those settings: from the start of training to its last iteration,
  in the worker, with the page drawing as the slices arrive (``run.seconds``), min of 3 loads;
- responsiveness while the page trains 32 hidden units: the longest task on the page's thread
  (Chromium's Long Tasks API: tasks over 50 ms) and how late a timer set every 10 ms fires;
- the page's own weight: its HTML with the data, the explorer's scripts and its stylesheet.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks.site import site_prefix  # noqa: E402
from tools import browser as harness  # noqa: E402

PAGE = "play/explorer/"
PART2 = "?net=2&hidden=4&alpha=1&seed=1&iterations=60000&data=xor"
WIDE = "?net=2&hidden=32&alpha=1&seed=1&iterations=60000&data=xor"
KIB = 1024

TRAINER = """([hidden, times]) => {
  const T = window.NN11Train;
  const s = T.check({net: 2, hidden, alpha: 1, seed: 1, iterations: 60000, data: 'xor'});
  let best = Infinity;
  for (let k = 0; k < times; k++) {
    const trainer = new T.Trainer(s);
    const w = T.start(s);
    const errors = new Float64Array(60000);
    const began = performance.now();
    trainer.run(w, 0, 60000, errors);
    best = Math.min(best, performance.now() - began);
  }
  return best / 1000;
}"""

#: Once the page is loaded and idle: record long tasks and timer lateness from now on, then
#: move the hidden-units slider to 32 as a reader would (the page starts training at once).
WATCH = """(train) => {
window.__longest = 0;
window.__late = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
}).observe({type: 'longtask'});
(function tick(last) {
  setTimeout(() => {
    const now = performance.now();
    window.__late = Math.max(window.__late, now - last - 10);
    tick(now);
  }, 10);
})(performance.now());
if (!train) return;
const slider = document.getElementById('nn11-x-hidden');
slider.value = '32';
slider.dispatchEvent(new Event('input'));
slider.dispatchEvent(new Event('change'));
}"""

DONE = "document.querySelector('[data-nn11-explorer]')?.dataset.done === '60000'"


def build(folder: Path) -> Path:
    site = folder / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )
    return site


def is_own(url: str) -> bool:
    """The explorer's page itself (HTML and inline data) or one of its files (explorer*.js/css)."""
    path = urlsplit(url).path
    return path.endswith("/" + PAGE) or path.rsplit("/", 1)[-1].startswith("explorer")


def row(name: str, value: str, goal: str = "", ok: bool | None = None) -> None:
    verdict = "" if ok is None else ("PASS" if ok else "MISS")
    print(f"{name:<62} {value:>12}  {goal:<10} {verdict}")


def measure(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    executable = harness.find_chromium()
    if executable is None:
        print("no Chromium: nothing measured")
        return
    with sync_playwright() as pw, harness.serve(site, site_prefix()) as base:
        browser = harness.launch(pw, executable)

        def open_page(query: str) -> tuple[Any, Any, harness.Record]:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            record = harness.watch(context, base)
            page = context.new_page()
            page.goto(base + PAGE + query)
            page.wait_for_function(DONE, timeout=60_000)
            return context, page, record

        context, page, record = open_page(PART2)
        for hidden, goal in ((4, 1.0), (32, None)):
            seconds = page.evaluate(TRAINER, [hidden, 5])
            row(
                f"trainer alone: 60,000 iterations, {hidden} hidden units",
                f"{seconds:.3f} s",
                "" if goal is None else f"< {goal:g} s",
                None if goal is None else seconds < goal,
            )
        record.settle(page, quiet_ms=500)
        loaded = record.weight()
        own = {u: n for u, n in loaded.items() if is_own(u)}
        context.close()

        for label, query, goal in (("4", PART2, 1.0), ("32", WIDE, None)):
            best = float("inf")
            for _ in range(3):
                context, page, _record = open_page(query)
                best = min(best, page.evaluate("window.nn11Explorer.run.seconds"))
                context.close()
            row(
                f"the page: 60,000 iterations, {label} hidden units (worker)",
                f"{best:.3f} s",
                "" if goal is None else f"< {goal:g} s",
                None if goal is None else best < goal,
            )

        context, page, record = open_page(PART2)
        record.settle(page, quiet_ms=500)
        page.evaluate(WATCH, False)  # the noise floor: the same page, idle, for one second
        page.wait_for_timeout(1000)
        idle = page.evaluate("[window.__longest, window.__late]")
        page.evaluate(WATCH, True)
        page.wait_for_function(
            "window.nn11Explorer.run.settings.hidden === 32 && " + DONE, timeout=60_000
        )
        page.wait_for_timeout(300)
        longest = page.evaluate("window.__longest")
        late = page.evaluate("window.__late")
        context.close()
        row(
            "noise floor, page idle for 1 s: longest task / timer late",
            f"{idle[0]:.0f} / {idle[1]:.0f} ms",
        )
        row(
            "while training 32 units: longest task on the page",
            f"{longest:.0f} ms",
            "<= 100 ms",
            longest <= 100,
        )
        row(
            "while training 32 units: a 10 ms timer fired late by",
            f"{late:.0f} ms",
            "<= 100 ms",
            late <= 100,
        )

        total = sum(own.values())
        for url, n in sorted(own.items()):
            print(f"    {n / KIB:6.1f} KiB  {url.removeprefix(base)}")
        row(
            "the explorer's own bytes (page + data + scripts + style)",
            f"{total / KIB:.0f} KiB",
            "<= 150 KiB",
            total / KIB <= 150,
        )
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    args = parser.parse_args()
    if args.site is not None:
        measure(args.site)
        return
    with tempfile.TemporaryDirectory(prefix="nn11-live-") as tmp:
        measure(build(Path(tmp)))


if __name__ == "__main__":
    main()
