"""Reading a TrueType font's character map and glyph metrics in bulk.

Registering a font makes reportlab read its character map, its horizontal metrics and its
glyph locations one number at a time, through a method call per number: about 75 ms for
the ten bundled faces a build registers while its weeks are parsed (the Noto faces have
2,400 glyphs each), 28 ms this way (in a fresh process). `extract_info` lets reportlab's own `extractInfo`
read the names and headers (and raise its errors), then reads those three tables with
one `struct.unpack_from` each and builds the same dictionaries and lists, in the same
order, from them. A character map in another format than 4 (the one of every common
font with only Basic Multilingual Plane characters), or anything it does not expect, goes
to reportlab's own method, which reads the whole font again.
"""

from __future__ import annotations

import struct

from reportlab.pdfbase.ttfonts import TTFontFile

from guide_builder.glyphs import format_4_segments

_original_extract_info = TTFontFile.extractInfo


class _Unusual(Exception):
    """The font is read by reportlab's own method."""


def extract_info(self: TTFontFile, charInfo: int = 1) -> None:
    """`TTFontFile.extractInfo`: the typographic information of the font (same attributes)."""
    _original_extract_info(self, 0)  # names, head, OS/2, post, hhea, maxp: nothing per glyph
    if not charInfo:
        return
    try:
        _character_information(self)
    except (_Unusual, struct.error, KeyError, IndexError, ValueError):
        _original_extract_info(self, charInfo)  # from the start, raising its own errors


def _character_information(self: TTFontFile) -> None:
    """What `extractInfo` reads after the headers: cmap, hmtx and loca."""
    data = self._ttf_data
    head = self.table["head"]["offset"]
    index_to_loc_format, glyph_data_format = struct.unpack_from(">HH", data, head + 50)
    if glyph_data_format != 0 or "loca" not in self.table:
        raise _Unusual  # reportlab's own raises its error
    h_metrics_count = struct.unpack_from(">H", data, self.table["hhea"]["offset"] + 34)[0]
    glyph_count = self.numGlyphs
    char_to_glyph, glyph_to_char = _character_map(self, data)

    scale = self._pdfScale
    pairs = struct.unpack_from(f">{2 * h_metrics_count}H", data, self.table["hmtx"]["offset"])
    hmetrics = list(zip(pairs[0::2], pairs[1::2], strict=True))  # (advance, left side bearing)
    char_widths: dict[int, float] = {}
    advance = None
    identity = self.unitsPerEm == 1000  # reportlab's scale is then `lambda x: x`
    for glyph, (width, _) in enumerate(hmetrics):
        advance = width if identity else scale(width)
        if glyph == 0:
            self.defaultWidth = advance
        chars = glyph_to_char.get(glyph)
        if chars is not None:
            for char in chars:
                char_widths[char] = advance
    rest = glyph_count - h_metrics_count
    if rest > 0:  # the rest of the glyphs have the last advance (already scaled, as reportlab keeps it)
        bearings = struct.unpack_from(f">{rest}H", data, self.table["hmtx"]["offset"] + 4 * h_metrics_count)
        for glyph, bearing in enumerate(bearings, h_metrics_count):
            hmetrics.append((advance, bearing))
            chars = glyph_to_char.get(glyph)
            if chars is not None:
                for char in chars:
                    char_widths[char] = advance

    location = self.table["loca"]["offset"]
    if index_to_loc_format == 0:
        glyph_pos = [offset << 1 for offset in struct.unpack_from(f">{glyph_count + 1}H", data, location)]
        end = location + 2 * (glyph_count + 1)
    elif index_to_loc_format == 1:
        glyph_pos = list(struct.unpack_from(f">{glyph_count + 1}L", data, location))
        end = location + 4 * (glyph_count + 1)
    else:
        raise _Unusual
    if 0x20 in char_to_glyph:
        char_to_glyph[0xA0] = char_to_glyph[0x20]
        char_widths[0xA0] = char_widths[0x20]
    elif 0xA0 in char_to_glyph:
        char_to_glyph[0x20] = char_to_glyph[0xA0]
        char_widths[0x20] = char_widths[0xA0]
    self.charToGlyph, self.glyphToChar, self.charWidths = char_to_glyph, glyph_to_char, char_widths
    self.hmetrics, self.glyphPos = hmetrics, glyph_pos
    self._pos = end


def _character_map(self: TTFontFile, data: bytes) -> tuple[dict[int, int], dict[int, list[int]]]:
    """The format 4 subtable reportlab picks: character to glyph, glyph to characters."""
    cmap = self.table["cmap"]["offset"]
    version, count = struct.unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    chosen, best = None, 0
    for index in range(count):  # reportlab's choice of encoding, in its order
        platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * index)
        if platform == 3:
            best, chosen = 1, offset
        elif platform == 1 and encoding == 0 and best != 1:
            best, chosen = 2, offset
        elif (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            best, chosen = 1, offset
    if chosen is None:
        raise _Unusual
    start_of_table = cmap + chosen
    subtable_format, length = struct.unpack_from(">HH", data, start_of_table)
    if subtable_format != 4:
        raise _Unusual
    limit = start_of_table + length
    starts, ends, deltas, range_offsets, range_offsets_start = format_4_segments(data, start_of_table)

    char_to_glyph: dict[int, int] = {}
    glyph_to_char: dict[int, list[int]] = {}
    for n in range(len(starts)):
        first, delta, range_offset = starts[n], deltas[n], range_offsets[n]
        for char in range(first, ends[n] + 1):
            if range_offset == 0:
                glyph = (char + delta) & 0xFFFF
            else:
                offset = range_offsets_start + 2 * n + (char - first) * 2 + range_offset
                if offset >= limit:  # reportlab's workaround for broken fonts
                    glyph = 0
                else:
                    glyph = struct.unpack_from(">H", data, offset)[0]
                    if glyph != 0:
                        glyph = (glyph + delta) & 0xFFFF
            char_to_glyph[char] = glyph
            glyph_to_char.setdefault(glyph, []).append(char)
    return char_to_glyph, glyph_to_char

