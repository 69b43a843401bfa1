"""The faster text output (render/drawing.py) writes exactly what reportlab's own
`_formatText`, `_textOut`, `_putFragLine`, `_do_post_text`, `setFillColor`, `translate`
and the graphics state stack write."""

from __future__ import annotations

import io
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

import pytest
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject, _PDFColorSetter
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as rl

from benchmarks.make_study import make_study
from guide_builder.render import drawing, fonts, speedups
from tests.conftest import copy_sample, run_guide

speedups.install()  # as rendering does

# (owner, name, ours, reportlab's own)
REPLACED = [
    (PDFTextObject, "_formatText", drawing.format_text, drawing._original_format_text),
    (PDFTextObject, "_textOut", drawing.text_out, drawing._original_text_out),
    (rl, "_putFragLine", drawing.put_frag_line, drawing._original_put_frag_line),
    (rl, "_do_post_text", drawing.do_post_text, drawing._original_do_post_text),
    (_PDFColorSetter, "setFillColor", drawing.set_fill_color, drawing._original_set_fill_color),
    (Canvas, "translate", drawing.translate, drawing._original_translate),
    (Canvas, "push_state_stack", drawing.push_state_stack, drawing._original_push_state_stack),
    (Canvas, "pop_state_stack", drawing.pop_state_stack, drawing._original_pop_state_stack),
]
OURS = {(owner, name): ours for owner, name, ours, _ in REPLACED}
REPORTLABS = {(owner, name): theirs for owner, name, _, theirs in REPLACED}


def _drawing_with(functions: dict, calls: Counter | None = None) -> ExitStack:
    """Patch in one set of drawing functions (counting the calls of each, if asked)."""
    stack = ExitStack()
    for (owner, name), function in functions.items():
        if calls is not None:
            def counted(*args, _function=function, _name=name, **kwargs):
                calls[_name] += 1
                return _function(*args, **kwargs)
            function = counted
        stack.enter_context(mock.patch.object(owner, name, function))
    return stack


def test_installed_by_the_speedups() -> None:
    for (owner, name), function in OURS.items():
        assert getattr(owner, name) is function, name


