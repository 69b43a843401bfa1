"""What every bad-input test asserts, in one place.

`study_with_pdf` writes a good study and builds it, so each case starts with a previous
PDF on disk. `assert_refused` runs `guide check` and `guide build` on the broken study
and checks what the user sees: exit 1, `path:line: message`, a hint, the previous PDF
byte-identical and no temporary file (run_guide checks tracebacks and temp files too).
`assert_renders` checks the other allowed outcome: exit 0 and a valid PDF.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import GUIDE_TOML, WEEK, Run, pdf_text, run_guide, write_study

GOOD = WEEK.format(number=1, title="Abide")
WEEK_FILE = "content/week-01-abide.md"
PDF = "output/test-study.pdf"


def study_with_pdf(root: Path, toml: str = GUIDE_TOML) -> Path:
    """A one-week study already built once: output/test-study.pdf exists."""
    study = write_study(root, toml=toml)
    result = run_guide("build", study)
    assert result.code == 0, result.stderr
    assert (study / PDF).is_file()
    return study


def front(fields: str, body: str = "\n## Teaching\n\nText.\n") -> str:
    """A week file with the given front matter lines and body."""
    return f"---\n{fields}\n---\n{body}"


def outputs(study: Path) -> dict[Path, bytes]:
    """Every file under output/ with its bytes."""
    folder = study / "output"
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()} if folder.is_dir() else {}


def assert_refused(study: Path, where: str, message: str, *args: str, check: bool = True) -> Run:
    """`guide check` (unless check=False) and `guide build` exit 1 with `where: message` and a hint.

    The output folder is byte-identical afterwards. Returns the build's run.
    """
    before = outputs(study)
    commands = (["check"] if check else []) + ["build"]
    result = None
    for command in commands:
        result = run_guide(command, study, *(args if command == "build" else ()))
        assert result.code == 1, (command, result.stdout, result.stderr)
        assert f"{where}: {message}" in result.stderr, (command, result.stderr)
        assert "  hint: " in result.stderr, result.stderr
        assert "nothing was written" in result.stderr or command == "check"
    assert outputs(study) == before, "the previous output changed"
    assert result is not None
    return result


def assert_renders(study: Path, *args: str) -> tuple[str, Run]:
    """The build succeeds; return the text of the PDF it wrote (run_guide validated it) and the run."""
    result = run_guide("build", study, *args)
    assert result.code == 0, result.stderr
    return pdf_text(study / PDF), result
