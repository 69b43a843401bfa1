"""The methods `@dataclass` writes for a class, compiled once and then kept like bytecode.

For each class, `dataclasses` writes the source of the methods it adds (`__init__`,
`__repr__`, `__eq__`, `__hash__`, a frozen class's `__setattr__` and `__delattr__`) and
compiles it with `exec`, on every import: for the 80-odd classes of a build some 30 ms,
most of them before parsing can start. `install` gives the dataclasses module an `exec` of
its own that looks the source up among code objects compiled before, and compiles (as
`exec` would) only what it has not seen. The code objects are kept in `__pycache__`, next
to the modules' bytecode, and like bytecode they are read even where none is written
(PYTHONDONTWRITEBYTECODE); `save` writes those compiled since, when the command is done.

The methods are the same either way: a code object depends only on its source, the
compiler's flags and Python's version, which names the file and heads it.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import marshal
import os
import sys
from importlib.util import MAGIC_NUMBER, cache_from_source
from pathlib import Path
from typing import Any

# The source `dataclasses` compiles, with its code object.
Codes = dict[str, Any]

# Past this many, stale methods (of classes since changed) are dropped when saving.
MOST_KEPT = 4000


class CompiledMethods:
    """Code objects of the methods `dataclasses` writes, read from and saved to `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known: Codes = _read(path)
        self.compiled: Codes = {}
        self.used: Codes = {}

    def exec(self, source: object, globals: dict | None = None, locals: dict | None = None, /) -> None:
        """`exec` as `dataclasses` calls it (source text, its globals, a namespace), with the
        source compiled only if no code object for it is kept."""
        if type(source) is str and globals is not None:
            code = self.known.get(source)
            if code is None:
                # No flags inherited from this module (its `annotations` future): exec()
                # compiles dataclasses' text with those of the dataclasses module, none.
                code = compile(source, "<string>", "exec", dont_inherit=True)
                self.compiled[source] = code
            self.used[source] = code
            source = code
        builtins.exec(source, globals, locals)

    def save(self) -> None:
        """Keep the methods compiled since reading (nothing if none were, or where Python
        writes no bytecode); a failure to write only leaves them to be compiled again."""
        if not self.compiled or sys.dont_write_bytecode:
            return
        codes = {**self.known, **self.used} if len(self.known) < MOST_KEPT else dict(self.used)
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(MAGIC_NUMBER + marshal.dumps(codes))
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            return
        self.known = codes
        self.compiled = {}


def _read(path: Path) -> Codes:
    """The code objects kept at `path`: none if it is missing, unreadable or of another
    Python."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    if not data.startswith(MAGIC_NUMBER):
        return {}
    try:
        codes = marshal.loads(memoryview(data)[len(MAGIC_NUMBER):])
    except (EOFError, ValueError, TypeError):
        return {}
    return codes if isinstance(codes, dict) else {}


def default_path() -> Path:
    """Where the methods are kept: the package's `__pycache__`, named for this Python as its
    bytecode is (and under `sys.pycache_prefix` if one is set)."""
    bytecode = Path(cache_from_source(__file__))
    return bytecode.with_name(f"dataclass-methods.{sys.implementation.cache_tag}.marshal")


def install(path: Path | None = None) -> CompiledMethods:
    """Let `dataclasses` compile through kept code objects from now on (in this process)."""
    methods = CompiledMethods(path or default_path())
    dataclasses.exec = methods.exec  # type: ignore[attr-defined]  # shadows the builtin
    return methods


def uninstall() -> None:
    """Let `dataclasses` use the builtin `exec` again."""
    dataclasses.__dict__.pop("exec", None)
