"""Splitting a week body into `##` sections, and finding lines of text inside them."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from guide_builder.model import SectionKind

SECTION_ALIASES: dict[str, SectionKind] = {
    "discussion questions": SectionKind.QUESTIONS,
    "questions": SectionKind.QUESTIONS,
    "discuss": SectionKind.QUESTIONS,
    "discussion": SectionKind.QUESTIONS,
    "small group questions": SectionKind.QUESTIONS,
    "application": SectionKind.APPLICATION,
    "living out": SectionKind.APPLICATION,
    "living it out": SectionKind.APPLICATION,
    "apply": SectionKind.APPLICATION,
    "going deeper": SectionKind.DEEPER,
    "prayer": SectionKind.PRAYER,
    "big idea": SectionKind.BIG_IDEA,
    "break the ice": SectionKind.ICEBREAKER,
    "icebreaker": SectionKind.ICEBREAKER,
}

_HEADING = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def section_kind(title: str) -> SectionKind:
    """The kind a `##` heading names (case-insensitive aliases); teaching otherwise."""
    key = re.sub(r"\s+", " ", title.strip().rstrip(":").lower())
    return SECTION_ALIASES.get(key, SectionKind.TEACHING)


@dataclass(frozen=True)
class RawSection:
    """A `##` section's heading and Markdown text, with the file line of each."""

    title: str
    heading_line: int
    text: str
    first_line: int


def split_sections(body: str, body_line: int) -> list[RawSection]:
    """Split at `## ` headings outside code fences; text before the first is a teaching."""
    sections: list[RawSection] = []
    title, heading_line, first_line = "", body_line, body_line
    lines: list[str] = []
    fenced = False
    for offset, line in enumerate(body.split("\n")):
        number = body_line + offset
        if _FENCE.match(line):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match:
            if "".join(lines).strip() or title:
                sections.append(RawSection(title, heading_line, "\n".join(lines), first_line))
            title, heading_line, first_line, lines = match.group(1), number, number + 1, []
        else:
            lines.append(line)
    if "".join(lines).strip() or title:
        sections.append(RawSection(title, heading_line, "\n".join(lines), first_line))
    return sections


_WORD = re.compile(r"[A-Za-z0-9]{2,}")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
WORD_GAP = 40  # at most this many characters between two of the words looked for


class LineLocator:
    """Finds the file line where a piece of rendered text starts, moving forward only."""

    def __init__(self, text: str, first_line: int) -> None:
        self._text = text
        self._folded = text.translate(_ASCII_LOWER)  # same length: positions carry over
        self._first_line = first_line
        self._position = 0
        self._last_line = first_line

    def line_of(self, snippet: str) -> int:
        """Line of the first words of `snippet` (up to four, letters and digits, each within
        WORD_GAP characters of the one before, any case) at or after the previous match."""
        first = itertools.islice(_WORD.finditer(snippet), 4)  # not every word of a long paragraph
        words = [word.group().lower() for word in first]  # ASCII only: folded as the text is
        if words:
            start = self._find_chain(words, self._position)
            if start is not None:  # at or after the previous match: count the lines in between
                self._last_line += self._text.count("\n", self._position, start)
                self._position = start
        return self._last_line

    def _find_chain(self, words: list[str], position: int) -> int | None:
        """The first place at or after `position` where `words` follow one another, each
        within WORD_GAP characters of the end of the one before."""
        text = self._folded
        start = text.find(words[0], position)
        while start != -1:
            if self._follows(words, 1, start + len(words[0])):
                return start
            start = text.find(words[0], start + 1)
        return None

    def _follows(self, words: list[str], index: int, after: int) -> bool:
        if index == len(words):
            return True
        text, word = self._folded, words[index]
        limit = after + WORD_GAP + len(word)
        at = text.find(word, after, limit)
        while at != -1:
            if self._follows(words, index + 1, at + len(word)):
                return True
            at = text.find(word, at + 1, limit)
        return False
