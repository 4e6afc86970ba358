"""Print the pin of a Line page, or of listing lines (hooks/linepage.py computes it).

python tools/pin.py docs/part1/line-29.md          # the page's explains: lines, as they are now
python tools/pin.py nn11/two_layer.py 29 29
"""

from __future__ import annotations

import sys
from pathlib import Path

from hooks import linepage

ROOT = Path(__file__).resolve().parent.parent


def fresh(argv: list[str], root: Path = ROOT) -> str:
    """The pin the arguments ask for; ValueError naming the argument when they are wrong."""
    if len(argv) == 1:
        page = Path(argv[0])
        path = page if page.is_absolute() else Path.cwd() / page
        if not path.is_file():
            raise ValueError(f"PAGE: {argv[0]} is not a file")
        try:
            found = linepage.read(page.name, path.read_text(encoding="utf-8"))
        except linepage.LinePageError as e:
            raise ValueError(f"PAGE: {e}") from None
        if found is None:
            raise ValueError(f"PAGE: {argv[0]} has no explains: front matter")
        file, first, last = found.file, found.first, found.last
    elif len(argv) == 3:
        file = argv[0]
        if not (root / file).is_file():
            raise ValueError(f"FILE: {file} is not a file under {root}")
        if not (argv[1].isdigit() and argv[2].isdigit()):
            raise ValueError(f"FIRST LAST: expected two line numbers, got {argv[1]} {argv[2]}")
        first, last = int(argv[1]), int(argv[2])
    else:
        raise ValueError("expected PAGE, or FILE FIRST LAST")
    return linepage.pin(root, file, first, last)


def main(argv: list[str]) -> int:
    try:
        print(fresh(argv))
    except ValueError as e:
        print(f"pin.py: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
