"""The walkthrough pages are made from the Line pages (hooks/walkthrough.py), not typed twice."""

from __future__ import annotations

import html
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "nn11_hook_walkthrough", ROOT / "hooks/walkthrough.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


wt = _load()


def sources() -> dict[str, str]:
    """{src_uri: text} of every page under docs/, as on_files sees them."""
    return {
        p.relative_to(DOCS).as_posix(): p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md")
    }


def line_pages(folder: str) -> list[Path]:
    return sorted((DOCS / folder).glob("line-*.md"))


def prose(markdown: str) -> list[str]:
    """The Line page's own paragraphs (outside fences; long enough to be distinctive)."""
    body = markdown.split("---", 2)[2]
    rows = [row for _, row in wt._outside_fences(body.splitlines())]
    paras = "\n".join(rows).split("\n\n")
    return [
        p.strip() for p in paras if len(p.strip()) > 40 and not p.lstrip().startswith(("#", "$$"))
    ]


def section(page: str, uri: str) -> str:
    """The Markdown of one Line page's section on a generated page."""
    step = wt.parse_line_page(uri, sources()[uri])
    start = page.index(f"<!-- nn11-wt:step {step.first} {step.last} ")
    return page[start : page.index("<!-- nn11-wt:", start + 1)]


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    return wt.pages(sources(), ROOT)


def test_one_walkthrough_per_part(generated: dict[str, str]) -> None:
    assert sorted(generated) == ["part1/walkthrough.md", "part2/walkthrough.md"]
    assert not (DOCS / "part1/walkthrough.md").exists(), "generated, never a file in docs/"


@pytest.mark.parametrize(
    ("folder", "include"),
    [("part1", '--8<-- "nn11/two_layer.py:1:42"'), ("part2", '--8<-- "nn11/three_layer.py:1:50"')],
)
def test_whole_listing_included_once_numbered_from_1(
    generated: dict[str, str], folder: str, include: str
) -> None:
    page = generated[f"{folder}/walkthrough.md"]
    assert page.count('```python linenums="1"\n' + include + "\n```") == 1
    assert page.count(include) == 1


@pytest.mark.parametrize("folder", ["part1", "part2"])
def test_every_line_page_body_is_on_the_walkthrough(generated: dict[str, str], folder: str) -> None:
    page = generated[f"{folder}/walkthrough.md"]
    pages = line_pages(folder)
    assert pages
    starts = []
    for md in pages:
        uri = md.relative_to(DOCS).as_posix()
        text = md.read_text(encoding="utf-8")
        own = section(page, uri)
        paras = prose(text)
        assert paras, f"{uri}: no prose found to compare"
        for p in paras:  # links to sibling Line pages become in-page links: compare without them
            assert re.sub(r"\]\([^)]*\)", "]", p) in re.sub(r"\]\([^)]*\)", "]", own), (uri, p)
        starts.append(page.index(own))
    assert starts == sorted(starts), "sections follow the listing's order"


def test_changing_a_line_page_changes_the_walkthrough(generated: dict[str, str]) -> None:
    src = sources()
    marker = "A sentence that only this test writes."
    src["part1/line-29.md"] = src["part1/line-29.md"].rstrip("\n") + f"\n\n{marker}\n"
    changed = wt.pages(src, ROOT)
    assert marker not in generated["part1/walkthrough.md"]
    assert marker in section(changed["part1/walkthrough.md"], "part1/line-29.md")
    assert changed["part2/walkthrough.md"] == generated["part2/walkthrough.md"]
    del src["part1/line-36.md"]
    assert "nn11-wt:step 36 36" not in wt.pages(src, ROOT)["part1/walkthrough.md"]


def test_headings_move_down_a_level_outside_fences_only() -> None:
    text = (
        "---\nexplains: {file: nn11/two_layer.py, lines: [3, 3]}\n---\n\n# Line 03: x\n\n"
        "## Part\n\nSee [here](#part).\n\n```python\n# a comment, not a heading\n```\n"
    )
    step = wt.parse_line_page("part1/line-03.md", text)
    assert step.title == "Line 03: x"
    assert "### Part" in step.body
    assert "# a comment, not a heading" in step.body.splitlines()
    assert "[here](line-03.md#part)" in step.body  # an in-page link keeps its page
    assert "# Line 03" not in step.body


