"""No heading is left alone at the foot of a page: a section's title and a subheading stay
on the page where what they introduce begins (read back from the PDF: the last line of
text on each page)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from benchmarks.make_study import make_study
from tests.conftest import run_guide

BODY = (0.08, 0.92)  # the part of the page height between the page number and the running head


def last_lines(pdf: Path) -> dict[int, str]:
    """Page number -> the lowest line of text in the page's body (running heads and page
    numbers left out)."""
    reader = PdfReader(pdf)
    found: dict[int, str] = {}
    for number, page in enumerate(reader.pages, 1):
        height = float(page.mediabox.height)
        runs = _text_runs(page)
        body = [(y, text) for y, text in runs if BODY[0] * height < y < BODY[1] * height]
        if body:
            lowest = min(y for y, _ in body)
            found[number] = " ".join(text for y, text in body if abs(y - lowest) < 2)
    return found


def _text_runs(page) -> list[tuple[float, str]]:
    """(height on the page, text) of each piece of text on `page`."""
    runs: list[tuple[float, str]] = []

    def visit(text: str, cm: list, tm: list, _font: object, _size: object) -> None:
        if text.strip():
            runs.append((tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def headings(pdf: Path, study: Path) -> set[str]:
    """The section titles as printed (their bookmarks, in capitals) and the subheadings."""
    reader = PdfReader(pdf)
    titles: set[str] = set()

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            elif depth > 0:
                titles.add(item.title.upper())

    walk(reader.outline, 0)
    for week in (study / "content").glob("*.md"):
        titles.update(re.findall(r"^#{3,} +(.+?) *$", week.read_text("utf-8"), re.MULTILINE))
    return titles


def stranded(pdf: Path, study: Path) -> list[tuple[int, str]]:
    heads = headings(pdf, study)
    return [(page, line) for page, line in last_lines(pdf).items() if line in heads]


def test_the_sample_leaves_no_heading_at_a_page_foot(sample_pdf: Path) -> None:
    study = sample_pdf.parents[1]
    assert len(headings(sample_pdf, study)) > 10
    assert stranded(sample_pdf, study) == []


@pytest.fixture(scope="module")
def long_study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """26 generated weeks: section titles land near page feet many times over."""
    return make_study(tmp_path_factory.mktemp("kept") / "study", 26, seed=1)


@pytest.mark.parametrize("edition", ["participant", "leader"])
def test_a_long_book_leaves_no_heading_at_a_page_foot(long_study: Path, edition: str) -> None:
    out = long_study / "output" / f"{edition}.pdf"
    result = run_guide("build", long_study, "--edition", edition, "--out", str(out))
    assert result.code == 0, result.stderr
    assert stranded(out, long_study) == []
