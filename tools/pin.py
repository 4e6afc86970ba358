"""Print the pin of a listing fragment: first 12 hex of sha256 of its lines, newlines included.

python tools/pin.py nn11/two_layer.py 29 29
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fragment(path: str | Path, start: int, end: int, root: Path = ROOT) -> str:
    """Lines ``start``..``end`` (1-based, inclusive) of ``path``, exactly as stored."""
    lines = (root / path).read_text(encoding="utf-8").splitlines(keepends=True)
    if not 1 <= start <= end <= len(lines):
        raise ValueError(f"{path} has {len(lines)} lines; {start}..{end} is not a range in it")
    return "".join(lines[start - 1 : end])


def pin(path: str | Path, start: int, end: int, root: Path = ROOT) -> str:
    """The 12-hex pin of that fragment."""
    text = fragment(path, start, end, root)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    print(pin(argv[0], int(argv[1]), int(argv[2])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
