"""Hebrew in running text: the bundled Hebrew face, right to left.

reportlab has no bidi algorithm of its own (that needs rlbidi, which is not on PyPI),
but it shapes text with HarfBuzz (uharfbuzz): each word of a Hebrew run is then set
right to left with its points (niqqud, cantillation) placed on their letters by the
font's own positioning. Study guides quote Hebrew a word or a phrase at a time inside
English (the Hebrew word for steadfast love, hesed), so a run of a few words is tied
into one unbreakable word that HarfBuzz orders whole; a longer run may break between
words, so its words are put right to left here.
"""

from __future__ import annotations

import re

HEBREW_FONT = "NotoSerifHebrew"
_MARKS = "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
_LETTERS = "\u05be\u05c0\u05c3\u05c6\u05d0-\u05ea\u05ef-\u05f4\ufb1d-\ufb4f"
_HEBREW = f"[{_LETTERS}{_MARKS}]"
# A run: Hebrew characters, with spaces between Hebrew words belonging to it.
_ONE = re.compile(_HEBREW)
_RUN = re.compile(f"{_HEBREW}+(?: +{_HEBREW}+)*")
MAX_TIED_WORDS = 8
NBSP = "\u00a0"


def is_hebrew(char: str) -> bool:
    """Whether one character is a Hebrew letter, point or mark (set in the Hebrew face)."""
    return _ONE.fullmatch(char) is not None


def has_hebrew(text: str) -> bool:
    """Whether the text contains a Hebrew letter or point."""
    return not text.isascii() and _ONE.search(text) is not None


def visual(run: str) -> str:
    """A Hebrew run ordered for the renderer, which shapes each word right to left itself.

    A run of a few words is one unbreakable word (no-break spaces) that HarfBuzz orders
    whole; a longer run may break between words, so its words are put right to left here.
    """
    words = run.split(" ")
    if len(words) <= MAX_TIED_WORDS:
        return NBSP.join(words)
    return " ".join(reversed(words))


def split_runs(text: str) -> list[tuple[bool, str]]:
    """The text as (is Hebrew, piece) pieces, in logical order, Hebrew pieces in visual order."""
    pieces: list[tuple[bool, str]] = []
    position = 0
    for match in _RUN.finditer(text):
        if match.start() > position:
            pieces.append((False, text[position:match.start()]))
        pieces.append((True, visual(match.group(0))))
        position = match.end()
    if position < len(text):
        pieces.append((False, text[position:]))
    return pieces
