"""reportlab's paragraph module, imported without compiling patterns it may never use.

On import, `reportlab.platypus.paragraph` compiles `uri_pat`, a case-insensitive pattern
over most of Unicode that takes about 60 ms to compile: a fifth of the renderer's import.
It is only used to split a URL that does not fit on its line, which most books never
ask for (render/linebreak.py asks only when a split is possible). Three more patterns
compiled by modules it imports take about 6 ms together, and a workbook never uses them:
`textsplit.rx` (only `cjkwrap` uses it), `PyFontify.matchRE` (colouring Python source in
`PythonPreformatted`) and `rl_safe_eval.__rl_unsafe_re__` (which nothing uses).

Imported through `import_paragraph_module`, each of them is compiled the first time it is
used; everything else about the modules is as reportlab wrote it.

Two modules that reportlab imports with it are loaded the same way, when first used:
Pillow's `PIL.Image` (reportlab.lib.utils; about 10 ms), which only a book with a picture
needs, and `uharfbuzz` (reportlab.pdfbase.ttfonts; about 10 ms), which only shapes Hebrew.
Until then a `DeferredModule` stands in `sys.modules` for each.
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

# how reportlab's URL pattern begins (reportlab/platypus/paragraph.py, `uri_pat`)
URL_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"
# the patterns deferred: the module that compiles each, and how the pattern begins
# (reportlab/lib/rl_safe_eval.py joins a set of names: its order changes from run to run)
DEFERRED = {
    "reportlab.platypus.paragraph": URL_PATTERN_START,  # `uri_pat`
    "reportlab.lib.textsplit": "([\u2e80-\uffff])",  # `rx`
    "reportlab.lib.PyFontify": "#[^\\n]*|(^|[^a-zA-Z0-9_.\\\"'])(as|assert|",  # `matchRE`
    "reportlab.lib.rl_safe_eval": "\\b(?:",  # `__rl_unsafe_re__`
}
_compile = re.compile
# modules reportlab imports on import and most books never use (see above)
DEFERRED_MODULES = ("PIL.Image", "uharfbuzz")


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
def _patterns_deferred() -> Iterator[None]:
    def compile_or_defer(pattern, flags=0):
        start = DEFERRED.get(sys._getframe(1).f_globals.get("__name__"))
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


def import_paragraph_module() -> None:
    """Import reportlab's paragraph module (and with it reportlab.platypus), the patterns
    and modules above deferred; nothing happens if it is imported already."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    for name in DEFERRED_MODULES:
        defer_module(name)
    with _patterns_deferred():
        import reportlab.platypus.paragraph  # noqa: F401
