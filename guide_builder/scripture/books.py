"""The 66 books: names, OSIS ids, chapter and verse counts, alias lookup."""

from __future__ import annotations

from ._books_data import BOOK_TABLE, NUMBERED_BASES, PREFIX_NUMBERS
from ._verse_counts import VERSE_COUNTS

BOOK_COUNT = 66

#: OSIS id of each book, index 0 = Genesis.
BOOK_OSIS: tuple[str, ...] = tuple(row[0] for row in BOOK_TABLE)
#: Display name of each book ("1 John", "Song of Songs", "Psalms").
BOOK_NAMES: tuple[str, ...] = tuple(row[1] for row in BOOK_TABLE)

_OSIS_TO_BOOK: dict[str, int] = {osis.lower(): i + 1 for i, osis in enumerate(BOOK_OSIS)}

#: Unnumbered aliases (lowercase, no period) -> book number.
ALIASES: dict[str, int] = {}
for _number, (_osis, _name, _aliases) in enumerate(BOOK_TABLE, start=1):
    for _alias in filter(None, _aliases.split("|")):
        ALIASES[_alias] = _number
del _number, _osis, _name, _aliases, _alias


def _check_book(book: int) -> None:
    if not 1 <= book <= BOOK_COUNT:
        raise ValueError(f"book must be 1..{BOOK_COUNT}, not {book!r}")


def book_name(book: int) -> str:
    """Display name of a book (1-based, Genesis = 1): ``book_name(62) == "1 John"``."""
    _check_book(book)
    return BOOK_NAMES[book - 1]


def book_osis(book: int) -> str:
    """OSIS id of a book: ``book_osis(62) == "1John"``."""
    _check_book(book)
    return BOOK_OSIS[book - 1]


def book_count_chapters(book: int) -> int:
    """Number of chapters in a book (KJV versification): ``book_count_chapters(43) == 21``."""
    _check_book(book)
    return len(VERSE_COUNTS[book - 1])


def chapter_verse_count(book: int, chapter: int) -> int:
    """Number of verses in a chapter, or 0 if the book has no such chapter.

    The count is the largest of the WEB, KJV and ASV texts (they differ only in Romans 14
    and 16), so a verse is valid when any of the three has it.
    """
    _check_book(book)
    counts = VERSE_COUNTS[book - 1]
    return counts[chapter - 1] if 1 <= chapter <= len(counts) else 0


def is_single_chapter(book: int) -> bool:
    """True for Obadiah, Philemon, 2 John, 3 John and Jude."""
    return book_count_chapters(book) == 1


def resolve_book_name(name: str, prefix: str | None = None) -> int | None:
    """Book number for an alias as written ("Ps.", "1 Jn", "II Kings", "First John").

    ``prefix`` is a separately written numeric prefix ("1", "II", "First"). Returns None if
    the name is not a book. Also accepts OSIS ids ("1John", "Phlm").
    """
    key = " ".join(name.lower().replace(".", " ").split())
    if prefix is None:
        if key in ALIASES:
            return ALIASES[key]
        if key in _OSIS_TO_BOOK:
            return _OSIS_TO_BOOK[key]
        head, _, rest = key.partition(" ")
        if rest and head in PREFIX_NUMBERS:
            return resolve_book_name(rest, head)
        for size in (3, 1):  # "1st" / "1"
            if key[:size] in PREFIX_NUMBERS and key[size:] in NUMBERED_BASES:
                return resolve_book_name(key[size:], key[:size])
        return None
    number = PREFIX_NUMBERS.get(prefix.lower().rstrip("."))
    books = NUMBERED_BASES.get(key)
    if number is None or books is None:
        return None
    return books[number - 1] or None
