"""Layout fonts: bundled family names, or the study's own .ttf files (checked before rendering)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from guide_builder.errors import Collector
from guide_builder.layout import LayoutResolver, layout_as_toml
from guide_builder.load import SourceFile
from guide_builder.model import StudyFont
from guide_builder.render.fonts import font_folder
from tests.conftest import GUIDE_TOML, run_guide, write_study

SANS = font_folder() / "NotoSans-Regular.ttf"
SANS_BOLD = font_folder() / "NotoSans-Bold.ttf"


def resolve(study: Path, text: str) -> tuple[object, Collector]:
    problems = Collector()
    source = SourceFile(study / "layouts" / "mine.toml", 'name = "mine"\nextends = "standard"\n' + text)
    layout = LayoutResolver((source,), study, problems).resolve("mine")
    return layout, problems


def with_fonts(tmp_path: Path) -> Path:
    study = tmp_path / "study"
    (study / "fonts").mkdir(parents=True)
    shutil.copy(SANS, study / "fonts" / "Mine-Regular.ttf")
    shutil.copy(SANS_BOLD, study / "fonts" / "Mine-Bold.ttf")
    return study


def test_one_file_serves_every_face(tmp_path: Path) -> None:
    study = with_fonts(tmp_path)
    layout, problems = resolve(study, '[fonts]\nbody = "fonts/Mine-Regular.ttf"\n')
    assert not problems.items
    font = layout.body_font
    assert isinstance(font, StudyFont)
    assert {file.written for file in font.faces().values()} == {"fonts/Mine-Regular.ttf"}
    assert (font.source, font.line) == (study / "layouts" / "mine.toml", 4)


def test_a_table_names_faces_and_bold_italic_falls_back_to_bold(tmp_path: Path) -> None:
    study = with_fonts(tmp_path)
    layout, problems = resolve(study, '[fonts]\nheading = { regular = "fonts/Mine-Regular.ttf", '
                                      'bold = "fonts/Mine-Bold.ttf" }\n')
    assert not problems.items
    faces = {face: file.written for face, file in layout.heading_font.faces().items()}
    assert faces == {"regular": "fonts/Mine-Regular.ttf", "bold": "fonts/Mine-Bold.ttf",
                     "italic": "fonts/Mine-Regular.ttf", "bold_italic": "fonts/Mine-Bold.ttf"}
    assert 'bold = "fonts/Mine-Bold.ttf"' in layout_as_toml(layout)


@pytest.mark.parametrize(("value", "message", "hint"), [
    ('"garamond"', "unknown font 'garamond' in `fonts.body`", "bundled families: serif, sans"),
    ('"fonts/Missing.ttf"', "font file 'fonts/Missing.ttf' does not exist", "relative to the study folder"),
    ('"/usr/share/fonts/x.ttf"', "font file '/usr/share/fonts/x.ttf' is an absolute path",
     "relative to the study folder"),
    ('"../outside.ttf"', "font file '../outside.ttf' is outside the study folder", "copy the file"),
    ('"fonts/notes.txt.ttf"', "font file 'fonts/notes.txt.ttf' is not a TrueType font", ".ttf"),
    ('"fonts/Cff.otf"', "font file 'fonts/Cff.otf' is an OpenType font with PostScript (CFF) outlines, "
     "which cannot be embedded", ".ttf"),
    ('"fonts/Cut.ttf"', "font file 'fonts/Cut.ttf' is a damaged TrueType font (its table directory is "
     "cut short)", "download the font again"),
    ('{ bold = "fonts/Mine-Bold.ttf" }', "`fonts.body` names no regular face", "regular ="),
    ('{ regular = "fonts/Mine-Regular.ttf", heavy = "x.ttf" }', "unknown face `heavy` in `fonts.body`",
     "faces: regular, bold, italic, bold_italic"),
    ('{ regular = 3 }', "`fonts.body.regular` must be the path of a .ttf file", "for example"),
    ("3", "`fonts.body` must be text or a table", "for example"),
])
def test_bad_fonts_are_located_errors(tmp_path: Path, value: str, message: str, hint: str) -> None:
    study = with_fonts(tmp_path)
    (study / "fonts" / "notes.txt.ttf").write_text("not a font")
    (study / "fonts" / "Cff.otf").write_bytes(b"OTTO" + bytes(100))
    (study / "fonts" / "Cut.ttf").write_bytes(SANS.read_bytes()[:40])
    (tmp_path / "outside.ttf").write_bytes(SANS.read_bytes())
    layout, problems = resolve(study, f"[fonts]\nbody = {value}\n")
    errors = [(d.line, d.message) for d in problems.errors]
    assert (4, message) in errors, errors
    assert any(hint in d.hint for d in problems.errors)
    assert layout is None or layout.body_font == "serif"


def test_a_link_out_of_the_study_is_refused(tmp_path: Path) -> None:
    study = with_fonts(tmp_path)
    shutil.copy(SANS, tmp_path / "elsewhere.ttf")
    (study / "fonts" / "Linked.ttf").symlink_to(tmp_path / "elsewhere.ttf")
    _, problems = resolve(study, '[fonts]\nbody = "fonts/Linked.ttf"\n')
    (error,) = problems.errors
    assert error.message == "font file 'fonts/Linked.ttf' links to a place outside the study folder"


def test_a_font_forbidding_embedding_is_refused(tmp_path: Path) -> None:
    study = with_fonts(tmp_path)
    data = bytearray(SANS.read_bytes())
    count = int.from_bytes(data[4:6], "big")
    for index in range(count):
        record = 12 + 16 * index
        if data[record:record + 4] == b"OS/2":
            offset = int.from_bytes(data[record + 8:record + 12], "big")
            data[offset + 8:offset + 10] = (2).to_bytes(2, "big")
    (study / "fonts" / "Locked.ttf").write_bytes(bytes(data))
    _, problems = resolve(study, '[fonts]\nbody = "fonts/Locked.ttf"\n')
    (error,) = problems.errors
    assert error.message == "font file 'fonts/Locked.ttf' does not allow embedding in a PDF " \
                            "(its licence flags are 0x0002)"


def test_a_study_font_sets_the_body_text(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", toml=GUIDE_TOML + 'layout = "mine"\n', layouts={"mine.toml": (
        'name = "mine"\nextends = "standard"\n[fonts]\nbody = "fonts/Mine-Regular.ttf"\n')})
    (study / "fonts").mkdir()
    shutil.copy(SANS, study / "fonts" / "Mine-Regular.ttf")
    result = run_guide("build", study)
    assert result.code == 0, result.stderr
    fonts_of_body: set[str] = set()

    def visit(text: str, _cm, _tm, font, _size) -> None:
        if "Abide in the vine" in text and font is not None:
            fonts_of_body.add(str(font["/BaseFont"]))

    for page in PdfReader(study / "output" / "test-study.pdf").pages:
        page.extract_text(visitor_text=visit)
    # the study's copy of a bundled face is embedded as its own font (a name of its own)
    own = f"+NotoSans-Regular-{hashlib.sha256(SANS.read_bytes()).hexdigest()[:6]}"
    assert fonts_of_body and all(name.endswith(own) for name in fonts_of_body), fonts_of_body


def test_check_reports_a_bad_font_file_with_its_line(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", layouts={"mine.toml": (
        'name = "mine"\nextends = "standard"\n[fonts]\nheading = "fonts/Broken.ttf"\n')})
    (study / "fonts").mkdir()
    (study / "fonts" / "Broken.ttf").write_bytes(b"\x00\x01\x00\x00" + bytes(8))
    week = study / "content" / "week-01-abide.md"
    week.write_text(week.read_text().replace("week: 1\n", "week: 1\nlayout: mine\n"))
    result = run_guide("check", study)
    assert result.code == 1
    assert "layouts/mine.toml:4: font file 'fonts/Broken.ttf' is a damaged TrueType font" in result.stderr


def test_a_font_reportlab_refuses_is_a_located_build_error(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", toml=GUIDE_TOML + 'layout = "mine"\n', layouts={"mine.toml": (
        'name = "mine"\nextends = "standard"\n\n[fonts]\nbody = "fonts/Odd.ttf"\n')})
    (study / "fonts").mkdir()
    data = bytearray(SANS.read_bytes())
    for index in range(int.from_bytes(data[4:6], "big")):
        record = 12 + 16 * index
        if data[record:record + 4] == b"head":
            offset = int.from_bytes(data[record + 8:record + 12], "big")
            data[offset + 12:offset + 16] = b"\x00\x00\x00\x00"  # the head table's magic number
    (study / "fonts" / "Odd.ttf").write_bytes(bytes(data))
    result = run_guide("build", study)
    assert result.code == 1
    assert "layouts/mine.toml:5: font file 'fonts/Odd.ttf' cannot be used: Invalid head table magic" \
        in result.stderr
    assert not (study / "output" / "test-study.pdf").exists()


def test_a_study_font_named_like_a_bundled_face_is_used_not_the_bundled_one(tmp_path: Path) -> None:
    """reportlab keeps one font per PostScript name: a study's own NotoSerif-Regular.ttf
    (a fuller one, say) once printed with the bundled subset instead."""
    code = """
import sys
from pathlib import Path
from reportlab.pdfbase import pdfmetrics
from guide_builder.model import FontFile, StudyFont
from guide_builder.render import fonts
fonts.register_bundled()
data = (fonts.font_folder() / "NotoSerif-Regular.ttf").read_bytes()
file = FontFile("fonts/NotoSerif-Regular.ttf", Path("fonts/NotoSerif-Regular.ttf"), data)
family = StudyFont(file, file, file, file, Path("layouts/own.toml"), 3)
name = fonts.register_family(family)["regular"]
own, bundled = pdfmetrics.getFont(name), pdfmetrics.getFont("NotoSerif-Regular")
print(own is not bundled, own.face.name.decode().startswith("NotoSerif-Regular-"))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.split() == ["True", "True"], done.stderr
