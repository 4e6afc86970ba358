"""Write (or check) nn11/variants/<name>.diff: each variant as a unified diff against the listing.

    python3 tools/diffs.py           # rewrite every .diff
    python3 tools/diffs.py --check   # exit 1 naming each .diff that is not current
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTING = "nn11/three_layer.py"
VARIANTS = ROOT / "nn11" / "variants"


def names(folder: Path = VARIANTS) -> list[str]:
    """Every variant: each .py in ``folder`` but the package's own modules."""
    return sorted(p.stem for p in folder.glob("*.py") if p.stem not in ("__init__", "data"))


def render(variant: Path, root: Path = ROOT) -> str:
    """The unified diff of the listing -> ``variant``, paths relative to ``root``."""
    old = (root / LISTING).read_text(encoding="utf-8").splitlines(keepends=True)
    new = variant.read_text(encoding="utf-8").splitlines(keepends=True)
    rel = variant.resolve().relative_to(root.resolve()).as_posix()
    return "".join(difflib.unified_diff(old, new, LISTING, rel, n=2))


def stale(folder: Path = VARIANTS, root: Path = ROOT) -> list[str]:
    """The .diff files in ``folder`` that differ from what ``render`` makes now (or are missing)."""
    out = []
    for name in names(folder):
        diff = folder / f"{name}.diff"
        want = render(folder / f"{name}.py", root)
        if not diff.exists() or diff.read_text(encoding="utf-8") != want:
            out.append(diff.name)
    return out


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        bad = stale()
        for name in bad:
            print(f"nn11/variants/{name} is stale: run python3 tools/diffs.py", file=sys.stderr)
        return 1 if bad else 0
    if argv:
        print("usage: python3 tools/diffs.py [--check]", file=sys.stderr)
        return 2
    for name in names():
        (VARIANTS / f"{name}.diff").write_text(render(VARIANTS / f"{name}.py"), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
