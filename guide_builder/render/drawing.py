"""Faster text output for reportlab's text objects (the operators a drawn line writes).

Every run of text a paragraph draws goes through `PDFTextObject._textOut`, which asks
`_formatText` for the operators. For a TrueType font, which is what a workbook sets all its
text in, `_formatText` maps the run to its font subsets and writes `(codes) Tj` for each,
with a font change (`/F1+0 11 Tf 14 TL`) before a piece in another subset. reportlab does
that with its general machinery around it: it swaps the object's code list out and back in
(in case shaping adds operators), collects the pieces in a list and joins them, and formats
the size and leading again at every font change.

- `format_text` writes the same operators for the usual case directly: a run that is one
  piece in the subset already set is a single string (printable ASCII, without mapping
  it); the size and leading of a font change come from a memo. Shaped text (Hebrew),
  standard Type 1 fonts and multi-byte fonts go to reportlab's own method.
- `put_frag_line` and `do_post_text` draw a line of styled fragments as reportlab's
  `_putFragLine` and `_do_post_text` do, with the bookkeeping for underlines, links and
  backgrounds done only where there are some (and nothing measured on a line without).
- `set_fill_color` writes an RGB colour's operator from a memo (a book changes between a
  few colours thousands of times), and its opacity only where another is in force.
- `translate`, `push_state_stack` and `pop_state_stack`: every flowable is drawn between
  a saved and a restored graphics state, moved to its place. The origin moves without
  `transform`'s general matrix product, and the state is kept as one tuple rather than
  copied attribute by attribute into a dictionary (its opacities copied directly).

All of them write the same bytes as reportlab's own (tests/render/test_drawing.py draws
books and made-up paragraphs both ways); `speedups.install` puts them in place.
"""
from __future__ import annotations

import functools
import operator

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont
from reportlab.pdfgen import canvas as canvas_module
from reportlab.pdfgen.canvas import Canvas, ExtGState
from reportlab.pdfgen.textobject import PDFTextObject, _PDFColorSetter
from reportlab.platypus import paragraph
from reportlab.platypus.paragraph import _do_dots_frag, setXPos
from reportlab.platypus.paragraph import _nbspCount as _nbsp_count
from reportlab.platypus.paragraph import _trailingSpaceLength as _trailing_space_length

_original_format_text = PDFTextObject._formatText
_original_text_out = PDFTextObject._textOut
_original_set_fill_color = _PDFColorSetter.setFillColor
_original_put_frag_line = paragraph._putFragLine
_original_do_post_text = paragraph._do_post_text
_original_translate = Canvas.translate
_original_push_state_stack = Canvas.push_state_stack
_original_pop_state_stack = Canvas.pop_state_stack


def format_text(self: PDFTextObject, text: str) -> str:
    """`PDFTextObject._formatText`: the PDF operators that show `text` (same string).

    Printable ASCII in a font that keeps its codes (`_keeps_ascii`) is its own bytes in
    the font's first subset, written at once (most runs of a paragraph), after a change to
    that subset if another was in force (in a document that has used the font before:
    `splitString` first gives the font its codes in a new one).
    """
    font = pdfmetrics._fonts.get(self._fontname)
    if font is None or not font._dynamicFont or (isinstance(text, ShapedStr) and font.shapable):
        return _original_format_text(self, text)
    doc = self._canvas._doc
    if type(text) is str and text and text.isascii() and text.isprintable() and _keeps_ascii(font):
        shown = f"({escapePDF(text.encode('ascii'))}) Tj"
        if self._curSubset == 0:
            return shown
        if font.state.get(doc) is not None:  # the font has its codes in this document already
            self._curSubset = 0
            change = _font_change(self._fontsize, self._leading)
            return f"{font.getSubsetInternalName(0, doc)} {change} {shown}"
    pieces = font.splitString(text, doc)
    if len(pieces) == 1 and pieces[0][0] == self._curSubset:
        return f"({escapePDF(pieces[0][1])}) Tj"
    out = []
    change = None
    for subset, codes in pieces:
        if subset != self._curSubset:
            if change is None:
                change = _font_change(self._fontsize, self._leading)
            out.append(f"{font.getSubsetInternalName(subset, doc)} {change}")
            self._curSubset = subset
        out.append(f"({escapePDF(codes)}) Tj")
    return " ".join(out)


