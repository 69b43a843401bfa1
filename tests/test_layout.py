"""Layouts: built-ins, study layouts with extends, and located validation errors."""

from __future__ import annotations

from pathlib import Path

from guide_builder.errors import Collector
from guide_builder.layout import LayoutResolver
from guide_builder.load import SourceFile
from guide_builder.model import SectionKind


def resolver(tmp_path: Path, files: dict[str, str]) -> tuple[LayoutResolver, Collector]:
    problems = Collector()
    sources = tuple(SourceFile(tmp_path / "layouts" / name, text) for name, text in files.items())
    return LayoutResolver(sources, tmp_path, problems), problems


def test_builtin_layouts_exist_and_resolve(tmp_path: Path) -> None:
    layouts, problems = resolver(tmp_path, {})
    for name in ("standard", "handout", "journal", "two-column", "leader"):
        layout = layouts.resolve(name)
        assert layout is not None, name
    assert not problems.items
    standard = layouts.resolve("standard")
    assert standard.start_on == "recto"
    assert standard.margins.inside == 1.15 * 72
    assert standard.line_gap >= 0.3 * 72


def test_study_layout_extends_and_overrides(tmp_path: Path) -> None:
    layouts, problems = resolver(tmp_path, {"retreat.toml": (
        'name = "retreat"\nextends = "standard"\n[questions]\nanswer_lines = 7\n'
        'line_gap = "10mm"\n[page]\nmargins = { top = "1in" }\n'
    )})
    layout = layouts.resolve("retreat")
    assert not problems.items
    assert layout.answer_lines == 7
    assert round(layout.line_gap, 2) == round(10 * 72 / 25.4, 2)
    assert layout.margins.top == 72
    assert layout.margins.inside == 1.15 * 72  # inherited key of the same inline table
    assert layout.sections[-1] is SectionKind.NOTES


def test_unknown_key_lists_valid_keys_with_line(tmp_path: Path) -> None:
    _, problems = resolver(tmp_path, {"x.toml": 'name = "x"\nextends = "standard"\ncolour = 2\n'})
    (error,) = problems.errors
    assert (error.line, error.message) == (3, "unknown layout key `colour`")
    assert "columns" in error.hint


def test_missing_parent_lists_layouts(tmp_path: Path) -> None:
    layouts, problems = resolver(tmp_path, {"x.toml": 'name = "x"\nextends = "fancy"\n'})
    assert layouts.resolve("x") is None
    (error,) = problems.errors
    assert error.line == 2
    assert "extends 'fancy', which does not exist" in error.message
    assert "standard" in error.hint


def test_extends_cycle_is_reported(tmp_path: Path) -> None:
    layouts, problems = resolver(tmp_path, {
        "a.toml": 'name = "a"\nextends = "b"\n',
        "b.toml": 'name = "b"\nextends = "a"\n',
    })
    assert layouts.resolve("a") is None
    assert "extends itself" in problems.errors[0].message


def test_bad_lengths_and_values_are_located(tmp_path: Path) -> None:
    layouts, problems = resolver(tmp_path, {"x.toml": (
        'name = "x"\nextends = "standard"\nstart_on = "left"\n[questions]\nline_gap = "0.3"\n'
        '[page]\nmargins = { top = "-1in" }\n'
    )})
    layouts.resolve("x")
    messages = {(d.line, d.message.split(":")[0]) for d in problems.errors}
    assert (3, "`start_on` must be one of any, recto") in messages
    assert any(line == 5 and "is not a length" in text for line, text in
               ((d.line, d.message) for d in problems.errors))
    assert any(line == 7 for line, _ in messages)


def test_unknown_layout_name_lists_choices(tmp_path: Path) -> None:
    layouts, problems = resolver(tmp_path, {})
    assert layouts.resolve("fancy", tmp_path / "w.md", 4) is None
    (error,) = problems.errors
    assert (error.line, error.message) == (4, "unknown layout 'fancy'")
    assert "handout" in error.hint
