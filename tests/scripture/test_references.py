"""Unit tests for reference recognition, one group per rule of issue 3."""

from __future__ import annotations

import subprocess
import sys

import pytest

from guide_builder.scripture import (
    FoundReference,
    Reference,
    book_count_chapters,
    book_name,
    chapter_verse_count,
    find_references,
    merge_references,
    resolve_book_name,
)


def osis(text: str, context: str | None = None) -> list[str]:
    """OSIS ids of every reference found (valid or not)."""
    ctx = Reference.from_osis(context) if context else None
    return [f.reference.osis() for f in find_references(text, ctx)]


# -- book names and abbreviations ------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Gen 1:1", "Gen.1.1"), ("Ex 3:14", "Exod.3.14"), ("Exod. 3:14", "Exod.3.14"),
        ("Lev 19:18", "Lev.19.18"), ("Dt 6:4", "Deut.6.4"), ("Deut. 6:4", "Deut.6.4"),
        ("1Sa 17:45", "1Sam.17.45"), ("1 Sam 17:45", "1Sam.17.45"),
        ("I Samuel 17:45", "1Sam.17.45"), ("First Samuel 17:45", "1Sam.17.45"),
        ("2Ki 6:17", "2Kgs.6.17"), ("II Kings 6:17", "2Kgs.6.17"), ("Ps 23:1", "Ps.23.1"),
        ("Psa 23:1", "Ps.23.1"), ("Psalm 23:1", "Ps.23.1"), ("Psalms 23:1", "Ps.23.1"),
        ("Prov 3:5", "Prov.3.5"), ("Eccl 3:1", "Eccl.3.1"), ("Song of Songs 2:4", "Song.2.4"),
        ("Song of Solomon 2:4", "Song.2.4"), ("Isa 40:31", "Isa.40.31"),
        ("Is 40:31", "Isa.40.31"), ("Jer 29:11", "Jer.29.11"), ("Ezek 36:26", "Ezek.36.26"),
        ("Dan 6:10", "Dan.6.10"), ("Hos 6:6", "Hos.6.6"), ("Zec 4:6", "Zech.4.6"),
        ("Zech 4:6", "Zech.4.6"), ("Mt 5:3", "Matt.5.3"), ("Matt 5:3", "Matt.5.3"),
        ("Mk 1:35", "Mark.1.35"), ("Lk 15:20", "Luke.15.20"), ("Luk 15:20", "Luke.15.20"),
        ("Jn 3:16", "John.3.16"), ("Jhn 3:16", "John.3.16"), ("Ro 5:8", "Rom.5.8"),
        ("Rom 5:8", "Rom.5.8"), ("1Co 13:4", "1Cor.13.4"), ("1 Cor 13:4", "1Cor.13.4"),
        ("2Co 5:17", "2Cor.5.17"), ("Gal 2:20", "Gal.2.20"), ("Eph 2:8", "Eph.2.8"),
        ("Phil 4:13", "Phil.4.13"), ("Col 3:23", "Col.3.23"), ("1Th 5:16", "1Thess.5.16"),
        ("2Ti 3:16", "2Tim.3.16"), ("Tit 3:5", "Titus.3.5"), ("Phm 6", "Phlm.1.6"),
        ("Heb 11:1", "Heb.11.1"), ("Jas 4:8", "Jas.4.8"), ("1Pe 5:7", "1Pet.5.7"),
        ("2Pe 3:9", "2Pet.3.9"), ("1Jn 4:18", "1John.4.18"), ("1 John 4:18", "1John.4.18"),
        ("Jude 3", "Jude.1.3"), ("Rev 3:20", "Rev.3.20"), ("Rev. 3:20", "Rev.3.20"),
        ("1st Corinthians 15:58", "1Cor.15.58"), ("Third John 4", "3John.1.4"),
        ("III John 4", "3John.1.4"), ("JOHN 3:16", "John.3.16"),
    ],
)  # fmt: skip
def test_book_names_and_abbreviations(written: str, expected: str) -> None:
    assert osis(f"See {written} today.") == [expected]


def test_every_book_by_its_name() -> None:
    for book in range(1, 67):
        found = find_references(f"Read {book_name(book)} 1:1 first.")
        assert [f.reference for f in found] == [Reference.verses(book, 1, 1)], book_name(book)


# -- verse ranges ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dash", ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uff0d"]
)
def test_any_dash(dash: str) -> None:
    assert osis(f"John 3:16{dash}18") == ["John.3.16-John.3.18"]


def test_dash_with_spaces() -> None:
    assert osis("John 3:16 \u2013 18") == ["John.3.16-John.3.18"]


