"""The scripture index: every reference in the study, canonical order, with linked pages."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable, Paragraph

from guide_builder.render import styles as s
from guide_builder.render.frags import plain_paragraph
from guide_builder.render.speedups import string_width  # the same page numbers, over and over
from guide_builder.scripture import Reference, merge_references


def merge_entries(entries: dict[Reference, list[tuple[str, str]]]) -> dict[Reference, list[tuple[str, str]]]:
    """Overlapping verse references become one entry carrying the pages of all of them.

    Whole-chapter mentions ("Luke 10") are merged only with each other, so a reader
    looking for a verse still finds it listed on its own.
    """
    result: dict[Reference, list[tuple[str, str]]] = {}
    for chapters in (True, False):
        group = {r: pages for r, pages in entries.items() if r.is_whole_chapters == chapters}
        # (first verse, place in the group) of each reference, in verse order: the references
        # an entry takes are found by bisection and then taken in the group's order
        starts = sorted((r.start_id, place) for place, r in enumerate(group))
        firsts = [start for start, _ in starts]
        listed = list(group.items())
        for home in merge_references(group):
            low, high = bisect.bisect_left(firsts, home.start_id), bisect.bisect_right(firsts, home.end_id)
            taken = sorted(place for _, place in starts[low:high])
            result[home] = [page for place in taken for page in listed[place][1]]
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
    book_style = ParagraphStyle("index_book", parent=styles.label, spaceBefore=styles.size * 0.6,
                                  keepWithNext=1)
    font, size = styles.body.fontName, styles.size * 0.9
    flowables: list[Flowable] = []
    book = None
    for reference in sorted(entries):
        if reference.book != book:
            book = reference.book
            flowables.append(plain_paragraph(reference.book_name.upper(), book_style))
        pages = list(dict.fromkeys(entries[reference]))
        flowables.append(IndexLine(reference.label(), pages, font, size, styles.size * 1.25,
                                   styles.size, styles.body.textColor, s.ACCENT))
    return flowables


Word = tuple[str, str | None, float]  # (text, destination of its link or None, width)


class IndexLine(Flowable):
    """'John 15:5 12, 14, 30': a reference and its linked page numbers,
    wrapped with a hanging indent.

    An index line is one font at one size: it is measured and drawn word by word here,
    which is many times faster than a paragraph with a link per page number (a long
    book's index has thousands of them). It breaks between words, like a paragraph.
    """

    def __init__(self, label: str, pages: list[tuple[str, str]], font: str, size: float, leading: float,
                 indent: float, color: Color, link_color: Color, lines: list[list[Word]] | None = None,
                 continued: bool = False) -> None:
        super().__init__()
        self.label, self.pages, self.font, self.size = label, pages, font, size
        self.leading, self.indent, self.color, self.link_color = leading, indent, color, link_color
        self.continued = continued
        self.lines = lines  # given for a part made by split: it keeps its lines
        self._fixed = lines is not None
        self._broken_at: float | None = None
        self.spaceAfter = 1

    def _words(self) -> list[Word]:
        words: list[Word] = []
        for text in self.label.split():
            words.append((text, None, string_width(text, self.font, self.size)))
        for index, (page, destination) in enumerate(self.pages):
            text = page + ("," if index < len(self.pages) - 1 else "")
            words.append((text, destination, string_width(text, self.font, self.size)))
        return words

    def _break(self, width: float) -> list[list[Word]]:
        space = string_width(" ", self.font, self.size)
        lines: list[list[Word]] = [[]]
        x = self.indent if self.continued else 0.0
        for word in self._words():
            if lines[-1] and x + space + word[2] > width:
                lines.append([])
                x = self.indent
            x += (space if lines[-1] else 0) + word[2]
            lines[-1].append(word)
        return lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if not self._fixed and (self.lines is None or self._broken_at != available_width):
            self.lines = self._break(available_width)
            self._broken_at = available_width
        self.width = available_width
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        fits = int(available_height // self.leading)
        if fits >= len(self.lines):
            return [self]
        if len(self.lines) - fits == 1:
            fits -= 1  # no line left alone at the top of the next column
        if fits < 2:  # nor at the foot of this one
            return []
        parts = []
        for lines, continued in ((self.lines[:fits], self.continued), (self.lines[fits:], True)):
            parts.append(IndexLine(self.label, self.pages, self.font, self.size, self.leading,
                                   self.indent, self.color, self.link_color, lines, continued))
        return parts

    def draw(self) -> None:
        canvas = self.canv
        space = string_width(" ", self.font, self.size)
        comma = string_width(",", self.font, self.size)
        link = _linker(canvas)
        for number, line in enumerate(self.lines):
            y = self.height - self.size - number * self.leading
            x = self.indent if number or self.continued else 0.0
            text = canvas.beginText(x, y)  # one text object a line: copied text keeps its spaces
            text.setFont(self.font, self.size)
            colour = None
            run: list[str] = []  # the words of one colour, set as one piece of text
            for word, destination, width in line:
                wanted = self.link_color if destination else self.color
                if wanted is not colour:  # set on a change only
                    if run:
                        text.textOut(" ".join(run) + " ")
                        run = []
                    colour = wanted
                    text.setFillColor(colour)
                run.append(word)
                if destination is not None:
                    linked = width - (comma if word.endswith(",") else 0)
                    bottom = y - self.size / 8.0
                    link(destination, (x, bottom, x + linked, bottom + self.leading))
                x += width + space
            if run:
                text.textOut(" ".join(run))
            canvas.drawText(text)


def _linker(canvas) -> Callable[[str, tuple[float, float, float, float]], None]:
    """`canvas.linkRect("", destination, rect, relative=1)` for many links drawn where the
    canvas is only moved.

    Under a plain translation the rectangle's page position is worked out here, as
    linkRect works it out (the same sums), and the link annotation is made and added as
    linkRect makes and adds it (a borderless link to the destination; the same PDF): a long
    index has thousands of links, and linkRect maps all four corners of each through the
    matrix and goes through two more calls and a keyword dictionary for each.
    """
    a, b, c, d, e, f = canvas._currentMatrix
    if (a, b, c, d) != (1, 0, 0, 1) or canvas._cropMarks:
        return lambda destination, rect: canvas.linkRect("", destination, rect, relative=1)
    no_border = pdfdoc.PDFArray([0, 0, 0])  # what linkRect gives a link of no thickness

    def link(destination: str, rect: tuple[float, float, float, float]) -> None:
        x1, y1, x2, y2 = rect[0] + e, rect[1] + f, rect[2] + e, rect[3] + f
        annotation = pdfdoc.LinkAnnotation(
            Rect=(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)), Contents="",
            Destination=canvas._bookmarkReference(destination), Border=no_border)
        canvas._addAnnotation(annotation)

    return link
