"""Code that Python compiles afresh on every import, compiled once and then kept like bytecode.

Two kinds, some 60 ms of every build, most of it before parsing can start:

- **Dataclass methods.** For each class `@dataclass` writes the source of the methods it
  adds (`__init__`, `__repr__`, `__eq__`, `__hash__`, a frozen class's `__setattr__` and
  `__delattr__`) and compiles it with `exec`: 350-odd methods of the package's classes.
  The dataclasses module is given an `exec` of its own that looks the source up among the
  code objects kept (`KeptCode.exec`).
- **Regular expressions.** `re` parses each pattern a module compiles on import and makes
  a program for its matcher (`_sre.compile`): 150-odd patterns before parsing starts, some
  large (scripture references, Markdown). Its compiler is given a `compile` of its own that
  hands a kept program to the matcher at once (`KeptCode.compile_pattern`); what is not
  kept is compiled by `re` as before, and the program it gives the matcher is kept.

The results are the same either way: a method's code object depends only on its source
(compiled with the flags `exec` compiles it with), a pattern's program only on the pattern
and its flags, and both on Python's version, which names the file and heads it (with the
optimization level). The file
is the package's `__pycache__`, next to the modules' bytecode, and like bytecode it is read
even where none is written (PYTHONDONTWRITEBYTECODE); `save` writes what was compiled since,
when the command is done.
"""

from __future__ import annotations

import _sre
import builtins
import contextlib
import dataclasses
import marshal
import os
import re
import sys
import threading
import types
from importlib.util import MAGIC_NUMBER, cache_from_source
from pathlib import Path
from re import _compiler
from typing import Any

# A method's source, or a pattern with its flags; with its code object, or the arguments
# re's compiler gave the matcher's `compile` for it.
Codes = dict[Any, Any]

# What the file starts with: the code and the programs are those of this Python (its
# bytecode's magic number, its exact version, its regular expression engine's version) at
# this optimization level.
HEADER = MAGIC_NUMBER + f"{sys.version} sre {_sre.MAGIC} -O{sys.flags.optimize}\n".encode()

# Past this many, stale entries (of classes and patterns since changed) go when saving.
MOST_KEPT = 6000

_compile_pattern = _compiler.compile


class KeptCode:
    """Dataclass methods and pattern programs, read from and saved to `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known: Codes = _read(path)
        self.compiled: Codes = {}
        self.used: Codes = {}
        self._compiling = threading.local()
        self.matcher = types.ModuleType(_sre.__name__, _sre.__doc__)
        vars(self.matcher).update(vars(_sre))
        self.matcher.compile = self._give_matcher

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

    def compile_pattern(self, pattern: object, flags: int = 0) -> re.Pattern:
        """`re`'s compiler for a pattern: its kept program given to the matcher, or the
        pattern compiled as `re` compiles it (and its program kept)."""
        if type(pattern) not in (str, bytes) or flags & re.DEBUG:
            return _compile_pattern(pattern, flags)
        key = (pattern, int(flags))
        arguments = self.known.get(key)
        if arguments is None:
            self._compiling.key = key
            try:
                return _compile_pattern(pattern, flags)
            finally:
                self._compiling.key = None
        self.used[key] = arguments
        return _sre.compile(*arguments)

    def _give_matcher(self, *arguments: Any) -> re.Pattern:
        """The matcher's `compile` as `re`'s compiler calls it; the arguments are kept for
        the pattern being compiled."""
        key = getattr(self._compiling, "key", None)
        if key is not None:
            pattern, flags, code, groups, groupindex, indexgroup = arguments
            # The opcodes are ints of re's own class, which marshal does not write.
            code = [int(op) for op in code]
            self.compiled[key] = self.used[key] = (
                pattern, int(flags), code, int(groups), dict(groupindex), tuple(indexgroup)
            )
        return _sre.compile(*arguments)

    def save(self) -> None:
        """Keep what was compiled since reading (nothing if nothing was, or where Python
        writes no bytecode); a failure to write only leaves it to be compiled again."""
        if not self.compiled or sys.dont_write_bytecode:
            return
        codes = {**self.known, **self.used} if len(self.known) < MOST_KEPT else dict(self.used)
        try:
            data = HEADER + marshal.dumps(codes)
        except ValueError:  # something marshal cannot write
            return
        if write_kept(self.path, data):
            self.known = codes
            self.compiled = {}


def write_kept(path: Path, data: bytes) -> bool:
    """Write `data` to `path` whole or not at all (a temporary file beside it, renamed);
    whether it was written. A failure says nothing: what the file would keep is only made
    again next time."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False
    return True


def _read(path: Path) -> Codes:
    """What is kept at `path`: nothing if it is missing, unreadable or of another Python."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    if not data.startswith(HEADER):
        return {}
    try:
        codes = marshal.loads(memoryview(data)[len(HEADER):])
    except (EOFError, ValueError, TypeError):
        return {}
    return codes if isinstance(codes, dict) else {}


def kept_path(name: str) -> Path:
    """A file named `name` in the package's `__pycache__` (or where `sys.pycache_prefix`
    puts the package's bytecode)."""
    return Path(cache_from_source(__file__)).with_name(name)


def default_path() -> Path:
    """Where the code is kept, named for this Python as its bytecode is."""
    return kept_path(f"kept-code.{sys.implementation.cache_tag}.marshal")


def install(path: Path | None = None) -> KeptCode:
    """Let `dataclasses` and `re` take code kept at `path` (by default `default_path()`)
    from now on, in this process."""
    return attach(KeptCode(path or default_path()))


def attach(kept: KeptCode) -> KeptCode:
    """Let `dataclasses` and `re` take code from `kept` from now on."""
    dataclasses.exec = kept.exec  # type: ignore[attr-defined]  # shadows the builtin
    _compiler.compile = kept.compile_pattern
    _compiler._sre = kept.matcher  # type: ignore[attr-defined]
    return kept


def uninstall() -> None:
    """Let `dataclasses` and `re` compile everything themselves again."""
    dataclasses.__dict__.pop("exec", None)
    _compiler.compile = _compile_pattern
    _compiler._sre = _sre  # type: ignore[attr-defined]
