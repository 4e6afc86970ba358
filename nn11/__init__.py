"""nn11: Andrew Trask's "A Neural Network in 11 lines of Python", line for line, in Python 3.

The listings live in ``two_layer.py``, ``three_layer.py`` and ``eleven_lines.py``;
importing this package never runs them.
"""

from nn11.sigmoid import nonlin
from nn11.training import Training, train
from nn11.verdict import Verdict, check

__all__ = ["Training", "Verdict", "check", "nonlin", "train"]
