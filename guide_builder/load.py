"""Stage 1, load: the only reader of the study folder.

`load_study(root)` returns the text of guide.toml, every week file and every study
layout, decoded and with line endings normalised. Junk files are skipped, anything
that cannot be read safely becomes a located diagnostic. Nothing is parsed here.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from guide_builder.errors import Collector, Diagnostic, GuideError

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_FONT_BYTES = 32 * 1024 * 1024
JUNK_PREFIXES = (".", "~", "#")
JUNK_SUFFIXES = ("~", ".swp", ".swo", ".tmp", ".bak")
_DIRECTION_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class SourceFile:
    """A text file of the study, decoded to str with `\\n` line endings."""

    path: Path
    text: str


@dataclass(frozen=True)
class StudyFiles:
    """Everything the parser needs, read from disk."""

    root: Path
    guide_toml: SourceFile
    weeks: tuple[SourceFile, ...]
    layouts: tuple[SourceFile, ...]
    warnings: tuple[Diagnostic, ...] = ()


def is_junk(path: Path) -> bool:
    """Editor backups, swap files and hidden files are never week files."""
    name = path.name
    return name.startswith(JUNK_PREFIXES) or name.endswith(JUNK_SUFFIXES)


def decode_text(path: Path, data: bytes) -> str | Diagnostic:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; normalise line endings."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return Diagnostic(path, None, "the file is not valid UTF-16", "save it as UTF-8")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            return Diagnostic(
                path, line,
                f"the file is not UTF-8 (byte 0x{data[error.start]:02x} cannot be read)",
                "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)",
            )
    return text.replace("\r\n", "\n").replace("\r", "\n")


class NotReadable(Exception):
    """A study file that cannot be read safely; `message` and `hint` say why and what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def _read_regular_file(path: Path, limit: int = MAX_FILE_BYTES,
                       too_large_hint: str = "a week file must stay under {mb} MB; split it") -> bytes:
    """The bytes of a regular file of bounded size (never a FIFO, device or folder)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable("this is not a regular file", "remove it or rename it")
        if info.st_size > limit:
            raise NotReadable(f"the file is too large ({info.st_size // 1_048_576} MB)",
                              too_large_hint.format(mb=limit // 1_048_576))
        return path.read_bytes()
    except OSError as error:
        raise NotReadable(f"the file cannot be read: {error.strerror}", "check its permissions") from None


def read_study_bytes(relative: str, root: Path, limit: int = MAX_FONT_BYTES) -> tuple[Path, bytes]:
    """Read a binary file named relative to the study (a layout's font): its path and bytes.

    The name must be relative and stay inside the study, also through links; the file must
    be a regular file under `limit` bytes. Raises NotReadable saying what is wrong.
    """
    written = Path(relative)
    if written.is_absolute() or relative.startswith(("/", "\\")) or ":" in relative:
        raise NotReadable(f"{relative!r} is an absolute path",
                          "name the file relative to the study folder, e.g. \"fonts/MyFont-Regular.ttf\"")
    root = root.resolve()
    path = root / written
    if not Path(os.path.normpath(path)).is_relative_to(root) or path == root:
        raise NotReadable(f"{relative!r} is outside the study folder",
                          "copy the file into the study (e.g. a fonts/ folder) and name it from there")
    if not path.exists():
        if path.is_symlink():
            raise NotReadable(f"{relative!r} is a broken link", "point the link at a file inside the study")
        raise NotReadable(f"{relative!r} does not exist",
                          f"put the file at {path} or correct the path (it is relative to the study folder)")
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise NotReadable(f"{relative!r} cannot be opened (looping link)",
                          "remove the link or point it at a file inside the study") from None
    if not resolved.is_relative_to(root):
        raise NotReadable(f"{relative!r} links to a place outside the study folder",
                          "copy the file into the study instead of linking to it")
    try:
        data = _read_regular_file(resolved, limit, "a font file must stay under {mb} MB")
    except NotReadable as problem:
        raise NotReadable(f"{relative!r}: {problem.message}", problem.hint) from None
    return path, data


def read_source(path: Path, root: Path, problems: Collector) -> SourceFile | None:
    """Read one file of the study (`root`, resolved), refusing what lies outside it or is
    not a regular file."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        problems.error(path, None, "the file cannot be opened (broken or looping link)",
                       "remove the link or point it at a file inside the study")
        return None
    if not resolved.is_relative_to(root):
        problems.error(path, None, "the file links to a place outside the study folder",
                       "copy the file into the study instead of linking to it")
        return None
    try:
        data = _read_regular_file(resolved)
    except NotReadable as problem:
        problems.error(path, None, problem.message, problem.hint)
        return None
    decoded = decode_text(path, data)
    if isinstance(decoded, Diagnostic):
        problems.extend([decoded])
        return None
    return SourceFile(path, strip_invisible(path, decoded, problems))


def strip_invisible(path: Path, text: str, problems: Collector) -> str:
    """Drop direction controls (they reorder what a reader sees) and stray byte-order marks.

    Direction overrides are reported once per file, at the first one's line; a byte-order
    mark inside the text (pasted from another file) is dropped silently.
    """
    found = None if text.isascii() else _DIRECTION_CONTROLS.search(text)  # all of them are beyond ASCII
    if found:
        names = sorted({f"U+{ord(c):04X}" for c in _DIRECTION_CONTROLS.findall(text)})
        problems.warn(path, text.count("\n", 0, found.start()) + 1,
                      f"invisible direction controls removed ({', '.join(names)})",
                      "these characters reorder text invisibly; retype the line if it looks wrong")
        text = _DIRECTION_CONTROLS.sub("", text)
    return text.replace("\ufeff", "")


def list_files(folder: Path, suffix: str, problems: Collector) -> list[Path]:
    """The files with `suffix` in `folder`, sorted, junk and folders skipped."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if is_junk(path) or path.suffix.lower() != suffix:
            continue
        if path.is_dir():
            problems.warn(path, None, "a folder with a file name is ignored",
                          f"rename it so it does not end in {suffix}")
            continue
        found.append(path)
    return found


def load_layouts(root: Path, problems: Collector) -> tuple[SourceFile, ...]:
    """The study's own layout files (layouts/*.toml), read safely."""
    root = root.resolve()
    found = [read_source(path, root, problems) for path in list_files(root / "layouts", ".toml", problems)]
    return tuple(source for source in found if source is not None)


def load_study(root: Path) -> StudyFiles:
    """Read guide.toml, content/*.md and layouts/*.toml of the study at `root`."""
    problems = Collector()
    root = root.resolve()
    toml_path = root / "guide.toml"
    if not toml_path.is_file():
        raise GuideError([Diagnostic(
            toml_path, None, "this folder is not a study: it has no guide.toml",
            f"run `guide new {root.name}` to create one, or pass the study folder to the command",
        )])
    guide_toml = read_source(toml_path, root, problems)
    week_paths = list_files(root / "content", ".md", problems)
    if not week_paths and guide_toml is not None:
        problems.error(root / "content", None, "the study has no week files",
                       "add content/week-01-<title>.md (see `guide new` for an example)")
    weeks = [read_source(path, root, problems) for path in week_paths]
    layouts = load_layouts(root, problems)
    problems.raise_if_errors()
    assert guide_toml is not None
    return StudyFiles(
        root=root,
        guide_toml=guide_toml,
        weeks=tuple(w for w in weeks if w is not None),
        layouts=layouts,
        warnings=tuple(problems.warnings),
    )
