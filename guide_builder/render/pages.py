"""Page templates and running heads: mirrored frames, headers and footers from templates."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Frame, PageTemplate

from guide_builder import model as m
from guide_builder.render import styles as s

_PLACEHOLDER = re.compile(
    r"\{(guide\.title|guide\.subtitle|guide\.author|week\.number|week\.title|section|page)\}"
)


@dataclass
class PageState:
    """What the running heads of the current page show."""

    guide_title: str = ""
    guide_subtitle: str = ""
    guide_author: str = ""
    week: m.Week | None = None
    section: str = ""  # what `{section}` shows on the current page
    page_label: str = ""
    opens_week: bool = False
    values: dict[str, str] = field(default_factory=dict)
    latest: str = ""  # the section started last
    fixed: bool = False  # True once `section` is settled for the current page

    def begin_page(self) -> None:
        """A new page: until a section starts at its top, it shows the section in progress."""
        self.section = self.latest
        self.fixed = False

    def start_section(self, title: str, at_top: bool) -> None:
        """A section starts here. The page shows the section being read at its top: this one
        when it opens the page (or nothing was in progress), else the one it interrupts."""
        if not self.fixed:
            self.section = title if at_top or not self.latest else self.latest
            self.fixed = True
        self.latest = title

    def set_section(self, title: str) -> None:
        """Show `title` from this page on (a week opening, the index)."""
        self.section = self.latest = title
        self.fixed = True

    def fill(self, template: str) -> str:
        """Replace `{guide.title}`, `{week.number}`, `{week.title}`, `{section}`, `{page}`."""
        if self.week is None and "{week." in template:
            return self.section
        values = {
            "guide.title": self.guide_title,
            "guide.subtitle": self.guide_subtitle,
            "guide.author": self.guide_author,
            "week.number": str(self.week.number) if self.week else "",
            "week.title": self.week.title if self.week else "",
            "section": self.section,
            "page": self.page_label,
        }
        return _PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


_IMMUTABLE = (str, int, float, bool, type(None))


class TextFrame(Frame):
    """reportlab's Frame, deep-copied by copying its attributes.

    reportlab deep-copies the current frame each time it measures a group kept together
    (`_listWrapOn`): through `__reduce_ex__`, 35 microseconds each, about 1% of a build.
    A frame's attributes are numbers and strings but for a few lists; they are copied as
    deepcopy would (the lists deep-copied, the rest shared, as immutable values are).
    """

    # reportlab asks `getattr(frame, "_generated_content", None)` for every flowable it adds,
    # and a Frame answers a missing attribute by raising AttributeError from Python code: the
    # class attribute answers None (nothing generated) at once. Generated content is kept in
    # the frame's own dictionary, as reportlab keeps it.
    _generated_content = None

    def __deepcopy__(self, memo: dict) -> TextFrame:
        copied = TextFrame.__new__(type(self))
        memo[id(self)] = copied
        state = copied.__dict__
        state.update(self.__dict__)
        for key, value in state.items():
            if type(value) not in _IMMUTABLE:
                state[key] = copy.deepcopy(value, memo)
        return copied


def frame_for(page: m.PageSize, margins: m.Margins, recto: bool, key: str) -> Frame:
    """The text frame of a page; inside/outside margins swap on facing pages."""
    left = margins.inside if recto else margins.outside
    right = margins.outside if recto else margins.inside
    return TextFrame(
        left, margins.bottom, page.width - left - right, page.height - margins.top - margins.bottom,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=key,
    )


def column_frames(page: m.PageSize, margins: m.Margins, recto: bool, key: str, columns: int,
                  gutter: float) -> list[Frame]:
    """The text area split into `columns` frames side by side."""
    whole = frame_for(page, margins, recto, key)
    width = (whole._width - gutter * (columns - 1)) / columns
    return [
        TextFrame(whole._x1 + index * (width + gutter), whole._y1, width, whole._height,
              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"{key}-{index}")
        for index in range(columns)
    ]


def page_templates(key: str, page: m.PageSize, margins: m.Margins, columns: int = 1,
                   gutter: float = 24.0) -> list[PageTemplate]:
    """The recto and verso templates of one layout (or of the front or back matter)."""
    return [
        PageTemplate(id=f"{key}:{side}", pagesize=(page.width, page.height),
                     frames=column_frames(page, margins, side == "recto", key, columns, gutter))
        for side in ("recto", "verso")
    ]


def draw_running_heads(canvas, page: m.PageSize, layout: m.Layout, state: PageState,
                       recto: bool, font: str, header: bool = True) -> None:
    """Header (with a hairline under it) and footer, filled from the layout's templates."""
    margins = layout.margins
    left = margins.inside if recto else margins.outside
    right = page.width - (margins.outside if recto else margins.inside)
    size = max(7.0, layout.font_size * 0.72)
    canvas.saveState()
    canvas.setFillColor(s.MUTED)
    if header and any(layout.header.values()):
        y = page.height - margins.top + size * 2.4
        _draw_row(canvas, layout.header, state, left, right, y, font, size)
        canvas.setStrokeColor(s.RULE)
        canvas.setLineWidth(0.4)
        canvas.line(left, y - size * 0.8, right, y - size * 0.8)
    if any(layout.footer.values()):
        y = margins.bottom - size * 3.6
        _draw_row(canvas, layout.footer, state, left, right, max(y, size * 2), font, size + 0.8,
                  color=s.INK)
    canvas.restoreState()


