"""The workbook document: page templates, running heads, outline, forms, one layout pass."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, PageBreak, Paragraph, Spacer

from guide_builder import model as m
from guide_builder.concurrency import streamed_in_background
from guide_builder.errors import Collector
from guide_builder.render import speedups
from guide_builder.render import styles as s
from guide_builder.render.blocks import BlockRenderer
from guide_builder.render.bookfonts import BookFonts
from guide_builder.render.carried import BookCanvas, PartCanvas, PartPage
from guide_builder.render.fields import WeekFields, draw_blank_field
from guide_builder.render.flowables import Deferred, DocAction, Marker, NotesFill, SectionMark, SectionTitle
from guide_builder.render.fonts import register_bundled
from guide_builder.render.front import ContentsEntry, ContentsLine, cover, notice
from guide_builder.render.index import index_flowables
from guide_builder.render.pages import PageState, draw_running_heads, page_templates
from guide_builder.render.parts import (
    CarriedPage,
    OutlineMark,
    PageHeads,
    Part,
    PartCache,
    TailResult,
    chunk_weeks,
    cut_point,
)
from guide_builder.render.styles import styles_for
from guide_builder.render.text import BLANK_CALLBACK, BLANK_FIELD_CALLBACK, NBSP, blank_start, escape
from guide_builder.render.week import WeekRenderer, week_title_text
from guide_builder.scripture import Passage, Reference

speedups.install()

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

    def __init__(self, buffer: io.BytesIO, request: RenderRequest, tail: TailResult | None = None) -> None:
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
        self.pending_key: str | None = None  # the layout of the next page, once this one ends
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
        # Set when this document is the later part of a book (see render/parts.py): pages are
        # body pages from 1, and running heads, bookmarks and index entries are recorded here
        # for the main process instead of being drawn.
        self.tail = tail
        if tail is not None:
            self.body_start = 1
        self.placeholder_heads: dict[int, PageHeads] = {}
        self.weeks_by_number = {week.number: week for week in request.weeks}

    # ---- pages ------------------------------------------------------------------

    def handle_pageBegin(self) -> None:
        if self.pending_key is not None:
            self.template_key, self.pending_key = self.pending_key, None
        upcoming = self.page + 1
        side = "recto" if upcoming % 2 == 1 else "verso"
        self.pageTemplate = next(t for t in self.pageTemplates if t.id == f"{self.template_key}:{side}")
        self.state.opens_week = False
        self.state.begin_page()
        super().handle_pageBegin()
        if self.body_start is not None and self.tail is None:
            self.canv.bookmarkPage(self.page_destination(self.page))

    def afterPage(self) -> None:
        content = self._curPageFlowableCount > 0
        if self.tail is not None:
            week = self.state.week.number if self.state.week else None
            self.tail.pages.append(PageHeads(self.template_key, week, self.state.section,
                                             self.state.opens_week, content))
            return
        state, key = self.state, self.template_key
        placeholder = self.placeholder_heads.pop(self.page, None)
        if placeholder is not None:
            key, content = placeholder.key, placeholder.content
            week = self.weeks_by_number.get(placeholder.week) if placeholder.week is not None else None
            state = replace(self.state, week=week, section=placeholder.section,
                            opens_week=placeholder.opens_week)
        if not content or self.pageTemplate.id.startswith("cover:"):
            return
        recto = self.page % 2 == 1
        state.page_label = self.page_label(self.page)
        layout = self.layouts[key]
        font = styles_for(layout).fonts["heading"]["regular"]
        if self.body_start is None:
            front_footer = replace(layout, header={}, footer={"center": "{page}"})
            draw_running_heads(self.canv, self.page_size, front_footer, state, recto, font)
            return
        draw_running_heads(self.canv, self.page_size, layout, state, recto, font,
                           header=not state.opens_week)

    def page_label(self, physical: int) -> str:
        """The printed number: roman in the front matter, arabic from the body on."""
        if self.body_start is None or physical < self.body_start:
            return roman(physical)
        return str(physical - self.body_start + 1)

    @staticmethod
    def page_destination(physical: int) -> str:
        """Named destination of a body page (index links)."""
        return f"page-{physical}"

    def new_page(self, recto: bool, key: str | None = None) -> None:
        """Break to a new page (a right-hand one when `recto`), leaving a blank page if needed.

        With `key`, the new page (and any blank one before it) takes that layout's template,
        while the page being ended keeps its own running heads.
        """
        if self._curPageFlowableCount > 0:
            self._break(key)
        elif key is not None and key != self.template_key:
            self._retemplate(key)  # nothing is on this page yet: give it the new layout
        if recto and self.page % 2 == 0:
            self._break(key)

    def _break(self, key: str | None) -> None:
        self.pending_key = key
        self.handle_pageBreak()
        self.clean_hanging()

    def _retemplate(self, key: str) -> None:
        self.template_key = key
        side = "recto" if self.page % 2 == 1 else "verso"
        self.pageTemplate = next(t for t in self.pageTemplates if t.id == f"{key}:{side}")
        for frame in self.pageTemplate.frames:
            frame._reset()
        self.frame = self.pageTemplate.frames[0]
        self.handle_frameBegin()

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

    def __init__(self, doc: WorkbookDoc, request: RenderRequest, problems: Collector,
                 weeks: tuple[m.Week, ...] | None = None,
                 parts: tuple[Part, ...] = ()) -> None:
        """`weeks`: the weeks this document lays out (all by default); `parts`: later parts
        of the book, laid out elsewhere, spliced in after them in this order."""
        self.doc, self.request, self.problems = doc, request, problems
        self.weeks = request.weeks if weeks is None else weeks
        self.parts = parts
        self.front_styles = styles_for(request.front_layout)

    def frame_width(self, layout: m.Layout) -> float:
        return self.doc.page_size.width - layout.margins.inside - layout.margins.outside

    def frame_height(self, margins: m.Margins) -> float:
        return self.doc.page_size.height - margins.top - margins.bottom

    def story(self) -> list[Flowable]:
        """Cover, notice, contents, weeks, index."""
        story: list[Flowable] = []
        if self.doc.tail is not None:
            for week in self.weeks:
                story.extend(self.week(week))
            return story
        if self.request.front_matter:
            story.extend(self.front_matter())
        for week in self.weeks:
            story.extend(self.week(week))
        for part in self.parts:
            story.append(DocAction(lambda doc, part=part: self.splice(doc, part)))
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
            if self.doc.tail is not None:
                left, top = canvas.absolutePosition(0, 0)
                self.doc.tail.outline.append(OutlineMark(self.doc.page, left, top, title, key, level))
                return
            canvas.bookmarkHorizontal(key, 0, 0)
            canvas.addOutlineEntry(title, key, level=level)
        return add

    def splice(self, doc: WorkbookDoc, part: Part) -> None:
        """Add a later part's pages, as they come: one page each, its content first
        (render/carried.py), then running heads, bookmarks, outline and index entries at
        their real page numbers."""
        doc.new_page(recto=True)
        first = doc.page
        canvas = doc.canv
        for local, page in enumerate(part.pages(), start=1):
            if local > 1:
                doc.handle_pageBreak()
                doc.clean_hanging()
            canvas.carry(page.content)
            doc.placeholder_heads[doc.page] = page.heads
            for mark in page.outline:
                canvas.bookmarkHorizontalAbsolute(mark.key, mark.top, mark.left)
                canvas.addOutlineEntry(mark.title, mark.key, level=mark.level)
            for found in page.references:
                self.record_references(found)
            doc._curPageFlowableCount = 1  # heads drawn (or not) as the placeholder says
        tail = part.rest()
        self.problems.extend(tail.diagnostics)
        canvas.embed(tail.fonts, tail.shared_fonts)
        for number, local in tail.week_pages.items():
            doc.week_pages[number] = first + local - 1
            doc.forms[f"pn-week-{number}"] = doc.page_label(first + local - 1)
        for number, local in tail.week_ends.items():
            doc.week_ends[number] = first + local - 1

    def week(self, week: m.Week) -> list[Flowable]:
        layout = self.request.week_layouts[week.number]
        styles = styles_for(layout)
        doc = self.doc

        def begin(document: WorkbookDoc) -> None:
            document.new_page(recto=layout.start_on == "recto" and self.request.front_matter, key=layout.name)
            if document.body_start is None:
                document.body_start = document.page
                document.canv.bookmarkPage(document.page_destination(document.page))
            document.state.week = week
            document.state.set_section("")
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

            def mark(canvas, at_top: bool) -> None:
                doc.state.start_section(title, at_top)
                self.outline(title, key, 1)(canvas)
            return SectionMark(mark)

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
        if doc.tail is not None:
            doc.tail.references.append((references, doc.page))
            return
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
            doc.new_page(recto=False, key="index")
            doc.state.week = None
            doc.state.set_section("Scripture Index")
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
    canvas.drawCentredString(blank_start(info) + width / 2, info["cur_y"], word)
    canvas.restoreState()


def ps2tt_bold(font_name: str) -> str:
    """The bold face of a registered family (the font itself when it has none)."""
    from reportlab.lib.fonts import ps2tt, tt2ps

    try:
        family, _, italic = ps2tt(font_name)
        return tt2ps(family, 1, italic)
    except ValueError:
        return font_name


def render_guide(request: RenderRequest, problems: Collector, reuse: PartCache | None = None) -> RenderResult:
    """Lay out the workbook in one pass and return the PDF bytes.

    A long book is laid out in two parts at once (see render/parts.py). With
    `reuse` (`guide build --watch`), the weeks are laid out in small parts kept between
    builds, and only the parts whose weeks changed are laid out again.
    """
    register_fonts(request)
    whole_book = request.front_matter and request.index and not request.fillable
    if whole_book and reuse is not None:
        chunks = chunk_weeks(request.weeks, request.week_layouts)
        if len(chunks) > 1:
            results = reuse.results(request, chunks, lambda weeks, part_id, book_fonts: render_tail(
                request, weeks, part_id, book_fonts=book_fonts))
            return _render_main(request, problems, (), tuple(Part.ready(result) for result in results),
                                reuse.book_fonts)
    cut = cut_point(request.weeks, request.week_layouts) if whole_book else None
    if cut is None:
        return _render_main(request, problems, request.weeks, ())
    later = request.weeks[cut:]
    with streamed_in_background(lambda emit: render_tail(request, later, emit=emit)) as streamed:
        return _render_main(request, problems, request.weeks[:cut], (Part.streamed(streamed),))


def register_fonts(request: RenderRequest) -> None:
    """Register every font the book may use before any part of it is laid out.

    A later part is laid out in another process (render/parts.py) on a canvas that names
    its font subsets apart from the book's; a font first registered while that part is laid
    out would get the book's names, and would be unknown to this process, which embeds it.
    """
    register_bundled()  # first: a study font named like a bundled face is then renamed (fonts.py)
    for layout in dict.fromkeys((request.front_layout, *request.week_layouts.values())):
        styles_for(layout)


def render_tail(request: RenderRequest, weeks: tuple[m.Week, ...], part_id: str = "P",
                emit: Callable[[list[CarriedPage]], None] | None = None,
                book_fonts: BookFonts | None = None) -> TailResult:
    """Lay out `weeks` as the later part of the book: body pages from a right-hand page 1,
    kept as content streams whose fonts are named after `part_id` (see render/carried.py).

    With `emit`, finished pages are given to it in small batches as the layout goes on,
    and the result keeps only what comes after them (fonts, week pages, diagnostics);
    without, they are kept in the result (`carried`). With `book_fonts`, its text is
    written in the book's shared font codes (render/bookfonts.py).
    """
    tail = TailResult()
    before = book_fonts.sizes() if book_fonts is not None else {}
    problems = Collector()
    buffer = io.BytesIO()
    doc = WorkbookDoc(buffer, request, tail)
    builder = StoryBuilder(doc, request, problems, weeks)
    doc.template_key = request.week_layouts[weeks[0].number].name
    sender = _PageSender(tail, emit if emit is not None else tail.carried.extend)
    canvasmaker = functools.partial(PartCanvas, part_id=part_id, on_page=sender, book_fonts=book_fonts)
    _build(doc, builder, canvasmaker)
    sender.flush()
    if book_fonts is not None:
        tail.shared_fonts = book_fonts.used_in(doc.canv._doc)
        tail.diverged = book_fonts.grew_here(before)
    tail.fonts = doc.canv.subsets()
    tail.week_pages, tail.week_ends = dict(doc.week_pages), dict(doc.week_ends)
    tail.diagnostics = list(problems.items)
    return tail


class _PageSender:
    """Makes each finished page of a part a CarriedPage (its content with the running heads,
    outline entries and scripture references recorded on it) and gives them to `emit` in
    batches of BATCH_PAGES."""

    BATCH_PAGES = 8

    def __init__(self, tail: TailResult, emit: Callable[[list[CarriedPage]], None]) -> None:
        self.tail, self.emit = tail, emit
        self.batch: list[CarriedPage] = []
        self.sent = 0  # pages given away so far

    def __call__(self, content: PartPage) -> None:
        tail = self.tail
        heads = tail.pages.pop()  # recorded just before the page was finished
        local = len(self.batch) + 1 + self.sent
        marks = tuple(mark for mark in tail.outline if mark.page == local)
        references = tuple(found for found, page in tail.references if page == local)
        if tail.pages or len(marks) != len(tail.outline) or len(references) != len(tail.references):
            raise RuntimeError(f"page {local} of a later part was finished out of order")
        self.batch.append(CarriedPage(content, heads, marks, references))
        tail.outline.clear()
        tail.references.clear()
        if len(self.batch) >= self.BATCH_PAGES:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            self.emit(self.batch)
            self.sent += len(self.batch)
            self.batch = []


def _render_main(request: RenderRequest, problems: Collector, weeks: tuple[m.Week, ...],
                 parts: tuple[Part, ...], book_fonts: BookFonts | None = None) -> RenderResult:
    buffer = io.BytesIO()
    doc = WorkbookDoc(buffer, request)
    builder = StoryBuilder(doc, request, problems, weeks, parts)
    if request.weeks:
        doc.template_key = "cover" if request.front_matter else request.week_layouts[
            request.weeks[0].number].name
    _build(doc, builder, functools.partial(BookCanvas, book_fonts=book_fonts))
    doc.finish_forms()
    doc.canv.save()
    return RenderResult(buffer.getvalue(), doc.page, doc.body_start or 1, dict(doc.week_pages),
                        dict(doc.week_ends))


def _build(doc: WorkbookDoc, builder: StoryBuilder, canvasmaker: Callable[..., Canvas]) -> None:
    """Lay out the builder's story into the document on a canvas from `canvasmaker` (the
    caller saves it, or takes its pages)."""
    story = builder.story()
    doc._doSave = 0
    original_start = doc._startBuild

    def start_build(*args, **kwargs) -> None:
        original_start(*args, **kwargs)
        doc.canv.setNamedCB("mention", builder.on_mention)
        doc.canv.setNamedCB(BLANK_CALLBACK, draw_blank_answer)
        doc.canv.setNamedCB(BLANK_FIELD_CALLBACK, draw_blank_field)

    doc._startBuild = start_build
    doc.build(story, canvasmaker=canvasmaker)


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
