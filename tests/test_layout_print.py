"""A layout's [print] table asks for the print-shop file as `guide build --print-shop` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import GUIDE_TOML, run_guide, write_study

MM3 = 3 * 72 / 25.4


def study_with(tmp_path: Path, table: str) -> Path:
    return write_study(tmp_path / "s", toml=GUIDE_TOML + 'layout = "shop"\n', layouts={
        "shop.toml": f'name = "shop"\nextends = "standard"\n\n[print]\n{table}'})


def printed(study: Path) -> tuple[PdfReader, str]:
    reader = PdfReader(study / "output" / "test-study-print.pdf")
    return reader, reader.pages[0].get_contents().get_data().decode("latin-1")


def test_bleed_and_crop_marks_in_the_layout_write_the_print_file(tmp_path: Path) -> None:
    study = study_with(tmp_path, 'bleed = "3mm"\ncrop_marks = true\n')
    result = run_guide("build", study, "--verbose")
    assert result.code == 0, result.stderr
    reader, ops = printed(study)
    assert round(float(reader.pages[0].bleedbox.left), 2) == round(-MM3, 2)
    assert "1 1 1 1 K" in ops  # crop marks in registration colour
    assert "test-study-print.pdf: 0.11811in bleed" in result.stdout


def test_bleed_without_crop_marks(tmp_path: Path) -> None:
    study = study_with(tmp_path, 'bleed = "0.125in"\ncrop_marks = false\n')
    assert run_guide("build", study).code == 0
    reader, ops = printed(study)
    assert float(reader.pages[0].bleedbox.left) == -9.0
    assert float(reader.pages[0].mediabox.left) == -9.0
    assert "1 1 1 1 K" not in ops


def test_crop_marks_alone_have_no_bleed(tmp_path: Path) -> None:
    study = study_with(tmp_path, "crop_marks = true\n")
    assert run_guide("build", study).code == 0
    reader, ops = printed(study)
    assert float(reader.pages[0].bleedbox.left) == 0.0
    assert "1 1 1 1 K" in ops


def test_print_shop_flag_takes_the_layout_bleed_unless_bleed_is_given(tmp_path: Path) -> None:
    study = study_with(tmp_path, 'bleed = "3mm"\n')
    assert run_guide("build", study, "--print-shop").code == 0
    reader, ops = printed(study)
    assert round(float(reader.pages[0].bleedbox.left), 2) == round(-MM3, 2)
    assert "1 1 1 1 K" in ops  # --print-shop always draws crop marks
    assert run_guide("build", study, "--print-shop", "--bleed", "0.25in").code == 0
    assert float(printed(study)[0].pages[0].bleedbox.left) == -18.0


def test_no_print_table_no_print_file(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    assert run_guide("build", study).code == 0
    assert not (study / "output" / "test-study-print.pdf").exists()
    assert run_guide("build", study, "--print-shop").code == 0
    assert float(printed(study)[0].pages[0].bleedbox.left) == -9.0


@pytest.mark.parametrize(("table", "message"), [
    ('bleed = "1in"\n', "layouts/shop.toml:5: `print.bleed` is at most 0.5in"),
    ('bleed = "3"\n', "layouts/shop.toml:5: `print.bleed`: '3' is not a length: use a number with in, mm"),
    ("bleed = 3\n", "layouts/shop.toml:5: `print.bleed` must be text"),
    ('crop_marks = "yes"\n', "layouts/shop.toml:5: `print.crop_marks` must be true or false"),
    ("sides = 2\n", "layouts/shop.toml:5: unknown key `sides` in [print]"),
])
def test_print_table_is_validated(tmp_path: Path, table: str, message: str) -> None:
    result = run_guide("check", study_with(tmp_path, table))
    assert result.code == 1
    assert message in result.stderr
