"""The faster line breaking (render/linebreak.py) breaks every paragraph exactly as
reportlab's own `Paragraph.breakLines` does: the same lines, words, widths and pieces."""

from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest
from reportlab.lib.abag import ABag
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as rl

from benchmarks.make_study import make_study
from guide_builder.render import fonts, linebreak, speedups
from tests.conftest import copy_sample, run_guide

speedups.install()  # as rendering does
REPORTLABS = linebreak._original


def _difference(a: object, b: object, path: str = "") -> str | None:
    """Where two line-breaking results differ, or None (styles compared by identity)."""
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} against {type(b).__name__}"
    if isinstance(a, list | tuple):
        if len(a) != len(b):
            return f"{path}: {len(a)} items against {len(b)}"
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            if found := _difference(x, y, f"{path}[{index}]"):
                return found
        return None
    if isinstance(a, ABag):
        if a.__dict__.keys() != b.__dict__.keys():
            return f"{path}: attributes {sorted(a.__dict__.keys() ^ b.__dict__.keys())}"
        for key, value in a.__dict__.items():
            if key != "style" and (found := _difference(value, b.__dict__[key], f"{path}.{key}")):
                return found
        return None
    return None if a == b else f"{path}: {a!r} against {b!r}"


def _twin(para: Paragraph) -> Paragraph:
    """A copy of `para` whose fragments line breaking may change without touching `para`'s."""
    twin = copy.copy(para)
    twin.__dict__ = dict(para.__dict__)
    twin.frags = [f.clone() if isinstance(f, ABag) else type(f)(f) for f in para.frags]
    return twin


class Comparing:
    """Stands in for `Paragraph.breakLines`: breaks each paragraph both ways and records
    any difference (result, the paragraph's fragments afterwards, its widest line and the
    widths list, which reportlab narrows for a bullet)."""

    def __init__(self) -> None:
        self.differences: list[str] = []
        self.kinds: Counter[str] = Counter()
        self.fell_back = 0

    def __call__(self, para: Paragraph, width):
        twin = _twin(para)
        twin_width = list(width) if isinstance(width, list) else width
        expected = REPORTLABS(twin, twin_width)
        got = linebreak.break_lines(para, width)
        self.kinds[f"kind {got.kind}"] += 1
        for name, a, b in (("lines", expected, got), ("frags", twin.frags, para.frags),
                           ("widest line", twin._width_max, para._width_max), ("widths", twin_width, width)):
            if found := _difference(a, b, name):
                text = "".join(getattr(f, "text", "") for f in twin.frags if isinstance(f, ABag))
                self.differences.append(f"{found} in {text[:120]!r} at {width}")
                break
        return got

    def reportlabs(self, para: Paragraph, width):
        self.fell_back += 1
        return REPORTLABS(para, width)


@pytest.fixture
def comparing(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GUIDE_JOBS", "1")  # every paragraph in this process, where it is compared
    compare = Comparing()

    def break_lines(para: Paragraph, width):
        return compare(para, width)

    with mock.patch.object(rl.Paragraph, "breakLines", break_lines), \
            mock.patch.object(linebreak, "_original", compare.reportlabs):
        yield compare


def test_every_paragraph_of_the_sample_and_a_generated_study_breaks_as_in_reportlab(
        comparing: Comparing, tmp_path: Path) -> None:
    sample = copy_sample(tmp_path)
    generated = make_study(tmp_path / "generated", 8, seed=3)
    for root in (sample, generated):
        for edition in ("participant", "leader"):
            out = tmp_path / f"{root.name}-{edition}.pdf"
            run = run_guide("build", root, "--edition", edition, "--out", out)
            assert run.code == 0, run.stderr
    assert comparing.differences == []
    assert comparing.kinds["kind 0"] > 500 and comparing.kinds["kind 1"] > 200, comparing.kinds
    assert comparing.fell_back == 0  # nothing in these studies needs reportlab's own


def _style(**overrides: object) -> ParagraphStyle:
    family = fonts.register_family("serif")
    values = dict(fontName=family["regular"], fontSize=10.5, leading=14, uriWasteReduce=0.3,
                  allowWidows=0, allowOrphans=0)
    values.update(overrides)
    return ParagraphStyle("t", **values)


WORDS = ("The grace of God has appeared, bringing salvation for all people, training us to renounce "
         "ungodliness and worldly passions.")
MARKUPS = [
    WORDS,
    f"  {WORDS}  ",
    f"<b>{WORDS[:30]}</b>{WORDS[30:60]}<i>{WORDS[60:]}</i>",
    f"He said,<b>grace</b>and<i>peace</i>; {WORDS}<br/>{WORDS}<br/><br/>end",
    f"<font size=14>{WORDS[:40]}</font> <font size=7>{WORDS[40:]}</font> <super>12</super> more",
    f"{WORDS} <a href='https://example.org/a/very/long/path/that/does/not/fit/on/one/line/at/all'>"
    f"https://example.org/a/very/long/path/that/does/not/fit/on/one/line/at/all</a> {WORDS}",
    f"{WORDS} https://example.org/a/very/long/path/that/does/not/fit/on/one/line/at/all {WORDS}",
    f"{WORDS} Supercalifragilisticexpialidociousandthensomemorelettersthanalinecanhold {WORDS}",
    f"{WORDS} <b>Supercalifragilisticexpialidociousandthensomemorelettersthanalinecanhold</b> x",
    f"{WORDS} sal\u00advation and re\u00adnounce {WORDS}",
    f"Fill in:\u00a0\u00a0\u00a0\u00a0 <onDraw name='x' label='1'/> {WORDS}<onDraw name='x' label='2'/>",
    "",
    " ",
    "<b></b>",
    "one",
]


@pytest.mark.parametrize("style", [
    _style(), _style(alignment=TA_JUSTIFY), _style(firstLineIndent=18), _style(spaceShrinkage=0),
    _style(uriWasteReduce=0), _style(splitLongWords=0),
    _style(leftIndent=4, bulletIndent=0),  # the bullet narrows the first line
], ids=["plain", "justified", "indent", "no-shrink", "no-uri", "no-long-words", "bullet"])
def test_made_up_paragraphs_break_as_in_reportlab_at_many_widths(comparing: Comparing, style) -> None:
    bullet = "\u2022" if style.leftIndent else None
    for markup in MARKUPS:
        for width in (40, 90, 150.5, 200, 333.3, 612):
            para = Paragraph(markup, style, bulletText=bullet)
            para.wrap(width, 1000)
            for part in para.split(width, 30) or []:  # the later part: words or split fragments
                part.wrap(width * 0.8, 1000)
    assert comparing.differences == []
    assert comparing.kinds["kind 0"] and comparing.kinds["kind 1"]
    assert comparing.fell_back  # soft hyphens, a URL split, a long word


def test_widths_given_as_a_tuple_break_as_in_reportlab(comparing: Comparing) -> None:
    for markup in MARKUPS:  # among them words wider than the line, which go to reportlab's own
        for width in (40, 150.5, 333.3):
            Paragraph(markup, _style()).breakLines((width * 0.9, width))
    assert comparing.differences == [] and comparing.fell_back
