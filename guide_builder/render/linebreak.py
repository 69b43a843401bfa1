"""reportlab's line breaking, with the same result in less time for our paragraphs.

`Paragraph.breakLines` is the largest single cost of a build (about an eighth of its
time). Per word it pops the head of a list, measures the room left including the space
a line may shrink by (summed again over the whole line, counting spaces in each piece of
text), looks up the font's ascent and descent, and compares the word's fragment with the
line's last one attribute by attribute. `break_lines` follows the same algorithm word for
word, with the same arithmetic in the same order, and skips only work whose outcome is
already known:

- the shrinkable room is only summed for a word that does not fit without it (the room
  can only grow by it, so a word that fits without it fits with it);
- a word set in the same fragment as the word before it has the same font, ascent,
  descent and fragment comparison as that word;
- a URL's hyphenation is only asked for where it may split (see `_may_split_url`);
- fragments are broken into words by a port of reportlab's `_getFragWords`, and word
  widths are kept per font and size.

Anything out of the ordinary for our paragraphs (bidirectional text, shaping,
hyphenation, soft hyphens, automatic leading, a URL to split, a word wider than the line)
is left to reportlab's own method, which then breaks the whole paragraph from the start.
tests/render/test_linebreak.py compares the two on every paragraph of several studies.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from string import whitespace
from typing import NamedTuple

from reportlab.platypus import paragraph as rl
from reportlab.platypus.paragraph import (
    _FK_APPEND,
    _FK_BREAK,
    _FK_IMG,
    _FK_TEXT,
    FragLine,
    ParaLines,
    _getFragWords,
    _handleBulletWidth,
    _HSFrag,
    _hyphenateFragWord,
    _hyphenateWord,
    _InjectedFrag,
    _processed_frags,
    _shy,
    _SHYWord,
    _SplitFrag,
    _SplitFragH,
    hyphenationMinWordLength,
)

_original = rl.Paragraph.breakLines


class _Unusual(Exception):
    """The paragraph needs a branch of reportlab's method that break_lines leaves out."""


def break_lines(self, width):
    """`Paragraph.breakLines` (same result), faster on the paragraphs a workbook has."""
    style = self.style
    if (style.wordWrap or style.shaping or getattr(style, "hyphenationLang", "") or style.embeddedHyphenation
            or getattr(self, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off")
            or not self.frags or (self.bulletText and isinstance(width, tuple))):
        return _original(self, width)
    max_widths = width if isinstance(width, (tuple, list)) else [width]
    before = list(max_widths)
    _handleBulletWidth(self.bulletText, style, max_widths)  # as reportlab does, in the caller's list
    try:
        return _break(self, max_widths)
    except _Unusual:
        if self.bulletText:  # (a list then) reportlab narrows the first line for the bullet again
            max_widths[:] = before
        return _original(self, width)


def _break(self, max_widths):
    frags = self.frags
    if not (len(frags) == 1 and not (self.style.endDots or hasattr(frags[0], "cbDefn")
                                     or hasattr(frags[0], "backColor") or _processed_frags(frags))):
        return _general(self, frags, max_widths)
    f = frags[0]
    if hasattr(f, "text"):
        text = rl.strip(f.text)
        if _shy in text:
            raise _Unusual
        words = rl.split(text) if text else []
    else:  # the later part of a split paragraph: its words
        words = f.words
        if isinstance(words, rl.BidiList) or any(type(word) is not str or _shy in word for word in words):
            raise _Unusual
        if not any(rl.strip(word) for word in words):
            words = []
    return _simple(self, f, words, max_widths)


def _started(self) -> None:
    """The paragraph's counters as reportlab's breakLines starts them."""
    self._width_max = self.height = 0
    self._splitLongWordCount = self._hyphenations = 0


def _simple(self, f, words, max_widths):
    """One fragment of plain text: lines of words (reportlab's kind 0)."""
    _started(self)
    width_max = lineno = 0
    style = self.style
    font_size = f.fontSize
    font_name = f.fontName
    ascent, descent = rl.getAscentDescent(font_name, font_size)
    if not words:
        return f.clone(kind=0, lines=[], ascent=ascent, descent=descent, fontSize=font_size)
    encoding = self.encoding
    rules = _Rules.of(style)
    hyphen_ok = not getattr(f, "nobr", False)
    last_line = len(max_widths) - 1
    max_width = max_widths[0]
    space_width = rl.stringWidth(" ", font_name, font_size, encoding)
    space_shrink = style.spaceShrinkage * space_width
    lines = []
    line = []
    current = -space_width
    widths = _widths(font_name, font_size)
    for word in words:
        word_width = widths.get(word) or _measured(widths, word, font_name, font_size)
        new_width = current + space_width + word_width
        if new_width <= max_width:  # fits without shrinking spaces: no need to sum them
            line.append(word)
            current = new_width
            continue
        limit = max_width + space_shrink * len(line)
        if new_width > limit:
            reduce = rules.uri_waste_reduce if hyphen_ok else False
            _refuse_splits(rules, word_width, new_width, limit, reduce, max_widths, lineno, True, partial(
                _hyphenateWord, None, font_name, font_size, word, word_width, new_width, limit, reduce, 0,
                rules.min_word_length))
        if new_width <= limit or not line:
            line.append(word)
            current = new_width
        else:
            if current > width_max:
                width_max = current
            lines.append((max_width - current, line))
            line = [word]
            current = word_width
            lineno += 1
            max_width = max_widths[min(last_line, lineno)]
    if line:
        if current > width_max:
            width_max = current
        lines.append((max_width - current, line))
    self._width_max = width_max
    return f.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=font_size)


