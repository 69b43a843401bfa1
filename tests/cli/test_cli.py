"""The command line: exit codes, messages, and what is (not) written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import REPO, pdf_text, run_guide, write_study

BROKEN_WEEK = """\
---
week: two
title: Broken
scriptures:
  - Hezekiah 3:1
---

## Teaching

Text.
"""


def test_build_writes_named_output_and_reports(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    result = run_guide("build", study)
    assert result.code == 0, result.stderr
    assert "Wrote" in result.stdout and "pages" in result.stdout
    assert (study / "output" / "test-study.pdf").is_file()


def test_check_lists_every_problem_with_file_and_line(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", {
        "week-01-ok.md": "---\nweek: 1\ntitle: Fine\n---\n\n## Teaching\n\nText.\n",
        "week-02-broken.md": BROKEN_WEEK,
        "week-03-nope.md": "---\nweek: 3\n---\n",
    })
    result = run_guide("check", study)
    assert result.code == 1
    lines = result.stderr
    assert "content/week-02-broken.md:2: `week` must be a whole number, not 'two'" in lines
    assert "content/week-02-broken.md:5: 'Hezekiah 3:1'" in lines
    assert "content/week-03-nope.md:2: the week has no `title`" in lines
    assert "hint:" in lines
    assert "Traceback" not in lines + result.stdout


def test_failed_build_keeps_previous_pdf(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    assert run_guide("build", study).code == 0
    output = study / "output" / "test-study.pdf"
    before = output.read_bytes()
    (study / "content" / "week-02-broken.md").write_text(BROKEN_WEEK, encoding="utf-8")
    result = run_guide("build", study)
    assert result.code == 1
    assert "nothing was written" in result.stderr
    assert output.read_bytes() == before
    assert sorted(p.name for p in (study / "output").iterdir()) == ["test-study.pdf"]


def test_not_a_study_points_to_guide_new(tmp_path: Path) -> None:
    result = run_guide("build", tmp_path)
    assert result.code == 1
    assert "has no guide.toml" in result.stderr
    assert "guide new" in result.stderr


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    assert run_guide("build", tmp_path, "--weeks", "4-2").code == 2
    assert run_guide("build", tmp_path, "--week", "1", "--weeks", "1-2").code == 2
    assert run_guide("build", tmp_path, "--edition", "pastor").code == 2


def test_unknown_week_is_a_clear_error(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    result = run_guide("build", study, "--week", "9")
    assert result.code == 1
    assert "the study has no week 9" in result.stderr
    assert "weeks in this study: 1" in result.stderr


def test_leader_edition_file_name(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    assert run_guide("build", study, "--edition", "leader").code == 0
    assert (study / "output" / "test-study-leader.pdf").is_file()


def test_out_option_names_the_file(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    target = tmp_path / "elsewhere" / "book.pdf"
    assert run_guide("build", study, "--out", target).code == 0
    assert len(PdfReader(target).pages) > 1


def test_new_creates_a_study_that_builds(tmp_path: Path) -> None:
    study = tmp_path / "fresh"
    result = run_guide("new", study)
    assert result.code == 0, result.stderr
    assert (study / "guide.toml").is_file()
    assert len(list((study / "content").glob("week-*.md"))) == 2
    check = run_guide("check", study)
    assert check.code == 0, check.stderr
    build = run_guide("build", study)
    assert build.code == 0, build.stderr
    assert "Week 2" in pdf_text(study / "output" / "my-study.pdf") or "WEEK 2" in pdf_text(
        study / "output" / "my-study.pdf")


def test_new_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "file").write_text("keep")
    result = run_guide("new", tmp_path / "x")
    assert result.code == 1
    assert "not empty" in result.stderr


def test_layouts_lists_builtins_and_study_layouts() -> None:
    result = run_guide("layouts", "--study", REPO)
    assert result.code == 0
    for name in ("standard", "handout", "journal", "two-column", "leader", "retreat"):
        assert name in result.stdout


def test_help_lists_commands() -> None:
    completed = subprocess.run([sys.executable, "-m", "guide_builder.cli", "--help"],
                               capture_output=True, text=True, check=True)
    for command in ("build", "check", "new", "layouts"):
        assert command in completed.stdout


def test_the_commands_annotations_are_objects_typer_need_not_compile() -> None:
    """typer reads every command's annotations on every run; as strings (postponed
    annotations) it would compile and evaluate each of them again each time."""
    import inspect

    from guide_builder import cli

    functions = [command.callback for command in cli.app.registered_commands]
    functions += [group.typer_instance.registered_callback.callback for group in cli.app.registered_groups
                  if group.typer_instance.registered_callback is not None]
    functions += [command.callback for group in cli.app.registered_groups
                  for command in group.typer_instance.registered_commands]
    assert len(functions) >= 7
    for function in functions:
        annotations = inspect.get_annotations(function)
        strings = [name for name, value in annotations.items() if isinstance(value, str)]
        assert not strings, f"{function.__name__}: {strings}"


def test_quiet_warnings_leave_the_console_unloaded() -> None:
    """With --quiet there is nothing to print for warnings: rich (some 20 ms to import at
    the end of a build) is not loaded for them."""
    code = """
