"""``nn11 check`` and ``nn11.check``: the verdict on a network written from memory with the listing.

The reader's program runs in a child process (:mod:`nn11.tracer`) with its own temporary working
directory and a time limit; it records every array the program's lines compute. Here those
values are matched with the listing's (:mod:`nn11.reference`) by value, never by name: at
iterations 0 and 1 every weight and layer must appear, in an order the computation allows
(errors and deltas may stay inside an expression), and after the loop the final weights. The
first value that does not appear is the divergence; the reader's line that computed something
else instead is named, with a hint recognised from the slip's own numbers when it is a known one.
"""

from __future__ import annotations

import ast
import os
import pickle
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nn11 import data, reference, tracer
from nn11.reference import Level, Step
from nn11.tolerance import ABS_TOL, REL_TOL, agree
from nn11.training import train

Array = NDArray[Any]
#: Seconds a program may run before it is stopped.
TIMEOUT = 60.0
#: The iterations compared step by step (then the last one).
EARLY = (0, 1)


def site() -> str:
    """The site's address, from the package's metadata (pyproject's Homepage)."""
    try:
        entries: list[str] = metadata.metadata("nn11").get_all("Project-URL") or []
        for entry in entries:
            label, _, url = entry.partition(", ")
            if label == "Homepage":
                return url.rstrip("/") + "/"
    except metadata.PackageNotFoundError:  # pragma: no cover (a bare checkout)
        pass
    return ""  # pragma: no cover


@dataclass(frozen=True)
class Verdict:
    """What :func:`check` found. ``str()`` (and the prompt) shows its text."""

    ok: bool
    text: str
    line: int = 0  # the reader's line named (0: none)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


@dataclass
class Expected:
    step: Step
    iteration: int
    value: Array
    deps: list[tuple[str, int]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int]:
        return (self.step.name, self.iteration)


def _weight_key(level: Level, name: str, k: int) -> tuple[str, int]:
    return (f"{name} (start)", 0) if k == 0 else (name, k - 1)


def _deps(level: Level, name: str, k: int) -> list[tuple[str, int]]:
    def w(name: str) -> tuple[str, int]:
        return _weight_key(level, name, k)

    table: dict[str, list[tuple[str, int]]] = {
        "l1": [w("syn0")],
        "l2": [("l1", k), w("syn1")],
        "l2_error": [("l2", k)],
        "l2_delta": [("l2_error", k), ("l2", k)],
        "l1_delta": [("l1_error", k), ("l1", k)],
        "syn1": [("l2_delta", k), ("l1", k), w("syn1")],
        "syn0": [("l1_delta", k), w("syn0")],
    }
    if level.hidden is None:
        table["l1_error"] = [("l1", k)]
    else:
        table["l1_error"] = [("l2_delta", k), w("syn1")]
    return table.get(name, [])


def _weights_names(level: Level) -> list[str]:
    return ["syn0"] if level.hidden is None else ["syn0", "syn1"]


def chain(level: Level) -> tuple[list[Expected], list[tuple[Array, ...]]]:
    """The values to find, in listing order, and the weights at the start of iterations 0, 1, 2."""
    weights = [reference.start(level)]
    expected = [
        Expected(level.step(f"{n} (start)"), 0, w)
        for n, w in zip(_weights_names(level), weights[0], strict=True)
    ]
    for k in EARLY:
        values = reference.iterate(level, weights[k])
        for s in level.steps:
            if s.name in values:
                expected.append(Expected(s, k, values[s.name], _deps(level, s.name, k)))
        weights.append(tuple(values[n] for n in _weights_names(level)))
    return expected, weights


def _rows(a: Array) -> str:
    """Shape and the first rows, indented."""
    with np.printoptions(precision=8, suppress=False, threshold=64, linewidth=88):
        body = np.array2string(np.asarray(a)[:4] if np.ndim(a) else np.asarray(a))
    more = f" (first 4 of {a.shape[0]} rows)" if np.ndim(a) and a.shape[0] > 4 else ""
    lines = body.splitlines()
    return f"shape {a.shape}{more}\n" + "\n".join("    " + s for s in lines)


def _ordinal(k: int) -> str:
    return f"{k:,}"


