"""TrueType files checked without a font library (resolve stage: reportlab lives in render/).

`truetype_problem(data)` reads the sfnt header and table directory, the way a font
loader starts, and says why a file cannot be embedded: not TrueType at all, PostScript
(CFF) outlines, a collection or a web font, a damaged table directory, missing tables,
or a licence that forbids embedding. Anything subtler is caught when the font is
registered at render time, and reported at the same layout line.
"""

from __future__ import annotations

import struct

TRUETYPE_TAGS = (b"\x00\x01\x00\x00", b"true")
REQUIRED_TABLES = (b"cmap", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"name", b"post")
USE_TTF = "use the font's TrueType (.ttf) file (fonts under the SIL Open Font License come as .ttf)"
OTHER_FORMATS = {
    b"OTTO": "is an OpenType font with PostScript (CFF) outlines, which cannot be embedded",
    b"ttcf": "is a font collection (.ttc); one font file is needed",
    b"wOFF": "is a web font (WOFF)",
    b"wOF2": "is a web font (WOFF2)",
}


def truetype_problem(data: bytes) -> tuple[str, str] | None:
    """Why `data` is not an embeddable TrueType font, as (message, hint); None when it is fine.

    The message completes a sentence starting with the file's name ("... is not a TrueType font").
    """
    tag = data[:4]
    if tag in OTHER_FORMATS:
        return OTHER_FORMATS[tag], USE_TTF
    if len(data) < 12 or tag not in TRUETYPE_TAGS:
        return "is not a TrueType font", USE_TTF
    (count,) = struct.unpack(">H", data[4:6])
    if count == 0 or 12 + 16 * count > len(data):
        return "is a damaged TrueType font (its table directory is cut short)", "download the font again"
    tables: dict[bytes, tuple[int, int]] = {}
    for index in range(count):
        name, _checksum, offset, length = struct.unpack(">4sIII", data[12 + 16 * index: 28 + 16 * index])
        if offset + length > len(data):
            return (f"is a damaged TrueType font (its {name.decode('latin-1')!r} table runs past the end)",
                    "download the font again")
        tables[name] = (offset, length)
    missing = [name.decode("ascii") for name in REQUIRED_TABLES if name not in tables]
    if missing:
        return f"is not a complete TrueType font (no {', '.join(missing)} table)", USE_TTF
    return _licence_problem(data, tables.get(b"OS/2"))


def _licence_problem(data: bytes, os2: tuple[int, int] | None) -> tuple[str, str] | None:
    """The OS/2 fsType flags: restricted-licence and bitmap-only fonts may not be embedded."""
    if os2 is None or os2[1] < 10:
        return None
    (fs_type,) = struct.unpack(">H", data[os2[0] + 8: os2[0] + 10])
    if fs_type == 0x0002 or fs_type & 0x0300:
        return (f"does not allow embedding in a PDF (its licence flags are {fs_type:#06x})",
                "choose a font whose licence allows embedding, such as one under the SIL Open Font License")
    return None
