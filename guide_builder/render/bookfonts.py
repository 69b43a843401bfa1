"""One set of font subsets for every part of a book kept by `guide build --watch`.

reportlab gives each document its own codes for the characters of each TrueType font, so
a part laid out on its own carries subsets of its own (render/carried.py): kept parts of
52 weeks embedded some 70 font subsets, and the smaller the parts, the more. In a
`--watch` session the parts instead share one code assignment per font (`BookFonts`),
which only ever grows: a character keeps its code from build to build, so a part laid out
once stays valid, and the book embeds each font's subsets once, cut again only when a
character was added.

A part laid out in a forked process sees the assignment as it was at the fork. The
assignment is seeded with every character of the study first, so such a part rarely
needs a new code; when it does (`grew_here`), the codes it gave are unknown to this
process, and the part is laid out again here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from guide_builder.render.carried import Subset, cut_subset, true_type_fonts

PREFIX = "B"  # the book's subsets are /B1+0, /B2+0...: never reportlab's own /F1+0
# characters our own pages print besides the study's text (running heads, contents, index)
EXTRA = "0123456789\u2026\u00b7\u2014\u2013\u2022\u2018\u2019\u201c\u201d\u00a0ivxlcdmIVXLCDM"


class _Key:
    """A stand-in document to seed the assignments with (reportlab keys them by document)."""


class BookFonts:
    """The shared code assignment of every TrueType font registered when it is made."""

    def __init__(self, seed: Iterable[str]) -> None:
        """`seed`: texts whose characters get their codes first, in code point order."""
        characters = "".join(sorted(set("".join(seed)) | set(EXTRA)))
        key = _Key()
        self.states: dict[str, TTFont.State] = {}
        for number, font in enumerate(true_type_fonts(), start=1):
            state = font.state[key] = TTFont.State(font._asciiReadable, font)
            state.internalName = f"{PREFIX}{number}"
            font.splitString(characters, key)
            del font.state[key]
            self.states[font.fontName] = state
        self.owner = os.getpid()
        self._grown_elsewhere = False  # set in a forked process once it gave a code
        self._cut: dict[tuple[str, int], tuple[list[int], Subset]] = {}  # the last cut of each subset
        self.rows: dict = {}  # running-head rows drawn in these codes (render/pages.py)
        _track_use()

    def install(self, doc) -> None:
        """Make `doc` (a canvas's PDF document) use the shared codes, and note which fonts
        its pages name (`used_in`)."""
        for font in true_type_fonts():
            state = self.states.get(font.fontName)
            if state is not None:
                font.state[doc] = state
        doc._book_fonts_used = set()

    def shares(self, font: TTFont) -> bool:
        """Whether `font` uses the shared codes."""
        return font.fontName in self.states

    @staticmethod
    def used_in_document(doc, font_name: str) -> None:
        """Note that `doc`'s pages name `font_name` (text written without reportlab naming it)."""
        used = getattr(doc, "_book_fonts_used", None)
        if used is not None:
            used.add(font_name)

    def used_in(self, doc) -> set[str]:
        """The shared fonts whose subsets `doc`'s pages name."""
        return {name for name in getattr(doc, "_book_fonts_used", ()) if name in self.states}

    def sizes(self) -> dict[str, int]:
        """How many characters each font has a code for (to tell whether a layout added any)."""
        return {name: len(state.assignments) for name, state in self.states.items()}

    def grew_here(self, before: dict[str, int]) -> bool:
        """Whether a layout that began at `before` may use codes the process that made the
        assignment knows nothing of: it is another process, and characters were given codes
        in it, by this layout or by an earlier one (whose codes a later one may reuse)."""
        if os.getpid() == self.owner:
            return False
        self._grown_elsewhere = self._grown_elsewhere or self.sizes() != before
        return self._grown_elsewhere

    def subsets(self, used: Iterable[str]) -> list[Subset]:
        """The subsets of the `used` fonts, ready to embed; each is cut once per content."""
        made = []
        for name in sorted(set(used)):
            state = self.states[name]
            font = pdfmetrics.getFont(name)
            for number, codes in enumerate(state.subsets):
                kept = self._cut.get((name, number))
                if kept is None or kept[0] != codes:  # cut again once a character was added
                    kept = self._cut[name, number] = (list(codes), cut_subset(
                        font, state.internalName, PREFIX, number, list(codes)))
                made.append(kept[1])
        return made


_tracking = False


def _track_use() -> None:
    """Have reportlab note, on a document set up by `BookFonts.install`, each shared font
    its text is written in (reportlab itself registers a font only on first use in a
    document, and a shared font was named before that)."""
    global _tracking
    if _tracking:
        return
    original = TTFont.getSubsetInternalName

    def named(self, subset, doc):
        BookFonts.used_in_document(doc, self.fontName)
        return original(self, subset, doc)

    TTFont.getSubsetInternalName = named
    _tracking = True