class _Run:
    """One reader's run, matched with one level."""

    def __init__(
        self, level: Level, record: tracer.Record, filename: str, source: str, child: _Child
    ) -> None:
        self.child = child
        self.level = level
        self.r = record
        self.filename = filename
        self.lines = source.splitlines()
        self.expected, self.weights = chain(level)
        self.pos: dict[tuple[str, int], int] = {}
        self.notes: list[str] = []

    # -- text ----------------------------------------------------------------------------
    def where(self, line: int) -> str:
        return f"{self.filename}, line {line}" if line else self.filename

    def quote(self, line: int) -> str:
        if 0 < line <= len(self.lines):
            return f"    {line} | {self.lines[line - 1].strip()}"
        return ""

    def link(self, page: str) -> str:
        return f"Read: {site()}{page}"

    def listing(self, step: Step) -> str:
        """Where the listing computes a step (not its text: the reader is writing from memory,
        and the hint and the Line page are one step away)."""
        return f"line {step.line} of {self.level.listing}"

    def verdict(self, line: int, head: str, body: list[str]) -> Verdict:
        text = [*self.notes, f"{self.where(line)}: {head}"]
        quoted = self.quote(line)
        if quoted:
            text.append(quoted)
        text.extend(body)
        return Verdict(False, "\n".join(text), line)

    def differs(self, e: Expected, line: int, label: str, got: Array | None, hint: str) -> Verdict:
        what = (
            "the starting weights"
            if e.step.name.endswith("(start)")
            else f"iteration {e.iteration}"
        )
        name = e.step.name.replace(" (start)", "")
        yours = f" (yours: {label})" if label and label != name else ""
        body = [f"Expected {name}{yours}, as on {self.listing(e.step)}:", "  " + _rows(e.value)]
        if got is not None:
            body += ["Got:", "  " + _rows(got)]
            if got.shape != e.value.shape:
                body.append(
                    f"The shapes differ: {got.shape} where the listing has {e.value.shape}."
                )
        body += [f"Hint: {hint}.", self.link(e.step.page)]
        head = f"{name} differs from the listing at {what}"
        if got is None:
            head = f"{name} is never computed at {what}"
        return self.verdict(line, head, body)

    # -- matching ------------------------------------------------------------------------
    def find(self, value: Array, start: int, end: int | None = None, slip: str = "") -> int | None:
        """The first event from ``start`` whose array agrees with ``value``; a value a function
        returned counts at the line that kept it, when one does soon after. ``slip`` (a step's
        name): skip events already matched with one of the listing's values, unless the reader
        gave that variable the step's own name."""
        events = self.r.events
        stop = len(events) if end is None else min(end, len(events))
        for i in range(start, stop):
            if slip and i in self.pos.values() and events[i][1].split(".")[-1] != slip:
                continue
            if agree(events[i][2], value):
                if events[i][1] == "(returned)":
                    for j in range(i + 1, min(i + 8, stop)):
                        if events[j][1] != "(returned)" and agree(events[j][2], value):
                            return j
                return i
        return None

    def match(self) -> Expected | None:
        """Match the chain; return the first required value not found (None: all found)."""
        for e in self.expected:
            after = [self.pos[d] for d in e.deps if d in self.pos]
            found = self.find(e.value, max(after, default=-1) + 1)
            if found is not None:
                self.pos[e.key] = found
            elif e.step.required:
                return e
        return None

    def window(self, k: int) -> tuple[int, int]:
        """Event indices of iteration k: after its starting weights, before its successor."""
        keys = [_weight_key(self.level, n, k) for n in _weights_names(self.level)]
        start = max((self.pos[key] + 1 for key in keys if key in self.pos), default=0)
        end = len(self.r.events)
        first = self.pos.get(("l1", k))
        if first is not None:
            line = self.r.events[first][0]
            for i in range(first + 1, end):
                if self.r.events[i][0] == line and self.r.events[i][1] == self.r.events[first][1]:
                    return start, i
        return start, end

    def layer(self, step: str) -> str:
        """The layer a step's hint talks about: l1 or l2 for errors and deltas, the output
        layer for the updates."""
        if step.startswith("l"):
            return step[:2]
        return "l1" if self.level.hidden is None else "l2"

    def known_slip(self, failing: Expected) -> Verdict | None:
        """A known slip whose own numbers the reader's program computed."""
        level, k = self.level, failing.iteration
        # (event, order, expected, label, hint)
        hits: list[tuple[int, int, Expected, str, str]] = []
        if failing.step.name.endswith("(start)"):
            for order, (key, text) in enumerate(reference.START_MISTAKES.items()):
                drawn = reference.start(level, key)
                for name, w in zip(_weights_names(level), drawn, strict=True):
                    e = next(x for x in self.expected if x.key == (f"{name} (start)", 0))
                    if agree(w, e.value):
                        continue
                    i = self.find(w, 0, slip=name)
                    if i is not None:
                        hits.append((i, order, e, self.r.events[i][1], text))
        else:
            start, end = self.window(k)
            for order, m in enumerate(reference.MISTAKES):
                if m.hidden is not None and m.hidden != (level.hidden is not None):
                    continue
                with np.errstate(all="ignore"):
                    values = reference.iterate(level, self.weights[k], m.key)
                clashes: list[int] = []  # where the reader computed a step the slip changes
                for e in self.expected:
                    if e.iteration != k or e.step.name not in values:
                        continue
                    slip = values[e.step.name]
                    if agree(slip, e.value):
                        continue
                    if e.key in self.pos:  # the reader computed this step right...
                        clashes.append(self.pos[e.key])
                        continue
                    i = self.find(slip, start, end, slip=e.step.name)
                    if i is not None:
                        if all(c > i for c in clashes):  # ...but not before the slip: it stands
                            column = f"np.array([{level.y.ravel().tolist()}]).T"
                            hint = m.hint.format(layer=self.layer(e.step.name), column=column)
                            hits.append((i, order, e, self.r.events[i][1], hint))
                        break
        if not hits:
            return None
        i, _, e, label, hint = min(hits, key=lambda h: (h[0], h[1]))
        if e.step.name in ("syn0", "syn1"):  # the update: was the right delta computed later?
            delta = "l1_delta" if e.step.name == "syn0" else "l2_delta"
            later = [x for x in self.expected if x.key == (delta, e.iteration)]
            j = self.find(later[0].value, i + 1) if later else None
            if j is not None:
                hint = (
                    f"this update runs before {delta} is computed (your line "
                    f"{self.r.events[j][0]}): compute the delta first, then update with it"
                )
        if "(4,)" in hint:  # the targets' shape: say where they were made
            flat = self.find(self.level.y.ravel().astype(float), 0)
            if flat is not None:
                hint += f" (your targets: line {self.r.events[flat][0]})"
        return self.differs(e, self.r.events[i][0], label, self.r.events[i][2], hint)

    def by_name(self, failing: Expected) -> Verdict | None:
        """An unmatched step of this iteration whose listing name the reader also used."""
        k = failing.iteration
        start, end = (
            self.window(k) if not failing.step.name.endswith("(start)") else (0, len(self.r.events))
        )
        for e in self.expected:
            if e.iteration != k or e.key in self.pos:
                continue
            name = e.step.name.replace(" (start)", "")
            for line, label, value in self.r.events[start:end]:
                if label.split(".")[-1] == name and not agree(value, e.value):
                    return self.differs(e, line, label, value, e.step.hint)
            if e is failing:
                break
        return None

    def fallback(self, failing: Expected) -> Verdict:
        """The first value of the right shape (else any value) that the listing never computes."""
        k = failing.iteration
        start, end = (
            (0, len(self.r.events)) if failing.step.name.endswith("(start)") else self.window(k)
        )
        known = [e.value for e in self.expected]
        candidates = [
            (line, label, value)
            for line, label, value in self.r.events[start:end]
            if not any(agree(value, v) for v in known)
        ]
        same = [c for c in candidates if c[2].shape == failing.value.shape]
        pick = (same or candidates)[0] if same or candidates else None
        if pick is None and failing.iteration > 0 and self.r.complete:
            loop = self.loop_line()
            return self.verdict(
                loop,
                f"{failing.step.name} is never computed at iteration {failing.iteration}: "
                "your steps ran once",
                [
                    f"Hint: the steps belong inside a loop that runs {self.level.iterations:,} "
                    f"times, range({self.level.iterations}).",
                    self.link(self.level.loop_page),
                ],
            )
        if pick is None:
            return self.differs(failing, 0, "", None, failing.step.hint)
        return self.differs(failing, pick[0], pick[1], pick[2], failing.step.hint)

    def diagnose(self, failing: Expected) -> Verdict:
        return self.known_slip(failing) or self.by_name(failing) or self.fallback(failing)

    # -- the run as a whole ----------------------------------------------------------------
    def loop_line(self, inside: int = 0) -> int:
        """The innermost loop around line ``inside`` (default: the line that computed l1 at
        iteration 0); else the first loop."""
        if not inside:
            first = self.pos.get(("l1", 0))
            inside = self.r.events[first][0] if first is not None else 0
        around = [h for h, end in self.r.loops if h <= inside <= end]
        if around:
            return around[-1]
        return self.r.loops[0][0] if self.r.loops else 0

    def iterations(self) -> int:
        """How often the line that computed l1 at iteration 0 ran, in a counting rerun."""
        first = self.pos.get(("l1", 0))
        counted = self.child.count()
        if first is None or counted is None:
            return 0
        return counted.hits.get(self.r.events[first][0], 0)

    def seeds(self) -> Verdict | None:
        level = self.level
        listing_seed = (
            f" (the listing: np.random.seed(1), {level.listing} line {level.seed_line})"
            if level.seed_line
            else ""
        )
        for line, _, drawn in self.r.seeds:
            if drawn:
                return self.verdict(
                    line,
                    "the seed is set after random numbers were drawn",
                    [
                        "The weights drawn before this line come from an unseeded generator: "
                        "they change on every run, so no two runs can be compared.",
                        f"Hint: seed first, then draw the weights{listing_seed}.",
                        self.link("part1/line-20/"),
                    ],
                )
        if not self.r.seeds and level.seed_line:
            self.notes.append(
                f"Note: your program never seeds numpy's generator{listing_seed}; the check "
                "seeded it with 1 so that your weights start where the listing's do. On its own, "
                "your program starts from other weights on every run."
            )
        for line, value, _ in self.r.seeds:
            if value != 1:
                self.notes.append(
                    f"Note: line {line} seeds with {value!r}, the listing with 1; the check used 1 "
                    "so that your weights start where the listing's do."
                )
        return None

    def error(self) -> Verdict | None:
        if self.r.error is None:
            return None
        kind, message, line = self.r.error
        meaning = _meaning(kind, message)
        missing = [e for e in self.expected if e.key not in self.pos]
        assigned = _assigned(self.lines[line - 1] if 0 < line <= len(self.lines) else "")
        step = next((e for e in missing if e.step.name == assigned), None)
        step = step or next(iter(missing), None)
        if step is None:
            return self.verdict(
                line,
                f"your program stopped with {kind}: {message}",
                [f"{meaning} Iterations 0 and 1 agreed with the listing up to here."],
            )
        return self.verdict(
            line,
            f"your program stopped with {kind}: {message}",
            [
                f"{meaning} The listing computes {step.step.name.replace(' (start)', '')} next, at "
                f"iteration {step.iteration}, on {self.listing(step.step)}.",
                f"Hint: {step.step.hint}.",
                self.link(step.step.page),
            ],
        )

    def final(self, final: Any) -> Verdict | None:
        """The last iteration: the final weights (and the last layer, when kept)."""
        n = self.level.iterations
        missing = [
            (name, w)
            for name, w in zip(_weights_names(self.level), final.weights, strict=True)
            if not any(agree(v, w) for _, v in self.r.finals)
        ]
        if not missing:
            return None
        ran, loop = self.iterations(), self.loop_line()
        if ran != n:
            return self.verdict(
                loop,
                f"your loop ran {ran:,} iterations; the listing's runs {n:,}",
                [
                    "Iterations 0 and 1 agree with the listing, so only the count differs.",
                    f"Hint: range(n) runs n times (0 to n - 1): the listing's loop is range({n}).",
                    self.link(self.level.loop_page),
                ],
            )
        name, w = missing[0]
        label, got = next(((lb, v) for lb, v in self.r.finals if v.shape == w.shape), ("", None))
        step = self.level.step(name)
        e = Expected(step, n - 1, w)
        return self.differs(
            e,
            loop,
            label,
            got,
            "iterations 0 and 1 agree and the loop runs as often as the listing's, so something "
            "changes later on: a line that depends on the loop counter, or runs only sometimes",
        )

    def compared(self, output_kept: bool) -> str:
        """What was compared, the reader's names beside the listing's."""
        groups: dict[str, list[str]] = {"start": [], "early": []}
        for e in self.expected:
            if e.key not in self.pos or e.iteration != 0:
                continue
            line, label, _ = self.r.events[self.pos[e.key]]
            name = e.step.name.replace(" (start)", "")
            if label == "(returned)":
                entry = f"{name} (returned on line {line})"
            elif label != name:
                entry = f"{name} = your {label} (line {line})"
            else:
                entry = f"{name} (line {line})"
            groups["start" if e.step.name.endswith("(start)") else "early"].append(entry)
        n = self.level.iterations
        last = "the final weights" + (" and the last layer" if output_kept else "")
        return (
            "Compared by value (the names and the layout are yours): the starting weights "
            + ", ".join(groups["start"])
            + "; at iterations 0 and 1: "
            + ", ".join(groups["early"])
            + f"; after {n:,} iterations: {last}."
            + f" Tolerance: relative {REL_TOL:g}, absolute {ABS_TOL:g}."
        )


