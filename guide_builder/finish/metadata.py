"""Shared finishing helpers: document information, stable file identifiers, byte output.

Contract: everything here takes pypdf readers and writers built by the other finish
modules and never invents a value that is not derived from its inputs, so the same
input bytes always give the same output bytes (no timestamps, no random /ID).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from io import BytesIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, NameObject, create_string_object

# Document information entries carried from the source book to every finished file.
# Dates are copied as they are (the renderer fixes them from SOURCE_DATE_EPOCH); none is made here.
INFO_KEYS: tuple[str, ...] = (
    "/Title",
    "/Author",
    "/Subject",
    "/Keywords",
    "/Creator",
    "/Producer",
    "/CreationDate",
    "/ModDate",
)

# Catalog entries that describe the whole document and stay true for a part of it.
CATALOG_KEYS: tuple[str, ...] = ("/Lang",)


def set_deterministic_id(writer: PdfWriter, seed: bytes) -> None:
    """Give `writer` a trailer /ID derived from `seed` (both halves equal, as for a new file).

    pypdf has no public setter for the file identifier, so this sets the writer's `_ID`
    attribute, which `PdfWriter` writes into the trailer when it is not None.
    """
    digest = hashlib.sha256(seed).digest()[:16]
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])


def new_writer(reader: PdfReader) -> PdfWriter:
    """An empty writer whose header keeps the source's PDF version (pypdf would write 1.3)."""
    writer = PdfWriter()
    writer.pdf_header = max(writer.pdf_header, reader.pdf_header)
    return writer


def copy_document_info(
    reader: PdfReader,
    writer: PdfWriter,
    *,
    overrides: dict[str, str] | None = None,
    keys: Iterable[str] = INFO_KEYS,
) -> None:
    """Copy the source's document information (and /Lang) to `writer`, then apply `overrides`.

    Keys absent from the source are not invented; `overrides` maps keys such as "/Title"
    to new text. The writer's default "/Producer: pypdf" is replaced by the source's
    producer when there is one.
    """
    info = reader.metadata or {}
    values = {key: str(info[key]) for key in keys if key in info}
    values.update(overrides or {})
    if values:
        writer.add_metadata(values)
    for key in CATALOG_KEYS:
        if key in reader.root_object:
            writer.root_object[NameObject(key)] = create_string_object(str(reader.root_object[key]))


def write_pdf(writer: PdfWriter, seed: bytes) -> bytes:
    """Serialise `writer` with a stable /ID derived from `seed`: same writer state, same bytes."""
    set_deterministic_id(writer, seed)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def read_pdf(data: bytes, what: str = "PDF") -> PdfReader:
    """Open PDF bytes for reading; `what` names the input in the ValueError raised for empty input."""
    if not data:
        raise ValueError(f"{what} is empty")
    return PdfReader(BytesIO(data))
