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
    # a line's words of one colour are one piece of text: the label, then the page numbers
    shown = reader.pages[0].get_contents().get_data().count(b" Tj")
    assert shown == len(first.lines) + 1


def test_index_links_are_made_as_link_rect_makes_them() -> None:
    """The index's own links give linkRect's PDF (rectangles, borders, destinations), the
    canvas moved or not, and defer to linkRect under any other transformation."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from guide_builder.render import index

    def pdf(use_ours: bool) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1)
        canvas.bookmarkPage("page-1")
        canvas.bookmarkPage("page-2")
        for move in ((0, 0), (72.25, 500.125), (-3.5, 0.1)):
            canvas.saveState()
            canvas.translate(*move)
            for rect in ((0, -1.5, 12.75, 10.2), (40.1, 3, 38.0, 1.0)):
                if use_ours:
                    index._linker(canvas)("page-1", rect)
                else:
                    canvas.linkRect("", "page-1", rect, relative=1)
            canvas.rotate(90)
            if use_ours:
                index._linker(canvas)("page-2", (1, 2, 3, 4))
            else:
                canvas.linkRect("", "page-2", (1, 2, 3, 4), relative=1)
            canvas.restoreState()
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    ours = pdf(True)
    assert ours.count(b"/Subtype /Link") == 9
    assert ours == pdf(False)


def test_merging_many_entries_gives_each_entry_the_pages_of_the_references_it_covers() -> None:
    import random

    from guide_builder.scripture import Reference, merge_references

    def plainly(entries):  # every entry against every reference, in the entries' order
        result = {}
        for chapters in (True, False):
            group = {r: pages for r, pages in entries.items() if r.is_whole_chapters == chapters}
            for home in merge_references(group):
                result[home] = [page for r, pages in group.items()
                                if home.start_id <= r.start_id <= home.end_id for page in pages]
        for pages in result.values():
            pages.sort(key=lambda page: int(page[1].rpartition("-")[2]))
        return result

    pick = random.Random(4)
    entries = {}
    for _ in range(600):
        book, chapter = pick.choice([(43, 3), (43, 15), (19, 23), (19, 119), (1, 1), (45, 8)])
        if pick.random() < 0.2:
            ref = Reference(book, chapter, None, chapter + pick.randint(0, 1), None)
        else:
            first = pick.randint(1, 20)
            ref = Reference(book, chapter, first, chapter, first + pick.randint(0, 6))
        page = pick.randint(1, 300)
        entries.setdefault(ref, []).append((str(page), f"page-{page}"))
    assert merge_entries(entries) == plainly(entries)


def test_book_headings_are_the_paragraphs_reportlabs_parser_makes() -> None:
    from reportlab.platypus import Paragraph

    from guide_builder.errors import Collector
    from guide_builder.layout import LayoutResolver
    from guide_builder.render.index import index_flowables
    from guide_builder.render.styles import styles_for
    from guide_builder.render.text import escape
    from guide_builder.scripture import Reference
    from guide_builder.scripture.books import BOOK_NAMES

    styles = styles_for(LayoutResolver((), None, Collector()).resolve("standard"))
    entries = {Reference.verses(book, 1, 1): [("1", "page-1")] for book in range(1, len(BOOK_NAMES) + 1)}
    headings = [f for f in index_flowables(entries, styles) if isinstance(f, Paragraph)]
    assert [h.text for h in headings] == [name.upper() for name in BOOK_NAMES]
    for heading in headings:
        parsed = Paragraph(escape(heading.text), heading.style)
        assert [vars(frag) for frag in heading.frags] == [vars(frag) for frag in parsed.frags]
        assert heading.wrap(300, 100) == parsed.wrap(300, 100)