def test_the_sample_and_a_generated_study_are_drawn_byte_for_byte_as_by_reportlab(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUIDE_JOBS", "1")  # every page in this process, where the functions are patched
    sample = copy_sample(tmp_path)
    generated = make_study(tmp_path / "generated", 6, seed=5)
    calls: Counter[str] = Counter()
    for root in (sample, generated):
        for edition in ("participant", "leader"):
            books = {}
            for who, functions in (("reportlab", REPORTLABS), ("ours", OURS)):
                out = tmp_path / f"{root.name}-{edition}-{who}.pdf"
                with _drawing_with(functions, calls if who == "ours" else None):
                    run = run_guide("build", root, "--edition", edition, "--out", out)
                assert run.code == 0, run.stderr
                books[who] = out.read_bytes()
            assert books["ours"] == books["reportlab"], f"{root.name}, {edition}"
    assert min(calls.values()) > 500, calls  # every one of ours was used


def _style(**overrides: object) -> ParagraphStyle:
    family = fonts.register_family("serif")
    values = dict(fontName=family["regular"], fontSize=10.5, leading=14)
    values.update(overrides)
    return ParagraphStyle("t", **values)


WORDS = "The grace of God has appeared, bringing salvation for all people, training us to renounce."
MARKUPS = [
    WORDS,
    f"<b>{WORDS[:30]}</b>{WORDS[30:60]}<i>{WORDS[60:]}</i> <font color='#24566b'>coloured</font> end",
    f"<super>12</super>\u00a0{WORDS} <sub>3</sub> <font size=7>small {WORDS}</font>",
    f"{WORDS} <a href='https://example.org/'>a link <b>with bold</b> over a line break</a> {WORDS}",
    "a <a href='https://example.org/'>link <font size=16>grows</font> </a>then"
    "<a href='https://example.org/b'>ends </a>here",
    f"<u>{WORDS} underlined</u> and <strike>struck through {WORDS}</strike> <u><b>both</b></u>",
    "<u>under <font size=15>big</font> </u>then <strike>struck </strike>plain",
    f"<span backColor='#eeeeee'>{WORDS}</span> back <font color='cmyk(0.1,0.9,0,0.2)'>cmyk</font> "
    "<span backColor='#dddddd' color='red'>red</span> x",
    f"{WORDS} <a name='here'/>anchored <onDraw name='noted' label='1'/> {WORDS}",
    f"{WORDS}<br/><b>{WORDS}</b><br/><br/>end",
    f"\u05d1\u05b0\u05bc\u05e8\u05b5\u05d0\u05e9\u05b4\u05c1\u05d9\u05ea {WORDS}",  # Hebrew, not shaped
    f"<para shaping='1'>{WORDS} <font face='{fonts.register_hebrew()}'>"  # shaped: reportlab's own
    "\u05d1\u05b0\u05bc\u05e8\u05b5\u05d0\u05e9\u05b4\u05c1\u05d9\u05ea</font> end</para>",
    # ASCII after other text of a face that lacks it (its codes are given as they are met)
    f"<font face='{fonts.register_hebrew()}'>\u05d1\u05b0 <font color='red'>abc 12</font> \u05d0</font> x",
    "one",
]
STYLES = [
    _style(), _style(alignment=TA_JUSTIFY), _style(alignment=TA_CENTER), _style(alignment=TA_RIGHT),
    _style(alignment=TA_JUSTIFY, autoLeading="max"), _style(endDots="."),
    _style(leftIndent=12, bulletIndent=0, firstLineIndent=-6),
    _style(textColor=Color(0.2, 0.3, 0.4, alpha=0.5)),  # translucent, and opaque spans in it
]


def _drawn(functions: dict) -> bytes:
    """A page of every made-up paragraph in every style at three widths."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=0)
    canvas.setNamedCB("noted", lambda canvas, kind, label: canvas.drawString(0, 0, f"note {label}"))
    with _drawing_with(functions):
        for style in STYLES:
            bullet = "\u2022" if style.leftIndent else None
            for markup in MARKUPS:
                for width in (90, 200, 333.3):
                    para = Paragraph(markup, style, bulletText=bullet)
                    para.wrap(width, 1000)
                    para.drawOn(canvas, 20, 20)
                    canvas.showPage()
        canvas.save()
    return buffer.getvalue()


def test_made_up_paragraphs_are_drawn_as_by_reportlab() -> None:
    ours, theirs = _drawn(OURS), _drawn(REPORTLABS)
    assert ours.count(b"/Subtype /Link") > 0 and ours.count(b" re f") > 0  # links and backgrounds drawn
    assert ours == theirs


def test_moves_and_saved_states_give_reportlabs_operators_and_matrix() -> None:
    """Moves after other transforms (merged into them), after a rotation and a scale, at
    float and integer offsets; states saved and restored nested, some by reportlab's own,
    with opacities set inside them."""
    def draw(functions: dict) -> tuple[list[str], list[tuple]]:
        with _drawing_with(functions):
            canvas = Canvas(io.BytesIO())
            matrices = []
            for step in range(60):
                if step % 7 == 0:
                    canvas.saveState()
                    canvas.setFont("Helvetica", 8 + step % 5)
                    canvas.setFillColorRGB(step / 60, 0.2, 0.3)
                    canvas.setFillAlpha(0.5 if step % 14 else 0.25)  # set again once restored
                if step % 11 == 3:
                    canvas.rotate(17.5)
                if step % 13 == 5:
                    canvas.scale(1.25, 0.8)
                canvas.translate(step * 1.37 - 20, 3 if step % 2 else -0.0)
                if step % 5 == 0:
                    canvas.translate(0.5, 2.25)  # right after a move: merged into it
                if step % 9 == 0:
                    drawing._original_push_state_stack(canvas)  # saved by reportlab's, restored by either
                    canvas._code.append("q")
                    canvas.restoreState()
                if step % 7 == 6:
                    canvas.restoreState()
                matrices.append((canvas._currentMatrix, canvas._fontname, canvas._fontsize,
                                 canvas._fillColorObj, dict(canvas._extgstate._d)))
            return canvas._code, matrices

    assert draw(OURS) == draw(REPORTLABS)
