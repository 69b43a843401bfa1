"""A layout's `[page] size`: the book's page size when it is the study's layout; one size per book."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from tests.conftest import GUIDE_TOML, WEEK, run_guide, write_study

SMALL = '''\
name = "small"
extends = "standard"

[page]
size = "a5"
margins = { top = "0.6in", bottom = "0.7in", inside = "0.7in", outside = "0.6in" }
'''


def test_the_study_layout_sets_the_book_page_size(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", toml=GUIDE_TOML + 'layout = "small"\n', layouts={"small.toml": SMALL})
    result = run_guide("build", study)
    assert result.code == 0, result.stderr
    box = PdfReader(study / "output" / "test-study.pdf").pages[3].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)


def test_a_week_asking_for_another_page_size_is_an_error_naming_the_file(tmp_path: Path) -> None:
    week = WEEK.format(number=2, title="Small").replace("title: Small\n", "title: Small\nlayout: small\n")
    weeks = {"week-01.md": WEEK.format(number=1, title="One"), "week-02.md": week}
    study = write_study(tmp_path / "s", weeks, layouts={"small.toml": SMALL})
    result = run_guide("check", study)
    assert result.code == 1
    assert ("content/week-02.md:4: week 2 uses layout 'small', whose page size (a5) is not the book's "
            "(letter)") in result.stderr
    assert "hint: a book has one page size" in result.stderr


def test_a_bad_page_size_is_located(tmp_path: Path) -> None:
    bad = SMALL.replace('size = "a5"', 'size = "huge"')
    study = write_study(tmp_path / "s", toml=GUIDE_TOML + 'layout = "small"\n', layouts={"small.toml": bad})
    result = run_guide("check", study)
    assert result.code == 1
    assert "layouts/small.toml:5:" in result.stderr


def test_layouts_show_prints_the_size(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", layouts={"small.toml": SMALL})
    result = run_guide("layouts", "show", "small", "--study", study)
    assert result.code == 0, result.stderr
    assert 'size = "a5"' in result.stdout
