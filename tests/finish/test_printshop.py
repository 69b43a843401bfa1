"""Print-shop output: boxes, bleed and crop marks."""

from __future__ import annotations

import io

import pypdfium2
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from guide_builder.finish.printshop import MARK_GAP, add_bleed


def two_pages() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(396, 612), invariant=1)
    for number in (1, 2):
        canvas.drawString(100, 300, f"page {number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_boxes_are_set_around_the_unchanged_trim() -> None:
    result = add_bleed(two_pages(), 9.0)
    reader = PdfReader(io.BytesIO(result.pdf))
    for page in reader.pages:
        assert [float(v) for v in page.trimbox] == [0, 0, 396, 612]
        assert [float(v) for v in page.bleedbox] == [-9, -9, 405, 621]
        media = [float(v) for v in page.mediabox]
        assert media[0] < -9 - MARK_GAP and media[2] > 405 + MARK_GAP
    assert "page 2" in reader.pages[1].extract_text()
    assert add_bleed(two_pages(), 9.0).pdf == result.pdf


def test_crop_marks_are_drawn_outside_the_bleed_only() -> None:
    result = add_bleed(two_pages(), 9.0)
    pdf = pypdfium2.PdfDocument(result.pdf)
    image = pdf[0].render(scale=1).to_pil().convert("L")
    pdf.close()
    media_left = -(result.media_size[0] - 396) / 2
    # a vertical crop mark at the trim's left edge, below the page, outside the bleed
    x = round(0 - media_left)
    below = [image.getpixel((x, image.size[1] - y)) for y in range(2, 12)]
    assert min(below) < 128
    # nothing drawn inside the bleed band at that corner
    corner = [image.getpixel((round(-media_left) - 4, image.size[1] - round(-media_left) + 4))]
    assert min(corner) > 200


def test_no_marks_keeps_only_the_bleed() -> None:
    result = add_bleed(two_pages(), 9.0, marks=False)
    page = PdfReader(io.BytesIO(result.pdf)).pages[0]
    assert [float(v) for v in page.mediabox] == [-9, -9, 405, 621]