_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def _widths(font_name: str, font_size: float) -> dict[str, float]:
    """The widths of words measured so far in a font at a size (reportlab's stringWidth,
    kept by word: a dictionary lookup instead of a memoised call per word)."""
    found = _WIDTHS.get((font_name, font_size))
    if found is None:
        found = _WIDTHS[font_name, font_size] = {}
    return found


def _measured(widths: dict[str, float], word: str, font_name: str, font_size: float) -> float:
    """A word's width, measured by reportlab's stringWidth and kept in `widths`."""
    width = widths[word] = rl.stringWidth(word, font_name, font_size)
    return width


class _Rules(NamedTuple):
    """What a style says of words that do not fit."""

    uri_waste_reduce: float
    min_word_length: int
    split_long_words: bool
    shrinkage: float

    @classmethod
    def of(cls, style) -> _Rules:
        return cls(style.uriWasteReduce, getattr(style, "hyphenationMinWordLength", hyphenationMinWordLength),
                   style.splitLongWords, style.spaceShrinkage)


def _refuse_splits(rules: _Rules, word_width: float, new_width: float, limit: float, reduce: float,
                   max_widths: list[float], lineno: int, may_split_long: bool,
                   hyphenated: Callable[[], object]) -> None:
    """Raise _Unusual where reportlab would hyphenate a URL that does not fit (`hyphenated()`
    answers, asked only when a split is possible) or split a word wider than the line."""
    if rules.uri_waste_reduce and _may_split_url(word_width, new_width, limit, reduce) and hyphenated():
        raise _Unusual
    if rules.split_long_words and may_split_long:
        at = min(lineno, len(max_widths) - 1)
        if word_width > max(max_widths[at:at + 1]):
            raise _Unusual


def _may_split_url(word_width: float, new_width: float, limit: float, reduce: float) -> bool:
    """Whether reportlab's hyphenation may split a word that does not fit. Without a
    hyphenator or soft hyphens it only splits a URL, and only one that is wider than the
    line or follows a line no fuller than 1 - `reduce` of it: for other words it need not
    be asked."""
    if word_width == 0:
        return False
    return word_width > limit or (bool(reduce) and new_width - word_width <= (1 - reduce) * limit)


def _shrinkable(words, space_width, shrinkage):
    """How far the spaces of a line's fragments may shrink (reportlab's sum, in its order)."""
    string_width = rl.stringWidth
    total = space_width
    for piece in words:
        if piece._fkind == _FK_TEXT:
            spaces = piece.text.count(" ")
            if spaces:
                total += spaces * string_width(" ", piece.fontName, piece.fontSize)
    return total * shrinkage


