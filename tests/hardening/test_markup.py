"""Markdown and markup: user text never becomes renderer markup or a live unsafe link; huge or
pathological input renders or is refused with its line, in bounded time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from tests.hardening.helpers import (
    GOOD,
    PDF,
    WEEK_FILE,
    assert_refused,
    assert_renders,
    front,
    study_with_pdf,
)


def with_body(tmp_path: Path, body: str) -> Path:
    """A built study whose week's teaching paragraph is replaced by `body`."""
    study = study_with_pdf(tmp_path / "s")
    (study / WEEK_FILE).write_text(GOOD.replace("Abide in the vine.", body), encoding="utf-8")
    return study


def link_targets(path: Path) -> list[str]:
    """Every URI and action type of every link annotation in the PDF."""
    found = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                action = annotation.get("/A")
                if action is not None:
                    found.append(str(action.get("/URI", action.get("/S"))))
    return found


def test_reportlab_markup_in_text_is_shown_as_text(tmp_path: Path) -> None:
    study = with_body(tmp_path, 'Tom & Jerry <font size=999>big</font> <img src="/etc/passwd"/> '
                                '<a href="javascript:alert(1)">x</a> <b>bold?</b> <para>p</para>')
    text, _ = assert_renders(study)
    assert "Tom & Jerry" in text
    assert "<font size=999>big</font>" in text
    assert "<img src=" in text and "/etc/passwd" in text
    assert "<b>bold?</b>" in text


def test_raw_html_and_script_blocks_are_shown_not_run(tmp_path: Path) -> None:
    study = with_body(tmp_path, "Intro.\n\n<div><script>alert(1)</script><iframe src=x></iframe></div>\n\n"
                                "<!-- a comment -->\n\n<?php echo 1 ?>")
    text, _ = assert_renders(study)
    assert "<script>alert(1)</script>" in text
    assert "<iframe src=x></iframe>" in text


@pytest.mark.parametrize("link", [
    "[a](javascript:alert(1))", "[b](JAVASCRIPT:alert(1))", "[c](file:///etc/passwd)",
    "[d](data:text/html,<script>x</script>)", "[e](vbscript:x)", "<file:///etc/passwd>",
    "[f](//evil.example/x)", "[g]( javascript:x)",
])
def test_unsafe_link_schemes_are_never_live(tmp_path: Path, link: str) -> None:
    study = with_body(tmp_path, f"Before {link} after.")
    text, _ = assert_renders(study)
    assert "Before" in text and "after." in text
    targets = link_targets(study / PDF)
    assert all(target.startswith(("http:", "https:", "mailto:", "/GoTo")) for target in targets), targets


def test_safe_link_stays_live(tmp_path: Path) -> None:
    study = with_body(tmp_path, "[site](https://example.org/a?b=1&c=<2>) and [mail](mailto:a@example.org).")
    assert_renders(study)
    assert link_targets(study / PDF) == ["https://example.org/a?b=1&c=<2>", "mailto:a@example.org"]


