"""Print-shop output: bleed, TrimBox/BleedBox and crop marks around every page.

The page content stays where it is; the MediaBox grows around it into negative
coordinates, so nothing is re-laid out or scaled. TrimBox is the finished page,
BleedBox the trim plus the bleed, and crop marks (registration colour, 0.25 pt) are
drawn outside the bleed, in line with the trim edges.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pypdf.generic import ArrayObject, DecodedStreamObject, FloatObject, NameObject, RectangleObject

from guide_builder.finish.metadata import copy_document_info, new_writer, read_pdf, write_pdf

MARK_LENGTH = 18.0  # 0.25in
MARK_GAP = 6.0  # space between the bleed edge and a mark


@dataclass(frozen=True)
class PrintShopResult:
    """The print-shop PDF and the sheet size a page now takes (trim + bleed + marks)."""

    pdf: bytes
    media_size: tuple[float, float]


def _box(left: float, bottom: float, right: float, top: float) -> RectangleObject:
    return RectangleObject([FloatObject(left), FloatObject(bottom), FloatObject(right), FloatObject(top)])


def crop_marks(width: float, height: float, bleed: float) -> bytes:
    """PDF operators drawing the eight crop marks around a trim of `width` x `height`."""
    start, end = bleed + MARK_GAP, bleed + MARK_GAP + MARK_LENGTH
    lines = []
    for x in (0.0, width):
        for sign, y in ((-1, 0.0), (1, height)):
            lines.append((x, y + sign * start, x, y + sign * end))
    for y in (0.0, height):
        for sign, x in ((-1, 0.0), (1, width)):
            lines.append((x + sign * start, y, x + sign * end, y))
    ops = ["q", "0.25 w", "1 1 1 1 K"]
    ops += [f"{x1:.3f} {y1:.3f} m {x2:.3f} {y2:.3f} l S" for x1, y1, x2, y2 in lines]
    ops.append("Q")
    return ("\n".join(ops) + "\n").encode("ascii")


def add_bleed(pdf: bytes, bleed: float, marks: bool = True) -> PrintShopResult:
    """Every page grown by `bleed` (points) on each side, with boxes set and crop marks."""
    if bleed < 0:
        raise ValueError(f"bleed must be zero or more points, got {bleed}")
    reader = read_pdf(pdf, "the book PDF")
    writer = new_writer(reader)
    margin = bleed + (MARK_GAP + MARK_LENGTH + 2 if marks else 0.0)
    size = (0.0, 0.0)
    for source in reader.pages:
        page = writer.add_page(source)
        trim = page.trimbox
        left, bottom, right, top = (float(v) for v in (trim.left, trim.bottom, trim.right, trim.top))
        width, height = right - left, top - bottom
        page.mediabox = _box(left - margin, bottom - margin, right + margin, top + margin)
        page.cropbox = page.mediabox
        page.trimbox = _box(left, bottom, right, top)
        page.bleedbox = _box(left - bleed, bottom - bleed, right + bleed, top + bleed)
        if marks:
            opening, closing = DecodedStreamObject(), DecodedStreamObject()
            opening.set_data(b"q\n")
            closing.set_data(b"Q\n" + _translate(left, bottom) + crop_marks(width, height, bleed))
            contents = page.get("/Contents")
            existing = contents.get_object() if contents is not None else ArrayObject()
            parts = list(existing) if isinstance(existing, ArrayObject) else [contents]
            page[NameObject("/Contents")] = ArrayObject(
                [writer._add_object(opening), *parts, writer._add_object(closing)]
            )
        size = (width + 2 * margin, height + 2 * margin)
    copy_document_info(reader, writer)
    seed = hashlib.sha256(pdf).digest() + f"{bleed!r}|{marks}".encode()
    return PrintShopResult(write_pdf(writer, seed), size)


def _translate(left: float, bottom: float) -> bytes:
    """Marks are drawn relative to the trim's lower-left corner."""
    if left == 0 and bottom == 0:
        return b""
    return f"1 0 0 1 {left:.3f} {bottom:.3f} cm\n".encode("ascii")
