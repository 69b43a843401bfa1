"""Every layout validation error, pinned: its line, its exact message and a piece of its hint.

Each case is the rest of a layout file after `name = "x"` and `extends = "standard"` (lines
1 and 2), so the line numbers below count from there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_builder.errors import Collector
from guide_builder.layout import LayoutResolver
from guide_builder.load import SourceFile
from tests.conftest import GUIDE_TOML, run_guide, write_study

HEAD = 'name = "x"\nextends = "standard"\n'

CASES = [
    # keys and types
    ("colour = 2\n", 3, "unknown layout key `colour`", "valid keys: name, extends"),
    ("page = 2\n", 3, "`page` must be a table", "write it as [page]"),
    ("[questions]\nlines = 4\n", 4, "unknown key `lines` in [questions]",
     "valid keys in [questions]: answer_lines, line_gap"),
    ('[questions]\nanswer_lines = "4"\n', 4, "`questions.answer_lines` must be a whole number",
     "for example answer_lines = 5"),
    ("[questions]\nanswer_lines = true\n", 4, "`questions.answer_lines` must be a whole number",
     "answer_lines = 5"),
    ('columns = "2"\n', 3, "`columns` must be a whole number", "for example columns = 1"),
    ("description = 3\n", 3, "`description` must be text", 'description = "..."'),
    ("[notes]\nafter = \"teaching\"\n", 4, "`notes.after` must be a list", 'after = ["teaching"'),
    # values
    ("columns = 4\n", 3, "`columns` must be 1, 2 or 3", "columns = 2"),
    ('start_on = "left"\n', 3, "`start_on` must be one of any, recto", 'start_on = "recto"'),
    ('sections = ["teaching", "sermon"]\n', 3, "unknown section kind 'sermon' in `sections`",
     "kinds: big-idea, icebreaker, scripture"),
    ('[notes]\nafter = ["sermon"]\n', 4, "unknown section kind 'sermon' in `notes.after`", "kinds: big-idea"),
    ("[notes]\npages = 21\n", 4, "`notes.pages` must be from 0 to 20", "pages = 2"),
    ("max_pages = -1\n", 3, "`max_pages` must be from 0 (no limit) to 200", "max_pages = 2"),
    ("[questions]\nanswer_lines = 41\n", 4, "`answer_lines` must be from 0 to 40", "answer_lines = 5"),
    ('[fonts]\nsize = "40pt"\n', 4, "`fonts.size` must be between 6pt and 36pt", 'size = "11pt"'),
    # lengths
    ('[questions]\nline_gap = "0.3"\n', 4, "'0.3' is not a length: use a number with in, mm, cm or pt",
     "lengths take in, mm, cm or pt"),
    ("[questions]\nline_gap = 12\n", 4, "`questions.line_gap` must be text", 'line_gap = "0.32in"'),
    ('[questions]\nline_gap = "0in"\n', 4, "`questions.line_gap` must be greater than zero",
     "use a positive length"),
    ('[page]\nmargins = { top = "-1in" }\n', 4, "margin `top`: '-1in' is not a length: use a number with in, "
     "mm, cm or pt", 'top = "0.75in"'),
    ('[page]\nmargins = { top = "1 inch" }\n', 4, "margin `top`: '1 inch' is not a length: use a number "
     "with in, mm, cm or pt", 'top = "0.75in"'),
    # fonts (the study's own files are pinned in test_layout_fonts.py)
    ('[fonts]\nbody = "garamond"\n', 4, "unknown font 'garamond' in `fonts.body`",
     "bundled families: serif, sans"),
    # per-kind styles
    ('[styles.sermon]\nrule = "left"\n', 3, "unknown kind `sermon` in [styles]",
     "kinds with styles: big-idea, scripture, deeper, application, questions, prayer, leader"),
    ('[styles]\nprayer = "blue"\n', 4, "`styles.prayer` must be a table", "write it as [styles.prayer]"),
    ('[styles.prayer]\ncolour = "#000000"\n', 4, "unknown key `colour` in [styles.prayer]",
     "valid keys in [styles.prayer]: background, rule, rule_color, label"),
    ("[styles.prayer]\nlabel = 3\n", 4, "`styles.prayer.label` must be text", 'label = "The big idea"'),
    ('[styles.prayer]\nrule = "double"\n', 4, "`styles.prayer.rule` must be one of left, frame, none, "
     "not 'double'", '"frame" an outline'),
    ('[styles.big-idea]\nbackground = "beige"\n', 4, "`styles.big-idea.background`: 'beige' is not a colour",
     'write a colour as "#rrggbb", e.g. "#f3efe6", or "none"'),
    ('[styles.leader]\nrule_color = "#12345"\n', 4, "`styles.leader.rule_color`: '#12345' is not a colour",
     '"#rrggbb"'),
    (f'[styles.questions]\nlabel = "{"x" * 61}"\n', 4,
     "`styles.questions.label` must be one short line (at most 60 characters)", 'label = "Pray together"'),
    # running heads
    ('[header]\nleft = "{chapter} - {page}"\n', 4, "unknown placeholder `{chapter}` in `header.left`",
     "placeholders: {guide.title}, {guide.subtitle}, {guide.author}, {week.number}, {week.title}, "
     "{section}, {page}"),
    ('[footer]\ncenter = "page {page"\n', 4, "unbalanced brace in `footer.center`", "{page}"),
    ('[header]\nright = "{Section}"\n', 4, "unknown placeholder `{Section}` in `header.right`", "{section}"),
    # print
    ('[print]\nbleed = "1in"\n', 4, "`print.bleed` is at most 0.5in", 'bleed = "0.125in"'),
    ('[print]\nbleed = "3"\n', 4, "`print.bleed`: '3' is not a length: use a number with in, mm, cm or pt",
     '"3mm"'),
    ('[print]\ncrop_marks = "yes"\n', 4, "`print.crop_marks` must be true or false", "crop_marks = true"),
]


@pytest.mark.parametrize(("body", "line", "message", "hint"), CASES, ids=[c[2][:50] for c in CASES])
def test_layout_error_is_pinned(tmp_path: Path, body: str, line: int, message: str, hint: str) -> None:
    problems = Collector()
    resolver = LayoutResolver((SourceFile(tmp_path / "layouts" / "x.toml", HEAD + body),), tmp_path, problems)
    resolver.resolve("x")
    found = [(d.line, d.message, d.hint) for d in problems.errors]
    assert [(ln, text) for ln, text, _ in found] == [(line, message)], found
    assert hint in found[0][2]


Found = list[tuple[str, int | None, str, str]]


def resolve_errors(tmp_path: Path, files: dict[str, str], name: str = "x") -> Found:
    problems = Collector()
    sources = tuple(SourceFile(tmp_path / "layouts" / file, text) for file, text in files.items())
    LayoutResolver(sources, tmp_path, problems).resolve(name, tmp_path / "content" / "w.md", 3)
    return [(d.path.name if d.path else "", d.line, d.message, d.hint) for d in problems.errors]


def test_name_and_file_must_agree(tmp_path: Path) -> None:
    (error,) = resolve_errors(tmp_path, {"x.toml": 'name = "y"\nextends = "standard"\n'}, "y")
    assert error[:3] == ("x.toml", 1, "the layout is named 'y' but its file is x.toml")
    assert "rename the file to y.toml or set name = 'x'" in error[3]


def test_missing_parent(tmp_path: Path) -> None:
    (error,) = resolve_errors(tmp_path, {"x.toml": 'name = "x"\nextends = "fancy"\n'})
    assert error[:3] == ("x.toml", 2, "layout 'x' extends 'fancy', which does not exist")
    assert "layouts that exist: handout, journal" in error[3]


def test_extends_cycle(tmp_path: Path) -> None:
    (error,) = resolve_errors(tmp_path, {"x.toml": 'name = "x"\nextends = "y"\n',
                                         "y.toml": 'name = "y"\nextends = "x"\n'})
    assert error[:3] == ("x.toml", 2, "layout 'x' extends itself through x -> y -> x")
    assert "remove one of the `extends` lines" in error[3]


def test_unknown_layout_named_by_a_week(tmp_path: Path) -> None:
    (error,) = resolve_errors(tmp_path, {}, "fancy")
    assert error[:3] == ("w.md", 3, "unknown layout 'fancy'")
    assert "layouts that exist: handout" in error[3]


def test_invalid_toml_is_located(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", layouts={"x.toml": 'name = "x"\ncolumns = \n'})
    result = run_guide("check", study)
    assert result.code == 1
    assert "layouts/x.toml:2: invalid TOML: Invalid value" in result.stderr
    assert "check quotes, brackets and `key = value` pairs on that line" in result.stderr


def test_margins_that_leave_no_room(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", toml=GUIDE_TOML + 'layout = "x"\n', layouts={"x.toml": (
        HEAD + '[page]\nmargins = { inside = "4in", outside = "3in" }\n')})
    result = run_guide("check", study)
    assert result.code == 1
    assert ("layouts/x.toml: layout 'x': the margins leave a text area of 1.50in x 9.25in on this page size"
            in result.stderr)
    assert "the text area must be at least 2in each way" in result.stderr


def test_every_problem_is_reported_together(tmp_path: Path) -> None:
    problems = Collector()
    text = HEAD + 'columns = 9\nstart_on = "left"\n[styles.prayer]\nrule = "double"\n[header]\nleft = "{x}"\n'
    LayoutResolver((SourceFile(tmp_path / "layouts" / "x.toml", text),), tmp_path, problems).resolve("x")
    assert sorted(d.line for d in problems.errors) == [3, 4, 6, 8]
