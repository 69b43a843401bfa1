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
import mmap
import os
import pickle
import queue
import select
import signal
import struct
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from guide_builder.signals import release_signals, signals_held

try:
    import fcntl
except ImportError:  # not on this system: pipes keep their size, a thread drains them
    fcntl = None

T = TypeVar("T")
JOBS_VARIABLE = "GUIDE_JOBS"  # GUIDE_JOBS=1: do everything in this process


def can_fork() -> bool:
    """Whether a task may run in a forked child here."""
    if os.environ.get(JOBS_VARIABLE, "").strip() == "1":
        return False
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


@contextlib.contextmanager
def in_background(task: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """Start `task` in a forked child; yields a function that waits for (or computes) its result.

    The child is stopped if the block is left without asking for the result.
    """
    with streamed_in_background(lambda _emit: task(), drain=False) as streamed:
        yield streamed.result


_NOT_YET = b""  # what a receiver gives when no message has arrived yet (messages are never empty)


class Streamed(Generic[T]):
    """What a task started by `streamed_in_background` emits, in order, as it comes; then
    what it returns.

    Iterate first: items arrive while the task still runs in the child (`ready()` gives
    those already here without waiting). `result()` then gives its return value (it runs
    through any items not yet given). Where there is no child, or the child fails at any
    point, the task runs in this process when its items or result are wanted, and as many
    of its items as were already given are skipped: for a task that emits the same items
    every time, the sequence is the same either way.
    """

    def __init__(self, task: Callable[[Callable[[object], None]], T],
                 receive: Callable[[bool], bytes | None] | None) -> None:
        self._task = task
        # receive(wait): the child's next message; None once it has closed its end; without
        # waiting, _NOT_YET when none has arrived
        self._receive = receive
        self._result: T | None = None
        self._done = False
        self._given = 0

    def _messages(self, wait: bool) -> Iterator[object]:
        """Items from the child, in order, until it ends (or, without waiting, until none is
        here); on its result or its failure the receiving stops."""
        while self._receive is not None:
            message = self._receive(wait)
            if message is _NOT_YET:
                return
            try:
                kind, value = pickle.loads(message) if message is not None else ("failed", None)
            except (pickle.UnpicklingError, EOFError, ValueError):
                kind, value = "failed", None
            if kind == "item":
                self._given += 1
                yield value
                continue
            self._receive = None
            if kind == "ok":
                self._result, self._done = value, True

    def ready(self) -> Iterator[object]:
        """The items that have arrived so far, without waiting for more."""
        return self._messages(wait=False)

    def __iter__(self) -> Iterator[object]:
        yield from self._messages(wait=True)
        if self._done:
            return
        items: list[object] = []
        self._result, self._done = self._task(items.append), True
        yield from items[self._given:]

    def result(self) -> T:
        """The task's return value, once every item is given."""
        for _ in self:
            pass
        return self._result  # type: ignore[return-value]


@contextlib.contextmanager
def streamed_in_background(task: Callable[[Callable[[object], None]], T],
                           drain: bool = True, room: int = 0) -> Iterator[Streamed[T]]:
    """Start `task(emit)` in a forked child; yields a `Streamed` of what it emits and returns.

    With `drain` a thread here takes the child's messages as they come, so the child never
    waits for this process to read them (a pipe holds only 64 KB), unless the pipe can be
    given `room` bytes: a caller that reads now and then, and lets no more than that pile
    up meanwhile, needs no thread (whose start and turns at the interpreter cost this
    process a few milliseconds). The child is stopped if the block is left before the
    result is had.
    """
    if not can_fork():
        yield Streamed(task, None)
        return
    receiver, sender = _pipe()
    if drain and room and _widened(sender, room):
        drain = False
    process = _Forked(lambda: _child(task, sender, receiver))
    running, streamed, taker = False, None, None
    try:  # from before the fork: a signal held over it is raised the moment the hold ends
        try:
            with warnings.catch_warnings(), signals_held():  # Ctrl-C inside fork's hooks would deadlock
                warnings.simplefilter("ignore", DeprecationWarning)  # fork while a progress thread runs
                process.start()
                running = True
        except OSError:  # no process to be had (a process limit, no memory): the task runs here
            pass
        finally:
            sender.close()
        if not running:
            yield Streamed(task, None)
            return
        receive = _receiver(receiver)
        if drain:
            receive, taker = _drained(receive)
        streamed = Streamed(task, receive)
        yield streamed
    finally:
        if running:
            if streamed is None or not streamed._done:
                process.terminate()
            process.join()
        if taker is not None:
            taker.join()  # it reads the end of the pipe once the child is gone
        receiver.close()


class _Forked:
    """A child process forked to run `target`, which then ends at once (`os._exit`: nothing
    of this process's exit handlers or output buffers runs twice).

    multiprocessing's Process does the same through more machinery, whose modules take some
    6 ms to import before a build's first fork.
    """

    def __init__(self, target: Callable[[], None]) -> None:
        self._target = target
        self.pid: int | None = None

    def start(self) -> None:
        """Fork; OSError if there is no process to be had."""
        pid = os.fork()
        if pid == 0:  # the child: it never returns to the caller's code
            code = 1
            try:
                self._target()
                code = 0
            finally:
                os._exit(code)
        self.pid = pid

    def terminate(self) -> None:
        """Ask the child to stop (SIGTERM), if it is still there."""
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)

    def join(self) -> None:
        """Wait for the child to end, and reap it."""
        if self.pid is not None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = None


