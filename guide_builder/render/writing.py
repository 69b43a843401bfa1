"""Writing the PDF: strings, compressed streams and object headers in fewer steps (the
same bytes).

When a book is saved, reportlab formats every object of it in Python, one by one. These
are written by the hundred, and their general formatting does work whose outcome is known
for them:

- `fast_string_format`: a text string (an outline entry's title, the name of each named
  destination: every body page has one) that is printable ASCII, in an unencrypted
  document, is its own bytes in PDFDocEncoding. reportlab asks the PDFDocEncoding codec,
  written in Python, twice (whether it can encode it, then to encode it).
- `fast_stream_format`: a stream compressed already, whose dictionary names only its
  filter (every page's content, render/carried.py), is written as its dictionary with its
  length, then its bytes, without copying the dictionary and formatting it in general.
- `fast_indirect_format`: every object of the file is written between `n 0 obj` and
  `endobj`; the header is made as bytes, not as text passed through PDFDocEncoding.

Anything else goes to reportlab's own method; speedups.install puts these in place, and
tests/render/test_speedups.py writes PDFs both ways.
"""

from __future__ import annotations

import functools
import re

from reportlab import rl_config
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfdoc

# ASCII that the PDFDocEncoding codec refuses (its codes there are other characters)
NOT_PDFDOC = re.compile("[\x18-\x1f]")


def fast_string_format(original):
    """`PDFString.format` that writes printable ASCII text of an unencrypted document
    directly (the codec maps it to itself)."""

    @functools.wraps(original)
    def format_string(self, document):
        text = self.s
        if (type(text) is not str or getattr(self, "enc", "auto") != "auto" or not text.isascii()
                or NOT_PDFDOC.search(text) or type(document.encrypt) is not pdfdoc.NoEncryption):
            return original(self, document)
        escape = getattr(self, "escape", 1)
        if not escape:
            return b"(" + text.encode("ascii") + b")"
        escaped = f"({escapePDF(text.encode('ascii'))})"
        if escape & 2:
            escaped = escaped.replace("\\012", "\n")
        if escape & 4 and pdfdoc._isbalanced(escaped):
            escaped = escaped.replace("\\(", "(").replace("\\)", ")")
        return pdfdoc.pdfdocEnc(escaped)

    return format_string


def fast_stream_format(original):
    """`PDFStream.format` for a stream of bytes filtered already, whose dictionary holds only
    its `Filter`, in an unencrypted document."""

    @functools.wraps(original)
    def format_stream(self, document):
        entries = self.dictionary.dict
        content = self.content
        if (type(self) is not pdfdoc.PDFStream or type(content) is not bytes or len(entries) != 1
                or "Filter" not in entries or type(self.dictionary) is not pdfdoc.PDFDictionary
                or type(document.encrypt) is not pdfdoc.NoEncryption or rl_config.pdfMultiLine):
            return original(self, document)
        return b"".join((b"<<\n/Filter ", pdfdoc.format(entries["Filter"], document), b" /Length ",
                         b"%d" % len(content), b"\n>>\nstream\n", content, b"endstream\n"))

    return format_stream


def fast_indirect_format(self, document) -> bytes:
    """`PDFIndirectObject.format`: `n v obj`, the object, `endobj` (same bytes)."""
    number, version = document.idToObjectNumberAndVersion[self.name]
    document.encrypt.register(number, version)
    content = pdfdoc.format(self.content, document, toplevel=1)
    ending = b"endobj\n" if content.endswith(b"\n") else b"\nendobj\n"
    return b"%d %d obj\n" % (number, version) + content + ending
