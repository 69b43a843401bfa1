"""Reading references where articles put them, and checking a text against a reference.

`reference_line` reads a line that is only a reference ("1Jn 4:18-19", "— John 3:16 (NIV)",
"Read: Luke 10:38-42"); `leading_reference` reads one that starts with a reference and
goes on with the passage ("Zec 4:6  So he said to me..."). `likeness` says how much of a
text's vocabulary the reference has in the World English Bible: the same passage in
another translation scores well above prose that merely mentions it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from guide_builder.importer.model import plain_text
from guide_builder.scripture import (
    Reference,
    ScriptureError,
    find_references,
    lookup_passage,
    parse_reference_and_translation,
    parse_references,
)


@dataclass(frozen=True)
class RefText:
    """A reference as the article wrote it, normalised."""

    reference: Reference
    written: str
    translation: str | None = None
    note: str | None = None  # something the user should check

    @property
    def label(self) -> str:
        """The `!!! scripture` title: "Zechariah 4:6", "John 3:16 (NIV)"."""
        label = self.reference.label()
        return f"{label} ({self.translation})" if self.translation else label


_LEAD = re.compile(r"^[\s\-\u2010-\u2015~*_>\u2022]+")
_PREFIX = re.compile(
    r"^(?:read|reading|scripture(?: reading)?|text|passage|focus(?: passage| verse)?|key (?:verses?|passage)"
    r"|memory verse|verses?|see|cf\.?)\s*[:\-\u2013\u2014]?\s+",
    re.IGNORECASE,
)
_WRAP = re.compile(r"^[(\[](.*)[)\]]$")
_TRAILING = re.compile(r"[\s.,;:*_]+$")


def reference_line(line: str) -> RefText | None:
    """The reference when `line` holds nothing else (dashes, brackets, "Read:" allowed)."""
    text = _TRAILING.sub("", _LEAD.sub("", plain_text(line)))
    text = _PREFIX.sub("", text)
    wrapped = _WRAP.match(text)
    if wrapped:
        text = wrapped.group(1).strip()
    if not text or len(text) > 80 or not any(ch.isdigit() for ch in text) or not text[0].isalnum():
        return None
    try:
        reference, translation = parse_reference_and_translation(text)
        return RefText(reference, text, translation)
    except ScriptureError as error:
        if "passages, not one" not in error.message:
            return None
    try:
        references = parse_references(text)
    except ScriptureError:
        return None
    return _span(references, text)


def _span(references: list[Reference], written: str) -> RefText | None:
    """One block title for several references: their span in one book, else the first."""
    if not references:
        return None
    first, last = references[0], references[-1]
    same = all(r.book == first.book for r in references)
    if same and (first.start_verse is None) == (last.end_verse is None) and last.end_id >= first.start_id:
        span = Reference(first.book, first.start_chapter, first.start_verse, last.end_chapter, last.end_verse)
        return RefText(span, written, None, f"{written!r} names several passages; the block is titled "
                                            f"{span.label()}")
    return RefText(first, written, None, f"{written!r} names several passages; the block is titled "
                                         f"{first.label()}")


_OPEN_MARK = re.compile(r"^(\*\*|\*|__|_)?")
_TRANSLATION = re.compile(r"\s*[(\[]?[A-Z]{2,6}\d{0,4}[)\]]?(?=[\s\u00a0:\-\u2013\u2014]|$)")
_STRONG_GAP = re.compile(r"^(?:[\s\u00a0]{2,}|\t|\u00a0|[ \t\u00a0]*[:\-\u2013\u2014|][ \t\u00a0]*"
                         r"|[ \t\u00a0]*(?=[\u201c\"\u2018']))")
_WEAK_GAP = re.compile(r"^ (?=\S)")
_JOIN = re.compile(r"^[\s,;]+$")
# Words that follow a reference in a sentence about it ("Romans 8:28 tells us..."), not in its text.
_PROSE = frozenset(
    " ".join([
        "is was says said tells told reminds shows teaches puts reads gives describes talks speaks promises",
        "declares states explains records calls and in where which that has makes paints captures offers",
        "uses invites asks continues goes begins ends comes echoes sums points adds urges encourages warns",
        "also again too here there",
    ]).split(" ")
)


def leading_reference(line: str) -> tuple[RefText, str, bool] | None:
    """(reference, the text after it, strong) when the line starts with a reference.

    `strong` is True when a clear gap separates them (two spaces, a tab, a no-break space,
    a colon or dash, an opening quotation mark); a single space is weak evidence.
    """
    opened = _OPEN_MARK.match(line)
    start = opened.end() if opened else 0
    found = [f for f in find_references(line[start:]) if f.problem is None]
    if not found or found[0].start != 0:
        return None
    end = found[0].end
    chain = [found[0]]
    for item in found[1:]:
        if not _JOIN.match(line[start + end : start + item.start]):
            break
        chain.append(item)
        end = item.end
    position = start + end
    marker = opened.group(1) if opened else None
    if marker and line.startswith(marker, position):
        position += len(marker)
    translation = chain[0].translation
    code = _TRANSLATION.match(line, position) if translation else None
    if code:
        position = code.end()
    rest = line[position:]
    gap = _STRONG_GAP.match(rest)
    strong = gap is not None and (gap.end() > 0 or rest[:1] in "\u201c\"\u2018'")
    if not strong:
        gap = _WEAK_GAP.match(rest)
    if gap is None:
        return None
    body = rest[gap.end():].strip()
    if len(body.split()) < 3:
        return None
    if not strong and (not (body[0].isupper() or body[0].isdigit()) or body.split()[0].lower() in _PROSE):
        return None
    written = line[start:start + end].strip()
    if len(chain) > 1:
        spanned = _span([item.reference for item in chain], written)
        if spanned is None:
            return None
        return RefText(spanned.reference, written, translation, spanned.note), body, strong
    return RefText(chain[0].reference, written, translation), body, strong


_WORD = re.compile(r"[a-z]+")
_STOP = frozenset(
    " ".join([
        "the and of to a in that is it for he she his her him they them their we us our you your i me my be",
        "was were are am not but as at by on with this so all who whom which what when from or an have has",
        "had will shall do does did if then there than into out up no yes one",
    ]).split(" ")
)


_SAME = {"yahweh": "lord", "jehovah": "lord", "thee": "you", "thou": "you", "thy": "your", "unto": "to"}


def _words(text: str) -> set[str]:
    words = (_SAME.get(w, w) for w in _WORD.findall(text.lower().replace("\u2019", "'")))
    return {w for w in words if len(w) > 2 and w not in _STOP}


@lru_cache(maxsize=512)
def _passage_words(osis: str) -> frozenset[str] | None:
    try:
        passage = lookup_passage(Reference.from_osis(osis), "WEB")
    except (ScriptureError, ImportError, LookupError, ValueError):
        return None
    return frozenset(_words(passage.text))


def likeness(reference: Reference, text: str) -> float | None:
    """Share (0-1) of the text's words found in the reference's WEB text; None if unknown."""
    if reference.end_chapter - reference.start_chapter > 3:
        return None
    words = _words(plain_text(text))
    if len(words) < 3:
        return None
    known = _passage_words(reference.osis())
    if not known:
        return None
    return len(words & known) / len(words)
