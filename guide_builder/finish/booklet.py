"""Saddle-stitch booklet imposition: book pages -> two-up sheet sides ready for duplex printing.

Contract: `impose_booklet` takes the workbook's PDF bytes (and optionally a one-page filler
PDF) and returns a new PDF whose pages are sheet sides, front then back for each sheet, so
that the printed, folded and nested sheets read in book order. Nothing is read from or
written to disk, no form field or annotation survives, and the output bytes depend only on
the inputs. Print it duplex, flipping on the short edge.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pypdf import PageObject, PdfWriter, Transformation
from pypdf.generic import NameObject, RectangleObject

from guide_builder.finish.metadata import copy_document_info, new_writer, read_pdf, write_pdf

MM = 72 / 25.4

# Sheet sizes (landscape, points) a booklet can be imposed on, smallest first per family.
SHEET_SIZES: dict[str, tuple[float, float]] = {
    "letter": (792.0, 612.0),
    "tabloid": (1224.0, 792.0),
    "a4": (297 * MM, 210 * MM),
    "a3": (420 * MM, 297 * MM),
}
SHEET_FAMILIES: dict[str, tuple[str, ...]] = {"us": ("letter", "tabloid"), "iso": ("a4", "a3")}
# Portrait ISO page sizes: a book in one of these is imposed on ISO paper, anything else on US paper.
ISO_PAGE_SIZES: tuple[tuple[float, float], ...] = tuple(
    (w * MM, h * MM) for w, h in ((297, 420), (210, 297), (148, 210), (105, 148))
)
# /Rotate (clockwise, as a viewer turns the page) -> the matrix that turns page space upright.
ROTATIONS: dict[int, tuple[float, float, float, float, float, float]] = {
    0: (1, 0, 0, 1, 0, 0),
    90: (0, -1, 1, 0, 0, 0),
    180: (-1, 0, 0, -1, 0, 0),
    270: (0, 1, -1, 0, 0, 0),
}
FIT_TOLERANCE = 0.5  # points: a page this much larger than its half-sheet still counts as fitting


@dataclass(frozen=True)
class BookletResult:
    """An imposed booklet and the facts the CLI reports about it."""

    pdf: bytes
    sheets: int  # sheets of paper per copy (each printed on both sides)
    pages_in: int  # pages in the source book
    pages_padded: int  # pages after padding to a multiple of 4 (or of the signature)
    sheet_size: tuple[float, float]  # (width, height) of a sheet side in points, landscape
    scaled: float  # uniform scale applied to every page; 1.0 when printed at full size


@dataclass(frozen=True)
class _Source:
    """A page to place, measured before any of its boxes is changed.

    `upright` maps page space to the page as a viewer shows it (its /Rotate applied, trim
    box's lower-left corner at the origin); `size` is that upright page's width and height.
    """

    page: PageObject
    upright: Transformation
    size: tuple[float, float]


def impose_booklet(
    pdf: bytes,
    *,
    filler: bytes | None = None,
    signature: int | None = None,
    creep: float = 0.0,
    sheet: tuple[float, float] | None = None,
    back_cover: bool = True,
) -> BookletResult:
    """Impose `pdf` as a saddle-stitched booklet, two pages per sheet side.

    The page count is padded to a multiple of 4 (or of `signature`) with copies of `filler`
    (the first and only page of a PDF) or with blank pages, inserted before the last page
    (the back cover), or after it when `back_cover` is False (the book ends with content).
    With `signature=N` (a multiple of 4) the book is cut into signatures of N pages, each
    imposed on its own and concatenated. `creep` (points) moves page content toward the
    spine, 0 on the outermost sheet of each signature and `creep` on the innermost. The
    sheet is chosen with `choose_sheet` unless `sheet` gives its (width, height).
    """
    if signature is not None and (signature < 4 or signature % 4):
        raise ValueError(f"signature must be a positive multiple of 4, got {signature}")
    if creep < 0:
        raise ValueError(f"creep must be zero or more points, got {creep}")
    reader = read_pdf(pdf, "the book PDF")
    pages = [_source(page) for page in reader.pages]
    if not pages:
        raise ValueError("the book PDF has no pages")
    filler_page = _filler(filler)
    sequence = pad_pages(len(pages), signature or 4, before_last=back_cover)
    placed = [filler_page if number is None else pages[number] for number in sequence]
    sheet_size, scale = _sheet_for([p for p in placed if p is not None], sheet)

    writer = new_writer(reader)
    size = signature or len(sequence)
    for start in range(0, len(placed), size):
        _impose_signature(writer, placed[start : start + size], sheet_size, scale, creep)
    copy_document_info(reader, writer)
    options = f"{signature}|{creep!r}|{sheet!r}|{back_cover}".encode()
    seed = hashlib.sha256(pdf).digest() + hashlib.sha256(filler or b"").digest() + options
    return BookletResult(
        pdf=write_pdf(writer, seed),
        sheets=len(sequence) // 4,
        pages_in=len(pages),
        pages_padded=len(sequence),
        sheet_size=sheet_size,
        scaled=scale,
    )


def _impose_signature(
    writer: PdfWriter,
    pages: list[_Source | None],
    sheet: tuple[float, float],
    scale: float,
    creep: float,
) -> None:
    """Append the sheet sides (front, back, front, ...) of one signature; None pages stay blank."""
    order = saddle_stitch_order(len(pages))
    for index, sides in enumerate(order):
        shift = creep * index / (len(order) - 1) if len(order) > 1 else 0.0
        for left, right in sides:
            side = writer.add_page(PageObject.create_blank_page(None, *sheet))
            for cell, number in enumerate((left, right)):
                source = pages[number]
                if source is not None:
                    _place(side, source, sheet, cell, scale, shift)
            side.compress_content_streams()


def _sheet_for(pages: list[_Source], sheet: tuple[float, float] | None) -> tuple[tuple[float, float], float]:
    """The sheet and scale for the largest page placed (width and height taken separately)."""
    page_w = max(p.size[0] for p in pages)
    page_h = max(p.size[1] for p in pages)
    return fit_sheet((page_w, page_h), sheet) if sheet else choose_sheet(page_w, page_h)


def saddle_stitch_order(count: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """For a signature of `count` pages (a multiple of 4), each sheet's (front, back) as
    (left, right) 0-based page indexes, outermost sheet first.

    For 8 pages: [((7, 0), (1, 6)), ((5, 2), (3, 4))], i.e. fronts [8, 1] and [6, 3],
    backs [2, 7] and [4, 5] in page numbers.
    """
    if count < 4 or count % 4:
        raise ValueError(f"a signature needs a multiple of 4 pages, got {count}")
    return [((count - 1 - 2 * i, 2 * i), (2 * i + 1, count - 2 - 2 * i)) for i in range(count // 4)]


def pad_pages(count: int, multiple: int = 4, before_last: bool = True) -> list[int | None]:
    """Book page indexes padded to a multiple of `multiple`; None marks a filler page.

    Fillers go before the last page (the back cover), or at the end when `before_last` is
    False; a one-page book gets them after it.
    """
    missing = -count % multiple
    if count < 2 or not before_last:
        return [*range(count), *[None] * missing]
    return [*range(count - 1), *[None] * missing, count - 1]


def choose_sheet(page_w: float, page_h: float) -> tuple[tuple[float, float], float]:
    """The sheet for pages of this size and the uniform scale that fits two of them on it.

    Pages of an ISO size (A3-A6) go on A4 or A3, everything else on letter or tabloid: the
    smaller sheet whose halves hold the page at full size, else the larger sheet with the
    pages scaled down. So half-letter -> letter, A5 -> A4, letter and 6x9in -> tabloid,
    A4 -> A3, all at 1.0, and legal -> tabloid at about 0.79.
    """
    family = "iso" if any(_same_size((page_w, page_h), iso) for iso in ISO_PAGE_SIZES) else "us"
    candidates = [SHEET_SIZES[name] for name in SHEET_FAMILIES[family]]
    for candidate in candidates:
        size, scale = fit_sheet((page_w, page_h), candidate)
        if scale == 1.0:
            return size, scale
    return fit_sheet((page_w, page_h), candidates[-1])


def fit_sheet(page: tuple[float, float], sheet: tuple[float, float]) -> tuple[tuple[float, float], float]:
    """(sheet, scale): the largest uniform scale, at most 1.0, that fits a page in half the sheet."""
    half_w, height = sheet[0] / 2, sheet[1]
    if page[0] <= half_w + FIT_TOLERANCE and page[1] <= height + FIT_TOLERANCE:
        return sheet, 1.0
    return sheet, min(half_w / page[0], height / page[1])


def _same_size(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= 1 and abs(a[1] - b[1]) <= 1


def _source(page: PageObject) -> _Source:
    """A reader page ready to be placed: annotations dropped, trim box and rotation measured."""
    if "/Annots" in page:
        del page[NameObject("/Annots")]
    box = page.trimbox
    turn = Transformation(ROTATIONS.get(page.rotation % 360, ROTATIONS[0]))
    corners = [
        turn.apply_on((float(x), float(y))) for x in (box.left, box.right) for y in (box.bottom, box.top)
    ]
    low_x, low_y = min(c[0] for c in corners), min(c[1] for c in corners)
    size = (max(c[0] for c in corners) - low_x, max(c[1] for c in corners) - low_y)
    return _Source(page, turn.translate(-low_x, -low_y), size)


def _filler(data: bytes | None) -> _Source | None:
    if data is None:
        return None
    reader = read_pdf(data, "the filler PDF")
    if len(reader.pages) != 1:
        raise ValueError(f"the filler must be a one-page PDF, got {len(reader.pages)} pages")
    return _source(reader.pages[0])


def _place(
    side: PageObject,
    source: _Source,
    sheet: tuple[float, float],
    cell: int,
    scale: float,
    shift: float,
) -> None:
    """Draw `source` centred in the left (cell 0) or right (cell 1) half of `side`.

    `shift` moves it toward the spine; whatever would cross the fold is clipped away.
    """
    width, height = source.size
    half = sheet[0] / 2
    x = cell * half + (half - width * scale) / 2 + (shift if cell == 0 else -shift)
    y = (sheet[1] - height * scale) / 2
    # The visible part of the upright page: all of it, cut at the fold when shifted over it.
    fold = (half - x) / scale
    clip = (0.0, 0.0, min(width, fold), height) if cell == 0 else (max(0.0, fold), 0.0, width, height)
    back = _inverse(source.upright)
    corners = [back.apply_on((cx, cy)) for cx in (clip[0], clip[2]) for cy in (clip[1], clip[3])]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    # pypdf clips a merged page to its crop box, in the page's own space.
    source.page.cropbox = RectangleObject((min(xs), min(ys), max(xs), max(ys)))
    side.merge_transformed_page(source.page, source.upright.scale(scale, scale).translate(x, y))


def _inverse(transform: Transformation) -> Transformation:
    """The inverse of an invertible affine transformation."""
    a, b, c, d, e, f = (float(v) for v in transform.ctm)
    det = a * d - b * c
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return Transformation((ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_)))
