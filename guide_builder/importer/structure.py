"""Headings, sections, labelled paragraphs and the title.

A heading is a Markdown/HTML/Word heading, a wholly bold short paragraph, an ALL-CAPS
line, a known section name, or a short line without closing punctuation. Known names
("Going Deeper", "BIG IDEA", "Small Group Questions", ...) start SPEC sections; other
headings become sub-headings (`###`) of the section they are in. Paragraphs that open
with a label ("Application: ...", "Question: ...", "Big Idea: ...") are sorted likewise.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from guide_builder.importer.model import Block, Notes, plain_text, shorten
from guide_builder.importer.references import reference_line

TITLES = {
    "teaching": "Teaching", "deeper": "Going Deeper", "application": "Application",
    "questions": "Discussion Questions", "big-idea": "Big Idea", "icebreaker": "Break the Ice",
    "prayer": "Prayer",
}
_ALIASES = {
    "teaching": "teaching|the teaching|message|the message|sermon|lesson|bible study|teaching notes",
    "deeper": "going deeper|go deeper|dig deeper|digging deeper|dive deeper|deeper|going further"
              "|further study|for further study|deeper study",
    "application": "application|applications|apply|apply it|applying it|living it out|living out|live it out"
                   "|take it home|taking it home|action steps?|next steps?|put it into practice"
                   "|putting it into practice|respond|response|this week",
    "questions": "discussion questions?|questions?|discuss|discussion|small group questions"
                 "|small group discussion|group questions|group discussion"
                 "|questions for (?:discussion|reflection)|reflection questions|reflection|reflect"
                 "|study questions|discovery questions|talk about it"
                 "|let.?s talk|for discussion|questions to consider|think about it|q ?& ?a",
    "prayer": "prayer|pray|closing prayer|let.?s pray|prayer time|prayer focus|prayer requests"
              "|pray it through",
    "big-idea": "big idea|the big idea|main idea|key idea|key thought|main point|the point|bottom line",
    "icebreaker": "break the ice|ice ?-?breakers?|opening question|getting started|warm ?-?up|connect"
                  "|get connected|opener",
}
_KINDS = [(kind, re.compile(f"(?:{names})", re.IGNORECASE)) for kind, names in _ALIASES.items()]
_NUMBERING = re.compile(r"^(?:(?:part|section|step)\s+)?(?:\d{1,2}|[ivx]{1,4})[.:)\-]?\s+", re.IGNORECASE)
# Labels that open a paragraph: "Application: ...", "Question 2: ...", "Q: ...".
_LABEL = re.compile(
    r"^(?:\*\*|__)?\s*(?P<label>big idea|main idea|application|apply|going deeper|go deeper|dig deeper|prayer"
    r"|pray|break the ice|ice ?-?breaker|question(?: ?\d{1,2})?|q ?\d{0,2}|discuss|discussion question"
    r"|reflect|reflection question)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_LABEL_KINDS = {"big": "big-idea", "mai": "big-idea", "app": "application", "goi": "deeper", "go ": "deeper",
                "dig": "deeper", "pra": "prayer", "bre": "icebreaker", "ice": "icebreaker"}
_CLOSING = re.compile(r"[\s\u201d\"\u2019')\]*_]+$")
_TERMINAL = ".!?,;:\u2026"
_LISTED = re.compile(r"^\d{1,3}\s*[.)]\s")  # "3. Pray for each other" is a numbered line, not a heading
_WEEK_PREFIX = re.compile(r"^(?:week|lesson|session|part|day|study)\s+\d{1,3}\s*[:.\-\u2013\u2014|]\s*",
                          re.IGNORECASE)
SINGLE_PURPOSE = ("questions", "big-idea", "icebreaker", "prayer")


def section_kind(text: str) -> str | None:
    """The SPEC section kind a heading names, or None for an ordinary heading."""
    key = " ".join(_NUMBERING.sub("", plain_text(text)).strip().rstrip(":.").split()).lower()
    for kind, pattern in _KINDS:
        if pattern.fullmatch(key):
            return kind
    return None


def _all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters) and len(text.split()) <= 12


def _short_heading(text: str) -> bool:
    stripped = _CLOSING.sub("", text)
    return (
        0 < len(text) <= 70
        and len(text.split()) <= 10
        and stripped[-1:] not in _TERMINAL
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\u201c\"'\u2018")
        and any(ch.isalpha() for ch in text)
        and not _LISTED.match(text)
    )


def heading_of(block: Block, last: bool) -> tuple[str, list[str]] | None:
    """(heading text, lines left over) when the block is or opens with a heading."""
    if block.kind == "heading":
        return plain_text(block.text), []
    if block.kind != "para":
        return None
    first = plain_text(block.lines[0])
    if reference_line(block.lines[0]) is not None or not first:
        return None
    if len(block.lines) > 1:
        opens = section_kind(first) is not None or (_all_caps(first) and len(first.split()) >= 2)
        return (first.rstrip(":"), block.lines[1:]) if opens else None
    if section_kind(first) is not None or _all_caps(first):
        return first.rstrip(":"), []
    closed = _CLOSING.sub("", first)[-1:] in ".?!"
    if block.bold and len(first) <= 100 and len(first.split()) <= 12 and not closed:
        return first.rstrip(":"), []
    if not last and _short_heading(first):
        return first, []
    return None


def label_of(block: Block) -> tuple[str, str] | None:
    """(kind, the rest of the paragraph) for "Application: ...", "Question: ...", ..."""
    if block.kind not in ("para", "item"):
        return None
    match = _LABEL.match(block.lines[0])
    if match is None:
        return None
    label = match.group("label").lower()
    kind = "question" if label.startswith(("q", "disc", "refl")) else _LABEL_KINDS.get(label[:3], "question")
    rest = " ".join([match.group("rest").strip(), *[line.strip() for line in block.lines[1:]]]).strip()
    rest = re.sub(r"^(?:\*\*|__)\s*", "", rest)
    return (kind, rest) if rest else None


@dataclass
class Section:
    """A `##` section of the week being built."""

    kind: str
    title: str
    where: str = ""
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Outline:
    """The week's sections, the big idea, and the questions found outside a questions section."""

    sections: list[Section] = field(default_factory=list)
    big_idea: str | None = None
    loose_questions: list[Block] = field(default_factory=list)


