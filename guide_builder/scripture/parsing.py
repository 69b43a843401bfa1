"""Parsing references written on their own: front-matter fields, ``!!! scripture`` titles."""

from __future__ import annotations

import re

from ._books_data import NUMBERED_BASES
from ._patterns import TRAILING_TRANSLATION
from .books import ALIASES, resolve_book_name
from .errors import InvalidReference, ReferenceSyntaxError
from .finder import Scanner
from .reference import Reference

# What may stand between the references of one field: separators and translation codes.
_JOINERS = re.compile(r"(?:[\s,;()\[\]&]|and\b|[(\[][A-Za-z]{2,8}\d{0,4}[)\]])*", re.I)


def _split_translation(text: str) -> tuple[str, str | None]:
    m = TRAILING_TRANSLATION.search(text)
    if m is None:
        return text, None
    code = (m["a"] or m["b"]).upper()
    rest = text[: m.start()]
    if not rest.strip() or (m["b"] and not any(ch.isdigit() for ch in rest)):
        return text, None
    if m["b"] and (code.lower() in ALIASES or code.lower() in NUMBERED_BASES):
        return text, None
    return rest, code


def parse_references(text: str, context: Reference | None = None) -> list[Reference]:
    """Every reference in a field that may list several ("Rom 8:28, 38-39; Jas 4:8").

    Book names are read in any case and no ordinary-word guards apply. Raises
    ReferenceSyntaxError if anything but references is written, InvalidReference if one
    names a chapter or verse that does not exist.
    """
    return [ref for ref, _ in _parse_all(text, context)]


def _parse_all(text: str, context: Reference | None) -> list[tuple[Reference, str | None]]:
    original = text
    body, code = _split_translation(text.strip())
    body = body.strip().rstrip(".;,").strip()
    if not body:
        raise ReferenceSyntaxError("empty scripture reference", 'write a reference such as "John 3:16"')
    whole = _whole_book(body)
    if whole is not None:
        return [(whole, code)]
    found = Scanner(body, context, lenient=True).run()
    covered = 0
    leftovers = []
    for item in found:
        leftovers.append(body[covered : item.start])
        covered = item.end
    leftovers.append(body[covered:])
    if not found or not _JOINERS.fullmatch("".join(leftovers)):
        raise ReferenceSyntaxError(f"{original.strip()!r} is not a scripture reference", _syntax_hint(body))
    for item in found:
        if item.problem is not None:
            raise InvalidReference(item.problem, item.hint, item.reference)
    return [(item.reference, item.translation or code) for item in found]


def _whole_book(body: str) -> Reference | None:
    if any(ch.isdigit() for ch in body[1:]):
        return None
    book = resolve_book_name(body)
    return Reference.whole_book(book) if book is not None else None


def _syntax_hint(body: str) -> str:
    import difflib

    from .books import BOOK_NAMES

    word = re.split(r"\s*\d+\s*:", body)[0].strip(" .")
    close = difflib.get_close_matches(word.title(), BOOK_NAMES, n=1, cutoff=0.6)
    if close and close[0].lower() != word.lower():
        return f'did you mean "{close[0]}"? write a book, chapter and verse: "John 3:16"'
    return 'write a book, chapter and verse, e.g. "John 3:16", "Ps 23", "1 Cor 13:4-7"'


def parse_reference_and_translation(
    text: str, context: Reference | None = None
) -> tuple[Reference, str | None]:
    """Like :func:`parse_reference`, also returning a translation written after it
    ("1Jn 4:18-19 (KJV)" -> (1 John 4:18-19, "KJV"))."""
    refs = _parse_all(text, context)
    if len(refs) != 1:
        raise ReferenceSyntaxError(
            f"{text.strip()!r} names {len(refs)} passages, not one",
            "give one reference per entry (a list in front matter can hold several)",
        )
    return refs[0]


def parse_reference(text: str, context: Reference | None = None) -> Reference:
    """One reference as written in a front-matter field or a ``!!! scripture "REF"`` title.

    Accepts what people write ("Ps 46:10-11", "1Jn 4:18-19 (KJV)", "Jude 3", "Psalm 23",
    "Ruth" for the whole book). Raises ReferenceSyntaxError if the text is not exactly one
    reference, InvalidReference if it names a chapter or verse that does not exist.
    """
    return parse_reference_and_translation(text, context)[0]
