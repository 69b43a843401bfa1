"""Stage 6, write: artifacts -> disk, atomically (temp file in the same folder, then rename)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from guide_builder.errors import Diagnostic, GuideError
from guide_builder.signals import raise_if_interrupted, signals_held


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the whole new one."""
    if path.is_dir():
        raise GuideError([Diagnostic(path, None, "the output path is a folder",
                                     "pass a file name ending in .pdf with --out")])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise GuideError([Diagnostic(path.parent, None, f"cannot write here: {error.strerror}",
                                     "check the folder exists and is writable, or use --out")]) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise GuideError([Diagnostic(path, None, f"writing failed: {error.strerror}",
                                         "free some disk space or choose another folder; "
                                         "the previous file is unchanged")]) from None
        raise


def write_all(outputs: dict[Path, bytes]) -> None:
    """Write several files, each atomic on its own, with Ctrl-C and SIGTERM held until all are written.

    Writing takes milliseconds once the bytes exist; holding the signals means an interrupted
    build leaves either every previous file or every new one, never a mix of the two.
    """
    with signals_held():
        raise_if_interrupted()  # a Ctrl-C that reportlab swallowed still leaves the old files
        for path, data in outputs.items():
            write_atomic(path, data)