def _assigned(text: str) -> str:
    """The name a line of code assigns to ('' when it assigns none)."""
    try:
        tree = ast.parse(text.strip())
    except SyntaxError:
        return ""
    node = tree.body[0] if tree.body else None
    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
        return node.target.id
    return ""


def _meaning(kind: str, message: str) -> str:
    if any(s in message for s in ("not aligned", "matmul", "mismatch in its core dimension")):
        return (
            "A matrix product whose inner sizes differ: np.dot(a, b) needs a's columns to equal "
            "b's rows. A missing .T, an extra one, or the two arrays swapped is the usual cause."
        )
    if "non-broadcastable output" in message:
        return (
            "An in-place update (+= or -=) got a change of another shape than the weights: the "
            "change must have the weights' shape exactly."
        )
    if "broadcast" in message:
        return "Two arrays whose shapes cannot be combined number by number."
    if kind == "NameError" and "'xrange'" in message:
        return "xrange is Python 2's range (the post's code is Python 2): write range."
    if kind == "NameError":
        return "A name used before it was given a value: a typo, or a line placed too early."
    if kind == "EOFError":
        return "input() found nothing to read: the check runs your program without a keyboard."
    if kind in {"ModuleNotFoundError", "ImportError"}:
        return "An import failed: the network needs numpy only (import numpy as np)."
    return f"Python stopped here ({kind})."


