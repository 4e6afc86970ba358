"""``nn11`` on the command line: run a listing, or train beyond the post."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

from nn11 import checks, csvdata, data, listings, verdict
from nn11.progress import Progress
from nn11.training import MAX_MEMORY, train

TRAIN_NOTES = """\
your own data (--data FILE.csv):
  One example per row: the input columns, then the target (a number within [0, 1]).
  UTF-8, with or without a byte-order mark. The first row is a header only if none of
  its cells is a number (--header or --no-header decide instead); when one is used,
  a line on stderr names its columns. Every other row must hold finite numbers, as
  many as the first row: a blank cell, text, nan or inf, or a short or long row stops
  with the file, line and column. Empty lines are skipped; no row is dropped otherwise.
  FILE may be a pipe or FIFO, or - for standard input: it is read once.

memory:
  Before it allocates anything, train estimates what the run needs (rows x hidden
  units for each array it keeps) and refuses a run above --max-memory (default 2G).
  A --data input counts five times its bytes, and reading stops at that limit.

progress:
  On a terminal, stderr shows the iteration, the rate, the latest error and the time
  left; nothing when stderr is a pipe or a file. Ctrl-C stops the run (exit 130).
"""

_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?", re.IGNORECASE)


def _size(text: str) -> int:
    """``512M``, ``2G``, ``1.5GiB`` or a number of bytes, as bytes (binary multiples)."""
    match = _SIZE.fullmatch(text.strip())
    if not match or float(match[1]) <= 0:
        raise argparse.ArgumentTypeError(f"expected a size such as 512M or 4G, got {text!r}")
    return int(float(match[1]) * 1024 ** " kmgt".index(match[2].lower() or " "))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"nn11: error: {message}\n")


def _version() -> str:
    try:
        return metadata.version("nn11")
    except metadata.PackageNotFoundError:  # pragma: no cover (run from a bare checkout)
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="nn11", description="The post's networks, and a few knobs beyond it.")
    p.add_argument("--version", action="version", version=f"nn11 {_version()}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = sub.add_parser("run", help="run one of the post's listings")
    run.add_argument("listing", choices=sorted(listings.LISTINGS))
    _check_parser(sub)
    t = sub.add_parser(
        "train",
        help="train on the post's data or a CSV file",
        epilog=TRAIN_NOTES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    t.add_argument("--hidden", type=int, help="hidden units (default: none, the 2-layer net)")
    t.add_argument("--alpha", type=float, default=1.0, help="learning rate (default 1)")
    t.add_argument("--iterations", type=int, default=10_000, help="default 10000")
    t.add_argument("--every", type=int, default=10_000, help="print the error every K iterations")
    t.add_argument("--seed", type=int, default=1, help="default 1")
    t.add_argument(
        "--data",
        metavar="FILE",
        help="CSV: input columns, then a target column in [0, 1] ('-': standard input)",
    )
    t.add_argument(
        "--header",
        action=argparse.BooleanOptionalAction,
        help="the CSV's first row is (or is not) a header (default: detect, see below)",
    )
    t.add_argument(
        "--max-memory",
        type=_size,
        default=MAX_MEMORY,
        metavar="SIZE",
        help="refuse runs estimated to need more, e.g. 512M or 8G (default 2G)",
    )
    return p


CHECK_NOTES = """\
Your program runs in a child process, in a temporary folder, with numpy's generator seeded
with 1 (as the listings do). Its values are compared with the listing's by value, not by name,
at iterations 0, 1 and the last. Exit status: 0 when it matches, 1 when it does not, 2 when
the file cannot be read.
"""


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def _at_least_two(text: str) -> int:
    if not (text.strip().isdigit() and int(text) >= 2):
        raise argparse.ArgumentTypeError(f"expected a whole number >= 2, got {text!r}")
    return int(text)


def _check_parser(sub: Any) -> None:
    c = sub.add_parser(
        "check",
        help="compare a network you wrote from memory with the listing",
        epilog=CHECK_NOTES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("file", help="your program, e.g. mine.py")
    c.add_argument(
        "--part",
        choices=["1", "2", "11"],
        default="1",
        help="1: Part 1's listing (default), 2: Part 2's, 11: the 11 lines",
    )
    c.add_argument("--timeout", type=_seconds, default=verdict.TIMEOUT, help="seconds (default 60)")
    c.add_argument(
        "--iterations",
        type=_at_least_two,
        help="compare with the listing's loop run this many times (for a shortened loop)",
    )


def _check(args: argparse.Namespace) -> int:
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        print(f"nn11: error: {args.file}: {reason}", file=sys.stderr)
        return 2
    found = verdict.check(
        text, args.part, filename=args.file, timeout=args.timeout, iterations=args.iterations
    )
    print(found)
    return 0 if found.ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (Ctrl-C and write errors: see main_exit)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # --help, --version (0) or a bad flag (2, message already printed)
        return int(stop.code or 0)
    if args.command == "run":
        listings.run(args.listing)
        return 0
    if args.command == "check":
        return _check(args)
    try:
        if args.data is None:
            X, y = data.X, (data.y_xor if args.hidden else data.y)  # XOR needs a hidden layer
        else:
            table = csvdata.load(args.data, header=args.header, max_memory=args.max_memory)
            X, y = table.X, table.y
            if table.header is not None:
                columns = ", ".join(checks.shown(c, 20, quote=False) for c in table.header[:20])
                more = f" and {len(table.header) - 20:,} more" * (len(table.header) > 20)
                source = csvdata.STDIN if args.data == "-" else args.data
                notice = f"nn11: {source}: first row read as a header: {columns}{more}"
                print(notice, file=sys.stderr)
        with Progress(args.iterations, sys.stderr) as progress:
            result = train(
                X,
                y,
                hidden=args.hidden,
                alpha=args.alpha,
                iterations=args.iterations,
                seed=args.seed,
                record_every=args.every,
                max_memory=args.max_memory,
                progress=progress.show if progress.on else None,
            )
    except checks.TooLarge as e:
        print(f"nn11: error: {e.explain('--max-memory')}", file=sys.stderr)
        return 2
    except (ValueError, TypeError) as e:
        print(f"nn11: error: {e}", file=sys.stderr)
        return 2
    except MemoryError:  # the estimate was too low: still one line
        print("nn11: error: out of memory; lower --max-memory or the run's size", file=sys.stderr)
        return 2
    for i, err in enumerate(result.errors):
        print(f"Error after {i * args.every} iterations: {err}")
    print("Output After Training:")
    with np.printoptions(threshold=sys.maxsize):
        print(result.output)
    return 0


def main_exit() -> None:
    """Console-script entry point: behaves like a Unix tool.

    Ctrl-C: one line, status 130. Output into a closed pipe (``| head -1``): quiet, status 141
    (128 + SIGPIPE, as a tool killed by the signal reports). Any other write error on stdout
    (a full disk, ``> /dev/full``): one line, status 1.
    """
    try:
        code = main()
        sys.stdout.flush()
    except KeyboardInterrupt:
        _say("nn11: interrupted")
        code = 130
    except BrokenPipeError:
        _drop_stdout()
        code = 141
    except OSError as e:
        _drop_stdout()
        _say(f"nn11: error: cannot write the output: {e.strerror or e}")
        code = 1
    sys.exit(code)


def _say(line: str) -> None:
    try:
        print(line, file=sys.stderr, flush=True)
    except OSError:
        pass


def _drop_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush has nowhere to fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
