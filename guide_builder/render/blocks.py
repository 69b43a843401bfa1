"""Model blocks -> reportlab flowables, one small method per block type."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from PIL import Image as PILImage
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    Image,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from guide_builder import model as m
from guide_builder.errors import Collector
from guide_builder.render import styles as s
from guide_builder.render.fields import WeekFields, answer_field, describe
from guide_builder.render.flowables import AnswerLines, ReservedBox, keep
from guide_builder.render.frags import paragraph, plain_paragraph
from guide_builder.render.mentions import MentionParagraph, mention_text, plain_with_mentions
from guide_builder.render.passages import passage_tokens
from guide_builder.render.text import Close, MarkupContext, Open, hex_color, inline_tokens, plain_text
from guide_builder.scripture import Passage, Reference

BOX_PAD = 9.0
MIN_COLUMN_WIDTH = 28.0  # narrowest table column (points) that still holds a short word


@dataclass
class BlockRenderer:
    """Renders blocks for one layout and edition into a given width."""

    layout: m.Layout
    styles: s.Styles
    edition: m.Edition
    width: float
    passages: dict[tuple[Reference, str], Passage]
    translation: str
    problems: Collector
    path: m.Path | None = None
    on_reference: Callable[[tuple[Reference, ...]], Callable[[object], None]] | None = None
    mention_label: Callable[[m.ScriptureMention], str] | None = None
    fields: WeekFields | None = None  # set in the fillable edition: names the week's form fields
    _context: MarkupContext | None = field(default=None, init=False)

    @property
    def context(self) -> MarkupContext:
        """Inline markup settings for this layout and edition."""
        if self._context is None:
            self._context = MarkupContext(
                edition=self.edition,
                font_name=self.styles.body.fontName,
                font_size=self.styles.size,
                accent=hex_color(s.ACCENT),
                mention_label=self.mention_label,
                code_font=self.styles.fonts["heading"]["regular"],
                blank_field=self.fields.next_blank if self.fields is not None else None,
            )
        return self._context

    def para(self, inlines: tuple[m.Inline, ...], style: ParagraphStyle, **options) -> Paragraph:
        """A paragraph of inline content (one fragment when it is plain text and mentions,
        see render/mentions.py)."""
        if plain_with_mentions(inlines):
            text, mentions = mention_text(inlines, self.on_reference if self.mention_label else None)
            made = paragraph([text], style, MentionParagraph, **options)
            made.mentions = mentions
            return made
        return paragraph(inline_tokens(inlines, self.context), style, **options)

    def blocks(self, blocks: tuple[m.Block, ...], style: ParagraphStyle | None = None) -> list[Flowable]:
        """Flowables for a sequence of blocks."""
        result: list[Flowable] = []
        for block in blocks:
            result.extend(self.block(block, style))
        return result

    def block(self, block: m.Block, style: ParagraphStyle | None = None) -> list[Flowable]:
        """Flowables for one block (paragraph text in `style` when given)."""
        match block:
            case m.Paragraph():
                return [self.para(block.inlines, style or self.styles.body)]
            case m.Heading():
                heading = self.styles.sub_heading if block.level <= 3 else self.styles.minor_heading
                return [CondPageBreak(heading.leading + self.styles.leading * 4),
                        self.para(block.inlines, heading)]
            case m.ListBlock():
                return [self.list_block(block, style)]
            case m.Quote():
                return self.blocks(block.blocks, self.styles.quote)
            case m.Image():
                return self.image(block)
            case m.Table():
                return [self.table(block)]
            case m.Rule():
                return [HRFlowable(width="28%", thickness=0.6, color=s.RULE, spaceBefore=6,
                                   spaceAfter=12, hAlign="CENTER")]
            case m.PassageBlock():
                return self.passage(block.reference, block.label, block.text, block.translation)
            case m.Question():
                return [self.question(block)]
            case m.LeaderNote():
                return [self.leader_note(block)]
            case m.Callout():
                return self.box(self.blocks(block.blocks, self.styles.boxed), block.title, s.TINT, None)
            case m.Footnotes():
                return self.footnotes(block)
        return []

    # ---- boxes and passages -----------------------------------------------------

    def box(self, content: list[Flowable], label: str, tint: object | None, bar: object | None,
            label_style: ParagraphStyle | None = None, frame: object | None = None,
            on_draw: Callable[[object], None] | None = None) -> list[Flowable]:
        """Content in a tinted box, beside a coloured bar on the left and/or outlined; splits
        across pages."""
        label_style = label_style or self.styles.label
        heading = plain_paragraph(label.upper(), label_style) if label else None
        box = ReservedBox(content, heading, tint, hidden=False, rule=s.ANSWER_RULE,
                          gap=self.layout.line_gap, padding=BOX_PAD, bar=bar, frame=frame, on_draw=on_draw)
        return [CondPageBreak(self.styles.leading * 5), box]

    def kind_box(self, kind: str, content: list[Flowable], label: str = "",
                 label_style: ParagraphStyle | None = None,
                 on_draw: Callable[[object], None] | None = None) -> list[Flowable]:
        """Content in the box the layout's `[styles.KIND]` asks for (tint, bar or frame)."""
        tint, bar, frame = s.box_colours(self.layout.style_of(kind))
        return self.box(content, label, tint, bar, label_style, frame, on_draw)

    def leader_note(self, note: m.LeaderNote) -> Flowable:
        """The note in the leader's edition; the same space as ruled note lines for participants
        (same box geometry and label height, so both editions paginate alike)."""
        leader = self.edition is m.Edition.LEADER
        style = self.layout.style_of("leader")
        label = plain_paragraph((style.label or "Leader note").upper(), self.styles.label)
        notes_label = None if leader else plain_paragraph("NOTES", self.styles.label)
        unindexed = replace(self, mention_label=None, on_reference=None)  # same index in both editions
        content = unindexed.blocks(note.blocks, self.styles.boxed)
        tint, bar, frame = s.box_colours(style)
        if not leader and tint is not None:
            tint = s.TINT  # the participant's notes box: neutral, in the same place
        return ReservedBox(content, label, tint, hidden=not leader, rule=s.ANSWER_RULE,
                           gap=self.layout.line_gap, padding=BOX_PAD, bar=bar, frame=frame,
                           hidden_label=notes_label)

    def passage(self, reference: Reference, label: str, text: str | None,
                translation: str | None) -> list[Flowable]:
        """A scripture passage with its reference and translation as the caption."""
        translation = translation or self.translation
        caption = label if translation == "NONE" else f"{label}  \u00b7  {translation}"
        # Indexed where the box is drawn (a box moved to the next page takes its entry along).
        indexed = self.on_reference((reference,)) if self.on_reference else None
        read_it = [Open("i"), "Read this passage in your Bible.", Close("i")]
        unavailable = [paragraph(read_it, self.styles.passage)]
        if text is not None:
            paragraphs = [plain_paragraph(part.strip(), self.styles.passage)
                          for part in text.split("\n\n") if part.strip()]
        elif translation == "NONE":
            paragraphs = unavailable
        else:
            found = self.passages.get((reference, translation))
            if found is None or not found.verses:
                paragraphs = unavailable
            else:
                paragraphs = [paragraph(passage_tokens(found, self.styles), self.styles.passage)]
        return self.kind_box("scripture", paragraphs, caption, self.styles.caption, indexed)

    # ---- lists, questions, tables, images --------------------------------------

    def list_block(self, block: m.ListBlock, style: ParagraphStyle | None) -> Flowable:
        """A bulleted or numbered list (nested lists inside items)."""
        item_style = style or self.styles.list_item
        items = []
        for item in block.items:
            flowables = self.blocks(item, item_style)
            items.append(ListItem(flowables or [Spacer(1, 1)]))
        body = self.styles.fonts["body"]
        return ListFlowable(
            items,
            bulletType="1" if block.ordered else "bullet",
            start=str(block.start) if block.ordered else "\u2022",
            leftIndent=self.styles.size * 1.6,
            bulletFontName=body["bold"] if block.ordered else body["regular"],
            bulletFontSize=self.styles.size * (0.92 if block.ordered else 1.0),
            bulletColor=s.ACCENT,
            bulletFormat="%s." if block.ordered else None,
            spaceAfter=self.styles.leading * 0.45,
        )

    def question(self, question: m.Question) -> Flowable:
        """A numbered question kept on one page with its answer lines (a form field over them
        in the fillable edition)."""
        lines = self.layout.answer_lines if question.lines is None else question.lines
        on_draw = None
        if self.fields is not None:
            name = self.fields.next_question()
            on_draw = answer_field(name, f"{describe(name)}: {plain_text(question.inlines)}"[:200])
        parts: list[Flowable] = [self.para(question.inlines, self.styles.question,
                                           bulletText=f"{question.number}.")]
        parts.extend(self.blocks(question.blocks, self.styles.boxed))
        if lines:
            parts.append(AnswerLines(lines, self.layout.line_gap, s.ANSWER_RULE, on_draw))
        if s.is_boxed(self.layout.style_of("questions")):
            parts = self.kind_box("questions", parts)[1:]
        parts.append(Spacer(1, self.styles.leading * 0.7))
        return keep(parts)

    def table(self, table: m.Table) -> Flowable:
        """A table whose cells wrap; never wider than the frame."""
        columns = max(1, len(table.header), *(len(row) for row in table.rows))
        data = []
        if table.header:
            data.append([self.para(cell, self.styles.table_head) for cell in table.header])
        for row in table.rows:
            cells = [self.para(cell, self.styles.table_cell) for cell in row]
            data.append(cells + [paragraph([], self.styles.table_cell)] * (columns - len(cells)))
        if not data:
            return Spacer(1, 1)
        fitting = int(self.width // MIN_COLUMN_WIDTH)
        if columns > fitting:
            self.problems.error(self.path, table.line,
                                f"this table has {columns} columns; at most {fitting} fit across the page",
                                "split the table into narrower tables, or turn columns into rows")
            return Spacer(1, 1)
        widths = [self.width / columns] * columns
        style = TableStyle([
            # Cells hold paragraphs, but reportlab still selects the cell font while drawing:
            # name ours so no unembedded standard font (Helvetica) lands in the PDF.
            ("FONTNAME", (0, 0), (-1, -1), self.styles.fonts["body"]["regular"]),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, s.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ])
        if table.header:
            style.add("BACKGROUND", (0, 0), (-1, 0), s.TINT)
        # splitInRow: a row taller than a page (a very long cell) continues on the next page.
        result = Table(data, colWidths=widths, repeatRows=1 if table.header else 0, style=style, splitInRow=1)
        result.spaceAfter = self.styles.leading * 0.6
        return result

    def image(self, image: m.Image) -> list[Flowable]:
        """A local image scaled to fit the frame, aspect kept."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", PILImage.DecompressionBombWarning)
                reader = ImageReader(str(image.path))
                pixel_width, pixel_height = reader.getSize()
        except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError):
            self.problems.error(self.path, image.line,
                                f"image {image.path.name!r} has too many pixels to print "
                                f"(the limit is {PILImage.MAX_IMAGE_PIXELS // 1_000_000} megapixels)",
                                "scale the image down (300 pixels per inch of print is plenty)")
            return []
        except Exception:  # Pillow raises many kinds of errors for bad files
            self.problems.error(self.path, image.line,
                                f"image {image.path.name!r} cannot be read: it is not a valid image file",
                                "replace it with a PNG or JPEG file")
            return []
        if pixel_width <= 0 or pixel_height <= 0:
            return []
        width = min(self.width, pixel_width * 0.75)
        height = width * pixel_height / pixel_width
        max_height = self.layout_max_image_height
        if height > max_height:
            height, width = max_height, max_height * pixel_width / pixel_height
        flowable = Image(str(image.path), width=width, height=height)
        flowable.spaceBefore, flowable.spaceAfter = 4, self.styles.leading * 0.7
        return [flowable]

    @property
    def layout_max_image_height(self) -> float:
        """Images never take more than about half a page."""
        return self.width * 0.9

    def footnotes(self, block: m.Footnotes) -> list[Flowable]:
        """The section's footnotes, small, after a short rule."""
        result: list[Flowable] = [HRFlowable(width="22%", thickness=0.5, color=s.RULE, hAlign="LEFT",
                                             spaceBefore=4, spaceAfter=5)]
        for label, blocks in block.items:
            if blocks and isinstance(blocks[0], m.Paragraph):  # the marker starts its first paragraph
                marked = replace(blocks[0], inlines=(m.FootnoteRef(label), m.Text(" "), *blocks[0].inlines))
                blocks = (marked, *blocks[1:])
            result.extend(self.blocks(blocks, self.styles.footnote))
        return result
