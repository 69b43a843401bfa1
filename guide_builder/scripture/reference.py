"""The Reference value: a contiguous passage of one book, with validation and formatting."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .books import (
    BOOK_COUNT,
    book_count_chapters,
    book_name,
    book_osis,
    chapter_verse_count,
    resolve_book_name,
)

BOOK_PLACE = 1_000_000
CHAPTER_PLACE = 1_000


@dataclass(frozen=True, slots=True)
class Reference:
    """A contiguous passage: ``start_chapter:start_verse`` to ``end_chapter:end_verse``.

    ``start_verse`` and ``end_verse`` are both None for whole chapters ("Psalm 23",
    "Psalms 1-2"). A Reference may name verses that do not exist (so that a wrong reference
    in a study can be reported); see :meth:`problem`.

    References sort in canonical order (book, then start, then end); a whole chapter sorts
    before its verses.
    """

    book: int
    start_chapter: int
    start_verse: int | None
    end_chapter: int
    end_verse: int | None

    def __reduce__(self) -> tuple:
        # pickled as its numbers (parsed weeks come from a forked parser holding thousands of
        # references): the slotted dataclass's own state handling costs three times as much
        return Reference, (self.book, self.start_chapter, self.start_verse, self.end_chapter, self.end_verse)

    def __post_init__(self) -> None:
        if not 1 <= self.book <= BOOK_COUNT:
            raise ValueError(f"book must be 1..{BOOK_COUNT}, not {self.book!r}")
        if (self.start_verse is None) != (self.end_verse is None):
            raise ValueError("start_verse and end_verse must both be given or both be None")

    # -- construction -----------------------------------------------------------------

    @classmethod
    def verses(cls, book: int, chapter: int, verse: int, end_verse: int | None = None) -> Reference:
        """``Reference.verses(43, 3, 16, 18)`` is John 3:16-18."""
        return cls(book, chapter, verse, chapter, verse if end_verse is None else end_verse)

    @classmethod
    def chapters(cls, book: int, chapter: int, end_chapter: int | None = None) -> Reference:
        """``Reference.chapters(19, 23)`` is Psalm 23; ``(19, 1, 2)`` is Psalms 1-2."""
        return cls(book, chapter, None, chapter if end_chapter is None else end_chapter, None)

    @classmethod
    def whole_book(cls, book: int) -> Reference:
        """Every chapter of a book."""
        return cls(book, 1, None, book_count_chapters(book), None)

    @classmethod
    def from_osis(cls, osis: str) -> Reference:
        """Parse ``"John.3.16"``, ``"1John.4.18-1John.4.19"``, ``"Ps.23"``, ``"Ps.1-Ps.2"``."""
        first, _, last = osis.strip().partition("-")
        start = _osis_point(first)
        end = _osis_point(last) if last else start
        if start[0] != end[0]:
            raise ValueError(f"{osis!r} spans two books")
        if (start[2] is None) != (end[2] is None):
            raise ValueError(f"{osis!r} mixes a chapter and a verse")
        return cls(start[0], start[1], start[2], end[1], end[2])

    # -- formatting -------------------------------------------------------------------

    @property
    def book_name(self) -> str:
        """Display name of the book: "1 John", "Psalms"."""
        return book_name(self.book)

    @property
    def is_whole_chapters(self) -> bool:
        """True when the reference names whole chapters, not verses."""
        return self.start_verse is None

    def label(self) -> str:
        """Canonical human form: "1 John 4:18-19", "John 3:16-4:2", "Psalm 23", "Jude 3"."""
        name = self.book_name
        sc, sv, ec, ev = self.start_chapter, self.start_verse, self.end_chapter, self.end_verse
        if self.book == 19:  # "Psalm 23" but "Psalms 1-2"
            name = "Psalms" if sc != ec else "Psalm"
        if sc == ec == 1 and book_count_chapters(self.book) == 1:
            if sv is None:
                return name
            return f"{name} {sv}" if sv == ev else f"{name} {sv}-{ev}"
        if sv is None:
            return f"{name} {sc}" if sc == ec else f"{name} {sc}-{ec}"
        if sc != ec:
            return f"{name} {sc}:{sv}-{ec}:{ev}"
        return f"{name} {sc}:{sv}" if sv == ev else f"{name} {sc}:{sv}-{ev}"

    def osis(self) -> str:
        """OSIS id: "1John.4.18-1John.4.19", "John.3.16", "Ps.23", "Ps.1-Ps.2", "Jude.1.3"."""
        code = book_osis(self.book)
        if self.start_verse is None:
            start, end = f"{code}.{self.start_chapter}", f"{code}.{self.end_chapter}"
        else:
            start = f"{code}.{self.start_chapter}.{self.start_verse}"
            end = f"{code}.{self.end_chapter}.{self.end_verse}"
        return start if start == end else f"{start}-{end}"

    def __str__(self) -> str:
        return self.label()

    # -- verses -----------------------------------------------------------------------

    @property
    def start_id(self) -> int:
        """Verse id of the first verse (book*1_000_000 + chapter*1000 + verse)."""
        return self.book * BOOK_PLACE + self.start_chapter * CHAPTER_PLACE + (self.start_verse or 1)

    @property
    def end_id(self) -> int:
        """Verse id of the last verse (the chapter's last verse for whole chapters)."""
        verse = self.end_verse
        if verse is None:
            verse = chapter_verse_count(self.book, self.end_chapter) or 1
        return self.book * BOOK_PLACE + self.end_chapter * CHAPTER_PLACE + verse

    def verse_ids(self) -> tuple[int, ...]:
        """Every existing verse in the reference, as ids (book*1_000_000 + chapter*1000 + verse).

        Chapters and verses that do not exist are left out.
        """
        ids: list[int] = []
        base = self.book * BOOK_PLACE
        last_chapter = min(self.end_chapter, book_count_chapters(self.book))
        for chapter in range(max(self.start_chapter, 1), last_chapter + 1):
            count = chapter_verse_count(self.book, chapter)
            first = self.start_verse if chapter == self.start_chapter and self.start_verse else 1
            last = self.end_verse if chapter == self.end_chapter and self.end_verse else count
            prefix = base + chapter * CHAPTER_PLACE
            ids.extend(prefix + verse for verse in range(max(first, 1), min(last, count) + 1))
        return tuple(ids)

    def problem(self) -> str | None:
        """None if every chapter and verse exists, else what is wrong ("John has 21 chapters")."""
        found = reference_problem(self)
        return found[0] if found else None

    # -- ordering ---------------------------------------------------------------------

    def sort_key(self) -> tuple[int, int, int, int, int]:
        """Canonical order: book, start, end (a whole chapter before its verses)."""
        return (
            self.book,
            self.start_chapter,
            self.start_verse or 0,
            self.end_chapter,
            self.end_verse if self.end_verse is not None else 1000,
        )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Reference):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Reference):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Reference):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Reference):
            return NotImplemented
        return self.sort_key() >= other.sort_key()


