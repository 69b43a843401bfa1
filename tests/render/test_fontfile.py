"""Fonts read with the bulk reading of render/fontfile.py have exactly the attributes
reportlab's own `extractInfo` gives them (or fail with its error)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFontFile

from guide_builder.render import fontfile, speedups
from guide_builder.render.fonts import font_folder

speedups.install()  # as rendering does
BUNDLED = sorted(font_folder().glob("*.ttf"))


def _read(path: Path, extract) -> dict | str:
    """The font file's attributes read with `extract`, or the error it raised."""
    original = TTFontFile.extractInfo
    TTFontFile.extractInfo = extract
    try:
        font = TTFontFile(str(path))
    except Exception as error:  # the error is what is compared
        return f"{type(error).__name__}: {error}"
    finally:
        TTFontFile.extractInfo = original
    values = dict(font.__dict__)
    scale = values.pop("_pdfScale")
    values["scaled"] = [scale(width) for width in (0, 1, 517, 1000, 2048)]
    for name in ("charToGlyph", "glyphToChar", "charWidths"):  # the order of the entries too
        values[name] = list(values[name].items())
    return values


def _same(path: Path) -> None:
    ours, theirs = _read(path, fontfile.extract_info), _read(path, fontfile._original_extract_info)
    if isinstance(theirs, str) or isinstance(ours, str):
        assert ours == theirs
        return
    assert ours.keys() == theirs.keys()
    for name in theirs:
        assert ours[name] == theirs[name], name


def test_installed_by_the_speedups() -> None:
    assert TTFontFile.extractInfo is fontfile.extract_info


@pytest.mark.parametrize("path", BUNDLED, ids=[path.stem for path in BUNDLED])
def test_every_bundled_face_reads_as_with_reportlab(path: Path) -> None:
    _same(path)


def _changed(source: Path, target: Path, table: str, offset: int, form: str, value: int) -> Path:
    """A copy of `source` with one number of one table changed."""
    data = bytearray(source.read_bytes())
    face = TTFontFile(str(source))
    struct.pack_into(form, data, face.table[table]["offset"] + offset, value)
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("change", [
    ("hhea", 34, ">H", 1000),  # fewer advances than glyphs: the rest keep the last advance
    ("hhea", 34, ">H", 1),
    ("head", 18, ">H", 2048),  # another unit per em: widths are scaled
    ("head", 50, ">H", 7),  # an unknown location format: reportlab's error
    ("head", 52, ">H", 1),  # an unknown glyph data format: reportlab's error
    ("maxp", 4, ">H", 60000),  # more glyphs than the tables hold
], ids=["short-hmtx", "one-advance", "units-2048", "loca-format", "glyph-format", "glyph-count"])
@pytest.mark.parametrize("source", [BUNDLED[0], BUNDLED[-1]], ids=["sans-bold", "hebrew"])
def test_changed_fonts_read_as_with_reportlab(tmp_path: Path, source: Path, change) -> None:
    _same(_changed(source, tmp_path / "changed.ttf", *change))


def test_other_character_map_formats_and_cut_files_read_as_with_reportlab(tmp_path: Path) -> None:
    source = BUNDLED[0]
    face = TTFontFile(str(source))
    cmap = face.table["cmap"]["offset"]
    subtable = cmap + struct.unpack_from(">L", face._ttf_data, cmap + 8)[0]
    data = bytearray(source.read_bytes())
    struct.pack_into(">H", data, subtable, 6)  # read by reportlab as format 6
    (tmp_path / "format-6.ttf").write_bytes(bytes(data))
    _same(tmp_path / "format-6.ttf")
    whole = source.read_bytes()
    for table in ("cmap", "hmtx", "loca"):
        cut = tmp_path / f"cut-{table}.ttf"
        cut.write_bytes(whole[:face.table[table]["offset"] + 40])
        _same(cut)
