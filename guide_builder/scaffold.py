"""`guide new`: copy the starter study shipped in the package."""

from __future__ import annotations

from pathlib import Path

from guide_builder import PACKAGE_FOLDER


class ScaffoldError(Exception):
    """The folder cannot receive a new study."""


def _files(folder: Path, prefix: str = "") -> list[tuple[str, bytes]]:
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith((".", "__")):
            continue
        if entry.is_dir():
            found.extend(_files(entry, f"{prefix}{entry.name}/"))
        else:
            found.append((prefix + entry.name, entry.read_bytes()))
    return found


def create_study(directory: Path) -> list[Path]:
    """Write the starter study into `directory` (which must be new or empty)."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ScaffoldError(f"{directory} already exists and is not empty; choose a new folder name")
    template = PACKAGE_FOLDER / "templates" / "new"
    created = []
    try:
        for relative, data in _files(template):
            target = directory / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            created.append(target)
        (directory / "output").mkdir(exist_ok=True)
    except OSError as error:
        raise ScaffoldError(f"cannot create the study in {directory}: {error.strerror}") from None
    return created
