"""Front matter: located problems, safe YAML, text kept as written."""

from __future__ import annotations

from pathlib import Path

from guide_builder.errors import Collector
from guide_builder.load import SourceFile
from guide_builder.parse.frontmatter import FrontMatterProblem, parse_front_matter
from guide_builder.parse.week import WeekParser


def parse(text: str, tmp_path: Path):
    problems = Collector()
    path = tmp_path / "content" / "week-01.md"
    week = WeekParser(tmp_path).parse(SourceFile(path, text), problems)
    return week, problems


def messages(problems: Collector) -> list[tuple[int | None, str]]:
    return [(d.line, d.message) for d in problems.errors]


def test_front_matter_missing_start_is_reported_on_line_1(tmp_path: Path) -> None:
    result = parse_front_matter(tmp_path / "w.md", "# hello\n")
    assert isinstance(result, FrontMatterProblem)
    assert result.line == 1
    assert "does not start with front matter" in result.message


def test_front_matter_unclosed_is_reported(tmp_path: Path) -> None:
    result = parse_front_matter(tmp_path / "w.md", "---\nweek: 1\ntitle: x\n")
    assert isinstance(result, FrontMatterProblem)
    assert "not closed" in result.message


def test_yaml_syntax_error_has_file_line(tmp_path: Path) -> None:
    week, problems = parse("---\nweek: 1\ntitle: [unclosed\n---\nbody\n", tmp_path)
    assert week is None
    (line, message), = messages(problems)
    assert line in (3, 4)
    assert "not valid YAML" in message


def test_unsafe_tag_is_refused_not_constructed(tmp_path: Path) -> None:
    text = "---\nweek: 1\ntitle: T\nscriptures:\n  - !!python/object/apply:os.system ['echo hi']\n---\n"
    _, problems = parse(text, tmp_path)
    assert problems.errors
    assert all("os.system" not in str(d.hint) for d in problems.errors)


def test_week_wrong_types_are_errors_with_lines(tmp_path: Path) -> None:
    for value in ('"two"', "true", "0", "1.5"):
        _, problems = parse(f"---\ntitle: T\nweek: {value}\n---\n", tmp_path)
        (line, message), = messages(problems)
        assert line == 3
        assert "`week` must be" in message


def test_missing_title_and_week_are_both_reported(tmp_path: Path) -> None:
    _, problems = parse("---\nlayout: standard\n---\nText\n", tmp_path)
    found = [message for _, message in messages(problems)]
    assert any("no `week`" in m for m in found)
    assert any("no `title`" in m for m in found)


def test_unknown_key_lists_valid_keys(tmp_path: Path) -> None:
    _, problems = parse("---\nweek: 1\ntitle: T\nsubtitel: x\n---\n", tmp_path)
    (error,) = problems.errors
    assert error.line == 4
    assert "unknown front matter field `subtitel`" in error.message
    assert "title" in error.hint and "scriptures" in error.hint


def test_yaml_no_stays_text_in_title(tmp_path: Path) -> None:
    week, problems = parse("---\nweek: 1\ntitle: no\nbig_idea: 12:30\n---\n", tmp_path)
    assert not problems.errors
    assert week is not None and week.title == "no"


def test_duplicate_key_is_reported(tmp_path: Path) -> None:
    _, problems = parse("---\nweek: 1\ntitle: A\ntitle: B\n---\n", tmp_path)
    (line, message), = messages(problems)
    assert line == 4
    assert "given twice" in message


def test_invalid_date_is_reported(tmp_path: Path) -> None:
    _, problems = parse("---\nweek: 1\ntitle: A\ndate: 2024-02-30\n---\n", tmp_path)
    (line, message), = messages(problems)
    assert line == 4
    assert "not a real date" in message


def test_bad_scripture_reference_is_located(tmp_path: Path) -> None:
    text = "---\nweek: 1\ntitle: A\nscriptures:\n  - John 3:16\n  - Hezekiah 4:2\n---\n"
    _, problems = parse(text, tmp_path)
    (line, message), = messages(problems)
    assert line == 6
    assert "Hezekiah" in message


def test_scripture_mapping_keeps_text_and_translation(tmp_path: Path) -> None:
    text = ("---\nweek: 1\ntitle: A\nscriptures:\n  - ref: Rev 3:20\n    text: Behold\n"
            "    translation: niv\n---\n")
    week, problems = parse(text, tmp_path)
    assert not problems.errors
    (item,) = week.scriptures
    assert (item.label, item.text, item.translation) == ("Revelation 3:20", "Behold", "NIV")
