"""Ctrl-C and SIGTERM: turned into a clean unwind, and held where a signal must not land.

`install_interrupt_handlers()` (called by the CLI's entry point only) makes both signals
raise KeyboardInterrupt once, ignoring repeats while the run unwinds. reportlab has bare
`except:` clauses that can swallow that exception or turn it into another error, so the
handler also records the interruption: `interrupt_requested()` lets the CLI report it as
one, and `raise_if_interrupted()` stops a build about to write files nobody wants now.
`signals_held()` delays both signals across short critical steps (writing the output
files, forking a worker, whose at-fork hooks must not be interrupted);
`release_signals()` undoes an inherited hold in a forked child.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

INTERRUPTED = 130  # the shell's exit code for a run ended by Ctrl-C
HELD_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})
_CAN_HOLD = hasattr(signal, "pthread_sigmask")


_CALLBACK_NAMES = frozenset({"__del__", "_remove", "_remove_dead_weakref"})
RETRY_SECONDS = 0.005
_requested = False  # whether SIGINT or SIGTERM has come (see _interrupted)


def _in_callback(frame: FrameType | None) -> bool:
    """Whether Python is running a finaliser or weakref callback, where an exception is swallowed."""
    return frame is not None and (frame.f_code.co_name in _CALLBACK_NAMES
                                  or "weakref" in frame.f_code.co_filename)


def _interrupted(_signal: int, frame: FrameType | None) -> None:
    """Unwind like Ctrl-C, once: a second signal cannot cut short the clean-up.

    Inside a finaliser the exception would be printed and lost, so it is raised a few
    milliseconds later instead (by SIGALRM, which lands here again).
    """
    if _in_callback(frame) and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _interrupted)
        signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
        return
    global _requested
    _requested = True
    for signum in HELD_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    raise KeyboardInterrupt


def interrupt_requested() -> bool:
    """Whether the run was interrupted, even if the KeyboardInterrupt raised for it was lost."""
    return _requested


def raise_if_interrupted() -> None:
    """Raise KeyboardInterrupt if the run was interrupted and something swallowed it."""
    if _requested:
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


def hold_signals_until_exit() -> None:
    """The run is over (its files written or left as they were): a signal from now on must
    not change its exit status. Python restores the default handlers while it shuts down,
    so a late SIGTERM would otherwise kill a finished build and report it as killed."""
    if _CAN_HOLD:
        signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)


def release_signals() -> None:
    """In a forked worker: SIGINT and SIGTERM end it quietly (the parent reports the
    interruption), and are delivered again after the hold the parent forked under."""
    for signum in HELD_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
    if _CAN_HOLD:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)
