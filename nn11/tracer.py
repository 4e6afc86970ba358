"""The child side of ``nn11 check``: run a reader's program and record the arrays it computes.

``python -m nn11.tracer PROGRAM.py FILENAME OUT.pickle SECONDS [np] [early|count]`` runs the
program (its source read from PROGRAM.py, its frames named FILENAME) under ``sys.settrace``, in
a child process, so that nothing the program does reaches the process that checks it.

- For the first :data:`DEEP_LINES` lines the program executes in its own file, every array a
  line assigns or changes in its frame (a local, an attribute of a local object, an item of a
  local list, tuple or dict) is copied, with the line. Then tracing stops and the program runs
  at full speed to its end, when the arrays of the module and of the reader's frames that were
  running (the training loop's) are read as the final state.
- ``early``: the program is stopped once that recording is complete.
- ``count``: nothing is recorded; every line's runs are counted to the end (how long the loop
  really ran).

numpy's global generator is seeded with 1 before the program starts, and ``np.random.seed`` is
wrapped: a call is recorded (its line, its value, whether random numbers were drawn before it)
and always seeds with 1, so that every program starts from the listing's weights. A SIGALRM
timer stops the program after SECONDS. What the program prints goes to the child's stdout.
:class:`Record` (pickled to OUT as a dict) is what the parent reads.
"""

from __future__ import annotations

import ast
import os
import pickle
import signal
import sys
import traceback
from dataclasses import asdict, dataclass, field
from types import CodeType, FrameType, TracebackType
from typing import Any

import numpy as np
from numpy.typing import NDArray

#: Lines executed in the reader's file whose arrays are recorded (two iterations need < 100).
DEEP_LINES = 3000
#: Arrays larger than this are not copied (the post's arrays have at most 16 numbers).
MAX_SIZE = 10_000
#: The seed the listings use.
SEED = 1

Array = NDArray[Any]
TraceFunction = Any  # sys.settrace's callback type is private to typeshed


@dataclass
class Record:
    """What one run of a reader's program left behind."""

    #: (line, label, copy) per array assigned or changed, in execution order.
    events: list[tuple[int, str, Array]] = field(default_factory=list)
    #: How many times each line of the reader's file ran.
    hits: dict[int, int] = field(default_factory=dict)
    #: (label, copy) of the arrays left at the end (module, and frames that looped).
    finals: list[tuple[str, Array]] = field(default_factory=list)
    #: (line, value asked for, random numbers were drawn before it) per np.random.seed call.
    seeds: list[tuple[int, object, bool]] = field(default_factory=list)
    #: The loops (for, while) in the source: (header line, last line).
    loops: list[tuple[int, int]] = field(default_factory=list)
    #: Set when the program raised: (exception type, message, line in the reader's file or 0).
    error: tuple[str, str, int] | None = None
    #: Set when the time limit stopped the program: the lines of its frames, outermost first.
    timeout_lines: list[int] | None = None
    #: False when the recording stopped before the program ended (the usual case).
    complete: bool = True


class Stopped(BaseException):
    """Raised inside the program when an ``early`` recording is complete."""


class TimeLimit(BaseException):
    """Raised inside the program when its time is up (a BaseException: ``except Exception``
    in the reader's code does not swallow it)."""


def loop_lines(source: str) -> list[tuple[int, int]]:
    """First and last line of every ``for`` and ``while`` loop in ``source``."""
    tree = ast.parse(source)
    loops = [n for n in ast.walk(tree) if isinstance(n, (ast.For, ast.While))]
    return sorted((n.lineno, n.end_lineno or n.lineno) for n in loops)


def arrays(namespace: dict[str, object]) -> dict[str, Array]:
    """The arrays in a frame's namespace, one level into objects and containers."""
    found: dict[str, Array] = {}

    def keep(label: str, value: object) -> None:
        if isinstance(value, np.ndarray) and value.size <= MAX_SIZE and value.dtype.kind in "fiu":
            found[label] = value

    for name, value in list(namespace.items()):
        if name.startswith("__"):
            continue
        if isinstance(value, np.ndarray):
            keep(name, value)
        elif isinstance(value, (list, tuple)) and len(value) <= 10:
            for i, item in enumerate(value):
                keep(f"{name}[{i}]", item)
        elif isinstance(value, dict) and len(value) <= 10:
            for key, item in list(value.items()):
                keep(f"{name}[{key!r}]", item)
        elif not isinstance(value, type) and hasattr(value, "__dict__"):
            attributes = getattr(value, "__dict__", None)
            if isinstance(attributes, dict) and type(value).__module__ == "__main__":
                for key, item in list(attributes.items()):
                    keep(f"{name}.{key}", item)
    return found


