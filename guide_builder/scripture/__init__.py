"""Scripture references and passages: find, parse, validate, format, look up.

Importing this package is cheap: the translation texts are loaded on the first lookup.

>>> [f.reference.label() for f in find_references("Read Jn 3:16; 4:1-3 and Heb 11:6, 1Jn 4:18.")]
['John 3:16', 'John 4:1-3', 'Hebrews 11:6', '1 John 4:18']
"""

from .books import (
    BOOK_NAMES,
    BOOK_OSIS,
    book_count_chapters,
    book_name,
    book_osis,
    chapter_verse_count,
    resolve_book_name,
)
from .errors import (
    InvalidReference,
    ReferenceSyntaxError,
    ScriptureError,
    TranslationNotInstalled,
    UnknownTranslation,
)
from .finder import FoundReference, find_references
from .parsing import parse_reference, parse_reference_and_translation, parse_references
from .passages import TRANSLATIONS, Passage, Translation, Verse, load_translation, lookup_passage
from .reference import Reference, merge_references, reference_problem

__all__ = [
    "BOOK_NAMES",
    "BOOK_OSIS",
    "TRANSLATIONS",
    "FoundReference",
    "InvalidReference",
    "Passage",
    "Reference",
    "ReferenceSyntaxError",
    "ScriptureError",
    "Translation",
    "TranslationNotInstalled",
    "UnknownTranslation",
    "Verse",
    "book_count_chapters",
    "book_name",
    "book_osis",
    "chapter_verse_count",
    "find_references",
    "load_translation",
    "lookup_passage",
    "merge_references",
    "parse_reference",
    "parse_reference_and_translation",
    "parse_references",
    "reference_problem",
    "resolve_book_name",
]
