"""Typographer's quotes and dashes for text typed on a keyboard.

Straight quotes curl towards the words they enclose (U+201C/U+201D, U+2018/U+2019),
apostrophes and decade abbreviations ('90s) get U+2019, `--` becomes an en dash,
`---` an em dash and `...` an ellipsis. This is what python-markdown's
smarty extension does, applied once to each text run while the Markdown tree is walked
instead of as a second inline pass over the whole tree (which doubled the parse time).
Code spans and blocks never pass through here.
"""

from __future__ import annotations

import re

EM, EN, ELLIPSIS = "\u2014", "\u2013", "\u2026"
LEFT_DOUBLE, RIGHT_DOUBLE, LEFT_SINGLE, RIGHT_SINGLE = "\u201c", "\u201d", "\u2018", "\u2019"

_OPENERS = r"\s(\[{<\u2014\u2013\-/\u201c\u2018"  # a quote after one of these opens
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|'(?=\d\ds\b)")
# (a quote ending a text run opens: the run goes on in the next inline, e.g. "*emphasis*")
_OPEN_SINGLE = re.compile(rf"(?<=[{_OPENERS}\"])'(?=[^\s']|$)")
_OPEN_DOUBLE = re.compile(rf"(?<=[{_OPENERS}])\"(?=\S|$)")


def smarten(text: str, before: str = " ") -> str:
    """`text` with typographer's quotes and dashes; `before` is the character that precedes
    it on the line (a quote at the start of `text` opens after a space, closes after a word)."""
    if "-" in text:
        text = text.replace("---", EM).replace("--", EN)
    if "..." in text:
        text = text.replace("...", ELLIPSIS)
    if "'" not in text and '"' not in text:
        return text
    text = (before[-1:] or " ") + text
    if "'" in text:
        text = _APOSTROPHE.sub(RIGHT_SINGLE, text)
        text = _OPEN_SINGLE.sub(LEFT_SINGLE, text).replace("'", RIGHT_SINGLE)
    if '"' in text:
        text = _OPEN_DOUBLE.sub(LEFT_DOUBLE, text).replace('"', RIGHT_DOUBLE)
    return text[1:]
