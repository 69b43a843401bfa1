"""Layouts and page sizes that cannot work are refused with their file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GUIDE_TOML
from tests.hardening.helpers import GOOD, WEEK_FILE, assert_refused, assert_renders, study_with_pdf


def with_layout(tmp_path: Path, body: str) -> Path:
    """A built study whose week now uses layouts/x.toml (`name`, `extends` then `body`, from line 3)."""
    study = study_with_pdf(tmp_path / "s")
    (study / "layouts").mkdir()
    (study / "layouts" / "x.toml").write_text(f'name = "x"\nextends = "standard"\n{body}', "utf-8")
    (study / WEEK_FILE).write_text(GOOD.replace("title: Abide", "title: Abide\nlayout: x"), "utf-8")
    return study


@pytest.mark.parametrize(("body", "line", "message"), [
    ('[page]\nmargins = { top = "-1in" }\n', 4, "margin `top`: '-1in' is not a length"),
    ('[page]\nmargins = { top = "nanin" }\n', 4, "margin `top`: 'nanin' is not a length"),
    ('[page]\nmargins = { top = "1furlong" }\n', 4, "margin `top`: '1furlong' is not a length"),
    ('[fonts]\nbody = "Comic"\n', 4, "unknown font 'Comic' in `fonts.body`"),
    ('[fonts]\nbody = "/etc/passwd"\n', 4, "font file '/etc/passwd' is an absolute path"),
    ('[fonts]\nsize = "0pt"\n', 4, "`fonts.size` must be greater than zero"),
    ('[fonts]\nsize = "500pt"\n', 4, "`fonts.size` must be between 6pt and 36pt"),
    ("columns = 0\n", 3, "`columns` must be 1, 2 or 3"),
    ('columns = "two"\n', 3, "`columns` must be a whole number"),
    ('colour = "red"\n', 3, "unknown layout key `colour`"),
    ('sections = ["nope"]\n', 3, "unknown section kind 'nope' in `sections`"),
    ("[questions]\nanswer_lines = 100000\n", 4, "`answer_lines` must be from 0 to 40"),
    ("[questions]\nanswer_lines = nan\n", 4, "`questions.answer_lines` must be a whole number"),
    ("[notes]\npages = 100000\n", 4, "`notes.pages` must be from 0 to 20"),
    ('[header]\nleft = "{guide.__class__}"\n', 4, "unknown placeholder `{guide.__class__}` in `header.left`"),
    ('start_on = "left"\n', 3, "`start_on` must be one of any, recto"),
    ("name = \n", 3, "invalid TOML"),
    ('page.size = "x"\n', 3, "unknown page size 'x'"),  # a dotted key is located in this file
    ('fonts . size = "1pt"\n', 3, "`fonts.size` must be between 6pt and 36pt"),
])
def test_bad_layout_values_are_located(tmp_path: Path, body: str, line: int, message: str) -> None:
    assert_refused(with_layout(tmp_path, body), f"layouts/x.toml:{line}", message)


def test_margins_that_leave_no_frame_are_refused(tmp_path: Path) -> None:
    study = with_layout(tmp_path, '[page]\nmargins = { inside = "4in", outside = "4in" }\n')
    assert_refused(study, "layouts/x.toml", "layout 'x': the margins leave a text area of 0.50in x 9.25in")


def test_layout_extending_itself_is_refused(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / "layouts").mkdir()
    (study / "layouts" / "a.toml").write_text('name = "a"\nextends = "b"\n', "utf-8")
    (study / "layouts" / "b.toml").write_text('name = "b"\nextends = "a"\n', "utf-8")
    (study / WEEK_FILE).write_text(GOOD.replace("title: Abide", "title: Abide\nlayout: a"), "utf-8")
    assert_refused(study, "layouts/a.toml:2", "layout 'a' extends itself through a -> b -> a")


def test_markup_in_running_heads_is_text(tmp_path: Path) -> None:
    study = with_layout(tmp_path, '[header]\nleft = "<font size=99>x</font> & {guide.title}"\n')
    week = (study / WEEK_FILE).read_text("utf-8")
    (study / WEEK_FILE).write_text(week.replace("Abide in the vine.", "Abide in the vine.\n\n" * 80), "utf-8")
    text, _ = assert_renders(study)
    assert "<font size=99>x</font> & Test Study" in text


@pytest.mark.parametrize(("size", "message"), [
    ('"0in x 0in"', "page size '0in x 0in' is too small: each side must be at least 2in"),
    ('"-5in x 9in"', "unknown page size '-5in x 9in'"),
    ('"100000in x 9in"', "page size '100000in x 9in' is too large"),
    ('"banana"', "unknown page size 'banana'"),
    ("5", "`page_size` must be text"),
])
def test_impossible_page_sizes_are_located(tmp_path: Path, size: str, message: str) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / "guide.toml").write_text(GUIDE_TOML.replace('"letter"', size), "utf-8")
    assert_refused(study, "guide.toml:5", message)
