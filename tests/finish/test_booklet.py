"""Booklet imposition: page order, padding, sheet sizes, signatures, creep, determinism."""

from __future__ import annotations

import logging
from io import BytesIO

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject
from reportlab.pdfbase.pdfmetrics import stringWidth

from guide_builder.finish.booklet import (
    SHEET_SIZES,
    choose_sheet,
    impose_booklet,
    pad_pages,
    saddle_stitch_order,
)
from tests.finish.books import SIZES, make_book, make_filler, pages_of, sides, token_positions

LETTER_LANDSCAPE = SHEET_SIZES["letter"]


def read_folded(imposed: list[tuple[str, str]]) -> list[str]:
    """The order a reader meets the pages after printing duplex, folding each sheet and nesting
    them (outermost sheet first): down the right halves of fronts and left halves of backs going
    in, then back out along right halves of backs and left halves of fronts."""
    sheets = list(zip(imposed[0::2], imposed[1::2], strict=True))
    going_in = [page for front, back in sheets for page in (front[1], back[0])]
    coming_out = [page for front, back in reversed(sheets) for page in (back[1], front[0])]
    return going_in + coming_out


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (4, [(4, 1), (2, 3)]),
        (8, [(8, 1), (2, 7), (6, 3), (4, 5)]),
        (12, [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]),
    ],
)
def test_booklet_page_order_small_books(count: int, expected: list[tuple[int, int]]) -> None:
    result = impose_booklet(make_book(count))
    assert sides(result.pdf) == [tuple(pages_of(pair)) for pair in expected]
    assert read_folded(sides(result.pdf)) == pages_of(range(1, count + 1))
    assert (result.sheets, result.pages_in, result.pages_padded) == (count // 4, count, count)


def test_booklet_30_pages_padded_with_filler_before_back_cover() -> None:
    result = impose_booklet(make_book(30), filler=make_filler())
    book = [*range(1, 30), None, None, 30]
    assert read_folded(sides(result.pdf)) == pages_of(book)
    assert sides(result.pdf)[0] == ("P30", "P01")  # back cover and cover share the outer sheet
    assert sides(result.pdf)[1] == ("P02", "NOTES")  # page 31 of 32 is the first filler
    assert (result.sheets, result.pages_in, result.pages_padded) == (8, 30, 32)
    assert len(PdfReader(BytesIO(result.pdf)).pages) == 16


def test_booklet_pads_with_blank_pages_without_filler() -> None:
    result = impose_booklet(make_book(6))
    assert read_folded(sides(result.pdf)) == [*pages_of(range(1, 6)), "", "", "P06"]


def test_booklet_one_page_book_padding_follows_it() -> None:
    result = impose_booklet(make_book(1), filler=make_filler())
    assert read_folded(sides(result.pdf)) == ["P01", "NOTES", "NOTES", "NOTES"]


def test_pad_pages_puts_fillers_before_last_page() -> None:
    assert pad_pages(8) == list(range(8))
    assert pad_pages(5) == [0, 1, 2, 3, None, None, None, 4]
    assert pad_pages(10, 8) == [*range(9), *[None] * 6, 9]


def test_saddle_stitch_order_matches_brief_for_eight_pages() -> None:
    assert saddle_stitch_order(8) == [((7, 0), (1, 6)), ((5, 2), (3, 4))]
    with pytest.raises(ValueError, match="multiple of 4"):
        saddle_stitch_order(6)


@pytest.mark.parametrize(
    ("size", "sheet"),
    [
        ("half-letter", SHEET_SIZES["letter"]),
        ("a5", SHEET_SIZES["a4"]),
        # Letter goes on tabloid at full size rather than shrunk to 77% on letter: type and
        # answer-line spacing stay as designed (people write in this book), and 11x17 is what
        # church copiers and print shops use for letter booklets. `sheet=` asks for letter.
        ("letter", SHEET_SIZES["tabloid"]),
        ("a4", SHEET_SIZES["a3"]),
    ],
)
def test_booklet_sheet_size_full_scale(size: str, sheet: tuple[float, float]) -> None:
    result = impose_booklet(make_book(4, SIZES[size]))
    assert result.sheet_size == sheet
    assert result.scaled == 1.0
    for page in PdfReader(BytesIO(result.pdf)).pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(sheet)


def test_booklet_letter_on_letter_sheet_is_scaled_and_centred() -> None:
    result = impose_booklet(make_book(4, SIZES["letter"]), sheet=LETTER_LANDSCAPE)
    assert result.sheet_size == LETTER_LANDSCAPE
    assert result.scaled == pytest.approx(396 / 612)
    assert_centred(result.pdf, result.scaled)


def test_booklet_legal_scaled_onto_tabloid() -> None:
    result = impose_booklet(make_book(4, SIZES["legal"]))
    assert result.sheet_size == SHEET_SIZES["tabloid"]
    assert result.scaled == pytest.approx(792 / 1008)
    assert_centred(result.pdf, result.scaled)


def assert_centred(pdf: bytes, scale: float) -> None:
    """Every page token sits at the centre of its half of the sheet (the test pages centre it)."""
    for page in PdfReader(BytesIO(pdf)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        tokens = sorted(token_positions(page), key=lambda t: t[1])
        assert len(tokens) == 2
        for (token, x, y), centre in zip(tokens, (width / 4, 3 * width / 4), strict=True):
            assert x + scale * stringWidth(token, "Helvetica-Bold", 48) / 2 == pytest.approx(centre)
            assert y == pytest.approx(height / 2)


@pytest.mark.parametrize(
    ("page", "sheet", "scale"),
    [
        ((396, 612), "letter", 1.0),
        ((432, 648), "tabloid", 1.0),  # 6x9in
        ((419.53, 595.28), "a4", 1.0),
        ((297.64, 419.53), "a4", 1.0),  # A6: ISO pages stay on ISO paper
        ((612, 1008), "tabloid", 792 / 1008),
        ((841.89, 1190.55), "a3", 595.28 / 841.89),  # A3 pages shrink onto A3
    ],
)
def test_choose_sheet(page: tuple[float, float], sheet: str, scale: float) -> None:
    size, chosen_scale = choose_sheet(*page)
    assert size == SHEET_SIZES[sheet]
    assert chosen_scale == pytest.approx(scale, abs=1e-3)


def test_booklet_bleed_pages_placed_by_trim_box() -> None:
    writer = PdfWriter(clone_from=BytesIO(make_book(4, (414, 630))))
    for page in writer.pages:
        page.trimbox = RectangleObject((9, 9, 405, 621))
        page.bleedbox = RectangleObject((0, 0, 414, 630))
    buffer = BytesIO()
    writer.write(buffer)
    result = impose_booklet(buffer.getvalue())
    assert (result.sheet_size, result.scaled) == (LETTER_LANDSCAPE, 1.0)
    assert_centred(result.pdf, 1.0)


def test_booklet_signatures_imposed_separately() -> None:
    result = impose_booklet(make_book(16), signature=8)
    expected = [(8, 1), (2, 7), (6, 3), (4, 5), (16, 9), (10, 15), (14, 11), (12, 13)]
    assert sides(result.pdf) == [tuple(pages_of(pair)) for pair in expected]
    assert (result.sheets, result.pages_padded) == (4, 16)


def test_booklet_signature_pads_to_its_multiple() -> None:
    result = impose_booklet(make_book(12), filler=make_filler(), signature=8)
    assert result.pages_padded == 16
    first, second = sides(result.pdf)[:4], sides(result.pdf)[4:]
    assert read_folded(first) == pages_of(range(1, 9))
    assert read_folded(second) == pages_of([9, 10, 11, None, None, None, None, 12])


@pytest.mark.parametrize("signature", [0, 6, -4])
def test_booklet_signature_must_be_multiple_of_four(signature: int) -> None:
    with pytest.raises(ValueError, match="signature"):
        impose_booklet(make_book(8), signature=signature)


def test_booklet_creep_moves_inner_sheets_toward_spine() -> None:
    plain = impose_booklet(make_book(12))
    crept = impose_booklet(make_book(12), creep=6.0)
    readers = PdfReader(BytesIO(plain.pdf)), PdfReader(BytesIO(crept.pdf))
    for index, (before, after) in enumerate(zip(*(r.pages for r in readers), strict=True)):
        shift = 3.0 * (index // 2)  # sheets 0, 1, 2 of 3: 0, 3, 6 points
        (_, left0, _), (_, right0, _) = sorted(token_positions(before), key=lambda t: t[1])
        (_, left1, _), (_, right1, _) = sorted(token_positions(after), key=lambda t: t[1])
        assert (left1 - left0, right1 - right0) == pytest.approx((shift, -shift))


def test_booklet_creep_clips_content_at_the_fold() -> None:
    """Pages with a black 10pt stripe along both sides: on the innermost sheet, moved 8pt toward
    the spine, neither page's stripe may cross the fold into the other page's half."""
    book = striped_book(8)
    crept = impose_booklet(book, creep=8.0)
    inner_front = pdfium.PdfDocument(crept.pdf)[2].render(scale=1).to_pil().convert("L")
    spine = inner_front.width // 2
    assert inner_front.getpixel((spine - 5, 300)) > 200  # left page's inner stripe moved out of here
    assert inner_front.getpixel((spine + 5, 300)) > 200  # ...and cut at the fold, not drawn here
    assert inner_front.getpixel((spine - 1, 300)) < 50  # stripe still reaches the fold
    assert inner_front.getpixel((5, 300)) > 200  # outer stripe moved in by 8pt
    assert inner_front.getpixel((12, 300)) < 50


def striped_book(count: int) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(396, 612), invariant=1)
    for _ in range(count):
        canvas.rect(0, 0, 10, 612, stroke=0, fill=1)
        canvas.rect(386, 0, 10, 612, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_booklet_drops_annotations_and_fields_keeps_metadata() -> None:
    result = impose_booklet(make_book(8, links=True, fields=True, title="Draw Near"))
    reader = PdfReader(BytesIO(result.pdf))
    assert all("/Annots" not in page for page in reader.pages)
    assert "/AcroForm" not in reader.root_object
    assert reader.get_fields() is None
    assert reader.metadata is not None
    assert (reader.metadata.title, reader.metadata.author) == ("Draw Near", "Test Author")


def test_booklet_is_deterministic() -> None:
    book, filler = make_book(30), make_filler()
    first = impose_booklet(book, filler=filler, signature=8, creep=2.0)
    second = impose_booklet(book, filler=filler, signature=8, creep=2.0)
    assert first.pdf == second.pdf
    ident = PdfReader(BytesIO(first.pdf)).trailer["/ID"]
    assert ident[0] == ident[1]
    assert len(ident[0].original_bytes) == 16
    assert impose_booklet(book, filler=filler).pdf != first.pdf


def test_booklet_rejects_bad_inputs() -> None:
    with pytest.raises(ValueError, match="empty"):
        impose_booklet(b"")
    with pytest.raises(ValueError, match="one-page"):
        impose_booklet(make_book(4), filler=make_book(2))
    with pytest.raises(ValueError, match="creep"):
        impose_booklet(make_book(4), creep=-1)


def test_booklet_logs_no_pypdf_warnings(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="pypdf"):
        impose_booklet(make_book(30, links=True, fields=True), filler=make_filler(), creep=3.0)
    assert caplog.records == []


def test_booklet_rotated_pages_placed_as_viewers_show_them() -> None:
    writer = PdfWriter(clone_from=BytesIO(make_book(4)))
    writer.pages[1].rotate(90)  # shown turned clockwise: its text runs down the page
    writer.pages[3].rotate(270)  # turned counter-clockwise: text runs up
    buffer = BytesIO()
    writer.write(buffer)
    result = impose_booklet(buffer.getvalue())
    assert sides(result.pdf) == [("P04", "P01"), ("P02", "P03")]
    directions = {}
    for page in PdfReader(BytesIO(result.pdf)).pages:

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if text.startswith("P0"):
                dx, dy = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
                directions[text[:3]] = (round(dx / abs(dx or dy)), round(dy / abs(dx or dy)))

        page.extract_text(visitor_text=visit)
    assert directions == {"P01": (1, 0), "P02": (0, -1), "P03": (1, 0), "P04": (0, 1)}


def test_padding_can_go_after_the_last_page() -> None:
    from guide_builder.finish.booklet import pad_pages

    assert pad_pages(6, 4, before_last=False) == [0, 1, 2, 3, 4, 5, None, None]
    assert pad_pages(6, 4) == [0, 1, 2, 3, 4, None, None, 5]
