"""Smoke run of the speed benchmark (benchmarks/) at N=2: keeps the generator and runner working.

Not a timed test: it only checks that a generated study builds and that run.py prints its table.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from benchmarks.make_study import make_study, output_pdf
from guide_builder.cli import app

REPO = Path(__file__).resolve().parent.parent


def _week_openers(pdf: Path) -> list[int]:
    """Week numbers of the pages that open a week ("WEEK n" as the page's first line)."""
    numbers = []
    for page in PdfReader(pdf).pages:
        match = re.match(r"\s*WEEK (\d+)\s*\n", page.extract_text() or "")
        if match:
            numbers.append(int(match.group(1)))
    return numbers


def test_generated_study_is_deterministic(tmp_path: Path) -> None:
    first = make_study(tmp_path / "a", 2, seed=3)
    second = make_study(tmp_path / "b", 2, seed=3)
    names = sorted(p.name for p in (first / "content").iterdir())
    assert len(names) == 2
    assert names == sorted(p.name for p in (second / "content").iterdir())
    for name in names:
        assert (first / "content" / name).read_bytes() == (second / "content" / name).read_bytes()
    assert (first / "guide.toml").read_bytes() == (second / "guide.toml").read_bytes()


def test_generated_study_builds(tmp_path: Path) -> None:
    study = make_study(tmp_path / "study", 2)
    result = CliRunner().invoke(app, ["build", str(study), "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert _week_openers(output_pdf(study)) == [1, 2]


def test_run_script_prints_the_table() -> None:
    command = [sys.executable, str(REPO / "benchmarks" / "run.py"), "--weeks", "2", "--runs", "1",
               "--check-weeks", "2", "--baseline"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr
    assert "| N | pages | wall s | CPU s | peak MB | pages/s | bare reportlab s | x bare |" in result.stdout
    row = re.search(r"^\| 2 \| (\d+) \| [\d.]+ \| [\d.]+ \| \d+ \| \d+ \| \d+\.\d\d \| \d+\.\d\d \|$",
                    result.stdout, re.MULTILINE)
    assert row is not None, result.stdout
    assert int(row.group(1)) > 2
    assert "`guide --help`:" in result.stdout
    assert "not yet measured" in result.stdout


def test_compare_runs_and_prints_its_table() -> None:
    command = [sys.executable, str(REPO / "benchmarks" / "compare.py"), "WORKTREE", "WORKTREE",
               "--weeks", "2", "--runs", "1"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| WORKTREE |")]
    assert len(rows) == 1  # both columns name the same revision: one row, two runs
    assert re.match(r"\| WORKTREE \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d \| \d+ \|", rows[0])


def test_balance_stages_stop_where_they_say(tmp_path: Path) -> None:
    """benchmarks/balance.py's counted builds (run here without valgrind): each stops at its
    stage (the main part's after splicing the worker's pages) and writes nothing."""
    study = make_study(tmp_path / "s", 8, seed=4)
    for stage in ("base", "tail", "main"):
        result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "balance.py"), "--stage", stage,
                                 "--study", str(study), "--share", "0.5"],
                                capture_output=True, text=True, cwd=REPO, timeout=300,
                                env={**os.environ, "GUIDE_JOBS": "1"})
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"stopped after {stage}"
    assert not list((study / "output").glob("*.pdf"))  # a counted build writes nothing
