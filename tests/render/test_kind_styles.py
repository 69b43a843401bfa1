"""Per-kind styles ([styles.KIND]), notes pages after sections, and boxes that hold any block."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from tests.conftest import GUIDE_TOML, pdf_text, run_guide, write_study

WEEK = """\
---
week: 1
title: Abide
big_idea: Stay close.
---

## Teaching

Abide in the vine.

!!! note "Try this"
    - one
    - two

## Application

Do one thing this week.

## Discussion Questions

1. What does abiding look like?
2. Where do you need rest?

!!! leader
    Let everyone answer.

## Prayer

Lord, teach us.
"""


def build(tmp_path: Path, layout: str, *args: str) -> tuple[Path, PdfReader]:
    study = write_study(tmp_path / "s", {"week-01-abide.md": WEEK}, toml=GUIDE_TOML + 'layout = "mine"\n',
                        layouts={"mine.toml": 'name = "mine"\nextends = "standard"\n' + layout})
    result = run_guide("build", study, "--week", "1", *args)
    assert result.code == 0, result.stderr
    name = "test-study-week-01" + ("-leader" if "leader" in args else "")
    path = study / "output" / f"{name}.pdf"
    return path, PdfReader(path)


def content(reader: PdfReader) -> str:
    return "\n".join(page.get_contents().get_data().decode("latin-1") for page in reader.pages)


def test_a_kind_gets_its_background_frame_and_label(tmp_path: Path) -> None:
    path, reader = build(tmp_path, '[styles.prayer]\nbackground = "#ff0000"\nrule = "frame"\n'
                                   'rule_color = "#00ff00"\nlabel = "Pray together"\n')
    ops = content(reader)
    assert "1 0 0 rg" in ops  # the tint
    assert "0 1 0 RG" in ops and " re S" in ops  # the outline
    text = pdf_text(path)
    assert "PRAY TOGETHER" in text and "PRAYER" not in text


def test_a_left_rule_is_a_bar_and_none_draws_nothing(tmp_path: Path) -> None:
    tint = ".952941 .937255 .901961 rg"  # #f3efe6, the default big-idea background (callouts use it too)
    _, default = build(tmp_path / "a", "")
    _, reader = build(tmp_path / "b", '[styles.application]\nrule = "left"\nrule_color = "#0000ff"\n'
                                      '[styles.big-idea]\nbackground = "none"\nrule = "none"\n')
    ops = content(reader)
    assert "0 0 1 rg" in ops  # a filled bar in the rule colour
    assert ops.count(tint) == content(default).count(tint) - 1


def test_questions_are_boxed_one_by_one(tmp_path: Path) -> None:
    _, reader = build(tmp_path, '[styles.questions]\nbackground = "#ff0000"\n')
    assert content(reader).count("1 0 0 rg") == 2


def test_big_idea_and_scripture_labels(tmp_path: Path) -> None:
    path, _ = build(tmp_path, '[styles.big-idea]\nlabel = "Main point"\n')
    assert "MAIN POINT" in pdf_text(path)


def test_leader_label_and_pagination_alike_in_both_editions(tmp_path: Path) -> None:
    layout = ('[styles.leader]\nrule = "left"\nrule_color = "#b07d1a"\n'
              'label = "For the leader: what to listen for in the answers today"\n'
              '[questions]\nanswer_lines = 14\n')
    participant, plain = build(tmp_path, layout)
    leader, marked = build(tmp_path, layout, "--edition", "leader")
    assert "FOR THE LEADER" in pdf_text(leader)
    assert "FOR THE LEADER" not in pdf_text(participant)
    assert len(plain.pages) == len(marked.pages)
    for number in ("1.", "2."):
        pages = [next(i for i, p in enumerate(r.pages) if f"{number} " in (p.extract_text() or ""))
                 for r in (plain, marked)]
        assert pages[0] == pages[1]


def test_notes_after_puts_a_lined_page_after_those_sections(tmp_path: Path) -> None:
    _, reader = build(tmp_path, '[notes]\nafter = ["teaching", "application"]\n')
    pages = [page.extract_text() or "" for page in reader.pages]
    notes = [index for index, text in enumerate(pages) if "NOTES \u00b7" in text]
    assert [pages[i].split("NOTES \u00b7 ")[1].split("\n")[0] for i in notes] == ["TEACHING", "APPLICATION"]
    assert "APPLICATION" in pages[notes[0] + 1]  # the next section starts after the notes page


def test_a_list_inside_a_callout_box_renders(tmp_path: Path) -> None:
    path, _ = build(tmp_path, "")
    text = pdf_text(path)
    assert "TRY THIS" in text and "one" in text and "two" in text
