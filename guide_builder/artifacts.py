"""Stage 5, finish: from the rendered workbook to every file the build was asked for.

The main PDF always; a saddle-stitch booklet with `--booklet`; one PDF per week with
`--split`. All bytes are made before anything is written, so a failure writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from guide_builder import model as m

SHEET_NAMES = {(792.0, 612.0): "letter", (1224.0, 792.0): "tabloid (11x17in)",
               (841.89, 595.28): "A4", (1190.55, 841.89): "A3"}


@dataclass
class Artifacts:
    """Files to write (path -> bytes) and lines telling the user how to print them."""

    files: dict[Path, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    booklet_sheets: tuple[int, str] | None = None


def sheet_name(size: tuple[float, float]) -> str:
    """'tabloid (11x17in)' for a known sheet size, else its size in inches."""
    for (width, height), name in SHEET_NAMES.items():
        if abs(width - size[0]) < 2 and abs(height - size[1]) < 2:
            return name
    return f"{size[0] / 72:.2f}x{size[1] / 72:.2f}in"


def booklet(main: Path, pdf: bytes, filler: bytes, signature: int | None, creep: float,
            artifacts: Artifacts) -> None:
    """Impose the workbook as a saddle-stitch booklet next to the main file."""
    from guide_builder.finish.booklet import impose_booklet

    result = impose_booklet(pdf, filler=filler, signature=signature, creep=creep, back_cover=False)
    artifacts.booklet_sheets = (result.sheets, sheet_name(result.sheet_size))
    path = main.with_name(f"{main.stem}-booklet.pdf")
    artifacts.files[path] = result.pdf
    padded = result.pages_padded - result.pages_in
    extra = f", {padded} lined notes page{'s' if padded != 1 else ''} added at the end" if padded else ""
    scaled = f"; pages scaled to {result.scaled:.0%}" if result.scaled < 0.999 else ""
    artifacts.notes.append(
        f"{path.name}: {result.sheets} sheets of {sheet_name(result.sheet_size)} paper, landscape"
        f"{extra}{scaled}. Print double-sided, flip on the short edge, then fold and staple."
    )


DEFAULT_BLEED = 9.0  # 0.125in, what most print shops ask for


def print_shop_settings(asked: bool, bleed: float | None, layout: m.PrintSettings) -> m.PrintSettings | None:
    """What the print-shop file needs, or None when nobody asked for one.

    `--print-shop` (with `--bleed`, else the layout's bleed, else 0.125in) always draws crop
    marks; without it, the layout's `[print]` table decides (`bleed`, `crop_marks`).
    """
    if asked:
        chosen = bleed if bleed is not None else (layout.bleed or DEFAULT_BLEED)
        return m.PrintSettings(bleed=chosen, crop_marks=True)
    return layout if layout.wanted else None


def print_shop(main: Path, pdf: bytes, settings: m.PrintSettings, artifacts: Artifacts) -> None:
    """The print-shop file: bleed, TrimBox/BleedBox and (when asked) crop marks."""
    from guide_builder.finish.printshop import add_bleed

    result = add_bleed(pdf, settings.bleed, marks=settings.crop_marks)
    path = main.with_name(f"{main.stem}-print.pdf")
    artifacts.files[path] = result.pdf
    width, height = (value / 72 for value in result.media_size)
    marks = "crop marks outside the bleed" if settings.crop_marks else "no crop marks"
    artifacts.notes.append(
        f"{path.name}: {settings.bleed / 72:g}in bleed, TrimBox and BleedBox set, {marks} "
        f"(each page {width:.2f}x{height:.2f}in)"
    )


def split(main: Path, pdf: bytes, weeks: tuple[m.Week, ...], starts: dict[int, int],
          ends: dict[int, int], artifacts: Artifacts) -> None:
    """One PDF per week in output/weeks/, cut from the book with its page numbers."""
    from guide_builder.finish.split import split_pages

    ranges = {str(week.number): (starts[week.number] - 1, ends[week.number] - 1) for week in weeks
              if week.number in starts and week.number in ends}
    titles = {str(week.number): f"Week {week.number}: {week.title}" for week in weeks}
    folder = main.parent / "weeks"
    suffix = "-leader" if main.stem.endswith("-leader") else ""
    stem = main.stem.removesuffix("-leader")
    for key, data in split_pages(pdf, ranges, titles=titles).items():
        artifacts.files[folder / f"{stem}-week-{int(key):02d}{suffix}.pdf"] = data
    artifacts.notes.append(f"weeks/: {len(ranges)} week files, each keeping the book's page numbers")
