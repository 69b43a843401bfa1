"""The importer's own values: the blocks readers produce, the result, and its errors.

Every reader (plain text, Markdown, HTML, Word) turns its file into the same list of
`Block`s; the later stages (boilerplate, passages, sections, questions) work on that list
only, so each recognition rule is written once for all formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "para", "item", "quote", "passage", "question"]


class ImportProblem(Exception):
    """The file cannot be imported (unreadable, unsupported, empty); says what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class ImportResult:
    """What `import_article` produced: the week file text, a file name and a summary."""

    markdown: str
    suggested_name: str
    summary: list[str]


@dataclass
class Block:
    """One paragraph-level piece of the article.

    `lines` hold Markdown-ready inline text (readers of HTML and Word escape Markdown
    characters; plain text and Markdown keep what the author wrote). `where` says where
    the block was in the source ("line 12", "paragraph 4") for the summary.
    """

    kind: BlockKind
    lines: list[str]
    where: str = ""
    level: int = 0  # headings: 1-6
    ordered: bool = False  # list items
    bold: bool = False  # a paragraph that is wholly bold (a pseudo-heading in HTML and Word)
    label: str = ""  # passages: the normalised reference ("Zechariah 4:6", "John 3:16 (NIV)")

    @property
    def text(self) -> str:
        """The lines joined with spaces."""
        return " ".join(line.strip() for line in self.lines if line.strip())

    @property
    def plain(self) -> str:
        """The text without Markdown emphasis markers and backslash escapes."""
        return plain_text(self.text)


@dataclass
class Notes:
    """What the import saw, for the summary the user reads."""

    source: str = ""
    title: str = ""
    dropped: list[str] = field(default_factory=list)
    passages: list[str] = field(default_factory=list)
    inline_quotes: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    moves: list[str] = field(default_factory=list)

    def drop(self, where: str, text: str, why: str) -> None:
        """Record something left out of the week."""
        self.dropped.append(f"{_at(where)}{shorten(text)!r} ({why})")

    def check(self, where: str, message: str) -> None:
        """Record something the user should look at."""
        self.uncertain.append(f"{_at(where)}{message}")


def _at(where: str) -> str:
    return f"{where}: " if where else ""


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPHASIS = re.compile(r"(?<!\\)(\*\*|__|\*|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def plain_text(text: str) -> str:
    """Markdown-ish text -> plain text: emphasis markers and backslash escapes removed."""
    text = _EMPHASIS.sub("", text)
    return _SPACES.sub(" ", _ESCAPED.sub(r"\1", text)).strip()


def shorten(text: str, limit: int = 60) -> str:
    """One line of at most `limit` characters for the summary."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


_MARKDOWN_CHARS = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s)|\d{1,9}(?=[.)]\s))")


def escape_markdown(text: str) -> str:
    """Literal text (from HTML or Word) -> Markdown that shows exactly that text inline."""
    return _MARKDOWN_CHARS.sub(r"\\\1", text)


def escape_line_start(line: str) -> str:
    """Keep a line of literal text from starting a heading, quote or list."""
    match = _LINE_START.match(line)
    if not match:
        return line
    marker = match.group(2)
    if marker[0].isdigit():
        return line[: match.end()] + "\\" + line[match.end():]
    return line[: match.start(2)] + "\\" + line[match.start(2):]


def emphasis(marker: str, text: str) -> str:
    """Wrap inline Markdown in `*`/`**`, keeping its outer spaces outside the markers."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()):]
    if core.startswith(marker) and core.endswith(marker):
        return text
    return f"{lead}{marker}{core}{marker}{tail}"
