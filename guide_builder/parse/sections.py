"""Splitting a week body into `##` sections, and finding lines of text inside them."""

from __future__ import annotations

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


class LineLocator:
    """Finds the file line where a piece of rendered text starts, moving forward only."""

    def __init__(self, text: str, first_line: int) -> None:
        self._text = text
        self._first_line = first_line
        self._position = 0
        self._last_line = first_line

    def line_of(self, snippet: str) -> int:
        """Line of the first words of `snippet` at or after the previous match."""
        words = re.findall(r"[A-Za-z0-9]{2,}", snippet)[:4]
        if words:
            pattern = r"[\s\S]{0,40}?".join(re.escape(word) for word in words)
            match = re.compile(pattern, re.IGNORECASE).search(self._text, self._position)
            if match:
                self._position = match.start()
                self._last_line = self._first_line + self._text.count("\n", 0, match.start())
        return self._last_line
