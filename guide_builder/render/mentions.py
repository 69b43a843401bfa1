"""Plain paragraphs that record their scripture mentions by word position, not by callback.

Every scripture reference written in prose goes into the index with the page it is
printed on. Marking it with a zero-width `<onDraw>` callback in the markup works for
any paragraph, but it cuts the paragraph into several fragments, and reportlab wraps a
paragraph of several fragments on a general path about four times slower than a
paragraph of one. Most paragraphs are plain text apart from their mentions (no
emphasis, links or blanks), so they are set as one fragment instead and remember the
index of the word each mention starts in. When reportlab splits such a paragraph
across pages, each part keeps the mentions whose words it holds; a part records its
mentions when it is drawn, on the page it is drawn on.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import _SplitWord, _SplitWordEnd
from reportlab.platypus.paragraph import split as split_words
from reportlab.platypus.paragraph import strip as strip_words

from guide_builder import model as m
from guide_builder.render.hebrew import has_hebrew
from guide_builder.render.text import plain_control_free

Mention = tuple[int, Callable[[object], None]]  # (index of the word it starts in, record(canvas))


def plain_with_mentions(inlines: tuple[m.Inline, ...]) -> bool:
    """True when the inlines are plain text and mentions only (set as one fragment)."""
    for item in inlines:
        if isinstance(item, m.Text | m.ScriptureMention):
            if has_hebrew(item.text):
                return False
            continue
        return False
    return True


def word_index(prefix: str) -> int:
    """Index of the word that text following `prefix` starts in (reportlab's word splitting)."""
    return len(split_words(strip_words(prefix + "x"))) - 1


def mention_text(inlines: tuple[m.Inline, ...],
                 on_reference: Callable[[tuple], Callable[[object], None]] | None
                 ) -> tuple[str, tuple[Mention, ...]]:
    """The text of plain inlines and the word index of each mention."""
    plain: list[str] = []
    mentions: list[Mention] = []
    for item in inlines:
        text = plain_control_free(item.text)
        if isinstance(item, m.ScriptureMention) and on_reference is not None and item.references:
            mentions.append((word_index("".join(plain)), on_reference(item.references)))
        plain.append(text)
    return "".join(plain), tuple(mentions)


class MentionParagraph(Paragraph):
    """A Paragraph that records `mentions` (word index, action) when the part holding
    each word is drawn."""

    mentions: tuple[Mention, ...] = ()

    def split(self, available_width: float, available_height: float) -> list:
        parts = super().split(available_width, available_height)
        if len(parts) == 2 and self.mentions:
            first, second = parts
            words = getattr(first.frags[0], "words", None) if len(first.frags) == 1 else None
            if words is None:  # not one fragment after all: keep every mention in the first part
                first.mentions = self.mentions
                return parts
            count = len(words)
            last_line = first.blPara.lines[-1][1]
            last = last_line[-1] if last_line else None
            # A long word broken across the two parts starts the second part too.
            shared = isinstance(last, _SplitWord) and not isinstance(last, _SplitWordEnd)
            offset = count - 1 if shared else count
            first.mentions = tuple(item for item in self.mentions if item[0] < count)
            second.mentions = tuple((index - offset, action) for index, action in self.mentions
                                    if index >= count)
        return parts

    def draw(self) -> None:
        for _, action in self.mentions:
            action(self.canv)
        super().draw()
