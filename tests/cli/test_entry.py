"""The console script: an interruption while the command line is still loading exits quietly."""

from __future__ import annotations

import builtins
import signal
import sys

import pytest

from guide_builder import entry


def test_interrupt_while_loading_exits_130_without_a_traceback(monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    real_import = builtins.__import__

    def interrupted_import(name: str, *args: object, **kwargs: object) -> object:
        if name == "guide_builder.cli":
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
    assert exit_info.value.code == 130
    assert capsys.readouterr().err == "Error: interrupted\n"


def test_the_console_script_runs_the_entry_point() -> None:
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "guide"]
    assert script.value == "guide_builder.entry:main"
