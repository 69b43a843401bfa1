"""A layout's fonts: a bundled family name, or the study's own TrueType files.

`[fonts] body = "serif"` names a bundled family. `body = "fonts/Gentium.ttf"` names one
file of the study, used for every face; a table names the faces one by one:

    body = { regular = "fonts/G-R.ttf", bold = "fonts/G-B.ttf", italic = "fonts/G-I.ttf" }

A face left out uses the regular file (bold italic uses the bold file when there is one).
Files are read through `load.read_study_bytes` (relative to the study, never outside it,
size-limited) and checked with `truetype.truetype_problem`; every problem is located at
the layout line that names the font.
"""

from __future__ import annotations

from pathlib import Path

from guide_builder.errors import Collector
from guide_builder.load import NotReadable, read_study_bytes
from guide_builder.model import Font, FontFile, StudyFont
from guide_builder.truetype import truetype_problem

BUNDLED_FONTS = ("serif", "sans")
FACES = ("regular", "bold", "italic", "bold_italic")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".woff", ".woff2")
FONT_HINT = ('bundled families: serif, sans; or the path of a .ttf file inside the study, '
             'e.g. body = "fonts/MyFont-Regular.ttf"')


def is_font_path(text: str) -> bool:
    """True when a font setting names a file rather than a bundled family."""
    return "/" in text or "\\" in text or text.lower().endswith(FONT_SUFFIXES)


class FontLoader:
    """Turns `[fonts]` values into bundled family names or StudyFonts, reading each file once."""

    def __init__(self, study_root: Path | None, problems: Collector) -> None:
        self.study_root = study_root
        self.problems = problems
        self._files: dict[str, FontFile | None] = {}

    def font(self, value: object, role: str, path: Path | None, line: int | None) -> Font:
        """The font of `fonts.<role>` as written at `path:line`; "serif" after a reported problem."""
        if isinstance(value, str) and not is_font_path(value):
            if value in BUNDLED_FONTS:
                return value
            self.problems.error(path, line, f"unknown font {value!r} in `fonts.{role}`", FONT_HINT)
            return "serif"
        faces = self._faces(value, role, path, line)
        if faces is None:
            return "serif"
        files = {face: self._file(written, path, line) for face, written in faces.items()}
        if any(file is None for file in files.values()):
            return "serif"
        regular = files["regular"]
        bold = files.get("bold") or regular
        italic = files.get("italic") or regular
        bold_italic = files.get("bold_italic") or bold
        assert regular is not None and bold is not None and italic is not None and bold_italic is not None
        return StudyFont(regular, bold, italic, bold_italic, path, line)

    def _faces(self, value: object, role: str, path: Path | None, line: int | None) -> dict[str, str] | None:
        """Face -> written path; a single path is the regular face."""
        if isinstance(value, str):
            return {"regular": value}
        if not isinstance(value, dict):
            return None  # a wrong type is reported by the schema check
        faces: dict[str, str] = {}
        for face, written in value.items():
            if face not in FACES:
                self.problems.error(path, line, f"unknown face `{face}` in `fonts.{role}`",
                                    f"faces: {', '.join(FACES)} (only regular is required)")
            elif not isinstance(written, str):
                self.problems.error(path, line, f"`fonts.{role}.{face}` must be the path of a .ttf file",
                                    f'for example {face} = "fonts/MyFont-{face.title()}.ttf"')
            else:
                faces[face] = written
        if "regular" not in faces:
            self.problems.error(path, line, f"`fonts.{role}` names no regular face",
                                'add regular = "fonts/MyFont-Regular.ttf" (other faces default to it)')
            return None
        return faces if len(faces) == len(value) else None

    def _file(self, written: str, path: Path | None, line: int | None) -> FontFile | None:
        """Read and check one font file (once per build, however many layouts name it)."""
        if written in self._files:
            return self._files[written]
        self._files[written] = None
        if self.study_root is None:
            self.problems.error(path, line, f"font file {written!r} cannot be used here",
                                "font files belong to a study layout: put the layout in the study's layouts/")
            return None
        try:
            found, data = read_study_bytes(written, self.study_root)
        except NotReadable as problem:
            self.problems.error(path, line, f"font file {problem.message}", problem.hint)
            return None
        trouble = truetype_problem(data)
        if trouble is not None:
            message, hint = trouble
            self.problems.error(path, line, f"font file {written!r} {message}", hint)
            return None
        self._files[written] = FontFile(written, found, data)
        return self._files[written]


def font_as_toml(font: Font) -> str | dict[str, str]:
    """A resolved font written back as layout TOML."""
    if isinstance(font, str):
        return font
    faces = {face: file.written for face, file in font.faces().items()}
    if len(set(faces.values())) == 1:
        return faces["regular"]
    return faces
