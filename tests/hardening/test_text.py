"""Scripts and symbols: what the fonts have prints; what they lack is named with its line."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from guide_builder.glyphs import missing_characters
from tests.hardening.helpers import GOOD, WEEK_FILE, assert_renders, front, study_with_pdf


def with_week(tmp_path: Path, text: str) -> Path:
    study = study_with_pdf(tmp_path / "s")
    (study / WEEK_FILE).write_text(text, encoding="utf-8")
    return study


def test_greek_accented_latin_and_typography_render_without_warnings(tmp_path: Path) -> None:
    body = "Love is \u1f00\u03b3\u03ac\u03c0\u03b7; na\u00efve caf\u00e9 \u201cquoted\u201d \u2014 \u00a7."
    text, result = assert_renders(with_week(tmp_path, GOOD.replace("Abide in the vine.", body)))
    assert "\u03b3\u03ac\u03c0\u03b7" in text and "caf\u00e9" in text and "\u201cquoted\u201d" in text
    assert "warning" not in result.stderr


def test_emoji_is_named_with_its_line_never_a_silent_box(tmp_path: Path) -> None:
    body = "\n## Teaching\n\nText.\n\nMore joy \U0001F600 and \u2764\ufe0f.\n"
    week = front('week: 1\ntitle: "Joy \U0001F600"', body)
    _, result = assert_renders(with_week(tmp_path, week))
    assert (f"{WEEK_FILE}:3: warning: '\U0001F600' (U+1F600 GRINNING FACE) is not in the fonts and would "
            "print as an empty box") in result.stderr
    assert f"{WEEK_FILE}:10: warning: '\u2764' (U+2764 HEAVY BLACK HEART)" in result.stderr
    assert result.stderr.count("U+1F600") == 1  # once per character and week
    assert "hint: replace it with words" in result.stderr


def test_hebrew_prints_right_to_left_and_chinese_is_named_with_its_line(tmp_path: Path) -> None:
    hebrew = "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd"  # shalom, pointed
    body = f"Shalom {hebrew} means peace.\n\n| a | \u4e2d |\n|---|---|\n| b | c |"
    study = with_week(tmp_path, GOOD.replace("Abide in the vine.", body))
    _, result = assert_renders(study)
    assert "HEBREW" not in result.stderr
    assert "(U+4E2D CJK UNIFIED IDEOGRAPH-4E2D)" in result.stderr
    reader = PdfReader(next((study / "output").glob("*.pdf")))
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"].get("/Font", {}).values()}
    assert any("NotoSerifHebrew" in font for font in fonts)


def test_hebrew_runs_are_tied_or_ordered_right_to_left() -> None:
    from guide_builder.render.hebrew import MAX_TIED_WORDS, split_runs, visual
    from guide_builder.render.text import markup

    shalom = "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd"
    assert visual(shalom) == shalom  # HarfBuzz sets the word right to left, points on letters
    assert visual("\u05d0\u05d1 \u05d2\u05d3") == "\u05d0\u05d1\u00a0\u05d2\u05d3"  # one unbreakable word
    long_run = " ".join(["\u05d0\u05d1"] * MAX_TIED_WORDS + ["\u05d2\u05d3"])
    assert visual(long_run).split(" ")[0] == "\u05d2\u05d3"  # may break: words right to left
    assert split_runs("the word \u05d7\u05e1\u05d3 (hesed)") == [
        (False, "the word "), (True, "\u05d7\u05e1\u05d3"), (False, " (hesed)")]
    from guide_builder import model as m
    from guide_builder.render.text import MarkupContext

    context = MarkupContext(edition=m.Edition.PARTICIPANT, font_name="x", font_size=10, accent="#000000")
    assert markup((m.Text("plain"),), context) == "plain"
    assert markup((m.Text(f"say {shalom}"),), context).startswith('<para shaping="1">')


def test_hebrew_is_drawn_right_to_left(tmp_path: Path) -> None:
    """Rendered: the first letter of a word lies right of its last, points inside the word."""
    import pypdfium2

    hesed = "\u05d7\u05b6\u05e1\u05b6\u05d3"
    study = with_week(tmp_path, GOOD.replace("Abide in the vine.", f"Word {hesed} (hesed)."))
    text, _ = assert_renders(study)
    assert "hesed)" in text
    document = pypdfium2.PdfDocument(next((study / "output").glob("*.pdf")))
    try:
        page = next(document[i] for i in range(len(document))
                    if "hesed" in document[i].get_textpage().get_text_range())
        textpage = page.get_textpage()
        chars = {textpage.get_text_range(i, 1): textpage.get_charbox(i)
                 for i in range(textpage.count_chars())}
        first, last = chars["\u05d7"], chars["\u05d3"]
        assert first[0] > last[2] - 0.5  # het (first) right of dalet (last)
        point = chars["\u05b6"]
        assert last[0] - 0.5 <= point[0] and point[2] <= first[2] + 0.5
    finally:
        document.close()


def test_guide_check_reports_missing_characters_too(tmp_path: Path) -> None:
    from tests.conftest import run_guide

    study = with_week(tmp_path, GOOD.replace("Abide in the vine.", "Joy \U0001F600."))
    result = run_guide("check", study)
    assert result.code == 0
    assert f"{WEEK_FILE}:10: warning: '\U0001F600'" in result.stderr


def test_the_fonts_cover_what_the_spec_promises() -> None:
    promised = "\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u00e9\u00f1\u00fc\u0153\u03b1\u03c9\u1f00\u0416"
    assert missing_characters(promised) == []
    assert missing_characters("\u200b\u200d\u00ad\ufe0f\u0301") == []  # invisible or combining
