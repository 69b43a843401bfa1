"""Fill-in blanks: the leader's answer (or the fillable field) stays on its rule's line."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from guide_builder import model as m
from guide_builder.render.text import BLANK_CALLBACK, NBSP, MarkupContext, blank_markup, blank_start


@pytest.mark.parametrize("width", [120, 125, 130, 135, 140, 150, 160])
def test_the_answer_lands_on_the_line_of_its_rule(width: float) -> None:
    context = MarkupContext(edition=m.Edition.LEADER, font_name="Helvetica", font_size=10, accent="#24566b")
    markup = "aaaa bbbb cccc dddd the " + blank_markup("presence", context) + " of God among them"
    paragraph = Paragraph(markup, ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12))
    canvas = Canvas(io.BytesIO())
    landed: list[tuple[float, float]] = []
    canvas.setNamedCB(BLANK_CALLBACK, lambda c, _kind, _label: landed.append(
        (blank_start(c._curr_tx_info), c._curr_tx_info["cur_y"])))
    paragraph.wrap(width, 1000)
    paragraph.drawOn(canvas, 0, 0)
    lines = [[frag.text for frag in line.words] for line in paragraph.blPara.lines]
    rule_line = next(i for i, line in enumerate(lines) if any(NBSP in text for text in line))
    ((x, y),) = landed
    assert y == paragraph.height - 12 * (rule_line + 1) + 2  # the baseline of the rule's line
    before = "".join(lines[rule_line]).split(NBSP)[0]
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert x == pytest.approx(stringWidth(before, "Helvetica", 10), abs=0.01)


def test_a_blank_answer_with_quotes_and_markup_characters_comes_back_exactly() -> None:
    context = MarkupContext(edition=m.Edition.LEADER, font_name="Helvetica", font_size=10, accent="#24566b")
    answer = "\"R&D\" <i>'s"
    paragraph = Paragraph("Fill " + blank_markup(answer, context), ParagraphStyle("p", fontName="Helvetica"))
    canvas = Canvas(io.BytesIO())
    labels: list[str] = []
    canvas.setNamedCB(BLANK_CALLBACK, lambda _c, _kind, label: labels.append(label))
    paragraph.wrap(400, 1000)
    paragraph.drawOn(canvas, 0, 0)
    assert [label.partition(":")[2] for label in labels] == [answer]