# Guards: each refusal, proven on a page that breaks it.

GOOD = "---\nexplains: {{file: {file}, lines: [{a}, {b}]}}\n---\n\n# Line {a:02d}: t\n\n{extra}\n"


def page(a: int, b: int, file: str = "nn11/two_layer.py", extra: str = "x") -> str:
    return GOOD.format(file=file, a=a, b=b, extra=extra)


def test_guards_accept_good_pages() -> None:
    out = wt.pages({"part1/line-04.md": page(4, 4), "part1/line-10.md": page(10, 13)}, ROOT)
    assert "nn11-wt:step 10 13 wt-line-10" in out["part1/walkthrough.md"]


@pytest.mark.parametrize(
    ("pages", "message"),
    [
        ({"part1/line-04.md": "# Line 04\n\ntext\n"}, "no 'explains"),
        ({"part1/line-04.md": page(5, 4)}, "explains.lines"),
        ({"part1/line-04.md": page(4, 4), "part1/line-05.md": page(4, 5)}, "the same lines"),
        ({"part1/line-04.md": page(4, 4), "part1/line-43.md": page(43, 43)}, "past line 42"),
        (
            {"part1/line-04.md": page(4, 4), "part1/line-05.md": page(5, 5, "nn11/three_layer.py")},
            "several files",
        ),
        (
            {
                "part1/line-04.md": page(4, 4, extra="[post]: https://a.example/"),
                "part1/line-05.md": page(5, 5, extra="[Post]: https://b.example/"),
            },
            "link label",
        ),
    ],
    ids=["no-explains", "reversed", "overlap", "out-of-range", "two-files", "label-clash"],
)
def test_guards_refuse(pages: dict[str, str], message: str) -> None:
    with pytest.raises(PluginError, match=message):
        wt.pages(pages, ROOT)


def fake_page(uri: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=uri, generated_by="hooks/walkthrough.py"))


def test_duplicate_ids_fail_the_build() -> None:
    ok = '<h2 id="a">x</h2><h2 id="b">y</h2>'
    assert wt.on_page_content(ok, page=fake_page("part1/walkthrough.md")) == ok
    with pytest.raises(PluginError, match="repeats ids"):
        wt.on_page_content(
            '<h2 id="a">x</h2><p id="a">y</p>', page=fake_page("part1/walkthrough.md")
        )


# The built site (one shared build).


def article(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("<article") : text.index("</article>")]


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.mark.parametrize(("folder", "n_lines"), [("part1", 42), ("part2", 50)])
def test_built_walkthrough(site_dir: Path, folder: str, n_lines: int) -> None:
    built = article(site_dir / folder / "walkthrough/index.html")
    assert "nn11-wt:" not in built, "a layout marker was left in the page"
    head, steps = built.split('<div class="nn11-wt__steps">')
    listing = head[head.index('<div class="nn11-wt__listing"') :]
    numbers = re.findall(r'id="__codelineno-0-(\d+)"', listing)
    assert numbers == [str(n) for n in range(1, n_lines + 1)]
    ids = re.findall(r'\sid="([^"]+)"', built)
    assert len(ids) == len(set(ids))
    for md in line_pages(folder):
        step = wt.parse_line_page(md.name, md.read_text(encoding="utf-8"))
        tag = (
            f'<section class="nn11-wt__step" id="{step.anchor}" data-first="{step.first}" '
            f'data-last="{step.last}"'
        )
        assert steps.count(tag) == 1, md.name
        own = article(site_dir / folder / md.stem / "index.html")
        own = re.sub(r"<!-- nn11-context -->.*?<!-- /nn11-context -->", "", own, flags=re.S)
        for p in re.findall(r"<p>(.*?)</p>", own, re.S):  # same paragraphs, links aside
            assert text_of(p) in text_of(steps), (md.name, text_of(p)[:80])


def test_built_paragraph_check_tells_pages_apart(site_dir: Path) -> None:
    part1 = text_of(article(site_dir / "part1/walkthrough/index.html"))
    line43 = article(site_dir / "part2/line-43/index.html")
    paras = [text_of(p) for p in re.findall(r"<p>(.*?)</p>", line43, re.S)]
    assert [p for p in paras if len(p) > 40 and p not in part1], "Part 2's prose is not on Part 1's"
