"""The explorer's data (hooks/explorer.py) is nn11.train's, and the built page carries it."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import numpy as np
import pytest

from hooks import explorer
from nn11 import train
from nn11.data import X, y, y_xor

DATA = re.compile(r'<script type="application/json" id="nn11-explorer-data">(.*?)</script>', re.S)


@pytest.mark.parametrize("total", [1, 2, 10_000, 60_000])
def test_stops_run_from_0_to_the_last_iteration_without_repeats(total: int) -> None:
    got = explorer.stops(total)
    assert got[0] == 0 and got[-1] == total - 1
    assert got == sorted(set(got))
    if total > 1_000:  # dense near the start
        assert got[:5] == [0, 1, 2, 3, 4]


def test_the_built_page_carries_trains_numbers(site_dir: Path) -> None:
    text = (site_dir / "play" / "explorer" / "index.html").read_text(encoding="utf-8")
    found = DATA.search(text)
    assert found, "no explorer data on the built page"
    data = json.loads(html.unescape(found[1]) if "&quot;" in found[1] else found[1])
    assert "<!-- nn11-explorer" not in text
    two, three = data["two-layer"], data["three-layer"]
    part1 = train(X, y, snapshot_at=two["stops"])
    last = two["stops"][-1]
    assert last == 9_999
    # The end is exact: it is what the listing prints.
    assert two["snapshots"][-1]["l1"] == part1.snapshots[last]["l1"].tolist()
    for k, i in enumerate(two["stops"]):
        for name, value in two["snapshots"][k].items():
            np.testing.assert_allclose(value, part1.snapshots[i][name], rtol=1e-5, atol=1e-9)
    part2 = train(X, y_xor, hidden=4, iterations=60_000, record_every=10_000)
    assert three["printed"] == pytest.approx(part2.errors, rel=1e-9)
    assert three["snapshots"][-1]["l2"] == part2.output.tolist()


def test_the_marker_is_replaced_only_where_asked() -> None:
    assert explorer.on_page_markdown("no marker here", page=None) == "no marker here"
    out = explorer.on_page_markdown("a\n\n<!-- nn11-explorer -->\n\nb", page=None)
    assert 'id="nn11-explorer-data"' in out and "nn11-explorer -->" not in out
    assert "</script>" in out and out.count("</script>") == 1
