"""Run a task in a forked process while this one goes on; used by parsing and rendering.

Both cores of a small machine have to work for long books to build fast. A forked child
inherits everything already loaded (fonts, the parsed study), so nothing but the result
crosses between the processes, pickled once. Where fork is unavailable, with a single
processor, with GUIDE_JOBS=1, or when the child fails for any reason, the task simply
runs in this process when its result is wanted: the result is the same either way, and
a real error then surfaces here, located, like any other.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import warnings
from collections.abc import Callable, Iterator
from typing import TypeVar

from guide_builder.signals import release_signals, signals_held

T = TypeVar("T")
JOBS_VARIABLE = "GUIDE_JOBS"  # GUIDE_JOBS=1: do everything in this process


def can_fork() -> bool:
    """Whether a task may run in a forked child here."""
    if os.environ.get(JOBS_VARIABLE, "").strip() == "1":
        return False
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


@contextlib.contextmanager
def in_background(task: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """Start `task` in a forked child; yields a function that waits for (or computes) its result.

    The child is stopped if the block is left without asking for the result.
    """
    if not can_fork():
        yield task
        return
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(task, sender), daemon=True)
    try:
        with warnings.catch_warnings(), signals_held():  # Ctrl-C inside fork's hooks would deadlock
            warnings.simplefilter("ignore", DeprecationWarning)  # fork while a progress thread runs
            process.start()
    except OSError:  # no process to be had (a process limit, no memory): the task runs here
        receiver.close()
        sender.close()
        yield task
        return
    sender.close()
    waited = False

    def wait() -> T:
        nonlocal waited
        waited = True
        try:
            outcome = pickle.loads(receiver.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError):
            outcome = None
        except BaseException:  # interrupted: the child may be blocked writing to the pipe
            process.terminate()
            raise
        finally:
            receiver.close()
            process.join()
        if not isinstance(outcome, tuple) or outcome[0] != "ok":
            return task()
        return outcome[1]

    try:
        yield wait
    finally:
        if not waited:
            receiver.close()
            process.terminate()
            process.join()


def map_shared(items: list, work: Callable[[object], T], minimum: int,
               meanwhile: Callable[[], None] | None = None) -> list[T]:
    """`[work(item) for item in items]`, shared with a forked child when there are at least
    `minimum` items.

    The child takes items from the end of the list and this process, once `meanwhile()`
    has run (work of its own that overlaps the child's, such as importing what it needs
    next), takes them from the start, one at a time, until the two meet: both finish
    together however long `meanwhile` or each item takes, on a busy machine too. Items the
    child took but did not deliver (it failed) are done here; without a child,
    `meanwhile()` simply runs first.
    """
    bounds = _shared_bounds(len(items)) if len(items) >= minimum and can_fork() else None
    if bounds is None:
        if meanwhile is not None:
            meanwhile()
        return [work(item) for item in items]

    def take(from_start: bool) -> int | None:
        with bounds.get_lock():
            start, end = bounds[0], bounds[1]
            if start >= end:
                return None
            if from_start:
                bounds[0] = start + 1
                return start
            bounds[1] = end - 1
            return end - 1

    def from_end() -> dict[int, T]:
        done = {}
        while (index := take(False)) is not None:
            done[index] = work(items[index])
        return done

    with in_background(from_end) as theirs:
        if meanwhile is not None:
            meanwhile()
        done = {}
        while (index := take(True)) is not None:
            done[index] = work(items[index])
        done.update(theirs())
    return [done[index] if index in done else work(item) for index, item in enumerate(items)]


def _shared_bounds(count: int):
    """[next index from the start, one past the next index from the end] in memory shared
    with a forked child, or None where there is none to be had (some containers have no
    shared memory or semaphores)."""
    try:
        return multiprocessing.get_context("fork").Array("i", [0, count])
    except (OSError, ImportError):
        return None


def _child(task: Callable[[], object], sender) -> None:
    release_signals()
    try:
        payload = pickle.dumps(("ok", task()), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # the parent runs the task itself and reports what goes wrong
        payload = pickle.dumps(("failed", None))
    try:
        sender.send_bytes(payload)
    finally:
        sender.close()