# printable ASCII: what reportlab's `asciiReadable` gives its own codes in a font's first subset
PRINTABLE_ASCII = range(0x20, 0x7F)


def _keeps_ascii(font: TTFont) -> bool:
    """Whether printable ASCII has its own codes in the font's first subset in every
    document (reportlab's `asciiReadable`, for a font with all of it): where the font
    already showed text of that subset, `splitString` gives such a run as its bytes."""
    kept = font.__dict__.get("_keeps_ascii")
    if kept is None:
        ascii_readable = font._asciiReadable
        if ascii_readable is None:
            ascii_readable = rl_config.ttfAsciiReadable
        glyphs = font.face.charToGlyph
        kept = font._keeps_ascii = bool(ascii_readable and not getattr(font.face, "_full_font", None)
                                        and all(point in glyphs for point in PRINTABLE_ASCII))
    return kept


@functools.lru_cache(maxsize=256)
def _font_change(size: float, leading: float) -> str:
    """The size and leading a font change writes after the subset's name (a book has a few)."""
    return f"{fp_str(size)} Tf {fp_str(leading)} TL"


def text_out(self: PDFTextObject, text: str, TStar: int = 0) -> None:
    """`PDFTextObject._textOut`: show `text` at the current point, then go to the next line
    when `TStar` is true (same operators)."""
    shown = self._formatText(text)
    self._code.append(shown + " T*" if TStar else shown)


_DYNAMIC_LEADING = ("min", "max")


def put_frag_line(cur_x: float, tx: PDFTextObject, line, last: int, pKind: str) -> None:
    """`paragraph._putFragLine`: draw one line of styled fragments (same operators).

    reportlab's function with the work skipped whose outcome is known. On most lines no
    fragment is underlined, linked or on a background (nor are dots drawn after the last):
    there nothing is measured, as nothing is drawn where a fragment ends. On the others,
    where the previous fragment's text ends (its width less its trailing space) is measured
    only when an underline, a link or a background ends there, and the underline and link
    bookkeeping is done only for fragments that have them. A line with an image or a
    callback, or in a paragraph with automatic leading, goes to reportlab's own function.
    """
    xs = tx.XtraState
    words = line.words
    if xs.autoLeading in _DYNAMIC_LEADING:
        return _original_put_frag_line(cur_x, tx, line, last, pKind)
    for f in words:
        if hasattr(f, "cbDefn"):
            return _original_put_frag_line(cur_x, tx, line, last, pKind)
    x0 = tx._x0
    leading = xs.leading
    if tx._leading != leading:
        tx.setLeading(leading)
    if not xs.backColor and not (last and xs.style.endDots) and _plain(words):
        _put_plain_line(tx, xs, words)
    else:
        _put_marked_line(cur_x + xs.leftIndent, tx, xs, line, last, pKind, x0)
    if tx._x0 != x0:
        setXPos(tx, x0 - tx._x0)


def _plain(words: list) -> bool:
    """Whether no fragment of a line is underlined, struck through, linked or on a background."""
    return not any(f.us_lines or f.link or getattr(f, "backColor", None) for f in words)


def _put_plain_line(tx: PDFTextObject, xs, words: list) -> None:
    """A line with nothing drawn over or under its text: the fragments' font, colour and
    rise changes, and their text (where each ends is not measured: nothing needs it)."""
    last_word = words[-1]
    for f in words:
        font_size = f.fontSize
        if tx._fontname != f.fontName or tx._fontsize != font_size:
            tx._setFont(f.fontName, font_size)
        text_color = f.textColor
        if xs.textColor is not text_color and xs.textColor != text_color:
            xs.textColor = text_color
            tx.setFillColor(text_color)
        rise = f.rise
        if xs.rise != rise:
            xs.rise = rise
            tx.setRise(rise)
        tx._textOut(f.text, f is last_word)