class _Sorter:
    def __init__(self, notes: Notes) -> None:
        self.notes = notes
        self.outline = Outline()
        self.current: Section | None = None

    def open(self, kind: str, title: str, where: str) -> Section:
        self.current = Section(kind, title, where)
        self.outline.sections.append(self.current)
        return self.current

    def add(self, block: Block) -> None:
        if self.current is None:
            self.open("teaching", TITLES["teaching"], block.where)
        assert self.current is not None
        self.current.blocks.append(block)

    def heading(self, block: Block, text: str) -> None:
        kind = section_kind(text)
        if kind is not None:
            if plain_text(text).strip().lower() != TITLES[kind].lower():
                self.notes.moves.append(f"{block.where}: heading {shorten(text)!r} -> ## {TITLES[kind]}")
            self.open(kind, TITLES[kind], block.where)
        elif self.current is not None and self.current.kind in SINGLE_PURPOSE:
            self.open("teaching", _WEEK_PREFIX.sub("", text), block.where)
        else:
            self.add(Block("heading", [text], block.where, level=3))

    def label(self, block: Block, kind: str, rest: str) -> None:
        where = block.where
        if kind == "question":
            self.outline.loose_questions.append(Block("question", [rest], where))
            self.notes.moves.append(f"{where}: {shorten(block.plain, 40)!r} -> a discussion question")
        elif kind == "big-idea" and self.outline.big_idea is None:
            self.outline.big_idea = rest
            self.notes.moves.append(f"{where}: 'Big Idea:' paragraph -> big_idea in the front matter")
        elif kind in ("big-idea", "icebreaker"):
            self.open(kind, TITLES[kind], where).blocks.append(Block("para", [rest], where))
            self.notes.moves.append(f"{where}: {shorten(block.plain, 40)!r} -> ## {TITLES[kind]}")
            self.current = None  # what follows is not part of a one-paragraph section
        else:
            self.open(kind, TITLES[kind], where).blocks.append(Block("para", [rest], where))
            self.notes.moves.append(f"{where}: {shorten(block.plain, 40)!r} -> ## {TITLES[kind]}")


def outline(blocks: list[Block], notes: Notes) -> Outline:
    """Sort the blocks into sections; questions are sorted out later (see questions.py)."""
    sorter = _Sorter(notes)
    for index, block in enumerate(blocks):
        if block.kind == "passage":
            sorter.add(block)
            continue
        head = heading_of(block, last=index == len(blocks) - 1)
        if head is not None:
            text, rest = head
            guessed = block.kind == "para" and not block.bold and not _all_caps(text)
            if guessed and section_kind(text) is None:
                notes.check(block.where, f"{shorten(text)!r} was read as a heading (a short line without "
                                         "closing punctuation)")
            sorter.heading(block, text)
            if not rest:
                continue
            block = Block("para", rest, block.where)
        labelled = label_of(block)
        if labelled is not None:
            sorter.label(block, *labelled)
        else:
            sorter.add(block)
    return sorter.outline


def find_title(
    blocks: list[Block], hint: str | None, strong_hint: bool
) -> tuple[str | None, str, list[Block]]:
    """(title, where it came from, blocks without it): first heading or first short line."""
    if strong_hint and hint:
        return _clean_title(hint), "front matter", blocks
    first = blocks[0] if blocks else None
    if first is not None and first.kind in ("heading", "para"):
        line = plain_text(first.lines[0])
        usable = section_kind(line) is None and reference_line(first.lines[0]) is None
        if usable and first.kind == "heading":
            return _clean_title(plain_text(first.text)), f"first heading, {first.where}", blocks[1:]
        if usable and _title_line(first):
            rest = blocks[1:]
            if len(first.lines) > 1:
                rest = [Block(first.kind, first.lines[1:], first.where), *rest]
            return _clean_title(line), f"first line, {first.where}", rest
    if hint:
        return _clean_title(hint), "document title", blocks
    return None, "", blocks


def _title_line(block: Block) -> bool:
    """The first line reads as a title: short, not a sentence, not the start of wrapped prose."""
    line = plain_text(block.lines[0])
    if not line or len(line) > 100 or len(line.split()) > 14 or _CLOSING.sub("", line)[-1:] in ".,;":
        return False
    if len(block.lines) == 1 or _all_caps(line):
        return True
    return all(len(plain_text(other)) <= 60 for other in block.lines)


def _clean_title(text: str) -> str:
    text = " ".join(plain_text(text).split()).rstrip(":")
    text = _WEEK_PREFIX.sub("", text) or text
    return string.capwords(text) if _all_caps(text) else text
