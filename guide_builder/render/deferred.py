"""reportlab's paragraph module, imported without compiling its URL pattern up front.

On import, `reportlab.platypus.paragraph` compiles `uri_pat`, a case-insensitive pattern
over most of Unicode that takes about 60 ms to compile: a fifth of the renderer's import.
It is only used to split a URL that does not fit on its line, which most books never
ask for (render/linebreak.py asks only when a split is possible). Imported through
`import_paragraph_module`, the pattern is compiled the first time it is used; everything
else about the module is as reportlab wrote it.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# how reportlab's URL pattern begins (reportlab/platypus/paragraph.py, `uri_pat`)
URL_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"
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
def _url_pattern_deferred() -> Iterator[None]:
    def compile_or_defer(pattern, flags=0):
        if isinstance(pattern, str) and pattern.startswith(URL_PATTERN_START):
            return DeferredPattern(pattern, flags)
        return _compile(pattern, flags)

    re.compile = compile_or_defer
    try:
        yield
    finally:
        re.compile = _compile


def import_paragraph_module() -> None:
    """Import reportlab's paragraph module (and with it reportlab.platypus), its URL
    pattern deferred; nothing happens if it is imported already."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    with _url_pattern_deferred():
        import reportlab.platypus.paragraph  # noqa: F401
