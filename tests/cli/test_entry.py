"""The console script: an interruption while the command line is still loading exits quietly."""

from __future__ import annotations

import builtins
import gc
import signal
import sys

import pytest

from guide_builder import entry


def test_interrupt_while_loading_exits_130_without_a_traceback_and_the_collector_off(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    real_import = builtins.__import__
    collecting = []

    def interrupted_import(name: str, *args: object, **kwargs: object) -> object:
        if name == "guide_builder.cli":
            collecting.append(gc.isenabled())
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)

    previous = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    monkeypatch.setattr(builtins, "__import__", interrupted_import)
    monkeypatch.delitem(sys.modules, "guide_builder.cli", raising=False)
    try:
        with pytest.raises(SystemExit) as exit_info:
            entry.main()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        gc.enable()
    assert collecting == [False]  # the collector is off before the command line is imported
    assert exit_info.value.code == 130
    assert capsys.readouterr().err == "Error: interrupted\n"


def test_the_console_script_runs_the_entry_point() -> None:
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "guide"]
    assert script.value == "guide_builder.entry:main"


_COUNT_COLLECTIONS = """
import gc, os, sys
collected = []

def note(phase, info):
    if phase == "stop" and "guide_builder.build" in sys.modules:  # once the build has begun
        collected.append(info["collected"])

gc.callbacks.append(note)
real_exit = os._exit

def report_then_exit(code):
    sys.stderr.write(f"collections during the build: {len(collected)}\\n")
    sys.stderr.flush()
    real_exit(code)

os._exit = report_then_exit
sys.argv = ["guide", "build", sys.argv[1], "--quiet"]
from guide_builder.cli import main
main()
"""


def test_a_build_ends_without_scanning_its_objects_for_cycles(tmp_path) -> None:
    """The process ends right after the build: the cycle collector must not run in it
    (once on again after the build, it scanned everything the build made: 0.4 s at the end
    of a 520-week build)."""
    import subprocess
    from pathlib import Path

    from benchmarks.make_study import make_study

    study = make_study(tmp_path / "study", 2, seed=1)
    run = subprocess.run([sys.executable, "-c", _COUNT_COLLECTIONS, str(study)], capture_output=True,
                         text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert run.returncode == 0, run.stderr
    assert list((study / "output").glob("*.pdf"))
    assert "collections during the build: 0" in run.stderr, run.stderr
