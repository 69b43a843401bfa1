"""Running heads: every placeholder, and `{section}` as the section being read at the page's top."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import GUIDE_TOML, run_guide, write_study

PARAGRAPH = ("Abiding is not a technique but a friendship that grows in the ordinary hours of the day, "
             "in the kitchen and the car as much as in church. ") * 4
WEEK = f"""\
---
week: 3
title: Abide in the Vine
---

## Teaching

{(PARAGRAPH + chr(10) + chr(10)) * 9}
## Application

Do one thing this week.

## Going Deeper

Read John 15 slowly.

## Discussion Questions

1. What does abiding look like? {{lines=30}}
"""
LAYOUT = """\
name = "heads"
extends = "standard"
sections = ["teaching", "application", "deeper", "questions"]

[notes]
after = ["application"]

[header]
left = "{guide.title} / {week.number} / {week.title}"
right = "[{section}]"

[footer]
center = "p{page}"
"""


def page_heads(tmp_path: Path) -> list[tuple[str, str, str]]:
    study = write_study(tmp_path / "s", {"week-03-abide.md": WEEK}, toml=GUIDE_TOML + 'layout = "heads"\n',
                        layouts={"heads.toml": LAYOUT})
    result = run_guide("build", study, "--week", "3")
    assert result.code == 0, result.stderr
    heads = []
    for page in PdfReader(study / "output" / "test-study-week-03.pdf").pages:
        text = page.extract_text() or ""
        left = re.search(r"Test Study / \d+ / [^\n\[]+", text)
        section = re.search(r"\[([^\]\n]*)\]", text)
        number = re.search(r"\bp(\d+)\b", text)
        heads.append((left.group(0).strip() if left else "", section.group(1) if section else "-",
                      number.group(1) if number else ""))
    return heads


def test_every_placeholder_is_filled(tmp_path: Path) -> None:
    heads = page_heads(tmp_path)
    assert heads[0][0] == ""  # the week's opening page carries no header
    assert all(left == "Test Study / 3 / Abide in the Vine" for left, _, _ in heads[1:])
    assert [number for _, _, number in heads] == [str(n) for n in range(1, len(heads) + 1)]


def test_section_is_the_one_being_read_at_the_top_of_the_page(tmp_path: Path) -> None:
    sections = [section for _, section, _ in page_heads(tmp_path)]
    # p1 opens the week (no header); teaching runs on; application starts mid-page, so that
    # page still shows Teaching; the notes page after it shows Application; Going Deeper starts
    # at the top of the next page and shows itself; the questions then run over a page.
    assert sections[0] == "-"
    assert sections[1] == "Teaching"
    application_page = next(i for i, s in enumerate(sections) if s == "Application")
    assert sections[application_page - 1] == "Teaching"
    assert sections[application_page + 1] == "Going Deeper"
    assert sections[-1] == "Discussion Questions"


def test_rows_drawn_again_from_memory_print_the_same(tmp_path: Path, monkeypatch) -> None:
    """A row of running heads repeated from an earlier page gives the very bytes drawing it
    anew gives (the whole book, both parts)."""
    from benchmarks.make_study import make_study
    from guide_builder.build import BuildOptions, build_guide
    from guide_builder.render import pages

    study = make_study(tmp_path / "study", 8, seed=3)
    remembered = tmp_path / "remembered.pdf"
    build_guide(BuildOptions(root=study, out=remembered))
    rows: list[int] = []
    original = pages._draw_row

    def counting(canvas, *args, **kwargs) -> None:
        original(canvas, *args, **kwargs)
        rows.append(len(canvas.__dict__["_drawn_rows"]))

    def anew(canvas, templates, state, left, right, y, font, size, color=None) -> None:
        texts = [state.fill(templates.get(side, "")) for side in ("left", "center", "right")]
        pages._draw_texts(canvas, *texts, left, right, y, font, size, color)

    monkeypatch.setattr(pages, "_draw_row", counting)
    build_guide(BuildOptions(root=study, out=tmp_path / "counted.pdf"))
    assert rows and len(rows) - max(rows) >= 20  # headers repeat on the pages of a week
    monkeypatch.setattr(pages, "_draw_row", anew)
    fresh = tmp_path / "fresh.pdf"
    build_guide(BuildOptions(root=study, out=fresh))
    assert remembered.read_bytes() == fresh.read_bytes()
