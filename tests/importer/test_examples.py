"""The two real example articles (read from the shared folder, never copied here)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from guide_builder import model as m
from guide_builder.importer import import_article
from guide_builder.importer.references import leading_reference, reference_line
from tests.conftest import copy_sample, run_guide

from .helpers import ARTICLES, parse, passages, questions

TRUE_FLOW = ARTICLES / "the-true-flow-of-breakthrough.txt"
CONTINUAL = ARTICLES / "the-continual-pursuit-of-breakthrough.txt"
TRUE_FLOW_REFS = ["2 Corinthians 1:4", "Zechariah 4:6", "Hebrews 11:6", "1 John 4:18-19", "Matthew 6:14",
                  "Luke 9:23-24"]

pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason="the shared example articles are not here")


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


@pytest.mark.parametrize("path", [TRUE_FLOW, CONTINUAL], ids=["true-flow", "continual"])
def test_example_imports_into_a_week_the_parser_accepts(tmp_path: Path, path: Path) -> None:
    result = import_article(path, 3)
    week, problems = parse(result, tmp_path)
    assert not problems.items, [d.format() for d in problems.items]
    assert week.number == 3
    assert week.title == _lines(path)[0]
    assert result.suggested_name == f"week-03-{path.stem}.md"


def test_true_flow_keeps_every_scripture_quotation_verbatim(tmp_path: Path) -> None:
    result = import_article(TRUE_FLOW, 3)
    week, _ = parse(result, tmp_path)
    assert [p.label for p in passages(week)] == TRUE_FLOW_REFS
    assert [s.label for s in week.scriptures] == TRUE_FLOW_REFS
    source = TRUE_FLOW.read_text(encoding="utf-8")
    bodies = re.findall(r'^!!! scripture "[^"]+"\n((?:    .*\n)+)', result.markdown, re.MULTILINE)
    assert len(bodies) == len(TRUE_FLOW_REFS)
    for body in bodies:
        for line in body.split("\n"):
            assert line.strip() in source  # the author's words, exactly as written
    summary = "\n".join(result.summary)
    for label in TRUE_FLOW_REFS:
        assert label in summary
    assert "passages: 6 found" in summary


@pytest.mark.parametrize("path", [TRUE_FLOW, CONTINUAL], ids=["true-flow", "continual"])
def test_no_text_of_the_article_is_lost(tmp_path: Path, path: Path) -> None:
    result = import_article(path, 3)
    body = result.markdown.split("\n---\n", 1)[1]
    for line in _lines(path)[1:]:
        if reference_line(line) is not None:
            continue
        lead = leading_reference(line)
        kept = lead[1] if lead is not None else line
        assert kept in body, kept
    for asked in re.findall(r"[^.?!\u2026\n]*\?", path.read_text(encoding="utf-8")):
        assert asked.strip() in body  # every question the author asks is still there


@pytest.mark.parametrize("path", [TRUE_FLOW, CONTINUAL], ids=["true-flow", "continual"])
def test_a_closing_question_becomes_a_discussion_question(tmp_path: Path, path: Path) -> None:
    closing = "Where do you need breakthrough this week?"
    copy = tmp_path / path.name
    copy.write_text(path.read_text(encoding="utf-8").rstrip() + f"\n\n{closing}\n", encoding="utf-8")
    week, _ = parse(import_article(copy, 3), tmp_path)
    assert questions(week) == [closing]
    if path == TRUE_FLOW:
        assert [p.label for p in passages(week)] == TRUE_FLOW_REFS


def test_examples_without_questions_say_so(tmp_path: Path) -> None:
    for path in (TRUE_FLOW, CONTINUAL):
        summary = import_article(path, 1).summary
        assert "questions: none found; add them under ## Discussion Questions" in summary
        assert "dropped: nothing" in summary


def test_continual_keeps_its_headings_as_sub_headings(tmp_path: Path) -> None:
    week, _ = parse(import_article(CONTINUAL, 5), tmp_path)
    headings = [b.inlines[0].text for s in week.sections for b in s.blocks if isinstance(b, m.Heading)]
    assert headings == ["Breakthrough is Hingy", "Breakthrough is Gradual"]
    assert [s.kind for s in week.sections] == [m.SectionKind.TEACHING]


def test_examples_pass_guide_check_and_build(tmp_path: Path) -> None:
    study = copy_sample(tmp_path)
    shutil.rmtree(study / "content")
    (study / "content").mkdir()
    for number, path in enumerate([TRUE_FLOW, CONTINUAL], start=1):
        result = import_article(path, number)
        (study / "content" / result.suggested_name).write_text(result.markdown, encoding="utf-8")
    checked = run_guide("check", study)
    assert checked.code == 0, checked.stdout + checked.stderr
    built = run_guide("build", study)
    assert built.code == 0, built.stdout + built.stderr
    assert list((study / "output").glob("*.pdf"))
