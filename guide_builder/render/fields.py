"""Form fields for the fillable edition: answer lines and blanks become text fields.

Fields are added while the page is drawn (widget annotations, nothing in the page's
content stream), so a fillable build paginates exactly like the plain one. They have no
border and no background: the printed lines show through while a field is empty.

Names follow reading order within a week: `week01.q3` is the answer space of the week's
third question (`week01.q3.2` its continuation when the lines run onto the next page),
`week01.blank2` the week's second fill-in blank. reportlab appends each widget to its
page's /Annots as it is made, so the tab order is the drawing order, which is the
reading order.

reportlab's AcroForm only offers the standard 14 fonts, which are never embedded. Here
the form uses the bundled Noto Sans instead, embedded whole (a TrueType simple font with
WinAnsiEncoding: a viewer needs every glyph a participant may type, so a subset would not
do), so typed answers look the same in every viewer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.rl_accel import fp_str
from reportlab.lib.utils import asNative
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.acroform import AcroForm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString, PDFZCompress
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC
from reportlab.pdfgen.canvas import Canvas

from guide_builder.render import styles as s
from guide_builder.render.fonts import register_family
from guide_builder.render.text import NBSP, blank_start

FIELD_FONT_KEY = "GBSans"  # the font's name in the form's /DR and every field's /DA
# Viewers space the lines of a multi-line field about 1.35x the font size apart (pdf.js uses
# 1.35, "as Acrobat"; pdfium uses the font's ascent - descent, 1.362 for Noto Sans). Typed
# answers sit on the printed rules when that spacing equals the rules' gap.
FIELD_LINE_HEIGHT = 1.36
MIN_FONT_SIZE = 6
WIN_ANSI_FIRST, WIN_ANSI_LAST = 32, 255


@dataclass
class WeekFields:
    """Hands out one week's field names in reading order (the order the story is built in)."""

    week: int
    questions: int = 0
    blanks: int = 0

    @property
    def prefix(self) -> str:
        return f"week{self.week:02d}"

    def next_question(self) -> str:
        """The name for the next question's answer space: week01.q3 (counts every question)."""
        self.questions += 1
        return f"{self.prefix}.q{self.questions}"

    def next_blank(self) -> str:
        """The name for the next fill-in blank: week01.blank2."""
        self.blanks += 1
        return f"{self.prefix}.blank{self.blanks}"


def describe(name: str) -> str:
    """A field's tooltip (what screen readers announce): "week01.blank2" -> "Week 1, blank 2"."""
    week, _, rest = name.partition(".")
    number = week.removeprefix("week").lstrip("0") or "0"
    if rest.startswith("blank"):
        return f"Week {number}, blank {rest.removeprefix('blank')}"
    return f"Week {number}, question {rest.removeprefix('q')}"


class FieldForm(AcroForm):
    """reportlab's AcroForm with one embedded TrueType font for every field.

    Field names are kept unique per document: a name drawn twice (content repeated on a
    page, such as a table header) gets `.2`, `.3`, ... instead of clashing.
    """

    def __init__(self, canv: Canvas, font_name: str) -> None:
        super().__init__(canv)
        self.font_name = font_name
        self.font_ref: str | None = None
        self.names: set[str] = set()

    def makeFont(self, fontName: str | None) -> tuple[str, str]:
        if self.font_ref is None:
            self.font_ref = embed_simple_truetype(self.canv, self.font_name)
            self.fonts[FIELD_FONT_KEY] = self.font_ref
        return self.font_ref, FIELD_FONT_KEY

    def unique(self, name: str) -> str:
        candidate, number = name, 1
        while candidate in self.names:
            number += 1
            candidate = f"{name}.{number}"
        self.names.add(candidate)
        return candidate


