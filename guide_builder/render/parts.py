"""Rendering a long book in two parts at once: the later weeks in a forked process.

A full build (cover, contents, weeks, index) of a long study is cut once, at a week
that starts on a right-hand page anyway, so the cut changes nothing on paper. The main
process lays out the front matter and the first weeks; a forked worker lays out the
remaining weeks as body pages without running heads and reports, per page, what the
running heads must show, where the outline entries go, which scripture references it
met and which warnings it found. It sends its pages in small batches as they are
finished; once the main process has laid out its own weeks, it adds one page per worker
page as they come (running heads, bookmarks, outline entries, index entries, with the
real page numbers), each drawn over the worker page's own content stream
(render/carried.py), and goes on with the index. Splicing thus overlaps the worker's
layout instead of following it.

Where the cut falls depends only on the weeks (never on the number of processors), so
the PDF is the same on every machine; without fork (or if the worker fails) the part
is rendered in this process instead, with the same result (guide_builder/concurrency.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from guide_builder import model as m
from guide_builder.concurrency import Streamed, map_shared
from guide_builder.errors import Diagnostic
from guide_builder.render.bookfonts import BookFonts
from guide_builder.render.carried import PartPage, Subset
from guide_builder.scripture import Reference

MIN_WEEKS = 6  # shorter studies are rendered in one part: a fork would cost more than it saves
# of the weeks' cost, what the main process lays out itself. It also lays out the front
# matter and splices the worker's pages; the worker pickles its pages. At 0.47 both do the
# same work, within 1%, at 52 and at 520 weeks (instructions: benchmarks/balance.py)
HEAD_SHARE = 0.47


@dataclass(frozen=True)
class PageHeads:
    """What the running heads of one worker page show."""

    key: str  # the layout (template key) of the page
    week: int | None
    section: str
    opens_week: bool
    content: bool  # False for a page left blank (heads are not drawn there)


@dataclass(frozen=True)
class OutlineMark:
    """An outline entry made on a worker page, with the spot it points at."""

    page: int  # 1-based, within the part
    left: float
    top: float
    title: str
    key: str
    level: int


@dataclass(frozen=True)
class CarriedPage:
    """One page of a later part, with everything the main process adds to it."""

    content: PartPage
    heads: PageHeads
    outline: tuple[OutlineMark, ...]
    references: tuple[tuple[Reference, ...], ...]


@dataclass
class TailResult:
    """Everything the main process needs from the worker's part.

    `carried` holds its finished pages, unless they were sent as they were finished (then
    it is empty). `pages`, `outline` and `references` gather what the page being laid out
    records (its running heads, outline entries and references) until it is finished and
    becomes a CarriedPage.
    """

    carried: list[CarriedPage] = field(default_factory=list)
    fonts: list[Subset] = field(default_factory=list)  # the subsets those pages use
    shared_fonts: set[str] = field(default_factory=set)  # the book's shared fonts they use
    diverged: bool = False  # laid out in a forked process that gave characters codes of its own
    pages: list[PageHeads] = field(default_factory=list)
    outline: list[OutlineMark] = field(default_factory=list)
    references: list[tuple[tuple[Reference, ...], int]] = field(default_factory=list)
    week_pages: dict[int, int] = field(default_factory=dict)
    week_ends: dict[int, int] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


class Part:
    """A later part for the main process to splice in: its pages, then the rest of it.

    Made from a part laid out already (`ready`), or from one being laid out in a forked
    process that sends its pages as they are finished (`streamed`): the main process then
    splices the first pages while the last are still being laid out.
    """

    def __init__(self, pages: Iterable[CarriedPage], rest: Callable[[], TailResult]) -> None:
        self._pages, self._rest = pages, rest

    @classmethod
    def ready(cls, tail: TailResult) -> Part:
        return cls(tail.carried, lambda: tail)

    @classmethod
    def streamed(cls, streamed: Streamed[TailResult]) -> Part:
        return cls((page for batch in streamed for page in batch), streamed.result)

    def pages(self) -> Iterable[CarriedPage]:
        """The part's pages in order (once)."""
        return self._pages

    def rest(self) -> TailResult:
        """Its fonts, week pages and diagnostics (after its pages)."""
        return self._rest()


def week_cost(week: m.Week) -> int:
    """A rough, edition-independent measure of how long a week takes to lay out."""
    try:
        return max(week.path.stat().st_size, 1)
    except OSError:
        return 1


