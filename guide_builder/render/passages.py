"""Scripture passage text -> paragraph markup with superscript verse numbers."""

from __future__ import annotations

from guide_builder.render import styles as s
from guide_builder.render.text import escape, hex_color
from guide_builder.scripture import Passage, Verse


def verse_markup(verse: Verse) -> str:
    """A verse's text with translators' supplied words in italics (as printed KJVs do)."""
    parts, position = [], 0
    for start, end in verse.supplied:
        parts.append(escape(verse.text[position:start]))
        parts.append(f"<i>{escape(verse.text[start:end])}</i>")
        position = end
    parts.append(escape(verse.text[position:]))
    return "".join(parts)


def passage_markup(passage: Passage, styles: s.Styles) -> str:
    """The passage as one paragraph: verse numbers small and raised, chapters marked."""
    accent = hex_color(s.ACCENT)
    size = styles.size * 0.62
    pieces = []
    chapter = None
    multi_chapter = passage.reference.start_chapter != passage.reference.end_chapter
    if len(passage.verses) == 1:
        return verse_markup(passage.verses[0])
    for verse in passage.verses:
        if multi_chapter and verse.chapter != chapter:
            number = f"{verse.chapter}:{verse.verse}"
        else:
            number = str(verse.verse)
        chapter = verse.chapter
        pieces.append(f'<super><font size="{size:.1f}" color="{accent}">{number}</font></super>'
                      f"\u2009{verse_markup(verse)}")
    return " ".join(pieces)
