"""The post's line maps (../shared/post-facts.md sections 3 and 4), as regexes per line."""

from __future__ import annotations

COMMENT = r"#.*"

TWO_LAYER_BLANK = [2, 8, 14, 17, 21, 24, 26, 30, 33, 37, 40]
TWO_LAYER = {
    1: r"import numpy as np",
    3: COMMENT,
    4: r"def nonlin\(x, ?deriv ?= ?False\):",
    5: r"if\s*\(?deriv(\s*==\s*True)?\)?:",
    6: r"return x ?\* ?\(1 ?- ?x\)",
    7: r"return 1 ?/ ?\(1 ?\+ ?np\.exp\(-x\)\)",
    9: COMMENT,
    10: r"X = np\.array\(\[\[0, ?0, ?1\],",
    11: r"\[0, ?1, ?1\],",
    12: r"\[1, ?0, ?1\],",
    13: r"\[1, ?1, ?1\]\]\)",
    15: COMMENT,
    16: r"y = np\.array\(\[\[0, ?0, ?1, ?1\]\]\)\.T",
    18: COMMENT,
    19: COMMENT,
    20: r"np\.random\.seed\(1\)",
    22: COMMENT,
    23: r"syn0 = 2 ?\* ?np\.random\.random\(\(3, ?1\)\) ?- ?1",
    25: r"for \w+ in range\(10000\):",
    27: COMMENT,
    28: r"l0 = X",
    29: r"l1 = nonlin\(np\.dot\(l0, ?syn0\)\)",
    31: COMMENT,
    32: r"l1_error = y - l1",
    34: COMMENT,
    35: COMMENT,
    36: r"l1_delta = l1_error ?\* ?nonlin\(l1, ?True\)",
    38: COMMENT,
    39: r"syn0 \+= np\.dot\(l0\.T, ?l1_delta\)",
    41: r"print\(\"Output After Training:\"\)",
    42: r"print\(l1\)",
}

THREE_LAYER_BLANK = [2, 6, 8, 13, 18, 20, 24, 26, 31, 34, 37, 41, 44, 48]
THREE_LAYER = {
    1: r"import numpy as np",
    3: r"def nonlin\(x, ?deriv ?= ?False\):",
    4: r"if\s*\(?deriv(\s*==\s*True)?\)?:",
    5: r"return x ?\* ?\(1 ?- ?x\)",
    7: r"return 1 ?/ ?\(1 ?\+ ?np\.exp\(-x\)\)",
    9: r"X = np\.array\(\[\[0, ?0, ?1\],",
    10: r"\[0, ?1, ?1\],",
    11: r"\[1, ?0, ?1\],",
    12: r"\[1, ?1, ?1\]\]\)",
    14: r"y = np\.array\(\[\[0\],",
    15: r"\[1\],",
    16: r"\[1\],",
    17: r"\[0\]\]\)",
    19: r"np\.random\.seed\(1\)",
    21: COMMENT,
    22: r"syn0 = 2 ?\* ?np\.random\.random\(\(3, ?4\)\) ?- ?1",
    23: r"syn1 = 2 ?\* ?np\.random\.random\(\(4, ?1\)\) ?- ?1",
    25: r"for j in range\(60000\):",
    27: COMMENT,
    28: r"l0 = X",
    29: r"l1 = nonlin\(np\.dot\(l0, ?syn0\)\)",
    30: r"l2 = nonlin\(np\.dot\(l1, ?syn1\)\)",
    32: COMMENT,
    33: r"l2_error = y - l2",
    35: r"if \(?j ?% ?10000\)? ?== ?0:",
    36: r"print\(\"Error:\" ?\+ ?str\(np\.mean\(np\.abs\(l2_error\)\)\)\)",
    38: COMMENT,
    39: COMMENT,
    40: r"l2_delta = l2_error ?\* ?nonlin\(l2, ?deriv ?= ?True\)",
    42: COMMENT,
    43: r"l1_error = l2_delta\.dot\(syn1\.T\)",
    45: COMMENT,
    46: COMMENT,
    47: r"l1_delta = l1_error ?\* ?nonlin\(l1, ?deriv ?= ?True\)",
    49: r"syn1 \+= l1\.T\.dot\(l2_delta\)",
    50: r"syn0 \+= l0\.T\.dot\(l1_delta\)",
}

ELEVEN_LINES = {
    1: r"X = np\.array\(\[ ?\[0, ?0, ?1\], ?\[0, ?1, ?1\], ?\[1, ?0, ?1\], ?\[1, ?1, ?1\] ?\]\)",
    2: r"y = np\.array\(\[\[0, ?1, ?1, ?0\]\]\)\.T",
    3: r"syn0 = 2 ?\* ?np\.random\.random\(\(3, ?4\)\) ?- ?1",
    4: r"syn1 = 2 ?\* ?np\.random\.random\(\(4, ?1\)\) ?- ?1",
    5: r"for j in range\(60000\):",
    6: r"l1 = 1 ?/ ?\(1 ?\+ ?np\.exp\(-\(np\.dot\(X, ?syn0\)\)\)\)",
    7: r"l2 = 1 ?/ ?\(1 ?\+ ?np\.exp\(-\(np\.dot\(l1, ?syn1\)\)\)\)",
    8: r"l2_delta = \(y - l2\) ?\* ?\(l2 ?\* ?\(1 ?- ?l2\)\)",
    9: r"l1_delta = l2_delta\.dot\(syn1\.T\) ?\* ?\(l1 ?\* ?\(1 ?- ?l1\)\)",
    10: r"syn1 \+= l1\.T\.dot\(l2_delta\)",
    11: r"syn0 \+= X\.T\.dot\(l1_delta\)",
}

# file -> (map, blank lines, total lines)
MAPS = {
    "two_layer.py": (TWO_LAYER, TWO_LAYER_BLANK, 42),
    "three_layer.py": (THREE_LAYER, THREE_LAYER_BLANK, 50),
    "eleven_lines.py": (ELEVEN_LINES, [], 11),
}
