"""Files and folders: only regular files inside the study are read; everything else is located."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run_guide
from tests.hardening.helpers import GOOD, WEEK_FILE, assert_refused, assert_renders, study_with_pdf


def test_no_week_files(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / WEEK_FILE).unlink()
    assert_refused(study, "content", "the study has no week files")


def test_no_content_folder(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / WEEK_FILE).unlink()
    (study / "content").rmdir()
    assert_refused(study, "content", "the study has no week files")


def test_folder_without_guide_toml_is_not_a_study(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_guide("build", tmp_path / "empty")
    assert result.code == 1
    assert "guide.toml: this folder is not a study: it has no guide.toml" in result.stderr
    assert "guide new" in result.stderr


def test_guide_toml_that_is_a_folder(tmp_path: Path) -> None:
    study = tmp_path / "s"
    (study / "guide.toml").mkdir(parents=True)
    result = run_guide("check", study)
    assert result.code == 1
    assert "this folder is not a study" in result.stderr


@pytest.mark.parametrize(("text", "message"), [
    ("", "the week file does not start with front matter"),
    ("  \n\n\t\n", "the week file does not start with front matter"),
    ("\0\0\0", "the week file does not start with front matter"),
])
def test_empty_whitespace_or_binary_week_file(tmp_path: Path, text: str, message: str) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / WEEK_FILE).write_text(text, encoding="utf-8")
    assert_refused(study, f"{WEEK_FILE}:1", message)


def test_junk_files_are_ignored(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    content = study / "content"
    (content / ".DS_Store").write_bytes(b"\x00\x01junk")
    (content / "week-01-abide.md~").write_text("backup")
    (content / ".week-01-abide.md.swp").write_bytes(b"\x00swap")
    (content / "#week-01-abide.md#").write_text("emacs")
    (content / "week-02.md.bak").write_text("backup")
    (content / "._week-01-abide.md").write_bytes(b"\x00\x05\x16\x07mac resource fork")
    (content / "notes.txt").write_text("not a week")
    _, result = assert_renders(study)
    assert "warning" not in result.stderr


def test_folder_named_like_a_week_is_a_warning(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / "content" / "week-02.md").mkdir()
    _, result = assert_renders(study)
    assert "content/week-02.md: warning: a folder with a file name is ignored" in result.stderr


def test_symlink_outside_the_study_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text(GOOD)
    study = study_with_pdf(tmp_path / "s")
    (study / "content" / "week-02.md").symlink_to(outside)
    assert_refused(study, "content/week-02.md", "the file links to a place outside the study folder")


def test_layout_linked_from_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "x.toml"
    outside.write_text('name = "x"\n')
    study = study_with_pdf(tmp_path / "s")
    (study / "layouts").mkdir()
    (study / "layouts" / "x.toml").symlink_to(outside)
    assert_refused(study, "layouts/x.toml", "the file links to a place outside the study folder")


def test_symlink_loop_is_located(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    loop = study / "content" / "week-09.md"
    loop.symlink_to(loop)
    assert_refused(study, "content/week-09.md", "the file cannot be opened (broken or looping link)")


def test_dangling_symlink_is_located(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / "content" / "week-02.md").symlink_to(tmp_path / "gone.md")
    assert_refused(study, "content/week-02.md", "the file cannot be opened (broken or looping link)")


def test_symlinked_content_folder_loop_does_not_hang(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / "content" / "again").symlink_to(study / "content")
    assert_renders(study)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_located(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / WEEK_FILE).chmod(0)
    assert_refused(study, WEEK_FILE, "the file cannot be read: Permission denied")


def test_fifo_is_not_read(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    os.mkfifo(study / "content" / "week-02.md")
    assert_refused(study, "content/week-02.md", "this is not a regular file")


def test_week_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    with open(study / "content" / "week-02.md", "wb") as stream:
        stream.truncate(9 * 1024 * 1024)  # sparse: nothing is really written
    assert_refused(study, "content/week-02.md", "the file is too large (9 MB)")
