"""Files that cannot be imported give an ImportProblem with a message and a hint."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from guide_builder.importer import ImportProblem, ImportResult, import_article

from .helpers import parse


def _problem(path: Path, week: int = 1) -> ImportProblem:
    with pytest.raises(ImportProblem) as caught:
        import_article(path, week)
    assert caught.value.message and caught.value.hint
    return caught.value


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "does not exist" in _problem(tmp_path / "nope.txt").message
    assert "folder" in _problem(tmp_path).message


@pytest.mark.parametrize(("suffix", "hint"), [(".pdf", ".txt"), (".doc", ".docx"), (".odt", ".docx"),
                                              (".rtf", ".docx"), (".pages", ".docx")])
def test_unsupported_formats_say_how_to_convert(tmp_path: Path, suffix: str, hint: str) -> None:
    path = tmp_path / f"study{suffix}"
    path.write_bytes(b"%PDF-1.4 whatever")
    problem = _problem(path)
    assert path.name in problem.message
    assert hint in problem.hint


def test_empty_binary_and_broken_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n   \n", encoding="utf-8")
    assert "no text" in _problem(empty).message
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "not a text file" in _problem(binary).message
    fake = tmp_path / "fake.docx"
    fake.write_text("this is not a zip file", encoding="utf-8")
    assert "not a Word .docx document" in _problem(fake).message
    chrome = tmp_path / "chrome.html"
    chrome.write_text("<html><body><nav>Home | About</nav><script>x()</script></body></html>",
                      encoding="utf-8")
    assert "no text" in _problem(chrome).message
    only_title = tmp_path / "title.md"
    only_title.write_text("# Just a Title\n", encoding="utf-8")
    assert "besides its title" in _problem(only_title).message


@pytest.mark.parametrize("week", [0, -1, 1000])
def test_week_number_out_of_range(tmp_path: Path, week: int) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nSome words here.\n", encoding="utf-8")
    assert "week number" in _problem(path, week).message


def test_result_is_frozen_and_a_title_is_found_even_without_one(tmp_path: Path) -> None:
    path = tmp_path / "no-title-here.txt"
    path.write_text("This article starts straight away with a long sentence that is not a title at all.\n",
                    encoding="utf-8")
    result = import_article(path, 12)
    assert isinstance(result, ImportResult)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.markdown = ""  # type: ignore[misc]
    week, _ = parse(result, tmp_path)
    assert week.title == "No title here"
    assert result.suggested_name == "week-12-no-title-here.md"
    assert any(line.startswith("check:") and "--title" in line for line in result.summary)
