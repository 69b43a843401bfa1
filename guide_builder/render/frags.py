"""Paragraph fragments made from tokens directly, without reportlab's markup parser.

reportlab's Paragraph turns its XML-like markup into fragments (runs of text sharing a
font, size, colour, rise, links and underlines) with Python's HTMLParser and a copy of
the current fragment per tag and per run of text: about a sixth of the layout time of a
book, spent on markup we had just written ourselves from the model (render/text.py).
Here the fragments are made from the tokens that markup is written from, as the parser
makes them: the same attributes, the same cleaning of white space (reportlab's own
`cleanBlockQuotedText` over the text with each tag standing in as one character), the
same numbering of underlines and links.

Two things differ, both on purpose: a run of text stays one fragment where the parser
cuts it at every character entity (`Tom &amp; Jerry` gives it three fragments, and a
paragraph of several fragments is wrapped on reportlab's slower path); and white space
inside an attribute value (a blank's answer) is collapsed on its own, not as part of the
whole paragraph's line. `tests/render/test_frags.py` compares the two on every paragraph
of the sample study and of a generated one, and on edge cases.

Paragraphs with Hebrew are still parsed: `<para shaping="1">` changes their style.
"""

from __future__ import annotations

import re

from reportlab.lib.abag import ABag
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import _wsc, cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paragraph import split as split_words
from reportlab.platypus.paraparser import (
    ParaFrag,
    _applyAttributes,
    _lineRepeats,
    _linkAttrMap,
    _spanAttrMap,
    fontSizeNormalize,
    sizeDelta,
    supFraction,
)
from reportlab.rl_config import platypus_link_underline

from guide_builder.render.text import Close, Empty, Open, Token, needs_shaping, text_tokens, tokens_markup

TAG = "\x01"  # stands for one tag in the text being cleaned (text never holds control characters)


def paragraph(tokens: list[Token], style: ParagraphStyle, kind: type[Paragraph] = Paragraph,
              **options) -> Paragraph:
    """A `kind` of Paragraph of `tokens` in `style`; `options` as Paragraph takes them."""
    if needs_shaping(tokens):
        return kind(tokens_markup(tokens), style, **options)
    frags = fragments(tokens, style)
    return kind("".join(frag.text for frag in frags), style, frags=frags, **options)


def plain_paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text (Hebrew in it set right to left)."""
    return paragraph(text_tokens(text), style)


def fragments(tokens: list[Token], style: ParagraphStyle) -> list[ParaFrag]:
    """The fragments reportlab's parser makes of `serialize(tokens)` in `style`."""
    tags = [token for token in tokens if not isinstance(token, str)]
    skeleton = "".join(TAG if not isinstance(token, str) else token for token in tokens)
    texts = _cleaned(skeleton).split(TAG)
    builder = _Builder(style)
    builder.text(texts[0])
    for tag, text in zip(tags, texts[1:], strict=True):
        builder.tag(tag)
        builder.text(text)
    textTransformFrags(builder.frags, style)
    return builder.frags


# Text that cleaning leaves as it is has none of these: white space other than single
# spaces between words (no-break spaces go the long way too: they decide how it splits).
_CLEANED_SPACE = re.compile(f"[{re.escape(_wsc.replace(' ', ''))}\u00a0]")


def _changed_by_cleaning(text: str) -> bool:
    """Whether cleaning may change `text`: three substring tests and one character class,
    cheaper than one pattern of the four, whose alternatives were tried at every character."""
    return "  " in text or text[:1] == " " or text[-1:] == " " or _CLEANED_SPACE.search(text) is not None


def _cleaned(text: str) -> str:
    """reportlab's cleaning of paragraph text (white space runs to one space, lines joined).

    Without a no-break space (reportlab then splits on its own list of spaces) or a zero
    width space (which it strips from line ends, though Python's `split` keeps it), the
    cleaning is the text's words joined by single spaces.
    """
    if not _changed_by_cleaning(text):
        return text
    if "\u00a0" in text or "\u200b" in text:
        return cleanBlockQuotedText(text)
    return " ".join(text.split())


def _clean_value(value: str) -> str:
    """An attribute value with its white space collapsed as cleaning collapses it in markup."""
    if not _changed_by_cleaning(value):
        return value
    words = split_words(value)
    cleaned = " ".join(word for word in words if word)
    if not cleaned:
        return " " if value else ""
    lead = " " if value[:1].isspace() and value[:1] != "\u00a0" else ""
    tail = " " if value[-1:].isspace() and value[-1:] != "\u00a0" else ""
    return lead + cleaned + tail


