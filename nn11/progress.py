"""A one-line progress report for long runs, drawn on a terminal only."""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

#: Seconds between two redraws (and before the first: short runs show nothing).
INTERVAL = 0.25


class Progress:
    """``with Progress(total, sys.stderr) as p: train(..., progress=p.show if p.on else None)``.

    ``on`` only when ``stream`` is a terminal; the line is redrawn in place at most
    every ``INTERVAL`` seconds and erased on exit, whatever ended the run.
    """

    def __init__(
        self, total: int, stream: TextIO, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.total, self.stream, self.clock = total, stream, clock
        self.on = stream.isatty()
        self.start = self.next = 0.0
        self.drawn = False

    def __enter__(self) -> Progress:
        self.start = self.clock()
        self.next = self.start + INTERVAL
        return self

    def __exit__(
        self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def show(self, done: int, error: float) -> None:
        """Called by ``train`` between blocks of iterations."""
        now = self.clock()
        if now < self.next or done >= self.total:
            return
        self.next = now + INTERVAL
        rate = done / (now - self.start)
        self.drawn = True  # first: Ctrl-C may land in the middle of the write
        self.stream.write(f"\r\x1b[K{self.line(done, rate, error)}")
        self.stream.flush()

    def line(self, done: int, rate: float, error: float) -> str:
        """The text of one report.

        >>> from nn11.progress import Progress
        >>> import io
        >>> Progress(1_000_000, io.StringIO()).line(250_000, 5_000.0, 0.0123456)
        'iteration 250,000/1,000,000 (25%)  5,000 it/s  error 0.012346  2m30s left'
        """
        left = (self.total - done) / rate if rate > 0 else float("inf")
        return (
            f"iteration {done:,}/{self.total:,} ({100 * done // self.total}%)  "
            f"{rate:,.0f} it/s  error {error:.6f}  {duration(left)} left"
        )


def duration(seconds: float) -> str:
    """``duration(3725)`` is ``'1h02m'``; ``'?'`` when unknown.

    >>> from nn11.progress import duration
    >>> duration(9), duration(150), duration(3725), duration(float("inf"))
    ('9s', '2m30s', '1h02m', '?')
    """
    if seconds != seconds or seconds == float("inf"):
        return "?"
    s = round(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"
