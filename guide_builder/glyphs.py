"""Glyph coverage: characters the bundled fonts cannot print are reported, never silent boxes.

`check_week_text(week, problems)` walks a parsed week's visible text (title, big idea,
every block) and warns once per character that neither bundled text family (Noto Serif,
Noto Sans) has, naming the character and the file line where it first appears. The fonts'
character maps are read straight from the TrueType `cmap` table (formats 4 and 12), so this
runs at parse time, in `guide check` too, without the renderer.
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Iterator
from functools import cache

from guide_builder import PACKAGE_FOLDER
from guide_builder import model as m
from guide_builder.errors import Collector
from guide_builder.render.hebrew import is_hebrew

TEXT_FONTS = ("NotoSerif-Regular.ttf", "NotoSans-Regular.ttf")
HEBREW_FONT = "NotoSerifHebrew-Regular.ttf"
SILENT_CATEGORIES = ("Cc", "Cf", "Zl", "Zp", "Zs", "Mn", "Me")  # controls, format marks, spaces, marks


def _cmap_subtable(data: bytes) -> int:
    """Offset of the best Unicode cmap subtable (format 12 if present, else format 4)."""
    tables = struct.unpack_from(">H", data, 4)[0]
    cmap = next(struct.unpack_from(">8xI", data, 12 + 16 * i)[0] for i in range(tables)
                if data[12 + 16 * i: 16 + 16 * i] == b"cmap")
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    found = {}
    for index in range(count):
        platform, _encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * index)
        if platform in (0, 3):
            found[struct.unpack_from(">H", data, cmap + offset)[0]] = cmap + offset
    return found.get(12) or found[4]


def read_cmap(data: bytes) -> frozenset[int]:
    """The code points a TrueType font maps to a glyph other than .notdef."""
    table = _cmap_subtable(data)
    points: set[int] = set()
    if struct.unpack_from(">H", data, table)[0] == 12:
        groups = struct.unpack_from(">I", data, table + 12)[0]
        for index in range(groups):
            first, last, _ = struct.unpack_from(">III", data, table + 16 + 12 * index)
            points.update(range(first, last + 1))
        return frozenset(points)
    starts, ends, deltas, offsets, ranges_at = format_4_segments(data, table)
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if start > end:
            continue
        if offsets[index] == 0:
            # glyph = (point + delta) mod 65536: every point of the segment has one but the
            # point whose sum wraps to 0 (.notdef)
            notdef = -deltas[index] & 0xFFFF
            if start <= notdef <= end:
                points.update(range(start, notdef), range(notdef + 1, end + 1))
            else:
                points.update(range(start, end + 1))
            continue
        at = ranges_at + 2 * index + offsets[index]
        glyphs = struct.unpack_from(f">{end - start + 1}H", data, at)
        points.update(point for point, glyph in zip(range(start, end + 1), glyphs, strict=True)
                      if glyph and (glyph + deltas[index]) & 0xFFFF)
    points.discard(0xFFFF)
    return frozenset(points)


def format_4_segments(data: bytes, table: int) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...],
                                                        tuple[int, ...], int]:
    """A format 4 subtable's segments: their first and last code points, deltas and
    range offsets, and where the range offsets start (a glyph array offset counts from
    its segment's entry there)."""
    segments = struct.unpack_from(">H", data, table + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, table + 14)
    starts = struct.unpack_from(f">{segments}H", data, table + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, table + 16 + 4 * segments)
    ranges_at = table + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", data, ranges_at)
    return starts, ends, deltas, offsets, ranges_at


@cache
def printable() -> frozenset[int]:
    """Code points every bundled text family can print."""
    folder = PACKAGE_FOLDER / "fonts"
    maps = [read_cmap((folder / name).read_bytes()) for name in TEXT_FONTS]
    hebrew = read_cmap((folder / HEBREW_FONT).read_bytes())  # Hebrew runs switch to this face
    return frozenset.intersection(*maps) | {point for point in hebrew if is_hebrew(chr(point))}


@cache
def _printable_characters() -> frozenset[str]:
    return frozenset(map(chr, printable()))


def missing_characters(text: str) -> list[str]:
    """Visible characters of `text` that the bundled fonts lack, in order of appearance."""
    if _printable_characters().issuperset(text):  # nearly every text: checked at C speed
        return []
    covered = printable()
    return [c for c in dict.fromkeys(text)
            if ord(c) not in covered and unicodedata.category(c) not in SILENT_CATEGORIES]


def _inline_text(inlines: tuple[m.Inline, ...]) -> Iterator[str]:
    for item in inlines:
        for name in ("text", "word", "label"):
            value = getattr(item, name, None)
            if isinstance(value, str):
                yield value
        children = getattr(item, "children", None)
        if children:
            yield from _inline_text(children)


def _block_text(block: object) -> Iterator[tuple[int | None, str]]:
    """(line, text) for everything visible in a block, nested blocks included."""
    line = getattr(block, "line", None)
    for name in ("inlines", "title", "text", "alt"):
        value = getattr(block, name, None)
        if isinstance(value, str):
            yield line, value
        elif isinstance(value, tuple):
            yield line, "".join(_inline_text(value))
    for name in ("blocks", "items", "rows", "header"):
        value = getattr(block, name, None)
        if isinstance(value, tuple):
            for child in value:
                if isinstance(child, tuple):  # list items, table rows, footnotes
                    for part in child:
                        yield from (_block_text(part) if not isinstance(part, tuple | str)
                                    else [(line, "".join(_inline_text(part)) if isinstance(part, tuple)
                                           else part)])
                else:
                    yield from _block_text(child)


def check_week_text(week: m.Week, problems: Collector, title_line: int = 2, big_idea_line: int = 2) -> None:
    """Warn once per character of the week that the fonts cannot print, at its first line."""
    seen: set[str] = set()
    parts: list[tuple[int | None, str]] = [(title_line, week.title),
                                           (big_idea_line, "".join(_inline_text(week.big_idea)))]
    for section in week.sections:
        parts.append((section.line, section.title))
        for block in section.blocks:
            parts.extend(_block_text(block))
    for line, text in parts:
        for character in missing_characters(text):
            if character in seen:
                continue
            seen.add(character)
            name = unicodedata.name(character, "unnamed character")
            problems.warn(week.path, line,
                          f"{character!r} (U+{ord(character):04X} {name}) is not in the fonts and would "
                          "print as an empty box; it is printed as it is",
                          "replace it with words or a character the fonts have (emoji, most symbols and "
                          "scripts other than Latin, Greek and Cyrillic are not included)")
