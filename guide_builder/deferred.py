"""Work that libraries do on import, put off until it is used (most builds never use it).

- `patterns_deferred`: regular expressions that a module compiles on import are compiled
  when first used (`DeferredPattern`). Some cover most of Unicode and take milliseconds to
  compile: reportlab's (render/deferred.py), PyYAML's (parse/frontmatter.py).
- `defer_module`: a module is imported when one of its attributes is first asked for
  (`DeferredModule`), though another module imports it on import.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager

_compile = re.compile


class DeferredPattern:
    """A regular expression compiled when one of its methods is first asked for."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.source = (pattern, flags)
        self.compiled: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> object:
        with self._lock:
            if self.compiled is None:
                self.compiled = _compile(*self.source)
        return getattr(self.compiled, name)


@contextmanager
def patterns_deferred(starts: dict[str, str]) -> Iterator[None]:
    """Within, a pattern that a module named in `starts` compiles, beginning as given there,
    is compiled when first used (for the modules imported here)."""
    def compile_or_defer(pattern, flags=0):
        start = starts.get(sys._getframe(1).f_globals.get("__name__"))
        if start is not None and isinstance(pattern, str) and pattern.startswith(start):
            return DeferredPattern(pattern, flags)
        return _compile(pattern, flags)

    re.compile = compile_or_defer
    try:
        yield
    finally:
        re.compile = _compile


class DeferredModule(types.ModuleType):
    """Stands in `sys.modules` for a module until one of its attributes is first asked for;
    the module is imported then, and the stand-in answers with its attributes from then on.

    What the import system itself reads (`__spec__`, `__name__`) is the stand-in's own, so
    an `import` statement of the module gives the stand-in without loading it; so does a
    truth test (`if uharfbuzz:`).
    """

    def __init__(self, name: str, spec: importlib.machinery.ModuleSpec) -> None:
        super().__init__(name)
        self.__dict__.update(__spec__=spec, _loaded=None, _lock=threading.Lock())

    def loaded(self) -> types.ModuleType:
        """The module itself, imported now if it is not yet."""
        with self._lock:
            if self._loaded is None:
                name = self.__name__
                if sys.modules.get(name) is self:
                    del sys.modules[name]
                parent, _, child = name.rpartition(".")
                if parent and getattr(sys.modules.get(parent), child, None) is self:
                    delattr(sys.modules[parent], child)
                self.__dict__["_loaded"] = importlib.import_module(name)
        return self._loaded

    def __getattr__(self, name: str) -> object:
        return getattr(self.loaded(), name)

    def __setattr__(self, name: str, value: object) -> None:
        setattr(self.loaded(), name, value)

    def __dir__(self) -> list[str]:
        return dir(self.loaded())


def defer_module(name: str) -> None:
    """Put a `DeferredModule` in `sys.modules` for `name`, unless it is imported already or
    cannot be found (then an `import` of it fails as it would have)."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return
    stand_in = DeferredModule(name, spec)
    sys.modules[name] = stand_in
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, stand_in)  # `from PIL import Image`
