"""`guide build --fillable`: answer spaces and blanks become form fields a reader can type in."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader
from pypdf.generic import TextStringObject

from tests.conftest import WEEK, run_guide, write_study

LONG_ANSWER_WEEK = WEEK.replace("{{lines=2}}", "{{lines=40}}")


@pytest.fixture(scope="module")
def fillable_study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    study = write_study(tmp_path_factory.mktemp("fillable") / "s", {
        "week-01.md": WEEK.format(number=1, title="Abide"),
        "week-02.md": LONG_ANSWER_WEEK.format(number=2, title="Remain"),
    })
    assert run_guide("build", study).code == 0
    result = run_guide("build", study, "--fillable")
    assert result.code == 0, result.stderr
    assert "test-study-fillable.pdf" in result.stdout + result.stderr
    return study


def widgets(reader: PdfReader) -> list[tuple[int, dict]]:
    """(page index, widget annotation) in /Annots order, which is the tab order."""
    found = []
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Widget":
                found.append((index, annot))
    return found


def test_every_question_and_blank_is_a_named_field_in_reading_order(fillable_study: Path) -> None:
    reader = PdfReader(fillable_study / "output" / "test-study-fillable.pdf")
    names = [str(w["/T"]) for _, w in widgets(reader)]
    first_parts = [n for n in names if n.count(".") == 1]
    assert first_parts == ["week01.blank1", "week01.q1", "week01.q2",
                           "week02.blank1", "week02.q1", "week02.q2"]
    # Week 2's 40 answer lines run onto another page: the continuation is its own field.
    assert "week02.q2.2" in names
    assert len(set(names)) == len(names)


def test_answer_fields_are_multiline_and_blanks_single_line(fillable_study: Path) -> None:
    reader = PdfReader(fillable_study / "output" / "test-study-fillable.pdf")
    multiline = 1 << 12
    for _, widget in widgets(reader):
        flags = int(widget.get("/Ff", 0))
        if ".q" in str(widget["/T"]):
            assert flags & multiline
        else:
            assert not flags & multiline
        assert str(widget["/TU"]).startswith("Week ")


def test_field_font_is_embedded(fillable_study: Path) -> None:
    reader = PdfReader(fillable_study / "output" / "test-study-fillable.pdf")
    form = reader.trailer["/Root"]["/AcroForm"]
    fonts = form["/DR"]["/Font"]
    for font in fonts.values():
        descriptor = font.get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor
    for _, widget in widgets(reader):
        assert str(widget["/DA"]).split()[0] in fonts


def test_fillable_paginates_like_the_plain_build_and_prints_its_lines(fillable_study: Path) -> None:
    plain = fillable_study / "output" / "test-study.pdf"
    fillable = fillable_study / "output" / "test-study-fillable.pdf"
    assert len(PdfReader(plain).pages) == len(PdfReader(fillable).pages)
    for page in range(len(PdfReader(plain).pages)):
        assert PdfReader(plain).pages[page].extract_text() == PdfReader(fillable).pages[page].extract_text()
    # With the fields empty the page looks as printed: same pixels as the plain edition.
    plain_doc, fill_doc = pypdfium2.PdfDocument(plain), pypdfium2.PdfDocument(fillable)
    try:
        fill_doc.init_forms()
        for index in range(len(plain_doc)):
            a = plain_doc[index].render(scale=0.5, may_draw_forms=False).to_pil().convert("L")
            b = fill_doc[index].render(scale=0.5, may_draw_forms=True).to_pil().convert("L")
            assert a.tobytes() == b.tobytes(), f"page {index + 1} differs"
    finally:
        plain_doc.close()
        fill_doc.close()


def test_field_covers_its_answer_lines(fillable_study: Path) -> None:
    reader = PdfReader(fillable_study / "output" / "test-study-fillable.pdf")
    index, widget = next((i, w) for i, w in widgets(reader) if str(w["/T"]) == "week01.q2")
    x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
    page = reader.pages[index]
    width = float(page.mediabox.width)
    assert x1 - x0 > width * 0.5  # across the text column
    assert y1 - y0 > 20  # two lines of room at least
    assert 0 < y0 < y1 < float(page.mediabox.height)


def test_typed_answer_is_kept(fillable_study: Path, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=fillable_study / "output" / "test-study-fillable.pdf")
    index = next(i for i, w in widgets(PdfReader(fillable_study / "output" / "test-study-fillable.pdf"))
                 if str(w["/T"]) == "week01.q1")
    writer.update_page_form_field_values(writer.pages[index], {"week01.q1": "Staying close every day"},
                                         auto_regenerate=False)
    writer.set_need_appearances_writer(True)
    filled = tmp_path / "filled.pdf"
    writer.write(filled)
    values = {k: v.get("/V") for k, v in (PdfReader(filled).get_fields() or {}).items()}
    assert values["week01.q1"] == TextStringObject("Staying close every day")
    assert values["week01.q2"] in (None, "")
    built = PdfReader(fillable_study / "output" / "test-study-fillable.pdf").get_fields()
    assert all(field.get("/V") in (None, "") for field in built.values())


def test_booklet_and_fillable_together_is_a_usage_error(fillable_study: Path) -> None:
    result = run_guide("build", fillable_study, "--booklet", "--fillable")
    assert result.code == 2
    assert "fillable" in result.stderr
