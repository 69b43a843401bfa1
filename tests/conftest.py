"""Shared fixtures: the sample study, small studies written in tests, CLI runs, PDF reading."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from guide_builder.cli import app

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    """The result of one `guide` invocation."""

    code: int
    stdout: str
    stderr: str


def run_guide(*args: str | Path) -> Run:
    """Run the CLI in-process, capturing stdout and stderr separately."""
    runner = CliRunner()
    result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def copy_sample(target: Path) -> Path:
    """A copy of the repository's sample study."""
    study = target / "study"
    study.mkdir()
    shutil.copy(REPO / "guide.toml", study / "guide.toml")
    shutil.copytree(REPO / "content", study / "content")
    shutil.copytree(REPO / "layouts", study / "layouts")
    return study


GUIDE_TOML = """\
[guide]
title = "Test Study"
author = "Test Group"
translation = "WEB"
page_size = "letter"
"""

WEEK = """\
---
week: {number}
title: {title}
scriptures:
  - John 15:5
---

## Teaching

Abide in the vine. Fill in: the branch needs the {{{{vine}}}}.

## Discussion Questions

1. What does abiding look like for you?
2. Where do you need to rest? {{lines=2}}

!!! leader
    The blank is vine.
"""


def write_study(root: Path, weeks: dict[str, str] | None = None, toml: str = GUIDE_TOML,
                layouts: dict[str, str] | None = None) -> Path:
    """A small study on disk: guide.toml plus the given week files (name -> text)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "guide.toml").write_text(toml, encoding="utf-8")
    content = root / "content"
    content.mkdir(exist_ok=True)
    if weeks is None:
        weeks = {"week-01-abide.md": WEEK.format(number=1, title="Abide")}
    for name, text in weeks.items():
        (content / name).write_text(textwrap.dedent(text), encoding="utf-8")
    if layouts:
        (root / "layouts").mkdir(exist_ok=True)
        for name, text in layouts.items():
            (root / "layouts" / name).write_text(text, encoding="utf-8")
    return root


def pdf_text(path: Path) -> str:
    """All the text of a PDF, pages joined."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample study built once (participant edition); returns the study folder."""
    study = copy_sample(tmp_path_factory.mktemp("sample"))
    result = run_guide("build", study)
    assert result.code == 0, result.stderr
    return study


@pytest.fixture(scope="session")
def sample_pdf(sample_build: Path) -> Path:
    """output/draw-near.pdf of the sample study."""
    return sample_build / "output" / "draw-near.pdf"


@pytest.fixture(scope="session")
def sample_leader_pdf(sample_build: Path) -> Path:
    """The leader's edition of the sample study."""
    result = run_guide("build", sample_build, "--edition", "leader")
    assert result.code == 0, result.stderr
    return sample_build / "output" / "draw-near-leader.pdf"