def test_markup_in_titles_headings_and_big_idea_is_text(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    fields = 'week: 1\ntitle: "<font size=99>T</font> & <b>"\nbig_idea: "<img src=/etc/passwd/> & *yes*"'
    (study / WEEK_FILE).write_text(front(fields, "\n## <u>Head</u> & co\n\nText.\n"), encoding="utf-8")
    text, _ = assert_renders(study)
    assert "<font size=99>T</font> & <b>" in text
    assert "<img src=/etc/passwd/> &" in text
    assert "<U>HEAD</U> & CO" in text.upper()


def test_code_spans_and_blocks_show_their_characters_once(tmp_path: Path) -> None:
    study = with_body(tmp_path, "Use `<b> & &amp;` here.\n\n    <i>x</i> &copy;")
    text, _ = assert_renders(study)
    assert "<b> & &amp;" in text
    assert "<i>x</i> &copy;" in text
    assert "&lt;" not in text


def test_footnotes_show_no_placeholder_and_matching_numbers(tmp_path: Path) -> None:
    study = with_body(tmp_path, "One[^a] and two[^b].\n\n[^a]: First note.\n[^b]: Second note.")
    text, _ = assert_renders(study)
    assert "qq3936677670287331zz" not in text
    assert "1 First note." in text and "2 Second note." in text


def test_entities_render_as_characters(tmp_path: Path) -> None:
    study = with_body(tmp_path, "&lt;b&gt; &amp; &#0; &#x110000; &#xD800; &nosuch; &copy;")
    text, _ = assert_renders(study)
    assert "<b> &" in text and "&nosuch;" in text and "\u00a9" in text


def test_three_thousand_character_word_and_url_wrap(tmp_path: Path) -> None:
    study = with_body(tmp_path, "x" * 3000 + " https://example.org/" + "a" * 3000)
    text, _ = assert_renders(study)
    assert text.count("x") >= 3000


def test_wide_table_and_moderately_deep_lists_fit(tmp_path: Path) -> None:
    table = "| " + " | ".join(f"col {i}" for i in range(14)) + " |\n|" + "---|" * 14 + "\n"
    table += "| " + " | ".join("word" * 6 for _ in range(14)) + " |\n"
    nested = "".join("  " * depth + "- level\n" for depth in range(12))
    study = with_body(tmp_path, "Intro.\n\n" + table + "\n" + nested)
    text, _ = assert_renders(study)
    assert "col" in text and "level" in text


def test_table_cell_taller_than_a_page_splits(tmp_path: Path) -> None:
    cell = "A long cell sentence. " * 400
    study = with_body(tmp_path, f"Intro.\n\n| a | b |\n|---|---|\n| {cell} | short |\n| x | {'y' * 3000} |\n")
    assert_renders(study)
    assert len(PdfReader(study / PDF).pages) >= 8


def test_table_with_too_many_columns_is_refused(tmp_path: Path) -> None:
    header = "|" + "|".join(f"c{i}" for i in range(200)) + "|"
    study = with_body(tmp_path, "Intro.\n\n" + header + "\n|" + "-|" * 200 + "\n|" + "b|" * 200)
    assert_refused(study, f"{WEEK_FILE}:12", "this table has 200 columns; at most 15 fit across the page",
                   check=False)


def test_long_quote_and_list_item_split_across_pages(tmp_path: Path) -> None:
    long = " ".join(["A long sentence that keeps going on and on."] * 400)
    study = with_body(tmp_path, f"> {long}\n\n- {long}\n")
    assert_renders(study)
    assert len(PdfReader(study / PDF).pages) >= 8


@pytest.mark.parametrize("nesting", [
    "".join("    " * depth + "- deeper\n" for depth in range(40)),
    "".join("    " * depth + "1. deeper\n" for depth in range(40)),
], ids=["bullets", "numbers"])
def test_nesting_too_deep_to_lay_out_is_refused(tmp_path: Path, nesting: str) -> None:
    study = with_body(tmp_path, "Intro.\n\n" + nesting)
    assert_refused(study, f"{WEEK_FILE}:8", "this section nests lists or quotes too deeply")


def test_markers_nested_on_one_line_stay_text(tmp_path: Path) -> None:
    study = with_body(tmp_path, "> " * 500 + "deep\n\n" + "- " * 500 + "deeper")
    text, _ = assert_renders(study)
    assert "deep" in text


@pytest.mark.parametrize("body", [
    "[" * 20000,
    "<" * 20000,
    "*a " * 2000 + "_" * 20000,
    "`" * 20000,
    "[a](\n" * 2000,
    "![x](" * 3000,
], ids=["brackets", "angles", "emphasis", "backticks", "open-links", "open-images"])
def test_pathological_markdown_finishes(tmp_path: Path, body: str) -> None:
    study = with_body(tmp_path, body)
    assert_renders(study)


def test_twenty_thousand_brackets_on_separate_lines_are_refused_quickly(tmp_path: Path) -> None:
    """One paragraph of 20,000 `[` lines made python-markdown run for minutes."""
    study = with_body(tmp_path, "[\n" * 20000)
    assert_refused(study, f"{WEEK_FILE}:10", "this paragraph is too long (40,0")


def test_huge_paragraph_is_refused_with_its_line(tmp_path: Path) -> None:
    study = with_body(tmp_path, "word " * 7000)
    result = assert_refused(study, f"{WEEK_FILE}:10", "this paragraph is too long (7,0")
    assert "words; the limit is 6,000)" in result.stderr


@pytest.mark.parametrize("paragraph", ["word " * 1_000_000, "x" * 5_000_000], ids=["words", "one-word"])
def test_five_megabyte_paragraph_ends_within_seconds(tmp_path: Path, paragraph: str) -> None:
    """A subprocess with a timeout catches a hang without a timing assertion."""
    study = with_body(tmp_path, paragraph)
    before = (study / PDF).read_bytes()
    result = subprocess.run([sys.executable, "-m", "guide_builder.cli", "build", str(study)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"{WEEK_FILE}:10: this paragraph is too long" in result.stderr
    assert (study / PDF).read_bytes() == before
