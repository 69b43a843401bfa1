"""The one walk over inline content: model inlines -> tokens -> paragraph markup.

Inline content becomes tokens (text, tags); render/frags.py makes reportlab paragraph
fragments from them directly, and `serialize` writes them as reportlab's XML-like markup
(for the paragraphs it must parse: Hebrew, which is shaped). Every user string is escaped
there, so text such as `<font size=999>` or `&` never reaches reportlab's parser as markup.
Callers pass model inlines, never strings of markup.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape as _html_escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from guide_builder import model as m
from guide_builder.render.fonts import register_hebrew
from guide_builder.render.hebrew import HEBREW_FONT, has_hebrew, split_runs

NBSP = "\u00a0"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain_control_free(text: str) -> str:
    """The text without the control characters that `escape` removes."""
    return _CONTROL.sub("", text)


def escape(text: str) -> str:
    """Text safe to put inside paragraph markup (control characters removed)."""
    return _html_escape(_CONTROL.sub("", text), quote=False)


# ---- tokens: the one walk over inline content ------------------------------------------
#
# Inline content becomes a flat list of tokens: text (a str, control characters removed,
# not escaped), `Open`/`Close` of a tag and `Empty` tags. `serialize` writes them as the
# markup reportlab's Paragraph parses; render/frags.py makes paragraph fragments from them
# directly, without a parser.


@dataclass(frozen=True)
class Open:
    """A start tag: `<tag name="value" ...>`."""

    tag: str
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Close:
    """An end tag: `</tag>`."""

    tag: str


@dataclass(frozen=True)
class Empty:
    """A tag without content: `<tag name="value" .../>`."""

    tag: str
    attrs: tuple[tuple[str, str], ...] = ()


Token = str | Open | Close | Empty


def serialize(tokens: list[Token]) -> str:
    """Paragraph markup for tokens, every text and attribute value escaped."""
    out = []
    for token in tokens:
        if isinstance(token, str):
            out.append(_html_escape(token, quote=False))
        elif isinstance(token, Close):
            out.append(f"</{token.tag}>")
        else:
            attrs = "".join(f" {name}={quoteattr(value)}" for name, value in token.attrs)
            out.append(f"<{token.tag}{attrs}{'/' if isinstance(token, Empty) else ''}>")
    return "".join(out)


def text_tokens(text: str) -> list[Token]:
    """Tokens of plain text: Hebrew runs in the bundled Hebrew face, right to left."""
    text = plain_control_free(text)
    if not has_hebrew(text):
        return [text] if text else []
    face = register_hebrew()
    tokens: list[Token] = []
    for hebrew, piece in split_runs(text):
        tokens.extend((Open("font", (("name", face),)), piece, Close("font")) if hebrew else (piece,))
    return tokens


def needs_shaping(tokens: list[Token]) -> bool:
    """True when tokens set text in the Hebrew face (the paragraph must be shaped)."""
    return any(isinstance(token, Open) and token.tag == "font" and token.attrs
               and token.attrs[0][0] == "name" and token.attrs[0][1].startswith(f"{HEBREW_FONT}-")
               for token in tokens)


def quoteattr(value: str) -> str:
    """A markup attribute value in double quotes, every special character escaped.

    (xml.sax.saxutils has the same function, but importing it pulls in urllib, http.client
    and ssl: 50 ms of every start-up.)
    """
    return '"' + _html_escape(_CONTROL.sub("", value), quote=True) + '"'


def hex_color(color: object) -> str:
    """'#rrggbb' for a reportlab colour."""
    return "#" + color.hexval()[2:] if hasattr(color, "hexval") else str(color)


@dataclass
class MarkupContext:
    """What inline markup depends on: edition, fonts, and callbacks for anchors."""

    edition: m.Edition
    font_name: str
    font_size: float
    accent: str
    mention_label: Callable[[m.ScriptureMention], str] | None = None
    code_font: str | None = None
    blank_field: Callable[[], str] | None = None  # fillable edition: names the next blank's field

    def blank_width(self, word: str) -> int:
        """Number of non-breaking spaces for a blank: 1.6x the word, at least room for a word."""
        word_width = stringWidth(word, self.font_name, self.font_size)
        space = stringWidth(NBSP, self.font_name, self.font_size) or self.font_size * 0.25
        return math.ceil(max(word_width * 1.6, self.font_size * 6) / space)


def markup(inlines: tuple[m.Inline, ...], context: MarkupContext) -> str:
    """Paragraph markup for inline content (a whole paragraph's).

    A paragraph with Hebrew is shaped by HarfBuzz (reportlab's `shaping`, which needs
    uharfbuzz), so the points sit on their letters; other paragraphs skip shaping.
    """
    return tokens_markup(inline_tokens(inlines, context))


def tokens_markup(tokens: list[Token]) -> str:
    """The markup of tokens, shaped (`<para shaping="1">`) when they hold Hebrew."""
    text = serialize(tokens)
    return f'<para shaping="1">{text}</para>' if needs_shaping(tokens) else text


def inline_tokens(inlines: tuple[m.Inline, ...], context: MarkupContext) -> list[Token]:
    """The tokens of inline content."""
    tokens: list[Token] = []
    for item in inlines:
        _inline(item, context, tokens)
    return tokens


def _wrapped(tag: str, children: tuple[m.Inline, ...], context: MarkupContext, tokens: list[Token],
             attrs: tuple[tuple[str, str], ...] = ()) -> None:
    tokens.append(Open(tag, attrs))
    for child in children:
        _inline(child, context, tokens)
    tokens.append(Close(tag))


def _inline(item: m.Inline, context: MarkupContext, tokens: list[Token]) -> None:
    match item:
        case m.Text(text=text):
            tokens.extend(text_tokens(text))
        case m.Emphasis(children=children):
            _wrapped("i", children, context, tokens)
        case m.Strong(children=children):
            _wrapped("b", children, context, tokens)
        case m.Code(text=text):
            face = (("face", context.code_font),) if context.code_font else ()
            tokens.extend((Open("font", face), plain_control_free(text), Close("font")))
        case m.Link(url=url, children=children):
            _wrapped("a", children, context, tokens, (("href", url), ("color", context.accent)))
        case m.Blank(word=word):
            tokens.extend(blank_tokens(word, context))
        case m.LineBreak():
            tokens.append(Empty("br"))
        case m.FootnoteRef(label=label):
            tokens.extend((Open("super"), plain_control_free(label), Close("super")))
        case m.ScriptureMention(text=text):
            text = plain_control_free(text)
            tokens.append(text[:1])
            if context.mention_label is not None:
                # Inside the first word (after its first character), so the callback moves with
                # the word when a line breaks before it (a zero-width word of its own stays behind).
                tokens.append(Empty("onDraw", (("name", "mention"), ("label", context.mention_label(item)))))
            tokens.append(text[1:])


BLANK_CALLBACK = "blank"
BLANK_FIELD_CALLBACK = "blank_field"
# The callback sits after the first NBSP of the rule, inside it: reportlab may break a line
# between a zero-width callback and the text after it, which would part answer and rule.
BLANK_LEAD = 1


def blank_start(info: dict) -> float:
    """Where a blank's rule starts, from the text state a blank callback receives."""
    tx = info["tx"]
    return info["cur_x"] - BLANK_LEAD * stringWidth(NBSP, tx._fontname, tx._fontsize)


def blank_markup(word: str, context: MarkupContext) -> str:
    """A ruled blank's markup (see `blank_tokens`)."""
    return serialize(blank_tokens(word, context))


def blank_tokens(word: str, context: MarkupContext) -> list[Token]:
    """A ruled blank of the same width in both editions, so both paginate alike.

    In the leader's edition a draw-time callback writes the answer over the rule; in the
    participant's fillable edition another one puts a form field over it.
    """
    count = context.blank_width(word)
    callback: list[Token] = []
    if context.edition is m.Edition.LEADER:
        callback = [Empty("onDraw", (("name", BLANK_CALLBACK), ("label", f"{count}:{word}")))]
    elif context.blank_field is not None:
        label = f"{count}:{context.blank_field()}"
        callback = [Empty("onDraw", (("name", BLANK_FIELD_CALLBACK), ("label", label)))]
    return [Open("u"), NBSP * BLANK_LEAD, *callback, NBSP * (count - BLANK_LEAD), Close("u")]


def plain_text(inlines: tuple[m.Inline, ...]) -> str:
    """The visible text of inline content (for bookmarks, headers and metadata)."""
    parts = []
    for item in inlines:
        match item:
            case m.Text(text=text) | m.Code(text=text) | m.ScriptureMention(text=text):
                parts.append(text)
            case m.Emphasis(children=c) | m.Strong(children=c) | m.Link(children=c):
                parts.append(plain_text(c))
            case m.Blank(word=word):
                parts.append(word)
    return "".join(parts)
