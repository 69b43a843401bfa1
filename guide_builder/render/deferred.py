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

import sys

from guide_builder.deferred import defer_module, patterns_deferred

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
# modules reportlab imports on import and most books never use (see above)
DEFERRED_MODULES = ("PIL.Image", "uharfbuzz")


def import_paragraph_module() -> None:
    """Import reportlab's paragraph module (and with it reportlab.platypus), the patterns
    and modules above deferred; nothing happens if it is imported already."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    for name in DEFERRED_MODULES:
        defer_module(name)
    with patterns_deferred(DEFERRED):
        import reportlab.platypus.paragraph  # noqa: F401
