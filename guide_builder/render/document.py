"""The workbook document: page templates, running heads, outline, forms, one layout pass."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, PageBreak, Paragraph, Spacer

from guide_builder import model as m
from guide_builder.errors import Collector
from guide_builder.render import styles as s
from guide_builder.render.blocks import BlockRenderer
from guide_builder.render.fields import WeekFields, draw_blank_field
from guide_builder.render.flowables import Deferred, DocAction, Marker, NotesFill, SectionTitle
from guide_builder.render.front import ContentsEntry, ContentsLine, cover, notice
from guide_builder.render.index import index_flowables
from guide_builder.render.pages import PageState, draw_running_heads, page_templates
from guide_builder.render.styles import styles_for
from guide_builder.render.text import BLANK_CALLBACK, BLANK_FIELD_CALLBACK, NBSP, escape
from guide_builder.render.week import WeekRenderer, week_title_text
from guide_builder.scripture import Passage, Reference

COVER_MARGINS = m.Margins(top=72, bottom=72, inside=72, outside=72)
ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(number: int) -> str:
    """Lower-case Roman numerals for front matter pages."""
    result = []
    for value, letters in ROMAN:
        while number >= value:
            result.append(letters)
            number -= value
    return "".join(result)


@dataclass
class RenderRequest:
    """Everything the renderer needs; built by the build stage."""

    guide: m.Guide
    weeks: tuple[m.Week, ...]
    week_layouts: dict[int, m.Layout]
    front_layout: m.Layout
    passages: dict[tuple[Reference, str], Passage]
    edition: m.Edition
    attributions: list[str]
    front_matter: bool = True
    index: bool = True
    fillable: bool = False


@dataclass
class RenderResult:
    """The PDF and where things landed (physical page numbers, 1-based)."""

    pdf: bytes
    page_count: int
    body_start: int
    week_pages: dict[int, int] = field(default_factory=dict)
    week_ends: dict[int, int] = field(default_factory=dict)


class WorkbookDoc(BaseDocTemplate):
    """A BaseDocTemplate that picks recto/verso templates by parity and draws running heads."""

    def __init__(self, buffer: io.BytesIO, request: RenderRequest) -> None:
        config = request.guide.config
        page = config.page_size
        super().__init__(
            buffer, pagesize=(page.width, page.height), title=config.title, author=config.author,
            subject=config.subtitle or config.title, keywords=list(config.keywords) or [config.title],
            creator="guide-builder", producer="guide-builder", invariant=1,
            leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0, showBoundary=0,
            lang=config.language,
            initialFontName=styles_for(request.front_layout).fonts["body"]["regular"],
            initialFontSize=request.front_layout.font_size,
        )
        self.request = request
        self.page_size = page
        self.template_key = "front"
        self.layouts: dict[str, m.Layout] = {
            "front": request.front_layout, "cover": request.front_layout, "index": request.front_layout,
        }
        templates = page_templates("cover", page, COVER_MARGINS)
        templates += page_templates("front", page, request.front_layout.margins)
        templates += page_templates("index", page, request.front_layout.margins, columns=2)
        for layout in {**{lay.name: lay for lay in request.week_layouts.values()}}.values():
            self.layouts[layout.name] = layout
            templates += page_templates(layout.name, page, layout.margins)
        self.addPageTemplates(templates)
        self.state = PageState(guide_title=config.title, guide_subtitle=config.subtitle,
                               guide_author=config.author)
        self.body_start: int | None = None
        self.forms: dict[str, str] = {}
        self.forms_used: set[str] = set()
        self.week_pages: dict[int, int] = {}
        self.week_ends: dict[int, int] = {}
        self.reference_pages: dict[Reference, list[tuple[str, str]]] = {}
        self.mentions: dict[str, tuple[Reference, ...]] = {}

    # ---- pages ------------------------------------------------------------------

    def handle_pageBegin(self) -> None:
        upcoming = self.page + 1
        side = "recto" if upcoming % 2 == 1 else "verso"
        self.pageTemplate = next(t for t in self.pageTemplates if t.id == f"{self.template_key}:{side}")
        self.state.opens_week = False
        super().handle_pageBegin()
        if self.body_start is not None:
            self.canv.bookmarkPage(self.page_destination(self.page))

    def afterPage(self) -> None:
        if self._curPageFlowableCount == 0 or self.pageTemplate.id.startswith("cover:"):
            return
        recto = self.page % 2 == 1
        self.state.page_label = self.page_label(self.page)
        layout = self.layouts[self.template_key]
        font = styles_for(layout).fonts["heading"]["regular"]
        if self.body_start is None:
            front_footer = replace(layout, header={}, footer={"center": "{page}"})
            draw_running_heads(self.canv, self.page_size, front_footer, self.state, recto, font)
            return
        draw_running_heads(self.canv, self.page_size, layout, self.state, recto, font,
                           header=not self.state.opens_week)

    def page_label(self, physical: int) -> str:
        """The printed number: roman in the front matter, arabic from the body on."""
        if self.body_start is None or physical < self.body_start:
            return roman(physical)
        return str(physical - self.body_start + 1)

    @staticmethod
    def page_destination(physical: int) -> str:
        """Named destination of a body page (index links)."""
        return f"page-{physical}"

    def new_page(self, recto: bool) -> None:
        """Break to a new page (a right-hand one when `recto`), leaving a blank page if needed."""
        if self._curPageFlowableCount > 0:
            self.handle_pageBreak()
            self.clean_hanging()
        if recto and self.page % 2 == 0:
            self.handle_pageBreak()
            self.clean_hanging()

    # ---- forms (page numbers known only after layout) ---------------------------

    def finish_forms(self) -> None:
        """Define every page-number form the contents used."""
        font = styles_for(self.request.front_layout).fonts["body"]["regular"]
        size = self.request.front_layout.font_size * 1.1
        for name in sorted(self.forms_used):
            self.canv.beginForm(name, lowerx=-200, lowery=-20, upperx=20, uppery=40)
            self.canv.setFont(font, size)
            self.canv.setFillColor(s.INK)
            self.canv.drawRightString(0, 0, self.forms.get(name, ""))
            self.canv.endForm()


class StoryBuilder:
    """Builds the flowable story for the whole workbook."""

    def __init__(self, doc: WorkbookDoc, request: RenderRequest, problems: Collector) -> None:
        self.doc, self.request, self.problems = doc, request, problems
        self.front_styles = styles_for(request.front_layout)

    def frame_width(self, layout: m.Layout) -> float:
        return self.doc.page_size.width - layout.margins.inside - layout.margins.outside

    def frame_height(self, margins: m.Margins) -> float:
        return self.doc.page_size.height - margins.top - margins.bottom

    def story(self) -> list[Flowable]:
        """Cover, notice, contents, weeks, index."""
        story: list[Flowable] = []
        if self.request.front_matter:
            story.extend(self.front_matter())
        for week in self.request.weeks:
            story.extend(self.week(week))
        if not self.request.front_matter:
            story.extend(self.attribution_lines())
        if self.request.index and self.request.front_matter:
            story.extend(self.index())
        return story

    def set_key(self, key: str) -> Flowable:
        def apply(doc: WorkbookDoc) -> None:
            doc.template_key = key
        return DocAction(apply)

    def front_matter(self) -> list[Flowable]:
        config = self.request.guide.config
        styles = self.front_styles
        width = self.doc.page_size.width - 144
        cover_flowables = cover(config, styles, self.frame_height(COVER_MARGINS), width,
                                lambda message: self.problems.warn(config.path, None, message))
        story: list[Flowable] = [self.set_key("cover"), *cover_flowables, self.set_key("front"),
                                 PageBreak()]
        story.extend(notice(config, styles, self.request.attributions,
                            self.frame_height(self.request.front_layout.margins)))
        story.append(PageBreak())
        story.append(Marker(self.outline("Contents", "contents", 0)))
        story.append(Paragraph("Contents", ParagraphStyle(
            "contents_title", parent=styles.week_title, spaceAfter=styles.size * 1.8)))
        for week in self.request.weeks:
            line = ContentsLine(str(week.number), week.title, f"pn-week-{week.number}", f"week-{week.number}")
            story.append(ContentsEntry(line, styles.fonts, styles.size, self.doc.forms_used.add))
        if self.request.index:
            line = ContentsLine("", "Scripture Index", "pn-index", "scripture-index")
            story.append(Spacer(1, styles.size))
            story.append(ContentsEntry(line, styles.fonts, styles.size, self.doc.forms_used.add))
        story.append(DocAction(self.start_body))
        return story

    def start_body(self, doc: WorkbookDoc) -> None:
        """End the front matter on a left-hand page so the body starts on page 1, recto."""
        doc.new_page(recto=True)
        doc.body_start = doc.page
        doc.canv.bookmarkPage(doc.page_destination(doc.page))
        doc.canv.addPageLabel(0, "ROMAN_LOWER", 1)
        doc.canv.addPageLabel(doc.page - 1, "ARABIC", 1)

    def outline(self, title: str, key: str, level: int) -> Callable[[object], None]:
        def add(canvas) -> None:
            canvas.bookmarkHorizontal(key, 0, 0)
            canvas.addOutlineEntry(title, key, level=level)
        return add

    def week(self, week: m.Week) -> list[Flowable]:
        layout = self.request.week_layouts[week.number]
        styles = styles_for(layout)
        doc = self.doc

        def begin(document: WorkbookDoc) -> None:
            document.template_key = layout.name
            document.new_page(recto=layout.start_on == "recto" and self.request.front_matter)
            if document.body_start is None:
                document.body_start = document.page
                document.canv.bookmarkPage(document.page_destination(document.page))
            document.state.week = week
            document.state.section = ""
            document.state.opens_week = True
            document.week_pages[week.number] = document.page
            document.forms[f"pn-week-{week.number}"] = document.page_label(document.page)

        renderer = BlockRenderer(
            layout=layout, styles=styles, edition=self.request.edition, width=self.frame_width(layout),
            passages=self.request.passages, translation=self.request.guide.config.translation,
            problems=self.problems, path=week.path, on_reference=self.reference_marker,
            mention_label=self.mention_label,
            fields=WeekFields(week.number) if self.request.fillable else None,
        )
        sections = iter(range(1, 10_000))

        def mark_section(title: str) -> Flowable:
            key = f"week-{week.number}-s{next(sections)}"

            def mark(canvas) -> None:
                doc.state.section = title
                self.outline(title, key, 1)(canvas)
            return Marker(mark)

        chapter = WeekRenderer(week, renderer, mark_section).flowables()

        def end(canvas) -> None:
            _, y = canvas.absolutePosition(0, 0)
            frame_top = self.doc.page_size.height - layout.margins.top
            frame_height = frame_top - layout.margins.bottom
            used = min(max((frame_top - y) / frame_height, 0.0), 1.0)
            doc.week_ends[week.number] = doc.page
            self.check_length(week, layout, doc.page - doc.week_pages[week.number] + 1, used)

        return [DocAction(begin), Marker(self.outline(week_title_text(week), f"week-{week.number}", 0)),
                *chapter, Marker(end)]

    def check_length(self, week: m.Week, layout: m.Layout, pages: int, last_page_used: float) -> None:
        """Warn when a week runs past its layout's `max_pages`, saying by how much."""
        if not layout.max_pages or pages <= layout.max_pages:
            return
        over = pages - layout.max_pages - 1 + last_page_used
        sheet = " (one sheet, front and back)" if layout.max_pages == 2 else ""
        self.problems.warn(
            week.path, None,
            f"week {week.number} takes {pages} pages in the {layout.name!r} layout, "
            f"{over:.1f} page{'s' if over >= 1.05 else ''} more than its {layout.max_pages}{sheet}",
            "shorten the teaching, lower the answer lines with {lines=N}, or choose another layout",
        )

    def reference_marker(self, references: tuple[Reference, ...]) -> Callable[[object], None]:
        def record(_canvas) -> None:
            self.record_references(references)
        return record

    def record_references(self, references: tuple[Reference, ...]) -> None:
        doc = self.doc
        entry = (doc.page_label(doc.page), doc.page_destination(doc.page))
        for reference in references:
            doc.reference_pages.setdefault(reference, []).append(entry)

    def mention_label(self, mention: m.ScriptureMention) -> str:
        label = str(len(self.doc.mentions))
        self.doc.mentions[label] = mention.references
        return label

    def on_mention(self, _canvas, _kind: str, label: str) -> None:
        self.record_references(self.doc.mentions.get(label, ()))

    def attribution_lines(self) -> list[Flowable]:
        style = self.front_styles.footnote
        lines = [Paragraph(escape(text), style) for text in self.request.attributions]
        return [Spacer(1, self.front_styles.leading), *lines] if lines else []

    def index(self) -> list[Flowable]:
        layout = self.request.front_layout
        styles = styles_for(layout)

        def begin(doc: WorkbookDoc) -> None:
            doc.template_key = "index"
            doc.new_page(recto=False)
            doc.state.week = None
            doc.state.section = "Scripture Index"
            doc.forms["pn-index"] = doc.page_label(doc.page)

        title = SectionTitle("Scripture Index", styles.section.fontName, styles.section.fontSize * 1.3,
                             s.ACCENT, s.RULE, 0, styles.leading)
        return [
            DocAction(begin),
            Marker(self.outline("Scripture Index", "scripture-index", 0)),
            title,
            Deferred(lambda: index_flowables(self.doc.reference_pages, styles)),
        ]


