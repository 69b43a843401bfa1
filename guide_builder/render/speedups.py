"""Faster versions of reportlab helpers that dominate paragraph wrapping and drawing.

Profiling a 52-week build showed paragraph wrapping spending a third of its time in:

- `stringWidth`: called once per word per wrap (and again when a paragraph is split or
  re-wrapped), and by the canvas for each piece of a line it draws. A workbook uses a few
  fonts at a few sizes and the same words again and again, so the widths are memoised
  (results are identical: same function, same inputs).
- `Paragraph.breakLines`: reportlab's line breaking with the work whose outcome is known
  skipped (render/linebreak.py).
- `getAscentDescent`: called per word with the same (font, size) pairs; memoised.
- `sameFrag`: rl_accel's C version is five times slower than reportlab's own pure-Python
  version on our fragments (it looks up attributes the fragments do not have, raising
  and clearing an AttributeError each time); the pure-Python comparison is used instead,
  the keys every fragment has compared as one tuple.

- `Paragraph.wrap`: a paragraph is often wrapped again at the width it was just wrapped
  at (a kept-together question is measured, then placed; a box measures its content, then
  draws it): about 40% of all wraps in a 52-week build. The line breaking of the last wrap
  is kept and reused for the same width (the result only depends on the width).

- colour attributes in paragraph markup (`<font color="#24566b">`, on every verse number
  and link): reportlab parses each one again, through `ast.literal_eval`; the markup
  parser's attribute tables are given a memoised converter (the same function, cached by
  its text; the colours it returns are never changed).

- `ABag.clone`: fragments are cloned for every split paragraph and piece of a line;
  the copy is made without building keyword arguments for the bag's constructor.
- drawing text: render/drawing.py (reportlab's text output with the known work skipped).
- reading fonts: render/fontfile.py (a font's character map and metrics unpacked in bulk).

- `TTFont.splitString`: called for every run of text drawn, it maps each character to its
  code in the font's subset in a Python loop, assigning codes to characters seen for the
  first time. Once a font's characters are all assigned (after the first pages), a run is
  mapped by one dictionary lookup per character at C speed; the loop is kept for runs
  with new characters, characters the font lacks, or codes in several subsets.

- writing the PDF: every name and string of every object goes through `pdfdocEnc`, a
  custom codec, and every dictionary key through `PDFName`, which escapes it character by
  character. Names are memoised; text that is plain ASCII (all of which the codec maps to
  itself, but for \\x18-\\x1f, which it refuses) is encoded as ASCII. `pdfdoc.format`,
  called for every value of every object (hundreds of thousands of times for a long book),
  answers strings, bytes and numbers before its chain of isinstance tests, and dictionaries
  write their keys from a memo.
- links: a long book's index links every page number it lists (about 1,000 links in 52
  weeks, 10,000 in 520). A plain link's dictionary is written directly, and each
  destination is written once per document instead of once per link to it.

Streams are written Flate-compressed only, without reportlab's default ASCII85 layer on
top (which costs time and makes every stream a quarter larger; PDF is a binary format).

`install()` patches the names reportlab's paragraph module looks up; it is idempotent.
"""

from __future__ import annotations

import functools
import operator
from collections import OrderedDict

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.abag import ABag
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject, _PDFColorSetter
from reportlab.platypus import paragraph, paraparser

from guide_builder.render import drawing, fontfile, linebreak, writing

CACHE_SIZE = 1 << 18  # distinct (text, font, size) widths kept; a 520-week book needs about 60,000

# reportlab's stringWidth, memoised: paragraphs (install) and index lines measure with it
string_width = functools.lru_cache(maxsize=CACHE_SIZE)(pdfmetrics.stringWidth)

_SAME_FRAG_KEYS = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")
_SAME_FRAG_CORE = operator.itemgetter(*_SAME_FRAG_KEYS[:6])  # the keys every parsed fragment has


def same_frag(f, g) -> int:
    """1 when two paragraph fragments can share one text run, else 0.

    The comparison of reportlab's pure-Python version: the six keys every fragment has are
    compared as one tuple (items identical or equal), the two optional ones by `get`.
    """
    fdict, gdict = f.__dict__, g.__dict__
    if "cbDefn" in fdict or "lineBreak" in fdict or "cbDefn" in gdict or "lineBreak" in gdict:
        return 0
    try:
        if _SAME_FRAG_CORE(fdict) != _SAME_FRAG_CORE(gdict):
            return 0
    except KeyError:  # a fragment without one of them: key by key, a missing one is None
        fget, gget = fdict.get, gdict.get
        return int(all(fget(key) == gget(key) for key in _SAME_FRAG_KEYS))
    return int(fdict.get("backColor") == gdict.get("backColor") and fdict.get("nobr") == gdict.get("nobr"))


