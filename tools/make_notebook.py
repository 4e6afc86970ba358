"""Write docs/play/notebook.ipynb from the listings: its listing cells ARE the files.

    python tools/make_notebook.py           # (re)write the notebook
    python tools/make_notebook.py --check   # exit 1 if the stored notebook is out of date

The notebook is stored without outputs; the site build and the tests execute it.
It needs numpy and matplotlib only (no nn11 import), so the downloaded file runs anywhere.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from hooks import site

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "play" / "notebook.ipynb"
POST = "https://iamtrask.github.io/2015/07/12/basic-python-network/"
#: The site's address, as mkdocs.yml sets it (the one place it is written).
SITE = site.site_url(ROOT / "mkdocs.yml")

#: Listing cells, in notebook order: cell id -> file whose whole text is the cell.
LISTINGS = {"two-layer": "nn11/two_layer.py", "three-layer": "nn11/three_layer.py"}

INTRO = f"""\
# The two networks, runnable

This notebook runs the two listings of Andrew Trask's post
[A Neural Network in 11 lines of Python]({POST}) as they are, one cell each,
then draws a few pictures of what they computed. The listing cells are the files
`nn11/two_layer.py` and `nn11/three_layer.py` of the [nn11 project]({SITE}), copied
verbatim when the notebook is generated (a test fails if they ever differ). Nothing
else is needed but numpy and matplotlib, so the file also runs on Colab or in any
Jupyter. Run the cells from top to bottom, then change things and run them again."""

PART1 = """\
## Part 1: one layer of weights

The whole of `nn11/two_layer.py`: four examples with three inputs each, a target
that copies the first input, 10,000 rounds of training, and the final predictions."""

PLOT_PREDICTIONS = """\
import matplotlib.pyplot as plt
import numpy as np


def compare(prediction, target, title):
    \"\"\"Bars: the network's output next to the target, one pair per example.\"\"\"
    rows = np.arange(len(target))
    _, ax = plt.subplots(figsize=(6, 3))
    ax.bar(rows - 0.2, target.ravel(), width=0.4, label="target", color="#9e9e9e")
    ax.bar(rows + 0.2, prediction.ravel(), width=0.4, label="prediction", color="#3949ab")
    ax.set_xticks(rows, [" ".join(str(v) for v in r) for r in X])
    ax.set_xlabel("inputs of the example")
    ax.set_ylim(0, 1.05)
    ax.set_title(title)
    ax.legend(loc="upper left", frameon=False)
    plt.show()


compare(l1, y, "Part 1: the printed output (iteration 9,999, the last)")"""

SIGMOID_MD = """\
The listing's `nonlin` is still defined, so we can look at it: the curve squashes any
number into (0, 1), and the slope it returns with `deriv=True` (computed from the
curve's output, not from its input) peaks in the middle and fades at both ends."""

PLOT_SIGMOID = """\
x = np.linspace(-6, 6, 241)
_, ax = plt.subplots(figsize=(6, 3))
ax.plot(x, nonlin(x), label="nonlin(x)", color="#3949ab", lw=2)
ax.plot(x, nonlin(nonlin(x), deriv=True), label="nonlin(nonlin(x), deriv=True)", color="#d32f2f")
ax.set_xlabel("x")
ax.legend(frameon=False)
plt.show()"""

PART2 = """\
## Part 2: a hidden layer for XOR

The whole of `nn11/three_layer.py`. The target is now the XOR of the first two inputs,
which no single input column predicts, so the network gets four hidden units and a
second weight matrix. It trains 60,000 times and reports its mean error every 10,000."""

PLOT_XOR = """\
compare(l2, y, "Part 2: the output at iteration 59,999, the last")"""

HIDDEN_MD = """\
What the hidden layer learned: each column is one hidden unit, each row one example
(numbered from 1 here, as on the site's pages; in code, unit 1 is `l1[:, 0]`).
The output unit only sees these four numbers per example."""

PLOT_HIDDEN = """\
fig, ax = plt.subplots(figsize=(4.5, 3))
image = ax.imshow(l1, cmap="viridis", vmin=0, vmax=1)
ax.set_xticks(range(l1.shape[1]), [f"unit {i + 1}" for i in range(l1.shape[1])])
ax.set_yticks(range(len(X)), [" ".join(str(v) for v in r) for r in X])
ax.set_ylabel("inputs of the example")
fig.colorbar(image, ax=ax, label="activation")
plt.show()"""

OUTRO = f"""\
## Things to try

- Change the seed and run a listing again: how much does the end result change?
- Change the number of iterations and watch the error.
- Give the hidden layer more units: change `(3, 4)` and `(4, 1)` in the weight shapes together.

More on the site: [five exercises]({SITE}play/exercises/) with checked answers, and
[the learning rate and hidden size]({SITE}play/gradient-descent/) from the post's follow-up."""

#: Alt text of each plotting cell's figure, in order (the site hook adds it to the images).
ALT = {
    "plot-predictions": "Bar chart: for each of the four examples, the 2-layer network's "
    "prediction next to its target; they nearly coincide.",
    "plot-sigmoid": "The sigmoid rising from 0 to 1 between x = -6 and 6, and its slope, "
    "a bump that peaks at x = 0.",
    "plot-xor": "Bar chart: for each of the four examples, the 3-layer network's prediction "
    "next to its XOR target; they nearly coincide.",
    "plot-hidden": "Heat map of the four hidden units' activations for the four examples.",
}


def listing_text(path: str, root: Path = ROOT) -> str:
    """A listing file's text as a cell source (the file minus its final newline)."""
    text = (root / path).read_text(encoding="utf-8")
    return text[:-1] if text.endswith("\n") else text


def build(root: Path = ROOT) -> nbformat.NotebookNode:
    """The notebook, without outputs."""

    def md(cell_id: str, text: str) -> nbformat.NotebookNode:
        return new_markdown_cell(text, id=cell_id)

    def code(cell_id: str, text: str, **meta: str) -> nbformat.NotebookNode:
        cell = new_code_cell(text, id=cell_id)
        if meta:
            cell.metadata["nn11"] = meta
        return cell

    def listing(cell_id: str) -> nbformat.NotebookNode:
        path = LISTINGS[cell_id]
        return code(cell_id, listing_text(path, root), listing=path)

    def plot(cell_id: str, text: str) -> nbformat.NotebookNode:
        return code(cell_id, text, alt=ALT[cell_id])

    nb = new_notebook(
        cells=[
            md("intro", INTRO),
            md("part-1", PART1),
            listing("two-layer"),
            plot("plot-predictions", PLOT_PREDICTIONS),
            md("sigmoid", SIGMOID_MD),
            plot("plot-sigmoid", PLOT_SIGMOID),
            md("part-2", PART2),
            listing("three-layer"),
            plot("plot-xor", PLOT_XOR),
            md("hidden", HIDDEN_MD),
            plot("plot-hidden", PLOT_HIDDEN),
            md("outro", OUTRO),
        ],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    )
    nbformat.validate(nb)
    return nb


def text(root: Path = ROOT) -> str:
    """The notebook file's exact text."""
    return nbformat.writes(build(root)) + "\n"


def main(argv: list[str]) -> int:
    want = text()
    if argv == ["--check"]:
        if NOTEBOOK.read_text(encoding="utf-8") != want:
            print(f"{NOTEBOOK.relative_to(ROOT)} is out of date: run tools/make_notebook.py")
            return 1
        return 0
    if argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    NOTEBOOK.parent.mkdir(parents=True, exist_ok=True)
    NOTEBOOK.write_text(want, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
