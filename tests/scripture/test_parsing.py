"""parse_reference: references written on their own (front matter, scripture titles)."""

from __future__ import annotations

import pytest

from guide_builder.scripture import (
    InvalidReference,
    Reference,
    ReferenceSyntaxError,
    ScriptureError,
    parse_reference,
    parse_reference_and_translation,
    parse_references,
)

# -- parse_reference -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "label"),
    [
        ("Ps 46:10-11", "Psalm 46:10-11"), ("1Jn 4:18\u201319 (KJV)", "1 John 4:18-19"),
        ("James 4:8", "James 4:8"), ("song 2:4", "Song of Songs 2:4"), ("Is 53", "Isaiah 53"),
        ("Jude 3", "Jude 3"), ("Ruth", "Ruth 1-4"), ("Jude", "Jude"), ("  John 3:16.  ", "John 3:16"),
        ("Revelation 3:20", "Revelation 3:20"), ("Psalm 23", "Psalm 23"),
    ],
)  # fmt: skip
def test_parse_reference(written: str, label: str) -> None:
    assert parse_reference(written).label() == label


def test_parse_reference_translation() -> None:
    ref, code = parse_reference_and_translation("1Jn 4:18\u201319 (KJV)")
    assert (ref.osis(), code) == ("1John.4.18-1John.4.19", "KJV")
    assert parse_reference_and_translation("John 3:16 NIV")[1] == "NIV"
    assert parse_reference_and_translation("John 3:16")[1] is None


@pytest.mark.parametrize("text", ["", "Hello 3:4", "John", "the book of life", "3:16"])
def test_parse_reference_syntax_errors(text: str) -> None:
    if text == "John":  # a bare book is the whole book
        assert parse_reference(text).osis() == "John.1-John.21"
        return
    with pytest.raises(ReferenceSyntaxError) as caught:
        parse_reference(text)
    assert isinstance(caught.value, ScriptureError)
    assert isinstance(caught.value, ValueError)
    assert caught.value.message and caught.value.hint


def test_parse_reference_suggests_a_book() -> None:
    with pytest.raises(ReferenceSyntaxError) as caught:
        parse_reference("Hebrew 11:1")
    assert "Hebrews" in caught.value.hint


def test_parse_reference_invalid() -> None:
    with pytest.raises(InvalidReference) as caught:
        parse_reference("John 22:1")
    assert caught.value.message == "John has 21 chapters"
    assert caught.value.hint == "the last chapter is John 21"
    assert caught.value.reference == Reference.verses(43, 22, 1)


def test_parse_reference_rejects_two() -> None:
    with pytest.raises(ReferenceSyntaxError):
        parse_reference("Jn 3:16; 4:1-3")
    assert [r.osis() for r in parse_references("Jn 3:16; 4:1-3 (KJV)")] == [
        "John.3.16", "John.4.1-John.4.3",
    ]  # fmt: skip


def test_parse_reference_with_context() -> None:
    assert parse_reference("v. 20", Reference.verses(66, 3, 14, 22)).osis() == "Rev.3.20"
