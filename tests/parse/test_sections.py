"""Sections: kinds from heading aliases, questions, blanks, leader notes, passages, lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_builder import model as m
from guide_builder.errors import Collector
from guide_builder.load import SourceFile
from guide_builder.parse.sections import section_kind, split_sections
from guide_builder.parse.week import WeekParser

HEAD = "---\nweek: 1\ntitle: T\n---\n"


def parse_body(body: str, tmp_path: Path) -> tuple[m.Week, Collector]:
    problems = Collector()
    week = WeekParser(tmp_path).parse(SourceFile(tmp_path / "w.md", HEAD + body), problems)
    assert week is not None
    return week, problems


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Discussion Questions", m.SectionKind.QUESTIONS),
        ("small group questions", m.SectionKind.QUESTIONS),
        ("Discuss", m.SectionKind.QUESTIONS),
        ("Living Out", m.SectionKind.APPLICATION),
        ("APPLY", m.SectionKind.APPLICATION),
        ("Going Deeper", m.SectionKind.DEEPER),
        ("Prayer", m.SectionKind.PRAYER),
        ("Big Idea", m.SectionKind.BIG_IDEA),
        ("Break the Ice", m.SectionKind.ICEBREAKER),
        ("Icebreaker", m.SectionKind.ICEBREAKER),
        ("The Vine and the Branches", m.SectionKind.TEACHING),
    ],
)
def test_section_kind_from_heading(heading: str, kind: m.SectionKind) -> None:
    assert section_kind(heading) is kind


def test_split_sections_keeps_file_lines_and_ignores_fenced_headings() -> None:
    body = "Intro\n\n## Teaching\ntext\n```\n## not a heading\n```\n## Prayer\nAmen\n"
    sections = split_sections(body, 10)
    assert [(s.title, s.heading_line) for s in sections] == [("", 10), ("Teaching", 12), ("Prayer", 17)]


def test_questions_get_numbers_and_lines_override(tmp_path: Path) -> None:
    week, _ = parse_body("## Questions\n\n1. First?\n2. Second? {lines=6}\n", tmp_path)
    (section,) = week.sections
    questions = [b for b in section.blocks if isinstance(b, m.Question)]
    assert [(q.number, q.lines) for q in questions] == [(1, None), (2, 6)]
    assert questions[1].inlines == (m.Text("Second?"),)
    assert questions[1].line == 8


def test_bad_lines_value_is_an_error(tmp_path: Path) -> None:
    _, problems = parse_body("## Questions\n\n1. First? {lines=99}\n", tmp_path)
    assert "from 0 to 40" in problems.errors[0].message


def test_blank_becomes_blank_inline(tmp_path: Path) -> None:
    week, _ = parse_body("## Teaching\n\nIntimacy is the {{breakthrough}}.\n", tmp_path)
    paragraph = week.sections[0].blocks[0]
    assert isinstance(paragraph, m.Paragraph)
    assert m.Blank("breakthrough") in paragraph.inlines


def test_leader_block_is_a_leader_note(tmp_path: Path) -> None:
    week, _ = parse_body("## Teaching\n\nText.\n\n!!! leader\n    Say *this*.\n", tmp_path)
    note = week.sections[0].blocks[1]
    assert isinstance(note, m.LeaderNote)
    assert note.line == 9


def test_scripture_block_parses_reference(tmp_path: Path) -> None:
    week, problems = parse_body('## Teaching\n\n!!! scripture "Ps 63:1"\n', tmp_path)
    assert not problems.errors
    (passage,) = week.sections[0].blocks
    assert isinstance(passage, m.PassageBlock)
    assert passage.label == "Psalm 63:1" and passage.text is None


def test_bad_scripture_block_is_located(tmp_path: Path) -> None:
    _, problems = parse_body('## Teaching\n\nText\n\n!!! scripture "Nothing 9:9"\n', tmp_path)
    (error,) = problems.errors
    assert error.line == 9


def test_smart_quotes_and_dashes(tmp_path: Path) -> None:
    week, _ = parse_body("## Teaching\n\n\"Be still\" -- it's 'good'.\n", tmp_path)
    text = "".join(i.text for i in week.sections[0].blocks[0].inlines if isinstance(i, m.Text))
    assert text == "\u201cBe still\u201d \u2013 it\u2019s \u2018good\u2019."


def test_raw_html_stays_text_and_bad_links_are_dropped(tmp_path: Path) -> None:
    body = "## Teaching\n\n<b>bold</b> [x](javascript:alert(1)) [ok](https://example.org)\n"
    week, _ = parse_body(body, tmp_path)
    inlines = week.sections[0].blocks[0].inlines
    texts = "".join(i.text for i in inlines if isinstance(i, m.Text))
    assert "<b>bold</b>" in texts
    links = [i for i in inlines if isinstance(i, m.Link)]
    assert [link.url for link in links] == ["https://example.org"]


def test_inline_reference_is_a_mention_with_text_unchanged(tmp_path: Path) -> None:
    week, _ = parse_body("## Teaching\n\nAs Jesus said (Jn 15:5), abide.\n", tmp_path)
    mentions = [i for i in week.sections[0].blocks[0].inlines if isinstance(i, m.ScriptureMention)]
    assert [x.text for x in mentions] == ["Jn 15:5"]
    assert week.mentions and week.mentions[0][1] == 7


def test_missing_image_is_located(tmp_path: Path) -> None:
    _, problems = parse_body("## Teaching\n\n![cross](images/none.png)\n", tmp_path)
    (error,) = problems.errors
    assert error.line == 7 and "does not exist" in error.message


def test_image_outside_study_is_refused(tmp_path: Path) -> None:
    _, problems = parse_body("## Teaching\n\n![x](../../etc/passwd)\n", tmp_path)
    assert "outside the study" in problems.errors[0].message


def test_quotes_curl_across_emphasis_and_in_cells_lists_and_code(tmp_path: Path) -> None:
    body = ("## Teaching\n\n\"*Be still*,\" he said -- 'really'... In the '90s, the disciples' feet.\n\n"
            "- \"Listed\" item\n\n| \"a\" | \"b\" |\n|---|---|\n| x | y |\n\nKeep `\"code\" -- as is`.\n")
    week, _ = parse_body(body, tmp_path)
    blocks = week.sections[0].blocks

    def text(inlines: tuple) -> str:
        out = []
        for inline in inlines:
            if isinstance(inline, m.Text):
                out.append(inline.text)
            elif isinstance(inline, m.Code):
                out.append("`" + inline.text + "`")
            elif hasattr(inline, "children"):
                out.append(text(inline.children))
        return "".join(out)

    assert text(blocks[0].inlines) == ("\u201cBe still,\u201d he said \u2013 \u2018really\u2019\u2026 "
                                       "In the \u201990s, the disciples\u2019 feet.")
    assert text(blocks[1].items[0][0].inlines) == "\u201cListed\u201d item"
    assert [text(cell) for cell in blocks[2].header] == ["\u201ca\u201d", "\u201cb\u201d"]
    assert text(blocks[3].inlines) == 'Keep `"code" -- as is`.'


def test_line_locator_finds_words_in_any_case_within_the_gap_moving_forward() -> None:
    from guide_builder.parse.sections import WORD_GAP, LineLocator

    text = ("Intro line\n"
            "The Lord is my shepherd;\n"
            "I shall not want.\n"
            "He makes me lie down" + " " * (WORD_GAP + 1) + "in green pastures.\n"
            "the lord IS my SHEPHERD again\n")
    locator = LineLocator(text, 10)
    assert locator.line_of("The Lord is my shepherd") == 11
    assert locator.line_of("shall not want") == 12
    assert locator.line_of("down in green") == 12  # too far apart: not found, the last line stays
    assert locator.line_of("in green pastures") == 13
    assert locator.line_of("THE LORD is my") == 14  # forward only: the later, lower-case one
    assert locator.line_of("Intro line") == 14  # behind us: not found again
    assert locator.line_of("") == 14


def test_located_lines_count_every_line_before_the_match() -> None:
    """The locator counts the lines between one match and the next; each answer is the line
    the match is on, counted from the start of the text."""
    import random

    from guide_builder.parse.sections import LineLocator

    pick = random.Random(9)
    vocabulary = ["grace", "Peace", "abide", "vine", "rest", "word", "light", "12", "a"]
    for _ in range(300):
        lines = [" ".join(pick.choice(vocabulary) for _ in range(pick.randint(0, 8)))
                 for _ in range(pick.randint(1, 30))]
        text = "\n".join(lines)
        locator = LineLocator(text, 7)
        for _ in range(12):
            snippet = " ".join(pick.choice(vocabulary) for _ in range(pick.randint(1, 3)))
            line = locator.line_of(snippet)
            assert line == 7 + text.count("\n", 0, locator._position), (text, snippet)


def test_a_weeks_passage_blocks_are_found_in_reading_order_and_travel_with_it(tmp_path: Path) -> None:
    import dataclasses
    import pickle

    body = (
        '## Teaching\n\n!!! scripture "John 15:1"\n\n> Quoted.\n>\n> !!! scripture "John 15:2"\n\n'
        '- An item\n\n    !!! scripture "John 15:3"\n\n'
        '!!! leader\n    !!! scripture "John 15:4"\n\n'
        '## Questions\n\n1. Why?\n\n    !!! scripture "John 15:5"\n\n'
        '!!! note "Aside"\n    !!! scripture "John 15:6"\n'
    )
    week, problems = parse_body(body, tmp_path)
    assert not problems.errors
    labels = [block.label for block in week.passage_blocks]
    assert labels == [f"John 15:{verse}" for verse in range(1, 7)]
    # found by the parser: a week sent from another process brings them along
    assert "passage_blocks" in vars(week)
    assert pickle.loads(pickle.dumps(week)).__dict__["passage_blocks"] == week.passage_blocks
    # a week made otherwise finds them when first asked
    remade = dataclasses.replace(week, sections=week.sections[1:])
    assert "passage_blocks" not in vars(remade)
    assert [block.label for block in remade.passage_blocks] == ["John 15:5", "John 15:6"]
