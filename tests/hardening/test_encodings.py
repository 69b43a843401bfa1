"""Encodings and invisible characters: UTF-8 (BOM or not) and UTF-16 read; anything else located."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tests.conftest import GUIDE_TOML
from tests.hardening.helpers import GOOD, WEEK_FILE, assert_refused, assert_renders, study_with_pdf

LINES = GOOD.split("\n")


def with_bytes(tmp_path: Path, data: bytes, name: str = WEEK_FILE) -> Path:
    study = study_with_pdf(tmp_path / "s")
    (study / name).write_bytes(data)
    return study


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + GOOD.encode(),
    GOOD.replace("\n", "\r\n").encode(),
    GOOD.replace("\n", "\r").encode(),
    codecs.BOM_UTF8 + "".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(LINES)).encode(),
    GOOD.encode("utf-16"),
    codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"),
    GOOD.replace("\n", "\r\n").encode("utf-16-le").join([codecs.BOM_UTF16_LE, b""]),
], ids=["utf8-bom", "crlf", "cr", "mixed-endings", "utf16", "utf16-be", "utf16-le-crlf"])
def test_unicode_encodings_and_line_endings_are_read(tmp_path: Path, data: bytes) -> None:
    text, _ = assert_renders(with_bytes(tmp_path, data))
    assert "Abide in the vine." in text


def test_line_numbers_survive_crlf(tmp_path: Path) -> None:
    study = with_bytes(tmp_path, GOOD.replace("week: 1", "week: x").replace("\n", "\r\n").encode())
    assert_refused(study, f"{WEEK_FILE}:2", "`week` must be a whole number, not 'x'")


def test_latin1_bytes_are_a_located_error(tmp_path: Path) -> None:
    text = GOOD.replace("Abide in the vine.", "Caf\xe9 talk.")
    study = with_bytes(tmp_path, text.encode("latin-1"))
    result = assert_refused(study, f"{WEEK_FILE}:10", "the file is not UTF-8 (byte 0xe9 cannot be read)")
    assert "save the file as UTF-8" in result.stderr


def test_windows_1252_quotes_are_a_located_error(tmp_path: Path) -> None:
    study = with_bytes(tmp_path, GOOD.replace("title: Abide", "title: \x93Abide\x94").encode("latin-1"))
    assert_refused(study, f"{WEEK_FILE}:3", "the file is not UTF-8 (byte 0x93 cannot be read)")


def test_utf16_without_bom_is_a_located_error(tmp_path: Path) -> None:
    study = with_bytes(tmp_path, GOOD.encode("utf-16-le"))
    assert_refused(study, f"{WEEK_FILE}:1", "the week file does not start with front matter")


def test_truncated_utf16_is_located(tmp_path: Path) -> None:
    study = with_bytes(tmp_path, GOOD.encode("utf-16")[:-1])
    assert_refused(study, WEEK_FILE, "the file is not valid UTF-16")


def test_latin1_guide_toml_is_located(tmp_path: Path) -> None:
    study = with_bytes(tmp_path, GUIDE_TOML.replace("Test Group", "Caf\xe9").encode("latin-1"), "guide.toml")
    assert_refused(study, "guide.toml:3", "the file is not UTF-8")


def test_layout_with_bom_and_crlf_is_read(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / "layouts").mkdir()
    layout = 'name = "x"\r\nextends = "standard"\r\n[questions]\r\nanswer_lines = 2\r\n'
    (study / "layouts" / "x.toml").write_bytes(codecs.BOM_UTF8 + layout.encode())
    (study / WEEK_FILE).write_text(GOOD.replace("title: Abide", "title: Abide\nlayout: x"), "utf-8")
    assert_renders(study)


def test_control_characters_are_dropped(tmp_path: Path) -> None:
    body = "Bell\x07 escape\x1b[31m red\x7f nul\x00 done."
    text, _ = assert_renders(with_bytes(tmp_path, GOOD.replace("Abide in the vine.", body).encode()))
    assert "Bell escape[31m red nul done." in text


def test_invisible_characters_render_without_boxes(tmp_path: Path) -> None:
    body = "zero\u200bwidth join\u200d non\u200cjoin \u2060word \ufeffbom \u00adsoft."
    text, result = assert_renders(with_bytes(tmp_path, GOOD.replace("Abide in the vine.", body).encode()))
    assert "zero" in text and "soft." in text
    assert "\x00" not in text  # a missing glyph extracts as NUL
    assert "not in the fonts" not in result.stderr


def test_bidi_controls_are_removed_and_reported(tmp_path: Path) -> None:
    """Trojan-source style overrides would reorder what a reader sees; they are dropped with a warning."""
    body = "safe \u202eevil\u202c text \u2066iso\u2069 \u200fmark."
    text, result = assert_renders(with_bytes(tmp_path, GOOD.replace("Abide in the vine.", body).encode()))
    assert "evil" in text and "\u202e" not in text
    assert (f"{WEEK_FILE}:10: warning: invisible direction controls removed "
            "(U+200F, U+202C, U+202E, U+2066, U+2069)") in result.stderr
