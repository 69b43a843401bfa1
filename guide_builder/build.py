"""build_guide(): the one place that knows the stage order.

load -> parse -> resolve (layouts, passages) -> render -> write. `check_guide` is the
same pipeline stopped before render. Everything is read and validated before anything
is written, so a failed build leaves the previous PDF untouched.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from guide_builder import model as m
from guide_builder.concurrency import map_shared
from guide_builder.errors import Collector, Diagnostic, GuideError
from guide_builder.load import SourceFile, load_study
from guide_builder.parse.week import WeekParser
from guide_builder.resolve import attributions, check_quotation_limits, resolve_passages
from guide_builder.scripture import load_translation

MIN_FRAME = 144.0  # 2 inches: the smallest text frame we accept
PARALLEL_PARSE = 12  # with this many weeks to parse, some are parsed in a forked process


@dataclass(frozen=True)
class BuildOptions:
    """What `guide build` was asked to do."""

    root: Path
    weeks: tuple[int, int] | None = None
    edition: m.Edition = m.Edition.PARTICIPANT
    out: Path | None = None
    booklet: bool = False
    split: bool = False
    signature: int | None = None
    creep: float = 0.0
    fillable: bool = False
    print_shop: bool = False
    bleed: float | None = None  # --bleed; else the layout's [print] bleed, else 0.125in
    copies: int | None = None


@dataclass
class Prepared:
    """A parsed and resolved study, ready to render (what `guide check` validates)."""

    guide: m.Guide
    week_layouts: dict[int, m.Layout]
    front_layout: m.Layout
    passages: dict
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class BuildReport:
    """What a build wrote, with timings for `--verbose`."""

    outputs: list[Path]
    pages: int
    weeks: int
    seconds: float
    warnings: list[Diagnostic]
    notes: list[str] = field(default_factory=list)


class ParseCache:
    """Parsed weeks kept between builds (`guide build --watch`): unchanged files are not re-parsed."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[str, m.Week | None, list[Diagnostic]]] = {}
        self._parser: WeekParser | None = None
        self.parsed = 0
        self.parts: object | None = None  # render.parts.PartCache: laid-out parts kept for reuse

    def parse_all(self, root: Path, sources: list[SourceFile], problems: Collector,
                  meanwhile: Callable[[], None] | None = None) -> list[m.Week | None]:
        """The weeks of `sources`, in order; only files whose text changed are parsed again
        (shared with a forked process when there are many, see concurrency.py; this one
        first runs `meanwhile`)."""
        if self._parser is None or self._parser.root != root:
            self._parser = WeekParser(root)
        parser = self._parser
        stale = [s for s in sources if (e := self._entries.get(s.path)) is None or e[0] != s.text]

        def parse(source: SourceFile) -> tuple[m.Week | None, list[Diagnostic]]:
            found = Collector()
            return parser.parse(source, found), found.items

        parsed = map_shared(stale, parse, PARALLEL_PARSE, meanwhile)
        for source, (week, found) in zip(stale, parsed, strict=True):
            self._entries[source.path] = (source.text, week, found)
        self.parsed += len(stale)
        weeks = []
        for source in sources:
            _, week, found = self._entries[source.path]
            problems.extend(list(found))
            weeks.append(week)
        return weeks


