"""Every built-in layout renders the sample week cleanly: no ink outside the text frame."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2
import pytest

from guide_builder.errors import Collector
from guide_builder.layout import LayoutResolver, builtin_layout_files
from tests.conftest import REPO, run_guide

BUILTINS = sorted(source.path.stem for source in builtin_layout_files())


def test_the_builtin_set_is_complete() -> None:
    assert {"standard", "handout", "journal", "two-column", "large-print", "leader"} <= set(BUILTINS)


@pytest.mark.parametrize("name", BUILTINS)
def test_layout_keeps_ink_inside_the_frame(name: str, tmp_path: Path) -> None:
    study = tmp_path / "study"
    shutil.copytree(REPO / "content", study / "content")
    shutil.copytree(REPO / "layouts", study / "layouts")
    toml = (REPO / "guide.toml").read_text().replace('layout = "standard"', f'layout = "{name}"')
    (study / "guide.toml").write_text(toml)
    week = study / "content" / "week-03-abide-in-the-vine.md"
    week.write_text(week.read_text().replace("layout: retreat\n", ""))
    result = run_guide("build", study, "--week", "3")
    assert result.code == 0, result.stderr
    layout = LayoutResolver((), REPO, Collector()).resolve(name)
    margins = layout.margins
    pdf = pypdfium2.PdfDocument(study / "output" / "draw-near-week-03.pdf")
    scale = 0.5
    try:
        for index in range(len(pdf)):
            image = pdf[index].render(scale=scale).to_pil().convert("L")
            width, height = image.size
            recto = index % 2 == 0
            left = (margins.inside if recto else margins.outside) * scale
            right = width - (margins.outside if recto else margins.inside) * scale
            top, bottom = margins.top * scale, height - margins.bottom * scale
            for y in range(int(top) + 2, int(bottom) - 2, 2):
                for x in list(range(0, int(left) - 2, 2)) + list(range(int(right) + 2, width, 2)):
                    assert image.getpixel((x, y)) > 200, f"{name}: ink at {x},{y} on page {index + 1}"
    finally:
        pdf.close()