def draw_blank_answer(canvas, _kind: str, label: str) -> None:
    """Write a blank's answer, centred over its rule (leader's edition)."""
    info = canvas._curr_tx_info
    count, _, word = label.partition(":")
    tx = info["tx"]
    size = tx._fontsize
    regular = tx._fontname
    bold = ps2tt_bold(regular)
    width = int(count) * stringWidth(NBSP, regular, size)
    word_width = stringWidth(word, bold, size)
    scale = min(1.0, width / word_width) if word_width else 1.0
    canvas.saveState()
    canvas.setFillColor(s.ACCENT)
    canvas.setFont(bold, size * scale)
    canvas.drawCentredString(info["cur_x"] + width / 2, info["cur_y"], word)
    canvas.restoreState()


def ps2tt_bold(font_name: str) -> str:
    """The bold face of a registered family (the font itself when it has none)."""
    from reportlab.lib.fonts import ps2tt, tt2ps

    try:
        family, _, italic = ps2tt(font_name)
        return tt2ps(family, 1, italic)
    except ValueError:
        return font_name


def render_guide(request: RenderRequest, problems: Collector) -> RenderResult:
    """Lay out the workbook in one pass and return the PDF bytes."""
    buffer = io.BytesIO()
    doc = WorkbookDoc(buffer, request)
    builder = StoryBuilder(doc, request, problems)
    story = builder.story()
    doc._doSave = 0
    if request.weeks:
        doc.template_key = "cover" if request.front_matter else request.week_layouts[
            request.weeks[0].number].name
    original_start = doc._startBuild

    def start_build(*args, **kwargs) -> None:
        original_start(*args, **kwargs)
        doc.canv.setNamedCB("mention", builder.on_mention)
        doc.canv.setNamedCB(BLANK_CALLBACK, draw_blank_answer)
        doc.canv.setNamedCB(BLANK_FIELD_CALLBACK, draw_blank_field)

    doc._startBuild = start_build
    doc.build(story)
    doc.finish_forms()
    doc.canv.save()
    return RenderResult(buffer.getvalue(), doc.page, doc.body_start or 1, dict(doc.week_pages),
                        dict(doc.week_ends))


def render_notes_page(request: RenderRequest) -> bytes:
    """One lined notes page in the book's size and default layout (booklet padding)."""
    layout = request.front_layout
    styles = styles_for(layout)
    buffer = io.BytesIO()
    page = request.guide.config.page_size
    doc = BaseDocTemplate(buffer, pagesize=(page.width, page.height), invariant=1,
                          initialFontName=styles.fonts["body"]["regular"],
                          title=request.guide.config.title, creator="guide-builder")
    doc.addPageTemplates(page_templates("notes", page, layout.margins)[:1])
    doc.build([NotesFill("Notes", styles.section.fontName, styles.section.fontSize, s.ACCENT,
                         s.ANSWER_RULE, layout.line_gap)])
    return buffer.getvalue()