def _wrap(text: str, width: int = 96) -> str:
    """Wrap long prose lines (arrays and quoted code stay as they are)."""
    import textwrap

    out = []
    for line in text.splitlines():
        if len(line) > width and not line.startswith(" "):
            out.extend(textwrap.wrap(line, width, subsequent_indent="  "))
        else:
            out.append(line)
    return "\n".join(out)


def check(
    code: str,
    part: str | int = 1,
    *,
    filename: str = "your code",
    timeout: float = TIMEOUT,
    iterations: int | None = None,
) -> Verdict:
    """Run ``code`` (a whole program) and compare its values with the listing of ``part``.

    ``part``: 1 (Part 1's listing), 2 (Part 2's) or 11 (the 11 lines). ``filename`` names the
    program in the verdict; ``timeout`` (seconds) stops a program that runs too long;
    ``iterations`` compares with the listing's loop shortened (or lengthened) to that many
    iterations, for a loop you shortened while you experiment.
    """
    level = reference.LEVELS.get(str(part))
    if level is None:
        raise ValueError(f"part must be 1, 2 or 11, got {part!r}")
    if iterations is not None:
        if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 2:
            raise ValueError(f"iterations must be a whole number >= 2, got {iterations!r}")
        level = replace(level, iterations=iterations)
    if not isinstance(code, str):
        raise TypeError(f"code must be a program as a str, got {type(code).__name__}")
    if not (isinstance(timeout, (int, float)) and timeout > 0):
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    try:
        compile(code, filename, "exec")
    except SyntaxError as e:
        where = f"{filename}, line {e.lineno}" if e.lineno else filename
        text = f"{where}: Python cannot read this line ({e.msg}); nothing was run."
        return Verdict(False, text, e.lineno or 0)
    # First the recording alone (the program is stopped after it): most slips show there.
    child = _Child(code, filename, level, timeout, mode="early")
    record = child.record()
    if isinstance(record, Verdict):
        return record
    if not record.complete:  # stopped after the recording
        early = _judge(level, record, filename, code, None, child)
        if early is not None:
            return early
        # Then the whole run, beside the listing's (train), for the last iteration.
        child = _Child(code, filename, level, timeout)
        final = train(data.X, level.y, hidden=level.hidden, iterations=level.iterations)
        record = child.record()
        if isinstance(record, Verdict):
            return record
    else:  # the program ended within the recording: that run is the whole run
        final = train(data.X, level.y, hidden=level.hidden, iterations=level.iterations)
    verdict = _judge(level, record, filename, code, final, child)
    assert verdict is not None
    return verdict


