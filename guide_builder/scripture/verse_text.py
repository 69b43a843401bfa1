"""A translation's verses, kept in a form that loads in half a millisecond.

A text package holds its translation as one Python module: the whole text as a string and
two dicts of 31,000 verse ids each, built by running the module's bytecode when it is
imported (some 30 ms for the WEB). The first time a translation is read, its verses are
written to the package's `__pycache__`, next to the kept code (kept_code.py): the verse
ids, where each verse's text ends, and the texts one after another in UTF-8. Later builds
map that file into memory instead of importing the module, while the module's file is the
one it was made from (its path, size and time of change, as Python checks bytecode against
its source).
"""

from __future__ import annotations

import bisect
import marshal
import mmap
import struct
import sys
from array import array
from pathlib import Path
from typing import Any

from guide_builder.kept_code import write_kept

# Changes when the file's layout does.
FORMAT = 1
_ITEM = "i"  # verse ids and offsets: 32-bit integers in this machine's order
_ITEM_SIZE = array(_ITEM).itemsize
# The file: the header's length, the header (identity, number of verses), padding, the ids,
# where each verse ends, the texts.
_HEADER_LENGTH = struct.Struct("<I")


class VerseText:
    """The raw text of each verse of one translation, by verse id."""

    def __init__(self, ids: array | memoryview, ends: array | memoryview, texts: bytes | memoryview) -> None:
        """`ids` ascending; verse `ids[n]` is `texts[ends[n - 1]:ends[n]]` (from 0 for the first)."""
        self.ids, self.ends, self.texts = ids, ends, texts

    @classmethod
    def from_bible(cls, bible: Any) -> VerseText:
        """The verses of a text package's `Bible` (its text and its dicts of where each
        verse starts and ends)."""
        content, starts, ends = bible.scripture_content, bible.verse_start_indices, bible.verse_end_indices
        ids = array(_ITEM, sorted(starts))
        texts = bytearray()
        offsets = array(_ITEM)
        for verse_id in ids:
            texts += content[starts[verse_id]:ends[verse_id]].encode("utf-8")
            offsets.append(len(texts))
        return cls(ids, offsets, bytes(texts))

    def raw(self, verse_id: int) -> str | None:
        """The verse's text as the package has it, or None if it has no such verse."""
        index = bisect.bisect_left(self.ids, verse_id)
        if index == len(self.ids) or self.ids[index] != verse_id:
            return None
        start = self.ends[index - 1] if index else 0
        return str(self.texts[start:self.ends[index]], "utf-8")

    def __len__(self) -> int:
        return len(self.ids)


def source_identity(module_file: Path) -> tuple:
    """What the kept verses were made from: the module's file as it is now."""
    status = module_file.stat()
    return (FORMAT, str(module_file), status.st_size, status.st_mtime_ns, sys.byteorder)


def read_kept(path: Path, identity: tuple) -> VerseText | None:
    """The verses kept at `path`, if they were made from the file `identity` names (None if
    not, or if the file is missing or unreadable). The file is mapped into memory, not read:
    a build reads a few hundred verses of 31,000."""
    try:
        with open(path, "rb") as file:
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        (header_length,) = _HEADER_LENGTH.unpack_from(mapped)
        kept_identity, count = marshal.loads(mapped[_HEADER_LENGTH.size:_HEADER_LENGTH.size + header_length])
        if kept_identity != identity:
            return None
        whole = memoryview(mapped)
        ids_at = _HEADER_LENGTH.size + _padded(header_length)
        ends_at = ids_at + count * _ITEM_SIZE
        texts_at = ends_at + count * _ITEM_SIZE
        ids = whole[ids_at:ends_at].cast(_ITEM)
        ends = whole[ends_at:texts_at].cast(_ITEM)
        texts = whole[texts_at:]
    except (OSError, EOFError, ValueError, TypeError, struct.error):
        return None
    if len(ids) != count or len(ends) != count or (count and ends[-1] != len(texts)):
        return None
    return VerseText(ids, ends, texts)


def keep(path: Path, identity: tuple, verses: VerseText) -> None:
    """Write the verses to `path` for later builds (not where Python writes no bytecode);
    a failure to write only leaves the module to be imported next time."""
    if sys.dont_write_bytecode:
        return
    header = marshal.dumps((identity, len(verses.ids)))
    data = b"".join((_HEADER_LENGTH.pack(len(header)), header, bytes(_padded(len(header)) - len(header)),
                     bytes(verses.ids), bytes(verses.ends), bytes(verses.texts)))
    write_kept(path, data)


def _padded(length: int) -> int:
    """`length` rounded up so that the integers after it are aligned."""
    return -(-length // _ITEM_SIZE) * _ITEM_SIZE