def _frag_words(frags, max_width):
    """reportlab's `_getFragWords` for fragments not yet broken into words: each word as
    [width, (fragment, text), ...], an _HSFrag when a space follows it. The same steps, with
    the usual case (a word within one fragment) built directly."""
    found = []
    add = found.append
    pending = []  # the pieces of a word that goes on into the next fragment
    width = 0
    strip_leading = True
    for f in frags:
        text = f.text
        if text != "":
            if _shy in text:
                raise _Unusual
            f._fkind = _FK_TEXT
            if strip_leading:
                text = rl.lstrip(text)
                if not text:
                    continue
                strip_leading = False
            words = rl.split(text)
            if text[0] in whitespace or not words:
                if pending:
                    _end_word(found, pending, width, list)
                    pending, width = [], 0
                    spaced = False
                else:
                    spaced = found and isinstance(found[-1], _HSFrag)
                if not spaced:
                    words.insert(0, "")
                elif not words:
                    continue
            font_name, font_size = f.fontName, f.fontSize
            widths = _widths(font_name, font_size)
            sizes = [widths.get(word) or _measured(widths, word, font_name, font_size) for word in words]
            last = len(words) - 1
            if last:
                pending.append((f, words[0]))
                _end_word(found, pending, width + sizes[0], _HSFrag)
                for index in range(1, last):
                    add(_HSFrag([sizes[index], (f, words[index])]))
                pending, width = [], 0
            pending.append((f, words[last]))
            width += sizes[last]
            if text[-1] in whitespace:
                _end_word(found, pending, width, _HSFrag)
                pending, width = [], 0
        elif hasattr(f, "cbDefn"):
            cb = f.cbDefn
            size = getattr(cb, "width", 0)
            if size:
                if hasattr(size, "normalizedValue"):
                    size._normalizer = max_width
                    size = size.normalizedValue(max_width)
                if pending:
                    _end_word(found, pending, width, list)
                    pending, width = [], 0
                f._fkind = _FK_IMG
                add([size, (f, "")])
                strip_leading = False
            else:
                f._fkind = _FK_APPEND
                if not pending and found and isinstance(found[-1], _HSFrag):
                    found[-1].append((f, ""))
                else:
                    pending.append((f, ""))
        elif hasattr(f, "lineBreak"):
            if pending:
                _end_word(found, pending, width, list)
                pending, width = [], 0
            f._fkind = _FK_BREAK
            add([0, (f, "")])
            strip_leading = True
    if pending:
        _end_word(found, pending, width, list)
    if not found and frags:
        f = frags[0]
        f._fkind = _FK_TEXT
        found = [[0, (f, "")]]
    return found


def _end_word(found: list, pieces: list, width: float, kind: type) -> None:
    """Add the word made of `pieces` to `found`: [width, *pieces], as a `kind` (list, or
    _HSFrag when a space follows it)."""
    pieces.insert(0, width)
    found.append(pieces if kind is list else kind(pieces))


def _add_pieces(w, words: list, max_size: float, max_ascent: float,
                min_descent: float) -> tuple[object, int, float, float, float]:
    """Add the later pieces of the word `w` (in fragments of their own) to the line's
    `words`; return the last, whether one holds text, and the line's size, ascent and
    descent with theirs."""
    piece, real = None, 0
    for frag, text in w[2:]:
        piece = frag.clone()
        piece.text = text
        if text:
            real = 1
        words.append(piece)
        size = piece.fontSize
        ascent, descent = rl.getAscentDescent(piece.fontName, size)
        max_size = max(max_size, size)
        max_ascent = max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
    return piece, real, max_size, max_ascent, min_descent


