"""`guide import`: the command around `import_article` (files, --force, errors, summary)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_guide, write_study

ARTICLE = """\
Rest for the Weary

Many of us carry more than we were made to carry. Jesus invites us to come to Him.

Mt 11:28  Come to me, all you who labor and are heavily burdened, and I will give you rest.

Rest is not laziness; it is trust.

Discussion Questions

1. What are you carrying this week?
2. What would it look like to come to Jesus with it?
"""


def test_import_writes_a_week_that_checks_and_builds(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    article = tmp_path / "rest.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_guide("import", article, "--week", "2", "--into", study)
    assert result.code == 0, result.stderr
    written = study / "content" / "week-02-rest-for-the-weary.md"
    assert written.is_file()
    assert "passages: 1 found" in result.stdout and "Matthew 11:28" in result.stdout
    assert "questions: 2 found" in result.stdout
    text = written.read_text(encoding="utf-8")
    assert "week: 2" in text and "What are you carrying this week?" in text
    assert run_guide("check", study).code == 0
    assert run_guide("build", study, "--week", "2").code == 0


def test_import_never_overwrites_without_force(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    article = tmp_path / "rest.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert run_guide("import", article, "--week", "2", "--into", study).code == 0
    target = study / "content" / "week-02-rest-for-the-weary.md"
    target.write_text("my edits", encoding="utf-8")
    again = run_guide("import", article, "--week", "2", "--into", study)
    assert again.code == 1
    assert "already exists" in again.stderr and "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "my edits"
    forced = run_guide("import", article, "--week", "2", "--into", study, "--force")
    assert forced.code == 0
    assert "my edits" not in target.read_text(encoding="utf-8")


def test_import_title_and_layout_options(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    article = tmp_path / "rest.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_guide("import", article, "--week", "3", "--into", study, "--title", "Come and Rest",
                       "--layout", "handout")
    assert result.code == 0, result.stderr
    text = (study / "content" / "week-03-come-and-rest.md").read_text(encoding="utf-8")
    assert "title: Come and Rest" in text and "layout: handout" in text


def test_import_of_a_missing_or_unsupported_file_is_a_clear_error(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    missing = run_guide("import", tmp_path / "nope.txt", "--week", "2", "--into", study)
    assert missing.code == 1 and "nope.txt" in missing.stderr
    odd = tmp_path / "sheet.xlsx"
    odd.write_bytes(b"PK\x03\x04 not really")
    unsupported = run_guide("import", odd, "--week", "2", "--into", study)
    assert unsupported.code == 1 and "hint:" in unsupported.stderr
    assert sorted(p.name for p in (study / "content").iterdir()) == ["week-01-abide.md"]
