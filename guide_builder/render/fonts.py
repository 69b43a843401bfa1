"""The bundled font families, registered with reportlab once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILIES = {
    "serif": "NotoSerif",
    "sans": "NotoSans",
}
FACES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"}


def font_folder() -> Path:
    """Where the bundled .ttf files are."""
    return Path(str(resources.files("guide_builder") / "fonts"))


@cache
def register_family(family: str) -> dict[str, str]:
    """Register a bundled family's four faces; return face -> reportlab font name."""
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
