"""Scripture references and passages: find, parse, validate, format, look up.

Importing this package is cheap: the translation texts are loaded on the first lookup,
and the finder and the parser of references, whose patterns take some 12 ms to compile,
are imported when first asked for (a build asks in the processes that parse weeks, after
it has forked; reading the study before needs only `Reference`).

>>> [f.reference.label() for f in find_references("Read Jn 3:16; 4:1-3 and Heb 11:6, 1Jn 4:18.")]
['John 3:16', 'John 4:1-3', 'Hebrews 11:6', '1 John 4:18']
"""

import importlib

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
from .passages import TRANSLATIONS, Passage, Translation, Verse, load_translation, lookup_passage
from .reference import Reference, merge_references, reference_problem

_IMPORTED_WHEN_ASKED = {
    "FoundReference": ".finder",
    "find_references": ".finder",
    "parse_reference": ".parsing",
    "parse_reference_and_translation": ".parsing",
    "parse_references": ".parsing",
}


def __getattr__(name: str) -> object:
    """The finder's and the parser's names, imported when first asked for."""
    module = _IMPORTED_WHEN_ASKED.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


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
