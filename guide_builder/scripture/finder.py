"""Finding references in prose.

A small state machine over precompiled regular expressions (see ``_patterns``):

1. ``HEAD`` finds where a reference may start: a book name (with an optional "1"/"I"/"First"
   prefix) before a number, or a "v."/"verse"/"chapter" keyword before a number.
2. ``LOC`` reads the chapter, verse, partial-verse letter, range and "ff".
3. Guards drop ordinary words ("Mark my words", "Dan 5 minutes", "I am 5", "song 2").
4. A list loop reads what follows: "; 4:1-3", ", 38-39", " and 9", a translation "(KJV)".

Verse-only continuations ("v. 20", "vv. 4-5") resolve against the previous reference in the
same paragraph, else against ``context``.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import dataclass

from ._books_data import CASE_FREE, NUMBERED_BASES, PREFIX_NUMBERS, STRICT
from ._patterns import (
    AFTER_NAME,
    HEAD,
    LIST_SEP,
    LOC,
    OF_AFTER,
    OF_OR_IN,
    PARAGRAPH_BREAK,
    TIME_AFTER,
    TRANSLATION_AFTER,
    UNIT_AFTER,
    WS,
    of_book,
)
from .books import ALIASES, book_count_chapters, chapter_verse_count
from .reference import Reference, reference_problem

_SPACES = re.compile(r"\s+")
# Names that are counting words: a chapter range in words after them is not a reference.
_COUNTING = frozenset({"numbers", "num", "numb"})


@dataclass(frozen=True, slots=True)
class FoundReference:
    """A reference found in text: ``text[start:end]`` is what was written.

    ``problem`` is None when every chapter and verse exists, else a message such as
    "John has 21 chapters". ``translation`` is a code written after it ("KJV"), if any.
    """

    start: int
    end: int
    reference: Reference
    problem: str | None
    translation: str | None = None

    @property
    def valid(self) -> bool:
        """True when the reference names only chapters and verses that exist."""
        return self.problem is None

    @property
    def hint(self) -> str:
        """What to do about the problem ("the last chapter is John 21"), or ""."""
        found = reference_problem(self.reference)
        return found[1] if found else ""


# -- building references from a LOC match ---------------------------------------------


def _ff_end(ff: str, book: int, chapter: int, verse: int) -> int:
    if ff.strip(" .\t\u00a0").lower() == "f":
        return verse + 1
    return max(chapter_verse_count(book, chapter), verse)


def _from_book_loc(book: int, m: re.Match[str], chapter_kw: bool, ranged: bool) -> Reference:
    """A reference written after a book name: "3:16-18", "23", "1-2", "3" (Jude 3)."""
    c1 = int(m["c1"])
    v1 = m["v1"]
    c2 = m["c2"] if ranged else None
    v2 = m["v2"] if ranged else None
    ff = m["ff"] if ranged else None
    if v1 is None:
        single = book_count_chapters(book) == 1
        if single and not chapter_kw and (c1 != 1 or c2 is not None or ff):
            if c2 is not None and v2 is not None:
                return Reference(book, 1, c1, int(c2), int(v2))
            end = int(c2) if c2 is not None else c1
            if ff:
                end = _ff_end(ff, book, 1, c1)
            return Reference(book, 1, c1, 1, end)
        if c2 is None:
            whole = ff is not None and ff.strip(" .\t\u00a0").lower() == "ff"
            last = book_count_chapters(book) if whole else c1
            return Reference(book, c1, None, max(last, c1), None)
        if v2 is None:
            return Reference(book, c1, None, int(c2), None)
        return Reference(book, c1, 1, int(c2), int(v2))
    verse = int(v1)
    if c2 is None:
        end = _ff_end(ff, book, c1, verse) if ff else verse
        return Reference(book, c1, verse, c1, end)
    if v2 is None:
        return Reference(book, c1, verse, c1, int(c2))
    return Reference(book, c1, verse, int(c2), int(v2))


def _from_verse_loc(book: int, chapter: int, m: re.Match[str], ranged: bool) -> Reference:
    """A verse-only reference ("v. 20", "38-39" in a list) in a known chapter."""
    if m["v1"] is not None:  # "vv. 3:16" - written with a chapter after all
        return _from_book_loc(book, m, False, ranged)
    verse = int(m["c1"])
    c2 = m["c2"] if ranged else None
    if c2 is None:
        ff = m["ff"] if ranged else None
        end = _ff_end(ff, book, chapter, verse) if ff else verse
        return Reference(book, chapter, verse, chapter, end)
    if m["v2"] is not None:
        return Reference(book, chapter, verse, int(c2), int(m["v2"]))
    return Reference(book, chapter, verse, chapter, int(c2))


def _loc_end(m: re.Match[str], ranged: bool) -> int:
    if ranged:
        return m.end()
    if m["rs"] is not None:
        return m.start("rs")
    return m.end("p1") if m["p1"] else m.end("v1") if m["v1"] else m.end("c1")


def _guarded(text: str, m: re.Match[str], keyword: bool) -> bool | None:
    """Whether the range part of ``m`` may be kept (True), must be dropped (False), or the
    whole match is not a reference (None): "Dan 5 minutes", "Mark 4:30 pm", "John 3 to 5 times".
    """
    end = m.end()
    if m["v1"] is not None and m["rs"] is None and TIME_AFTER.match(text, end):
        return None
    if m["v1"] is None and (UNIT_AFTER.match(text, end) or (not keyword and OF_AFTER.match(text, end))):
        if m["rs"] is not None and not UNIT_AFTER.match(text, _loc_end(m, False)):
            return False
        return None
    # "John 3:16 to 5": a range in words must go forwards
    return not (m["word"] and m["v2"] is None and int(m["c2"]) <= int(m["v1"] or m["c1"]))


def _book_at(m: re.Match[str], lenient: bool) -> tuple[int, int, bool] | None:
    """(book, start offset, strict) for a HEAD match on a book name, or None if it is not a
    book. ``strict``: the name is an ordinary word, so chapter:verse must follow."""
    raw = m["name"]
    key = raw.lower()
    if not key.isalpha():  # "song  of\u00a0songs" -> "song of songs"
        key = _SPACES.sub(" ", key)
    pre = m["pre"]
    if pre:
        number = PREFIX_NUMBERS.get(pre.strip().lower())
        books = NUMBERED_BASES.get(key)
        if number and books and books[number - 1]:
            return books[number - 1], m.start(), False
    book = ALIASES.get(key)
    if book is None:
        return None
    if not lenient:
        first = raw[0]
        if key in STRICT:
            if not (first.isupper() and (len(raw) == 1 or raw[1:].islower())):
                return None
        elif key not in CASE_FREE and not first.isupper():
            return None
    return book, m.start("name"), key in STRICT and not lenient


_DIGIT = re.compile(r"\d")
_NUMBERS = re.compile(r"\d+")
# How far before its number a reference can begin ("second canticle of canticles. chapters 3":
# a prefix, the longest name, a period, "chapters", single spaces between), unless white
# space comes in runs somewhere in it
_REACH = 64
_WIDE_SPACE = re.compile(rf"{WS}{{2}}")
_START = operator.itemgetter(0)


def next_head(text: str, pos: int, numbers: list[tuple[int, int]]) -> re.Match[str] | None:
    """`HEAD.search(text, pos)`, searching only just before each number in the text.

    HEAD matches only where a number follows (it looks ahead for one past the name or the
    keyword, with only spaces, a period and "chapter" between), and everything from the
    match to that number holds no digit but a "1"/"2"/"3" prefix at its very start. So the
    match looking ahead to the number starting at `start` begins after the previous number's
    last digit (or at it) and, its spaces single, within _REACH characters; each number's
    window is searched, ending just past its first digit, until one holds a match. Prose
    has few numbers: most of the text is never searched. `numbers` are the (start, end) of
    every run of digits in `text`.
    """
    first = bisect.bisect_right(numbers, pos, key=_START)  # the first number after pos
    previous = numbers[first - 1][1] if first else 0
    for start, end in itertools.islice(numbers, first, None):
        low = max(pos, previous - 1)
        if start - low > _REACH and _WIDE_SPACE.search(text, start - _REACH, start) is None:
            low = start - _REACH
        found = HEAD.search(text, low, start + 1)
        if found is not None:
            return found
        previous = end
    return None


class Scanner:
    """One pass over a text. Kept as a class to share state between the small steps.

    ``lenient`` (for fields that are known to hold references) reads book names in any case
    and skips the ordinary-word guards.
    """

    __slots__ = ("context", "found", "keys", "last", "lenient", "lowercase", "text")

    def __init__(self, text: str, context: Reference | None, lenient: bool) -> None:
        self.text = text
        self.context = context
        self.lenient = lenient
        self.found: list[FoundReference] = []
        self.keys: list[str] = []  # the book name each reference was written with ("" if none)
        self.lowercase: set[str] = set()  # names also written as plain words ("job 2")
        self.last: FoundReference | None = None

    def emit(self, start: int, end: int, ref: Reference, key: str) -> None:
        found = reference_problem(ref)
        item = FoundReference(start, end, ref, found[0] if found else None)
        self.found.append(item)
        self.keys.append(key)
        self.last = item

    def result(self) -> list[FoundReference]:
        """The references, less whole chapters named with a word that the same text also
        uses as a plain word ("Job 1 is to listen, job 2 is to pray")."""
        if not self.lowercase:
            return self.found
        return [
            item
            for item, key in zip(self.found, self.keys, strict=True)
            if key not in self.lowercase or not item.reference.is_whole_chapters
        ]

    def base(self, at: int) -> Reference | None:
        """The reference a verse-only continuation at ``at`` refers to."""
        last = self.last
        if last is not None and not PARAGRAPH_BREAK.search(self.text, last.end, at):
            return last.reference
        return self.context

    def of_book(self, at: int, verses: bool) -> tuple[int, int, int] | None:
        """(book, chapter, end) for "of Psalm 23" after "verse 3" ("of John" after
        "chapter 3"), else None."""
        m = of_book().match(self.text, at) if OF_OR_IN.match(self.text, at) else None
        if m is None:
            return None
        located = _book_at(m, self.lenient)
        if located is None:
            return None
        book = located[0]
        if not verses:
            return None if m["ch"] else (book, 0, m.end())
        if m["ch"]:
            return book, int(m["ch"]), m.end()
        if book_count_chapters(book) == 1:
            return book, 1, m.end()
        return None

    def read_loc(self, at: int, keyword: bool = False) -> tuple[re.Match[str], bool] | None:
        m = LOC.match(self.text, at)
        if m is None:
            return None
        if self.lenient:
            return m, True
        keep = _guarded(self.text, m, keyword)
        if keep is None:
            return None
        return m, keep

    def run(self) -> list[FoundReference]:
        text = self.text
        if _DIGIT.search(text) is None:  # every reference has a number (HEAD looks ahead for one)
            return self.result()
        numbers = [number.span() for number in _NUMBERS.finditer(text)]
        pos = 0
        while True:
            head = next_head(text, pos, numbers)
            if head is None:
                return self.result()
            pos = head.end()
            key = ""
            if head["name"] is not None:
                located = _book_at(head, self.lenient)
                key = head["name"].lower()
                if located is None:
                    if head["name"][0].islower():
                        self.lowercase.add(key)
                    continue
                book, start, strict = located
                after = AFTER_NAME.match(text, head.end())
                read = self.read_loc(after.end())
                if read is None:
                    continue
                m, ranged = read
                if strict and m["v1"] is None:
                    continue
                if not self.lenient and key in _COUNTING and self.counting(m):
                    continue  # "numbers 1 through 10", "Numbers 3 and 4" count, not cite
                ref = _from_book_loc(book, m, after["ckw"] is not None, ranged)
            else:
                start = head.start()
                read = self.read_loc(head.end(), keyword=True)
                if read is None:
                    continue
                m, ranged = read
                end = _loc_end(m, ranged)
                verses = head["vkey"] is not None
                named = self.of_book(end, verses) if m["v1"] is None else None
                if named is not None:  # "verse 3 of Psalm 23", "chapter 3 of John"
                    book, chapter, end = named
                    if verses:
                        ref = _from_verse_loc(book, chapter, m, ranged)
                    else:
                        ref = _from_book_loc(book, m, True, ranged)
                else:
                    base = self.base(start)
                    if base is None:
                        continue
                    if verses:
                        ref = _from_verse_loc(base.book, base.end_chapter, m, ranged)
                    else:
                        ref = _from_book_loc(base.book, m, True, ranged)
                self.emit(start, end, ref, key)
                pos = self.follow(end, key)
                continue
            end = _loc_end(m, ranged)
            self.emit(start, end, ref, key)
            pos = self.follow(end, key)

    def counting(self, m: re.Match[str]) -> bool:
        """A chapter number followed by a range in words or a list: "1 through 10", "3 and 4"."""
        if m["v1"] is not None:
            return False
        if m["word"]:
            return True
        sep = LIST_SEP.match(self.text, m.end())
        return sep is not None and self.text[sep.end() : sep.end() + 1].isdigit()

    def follow(self, end: int, key: str) -> int:
        """Read list items and translations after a reference; return where to go on."""
        text = self.text
        chain_start = len(self.found) - 1
        pos = end
        while True:
            trans = TRANSLATION_AFTER.match(text, pos)
            if trans is not None:
                code = trans["a"] or trans["b"]
                for i in range(chain_start, len(self.found)):
                    item = self.found[i]
                    if item.translation is None:
                        self.found[i] = FoundReference(
                            item.start, item.end, item.reference, item.problem, code
                        )
                self.last = self.found[-1]
                chain_start = len(self.found)
                pos = trans.end()
            sep = LIST_SEP.match(text, pos)
            if sep is None or HEAD.match(text, sep.end()):
                return pos
            prev = self.found[-1].reference
            as_verse = prev.start_verse is not None and sep["punct"] != ";"
            if book_count_chapters(prev.book) == 1:
                as_verse = True
            read = self.read_loc(sep.end())
            if read is None:
                return pos
            m, ranged = read
            if as_verse:
                ref = _from_verse_loc(prev.book, prev.end_chapter, m, ranged)
            else:
                ref = _from_book_loc(prev.book, m, True, ranged)
            pos = _loc_end(m, ranged)
            self.emit(sep.end(), pos, ref, key)


def find_references(text: str, context: Reference | None = None) -> list[FoundReference]:
    """All scripture references in prose, in the order written.

    Invalid ones (John 22:1, Psalm 151) are included with ``problem`` set. Verse-only
    references ("v. 20", "vv. 4-5", "verse 17", "chapter 5") resolve against the previous
    reference in the same paragraph, else against ``context`` (the week's first passage),
    else they are skipped.
    """
    return Scanner(text, context, lenient=False).run()
