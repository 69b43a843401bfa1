"""The finder's windowed search for where references begin finds what a plain search finds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks.make_study import make_study
from guide_builder.scripture import finder
from guide_builder.scripture._patterns import HEAD
from guide_builder.scripture.finder import _NUMBERS, find_references, next_head
from tests.scripture.dev_set import ALL_CASES

AWKWARD = [
    "1 John 3:16", "First  John   3:16", "second\u00a0\u00a0Corinthians \t 5:17",
    "I John 1:9 and II Kings 2:11", "Song of Songs 2:1; Canticle of Canticles 3",
    "read verses 3-5 and v. 20 of Psalm 23", "chapter 3 of John",
    "John chapter    3", "Rom.  8:28", "John" + " " * 90 + "3:16", "Gen" + "\u2009" * 70 + "1:1",
    "3 John 4, 2 John 1 and 1 Jn 5:7", "1Cor 13:4-7 12 23 Phil 4:13", "page 12 of Acts 2",
    "John 3:16John 3:17", "x1 John 2", "2nd Timothy 3:16 and 3rd John 1", "\u0661\u0662 John \u0663",
    "Mark 4:30 pm", "see Jude 3, Obad 1:4", "Lamentations\n3:22", "ch. 5 and chap 6",
]


def _texts(tmp_path: Path) -> list[str]:
    study = make_study(tmp_path / "study", 6, seed=9)
    generated = [path.read_text(encoding="utf-8") for path in sorted((study / "content").glob("*.md"))]
    pick = random.Random(3)
    words = ["John", "1", "3:16", "  ", "verse", "of", "Psalm", "chapter", "\u00a0", "Ps.", "II", "Kings",
             "and", "5", "-", "Song", "Songs", "the", "book", "first", "\n", ",", "Jn", "vv."]
    shuffled = [" ".join(pick.choice(words) for _ in range(pick.randint(1, 30))) for _ in range(400)]
    return [*AWKWARD, *(case.text for case in ALL_CASES), *generated, *shuffled]


def test_next_head_is_head_search_from_every_position(tmp_path: Path) -> None:
    checked = 0
    for text in _texts(tmp_path):
        numbers = [number.span() for number in _NUMBERS.finditer(text)]
        step = 1 if len(text) < 400 else 7
        for pos in range(0, len(text) + 1, step):
            plain, windowed = HEAD.search(text, pos), next_head(text, pos, numbers)
            assert (plain is None) == (windowed is None), (text[:80], pos)
            if plain is not None:
                assert plain.span() == windowed.span(), (text[:80], pos)
                assert plain.groupdict() == windowed.groupdict(), (text[:80], pos)
                checked += 1
    assert checked > 10000


def test_found_references_are_those_a_plain_search_finds(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts(tmp_path)
    ours = [find_references(text) for text in texts]
    monkeypatch.setattr(finder, "next_head", lambda text, pos, _numbers: HEAD.search(text, pos))
    assert [find_references(text) for text in texts] == ours
    assert sum(map(len, ours)) > 500
    assert [item.reference.osis() for item in find_references("Read John" + " " * 90 + "3:16 today.")] == [
        "John.3.16"]
