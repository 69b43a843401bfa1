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
"""

from __future__ import annotations

import re
import sys
import threading
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


def import_paragraph_module() -> None:
    """Import reportlab's paragraph module (and with it reportlab.platypus), the patterns
    above deferred; nothing happens if it is imported already."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    with _patterns_deferred():
        import reportlab.platypus.paragraph  # noqa: F401