def test_cross_chapter_range() -> None:
    assert osis("John 3:16-4:2") == ["John.3.16-John.4.2"]
    found = find_references("John 3:16-4:2")[0]
    assert found.reference.label() == "John 3:16-4:2"


def test_chapter_and_chapter_ranges() -> None:
    assert osis("Psalm 23 and Matthew 5-7") == ["Ps.23", "Matt.5-Matt.7"]
    assert osis("Genesis 1:1-2:3") == ["Gen.1.1-Gen.2.3"]
    assert osis("Romans 1 through 3") == ["Rom.1-Rom.3"]


def test_single_chapter_books() -> None:
    assert osis("Jude 3") == ["Jude.1.3"]
    assert osis("Jude 1:3") == ["Jude.1.3"]
    assert osis("Jude 24-25") == ["Jude.1.24-Jude.1.25"]
    assert osis("Philemon 6, 2 John 6, 3 John 4, Obadiah 15") == [
        "Phlm.1.6", "2John.1.6", "3John.1.4", "Obad.1.15",
    ]  # fmt: skip
    assert osis("Jude 1") == ["Jude.1"]


def test_ff_and_f() -> None:
    assert osis("Rom 12:1ff") == ["Rom.12.1-Rom.12.21"]
    assert osis("Rom 12:1 ff.") == ["Rom.12.1-Rom.12.21"]
    assert osis("Rom 12:1f") == ["Rom.12.1-Rom.12.2"]


def test_partial_verses() -> None:
    found = find_references("John 3:16a and 1 Sam 16:7b-8")
    assert [f.reference.osis() for f in found] == ["John.3.16", "1Sam.16.7-1Sam.16.8"]
    assert found[0].end == len("John 3:16a")


def test_translation_suffix() -> None:
    found = find_references("Phil 4:13 (KJV) and Ps 46:10 NIV and Jn 1:1")
    assert [(f.reference.osis(), f.translation) for f in found] == [
        ("Phil.4.13", "KJV"), ("Ps.46.10", "NIV"), ("John.1.1", None),
    ]  # fmt: skip
    assert found[0].end == len("Phil 4:13")


# -- lists -----------------------------------------------------------------------------


def test_semicolon_list_with_chapter() -> None:
    assert osis("Jn 3:16; 4:1-3") == ["John.3.16", "John.4.1-John.4.3"]


def test_comma_list_of_verses() -> None:
    assert osis("Rom 8:28, 38-39") == ["Rom.8.28", "Rom.8.38-Rom.8.39"]


def test_new_book_after_comma_is_not_a_verse() -> None:
    # pythonbible reads this as Heb 11:6 and Heb 11:1
    assert osis("Heb 11:6, 1Jn 4:18") == ["Heb.11.6", "1John.4.18"]
    assert osis("John 10:10, 2 Cor 5:17") == ["John.10.10", "2Cor.5.17"]


def test_list_of_chapters() -> None:
    assert osis("Psalm 23, 91 and 121") == ["Ps.23", "Ps.91", "Ps.121"]


def test_list_offsets() -> None:
    text = "Jn 3:16; 4:1-3"
    found = find_references(text)
    assert [text[f.start : f.end] for f in found] == ["Jn 3:16", "4:1-3"]


# -- continuations ---------------------------------------------------------------------


def test_verse_only_continuations() -> None:
    text = "Read John 15:1-8. In v. 5 he says it; vv. 7-8 promise fruit; verse 11 is joy."
    assert osis(text) == ["John.15.1-John.15.8", "John.15.5", "John.15.7-John.15.8", "John.15.11"]


def test_and_and_through_continue_the_previous_reference() -> None:
    assert osis("John 3:16 and 18") == ["John.3.16", "John.3.18"]
    assert osis("Romans 8:28 through 30") == ["Rom.8.28-Rom.8.30"]
    assert osis("verses 4 and 5", "Ps.23") == ["Ps.23.4", "Ps.23.5"]


def test_context_resolves_leading_verse_references() -> None:
    assert osis("Look at verse 17.", "John.3.16") == ["John.3.17"]
    assert osis("Look at verse 17.") == []
    assert osis("In chapter 4 the tone changes.", "Jas.1.2") == ["Jas.4"]


def test_previous_reference_wins_over_context() -> None:
    assert osis("Psalm 46 first; v. 10 is the key.", "John.3.16") == ["Ps.46", "Ps.46.10"]


def test_paragraph_break_falls_back_to_context() -> None:
    text = "Read Romans 12:1-2.\n\nVerse 2 comes back next week."
    assert osis(text, "Jas.1.2-Jas.1.4") == ["Rom.12.1-Rom.12.2", "Jas.1.2"]
    assert osis(text) == ["Rom.12.1-Rom.12.2"]


