"""Splitting the book into per-week PDFs: page labels, bookmarks, links, fields, metadata."""

from __future__ import annotations

import logging
from io import BytesIO

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, Destination, DictionaryObject, NameObject, NumberObject

from guide_builder.finish.split import split_pages
from tests.finish.books import make_book, token_positions

# A 20-page book: front matter i-iv, then the body 1-16 (page index 12 is labelled "9").
FRONT_AND_BODY = [(0, "ROMAN_LOWER", 1, None), (4, "ARABIC", 1, None)]
OUTLINE = [
    ("Contents", 1, 0),
    ("Week 1", 4, 0),
    ("Teaching", 5, 1),
    ("Questions", 8, 1),
    ("Week 2", 10, 0),
    ("Teaching 2", 11, 1),
    ("Index", 18, 0),
]


def book() -> bytes:
    return make_book(20, labels=FRONT_AND_BODY, outline=OUTLINE, title="Draw Near", links=True, fields=True)


def read(pdf: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf))


def outline_tree(reader: PdfReader, items: list | None = None) -> list:
    """The outline as nested (title, page index, children) tuples."""
    tree: list = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            title, page, _ = tree[-1]
            tree[-1] = (title, page, outline_tree(reader, item))
        else:
            assert isinstance(item, Destination)
            tree.append((item.title, reader.get_destination_page_number(item), []))
    return tree


def test_split_keeps_book_page_labels() -> None:
    parts = split_pages(book(), {"week-02": (12, 17), "front": (2, 5)})
    assert read(parts["week-02"]).page_labels == [str(n) for n in range(9, 15)]
    assert read(parts["front"]).page_labels == ["iii", "iv", "1", "2"]


def test_split_without_labels_keeps_physical_numbers() -> None:
    parts = split_pages(make_book(10), {"middle": (3, 5)})
    assert read(parts["middle"]).page_labels == ["4", "5", "6"]


def test_split_keeps_label_prefix_and_start() -> None:
    labelled = make_book(8, labels=[(0, "ARABIC", 5, "A-"), (6, "LETTERS_UPPER", 1, None)])
    parts = split_pages(labelled, {"cut": (2, 7)})
    assert read(parts["cut"]).page_labels == ["A-7", "A-8", "A-9", "A-10", "A", "B"]


def test_split_pages_are_the_range() -> None:
    parts = split_pages(book(), {"week-01": (4, 9)})
    tokens = [token_positions(page)[0][0] for page in read(parts["week-01"]).pages]
    assert tokens == [f"P{n:02d}" for n in range(5, 11)]


def test_split_carries_outline_entries_in_range() -> None:
    parts = split_pages(book(), {"week-01": (4, 9), "week-02": (10, 15)})
    assert outline_tree(read(parts["week-01"])) == [
        ("Week 1", 0, [("Teaching", 1, []), ("Questions", 4, [])]),
    ]
    assert outline_tree(read(parts["week-02"])) == [("Week 2", 0, [("Teaching 2", 1, [])])]
    assert read(parts["week-01"]).root_object["/PageMode"] == "/UseOutlines"


def test_split_metadata_title_from_titles_rest_from_book() -> None:
    parts = split_pages(book(), {"week-01": (4, 9), "week-02": (10, 15)}, titles={"week-01": "Week 1"})
    first, second = read(parts["week-01"]).metadata, read(parts["week-02"]).metadata
    assert first is not None and second is not None
    assert (first.title, first.author, first.subject) == ("Week 1", "Test Author", "Test Subject")
    assert second.title == "Draw Near"


def test_split_keeps_links_into_range_and_fields_on_its_pages() -> None:
    parts = split_pages(book(), {"start": (0, 2), "later": (4, 6)})
    start, later = read(parts["start"]), read(parts["later"])
    start_subtypes = [a.get_object()["/Subtype"] for a in start.pages[1]["/Annots"]]
    later_subtypes = [a.get_object()["/Subtype"] for a in later.pages[0]["/Annots"]]
    assert start_subtypes == ["/Link", "/Widget"]
    assert later_subtypes == ["/Widget"]  # its link pointed at page 1, which is not in this file
    assert sorted(later.get_fields() or {}) == ["answer4", "answer5", "answer6"]


def test_split_is_deterministic() -> None:
    ranges = {"week-01": (4, 9), "week-02": (10, 15)}
    first, second = split_pages(book(), ranges), split_pages(book(), ranges)
    assert first == second
    ids = {bytes(read(pdf).trailer["/ID"][0].original_bytes) for pdf in first.values()}
    assert len(ids) == 2


@pytest.mark.parametrize("bad", [(-1, 3), (5, 4), (18, 20)])
def test_split_rejects_ranges_outside_book(bad: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="bad"):
        split_pages(book(), {"bad": bad})


def test_split_logs_no_pypdf_warnings(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="pypdf"):
        split_pages(book(), {"a": (0, 3), "b": (4, 19)}, titles={"a": "A"})
    assert caplog.records == []


def test_split_reads_page_labels_from_a_nested_number_tree() -> None:
    writer = PdfWriter(clone_from=BytesIO(make_book(6)))
    leaves = [
        DictionaryObject(
            {
                NameObject("/Nums"): ArrayObject([NumberObject(start), label]),
                NameObject("/Limits"): ArrayObject([NumberObject(start), NumberObject(start + 2)]),
            }
        )
        for start, label in (
            (0, DictionaryObject({NameObject("/S"): NameObject("/r")})),
            (3, DictionaryObject({NameObject("/S"): NameObject("/D")})),
        )
    ]
    kids = ArrayObject(leaves)
    writer.root_object[NameObject("/PageLabels")] = DictionaryObject({NameObject("/Kids"): kids})
    buffer = BytesIO()
    writer.write(buffer)
    assert read(buffer.getvalue()).page_labels == ["i", "ii", "iii", "1", "2", "3"]
    parts = split_pages(buffer.getvalue(), {"cut": (2, 4)})
    assert read(parts["cut"]).page_labels == ["iii", "1", "2"]
