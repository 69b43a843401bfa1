"""Bad front matter: each case is refused with the week file's line and a hint, or renders as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.helpers import GOOD, WEEK_FILE, assert_refused, assert_renders, front, study_with_pdf

# id -> (week file text, line, message start)
REFUSED: dict[str, tuple[str, int, str]] = {
    "malformed-yaml": (front("week: 1\ntitle: [unclosed"), 3, "the front matter is not valid YAML"),
    "unclosed": ("---\nweek: 1\ntitle: Abide\n\n## Teaching\n\nText.\n", 1, "the front matter is not closed"),
    "python-tag": (front("week: 1\ntitle: !!python/object/apply:os.system ['echo hi']"), 3,
                   "YAML tags are not allowed here (!!python/object/apply:os.system)"),
    "python-tag-in-list": (front("week: 1\ntitle: T\nscriptures:\n  - !!python/name:os.system"), 5,
                           "YAML tags are not allowed here (!!python/name:os.system)"),
    "custom-tag": (front("week: 1\ntitle: !include secrets.txt"), 3,
                   "YAML tags are not allowed here (!include)"),
    "binary-tag": (front("week: 1\ntitle: !!binary aGVsbG8="), 3,
                   "YAML tags are not allowed here (!!binary)"),
    "week-text": (front('week: "two"\ntitle: T'), 2, "`week` must be a whole number, not 'two'"),
    "week-true": (front("week: true\ntitle: T"), 2, "`week` must be a whole number, not 'true'"),
    "week-zero": (front("week: 0\ntitle: T"), 2, "`week` must be between 1 and 999, not 0"),
    "week-negative": (front("week: -3\ntitle: T"), 2, "`week` must be a whole number, not '-3'"),
    "week-float": (front("week: 1.5\ntitle: T"), 2, "`week` must be a whole number, not '1.5'"),
    "week-huge": (front("week: 99999999999999999999\ntitle: T"), 2, "`week` must be between 1 and 999"),
    "week-list": (front("week: [1]\ntitle: T"), 2, "`week` must be a whole number"),
    "week-missing": (front("title: T"), 2, "the week has no `week` number"),
    "title-missing": (front("week: 1"), 2, "the week has no `title`"),
    "title-empty": (front('week: 1\ntitle: ""'), 3, "`title` must be a line of text"),
    "title-null": (front("week: 1\ntitle:"), 3, "`title` must be a line of text"),
    "title-mapping": (front("week: 1\ntitle: {a: 1}"), 3, "`title` must be a line of text"),
    "duplicate-key": (front("week: 1\ntitle: A\ntitle: B"), 4, "`title` is given twice"),
    "date-feb-30": (front("week: 1\ntitle: T\ndate: 2024-02-30"), 4,
                    "`date` '2024-02-30' is not a real date in the form YYYY-MM-DD"),
    "date-us-format": (front("week: 1\ntitle: T\ndate: 01/11/2026"), 4,
                       "`date` '01/11/2026' is not a real date"),
    "unknown-field": (front("week: 1\ntitle: T\nauthor: Me"), 4, "unknown front matter field `author`"),
    "deep-nesting": (front("week: 1\ntitle: T\nscriptures: " + "[" * 50 + "]" * 50), 2,
                     "the front matter is nested too deeply"),
    "recursion-deep-nesting": (front("week: 1\ntitle: T\nscriptures: " + "[" * 5000 + "]" * 5000), 2,
                               "the front matter is nested too deeply"),
    "two-megabytes": (front('week: 1\ntitle: T\nbig_idea: "' + "a" * 2_000_000 + '"'), 2,
                      "the front matter is too large"),
    "a-list-not-a-mapping": (front("- week: 1\n- title: T"), 2,
                             "the front matter must be `key: value` lines"),
    "empty": (front(""), 2, "the front matter is empty"),
    "complex-key": (front("? [a]\n: 1\nweek: 1\ntitle: T"), 2, "a front matter key must be a plain word"),
    "tab-indent": (front("week: 1\ntitle: T\nscriptures:\n\t- John 1:1"), 5,
                   "the front matter is not valid YAML"),
    "scriptures-mapping": (front("week: 1\ntitle: T\nscriptures: {a: 1}"), 4,
                           "`scriptures` must be a list of references"),
    "scripture-not-a-book": (front("week: 1\ntitle: T\nscriptures:\n  - Hezekiah 1:1"), 5,
                             "'Hezekiah 1:1': 'Hezekiah 1:1' is not a scripture reference"),
    "scripture-no-such-chapter": (front("week: 1\ntitle: T\nscriptures:\n  - John 99:1"), 5,
                                  "'John 99:1': John has 21 chapters"),
    "scripture-text-not-text": (front("week: 1\ntitle: T\nscriptures:\n  - ref: John 1:1\n    text: [1]"), 5,
                                "`text` must be text"),
    "memory-verse-without-ref": (front("week: 1\ntitle: T\nmemory_verse: {text: x}"), 4,
                                 "a `memory_verse` entry has no reference"),
    "unknown-layout": (front("week: 1\ntitle: T\nlayout: nope"), 4, "unknown layout 'nope'"),
    "layout-not-text": (front("week: 1\ntitle: T\nlayout: [a]"), 4, "`layout` must be a line of text"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_bad_front_matter_is_refused(tmp_path: Path, case: str) -> None:
    text, line, message = REFUSED[case]
    study = study_with_pdf(tmp_path / "s")
    (study / WEEK_FILE).write_text(text, encoding="utf-8")
    assert_refused(study, f"{WEEK_FILE}:{line}", message)


def test_nul_in_front_matter_is_located(tmp_path: Path) -> None:
    """PyYAML reports a bad character without a mark: the message still names the line."""
    study = study_with_pdf(tmp_path / "s")
    (study / WEEK_FILE).write_text(front('week: 1\ntitle: "a\0b"'), encoding="utf-8")
    result = assert_refused(study, f"{WEEK_FILE}:3", "the front matter is not valid YAML")
    assert "special characters are not allowed" in result.stderr


def test_duplicate_week_numbers_are_refused(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / "content" / "week-01-again.md").write_text(GOOD, encoding="utf-8")
    assert_refused(study, "content/week-01-again.md:2", "week 1 is also week-01-abide.md")


@pytest.mark.parametrize(("fields", "shown"), [
    ("title: no", "no"),            # YAML 1.1 would read False
    ("title: 12:30", "12:30"),      # YAML 1.1 would read 750 (base 60)
    ("title: 1e3", "1e3"),
    ("title: null", "null"),
    ("title: ~ and more", "~ and more"),
    ("title: 2026-01-11", "2026-01-11"),
])
def test_yaml_1_1_surprises_keep_the_text_as_written(tmp_path: Path, fields: str, shown: str) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / WEEK_FILE).write_text(front(f"week: 1\n{fields}"), encoding="utf-8")
    text, _ = assert_renders(study)
    assert shown in text


def test_anchors_and_aliases_are_plain_data(tmp_path: Path) -> None:
    fields = "week: 1\ntitle: &t Abide\nbig_idea: *t\nscriptures: &s\n  - John 15:5\nmemory_verse: John 15:5"
    study = study_with_pdf(tmp_path / "s")
    (study / WEEK_FILE).write_text(front(fields), encoding="utf-8")
    text, _ = assert_renders(study)
    assert text.count("Abide") >= 2
