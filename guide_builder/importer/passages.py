"""Scripture passages quoted in an article -> passage blocks.

The forms real articles use, in the order they are tried on each block:

1. a line that is only a reference, then the passage (a heading "Luke 10:38-42" and the
   paragraphs after it, or the lines after it in the same paragraph);
2. a line that starts with a reference, then the passage (`Zec 4:6  So he said to me...`);
3. the passage, then a line that is only its reference (`...first loved us.` / `1Jn 4:18-19`);
4. a quotation followed by its reference in brackets or after a dash;
5. a paragraph that is only a reference between two paragraphs: it belongs to the one
   whose words are the passage's (checked against the WEB text), or the quoted one.

The author's words are kept exactly; the reference is normalised for the block title.
Quotations with a reference inside running prose stay in the prose and are reported.
"""

from __future__ import annotations

import re

from guide_builder.importer.model import Block, Notes, plain_text
from guide_builder.importer.references import RefText, leading_reference, likeness, reference_line
from guide_builder.scripture import find_references

_OPEN_QUOTES = "\u201c\"\u2018'\u00ab\u201e"
_END = re.compile(r"[.!?\u2026][\s\u201d\"\u2019')\]*_]*$")
_VERSE_NUMBER = re.compile(r"^\s*\d{1,3}\s*[A-Za-z\u201c\"']")
_CITED = re.compile(
    r"^(?P<body>[\s\S]*?\S)[ \t\u00a0]*(?:[(\[](?P<a>[^()\[\]\n]{3,60})[)\]]"
    r"|[\u2014\u2013~]+[ \t\u00a0]*(?P<b>[^\u2014\u2013\n]{3,60})"
    r"|[ \t\u00a0]-{1,2}[ \t\u00a0]*(?P<c>[^\n]{3,60}))"
    r"[ \t\u00a0]*[.,;]?$"
)
LIKE = 0.45  # likeness above which a text reads as the passage
UNLIKE = 0.2  # below which a recognised passage is reported for checking


def _quoted(block: Block) -> bool:
    """A quotation: a quote block, or text opening with a quotation mark or wholly in italics."""
    if block.kind == "quote":
        return True
    raw = block.text.strip()
    if plain_text(raw)[:1] in _OPEN_QUOTES:
        return True
    return raw[:1] in "*_" and raw.rstrip(".,;:!?\u201d\"' ")[-1:] in "*_"


def _ends_sentence(line: str) -> bool:
    return bool(_END.search(line.strip()))


