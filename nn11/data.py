"""The post's two toy datasets (a test checks them against the listings)."""

from __future__ import annotations

import numpy as np

#: Four examples, three inputs each; the third input is always 1.
X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])

#: Part 1's targets: a copy of X's first column, as a 4x1 column.
y = np.array([[0, 0, 1, 1]]).T

#: Part 2's targets: XOR of X's first two columns.
y_xor = np.array([[0, 1, 1, 0]]).T
