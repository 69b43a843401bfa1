"""The scripture index: merging and order."""

from __future__ import annotations

from guide_builder.render.index import merge_entries
from guide_builder.scripture import parse_reference


def test_overlapping_verses_merge_and_chapters_stay_apart() -> None:
    entries = {
        parse_reference("John 15:1-5"): [("3", "page-7")],
        parse_reference("John 15:4-8"): [("5", "page-9")],
        parse_reference("John 15"): [("2", "page-6")],
        parse_reference("Ps 23:1"): [("1", "page-5")],
    }
    merged = merge_entries(entries)
    labels = {ref.label(): [label for label, _ in pages] for ref, pages in merged.items()}
    assert labels == {"John 15:1-8": ["3", "5"], "John 15": ["2"], "Psalm 23:1": ["1"]}
    assert [r.label() for r in sorted(merged)] == ["Psalm 23:1", "John 15", "John 15:1-8"]


def test_a_long_index_line_wraps_splits_and_links_every_page() -> None:
    import io

    from pypdf import PdfReader
    from reportlab.lib.colors import black, blue
    from reportlab.pdfgen.canvas import Canvas

    from guide_builder.render.index import IndexLine

    pages = [(str(n), f"page-{n}") for n in range(1, 401)]
    line = IndexLine("John 3:16", pages, "Helvetica", 9, 11.25, 10, black, blue)
    _, height = line.wrap(200, 1000)
    assert height == len(line.lines) * 11.25 and len(line.lines) > 20
    first, second = line.split(200, 11.25 * 5 + 3)
    assert len(first.lines) == 5 and len(first.lines) + len(second.lines) == len(line.lines)
    assert first.wrap(200, 1000)[1] == 5 * 11.25  # a part keeps its lines
    assert line.split(200, 11.25 * 1.5) == []  # no single line left at the foot of a column
    assert len(line.split(200, height - 11.25)[1].lines) == 2  # nor alone at the top of the next
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for n in range(1, 401):
        canvas.bookmarkPage(f"page-{n}")
    for part in (first, second):
        part.wrapOn(canvas, 200, 1000)
        part.drawOn(canvas, 72, 72)
        canvas.showPage()
    canvas.save()
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    links = sum(len(page.get("/Annots") or []) for page in reader.pages)
    assert links == 400
    text = " ".join(page.extract_text() for page in reader.pages).split()
    assert text[:4] == ["John", "3:16", "1,", "2,"] and text[-1] == "400"
