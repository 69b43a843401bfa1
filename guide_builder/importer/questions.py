"""Discussion questions, and the final tidying of the outline.

Under a questions heading every list item is a question, and so is every paragraph (or
line) that asks one. "Question: ..." paragraphs found anywhere, and the question
paragraphs that close the teaching, join the week's questions section (one is added at
the end when the article has none). A one-paragraph Big Idea section becomes the
front matter `big_idea`; sections left empty are dropped.
"""

from __future__ import annotations

import re

from guide_builder.importer.model import Block, Notes, shorten
from guide_builder.importer.structure import TITLES, Outline, Section

_NUMBER = re.compile(r"^(?:q(?:uestion)?\s*\d{0,2}\s*[.:)\-]\s*|\d{1,2}\s*\\?[.):\-]\s+)", re.IGNORECASE)
_CLOSING = re.compile(r"[\s\u201d\"\u2019')\]*_]+$")
_SENTENCE = re.compile(r"(?<=[.!?])[\s\u201d\"\u2019)]+(?=\S)")
BIG_IDEA_WORDS = 60


def asks(text: str) -> bool:
    """True when the text ends with a question mark (closing quotes and markup aside)."""
    return _CLOSING.sub("", text.strip()).endswith("?")


def question_paragraph(block: Block) -> bool:
    """A paragraph that is a question: it ends with one and asks in most of its sentences."""
    text = block.plain
    if block.kind != "para" or not asks(text) or len(text.split()) > 80:
        return False
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    return sum(1 for s in sentences if asks(s)) * 2 >= len(sentences)


def _question(text: str, where: str) -> Block:
    return Block("question", [_NUMBER.sub("", text.strip(), count=1).strip()], where)


def _questions_in(block: Block) -> list[Block] | None:
    """The questions a block of a questions section holds, or None if it holds none."""
    if block.kind == "item":
        return [_question(block.text, block.where)]
    if block.kind != "para":
        return None
    lines = [line for line in block.lines if line.strip()]
    if len(lines) > 1 and all(asks(line) or _NUMBER.match(line) for line in lines):
        return [_question(line, block.where) for line in lines]
    if asks(block.text) or _NUMBER.match(block.text):
        return [_question(block.text, block.where)]
    return None


def _take_closing(outline: Outline, notes: Notes) -> list[Block]:
    """Question paragraphs that end the teaching (before any prayer or questions section)."""
    tail = [s for s in outline.sections if s.kind not in ("prayer", "questions")]
    if not tail or tail[-1].kind != "teaching":
        return []
    section = tail[-1]
    count = 0
    while count < len(section.blocks) and question_paragraph(section.blocks[-1 - count]):
        count += 1
    if not count:
        return []
    taken = section.blocks[len(section.blocks) - count:]
    del section.blocks[len(section.blocks) - count:]
    if section.blocks and section.blocks[-1].kind == "heading":
        heading = section.blocks.pop()
        notes.moves.append(f"{heading.where}: heading {shorten(heading.text)!r} -> ## Discussion Questions")
    for block in taken:
        notes.moves.append(f"{block.where}: closing question {shorten(block.plain, 50)!r} "
                           "-> ## Discussion Questions")
    return [_question(block.text, block.where) for block in taken]


def finish_outline(outline: Outline, notes: Notes) -> None:
    """Turn questions into question blocks, gather the loose ones, settle the big idea."""
    for section in outline.sections:
        if section.kind != "questions":
            continue
        blocks: list[Block] = []
        for block in section.blocks:
            found = _questions_in(block)
            blocks.extend(found if found is not None else [block])
        section.blocks = blocks
    extra = outline.loose_questions + _take_closing(outline, notes)
    if extra:
        targets = [s for s in outline.sections if s.kind == "questions"]
        target = targets[-1] if targets else None
        if target is None:
            target = Section("questions", TITLES["questions"], extra[0].where)
            outline.sections.append(target)
        target.blocks.extend(extra)
    for section in list(outline.sections):
        paragraphs = [b for b in section.blocks if b.kind == "para"]
        if (section.kind == "big-idea" and outline.big_idea is None and len(section.blocks) == 1
                and len(paragraphs) == 1 and len(paragraphs[0].text.split()) <= BIG_IDEA_WORDS):
            outline.big_idea = paragraphs[0].text
            outline.sections.remove(section)
            notes.moves.append(f"{section.where}: Big Idea section -> big_idea in the front matter")
        elif not section.blocks:
            outline.sections.remove(section)
            notes.check(section.where, f"the heading {section.title!r} had nothing under it; it was left out")


def question_count(outline: Outline) -> int:
    """How many discussion questions the week has."""
    return sum(1 for s in outline.sections for b in s.blocks if b.kind == "question")