def test_verse_of_book_forms() -> None:
    assert osis("Look at verse 3 of Psalm 23.") == ["Ps.23.3"]
    assert osis("verses 1-3 of John 15 say it") == ["John.15.1-John.15.3"]
    assert osis("In chapter 3 of John Jesus meets Nicodemus.") == ["John.3"]
    assert osis("verse 20 of Jude") == ["Jude.1.20"]
    assert osis("Read Rom 8. In verse 28 of the chapter Paul...") == ["Rom.8", "Rom.8.28"]


def test_spoken_forms() -> None:
    assert osis("John chapter 3 verse 16") == ["John.3.16"]
    assert osis("Romans 8, verse 1") == ["Rom.8.1"]


# -- no false positives ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mark my words.", "Job well done.", "Acts of kindness.", "We sang song 2.",
        "Write numbers 1 through 10.", "Numbers 1 through 10 are full.", "Dan 5 minutes late.",
        "We meet at 4:30.", "I am 5.", "Mark 4:30 pm works.", "Is 2.5% enough?",
        "Is 5 enough?", "Song 3 on the playlist.", "Luke 4 times a week.",
        "Ex 2 on the worksheet.", "Rev 2 of the handout.", "mark 3 papers",
        "Job 1 is to listen, job 2 is to pray.", "Room 12, page 4.", "ratio 3:1",
        "Tim 3 is not a book", "Corinthians 13 needs a number", "https://x.org/John3",
    ],
)  # fmt: skip
def test_ordinary_words_are_not_references(text: str) -> None:
    assert find_references(text) == []


def test_lowercase_needs_a_distinctive_name() -> None:
    assert osis("romans 8:28 and psalm 23") == ["Rom.8.28", "Ps.23"]
    assert osis("mark 5 and job 3") == []


# -- markdown --------------------------------------------------------------------------


def test_list_marker_is_not_a_book_number() -> None:
    assert osis("1. John 3:16 comes first") == ["John.3.16"]
    assert osis("  2. Peter 1:3 is not 2 Peter") == []  # "Peter" alone is no book
    assert osis("1 John 3:16") == ["1John.3.16"]
    assert osis("1. Read 1 John 4:7") == ["1John.4.7"]


def test_yaml_list_items_are_not_a_range() -> None:
    assert osis("scriptures:\n  - Psalm 46:10\n  - 11\n") == ["Ps.46.10"]
    assert osis("- James 4:8\n- Psalm 46:10") == ["Jas.4.8", "Ps.46.10"]


# -- invalid references ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem", "hint"),
    [
        ("John 22:1", "John has 21 chapters", "the last chapter is John 21"),
        ("Psalm 151", "Psalms has 150 chapters", "the last chapter is Psalm 150"),
        ("Acts 29", "Acts has 28 chapters", "the last chapter is Acts 28"),
        ("Psalm 23:7", "Psalm 23 has 6 verses", "the last verse is Psalm 23:6"),
        ("Jude 26", "Jude has 25 verses", "the last verse is Jude 25"),
        ("Jude 2:1", "Jude has 1 chapter", "write Jude and a verse, e.g. Jude 2"),
        ("John 3:0", "John 3 has no verse 0", "verses are numbered from 1"),
        ("John 3:18-16", "John 3:18-16 ends before it starts", "write the earlier verse first"),
    ],
)
def test_invalid_references_are_found_and_flagged(text: str, problem: str, hint: str) -> None:
    found = find_references(f"See {text} here.")
    assert len(found) == 1
    assert found[0].problem == problem
    assert found[0].hint == hint
    assert not found[0].valid


def test_invalid_in_a_list_is_kept() -> None:
    found = find_references("Jn 3:16; 4:99")
    assert [(f.reference.osis(), f.problem) for f in found] == [
        ("John.3.16", None), ("John.4.99", "John 4 has 54 verses"),
    ]  # fmt: skip


# -- Reference -------------------------------------------------------------------------


def test_labels() -> None:
    assert Reference.verses(62, 4, 18, 19).label() == "1 John 4:18-19"
    assert Reference(43, 3, 16, 4, 2).label() == "John 3:16-4:2"
    assert Reference.chapters(19, 23).label() == "Psalm 23"
    assert Reference.chapters(19, 1, 2).label() == "Psalms 1-2"
    assert Reference.verses(65, 1, 3).label() == "Jude 3"
    assert Reference.chapters(65, 1).label() == "Jude"
    assert Reference.verses(19, 46, 10).label() == "Psalm 46:10"
    assert str(Reference.verses(43, 3, 16)) == "John 3:16"


def test_osis_round_trip() -> None:
    for text in ["1John.4.18-1John.4.19", "John.3.16", "Ps.23", "Ps.1-Ps.2", "Jude.1.3"]:
        assert Reference.from_osis(text).osis() == text
    with pytest.raises(ValueError):
        Reference.from_osis("John.3.16-Acts.1.1")


