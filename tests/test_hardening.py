"""Bad input: every case ends in a located error (exit 1) or a valid PDF; never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import WEEK, pdf_text, run_guide, write_study

GOOD = WEEK.format(number=1, title="Abide")


def build(study: Path, *args: str):
    result = run_guide("build", study, *args)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_utf8_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", {})
    (study / "content" / "week-01.md").write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    result = build(study)
    assert result.code == 0, result.stderr


def test_utf16_with_bom_is_accepted(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", {})
    (study / "content" / "week-01.md").write_bytes(GOOD.encode("utf-16"))
    assert build(study).code == 0


def test_latin1_bytes_are_a_located_error(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", {})
    text = GOOD.replace("Abide in the vine.", "Caf\xe9 talk.")
    (study / "content" / "week-01.md").write_bytes(text.encode("latin-1"))
    result = build(study)
    assert result.code == 1
    assert "content/week-01.md:10: the file is not UTF-8" in result.stderr
    assert "save the file as UTF-8" in result.stderr


def test_junk_files_are_ignored(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    content = study / "content"
    (content / ".DS_Store").write_bytes(b"\x00\x01junk")
    (content / "week-01-abide.md~").write_text("backup")
    (content / ".week-01-abide.md.swp").write_bytes(b"\x00swap")
    (content / "notes.txt").write_text("not a week")
    assert build(study).code == 0


def test_folder_named_like_a_week_is_a_warning(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    (study / "content" / "week-02.md").mkdir()
    result = build(study)
    assert result.code == 0
    assert "a folder with a file name is ignored" in result.stderr


def test_empty_and_whitespace_files_are_located(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", {"week-01.md": "", "week-02.md": "  \n\n"})
    result = build(study)
    assert result.code == 1
    assert "content/week-01.md:1: the week file does not start with front matter" in result.stderr
    assert "content/week-02.md:1:" in result.stderr


def test_no_week_files(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", {})
    result = build(study)
    assert result.code == 1
    assert "the study has no week files" in result.stderr


def test_symlink_outside_the_study_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text(GOOD)
    study = write_study(tmp_path / "s", {})
    (study / "content" / "week-01.md").symlink_to(outside)
    result = build(study)
    assert result.code == 1
    assert "outside the study folder" in result.stderr


def test_symlink_loop_is_located(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    loop = study / "content" / "week-09.md"
    loop.symlink_to(loop)
    result = build(study)
    assert result.code == 1
    assert "week-09.md: the file cannot be opened" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_located(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    path = study / "content" / "week-01-abide.md"
    path.chmod(0)
    result = build(study)
    assert result.code == 1
    assert "cannot be read" in result.stderr


def test_fifo_is_not_read(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    os.mkfifo(study / "content" / "week-02.md")
    result = build(study)
    assert result.code == 1
    assert "not a regular file" in result.stderr


def test_markup_in_text_is_shown_as_text(tmp_path: Path) -> None:
    body = GOOD.replace(
        "Abide in the vine.",
        'Tom & Jerry <font size=999>big</font> <img src="/etc/passwd"/> '
        '<a href="javascript:alert(1)">x</a> <script>alert(1)</script> [y](file:///etc/passwd)',
    )
    study = write_study(tmp_path / "s", {"week-01.md": body})
    result = build(study, "--week", "1")
    assert result.code == 0, result.stderr
    path = study / "output" / "test-study-week-01.pdf"
    text = pdf_text(path)
    assert "Tom & Jerry" in text
    assert "<font size=999>big</font>" in text
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots", []) or []:
            action = annotation.get_object().get("/A", {})
            uri = str(action.get("/URI", ""))
            assert not uri.startswith(("javascript:", "file:")), uri


def test_pathological_markdown_finishes(tmp_path: Path) -> None:
    body = GOOD.replace("Abide in the vine.", "[" * 20000 + " " + "x" * 3000 + " " + "*a " * 2000)
    study = write_study(tmp_path / "s", {"week-01.md": body})
    result = build(study, "--week", "1")
    assert result.code == 0, result.stderr


def test_wide_table_and_deep_lists_fit(tmp_path: Path) -> None:
    table = "| " + " | ".join(f"col {i}" for i in range(14)) + " |\n|" + "---|" * 14 + "\n"
    table += "| " + " | ".join("word" * 6 for _ in range(14)) + " |\n"
    nested = "".join("  " * depth + "- level\n" for depth in range(12))
    body = GOOD.replace("Abide in the vine.", "Intro.\n\n" + table + "\n" + nested)
    study = write_study(tmp_path / "s", {"week-01.md": body})
    result = build(study, "--week", "1")
    assert result.code == 0, result.stderr


def test_long_quote_and_list_item_split_across_pages(tmp_path: Path) -> None:
    long = " ".join(["A long sentence that keeps going on and on."] * 400)
    body = GOOD.replace("Abide in the vine.", f"> {long}\n\n- {long}\n")
    study = write_study(tmp_path / "s", {"week-01.md": body})
    result = build(study, "--week", "1")
    assert result.code == 0, result.stderr
    assert len(PdfReader(study / "output" / "test-study-week-01.pdf").pages) >= 4


def test_greek_and_accented_latin_render(tmp_path: Path) -> None:
    body = GOOD.replace("Abide in the vine.", "Love is \u1f00\u03b3\u03ac\u03c0\u03b7; na\u00efve caf\u00e9.")
    study = write_study(tmp_path / "s", {"week-01.md": body})
    assert build(study, "--week", "1").code == 0
    text = pdf_text(study / "output" / "test-study-week-01.pdf")
    assert "\u03b3\u03ac\u03c0\u03b7" in text and "caf\u00e9" in text


def test_output_path_that_is_a_folder(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    (tmp_path / "out.pdf").mkdir()
    result = build(study, "--out", str(tmp_path / "out.pdf"))
    assert result.code == 1
    assert "the output path is a folder" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_output_folder(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    (study / "output").mkdir()
    (study / "output").chmod(0o555)
    result = build(study)
    assert result.code == 1
    assert "cannot write here" in result.stderr


def test_image_errors(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    (study / "content" / "bad.png").write_bytes(b"not an image")
    body = GOOD.replace("Abide in the vine.", "![broken](bad.png)\n\n![remote](https://example.org/x.png)\n\nText.")
    (study / "content" / "week-01-abide.md").write_text(body)
    result = build(study)
    assert result.code == 1
    assert "image 'bad.png' cannot be read" in result.stderr
    assert "is not a local file" in result.stderr


def test_layout_with_no_room_is_an_error(tmp_path: Path) -> None:
    layout = 'name = "tight"\nextends = "standard"\n[page]\nmargins = { inside = "4in", outside = "4in" }\n'
    week = GOOD.replace("title: Abide", "title: Abide\nlayout: tight")
    study = write_study(tmp_path / "s", {"week-01.md": week}, layouts={"tight.toml": layout})
    result = build(study)
    assert result.code == 1
    assert "layouts/tight.toml: layout 'tight': the margins leave a text area" in result.stderr