class _Builder:
    """reportlab's ParaParser, fed with tags and text instead of markup."""

    def __init__(self, style: ParagraphStyle) -> None:
        frag = ParaFrag()
        frag.rise = 0
        frag.greek = 0
        frag.link = []
        frag.fontName, frag.bold, frag.italic = ps2tt(style.fontName)
        frag.fontSize = style.fontSize
        frag.textColor = style.textColor
        frag.us_lines = []
        frag.__tag__ = "para"
        self.stack = [frag]
        self.frags: list[ParaFrag] = []
        self.lines = self.links = 0
        self.style = style
        self.link_underline = getattr(style, "linkUnderline", platypus_link_underline)

    def text(self, text: str, force: bool = False) -> None:
        if not text and not force:
            return
        frag = _copy(self.stack[-1])
        frag.fontName = tt2ps(frag.fontName, frag.bold, frag.italic)
        frag.text = text
        self.frags.append(frag)

    def push(self, tag: str, **attributes: object) -> ParaFrag:
        frag = _copy(self.stack[-1])
        frag.__tag__ = tag
        _applyAttributes(frag, attributes)
        self.stack.append(frag)
        return frag

    def new_line(self, kind: str) -> None:
        frag = self.stack[-1]
        style = self.style
        frag.us_lines = [*frag.us_lines, (
            self.lines, kind,
            getattr(frag, f"{kind}Color", getattr(style, f"{kind}Color", "")),
            getattr(frag, f"{kind}Width", getattr(style, f"{kind}Width", "")),
            getattr(frag, f"{kind}Offset", getattr(style, f"{kind}Offset", "")),
            frag.rise,
            _lineRepeats[getattr(frag, f"{kind}Kind", "single")],
            getattr(frag, f"{kind}Gap", getattr(style, f"{kind}Gap", "")),
        )]
        self.lines += 1

    def tag(self, token: Open | Close | Empty) -> None:
        if isinstance(token, Close):
            self.stack.pop()
            return
        values = {name: _clean_value(value) for name, value in token.attrs}
        match token.tag:
            case "i":
                self.push("i", italic=1)
            case "b":
                self.push("b", bold=1)
            case "u":
                self.push("u")
                self.new_line("underline")
            case "super":
                frag = self.push("super")
                frag.rise += fontSizeNormalize(frag, "supr", frag.fontSize * supFraction)
                smaller = frag.fontSize - min(sizeDelta, 0.2 * frag.fontSize)
                frag.fontSize = fontSizeNormalize(frag, "sups", smaller)
            case "font":
                attributes = _converted(values, _spanAttrMap)
                if "fontName" in attributes:
                    family, bold, italic = ps2tt(attributes["fontName"])
                    attributes.update(fontName=family, bold=bold, italic=italic)
                self.push("font", **attributes)
            case "a":
                attributes = _converted(values, _linkAttrMap)
                underline = attributes.pop("underline", self.link_underline)
                target = str(attributes.pop("link", "")).strip()
                attributes["link"] = [*self.stack[-1].link, (self.links, target)]
                self.links += 1
                self.push("a", **attributes)
                if underline:
                    self.new_line("underline")
            case "onDraw":
                definition = ABag()
                definition.name = values["name"]
                definition.label = values.get("label")
                definition.kind = "onDraw"
                self.push("ondraw", cbDefn=definition)
                self.text("", force=True)
                self.stack.pop()
            case "br":
                self.push("br", lineBreak=True, text="")
                self.text("", force=True)
                self.stack.pop()
            case _:
                raise ValueError(f"no fragments for the tag <{token.tag}>")


def _copy(frag: ParaFrag) -> ParaFrag:
    """A shallow copy of a fragment, as the parser's copy.copy makes (without its overhead)."""
    new = ParaFrag.__new__(ParaFrag)
    new.__dict__.update(frag.__dict__)
    return new


_CONVERTED: dict[tuple[int, str, str], object] = {}


def _converted(values: dict[str, str], table: dict) -> dict[str, object]:
    """Attribute values converted as the parser converts them (colours, sizes), memoised."""
    result = {}
    for name, value in values.items():
        key, convert = table[name]
        if convert is None:
            result[key] = value
            continue
        memo = (id(table), name, value)
        if memo not in _CONVERTED:
            _CONVERTED[memo] = convert(value)
        result[key] = _CONVERTED[memo]
    return result