def embed_simple_truetype(canvas: Canvas, font_name: str) -> str:
    """Embed a registered TrueType font whole, as a WinAnsi simple font; its reference string."""
    face = pdfmetrics.getFont(font_name).face
    doc = canvas._doc
    data = Path(face.filename).read_bytes()
    font_file = PDFStream(PDFDictionary({"Length1": len(data)}), data,
                          filters=[PDFZCompress] if doc.compression else None)
    base_font = face.name.decode("ascii") if isinstance(face.name, bytes) else str(face.name)
    descriptor = PDFDictionary({
        "Type": PDFName("FontDescriptor"),
        "FontName": PDFName(base_font),
        "Flags": (face.flags & ~FF_SYMBOLIC) | FF_NONSYMBOLIC,
        "FontBBox": PDFArray(face.bbox),
        "ItalicAngle": face.italicAngle,
        "Ascent": face.ascent,
        "Descent": face.descent,
        "CapHeight": face.capHeight,
        "StemV": face.stemV,
        "MissingWidth": face.defaultWidth,
        "FontFile2": doc.Reference(font_file, "guideFieldFontFile"),
    })
    widths = []
    for code in range(WIN_ANSI_FIRST, WIN_ANSI_LAST + 1):
        char = bytes([code]).decode("cp1252", errors="ignore")
        widths.append(face.getCharWidth(ord(char)) if char else 0)
    font = PDFDictionary({
        "Type": PDFName("Font"),
        "Subtype": PDFName("TrueType"),
        "BaseFont": PDFName(base_font),
        "FirstChar": WIN_ANSI_FIRST,
        "LastChar": WIN_ANSI_LAST,
        "Widths": PDFArray(widths),
        "Encoding": PDFName("WinAnsiEncoding"),
        "FontDescriptor": doc.Reference(descriptor, "guideFieldFontDescriptor"),
    })
    return asNative(doc.Reference(font, "guideFieldFont").format(doc))


def field_form(canvas: Canvas) -> FieldForm:
    """The document's form, made on first use with the bundled sans as its font."""
    form = getattr(canvas, "AcroForm", None)
    if not isinstance(form, FieldForm):
        form = FieldForm(canvas, register_family("sans")["regular"])
        canvas._doc._catalog.AcroForm = canvas.AcroForm = form
    return form


def add_text_field(canvas: Canvas, name: str, box: tuple[float, float, float, float], font_size: float,
                   multiline: bool, tooltip: str) -> str:
    """A borderless, transparent text field over `box` (x0, y0, x1, y1 in the canvas's current
    coordinates); returns the name it got."""
    form = field_form(canvas)
    x0, y0 = canvas.absolutePosition(box[0], box[1])
    x1, y1 = canvas.absolutePosition(box[2], box[3])
    name = form.unique(name)
    size = round(max(MIN_FONT_SIZE, font_size), 2)
    form.textfield(
        name=name, tooltip=tooltip, value="",
        x=round(min(x0, x1), 3), y=round(min(y0, y1), 3),
        width=round(abs(x1 - x0), 3), height=round(abs(y1 - y0), 3),
        fontName=FIELD_FONT_KEY, fontSize=size, textColor=s.INK,
        fillColor=None, borderColor=None, borderWidth=0,
        fieldFlags="multiline" if multiline else "", annotationFlags="print", maxlen=None,
    )
    # reportlab writes the /DA font size as an integer; the exact size keeps lines on the rules
    widget = canvas._doc.idToObject[form.fields[-1].name]
    widget["DA"] = PDFString(f"/{FIELD_FONT_KEY} {fp_str(size)} Tf {form.streamFillColor(s.INK)}")
    return name


def answer_field(name: str, tooltip: str) -> Callable[[Canvas, object], None]:
    """An `AnswerLines.on_draw` hook: a multi-line field over the drawn lines.

    The field covers the whole block: from one line gap above the first rule (the room to
    write the first line in) down to just under the last rule, across the block's width.
    A block split across pages draws in parts; the first part is `name`, later ones
    `name.2`, `name.3`, ... in the order they are drawn.
    """
    parts = 0

    def draw(canvas: Canvas, lines) -> None:
        nonlocal parts
        parts += 1
        part_name = name if parts == 1 else f"{name}.{parts}"
        part_tip = tooltip if parts == 1 else f"{tooltip} (continued)"
        add_text_field(canvas, part_name, (0, 0, lines.width, lines.height),
                       lines.gap / FIELD_LINE_HEIGHT, multiline=True, tooltip=part_tip)

    return draw


def draw_blank_field(canvas: Canvas, _kind: str, label: str) -> None:
    """The paragraph callback for a blank (participant's fillable edition): a one-line field
    over the blank's rule. `label` is "<number of NBSPs>:<field name>"."""
    info = canvas._curr_tx_info
    count, _, name = label.partition(":")
    tx = info["tx"]
    size = tx._fontsize
    width = int(count) * pdfmetrics.stringWidth(NBSP, tx._fontname, size)
    x, y = blank_start(info), info["cur_y"]
    add_text_field(canvas, name, (x, y - size * 0.3, x + width, y + size * 0.95), size,
                   multiline=False, tooltip=describe(name))
