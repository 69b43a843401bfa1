"""The typed model every stage after parsing works on.

Frozen dataclasses only; this module imports nothing from the project except the
scripture Reference type (a value object). Every block keeps the line of the source
file it came from, so later stages can report problems precisely. The edition
(participant or leader) is not baked in: the renderer applies it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TypeAlias

from guide_builder.scripture import Reference


class Edition(StrEnum):
    """Which copy of the workbook: participants see blanks, leaders see answers and notes."""

    PARTICIPANT = "participant"
    LEADER = "leader"


class SectionKind(StrEnum):
    """What a `##` section is; a layout decides how each kind looks and where it goes."""

    BIG_IDEA = "big-idea"
    ICEBREAKER = "icebreaker"
    SCRIPTURE = "scripture"
    TEACHING = "teaching"
    DEEPER = "deeper"
    APPLICATION = "application"
    QUESTIONS = "questions"
    PRAYER = "prayer"
    NOTES = "notes"


# ---- inline content -------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Plain text (typographic quotes and dashes already applied)."""

    text: str


@dataclass(frozen=True)
class Emphasis:
    """Italic."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    """Bold."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    """Inline code."""

    text: str


@dataclass(frozen=True)
class Link:
    """A link; the parser keeps only http(s), mailto and in-document targets."""

    url: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Blank:
    """A `{{word}}` fill-in blank."""

    word: str


@dataclass(frozen=True)
class LineBreak:
    """A hard line break."""


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote marker in the text."""

    label: str


@dataclass(frozen=True)
class ScriptureMention:
    """A scripture reference written in prose; linked to the index, text unchanged."""

    text: str
    references: tuple[Reference, ...]


Inline: TypeAlias = (
    Text | Emphasis | Strong | Code | Link | Blank | LineBreak | FootnoteRef | ScriptureMention
)


# ---- blocks ---------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline content."""

    inlines: tuple[Inline, ...]
    line: int


@dataclass(frozen=True)
class Heading:
    """A sub-heading inside a section (`###` and deeper)."""

    level: int
    inlines: tuple[Inline, ...]
    line: int


@dataclass(frozen=True)
class ListBlock:
    """An ordered or bulleted list; each item is a sequence of blocks."""

    ordered: bool
    start: int
    items: tuple[tuple[Block, ...], ...]
    line: int


@dataclass(frozen=True)
class Quote:
    """A block quote."""

    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class Image:
    """A local image inside the study folder."""

    path: Path
    alt: str
    line: int


@dataclass(frozen=True)
class Table:
    """A table; cells are inline content."""

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    line: int


@dataclass(frozen=True)
class Rule:
    """A horizontal rule."""

    line: int


@dataclass(frozen=True)
class PassageBlock:
    """A scripture passage: text given by the author, or looked up from a translation."""

    reference: Reference
    label: str
    text: str | None
    translation: str | None
    line: int


@dataclass(frozen=True)
class Question:
    """A discussion question followed by ruled answer space."""

    number: int
    inlines: tuple[Inline, ...]
    lines: int | None
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class LeaderNote:
    """Facilitation notes printed only in the leader's edition."""

    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class Callout:
    """Any other admonition (`!!! note "Title"`): a titled box."""

    title: str
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class Footnotes:
    """The footnotes of a section, printed at its end."""

    items: tuple[tuple[str, tuple[Block, ...]], ...]
    line: int


Block: TypeAlias = (
    Paragraph
    | Heading
    | ListBlock
    | Quote
    | Image
    | Table
    | Rule
    | PassageBlock
    | Question
    | LeaderNote
    | Callout
    | Footnotes
)


# ---- study structure ------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A `##` section of a week."""

    kind: SectionKind
    title: str
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class ScriptureItem:
    """A passage named in front matter (`scriptures:` or `memory_verse:`)."""

    reference: Reference
    label: str
    text: str | None
    translation: str | None
    line: int


@dataclass(frozen=True)
class Week:
    """One week's chapter."""

    number: int
    title: str
    path: Path
    layout: str | None
    date: dt.date | None
    big_idea: tuple[Inline, ...]
    memory_verse: ScriptureItem | None
    scriptures: tuple[ScriptureItem, ...]
    sections: tuple[Section, ...]
    mentions: tuple[tuple[Reference, int], ...] = ()
    layout_line: int | None = None


@dataclass(frozen=True)
class PageSize:
    """A page size in points."""

    width: float
    height: float


@dataclass(frozen=True)
class TranslationRules:
    """`[translations.CODE]` in guide.toml: the copyright notice and the quotation limit."""

    notice: str = ""
    max_verses: int = 0
    line: int | None = None


@dataclass(frozen=True)
class GuideConfig:
    """guide.toml, validated."""

    path: Path
    title: str
    subtitle: str
    author: str
    translation: str
    page_size: PageSize
    page_size_name: str
    layout: str
    language: str
    cover_image: Path | None
    cover_tagline: str
    output_name: str
    keywords: tuple[str, ...] = ()
    translations: dict[str, TranslationRules] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.path, self.title))


@dataclass(frozen=True)
class Guide:
    """A whole study: its configuration and its weeks in order."""

    root: Path
    config: GuideConfig
    weeks: tuple[Week, ...]


# ---- layouts --------------------------------------------------------------------


@dataclass(frozen=True)
class Margins:
    """Page margins in points; inside/outside mirror on facing pages."""

    top: float
    bottom: float
    inside: float
    outside: float


@dataclass(frozen=True)
class Layout:
    """A resolved layout (after `extends`), lengths in points."""

    name: str
    description: str
    source: Path | None
    columns: int
    start_on: str
    sections: tuple[SectionKind, ...]
    margins: Margins
    body_font: str
    heading_font: str
    font_size: float
    answer_lines: int
    line_gap: float
    notes_pages: int
    header: dict[str, str] = field(default_factory=dict)
    footer: dict[str, str] = field(default_factory=dict)
    max_pages: int = 0

    def __hash__(self) -> int:
        return hash(self.name)