def test_verse_ids() -> None:
    assert Reference.verses(43, 3, 16, 18).verse_ids() == (43003016, 43003017, 43003018)
    assert len(Reference.chapters(19, 23).verse_ids()) == 6
    assert Reference(43, 3, 35, 4, 1).verse_ids() == (43003035, 43003036, 43004001)
    assert Reference.verses(19, 23, 5, 9).verse_ids() == (19023005, 19023006)


def test_ordering_mixes_chapters_and_verses() -> None:
    refs = [
        Reference.verses(43, 3, 16), Reference.chapters(19, 23), Reference.chapters(43, 3),
        Reference.verses(1, 1, 1),
    ]  # fmt: skip
    assert [r.osis() for r in sorted(refs)] == ["Gen.1.1", "Ps.23", "John.3", "John.3.16"]


def test_reference_rejects_half_verses() -> None:
    with pytest.raises(ValueError):
        Reference(43, 3, 16, 3, None)
    with pytest.raises(ValueError):
        Reference(67, 1, None, 1, None)


def test_merge_references() -> None:
    refs = [
        Reference.verses(43, 3, 16, 18), Reference.verses(43, 3, 17, 20),
        Reference.verses(43, 3, 21), Reference.chapters(19, 23), Reference.verses(19, 23, 1),
        Reference.verses(43, 22, 1),
    ]  # fmt: skip
    assert [r.label() for r in merge_references(refs)] == [
        "Psalm 23", "John 3:16-20", "John 3:21",
    ]  # fmt: skip
    assert [r.label() for r in merge_references(refs, adjacent=True)] == [
        "Psalm 23", "John 3:16-21",
    ]  # fmt: skip


def test_counts() -> None:
    assert book_count_chapters(43) == 21
    assert book_count_chapters(19) == 150
    assert chapter_verse_count(19, 23) == 6
    assert chapter_verse_count(19, 119) == 176
    assert chapter_verse_count(43, 22) == 0
    assert chapter_verse_count(64, 1) == 14
    # WEB puts Romans 16:25-27 at 14:24-26: both places are valid
    assert chapter_verse_count(45, 14) == 26
    assert chapter_verse_count(45, 16) == 27
    assert chapter_verse_count(39, 4) == 6  # Malachi has 4 chapters (KJV versification)


def test_resolve_book_name() -> None:
    assert resolve_book_name("1 Jn") == 62
    assert resolve_book_name("II Kings") == 12
    assert resolve_book_name("1John") == 62
    assert resolve_book_name("Phlm") == 57
    assert resolve_book_name("Hezekiah") is None


# -- package hygiene -------------------------------------------------------------------


def test_found_reference_is_a_value() -> None:
    found = find_references("John 3:16")[0]
    assert found == FoundReference(0, 9, Reference.verses(43, 3, 16), None)


def test_import_is_cheap() -> None:
    code = (
        "import sys, guide_builder.scripture as s; s.find_references('John 3:16'); "
        "print(sorted(m for m in sys.modules if m.startswith(('pythonbible', 'reportlab', "
        "'pypdf'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_book_after_a_verse_is_looked_for_only_after_of_or_in() -> None:
    """The pattern of "verse 3 of Psalm 23" holds every book name and takes milliseconds to
    compile: it is compiled where a text first has " of " or " in " after a verse."""
    code = (
        "from guide_builder.scripture import find_references, _patterns as p\n"
        "assert [r.reference.label() for r in find_references('John 3:16, then v. 17 and verse 18.')] == "
        "['John 3:16', 'John 3:17', 'John 3:18']\n"
        "assert p.of_book.cache_info().currsize == 0\n"
        "found = find_references('Read verse 3 of Psalm 23, chapter 2 in the book of Ruth, '\n"
        "                        'and vv. 4 In Ruth 1.')\n"
        "print([r.reference.label() for r in found])\n"
        "assert p.of_book.cache_info().currsize == 1\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['Psalm 23:3', 'Ruth 2', 'Ruth 1:4']"


def test_references_pickle_as_their_numbers_and_come_back_equal() -> None:
    import pickle

    for ref in (Reference.verses(43, 3, 16), Reference(19, 1, None, 2, None), Reference(1, 1, 1, 2, 3)):
        data = pickle.dumps(ref, pickle.HIGHEST_PROTOCOL)
        back = pickle.loads(data)
        assert back == ref and hash(back) == hash(ref) and back.label() == ref.label()
        assert ref.__reduce__() == (Reference, (ref.book, ref.start_chapter, ref.start_verse,
                                                ref.end_chapter, ref.end_verse))
