"""Each recognition rule, with the same small document in every format (txt, md, html, docx)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_builder import model as m

from .helpers import (
    FORMATS,
    all_blocks,
    bold,
    heading,
    import_doc,
    item,
    kinds,
    numbered,
    para,
    parse,
    passages,
    questions,
    quote,
    texts,
    title,
)

PROSE = "We spend most days in a hurry, and the hurry follows us into prayer."
MORE = "This week we slow down and listen before we speak."
ZEC = "Then he answered and spoke to me, saying, This is the word of Yahweh to Zerubbabel."
LOVE = "We love Him, because he first loved us."
REST = "\u201cCome to me, all you who labor and are heavily burdened, and I will give you rest.\u201d"
STILL = "Be still, and know that I am God."
Q1 = "When did you last feel rested?"
Q2 = "What keeps you from slowing down?"


def _week(tmp_path: Path, fmt: str, doc: list, **options: str):
    result = import_doc(tmp_path, fmt, doc, **options)
    week, _ = parse(result, tmp_path)
    return week, result


def _passages(week: m.Week) -> list[tuple[str, str]]:
    return [(p.label, " ".join((p.text or "").split())) for p in passages(week)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_and_known_section_headings(tmp_path: Path, fmt: str) -> None:
    doc = [title("Learning to Rest"), para(PROSE), heading("Going Deeper"), para(MORE),
           heading("Application"), para("Turn off your phone for an hour."),
           heading("Small Group Questions"), numbered(Q1), numbered(Q2),
           heading("Prayer"), para("Lord, teach us to rest in you.")]
    week, result = _week(tmp_path, fmt, doc)
    assert week.title == "Learning to Rest"
    assert kinds(week) == ["teaching", "deeper", "application", "questions", "prayer"]
    assert questions(week) == [Q1, Q2]
    assert "## Going Deeper" in result.markdown and "## Discussion Questions" in result.markdown
    assert result.suggested_name == "week-01-learning-to-rest.md"


@pytest.mark.parametrize("fmt", FORMATS)
def test_other_headings_become_sub_headings_of_the_teaching(tmp_path: Path, fmt: str) -> None:
    doc = [title("Learning to Rest"), para(PROSE), heading("When the Well Runs Dry"), para(MORE)]
    week, result = _week(tmp_path, fmt, doc)
    assert kinds(week) == ["teaching"]
    headings = [b for _, b in all_blocks(week) if isinstance(b, m.Heading)]
    assert [(h.level, h.inlines[0].text) for h in headings] == [(3, "When the Well Runs Dry")]
    assert "### When the Well Runs Dry" in result.markdown


@pytest.mark.parametrize("fmt", FORMATS)
def test_all_caps_lines_name_sections_and_big_idea_goes_to_front_matter(tmp_path: Path, fmt: str) -> None:
    doc = [title("Rooted"), para("BIG IDEA"), para("Deep roots carry us through dry seasons."),
           para("BREAK THE ICE"), para("What is the oldest tree you have seen?"),
           para("DISCUSSION"), numbered(Q1)]
    week, result = _week(tmp_path, fmt, doc)
    assert week.big_idea and "Deep roots carry us" in "".join(t.text for t in week.big_idea)
    assert kinds(week) == ["icebreaker", "questions"]
    assert questions(week) == [Q1]
    assert "big_idea: Deep roots carry us through dry seasons." in result.markdown


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bold_or_short_line_is_a_heading(tmp_path: Path, fmt: str) -> None:
    doc = [title("Rooted"), para(PROSE), bold("Going Deeper"), para(MORE), bold("The Quiet Place"),
           para(PROSE)]
    week, _ = _week(tmp_path, fmt, doc)
    assert kinds(week) == ["teaching", "deeper"]
    assert "The Quiet Place" in texts(week)


@pytest.mark.parametrize("fmt", FORMATS)
def test_reference_then_the_passage_on_one_line(tmp_path: Path, fmt: str) -> None:
    doc = [title("Not by Might"), para(PROSE), para(f"Zec 4:6\u00a0\u00a0{ZEC}"), para(MORE)]
    week, result = _week(tmp_path, fmt, doc)
    assert _passages(week) == [("Zechariah 4:6", ZEC)]
    assert [s.label for s in week.scriptures] == ["Zechariah 4:6"]
    assert f'!!! scripture "Zechariah 4:6"\n    {ZEC}' in result.markdown
    assert any("Zechariah 4:6" in line and "Zec 4:6" in line for line in result.summary)


@pytest.mark.parametrize("separator", ["  ", "\t", " - ", ": ", " "])
def test_reference_then_passage_separators(tmp_path: Path, separator: str) -> None:
    week, _ = _week(tmp_path, "txt", [title("T"), para(PROSE), para(f"Zec 4:6{separator}{ZEC}")])
    assert _passages(week) == [("Zechariah 4:6", ZEC)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_passage_then_its_reference_on_the_next_line(tmp_path: Path, fmt: str) -> None:
    doc = [title("First Love"), para(PROSE), para(LOVE, "1Jn 4:19"), para(MORE)]
    week, _ = _week(tmp_path, fmt, doc)
    assert _passages(week) == [("1 John 4:19", LOVE)]
    assert PROSE in texts(week) and MORE in texts(week)


@pytest.mark.parametrize("fmt", FORMATS)
def test_quotation_then_reference_in_brackets(tmp_path: Path, fmt: str) -> None:
    doc = [title("Rest"), para(PROSE), para(f"{REST} (Matthew 11:28)"), para(f"{REST} \u2014 Mt 11:28"),
           para(MORE)]
    week, _ = _week(tmp_path, fmt, doc)
    assert _passages(week) == [("Matthew 11:28", REST), ("Matthew 11:28", REST)]
    assert [s.label for s in week.scriptures] == ["Matthew 11:28"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_reference_heading_then_passage_lines(tmp_path: Path, fmt: str) -> None:
    lines = ["1 Yahweh is my shepherd: I shall lack nothing.", "2 He makes me to lie down in green pastures.",
             "He leads me beside still waters."]
    doc = [title("The Shepherd"), para(PROSE), heading("Psalm 23:1-3"), para(*lines), para(MORE)]
    week, _ = _week(tmp_path, fmt, doc)
    assert _passages(week) == [("Psalm 23:1-3", " ".join(lines))]
    assert MORE in texts(week)


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_reference_line_then_passage_lines_in_one_paragraph(tmp_path: Path, fmt: str) -> None:
    doc = [title("The Shepherd"), para(PROSE),
           para("Psalm 23:1", "Yahweh is my shepherd: I shall lack nothing.")]
    week, _ = _week(tmp_path, fmt, doc)
    assert _passages(week) == [("Psalm 23:1", "Yahweh is my shepherd: I shall lack nothing.")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_lone_reference_belongs_to_the_quotation_before_it(tmp_path: Path, fmt: str) -> None:
    doc = [title("Still"), para(PROSE), quote(f"\u201c{STILL}\u201d"), para("Psalm 46:10"), para(MORE)]
    week, _ = _week(tmp_path, fmt, doc)
    assert _passages(week) == [("Psalm 46:10", f"\u201c{STILL}\u201d")]
    assert MORE in texts(week)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_lone_reference_belongs_to_the_passage_after_it(tmp_path: Path, fmt: str) -> None:
    doc = [title("Still"), para(PROSE), para("Psalm 46:10"), para(STILL), para(MORE)]
    week, _ = _week(tmp_path, fmt, doc)
    assert _passages(week) == [("Psalm 46:10", STILL)]
    assert PROSE in texts(week) and MORE in texts(week)


@pytest.mark.parametrize("fmt", FORMATS)
def test_references_in_prose_stay_in_the_prose(tmp_path: Path, fmt: str) -> None:
    sentences = ["Romans 8:28 tells us that God works all things together for good.",
                 "James says it plainly: \u201cDraw near to God, and he will draw near to you\u201d "
                 "(James 4:8). That is a promise."]
    week, result = _week(tmp_path, fmt, [title("Good"), para(sentences[0]), para(sentences[1])])
    assert passages(week) == [] and week.scriptures == ()
    assert sentences[0] in texts(week)
    assert {ref.label() for ref, _ in week.mentions} == {"Romans 8:28", "James 4:8"}
    assert any(line.startswith("quoted inside paragraphs") and "James 4:8" in line for line in result.summary)


@pytest.mark.parametrize("fmt", FORMATS)
def test_bulleted_questions_under_a_questions_heading(tmp_path: Path, fmt: str) -> None:
    doc = [title("Rest"), para(PROSE), heading("Questions"), item(Q1), item(Q2)]
    week, result = _week(tmp_path, fmt, doc)
    assert questions(week) == [Q1, Q2]
    assert f"1. {Q1}\n2. {Q2}" in result.markdown


@pytest.mark.parametrize("fmt", FORMATS)
def test_question_lines_become_discussion_questions(tmp_path: Path, fmt: str) -> None:
    doc = [title("Rest"), para(PROSE), para(f"Question: {Q1}"), para(MORE), heading("Questions"),
           numbered(Q2)]
    week, _ = _week(tmp_path, fmt, doc)
    assert questions(week) == [Q2, Q1]
    assert Q1 not in texts(week)


@pytest.mark.parametrize("fmt", FORMATS)
def test_closing_question_sentences_become_discussion_questions(tmp_path: Path, fmt: str) -> None:
    asked = "Is there a question in the middle? It stays in the teaching."
    doc = [title("Rest"), para(PROSE), para(asked), para(MORE), para(Q1), para(Q2)]
    week, result = _week(tmp_path, fmt, doc)
    assert kinds(week) == ["teaching", "questions"]
    assert questions(week) == [Q1, Q2]
    assert asked in texts(week)
    assert any("closing question" in line for line in result.summary)


@pytest.mark.parametrize("fmt", FORMATS)
def test_application_and_going_deeper_paragraphs_become_sections(tmp_path: Path, fmt: str) -> None:
    doc = [title("Rest"), para(PROSE), para("Going Deeper: Read Psalm 62 twice, slowly."),
           para("Application: Keep one hour of Sunday free of screens.")]
    week, result = _week(tmp_path, fmt, doc)
    assert kinds(week) == ["teaching", "deeper", "application"]
    assert "Read Psalm 62 twice, slowly." in texts(week)
    assert "## Application\n\nKeep one hour of Sunday free of screens." in result.markdown


@pytest.mark.parametrize("fmt", FORMATS)
def test_big_idea_paragraph_goes_to_the_front_matter(tmp_path: Path, fmt: str) -> None:
    week, _ = _week(tmp_path, fmt, [title("Rest"), para("Big Idea: Rest is an act of trust."), para(PROSE)])
    assert "".join(t.text for t in week.big_idea) == "Rest is an act of trust."
    assert kinds(week) == ["teaching"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_web_boilerplate_is_dropped_and_reported(tmp_path: Path, fmt: str) -> None:
    junk = ["Subscribe", "Join us on Facebook", "Tags: rest, sabbath, prayer", "Share this:",
            "Facebook Twitter Pinterest", "\u00a9 2024 Riverside Church. All rights reserved.",
            "Leave a Reply"]
    doc = [title("Rest"), heading("Add Your Heading Text Here"), para(PROSE), *[para(j) for j in junk],
           para(MORE)]
    week, result = _week(tmp_path, fmt, doc)
    body = result.markdown.split("---", 2)[2]
    for line in [*junk, "Add Your Heading Text Here"]:
        assert line not in body
        assert any(line in entry for entry in result.summary), line
    assert PROSE in texts(week) and MORE in texts(week)


@pytest.mark.parametrize("fmt", FORMATS)
def test_text_the_week_format_would_interpret_is_escaped(tmp_path: Path, fmt: str) -> None:
    doc = [title("Rest"), para("Fill in {{this}} and {lines=3} yourself."),
           para("!!! leader not a real block"), para("Tags <b>like this</b> are shown as text.")]
    week, _ = _week(tmp_path, fmt, doc)
    shown = texts(week)
    assert "Fill in {{this}} and {lines=3} yourself." in shown
    assert "!!! leader not a real block" in shown
    assert "<b>like this</b>" in shown
    assert not any(isinstance(b, m.LeaderNote) for _, b in all_blocks(week))


def test_title_and_layout_options(tmp_path: Path) -> None:
    doc = [title("Rest: A Study"), para(PROSE)]
    week, result = _week(tmp_path, "txt", doc, title="Come Away", layout="handout")
    assert (week.title, week.layout) == ("Come Away", "handout")
    assert result.suggested_name == "week-01-come-away.md"
    assert "Rest: A Study" not in result.markdown
    assert any("given" in line and "Rest: A Study" in line for line in result.summary)


def test_week_prefix_is_taken_off_the_title_and_titles_are_quoted_for_yaml(tmp_path: Path) -> None:
    week, result = _week(tmp_path, "txt", [title("Week 4: Yes: Rest #1"), para(PROSE)])
    assert week.title == "Yes: Rest #1"
    assert 'title: "Yes: Rest #1"' in result.markdown