def prepare_guide(root: Path, step: Callable[[str], None] = lambda _s: None,
                  cache: ParseCache | None = None, meanwhile: Callable[[], None] | None = None) -> Prepared:
    """Load, parse and resolve the study at `root`; raise GuideError listing every problem.

    `meanwhile` runs while another process parses weeks (building: import the renderer).
    """
    step("Reading the study")
    files = load_study(root)
    problems = Collector()
    problems.extend(list(files.warnings))
    step("Parsing weeks")
    cache = cache or ParseCache()
    config: m.GuideConfig | None = None

    def preload() -> None:
        # only this process needs the settings: read while weeks are parsed (with TOML)
        nonlocal config
        from guide_builder.parse.config import parse_config

        config = parse_config(files.guide_toml, files.root, problems)
        if config is not None and config.translation:
            load_translation(config.translation)
        if meanwhile is not None:
            meanwhile()

    parsed = cache.parse_all(files.root, list(files.weeks), problems, preload)
    weeks = [week for week in parsed if week is not None]
    weeks = _unique_weeks(weeks, problems)
    step("Resolving layouts")
    from guide_builder.layout import LayoutResolver  # not needed to parse: imported after the fork

    resolver = LayoutResolver(files.layouts, files.root, problems)
    if config is None:
        problems.raise_if_errors()
    assert config is not None
    front_layout = resolver.resolve(config.layout, config.path, None)
    if front_layout is not None and front_layout.page_size is not None:
        config = replace(config, page_size=front_layout.page_size,
                         page_size_name=front_layout.page_size_name or config.page_size_name)
    week_layouts: dict[int, m.Layout] = {}
    for week in weeks:
        name = week.layout or config.layout
        layout = resolver.resolve(name, week.path, week.layout_line)
        if layout is not None:
            week_layouts[week.number] = layout
            _check_page_size(week, layout, config, problems)
    for layout in {lay.name: lay for lay in [*week_layouts.values(), front_layout] if lay}.values():
        _check_frame(layout, config.page_size, problems)
    guide = m.Guide(files.root, config, tuple(weeks))
    step("Looking up scripture")
    passages = resolve_passages(guide, problems)
    check_quotation_limits(guide, problems)
    problems.raise_if_errors()
    assert front_layout is not None
    return Prepared(guide, week_layouts, front_layout, passages, list(problems.items))


def _unique_weeks(weeks: list[m.Week], problems: Collector) -> list[m.Week]:
    seen: dict[int, m.Week] = {}
    for week in weeks:
        if week.number in seen:
            problems.error(week.path, 2, f"week {week.number} is also {seen[week.number].path.name}",
                           "give each week file its own `week:` number")
        else:
            seen[week.number] = week
    return sorted(seen.values(), key=lambda w: w.number)


def _check_page_size(week: m.Week, layout: m.Layout, config: m.GuideConfig, problems: Collector) -> None:
    """A book has one page size: a week whose layout asks for another is an error."""
    if layout.page_size is None or layout.page_size == config.page_size:
        return
    problems.error(week.path, week.layout_line or 2,
                   f"week {week.number} uses layout {layout.name!r}, whose page size "
                   f"({layout.page_size_name}) is not the book's ({config.page_size_name})",
                   "a book has one page size: choose another layout for this week, or remove "
                   "`size` from the layout's [page] table")


def _check_frame(layout: m.Layout, page: m.PageSize, problems: Collector) -> None:
    margins = layout.margins
    width = page.width - margins.inside - margins.outside
    height = page.height - margins.top - margins.bottom
    if width < MIN_FRAME or height < MIN_FRAME:
        problems.error(layout.source, None,
                       f"layout {layout.name!r}: the margins leave a text area of "
                       f"{width / 72:.2f}in x {height / 72:.2f}in on this page size",
                       "make the margins smaller: the text area must be at least 2in each way")


def output_path(options: BuildOptions, config: m.GuideConfig) -> Path:
    """output/<name>.pdf, -leader, -week-NN, as SPEC names them (or --out)."""
    if options.out is not None:
        return options.out
    stem = config.output_name
    if options.weeks is not None:
        first, last = options.weeks
        stem += f"-week-{first:02d}" if first == last else f"-weeks-{first:02d}-{last:02d}"
    if options.edition is m.Edition.LEADER:
        stem += "-leader"
    if options.fillable:
        stem += "-fillable"
    return options.root / "output" / f"{stem}.pdf"


def select_weeks(guide: m.Guide, weeks: tuple[int, int] | None) -> tuple[m.Week, ...]:
    """The weeks a build includes; an empty selection is an error naming what exists."""
    if weeks is None:
        return guide.weeks
    first, last = weeks
    chosen = tuple(w for w in guide.weeks if first <= w.number <= last)
    if not chosen:
        numbers = ", ".join(str(w.number) for w in guide.weeks)
        wanted = f"week {first}" if first == last else f"weeks {first}-{last}"
        raise GuideError([Diagnostic(guide.root / "content", None, f"the study has no {wanted}",
                                     f"weeks in this study: {numbers}")])
    return chosen


