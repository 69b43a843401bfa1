"""The typed model every stage after parsing works on.

Frozen dataclasses only; this module imports nothing from the project except the
scripture Reference type (a value object). Every block keeps the line of the source
file it came from, so later stages can report problems precisely. The edition
(participant or leader) is not baked in: the renderer applies it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
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
    source: str = ""  # the reference exactly as written (a Path would fold `https://` to `https:/`)


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


_HOLDING_BLOCKS = (Quote, LeaderNote, Callout, Question)


def walk_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block of `blocks` and of the blocks they hold (quotes, leader's notes,
    callouts, questions, list items), in reading order; footnotes are not entered."""
    for block in blocks:
        yield block
        if isinstance(block, _HOLDING_BLOCKS):
            yield from walk_blocks(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from walk_blocks(item)


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

    @cached_property
    def passage_blocks(self) -> tuple[PassageBlock, ...]:
        """The passage blocks of the week's sections, in reading order.

        Found once per week: the parser asks for them, so that a week parsed in another
        process (build.py) brings them along instead of being walked again here."""
        return tuple(block for section in self.sections for block in walk_blocks(section.blocks)
                     if type(block) is PassageBlock)


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
class FontFile:
    """One TrueType file of the study, as a layout names it (path relative to the study)."""

    written: str
    path: Path
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class StudyFont:
    """A font family made of the study's own .ttf files; a face not given uses the regular file."""

    regular: FontFile
    bold: FontFile
    italic: FontFile
    bold_italic: FontFile
    source: Path | None = None  # the layout file that names it, for diagnostics
    line: int | None = None

    def faces(self) -> dict[str, FontFile]:
        """Face name (regular, bold, italic, bold_italic) -> its file."""
        return {"regular": self.regular, "bold": self.bold, "italic": self.italic,
                "bold_italic": self.bold_italic}


Font: TypeAlias = str | StudyFont  # a bundled family name ("serif", "sans") or the study's files


@dataclass(frozen=True)
class KindStyle:
    """How a layout draws one kind of section or callout (colours as "#rrggbb")."""

    background: str | None = None
    rule: str = "none"  # "left" (a bar), "frame" (a box outline) or "none"
    rule_color: str | None = None
    label: str = ""  # printed instead of the default label or heading; "" keeps the default


@dataclass(frozen=True)
class PrintSettings:
    """Print-shop output asked for by a layout (`[print]`): bleed in points, crop marks."""

    bleed: float = 0.0
    crop_marks: bool = False

    @property
    def wanted(self) -> bool:
        """True when the layout asks for a print-shop file."""
        return self.bleed > 0 or self.crop_marks


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
    body_font: Font
    heading_font: Font
    font_size: float
    answer_lines: int
    line_gap: float
    notes_pages: int
    header: dict[str, str] = field(default_factory=dict)
    footer: dict[str, str] = field(default_factory=dict)
    max_pages: int = 0
    kind_styles: dict[str, KindStyle] = field(default_factory=dict)
    notes_after: tuple[SectionKind, ...] = ()
    print_shop: PrintSettings = PrintSettings()
    page_size: PageSize | None = None  # [page] size: the book's page size when this is its layout
    page_size_name: str | None = None

    def __hash__(self) -> int:
        return hash(self.name)

    def style_of(self, kind: str) -> KindStyle:
        """The style of a kind (big-idea, scripture, ..., leader); plain when the layout sets none."""
        return self.kind_styles.get(kind, KindStyle())