def _general(self, frags, max_widths):
    """Several fragments: lines of styled pieces (reportlab's kind 1)."""
    _started(self)
    width_max = lineno = 0
    string_width = rl.stringWidth
    ascent_descent = rl.getAscentDescent
    same_frag = rl.sameFrag
    style = self.style
    keep_break_lines = not style.justifyBreaks
    rules = _Rules.of(style)
    shrinkage = rules.shrinkage
    last_line = len(max_widths) - 1
    max_width = max_widths[0]
    lines = []
    words = []
    if _processed_frags(frags):
        frag_words = _getFragWords(frags, max_width)
        if any(isinstance(w, _SHYWord) for w in frag_words):
            raise _Unusual
    else:  # makes no _SHYWord: a text with a soft hyphen is refused there
        frag_words = _frag_words(frags, max_width)
    n = space_width = current = max_size = max_ascent = min_descent = 0
    g = known_same = bounded = None
    first_on_line = 0
    for index, w in enumerate(frag_words):
        last = w[-1][0]
        font_name = last.fontName
        font_size = last.fontSize
        if not words:
            n = space_width = current = 0
            max_size = font_size
            max_ascent, min_descent = ascent_descent(font_name, font_size)
            bounded = None
        word_width = w[0]
        f = w[1][0]
        new_width = current + space_width + word_width if word_width > 0 else current
        line_break = f._fkind == _FK_BREAK
        if new_width > max_width:  # the room without shrinking spaces is exceeded: sum them
            limit = max_width + _shrinkable(words, space_width, shrinkage) if shrinkage else max_width
        else:
            limit = max_width
        overflows = new_width > limit
        if overflows and not line_break and not isinstance(w, _SplitFragH) and not hasattr(f, "cbDefn"):
            reduce = rules.uri_waste_reduce if not getattr(f, "nobr", False) else False
            hyphenated = partial(_hyphenateFragWord, None, w, new_width, limit, reduce, 0,
                                 rules.min_word_length)
            _refuse_splits(rules, word_width, new_width, limit, reduce, max_widths, lineno,
                           not isinstance(w, _SplitFrag), hyphenated)
        if not ((overflows and n > 0) or line_break):
            text = w[1][1]
            if text:
                n += 1
            font_size = f.fontSize
            if f is not bounded:
                ascent, descent = ascent_descent(f.fontName, font_size)
                max_size = max(max_size, font_size)
                max_ascent = max(max_ascent, ascent)
                min_descent = min(min_descent, descent)
                bounded = f
            if not words:
                g = f.clone()
                words = [g]
                g.text = text
                known_same = None
            elif f is known_same or same_frag(g, f):
                known_same = f
                if space_width:
                    if not g.text.endswith(" "):
                        g.text += " " + text
                    else:
                        g.text += text
                else:
                    g.text += text
            else:
                if space_width:
                    for piece in reversed(words):
                        if piece._fkind == _FK_TEXT:
                            if not piece.text.endswith(" "):
                                piece.text += " "
                            break
                g = f.clone()
                words.append(g)
                g.text = text
                known_same = None
            space_width = string_width(" ", font_name, font_size) if isinstance(w, _HSFrag) else 0
            real_part = 0
            if len(w) > 2:
                g, real_part, max_size, max_ascent, min_descent = _add_pieces(
                    w, words, max_size, max_ascent, min_descent)
                known_same = bounded = None
            if not text and real_part:
                n += 1
            current = new_width
            continue
        if line_break:
            g = f.clone()
            words.append(g)
            line_ends_with_break = keep_break_lines and not isinstance(w, _InjectedFrag)
        else:
            line_ends_with_break = False
        if current > width_max:
            width_max = current
        lines.append(FragLine(extraSpace=max_width - current, wordCount=n, lineBreak=line_ends_with_break,
                              words=words, fontSize=max_size, ascent=max_ascent, descent=min_descent,
                              maxWidth=max_width, sFW=first_on_line))
        first_on_line = index
        lineno += 1
        max_width = max_widths[min(last_line, lineno)]
        if line_break:
            words = []
            continue
        space_width = string_width(" ", font_name, font_size) if isinstance(w, _HSFrag) else 0
        current = word_width
        n = 1
        g = f.clone()
        max_size = g.fontSize
        max_ascent, min_descent = ascent_descent(g.fontName, max_size)
        words = [g]
        g.text = w[1][1]
        known_same = None
        bounded = f
        if len(w) > 2:
            g, _, max_size, max_ascent, min_descent = _add_pieces(w, words, max_size, max_ascent, min_descent)
            bounded = None
    if words:
        if current > width_max:
            width_max = current
        lines.append(FragLine(extraSpace=max_width - current, wordCount=n, lineBreak=False, words=words,
                              fontSize=max_size, ascent=max_ascent, descent=min_descent, maxWidth=max_width,
                              sFW=first_on_line))
    self._width_max = width_max
    self.frags = frag_words
    return ParaLines(kind=1, lines=lines)
