"""Lay pages rendered in another part of the book under the pages made for them.

The renderer may lay out a long book in two parts at once (guide_builder/render/parts.py).
The main part's PDF then has one page per page of the other part, carrying the running
heads, bookmarks, outline and index links at the right page numbers; here each page of
the other part becomes a form XObject drawn first on its page, and its annotations
(links) move with it. pikepdf (qpdf) does this without decoding any content stream and
copies shared objects such as fonts once, so it stays cheap for thousands of pages.
"""

from __future__ import annotations

import io

import pikepdf


def lay_under(pdf: bytes, underlays: tuple[tuple[int, bytes], ...]) -> bytes:
    """`pdf` with the pages of each (first page, part PDF) laid under its pages from `first`."""
    if not underlays:
        return pdf
    with pikepdf.open(io.BytesIO(pdf)) as book:
        parts = [pikepdf.open(io.BytesIO(data)) for _, data in underlays]
        try:
            for (first, _), part in zip(underlays, parts, strict=True):
                for offset, source in enumerate(part.pages):
                    _underlay(book, book.pages[first - 1 + offset], source)
            output = io.BytesIO()
            # Streams pass through as they are: no decoding and recompressing of content.
            book.save(output, deterministic_id=True, stream_decode_level=pikepdf.StreamDecodeLevel.none,
                      recompress_flate=False)
        finally:
            for part in parts:
                part.close()
    return output.getvalue()


def _underlay(book: pikepdf.Pdf, target: pikepdf.Page, source: pikepdf.Page) -> None:
    """Draw `source` (a page of another PDF, same size) first on `target`, keeping its links."""
    form = book.copy_foreign(source.as_form_xobject())
    name = target.add_resource(form, pikepdf.Name.XObject, pikepdf.Name("/GBPart"), replace_existing=False)
    target.contents_add(book.make_stream(b"q " + bytes(name.unparse()) + b" Do Q\n"), prepend=True)
    annotations = source.obj.get("/Annots")
    if annotations:
        copied = book.copy_foreign(annotations)
        existing = target.obj.get("/Annots")
        merged = pikepdf.Array(list(existing) if existing is not None else [])
        for annotation in copied:
            annotation.P = target.obj
            merged.append(annotation)
        target.obj.Annots = merged