def _pipe() -> tuple[_PipeEnd, _PipeEnd]:
    """A one-way pipe for whole messages: (the end to receive from, the end to send to)."""
    receiving, sending = os.pipe()
    return _PipeEnd(receiving), _PipeEnd(sending)


class _PipeEnd:
    """One end of a pipe that carries whole messages, each its length then its bytes, as
    multiprocessing's one-way `Pipe` does (whose module takes some 4 ms to import, before
    the first fork of a build)."""

    _LENGTH = struct.Struct("!Q")

    def __init__(self, descriptor: int) -> None:
        self._descriptor: int | None = descriptor

    def fileno(self) -> int:
        if self._descriptor is None:
            raise OSError("the pipe is closed")
        return self._descriptor

    def close(self) -> None:
        if self._descriptor is not None:
            descriptor, self._descriptor = self._descriptor, None
            os.close(descriptor)

    def send_bytes(self, data: bytes) -> None:
        """Send one message; OSError if the other end is closed."""
        self._write(self._LENGTH.pack(len(data)))
        self._write(data)

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self.fileno(), view):]

    def recv_bytes(self) -> bytes:
        """The next message, waiting for it; EOFError once the other end is closed."""
        (length,) = self._LENGTH.unpack(self._read(self._LENGTH.size))
        return self._read(length)

    def _read(self, length: int) -> bytes:
        chunks = []
        while length:
            chunk = os.read(self.fileno(), min(length, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            length -= len(chunk)
        return b"".join(chunks)

    def poll(self) -> bool:
        """Whether a message (or the end of the pipe) is there to read without waiting."""
        poller = select.poll()  # not select.select, which knows only descriptors below 1024
        poller.register(self.fileno(), select.POLLIN)
        return bool(poller.poll(0))


def _widened(connection, room: int) -> bool:
    """Whether the pipe under `connection` now holds at least `room` bytes (Linux)."""
    try:
        return fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, room) >= room
    except (OSError, AttributeError):  # no fcntl or no such request here, or more than a user may ask for
        return False


def _receiver(receiver) -> Callable[[bool], bytes | None]:
    """receive(wait) from the end of a child's pipe (see Streamed)."""
    def receive(wait: bool) -> bytes | None:
        try:
            if not wait and not receiver.poll():
                return _NOT_YET
            return receiver.recv_bytes()
        except (EOFError, OSError):
            return None
    return receive


def _drained(receive: Callable[[bool], bytes | None]):
    """A started thread that takes every message `receive` gives as it comes, and a
    receive(wait) that gives them from the thread's queue."""
    messages: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

    def take_all() -> None:
        try:
            while (message := receive(True)) is not None:
                messages.put(message)
        finally:
            messages.put(None)  # whatever happens, whoever waits learns that nothing more comes

    def receive_taken(wait: bool) -> bytes | None:
        try:
            return messages.get(block=wait)
        except queue.Empty:
            return _NOT_YET

    taker = threading.Thread(target=take_all, name="guide-builder-receive", daemon=True)
    taker.start()
    return receive_taken, taker


def map_shared(items: list, work: Callable[[object], T], minimum: int,
               meanwhile: Callable[[], None] | None = None) -> list[T]:
    """`[work(item) for item in items]`, shared with a forked child when there are at least
    `minimum` items.

    The child takes items from the end of the list and this process, once `meanwhile()`
    has run (work of its own that overlaps the child's, such as importing what it needs
    next), takes them from the start, one at a time, until the two meet: both finish
    together however long `meanwhile` or each item takes, on a busy machine too. The child
    sends each result as soon as it has it, and this process takes in those that have
    arrived between items of its own, so that little is left to unpickle once the two
    meet. Items the child took but did not deliver (it failed) are done here; without a
    child, `meanwhile()` simply runs first.
    """
    bounds = _SharedBounds.made(len(items)) if len(items) >= minimum and can_fork() else None
    if bounds is None:
        if meanwhile is not None:
            meanwhile()
        return [work(item) for item in items]

    def from_end(emit: Callable[[object], None]) -> None:
        while (index := bounds.take(from_start=False)) is not None:
            emit((index, work(items[index])))

    done: dict[int, T] = {}
    try:
        with streamed_in_background(from_end, room=_RESULTS_ROOM) as theirs:
            if meanwhile is not None:
                meanwhile()
            while (index := bounds.take(from_start=True)) is not None:
                done.update(theirs.ready())  # unpickled while the child works, not after
                done[index] = work(items[index])
            done.update(theirs)
    finally:
        bounds.close()
    return [done[index] if index in done else work(item) for index, item in enumerate(items)]


# what a child's results may amount to before this process starts reading them (after
# `meanwhile`): a parsed week is some 12 KB, and some 30 are parsed meanwhile
_RESULTS_ROOM = 1 << 20


class _SharedBounds:
    """[next index from the start, one past the next index from the end] of a list two
    processes share out, in memory a forked child shares, behind a lock made of a pipe that
    holds one token (whoever reads it holds the lock, and writes it back).

    multiprocessing's `Array` does the same with a semaphore and a heap in a temporary
    folder, and took some 9 ms to make before a build's first fork.
    """

    _FORMAT = struct.Struct("ii")

    def __init__(self, count: int) -> None:
        self._memory = mmap.mmap(-1, self._FORMAT.size)  # anonymous: shared with forked children
        self._FORMAT.pack_into(self._memory, 0, 0, count)
        try:
            self._token_out, self._token_in = os.pipe()
        except OSError:
            self._memory.close()
            raise
        os.write(self._token_in, b"t")

    @classmethod
    def made(cls, count: int) -> _SharedBounds | None:
        """New bounds over `count` items, or None where there is no shared memory or pipe."""
        try:
            return cls(count)
        except (OSError, ValueError):
            return None

    def take(self, from_start: bool) -> int | None:
        """The next index from the start (or from the end), or None once the two have met."""
        os.read(self._token_out, 1)
        try:
            start, end = self._FORMAT.unpack_from(self._memory, 0)
            if start >= end:
                return None
            if from_start:
                self._FORMAT.pack_into(self._memory, 0, start + 1, end)
                return start
            self._FORMAT.pack_into(self._memory, 0, start, end - 1)
            return end - 1
        finally:
            os.write(self._token_in, b"t")

    def close(self) -> None:
        """Release the pipe and the memory (in this process; a child's copies end with it)."""
        os.close(self._token_out)
        os.close(self._token_in)
        self._memory.close()


def _child(task: Callable[[Callable[[object], None]], object], sender, receiver) -> None:
    """Run `task(emit)`, sending each emitted item, then ("ok", its result), or ("failed",
    None) if it fails: the parent then runs the task itself and reports what goes wrong.

    The child closes its copy of the pipe's reading end: were the parent gone without
    stopping it (killed outright), its next send fails instead of waiting for ever.
    """
    release_signals()
    receiver.close()

    def emit(item: object) -> None:
        sender.send_bytes(pickle.dumps(("item", item), protocol=pickle.HIGHEST_PROTOCOL))

    try:
        payload = pickle.dumps(("ok", task(emit)), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:
        payload = pickle.dumps(("failed", None))
    try:
        sender.send_bytes(payload)
    except OSError:
        pass  # the parent stopped listening: it no longer wants the result
    finally:
        sender.close()
