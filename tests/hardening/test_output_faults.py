"""Output faults: a folder that cannot be written, a full disk, a build interrupted by a signal.

Every case leaves the previous PDF byte-identical, no temporary file, and a non-zero exit
with a message instead of a traceback. The real CLI runs in a subprocess where a limit or a
signal has to reach it.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest

from guide_builder import output
from guide_builder.errors import GuideError
from tests.conftest import WEEK, run_guide, temporary_files
from tests.hardening.helpers import PDF, outputs, study_with_pdf
from tests.hardening.pdfcheck import assert_valid_pdf

GUIDE = [sys.executable, "-m", "guide_builder.cli"]


def test_output_path_that_is_a_folder(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    (tmp_path / "out.pdf").mkdir()
    result = run_guide("build", study, "--out", str(tmp_path / "out.pdf"))
    assert result.code == 1
    assert "out.pdf: the output path is a folder" in result.stderr
    assert "hint: pass a file name ending in .pdf with --out" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_output_folder(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    before = outputs(study)
    (study / "output").chmod(0o555)
    try:
        result = run_guide("build", study, "--split")
    finally:
        (study / "output").chmod(0o755)
    assert result.code == 1
    assert "output: cannot write here: Permission denied" in result.stderr
    assert outputs(study) == before


def test_interrupt_during_the_write_removes_the_temporary_file(tmp_path: Path) -> None:
    """Ctrl-C between writing the bytes and the rename: the old file stays, no temp file is left."""
    target = tmp_path / "book.pdf"
    target.write_bytes(b"previous")
    with mock.patch.object(os, "fsync", side_effect=KeyboardInterrupt), pytest.raises(KeyboardInterrupt):
        output.write_atomic(target, b"new")
    assert target.read_bytes() == b"previous"
    assert not temporary_files(tmp_path)


def test_failed_write_is_reported_and_cleaned_up(tmp_path: Path) -> None:
    target = tmp_path / "book.pdf"
    target.write_bytes(b"previous")
    with mock.patch.object(os, "fsync", side_effect=OSError(28, "No space left on device")), \
            pytest.raises(GuideError) as raised:
        output.write_atomic(target, b"new")
    assert raised.value.diagnostics[0].message == "writing failed: No space left on device"
    assert target.read_bytes() == b"previous"
    assert not temporary_files(tmp_path)


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-large write fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@pytest.mark.parametrize("extra", [[], ["--split", "--booklet"]], ids=["main", "several-files"])
def test_disk_full_during_the_write_keeps_the_previous_pdf(tmp_path: Path, extra: list[str]) -> None:
    study = study_with_pdf(tmp_path / "s")
    run_guide("build", study, *extra)
    (study / "content" / "week-02-rest.md").write_text(WEEK.format(number=2, title="Rest"), "utf-8")
    before = outputs(study)
    limit = min(len(data) for data in before.values()) // 2
    result = subprocess.run([*GUIDE, "build", str(study), *extra], capture_output=True, text=True,
                            timeout=120, preexec_fn=_limit_file_size(limit))
    assert result.returncode == 1, result.stderr
    assert "writing failed: File too large" in result.stderr
    assert "free some disk space" in result.stderr
    assert "Traceback" not in result.stderr
    assert outputs(study) == before
    assert not temporary_files(study / "output")


def _slow_study(root: Path) -> Path:
    """A study that takes a few seconds to build: twelve long weeks."""
    study = study_with_pdf(root)
    paragraph = "Abide in the vine, and let the word of Christ dwell in you richly. " * 60
    for number in range(2, 13):
        text = WEEK.format(number=number, title=f"Week {number}")
        (study / "content" / f"week-{number:02d}.md").write_text(
            text.replace("Abide in the vine.", "\n\n".join([paragraph] * 12)), "utf-8")
    return study


def _wait_until_handled(pid: int, signum: int) -> None:
    """Wait until the process catches `signum` (its handlers are installed once start-up is over)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = Path(f"/proc/{pid}/status").read_text()
        caught = int(next(line for line in status.splitlines() if line.startswith("SigCgt:")).split()[1], 16)
        if caught >> (signum - 1) & 1:
            return
        time.sleep(0.01)
    raise AssertionError("the CLI never installed its signal handlers")


def _processes_building(study: Path) -> list[int]:
    """Processes (a worker left behind, say) whose command line names the study."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(study).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _replaced(study: Path, before: dict[Path, int]) -> set[Path]:
    """The previous output files that were replaced (a rename gives a file a new inode)."""
    return {path for path, inode in before.items() if path.stat().st_ino != inode}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_mid_build_keeps_the_previous_pdf(tmp_path: Path, signum: int) -> None:
    """At several moments of a build: every previous file is kept, or (signal during the
    write) every file was written; never a mix, never a traceback or a temporary file."""
    study = _slow_study(tmp_path / "s")
    before = outputs(study)
    inodes = {path: path.stat().st_ino for path in before}
    outcomes = []
    for delay in (0.2, 0.5, 1.0, 1.5, 2.0, 3.0):
        process = subprocess.Popen([*GUIDE, "build", str(study), "--split"], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        _wait_until_handled(process.pid, signal.SIGTERM)
        time.sleep(delay)
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=120)
        assert "Traceback" not in stderr, stderr
        assert not _processes_building(study), "a worker process outlived the build"
        assert not temporary_files(study / "output")
        if process.returncode == 0:  # finished before the signal: the new book is complete
            assert_valid_pdf(study / PDF)
            outcomes.append("finished")
            break
        # 130 from the CLI; very rarely Python itself ends with SIGINT as it unwinds start-up
        assert process.returncode in (130, -signal.SIGINT), (process.returncode, stderr)
        replaced = _replaced(study, inodes)
        if replaced:  # the signal came while writing: it was held until every file was written
            assert replaced == set(before)
            assert_valid_pdf(study / PDF)
            outcomes.append("written")
            break
        assert outputs(study) == before
        outcomes.append("interrupted")
    assert "interrupted" in outcomes


_LOSE_THE_INTERRUPT = """
import os, signal, sys, time
{target}
_original = {original}
_done = []

def _interrupted_inside_reportlab(*args, **kwargs):
    if not _done:
        _done.append(True)
        try:  # what reportlab's bare `except:` clauses do with the KeyboardInterrupt
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        except:
            {then}
    return _original(*args, **kwargs)

{patch} = _interrupted_inside_reportlab
sys.argv = ["guide", "build", sys.argv[1], "--split"]
from guide_builder.cli import main
main()
"""


@pytest.mark.parametrize("then", ["pass", "raise ValueError('not a font file')"],
                         ids=["swallowed", "turned-into-an-error"])
def test_an_interrupt_reportlab_loses_still_ends_the_build(tmp_path: Path, then: str) -> None:
    """reportlab's bare `except:` clauses can swallow a Ctrl-C (the build would finish and
    replace the files) or turn it into another error (an internal error, exit 1): either
    way the build ends as interrupted and every previous file is kept."""
    study = study_with_pdf(tmp_path / "s")
    before = outputs(study)
    script = _LOSE_THE_INTERRUPT.format(
        target="from reportlab.pdfbase import pdfmetrics", original="pdfmetrics.registerFont",
        patch="pdfmetrics.registerFont", then=then)
    result = subprocess.run([sys.executable, "-c", script, str(study)], capture_output=True, text=True,
                            timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 130, result.stderr
    assert "interrupted" in result.stderr
    assert outputs(study) == before
    assert not temporary_files(study / "output")
