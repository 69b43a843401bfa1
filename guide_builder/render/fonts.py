"""Font families registered with reportlab once per process: the bundled ones and a study's own.

A bundled family is named ("serif", "sans"); a study font comes as a StudyFont holding the
bytes of its .ttf files (read and checked by the resolve stage). Each distinct file is
registered once under a name made from its content, so builds stay byte-identical. A file
reportlab still refuses becomes a GuideError located at the layout line naming it.
"""

from __future__ import annotations

import hashlib
import io
import struct
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from guide_builder import PACKAGE_FOLDER
from guide_builder.errors import Diagnostic, GuideError
from guide_builder.model import Font, FontFile, StudyFont

FAMILIES = {
    "serif": "NotoSerif",
    "sans": "NotoSans",
}
HEBREW = "NotoSerifHebrew"  # regular and bold only: italic text falls back to upright Hebrew
FACES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"}
STUDY_FACES = {"regular": "regular", "bold": "bold", "italic": "italic", "bolditalic": "bold_italic"}


def font_folder() -> Path:
    """Where the bundled .ttf files are."""
    return PACKAGE_FOLDER / "fonts"


@cache
def register_family(family: Font) -> dict[str, str]:
    """Register a family's four faces; return face (regular, bold, italic, bolditalic) -> font name."""
    if isinstance(family, StudyFont):
        names = {face: _register_file(getattr(family, attr), family) for face, attr in STUDY_FACES.items()}
    else:
        stem = FAMILIES[family]
        names = {}
        for face, suffix in FACES.items():
            name = f"{stem}-{suffix}"
            pdfmetrics.registerFont(TTFont(name, str(font_folder() / f"{name}.ttf")))
            names[face] = name
    pdfmetrics.registerFontFamily(
        names["regular"], normal=names["regular"], bold=names["bold"],
        italic=names["italic"], boldItalic=names["bolditalic"],
    )
    for bold, italic, face in ((0, 0, "regular"), (1, 0, "bold"), (0, 1, "italic"), (1, 1, "bolditalic")):
        addMapping(names["regular"], bold, italic, names[face])
    return names


@cache
def register_hebrew() -> str:
    """Register the bundled Hebrew face (bold for <b>); return the name to use in markup."""
    regular, bold = f"{HEBREW}-Regular", f"{HEBREW}-Bold"
    for name in (regular, bold):
        pdfmetrics.registerFont(TTFont(name, str(font_folder() / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)
    for is_bold, italic in ((0, 0), (1, 0), (0, 1), (1, 1)):
        addMapping(regular, is_bold, italic, bold if is_bold else regular)
    return regular


def register_bundled() -> None:
    """Register every bundled face (about 0.15 s: done while weeks are parsed, see build.py)."""
    for family in FAMILIES:
        register_family(family)
    register_hebrew()


@cache
def _registered(data: bytes, label: str) -> str:
    digest = hashlib.sha256(data).hexdigest()[:12]
    name = f"Study-{digest}"
    font = TTFont(name, io.BytesIO(data))
    if font.face.name in pdfmetrics._dynFaceNames:
        # reportlab keeps one font per PostScript name: a study's own Noto Serif (a fuller
        # one, say) would silently print with the bundled subset. Give it a name of its own.
        font.face.name += f"-{digest[:6]}".encode("ascii")
    pdfmetrics.registerFont(font)
    return name


def _register_file(file: FontFile, family: StudyFont) -> str:
    """Register one .ttf of the study (once per content); a refusal is a located GuideError."""
    try:
        return _registered(file.data, file.written)
    except (TTFError, struct.error, ValueError, IndexError, KeyError) as error:
        raise GuideError([Diagnostic(
            family.source, family.line, f"font file {file.written!r} cannot be used: {error}",
            "use another TrueType (.ttf) file; fonts under the SIL Open Font License embed well",
        )]) from None
