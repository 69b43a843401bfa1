"""A week -> its chapter's flowables, in the order its layout gives the section kinds."""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import (
    BalancedColumns,
    CondPageBreak,
    Flowable,
    PageBreak,
    Spacer,
)

from guide_builder import model as m
from guide_builder.render import styles as s
from guide_builder.render.blocks import BlockRenderer
from guide_builder.render.flowables import KeptWithNext, NotesFill, SectionTitle, unkept
from guide_builder.render.frags import plain_paragraph
from guide_builder.render.text import plain_text

COLUMN_KINDS = {m.SectionKind.TEACHING, m.SectionKind.DEEPER}
# Kinds whose whole body goes in the layout's box; questions are boxed one by one (blocks.question).
BOXED_SECTION_KINDS = {m.SectionKind.DEEPER, m.SectionKind.APPLICATION, m.SectionKind.PRAYER}


class WeekRenderer:
    """Lays out one week with a BlockRenderer; `mark_section` records outline entries."""

    def __init__(self, week: m.Week, blocks: BlockRenderer, mark_section) -> None:
        self.week = week
        self.r = blocks
        self.styles = blocks.styles
        self.layout = blocks.layout
        self.mark_section = mark_section

    def opener(self) -> list[Flowable]:
        """'WEEK 3', the title and the meeting date."""
        st = self.styles
        flowables: list[Flowable] = [
            plain_paragraph(f"WEEK {self.week.number}", st.week_label),
            plain_paragraph(self.week.title, st.week_title),
        ]
        if self.week.date:
            flowables.append(plain_paragraph(self.week.date.strftime("%A, %B %-d, %Y"), st.week_date))
        else:
            flowables.append(Spacer(1, st.size * 0.6))
        return flowables

    def flowables(self) -> list[Flowable]:
        """The whole chapter (without the page break that starts it)."""
        result = self.opener()
        for kind in self.layout.sections:
            result.extend(self.kind(kind))
        return result

    def kind(self, kind: m.SectionKind) -> list[Flowable]:
        if kind is m.SectionKind.BIG_IDEA:
            return self.big_idea()
        if kind is m.SectionKind.SCRIPTURE:
            return self.scripture()
        if kind is m.SectionKind.NOTES:
            return self.notes()
        result: list[Flowable] = []
        for section in self.week.sections:
            if section.kind is kind:
                result.extend(self.section(section))
        return result

    def headed(self, title: str, body: list[Flowable]) -> list[Flowable]:
        """A section's title (and its bookmark) followed by its body; the title stays on the
        page where the body begins."""
        st = self.styles
        heads = [
            self.mark_section(title),
            SectionTitle(title, st.section.fontName, st.section.fontSize, s.ACCENT, s.RULE,
                         space_before=st.leading * 0.9, space_after=st.leading * 0.55),
        ]
        body, least = list(body), 0.0
        while body and isinstance(body[0], CondPageBreak):  # a box's "enough room to begin"
            least = max(least, body.pop(0).height)
        count = 0  # the body's own heads (a subheading) go along, with what follows them
        while count < len(body) - 1 and body[count].getKeepWithNext():
            count += 1
        first, rest = body[:count + 1], body[count + 1:]
        return [CondPageBreak(st.leading * 6), KeptWithNext([*heads, *first], least_room=least), *rest]

    def section(self, section: m.Section) -> list[Flowable]:
        """A `##` section: its title (or the layout's label for the kind), its body in columns
        or in the kind's box, then the lined notes page the layout asks for after it."""
        st = self.styles
        style = self.layout.style_of(section.kind.value)
        boxed = s.is_boxed(style) and section.kind in BOXED_SECTION_KINDS
        columns = self.layout.columns if section.kind in COLUMN_KINDS and not boxed else 1
        gutter = st.size * 1.4
        renderer = self.r
        if columns > 1:
            renderer = replace(self.r, width=(self.r.width - gutter * (columns - 1)) / columns)
        body = renderer.blocks(section.blocks, st.prayer if section.kind is m.SectionKind.PRAYER else None)
        if not body:
            return []
        if columns > 1:
            body = [BalancedColumns(body, nCols=columns, spaceBefore=0, innerPadding=gutter)]
        elif boxed:
            body = self.r.kind_box(section.kind.value, unkept(body))
        title = style.label or section.title
        return [*self.headed(title, body), *self.notes_after(section.kind, title)]

    def notes_after(self, kind: m.SectionKind, title: str) -> list[Flowable]:
        """A lined notes page after a section whose kind is in the layout's `notes.after`."""
        if kind not in self.layout.notes_after:
            return []
        st = self.styles
        return [PageBreak(), NotesFill(f"Notes \u00b7 {title}", st.section.fontName, st.section.fontSize,
                                       s.ACCENT, s.ANSWER_RULE, self.layout.line_gap)]

    def big_idea(self) -> list[Flowable]:
        result: list[Flowable] = []
        if self.week.big_idea:
            paragraph = self.r.para(self.week.big_idea, self.styles.big_idea)
            label = self.layout.style_of("big-idea").label
            result.extend(self.r.kind_box("big-idea", [paragraph], label))
        for section in self.week.sections:
            if section.kind is m.SectionKind.BIG_IDEA:
                content = self.r.blocks(section.blocks, self.styles.big_idea)
                result.extend(self.r.kind_box("big-idea", unkept(content), section.title))
        return result

    def scripture(self) -> list[Flowable]:
        week = self.week
        result: list[Flowable] = []
        if week.memory_verse:
            item = week.memory_verse
            result.extend(self.r.passage(item.reference, f"Memory verse \u2014 {item.label}", item.text,
                                         item.translation))
        if week.scriptures:
            passages = [flowable for item in week.scriptures for flowable in
                        self.r.passage(item.reference, item.label, item.text, item.translation)]
            result.extend(self.headed(self.layout.style_of("scripture").label or "Scripture", passages))
        return result

    def notes(self) -> list[Flowable]:
        st = self.styles
        result: list[Flowable] = []
        for _ in range(self.layout.notes_pages):
            result.extend([PageBreak(), NotesFill("Notes", st.section.fontName, st.section.fontSize,
                                                  s.ACCENT, s.ANSWER_RULE, self.layout.line_gap)])
        return result


def week_title_text(week: m.Week) -> str:
    """'Week 3: Abide in the Vine' for bookmarks and contents."""
    return f"Week {week.number}: {week.title}"


__all__ = ["WeekRenderer", "plain_text", "week_title_text"]