class Tracer:
    """The ``sys.settrace`` callbacks for one program file."""

    def __init__(
        self,
        filename: str,
        loops: list[tuple[int, int]],
        count_only: bool = False,
        early: bool = False,
    ) -> None:
        self.filename = filename
        self.early = early  # stop the program once the recording is complete
        self.record = Record(loops=loops)
        self.count_only = count_only  # count every line's runs, record no array
        self.deep = not count_only
        self.budget = DEEP_LINES
        self.seen: dict[int, dict[str, tuple[int, Array]]] = {}  # frame id -> label -> copy
        self.last_line: dict[int, int] = {}  # frame id -> line it ran last
        self.kept: list[FrameType] = []
        self.loop_codes: dict[CodeType, bool] = {}

    def on_call(self, frame: FrameType, event: str, arg: object) -> TraceFunction:
        if frame.f_code.co_filename != self.filename:
            return None
        return self.on_event

    def on_event(self, frame: FrameType, event: str, arg: object) -> TraceFunction:
        if event == "line":
            hits = self.record.hits
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            if self.deep:
                self.budget -= 1
                self.scan(frame)
                if self.budget <= 0:
                    self.stop(frame)
                    return None
            self.last_line[id(frame)] = frame.f_lineno
        elif event == "return" and self.deep:
            self.scan(frame)
            if self.has_loop(frame.f_code):  # a training function that ends: keep its locals
                self.kept.append(frame)
            if isinstance(arg, np.ndarray) and arg.size <= MAX_SIZE:
                line = self.last_line.get(id(frame), frame.f_lineno)
                self.record.events.append((line, "(returned)", np.array(arg, copy=True)))
            self.seen.pop(id(frame), None)
            self.last_line.pop(id(frame), None)
        return self.on_event

    def has_loop(self, code: CodeType) -> bool:
        if code not in self.loop_codes:
            lines = {line for _, _, line in code.co_lines() if line is not None}
            self.loop_codes[code] = any(h in lines for h, _ in self.record.loops)
        return self.loop_codes[code]

    def stop(self, frame: FrameType) -> None:
        """End the recording: no more tracing (full speed); keep the running frames of the
        reader's file, whose locals are read at the end."""
        self.deep = False
        self.record.complete = False
        if self.count_only:
            return
        if self.early:
            raise Stopped
        sys.settrace(None)
        current: FrameType | None = frame
        while current is not None:
            if current.f_code.co_filename == self.filename:
                current.f_trace = None
                self.kept.append(current)
            current = current.f_back

    def finals(self, namespace: dict[str, object]) -> list[tuple[str, Array]]:
        """The arrays left at the end: the kept frames', then the module's."""
        found: list[tuple[str, Array]] = []
        for frame in self.kept:
            if frame.f_code.co_name != "<module>":
                found.extend((k, np.array(v, copy=True)) for k, v in arrays(frame.f_locals).items())
        found.extend((k, np.array(v, copy=True)) for k, v in arrays(namespace).items())
        return found

    def scan(self, frame: FrameType) -> None:
        """Record each array of the frame that is new or changed since the frame's last line."""
        seen = self.seen.setdefault(id(frame), {})
        line = self.last_line.get(id(frame))
        for label, value in arrays(frame.f_locals).items():
            before = seen.get(label)
            if before is not None and before[0] == id(value) and np.array_equal(before[1], value):
                continue
            copy = np.array(value, copy=True)
            seen[label] = (id(value), copy)
            if line is not None:
                self.record.events.append((line, label, copy))


def reader_lines(tb: TracebackType | None, filename: str) -> list[int]:
    """The lines of the reader's file in a traceback, outermost first."""
    return [
        s.lineno
        for s in traceback.extract_tb(tb)
        if s.filename == filename and s.lineno is not None
    ]


def reader_line(tb: TracebackType | None, filename: str) -> int:
    """The innermost line of the reader's file in a traceback (0 if none)."""
    return (reader_lines(tb, filename) or [0])[-1]


def run(
    source: str, filename: str, seconds: float, give_np: bool, mode: str = "", path: str = ""
) -> Record:
    """Run the program in this process under the tracer and return what it recorded.

    ``mode``: "" (record, then run to the end), "early" (record, then stop the program) or
    "count" (record nothing, count every line's runs to the end). ``path`` is the program's
    ``__file__``: the copy in the child's folder, never the reader's file."""
    code = compile(source, filename, "exec")
    tracer = Tracer(filename, loop_lines(source), mode == "count", mode == "early")
    record = tracer.record
    real_seed = np.random.seed
    real_seed(SEED)
    start: Any = np.random.get_state()

    def seed(value: object = None) -> None:
        state: Any = np.random.get_state()
        drawn = state[2] != start[2] or not np.array_equal(state[1], start[1])
        caller = sys._getframe(1)
        line = caller.f_lineno if caller.f_code.co_filename == filename else 0
        record.seeds.append((line, value, bool(drawn)))
        real_seed(SEED)

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise TimeLimit

    np.random.seed = seed  # type: ignore[assignment]
    namespace: dict[str, object] = {"__name__": "__main__", "__file__": path}
    sys.argv = [path or filename]  # as if run as `python program.py`
    if give_np:
        namespace["np"] = np
    if hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    sys.settrace(tracer.on_call)
    try:
        exec(code, namespace)
    except TimeLimit:
        sys.settrace(None)
        record.timeout_lines = reader_lines(sys.exc_info()[2], filename)
    except (SystemExit, Stopped):
        sys.settrace(None)
    except BaseException as e:  # the reader's own exception: reported, never re-raised
        sys.settrace(None)
        message = str(e).splitlines()[0] if str(e) else ""
        record.error = (type(e).__name__, message, reader_line(e.__traceback__, filename))
    finally:
        sys.settrace(None)
        if hasattr(signal, "setitimer"):
            signal.setitimer(signal.ITIMER_REAL, 0)
        np.random.seed = real_seed
    record.finals = tracer.finals(namespace)
    return record


def main(argv: list[str]) -> int:
    program, filename, out, seconds = argv[:4]
    with open(program, encoding="utf-8") as f:
        source = f.read()
    modes = [a for a in argv[4:] if a in ("early", "count")]
    record = run(source, filename, float(seconds), "np" in argv[4:], (modes or [""])[0], program)
    sys.stdout.flush()
    with open(out, "wb") as f:  # a dict: the class is __main__.Record in this process
        pickle.dump(asdict(record), f)
    return 0


if __name__ == "__main__":  # pragma: no cover (run as the child process)
    code = main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(code)  # no atexit handlers or thread joins of the reader's program
