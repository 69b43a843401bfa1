"""Scripture passage text -> paragraph tokens with superscript verse numbers."""

from __future__ import annotations

from guide_builder.render import styles as s
from guide_builder.render.text import Close, Open, Token, hex_color, plain_control_free
from guide_builder.scripture import Passage, Verse


def verse_tokens(verse: Verse) -> list[Token]:
    """A verse's text with translators' supplied words in italics (as printed KJVs do)."""
    tokens: list[Token] = []
    position = 0
    for start, end in verse.supplied:
        tokens.extend((plain_control_free(verse.text[position:start]), Open("i"),
                       plain_control_free(verse.text[start:end]), Close("i")))
        position = end
    tokens.append(plain_control_free(verse.text[position:]))
    return tokens


def passage_tokens(passage: Passage, styles: s.Styles) -> list[Token]:
    """The passage as one paragraph: verse numbers small and raised, chapters marked."""
    if len(passage.verses) == 1:
        return verse_tokens(passage.verses[0])
    number_font = Open("font", (("size", f"{styles.size * 0.62:.1f}"), ("color", hex_color(s.ACCENT))))
    tokens: list[Token] = []
    chapter = None
    multi_chapter = passage.reference.start_chapter != passage.reference.end_chapter
    for index, verse in enumerate(passage.verses):
        if multi_chapter and verse.chapter != chapter:
            number = f"{verse.chapter}:{verse.verse}"
        else:
            number = str(verse.verse)
        chapter = verse.chapter
        if index:
            tokens.append(" ")
        tokens.extend((Open("super"), number_font, number, Close("font"), Close("super"), "\u2009"))
        tokens.extend(verse_tokens(verse))
    return tokens
