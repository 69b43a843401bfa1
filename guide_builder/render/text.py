"""The one place that builds reportlab paragraph markup; every user string is escaped here.

reportlab's Paragraph parses its own XML-like markup, so text such as `<font size=999>`
or `&` must never reach it unescaped. Callers pass model inlines, never strings of markup.
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


def text_markup(text: str) -> str:
    """Escaped text; Hebrew runs set right to left in the bundled Hebrew face."""
    if not has_hebrew(text):
        return escape(text)
    face = register_hebrew()
    return "".join(f'<font name="{face}">{escape(piece)}</font>' if hebrew else escape(piece)
                   for hebrew, piece in split_runs(text))


HEBREW_MARK = f'<font name="{HEBREW_FONT}-'  # markup with this needs shaping


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
    text = _markup(inlines, context)
    return f'<para shaping="1">{text}</para>' if HEBREW_MARK in text else text


def _markup(inlines: tuple[m.Inline, ...], context: MarkupContext) -> str:
    return "".join(_inline(item, context) for item in inlines)


def _inline(item: m.Inline, context: MarkupContext) -> str:
    match item:
        case m.Text(text=text):
            return text_markup(text)
        case m.Emphasis(children=children):
            return f"<i>{_markup(children, context)}</i>"
        case m.Strong(children=children):
            return f"<b>{_markup(children, context)}</b>"
        case m.Code(text=text):
            face = f' face="{context.code_font}"' if context.code_font else ""
            return f"<font{face}>{escape(text)}</font>"
        case m.Link(url=url, children=children):
            return f'<a href={quoteattr(url)} color="{context.accent}">{_markup(children, context)}</a>'
        case m.Blank(word=word):
            return blank_markup(word, context)
        case m.LineBreak():
            return "<br/>"
        case m.FootnoteRef(label=label):
            return f"<super>{escape(label)}</super>"
        case m.ScriptureMention(text=text):
            anchor = ""
            if context.mention_label is not None:
                anchor = f'<onDraw name="mention" label={quoteattr(context.mention_label(item))}/>'
            # Inside the first word (after its first character), so the callback moves with
            # the word when a line breaks before it (a zero-width word of its own stays behind).
            return escape(text[:1]) + anchor + escape(text[1:])
    return ""


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
    """A ruled blank of the same width in both editions, so both paginate alike.

    In the leader's edition a draw-time callback writes the answer over the rule; in the
    participant's fillable edition another one puts a form field over it.
    """
    count = context.blank_width(word)

    def rule(callback: str = "") -> str:
        return "<u>" + NBSP * BLANK_LEAD + callback + NBSP * (count - BLANK_LEAD) + "</u>"

    if context.edition is m.Edition.LEADER:
        label = quoteattr(f"{count}:{word}")
        return rule(f'<onDraw name="{BLANK_CALLBACK}" label={label}/>')
    if context.blank_field is not None:
        label = quoteattr(f"{count}:{context.blank_field()}")
        return rule(f'<onDraw name="{BLANK_FIELD_CALLBACK}" label={label}/>')
    return rule()


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