def _import_renderer() -> None:
    """Import the layouts and the renderer and load the bundled fonts (about 0.2 s) while weeks
    are parsed."""
    import guide_builder.layout  # resolving layouts comes next
    from guide_builder.render.deferred import import_paragraph_module

    import_paragraph_module()
    import guide_builder.artifacts
    import guide_builder.output
    import guide_builder.render.document  # noqa: F401
    from guide_builder.render.fonts import register_bundled

    register_bundled()


@contextlib.contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Python's collector of reference cycles is off inside (and in the processes forked
    meanwhile), as it was before after.

    A build makes millions of objects that live until it ends (the parsed study, the
    flowables, the PDF objects); the collector would scan them all again and again for
    cycles that are hardly there: a tenth of a 520-week build (about 1 s of its main
    process, as much again in the worker) went to full collections, for some 20 MB of
    cycles, which the collector takes once it is on again (`guide build --watch` collects
    them after each build).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def build_guide(options: BuildOptions, step: Callable[[str], None] = lambda _s: None,
                cache: ParseCache | None = None, meanwhile: Callable[[], None] | None = None) -> BuildReport:
    """Build the workbook (or a handout) and the extras asked for; write each atomically.

    `meanwhile` is the caller's own work to do while weeks are parsed in another process
    (the command line loads its console there, which it will need to report the build).
    """
    with cycle_collection_paused():
        return _build_guide(options, step, cache, meanwhile)


def _build_guide(options: BuildOptions, step: Callable[[str], None], cache: ParseCache | None,
                 meanwhile: Callable[[], None] | None) -> BuildReport:
    started = time.perf_counter()

    def prepare_to_render() -> None:
        _import_renderer()
        if meanwhile is not None:
            meanwhile()

    prepared = prepare_guide(options.root, step, cache, prepare_to_render)
    from guide_builder import artifacts as extras
    from guide_builder.output import write_all
    from guide_builder.render.document import RenderRequest, render_guide, render_notes_page

    guide = prepared.guide
    weeks = select_weeks(guide, options.weeks)
    problems = Collector()
    problems.extend(prepared.diagnostics)
    step("Laying out pages")
    request = RenderRequest(
        guide=guide, weeks=weeks, week_layouts=prepared.week_layouts,
        front_layout=prepared.front_layout, passages=prepared.passages, edition=options.edition,
        attributions=attributions(guide, weeks), front_matter=options.weeks is None,
        index=options.weeks is None, fillable=options.fillable,
    )
    if cache is not None and cache.parts is None:
        from guide_builder.render.parts import PartCache

        cache.parts = PartCache()
    result = render_guide(request, problems, cache.parts if cache is not None else None)
    problems.raise_if_errors()
    path = output_path(options, guide.config)
    made = extras.Artifacts({path: result.pdf})
    if options.booklet:
        step("Imposing the booklet")
        extras.booklet(path, result.pdf, render_notes_page(request), options.signature, options.creep, made)
    shop = extras.print_shop_settings(options.print_shop, options.bleed, prepared.front_layout.print_shop)
    if shop is not None:
        step("Adding bleed and crop marks")
        extras.print_shop(path, result.pdf, shop, made)
    if options.copies:
        from guide_builder.printplan import PrintPlan

        sheets, paper = made.booklet_sheets or (None, "")
        plan = PrintPlan(result.page_count, options.copies, guide.config.page_size_name, sheets, paper)
        made.notes.extend(plan.lines(path.name))
    if options.split:
        step("Cutting one file per week")
        extras.split(path, result.pdf, weeks, result.week_pages, result.week_ends, made)
    step("Writing")
    write_all(made.files)
    return BuildReport(list(made.files), result.page_count, len(weeks), time.perf_counter() - started,
                       problems.warnings, made.notes)
