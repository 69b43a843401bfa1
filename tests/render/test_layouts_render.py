"""Every built-in layout prints the whole sample book cleanly, in both editions alike.

Pixel checks at low resolution (pypdfium2): no ink outside the text frame except the
running head and the page number in their own bands, on every page but the cover;
answer lines comfortable to write on.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image
from pypdf import PdfReader

from guide_builder.errors import Collector
from guide_builder.layout import LayoutResolver, builtin_layout_files
from guide_builder.model import Layout
from tests.conftest import REPO, run_guide
from tests.render.test_workbook import _starts

BUILTINS = sorted(source.path.stem for source in builtin_layout_files())
SCALE = 0.5  # 36 dpi
INK = 200  # a pixel darker than this is ink


def test_the_builtin_set_is_complete() -> None:
    assert {"standard", "handout", "journal", "two-column", "large-print", "leader"} <= set(BUILTINS)


def sample_in(layout: str, folder: Path) -> Path:
    study = folder / "study"
    shutil.copytree(REPO / "content", study / "content")
    shutil.copytree(REPO / "layouts", study / "layouts")
    toml = (REPO / "guide.toml").read_text().replace('layout = "standard"', f'layout = "{layout}"')
    (study / "guide.toml").write_text(toml)
    for week in (study / "content").glob("*.md"):  # every week in the layout under test
        week.write_text(re.sub(r"(?m)^layout: .*\n", "", week.read_text()))
    return study


def ink(image: Image.Image, box: tuple[float, float, float, float]) -> tuple[int, int, int, int] | None:
    """The bounding box of the ink inside `box` (left, top, right, bottom in pixels), or None."""
    left, top, right, bottom = (round(v) for v in box)
    if right <= left or bottom <= top:
        return None
    found = image.crop((left, top, right, bottom)).point(lambda v: 255 if v < INK else 0).getbbox()
    return None if found is None else (found[0] + left, found[1] + top, found[2] + left, found[3] + top)


def stray_ink(image: Image.Image, layout: Layout, recto: bool) -> list[str]:
    """Where ink falls outside the frame and outside the header and footer bands."""
    width, height = image.size
    margins = layout.margins
    left = (margins.inside if recto else margins.outside) * SCALE
    right = width - (margins.outside if recto else margins.inside) * SCALE
    top, bottom = margins.top * SCALE, height - margins.bottom * SCALE
    size = max(7.0, layout.font_size * 0.72)
    header = (margins.top - size * 2.4) * SCALE  # baseline, from the top edge
    footer = height - max(margins.bottom - size * 3.6, size * 2) * SCALE
    bands = {
        "left margin": (0, 0, left - 1, height),
        "right margin": (right + 1, 0, width, height),
        "above the header": (left, 0, right, header - size * 1.1 * SCALE),
        "between header and text": (left, header + size * 0.9 * SCALE, right, top - 1),
        "between text and footer": (left, bottom + 1, right, footer - (size + 0.8) * 1.1 * SCALE),
        "below the footer": (left, footer + (size + 0.8) * 0.4 * SCALE, right, height),
    }
    return [f"{name} at {found}" for name, box in bands.items() if (found := ink(image, box))]


@pytest.mark.parametrize("name", BUILTINS)
def test_layout_keeps_ink_inside_the_frame_and_editions_alike(name: str, tmp_path: Path) -> None:
    study = sample_in(name, tmp_path)
    layout = LayoutResolver((), REPO, Collector()).resolve(name)
    starts = []
    for edition in ("participant", "leader"):
        result = run_guide("build", study, "--edition", edition)
        assert result.code == 0, result.stderr
        path = study / "output" / ("draw-near-leader.pdf" if edition == "leader" else "draw-near.pdf")
        starts.append(_starts(PdfReader(path)))
        if edition == "participant" or name == "leader":
            problems = stray_ink_in(path, layout)
            assert not problems, f"{name} ({edition}): " + "; ".join(problems[:5])
    assert len([key for key in starts[0] if key.startswith("WEEK")]) == 6
    assert starts[0] == starts[1], f"{name}: weeks or questions start on other pages in the leader's edition"


def stray_ink_in(path: Path, layout: Layout) -> list[str]:
    """stray_ink on every page but the cover (which has its own, wider frame)."""
    pdf = pypdfium2.PdfDocument(path)
    try:
        problems = []
        for index in range(1, len(pdf)):
            image = pdf[index].render(scale=SCALE).to_pil().convert("L")
            problems += [f"page {index + 1}: {where}" for where in stray_ink(image, layout, index % 2 == 0)]
        return problems
    finally:
        pdf.close()


def test_the_check_sees_ink_in_a_margin(tmp_path: Path) -> None:
    layout = LayoutResolver((), REPO, Collector()).resolve("standard")
    image = Image.new("L", (306, 396), 255)
    assert stray_ink(image, layout, True) == []
    image.putpixel((10, 200), 0)
    assert stray_ink(image, layout, True) == ["left margin at (10, 200, 11, 201)"]


@pytest.mark.parametrize("name", BUILTINS)
def test_answer_lines_are_comfortable_to_write_on(name: str) -> None:
    layout = LayoutResolver((), REPO, Collector()).resolve(name)
    assert layout.line_gap >= 0.3 * 72, f"{name}: answer lines {layout.line_gap / 72:.2f}in apart"


def test_answer_lines_default_to_at_least_0_3in(tmp_path: Path) -> None:
    from guide_builder.load import SourceFile

    bare = SourceFile(tmp_path / "layouts" / "bare.toml", 'name = "bare"\n')
    layout = LayoutResolver((bare,), tmp_path, Collector()).resolve("bare")
    assert layout.line_gap >= 0.3 * 72

