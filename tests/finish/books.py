"""Small PDFs for finish-stage tests, made with reportlab, and ways to read imposed sheets back."""

from __future__ import annotations

import re
from collections.abc import Iterable
from io import BytesIO

from pypdf import PageObject, PdfReader
from reportlab.lib.pagesizes import A4, A5, LETTER
from reportlab.pdfgen.canvas import Canvas

HALF_LETTER = (396.0, 612.0)
SIZES = {"half-letter": HALF_LETTER, "a5": A5, "a4": A4, "letter": LETTER, "legal": (612.0, 1008.0)}
TOKEN = re.compile(r"P\d{2}|NOTES")


def make_book(
    count: int,
    size: tuple[float, float] = HALF_LETTER,
    *,
    labels: Iterable[tuple[int, str, int, str | None]] = (),
    outline: Iterable[tuple[str, int, int]] = (),
    title: str = "Test Book",
    links: bool = False,
    fields: bool = False,
) -> bytes:
    """A `count`-page PDF whose page i (0-based) shows "P{i+1:02d}" in large type.

    `labels` are (page index, reportlab style, start, prefix) page-label ranges; `outline` is
    (title, page index, level) bookmarks in order; `links` puts a link to page 1 on every
    page and `fields` a text field, to check that they are dropped or kept.
    """
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor("Test Author")
    canvas.setSubject("Test Subject")
    bookmarks: dict[int, list[tuple[str, int]]] = {}
    for name, index, level in outline:
        bookmarks.setdefault(index, []).append((name, level))
    for index in range(count):
        canvas.setFont("Helvetica-Bold", 48)
        canvas.drawCentredString(size[0] / 2, size[1] / 2, f"P{index + 1:02d}")
        canvas.setFont("Helvetica", 9)
        canvas.drawString(20, 20, "x")  # a mark near the bottom-left corner
        if links and index == 0:
            canvas.bookmarkPage("first")
        for name, level in bookmarks.get(index, []):
            key = f"b-{name}"
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(name, key, level)
        if links:
            canvas.linkAbsolute("first", "first", (20, 40, 120, 60))
        if fields:
            canvas.acroForm.textfield(name=f"answer{index}", x=20, y=80, width=150, height=20)
        canvas.showPage()
    if bookmarks:
        canvas.showOutline()
    for index, style, start, prefix in labels:
        canvas.addPageLabel(index, style, start, prefix)
    canvas.save()
    return buffer.getvalue()


def make_filler(size: tuple[float, float] = HALF_LETTER) -> bytes:
    """A one-page "NOTES" page, standing in for the lead's lined notes page."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1)
    canvas.setFont("Helvetica-Bold", 36)
    canvas.drawCentredString(size[0] / 2, size[1] / 2, "NOTES")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def token_positions(page: PageObject) -> list[tuple[str, float, float]]:
    """Each page token on `page` with the (x, y) where it is drawn, in sheet coordinates."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        for token in TOKEN.findall(text):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((token, x, y))

    page.extract_text(visitor_text=visit)
    return found


def halves(page: PageObject) -> tuple[str, str]:
    """The token shown on the left and on the right half of an imposed sheet side ("" if blank)."""
    middle = float(page.mediabox.width) / 2
    left = [t for t, x, _ in token_positions(page) if x < middle]
    right = [t for t, x, _ in token_positions(page) if x >= middle]
    assert len(left) <= 1 and len(right) <= 1, (left, right)
    return (left[0] if left else "", right[0] if right else "")


def sides(pdf: bytes) -> list[tuple[str, str]]:
    """(left, right) tokens for every sheet side of an imposed PDF, in output order."""
    return [halves(page) for page in PdfReader(BytesIO(pdf)).pages]


def pages_of(numbers: Iterable[int | None]) -> list[str]:
    """Tokens for 1-based page numbers; None is a filler page."""
    return ["NOTES" if n is None else f"P{n:02d}" for n in numbers]