import sys
from pathlib import Path
from guide_builder import cli
from guide_builder.errors import Diagnostic
warning = Diagnostic(Path("content/week-01.md"), 3, "a long week", "shorten it", "warning")
cli.Settings.quiet = True
cli.report_diagnostics([warning], None)
assert not [name for name in sys.modules if name.startswith("rich")], "rich was imported"
cli.Settings.quiet = False
cli.report_diagnostics([warning], None)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("a long week") == 1 and "hint: shorten it" in result.stderr


def test_layouts_show_prints_resolved_toml_that_round_trips(tmp_path: Path) -> None:
    import tomllib

    result = run_guide("layouts", "show", "retreat", "--study", REPO)
    assert result.code == 0, result.stderr
    data = tomllib.loads(result.stdout)
    assert data["name"] == "retreat"
    assert data["questions"]["answer_lines"] == 6
    assert data["page"]["margins"]["inside"] == "1.15in"  # inherited from standard
    study = write_study(tmp_path / "s", layouts={"copy.toml": result.stdout.replace('"retreat"', '"copy"')})
    assert run_guide("layouts", "show", "copy", "--study", study).code == 0


def test_layouts_show_unknown_name(tmp_path: Path) -> None:
    result = run_guide("layouts", "show", "fancy", "--study", tmp_path)
    assert result.code == 1
    assert "unknown layout 'fancy'" in result.stderr


def test_study_layout_overriding_builtin_says_so(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", layouts={"handout.toml": 'name = "handout"\ndescription = "Ours"\n'})
    result = run_guide("layouts", "--study", study)
    assert "Ours" in result.stdout and "overrides the built-in" in result.stdout


def test_booklet_and_split_outputs(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", {
        "week-01.md": "---\nweek: 1\ntitle: One\n---\n\n## Teaching\n\nText one.\n",
        "week-02.md": "---\nweek: 2\ntitle: Two\n---\n\n## Teaching\n\nText two.\n",
    })
    result = run_guide("build", study, "--booklet", "--split")
    assert result.code == 0, result.stderr
    assert "Print double-sided, flip on the short edge" in result.stdout
    book = PdfReader(study / "output" / "test-study.pdf")
    booklet = PdfReader(study / "output" / "test-study-booklet.pdf")
    assert len(booklet.pages) * 2 == len(book.pages) + (-len(book.pages) % 4)
    box = booklet.pages[0].mediabox
    assert float(box.width) > float(box.height)
    week_two = PdfReader(study / "output" / "weeks" / "test-study-week-02.pdf")
    labels = book.page_labels
    start = next(i for i, page in enumerate(book.pages) if "WEEK 2" in page.extract_text())
    assert week_two.page_labels[0] == labels[start]
    assert "WEEK 2" in week_two.pages[0].extract_text()
    assert next(item.title for item in week_two.outline if not isinstance(item, list)) == "Week 2: Two"


def test_booklet_options_need_booklet(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    assert run_guide("build", study, "--signature", "8").code == 2
    assert run_guide("build", study, "--booklet", "--signature", "6").code == 2


def test_print_shop_and_print_plan(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    result = run_guide("build", study, "--print-shop", "--bleed", "3mm", "--copies", "10")
    assert result.code == 0, result.stderr
    pages = len(PdfReader(study / "output" / "test-study.pdf").pages)
    printed = PdfReader(study / "output" / "test-study-print.pdf")
    assert len(printed.pages) == pages
    assert round(float(printed.pages[0].bleedbox.left), 2) == round(-3 * 72 / 25.4, 2)
    assert f"single-sided: {pages} sheets a copy, {pages * 10} in all" in result.stdout
    assert f"double-sided: {(pages + 1) // 2} sheets a copy" in result.stdout
    assert run_guide("build", study, "--print-shop", "--bleed", "2in").code == 2
    assert run_guide("build", study, "--copies", "0").code == 2