def _draw_row(canvas, templates: dict[str, str], state: PageState, left: float, right: float,
              y: float, font: str, size: float, color: Color | None = None) -> None:
    """One row of running heads. A row drawn before on this canvas (a header repeats on
    every page of a section), or in an earlier build in the book's shared font codes, is
    written again from the drawing operators it made then:
    they depend only on the row, its place, its font and colour, and (unless an opacity is
    set, when it is drawn anew) on nothing else of the canvas's state. The row's caller
    restores the canvas state after it (the row changes only its font and fill colour)."""
    left_text = state.fill(templates.get("left", ""))
    center_text = state.fill(templates.get("center", ""))
    right_text = state.fill(templates.get("right", ""))
    drawn = _drawn_rows(canvas, font)
    key = (left_text, center_text, right_text, left, right, y, font, size, id(color) if color else None)
    plain = not canvas._extgstate._d  # no opacity or blend mode set
    if plain and (code := drawn.get(key)) is not None:
        canvas._code.extend(code)
        return
    mark = len(canvas._code)
    _draw_texts(canvas, left_text, center_text, right_text, left, right, y, font, size, color)
    if plain:
        drawn[key] = canvas._code[mark:]


def _drawn_rows(canvas, font: str) -> dict:
    """Where the rows drawn before are kept: on the canvas, or, when the canvas writes
    `font` in the book's shared codes (`guide build --watch`, render/bookfonts.py), with
    those codes, so that a row is written again from the operators an earlier build made."""
    book_fonts = getattr(canvas, "book_fonts", None)
    if book_fonts is not None and font in book_fonts.states:
        book_fonts.used_in_document(canvas._doc, font)  # written in it, from the kept operators too
        return book_fonts.rows
    return canvas.__dict__.setdefault("_drawn_rows", {})


def _draw_texts(canvas, left_text: str, center_text: str, right_text: str, left: float, right: float,
                y: float, font: str, size: float, color: Color | None) -> None:
    if color is not None:
        canvas.setFillColor(color)
    canvas.setFont(font, size)
    width = right - left
    if center_text:
        center_text = fit_text(center_text, font, size, width / 2 if left_text or right_text else width)
        canvas.drawCentredString((left + right) / 2, y, center_text)
    side_room = (width - stringWidth(center_text, font, size)) / 2 - size * 2 if center_text else width
    if left_text:
        room = side_room if center_text else width * (0.45 if right_text else 1)
        canvas.drawString(left, y, fit_text(left_text, font, size, room))
    if right_text:
        room = side_room if center_text else width * (0.52 if left_text else 1)
        canvas.drawRightString(right, y, fit_text(right_text, font, size, room))


def fit_text(text: str, font: str, size: float, room: float) -> str:
    """Shorten `text` with an ellipsis until it fits in `room` points."""
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "\u2026", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "\u2026" if text else ""