class _Recogniser:
    def __init__(self, blocks: list[Block], notes: Notes) -> None:
        self.blocks, self.notes = blocks, notes
        self.out: list[Block] = []
        self.used: set[int] = set()

    def passage(self, ref: RefText, lines: list[str], where: str, rule: str) -> None:
        """Emit a passage block and record it."""
        while lines and not lines[-1].strip():
            lines.pop()
        self.out.append(Block("passage", lines, where, label=ref.label))
        self.notes.passages.append(f"{ref.label} ({where}; {rule}; written {ref.written!r})")
        if ref.note:
            self.notes.check(where, ref.note)
        score = likeness(ref.reference, " ".join(lines))
        if score is not None and score < UNLIKE:
            self.notes.check(where, f"{ref.label}: the text does not read like this passage; "
                                    "check the reference")

    def run(self) -> list[Block]:
        for index, block in enumerate(self.blocks):
            if index in self.used:
                continue
            if block.kind in ("para", "quote", "heading") and self.recognise(index, block):
                continue
            self.out.append(block)
            if block.kind in ("para", "quote", "item"):
                self.report_inline(block)
        return self.out

    def recognise(self, index: int, block: Block) -> bool:
        lines = block.lines
        first = reference_line(lines[0])
        if first is not None and (block.kind == "heading" or block.bold or len(lines) == 1):
            return self.standalone(index, block, first)
        if block.kind == "heading":
            return False
        if first is not None and any(reference_line(line) is None for line in lines[1:]):
            self.passage(first, lines[1:], block.where, "reference line, then the text")
            return True
        lead = leading_reference(lines[0])
        if lead is not None:
            ref, body, strong = lead
            score = None if strong else likeness(ref.reference, body)
            if strong or (score is not None and score >= LIKE):
                self.passage(ref, [body, *lines[1:]], block.where, "reference, then the text")
                return True
        last = reference_line(lines[-1]) if len(lines) > 1 else None
        if last is not None and (_ends_sentence(lines[-2]) or _quoted(block)):
            earlier, where = self.quotes_before(index, block)
            self.passage(last, [*earlier, *lines[:-1]], where, "text, then the reference on the next line")
            return True
        return self.cited(index, block)

    def cited(self, index: int, block: Block) -> bool:
        """A whole paragraph that is a quotation with its reference in brackets or after a dash."""
        match = _CITED.match("\n".join(block.lines))
        if match is None:
            return False
        written = match.group("a") or match.group("b") or match.group("c")
        ref = reference_line(written)
        body = match.group("body")
        probe = Block(block.kind, [body])
        closed = _ends_sentence(body) or body.rstrip()[-1:] in "*_\u201d\""
        if ref is None or not (_quoted(probe) and closed):
            return False
        earlier, where = self.quotes_before(index, block)
        self.passage(ref, [*earlier, *body.split("\n")], where, "quotation, then its reference")
        return True

    def standalone(self, index: int, block: Block, ref: RefText) -> bool:
        """A reference on its own: attach the passage before or after it."""
        before = self.out[-1] if self.out and index > 0 and self.out[-1] is self.blocks[index - 1] else None
        if before is not None and (before.kind not in ("para", "quote") or len(before.lines) == 0):
            before = None
        after = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        if after is not None and after.kind not in ("para", "quote"):
            after = None
        if after is not None and (reference_line(after.lines[0]) or leading_reference(after.lines[0])):
            after = None
        heading = block.kind == "heading" or block.bold
        if heading:
            before = None
        if before is not None and not (_ends_sentence(before.lines[-1]) or _quoted(before)):
            before = None
        like_before = likeness(ref.reference, before.text) if before else None
        like_after = likeness(ref.reference, after.text) if after else None
        choice = _choose(before, after, like_before, like_after, heading)
        if choice == "before" and before is not None:
            self.out.pop()
            earlier, where = self.quotes_before(index - 1, before)
            self.passage(ref, [*earlier, *before.lines], where, "text, then its reference")
            return True
        if choice == "after" and after is not None:
            self.passage(ref, self.take_following(index + 1, ref), block.where, "reference, then the text")
            return True
        if not heading:
            self.notes.check(block.where, f"{ref.label} stands alone; no passage text was recognised "
                                          "next to it")
        return False

    def quotes_before(self, index: int, block: Block) -> tuple[list[str], str]:
        """Lines of the quotation paragraphs just before a quoted block (one blockquote, many
        paragraphs), taken out of the output; and where the first of them was."""
        lines: list[str] = []
        where = block.where
        if block.kind != "quote":
            return lines, where
        def previous_quote() -> bool:
            return bool(index > 0 and self.out and self.out[-1] is self.blocks[index - 1]
                        and self.out[-1].kind == "quote")

        while previous_quote():
            earlier = self.out.pop()
            lines = [*earlier.lines, "", *lines]
            where = earlier.where
            index -= 1
        return lines, where

    def take_following(self, start: int, ref: RefText) -> list[str]:
        """The paragraph after a reference heading, and the ones after it that read as the passage."""
        lines = list(self.blocks[start].lines)
        self.used.add(start)
        index = start + 1
        while index < len(self.blocks):
            block = self.blocks[index]
            if block.kind not in ("para", "quote") or reference_line(block.lines[0]) is not None:
                break
            score = likeness(ref.reference, block.text)
            reads = score >= LIKE if score is not None else bool(_VERSE_NUMBER.match(block.text))
            if not reads:
                break
            lines.extend(["", *block.lines])
            self.used.add(index)
            index += 1
        return lines

    def report_inline(self, block: Block) -> None:
        """Quotations with a reference inside running prose stay there; list them."""
        text = plain_text(block.text)
        for found in find_references(text):
            before = text[: found.start].rstrip(" \u00a0([")
            if found.problem is None and before and before[-1] in "\u201d\"\u2019'":
                self.notes.inline_quotes.append(f"{found.reference.label()} ({block.where})")


def _choose(before: Block | None, after: Block | None, like_before: float | None,
            like_after: float | None, heading: bool) -> str | None:
    """Which neighbour of a lone reference is its passage: "before", "after" or None."""
    scores = {"before": like_before, "after": like_after}
    known = {side: score for side, score in scores.items() if score is not None}
    if known:
        side = max(known, key=lambda s: known[s])
        if known[side] >= LIKE:
            return side
    if before is not None and _quoted(before):
        return "before"
    if after is not None and (_quoted(after) or _VERSE_NUMBER.match(after.text)):
        return "after"
    if heading and after is not None and like_after is None:
        return "after"
    return None


def recognise_passages(blocks: list[Block], notes: Notes) -> list[Block]:
    """The blocks with every recognised scripture quotation turned into a passage block."""
    return _Recogniser(blocks, notes).run()
