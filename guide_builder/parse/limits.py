"""Size limits on Markdown blocks, checked on the raw text before python-markdown sees it.

python-markdown and reportlab's paragraph breaking both slow down sharply on one huge
block (a paragraph re-wraps from the start on every page it spills onto). A block of
text without a blank line that is longer than about a dozen pages is therefore refused
with the line it starts on, so a build ends in seconds with a message instead of hanging.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BLOCK_CHARS = 40_000
MAX_BLOCK_WORDS = 6_000
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class OversizedBlock:
    """A run of lines without a blank line that is too long to typeset."""

    line: int
    message: str
    hint: str = "split it into shorter paragraphs with blank lines between them"


def oversized_blocks(text: str, first_line: int) -> list[OversizedBlock]:
    """Blocks of `text` (separated by blank lines) over MAX_BLOCK_CHARS or MAX_BLOCK_WORDS."""
    # a block is a part of the text, with its words: none is over a limit the whole is within
    # (and n characters hold at most n / 2 words, rounded up)
    if len(text) <= MAX_BLOCK_CHARS and (len(text) <= 2 * MAX_BLOCK_WORDS
                                         or len(text.split()) <= MAX_BLOCK_WORDS):
        return []
    found = []
    start = 0
    for match in [*_BLANK_LINE.finditer(text), None]:
        end = match.start() if match else len(text)
        block = text[start:end]
        line = first_line + text.count("\n", 0, start + len(block) - len(block.lstrip()))
        if len(block) > MAX_BLOCK_CHARS:
            found.append(OversizedBlock(line, f"this paragraph is too long ({len(block):,} characters; "
                                              f"the limit is {MAX_BLOCK_CHARS:,})"))
        else:
            words = len(block.split())
            if words > MAX_BLOCK_WORDS:
                found.append(OversizedBlock(line, f"this paragraph is too long ({words:,} words; "
                                                  f"the limit is {MAX_BLOCK_WORDS:,})"))
        if match:
            start = match.end()
    return found
