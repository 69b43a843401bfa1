"""The scripture index: every reference in the study, canonical order, with linked pages."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from guide_builder.render import styles as s
from guide_builder.render.text import escape, hex_color
from guide_builder.scripture import Reference, merge_references


def merge_entries(entries: dict[Reference, list[tuple[str, str]]]) -> dict[Reference, list[tuple[str, str]]]:
    """Overlapping verse references become one entry carrying the pages of all of them.

    Whole-chapter mentions ("Luke 10") are merged only with each other, so a reader
    looking for a verse still finds it listed on its own.
    """
    result: dict[Reference, list[tuple[str, str]]] = {}
    for chapters in (True, False):
        group = {r: pages for r, pages in entries.items() if r.is_whole_chapters == chapters}
        merged = merge_references(group)
        for home in merged:
            result[home] = [page for r, pages in group.items()
                            if home.start_id <= r.start_id <= home.end_id for page in pages]
    for pages in result.values():
        pages.sort(key=lambda page: int(page[1].rpartition("-")[2]))
    return result


def index_flowables(entries: dict[Reference, list[tuple[str, str]]], styles: s.Styles) -> list[Flowable]:
    """Book headings and one line per reference: 'John 15:5 ... 12, 14' (pages linked).

    `entries` maps a reference to (page label, destination name) pairs; overlapping
    references are merged into one line.
    """
    entries = merge_entries(entries)
    if not entries:
        return [Paragraph("<i>No scripture references.</i>", styles.body)]
    accent = hex_color(s.ACCENT)
    book_style = ParagraphStyle("index_book", parent=styles.label, spaceBefore=styles.size * 0.6,
                                  keepWithNext=1)
    line_style = ParagraphStyle("index_line", parent=styles.body, fontSize=styles.size * 0.9,
                                  leading=styles.size * 1.25, spaceAfter=1, leftIndent=styles.size,
                                  firstLineIndent=-styles.size)
    flowables: list[Flowable] = []
    book = None
    for reference in sorted(entries):
        if reference.book != book:
            book = reference.book
            flowables.append(Paragraph(escape(reference.book_name.upper()), book_style))
        pages: list[str] = []
        for label, destination in entries[reference]:
            link = f'<a href="#{destination}" color="{accent}">{escape(label)}</a>'
            if link not in pages:
                pages.append(link)
        flowables.append(Paragraph(f"{escape(reference.label())}\u2003{', '.join(pages)}", line_style))
    return flowables