class _Child:
    """The reader's program running in a child process, in a temporary folder of its own."""

    def __init__(
        self, code: str, filename: str, level: Level, timeout: float, mode: str = ""
    ) -> None:
        self.code, self.filename, self.level, self.timeout = code, filename, level, timeout
        self.folder = tempfile.TemporaryDirectory(prefix="nn11-check-")
        program = Path(self.folder.name, "program.py")
        program.write_text(code, encoding="utf-8")
        self.out = Path(self.folder.name, "record.pickle")
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        argv = [sys.executable, "-m", "nn11.tracer", str(program), filename, str(self.out)]
        argv += [str(timeout), *(["np"] if level.key == "11" else []), *([mode] if mode else [])]
        self.process = subprocess.Popen(
            argv,
            cwd=self.folder.name,
            env=env,
            stdin=subprocess.DEVNULL,  # input() ends at once instead of waiting on a terminal
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def record(self) -> tracer.Record | Verdict:
        """Wait for the child; what it recorded, or a verdict when it left nothing."""
        try:
            try:
                _, err = self.process.communicate(timeout=self.timeout + 30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.communicate()
                text = f"{self.filename}: still running after {self.timeout:g} s: stopped."
                return Verdict(False, text)
            if not self.out.exists():
                lines = err.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
                return Verdict(False, f"{self.filename}: the check could not run it: {lines[0]}")
            with self.out.open("rb") as f:
                return tracer.Record(**pickle.load(f))
        finally:
            self.folder.cleanup()

    def count(self) -> tracer.Record | None:
        """Run the program again, counting every line to the end (how often its loop ran)."""
        again = _Child(self.code, self.filename, self.level, self.timeout, "count").record()
        return again if isinstance(again, tracer.Record) else None


def _judge(
    level: Level, record: tracer.Record, filename: str, code: str, final: Any, child: _Child
) -> Verdict | None:
    """The verdict on one record; None when ``final`` is None (the recording alone) and the
    record cannot decide (no slip in iterations 0 and 1, or nothing computed before the stop)."""
    run = _Run(level, record, filename, code, child)
    if record.timeout_lines is not None:
        inside = [n for n in record.timeout_lines if any(h <= n <= e for h, e in record.loops)]
        stopped = (inside or record.timeout_lines or [0])[-1]
        loop = run.loop_line(stopped)
        v = run.verdict(
            loop or stopped,
            f"still running after {run.child.timeout:g} s, when the time limit stopped it"
            + (f" on line {stopped}" if loop and stopped != loop else ""),
            [
                f"The listing's loop runs {level.iterations:,} times and ends in about a second.",
                "Hint: a loop that never ends (a while loop whose condition stays true: is its "
                "counter ever increased?), or one far longer than the listing's.",
                run.link(level.loop_page),
            ],
        )
        return Verdict(False, _wrap(v.text), v.line)
    seeded = run.seeds()
    if seeded is not None:
        return Verdict(False, _wrap(seeded.text), seeded.line)
    failing = run.match()
    if failing is not None:
        slip = run.known_slip(failing)
        if slip is None and record.error is not None:
            slip = run.error()
        v = slip or run.by_name(failing) or run.fallback(failing)
        if record.error is not None and slip is not None and v.line != record.error[2]:
            kind, message, line = record.error
            v = Verdict(
                False,
                v.text + f"\n(Then line {line} stopped the program: {kind}: {message}.)",
                v.line,
            )
        if final is None and not record.complete and v.line == 0:
            return None  # stopped before the program computed it: run it all
        return Verdict(False, _wrap(v.text), v.line)
    if final is None:
        return None if not record.complete or record.error is None else run.error()
    late = run.error() or run.final(final)
    if late is not None:
        return Verdict(False, _wrap(late.text), late.line)
    kept = any(agree(v, final.output) for _, v in record.finals)
    head = (
        "Your network matches the listing: every value agrees at iterations 0, 1 and the last "
        f"({level.iterations - 1:,})."
    )
    text = "\n".join([*run.notes, head, run.compared(kept)])
    return Verdict(True, _wrap(text), 0)


def check_file(
    path: str | os.PathLike[str],
    part: str | int = 1,
    *,
    timeout: float = TIMEOUT,
    iterations: int | None = None,
) -> Verdict:
    """:func:`check` on a file's text; the verdict names the file."""
    text = Path(path).read_text(encoding="utf-8")
    return check(text, part, filename=str(path), timeout=timeout, iterations=iterations)