def canvas_string_width(self, text: str, fontName: str | None = None, fontSize: float | None = None) -> float:
    """`Canvas.stringWidth` (drawing measures every piece of a line it sets) through the memo."""
    return string_width(text, fontName or self._fontname, (fontSize, self._fontsize)[fontSize is None])


def fast_clone(self, **attr):
    """`ABag.clone` (fragments are cloned for every split paragraph and every piece of a line):
    the copy's attributes are the original's (then `attr`) in the same order, as reportlab's
    makes them through the class's constructor, without building keyword arguments."""
    cls = type(self)
    if cls.__init__ is not _BAG_INIT:  # a bag class with a constructor of its own
        return _ORIGINAL_CLONE(self, **attr)
    copy = object.__new__(cls)
    values = copy.__dict__
    values.update(self.__dict__)
    if attr:
        values.update(attr)
    return copy


_BAG_INIT = ABag.__init__
_ORIGINAL_CLONE = ABag.clone


def memoised_wrap(original):
    """`Paragraph.wrap` that reuses the last line breaking when asked for the same width again."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        memo = self.__dict__.get("_wrap_memo")
        if memo is not None and memo[0] == available_width and memo[1] is self.__dict__.get("blPara"):
            return memo[2]
        size = original(self, available_width, available_height)
        self._wrap_memo = (available_width, self.__dict__.get("blPara"), size)
        return size

    wrap.__doc__ = original.__doc__
    return wrap


def fast_split_string(original):
    """`TTFont.splitString` that maps a run whose characters all have codes in the first
    subset without the per-character loop (same result: the codes the loop would look up).

    Printable ASCII keeps its own codes in the first subset (reportlab's `asciiReadable`,
    for every character the font has), so a run of it is its own bytes: nine runs in ten.
    """
    @functools.wraps(original)
    def split_string(self, text, doc, encoding="utf-8"):
        state = self.state.get(doc)
        if state is None or not isinstance(text, str):
            return original(self, text, doc, encoding)
        mapped = text.replace("\u00a0", " ") if "\u00a0" in text else text  # as the loop maps it
        assignments = state.assignments
        first = state.__dict__.get("_first_subset")
        if first is None or first[0] != len(assignments):  # codes were given since: list them again
            table = {point: code for point, code in assignments.items() if code < 256}
            ascii_kept = all(table.get(point) == point for point in drawing.PRINTABLE_ASCII)
            first = state._first_subset = (len(assignments), table, frozenset(map(chr, table)), ascii_kept)
        if first[3] and mapped.isascii() and mapped.isprintable():
            return [(0, mapped.encode("ascii"))] if mapped else []
        if not first[2].issuperset(mapped):  # a new character, one the font lacks, or a later subset
            return original(self, text, doc, encoding)
        return [(0, mapped.translate(first[1]).encode("latin-1"))] if mapped else []

    return split_string


def fast_pdfdoc_encode(original):
    """`pdfdocEnc` that encodes plain ASCII text directly (the codec maps it to itself)."""

    @functools.wraps(original)
    def encode(text):
        if isinstance(text, str) and text.isascii() and not writing.NOT_PDFDOC.search(text):
            return text.encode("ascii")
        return original(text)

    return encode


def fast_pdf_format(original):
    """`pdfdoc.format` that answers plain strings, bytes and numbers first, and hands an
    array, a dictionary or a reference straight to its own `format` (what it does for them
    unless it is to write comments; same bytes)."""

    @functools.wraps(original)
    def format_element(element, document, toplevel=0):
        kind = type(element)
        if kind is str:
            return pdfdoc.pdfdocEnc(element)
        if kind is bytes:
            return element
        if kind is int:
            return b"%d" % element  # what fp_str writes for an integer
        if kind is float:
            return fp_str(element).encode("ascii")
        if kind in _DIRECT and (rl_config.invariant or not rl_config.pdfComments):
            return kind.format(element, document)
        return original(element, document, toplevel)

    return format_element


# formatted by pdfdoc.format with a plain call of their `format` (none of them is a
# "reference only" object, which it would write as a reference instead)
_DIRECT = frozenset((pdfdoc.PDFArray, pdfdoc.PDFDictionary, pdfdoc.PDFObjectReference))


_KEY_BYTES: dict[str, bytes] = {}


def fast_dictionary_format(self, document, IND=b"\n "):
    """`PDFDictionary.format` with each key's bytes memoised (same bytes)."""
    entries = self.dict
    keys = list(entries.keys())
    if not isinstance(entries, OrderedDict):
        keys.sort()
    format_element = pdfdoc.format
    lines = []
    for key in keys:
        name = _KEY_BYTES.get(key)
        if name is None:
            name = _KEY_BYTES[key] = format_element(pdfdoc.PDFName(key), document)
        lines.append(name + b" " + format_element(entries[key], document))
    if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
        joined = IND.join(lines)
    else:
        for index in reversed(range(6, len(lines), 6)):  # a line break every six entries
            lines.insert(index, b"\n ")
        joined = b" ".join(lines)
    return b"<<\n" + joined + b"\n>>"


