"""Ctrl-C and SIGTERM: turned into a clean unwind, and held where a signal must not land.

`install_interrupt_handlers()` (called by the CLI's entry point only) makes both signals
raise KeyboardInterrupt once, ignoring repeats while the run unwinds. `signals_held()`
delays them across short critical steps (writing the output files, forking a worker,
whose at-fork hooks must not be interrupted); `release_signals()` undoes an inherited hold
in a forked child.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

HELD_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})
_CAN_HOLD = hasattr(signal, "pthread_sigmask")


def _interrupted(_signal: int, _frame: object) -> None:
    """Unwind like Ctrl-C, once: a second signal cannot cut short the clean-up."""
    for signum in HELD_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    raise KeyboardInterrupt


def install_interrupt_handlers() -> None:
    """SIGINT and SIGTERM both raise KeyboardInterrupt (a closed terminal or a service stop
    then ends a build as cleanly as Ctrl-C)."""
    for signum in HELD_SIGNALS:
        signal.signal(signum, _interrupted)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block ends; a held signal is delivered right after."""
    if not _CAN_HOLD:
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def release_signals() -> None:
    """In a forked worker: SIGINT and SIGTERM end it quietly (the parent reports the
    interruption), and are delivered again after the hold the parent forked under."""
    for signum in HELD_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
    if _CAN_HOLD:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)
