"""Choosing a reader for a file and decoding its text.

Plain text (.txt), Markdown (.md), HTML (.html/.htm) and Word (.docx) are read. Other
document formats get a message saying how to convert them. A file with an unknown
extension is read as HTML when it looks like a web page, else as plain text.
"""

from __future__ import annotations

from pathlib import Path

from guide_builder.importer.model import Block, ImportProblem, Notes

MAX_BYTES = 20 * 1024 * 1024
FORMATS = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx",
}
NAMES = {"text": "plain text", "markdown": "Markdown", "html": "HTML", "docx": "Word document"}
_CONVERT = "copy the text into a .txt file (or save the document as .docx) and import that"
UNSUPPORTED = {
    ".doc": "an old Word .doc file: open it in Word or LibreOffice and save it as .docx",
    ".pdf": f"a PDF: {_CONVERT}",
    ".odt": "an OpenDocument file: save it as .docx from LibreOffice",
    ".rtf": "an RTF file: save it as .docx or .txt",
    ".pages": "a Pages document: export it as Word (.docx)",
}


def read_article(path: Path, notes: Notes) -> tuple[list[Block], str | None]:
    """The blocks of an article and a title hint from the file's metadata (or None).

    Raises ImportProblem when the file cannot be read or is not a supported format.
    """
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise ImportProblem(f"{path.name} is {UNSUPPORTED[suffix].split(':')[0]}, which cannot be imported",
                            UNSUPPORTED[suffix].split(": ", 1)[1])
    try:
        if path.is_dir():
            raise ImportProblem(f"{path} is a folder, not a file", "give the article file to import")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportProblem(f"{path.name} is too large to be an article ({size // 1024 // 1024} MB)",
                                "import one article or study at a time")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportProblem(f"{path} does not exist", "check the file name and folder") from None
    except OSError as error:
        raise ImportProblem(f"cannot read {path}: {error.strerror or error}",
                            "check that the file exists and you may read it") from None
    kind = FORMATS.get(suffix) or _sniff(data)
    notes.source = f"{path.name} ({NAMES[kind]})"
    if kind == "docx":
        from guide_builder.importer.read_docx import read_docx

        blocks, title = read_docx(path, notes)
    elif kind == "html":
        from guide_builder.importer.read_html import read_html

        blocks, title = read_html(data, notes)
    else:
        from guide_builder.importer.read_text import read_text

        blocks, title = read_text(decode(path, data, notes), notes, markdown=kind == "markdown")
    if not blocks:
        raise ImportProblem(f"{path.name} has no text to import",
                            "check that this is the article (a saved web page may hold only its frame)")
    return blocks, title


def _sniff(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    return "text"


def decode(path: Path, data: bytes, notes: Notes) -> str:
    """Text of a file: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportProblem(f"{path.name} is not a text file",
                            "import plain text, Markdown, HTML or Word .docx files")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            notes.check("", "the file is not UTF-8; it was read as Windows-1252 text (check curly quotes)")
    return text.replace("\r\n", "\n").replace("\r", "\n")
