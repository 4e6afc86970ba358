"""``nn11`` on the command line: run a listing, or train beyond the post."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

import numpy as np

from nn11 import csvdata, data, listings
from nn11.training import train


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"nn11: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="nn11", description="The post's networks, and a few knobs beyond it.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = sub.add_parser("run", help="run one of the post's listings")
    run.add_argument("listing", choices=sorted(listings.LISTINGS))
    t = sub.add_parser("train", help="train on the post's data or a CSV file")
    t.add_argument("--hidden", type=int, help="hidden units (default: none, the 2-layer net)")
    t.add_argument("--alpha", type=float, default=1.0, help="learning rate (default 1)")
    t.add_argument("--iterations", type=int, default=10_000, help="default 10000")
    t.add_argument("--every", type=int, default=10_000, help="print the error every K iterations")
    t.add_argument("--seed", type=int, default=1, help="default 1")
    t.add_argument("--data", help="CSV: input columns, then a target column in [0, 1]")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # --help (0) or a bad flag (2, message already printed)
        return int(stop.code or 0)
    if args.command == "run":
        listings.run(args.listing)
        return 0
    try:
        if args.data is None:
            X, y = data.X, (data.y_xor if args.hidden else data.y)  # XOR needs a hidden layer
        else:
            X, y = csvdata.load(args.data)
        result = train(
            X,
            y,
            hidden=args.hidden,
            alpha=args.alpha,
            iterations=args.iterations,
            seed=args.seed,
            record_every=args.every,
        )
    except (ValueError, TypeError) as e:
        print(f"nn11: error: {e}", file=sys.stderr)
        return 2
    for i, err in enumerate(result.errors):
        print(f"Error after {i * args.every} iterations: {err}")
    print("Output After Training:")
    with np.printoptions(threshold=sys.maxsize):
        print(result.output)
    return 0


def main_exit() -> None:
    """Console-script entry point."""
    sys.exit(main())