def _put_marked_line(cur_x: float, tx: PDFTextObject, xs, line, last: int, pKind: str, x0: float) -> None:
    """A line with underlines, links or backgrounds: drawn as `_putFragLine` draws it,
    measuring where each fragment ends."""
    words = line.words
    link_record = getattr(tx, "_linkRecord", None)
    preformatted = tx.preformatted
    ws = getattr(tx, "_wordSpace", 0)
    spaces = 0
    open_links: list = []  # reportlab's AL: the links the text drawn so far is in
    open_underlines: list = []  # and LL: its underlines and strike-throughs
    us_lines = xs.us_lines
    links = xs.links
    canvas = tx._canvas
    last_word = words[-1]
    for i, f in enumerate(words):
        cur_x_s = cur_x + spaces * ws
        font_size = f.fontSize
        text_color = f.textColor
        rise = f.rise
        underlines = f.us_lines
        link = f.link
        underlines_change = open_underlines != underlines
        link_change = open_links != link
        if underlines_change or link_change or xs.backColor:  # where the text before ends
            end_x = cur_x_s
            if i > 0:
                end_x = cur_x_s - (0 if preformatted else _trailing_space_length(words[i - 1].text, tx))
        if tx._fontname != f.fontName or tx._fontsize != font_size:
            tx._setFont(f.fontName, font_size)
        if xs.textColor is not text_color and xs.textColor != text_color:
            xs.textColor = text_color
            tx.setFillColor(text_color)
        if xs.rise != rise:
            xs.rise = rise
            tx.setRise(rise)
        if underlines_change:
            before, now = set(open_underlines), set(underlines)
            started_underlines = now - before
            for key in before - now:
                us_lines[key] = us_lines[key], end_x
        if link_change:
            before, now = set(open_links), set(link)
            started_links = now - before
            for key in before - now:
                links[key] = links[key], end_x
                if link_record is not None:
                    link_record(key, "end")
        text = f.text
        tx._textOut(text, f is last_word)
        if underlines_change:
            for key in started_underlines:
                us_lines[key] = (key, font_size, text_color, cur_x_s), font_size
            open_underlines = underlines
        for key in open_underlines:
            l0, size_max = us_lines[key]
            if font_size > size_max:
                us_lines[key] = l0, font_size
        if link_change or open_links:
            low = rise - 0.2 * font_size
            high = rise + font_size
            if link_change:
                for key in started_links:
                    links[key] = (key, cur_x), low, high
                    if link_record is not None:
                        link_record(key, "start")
                open_links = link
            for key in open_links:
                l0, lo, hi = links[key]
                if low < lo or high > hi:
                    links[key] = l0, min(low, lo), max(high, hi)
        background = getattr(f, "backColor", None)
        if background and not xs.backColor:
            xs.backColor = background
            xs.backColor_x = cur_x_s
        elif xs.backColor:
            if not background:
                xs.backColors.append((xs.backColor_x, end_x, xs.backColor))
                xs.backColor = None
            elif f.backColor != xs.backColor or xs.textColor != xs.backColor:
                xs.backColors.append((xs.backColor_x, end_x, xs.backColor))
                xs.backColor = background
                xs.backColor_x = cur_x_s
        cur_x += canvas.stringWidth(text, tx._fontname, tx._fontsize)
        spaces += text.count(" ") + (text.count("\xa0") if type(text) is str else _nbsp_count(text))

    cur_x_s = cur_x + (spaces - 1) * ws
    if last and xs.style.endDots:
        if xs.style.wordWrap != "RTL":  # dots left to right
            if pKind != "right":
                _do_dots_frag(cur_x, cur_x_s, line.maxWidth, xs, tx)
        elif pKind != "left":
            start = tx._x_offset
            _do_dots_frag(start, start, x0 - start, xs, tx, left=False)
    for key in open_underlines:
        us_lines[key] = us_lines[key], cur_x_s
    for key in open_links:
        links[key] = links[key], cur_x_s
        if link_record is not None:
            link_record(key, "end")
    if xs.backColor:
        xs.backColors.append((xs.backColor_x, cur_x_s, xs.backColor))


def do_post_text(tx: PDFTextObject) -> None:
    """`paragraph._do_post_text`: after a line of fragments, draw its backgrounds, links and
    underlines and move down a line; a line with none of them only moves down."""
    xs = tx.XtraState
    if xs.backColors or xs.links or xs.us_lines or xs.autoLeading in _DYNAMIC_LEADING:
        return _original_do_post_text(tx)
    xs.cur_y -= xs.style.leading


