"""Cut page ranges out of the book as separate PDFs (one per week) that keep the book's numbering.

Contract: `split_pages` takes the workbook's PDF bytes and named page ranges and returns one
PDF per name. Each keeps the source's page labels for its pages (so "turn to page 14" works
in the book and the handout), the outline entries that point into its pages, the links and
form fields on its pages, and the source's document information with its own title. Same
input bytes, same output bytes.
"""

from __future__ import annotations

import hashlib
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

from guide_builder.finish.metadata import copy_document_info, new_writer, read_pdf, write_pdf

MAX_TREE_DEPTH = 32  # number trees nest a few levels at most; deeper means a broken file

LabelRange = tuple[int, DictionaryObject]  # (first page index, label dictionary /S /P /St)


def split_pages(
    pdf: bytes,
    ranges: dict[str, tuple[int, int]],
    *,
    titles: dict[str, str] | None = None,
) -> dict[str, bytes]:
    """One PDF per key of `ranges`, holding pages first..last (0-based, inclusive) of `pdf`.

    Page labels, outline entries, links and form fields that fall inside the range are kept;
    the title is `titles[key]` when given (else the book's), the other document information
    comes from the book. Raises ValueError for a range outside the book or reversed.
    """
    reader = read_pdf(pdf, "the book PDF")
    count = len(reader.pages)
    for key, (first, last) in ranges.items():
        if not 0 <= first <= last < count:
            raise ValueError(f"{key}: pages {first}..{last} are not within the book's {count} pages")
    labels = page_label_ranges(reader)
    digest = hashlib.sha256(pdf).digest()
    result: dict[str, bytes] = {}
    for key, (first, last) in ranges.items():
        writer = new_writer(reader)
        writer.append(reader, pages=(first, last + 1), import_outline=True)
        _set_page_labels(writer, slice_label_ranges(labels, first, last))
        if writer.outline and "/PageMode" in reader.root_object:
            writer.root_object[NameObject("/PageMode")] = NameObject(str(reader.root_object["/PageMode"]))
        title = (titles or {}).get(key)
        copy_document_info(reader, writer, overrides={"/Title": title} if title is not None else None)
        seed = digest + f"|{key}|{first}|{last}|{title}".encode()
        result[key] = write_pdf(writer, seed)
    return result


def page_label_ranges(reader: PdfReader) -> list[LabelRange]:
    """The book's /PageLabels as (first page index, label dict) in page order.

    A book without page labels is numbered 1, 2, ... (decimal from 1), which is what a
    viewer shows for it; that is returned as one range, so a cut keeps those numbers too.
    """
    default: LabelRange = (0, DictionaryObject({NameObject("/S"): NameObject("/D")}))
    tree = reader.root_object.get("/PageLabels")
    if tree is None:
        return [default]
    found: list[LabelRange] = []
    _collect_nums(tree.get_object(), found, 0)
    found.sort(key=lambda entry: entry[0])
    if not found or found[0][0] > 0:
        found.insert(0, default)
    return found


def slice_label_ranges(labels: list[LabelRange], first: int, last: int) -> list[LabelRange]:
    """The label ranges for pages first..last, renumbered from 0, each starting where the book had it.

    A range that began before `first` starts the cut with its /St advanced by the pages skipped.
    """
    sliced: list[LabelRange] = []
    for position, (start, label) in enumerate(labels):
        end = labels[position + 1][0] - 1 if position + 1 < len(labels) else last
        if end < first or start > last:
            continue
        skipped = max(0, first - start)
        kept = {NameObject(k): v.get_object() for k, v in label.items() if k in ("/S", "/P")}
        new_label = DictionaryObject(kept)
        number = int(label.get("/St", 1)) + skipped
        if number != 1:
            new_label[NameObject("/St")] = NumberObject(number)
        sliced.append((max(start, first) - first, new_label))
    return sliced


def _collect_nums(node: Any, found: list[LabelRange], depth: int) -> None:
    """Walk a number tree (/Nums leaves, /Kids branches) collecting its entries."""
    if depth > MAX_TREE_DEPTH or not isinstance(node, DictionaryObject):
        return
    nums = node.get("/Nums")
    if nums is not None:
        nums = nums.get_object()
        for index in range(0, len(nums) - 1, 2):
            label = nums[index + 1].get_object()
            if isinstance(label, DictionaryObject):
                found.append((int(nums[index]), label))
    for kid in node.get("/Kids", ArrayObject()).get_object():
        _collect_nums(kid.get_object(), found, depth + 1)


def _set_page_labels(writer: PdfWriter, labels: list[LabelRange]) -> None:
    """Write `labels` as the writer's /PageLabels number tree (a single /Nums leaf)."""
    nums = ArrayObject()
    for start, label in labels:
        nums.extend([NumberObject(start), label])
    writer.root_object[NameObject("/PageLabels")] = DictionaryObject({NameObject("/Nums"): nums})