def fast_array_format(self, document, IND=b"\n "):
    """`PDFArray.format` that writes numbers itself, and remembers a short array of numbers
    (a page's MediaBox, a border) once written (same bytes)."""
    sequence = self.sequence
    short = len(sequence) <= _SHORT and all(type(item) in _NUMBERS for item in sequence)
    if short:
        key = (*sequence, self.multiline, rl_config.pdfMultiLine)
        if (written := _SHORT_ARRAYS.get(key)) is not None:
            return written
    format_element = pdfdoc.format
    items = [b"%d" % item if type(item) is int
             else fp_str(item).encode("ascii") if type(item) is float
             else format_element(item, document) for item in sequence]
    if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
        written = b"[ " + IND.join(items) + b" ]"
    else:
        for index in reversed(range(10, len(items), 10)) if len(items) > 10 else ():  # a break every ten
            items.insert(index, b"\n ")
        written = b"[ " + b" ".join(items) + b" ]"
    if short:
        if len(_SHORT_ARRAYS) >= _SHORT_ARRAYS_KEPT:
            _SHORT_ARRAYS.clear()
        _SHORT_ARRAYS[key] = written
    return written


_NUMBERS = (int, float)
_SHORT = 6
_SHORT_ARRAYS: dict[tuple, bytes] = {}
_SHORT_ARRAYS_KEPT = 4096


def memoised_resources_format(original):
    """`PDFResourceDictionary.format` that writes the usual resources of a page (the fonts
    and the procedure sets, nothing else) once per font dictionary (same bytes); any other
    is left to it. Every page of a book has the same."""

    @functools.wraps(original)
    def format_resources(self, document):
        font = self.Font
        procedures = self.ProcSet
        if (type(font) is not pdfdoc.PDFObjectReference or type(procedures) is not list
                or any(type(name) is not str for name in procedures)
                or any(getattr(self, name) for name in _OTHER_RESOURCES)):
            return original(self, document)
        key = (pdfdoc.format(font, document), *procedures)
        written = _RESOURCES.get(key)
        if written is None:
            written = _RESOURCES[key] = original(self, document)
        return written

    return format_resources


_OTHER_RESOURCES = tuple(name for name in pdfdoc.PDFResourceDictionary.dict_attributes if name != "Font")
_RESOURCES: dict[tuple, bytes] = {}


def fast_link_format(original):
    """`LinkAnnotation.format` that writes a plain link's dictionary directly, as reportlab's
    `AnnotationDict` and `PDFDictionary` write it (same bytes); any other link is left to it.

    An index has a link for every page number it lists: thousands in a long book.
    """

    @functools.wraps(original)
    def format_link(self, document):
        rect = self.Rect
        if (self.otherkw or rl_config.pdfMultiLine or type(rect) not in (tuple, list) or len(rect) != 4
                or any(type(value) not in _NUMBERS for value in rect)):
            return original(self, document)
        if type(document.encrypt) is pdfdoc.NoEncryption and type(self.Contents) is str:
            contents = _link_contents(self.Contents)  # the same for every link, unencrypted
        else:
            contents = pdfdoc.format(pdfdoc.PDFString(self.Contents, 1), document)
        return b"".join((
            b"<<\n/Border ", pdfdoc.format(self.Border, document),
            b" /Contents ", contents,
            b" /Dest ", pdfdoc.format(self.Destination, document),
            b" /Rect [ ", fp_str(*rect).encode("ascii"), b" ] /Subtype /Link /Type /Annot\n>>",
        ))

    return format_link