def set_fill_color(self: _PDFColorSetter, aColor, alpha: float | None = None) -> None:
    """`setFillColor` of canvases and text objects: an RGB colour's operator (`r g b rg`) is
    written from a memo (a book draws text in a few colours, thousands of times); other
    colours, and a canvas that enforces a colour space, go to reportlab's own.

    A colour's opacity (1 for every reportlab colour made without one) is set again only
    where it is not already the one in force: reportlab's `setFillAlpha` would write
    nothing then, having made sure once that the PDF's version allows opacities."""
    if type(aColor) is not Color or self._enforceColorSpace:
        return _original_set_fill_color(self, aColor, alpha)
    self._fillColorObj = aColor
    self._code.append(_rgb_operator(aColor.red, aColor.green, aColor.blue))
    if alpha is None:
        alpha = getattr(aColor, "alpha", None)
        if alpha is None:
            return
    if not _alpha_in_force(self, alpha):
        self.setFillAlpha(alpha)


_TRANSPARENCY_VERSION = pdfdoc.PDF_SUPPORT_VERSION["transparency"]


def _alpha_in_force(setter: _PDFColorSetter, alpha: object) -> bool:
    """Whether `setFillAlpha(alpha)` would change nothing: the fill opacity in force is
    `alpha` and the document's version already allows opacities."""
    canvas = setter if isinstance(setter, Canvas) else getattr(setter, "_canvas", None)
    if not isinstance(canvas, Canvas) or type(alpha) not in (int, float):
        return False
    return (canvas._extgstate._d.get("ca", 1) == alpha and 0 <= alpha <= 1
            and canvas._doc._pdfVersion >= _TRANSPARENCY_VERSION)


@functools.lru_cache(maxsize=1024)
def _rgb_operator(red: float, green: float, blue: float) -> str:
    """The operator that sets an RGB fill colour (a book has a few)."""
    return f"{fp_str((red, green, blue))} rg"


def translate(self: Canvas, dx: float, dy: float) -> None:
    """`Canvas.translate`: the same `1 0 0 1 dx dy cm` and the same tracked matrix, without
    going through `transform`'s product with a general matrix. A move right after another
    transform (reportlab merges the two into one operator) goes to reportlab's own."""
    code = self._code
    if code and code[-1][-3:] == " cm":
        return _original_translate(self, dx, dy)
    if canvas_module.ENABLE_TRACKING:
        a0, b0, c0, d0, e0, f0 = self._currentMatrix
        # transform's arithmetic with (a, b, c, d) = (1, 0, 0, 1), term for term
        self._currentMatrix = (a0 * 1 + c0 * 0, b0 * 1 + d0 * 0, a0 * 0 + c0 * 1, b0 * 0 + d0 * 1,
                               a0 * dx + c0 * dy + e0, b0 * dx + d0 * dy + f0)
    code.append(f"1 0 0 1 {fp_str(dx, dy)} cm")


_STATE_LIST = Canvas.STATE_ATTRIBUTES
_STATE_NAMES = tuple(_STATE_LIST)
_state_of = operator.itemgetter(*_STATE_NAMES)


def push_state_stack(self: Canvas) -> None:
    """`Canvas.push_state_stack` (under `saveState`): the state attributes saved as one tuple,
    and the extended graphics state copied as `ExtGState.pushCopy` copies it (its values
    copied, its table of named states shared), without going through its constructor."""
    if self.STATE_ATTRIBUTES is not _STATE_LIST:  # a canvas class that keeps other attributes
        return _original_push_state_stack(self)
    self.state_stack.append(_state_of(self.__dict__))
    current = self._extgstate
    if type(current) is not ExtGState:
        self._extgstate = current.pushCopy()
        return None
    copied = object.__new__(ExtGState)
    copied._d = current._d.copy()
    copied._c = current._c
    self._extgstate = copied
    return None


def pop_state_stack(self: Canvas) -> None:
    """`Canvas.pop_state_stack` (under `restoreState`), for a state saved either way (a tuple
    saved above has one value for each name)."""
    state = self.state_stack.pop()
    self.__dict__.update(zip(_STATE_NAMES, state, strict=False) if type(state) is tuple else state)
