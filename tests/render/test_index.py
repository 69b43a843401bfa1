"""The scripture index: merging and order."""

from __future__ import annotations

from guide_builder.render.index import merge_entries
from guide_builder.scripture import parse_reference


def test_overlapping_verses_merge_and_chapters_stay_apart() -> None:
    entries = {
        parse_reference("John 15:1-5"): [("3", "page-7")],
        parse_reference("John 15:4-8"): [("5", "page-9")],
        parse_reference("John 15"): [("2", "page-6")],
        parse_reference("Ps 23:1"): [("1", "page-5")],
    }
    merged = merge_entries(entries)
    labels = {ref.label(): [label for label, _ in pages] for ref, pages in merged.items()}
    assert labels == {"John 15:1-8": ["3", "5"], "John 15": ["2"], "Psalm 23:1": ["1"]}
    assert [r.label() for r in sorted(merged)] == ["Psalm 23:1", "John 15", "John 15:1-8"]
