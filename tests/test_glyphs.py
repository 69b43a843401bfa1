"""The code points a font maps (glyphs.read_cmap), read segment by segment, are those a
reading of every code point one by one finds."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from guide_builder import glyphs
from guide_builder.render.fonts import font_folder

BUNDLED = sorted(font_folder().glob("*.ttf"))


def one_by_one(data: bytes) -> frozenset[int]:
    """The format 4 character map read as the TrueType specification states it, point by point."""
    starts, ends, deltas, offsets, ranges_at = glyphs.format_4_segments(data, glyphs._cmap_subtable(data))
    points = set()
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        for point in range(start, end + 1):
            if point == 0xFFFF:
                continue
            if offsets[index] == 0:
                glyph = (point + deltas[index]) & 0xFFFF
            else:
                at = ranges_at + 2 * index + offsets[index] + 2 * (point - start)
                glyph = struct.unpack_from(">H", data, at)[0]
                glyph = (glyph + deltas[index]) & 0xFFFF if glyph else 0
            if glyph:
                points.add(point)
    return frozenset(points)


def format_4_font(segments: list[tuple[int, int, int, list[int] | None]]) -> bytes:
    """A font file holding only a format 4 character map of `segments`: (start, end, delta,
    glyph ids of a segment read through the glyph array, or None)."""
    count = len(segments)
    array: list[int] = []
    range_offsets = []
    for index, (_start, _end, _delta, ids) in enumerate(segments):
        if ids is None:
            range_offsets.append(0)
            continue
        # from this segment's idRangeOffset entry to its first glyph id in the array
        range_offsets.append(2 * (count - index) + 2 * len(array))
        array.extend(ids)
    subtable = struct.pack(">HHHHHHH", 4, 0, 0, 2 * count, 0, 0, 0)
    subtable += struct.pack(f">{count}H", *(end for _, end, _, _ in segments)) + b"\0\0"
    subtable += struct.pack(f">{count}H", *(start for start, _, _, _ in segments))
    subtable += struct.pack(f">{count}h", *(delta for _, _, delta, _ in segments))
    subtable += struct.pack(f">{count}H", *range_offsets) + struct.pack(f">{len(array)}H", *array)
    cmap = struct.pack(">HHHHI", 0, 1, 3, 1, 12) + subtable
    header = struct.pack(">IHHHH", 0x00010000, 1, 0, 0, 0)
    directory = header + struct.pack(">4sIII", b"cmap", 0, 28, len(cmap))
    return directory + cmap


@pytest.mark.parametrize("path", BUNDLED, ids=[path.stem for path in BUNDLED])
def test_every_bundled_face_maps_what_a_point_by_point_reading_finds(path: Path) -> None:
    data = path.read_bytes()
    assert glyphs.read_cmap(data) == one_by_one(data)


def test_segments_of_every_kind_read_as_point_by_point() -> None:
    data = format_4_font([
        (0x20, 0x7E, -29, None),  # glyph = point - 29: U+001D would be .notdef, outside
        (0x100, 0x120, -0x110, None),  # U+0110 maps to .notdef, inside the segment
        (0x200, 0x205, -0x120, None),  # would wrap to 0 at U+0120: of the segment before, not this
        (0x300, 0x307, 5, [0, 7, 0, 0xFFFB, 9, 10, 0, 11]),  # through the array: 0, and 0xFFFB + 5 wrap
        (0xFFF0, 0xFFFF, 1, None),  # the final segment: U+FFFF is never a character
    ])
    found = glyphs.read_cmap(data)
    assert found == one_by_one(data)
    assert 0x110 not in found and 0x120 in found and 0xFFFF not in found
    assert {0x301, 0x304, 0x305, 0x307} <= found and not {0x300, 0x302, 0x303, 0x306} & found


def test_printable_is_what_both_text_families_share() -> None:
    printable = glyphs.printable()
    assert {ord(c) for c in "Aa1.,;'\u2019\u201c\u2014\u00e9"} <= printable
    assert 0x05D0 in printable  # Hebrew alef, from the Hebrew face
    assert 0x4E00 not in printable  # no CJK