def cut_point(weeks: tuple[m.Week, ...], layouts: dict[int, m.Layout]) -> int | None:
    """Index of the first week of the later part, or None to render in one part.

    Only a week that starts on a right-hand page can begin the later part (the worker lays
    out its pages from a right-hand page), so the cut never moves anything on paper.
    """
    if len(weeks) < MIN_WEEKS:
        return None
    costs = [week_cost(week) for week in weeks]
    target = sum(costs) * HEAD_SHARE
    best, best_gap, running = None, float("inf"), 0
    for index, week in enumerate(weeks):
        if index and layouts[week.number].start_on == "recto" and abs(running - target) < best_gap:
            best, best_gap = index, abs(running - target)
        running += costs[index]
    return best


# `guide build --watch`: weeks per kept part (an edit lays out about this many again); the
# parts share their font subsets (render/bookfonts.py), so a part costs no font of its own
CHUNK_WEEKS = 1


def chunk_weeks(weeks: tuple[m.Week, ...], layouts: dict[int, m.Layout],
                size: int = CHUNK_WEEKS) -> list[tuple[m.Week, ...]]:
    """The weeks in consecutive parts of about `size`, each starting on a right-hand page."""
    chunks: list[list[m.Week]] = []
    for week in weeks:
        if not chunks or (len(chunks[-1]) >= size and layouts[week.number].start_on == "recto"):
            chunks.append([])
        chunks[-1].append(week)
    return [tuple(chunk) for chunk in chunks]


@dataclass(frozen=True)
class _KeptPart:
    """A laid-out part and what it was made from."""

    weeks: tuple[m.Week, ...]
    layouts: tuple[m.Layout, ...]
    part: TailResult

    def made_from(self, weeks: tuple[m.Week, ...], layouts: tuple[m.Layout, ...]) -> bool:
        """Whether these weeks (the very same parsed objects) in these layouts made it."""
        return (len(weeks) == len(self.weeks) and all(a is b for a, b in zip(weeks, self.weeks, strict=True))
                and layouts == self.layouts)


class PartCache:
    """Parts laid out in earlier builds (`guide build --watch`), by what they were made from,
    all in the font codes of one `BookFonts`, kept as long as the parts are.

    A part is made again only when its weeks, their layouts, the edition or the study's
    settings change; parts no build asks for any more are dropped. Weeks are compared as
    objects: the parse cache gives back the same object for a file that did not change, and
    a new one for a file that did (comparing them by content would cost more than the
    rebuild saves). Passage texts follow from the weeks and the settings.
    """

    def __init__(self) -> None:
        self._setting: object = None
        self._kept: list[_KeptPart] = []
        self._named = 0  # parts named so far (each part's font subsets are named apart)
        self.made = 0  # parts laid out by the last build (the rest were reused)
        self.book_fonts: BookFonts | None = None  # the codes every part shares (render/bookfonts.py)

    def results(self, request, chunks: list[tuple[m.Week, ...]],
                render: Callable[[tuple[m.Week, ...], str, BookFonts], TailResult]) -> list[TailResult]:
        """The laid-out part of each chunk, making the missing ones (in two processes when
        there are several); `render(weeks, part_id, book_fonts)` lays out one in the book's
        shared font codes, any other font named after the part id, unique among the parts
        of one book."""
        setting = (request.edition, request.guide.config)
        earlier = self._kept if setting == self._setting else []
        if not earlier or self.book_fonts is None:
            self.book_fonts = BookFonts(study_text(request))
        book_fonts = self.book_fonts
        wanted = [(chunk, tuple(request.week_layouts[week.number] for week in chunk)) for chunk in chunks]
        found = [next((kept for kept in earlier if kept.made_from(*want)), None) for want in wanted]
        missing = [(f"C{self._named + index}", want) for index, want in
                   enumerate(want for want, kept in zip(wanted, found, strict=True) if kept is None)]
        self._named += len(missing)
        made = map_shared(missing, lambda item: render(item[1][0], item[0], book_fonts), 2)
        # a part whose forked process gave new codes is laid out again here, one after another
        made = iter([render(item[1][0], item[0], book_fonts) if part.diverged else part
                     for item, part in zip(missing, made, strict=True)])
        self.made = len(missing)
        self._kept = [kept or _KeptPart(*want, next(made)) for want, kept in zip(wanted, found, strict=True)]
        self._setting = setting
        return [kept.part for kept in self._kept]


def study_text(request) -> Iterator[str]:
    """Every text of the study a book prints: its settings, its weeks' files and its passages."""
    config = request.guide.config
    yield from (config.title, config.subtitle or "", config.author or "")
    for week in request.weeks:
        try:
            yield week.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            yield week.title
    for passage in request.passages.values():
        yield passage.text
