"""Small custom flowables: markers, section titles, answer lines, notes pages, deferred content."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import KeepTogether


class Marker(Flowable):
    """Zero-size flowable that calls `action(canvas)` where it lands; the canvas origin is
    its position, so bookmarks made there point at the spot (outline, index, state)."""

    _ZEROSIZE = 1

    def __init__(self, action: Callable[[object], None]) -> None:
        super().__init__()
        self.action = action
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.action(self.canv)


class SectionMark(Marker):
    """A Marker whose action also learns whether it landed at the very top of its frame
    (nothing placed above it on the page): `action(canvas, at_top)`."""

    def __init__(self, action: Callable[[object, bool], None]) -> None:
        super().__init__(lambda canvas: action(canvas, self._landed_at_top()))

    def _landed_at_top(self) -> bool:
        frame = getattr(self, "_frame", None)
        return bool(frame is not None and frame._atTop)


class DocAction(ActionFlowable):
    """Runs `action(doc)` when the layout reaches it (page breaks, template switches)."""

    def __init__(self, action: Callable[[object], None]) -> None:
        super().__init__()
        self.action = action

    def apply(self, doc) -> None:
        self.action(doc)


class SectionTitle(Flowable):
    """An upper-case section label followed by a hairline rule to the right edge."""

    def __init__(self, text: str, font: str, size: float, color: Color, rule: Color,
                 space_before: float, space_after: float) -> None:
        super().__init__()
        self.text, self.font, self.size, self.color, self.rule = text.upper(), font, size, color, rule
        self.space_before, self.space_after = space_before, space_after
        self.spaceBefore, self.spaceAfter = space_before, space_after

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.size * 1.4
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        text_width = stringWidth(self.text, self.font, self.size) + len(self.text) * 0.9
        canvas.setFillColor(self.color)
        text = canvas.beginText(0, self.size * 0.3)
        text.setFont(self.font, self.size)
        text.setCharSpace(0.9)
        text.textOut(self.text)
        canvas.drawText(text)
        if text_width + 12 < self.width:
            canvas.setStrokeColor(self.rule)
            canvas.setLineWidth(0.5)
            y = self.size * 0.3 + self.size * 0.33
            canvas.line(text_width + 8, y, self.width, y)


class AnswerLines(Flowable):
    """Ruled lines to write on; splits across pages when there are many."""

    def __init__(self, count: int, gap: float, color: Color, on_draw: Callable | None = None) -> None:
        super().__init__()
        self.count, self.gap, self.color, self.on_draw = count, gap, color, on_draw

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.count * self.gap + self.gap * 0.25
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fits = int((available_height - self.gap * 0.25) // self.gap)
        if fits < 2 or self.count - fits < 2:
            return []
        return [AnswerLines(fits, self.gap, self.color, self.on_draw),
                AnswerLines(self.count - fits, self.gap, self.color, self.on_draw)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(self.color)
        canvas.setLineWidth(0.45)
        for index in range(self.count):
            y = self.height - (index + 1) * self.gap
            canvas.line(0, y, self.width, y)
        if self.on_draw is not None:
            self.on_draw(canvas, self)


class NotesFill(Flowable):
    """A titled, lined notes area filling the rest of the frame."""

    def __init__(self, title: str, font: str, size: float, color: Color, rule: Color,
                 gap: float) -> None:
        super().__init__()
        self.title, self.font, self.size = title, font, size
        self.color, self.rule, self.gap = color, rule, gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, max(available_height - 1, self.gap * 3)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.color)
        canvas.setFont(self.font, self.size)
        canvas.drawString(0, self.height - self.size, self.title.upper())
        canvas.setStrokeColor(self.rule)
        canvas.setLineWidth(0.45)
        y = self.height - self.size - self.gap * 1.2
        while y > 0:
            canvas.line(0, y, self.width, y)
            y -= self.gap


class Deferred(Flowable):
    """Content built only when the layout reaches it (the index needs every page known)."""

    def __init__(self, build: Callable[[], list[Flowable]]) -> None:
        super().__init__()
        self.build = build

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, available_height + 1e6

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return self.build() or [Marker(lambda _canvas: None)]


class KeptWithNext(KeepTogether):
    """Heads (a section's title, a subheading) kept on the page where the first part of
    the flowable after them goes.

    reportlab's KeepTogether moves a whole group to the next frame when it does not fit,
    which leaves a tall gap when the last member is a long paragraph that could have
    split. Here that last member is split into the room under the heads instead; only
    when none of it fits there (a passage box, a question kept with its lines) do the
    heads go with it to the next frame. Either way no head is left at the foot of a page.
    """

    def __init__(self, flowables: list[Flowable], least_room: float = 0.0) -> None:
        super().__init__(flowables)
        self.least_room = least_room  # what the last member needs to begin in (a box's few lines)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """As KeepTogether, with a group kept together inside (a question and its lines)
        measured by what it holds: its own wrap only asks to be split."""
        content = self._content
        self._content = unkept(content)
        try:
            return super().wrap(available_width, available_height)
        finally:
            self._content = content

    def getSpaceBefore(self) -> float:
        """The space before the first member that takes room. The measure (reportlab's) does
        not count it, and a bookmark marker before a title takes none: the frame must."""
        for member in unkept(self._content):
            if not hasattr(member, "frameAction") and not getattr(member, "_ZEROSIZE", False):
                return member.getSpaceBefore()
        return 0.0

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (available_width, available_height):
            self.wrap(available_width, available_height)
        content = self._content[:]
        if available_height >= self._H or len(content) < 2:
            return content
        *heads, body = content
        room = available_height - max(heads[-1].getSpaceAfter(), body.getSpaceBefore())
        for head in heads:
            room -= head.getSpaceBefore() + head.wrapOn(self.canv, available_width, available_height)[1]
        parts = self._first_part_in(body, available_width, room)
        if parts:
            return [*heads, *parts]
        frame = getattr(self, "_frame", None)
        if frame is not None and frame._atTop:  # as good as it gets: a fresh frame cannot help
            return content
        return [self.FrameBreak(), *content]

    def _first_part_in(self, body: Flowable, width: float, room: float) -> list[Flowable]:
        """`body` split so that its first part fits in `room`, or [] when no part of it does."""
        if room <= 0 or room < self.least_room or isinstance(body, KeepTogether):
            return []
        parts = body.splitOn(self.canv, width, room)
        if not parts or isinstance(parts[0], ActionFlowable):
            return []
        if parts[0].wrapOn(self.canv, width, room)[1] > room:
            return []
        return parts


def unkept(flowables: list[Flowable]) -> list[Flowable]:
    """Keep-together groups opened up, at any depth (a box splits its content itself across
    pages; a group is measured by what it holds)."""
    result: list[Flowable] = []
    for flowable in flowables:
        result.extend(unkept(flowable._content) if isinstance(flowable, KeepTogether) else [flowable])
    return result


def keep(flowables: list[Flowable]) -> Flowable:
    """Keep a short group on one page (a question with its answer lines)."""
    return KeepTogether(flowables)


BAR_WIDTH = 2.6


FRAME_WIDTH = 0.8


class ReservedBox(Flowable):
    """A box holding flowables: tinted, beside a bar (`bar`) and/or outlined (`frame`); splits
    across pages.

    `on_draw(canvas)` runs where the box's first part is drawn (the passage index entry:
    a box moved to the next page takes its entry along).

    With `hidden=True` it takes exactly the same space but draws ruled note lines instead
    of its content (and `hidden_label` instead of `label`, in the label's space). That is
    how leader notes keep both editions paginated alike: the leader sees the note,
    participants see room to write in the same place.
    """

    def __init__(self, content: list[Flowable], label: Flowable | None, tint: Color | None, hidden: bool,
                 rule: Color, gap: float, padding: float = 9.0, continued: bool = False,
                 bar: Color | None = None, frame: Color | None = None,
                 hidden_label: Flowable | None = None,
                 on_draw: Callable[[object], None] | None = None) -> None:
        super().__init__()
        self.content, self.label, self.tint, self.hidden = content, label, tint, hidden
        self.rule, self.gap, self.padding, self.continued = rule, gap, padding, continued
        self.bar, self.frame, self.hidden_label = bar, frame, hidden_label
        self.on_draw = on_draw  # called with the canvas where the box's first part is drawn
        self.spaceBefore, self.spaceAfter = padding * 0.6, padding * 1.6
        self._sizes: list[tuple[float, float]] = []

    @property
    def _left(self) -> float:
        return self.padding + (BAR_WIDTH if self.bar is not None else 0)

    def _inner(self, available_width: float) -> float:
        right = self.padding if self.tint is not None or self.frame is not None else 0
        return available_width - self._left - right

    def _copy(self, content: list[Flowable], label: Flowable | None, continued: bool) -> ReservedBox:
        return ReservedBox(content, label, self.tint, self.hidden, self.rule, self.gap, self.padding,
                           continued, self.bar, self.frame, self.hidden_label if label is not None else None,
                           None if continued else self.on_draw)

    def _wrap_part(self, part: Flowable, width: float) -> tuple[float, float]:
        """Wrap a part with this box's canvas (containers such as lists need one)."""
        canvas = getattr(self, "canv", None)
        return part.wrapOn(canvas, width, 1e6) if canvas is not None else part.wrap(width, 1e6)

    def _split_part(self, part: Flowable, width: float, height: float) -> list[Flowable]:
        canvas = getattr(self, "canv", None)
        return part.splitOn(canvas, width, height) if canvas is not None else part.split(width, height)

    def _parts(self) -> list[Flowable]:
        return ([self.label] if self.label is not None else []) + self.content

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        inner = self._inner(available_width)
        self._sizes = [self._wrap_part(part, inner) for part in self._parts()]
        if not self._parts():
            self._sizes = []
        spacing = sum(part.getSpaceAfter() for part in self._parts()[:-1])
        self.width = available_width
        self.height = sum(h for _, h in self._sizes) + spacing + 2 * self.padding
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        inner = self._inner(available_width)
        room = available_height - 2 * self.padding
        kept: list[Flowable] = []
        parts = self._parts()
        for index, part in enumerate(parts):
            _, height = self._wrap_part(part, inner)
            if height <= room:
                kept.append(part)
                room -= height + part.getSpaceAfter()
                continue
            pieces = self._split_part(part, inner, room) if room > 0 else []
            if len(pieces) >= 2:
                kept.append(pieces[0])
                rest = list(pieces[1:]) + parts[index + 1:]
            else:
                rest = parts[index:]
            content_kept = [p for p in kept if p is not self.label]
            if not content_kept:
                return []
            first = self._copy(content_kept, self.label if self.label in kept else None, self.continued)
            second = self._copy([p for p in rest if p is not self.label], None, True)
            return [first, second]
        return [self]

    def draw(self) -> None:
        canvas = self.canv
        if self.on_draw is not None and not self.continued:
            self.on_draw(canvas)
        canvas.saveState()
        if self.tint is not None:
            canvas.setFillColor(self.tint)
            canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if self.bar is not None:
            canvas.setFillColor(self.bar)
            canvas.rect(0, 0, BAR_WIDTH, self.height, stroke=0, fill=1)
        if self.frame is not None:
            canvas.setStrokeColor(self.frame)
            canvas.setLineWidth(FRAME_WIDTH)
            inset = FRAME_WIDTH / 2
            canvas.rect(inset, inset, self.width - FRAME_WIDTH, self.height - FRAME_WIDTH, stroke=1, fill=0)
        canvas.restoreState()
        y = self.height - self.padding
        inner = self._inner(self.width)
        if self.hidden:
            canvas.saveState()
            canvas.setStrokeColor(self.rule)
            canvas.setLineWidth(0.45)
            line_y = self.height - self.padding - self.gap
            while line_y > self.padding * 0.5:
                canvas.line(self._left, line_y, self.width - self.padding, line_y)
                line_y -= self.gap
            canvas.restoreState()
            if self.label is not None:
                _, height = self._wrap_part(self.label, inner)
                shown = self.hidden_label or self.label
                self._wrap_part(shown, inner)
                shown.drawOn(canvas, self._left, y - height)
            return
        for part in self._parts():
            _, height = self._wrap_part(part, inner)
            y -= height
            part.drawOn(canvas, self._left, y)
            y -= part.getSpaceAfter()