def _osis_point(text: str) -> tuple[int, int, int | None]:
    parts = text.split(".")
    book = resolve_book_name(parts[0]) if parts else None
    if book is None or not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts[1:]):
        raise ValueError(f"not an OSIS reference: {text!r}")
    return book, int(parts[1]), int(parts[2]) if len(parts) == 3 else None


def _chapter_name(book: int, chapter: int) -> str:
    if book_count_chapters(book) == 1:
        return book_name(book)
    return f"{'Psalm' if book == 19 else book_name(book)} {chapter}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def reference_problem(ref: Reference) -> tuple[str, str] | None:
    """``(message, hint)`` when the reference names something that does not exist, else None.

    Messages: "John has 21 chapters", "Psalm 23 has 6 verses", "Jude has 1 chapter",
    "John 3 has no verse 0", "John 3:18-16 ends before it starts".
    """
    book = ref.book
    chapters = book_count_chapters(book)
    for chapter in (ref.start_chapter, ref.end_chapter):
        if chapter < 1:
            return f"{book_name(book)} has no chapter 0", "chapters are numbered from 1"
        if chapter > chapters:
            name = book_name(book)
            if chapters == 1:
                hint = f"write {name} and a verse, e.g. {name} {min(chapter, 25)}"
            else:
                hint = f"the last chapter is {_chapter_name(book, chapters)}"
            return f"{name} has {_plural(chapters, 'chapter')}", hint
    if ref.start_verse is not None and ref.end_verse is not None:
        for chapter, verse in ((ref.start_chapter, ref.start_verse), (ref.end_chapter, ref.end_verse)):
            if verse < 1:
                return f"{_chapter_name(book, chapter)} has no verse 0", "verses are numbered from 1"
            count = chapter_verse_count(book, chapter)
            if verse > count:
                return (
                    f"{_chapter_name(book, chapter)} has {_plural(count, 'verse')}",
                    f"the last verse is {Reference.verses(book, chapter, count).label()}",
                )
    key = ref.sort_key()
    if key[1:3] > key[3:5]:
        return f"{ref.label()} ends before it starts", "write the earlier verse first"
    return None


def _from_ids(start: int, end: int) -> Reference:
    book, rest = divmod(start, BOOK_PLACE)
    sc, sv = divmod(rest, CHAPTER_PLACE)
    ec, ev = divmod(end % BOOK_PLACE, CHAPTER_PLACE)
    if sv == 1 and ev == chapter_verse_count(book, ec):
        return Reference(book, sc, None, ec, None)
    return Reference(book, sc, sv, ec, ev)


def _next_id(verse_id: int) -> int:
    book, rest = divmod(verse_id, BOOK_PLACE)
    chapter, verse = divmod(rest, CHAPTER_PLACE)
    if verse < chapter_verse_count(book, chapter):
        return verse_id + 1
    return book * BOOK_PLACE + (chapter + 1) * CHAPTER_PLACE + 1


def merge_references(refs: Iterable[Reference], *, adjacent: bool = False) -> list[Reference]:
    """Sort references canonically and merge the overlapping ones (and touching ones, with
    ``adjacent=True``: John 3:16 + John 3:17 -> John 3:16-17). Invalid references are left
    out. A merged run that covers whole chapters is written as chapters ("Psalm 23").
    """
    spans = sorted((r.start_id, r.end_id) for r in refs if r.problem() is None)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and merged[-1][0] // BOOK_PLACE == start // BOOK_PLACE:
            last_end = merged[-1][1]
            if start <= last_end or (adjacent and start == _next_id(last_end)):
                merged[-1][1] = max(last_end, end)
                continue
        merged.append([start, end])
    return [_from_ids(start, end) for start, end in merged]