@functools.lru_cache(maxsize=256)
def _link_contents(contents: str) -> bytes:
    """A link's /Contents as an unencrypted document writes it."""
    return pdfdoc.format(pdfdoc.PDFString(contents, 1), pdfdoc.PDFDocument(invariant=1))


def memoised_destination_format(original):
    """`Destination.format` that writes a destination once per document (every link to one
    page, and each index line has several, writes the same bytes)."""

    @functools.wraps(original)
    def format_destination(self, document):
        memo = self.__dict__.get("_written")
        if memo is not None and memo[0] is document and memo[1] is self.fmt and memo[2] is self.page:
            return memo[3]
        written = original(self, document)
        self._written = (document, self.fmt, self.page, written)
        return written

    return format_destination


def fast_reference_format(self, document):
    """`PDFObjectReference.format` without the text codec (same bytes)."""
    try:
        return b"%d %d R" % document.idToObjectNumberAndVersion[self.name]
    except KeyError:
        raise KeyError(f"forward reference to {self.name!r} not resolved upon final formatting") from None


def _memoise_colour_attributes() -> None:
    """Give the markup parser's attribute tables a cached `toColor` for text values."""
    convert = colors.toColor

    @functools.lru_cache(maxsize=256)
    def cached(value: str, default=None):
        return convert(value, default)

    def to_color(value, default=None):
        if isinstance(value, str):
            return cached(value, default)
        return convert(value, default)

    for table in vars(paraparser).values():
        if isinstance(table, dict):
            for key, entry in list(table.items()):
                if isinstance(entry, tuple) and len(entry) == 2 and entry[1] is convert:
                    table[key] = (entry[0], to_color)


_installed = False
REPLACED: dict[type, object] = {}  # reportlab's own format methods, for the tests to compare with


def install() -> None:
    """Patch reportlab's paragraph module to use the memoised and faster helpers."""
    global _installed
    if _installed:
        return
    ascent_descent = functools.lru_cache(maxsize=1024)(pdfmetrics.getAscentDescent)
    paragraph.stringWidth = string_width
    paragraph.getAscentDescent = ascent_descent
    paragraph.sameFrag = same_frag
    ABag.clone = fast_clone
    paragraph.Paragraph.wrap = memoised_wrap(paragraph.Paragraph.wrap)
    paragraph.Paragraph.breakLines = linebreak.break_lines
    Canvas.stringWidth = canvas_string_width
    PDFTextObject._formatText = drawing.format_text
    PDFTextObject._textOut = drawing.text_out
    _PDFColorSetter.setFillColor = drawing.set_fill_color
    paragraph._putFragLine = drawing.put_frag_line
    paragraph._do_post_text = drawing.do_post_text
    Canvas.translate = drawing.translate
    Canvas.push_state_stack = drawing.push_state_stack
    Canvas.pop_state_stack = drawing.pop_state_stack
    TTFont.splitString = fast_split_string(TTFont.splitString)
    TTFontFile.extractInfo = fontfile.extract_info
    pdfdoc.pdfdocEnc = fast_pdfdoc_encode(pdfdoc.pdfdocEnc)
    pdfdoc.PDFName = functools.lru_cache(maxsize=4096)(pdfdoc.PDFName)
    pdfdoc.format = fast_pdf_format(pdfdoc.format)
    for cls, method in ((pdfdoc.PDFDictionary, fast_dictionary_format), (pdfdoc.PDFArray, fast_array_format),
                        (pdfdoc.PDFObjectReference, fast_reference_format),
                        (pdfdoc.LinkAnnotation, fast_link_format(pdfdoc.LinkAnnotation.format)),
                        (pdfdoc.Destination, memoised_destination_format(pdfdoc.Destination.format)),
                        (pdfdoc.PDFResourceDictionary,
                         memoised_resources_format(pdfdoc.PDFResourceDictionary.format)),
                        (pdfdoc.PDFString, writing.fast_string_format(pdfdoc.PDFString.format)),
                        (pdfdoc.PDFStream, writing.fast_stream_format(pdfdoc.PDFStream.format)),
                        (pdfdoc.PDFIndirectObject, writing.fast_indirect_format)):
        REPLACED[cls] = cls.format
        cls.format = method
    _memoise_colour_attributes()
    rl_config.useA85 = 0
    _installed = True
